"""The wrappers' ops: Bidirectional (two recurrent layers and a merge) and TimeDistributed (a Dense).

Bidirectional runs :mod:`kernels.ops.recurrent`'s kernels once per direction, each into a
buffer of its own ``(samples, steps or 1, units)``, and merges them into the output; with
``return_sequences`` the backward layer's steps, given in the order it read them, are taken
in time order (step ``s`` of the output reads its step ``steps − 1 − s``):

    forward   y_f, y_b = the layers' outputs;  y = merge(y_f, flip(y_b))
    backward  dy_f, dy_b from dL/dy (mul: dL/dy ∘ the other direction; ave: half of it),
              then each layer's backward pass, the second adding its dL/dx to the first's

TimeDistributed(Dense) is the Dense op itself: a Dense on ``(samples, steps, ...)`` is one
product over all ``samples · steps`` rows, which is every step at once.
"""

from __future__ import annotations

from typing import Any

from numba import njit

from graph_core.layers.wrappers import DIRECTIONS, MERGE_MODES, directions
from kernels.config import JIT
from kernels.ops.base import BindCall, Op, PlanCall
from kernels.ops.core import DenseOp
from kernels.ops.recurrent import bind_layer, recurrent_attrs

CONCAT, SUM, MUL, AVE = (MERGE_MODES.index(m) for m in ("concat", "sum", "mul", "ave"))


@njit(**JIT)
def merge_forward(yf, yb, y, mode, flip):  # type: ignore[no-untyped-def]
    """``y`` ``(samples, steps, width)`` from the directions' ``yf``, ``yb`` ``(samples, steps, units)``; ``yb``'s
    steps reversed with ``flip``."""
    n, steps, units = yf.shape
    half = yf.dtype.type(0.5)
    for i in range(n):
        for s in range(steps):
            a, c, out = yf[i, s], yb[i, steps - 1 - s if flip else s], y[i, s]
            if mode == CONCAT:
                out[:units] = a
                out[units:] = c
            elif mode == SUM:
                for k in range(units):
                    out[k] = a[k] + c[k]
            elif mode == MUL:
                for k in range(units):
                    out[k] = a[k] * c[k]
            else:
                for k in range(units):
                    out[k] = (a[k] + c[k]) * half


@njit(**JIT)
def merge_backward(g, yf, yb, dyf, dyb, mode, flip):  # type: ignore[no-untyped-def]
    """dL/dy_f and dL/dy_b (``dyf``, ``dyb``) from dL/dy ``g``, as :func:`merge_forward` merged them."""
    n, steps, units = yf.shape
    half = yf.dtype.type(0.5)
    for i in range(n):
        for s in range(steps):
            sb = steps - 1 - s if flip else s
            d, da, dc = g[i, s], dyf[i, s], dyb[i, sb]
            if mode == CONCAT:
                da[:] = d[:units]
                dc[:] = d[units:]
            elif mode == SUM:
                da[:] = d
                dc[:] = d
            elif mode == MUL:
                a, c = yf[i, s], yb[i, sb]
                for k in range(units):
                    da[k] = d[k] * c[k]
                    dc[k] = d[k] * a[k]
            else:
                for k in range(units):
                    da[k] = d[k] * half
                    dc[k] = d[k] * half


class BidirectionalOp(Op):
    def plan(self, p: PlanCall) -> dict[str, Any]:
        kind = p.config["layer"]
        layers = [recurrent_attrs(kind, c, p.in_shape) for c in directions(p.config)]
        return {"layers": layers, "mode": MERGE_MODES.index(p.config["merge_mode"]),
                "sequences": p.config["return_sequences"]}  # fmt: skip

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        first = at["layers"][0]
        shape = (b.batch, first["steps"] if at["sequences"] else 1, first["units"])
        ys = [b.temp(shape) for _ in DIRECTIONS]
        dys = [b.temp(shape) if b.g is not None else None for _ in DIRECTIONS]
        y, g = b.y.reshape(*shape[:2], -1), b.g.reshape(*shape[:2], -1) if b.g is not None else None
        if g is not None:  # the merge's backward pass runs first: backward calls run in the order given
            b.backward(merge_backward, g, ys[0], ys[1], dys[0], dys[1], at["mode"], at["sequences"])
        for i, (direction, layer) in enumerate(zip(DIRECTIONS, at["layers"])):
            bind_layer(b, layer, f"{direction}_", ys[i], dys[i], add_dx=i > 0)
        b.forward(merge_forward, ys[0], ys[1], y, at["mode"], at["sequences"])


class TimeDistributedOp(DenseOp):
    """The Dense it wraps, over every step: the Dense op on the ``(samples · steps, features)`` rows."""


OPS: dict[str, Op] = {"Bidirectional": BidirectionalOp(), "TimeDistributed": TimeDistributedOp()}
