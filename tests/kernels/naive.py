"""Slow, plain numpy references (float64) that the kernel tests compare against.

Written from the formulas (Keras 3 semantics), independently of the kernels. The
backward functions here are themselves checked against finite differences.
"""

from __future__ import annotations

import math

import numpy as np

from graph_core import activations as ref_act

EPS = 1e-7


def fd_grad(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central finite differences of the scalar ``f`` at ``x`` (float64)."""
    x = np.array(x, dtype=np.float64)
    g = np.zeros_like(x)
    flat, gf = x.reshape(-1), g.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f(x)
        flat[i] = old - h
        down = f(x)
        flat[i] = old
        gf[i] = (up - down) / (2 * h)
    return g


# --------------------------------------------------------------------------- activations


def activation(name: str, z: np.ndarray) -> np.ndarray:
    return ref_act.apply(name, np.asarray(z, dtype=np.float64))


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def activation_backward(name: str, z: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """dL/dz from dL/dy, from the derivative formulas."""
    z = np.asarray(z, dtype=np.float64)
    y = activation(name, z)
    erf = np.vectorize(math.erf)
    sp = np.logaddexp(0.0, z)
    d = {
        "linear": lambda: np.ones_like(z),
        "relu": lambda: (z > 0) * 1.0,
        "relu6": lambda: ((z > 0) & (z < 6)) * 1.0,
        "leaky_relu": lambda: np.where(z > 0, 1.0, ref_act.LEAKY_RELU_SLOPE),
        "elu": lambda: np.where(z > 0, 1.0, np.exp(z)),
        "celu": lambda: np.where(z > 0, 1.0, np.exp(z)),
        "selu": lambda: ref_act.SELU_SCALE * np.where(z > 0, 1.0, ref_act.SELU_ALPHA * np.exp(z)),
        "gelu": lambda: 0.5 * (1 + erf(z / math.sqrt(2))) + z * np.exp(-0.5 * z * z) / math.sqrt(2 * math.pi),
        "sigmoid": lambda: _sig(z) * (1 - _sig(z)),
        "hard_sigmoid": lambda: ((z > -3) & (z < 3)) / 6.0,
        "log_sigmoid": lambda: _sig(-z),
        "tanh": lambda: 1 - np.tanh(z) ** 2,
        "hard_tanh": lambda: ((z > -1) & (z < 1)) * 1.0,
        "softplus": lambda: _sig(z),
        "softsign": lambda: 1 / (1 + np.abs(z)) ** 2,
        "silu": lambda: _sig(z) * (1 + z * (1 - _sig(z))),
        "hard_silu": lambda: np.where(z < -3, 0.0, np.where(z > 3, 1.0, (2 * z + 3) / 6)),
        "mish": lambda: np.tanh(sp) + z * (1 - np.tanh(sp) ** 2) * _sig(z),
        "exponential": lambda: np.exp(z),
    }
    if name == "softmax":
        return y * (dy - (dy * y).sum(-1, keepdims=True))
    if name == "log_softmax":
        return dy - np.exp(y) * dy.sum(-1, keepdims=True)
    return dy * d[name]()


# --------------------------------------------------------------------------- dense


def dense(x, kernel, bias, act):
    z = np.tensordot(np.asarray(x, np.float64), kernel, axes=([-1], [0]))
    if bias is not None:
        z = z + bias
    return activation(act, z)


def dense_backward(x, kernel, bias, act, dy):
    x = np.asarray(x, np.float64)
    z = np.tensordot(x, kernel, axes=([-1], [0])) + (0 if bias is None else bias)
    dz = activation_backward(act, z, dy)
    x2, dz2 = x.reshape(-1, x.shape[-1]), dz.reshape(-1, dz.shape[-1])
    return x2.T @ dz2, dz2.sum(0), (dz2 @ np.asarray(kernel, np.float64).T).reshape(x.shape)


# --------------------------------------------------------------------------- losses


def loss(name: str, y: np.ndarray, t: np.ndarray, from_logits: bool = False) -> float:
    """Keras's loss, mean over rows of a 2-D (rows, C) output."""
    y = np.asarray(y, np.float64)
    if name == "sparse_categorical_crossentropy":
        t = np.eye(y.shape[1])[np.asarray(t)]
        name = "categorical_crossentropy"
    t = np.asarray(t, np.float64)
    if name == "categorical_crossentropy":
        if from_logits:
            logp = y - y.max(-1, keepdims=True)
            logp = logp - np.log(np.exp(logp).sum(-1, keepdims=True))
        else:
            p = y / y.sum(-1, keepdims=True)
            logp = np.log(np.clip(p, EPS, 1 - EPS))
        per = -(t * logp).sum(-1)
    elif name == "binary_crossentropy":
        if from_logits:
            e = np.maximum(y, 0) - y * t + np.log1p(np.exp(-np.abs(y)))
        else:
            p = np.clip(y, EPS, 1 - EPS)
            e = -(t * np.log(p) + (1 - t) * np.log(1 - p))
        per = e.mean(-1)
    elif name == "mse":
        per = ((y - t) ** 2).mean(-1)
    elif name == "mae":
        per = np.abs(y - t).mean(-1)
    elif name == "huber":
        a = np.abs(y - t)
        per = np.where(a <= 1.0, 0.5 * a * a, a - 0.5).mean(-1)
    else:
        raise KeyError(name)
    return float(per.mean())


def metric(kind: str, y: np.ndarray, t: np.ndarray, from_logits: bool = False) -> float:
    """Mean over rows of Keras's metric: sparse/categorical/binary accuracy or mae."""
    if kind == "sparse":
        return float((np.argmax(y, -1) == t).mean())
    if kind == "categorical":
        return float((np.argmax(y, -1) == np.argmax(t, -1)).mean())
    if kind == "binary":
        pred = (y > (0.0 if from_logits else 0.5)).astype(np.float64)
        return float((pred == t).mean(-1).mean())
    return float(np.abs(y - t).mean(-1).mean())


# --------------------------------------------------------------------------- normalization


def _split(x, axis):
    axis = axis % x.ndim
    outer = math.prod(x.shape[:axis])
    inner = math.prod(x.shape[axis + 1 :])
    return x.reshape(outer, x.shape[axis], inner)


def batch_norm_train(x, gamma, beta, axis=-1, eps=1e-3):
    x3 = _split(np.asarray(x, np.float64), axis)
    mean = x3.mean(axis=(0, 2), keepdims=True)
    var = x3.var(axis=(0, 2), keepdims=True)
    xhat = (x3 - mean) / np.sqrt(var + eps)
    g = 1.0 if gamma is None else gamma.reshape(1, -1, 1)
    b = 0.0 if beta is None else beta.reshape(1, -1, 1)
    return (g * xhat + b).reshape(np.shape(x)), mean.ravel(), var.ravel()


def layer_norm(x, gamma, beta, axis=-1, eps=1e-3):
    x3 = _split(np.asarray(x, np.float64), axis)
    mean = x3.mean(axis=1, keepdims=True)
    var = x3.var(axis=1, keepdims=True)
    xhat = (x3 - mean) / np.sqrt(var + eps)
    g = 1.0 if gamma is None else gamma.reshape(1, -1, 1)
    b = 0.0 if beta is None else beta.reshape(1, -1, 1)
    return (g * xhat + b).reshape(np.shape(x))


def norm_backward(x, gamma, dy, axis=-1, eps=1e-3, batch=True):
    """(dx, dgamma, dbeta) of batch (training) or layer normalization."""
    x3 = _split(np.asarray(x, np.float64), axis)
    dy3 = _split(np.asarray(dy, np.float64), axis)
    red = (0, 2) if batch else (1,)
    mean = x3.mean(axis=red, keepdims=True)
    var = x3.var(axis=red, keepdims=True)
    inv = 1 / np.sqrt(var + eps)
    xhat = (x3 - mean) * inv
    g = 1.0 if gamma is None else gamma.reshape(1, -1, 1)
    dxhat = dy3 * g
    n = x3.shape[0] * x3.shape[2] if batch else x3.shape[1]
    dx = inv / n * (n * dxhat - dxhat.sum(axis=red, keepdims=True) - xhat * (dxhat * xhat).sum(axis=red, keepdims=True))
    return dx.reshape(np.shape(x)), (dy3 * xhat).sum(axis=(0, 2)), dy3.sum(axis=(0, 2))
