"""Denormal floats flushed to zero in the training threads (kernels/denormals.py).

Each check runs in a fresh process: a thread starts with its creator's floating-point state,
so one flushed by an earlier test would hand it on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kernels import denormals

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not denormals.X86, reason="the MXCSR register is x86's")

_POOL = """
import numba, numpy as np
from numba import njit, prange

@njit(parallel=True)
def halves(values):
    out = np.empty_like(values)
    for i in prange(values.shape[0]):  # one value a thread
        out[i] = values[i] * np.float32(0.5)
    return out
"""


def _run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_flushing_sets_this_thread_for_the_block_and_the_pool_and_only_changes_denormals() -> None:
    got = _run(
        _POOL
        + """
import json
from kernels import denormals
tiny = np.float32(1.1754944e-38)
threads = int(numba.config.NUMBA_NUM_THREADS)

def state():
    return [denormals.flushes(), float(tiny * np.float32(0.5)), halves(np.full(threads, tiny)).tolist()]

before = state()
with denormals.flushed():
    inside = state()
    normal = float(np.float32(3e-38) * np.float32(0.5))
print(json.dumps({"before": before, "inside": inside, "after": state(), "normal": normal}))
"""
    )
    flushed, half, pool = got["before"]
    assert not flushed and half == pytest.approx(5.877472e-39, rel=1e-6) and all(pool)  # denormals, kept
    flushed, half, pool = got["inside"]
    assert flushed and half == 0.0 and not any(pool)  # this thread and every thread of the pool flush
    assert got["normal"] == pytest.approx(1.5e-38, rel=1e-6)  # a normal result is untouched
    flushed, half, pool = got["after"]
    assert not flushed and half > 0  # this thread as before
    assert 0.0 in pool  # the pool's other threads keep flushing (they run nothing but kernels)


def test_adam_moments_that_decay_below_the_normal_range_become_zero_when_flushed() -> None:
    got = _run("""
import json
import numpy as np
from kernels import denormals
from kernels.optimizers import ADAM, apply_rule

def step():
    n = 64
    w, g = np.ones(n, np.float32), np.zeros(n, np.float32)  # a weight whose gradient is 0 (a dead relu)
    s0 = np.where(np.arange(n) % 2 == 0, np.float32(1.2e-38), np.float32(1e-39)).astype(np.float32)
    s1 = np.full(n, 1e-20, np.float32)
    h = np.array([1e-3, 0.1, 0.001, 1e-7, 0.0, 0.0, 0.0, 0.0], np.float32)
    apply_rule(ADAM, w, g, s0, s1, 0, n, h)
    return s0.tolist(), s1.tolist()

kept = step()
with denormals.flushed():
    flushed = step()
print(json.dumps({"kept": kept, "flushed": flushed}))
""")
    kept, _ = got["kept"]
    assert all(0 < v < 1.1754944e-38 for v in kept)  # 0.9 x 1.2e-38 and 0.9 x 1e-39: denormals
    flushed, s1 = got["flushed"]
    assert not any(flushed)
    assert s1 == pytest.approx([0.999e-20] * 64, rel=1e-6)  # normal values as before
