"""Matrix products whose first operand is read through offset tables: convolutions without im2col.

A convolution is a matrix product in which row ``r`` of ``A`` is one output position and
column ``p`` one tap of the kernel (a kernel row, column and input channel): ``A[r, p]``
is the input value that tap meets there. Every such value sits at a fixed distance from
its row's first one, so ``A`` never needs to be copied out (im2col):

    gathered(af, rows, taps, bf, n_cols, cf, r0, r1, acc)
        C[r0:r1] (+)= A[r0:r1] @ B,   A[r, p] = af[rows[r] + taps[p]]

``af`` is the input, flat; ``rows`` (int64, one per row of ``C``) and ``taps`` (int64, one
per row of ``B``) are offsets into it; ``B (len(taps), n_cols)`` and ``C`` are flat,
row-major and contiguous. The same product serves every pass of every convolution layer
(the forward pass, the kernel's gradient with the roles of rows and taps swapped, the
input's gradient as a convolution of the output's gradient): see
:mod:`kernels.ops.convolution`.

Float32 runs on register tiles like :mod:`kernels.gemm`'s (4 rows x 64 columns or 8 x 32,
16 vector accumulators, masked lanes at the edges), with one table lookup per step of
the shared dimension, over blocks of ``B`` small enough to stay in the L1 cache;
float64 (the finite-difference tests) on plain loops.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.extending import overload

from kernels.config import JIT
from kernels.gemm import INLINE, _put
from kernels.simd import broadcast, fma, lanes_below, load, zeros

#: Steps of the shared dimension per block: a block of B (64 or 32 columns wide) stays in the L1 cache
#: while every row tile passes over it (96 x 64 floats = 24 KB). On the toy ResNet's largest convolution
#: this took the forward product from 105 to 139 GFLOP/s on one core, against 1024 (L2-sized) blocks.
BLOCK_WIDE = 96
BLOCK_NARROW = 192


@njit(**INLINE)
def _tile4x64(af, a0, a1, a2, a3, taps, t0, depth, bf, bo, b_step, cf, co, c_row, rows, m0, m1, m2, m3, acc):  # type: ignore[no-untyped-def]
    """``rows`` (1-4) rows x 64 columns of C (+)= A @ B over ``taps[t0 : t0 + depth]``."""
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
    for p in range(depth):
        o = taps[t0 + p]
        b0 = load(bf, bo, m0)
        b1 = load(bf, bo + 16, m1)
        b2 = load(bf, bo + 32, m2)
        b3 = load(bf, bo + 48, m3)
        bo += b_step
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
def _tile8x32(af, rows_at, i, rows, taps, t0, depth, bf, bo, b_step, cf, co, c_row, m0, m1, acc):  # type: ignore[no-untyped-def]
    """As :func:`_tile4x64` for ``rows`` (1-8) rows x 32 columns; row offsets from ``rows_at[i:]``."""
    last = rows - 1
    a0 = rows_at[i]
    a1 = rows_at[i + min(1, last)]  # missing rows repeat the last one; they are not stored
    a2 = rows_at[i + min(2, last)]
    a3 = rows_at[i + min(3, last)]
    a4 = rows_at[i + min(4, last)]
    a5 = rows_at[i + min(5, last)]
    a6 = rows_at[i + min(6, last)]
    a7 = rows_at[i + min(7, last)]
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
    for p in range(depth):
        o = taps[t0 + p]
        b0 = load(bf, bo, m0)
        b1 = load(bf, bo + 16, m1)
        bo += b_step
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
def gathered32(af, rows_at, taps, bf, n_cols, cf, r0, r1, acc):  # type: ignore[no-untyped-def]
    """Float32 :func:`gathered` on the register tiles (the shared dimension in blocks of ``DEPTH``)."""
    depth = taps.shape[0]
    block = BLOCK_WIDE if n_cols > 32 else BLOCK_NARROW
    for t0 in range(0, depth, block):
        span = min(block, depth - t0)
        add = acc or t0 > 0
        j = 0
        while j < n_cols:
            left = n_cols - j
            if left > 32:
                m0, m1 = lanes_below(left), lanes_below(left - 16)
                m2, m3 = lanes_below(left - 32), lanes_below(left - 48)
                for i in range(r0, r1, 4):
                    n = min(4, r1 - i)
                    last = n - 1
                    _tile4x64(af, rows_at[i], rows_at[i + min(1, last)], rows_at[i + min(2, last)],
                              rows_at[i + min(3, last)], taps, t0, span, bf, t0 * n_cols + j, n_cols, cf,
                              i * n_cols + j, n_cols, n, m0, m1, m2, m3, add)  # fmt: skip
                j += 64
            else:
                m0, m1 = lanes_below(left), lanes_below(left - 16)
                for i in range(r0, r1, 8):
                    _tile8x32(af, rows_at, i, min(8, r1 - i), taps, t0, span, bf, t0 * n_cols + j, n_cols, cf,
                              i * n_cols + j, n_cols, m0, m1, add)  # fmt: skip
                j += 32


@njit(**JIT)
def gathered_loops(af, rows_at, taps, bf, n_cols, cf, r0, r1, acc):  # type: ignore[no-untyped-def]
    """:func:`gathered` on plain loops, for any float dtype (the finite-difference tests use float64)."""
    for r in range(r0, r1):
        out = r * n_cols
        if not acc:
            for j in range(n_cols):
                cf[out + j] = 0.0
        base = rows_at[r]
        for p in range(taps.shape[0]):
            a = af[base + taps[p]]
            row = p * n_cols
            for j in range(n_cols):
                cf[out + j] += a * bf[row + j]


def gathered(af, rows_at, taps, bf, n_cols, cf, r0, r1, acc):  # type: ignore[no-untyped-def]
    """``C[r0:r1] (+)= A[r0:r1] @ B`` with ``A[r, p] = af[rows_at[r] + taps[p]]`` (see the module docstring)."""


@overload(gathered, jit_options=JIT)
def _gathered(af, rows_at, taps, bf, n_cols, cf, r0, r1, acc):  # type: ignore[no-untyped-def]
    if all(isinstance(a, types.Array) and a.dtype == types.float32 for a in (af, bf, cf)):
        return lambda af, rows_at, taps, bf, n_cols, cf, r0, r1, acc: gathered32(
            af, rows_at, taps, bf, n_cols, cf, r0, r1, acc
        )
    return lambda af, rows_at, taps, bf, n_cols, cf, r0, r1, acc: gathered_loops(
        af, rows_at, taps, bf, n_cols, cf, r0, r1, acc
    )


@njit(**JIT)
def gathered_product(af, rows_at, taps, bf, n_cols, cf, r0, r1, acc):  # type: ignore[no-untyped-def]
    """:func:`gathered`, callable from Python (tests)."""
    gathered(af, rows_at, taps, bf, n_cols, cf, r0, r1, acc)


def offsets(*axes: tuple[int, int]) -> np.ndarray:
    """All sums ``i0 * step0 + i1 * step1 + ...`` for ``i_k < count_k``, last axis fastest, as int64.

    ``axes`` are ``(count, step)`` pairs: ``offsets((oh, row_step), (ow, col_step))`` gives
    the offset of every output position, row by row.
    """
    out = np.zeros(1, np.int64)
    for count, step in axes:
        out = (out[:, None] + np.arange(count, dtype=np.int64)[None, :] * step).reshape(-1)
    return out
