"""One sample through the engine, node by node: every node's output, the loss, every gradient.

The step-through view shows a class what training does to one sample. It must show the
engine's numbers, not a second implementation's, so :func:`trace` runs the training plan
of :mod:`kernels.plan` on the :class:`~kernels.executor.Executor` with a batch of one
and then reads the executor's buffers:

    t = trace(graph, {"input_layer": x}, {"dense_2": y}, settings)
    for node in t.nodes:              # forward order
        node.value                    # float32, the node's output for the sample, shape = output shape
    t.loss, t.losses                  # the total and each output's loss
    for node in reversed(t.nodes):
        node.grad                     # dL/d(output) (None where no gradient flows)
    t.weight_grads[("dense", "kernel")]

Training semantics: Dropout draws a mask; BatchNormalization normalizes with the
statistics of this one sample. Where the loss absorbs a softmax or sigmoid (cross-entropy
on probabilities), the gradient shown at that output is the one with respect to the
pre-activation, as the engine computes it (:attr:`NodeTrace.grad_of_logits`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from graph_core.graph import Graph
from graph_core.model import DTYPE, ensure_weights, input_names, output_names, require_valid
from graph_core.nesting import has_nested, inline, inline_with_nodes
from graph_core.reference import check_inputs, embeddings_reading
from graph_core.settings import TrainingSettings
from graph_core.shapes import gives_ids
from kernels import losses as L
from kernels.executor import Executor, weights_of
from kernels.ops import op_for
from kernels.plan import compile_plan, data_sizes, fill_sizes
from kernels.training import ending_activation, infer_losses, prepare_targets


@dataclass(frozen=True)
class NodeTrace:
    """One node of the forward pass for one sample (arrays without the batch axis)."""

    node: int
    layer: str
    type: str
    value: np.ndarray  # float32, the node's output shape
    grad: np.ndarray | None  # float32, same shape; None where no gradient flows
    grad_of_logits: bool = False  # the loss absorbed this node's softmax/sigmoid
    #: Values within the call, by name, each ``(steps, ·)``: a recurrent layer's input, gates, cell and state at
    #: each time step in the order read (see the op's ``inside``); empty for most layers.
    inside: Mapping[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class Trace:
    """The whole pass: nodes in forward order, losses, and the weight gradients."""

    nodes: tuple[NodeTrace, ...]
    losses: Mapping[str, float]  # output name -> that output's loss
    loss_names: Mapping[str, str]  # output name -> Keras loss name
    weight_grads: Mapping[tuple[str, str], np.ndarray]  # (layer, weight) -> float32 of the weight's shape
    targets: Mapping[str, np.ndarray]

    @property
    def loss(self) -> float:
        return float(sum(self.losses.values()))

    def node(self, node_id: int) -> NodeTrace:
        return next(n for n in self.nodes if n.node == node_id)


#: The length a sample takes where the model leaves a sequence's length open.
SAMPLE_LENGTH = 10


def sample_inputs(graph: Graph, kind: str, seed: int = 0) -> dict[str, np.ndarray]:
    """A one-sample batch for each input: ``kind`` is ``"zeros"`` or ``"random"`` (standard normal, or token ids
    in the range of every Embedding reading the input); a length left open is :data:`SAMPLE_LENGTH`."""
    analysis = require_valid(graph)
    rng = np.random.default_rng(seed)
    out = {}
    for node, name in zip(analysis.inputs, input_names(graph), strict=True):
        shape = (1, *(SAMPLE_LENGTH if d is None else d for d in analysis.shapes[node][1:]))  # type: ignore[index]
        readers = embeddings_reading(graph, node)
        dtype = np.int32 if gives_ids(graph, node) else DTYPE
        if kind == "zeros":
            out[name] = np.zeros(shape, dtype)
        elif readers:
            out[name] = rng.integers(0, min(dim for _, dim in readers), size=shape).astype(dtype)
        else:
            out[name] = rng.standard_normal(shape).astype(dtype)
    return out


def default_targets(graph: Graph, settings: TrainingSettings | None = None) -> dict[str, np.ndarray]:
    """Targets for a sample without a label: class 0 for a classifying output, else zeros.

    An output classifies when its loss (set, or guessed from a softmax/sigmoid at the end)
    is a cross-entropy; its target is then the integer label 0, as the data sets give. An
    output whose sizes are left open takes those the model gives a sample of
    :func:`sample_inputs` (a window may shorten a sequence).
    """
    analysis = require_valid(graph)
    names = output_names(graph)
    wanted = (settings or TrainingSettings()).losses_for(names)
    declared = [tuple(analysis.shape_of(value)[1:]) for value in analysis.output_values]  # type: ignore[index]
    if any(None in shape for shape in declared):  # the shapes with the sample's sizes (the graph is not changed)
        flat = inline(graph)
        fill_sizes(flat, data_sizes(sample_inputs(graph, "zeros")))
        given = flat.analysis()
        declared = (
            [tuple(given.shape_of(value)[1:]) for value in given.output_values]  # type: ignore[index]
            if given.valid  # else too short for a window: the trace says so
            else [tuple(SAMPLE_LENGTH if d is None else d for d in shape) for shape in declared]
        )
    out = {}
    for (node, _), name, loss, shape in zip(analysis.output_values, names, wanted, declared, strict=True):
        layer = graph.layer_of(node)
        ends_in = ending_activation(layer)
        if loss is None:
            loss = {"softmax": "sparse_categorical_crossentropy", "sigmoid": "binary_crossentropy"}.get(ends_in)
        if loss == "sparse_categorical_crossentropy":
            out[name] = np.zeros((1, *shape[:-1]) if len(shape) > 1 else (1,), np.int64)
        elif loss in ("binary_crossentropy", "categorical_crossentropy"):
            out[name] = np.zeros((1, *shape), np.int64 if loss == "binary_crossentropy" else DTYPE)
        else:
            out[name] = np.zeros((1, *shape), DTYPE)
    return out


def trace(
    graph: Graph,
    inputs: Mapping[str, np.ndarray],
    targets: Mapping[str, np.ndarray],
    settings: TrainingSettings | None = None,
) -> Trace:
    """Run one sample forward, through the loss and backward on the engine.

    ``inputs``: input layer name -> array ``(1, *input_shape)``; ``targets``: output name ->
    ``(1,)`` integer labels or ``(1, *output_shape)`` values, as in training.
    """
    require_valid(graph)
    ensure_weights(graph, seed=0)
    settings = settings if settings is not None else TrainingSettings()
    xs = check_inputs(graph, inputs)
    if any(len(x) != 1 for x in xs.values()):
        raise ValueError("trace takes exactly one sample per input")
    specs = infer_losses(graph, settings, targets)
    plan = compile_plan(graph, specs, training=True, sizes=data_sizes(xs))
    ex = Executor(plan, weights_of(graph, plan), threads=1, seed=settings.seed)
    b = ex.bind(1)
    for name, arr in b.inputs.items():
        arr[...] = xs[name]
    prepared = {}
    for out in plan.outputs:
        t = prepare_targets(out, np.asarray(targets[out.name]))
        b.targets[out.name][...] = t.reshape(b.targets[out.name].shape)
        prepared[out.name] = t
    ex.forward(b)
    per_output = ex.loss(b)
    ex.backward(b)

    # The plan runs nested models inlined, as this flat graph (the same node ids): a call shows as one step,
    # its model's output.
    outer, flat_of = graph, None
    if has_nested(graph):
        graph, flat_of = inline_with_nodes(graph)
    analysis = graph.analysis()
    with_loss = [o for o in plan.outputs if o.loss is not None]
    losses = {o.name: float(v) for o, v in zip(with_loss, per_output, strict=True)}
    step_of = {s.node: s for s in plan.steps}
    input_buffer = dict(plan.inputs)
    output_grad = {(o.node, o.out): (o.grad, o.fuse != L.FUSE_NONE) for o in plan.outputs}
    # Every output's value and gradient, by (node, output): a view reads the output it is wired to (an LSTM's c,
    # not its first output), and a nested call giving a state shows that state.
    value_buf: dict[tuple[int, int], np.ndarray] = {}
    grad_buf: dict[tuple[int, int], np.ndarray | None] = {}
    inside: dict[int, dict[str, np.ndarray]] = {}
    nodes = []

    def sample_shape(value: tuple[int, int]) -> tuple[int, ...]:
        # a length left open is the sample's (-1: numpy reads it off the buffer)
        return tuple(-1 if d is None else d for d in analysis.shape_of(value)[1:])  # type: ignore[index]

    for n in analysis.order:
        layer = graph.layer_of(n)
        shape = sample_shape((n, 0))
        srcs = graph.values_into(n)
        step = step_of.get(n)
        if layer.type == "InputLayer":
            if layer.name not in input_buffer:
                continue  # an input no output depends on
            values, grads = [b.arrays[input_buffer[layer.name]]], [None]
        elif step is not None:
            values = [b.arrays[k] for k in (step.outputs or (step.output,))]
            grads = [None if k is None else b.arrays[k] for k in (step.grad_outs or (step.grad_out,))]
            if step.node in b.inside:
                inside[n] = op_for(step.kind).inside(step.attrs, b.inside[step.node], 0)
        elif srcs and srcs[0] in value_buf:  # a view of its input (Flatten, Reshape, linear Activation...)
            src_grad = grad_buf.get(srcs[0])
            values = [value_buf[srcs[0]].reshape(1, *shape)]
            grads = [src_grad.reshape(1, *shape) if src_grad is not None else None]
        else:
            continue  # not needed by any output
        for k, (value, grad) in enumerate(zip(values, grads, strict=True)):
            if (n, k) in output_grad and output_grad[(n, k)][0] is not None:
                grad = b.arrays[output_grad[(n, k)][0]]
            value_buf[(n, k)], grad_buf[(n, k)] = value, grad
        value, grad = value_buf[(n, 0)], grad_buf[(n, 0)]
        fused = output_grad.get((n, 0), (None, False))[1]
        nodes.append(
            NodeTrace(
                n,
                layer.name,
                layer.type,
                np.array(value, dtype=DTYPE).reshape(shape),
                None if grad is None else np.array(grad, dtype=DTYPE).reshape(shape),
                fused,
                inside.get(n, {}),
            )
        )
    grads = {key: np.asarray(g, dtype=DTYPE) for key, g in ex.grads.items()}
    if flat_of is not None:  # the steps of the graph on the canvas: a nested model's call is one
        by_flat = {t.node: t for t in nodes}
        nodes = []
        for n in outer.analysis().order:
            layer = outer.layer_of(n)
            count = outer.output_count(n)
            for out in range(count):  # a call of a model with several outputs: a step for each, inner[0], inner[1]
                flat_node, flat_out = flat_of.get((n, out), (-1, 0))
                t = by_flat.get(flat_node)
                if t is None:
                    continue
                name = f"{layer.name}[{out}]" if count > 1 else layer.name
                if flat_out == 0:
                    nodes.append(NodeTrace(n, name, layer.type, t.value, t.grad, t.grad_of_logits, t.inside))
                else:  # another output of the inner node (an LSTM's state): its own value and gradient
                    shape, grad = sample_shape((flat_node, flat_out)), grad_buf[(flat_node, flat_out)]
                    value = np.array(value_buf[(flat_node, flat_out)], dtype=DTYPE).reshape(shape)
                    nodes.append(NodeTrace(n, name, layer.type, value,
                                           None if grad is None else np.array(grad, dtype=DTYPE).reshape(shape),
                                           False, {}))  # fmt: skip
    return Trace(tuple(nodes), losses, {o.name: o.loss for o in with_loss}, grads, prepared)  # type: ignore[misc]
