"""Activation kernels: every Keras activation forward and backward, by integer code.

One kernel serves every activation (the code is a runtime argument), so adding an
activation to a model never compiles a new specialisation. Hot activations (linear,
relu, sigmoid, tanh) have their own loops so they vectorise; the rest go through the
scalar functions ``act_scalar`` / ``dact_scalar``. Softmax and log-softmax work on the
last axis of a 2-D ``(rows, cols)`` array.

Public wrappers check shapes and allocate; ``_``-prefixed kernels compute.
Arrays are float32 (float64 works too, for finite-difference tests), C-contiguous.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from graph_core import activations as reference
from kernels.config import JIT

NAMES: tuple[str, ...] = (
    "linear",
    "relu",
    "relu6",
    "leaky_relu",
    "elu",
    "celu",
    "selu",
    "gelu",
    "sigmoid",
    "hard_sigmoid",
    "log_sigmoid",
    "tanh",
    "hard_tanh",
    "softmax",
    "log_softmax",
    "softplus",
    "softsign",
    "silu",
    "hard_silu",
    "mish",
    "exponential",
)
CODES: dict[str, int] = {name: i for i, name in enumerate(NAMES)}
(
    LINEAR,
    RELU,
    RELU6,
    LEAKY_RELU,
    ELU,
    CELU,
    SELU,
    GELU,
    SIGMOID,
    HARD_SIGMOID,
    LOG_SIGMOID,
    TANH,
    HARD_TANH,
    SOFTMAX,
    LOG_SOFTMAX,
    SOFTPLUS,
    SOFTSIGN,
    SILU,
    HARD_SILU,
    MISH,
    EXPONENTIAL,
) = range(len(NAMES))

_SLOPE = np.float32(reference.LEAKY_RELU_SLOPE)
_SELU_ALPHA = np.float32(reference.SELU_ALPHA)
_SELU_SCALE = np.float32(reference.SELU_SCALE)
_SELU_AS = np.float32(reference.SELU_ALPHA * reference.SELU_SCALE)
_INV_SQRT2 = np.float32(1.0 / math.sqrt(2.0))
_INV_SQRT_PI = np.float32(1.0 / math.sqrt(math.pi))
_SIXTH = np.float32(1.0 / 6.0)


def derivative_from_output(code: int) -> bool:
    """Whether the activation's derivative can be read off its output alone (``dact_rows(y, y, g)``), so
    the backward pass needs no copy of the pre-activation: relu (y > 0 exactly where z > 0), sigmoid,
    tanh, softmax and the like."""
    return code in _FROM_OUTPUT


def code(name: str) -> int:
    """The integer code of an activation (aliases such as ``swish`` accepted)."""
    return CODES[reference.canonical(name)]


_FROM_OUTPUT = frozenset(
    {LINEAR, RELU, RELU6, LEAKY_RELU, ELU, CELU, SELU, SIGMOID, TANH, HARD_TANH, SOFTMAX, LOG_SOFTMAX, EXPONENTIAL}
)


@njit(**JIT)
def _sigmoid(v):  # type: ignore[no-untyped-def]
    return np.float32(0.5) * (math.tanh(np.float32(0.5) * v) + np.float32(1.0))


@njit(**JIT)
def _softplus(v):  # type: ignore[no-untyped-def]
    # log(1 + e^v) without overflow: max(v, 0) + log1p(e^-|v|)
    return max(v, np.float32(0.0)) + math.log1p(math.exp(-abs(v)))


@njit(**JIT)
def act_scalar(v, code):  # type: ignore[no-untyped-def]
    """An elementwise activation of one value (softmax codes are handled row-wise elsewhere)."""
    zero = np.float32(0.0)
    one = np.float32(1.0)
    if code == RELU:
        return max(v, zero)
    if code == RELU6:
        return min(max(v, zero), np.float32(6.0))
    if code == LEAKY_RELU:
        return v if v > zero else _SLOPE * v
    if code == ELU or code == CELU:
        return v if v > zero else math.expm1(v)
    if code == SELU:
        return _SELU_SCALE * v if v > zero else _SELU_AS * math.expm1(v)
    if code == GELU:
        return np.float32(0.5) * v * (one + math.erf(v * _INV_SQRT2))
    if code == SIGMOID:
        return _sigmoid(v)
    if code == HARD_SIGMOID:
        return min(max(v + np.float32(3.0), zero), np.float32(6.0)) * _SIXTH
    if code == LOG_SIGMOID:
        return -_softplus(-v)
    if code == TANH:
        return math.tanh(v)
    if code == HARD_TANH:
        return min(max(v, -one), one)
    if code == SOFTPLUS:
        return _softplus(v)
    if code == SOFTSIGN:
        return v / (one + abs(v))
    if code == SILU:
        return v * _sigmoid(v)
    if code == HARD_SILU:
        return v * min(max(v + np.float32(3.0), zero), np.float32(6.0)) * _SIXTH
    if code == MISH:
        return v * math.tanh(_softplus(v))
    if code == EXPONENTIAL:
        return math.exp(v)
    return v


@njit(**JIT)
def dact_scalar(z, y, code):  # type: ignore[no-untyped-def]
    """d activation / dz at pre-activation ``z`` with output ``y`` (elementwise codes only)."""
    zero = np.float32(0.0)
    one = np.float32(1.0)
    if code == RELU:
        return one if z > zero else zero
    if code == RELU6:
        return one if (z > zero and z < np.float32(6.0)) else zero
    if code == LEAKY_RELU:
        return one if z > zero else _SLOPE
    if code == ELU or code == CELU:
        return one if z > zero else y + one
    if code == SELU:
        return _SELU_SCALE if z > zero else y + _SELU_AS
    if code == GELU:
        # the exact derivative of the forward formula with its float32 constant c = 1/sqrt(2)
        cz = z * _INV_SQRT2
        return np.float32(0.5) * (one + math.erf(cz)) + z * _INV_SQRT2 * _INV_SQRT_PI * math.exp(-cz * cz)
    if code == SIGMOID:
        return y * (one - y)
    if code == HARD_SIGMOID:
        return _SIXTH if (z > np.float32(-3.0) and z < np.float32(3.0)) else zero
    if code == LOG_SIGMOID:
        return _sigmoid(-z)
    if code == TANH:
        return one - y * y
    if code == HARD_TANH:
        return one if (z > -one and z < one) else zero
    if code == SOFTPLUS:
        return _sigmoid(z)
    if code == SOFTSIGN:
        d = one + abs(z)
        return one / (d * d)
    if code == SILU:
        s = _sigmoid(z)
        return s + z * s * (one - s)
    if code == HARD_SILU:
        if z < np.float32(-3.0):
            return zero
        if z > np.float32(3.0):
            return one
        return (np.float32(2.0) * z + np.float32(3.0)) * _SIXTH
    if code == MISH:
        t = math.tanh(_softplus(z))
        return t + z * (one - t * t) * _sigmoid(z)
    if code == EXPONENTIAL:
        return y
    return one


@njit(**JIT)
def act_rows(z, y, r0, r1, code):  # type: ignore[no-untyped-def]
    """``y[r0:r1] = activation(z[r0:r1])`` for 2-D ``(rows, cols)`` arrays; ``y`` may be ``z``."""
    m = z.shape[1]
    if code == LINEAR:
        for i in range(r0, r1):
            for j in range(m):
                y[i, j] = z[i, j]
    elif code == RELU:
        for i in range(r0, r1):
            for j in range(m):
                y[i, j] = max(z[i, j], np.float32(0.0))
    elif code == SIGMOID:
        for i in range(r0, r1):
            for j in range(m):
                y[i, j] = np.float32(0.5) * (math.tanh(np.float32(0.5) * z[i, j]) + np.float32(1.0))
    elif code == TANH:
        for i in range(r0, r1):
            for j in range(m):
                y[i, j] = math.tanh(z[i, j])
    elif code == SOFTMAX or code == LOG_SOFTMAX:
        for i in range(r0, r1):
            top = z[i, 0]
            for j in range(1, m):
                top = max(top, z[i, j])
            total = np.float32(0.0)
            for j in range(m):
                total += math.exp(z[i, j] - top)
            if code == SOFTMAX:
                inv = np.float32(1.0) / total
                for j in range(m):
                    y[i, j] = math.exp(z[i, j] - top) * inv
            else:
                log_total = math.log(total)
                for j in range(m):
                    y[i, j] = z[i, j] - top - log_total
    else:
        for i in range(r0, r1):
            for j in range(m):
                y[i, j] = act_scalar(z[i, j], code)


@njit(**JIT)
def dact_rows(z, y, g, r0, r1, code):  # type: ignore[no-untyped-def]
    """In place: ``g[r0:r1] *= activation'`` — turns dL/dy into dL/dz (rows of 2-D arrays).

    Softmax and log-softmax use their Jacobian along the row.
    """
    m = z.shape[1]
    if code == LINEAR:
        return
    if code == RELU:
        for i in range(r0, r1):
            for j in range(m):
                g[i, j] = g[i, j] if z[i, j] > np.float32(0.0) else np.float32(0.0)
    elif code == SIGMOID:
        for i in range(r0, r1):
            for j in range(m):
                g[i, j] *= y[i, j] * (np.float32(1.0) - y[i, j])
    elif code == TANH:
        for i in range(r0, r1):
            for j in range(m):
                g[i, j] *= np.float32(1.0) - y[i, j] * y[i, j]
    elif code == SOFTMAX:
        for i in range(r0, r1):
            dot = np.float32(0.0)
            for j in range(m):
                dot += g[i, j] * y[i, j]
            for j in range(m):
                g[i, j] = y[i, j] * (g[i, j] - dot)
    elif code == LOG_SOFTMAX:
        for i in range(r0, r1):
            total = np.float32(0.0)
            for j in range(m):
                total += g[i, j]
            for j in range(m):
                g[i, j] = g[i, j] - math.exp(y[i, j]) * total
    else:
        for i in range(r0, r1):
            for j in range(m):
                g[i, j] *= dact_scalar(z[i, j], y[i, j], code)


def _as_rows(a: np.ndarray) -> np.ndarray:
    return a.reshape(-1, a.shape[-1]) if a.ndim != 2 else a


def forward(name: str, z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``activation(z)`` for any rank (softmax on the last axis); float32 or float64."""
    z = np.ascontiguousarray(z)
    if out is None:
        out = np.empty_like(z)
    if out.shape != z.shape or out.dtype != z.dtype:
        raise ValueError(f"out must be {z.shape} {z.dtype}; got {out.shape} {out.dtype}")
    z2, y2 = _as_rows(z), _as_rows(out)
    act_rows(z2, y2, 0, z2.shape[0], code(name))
    return out


def backward(name: str, z: np.ndarray, y: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """dL/dz from dL/dy, the pre-activation ``z`` and the output ``y`` (all one shape)."""
    if not (z.shape == y.shape == dy.shape):
        raise ValueError(f"z, y and dy must have one shape; got {z.shape}, {y.shape}, {dy.shape}")
    g = np.array(dy, dtype=z.dtype, order="C")
    z2, y2, g2 = _as_rows(np.ascontiguousarray(z)), _as_rows(np.ascontiguousarray(y)), _as_rows(g)
    dact_rows(z2, y2, g2, 0, z2.shape[0], code(name))
    return g
