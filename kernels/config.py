"""Numba settings shared by every kernel, set once here.

* ``JIT`` / ``PJIT``: options for ``@njit`` (serial / parallel). ``cache=True`` so a new
  process loads compiled kernels from disk; ``error_model='numpy'`` so a division does
  not carry a zero check that blocks SIMD; fastmath without ``nnan``/``ninf`` so a NaN
  still shows up in the loss instead of being optimised away.
* The threading layer is OpenMP when numba has it (``workqueue`` measured 1.2-10x
  slower here), else numba's default choice.
* OpenMP threads sleep while they wait (``OMP_WAIT_POLICY=PASSIVE``) instead of spinning:
  with both cores' threads spinning, any other busy process (a browser, the editor's own
  plots, a test run) left each parallel region waiting a scheduler time slice for its
  second thread. Measured training the spiral model with another process busy on one of
  the 2 cores: 1,090 samples/s spinning, 338,000 sleeping (one thread: 685,000).
* BLAS (used by ``np.dot`` inside kernels) is kept to one thread: numba's parallel
  regions and a multi-threaded OpenBLAS fight over the two cores.
  :func:`limit_blas_threads` must run before the first kernel that uses BLAS.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when numba loads the OpenMP runtime, below

import numba  # noqa: E402
import numpy as np  # noqa: E402

FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}

JIT: dict[str, object] = {"cache": True, "fastmath": FASTMATH, "error_model": "numpy", "nogil": True}
PJIT: dict[str, object] = {**JIT, "parallel": True}

#: Bytes every buffer the executor allocates is aligned to (a cache line, an AVX-512 vector).
ALIGN = 64


def _choose_threading_layer() -> str:
    try:
        import numba.np.ufunc.omppool  # noqa: F401
    except ImportError:
        return "default"
    return "omp"


if numba.config.THREADING_LAYER in ("default", ""):
    numba.config.THREADING_LAYER = _choose_threading_layer()

_blas_limited = False


def limit_blas_threads() -> None:
    """Keep every loaded BLAS on one thread (numba's ``np.dot`` calls SciPy's OpenBLAS)."""
    global _blas_limited
    if _blas_limited:
        return
    _blas_limited = True
    try:
        import scipy.linalg.cython_blas  # noqa: F401  (load the BLAS numba will call)
        from threadpoolctl import threadpool_limits
    except ImportError:  # threadpoolctl is optional; the environment variables above still apply
        return
    threadpool_limits(1, user_api="blas")


def num_threads() -> int:
    """How many threads a parallel kernel splits its work over."""
    return max(1, numba.get_num_threads())


def aligned_empty(shape: tuple[int, ...], dtype: np.dtype | type = np.float32) -> np.ndarray:
    """An uninitialised C-contiguous array whose data starts on an ``ALIGN``-byte boundary."""
    dtype = np.dtype(dtype)
    count = 1
    for d in shape:
        count *= int(d)
    nbytes = max(count * dtype.itemsize, 1)
    raw = np.empty(nbytes + ALIGN, dtype=np.uint8)
    start = (-raw.ctypes.data) % ALIGN
    return raw[start : start + count * dtype.itemsize].view(dtype).reshape(shape)


def aligned_zeros(shape: tuple[int, ...], dtype: np.dtype | type = np.float32) -> np.ndarray:
    out = aligned_empty(shape, dtype)
    out[...] = 0
    return out
