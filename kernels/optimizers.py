"""Optimizers with Keras 3's defaults and update rules, one fused kernel each.

Each kernel sums a weight's ``parts`` gradient partials ``g (T, size)`` as it updates
the flat weight ``w (size,)`` in place, so no separate reduction pass is needed.
Rules (Keras 3, ``keras/src/optimizers``):

* SGD: ``w -= lr*g``; with momentum ``v = m*v - lr*g; w += v``; Nesterov ``w += m*v - lr*g``.
* Adam: ``alpha = lr*sqrt(1-b2^t)/(1-b1^t); m += (g-m)*(1-b1); v += (g²-v)*(1-b2);
  w -= alpha*m/(sqrt(v)+eps)`` with b1 0.9, b2 0.999, eps 1e-7.
* AdamW: ``w -= w*wd*lr`` (wd 0.004) before the Adam step.
* RMSprop: ``v = rho*v + (1-rho)*g²; w -= lr*g/sqrt(v+eps)`` (rho 0.9, eps 1e-7); with
  momentum ``mom = momentum*mom + lr*g/sqrt(v+eps); w -= mom``.
* Adagrad: ``a += g²; w -= lr*g/sqrt(a+eps)``, ``a`` starting at 0.1, eps 1e-7.

Constants are passed as float32 values written directly (``0.1``, not ``1 - 0.9``
computed in float32), which keeps the weights within 1e-5 of PyTorch/Keras over hundreds
of steps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from graph_core.settings import TrainingSettings
from kernels.config import PJIT, aligned_zeros

F32 = np.float32


@njit(**PJIT)
def _sgd(w, g, parts, lr, momentum, nesterov, v):  # type: ignore[no-untyped-def]
    for i in prange(w.shape[0]):
        grad = g[0, i]
        for t in range(1, parts):
            grad += g[t, i]
        if momentum == 0:
            w[i] -= lr * grad
        else:
            vi = momentum * v[i] - lr * grad
            v[i] = vi
            if nesterov:
                w[i] += momentum * vi - lr * grad
            else:
                w[i] += vi


@njit(**PJIT)
def _adam(w, g, parts, alpha, one_minus_b1, one_minus_b2, eps, decay, m, v):  # type: ignore[no-untyped-def]
    for i in prange(w.shape[0]):
        grad = g[0, i]
        for t in range(1, parts):
            grad += g[t, i]
        wi = w[i] - w[i] * decay
        mi = m[i] + (grad - m[i]) * one_minus_b1
        vi = v[i] + (grad * grad - v[i]) * one_minus_b2
        m[i] = mi
        v[i] = vi
        w[i] = wi - alpha * mi / (np.sqrt(vi) + eps)


@njit(**PJIT)
def _rmsprop(w, g, parts, lr, rho, one_minus_rho, eps, momentum, vel, mom):  # type: ignore[no-untyped-def]
    for i in prange(w.shape[0]):
        grad = g[0, i]
        for t in range(1, parts):
            grad += g[t, i]
        vi = rho * vel[i] + one_minus_rho * grad * grad
        vel[i] = vi
        inc = lr * grad / np.sqrt(vi + eps)
        if momentum > 0:
            mi = momentum * mom[i] + inc
            mom[i] = mi
            w[i] -= mi
        else:
            w[i] -= inc


@njit(**PJIT)
def _adagrad(w, g, parts, lr, eps, acc):  # type: ignore[no-untyped-def]
    for i in prange(w.shape[0]):
        grad = g[0, i]
        for t in range(1, parts):
            grad += g[t, i]
        a = acc[i] + grad * grad
        acc[i] = a
        w[i] -= lr * grad / np.sqrt(a + eps)


@dataclass
class Slot:
    """One trainable weight as the optimizer sees it: flat views and the optimizer's state."""

    name: str
    w: np.ndarray  # (size,)
    g: np.ndarray  # (T, size) partials
    state: tuple[np.ndarray, ...]


class Optimizer:
    """Applies one update per call of :meth:`step` to every slot (all float32)."""

    def __init__(self, settings: TrainingSettings) -> None:
        self.kind = settings.optimizer
        self.lr = F32(settings.lr)
        self.momentum = F32(settings.momentum)
        self.nesterov = settings.nesterov
        self.iterations = 0
        self.slots: list[Slot] = []

    def add(self, name: str, w: np.ndarray, g: np.ndarray) -> None:
        """Register weight ``w`` (any shape, C-contiguous) with its partials ``g (T, *w.shape)``."""
        flat = w.reshape(-1)
        size = flat.shape[0]
        count = {"sgd": 1, "adam": 2, "adamw": 2, "rmsprop": 2, "adagrad": 1}[self.kind]
        state = tuple(aligned_zeros((size,), w.dtype) for _ in range(count))
        if self.kind == "adagrad":
            state[0][...] = 0.1  # Keras's initial_accumulator_value
        self.slots.append(Slot(name, flat, g.reshape(g.shape[0], size), state))

    def step(self, parts: list[int]) -> None:
        """Update every slot; ``parts[i]`` partials of slot i hold this batch's gradient."""
        self.iterations += 1
        kind = self.kind
        lr = self.lr
        if kind == "sgd":
            for slot, p in zip(self.slots, parts, strict=True):
                _sgd(slot.w, slot.g, p, lr, self.momentum, self.nesterov, slot.state[0])
        elif kind in ("adam", "adamw"):
            t = F32(self.iterations)
            b1_power = F32(0.9) ** t
            b2_power = F32(0.999) ** t
            alpha = F32(lr * F32(math.sqrt(F32(1) - b2_power)) / (F32(1) - b1_power))
            decay = F32(F32(0.004) * lr) if kind == "adamw" else F32(0.0)
            for slot, p in zip(self.slots, parts, strict=True):
                m, v = slot.state
                _adam(slot.w, slot.g, p, alpha, F32(0.1), F32(0.001), F32(1e-7), decay, m, v)
        elif kind == "rmsprop":
            for slot, p in zip(self.slots, parts, strict=True):
                vel, mom = slot.state
                _rmsprop(slot.w, slot.g, p, lr, F32(0.9), F32(0.1), F32(1e-7), self.momentum, vel, mom)
        else:
            for slot, p in zip(self.slots, parts, strict=True):
                _adagrad(slot.w, slot.g, p, lr, F32(1e-7), slot.state[0])
