"""Elementwise kernels on flat 1-D views, shared by the ops: copies, scaled sums and products.

Each writes (``acc=False``) or adds into (``acc=True``) its output, so a gradient that
several consumers contribute to is summed without a separate zeroing pass. Arrays are
float32 (float64 works too, for finite-difference tests).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.config import JIT


@njit(**JIT)
def copy_into(src, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= src``."""
    if acc:
        for i in range(src.shape[0]):
            out[i] += src[i]
    else:
        for i in range(src.shape[0]):
            out[i] = src[i]


@njit(**JIT)
def axpy(src, alpha, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= alpha * src``."""
    a = np.float32(alpha)
    if acc:
        for i in range(src.shape[0]):
            out[i] += a * src[i]
    else:
        for i in range(src.shape[0]):
            out[i] = a * src[i]


@njit(**JIT)
def mul_into(a, b, out, acc):  # type: ignore[no-untyped-def]
    """``out (+)= a * b``."""
    if acc:
        for i in range(a.shape[0]):
            out[i] += a[i] * b[i]
    else:
        for i in range(a.shape[0]):
            out[i] = a[i] * b[i]


@njit(**JIT)
def scale_inplace(out, alpha):  # type: ignore[no-untyped-def]
    a = np.float32(alpha)
    for i in range(out.shape[0]):
        out[i] *= a
