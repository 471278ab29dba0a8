"""Copies between images of different sizes (4-D, channels last), split between threads by samples.

    place(src, dst, top, left, sh, sw)    dst[n, top + i*sh, left + j*sw] = src[n, i, j]   (the rest untouched)
    crop_into(src, dst, top, left, acc)   dst (+)= src[n, top + i, left + j]               (every value of dst)
    embed(src, dst, top, left, acc)       dst (+)= src placed at (top, left), zeros around it

Padding a layer's input, placing a gradient strides apart for a transposed product, and
the forward and backward passes of ZeroPadding and Cropping are these copies.
"""

from __future__ import annotations

from numba import njit, prange

from kernels.config import PJIT
from kernels.gemm import chunk_rows


@njit(**PJIT)
def place(src, dst, top, left, sh, sw, chunks):  # type: ignore[no-untyped-def]
    """``dst[n, top + i * sh, left + j * sw] = src[n, i, j]`` (4-D, channels last); the rest of ``dst`` is untouched."""
    n, h, w, c = src.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(h):
                for j in range(w):
                    row = dst[s, top + i * sh, left + j * sw]
                    value = src[s, i, j]
                    for k in range(c):
                        row[k] = value[k]


@njit(**PJIT)
def crop_into(src, dst, top, left, acc, chunks):  # type: ignore[no-untyped-def]
    """``dst (+)= src[:, top : top + rows, left : left + columns]`` (4-D, channels last)."""
    n, h, w, c = dst.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(h):
                for j in range(w):
                    out = dst[s, i, j]
                    value = src[s, top + i, left + j]
                    if acc:
                        for k in range(c):
                            out[k] += value[k]
                    else:
                        for k in range(c):
                            out[k] = value[k]


@njit(**PJIT)
def embed(src, dst, top, left, acc, chunks):  # type: ignore[no-untyped-def]
    """``dst (+)= src`` placed at ``(top, left)``; without ``acc`` the values around it become zeros."""
    n, h, w, c = dst.shape
    sh, sw = src.shape[1], src.shape[2]
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(h):
                inside_row = top <= i < top + sh
                for j in range(w):
                    out = dst[s, i, j]
                    if inside_row and left <= j < left + sw:
                        value = src[s, i - top, j - left]
                        if acc:
                            for k in range(c):
                                out[k] += value[k]
                        else:
                            for k in range(c):
                                out[k] = value[k]
                    elif not acc:
                        for k in range(c):
                            out[k] = 0.0
