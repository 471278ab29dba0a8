"""The BLAS environment chosen from the processor (``kernels/cpu.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kernels import cpu

ROOT = Path(__file__).resolve().parents[2]

ZEN5 = """processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 26
flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16
processor\t: 1
vendor_id\t: AuthenticAMD
flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16
"""
ZEN3 = ZEN5.replace(" avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16", "")
INTEL = ZEN5.replace("AuthenticAMD", "GenuineIntel")


def test_amd_with_avx512_asks_for_the_avx512_kernels() -> None:
    assert cpu.cpu_flags(ZEN5)[0] == "AuthenticAMD"
    assert cpu.blas_core_hint(ZEN5) == "SkylakeX"


def test_other_processors_keep_openblas_choice() -> None:
    assert cpu.blas_core_hint(ZEN3) is None  # no AVX-512: the AVX2 kernels are right
    assert cpu.blas_core_hint(INTEL) is None  # OpenBLAS knows Intel's models
    assert cpu.blas_core_hint("") is None  # not Linux


def test_prepare_never_overrides_the_user() -> None:
    code = (
        "import os; from kernels import cpu; cpu.prepare(); print(os.environ['OPENBLAS_CORETYPE'], sorted(cpu.applied))"  # noqa: E501
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env.update(OPENBLAS_CORETYPE="Haswell", OPENBLAS_NUM_THREADS="2", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split(maxsplit=1) == ["Haswell", "['BLIS_NUM_THREADS', 'MKL_NUM_THREADS']\n"]
