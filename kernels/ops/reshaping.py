"""The reshaping family's ops: Flatten and Reshape (views), ZeroPadding, Cropping and UpSampling.

The spatial ones see a 1-D layer's ``(steps, channels)`` as an image one row high.
ZeroPadding and Cropping are each other's backward pass (:mod:`kernels.spatial`);
UpSampling repeats values forward and sums each block backward. Threads split the samples.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit, prange

from kernels.config import JIT, PJIT
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


class RepeatVectorOp(Op):
    """RepeatVector as UpSampling of a one-pixel image: ``(1, 1, features)`` → ``(n, 1, features)``."""

    def plan(self, p: PlanCall) -> dict[str, Any]:
        return {"n": p.config["n"], "features": p.in_shape[0]}

    def bind(self, b: BindCall) -> None:
        at, n = b.attrs, b.batch
        x4, y4 = b.x[0].reshape(n, 1, 1, at["features"]), b.y.reshape(n, at["n"], 1, at["features"])
        b.forward(repeat_forward, x4, y4, at["n"], 1, b.chunks(b.y.size))
        if b.g is not None and b.dxs[0] is not None:
            g4, dx4 = b.g.reshape(y4.shape), b.dxs[0].reshape(x4.shape)
            b.backward(repeat_backward, g4, dx4, at["n"], 1, b.acc_in(0), b.chunks(b.y.size))


@njit(**JIT)
def permute_copy(src, dst, dims, strides, scatter, acc):  # type: ignore[no-untyped-def]
    """``dst[i] (+)= src[offset(i)]`` over the output's flat index ``i`` (shape ``dims``), ``offset`` from the input
    ``strides`` of each output axis; ``scatter``: the other way, ``dst[offset(i)] (+)= src[i]`` (the backward)."""
    for i in range(dims.prod()):
        rest, offset = i, 0
        for k in range(dims.size - 1, -1, -1):
            offset += (rest % dims[k]) * strides[k]
            rest //= dims[k]
        if scatter:
            if acc:
                dst[offset] += src[i]
            else:
                dst[offset] = src[i]
        elif acc:
            dst[i] += src[offset]
        else:
            dst[i] = src[offset]


class PermuteOp(Op):
    def plan(self, p: PlanCall) -> dict[str, Any]:
        return {"dims": tuple(p.config["dims"]), "in_shape": tuple(p.in_shape)}

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        shape = (b.batch, *at["in_shape"])
        order = (0, *at["dims"])
        stride = [int(np.prod(shape[k + 1 :])) for k in range(len(shape))]
        dims = np.array([shape[a] for a in order], np.int64)
        strides = np.array([stride[a] for a in order], np.int64)
        b.forward(permute_copy, b.x[0].reshape(-1), b.y.reshape(-1), dims, strides, False, False)
        if b.g is not None and b.dxs[0] is not None:
            b.backward(permute_copy, b.g.reshape(-1), b.dxs[0].reshape(-1), dims, strides, True, b.acc_in(0))


OPS = {
    "Flatten": View(),
    "RepeatVector": RepeatVectorOp(),
    "Permute": PermuteOp(),
    "Reshape": View(),
    "ZeroPadding1D": ZeroPaddingOp(),
    "ZeroPadding2D": ZeroPaddingOp(),
    "Cropping1D": CroppingOp(),
    "Cropping2D": CroppingOp(),
    "UpSampling1D": UpSamplingOp(),
    "UpSampling2D": UpSamplingOp(),
}
