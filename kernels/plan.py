"""Compile a valid graph into a :class:`Plan`: steps in topological order over numbered buffers.

A plan is pure data (frozen dataclasses), made once per model and mode; the executor
turns it into kernel calls for one batch size. What the compiler decides, one pass each:

* which nodes run (those an output depends on) and in what order;
* the value buffers: one per node's output (a recurrent layer giving its states has
  several), except the calls its op calls views (Flatten, Reshape, a linear Activation,
  Dropout at inference), which see their input's buffer;
* for training, the gradient buffers (views again for the reshaping layers), and for
  every gradient contribution whether it writes or adds: the first writer in backward
  order writes, later ones add — so fan-out and shared layers sum their gradients;
* where the loss absorbs the output activation (softmax + cross-entropy, sigmoid +
  binary cross-entropy), so the gradient reaches the pre-activation in one pass;
* each step: its op's attributes and scratch buffers (:mod:`kernels.ops`).

No layer type is named here: each node's op says what it needs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph_core.errors import DataError
from graph_core.graph import Analysis, Graph, Value
from graph_core.layers import format_shape
from graph_core.messages import Message
from graph_core.model import input_names, output_names, require_valid
from graph_core.nesting import has_nested, inline
from graph_core.shapes import gives_ids
from kernels import losses as L
from kernels.ops import PlanCall, Source, op_for


@dataclass(frozen=True)
class Buffer:
    """An array the executor allocates: ``(batch, *shape)`` when ``batch_major``, else ``shape``.

    ``alias`` makes it a reshaped view of another buffer. ``kind`` is ``float`` (the
    executor's dtype) or ``int32``; ``zeroed`` buffers start as zeros (kernels that write
    only part of them rely on the rest staying zero).
    """

    shape: tuple[int, ...]
    kind: str = "float"
    batch_major: bool = True
    alias: int | None = None
    zeroed: bool = False


@dataclass(frozen=True)
class Step:
    """One call of a layer: reads ``inputs``, writes ``output`` (buffer numbers).

    ``grad_in[p]`` is the gradient buffer of input ``p`` (None: no gradient needed) and
    ``acc_in[p]`` whether this step adds to it; ``grad_out`` is None when the step has
    no backward pass. ``attrs`` holds what the kernels need (activation codes, axis...).
    A call giving several outputs writes ``outputs`` (``output`` first) and reads their
    gradients from ``grad_outs``; one that nothing reads stays zero.
    """

    node: int
    layer: str
    kind: str
    inputs: tuple[int, ...]
    output: int
    scratch: tuple[int, ...] = ()
    grad_out: int | None = None
    grad_in: tuple[int | None, ...] = ()
    acc_in: tuple[bool, ...] = ()
    acc_weights: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)
    outputs: tuple[int, ...] = ()
    grad_outs: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class LossSpec:
    """A loss by Keras name for one output, and its weight in the total loss."""

    name: str
    from_logits: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class Output:
    """A model output: its value (and gradient) buffer, loss and metric; ``out`` is which of the node's outputs."""

    name: str
    node: int
    value: int
    shape: tuple[int, ...]  # per sample
    grad: int | None = None
    acc: bool = False
    loss: str | None = None
    from_logits: bool = False
    fuse: int = L.FUSE_NONE
    metric: int | None = None
    metric_name: str = ""
    threshold: float = 0.5
    weight: float = 1.0  # in the total loss (Keras's loss_weights)
    out: int = 0

    @property
    def sparse(self) -> bool:
        return self.loss == "sparse_categorical_crossentropy"

    @property
    def rows_per_sample(self) -> int:
        return math.prod(self.shape[:-1])


@dataclass(frozen=True)
class WeightRef:
    layer: str
    name: str
    shape: tuple[int, ...]
    trainable: bool


@dataclass(frozen=True)
class Plan:
    training: bool
    inputs: tuple[tuple[str, int], ...]  # (input layer name, buffer)
    steps: tuple[Step, ...]
    buffers: tuple[Buffer, ...]
    outputs: tuple[Output, ...]
    weights: tuple[WeightRef, ...]
    values: tuple[tuple[int, int], ...] = ()  # (node, buffer) of every node that runs: its (first) output

    def trainable(self) -> list[WeightRef]:
        return [w for w in self.weights if w.trainable]

    def value_of(self, node: int) -> int | None:
        """The buffer holding ``node``'s output (views included), or None if the node does not run."""
        return dict(self.values).get(node)


