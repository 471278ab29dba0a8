"""Kernels of every layer but Dense: merges, Concatenate, Dropout, Activation, BatchNorm, LayerNorm.

Elementwise kernels take flat 1-D views (every buffer is C-contiguous). Concatenate and
the normalizations take 3-D views ``(outer, C, inner)`` of their input, with ``C`` the
size of the axis they work on, so one kernel serves every rank and axis.

Gradient kernels either write (``acc=False``) or add into (``acc=True``) their output,
so a node feeding several others, or a shared layer, sums its gradients without a
separate zeroing pass; so do the weight gradients ``(C,)`` when ``acc_w`` is set.
Arrays are float32 (float64 works for finite-difference tests).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from kernels.activations import dact_rows
from kernels.config import JIT, PJIT
from kernels.gemm import chunk_rows

ADD, SUB, MUL, MAX, MIN = range(5)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


# --------------------------------------------------------------------------- elementwise


@njit(**JIT)
def copy_into(src, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= src``."""
    if acc:
        for i in range(src.shape[0]):
            out[i] += src[i]
    else:
        for i in range(src.shape[0]):
            out[i] = src[i]


@njit(**JIT)
def axpy(src, alpha, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= alpha * src``."""
    a = np.float32(alpha)
    if acc:
        for i in range(src.shape[0]):
            out[i] += a * src[i]
    else:
        for i in range(src.shape[0]):
            out[i] = a * src[i]


@njit(**JIT)
def mul_into(a, b, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= a * b``."""
    if acc:
        for i in range(a.shape[0]):
            out[i] += a[i] * b[i]
    else:
        for i in range(a.shape[0]):
            out[i] = a[i] * b[i]


@njit(**JIT)
def merge_step(x, out, winner, port, op):  # type: ignore[no-untyped-def]
    """Fold input ``port`` into ``out`` (port 0 copies). Max/min record the winner's port.

    As in TensorFlow's gradient of maximum/minimum, the first input wins ties.
    """
    n = x.shape[0]
    if port == 0:
        for i in range(n):
            out[i] = x[i]
        if op == MAX or op == MIN:
            for i in range(n):
                winner[i] = 0
    elif op == ADD:
        for i in range(n):
            out[i] += x[i]
    elif op == SUB:
        for i in range(n):
            out[i] -= x[i]
    elif op == MUL:
        for i in range(n):
            out[i] *= x[i]
    elif op == MAX:
        for i in range(n):
            if x[i] > out[i]:
                out[i] = x[i]
                winner[i] = port
    else:
        for i in range(n):
            if x[i] < out[i]:
                out[i] = x[i]
                winner[i] = port


@njit(**JIT)
def scale_inplace(out, alpha):  # type: ignore[no-untyped-def]
    a = np.float32(alpha)
    for i in range(out.shape[0]):
        out[i] *= a


@njit(**JIT)
def select_grad(dy, winner, port, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= dy`` where input ``port`` won the max/min, else 0."""
    zero = np.float32(0.0)
    for i in range(dy.shape[0]):
        v = dy[i] if winner[i] == port else zero
        if acc:
            out[i] += v
        else:
            out[i] = v


# --------------------------------------------------------------------------- concatenate


@njit(**JIT)
def concat_copy(part, whole, offset, to_whole, acc):  # type: ignore[no-untyped-def]
    """Between ``part (outer, c, inner)`` and ``whole[:, offset:offset + c, :]``.

    ``to_whole``: forward copy; else the gradient ``part (+)= whole slice``.
    """
    outer, c, inner = part.shape
    for o in range(outer):
        for k in range(c):
            for i in range(inner):
                if to_whole:
                    whole[o, offset + k, i] = part[o, k, i]
                elif acc:
                    part[o, k, i] += whole[o, offset + k, i]
                else:
                    part[o, k, i] = whole[o, offset + k, i]


# --------------------------------------------------------------------------- dropout


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


# --------------------------------------------------------------------------- activation layer


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


# --------------------------------------------------------------------------- batches


@njit(**JIT)
def gather_rows(src, idx, out):  # type: ignore[no-untyped-def]
    """``out[i] = src[idx[i]]`` for 2-D ``src (samples, width)``, ``out (len(idx), width)``."""
    for i in range(idx.shape[0]):
        r = idx[i]
        for j in range(src.shape[1]):
            out[i, j] = src[r, j]


@njit(**PJIT)
def gather_rows_parallel(src, idx, out, chunks):  # type: ignore[no-untyped-def]
    """As :func:`gather_rows`, each thread gathering the rows it then works on in the Dense kernels."""
    for t in prange(chunks):
        r0, r1 = chunk_rows(idx.shape[0], chunks, t)
        for i in range(r0, r1):
            r = idx[i]
            for j in range(src.shape[1]):
                out[i, j] = src[r, j]
