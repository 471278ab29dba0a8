"""3×3 convolutions with stride 1 by Winograd's minimal filtering, F(2×2, 3×3): 2.25 times fewer products.

A 2×2 block of outputs needs 36 multiplications per input and output channel done
directly; through the transforms below it needs 16 (Lavin and Gray, "Fast Algorithms
for Convolutional Neural Networks", 2016):

    V = Bᵀ d B      each 4×4 patch d of the input (a "tile"), per input channel
    U = G g Gᵀ      each 3×3 filter g, per input and output channel
    M[ξ] = V[ξ] @ U[ξ]   sixteen matrix products, one per position ξ of the 4×4 transforms
    y = Aᵀ M A      the 2×2 outputs of each tile, per output channel

and the gradient of the kernel follows the same way back: ``dM = A dy Aᵀ`` per tile,
``dU[ξ] = V[ξ]ᵀ @ dM[ξ]``, ``dg = Gᵀ dU G``. (The gradient of the input is a convolution
of the output's gradient with the kernel turned round, which this module also computes.)

The drivers (:func:`convolve`, :func:`kernel_gradient`, :func:`transform_filters`,
:func:`gradient_of_filters`) also run F(4×4, 3×3), 6×6 tiles and 36 products for 4×4
outputs (4 times fewer products), whose transforms are in :mod:`kernels.winograd4`; the
transformed kernel's shape, ``(16, C, F)`` or ``(36, C, F)``, says which.

Tiles go in blocks (:data:`BLOCK`) per thread: a block's transformed inputs (16 x BLOCK x
channels) and products stay in the thread's cache, and only the block is kept at a time,
so nothing as large as the image is stored. The products are :mod:`kernels.gemm`'s tiles.

Sources are 4-D ``(n, rows, columns, channels)`` arrays whose tiles all lie inside: the
caller pads them so that ``rows >= origin + step * ceil(out_rows / step) + 2`` (likewise for
the columns; ``step`` 2 or 4). Float32 and float64 (the finite-difference tests) both work.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange, types
from numba.extending import overload

from kernels import winograd4
from kernels.config import JIT, PJIT
from kernels.gemm import INLINE, matmul, matmul_tn
from kernels.simd import add, broadcast, lanes_below, load, maximum, mul, store, sub, zeros

#: Tiles per block (the rows of a block's products) in a convolution, and in a kernel's gradient (where the
#: block is the products' shared dimension: a larger one adds into the gradient less often).
BLOCK = 32
GRADIENT_BLOCK = 160


@njit(**JIT)
def tiles(rows, columns, step=2):  # type: ignore[no-untyped-def]
    """Tiles along each axis for an output of ``rows`` x ``columns`` in blocks of ``step`` x ``step``."""
    return (rows + step - 1) // step, (columns + step - 1) // step


@njit(**JIT)
def _filter_transform_loops(w, u):  # type: ignore[no-untyped-def]
    """``u[4i + j, c, f] = (G g Gᵀ)[i, j]`` for each filter ``g = w[:, :, c, f]`` (w ``(3, 3, C, F)``)."""
    half = w.dtype.type(0.5)
    for c in range(w.shape[2]):
        for f in range(w.shape[3]):
            g00, g01, g02 = w[0, 0, c, f], w[0, 1, c, f], w[0, 2, c, f]
            g10, g11, g12 = w[1, 0, c, f], w[1, 1, c, f], w[1, 2, c, f]
            g20, g21, g22 = w[2, 0, c, f], w[2, 1, c, f], w[2, 2, c, f]
            # G g: 4 rows of 3
            a00, a01, a02 = g00, g01, g02
            a10, a11, a12 = half * (g00 + g10 + g20), half * (g01 + g11 + g21), half * (g02 + g12 + g22)
            a20, a21, a22 = half * (g00 - g10 + g20), half * (g01 - g11 + g21), half * (g02 - g12 + g22)
            a30, a31, a32 = g20, g21, g22
            # (G g) Gᵀ: 4 rows of 4
            u[0, c, f], u[1, c, f] = a00, half * (a00 + a01 + a02)
            u[2, c, f], u[3, c, f] = half * (a00 - a01 + a02), a02
            u[4, c, f], u[5, c, f] = a10, half * (a10 + a11 + a12)
            u[6, c, f], u[7, c, f] = half * (a10 - a11 + a12), a12
            u[8, c, f], u[9, c, f] = a20, half * (a20 + a21 + a22)
            u[10, c, f], u[11, c, f] = half * (a20 - a21 + a22), a22
            u[12, c, f], u[13, c, f] = a30, half * (a30 + a31 + a32)
            u[14, c, f], u[15, c, f] = half * (a30 - a31 + a32), a32


@njit(**INLINE)
def _gt(d0, d1, d2, d3, half):  # type: ignore[no-untyped-def]
    """Gᵀ (3×4) times a column (d0, d1, d2, d3)."""
    return d0 + half * (d1 + d2), half * (d1 - d2), half * (d1 + d2) + d3


@njit(**JIT)
def filter_gradient(du, gw, acc):  # type: ignore[no-untyped-def]
    """``gw[:, :, c, f] (+)= Gᵀ dU G`` from ``du (16, C, F)``: the kernel's gradient from the transformed one."""
    half = du.dtype.type(0.5)
    for c in range(du.shape[1]):
        for f in range(du.shape[2]):
            # Gᵀ dU: 3 rows of 4, computed column by column
            b00, b10, b20 = _gt(du[0, c, f], du[4, c, f], du[8, c, f], du[12, c, f], half)
            b01, b11, b21 = _gt(du[1, c, f], du[5, c, f], du[9, c, f], du[13, c, f], half)
            b02, b12, b22 = _gt(du[2, c, f], du[6, c, f], du[10, c, f], du[14, c, f], half)
            b03, b13, b23 = _gt(du[3, c, f], du[7, c, f], du[11, c, f], du[15, c, f], half)
            # (Gᵀ dU) G: each row times G, which is Gᵀ applied to the row
            g00, g01, g02 = _gt(b00, b01, b02, b03, half)
            g10, g11, g12 = _gt(b10, b11, b12, b13, half)
            g20, g21, g22 = _gt(b20, b21, b22, b23, half)
            if acc:
                gw[0, 0, c, f] += g00
                gw[0, 1, c, f] += g01
                gw[0, 2, c, f] += g02
                gw[1, 0, c, f] += g10
                gw[1, 1, c, f] += g11
                gw[1, 2, c, f] += g12
                gw[2, 0, c, f] += g20
                gw[2, 1, c, f] += g21
                gw[2, 2, c, f] += g22
            else:
                gw[0, 0, c, f] = g00
                gw[0, 1, c, f] = g01
                gw[0, 2, c, f] = g02
                gw[1, 0, c, f] = g10
                gw[1, 1, c, f] = g11
                gw[1, 2, c, f] = g12
                gw[2, 0, c, f] = g20
                gw[2, 1, c, f] = g21
                gw[2, 2, c, f] = g22


