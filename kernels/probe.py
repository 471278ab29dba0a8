"""Look inside a training run: grid predictions, per-node statistics, confusion, data checks.

What the editor's teaching views need, computed with a :class:`~kernels.training.Trainer`'s
current weights. Qt-free; call these on the thread that runs ``fit`` (from its callbacks,
between batches) or when no training runs, never concurrently with a batch.

    grid = boundary_grid(x2d, resolution=64)               # (xs, ys, points (r*r, 2) float32)
    probs = predict_arrays(trainer, {"input_layer": grid.points})
    probe = NodeProbe(trainer, x_probe, y_probe)           # a small fixed batch
    stats = probe.measure()                                # {node id: NodeStats}
    cm = confusion(y_true, y_pred, classes)                # (classes, classes) int64
    layer, table = first_embedding(trainer)                 # the first Embedding's vectors, as they train
    view = project_2d(table)                               # on their two main directions (PCA)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from graph_core import messages
from graph_core.errors import LayerwireError
from graph_core.graph import Graph
from graph_core.messages import Message
from graph_core.model import DTYPE, input_names, output_names
from graph_core.settings import TrainingSettings
from kernels.datasets import Dataset
from kernels.executor import Executor
from kernels.plan import compile_plan, data_sizes


@dataclass(frozen=True)
class Grid:
    """A square grid over 2-D data: ``xs``/``ys`` (r,) float32 and ``points`` (r*r, 2), row-major in y."""

    xs: np.ndarray
    ys: np.ndarray
    points: np.ndarray

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return float(self.xs[0]), float(self.xs[-1]), float(self.ys[0]), float(self.ys[-1])


def boundary_grid(x: np.ndarray, resolution: int = 64, margin: float = 0.15) -> Grid:
    """A ``resolution``² grid covering the 2-D points ``x`` (n, 2) with a margin of their extent."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = (hi - lo) * margin + 1e-6
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution, dtype=DTYPE)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution, dtype=DTYPE)
    gx, gy = np.meshgrid(xs, ys)
    return Grid(xs, ys, np.ascontiguousarray(np.stack([gx.ravel(), gy.ravel()], axis=1), dtype=DTYPE))


def predict_arrays(trainer, inputs: Mapping[str, np.ndarray], batch_size: int = 512) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """The trainer's outputs ``(n, *shape)`` float32 at inference, without touching its graph.

    ``inputs`` must already be float32 arrays of the model's input shapes (e.g. from a
    :class:`Dataset` the trainer accepted). Output activations are applied as the model
    defines them (logits stay logits).
    """
    ex: Executor = trainer.eval_executor
    n = len(next(iter(inputs.values())))
    results = {o.name: np.empty((n, *o.shape), DTYPE) for o in trainer.eval_plan.outputs}
    for first in range(0, n, batch_size):
        idx = np.arange(first, min(n, first + batch_size))
        b = ex.bind(len(idx))
        for name, buf in b.inputs.items():
            buf[...] = inputs[name][idx]
        ex.forward(b)
        for name, arr in b.outputs.items():
            results[name][first : first + len(idx)] = arr
    return results


