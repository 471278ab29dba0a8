"""Exponential, sigmoid and tanh that a numba loop over float32 turns into vector code.

Without a vector math library LLVM calls ``expf``/``tanhf`` once per element, which made
an LSTM's gates cost more than its matrix products (sigmoid then tanh: about 6 ns a value against 0.6
here; ``python -m tools.bench_recurrent_kernels``).
These are arithmetic only, so the loops that call them vectorise:

    exp(x)      2^n · e^r with n = round(x / ln 2), r = x − n·ln 2 (ln 2 in two parts, so r is exact
                to float32) and e^r by its Taylor series to r^7 (|r| ≤ ln 2 / 2: the series' error,
                6e-9 relative, is below float32's rounding); 2^n written into the exponent bits
    sigmoid(x)  1 / (1 + exp(−x))                      relative error a few ulps everywhere
    tanh(x)     (1 − e) / (1 + e) · sign(x), e = exp(−2|x|), and x − x³/3 + … to x⁹ for |x| < 0.2
                (where 1 − e would lose digits)          error below 2e-7

Within 4e-7 relative of numpy's float32 results for |x| < 87 (``tests/kernels/test_vmath.py``). Beyond,
the exponential's argument is clamped to [−87, 88] (2ⁿ stays a normal float32): e^x stays finite and
positive (e^100 gives 1.65e38, not inf), sigmoid is within 1e-37 of 0 or 1, tanh is ±1.
float64 arguments (the finite-difference tests) go to :mod:`math`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, types
from numba.extending import overload

from kernels.config import JIT
from kernels.simd import pow2

_LOG2E = np.float32(1.0 / math.log(2.0))
_LN2_HI = np.float32(0.693145751953125)  # ln 2 to 16 bits: n · _LN2_HI is exact for |n| < 256
_LN2_LO = np.float32(math.log(2.0) - 0.693145751953125)
_LOW, _HIGH = np.float32(-87.0), np.float32(88.0)  # 2^n stays a normal float32
_TAYLOR = tuple(np.float32(1.0 / math.factorial(k)) for k in range(8))
_TANH_SERIES = tuple(np.float32(c) for c in (-1.0 / 3.0, 2.0 / 15.0, -17.0 / 315.0, 62.0 / 2835.0))
_SMALL = np.float32(0.2)
_ONE, _HALF, _ZERO, _TWO = np.float32(1.0), np.float32(0.5), np.float32(0.0), np.float32(2.0)


@njit(**JIT)
def _exp32(x):  # type: ignore[no-untyped-def]
    x = min(max(x, _LOW), _HIGH)
    n = np.floor(x * _LOG2E + _HALF)
    r = (x - n * _LN2_HI) - n * _LN2_LO
    e = _TAYLOR[7]
    e = e * r + _TAYLOR[6]
    e = e * r + _TAYLOR[5]
    e = e * r + _TAYLOR[4]
    e = e * r + _TAYLOR[3]
    e = e * r + _TAYLOR[2]
    e = e * r + _ONE
    e = e * r + _ONE
    return e * pow2(np.int32(n))


def exp(x):  # type: ignore[no-untyped-def]
    """e^x; numba only."""


def sigmoid(x):  # type: ignore[no-untyped-def]
    """1 / (1 + e^-x); numba only."""


def tanh(x):  # type: ignore[no-untyped-def]
    """tanh x; numba only."""


@overload(exp, jit_options=JIT)
def _exp(x):  # type: ignore[no-untyped-def]
    if x == types.float32:
        return lambda x: _exp32(x)
    return lambda x: math.exp(x)


@overload(sigmoid, jit_options=JIT)
def _sigmoid(x):  # type: ignore[no-untyped-def]
    if x == types.float32:
        return lambda x: _ONE / (_ONE + _exp32(-x))
    return lambda x: 1.0 / (1.0 + math.exp(-x))


@overload(tanh, jit_options=JIT)
def _tanh(x):  # type: ignore[no-untyped-def]
    if x == types.float32:

        def tanh32(x):  # type: ignore[no-untyped-def]
            a = abs(x)
            e = _exp32(-_TWO * a)
            big = (_ONE - e) / (_ONE + e)
            big = big if x >= _ZERO else -big
            s = x * x
            small = x + x * s * (_TANH_SERIES[0] + s * (_TANH_SERIES[1] + s * (_TANH_SERIES[2] + s * _TANH_SERIES[3])))
            return small if a < _SMALL else big

        return tanh32
    return lambda x: math.tanh(x)
