"""The vectorising exponential, sigmoid and tanh against numpy, over the whole float32 range."""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import vmath


@njit(cache=True)
def _apply(x, e, s, t):  # type: ignore[no-untyped-def]
    for i in range(x.size):
        e[i] = vmath.exp(x[i])
        s[i] = vmath.sigmoid(x[i])
        t[i] = vmath.tanh(x[i])


def _run(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    out = tuple(np.empty_like(x) for _ in range(3))
    _apply(x, *out)
    return out


def _relative(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    return np.abs(got - want) / np.maximum(np.abs(want), np.finfo(np.float32).tiny)


def test_float32_within_a_few_ulps_of_numpy():
    tiny = np.geomspace(1e-9, 1.0, 20_001)
    x = np.concatenate([np.linspace(-120, 120, 400_001), tiny, -tiny]).astype(np.float32)
    e, s, t = _run(x)
    wide = x.astype(np.float64)
    normal = np.abs(wide) < 87  # beyond, e^x leaves float32's normal range (clamped)
    assert _relative(e[normal], np.exp(wide[normal])).max() < 4e-7
    assert _relative(s[normal], 1 / (1 + np.exp(-wide[normal]))).max() < 4e-7
    assert np.abs(s[~normal] - (wide[~normal] > 0)).max() < 1e-37  # 0 or 1 but for a float32 speck
    assert _relative(t, np.tanh(wide)).max() < 4e-7
    assert t.dtype == s.dtype == e.dtype == np.float32


def test_limits_and_signs():
    x = np.array([-1e30, -200, -88, 0, 88, 200, 1e30, -0.0], np.float32)
    e, s, t = _run(x)
    np.testing.assert_array_equal(t, [-1, -1, -1, 0, 1, 1, 1, 0])
    np.testing.assert_allclose(s[[0, 1, 3, 5, 6]], [0, 0, 0.5, 1, 1], rtol=0, atol=1e-37)
    assert np.all(np.isfinite(e)) and np.all(e > 0)  # clamped, never inf or zero


def test_float64_is_exact_math():
    x = np.linspace(-30, 30, 1001)
    e, s, t = _run(x)
    np.testing.assert_allclose(t, np.tanh(x), rtol=1e-15)
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-x)), rtol=1e-15)
    np.testing.assert_allclose(e, np.exp(x), rtol=1e-15)
