"""The normalization family's ops: BatchNormalization and LayerNormalization.

Both take 3-D views ``(outer, C, inner)`` of their input, ``C`` the size of the axis they
normalize, so one kernel serves every rank and axis (features of a vector, channels of an
image). Weight gradients ``(C,)`` are written or, with ``acc_w``, added (shared layers).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from kernels.config import JIT
from kernels.ops.base import BindCall, Op, PlanCall
from kernels.ops.merging import axis3

# --------------------------------------------------------------------------- batch normalization


@njit(**JIT)
def bn_train_forward(x, gamma, beta, eps, y, xhat, mean, var, invstd):  # type: ignore[no-untyped-def]
    """Batch statistics per channel of ``x (outer, C, inner)``; biased variance as Keras."""
    outer, c, inner = x.shape
    count = outer * inner
    for k in range(c):
        s = 0.0
        for o in range(outer):
            for i in range(inner):
                s += x[o, k, i]
        mu = s / count
        q = 0.0
        for o in range(outer):
            for i in range(inner):
                d = x[o, k, i] - mu
                q += d * d
        mean[k] = mu
        var[k] = q / count
        invstd[k] = 1.0 / math.sqrt(q / count + eps)
    _affine(x, mean, invstd, gamma, beta, y, xhat)


@njit(**JIT)
def _affine(x, mean, invstd, gamma, beta, y, xhat):  # type: ignore[no-untyped-def]
    outer, c, inner = x.shape
    has_g = gamma.shape[0] == c
    has_b = beta.shape[0] == c
    for o in range(outer):
        for k in range(c):
            g = gamma[k] if has_g else np.float32(1.0)
            b = beta[k] if has_b else np.float32(0.0)
            mu = mean[k]
            s = invstd[k]
            for i in range(inner):
                h = (x[o, k, i] - mu) * s
                if xhat.shape[0] > 0:
                    xhat[o, k, i] = h
                y[o, k, i] = g * h + b


@njit(**JIT)
def bn_update_moving(moving_mean, moving_var, mean, var, momentum):  # type: ignore[no-untyped-def]
    m = np.float32(momentum)
    r = np.float32(1.0 - momentum)
    for k in range(mean.shape[0]):
        moving_mean[k] = moving_mean[k] * m + mean[k] * r
        moving_var[k] = moving_var[k] * m + var[k] * r


@njit(**JIT)
def bn_infer(x, gamma, beta, moving_mean, moving_var, eps, y, invstd):  # type: ignore[no-untyped-def]
    """Inference: normalise with the moving statistics."""
    for k in range(moving_var.shape[0]):
        invstd[k] = 1.0 / math.sqrt(moving_var[k] + eps)
    _affine(x, moving_mean, invstd, gamma, beta, y, np.empty((0, 0, 0), x.dtype))


@njit(**JIT)
def bn_backward(dy, xhat, invstd, gamma, dx, need_dx, acc_dx, gg, gb, acc_w):  # type: ignore[no-untyped-def]
    """Training-mode gradient; ``gg``/``gb`` are ``(C,)`` (length 0 without scale/center)."""
    outer, c, inner = dy.shape
    count = outer * inner
    has_g = gamma.shape[0] == c
    for k in range(c):
        sd = 0.0
        sdx = 0.0
        for o in range(outer):
            for i in range(inner):
                sd += dy[o, k, i]
                sdx += dy[o, k, i] * xhat[o, k, i]
        if gg.shape[0] == c:
            gg[k] = gg[k] + sdx if acc_w else sdx
        if gb.shape[0] == c:
            gb[k] = gb[k] + sd if acc_w else sd
        if need_dx:
            g = gamma[k] if has_g else np.float32(1.0)
            a = g * invstd[k] / count
            for o in range(outer):
                for i in range(inner):
                    v = a * (count * dy[o, k, i] - sd - xhat[o, k, i] * sdx)
                    if acc_dx:
                        dx[o, k, i] += v
                    else:
                        dx[o, k, i] = v


# --------------------------------------------------------------------------- layer normalization


@njit(**JIT)
def ln_forward(x, gamma, beta, eps, y, xhat, invstd):  # type: ignore[no-untyped-def]
    """Normalise over axis 1 of ``x (outer, C, inner)``; ``invstd`` ``(outer * inner,)``."""
    outer, c, inner = x.shape
    has_g = gamma.shape[0] == c
    has_b = beta.shape[0] == c
    for o in range(outer):
        for i in range(inner):
            s = 0.0
            for k in range(c):
                s += x[o, k, i]
            mu = s / c
            q = 0.0
            for k in range(c):
                d = x[o, k, i] - mu
                q += d * d
            inv = 1.0 / math.sqrt(q / c + eps)
            if invstd.shape[0] > 0:
                invstd[o * inner + i] = inv
            for k in range(c):
                h = (x[o, k, i] - mu) * inv
                if xhat.shape[0] > 0:
                    xhat[o, k, i] = h
                g = gamma[k] if has_g else np.float32(1.0)
                b = beta[k] if has_b else np.float32(0.0)
                y[o, k, i] = g * h + b


@njit(**JIT)
def ln_backward(dy, xhat, invstd, gamma, dx, need_dx, acc_dx, gg, gb, acc_w):  # type: ignore[no-untyped-def]
    outer, c, inner = dy.shape
    has_g = gamma.shape[0] == c
    if not acc_w:
        if gg.shape[0] == c:
            gg[:] = 0
        if gb.shape[0] == c:
            gb[:] = 0
    for o in range(outer):
        for i in range(inner):
            s1 = 0.0
            s2 = 0.0
            for k in range(c):
                g = gamma[k] if has_g else np.float32(1.0)
                d = dy[o, k, i] * g
                s1 += d
                s2 += d * xhat[o, k, i]
                if gg.shape[0] == c:
                    gg[k] += dy[o, k, i] * xhat[o, k, i]
                if gb.shape[0] == c:
                    gb[k] += dy[o, k, i]
            if need_dx:
                inv = invstd[o * inner + i]
                for k in range(c):
                    g = gamma[k] if has_g else np.float32(1.0)
                    v = inv / c * (c * dy[o, k, i] * g - s1 - xhat[o, k, i] * s2)
                    if acc_dx:
                        dx[o, k, i] += v
                    else:
                        dx[o, k, i] = v


# --------------------------------------------------------------------------- ops


class NormalizationOp(Op):
    def __init__(self, batch: bool) -> None:
        self.batch = batch

    def plan(self, p: PlanCall) -> dict[str, Any]:
        c = p.config
        outer, channels, inner = axis3(p.out_shape, c["axis"])
        if self.batch:
            if p.training:
                p.keep(p.out_shape)  # xhat
                for _ in range(3):  # mean, variance, 1/std per channel
                    p.keep((channels,), batch_major=False)
            else:
                p.keep((channels,), batch_major=False)  # 1/std
        elif p.training:
            p.keep(p.out_shape)  # xhat
            p.keep((outer * inner,))  # 1/std per normalised vector
        attrs = {"outer": outer, "channels": channels, "inner": inner, "eps": c["epsilon"], "scale": c["scale"],
                 "center": c["center"]}  # fmt: skip
        if self.batch:
            attrs["momentum"] = c["momentum"]
        return attrs

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        shape3 = (b.batch * at["outer"], at["channels"], at["inner"])
        x3, y3 = b.x[0].reshape(shape3), b.y.reshape(shape3)
        gamma, beta = b.weight("gamma", at["scale"]), b.weight("beta", at["center"])
        eps = at["eps"]
        if self.batch:
            moving_mean, moving_var = b.weight("moving_mean"), b.weight("moving_variance")
            if not b.training:
                b.forward(bn_infer, x3, gamma, beta, moving_mean, moving_var, eps, y3, b.scratch[0])
                return
            xhat, mean, var, invstd = b.scratch
            xhat3 = xhat.reshape(shape3)
            b.forward(bn_train_forward, x3, gamma, beta, eps, y3, xhat3, mean, var, invstd)
            b.forward(bn_update_moving, moving_mean, moving_var, mean, var, at["momentum"])
            kernel = bn_backward
        else:
            if b.training:
                xhat3, invstd = b.scratch[0].reshape(shape3), b.scratch[1].reshape(-1)
            else:
                xhat3, invstd = b.ex.empty(3), b.ex.empty(1)
            b.forward(ln_forward, x3, gamma, beta, eps, y3, xhat3, invstd)
            kernel = ln_backward
        if b.g is not None:
            dx = b.dxs[0]
            dx3 = dx.reshape(shape3) if dx is not None else b.ex.empty(3)
            gg, gb = b.grad("gamma", at["scale"]), b.grad("beta", at["center"])
            b.backward(kernel, b.g.reshape(shape3), xhat3, invstd, gamma, dx3, dx is not None, b.acc_in(0), gg, gb,
                       b.step.acc_weights)  # fmt: skip


OPS = {"BatchNormalization": NormalizationOp(batch=True), "LayerNormalization": NormalizationOp(batch=False)}
