"""Optimizers with Keras 3's defaults and update rules, in one threaded kernel.

A weight's update can be handed over to the kernel that computes its gradient
(:meth:`Optimizer.hand_over`): the Dense kernels update each thread's rows of their
kernel as soon as those rows of the gradient are done, while they are in that core's
cache. (A separate pass over mnist_model's weights after the backward pass took 12 µs
of a 57 µs step at batch 32 on two threads: half the gradient sat in the other core's
cache.) One kernel call updates the weights not handed over (typed lists of flat views
of the weights, their gradients and the optimizer's state).
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

from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit
from numba.typed import List

from graph_core.settings import TrainingSettings
from kernels.config import JIT, aligned_zeros

F32 = np.float32

SGD, ADAM, RMSPROP, ADAGRAD = 0, 1, 2, 3
_RULES = {"sgd": SGD, "adam": ADAM, "adamw": ADAM, "rmsprop": RMSPROP, "adagrad": ADAGRAD}


@njit(**JIT)
def apply_rule(rule, w, g, s0, s1, lo, hi, h):  # type: ignore[no-untyped-def]
    """Update ``w[lo:hi]`` (flat arrays) by ``rule``; ``h`` holds its float32 constants (``Optimizer.begin``)."""
    # Views from 0: indices numba cannot prove non-negative get a wraparound check that
    # keeps the loops from vectorising (19 µs instead of 3 for mnist_model's first kernel).
    w, g, s0, s1 = w[lo:hi], g[lo:hi], s0[lo:hi], s1[lo:hi]
    n = w.shape[0]
    if rule == SGD:
        lr, momentum = h[0], h[1]
        if momentum == 0:
            for i in range(n):
                w[i] -= lr * g[i]
        elif h[2] != 0:  # Nesterov
            for i in range(n):
                vi = momentum * s0[i] - lr * g[i]
                s0[i] = vi
                w[i] += momentum * vi - lr * g[i]
        else:
            for i in range(n):
                vi = momentum * s0[i] - lr * g[i]
                s0[i] = vi
                w[i] += vi
    elif rule == ADAM:
        alpha, one_minus_b1, one_minus_b2, eps, decay = h[0], h[1], h[2], h[3], h[4]
        for i in range(n):
            grad = g[i]
            wi = w[i] - w[i] * decay
            mi = s0[i] + (grad - s0[i]) * one_minus_b1
            vi = s1[i] + (grad * grad - s1[i]) * one_minus_b2
            s0[i] = mi
            s1[i] = vi
            w[i] = wi - alpha * mi / (np.sqrt(vi) + eps)
    elif rule == RMSPROP:
        lr, rho, one_minus_rho, eps, momentum = h[0], h[1], h[2], h[3], h[4]
        for i in range(n):
            grad = g[i]
            vi = rho * s0[i] + one_minus_rho * grad * grad
            s0[i] = vi
            inc = lr * grad / np.sqrt(vi + eps)
            if momentum > 0:
                mi = momentum * s1[i] + inc
                s1[i] = mi
                w[i] -= mi
            else:
                w[i] -= inc
    else:
        lr, eps = h[0], h[1]
        for i in range(n):
            grad = g[i]
            a = s0[i] + grad * grad
            s0[i] = a
            w[i] -= lr * grad / np.sqrt(a + eps)


@njit(cache=True, nogil=True)  # no fastmath: each operation rounded once, in float32, as in Keras
def _adam_constants(lr, t, weight_decay, h):  # type: ignore[no-untyped-def]
    """Adam's step ``t`` constants into ``h`` (numpy scalars took 2.5 µs a step)."""
    one = np.float32(1.0)
    b1_power = np.float32(0.9) ** t
    b2_power = np.float32(0.999) ** t
    h[0] = lr * np.sqrt(one - b2_power) / (one - b1_power)
    h[1] = np.float32(0.1)
    h[2] = np.float32(0.001)
    h[3] = np.float32(1e-7)
    h[4] = weight_decay * lr


@njit(**JIT)
def _update(rule, ws, gs, s0, s1, h):  # type: ignore[no-untyped-def]
    """Every slot in the typed lists, one after another."""
    for s in range(len(ws)):
        apply_rule(rule, ws[s], gs[s], s0[s], s1[s], 0, ws[s].shape[0], h)


