"""Run a compiled :class:`~kernels.plan.Plan`: forward, loss and backward over fixed buffers.

    ex = Executor(plan, weights)          # weights: {layer: {name: array}}, used in place
    bound = ex.bind(batch)                # buffers for this batch size, made once and kept
    bound.inputs["input_layer"][:] = x    # or gather rows straight into it
    ex.forward(bound)
    losses = ex.loss(bound)               # after filling bound.targets; writes dL/dy
    ex.backward(bound)                    # weight gradients into ex.grads[(layer, name)]

``bind`` turns each step into prepared kernel calls (function + argument tuple over
views of the batch's buffers) by asking the step's op (:mod:`kernels.ops`), so a
training step is a plain loop of about a dozen kernel calls. Weight gradients have their
weight's shape; a step writes or adds them (shared layers add), so after ``backward``
they hold the batch's whole gradient.

Module-level :func:`predict` is what ``python main.py predict`` calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph_core.graph import Graph
from graph_core.model import DTYPE, ensure_weights, require_valid
from graph_core.nesting import find_layer
from graph_core.reference import check_inputs
from kernels import config
from kernels import losses as L
from kernels.ops import BindCall, op_for
from kernels.optimizers import Update
from kernels.plan import Plan, Step, compile_plan, data_sizes

#: Below this many rows a kernel runs on one thread (a parallel region costs ~3 µs).
PARALLEL_MIN_ROWS = 16
#: Below this many multiply-adds a Dense layer runs on one thread, whatever the batch. Two threads
#: broke even at about 500,000 (a 128x64 by 64x64 product) on a 2-core Sapphire Rapids, where a
#: 32x64 by 64x64 product took 2.7 µs forward on one thread and 3.9 on two (on a Zen 5, which
#: starts parallel regions faster, the break-even was about 130,000).
PARALLEL_MIN_WORK = 500_000

Call = tuple[Callable[..., Any], tuple[Any, ...]]


@dataclass
class Bound:
    """Buffers and prepared kernel calls for one batch size."""

    batch: int
    chunks: int
    arrays: list[np.ndarray]
    inputs: dict[str, np.ndarray]
    outputs: dict[str, np.ndarray]
    targets: dict[str, np.ndarray]
    forward: list[Call] = field(default_factory=list)
    metric_calls: list[Call] = field(default_factory=list)
    backward: list[Call] = field(default_factory=list)
    losses: list[Call] = field(default_factory=list)
    loss_means: list[float] = field(default_factory=list)  # 1 / rows of each loss: its sum to its mean
    inside: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)  # node -> what its op shows within


class Executor:
    """Executes one plan in one dtype (float32; float64 for finite-difference tests)."""

    def __init__(
        self,
        plan: Plan,
        weights: Mapping[str, Mapping[str, np.ndarray]],
        dtype: type = np.float32,
        threads: int | None = None,
        min_parallel_work: int = PARALLEL_MIN_WORK,
        seed: int = 0,
    ) -> None:
        """``threads``: row chunks of a large batch (default: numba's thread count);
        ``min_parallel_work``: the multiply-adds below which a Dense layer takes one chunk;
        ``seed``: the run's seed, mixed into Dropout layers' own (unless a layer fixes its seed)."""
        if np.dtype(dtype) != np.float32:  # only other dtypes reach BLAS (np.dot)
            config.limit_blas_threads()
        self.plan = plan
        self.dtype = np.dtype(dtype)
        self.threads = threads or config.max_threads()
        self.min_parallel_work = min_parallel_work
        self.weights: dict[str, dict[str, np.ndarray]] = {}
        for ref in plan.weights:
            w = weights[ref.layer][ref.name]
            if w.shape != ref.shape or w.dtype != self.dtype or not w.flags.c_contiguous or not w.flags.writeable:
                raise ValueError(f"weight {ref.layer}/{ref.name} must be a writable C array {ref.shape} {self.dtype}")
            self.weights.setdefault(ref.layer, {})[ref.name] = w
        self.grads: dict[tuple[str, str], np.ndarray] = {}
        if plan.training:
            for ref in plan.trainable():
                self.grads[(ref.layer, ref.name)] = config.aligned_zeros(ref.shape, self.dtype)
        self._transposed: dict[str, np.ndarray] = {}  # Dense layer -> scratch for its kernel's transpose
        self._updates: dict[str, dict[str, Update]] = {}  # Dense layer -> its weights' updates (see fuse)
        self.counter = np.zeros(1, np.int64)  # training steps so far: dropout draws depend on it
        self.seed = seed
        self._bound: dict[int, Bound] = {}
        self._empty = {ndim: np.zeros((0,) * ndim, self.dtype) for ndim in (1, 2, 3, 4, 5)}
        self._empty1, self._empty2 = self._empty[1], self._empty[2]
        self._no_labels = np.zeros(0, np.int32)
        self.no_constants = np.zeros(5, np.float32)  # an optimizer's step constants, for a pass that applies none
        self.no_winner = np.zeros(0, np.int32)
        self._no_positions = {ndim: np.zeros((0,) * ndim, np.int32) for ndim in (1, 2, 3, 4)}

    # ------------------------------------------------------------------ optimizer

    def fusable_layers(self) -> list[str]:
        """Layers whose backward pass can apply the optimizer's update (Dense): called once."""
        calls: dict[str, int] = {}
        for s in self.plan.steps:
            calls[s.layer] = calls.get(s.layer, 0) + 1
        return [
            s.layer
            for s in self.plan.steps
            if op_for(s.kind).updates_in_backward and s.grad_out is not None and calls[s.layer] == 1
        ]

    def fuse(self, layer: str, updates: Mapping[str, Update]) -> None:
        """Let ``layer``'s backward pass update its weights (``updates`` by weight name) as it goes.

        Call before the first :meth:`bind`; the optimizer's ``begin`` must then run before
        every :meth:`backward`.
        """
        if self._bound:
            raise RuntimeError("fuse() after bind()")
        if layer not in self.fusable_layers() or set(updates) != set(self.weights[layer]):
            raise ValueError(f"cannot fuse the update of {layer!r} with {sorted(updates)}")
        self._updates[layer] = dict(updates)

    # ------------------------------------------------------------------ binding

    def chunks_for(self, batch: int, work: int | None = None) -> int:
        """Row chunks (threads) for a kernel over ``batch`` rows doing ``work`` multiply-adds."""
        if batch < PARALLEL_MIN_ROWS or self.threads == 1 or (work is not None and work < self.min_parallel_work):
            return 1
        return self.threads

    def bind(self, batch: int) -> Bound:
        """The buffers and calls for ``batch`` rows (made on first use, then reused)."""
        bound = self._bound.get(batch)
        if bound is None:
            bound = self._make(batch)
            self._bound[batch] = bound
        return bound

    def _make(self, batch: int) -> Bound:
        plan = self.plan
        arrays: list[np.ndarray] = []
        for buf in plan.buffers:
            shape = (batch, *buf.shape) if buf.batch_major else buf.shape
            if buf.alias is not None:
                arrays.append(arrays[buf.alias].reshape(shape))
            else:
                make = config.aligned_zeros if buf.zeroed else config.aligned_empty
                arrays.append(make(shape, np.int32 if buf.kind == "int32" else self.dtype))
        inputs = {name: arrays[b] for name, b in plan.inputs}
        outputs = {o.name: arrays[o.value] for o in plan.outputs}
        targets: dict[str, np.ndarray] = {}
        for o in plan.outputs:
            if o.loss is None:
                continue
            rows = batch * o.rows_per_sample
            targets[o.name] = (
                config.aligned_zeros((rows,), np.int32)
                if o.sparse
                else config.aligned_zeros((rows, o.shape[-1]), self.dtype)
            )
        bound = Bound(batch, self.chunks_for(batch), arrays, inputs, outputs, targets)
        groups: list[list[Call]] = []
        for step in plan.steps:
            bound.backward = []
            self._bind_step(step, bound)
            groups.append(bound.backward)
        bound.backward = [call for group in reversed(groups) for call in group]  # steps last to first
        if plan.training:
            self._bind_losses(bound)
        return bound

    def _bind_step(self, step: Step, b: Bound) -> None:
        op_for(step.kind).bind(BindCall(self, b, step))

    def empty(self, ndim: int) -> np.ndarray:
        """An empty array of the executor's dtype: what a kernel gets for an argument it does not use."""
        return self._empty[ndim]

    def no_positions(self, ndim: int) -> np.ndarray:
        """An empty int32 array: the positions argument of a kernel that records none (average pooling)."""
        return self._no_positions[ndim]

    def transpose_scratch(self, layer: str, w: np.ndarray) -> np.ndarray:
        """Room for ``w.T`` (dL/dx reads the kernel transposed), one per layer for every batch size."""
        wt = self._transposed.get(layer)
        if wt is None:
            wt = self._transposed[layer] = config.aligned_empty(w.shape[::-1], self.dtype)
        return wt

    def updates_for(self, layer: str) -> Mapping[str, Update] | None:
        """The optimizer's updates a layer's backward pass applies (see :meth:`fuse`), or None."""
        return self._updates.get(layer)

    def _bind_losses(self, b: Bound) -> None:
        for o in self.plan.outputs:
            if o.loss is None:
                continue
            y2 = b.arrays[o.value].reshape(-1, o.shape[-1])
            rows = y2.shape[0]
            scale = o.weight / rows  # of the gradient: the total loss weighs each output's
            b.loss_means.append(1.0 / rows)
            want = o.grad is not None
            g2 = b.arrays[o.grad].reshape(-1, o.shape[-1]) if want else self._empty2
            target = b.targets[o.name]
            if o.sparse:
                b.losses.append((L._sparse, (y2, target, o.from_logits, o.fuse, g2, want, o.acc, scale)))
            else:
                kind = L.CODES[o.loss]
                b.losses.append((L._dense_target, (y2, target, kind, o.from_logits, o.fuse, g2, want, o.acc, scale)))

    # ------------------------------------------------------------------ running

    def forward(self, b: Bound) -> None:
        for fn, args in b.forward:
            fn(*args)

    def loss(self, b: Bound) -> list[float]:
        """Each output's mean loss over the batch (training plans also write dL/dy)."""
        if not b.losses:
            self._bind_eval_losses(b)
        return [fn(*args) * mean for (fn, args), mean in zip(b.losses, b.loss_means, strict=True)]

    def total_loss(self, losses: list[float]) -> float:
        """The loss training minimises: each output's (as :meth:`loss` gives them) times its weight."""
        weights = [o.weight for o in self.plan.outputs if o.loss is not None]
        if len(losses) == 1:
            return losses[0] * weights[0]
        return float(sum(w * v for w, v in zip(weights, losses, strict=True)))

    def _bind_eval_losses(self, b: Bound) -> None:
        for o in self.plan.outputs:
            if o.loss is None:
                continue
            y2 = b.arrays[o.value].reshape(-1, o.shape[-1])
            scale = 1.0 / y2.shape[0]
            b.loss_means.append(scale)
            t = b.targets[o.name]
            if o.sparse:
                b.losses.append((L._sparse, (y2, t, o.from_logits, 0, self._empty2, False, False, scale)))
            else:
                args = (y2, t, L.CODES[o.loss], o.from_logits, 0, self._empty2, False, False, scale)
                b.losses.append((L._dense_target, args))

    def metric_calls(self, b: Bound) -> list[Call]:
        """The metric kernels of ``b`` (made on first use); ``args[3] < 0``: the output has no metric."""
        if not b.metric_calls:
            for o in self.plan.outputs:
                y2 = b.arrays[o.value].reshape(-1, o.shape[-1])
                kind = -1 if o.metric is None else o.metric
                t = b.targets.get(o.name, self._empty2)
                if o.sparse:
                    b.metric_calls.append((L._metric, (y2, self._empty2, t, kind, o.threshold)))
                else:
                    b.metric_calls.append((L._metric, (y2, t, self._no_labels, kind, o.threshold)))
        return b.metric_calls

    def metrics(self, b: Bound) -> list[float]:
        """Each output's metric summed over the batch's rows (accuracy counts or absolute errors)."""
        return [fn(*args) if args[3] >= 0 else 0.0 for fn, args in self.metric_calls(b)]

    def backward(self, b: Bound) -> None:
        for fn, args in b.backward:
            fn(*args)
        self.counter[0] += 1


# --------------------------------------------------------------------------- helpers


def weights_of(graph: Graph, plan: Plan, dtype: type = DTYPE) -> dict[str, dict[str, np.ndarray]]:
    """Aligned, writable copies of the graph's weights in ``dtype`` (the graph keeps its own)."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for ref in plan.weights:
        src = find_layer(graph, ref.layer).weights[ref.name]
        w = config.aligned_empty(ref.shape, dtype)
        w[...] = src
        out.setdefault(ref.layer, {})[ref.name] = w
    return out


def predict(graph: Graph, inputs: Mapping[str, np.ndarray], batch_size: int = 256) -> dict[str, np.ndarray]:
    """Run the model (inference: Dropout off, BatchNormalization on moving statistics).

    ``inputs`` maps input layer names to arrays ``(samples, *input_shape)``; returns a
    float32 array ``(samples, *output_shape)`` per output name. Missing weights are
    drawn with seed 0, as ``predict`` on the command line does.
    """
    require_valid(graph)
    ensure_weights(graph, seed=0)
    xs = check_inputs(graph, inputs)
    plan = compile_plan(graph, sizes=data_sizes(xs))
    ex = Executor(plan, weights_of(graph, plan))
    total = len(next(iter(xs.values()))) if xs else 0
    results = {o.name: np.empty((total, *o.shape), DTYPE) for o in plan.outputs}
    for start in range(0, total, batch_size):
        stop = min(total, start + batch_size)
        b = ex.bind(stop - start)
        for name, arr in b.inputs.items():
            arr[...] = xs[name][start:stop]
        ex.forward(b)
        for name, arr in b.outputs.items():
            results[name][start:stop] = arr
    return results
