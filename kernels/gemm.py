"""Float32 matrix products for the Dense kernels: register tiles of :mod:`kernels.simd` vectors.

On this project's reference machine (Zen 5) these run at about 250 GFLOP/s on one core
for mnist_model's shapes, where OpenBLAS reached 80-120 with its AVX2 kernels and
125-230 with its AVX-512 ones (which it does not pick by itself on that processor).
They also fuse what BLAS cannot: the products write or add (``acc``) into rows of their
output, so a caller splits work between threads by rows with no partial sums.

    nn(a, b, c, r0, r1, acc)      c[r0:r1]  (+)=  a[r0:r1] @ b          a (n, K), b (K, N)
    tn(a, b, c, k0, k1, acc)      c[k0:k1]  (+)=  a[:, k0:k1].T @ b     a (n, K), b (n, N)
    nn_part(a, b, c, k0, k1)      c  =  a[:, k0:k1] @ b[k0:k1]         (one piece of the shared dimension)
    nn_deep(a, b, c, r0, r1, acc) as nn, for a shared dimension of thousands (a weight's gradient over time steps)
    transpose(w, wt, r0, r1)      wt[:, r0:r1] = w[r0:r1].T             (for a @ w.T = nn(a, wt))
    chunk_rows(count, chunks, t)  the rows thread t of chunks works on

All arrays are 2-D, C-contiguous float32. How: the output is cut into tiles of 4 rows x
64 columns (16 vector accumulators; 8 rows x 32 columns when 32 or fewer columns are
left); each tile runs down the shared dimension, one row of ``b`` (4 vectors) and 4
broadcast values of ``a`` per step. Columns past the end are masked lanes. The shared
dimension is cut into blocks of :data:`DEPTH` so a block of ``b`` stays in the L2 cache
while every row tile passes over it.

:func:`matmul`, :func:`matmul_tn` and :func:`matmul_nt` take any float dtype: float32
goes to the tiles, float64 (the finite-difference tests) to ``np.dot``.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.extending import overload

from kernels.config import JIT
from kernels.simd import add, broadcast, fma, lanes_below, load, store, zeros

#: Rows of ``b`` per block of the shared dimension (1024 x 64 float32 = 256 KB).
DEPTH = 1024
#: Rows of ``b`` per block in :func:`nn_deep` (128 x 64 float32 = 32 KB).
DEEP_BLOCK = 128
#: Threads split rows at multiples of this (the tiles' height).
ROW_STEP = 8

INLINE = {**JIT, "inline": "always"}


@njit(**JIT)
def chunk_rows(count, chunks, t):  # type: ignore[no-untyped-def]
    """Rows ``[r0, r1)`` of ``count`` for thread ``t`` of ``chunks`` (the same split everywhere)."""
    step = ((count + chunks - 1) // chunks + ROW_STEP - 1) // ROW_STEP * ROW_STEP
    r0 = min(count, t * step)
    return r0, min(count, r0 + step)


@njit(**INLINE)
def _put(cf, offset, value, mask, acc):  # type: ignore[no-untyped-def]
    if acc:
        value = add(value, load(cf, offset, mask))
    store(cf, offset, value, mask)


@njit(**INLINE)
def _tile4x64(af, ao, a_row, a_step, bf, bo, b_step, depth, cf, co, c_row, rows, m0, m1, m2, m3, acc):  # type: ignore[no-untyped-def]
    """``rows`` (1-4) rows x 64 columns of c (+)= A @ B with A[i, p] = af[ao + i*a_row + p*a_step]
    and B[p, j] = bf[bo + p*b_step + j]; lanes outside m0-m3 are not touched."""
    c00 = zeros()
    c01 = zeros()
    c02 = zeros()
    c03 = zeros()
    c10 = zeros()
    c11 = zeros()
    c12 = zeros()
    c13 = zeros()
    c20 = zeros()
    c21 = zeros()
    c22 = zeros()
    c23 = zeros()
    c30 = zeros()
    c31 = zeros()
    c32 = zeros()
    c33 = zeros()
    a0 = ao
    a1 = ao + min(1, rows - 1) * a_row  # missing rows repeat the last one; they are not stored
    a2 = ao + min(2, rows - 1) * a_row
    a3 = ao + min(3, rows - 1) * a_row
    for p in range(depth):
        b0 = load(bf, bo, m0)
        b1 = load(bf, bo + 16, m1)
        b2 = load(bf, bo + 32, m2)
        b3 = load(bf, bo + 48, m3)
        bo += b_step
        o = p * a_step
        x = broadcast(af[a0 + o])
        c00 = fma(x, b0, c00)
        c01 = fma(x, b1, c01)
        c02 = fma(x, b2, c02)
        c03 = fma(x, b3, c03)
        x = broadcast(af[a1 + o])
        c10 = fma(x, b0, c10)
        c11 = fma(x, b1, c11)
        c12 = fma(x, b2, c12)
        c13 = fma(x, b3, c13)
        x = broadcast(af[a2 + o])
        c20 = fma(x, b0, c20)
        c21 = fma(x, b1, c21)
        c22 = fma(x, b2, c22)
        c23 = fma(x, b3, c23)
        x = broadcast(af[a3 + o])
        c30 = fma(x, b0, c30)
        c31 = fma(x, b1, c31)
        c32 = fma(x, b2, c32)
        c33 = fma(x, b3, c33)
    _put(cf, co, c00, m0, acc)
    _put(cf, co + 16, c01, m1, acc)
    _put(cf, co + 32, c02, m2, acc)
    _put(cf, co + 48, c03, m3, acc)
    if rows > 1:
        co += c_row
        _put(cf, co, c10, m0, acc)
        _put(cf, co + 16, c11, m1, acc)
        _put(cf, co + 32, c12, m2, acc)
        _put(cf, co + 48, c13, m3, acc)
    if rows > 2:
        co += c_row
        _put(cf, co, c20, m0, acc)
        _put(cf, co + 16, c21, m1, acc)
        _put(cf, co + 32, c22, m2, acc)
        _put(cf, co + 48, c23, m3, acc)
    if rows > 3:
        co += c_row
        _put(cf, co, c30, m0, acc)
        _put(cf, co + 16, c31, m1, acc)
        _put(cf, co + 32, c32, m2, acc)
        _put(cf, co + 48, c33, m3, acc)


@njit(**INLINE)
def _tile8x32(af, ao, a_row, a_step, bf, bo, b_step, depth, cf, co, c_row, rows, m0, m1, acc):  # type: ignore[no-untyped-def]
    """As :func:`_tile4x64` for ``rows`` (1-8) rows x 32 columns."""
    c00 = zeros()
    c01 = zeros()
    c10 = zeros()
    c11 = zeros()
    c20 = zeros()
    c21 = zeros()
    c30 = zeros()
    c31 = zeros()
    c40 = zeros()
    c41 = zeros()
    c50 = zeros()
    c51 = zeros()
    c60 = zeros()
    c61 = zeros()
    c70 = zeros()
    c71 = zeros()
    last = rows - 1
    a0 = ao
    a1 = ao + min(1, last) * a_row
    a2 = ao + min(2, last) * a_row
    a3 = ao + min(3, last) * a_row
    a4 = ao + min(4, last) * a_row
    a5 = ao + min(5, last) * a_row
    a6 = ao + min(6, last) * a_row
    a7 = ao + min(7, last) * a_row
    for p in range(depth):
        b0 = load(bf, bo, m0)
        b1 = load(bf, bo + 16, m1)
        bo += b_step
        o = p * a_step
        x = broadcast(af[a0 + o])
        c00 = fma(x, b0, c00)
        c01 = fma(x, b1, c01)
        x = broadcast(af[a1 + o])
        c10 = fma(x, b0, c10)
        c11 = fma(x, b1, c11)
        x = broadcast(af[a2 + o])
        c20 = fma(x, b0, c20)
        c21 = fma(x, b1, c21)
        x = broadcast(af[a3 + o])
        c30 = fma(x, b0, c30)
        c31 = fma(x, b1, c31)
        x = broadcast(af[a4 + o])
        c40 = fma(x, b0, c40)
        c41 = fma(x, b1, c41)
        x = broadcast(af[a5 + o])
        c50 = fma(x, b0, c50)
        c51 = fma(x, b1, c51)
        x = broadcast(af[a6 + o])
        c60 = fma(x, b0, c60)
        c61 = fma(x, b1, c61)
        x = broadcast(af[a7 + o])
        c70 = fma(x, b0, c70)
        c71 = fma(x, b1, c71)
    _put(cf, co, c00, m0, acc)
    _put(cf, co + 16, c01, m1, acc)
    if rows > 1:
        _put(cf, co + c_row, c10, m0, acc)
        _put(cf, co + c_row + 16, c11, m1, acc)
    if rows > 2:
        _put(cf, co + 2 * c_row, c20, m0, acc)
        _put(cf, co + 2 * c_row + 16, c21, m1, acc)
    if rows > 3:
        _put(cf, co + 3 * c_row, c30, m0, acc)
        _put(cf, co + 3 * c_row + 16, c31, m1, acc)
    if rows > 4:
        _put(cf, co + 4 * c_row, c40, m0, acc)
        _put(cf, co + 4 * c_row + 16, c41, m1, acc)
    if rows > 5:
        _put(cf, co + 5 * c_row, c50, m0, acc)
        _put(cf, co + 5 * c_row + 16, c51, m1, acc)
    if rows > 6:
        _put(cf, co + 6 * c_row, c60, m0, acc)
        _put(cf, co + 6 * c_row + 16, c61, m1, acc)
    if rows > 7:
        _put(cf, co + 7 * c_row, c70, m0, acc)
        _put(cf, co + 7 * c_row + 16, c71, m1, acc)


@njit(**JIT)
def _product(af, a_row, a_step, bf, b_step, cf, c_row, i0, i1, depth, n_cols, acc):  # type: ignore[no-untyped-def]
    """Rows ``i0:i1`` of C (+)= A @ B, A ``(rows, depth)`` and B ``(depth, n_cols)`` given by strides."""
    for p0 in range(0, depth, DEPTH):
        span = min(DEPTH, depth - p0)
        add = acc or p0 > 0
        j = 0
        while j < n_cols:
            left = n_cols - j
            if left > 32:
                m0, m1 = lanes_below(left), lanes_below(left - 16)
                m2, m3 = lanes_below(left - 32), lanes_below(left - 48)
                for i in range(i0, i1, 4):
                    _tile4x64(af, i * a_row + p0 * a_step, a_row, a_step, bf, p0 * b_step + j, b_step, span, cf,
                              i * c_row + j, c_row, min(4, i1 - i), m0, m1, m2, m3, add)  # fmt: skip
                j += 64
            else:
                m0, m1 = lanes_below(left), lanes_below(left - 16)
                for i in range(i0, i1, 8):
                    _tile8x32(af, i * a_row + p0 * a_step, a_row, a_step, bf, p0 * b_step + j, b_step, span, cf,
                              i * c_row + j, c_row, min(8, i1 - i), m0, m1, add)  # fmt: skip
                j += 32


@njit(**JIT)
def nn(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    """``c[r0:r1] = a[r0:r1] @ b`` (``acc``: ``+=``)."""
    k, n_cols = b.shape
    if r1 > r0:
        _product(a.reshape(-1), k, 1, b.reshape(-1), n_cols, c.reshape(-1), n_cols, r0, r1, k, n_cols, acc)


@njit(**JIT)
def tn(a, b, c, k0, k1, acc):  # type: ignore[no-untyped-def]
    """``c[k0:k1] = a[:, k0:k1].T @ b`` (``acc``: ``+=``); a ``(n, K)``, b ``(n, N)``, c ``(K, N)``."""
    n, k = a.shape
    n_cols = b.shape[1]
    if k1 > k0:
        _product(a.reshape(-1), 1, k, b.reshape(-1), n_cols, c.reshape(-1), n_cols, k0, k1, n, n_cols, acc)


@njit(**JIT)
def nn_deep(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    """``c[r0:r1] (+)= a[r0:r1] @ b`` where ``b`` has thousands of rows: blocks of :data:`DEEP_BLOCK` rows of
    ``b`` stay in the L1 cache while every row tile reads them (an LSTM's ``Hᵀ · DR`` over 3,200 rows, one core of
    a Xeon whose L2 holds the larger blocks: about 60 GFLOP/s with :data:`DEPTH` blocks, 100-130 with these;
    ``python -m tools.bench_recurrent_kernels``)."""
    k, n_cols = b.shape
    af, bf, cf = a.reshape(-1), b.reshape(-1), c.reshape(-1)
    if r1 > r0:
        for p0 in range(0, k, DEEP_BLOCK):
            _product(af[p0:], k, 1, bf[p0 * n_cols :], n_cols, cf, n_cols, r0, r1, min(DEEP_BLOCK, k - p0), n_cols,
                     acc or p0 > 0)  # fmt: skip


@njit(**JIT)
def nn_part(a, b, c, k0, k1):  # type: ignore[no-untyped-def]
    """``c = a[:, k0:k1] @ b[k0:k1]``: the part of ``a @ b`` that rows ``k0:k1`` of ``b`` make."""
    n, k = a.shape
    n_cols = b.shape[1]
    if k1 > k0:
        _product(a.reshape(-1)[k0:], k, 1, b.reshape(-1)[k0 * n_cols :], n_cols, c.reshape(-1), n_cols, 0, n,
                 k1 - k0, n_cols, False)  # fmt: skip
    else:
        c[:] = 0


@njit(**JIT)
def transpose(w, wt, r0, r1):  # type: ignore[no-untyped-def]
    """``wt[:, r0:r1] = w[r0:r1].T`` (reading rows: 1.2 µs for 64 x 64, twice as fast as writing rows)."""
    for i in range(r0, r1):
        for j in range(w.shape[1]):
            wt[j, i] = w[i, j]


# ---------------------------------------------------------------- any dtype


def matmul(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    """``c[r0:r1] (+)= a[r0:r1] @ b`` for float32 (tiles) or float64 (``np.dot``); numba only."""


def matmul_tn(a, b, c, k0, k1, acc):  # type: ignore[no-untyped-def]
    """``c[k0:k1] (+)= a[:, k0:k1].T @ b``; numba only."""


def matmul_deep(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    """``c[r0:r1] (+)= a[r0:r1] @ b`` for a long shared dimension (float32: :func:`nn_deep`); numba only."""


def matmul_nt(a, w, wt, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    """``c[r0:r1] (+)= a[r0:r1] @ w.T``; float32 reads ``wt`` (already ``w.T``); numba only."""


def _single(*arrays) -> bool:  # type: ignore[no-untyped-def]
    return all(isinstance(x, types.Array) and x.dtype == types.float32 for x in arrays)


@overload(matmul, jit_options=JIT)
def _matmul(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    if _single(a, b, c):
        return lambda a, b, c, r0, r1, acc: nn(a, b, c, r0, r1, acc)

    def generic(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
        if acc:
            c[r0:r1] += np.dot(a[r0:r1], b)
        else:
            np.dot(a[r0:r1], b, c[r0:r1])

    return generic


@overload(matmul_deep, jit_options=JIT)
def _matmul_deep(a, b, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    if _single(a, b, c):
        return lambda a, b, c, r0, r1, acc: nn_deep(a, b, c, r0, r1, acc)
    return lambda a, b, c, r0, r1, acc: matmul(a, b, c, r0, r1, acc)


@overload(matmul_tn, jit_options=JIT)
def _matmul_tn(a, b, c, k0, k1, acc):  # type: ignore[no-untyped-def]
    if _single(a, b, c):
        return lambda a, b, c, k0, k1, acc: tn(a, b, c, k0, k1, acc)

    def generic(a, b, c, k0, k1, acc):  # type: ignore[no-untyped-def]
        part = np.dot(np.ascontiguousarray(a[:, k0:k1].T), b)
        if acc:
            c[k0:k1] += part
        else:
            c[k0:k1] = part

    return generic


@overload(matmul_nt, jit_options=JIT)
def _matmul_nt(a, w, wt, c, r0, r1, acc):  # type: ignore[no-untyped-def]
    if _single(a, w, wt, c):
        return lambda a, w, wt, c, r0, r1, acc: nn(a, wt, c, r0, r1, acc)

    def generic(a, w, wt, c, r0, r1, acc):  # type: ignore[no-untyped-def]
        if acc:
            c[r0:r1] += np.dot(a[r0:r1], w.T)
        else:
            np.dot(a[r0:r1], w.T, c[r0:r1])

    return generic