def metric_for(loss: str, from_logits: bool) -> tuple[int, str, float]:
    """Keras's metric for a loss: the matching accuracy, or mae for regression."""
    if loss == "sparse_categorical_crossentropy":
        return L.ACC_SPARSE, "accuracy", 0.5
    if loss == "categorical_crossentropy":
        return L.ACC_CATEGORICAL, "accuracy", 0.5
    if loss == "binary_crossentropy":
        return L.ACC_BINARY, "accuracy", 0.0 if from_logits else 0.5
    return L.METRIC_MAE, "mae", 0.5


class _Buffers:
    """The plan's buffers as they are made, numbered in order."""

    def __init__(self) -> None:
        self.list: list[Buffer] = []

    def new(
        self,
        shape: tuple[int, ...],
        kind: str = "float",
        batch_major: bool = True,
        alias: int | None = None,
        zeroed: bool = False,
    ) -> int:
        self.list.append(Buffer(tuple(shape), kind, batch_major, alias, zeroed))
        return len(self.list) - 1

    def root(self, b: int) -> int:
        """The buffer that holds the memory ``b`` sees (itself unless it is a view)."""
        while self.list[b].alias is not None:
            b = self.list[b].alias  # type: ignore[assignment]
        return b


@dataclass
class _Graph:
    """What every pass reads: the graph, the nodes that run, their outputs' per-sample shapes, which are views."""

    graph: Graph
    analysis: Analysis
    order: list[int]
    shapes: dict[Value, tuple[int, ...]]
    views: dict[int, bool]
    training: bool
    output_names: list[str]


def compile_plan(
    graph: Graph,
    losses: Sequence[LossSpec] | None = None,
    training: bool = False,
    sizes: Mapping[str, tuple[int, ...]] | None = None,
) -> Plan:
    """The plan of ``graph`` (must be valid); ``losses`` one per output, needed for training.

    A nested model runs inlined (:func:`graph_core.nesting.inline`): its steps and weights
    are named by path (``encoder/dense``), its outputs keep the names the graph gives them.
    An Input whose sizes are left open (a sequence of any length) takes those of its data:
    ``sizes`` gives each input's sample shape (as :func:`data_sizes` reads them), and the
    plan is for those.
    """
    require_valid(graph)
    names = output_names(graph)
    if has_nested(graph) or has_open_sizes(graph):
        graph = inline(graph)
    if has_open_sizes(graph):
        fill_sizes(graph, sizes)
        analysis = graph.analysis()
        if not analysis.valid:  # the model takes any length, but not this one (too short for a window)
            raise DataError(
                Message("The data's sizes {sizes} do not fit the model: {problem}",
                        sizes=", ".join(f"{k} {tuple(v)}" for k, v in (sizes or {}).items()),
                        problem=analysis.problems[0].message)
            )  # fmt: skip
    analysis = require_valid(graph)
    outputs = list(analysis.output_values)
    if training and (losses is None or len(losses) != len(outputs)):
        raise ValueError("training needs one loss per output")
    order = _needed_order(graph, [n for n, _ in outputs], analysis)
    g = _Graph(
        graph,
        analysis,
        order,
        {(n, out): tuple(shape[1:]) for n in order for out, shape in enumerate(analysis.out_shapes[n])},  # type: ignore[index]
        {n: op_for(graph.layer_of(n).type).is_view(graph.layer_of(n), training) for n in order},
        training,
        names,
    )
    buffers = _Buffers()
    value = _value_buffers(g, buffers)
    needs, grad = _gradient_buffers(g, buffers) if training else ({}, {})
    accumulate, writers = _accumulation(g, outputs, needs, grad, buffers)
    out_specs, fused = _outputs(g, outputs, losses, value, grad, accumulate, writers, buffers)
    steps = _steps(g, value, needs, grad, accumulate, fused, buffers)
    return Plan(
        training=training,
        inputs=tuple(zip(input_names(graph), (value[n, 0] for n in analysis.inputs), strict=True)),
        steps=tuple(steps),
        buffers=tuple(buffers.list),
        outputs=tuple(out_specs),
        weights=tuple(_weight_refs(g)),
        values=tuple((n, b) for (n, out), b in value.items() if out == 0),
    )


def has_open_sizes(graph: Graph) -> bool:
    """An Input of the graph leaves a size open (None)."""
    return any(graph.layer_of(n).type == "InputLayer" and None in graph.layer_of(n).config["shape"]
               for n in graph.input_nodes())  # fmt: skip


