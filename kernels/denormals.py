"""Denormal floats flushed to zero in the threads that train, as TensorFlow and XLA do on CPUs.

A float32 below 1.2e-38 is "denormal", and x86 cores take about a hundred cycles for
each operation on one instead of a fraction of a cycle. Training makes them: Adam's
first moment of a weight whose gradient has become zero (a unit relu keeps at 0) shrinks
by 0.9 a step and spends about 150 steps in that range; a gradient of 1e-20 squares into
it. Adam's update on mnist_model's 55,050 weights took 19 µs on ordinary values and 489
µs on denormal ones, and Adam at batch 32 ran at a seventh of SGD's speed.

``with flushed():`` sets the two MXCSR bits (FTZ: results that would be denormal are 0;
DAZ: denormal inputs read as 0) in the calling thread for the block, and in every thread of
numba's pool for good (they run only kernels). The calling thread gets its setting back
after: Python's own floats (and libraries such as Hypothesis, which asks the processor for
the smallest subnormal) must not change under it. Only values below 1.2e-38 (2.2e-308 in
float64) change. Elsewhere than x86-64 it does nothing. The pool is reached by one loop
iteration a thread, as OpenMP (the layer :mod:`kernels.config` chooses) and workqueue
schedule it; TBB gives no such promise and restores each task's floating-point state, so
there the pool's threads may keep denormals (slower, never wrong).
"""

from __future__ import annotations

import platform
from collections.abc import Iterator
from contextlib import contextmanager

import numba
import numpy as np
from llvmlite import ir
from numba import njit, prange, types
from numba.core import cgutils
from numba.extending import intrinsic

#: MXCSR's flush-to-zero (bit 15) and denormals-are-zero (bit 6).
FTZ_DAZ = 0x8040
X86 = platform.machine().lower() in ("x86_64", "amd64")


@intrinsic
def _swap_mxcsr(typingctx, bits, keep):  # type: ignore[no-untyped-def]
    """MXCSR = (MXCSR & keep) | bits; returns the value before (x86-64 only)."""

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        i32 = ir.IntType(32)
        slot = cgutils.alloca_once(builder, i32)
        pointer = builder.bitcast(slot, ir.IntType(8).as_pointer())
        fnty = ir.FunctionType(ir.VoidType(), [ir.IntType(8).as_pointer()])
        builder.call(cgutils.get_or_insert_function(builder.module, fnty, "llvm.x86.sse.stmxcsr"), [pointer])
        before = builder.load(slot)
        after = builder.or_(builder.and_(before, builder.trunc(args[1], i32)), builder.trunc(args[0], i32))
        builder.store(after, slot)
        builder.call(cgutils.get_or_insert_function(builder.module, fnty, "llvm.x86.sse.ldmxcsr"), [pointer])
        return builder.zext(before, ir.IntType(64))

    return types.int64(bits, keep), codegen


@njit(cache=True, nogil=True)
def _swap_here(bits, keep):  # type: ignore[no-untyped-def]
    return _swap_mxcsr(bits, keep)


@njit(cache=True, nogil=True, parallel=True)
def _flush_pool(threads, bits):  # type: ignore[no-untyped-def]
    for _ in prange(threads):  # one iteration a thread (OpenMP's static schedule)
        _swap_mxcsr(bits, -1)


@contextmanager
def flushed() -> Iterator[None]:
    """Denormals flush to zero in this thread while the block runs, and from then on in numba's threads
    (they run nothing but kernels); this thread's setting is put back after (x86-64; elsewhere nothing)."""
    if not X86:
        yield
        return
    before = _swap_here(FTZ_DAZ, -1)
    try:
        threads = int(numba.config.NUMBA_NUM_THREADS)
        current = numba.get_num_threads()
        numba.set_num_threads(threads)
        try:
            _flush_pool(threads, FTZ_DAZ)
        finally:
            numba.set_num_threads(current)
        yield
    finally:
        _swap_here(before & FTZ_DAZ, ~FTZ_DAZ)  # the two bits as they were, the rest as the block left them


@njit(cache=True, nogil=True)
def _half(x):  # type: ignore[no-untyped-def]
    return x * np.float32(0.5)


def flushes() -> bool:
    """Whether this thread flushes denormals now: half the smallest normal float32 comes out as 0."""
    return float(_half(np.float32(1.1754944e-38))) == 0.0