@njit(**JIT)
def _input_tiles_loops(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    """``v[ξ, k, :] = (Bᵀ d B)[ξ]`` for tiles ``t0 .. t0 + count`` (tile t: sample t // (th*tw), rows and columns
    from ``oy + 2 * (t // tw % th)``, ``ox + 2 * (t % tw)``)."""
    channels = src.shape[3]
    for k in range(count):
        t = t0 + k
        n, rest = divmod(t, th * tw)
        y0 = oy + 2 * (rest // tw)
        x0 = ox + 2 * (rest % tw)
        p0, p1, p2, p3 = src[n, y0], src[n, y0 + 1], src[n, y0 + 2], src[n, y0 + 3]
        for c in range(channels):
            # Bᵀ d, column by column
            r00 = p0[x0, c] - p2[x0, c]
            r01 = p0[x0 + 1, c] - p2[x0 + 1, c]
            r02 = p0[x0 + 2, c] - p2[x0 + 2, c]
            r03 = p0[x0 + 3, c] - p2[x0 + 3, c]
            r10 = p1[x0, c] + p2[x0, c]
            r11 = p1[x0 + 1, c] + p2[x0 + 1, c]
            r12 = p1[x0 + 2, c] + p2[x0 + 2, c]
            r13 = p1[x0 + 3, c] + p2[x0 + 3, c]
            r20 = p2[x0, c] - p1[x0, c]
            r21 = p2[x0 + 1, c] - p1[x0 + 1, c]
            r22 = p2[x0 + 2, c] - p1[x0 + 2, c]
            r23 = p2[x0 + 3, c] - p1[x0 + 3, c]
            r30 = p1[x0, c] - p3[x0, c]
            r31 = p1[x0 + 1, c] - p3[x0 + 1, c]
            r32 = p1[x0 + 2, c] - p3[x0 + 2, c]
            r33 = p1[x0 + 3, c] - p3[x0 + 3, c]
            # (Bᵀ d) B, row by row
            v[0, k, c], v[1, k, c], v[2, k, c], v[3, k, c] = r00 - r02, r01 + r02, r02 - r01, r01 - r03
            v[4, k, c], v[5, k, c], v[6, k, c], v[7, k, c] = r10 - r12, r11 + r12, r12 - r11, r11 - r13
            v[8, k, c], v[9, k, c], v[10, k, c], v[11, k, c] = r20 - r22, r21 + r22, r22 - r21, r21 - r23
            v[12, k, c], v[13, k, c], v[14, k, c], v[15, k, c] = r30 - r32, r31 + r32, r32 - r31, r31 - r33


@njit(**JIT)
def _output_tiles_loops(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    """``out (+)= Aᵀ M A (+ bias)`` for tiles ``t0 .. t0 + count``; outputs past the image are left out."""
    n_rows, n_cols, filters = out.shape[1], out.shape[2], out.shape[3]
    has_bias = bias.shape[0] == filters
    for k in range(count):
        t = t0 + k
        n, rest = divmod(t, th * tw)
        y0 = 2 * (rest // tw)
        x0 = 2 * (rest % tw)
        second_row = y0 + 1 < n_rows
        second_col = x0 + 1 < n_cols
        for f in range(filters):
            # Aᵀ M: 2 rows of 4
            a00 = m[0, k, f] + m[4, k, f] + m[8, k, f]
            a01 = m[1, k, f] + m[5, k, f] + m[9, k, f]
            a02 = m[2, k, f] + m[6, k, f] + m[10, k, f]
            a03 = m[3, k, f] + m[7, k, f] + m[11, k, f]
            a10 = m[4, k, f] - m[8, k, f] - m[12, k, f]
            a11 = m[5, k, f] - m[9, k, f] - m[13, k, f]
            a12 = m[6, k, f] - m[10, k, f] - m[14, k, f]
            a13 = m[7, k, f] - m[11, k, f] - m[15, k, f]
            b = bias[f] if has_bias else m.dtype.type(0.0)
            values = (a00 + a01 + a02 + b, a01 - a02 - a03 + b, a10 + a11 + a12 + b, a11 - a12 - a13 + b)
            for q in range(4):
                i, j = q // 2, q % 2
                if (i == 1 and not second_row) or (j == 1 and not second_col):
                    continue
                value = values[q] + (out[n, y0 + i, x0 + j, f] if acc else m.dtype.type(0.0))
                out[n, y0 + i, x0 + j, f] = max(value, m.dtype.type(0.0)) if relu else value


@njit(**JIT)
def _gradient_tiles_loops(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    """``dm[ξ, k, :] = (A dy Aᵀ)[ξ]`` for tiles ``t0 .. t0 + count`` (outputs past the image count as zeros)."""
    n_rows, n_cols, filters = g.shape[1], g.shape[2], g.shape[3]
    zero = g.dtype.type(0.0)
    for k in range(count):
        t = t0 + k
        n, rest = divmod(t, th * tw)
        y0 = 2 * (rest // tw)
        x0 = 2 * (rest % tw)
        second_row = y0 + 1 < n_rows
        second_col = x0 + 1 < n_cols
        for f in range(filters):
            d00 = g[n, y0, x0, f]
            d01 = g[n, y0, x0 + 1, f] if second_col else zero
            d10 = g[n, y0 + 1, x0, f] if second_row else zero
            d11 = g[n, y0 + 1, x0 + 1, f] if second_row and second_col else zero
            # A dy: 4 rows of 2
            b00, b01 = d00, d01
            b10, b11 = d00 + d10, d01 + d11
            b20, b21 = d00 - d10, d01 - d11
            b30, b31 = -d10, -d11
            # (A dy) Aᵀ
            dm[0, k, f], dm[1, k, f], dm[2, k, f], dm[3, k, f] = b00, b00 + b01, b00 - b01, -b01
            dm[4, k, f], dm[5, k, f], dm[6, k, f], dm[7, k, f] = b10, b10 + b11, b10 - b11, -b11
            dm[8, k, f], dm[9, k, f], dm[10, k, f], dm[11, k, f] = b20, b20 + b21, b20 - b21, -b21
            dm[12, k, f], dm[13, k, f], dm[14, k, f], dm[15, k, f] = b30, b30 + b31, b30 - b31, -b31


# --------------------------------------------------------------------------- float32: sixteen channels at a time


@njit(**JIT)
def _input_tiles32(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    """:func:`_input_tiles_loops` on 16-lane vectors across the channels."""
    _, rows, cols, channels = src.shape
    sf, vf = src.reshape(-1), v.reshape(-1)
    block = v.shape[1]
    row, col = cols * channels, channels
    plane = block * channels  # from one ξ to the next in v
    for k in range(count):
        t = t0 + k
        n, rest = divmod(t, th * tw)
        base = ((n * rows + oy + 2 * (rest // tw)) * cols + ox + 2 * (rest % tw)) * channels
        out = k * channels
        for c0 in range(0, channels, 16):
            mk = lanes_below(channels - c0)
            a = base + c0
            d00, d01, d02, d03 = load(sf, a, mk), load(sf, a + col, mk), load(sf, a + 2 * col, mk), load(
                sf, a + 3 * col, mk)  # fmt: skip
            a += row
            d10, d11, d12, d13 = load(sf, a, mk), load(sf, a + col, mk), load(sf, a + 2 * col, mk), load(
                sf, a + 3 * col, mk)  # fmt: skip
            a += row
            d20, d21, d22, d23 = load(sf, a, mk), load(sf, a + col, mk), load(sf, a + 2 * col, mk), load(
                sf, a + 3 * col, mk)  # fmt: skip
            a += row
            d30, d31, d32, d33 = load(sf, a, mk), load(sf, a + col, mk), load(sf, a + 2 * col, mk), load(
                sf, a + 3 * col, mk)  # fmt: skip
            r00, r01, r02, r03 = sub(d00, d20), sub(d01, d21), sub(d02, d22), sub(d03, d23)
            r10, r11, r12, r13 = add(d10, d20), add(d11, d21), add(d12, d22), add(d13, d23)
            r20, r21, r22, r23 = sub(d20, d10), sub(d21, d11), sub(d22, d12), sub(d23, d13)
            r30, r31, r32, r33 = sub(d10, d30), sub(d11, d31), sub(d12, d32), sub(d13, d33)
            o = out + c0
            store(vf, o, sub(r00, r02), mk)
            store(vf, o + plane, add(r01, r02), mk)
            store(vf, o + 2 * plane, sub(r02, r01), mk)
            store(vf, o + 3 * plane, sub(r01, r03), mk)
            store(vf, o + 4 * plane, sub(r10, r12), mk)
            store(vf, o + 5 * plane, add(r11, r12), mk)
            store(vf, o + 6 * plane, sub(r12, r11), mk)
            store(vf, o + 7 * plane, sub(r11, r13), mk)
            store(vf, o + 8 * plane, sub(r20, r22), mk)
            store(vf, o + 9 * plane, add(r21, r22), mk)
            store(vf, o + 10 * plane, sub(r22, r21), mk)
            store(vf, o + 11 * plane, sub(r21, r23), mk)
            store(vf, o + 12 * plane, sub(r30, r32), mk)
            store(vf, o + 13 * plane, add(r31, r32), mk)
            store(vf, o + 14 * plane, sub(r32, r31), mk)
            store(vf, o + 15 * plane, sub(r31, r33), mk)


@njit(**INLINE)
def _put(of, offset, value, mask, acc, relu):  # type: ignore[no-untyped-def]
    if acc:
        value = add(value, load(of, offset, mask))
    if relu:
        value = maximum(value, zeros())
    store(of, offset, value, mask)


@njit(**JIT)
def _output_tiles32(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    """:func:`_output_tiles_loops` on 16-lane vectors across the filters."""
    n_all, rows, cols, filters = out.shape
    mf, of = m.reshape(-1), out.reshape(-1)
    plane = m.shape[1] * filters
    has_bias = bias.shape[0] == filters
    for k in range(count):
        t = t0 + k
        n, rest = divmod(t, th * tw)
        y0, x0 = 2 * (rest // tw), 2 * (rest % tw)
        second_row, second_col = y0 + 1 < rows, x0 + 1 < cols
        at = ((n * rows + y0) * cols + x0) * filters
        for f0 in range(0, filters, 16):
            mk = lanes_below(filters - f0)
            a = k * filters + f0
            m0, m1, m2, m3 = load(mf, a, mk), load(mf, a + plane, mk), load(mf, a + 2 * plane, mk), load(
                mf, a + 3 * plane, mk)  # fmt: skip
            m4, m5, m6, m7 = load(mf, a + 4 * plane, mk), load(mf, a + 5 * plane, mk), load(
                mf, a + 6 * plane, mk), load(mf, a + 7 * plane, mk)  # fmt: skip
            m8, m9, m10, m11 = load(mf, a + 8 * plane, mk), load(mf, a + 9 * plane, mk), load(
                mf, a + 10 * plane, mk), load(mf, a + 11 * plane, mk)  # fmt: skip
            m12, m13, m14, m15 = load(mf, a + 12 * plane, mk), load(mf, a + 13 * plane, mk), load(
                mf, a + 14 * plane, mk), load(mf, a + 15 * plane, mk)  # fmt: skip
            a0, a1, a2, a3 = add(add(m0, m4), m8), add(add(m1, m5), m9), add(add(m2, m6), m10), add(add(m3, m7), m11)
            b0, b1, b2, b3 = sub(sub(m4, m8), m12), sub(sub(m5, m9), m13), sub(sub(m6, m10), m14), sub(
                sub(m7, m11), m15)  # fmt: skip
            bias_v = load(bias, f0, mk) if has_bias else zeros()
            o = at + f0
            _put(of, o, add(add(add(a0, a1), a2), bias_v), mk, acc, relu)
            if second_col:
                _put(of, o + filters, add(sub(sub(a1, a2), a3), bias_v), mk, acc, relu)
            if second_row:
                o2 = o + cols * filters
                _put(of, o2, add(add(add(b0, b1), b2), bias_v), mk, acc, relu)
                if second_col:
                    _put(of, o2 + filters, add(sub(sub(b1, b2), b3), bias_v), mk, acc, relu)


@njit(**JIT)
def _gradient_tiles32(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    """:func:`_gradient_tiles_loops` on 16-lane vectors across the filters."""
    n_all, rows, cols, filters = g.shape
    gf, df = g.reshape(-1), dm.reshape(-1)
    plane = dm.shape[1] * filters
    nothing = zeros()
    for k in range(count):
        t = t0 + k
        n, rest = divmod(t, th * tw)
        y0, x0 = 2 * (rest // tw), 2 * (rest % tw)
        second_row, second_col = y0 + 1 < rows, x0 + 1 < cols
        at = ((n * rows + y0) * cols + x0) * filters
        for f0 in range(0, filters, 16):
            mk = lanes_below(filters - f0)
            a = at + f0
            d00 = load(gf, a, mk)
            d01 = load(gf, a + filters, mk) if second_col else nothing
            d10 = load(gf, a + cols * filters, mk) if second_row else nothing
            d11 = load(gf, a + (cols + 1) * filters, mk) if second_row and second_col else nothing
            b00, b01 = d00, d01
            b10, b11 = add(d00, d10), add(d01, d11)
            b20, b21 = sub(d00, d10), sub(d01, d11)
            b30, b31 = sub(nothing, d10), sub(nothing, d11)
            o = k * filters + f0
            store(df, o, b00, mk)
            store(df, o + plane, add(b00, b01), mk)
            store(df, o + 2 * plane, sub(b00, b01), mk)
            store(df, o + 3 * plane, sub(nothing, b01), mk)
            store(df, o + 4 * plane, b10, mk)
            store(df, o + 5 * plane, add(b10, b11), mk)
            store(df, o + 6 * plane, sub(b10, b11), mk)
            store(df, o + 7 * plane, sub(nothing, b11), mk)
            store(df, o + 8 * plane, b20, mk)
            store(df, o + 9 * plane, add(b20, b21), mk)
            store(df, o + 10 * plane, sub(b20, b21), mk)
            store(df, o + 11 * plane, sub(nothing, b21), mk)
            store(df, o + 12 * plane, b30, mk)
            store(df, o + 13 * plane, add(b30, b31), mk)
            store(df, o + 14 * plane, sub(b30, b31), mk)
            store(df, o + 15 * plane, sub(nothing, b31), mk)


@njit(**JIT)
def _filter_transform32(w, u):  # type: ignore[no-untyped-def]
    """:func:`_filter_transform_loops` on 16-lane vectors across the filters."""
    channels, filters = w.shape[2], w.shape[3]
    wf, uf = w.reshape(-1), u.reshape(-1)
    tap = channels * filters  # from one kernel position to the next in w
    plane = channels * filters  # from one ξ to the next in u
    half = broadcast(np.float32(0.5))
    for c in range(channels):
        for f0 in range(0, filters, 16):
            mk = lanes_below(filters - f0)
            a = c * filters + f0
            g00, g01, g02 = load(wf, a, mk), load(wf, a + tap, mk), load(wf, a + 2 * tap, mk)
            g10, g11, g12 = load(wf, a + 3 * tap, mk), load(wf, a + 4 * tap, mk), load(wf, a + 5 * tap, mk)
            g20, g21, g22 = load(wf, a + 6 * tap, mk), load(wf, a + 7 * tap, mk), load(wf, a + 8 * tap, mk)
            a10, a11, a12 = mul(half, add(add(g00, g10), g20)), mul(half, add(add(g01, g11), g21)), mul(
                half, add(add(g02, g12), g22))  # fmt: skip
            a20, a21, a22 = mul(half, add(sub(g00, g10), g20)), mul(half, add(sub(g01, g11), g21)), mul(
                half, add(sub(g02, g12), g22))  # fmt: skip
            for i, (r0, r1, r2) in enumerate(((g00, g01, g02), (a10, a11, a12), (a20, a21, a22), (g20, g21, g22))):
                o = 4 * i * plane + a
                store(uf, o, r0, mk)
                store(uf, o + plane, mul(half, add(add(r0, r1), r2)), mk)
                store(uf, o + 2 * plane, mul(half, add(sub(r0, r1), r2)), mk)
                store(uf, o + 3 * plane, r2, mk)


@njit(**JIT)
def turned_round(u, out):  # type: ignore[no-untyped-def]
    """The transformed kernel of the kernel turned round (taps reversed, in and out swapped), from ``u``:
    reversing a filter's taps swaps the first and last rows of ``G g`` (``G J = S G``), so
    ``out[ξ', f, c] = u[ξ, c, f]`` with the transform's rows and columns 0 and 3 swapped."""
    channels, filters = u.shape[1], u.shape[2]
    for i in range(4):
        si = 3 - i if i == 0 or i == 3 else i
        for j in range(4):
            sj = 3 - j if j == 0 or j == 3 else j
            src, dst = u[4 * si + sj], out[4 * i + j]
            for c0 in range(0, channels, 16):  # in blocks, so both sides stay in the cache
                for f in range(filters):
                    for c in range(c0, min(c0 + 16, channels)):
                        dst[f, c] = src[c, f]


# --------------------------------------------------------------------------- by dtype


def filter_transform(w, u):  # type: ignore[no-untyped-def]
    """``u[4i + j, c, f] = (G g Gᵀ)[i, j]`` for each filter ``g = w[:, :, c, f]`` (w ``(3, 3, C, F)``)."""


def _input_tiles(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    """``v[ξ, k, :] = (Bᵀ d B)[ξ]`` for tiles ``t0 .. t0 + count``; numba only."""


def _output_tiles(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    """``out (+)= Aᵀ M A (+ bias)``, then ``max(0, .)`` with ``relu``, for tiles ``t0 .. t0 + count``; numba only."""


def _gradient_tiles(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    """``dm[ξ, k, :] = (A dy Aᵀ)[ξ]`` for tiles ``t0 .. t0 + count``; numba only."""


def _single(*arrays) -> bool:  # type: ignore[no-untyped-def]
    return all(isinstance(a, types.Array) and a.dtype == types.float32 for a in arrays)


@overload(filter_transform, jit_options=JIT)
def _filter_transform_by_dtype(w, u):  # type: ignore[no-untyped-def]
    fn = _filter_transform32 if _single(w, u) else _filter_transform_loops
    return lambda w, u: fn(w, u)


@njit(**JIT)
def transform_filters(w, u):  # type: ignore[no-untyped-def]
    """The transformed kernel ``u`` of ``w``: ``(16, C, F)`` for F(2×2, 3×3), ``(36, C, F)`` for F(4×4, 3×3)."""
    if u.shape[0] == 36:
        _filter_transform4(w, u)
    else:
        filter_transform(w, u)


@njit(**JIT)
def gradient_of_filters(du, gw, acc):  # type: ignore[no-untyped-def]
    """The kernel's gradient ``gw (+)=`` from the transformed kernel's ``du`` (16 or 36 positions)."""
    if du.shape[0] == 36:
        winograd4.filter_gradient(du, gw, acc)
    else:
        filter_gradient(du, gw, acc)


@overload(_input_tiles, jit_options=JIT)
def _input_tiles_by_dtype(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    fn = _input_tiles32 if _single(src, v) else _input_tiles_loops
    return lambda src, oy, ox, t0, count, th, tw, v: fn(src, oy, ox, t0, count, th, tw, v)


@overload(_output_tiles, jit_options=JIT)
def _output_tiles_by_dtype(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    fn = _output_tiles32 if _single(m, out, bias) else _output_tiles_loops
    return lambda m, t0, count, th, tw, out, bias, acc, relu: fn(m, t0, count, th, tw, out, bias, acc, relu)


def _input_tiles4(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    """F(4×4, 3×3)'s :func:`_input_tiles`; numba only."""


def _output_tiles4(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    """F(4×4, 3×3)'s :func:`_output_tiles`; numba only."""


def _gradient_tiles4(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    """F(4×4, 3×3)'s :func:`_gradient_tiles`; numba only."""


def _filter_transform4(w, u):  # type: ignore[no-untyped-def]
    """F(4×4, 3×3)'s :func:`filter_transform`; numba only."""


@overload(_input_tiles4, jit_options=JIT)
def _input_tiles4_by_dtype(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    fn = winograd4.input_tiles32 if _single(src, v) else winograd4.input_tiles_loops
    return lambda src, oy, ox, t0, count, th, tw, v: fn(src, oy, ox, t0, count, th, tw, v)


@overload(_output_tiles4, jit_options=JIT)
def _output_tiles4_by_dtype(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    fn = winograd4.output_tiles32 if _single(m, out, bias) else winograd4.output_tiles_loops
    return lambda m, t0, count, th, tw, out, bias, acc, relu: fn(m, t0, count, th, tw, out, bias, acc, relu)


@overload(_gradient_tiles4, jit_options=JIT)
def _gradient_tiles4_by_dtype(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    fn = winograd4.gradient_tiles32 if _single(g, dm) else winograd4.gradient_tiles_loops
    return lambda g, t0, count, th, tw, dm: fn(g, t0, count, th, tw, dm)


@overload(_filter_transform4, jit_options=JIT)
def _filter_transform4_by_dtype(w, u):  # type: ignore[no-untyped-def]
    fn = winograd4.filter_transform32 if _single(w, u) else winograd4.filter_transform_loops
    return lambda w, u: fn(w, u)


@overload(_gradient_tiles, jit_options=JIT)
def _gradient_tiles_by_dtype(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    fn = _gradient_tiles32 if _single(g, dm) else _gradient_tiles_loops
    return lambda g, t0, count, th, tw, dm: fn(g, t0, count, th, tw, dm)


@njit(**PJIT)
def convolve(src, oy, ox, u, out, bias, acc, relu, chunks, v_parts, m_parts):  # type: ignore[no-untyped-def]
    """``out[n, i, j] (+)= Σ src[n, oy + i + a, ox + j + b] · g[a, b] (+ bias)``, then ``max(0, .)`` with
    ``relu``: a 3×3 convolution, stride 1. ``u`` is the transformed kernel, ``(16, C, F)`` for F(2×2, 3×3) or
    ``(36, C, F)`` for F(4×4, 3×3); ``v_parts``/``m_parts`` ``(chunks, 16 or 36, block, C or F)`` are each
    thread's block of transformed inputs and products."""
    positions = u.shape[0]
    four = positions == 36
    th, tw = tiles(out.shape[1], out.shape[2], 4 if four else 2)
    total = out.shape[0] * th * tw
    size = v_parts.shape[2]
    blocks = (total + size - 1) // size
    for t in prange(chunks):
        v, m = v_parts[t], m_parts[t]
        b0 = t * blocks // chunks
        b1 = (t + 1) * blocks // chunks
        for block in range(b0, b1):
            t0 = block * size
            count = min(size, total - t0)
            if four:
                _input_tiles4(src, oy, ox, t0, count, th, tw, v)
            else:
                _input_tiles(src, oy, ox, t0, count, th, tw, v)
            for xi in range(positions):
                matmul(v[xi], u[xi], m[xi], 0, count, False)
            if four:
                _output_tiles4(m, t0, count, th, tw, out, bias, acc, relu)
            else:
                _output_tiles(m, t0, count, th, tw, out, bias, acc, relu)


@njit(**PJIT)
def kernel_gradient(src, oy, ox, g, du_parts, chunks, v_parts, dm_parts):  # type: ignore[no-untyped-def]
    """Each thread's share of the transformed kernel's gradient, ``du_parts[t] = Σ V[ξ]ᵀ dM[ξ]`` over its tiles
    (``g`` the output's gradient ``(n, rows, columns, F)``; 16 or 36 positions as ``du_parts.shape[1]``);
    :func:`sum_parts` then adds them up."""
    positions = du_parts.shape[1]
    four = positions == 36
    th, tw = tiles(g.shape[1], g.shape[2], 4 if four else 2)
    total = g.shape[0] * th * tw
    size = v_parts.shape[2]
    blocks = (total + size - 1) // size
    channels = du_parts.shape[2]
    for t in prange(chunks):
        v, dm, du = v_parts[t], dm_parts[t], du_parts[t]
        du[...] = 0.0
        b0 = t * blocks // chunks
        b1 = (t + 1) * blocks // chunks
        for block in range(b0, b1):
            t0 = block * size
            count = min(size, total - t0)
            if four:
                _input_tiles4(src, oy, ox, t0, count, th, tw, v)
                _gradient_tiles4(g, t0, count, th, tw, dm)
            else:
                _input_tiles(src, oy, ox, t0, count, th, tw, v)
                _gradient_tiles(g, t0, count, th, tw, dm)
            for xi in range(positions):
                matmul_tn(v[xi][:count], dm[xi][:count], du[xi], 0, channels, True)


@njit(**JIT)
def sum_parts(parts, out):  # type: ignore[no-untyped-def]
    """``out = parts.sum(axis=0)`` (the threads' shares of a gradient, in a fixed order)."""
    flat = out.reshape(-1)
    for i in range(flat.shape[0]):
        flat[i] = 0.0
    for t in range(parts.shape[0]):
        part = parts[t].reshape(-1)
        for i in range(flat.shape[0]):
            flat[i] += part[i]
