"""Gathering a batch's rows from a data set into the input buffers (training shuffles by index)."""

from __future__ import annotations

from numba import njit, prange

from kernels.config import JIT, PJIT
from kernels.gemm import chunk_rows


@njit(**JIT)
def gather_rows(src, idx, out):  # type: ignore[no-untyped-def]
    """``out[i] = src[idx[i]]`` for 2-D ``src (samples, width)``, ``out (len(idx), width)``."""
    for i in range(idx.shape[0]):
        r = idx[i]
        for j in range(src.shape[1]):
            out[i, j] = src[r, j]


@njit(**PJIT)
def gather_rows_parallel(src, idx, out, chunks):  # type: ignore[no-untyped-def]
    """As :func:`gather_rows`, each thread gathering the rows it then works on in the Dense kernels."""
    for t in prange(chunks):
        r0, r1 = chunk_rows(idx.shape[0], chunks, t)
        for i in range(r0, r1):
            r = idx[i]
            for j in range(src.shape[1]):
                out[i, j] = src[r, j]
