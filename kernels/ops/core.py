"""The core family's ops: Dense (fused kernels) and Activation.

Dense: matmul + bias + activation forward, and one backward pass.

The products are :mod:`kernels.gemm`'s register tiles (float32; float64, for the
finite-difference tests, goes to ``np.dot``). With ``chunks`` > 1 the work is split
between that many threads by rows of each product's output: the forward pass by rows
of the batch, the weight gradient by rows of the kernel, dL/dx by rows of the batch.
No thread sums over another's rows, so the results are the same for any ``chunks``.
``chunks`` = 1 starts no parallel region (one costs about a microsecond).

One exception, for speed: when training updates a kernel in its backward pass (each
thread its rows), a forward pass that split the batch would have every thread read the
whole kernel, half of it just written by the other core. Where the kernel is larger than
the batch's activations (``k`` >= 2 ``n``: mnist_model's first layer up to batch 392) the
forward pass is split along the shared dimension instead, each thread reading the kernel
rows it updates and summing its part into a scratch buffer; a second parallel pass adds
the parts. At batch 32 that took mnist_model's SGD step from 66-68 to 58-60 µs on 2 threads. The
sum's order depends on ``chunks`` (fixed when a batch size is bound), so results differ
between chunk counts by float rounding.

Shapes (all C-contiguous): x ``(n, k)``, kernel ``(k, m)``, bias ``(m,)`` (length 0
without bias), z and y ``(n, m)``, gw ``(k, m)``, gb ``(m,)``, wt ``(m, k)`` (scratch for
the kernel's transpose). A Dense on a rank-3 input is called on its 2-D view.

The backward pass can also apply the optimizer's update (``rule`` >= 0, see
:meth:`kernels.optimizers.Optimizer.hand_over`): each thread updates its rows of the
kernel right after computing them, and the bias after its gradient. ``states`` holds
the rule's state arrays, flat: kernel s0, kernel s1, bias s0, bias s1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit, prange

from graph_core.graph import Layer
from kernels import activations as act
from kernels.activations import LINEAR, act_rows, code, dact_rows
from kernels.config import JIT, PJIT
from kernels.gemm import chunk_rows, matmul, matmul_nt, matmul_tn, nn_part, transpose
from kernels.ops.base import BindCall, Op, PlanCall
from kernels.optimizers import apply_rule

#: ``rule`` for a backward pass that leaves the weights to the optimizer.
NO_UPDATE = -1


@njit(**JIT)
def _forward_rows(x, w, b, z, y, act, r0, r1):  # type: ignore[no-untyped-def]
    m = w.shape[1]
    matmul(x, w, z, r0, r1, False)
    if b.shape[0] == m:
        for i in range(r0, r1):
            for j in range(m):
                z[i, j] += b[j]
    if act != LINEAR:
        act_rows(z, y, r0, r1, act)


@njit(**PJIT)
def _forward(x, w, b, z, y, act, chunks):  # type: ignore[no-untyped-def]
    n = x.shape[0]
    if chunks == 1:
        _forward_rows(x, w, b, z, y, act, 0, n)
        return
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        _forward_rows(x, w, b, z, y, act, r0, r1)


@njit(**PJIT)
def _forward_split(x, w, b, z, y, act, parts, chunks):  # type: ignore[no-untyped-def]
    """As :func:`_forward` (float32, ``chunks`` > 1), split along the shared dimension as the
    backward pass splits the kernel; ``parts`` ``(chunks - 1, n, m)`` holds all but the first part."""
    n, k = x.shape
    m = w.shape[1]
    for t in prange(chunks):
        k0, k1 = chunk_rows(k, chunks, t)
        nn_part(x, w, z if t == 0 else parts[t - 1], k0, k1)
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        for i in range(r0, r1):
            for q in range(chunks - 1):
                for j in range(m):
                    z[i, j] += parts[q, i, j]
            if b.shape[0] == m:
                for j in range(m):
                    z[i, j] += b[j]
        if act != LINEAR:
            act_rows(z, y, r0, r1, act)


@njit(**JIT)
def _bias_grad(g, gb, acc):  # type: ignore[no-untyped-def]
    if not acc:
        gb[:] = 0
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            gb[j] += g[i, j]


@njit(**JIT)
def _update(w, gw, bias, gb, rule, states, h, k0, k1):  # type: ignore[no-untyped-def]
    """Apply the optimizer's rule to rows ``k0:k1`` of the kernel (and, with ``k0`` = 0, the bias)."""
    m = w.shape[1]
    apply_rule(rule, w.reshape(-1), gw.reshape(-1), states[0], states[1], k0 * m, k1 * m, h)
    if k0 == 0 and gb.shape[0] == m:
        apply_rule(rule, bias, gb, states[2], states[3], 0, m, h)


