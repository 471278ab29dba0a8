"""Environment for the BLAS libraries, set before they load (standard library only).

Training in float32 does not use BLAS (:mod:`kernels.gemm`); numpy's matrix products
elsewhere do (the plain-numpy reference model, float64 kernels in the tests, exports'
checks). Two settings, each only when the user has not set it:

* One BLAS thread (``OPENBLAS_NUM_THREADS`` and friends): numba's parallel regions and a
  multi-threaded OpenBLAS fight over the cores (see :mod:`kernels.config`).
* ``OPENBLAS_CORETYPE=SkylakeX`` on AMD processors with AVX-512. OpenBLAS picks its
  kernels by processor model, and a build that predates a model falls back to its AVX2
  (Haswell) kernels: the OpenBLAS in numpy 2.4 and SciPy 1.17 does so on Zen 5, where
  the AVX-512 kernels multiply float32 matrices 1.6-1.9x faster (mnist_model's shapes,
  one thread: 78 -> 124 GFLOP/s at 32 rows, 119 -> 225 at 1024). On processors OpenBLAS
  knows, it already chooses these kernels, so the hint changes nothing there.

OpenBLAS reads the variables once, when the library is loaded, so :func:`prepare` runs
before numpy or SciPy is imported (``main.py``, ``gui/__init__.py``) and again in
:mod:`kernels.config`, before SciPy's BLAS (the one numba's ``np.dot`` calls in float64
kernels) is loaded.
"""

from __future__ import annotations

import os

#: The AVX-512 subsets OpenBLAS's SkylakeX kernels use.
AVX512_FLAGS = frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})

#: The variables :func:`prepare` set in this process (a benchmark leaves them out of its peers' environment).
applied: dict[str, str] = {}


def cpu_flags(cpuinfo: str) -> tuple[str, frozenset[str]]:
    """(vendor id, flags) of the first processor described in ``/proc/cpuinfo`` text."""
    vendor, flags = "", frozenset()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "vendor_id" and not vendor:
            vendor = value.strip()
        elif key == "flags" and not flags:
            flags = frozenset(value.split())
        if vendor and flags:
            break
    return vendor, flags


def blas_core_hint(cpuinfo: str) -> str | None:
    """The ``OPENBLAS_CORETYPE`` to ask for on this processor, or None to leave OpenBLAS's choice."""
    vendor, flags = cpu_flags(cpuinfo)
    if vendor == "AuthenticAMD" and AVX512_FLAGS <= flags:
        return "SkylakeX"
    return None


def _read_cpuinfo() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            return f.read(1 << 20)
    except OSError:  # not Linux
        return ""


def prepare() -> None:
    """Set the BLAS environment variables this process has not set (see the module docstring)."""
    wanted = {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1"}
    if "OPENBLAS_CORETYPE" not in os.environ:
        hint = blas_core_hint(_read_cpuinfo())
        if hint is not None:
            wanted["OPENBLAS_CORETYPE"] = hint
    for var, value in wanted.items():
        if var not in os.environ:
            os.environ[var] = applied[var] = value