def class_scores(y: np.ndarray) -> np.ndarray:
    """Per-class scores ``(n, C)`` from an output ``(n, C)``; one unit becomes ``[1 - p, p]``.

    Logits and probabilities both work for colouring and arg-max: a softmax is applied
    to rows that do not already sum to one, a sigmoid to a single unit outside [0, 1].
    """
    y = y.reshape(len(y), -1).astype(np.float64)
    if y.shape[1] == 1:
        p = y[:, 0]
        if p.min(initial=0.0) < 0 or p.max(initial=0.0) > 1:
            p = 1.0 / (1.0 + np.exp(-p))
        return np.stack([1 - p, p], axis=1)
    if np.all(y >= 0) and np.allclose(y.sum(axis=1), 1.0, atol=1e-3):
        return y
    e = np.exp(y - y.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def confusion(y_true: np.ndarray, y_pred: np.ndarray, classes: int) -> np.ndarray:
    """``(classes, classes)`` int64 counts: row = true class, column = predicted class."""
    m = np.zeros((classes, classes), np.int64)
    np.add.at(m, (np.asarray(y_true, np.int64).ravel(), np.asarray(y_pred, np.int64).ravel()), 1)
    return m


@dataclass(frozen=True)
class NodeStats:
    """Mean absolute activation of a node's output and of the loss gradient reaching it."""

    activation: float
    gradient: float


class NodeProbe:
    """Forward and backward passes over a small fixed batch, to show what each node does.

    Runs the training plan on its own executor and gradient buffers; the weights are the
    trainer's (read, never written) except BatchNormalization's moving statistics, which
    a training forward pass updates and so get private copies.
    """

    def __init__(self, trainer, x: Mapping[str, np.ndarray], y: Mapping[str, np.ndarray]) -> None:  # type: ignore[no-untyped-def]
        from kernels.training import prepare_targets

        plan = trainer.plan
        weights = {
            layer: {k: (v.copy() if k.startswith("moving_") else v) for k, v in ws.items()}
            for layer, ws in trainer.weights.items()
        }
        self.executor = Executor(plan, weights, threads=1)
        self.plan = plan
        n = len(next(iter(x.values())))
        self.bound = self.executor.bind(n)
        for name, buf in self.bound.inputs.items():
            buf[...] = x[name]
        for o in plan.outputs:
            if o.name in self.bound.targets:
                self.bound.targets[o.name][...] = prepare_targets(o, y[o.name]).reshape(
                    self.bound.targets[o.name].shape
                )
        self._inputs = {name: buf for name, buf in plan.inputs}

    def forward(self) -> None:
        """The forward pass alone (for :meth:`node_output` without the node statistics)."""
        self.executor.forward(self.bound)

    def node_output(self, node: int, sample: int = 0) -> np.ndarray | None:
        """A node's output for one sample of the probe batch, after :meth:`measure` or :meth:`forward`
        (None if it does not run)."""
        buffer = self.plan.value_of(node)
        if buffer is None:
            return None
        return np.array(self.bound.arrays[buffer][sample], dtype=DTYPE)

    def measure(self) -> dict[int, NodeStats]:
        """``{node id: NodeStats}`` for every step of the plan (input nodes report activation only)."""
        ex, b = self.executor, self.bound
        ex.forward(b)
        ex.loss(b)
        ex.backward(b)
        out: dict[int, NodeStats] = {}
        for step in self.plan.steps:
            # A call giving several outputs (an LSTM's sequence and states) reports the mean over all of them: the
            # gradient of an encoder whose first output nothing reads flows back through its states.
            act = _mean_abs([b.arrays[k] for k in (step.outputs or (step.output,))])
            grad = _mean_abs([b.arrays[k] for k in (step.grad_outs or (step.grad_out,)) if k is not None])
            out[step.node] = NodeStats(act, grad)
        return out


def _mean_abs(arrays: list[np.ndarray]) -> float:
    """The mean magnitude over every value of ``arrays`` together (0 for none)."""
    count = sum(a.size for a in arrays)
    return float(sum(float(np.abs(a).sum()) for a in arrays) / count) if count else 0.0


def first_filters(trainer_or_graph) -> tuple[str, np.ndarray] | None:  # type: ignore[no-untyped-def]
    """The first convolution layer (in the order the model runs) and its kernel, or None.

    Takes a :class:`~kernels.training.Trainer` (its weights as they train) or a graph (its own).
    """
    graph = getattr(trainer_or_graph, "graph", trainer_or_graph)
    weights = getattr(trainer_or_graph, "weights", None)
    for node in graph.analysis().order:
        layer = graph.layer_of(node)
        if layer.spec.category != "Convolution":
            continue
        name = "depthwise_kernel" if "depthwise_kernel" in layer.weights else "kernel"
        source = weights.get(layer.name) if weights is not None else layer.weights
        if source and name in source:
            return layer.name, np.array(source[name], dtype=DTYPE)
    return None


#: Embeddings with more rows than this are not projected (the view is for vocabularies a class can look at).
EMBEDDING_POINTS = 10_000


def first_embedding(trainer_or_graph) -> tuple[str, np.ndarray] | None:  # type: ignore[no-untyped-def]
    """The first Embedding layer (in the order the model runs) of at most :data:`EMBEDDING_POINTS` rows and a copy
    of its table, or None. Takes a :class:`~kernels.training.Trainer` (its weights as they train) or a graph."""
    graph = getattr(trainer_or_graph, "graph", trainer_or_graph)
    weights = getattr(trainer_or_graph, "weights", None)
    for node in graph.analysis().order:
        layer = graph.layer_of(node)
        if layer.type != "Embedding" or layer.config["input_dim"] > EMBEDDING_POINTS:
            continue
        source = weights.get(layer.name) if weights is not None else layer.weights
        if source and "embeddings" in source:
            return layer.name, np.array(source["embeddings"], dtype=DTYPE)
    return None


@dataclass(frozen=True)
class Projection:
    """Vectors on their two main directions: ``points`` (rows, 2), ``share`` (2,) of the variance each direction
    holds, ``axes`` (2, dims) the directions (unit vectors)."""

    points: np.ndarray
    share: np.ndarray
    axes: np.ndarray


def project_2d(vectors: np.ndarray, previous: Projection | None = None) -> Projection:
    """Principal component analysis of the rows of ``vectors`` (centred), to 2-D. A direction's sign is arbitrary;
    with ``previous`` each keeps the sign nearest the previous one's, so points do not jump from side to side
    while a run trains them."""
    centred = np.asarray(vectors, np.float64) - np.mean(vectors, axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    axes = np.zeros((2, centred.shape[1]))
    axes[: min(2, len(vt))] = vt[:2]
    if previous is not None and previous.axes.shape == axes.shape:
        axes *= np.where(np.sum(axes * previous.axes, axis=1) < 0, -1.0, 1.0)[:, None]
    variance = singular**2
    share = np.zeros(2)
    share[: min(2, len(variance))] = variance[:2] / variance.sum() if variance.sum() > 0 else 0.0
    return Projection((centred @ axes.T).astype(DTYPE), share, axes)


def feature_maps(graph: Graph, inputs: Mapping[str, np.ndarray], node: int) -> np.ndarray | None:
    """``node``'s output for one sample (inputs ``(1, ...)``), with the graph's weights at inference; None
    when the node does not run for the model's outputs. The graph is not changed: a layer without
    weights yet is given the initial ones it would get (seed 0) for this pass only."""
    from graph_core.initializers import initialize, layer_rng
    from graph_core.model import check_weight_memory, require_valid
    from graph_core.reference import check_inputs
    from kernels import config

    analysis = require_valid(graph)
    check_weight_memory(graph)
    xs = check_inputs(graph, inputs)
    plan = compile_plan(graph, sizes=data_sizes(xs))
    buffer = plan.value_of(node)
    if buffer is None:
        return None
    weights: dict[str, dict[str, np.ndarray]] = {}
    for name in dict.fromkeys(ref.layer for ref in plan.weights):
        layer, specs = graph.layers[name], analysis.weight_specs[name] or ()
        values = dict(layer.weights)
        if {s.name for s in specs} != set(values) or any(values[s.name].shape != s.shape for s in specs):
            rng = layer_rng(0, name)  # the weights ensure_weights would draw, in the same order
            values = {s.name: initialize(s.initializer, s.shape, rng) for s in specs}
        for spec in specs:
            w = config.aligned_empty(spec.shape, DTYPE)
            w[...] = values[spec.name]
            weights.setdefault(name, {})[spec.name] = w
    ex = Executor(plan, weights, threads=1)
    b = ex.bind(1)
    for name, arr in b.inputs.items():
        arr[...] = xs[name]
    ex.forward(b)
    return np.array(b.arrays[buffer][0], dtype=DTYPE)


def input_node_ids(graph: Graph) -> dict[str, int]:
    """Input layer name -> its node id."""
    analysis = graph.analysis()
    return dict(zip(input_names(graph), analysis.inputs, strict=True))


def check_fit(graph: Graph, settings: TrainingSettings, data: Dataset) -> str | None:
    """None when ``data`` fits the model with these settings, else the reason (one sentence, a core message)."""
    from kernels.training import infer_losses, prepare_targets

    try:
        data.inputs_for(graph)
        losses = infer_losses(graph, settings, data.y)
        plan = compile_plan(graph, losses, sizes=data_sizes(data.x))
        for o in plan.outputs:
            if o.name not in data.y:
                return Message("The data has no targets for the output {name!r}", name=o.name)
            prepare_targets(o, data.y[o.name])
    except LayerwireError as exc:
        return messages.of(exc)
    names = output_names(graph)
    if not names:
        return Message("The model has no output")
    return None
