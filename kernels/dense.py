"""Fused Dense kernels: matmul + bias + activation forward, and one backward pass.

The batch's rows are split into ``T`` chunks run in parallel (``T`` = 1 for small
batches or layers: then no parallel region is started). Each chunk writes its own
partial weight gradient ``gw[t]`` / ``gb[t]``; the optimizer sums the ``T`` partials as
it updates, so no reduction pass is needed here.
The matrix products go to BLAS (``np.dot``) on one thread per chunk.

Shapes (float32, or float64 for finite-difference tests; all C-contiguous):
x ``(n, k)``, kernel ``(k, m)``, bias ``(m,)`` (length 0 without bias), z and y ``(n, m)``,
gw ``(T, k, m)``, gb ``(T, m)``. A Dense on a rank-3 input is called on its 2-D view.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels.activations import LINEAR, act_rows, code, dact_rows
from kernels.config import JIT, PJIT


@njit(**JIT)
def _forward_rows(x, w, b, z, y, act, r0, r1):  # type: ignore[no-untyped-def]
    m = w.shape[1]
    np.dot(x[r0:r1], w, z[r0:r1])
    if b.shape[0] == m:
        for i in range(r0, r1):
            for j in range(m):
                z[i, j] += b[j]
    if act != LINEAR:
        act_rows(z, y, r0, r1, act)


@njit(**PJIT)
def _forward(x, w, b, z, y, act, chunks):  # type: ignore[no-untyped-def]
    n = x.shape[0]
    if chunks == 1:  # no parallel region: starting one costs about a microsecond
        _forward_rows(x, w, b, z, y, act, 0, n)
        return
    step = (n + chunks - 1) // chunks
    for t in prange(chunks):
        r0 = t * step
        r1 = min(n, r0 + step)
        if r1 > r0:
            _forward_rows(x, w, b, z, y, act, r0, r1)


@njit(**JIT)
def _backward_rows(x, w, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, t, r0, r1):  # type: ignore[no-untyped-def]
    m = w.shape[1]
    if r1 <= r0:
        if not acc_w:
            gw[t, :, :] = 0
            if gb.shape[1] == m:
                gb[t, :] = 0
        return
    dact_rows(z, y, g, r0, r1, act)  # g now holds dL/dz
    if acc_w:
        gw[t] += np.dot(x[r0:r1].T, g[r0:r1])
    else:
        np.dot(x[r0:r1].T, g[r0:r1], gw[t])
    if gb.shape[1] == m:
        if not acc_w:
            for j in range(m):
                gb[t, j] = 0
        for i in range(r0, r1):
            for j in range(m):
                gb[t, j] += g[i, j]
    if need_dx:
        if acc_dx:
            dx[r0:r1] += np.dot(g[r0:r1], w.T)
        else:
            np.dot(g[r0:r1], w.T, dx[r0:r1])


@njit(**PJIT)
def _backward(x, w, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, chunks):  # type: ignore[no-untyped-def]
    n = x.shape[0]
    if chunks == 1:
        _backward_rows(x, w, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, 0, 0, n)
        return
    step = (n + chunks - 1) // chunks
    for t in prange(chunks):
        r0 = t * step
        _backward_rows(x, w, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, t, r0, min(n, r0 + step))


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
) -> None:
    """One backward pass. ``g`` (dL/dy, ``(n, m)``) is overwritten with dL/dz.

    Writes (or with ``acc_*`` adds) the per-chunk partial gradients ``gw[t]``, ``gb[t]``
    and, when ``need_dx``, dL/dx ``(n, k)`` into ``dx``.
    """
    _backward(x, kernel, z, y, g, act, gw, gb, acc_w, dx, need_dx, acc_dx, chunks)


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
    """Allocating wrapper: returns ``(d_kernel, d_bias or None, dx)`` summed over the batch."""
    dtype = kernel.dtype
    k, m = kernel.shape
    x2 = np.ascontiguousarray(x.reshape(-1, k), dtype=dtype)
    z2 = np.ascontiguousarray(z.reshape(-1, m), dtype=dtype)
    y2 = np.ascontiguousarray(y.reshape(-1, m), dtype=dtype)
    g = np.array(dy.reshape(-1, m), dtype=dtype, order="C")
    gw = np.empty((chunks, k, m), dtype)
    gb = np.empty((chunks, m if use_bias else 0), dtype)
    dx = np.empty_like(x2)
    backward_into(x2, np.ascontiguousarray(kernel), z2, y2, g, code(activation), gw, gb, False, dx, True, False, chunks)
    return gw.sum(axis=0), (gb.sum(axis=0) if use_bias else None), dx.reshape(x.shape)
