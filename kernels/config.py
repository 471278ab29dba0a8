"""Numba settings shared by every kernel, set once here.

* ``JIT`` / ``PJIT``: options for ``@njit`` (serial / parallel). ``cache=True`` so a new
  process loads compiled kernels from disk; ``error_model='numpy'`` so a division does
  not carry a zero check that blocks SIMD; fastmath without ``nnan``/``ninf`` so a NaN
  still shows up in the loss instead of being optimised away.
* The threading layer is OpenMP when numba has it (``workqueue`` measured 1.2-10x
  slower here), else numba's default choice.
* Threads and contention. OpenMP threads spin while they wait, which is what makes small
  batches fast (mnist_model at batch 32: 335,000 samples/s spinning, 93,000 with
  ``OMP_WAIT_POLICY=PASSIVE``). But when another process is busy on one of the cores, each
  parallel region waits a scheduler time slice for its second thread: training the spiral
  model then ran at 1,090 samples/s spinning, 338,000 sleeping, 685,000 on one thread. So
  training measures which is faster while it runs and switches (:mod:`kernels.threads`);
  a process that starts while the machine is busy starts on one thread, and the editor
  (whose own drawing competes for the cores) makes its threads sleep (``gui/__init__.py``).
* float32 kernels use no BLAS (:mod:`kernels.gemm`). Float64 kernels (the finite-difference
  tests) call ``np.dot``, so BLAS is kept to one thread: numba's parallel regions and a
  multi-threaded OpenBLAS fight over the cores. :func:`limit_blas_threads` must run before
  the first kernel that uses BLAS; it loads SciPy's BLAS (about 14 MB), so only then.
"""

from __future__ import annotations

import os

from kernels import cpu

cpu.prepare()  # before SciPy's OpenBLAS loads (numpy's may already be loaded)


def _busy_machine() -> bool:
    """Whether other processes already keep about one core busy (1-minute load average)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return False
    return load >= 0.75 and (os.cpu_count() or 1) <= 4


import numba  # noqa: E402
import numpy as np  # noqa: E402

FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}

JIT: dict[str, object] = {"cache": True, "fastmath": FASTMATH, "error_model": "numpy", "nogil": True}
PJIT: dict[str, object] = {**JIT, "parallel": True}


def lock_cache_saves() -> None:
    """Make numba's cache saves exclusive between processes (POSIX; once per process).

    numba saves a compiled function by reading its index file, adding the entry and writing
    the index back whole; two processes doing that at once for one function (the workers of
    :mod:`kernels.prepare` share callees) can lose entries or leave one naming the other's
    code. Here each save holds an exclusive ``flock`` on a file beside the index. Where
    numba's classes are not as expected, saves stay as numba makes them."""
    try:
        import fcntl

        from numba.core.caching import IndexDataCacheFile
    except ImportError:  # not POSIX, or another numba
        return
    save = IndexDataCacheFile.save
    if getattr(save, "locked", False):
        return

    def locked_save(self, key, data):  # type: ignore[no-untyped-def]
        try:
            lock = open(self._index_path + ".lock", "a")  # noqa: SIM115 - held across the save below
        except (AttributeError, OSError):
            return save(self, key, data)
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return save(self, key, data)  # reads the index again inside the lock, adds, writes
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    locked_save.locked = True  # type: ignore[attr-defined]
    IndexDataCacheFile.save = locked_save  # type: ignore[method-assign]


lock_cache_saves()

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

if "NUMBA_NUM_THREADS" not in os.environ and _busy_machine():
    # For this (importing) thread; threads started later, like the editor's worker, keep the default.
    numba.set_num_threads(1)

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
    """How many threads this thread's parallel kernels run on now."""
    return max(1, numba.get_num_threads())


def max_threads() -> int:
    """How many threads numba may use: what the executor splits a batch's rows for.

    Fixed for the process, so the split, and the arithmetic, do not depend on how many
    threads run it (:mod:`kernels.threads` chooses that while training).
    """
    return max(1, int(numba.config.NUMBA_NUM_THREADS))


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
