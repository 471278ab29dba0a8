"""The reshaping family's ops: Flatten and Reshape (views), ZeroPadding, Cropping and UpSampling.

The spatial ones see a 1-D layer's ``(steps, channels)`` as an image one row high.
ZeroPadding and Cropping are each other's backward pass (:mod:`kernels.spatial`);
UpSampling repeats values forward and sums each block backward. Threads split the samples.
"""

from __future__ import annotations

from typing import Any

from numba import njit, prange

from kernels.config import PJIT
from kernels.gemm import chunk_rows
from kernels.ops.base import BindCall, Op, PlanCall, View
from kernels.spatial import crop_into, embed


def _image(shape: tuple[int, ...]) -> tuple[int, int, int]:
    """A per-sample shape ``(steps, c)`` or ``(rows, columns, c)`` as ``(rows, columns, c)``."""
    return (1, *shape) if len(shape) == 2 else shape  # type: ignore[return-value]


@njit(**PJIT)
def repeat_forward(x, y, sh, sw, chunks):  # type: ignore[no-untyped-def]
    """``y[n, i, j] = x[n, i // sh, j // sw]``."""
    n, oh, ow, c = y.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(oh):
                for j in range(ow):
                    src = x[s, i // sh, j // sw]
                    out = y[s, i, j]
                    for k in range(c):
                        out[k] = src[k]


@njit(**PJIT)
def repeat_backward(g, dx, sh, sw, acc, chunks):  # type: ignore[no-untyped-def]
    """``dx[n, i, j] (+)= Σ g[n, i*sh : (i+1)*sh, j*sw : (j+1)*sw]``."""
    n, h, w, c = dx.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(h):
                for j in range(w):
                    out = dx[s, i, j]
                    if not acc:
                        for k in range(c):
                            out[k] = 0.0
                    for a in range(sh):
                        for b in range(sw):
                            src = g[s, i * sh + a, j * sw + b]
                            for k in range(c):
                                out[k] += src[k]


class _Spatial(Op):
    """A layer between two images of its own geometry: ``attrs`` holds both shapes and the offsets."""

    def plan(self, p: PlanCall) -> dict[str, Any]:
        return {"inside": _image(p.in_shape), "outside": _image(p.out_shape), **self.offsets(p)}

    def offsets(self, p: PlanCall) -> dict[str, Any]:
        return {}


def _pairs(value: Any, rank: int) -> tuple[tuple[int, int], tuple[int, int]]:
    pairs = (value,) if rank == 1 else value
    return ((0, 0), *pairs) if rank == 1 else pairs  # type: ignore[return-value]


class ZeroPaddingOp(_Spatial):
    def offsets(self, p: PlanCall) -> dict[str, Any]:
        (top, _), (left, _) = _pairs(p.config["padding"], len(p.in_shape) - 1)
        return {"top": top, "left": left}

    def bind(self, b: BindCall) -> None:
        at, n = b.attrs, b.batch
        x4, y4 = b.x[0].reshape(n, *at["inside"]), b.y.reshape(n, *at["outside"])
        b.forward(embed, x4, y4, at["top"], at["left"], False, b.chunks(b.y.size))
        if b.g is not None and b.dxs[0] is not None:
            g4, dx4 = b.g.reshape(n, *at["outside"]), b.dxs[0].reshape(n, *at["inside"])
            b.backward(crop_into, g4, dx4, at["top"], at["left"], b.acc_in(0), b.chunks(b.y.size))


class CroppingOp(_Spatial):
    def offsets(self, p: PlanCall) -> dict[str, Any]:
        (top, _), (left, _) = _pairs(p.config["cropping"], len(p.in_shape) - 1)
        return {"top": top, "left": left}

    def bind(self, b: BindCall) -> None:
        at, n = b.attrs, b.batch
        x4, y4 = b.x[0].reshape(n, *at["inside"]), b.y.reshape(n, *at["outside"])
        b.forward(crop_into, x4, y4, at["top"], at["left"], False, b.chunks(b.x[0].size))
        if b.g is not None and b.dxs[0] is not None:
            g4, dx4 = b.g.reshape(n, *at["outside"]), b.dxs[0].reshape(n, *at["inside"])
            b.backward(embed, g4, dx4, at["top"], at["left"], b.acc_in(0), b.chunks(b.x[0].size))


class UpSamplingOp(_Spatial):
    def offsets(self, p: PlanCall) -> dict[str, Any]:
        size = tuple(p.config["size"])
        return {"size": (1, *size) if len(size) == 1 else size}

    def bind(self, b: BindCall) -> None:
        at, n = b.attrs, b.batch
        (sh, sw) = at["size"]
        x4, y4 = b.x[0].reshape(n, *at["inside"]), b.y.reshape(n, *at["outside"])
        b.forward(repeat_forward, x4, y4, sh, sw, b.chunks(b.y.size))
        if b.g is not None and b.dxs[0] is not None:
            g4, dx4 = b.g.reshape(n, *at["outside"]), b.dxs[0].reshape(n, *at["inside"])
            b.backward(repeat_backward, g4, dx4, sh, sw, b.acc_in(0), b.chunks(b.y.size))


OPS = {
    "Flatten": View(),
    "Reshape": View(),
    "ZeroPadding1D": ZeroPaddingOp(),
    "ZeroPadding2D": ZeroPaddingOp(),
    "Cropping1D": CroppingOp(),
    "Cropping2D": CroppingOp(),
    "UpSampling1D": UpSamplingOp(),
    "UpSampling2D": UpSamplingOp(),
}
