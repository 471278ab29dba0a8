"""Optimizers with Keras 3's defaults and update rules, one fused kernel each.

One kernel call updates every weight (typed lists of flat views of the weights, their
gradients and the optimizer's state), serially: a parallel region per weight cost more
than the update itself at small batches.
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
from numba import njit
from numba.typed import List

from graph_core.settings import TrainingSettings
from kernels.config import JIT, aligned_zeros

F32 = np.float32


@njit(**JIT)
def _sgd(ws, gs, lr, momentum, nesterov, vs):  # type: ignore[no-untyped-def]
    for s in range(len(ws)):
        w, g, v = ws[s], gs[s], vs[s]
        if momentum == 0:
            for i in range(w.shape[0]):
                w[i] -= lr * g[i]
        elif nesterov:
            for i in range(w.shape[0]):
                vi = momentum * v[i] - lr * g[i]
                v[i] = vi
                w[i] += momentum * vi - lr * g[i]
        else:
            for i in range(w.shape[0]):
                vi = momentum * v[i] - lr * g[i]
                v[i] = vi
                w[i] += vi


@njit(**JIT)
def _adam(ws, gs, alpha, one_minus_b1, one_minus_b2, eps, decay, ms, vs):  # type: ignore[no-untyped-def]
    for s in range(len(ws)):
        w, g, m, v = ws[s], gs[s], ms[s], vs[s]
        for i in range(w.shape[0]):
            grad = g[i]
            wi = w[i] - w[i] * decay
            mi = m[i] + (grad - m[i]) * one_minus_b1
            vi = v[i] + (grad * grad - v[i]) * one_minus_b2
            m[i] = mi
            v[i] = vi
            w[i] = wi - alpha * mi / (np.sqrt(vi) + eps)


@njit(**JIT)
def _rmsprop(ws, gs, lr, rho, one_minus_rho, eps, momentum, vels, moms):  # type: ignore[no-untyped-def]
    for s in range(len(ws)):
        w, g, vel, mom = ws[s], gs[s], vels[s], moms[s]
        for i in range(w.shape[0]):
            grad = g[i]
            vi = rho * vel[i] + one_minus_rho * grad * grad
            vel[i] = vi
            inc = lr * grad / np.sqrt(vi + eps)
            if momentum > 0:
                mi = momentum * mom[i] + inc
                mom[i] = mi
                w[i] -= mi
            else:
                w[i] -= inc


@njit(**JIT)
def _adagrad(ws, gs, lr, eps, accs):  # type: ignore[no-untyped-def]
    for s in range(len(ws)):
        w, g, acc = ws[s], gs[s], accs[s]
        for i in range(w.shape[0]):
            grad = g[i]
            a = acc[i] + grad * grad
            acc[i] = a
            w[i] -= lr * grad / np.sqrt(a + eps)


@dataclass
class Slot:
    """One trainable weight as the optimizer sees it: flat views and the optimizer's state."""

    name: str
    w: np.ndarray  # (size,)
    g: np.ndarray  # (size,)
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
        self._typed: tuple | None = None  # type: ignore[type-arg]

    def add(self, name: str, w: np.ndarray, g: np.ndarray) -> None:
        """Register weight ``w`` (any shape, C-contiguous) with its gradient ``g`` (same shape)."""
        flat = w.reshape(-1)
        size = flat.shape[0]
        count = {"sgd": 1, "adam": 2, "adamw": 2, "rmsprop": 2, "adagrad": 1}[self.kind]
        state = tuple(aligned_zeros((size,), w.dtype) for _ in range(count))
        if self.kind == "adagrad":
            state[0][...] = 0.1  # Keras's initial_accumulator_value
        self.slots.append(Slot(name, flat, g.reshape(size), state))
        self._typed = None

    def _lists(self) -> tuple:  # type: ignore[type-arg]
        if self._typed is None:
            count = len(self.slots[0].state) if self.slots else 0
            self._typed = (
                List([slot.w for slot in self.slots]),
                List([slot.g for slot in self.slots]),
                tuple(List([slot.state[k] for slot in self.slots]) for k in range(count)),
            )
        return self._typed

    def step(self) -> None:
        """Update every slot from its gradient."""
        self.iterations += 1
        if not self.slots:
            return
        ws, gs, state = self._lists()
        kind = self.kind
        lr = self.lr
        if kind == "sgd":
            _sgd(ws, gs, lr, self.momentum, self.nesterov, state[0])
        elif kind in ("adam", "adamw"):
            t = F32(self.iterations)
            b1_power = F32(0.9) ** t
            b2_power = F32(0.999) ** t
            alpha = F32(lr * F32(math.sqrt(F32(1) - b2_power)) / (F32(1) - b1_power))
            decay = F32(F32(0.004) * lr) if kind == "adamw" else F32(0.0)
            _adam(ws, gs, alpha, F32(0.1), F32(0.001), F32(1e-7), decay, state[0], state[1])
        elif kind == "rmsprop":
            _rmsprop(ws, gs, lr, F32(0.9), F32(0.1), F32(1e-7), self.momentum, state[0], state[1])
        else:
            _adagrad(ws, gs, lr, F32(1e-7), state[0])