@njit(**PJIT)
def _backward(x, w, wt, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, chunks, bias, rule, states, h):  # type: ignore[no-untyped-def]
    n, k = x.shape
    m = w.shape[1]
    if chunks == 1:
        dact_rows(z, y, g, 0, n, act)  # g now holds dL/dz
        if need_dx:
            transpose(w, wt, 0, k)  # before the update below changes w
        if gb.shape[0] == m:
            _bias_grad(g, gb, acc_w)
        matmul_tn(x, g, gw, 0, k, acc_w)
        if rule >= 0:
            _update(w, gw, bias, gb, rule, states, h, 0, k)
        if need_dx:
            matmul_nt(g, w, wt, dx, 0, n, acc_dx)
        return
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        dact_rows(z, y, g, r0, r1, act)
        if need_dx:
            k0, k1 = chunk_rows(k, chunks, t)
            transpose(w, wt, k0, k1)
    if gb.shape[0] == m:
        _bias_grad(g, gb, acc_w)
    for t in prange(chunks):
        k0, k1 = chunk_rows(k, chunks, t)
        matmul_tn(x, g, gw, k0, k1, acc_w)
        if rule >= 0:
            _update(w, gw, bias, gb, rule, states, h, k0, k1)
        if need_dx:
            r0, r1 = chunk_rows(n, chunks, t)
            matmul_nt(g, w, wt, dx, r0, r1, acc_dx)


def forward_into(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, z: np.ndarray, y: np.ndarray, act: int, chunks: int
) -> None:
    """``z = x @ kernel + bias``; ``y = act(z)`` (pass ``y is z`` for a linear activation)."""
    _forward(x, kernel, bias, z, y, act, chunks)


def backward_into(
    x: np.ndarray,
    kernel: np.ndarray,
    z: np.ndarray,
    y: np.ndarray,
    g: np.ndarray,
    act: int,
    gw: np.ndarray,
    gb: np.ndarray,
    acc_w: bool,
    dx: np.ndarray,
    need_dx: bool,
    acc_dx: bool,
    chunks: int,
    wt: np.ndarray | None = None,
) -> None:
    """One backward pass. ``g`` (dL/dy, ``(n, m)``) is overwritten with dL/dz.

    Writes (or with ``acc_*`` adds) the gradients ``gw``, ``gb`` and, when ``need_dx``,
    dL/dx ``(n, k)`` into ``dx``; ``wt`` ``(m, k)`` is scratch (allocated when not given).
    """
    if wt is None:
        wt = np.empty((kernel.shape[1], kernel.shape[0]) if need_dx else (0, 0), kernel.dtype)
    empty = np.zeros(0, kernel.dtype)
    _backward(x, kernel, wt, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, chunks, empty, NO_UPDATE,
              (empty,) * 4, np.zeros(5, np.float32))  # fmt: skip