def data_sizes(xs: Mapping[str, np.ndarray]) -> dict[str, tuple[int, ...]]:
    """Each input's sample shape in the data."""
    return {name: tuple(int(d) for d in np.shape(x)[1:]) for name, x in xs.items()}


def fill_sizes(flat: Graph, sizes: Mapping[str, tuple[int, ...]] | None) -> None:
    """Give ``flat``'s (its own, inlined) Inputs the sizes of the data; ``DataError`` where they do not fit."""
    for n in flat.input_nodes():
        layer = flat.layer_of(n)
        shape = tuple(layer.config["shape"])
        if None not in shape:
            continue
        given = None if sizes is None else sizes.get(layer.name)
        if given is None:
            raise DataError(
                Message("Input {name!r} leaves sizes open {shape}; the model runs on data that gives them",
                        name=layer.name, shape=format_shape((None, *shape)))
            )  # fmt: skip
        if len(given) != len(shape) or any(want is not None and want != got for want, got in zip(shape, given)):
            raise DataError(
                Message("Input {name!r} expects samples of shape {want}; received samples of shape {found}",
                        name=layer.name, want=format_shape((None, *shape)), found=tuple(given))
            )  # fmt: skip
        flat.set_config(layer.name, {**layer.config, "shape": tuple(given)})


def _needed_order(graph: Graph, outputs: list[int], analysis: Analysis) -> list[int]:
    """The nodes the outputs depend on and every Input (one that leads to no output still takes
    its data, as in Keras), in the graph's topological order."""
    needed: set[int] = set(analysis.inputs)
    stack = list(outputs)
    while stack:
        n = stack.pop()
        if n not in needed:
            needed.add(n)
            stack.extend(graph.sources_of(n))
    return [n for n in analysis.order if n in needed]


def _value_buffers(g: _Graph, buffers: _Buffers) -> dict[Value, int]:
    """One buffer per node's output; a view sees its input's."""
    value: dict[Value, int] = {}
    for n in g.order:
        srcs = g.graph.values_into(n)
        kind = "int32" if gives_ids(g.graph, n) else "float"  # token ids stay whole
        for out in range(g.graph.output_count(n)):
            value[n, out] = buffers.new(g.shapes[n, out], kind, alias=value[srcs[0]] if g.views[n] else None)
    return value


def _gradient_buffers(g: _Graph, buffers: _Buffers) -> tuple[dict[int, bool], dict[Value, int]]:
    """Which nodes need dL/d(output) (they lead to a trainable weight), and the buffer of each output's. Those of
    a node with several outputs start as zeros: an output nothing reads keeps a zero gradient."""
    trainable = {name: any(s.trainable for s in (specs or ())) for name, specs in g.analysis.weight_specs.items()}
    needs: dict[int, bool] = {}
    grad: dict[Value, int] = {}
    for n in g.order:
        srcs = g.graph.values_into(n)
        layer = g.graph.layer_of(n)
        source = isinstance(op_for(layer.type), Source)
        needs[n] = not source and (trainable.get(layer.name, False) or any(needs[s] for s, _ in srcs))
        if needs[n]:
            count = g.graph.output_count(n)
            for out in range(count):
                grad[n, out] = buffers.new(g.shapes[n, out], alias=grad[srcs[0]] if g.views[n] else None,
                                           zeroed=count > 1)  # fmt: skip
    return needs, grad


Contribution = tuple[str, int, int]  # ("loss", output index, 0) or ("step", node, input port)


def _accumulation(
    g: _Graph, outputs: list[Value], needs: dict[int, bool], grad: dict[Value, int], buffers: _Buffers
) -> tuple[dict[Contribution, bool], dict[int, int]]:
    """For each gradient contribution in backward order, whether it adds (True) or writes; and how
    many contributions each gradient buffer gets."""
    contributions: list[Contribution] = []
    if g.training:
        contributions += [("loss", i, 0) for i, (n, _) in enumerate(outputs) if needs.get(n)]
        for n in reversed(g.order):
            if needs.get(n) and not g.views[n]:
                for port, src in enumerate(g.graph.sources_of(n)):
                    if needs.get(src):
                        contributions.append(("step", n, port))

    def target(c: Contribution) -> int:
        who, key, port = c
        return buffers.root(grad[outputs[key]] if who == "loss" else grad[g.graph.values_into(key)[port]])

    writers: dict[int, int] = {}
    accumulate: dict[Contribution, bool] = {}
    for c in contributions:  # the first in backward order writes, later ones add
        t = target(c)
        accumulate[c] = t in writers
        writers[t] = writers.get(t, 0) + 1
    return accumulate, writers


