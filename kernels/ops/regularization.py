"""The regularization family's ops: Dropout, and SpatialDropout1D/2D (whole channels).

Inverted dropout: a mask holds 0 or ``1 / (1 - rate)`` per value (per channel of a sample
for the spatial forms), drawn by a counter-based generator so any value can be drawn on
its own and the draws depend only on the seed, the training step and the position. At
inference, and at rate 0, the layers are views of their input.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
from numba import njit

from graph_core.graph import Layer
from kernels.config import JIT
from kernels.elementwise import mul_into
from kernels.ops.base import BindCall, Op, PlanCall

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


@njit(**JIT)
def _mix(h):  # type: ignore[no-untyped-def]
    # splitmix64's finaliser: a counter-based generator, so any element can be drawn alone
    h = (h ^ (h >> np.uint64(30))) * _M1
    h = (h ^ (h >> np.uint64(27))) * _M2
    return h ^ (h >> np.uint64(31))


@njit(**JIT)
def dropout_forward(x, out, mask, rate, seed, counter):  # type: ignore[no-untyped-def]
    """Inverted dropout: ``mask = keep / (1 - rate)``, ``out = x * mask``.

    The draw for element ``i`` depends only on ``(seed, counter[0], i)``.
    """
    base = _mix(np.uint64(seed) * _GOLDEN + np.uint64(counter[0]))
    keep_scale = np.float32(1.0 / (1.0 - rate))
    threshold = np.uint64(min(int(rate * 16777216.0), 16777216))
    for i in range(x.shape[0]):
        u = _mix(base + np.uint64(i) * _GOLDEN) >> np.uint64(40)  # 24 random bits
        m = keep_scale if u >= threshold else np.float32(0.0)
        mask[i] = m
        out[i] = x[i] * m


@njit(**JIT)
def spatial_dropout_forward(x, out, mask, rate, seed, counter):  # type: ignore[no-untyped-def]
    """As :func:`dropout_forward` with one draw per sample and channel: ``x``, ``out`` ``(n, positions, c)``,
    ``mask`` ``(n, c)``."""
    n, positions, c = x.shape
    base = _mix(np.uint64(seed) * _GOLDEN + np.uint64(counter[0]))
    keep_scale = np.float32(1.0 / (1.0 - rate))
    threshold = np.uint64(min(int(rate * 16777216.0), 16777216))
    for s in range(n):
        for k in range(c):
            u = _mix(base + np.uint64(s * c + k) * _GOLDEN) >> np.uint64(40)
            mask[s, k] = keep_scale if u >= threshold else np.float32(0.0)
    for s in range(n):
        m = mask[s]
        for p in range(positions):
            src, dst = x[s, p], out[s, p]
            for k in range(c):
                dst[k] = src[k] * m[k]


@njit(**JIT)
def spatial_dropout_backward(g, mask, dx, acc):  # type: ignore[no-untyped-def]
    """``dx (+)= g * mask`` with the mask of each sample and channel."""
    n, positions, c = g.shape
    for s in range(n):
        m = mask[s]
        for p in range(positions):
            src, dst = g[s, p], dx[s, p]
            if acc:
                for k in range(c):
                    dst[k] += src[k] * m[k]
            else:
                for k in range(c):
                    dst[k] = src[k] * m[k]


# --------------------------------------------------------------------------- ops


class DropoutOp(Op):
    """Dropout, or with ``spatial`` SpatialDropout1D/2D (one draw per sample and channel)."""

    def __init__(self, spatial: bool = False) -> None:
        self.spatial = spatial

    def is_view(self, layer: Layer, training: bool) -> bool:
        return not training or layer.config["rate"] == 0.0

    def plan(self, p: PlanCall) -> dict[str, Any]:
        seed = p.config["seed"]
        channels = p.out_shape[-1]
        p.keep((channels,) if self.spatial else p.out_shape)  # the mask, already scaled by 1 / (1 - rate)
        return {"rate": p.config["rate"], "seed": zlib.crc32(p.layer.name.encode()) if seed is None else seed,
                "fixed_seed": seed is not None, "channels": channels}  # fmt: skip

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        seed = at["seed"] if at["fixed_seed"] else (at["seed"] ^ (b.ex.seed * 0x9E3779B1)) & 0xFFFFFFFF
        if self.spatial:
            shape3 = (b.batch, -1, at["channels"])
            mask = b.scratch[0].reshape(b.batch, at["channels"])
            x3, y3 = b.x[0].reshape(shape3), b.y.reshape(shape3)
            b.forward(spatial_dropout_forward, x3, y3, mask, at["rate"], seed, b.ex.counter)
            if b.g is not None and b.dxs[0] is not None:
                b.backward(spatial_dropout_backward, b.g.reshape(shape3), mask, b.dxs[0].reshape(shape3), b.acc_in(0))
            return
        mask = b.scratch[0].reshape(-1)
        b.forward(dropout_forward, b.x[0].reshape(-1), b.y.reshape(-1), mask, at["rate"], seed, b.ex.counter)
        if b.g is not None and b.dxs[0] is not None:
            b.backward(mul_into, b.g.reshape(-1), mask, b.dxs[0].reshape(-1), b.acc_in(0))


OPS = {"Dropout": DropoutOp(), "SpatialDropout1D": DropoutOp(spatial=True), "SpatialDropout2D": DropoutOp(spatial=True)}