def dense_forward(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray | None, activation: str, chunks: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Allocating wrapper: returns ``(z, y)`` for ``x`` of any rank >= 2 (last axis is k)."""
    if x.shape[-1] != kernel.shape[0]:
        raise ValueError(f"x has {x.shape[-1]} features; the kernel expects {kernel.shape[0]}")
    dtype = kernel.dtype
    x2 = np.ascontiguousarray(x.reshape(-1, x.shape[-1]), dtype=dtype)
    m = kernel.shape[1]
    b = np.zeros(0, dtype) if bias is None else np.ascontiguousarray(bias, dtype=dtype)
    z = np.empty((x2.shape[0], m), dtype)
    act = code(activation)
    y = z if act == LINEAR else np.empty_like(z)
    forward_into(x2, np.ascontiguousarray(kernel), b, z, y, act, chunks)
    shape = (*x.shape[:-1], m)
    return z.reshape(shape), y.reshape(shape)


def dense_backward(
    x: np.ndarray,
    kernel: np.ndarray,
    z: np.ndarray,
    y: np.ndarray,
    dy: np.ndarray,
    activation: str,
    use_bias: bool = True,
    chunks: int = 1,
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Allocating wrapper: returns ``(d_kernel, d_bias or None, dx)``, summed over the batch."""
    dtype = kernel.dtype
    k, m = kernel.shape
    x2 = np.ascontiguousarray(x.reshape(-1, k), dtype=dtype)
    z2 = np.ascontiguousarray(z.reshape(-1, m), dtype=dtype)
    y2 = np.ascontiguousarray(y.reshape(-1, m), dtype=dtype)
    g = np.array(dy.reshape(-1, m), dtype=dtype, order="C")
    gw = np.empty((k, m), dtype)
    gb = np.empty((m if use_bias else 0,), dtype)
    dx = np.empty_like(x2)
    backward_into(x2, np.ascontiguousarray(kernel), z2, y2, g, code(activation), gw, gb, False, dx, True, False, chunks)
    return gw, (gb if use_bias else None), dx.reshape(x.shape)


# --------------------------------------------------------------------------- the Activation layer


@njit(**JIT)
def activation_backward(z, y, g, dx, code, acc):  # type: ignore[no-untyped-def]
    """``dx (+)= g * activation'`` on 2-D ``(rows, cols)`` views; ``g`` is overwritten."""
    dact_rows(z, y, g, 0, g.shape[0], code)
    rows, cols = g.shape
    for r in range(rows):
        for c in range(cols):
            if acc:
                dx[r, c] += g[r, c]
            else:
                dx[r, c] = g[r, c]


# --------------------------------------------------------------------------- ops


class DenseOp(Op):
    """Dense on the last axis of any rank (called on 2-D views); its backward pass can apply the update."""

    updates_in_backward = True

    def output_activation(self, layer: Layer) -> str | None:
        return layer.config["activation"]

    def plan(self, p: PlanCall) -> dict[str, Any]:
        activation = act.code(p.config["activation"])
        backward = LINEAR if p.fused else activation
        if p.training and not act.derivative_from_output(backward):
            p.keep(p.out_shape)  # the pre-activation z, for an activation whose derivative needs it
        return {"act": activation, "act_backward": backward, "use_bias": p.config["use_bias"]}

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        k, m = b.x[0].shape[-1], b.y.shape[-1]
        x2, y2 = b.x[0].reshape(-1, k), b.y.reshape(-1, m)
        z2 = b.scratch[0].reshape(-1, m) if b.scratch else y2
        w = b.weight("kernel")
        bias = b.weight("bias", at["use_bias"])
        chunks = b.chunks(x2.shape[0] * k * m)
        ex = b.ex
        updates = ex.updates_for(b.layer) if b.g is not None else None
        if updates is not None and chunks > 1 and k >= 2 * x2.shape[0] and w.dtype == np.float32:
            parts = b.temp((chunks - 1, x2.shape[0], m))
            b.forward(_forward_split, x2, w, bias, z2, y2, at["act"], parts, chunks)
        else:
            b.forward(_forward, x2, w, bias, z2, y2, at["act"], chunks)
        if b.g is None:
            return
        gw, gb = b.grad("kernel"), b.grad("bias", at["use_bias"])
        dx = b.dxs[0]
        dx2 = dx.reshape(-1, k) if dx is not None else ex.empty(2)
        wt = ex.transpose_scratch(b.layer, w) if dx is not None else ex.empty(2)
        if updates is None:
            rule, states, constants = NO_UPDATE, (ex.empty(1),) * 4, ex.no_constants
        else:
            kernel, bias_update = updates["kernel"], updates.get("bias")
            rule, constants = kernel.rule, kernel.constants
            extra = (bias_update.s0, bias_update.s1) if bias_update is not None else (ex.empty(1),) * 2
            states = (kernel.s0, kernel.s1, *extra)
        b.backward(_backward, x2, w, wt, z2, y2, b.g.reshape(-1, m), at["act_backward"], gw, gb, b.step.acc_weights,
                   dx2, dx is not None, b.acc_in(0), chunks, bias, rule, states, constants)  # fmt: skip


class ActivationOp(Op):
    """An activation on its own; a linear one is a view."""

    def is_view(self, layer: Layer, training: bool) -> bool:
        return layer.config["activation"] == "linear"

    def output_activation(self, layer: Layer) -> str | None:
        return layer.config["activation"]

    def plan(self, p: PlanCall) -> dict[str, Any]:
        activation = act.code(p.config["activation"])
        return {"act": activation, "act_backward": LINEAR if p.fused else activation}

    def bind(self, b: BindCall) -> None:
        m = b.y.shape[-1]
        z2, y2 = b.x[0].reshape(-1, m), b.y.reshape(-1, m)
        b.forward(act_rows, z2, y2, 0, z2.shape[0], b.attrs["act"])
        if b.g is not None and b.dxs[0] is not None:
            b.backward(activation_backward, z2, y2, b.g.reshape(-1, m), b.dxs[0].reshape(-1, m),
                       b.attrs["act_backward"], b.acc_in(0))  # fmt: skip


OPS = {"Dense": DenseOp(), "Activation": ActivationOp()}