def _outputs(
    g: _Graph,
    outputs: list[Value],
    losses: Sequence[LossSpec] | None,
    value: dict[Value, int],
    grad: dict[Value, int],
    accumulate: dict[Contribution, bool],
    writers: dict[int, int],
    buffers: _Buffers,
) -> tuple[list[Output], set[int]]:
    """Each output with its loss and metric; the nodes whose activation the loss absorbs."""
    specs: list[Output] = []
    fused: set[int] = set()
    for i, (v, name) in enumerate(zip(outputs, g.output_names, strict=True)):
        n, out = v
        spec = losses[i] if losses is not None else None
        loss = L.canonical(spec.name) if spec is not None else None
        from_logits = bool(spec.from_logits) if spec is not None else False
        fuse = L.FUSE_NONE
        gb = grad.get(v) if g.training else None
        if gb is not None and L.CODES[loss] in L.CROSSENTROPIES and not from_logits and not g.views[n]:
            layer = g.graph.layer_of(n)
            activation = op_for(layer.type).output_activation(layer) if g.graph.output_count(n) == 1 else None
            alone = writers[buffers.root(gb)] == 1  # nothing else adds to this output's gradient
            if alone and activation == "softmax" and loss != "binary_crossentropy":
                fuse = L.FUSE_SOFTMAX
            elif alone and activation == "sigmoid" and loss == "binary_crossentropy":
                fuse = L.FUSE_SIGMOID
            if fuse != L.FUSE_NONE:
                fused.add(n)
        metric, metric_name, threshold = metric_for(loss, from_logits) if loss else (None, "", 0.5)
        specs.append(
            Output(
                name,
                n,
                value[v],
                g.shapes[v],
                gb,
                accumulate.get(("loss", i, 0), False),
                loss,
                from_logits,
                fuse,
                metric,
                metric_name,
                threshold,
                spec.weight if spec is not None else 1.0,
                out,
            )  # fmt: skip
        )
    return specs, fused


def _steps(
    g: _Graph,
    value: dict[Value, int],
    needs: dict[int, bool],
    grad: dict[Value, int],
    accumulate: dict[Contribution, bool],
    fused: set[int],
    buffers: _Buffers,
) -> list[Step]:
    """One step per node that computes (not an input, not a view), with its op's plan entry."""
    seen_layer: set[str] = set()
    acc_weights: dict[int, bool] = {}
    for n in reversed(g.order):  # the first node of a shared layer in backward order writes its weights' gradients
        name = g.graph.nodes[n].layer
        acc_weights[n] = name in seen_layer
        if needs.get(n):
            seen_layer.add(name)
    steps = []
    for n in g.order:
        layer = g.graph.layer_of(n)
        op = op_for(layer.type)
        if isinstance(op, Source) or g.views[n]:
            continue
        srcs = g.graph.values_into(n)
        backward = needs.get(n, False)
        wanted = tuple(backward and needs.get(s, False) for s, _ in srcs)
        call = PlanCall(layer, [g.shapes[s] for s in srcs], g.shapes[n, 0], g.training, n in fused, buffers.new,
                        wanted)  # fmt: skip
        attrs = op.plan(call)
        outs = [(n, out) for out in range(g.graph.output_count(n))]
        steps.append(
            Step(
                node=n,
                layer=layer.name,
                kind=layer.type,
                inputs=tuple(value[s] for s in srcs),
                output=value[n, 0],
                scratch=tuple(call.scratch),
                grad_out=grad.get((n, 0)) if backward else None,
                grad_in=tuple(grad[s] if needs.get(s[0]) else None for s in srcs) if backward else (),
                acc_in=tuple(accumulate.get(("step", n, p), False) for p in range(len(srcs))) if backward else (),
                acc_weights=acc_weights[n],
                attrs=attrs,
                outputs=tuple(value[v] for v in outs),
                grad_outs=tuple(grad.get(v) for v in outs) if backward else (),
            )
        )
    return steps


def _weight_refs(g: _Graph) -> list[WeightRef]:
    """Every weight of the layers that run, layer by layer in the order they first run."""
    refs: list[WeightRef] = []
    for name in dict.fromkeys(g.graph.nodes[n].layer for n in g.order):
        for s in g.analysis.weight_specs.get(name) or ():
            refs.append(WeightRef(name, s.name, s.shape, s.trainable))
    return refs
