"""The recurrent kernels' parts, timed on their own: ``python -m tools.bench_recurrent_kernels``.

Prints what the README and the docstrings of :mod:`kernels.vmath`, :func:`kernels.gemm.nn_deep` and
:mod:`kernels.ops.recurrent` say of them, measured on this machine (one thread unless said):

* an activation over 2 million float32 values held in the L1 cache: :mod:`kernels.vmath`'s sigmoid and
  tanh against the same loops calling :mod:`math` (one ``expf``/``tanhf`` call a value);
* a gate's loop over a view of its own against the same loop at an offset (numba keeps a wraparound
  check there, and the loop does not vectorise);
* an LSTM's recurrent-kernel gradient ``Hᵀ · DR`` (128 × 3,200 · 3,200 × 512) with :func:`kernels.gemm.nn`
  (blocks of :data:`kernels.gemm.DEPTH` rows) against :func:`kernels.gemm.nn_deep`;
* the LSTM of the text benchmark (100 steps, 64 features, 128 units), forward and backward, at batch 32
  and 128 on one thread and on every thread.

The medians of several runs; nothing here is asserted (the test suite checks the results, not the time).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable

import numpy as np
from numba import njit

from kernels import activations as act
from kernels import config, gemm, vmath
from kernels.ops.recurrent import LSTM, recurrent_backward, recurrent_forward

JIT = {**config.JIT, "cache": False}


def median_ms(fn: Callable[..., object], *args: object, reps: int = 20) -> float:
    fn(*args)
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


@njit(**JIT)
def _fast(a, repeat):  # type: ignore[no-untyped-def]
    for _ in range(repeat):
        for k in range(a.size):
            a[k] = vmath.tanh(vmath.sigmoid(a[k]))


@njit(**JIT)
def _libm(a, repeat):  # type: ignore[no-untyped-def]
    one = np.float32(1.0)
    for _ in range(repeat):
        for k in range(a.size):
            a[k] = math.tanh(one / (one + math.exp(-a[k])))


@njit(**JIT)
def _whole(g, units):  # type: ignore[no-untyped-def]
    for r in range(g.shape[0]):
        v = g[r, 2 * units : 3 * units]
        for k in range(v.size):
            v[k] = vmath.tanh(v[k])


@njit(**JIT)
def _offset(g, units):  # type: ignore[no-untyped-def]
    for r in range(g.shape[0]):
        v = g[r]
        for k in range(2 * units, 3 * units):
            v[k] = vmath.tanh(v[k])


def main() -> None:
    rng = np.random.default_rng(0)
    values = rng.standard_normal(8192).astype(np.float32)
    repeat = 244  # 244 x 8,192 = 2 million values
    for name, fn in (("kernels.vmath", _fast), ("math (libm calls)", _libm)):
        ms = median_ms(fn, values.copy(), repeat)
        print(f"sigmoid then tanh, {name}: {ms * 1e6 / (2 * repeat * values.size):.2f} ns a value")
    gates = rng.standard_normal((3200, 512)).astype(np.float32)
    for name, fn in (("a view of its own", _whole), ("at an offset", _offset)):
        ms = median_ms(fn, gates.copy(), 128)
        print(f"a gate's tanh over 3,200 rows, {name}: {ms * 1e6 / (3200 * 128):.2f} ns a value")

    h = rng.standard_normal((128, 3200)).astype(np.float32)  # Hᵀ, as the backward pass makes it
    dr = rng.standard_normal((3200, 512)).astype(np.float32)
    out = np.zeros((128, 512), np.float32)
    flops = 2 * 128 * 3200 * 512
    for name, fn in (("gemm.nn", gemm.nn), ("gemm.nn_deep", gemm.nn_deep)):
        ms = median_ms(fn, h, dr, out, 0, 128, False)
        print(f"H^T . DR (128 x 3,200 . 3,200 x 512), {name}: {flops / ms / 1e6:.0f} GFLOP/s")

    code, rec_code = act.code("tanh"), act.code("sigmoid")
    steps, features, units = 100, 64, 128
    width = 4 * units
    for batch in (32, 128):
        for chunks in (1, config.max_threads()):
            rows = batch * steps

            def z(*shape: int) -> np.ndarray:
                return np.zeros(shape, np.float32)

            x2 = rng.standard_normal((rows, features)).astype(np.float32)
            w = (rng.standard_normal((features, width)) * 0.1).astype(np.float32)
            u = (rng.standard_normal((units, width)) * 0.1).astype(np.float32)
            g, hs, cs, tc = z(rows, width), z(rows, units), z(rows, units), z(rows, units)
            y = z(batch, 1, units)
            none = z(1, units)  # no initial states given, no final states wanted
            forward = (LSTM, x2, w, u, z(1, width), steps, False, code, rec_code, g, g, False, hs, cs, tc, hs,
                       z(batch, width), y, False, none, none, False, none, none, False, chunks)  # fmt: skip
            fwd = median_ms(recurrent_forward, *forward, reps=10)
            dy = rng.standard_normal((batch, 1, units)).astype(np.float32)
            dxp = z(rows, width)
            backward = (LSTM, x2, z(features, rows), w, z(width, features), u, z(width, units), z(units, rows), steps,
                        False, code, rec_code, hs, cs, tc, hs, g, g, False, dy, False, dxp, dxp, z(batch, units),
                        z(batch, units), z(batch, width + units), z(features, width), z(units, width), z(1, width),
                        True, False, z(rows, features), True, False, none, False, (none, none), False,
                        (none, none), np.zeros(2, np.bool_), np.zeros(2, np.bool_), chunks)  # fmt: skip
            bwd = median_ms(recurrent_backward, *backward, reps=10)
            rate = batch / (fwd + bwd) * 1e3
            threads = f"{chunks} thread{'s' * (chunks > 1)}"
            print(f"LSTM(128) over 100 steps, batch {batch}, {threads}: forward {fwd:.1f} ms, backward {bwd:.1f} ms "
                  f"({rate:,.0f} samples/s for this layer alone)")  # fmt: skip


if __name__ == "__main__":
    main()
