"""Loss and metric kernels by Keras name, each loss fused with its gradient.

Every loss works on a 2-D view ``(rows, C)`` of the output: rows = batch × the middle
axes. As in Keras, a per-row loss is the mean over the last axis (sum for the
cross-entropies) and the reduction is ``sum_over_batch_size`` — the mean over rows —
so the gradient is scaled by ``1 / rows``.

With probabilities (``from_logits=False``) the cross-entropies normalise the row to sum
1 (categorical) and clip to ``[1e-7, 1 - 1e-7]`` as Keras does; clipped entries pass no
gradient. ``fuse`` folds the output activation's backward into the loss gradient:
``FUSE_SOFTMAX`` / ``FUSE_SIGMOID`` when ``y`` is the softmax / sigmoid output, so the
kernel writes dL/dz (pre-activation) in one pass.

Targets: float ``(rows, C)`` like ``y``; sparse labels int32 ``(rows,)``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from graph_core.settings import LOSS_ALIASES, LOSSES
from kernels.config import JIT

#: The losses by Keras name (graph_core.settings says which there are) and the code the kernels know each by.
NAMES = LOSSES
CODES = {name: i for i, name in enumerate(NAMES)}
SCCE, CCE = CODES["sparse_categorical_crossentropy"], CODES["categorical_crossentropy"]
BCE, MSE, MAE, HUBER = CODES["binary_crossentropy"], CODES["mse"], CODES["mae"], CODES["huber"]
#: Longer Keras spellings accepted for the same losses.
ALIASES = LOSS_ALIASES
CROSSENTROPIES = frozenset({SCCE, CCE, BCE})

FUSE_NONE, FUSE_SOFTMAX, FUSE_SIGMOID = 0, 1, 2
EPSILON = 1e-7  # keras.config.epsilon()
HUBER_DELTA = 1.0

#: Metric kinds; names are as Keras reports them.
ACC_SPARSE, ACC_CATEGORICAL, ACC_BINARY, METRIC_MAE = range(4)


def canonical(name: str) -> str:
    from graph_core.errors import ConfigError
    from graph_core.messages import Message

    name = ALIASES.get(name, name)
    if name not in CODES:
        raise ConfigError(
            Message("Unknown loss; expected one of {names}. Received: loss={name!r}", names=", ".join(NAMES), name=name)
        )
    return name


@njit(**JIT)
def _row_grad_softmax(y, g, i, m):  # type: ignore[no-untyped-def]
    dot = 0.0
    for j in range(m):
        dot += g[i, j] * y[i, j]
    for j in range(m):
        g[i, j] = y[i, j] * (g[i, j] - dot)


@njit(**JIT)
def _dense_target(y, t, kind, from_logits, fuse, g, want_grad, acc, scale):  # type: ignore[no-untyped-def]
    """Sum over rows of the per-row loss; writes ``scale`` × dL/d(y or z) into ``g``."""
    n, m = y.shape
    eps = np.float32(1e-7)
    hi = np.float32(1.0) - eps
    zero = np.float32(0.0)
    one = np.float32(1.0)
    per = np.float32(scale / m)
    total = 0.0
    for i in range(n):
        row = 0.0
        if kind == CCE:
            if from_logits:
                top = y[i, 0]
                for j in range(1, m):
                    top = max(top, y[i, j])
                s = zero
                for j in range(m):
                    s += math.exp(y[i, j] - top)
                lse = top + math.log(s)
                tsum = zero
                for j in range(m):
                    row -= t[i, j] * (y[i, j] - lse)
                    tsum += t[i, j]
                if want_grad:
                    for j in range(m):
                        v = np.float32(scale) * (math.exp(y[i, j] - lse) * tsum - t[i, j])
                        g[i, j] = g[i, j] + v if acc else v
            else:
                s = zero
                for j in range(m):
                    s += y[i, j]
                inv = one / s
                ap = zero  # sum_j a_j p_j with a_j = dL/dp_j
                for j in range(m):
                    p = y[i, j] * inv
                    pc = min(max(p, eps), hi)
                    row -= t[i, j] * math.log(pc)
                    if p >= eps and p <= hi:
                        ap -= t[i, j]
                if want_grad:
                    if fuse == FUSE_SOFTMAX and not acc:
                        for j in range(m):
                            p = y[i, j] * inv
                            a = -t[i, j] / p if (p >= eps and p <= hi) else zero
                            g[i, j] = np.float32(scale) * (a - ap) * inv
                        _row_grad_softmax(y, g, i, m)
                    else:
                        for j in range(m):
                            p = y[i, j] * inv
                            a = -t[i, j] / p if (p >= eps and p <= hi) else zero
                            v = np.float32(scale) * (a - ap) * inv
                            g[i, j] = g[i, j] + v if acc else v
        else:
            for j in range(m):
                yv = y[i, j]
                tv = t[i, j]
                if kind == BCE:
                    if from_logits:
                        row += max(yv, zero) - yv * tv + math.log1p(math.exp(-abs(yv)))
                        d = np.float32(0.5) * (math.tanh(np.float32(0.5) * yv) + one) - tv
                    else:
                        pc = min(max(yv, eps), hi)
                        row -= tv * math.log(pc) + (one - tv) * math.log(one - pc)
                        inside = yv >= eps and yv <= hi
                        if fuse == FUSE_SIGMOID:
                            d = yv - tv if inside else zero
                        else:
                            d = (-tv / yv + (one - tv) / (one - yv)) if inside else zero
                elif kind == MSE:
                    e = yv - tv
                    row += e * e
                    d = np.float32(2.0) * e
                elif kind == MAE:
                    e = yv - tv
                    row += abs(e)
                    d = one if e > zero else (-one if e < zero else zero)
                else:  # HUBER, delta 1
                    e = yv - tv
                    a = abs(e)
                    if a <= one:
                        row += np.float32(0.5) * e * e
                        d = e
                    else:
                        row += a - np.float32(0.5)
                        d = one if e > zero else -one
                if want_grad:
                    v = per * d
                    g[i, j] = g[i, j] + v if acc else v
            row /= m
        total += row
    return total


@njit(**JIT)
def _sparse(y, labels, from_logits, fuse, g, want_grad, acc, scale):  # type: ignore[no-untyped-def]
    """Sparse categorical cross-entropy; ``labels`` int32 ``(rows,)`` in ``[0, C)``."""
    n, m = y.shape
    eps = np.float32(1e-7)
    hi = np.float32(1.0) - eps
    zero = np.float32(0.0)
    one = np.float32(1.0)
    sc = np.float32(scale)
    total = 0.0
    for i in range(n):
        c = labels[i]
        if from_logits and want_grad and not acc:
            # one exp per element: e stored in g, then scaled to softmax - onehot
            top = y[i, 0]
            for j in range(1, m):
                top = max(top, y[i, j])
            s = zero
            for j in range(m):
                e = math.exp(y[i, j] - top)
                g[i, j] = e
                s += e
            total += top + math.log(s) - y[i, c]
            k = sc / s
            for j in range(m):
                g[i, j] *= k
            g[i, c] -= sc
        elif from_logits:
            top = y[i, 0]
            for j in range(1, m):
                top = max(top, y[i, j])
            s = zero
            for j in range(m):
                s += math.exp(y[i, j] - top)
            lse = top + math.log(s)
            total += lse - y[i, c]
            if want_grad:
                inv = one / s
                for j in range(m):
                    v = math.exp(y[i, j] - top) * inv
                    if j == c:
                        v -= one
                    v *= sc
                    g[i, j] = g[i, j] + v if acc else v
        else:
            s = zero
            for j in range(m):
                s += y[i, j]
            inv = one / s
            p = y[i, c] * inv
            total -= math.log(min(max(p, eps), hi))
            if want_grad:
                inside = p >= eps and p <= hi
                if fuse == FUSE_SOFTMAX and not acc:
                    # dL/dy_j = (1 - [j == c] / p) / s inside the clip range, then softmax's Jacobian
                    for j in range(m):
                        gj = zero
                        if inside:
                            gj = one * inv
                            if j == c:
                                gj -= inv / p
                        g[i, j] = sc * gj
                    _row_grad_softmax(y, g, i, m)
                else:
                    for j in range(m):
                        gj = zero
                        if inside:
                            gj = one * inv
                            if j == c:
                                gj -= inv / p
                        v = sc * gj
                        g[i, j] = g[i, j] + v if acc else v
    return total


@njit(**JIT)
def _metric(y, t, labels, kind, threshold):  # type: ignore[no-untyped-def]
    """Sum over rows of the per-row metric (accuracy in [0, 1], or mean absolute error)."""
    n, m = y.shape
    total = 0.0
    for i in range(n):
        if kind == ACC_SPARSE or kind == ACC_CATEGORICAL:
            best = 0
            for j in range(1, m):
                if y[i, j] > y[i, best]:
                    best = j
            if kind == ACC_SPARSE:
                want = labels[i]
            else:
                want = 0
                for j in range(1, m):
                    if t[i, j] > t[i, want]:
                        want = j
            total += 1.0 if best == want else 0.0
        elif kind == ACC_BINARY:
            hits = 0
            for j in range(m):
                pred = 1.0 if y[i, j] > threshold else 0.0
                hits += 1 if pred == t[i, j] else 0
            total += hits / m
        else:
            s = 0.0
            for j in range(m):
                s += abs(y[i, j] - t[i, j])
            total += s / m
    return total


# --------------------------------------------------------------------------- wrappers

_NO_LABELS = np.zeros(0, np.int32)


def loss_and_grad(
    name: str,
    y: np.ndarray,
    target: np.ndarray,
    from_logits: bool = False,
    fuse: int = FUSE_NONE,
    grad: np.ndarray | None = None,
    accumulate: bool = False,
) -> float:
    """Mean loss over rows; writes dL/dy (dL/dz when fused) into ``grad`` when given.

    ``y`` ``(rows, C)``; ``target`` int32 ``(rows,)`` for the sparse loss, else ``(rows, C)``.
    """
    kind = CODES[canonical(name)]
    rows = y.shape[0]
    want = grad is not None
    g = grad if grad is not None else np.empty((0, 0), y.dtype)
    if want and g.shape != y.shape:
        raise ValueError(f"grad must have the shape of y {y.shape}; got {g.shape}")
    scale = 1.0 / rows if rows else 0.0
    if kind == SCCE:
        if target.shape != (rows,):
            raise ValueError(f"sparse labels must have shape ({rows},); got {target.shape}")
        total = _sparse(y, target, from_logits, fuse, g, want, accumulate, scale)
    else:
        if target.shape != y.shape:
            raise ValueError(f"targets must have the shape of y {y.shape}; got {target.shape}")
        total = _dense_target(y, target, kind, from_logits, fuse, g, want, accumulate, scale)
    return total / rows if rows else 0.0


def metric_sum(kind: int, y: np.ndarray, target: np.ndarray, threshold: float = 0.5) -> float:
    """Sum over rows of a metric (``ACC_*`` or ``METRIC_MAE``); ``y`` ``(rows, C)``."""
    if kind == ACC_SPARSE:
        return float(_metric(y, np.empty((0, 0), y.dtype), target, kind, threshold))
    return float(_metric(y, target, _NO_LABELS, kind, threshold))
