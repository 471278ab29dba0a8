"""The transforms of Winograd's F(4×4, 3×3): 6×6 tiles, 36 products per 4×4 block of outputs.

Against the 144 multiplications of the direct convolution (per input and output channel)
it needs 36, where F(2×2, 3×3) needs 64 for the same 16 outputs; its tiles also read
2.25 input values per output instead of 4. The points are 0, ±1, ±2 and ∞ (Lavin and
Gray, 2016), whose transforms use only small integers, 1/4, 1/6, 1/12 and 1/24:

    Bᵀ = [4  0 -5  0  1  0]     G = [ 1/4     0     0]     Aᵀ = [1  1  1  1  1  0]
         [0 -4 -4  1  1  0]         [-1/6  -1/6  -1/6]          [0  1 -1  2 -2  0]
         [0  4 -4 -1  1  0]         [-1/6   1/6  -1/6]          [0  1  1  4  4  0]
         [0 -2 -1  2  1  0]         [1/24  1/12   1/6]          [0  1 -1  8 -8  1]
         [0  2 -1 -2  1  0]         [1/24 -1/12   1/6]
         [0  4  0 -5  0  1]         [   0     0     1]

Each 2-D transform is its 1-D transform on the columns, then on the rows. The same tile
functions as :mod:`kernels.winograd`'s (inputs, outputs, output gradients, filters and
their gradients), on 16-lane vectors across channels for float32 and on numpy matrices
for float64 (the finite-difference tests).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.config import JIT
from kernels.gemm import INLINE
from kernels.simd import add, broadcast, fma, lanes_below, load, maximum, mul, store, sub, zeros

BT = np.array([[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0], [0, -2, -1, 2, 1, 0],
               [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]], np.float64)  # fmt: skip
G = np.array([[1 / 4, 0, 0], [-1 / 6, -1 / 6, -1 / 6], [-1 / 6, 1 / 6, -1 / 6], [1 / 24, 1 / 12, 1 / 6],
              [1 / 24, -1 / 12, 1 / 6], [0, 0, 1]], np.float64)  # fmt: skip
AT = np.array([[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]], np.float64)


# --------------------------------------------------------------------------- 1-D transforms on vectors


@njit(**INLINE)
def _bt(t0, t1, t2, t3, t4, t5, two, four, five):  # type: ignore[no-untyped-def]
    """Bᵀ times (t0 .. t5)."""
    a, b = sub(t4, t2), sub(t3, t1)  # shared parts of the middle rows
    return (
        fma(four, t0, sub(t4, mul(five, t2))),
        sub(add(t3, t4), mul(four, add(t1, t2))),
        add(sub(t4, t3), mul(four, sub(t1, t2))),
        fma(two, b, a),
        sub(a, mul(two, b)),
        fma(four, t1, sub(t5, mul(five, t3))),
    )


@njit(**INLINE)
def _at(t0, t1, t2, t3, t4, t5, two, four, eight):  # type: ignore[no-untyped-def]
    """Aᵀ times (t0 .. t5)."""
    s, d = add(t1, t2), sub(t1, t2)
    s2, d2 = add(t3, t4), sub(t3, t4)
    return add(add(t0, s), s2), fma(two, d2, d), fma(four, s2, s), add(fma(eight, d2, d), t5)


@njit(**INLINE)
def _a(t0, t1, t2, t3, two, four, eight):  # type: ignore[no-untyped-def]
    """A (the transpose of Aᵀ) times (t0 .. t3)."""
    even, odd = fma(four, t2, t0), fma(four, t3, t1)  # t0 + 4 t2 and t1 + 4 t3: rows 3 and 4 are even ± 2 odd
    return (
        t0,
        add(add(t0, t1), add(t2, t3)),
        sub(add(t0, t2), add(t1, t3)),
        add(even, mul(two, odd)),
        sub(even, mul(two, odd)),
        t3,
    )


# --------------------------------------------------------------------------- float32 tiles


@njit(**JIT)
def input_tiles32(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    """``v[ξ, k, :] = (Bᵀ d B)[ξ]`` for tiles ``t0 .. t0 + count`` (tile t's rows from ``oy + 4 * row``)."""
    _, rows, cols, channels = src.shape
    sf, vf = src.reshape(-1), v.reshape(-1)
    plane = v.shape[1] * channels
    row, col = cols * channels, channels
    two, four, five = broadcast(np.float32(2.0)), broadcast(np.float32(4.0)), broadcast(np.float32(5.0))
    stage = np.empty(36 * 16, np.float32)  # Bᵀ d, between the columns' transforms and the rows'
    every = lanes_below(16)
    for k in range(count):
        n, rest = divmod(t0 + k, th * tw)
        base = ((n * rows + oy + 4 * (rest // tw)) * cols + ox + 4 * (rest % tw)) * channels
        for c0 in range(0, channels, 16):
            mk = lanes_below(channels - c0)
            for j in range(6):
                at = base + c0 + j * col
                r = _bt(load(sf, at, mk), load(sf, at + row, mk), load(sf, at + 2 * row, mk),
                        load(sf, at + 3 * row, mk), load(sf, at + 4 * row, mk), load(sf, at + 5 * row, mk), two,
                        four, five)  # fmt: skip
                for i in range(6):
                    store(stage, (6 * i + j) * 16, r[i], every)
            out = k * channels + c0
            for i in range(6):
                s = 6 * i * 16
                values = _bt(load(stage, s, every), load(stage, s + 16, every), load(stage, s + 32, every),
                             load(stage, s + 48, every), load(stage, s + 64, every), load(stage, s + 80, every), two,
                             four, five)  # fmt: skip
                for j in range(6):
                    store(vf, out + (6 * i + j) * plane, values[j], mk)


@njit(**JIT)
def output_tiles32(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    """``out (+)= Aᵀ M A (+ bias)`` (then ``max(0, .)`` with ``relu``) for tiles ``t0 .. t0 + count``."""
    _, rows, cols, filters = out.shape
    mf, of = m.reshape(-1), out.reshape(-1)
    plane = m.shape[1] * filters
    has_bias = bias.shape[0] == filters
    two, four, eight = broadcast(np.float32(2.0)), broadcast(np.float32(4.0)), broadcast(np.float32(8.0))
    nothing = zeros()
    stage = np.empty(24 * 16, np.float32)  # Aᵀ M: 4 rows of 6
    every = lanes_below(16)
    for k in range(count):
        n, rest = divmod(t0 + k, th * tw)
        y0, x0 = 4 * (rest // tw), 4 * (rest % tw)
        last_row, last_col = min(4, rows - y0), min(4, cols - x0)
        at = ((n * rows + y0) * cols + x0) * filters
        for f0 in range(0, filters, 16):
            mk = lanes_below(filters - f0)
            a = k * filters + f0
            for j in range(6):
                r = _at(load(mf, a + j * plane, mk), load(mf, a + (6 + j) * plane, mk),
                        load(mf, a + (12 + j) * plane, mk), load(mf, a + (18 + j) * plane, mk),
                        load(mf, a + (24 + j) * plane, mk), load(mf, a + (30 + j) * plane, mk), two, four,
                        eight)  # fmt: skip
                for i in range(4):
                    store(stage, (6 * i + j) * 16, r[i], every)
            bias_v = load(bias, f0, mk) if has_bias else nothing
            for i in range(last_row):
                s = 6 * i * 16
                values = _at(load(stage, s, every), load(stage, s + 16, every), load(stage, s + 32, every),
                             load(stage, s + 48, every), load(stage, s + 64, every), load(stage, s + 80, every), two,
                             four, eight)  # fmt: skip
                o = at + i * cols * filters + f0
                for j in range(last_col):
                    value = add(values[j], bias_v)
                    if acc:
                        value = add(value, load(of, o + j * filters, mk))
                    if relu:
                        value = maximum(value, nothing)
                    store(of, o + j * filters, value, mk)


@njit(**JIT)
def gradient_tiles32(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    """``dm[ξ, k, :] = (A dy Aᵀ)[ξ]`` for tiles ``t0 .. t0 + count`` (outputs past the image count as zeros)."""
    _, rows, cols, filters = g.shape
    gf, df = g.reshape(-1), dm.reshape(-1)
    plane = dm.shape[1] * filters
    two, four, eight = broadcast(np.float32(2.0)), broadcast(np.float32(4.0)), broadcast(np.float32(8.0))
    stage = np.zeros(24 * 16, np.float32)  # A dy: 6 rows of 4; dy holds zeros past the image
    tile = np.zeros(16 * 16, np.float32)  # dy
    every = lanes_below(16)
    for k in range(count):
        n, rest = divmod(t0 + k, th * tw)
        y0, x0 = 4 * (rest // tw), 4 * (rest % tw)
        last_row, last_col = min(4, rows - y0), min(4, cols - x0)
        at = ((n * rows + y0) * cols + x0) * filters
        for f0 in range(0, filters, 16):
            mk = lanes_below(filters - f0)
            for i in range(4):
                for j in range(4):
                    inside = i < last_row and j < last_col
                    value = load(gf, at + (i * cols + j) * filters + f0, mk) if inside else zeros()
                    store(tile, (4 * i + j) * 16, value, every)
            for j in range(4):
                r = _a(load(tile, j * 16, every), load(tile, (4 + j) * 16, every), load(tile, (8 + j) * 16, every),
                       load(tile, (12 + j) * 16, every), two, four, eight)  # fmt: skip
                for i in range(6):
                    store(stage, (4 * i + j) * 16, r[i], every)
            out = k * filters + f0
            for i in range(6):
                s = 4 * i * 16
                values = _a(load(stage, s, every), load(stage, s + 16, every), load(stage, s + 32, every),
                            load(stage, s + 48, every), two, four, eight)  # fmt: skip
                for j in range(6):
                    store(df, out + (6 * i + j) * plane, values[j], mk)


@njit(**JIT)
def filter_transform32(w, u):  # type: ignore[no-untyped-def]
    """``u[6i + j, c, f] = (G g Gᵀ)[i, j]`` for each filter ``g = w[:, :, c, f]``."""
    channels, filters = w.shape[2], w.shape[3]
    wf, uf = w.reshape(-1), u.reshape(-1)
    tap = plane = channels * filters
    quarter, sixth = broadcast(np.float32(0.25)), broadcast(np.float32(1.0 / 6.0))
    twelfth, twenty_fourth = broadcast(np.float32(1.0 / 12.0)), broadcast(np.float32(1.0 / 24.0))
    stage = np.empty(18 * 16, np.float32)  # G g: 6 rows of 3
    every = lanes_below(16)
    for c in range(channels):
        for f0 in range(0, filters, 16):
            mk = lanes_below(filters - f0)
            a = c * filters + f0
            for j in range(3):
                r = _g(load(wf, a + j * tap, mk), load(wf, a + (3 + j) * tap, mk), load(wf, a + (6 + j) * tap, mk),
                       quarter, sixth, twelfth, twenty_fourth)  # fmt: skip
                for i in range(6):
                    store(stage, (3 * i + j) * 16, r[i], every)
            for i in range(6):
                s = 3 * i * 16
                values = _g(load(stage, s, every), load(stage, s + 16, every), load(stage, s + 32, every), quarter,
                            sixth, twelfth, twenty_fourth)  # fmt: skip
                for j in range(6):
                    store(uf, (6 * i + j) * plane + a, values[j], mk)


@njit(**INLINE)
def _g(t0, t1, t2, quarter, sixth, twelfth, twenty_fourth):  # type: ignore[no-untyped-def]
    """G times (t0, t1, t2)."""
    outer = add(t0, t2)
    a = mul(twenty_fourth, add(t0, mul(broadcast(np.float32(4.0)), t2)))  # t0/24 + t2/6
    b = mul(twelfth, t1)
    return (
        mul(quarter, t0),
        sub(zeros(), mul(sixth, add(outer, t1))),
        sub(zeros(), mul(sixth, sub(outer, t1))),
        add(a, b),
        sub(a, b),
        t2,
    )


# --------------------------------------------------------------------------- any dtype: numpy matrices


@njit(**JIT)
def input_tiles_loops(src, oy, ox, t0, count, th, tw, v):  # type: ignore[no-untyped-def]
    bt = BT.astype(src.dtype)
    for k in range(count):
        n, rest = divmod(t0 + k, th * tw)
        y0, x0 = oy + 4 * (rest // tw), ox + 4 * (rest % tw)
        for c in range(src.shape[3]):
            d = np.ascontiguousarray(src[n, y0 : y0 + 6, x0 : x0 + 6, c])
            out = bt @ d @ bt.T
            for i in range(6):
                for j in range(6):
                    v[6 * i + j, k, c] = out[i, j]


@njit(**JIT)
def output_tiles_loops(m, t0, count, th, tw, out, bias, acc, relu):  # type: ignore[no-untyped-def]
    at = AT.astype(m.dtype)
    rows, cols, filters = out.shape[1], out.shape[2], out.shape[3]
    has_bias = bias.shape[0] == filters
    for k in range(count):
        n, rest = divmod(t0 + k, th * tw)
        y0, x0 = 4 * (rest // tw), 4 * (rest % tw)
        for f in range(filters):
            tile = np.empty((6, 6), m.dtype)
            for xi in range(36):
                tile[xi // 6, xi % 6] = m[xi, k, f]
            y = at @ tile @ at.T
            for i in range(min(4, rows - y0)):
                for j in range(min(4, cols - x0)):
                    value = y[i, j] + (bias[f] if has_bias else 0.0)
                    if acc:
                        value += out[n, y0 + i, x0 + j, f]
                    out[n, y0 + i, x0 + j, f] = max(value, 0.0) if relu else value


@njit(**JIT)
def gradient_tiles_loops(g, t0, count, th, tw, dm):  # type: ignore[no-untyped-def]
    a = AT.T.copy().astype(g.dtype)
    rows, cols, filters = g.shape[1], g.shape[2], g.shape[3]
    for k in range(count):
        n, rest = divmod(t0 + k, th * tw)
        y0, x0 = 4 * (rest // tw), 4 * (rest % tw)
        for f in range(filters):
            dy = np.zeros((4, 4), g.dtype)
            for i in range(min(4, rows - y0)):
                for j in range(min(4, cols - x0)):
                    dy[i, j] = g[n, y0 + i, x0 + j, f]
            tile = a @ dy @ a.T
            for xi in range(36):
                dm[xi, k, f] = tile[xi // 6, xi % 6]


@njit(**JIT)
def filter_transform_loops(w, u):  # type: ignore[no-untyped-def]
    gm = G.astype(w.dtype)
    for c in range(w.shape[2]):
        for f in range(w.shape[3]):
            tile = gm @ np.ascontiguousarray(w[:, :, c, f]) @ gm.T
            for xi in range(36):
                u[xi, c, f] = tile[xi // 6, xi % 6]


@njit(**JIT)
def filter_gradient(du, gw, acc):  # type: ignore[no-untyped-def]
    """``gw[:, :, c, f] (+)= Gᵀ dU G`` from ``du (36, C, F)``: ``Gᵀ dU`` on the columns, then ``· G`` on the
    rows, a slice of the (C, F) planes at a time (the inner loops run along the planes: vectors)."""
    gm = G.astype(du.dtype)
    plane = du.shape[1] * du.shape[2]
    flat, out = du.reshape(36, plane), gw.reshape(9, plane)
    size = 512
    half = np.empty((18, size), du.dtype)  # (Gᵀ dU)[i, b] for a slice
    for p0 in range(0, plane, size):
        p1 = min(plane, p0 + size)
        width = p1 - p0
        for i in range(3):
            for b in range(6):
                row = half[6 * i + b]
                row[:width] = 0.0
                for a in range(6):
                    weight = gm[a, i]
                    if weight != 0.0:
                        source = flat[6 * a + b]
                        for q in range(width):
                            row[q] += weight * source[p0 + q]
        for i in range(3):
            for j in range(3):
                target = out[3 * i + j]
                if not acc:
                    target[p0:p1] = 0.0
                for b in range(6):
                    weight = gm[b, j]
                    if weight != 0.0:
                        row = half[6 * i + b]
                        for q in range(width):
                            target[p0 + q] += weight * row[q]