@dataclass(frozen=True)
class Update:
    """What a kernel needs to apply the optimizer's rule to a weight itself (see ``Optimizer.hand_over``)."""

    rule: int
    s0: np.ndarray  # the rule's state, flat (float32); s1 is s0 again for rules that keep one
    s1: np.ndarray
    constants: np.ndarray  # the optimizer's own array, refilled by ``begin`` every step


@dataclass
class Slot:
    """One trainable weight as the optimizer sees it: flat views and the optimizer's state."""

    name: str
    w: np.ndarray  # (size,)
    g: np.ndarray  # (size,)
    state: tuple[np.ndarray, ...]
    handed_over: bool = False  # a kernel updates it (see Optimizer.hand_over)


class Optimizer:
    """Applies one update per call of :meth:`step` to every slot (all float32)."""

    def __init__(self, settings: TrainingSettings) -> None:
        self.kind = settings.optimizer
        self.lr = F32(settings.lr)
        self.momentum = F32(settings.momentum)
        self.nesterov = settings.nesterov
        self.iterations = 0
        self.weight_decay = F32(0.004) if self.kind == "adamw" else F32(0.0)
        self.slots: list[Slot] = []
        self._constants = np.zeros(5, F32)
        self._constants_set = False
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

    def hand_over(self, name: str) -> Update:
        """Let a kernel update slot ``name``: :meth:`finish` skips it from now on.

        The kernel must apply ``Update`` after :meth:`begin` and before :meth:`finish`
        of every step, to the whole weight, once its gradient is complete.
        """
        slot = next(s for s in self.slots if s.name == name)
        slot.handed_over = True
        self._typed = None
        return Update(self.rule, slot.state[0], slot.state[-1], self._constants)

    def _lists(self) -> tuple:  # type: ignore[type-arg]
        if self._typed is None:
            mine = [slot for slot in self.slots if not slot.handed_over]
            self._typed = (
                List([slot.w for slot in mine]),
                List([slot.g for slot in mine]),
                List([slot.state[0] for slot in mine]),
                List([slot.state[-1] for slot in mine]),  # the first again where a rule keeps one
            ) if mine else ()  # fmt: skip
        return self._typed

    def step(self) -> None:
        """Update every slot from its gradient (:meth:`begin` then :meth:`finish`)."""
        self.begin()
        self.finish()

    def begin(self) -> None:
        """Count the step and set the constants of its update (Adam's bias correction...)."""
        self.iterations += 1
        self.set_constants(self.iterations)

    def set_constants(self, step: int) -> None:
        """The update constants for step ``step`` (counted from 1) into :attr:`constants`."""
        kind, lr = self.kind, self.lr
        if kind in ("adam", "adamw"):
            _adam_constants(lr, F32(step), self.weight_decay, self._constants)
            return
        if self._constants_set:
            return  # the other rules' constants do not change
        if kind == "sgd":
            h = (lr, self.momentum, F32(self.nesterov))
        elif kind == "rmsprop":
            h = (lr, F32(0.9), F32(0.1), F32(1e-7), self.momentum)
        else:
            h = (lr, F32(1e-7))
        self._constants[: len(h)] = h
        self._constants_set = True

    @property
    def constants(self) -> np.ndarray:
        """The float32 array every update reads its constants from (refilled in place)."""
        return self._constants

    @property
    def adam(self) -> bool:
        """Whether the constants change every step (Adam's bias correction)."""
        return self.kind in ("adam", "adamw")

    def lists(self) -> tuple:  # type: ignore[type-arg]
        """``(weights, gradients, s0, s1)`` typed lists of the slots not handed over, or ``()``."""
        return self._lists()

    @property
    def rule(self) -> int:
        return _RULES[self.kind]

    def kernel_calls(self) -> list[tuple[Any, tuple[Any, ...]]]:
        """The kernels a step calls, with their arguments (:mod:`kernels.prepare` compiles them ahead)."""
        calls: list[tuple[Any, tuple[Any, ...]]] = []
        if self.adam:
            calls.append((_adam_constants, (self.lr, F32(1), self.weight_decay, self._constants)))
        if self._lists():
            calls.append((_update, (self.rule, *self._lists(), self._constants)))
        return calls

    def finish(self) -> None:
        """Update the slots not handed over to a kernel."""
        lists = self._lists()
        if lists:
            _update(self.rule, *lists, self._constants)
