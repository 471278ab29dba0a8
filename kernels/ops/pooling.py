"""The pooling family's ops: Max/AveragePooling1D/2D and their global forms.

Windows are read in place (positions outside the input are skipped, as with
``padding="same"``); a 1-D layer is a 2-D one a row high. Max pooling records the
position of each window's maximum (the first one on ties) for its backward pass; average
pooling divides by the number of positions inside the input. Threads split the samples.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit, prange

from kernels.config import PJIT
from kernels.gemm import chunk_rows
from kernels.ops.base import BindCall, Op, PlanCall
from kernels.ops.convolution import Window, window_of


@njit(**PJIT)
def pool_forward(x, y, arg, is_max, kh, kw, sh, sw, top, left, chunks):  # type: ignore[no-untyped-def]
    """Each window's maximum (and its position ``row * w + column`` into ``arg``) or mean, per channel."""
    n, h, w, c = x.shape
    oh, ow = y.shape[1], y.shape[2]
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(oh):
                r0 = i * sh - top
                for j in range(ow):
                    c0 = j * sw - left
                    out = y[s, i, j]
                    where = arg[s, i, j]
                    for k in range(c):
                        out[k] = -np.inf if is_max else 0.0
                    count = 0
                    for a in range(kh):
                        r = r0 + a
                        if r < 0 or r >= h:
                            continue
                        for b in range(kw):
                            col = c0 + b
                            if col < 0 or col >= w:
                                continue
                            count += 1
                            src = x[s, r, col]
                            if is_max:
                                for k in range(c):
                                    if src[k] > out[k]:
                                        out[k] = src[k]
                                        where[k] = r * w + col
                            else:
                                for k in range(c):
                                    out[k] += src[k]
                    if not is_max:
                        scale = 1.0 / count
                        for k in range(c):
                            out[k] *= scale


@njit(**PJIT)
def pool_backward(g, dx, arg, is_max, kh, kw, sh, sw, top, left, acc, chunks):  # type: ignore[no-untyped-def]
    """``dx (+)=`` each window's gradient: all of it to the maximum, or shared evenly."""
    n, h, w, c = dx.shape
    oh, ow = g.shape[1], g.shape[2]
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            if not acc:
                dx[s] = 0.0
            flat = dx[s].reshape(-1)
            for i in range(oh):
                r0 = i * sh - top
                for j in range(ow):
                    c0 = j * sw - left
                    grad = g[s, i, j]
                    if is_max:
                        where = arg[s, i, j]
                        for k in range(c):
                            flat[where[k] * c + k] += grad[k]
                        continue
                    rows = min(r0 + kh, h) - max(r0, 0)
                    cols = min(c0 + kw, w) - max(c0, 0)
                    scale = 1.0 / (rows * cols)
                    for r in range(max(r0, 0), min(r0 + kh, h)):
                        for col in range(max(c0, 0), min(c0 + kw, w)):
                            out = dx[s, r, col]
                            for k in range(c):
                                out[k] += grad[k] * scale


@njit(**PJIT)
def global_forward(x, y, arg, is_max, chunks):  # type: ignore[no-untyped-def]
    """``x (n, positions, c)``: the maximum (and its position) or the mean of each channel."""
    n, positions, c = x.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            out = y[s]
            for k in range(c):
                out[k] = x[s, 0, k]
                if is_max:
                    arg[s, k] = 0
            for p in range(1, positions):
                src = x[s, p]
                if is_max:
                    for k in range(c):
                        if src[k] > out[k]:
                            out[k] = src[k]
                            arg[s, k] = p
                else:
                    for k in range(c):
                        out[k] += src[k]
            if not is_max:
                scale = 1.0 / positions
                for k in range(c):
                    out[k] *= scale


@njit(**PJIT)
def global_backward(g, dx, arg, is_max, acc, chunks):  # type: ignore[no-untyped-def]
    n, positions, c = dx.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            if not acc:
                dx[s] = 0.0
            grad = g[s]
            if is_max:
                for k in range(c):
                    dx[s, arg[s, k], k] += grad[k]
            else:
                scale = 1.0 / positions
                for p in range(positions):
                    out = dx[s, p]
                    for k in range(c):
                        out[k] += grad[k] * scale


class PoolOp(Op):
    def __init__(self, is_max: bool) -> None:
        self.is_max = is_max

    def plan(self, p: PlanCall) -> dict[str, Any]:
        win = window_of(p.layer.type, p.config, p.in_shape, p.in_shape[-1])
        arg = p.keep((win.oh, win.ow, win.c), kind="int32") if self.is_max else None
        return {"window": win, "arg": arg}

    def bind(self, b: BindCall) -> None:
        win: Window = b.attrs["window"]
        n = b.batch
        x4 = b.x[0].reshape(n, win.h, win.w, win.c)
        y4 = b.y.reshape(n, win.oh, win.ow, win.c)
        arg = b.buffer(b.attrs["arg"]).reshape(n, win.oh, win.ow, win.c) if self.is_max else b.ex.no_positions(4)
        window = (win.kh, win.kw, win.sh, win.sw, win.top, win.left)
        chunks = b.chunks(b.y.size * win.taps)
        b.forward(pool_forward, x4, y4, arg, self.is_max, *window, chunks)
        if b.g is not None and b.dxs[0] is not None:
            g4 = b.g.reshape(n, win.oh, win.ow, win.c)
            dx4 = b.dxs[0].reshape(n, win.h, win.w, win.c)
            b.backward(pool_backward, g4, dx4, arg, self.is_max, *window, b.acc_in(0), chunks)


class GlobalPoolOp(Op):
    def __init__(self, is_max: bool) -> None:
        self.is_max = is_max

    def plan(self, p: PlanCall) -> dict[str, Any]:
        channels = p.in_shape[-1]
        positions = int(np.prod(p.in_shape[:-1]))
        arg = p.keep((channels,), kind="int32") if self.is_max else None
        return {"positions": positions, "channels": channels, "arg": arg}

    def bind(self, b: BindCall) -> None:
        n, positions, channels = b.batch, b.attrs["positions"], b.attrs["channels"]
        x3 = b.x[0].reshape(n, positions, channels)
        y2 = b.y.reshape(n, channels)
        arg = b.buffer(b.attrs["arg"]).reshape(n, channels) if self.is_max else b.ex.no_positions(2)
        chunks = b.chunks(b.x[0].size)
        b.forward(global_forward, x3, y2, arg, self.is_max, chunks)
        if b.g is not None and b.dxs[0] is not None:
            dx3 = b.dxs[0].reshape(n, positions, channels)
            b.backward(global_backward, b.g.reshape(n, channels), dx3, arg, self.is_max, b.acc_in(0), chunks)


OPS = {
    "MaxPooling1D": PoolOp(is_max=True),
    "MaxPooling2D": PoolOp(is_max=True),
    "AveragePooling1D": PoolOp(is_max=False),
    "AveragePooling2D": PoolOp(is_max=False),
    "GlobalMaxPooling1D": GlobalPoolOp(is_max=True),
    "GlobalMaxPooling2D": GlobalPoolOp(is_max=True),
    "GlobalAveragePooling1D": GlobalPoolOp(is_max=False),
    "GlobalAveragePooling2D": GlobalPoolOp(is_max=False),
}
