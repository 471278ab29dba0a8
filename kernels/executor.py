"""Run a compiled :class:`~kernels.plan.Plan`: forward, loss and backward over fixed buffers.

    ex = Executor(plan, weights)          # weights: {layer: {name: array}}, used in place
    bound = ex.bind(batch)                # buffers for this batch size, made once and kept
    bound.inputs["input_layer"][:] = x    # or gather rows straight into it
    ex.forward(bound)
    losses = ex.loss(bound)               # after filling bound.targets; writes dL/dy
    ex.backward(bound)                    # weight gradients into ex.grads[(layer, name)]

``bind`` turns each step into prepared kernel calls (function + argument tuple over
views of the batch's buffers), so a training step is a plain loop of about a dozen
kernel calls. Weight gradients have their weight's shape; a step writes or adds them
(shared layers add), so after ``backward`` they hold the batch's whole gradient.

Module-level :func:`predict` is what ``python main.py predict`` calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph_core.graph import Graph
from graph_core.model import DTYPE, ensure_weights, require_valid
from graph_core.reference import check_inputs
from kernels import config, dense, ops
from kernels import losses as L
from kernels.activations import act_rows
from kernels.optimizers import Update
from kernels.plan import Plan, Step, compile_plan

#: Below this many rows a kernel runs on one thread (a parallel region costs ~3 µs).
PARALLEL_MIN_ROWS = 16
#: Below this many multiply-adds a Dense layer runs on one thread, whatever the batch (two
#: threads broke even at about 130,000 on mnist_model's shapes; 4.5 µs on one against 6.1 on two at 20,000).
PARALLEL_MIN_WORK = 100_000

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
        self._empty1 = np.zeros(0, self.dtype)
        self._empty2 = np.zeros((0, 0), self.dtype)
        self._empty3 = np.zeros((0, 0, 0), self.dtype)
        self._no_labels = np.zeros(0, np.int32)
        self._no_states = (self._empty1,) * 4
        self._no_constants = np.zeros(5, np.float32)
        self._no_winner = np.zeros(0, np.int32)

    # ------------------------------------------------------------------ optimizer

    def fusable_layers(self) -> list[str]:
        """Dense layers whose backward pass can apply the optimizer's update: called once."""
        calls: dict[str, int] = {}
        for s in self.plan.steps:
            calls[s.layer] = calls.get(s.layer, 0) + 1
        return [
            s.layer for s in self.plan.steps if s.kind == "Dense" and s.grad_out is not None and calls[s.layer] == 1
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
                arrays.append(config.aligned_empty(shape, np.int32 if buf.kind == "int32" else self.dtype))
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

    def _w(self, layer: str, name: str, present: bool) -> np.ndarray:
        return self.weights[layer][name] if present else self._empty1

    def _g(self, layer: str, name: str, present: bool) -> np.ndarray:
        return self.grads[(layer, name)] if present else self._empty1

    def _bind_step(self, s: Step, b: Bound) -> None:
        a = b.arrays
        x = [a[i] for i in s.inputs]
        y = a[s.output]
        n = b.batch
        t = s.kind
        fwd, bwd = b.forward, b.backward
        g = a[s.grad_out] if s.grad_out is not None else None
        dxs = [a[i] if i is not None else None for i in s.grad_in]

        def flat(v: np.ndarray) -> np.ndarray:
            return v.reshape(-1)

        if t == "Dense":
            k, m = x[0].shape[-1], y.shape[-1]
            x2, y2 = x[0].reshape(-1, k), y.reshape(-1, m)
            z2 = a[s.scratch[0]].reshape(-1, m) if s.scratch else y2
            w = self.weights[s.layer]["kernel"]
            bias = self._w(s.layer, "bias", s.attrs["use_bias"])
            chunks = self.chunks_for(n, x2.shape[0] * k * m)
            fwd.append((dense._forward, (x2, w, bias, z2, y2, s.attrs["act"], chunks)))
            if g is not None:
                gw = self.grads[(s.layer, "kernel")]
                gb = self._g(s.layer, "bias", s.attrs["use_bias"])
                dx = dxs[0]
                dx2 = dx.reshape(-1, k) if dx is not None else self._empty2
                wt = self._transpose_scratch(s.layer, w) if dx is not None else self._empty2
                updates = self._updates.get(s.layer)
                if updates is None:
                    rule, states, constants = dense.NO_UPDATE, self._no_states, self._no_constants
                else:
                    kernel, bias_update = updates["kernel"], updates.get("bias")
                    rule, constants = kernel.rule, kernel.constants
                    extra = (bias_update.s0, bias_update.s1) if bias_update is not None else (self._empty1,) * 2
                    states = (kernel.s0, kernel.s1, *extra)
                args = (x2, w, wt, z2, y2, g.reshape(-1, m), s.attrs["act_backward"], gw, gb, s.acc_weights,
                        dx2, dx is not None, bool(s.acc_in[0]), chunks, bias, rule, states, constants)  # fmt: skip
                bwd.append((dense._backward, args))
        elif t == "Activation":
            m = y.shape[-1]
            z2, y2 = x[0].reshape(-1, m), y.reshape(-1, m)
            fwd.append((act_rows, (z2, y2, 0, z2.shape[0], s.attrs["act"])))
            if g is not None and dxs[0] is not None:
                args = (z2, y2, g.reshape(-1, m), dxs[0].reshape(-1, m), s.attrs["act_backward"], s.acc_in[0])
                bwd.append((ops.activation_backward, args))
        elif t == "Dropout":
            mask = flat(a[s.scratch[0]])
            at = s.attrs
            seed = at["seed"] if at["fixed_seed"] else (at["seed"] ^ (self.seed * 0x9E3779B1)) & 0xFFFFFFFF
            fwd.append((ops.dropout_forward, (flat(x[0]), flat(y), mask, at["rate"], seed, self.counter)))
            if g is not None and dxs[0] is not None:
                bwd.append((ops.mul_into, (flat(g), mask, flat(dxs[0]), s.acc_in[0])))
        elif t in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
            op = s.attrs["op"]
            winner = flat(a[s.scratch[0]]) if t in ("Maximum", "Minimum") else self._no_winner
            for port, xi in enumerate(x):
                fwd.append((ops.merge_step, (flat(xi), flat(y), winner, port, op)))
            if t == "Average":
                fwd.append((ops.scale_inplace, (flat(y), s.attrs["scale"])))
            if g is not None:
                self._bind_merge_backward(s, flat(g), [flat(v) for v in x], winner, dxs, a, bwd)
        elif t == "Concatenate":
            outer, inner = n * s.attrs["outer"], s.attrs["inner"]
            whole = y.reshape(outer, -1, inner)
            offset = 0
            for port, (xi, c) in enumerate(zip(x, s.attrs["sizes"], strict=True)):
                part = xi.reshape(outer, c, inner)
                fwd.append((ops.concat_copy, (part, whole, offset, True, False)))
                if g is not None and dxs[port] is not None:
                    dpart = dxs[port].reshape(outer, c, inner)
                    bwd.append((ops.concat_copy, (dpart, g.reshape(outer, -1, inner), offset, False, s.acc_in[port])))
                offset += c
        elif t in ("BatchNormalization", "LayerNormalization"):
            self._bind_norm(s, b, x[0], y, g, dxs)
        else:  # pragma: no cover
            raise NotImplementedError(t)

    def _transpose_scratch(self, layer: str, w: np.ndarray) -> np.ndarray:
        """Room for ``w.T`` (dL/dx reads the kernel transposed), one per layer for every batch size."""
        wt = self._transposed.get(layer)
        if wt is None:
            wt = self._transposed[layer] = config.aligned_empty(w.shape[::-1], self.dtype)
        return wt

    def _bind_merge_backward(self, s, g, xs, winner, dxs, a, bwd) -> None:  # type: ignore[no-untyped-def]
        t = s.kind
        count = len(xs)
        for port, dx in enumerate(dxs):
            if dx is None:
                continue
            d = dx.reshape(-1)
            acc = s.acc_in[port]
            if t == "Add":
                bwd.append((ops.copy_into, (g, d, acc)))
            elif t in ("Subtract", "Average"):
                alpha = (-1.0 if port == 1 else 1.0) if t == "Subtract" else 1.0 / count
                bwd.append((ops.axpy, (g, alpha, d, acc)))
            elif t == "Multiply":
                others = [xs[j] for j in range(count) if j != port]
                if len(others) == 1:
                    bwd.append((ops.mul_into, (g, others[0], d, acc)))
                else:
                    tmp = a[s.scratch[0]].reshape(-1)
                    bwd.append((ops.mul_into, (g, others[0], tmp, False)))
                    for o in others[1:-1]:
                        bwd.append((ops.mul_into, (tmp, o, tmp, False)))
                    bwd.append((ops.mul_into, (tmp, others[-1], d, acc)))
            else:
                bwd.append((ops.select_grad, (g, winner, port, d, acc)))

    def _bind_norm(self, s: Step, b: Bound, x: np.ndarray, y: np.ndarray, g, dxs) -> None:  # type: ignore[no-untyped-def]
        at = s.attrs
        shape3 = (b.batch * at["outer"], at["channels"], at["inner"])
        x3, y3 = x.reshape(shape3), y.reshape(shape3)
        gamma = self._w(s.layer, "gamma", at["scale"])
        beta = self._w(s.layer, "beta", at["center"])
        a = b.arrays
        eps = at["eps"]
        if s.kind == "BatchNormalization":
            w = self.weights[s.layer]
            if not self.plan.training:
                b.forward.append((ops.bn_infer, (x3, gamma, beta, w["moving_mean"], w["moving_variance"], eps, y3,
                                                 a[s.scratch[0]])))  # fmt: skip
                return
            xhat, mean, var, invstd = (a[i] for i in s.scratch)
            xhat3 = xhat.reshape(shape3)
            b.forward.append((ops.bn_train_forward, (x3, gamma, beta, eps, y3, xhat3, mean, var, invstd)))
            moving = (w["moving_mean"], w["moving_variance"], mean, var, at["momentum"])
            b.forward.append((ops.bn_update_moving, moving))
            kernel = ops.bn_backward
        else:
            if self.plan.training:
                xhat3, invstd = a[s.scratch[0]].reshape(shape3), a[s.scratch[1]].reshape(-1)
            else:
                xhat3, invstd = self._empty3, self._empty1
            b.forward.append((ops.ln_forward, (x3, gamma, beta, eps, y3, xhat3, invstd)))
            kernel = ops.ln_backward
        if g is not None:
            dx = dxs[0]
            dx3 = dx.reshape(shape3) if dx is not None else self._empty3
            gg = self._g(s.layer, "gamma", at["scale"])
            gb = self._g(s.layer, "beta", at["center"])
            args = (g.reshape(shape3), xhat3, invstd, gamma, dx3, dx is not None, bool(s.acc_in[0]), gg, gb,
                    s.acc_weights)  # fmt: skip
            b.backward.append((kernel, args))

    def _bind_losses(self, b: Bound) -> None:
        scale = 1.0
        for o in self.plan.outputs:
            if o.loss is None:
                continue
            y2 = b.arrays[o.value].reshape(-1, o.shape[-1])
            rows = y2.shape[0]
            scale = 1.0 / rows
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
        return [fn(*args) * args[-1] for fn, args in b.losses]

    def _bind_eval_losses(self, b: Bound) -> None:
        for o in self.plan.outputs:
            if o.loss is None:
                continue
            y2 = b.arrays[o.value].reshape(-1, o.shape[-1])
            scale = 1.0 / y2.shape[0]
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
        src = graph.layers[ref.layer].weights[ref.name]
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
    plan = compile_plan(graph)
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
