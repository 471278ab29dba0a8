"""The merging family's ops: elementwise merges (Add ... Minimum) and Concatenate.

Merges fold their inputs into the output one at a time (:func:`merge_step`), so any
number of inputs needs one kernel; Maximum and Minimum record which input won each
value, for the gradient. Concatenate copies each input into its slice of the output
along a 3-D view ``(outer, C, inner)``, ``C`` the concatenated axis, so one kernel serves
every rank and axis.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from kernels.config import JIT
from kernels.elementwise import axpy, copy_into, mul_into, scale_inplace
from kernels.ops.base import BindCall, Op, PlanCall

ADD, SUB, MUL, MAX, MIN = range(5)


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


# --------------------------------------------------------------------------- ops


def axis3(shape: tuple[int, ...], axis: int) -> tuple[int, int, int]:
    """``(outer_per_sample, C, inner)`` for a per-sample shape and a Keras axis (batch = 0)."""
    full = len(shape) + 1
    index = axis % full
    return math.prod(shape[: index - 1]), shape[index - 1], math.prod(shape[index:])


class MergeOp(Op):
    def __init__(self, code: int, average: bool = False) -> None:
        self.code, self.average = code, average

    def plan(self, p: PlanCall) -> dict[str, Any]:
        count = len(p.in_shapes)
        if self.code in (MAX, MIN):
            p.keep(p.out_shape, kind="int32")  # which input won
        if self.code == MUL and count > 2 and p.training:
            p.keep(p.out_shape)  # product of the other inputs
        return {"op": self.code, "scale": 1.0 / count if self.average else 1.0}

    def bind(self, b: BindCall) -> None:
        op = b.attrs["op"]
        winner = b.scratch[0].reshape(-1) if op in (MAX, MIN) else b.ex.no_winner
        xs = [x.reshape(-1) for x in b.x]
        y = b.y.reshape(-1)
        for port, xi in enumerate(xs):
            b.forward(merge_step, xi, y, winner, port, op)
        if self.average:
            b.forward(scale_inplace, y, b.attrs["scale"])
        if b.g is not None:
            self._bind_backward(b, b.g.reshape(-1), xs, winner)

    def _bind_backward(self, b: BindCall, g: np.ndarray, xs: list[np.ndarray], winner: np.ndarray) -> None:
        count = len(xs)
        for port, dx in enumerate(b.dxs):
            if dx is None:
                continue
            d = dx.reshape(-1)
            acc = b.acc_in(port)
            if self.code == ADD and not self.average:
                b.backward(copy_into, g, d, acc)
            elif self.code == SUB or self.average:
                alpha = (-1.0 if port == 1 else 1.0) if self.code == SUB else 1.0 / count
                b.backward(axpy, g, alpha, d, acc)
            elif self.code == MUL:
                others = [xs[j] for j in range(count) if j != port]
                if len(others) == 1:
                    b.backward(mul_into, g, others[0], d, acc)
                else:
                    tmp = b.scratch[0].reshape(-1)
                    b.backward(mul_into, g, others[0], tmp, False)
                    for o in others[1:-1]:
                        b.backward(mul_into, tmp, o, tmp, False)
                    b.backward(mul_into, tmp, others[-1], d, acc)
            else:
                b.backward(select_grad, g, winner, port, d, acc)


class ConcatenateOp(Op):
    def plan(self, p: PlanCall) -> dict[str, Any]:
        axis = p.config["axis"]
        outer, _, inner = axis3(p.out_shape, axis)
        return {"outer": outer, "inner": inner, "sizes": tuple(axis3(s, axis)[1] for s in p.in_shapes)}

    def bind(self, b: BindCall) -> None:
        outer, inner = b.batch * b.attrs["outer"], b.attrs["inner"]
        whole = b.y.reshape(outer, -1, inner)
        offset = 0
        for port, (xi, c) in enumerate(zip(b.x, b.attrs["sizes"], strict=True)):
            b.forward(concat_copy, xi.reshape(outer, c, inner), whole, offset, True, False)
            dx = b.dxs[port] if b.g is not None else None
            if dx is not None:
                grad = b.g.reshape(outer, -1, inner)  # type: ignore[union-attr]
                b.backward(concat_copy, dx.reshape(outer, c, inner), grad, offset, False, b.acc_in(port))
            offset += c


OPS = {
    "Add": MergeOp(ADD),
    "Subtract": MergeOp(SUB),
    "Multiply": MergeOp(MUL),
    "Average": MergeOp(ADD, average=True),
    "Maximum": MergeOp(MAX),
    "Minimum": MergeOp(MIN),
    "Concatenate": ConcatenateOp(),
}
