"""Denormal floats flushed to zero in the training threads (kernels/denormals.py)."""

from __future__ import annotations

import threading

import numba
import numpy as np
import pytest
from numba import njit, prange

from kernels import denormals
from kernels.optimizers import ADAM, apply_rule

TINY = np.float32(1.1754944e-38)  # the smallest normal float32


@njit(parallel=True)
def _halves_in_pool(values):  # type: ignore[no-untyped-def]
    out = np.empty_like(values)
    for i in prange(values.shape[0]):  # one value a thread
        out[i] = values[i] * np.float32(0.5)
    return out


def _in_new_thread(fn):  # type: ignore[no-untyped-def]
    """Run ``fn`` in a fresh thread (whose floating-point state starts as the system's) and return its result."""
    result = []
    thread = threading.Thread(target=lambda: result.append(fn()))
    thread.start()
    thread.join()
    return result[0]


@pytest.mark.skipif(not denormals.X86, reason="the MXCSR register is x86's")
def test_flushing_sets_this_thread_and_the_pool_and_only_changes_denormals() -> None:
    def run():  # type: ignore[no-untyped-def]
        before = denormals.flushes(), float(np.float32(TINY) * np.float32(0.5))
        denormals.flush_denormals()
        pool = _halves_in_pool(np.full(int(numba.config.NUMBA_NUM_THREADS), TINY))
        return before, denormals.flushes(), pool, float(np.float32(3e-38) * np.float32(0.5))

    (flushed_before, half_before), flushed, pool, normal = _in_new_thread(run)
    assert not flushed_before and half_before == pytest.approx(5.877472e-39, rel=1e-6)  # a denormal, kept
    assert flushed and not pool.any()  # every thread of the pool flushes now
    assert normal == pytest.approx(1.5e-38, rel=1e-6)  # a normal result is untouched


@pytest.mark.skipif(not denormals.X86, reason="the MXCSR register is x86's")
def test_adam_moments_that_decay_below_the_normal_range_become_zero_when_flushed() -> None:
    def step(flush: bool):  # type: ignore[no-untyped-def]
        if flush:
            denormals.flush_denormals()
        n = 64
        w, g = np.ones(n, np.float32), np.zeros(n, np.float32)  # a weight whose gradient is 0 (a dead relu)
        s0 = np.where(np.arange(n) % 2 == 0, np.float32(1.2e-38), np.float32(1e-39)).astype(np.float32)
        s1 = np.full(n, 1e-20, np.float32)
        h = np.array([1e-3, 0.1, 0.001, 1e-7, 0.0, 0.0, 0.0, 0.0], np.float32)
        apply_rule(ADAM, w, g, s0, s1, 0, n, h)
        return s0, s1

    kept, _ = _in_new_thread(lambda: step(False))
    assert (kept > 0).all() and (kept < TINY).all()  # 0.9 x 1.2e-38 and 0.9 x 1e-39: denormals
    flushed, s1 = _in_new_thread(lambda: step(True))
    assert not flushed.any()
    np.testing.assert_allclose(s1, 0.999e-20, rtol=1e-6)  # normal values as before
