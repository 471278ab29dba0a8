"""Activation kernels against graph_core's numpy reference and the derivative formulas."""

from __future__ import annotations

import numpy as np
import pytest

from graph_core import activations as ref_act
from kernels import activations as act
from tests.kernels import naive

NAMES = act.NAMES
# Values on both sides of every kink, away from the kinks themselves (finite differences).
Z = np.array([[-7.3, -3.4, -2.9, -1.2, -0.45, -0.02], [0.03, 0.5, 1.3, 2.7, 3.2, 6.6]])


def test_codes_cover_every_keras_activation() -> None:
    assert set(NAMES) == set(ref_act.NAMES) - {"swish", "hard_swish"}
    assert act.code("swish") == act.code("silu")


@pytest.mark.parametrize("name", NAMES)
def test_forward_matches_reference(name: str) -> None:
    rng = np.random.default_rng(1)
    z = (rng.standard_normal((5, 3, 7)) * 3).astype(np.float32)
    got = act.forward(name, z)
    want = ref_act.apply(name, z)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=2e-6, atol=2e-6)


@pytest.mark.parametrize("name", NAMES)
def test_naive_backward_matches_finite_differences(name: str) -> None:
    dy = np.linspace(-1, 1, Z.size).reshape(Z.shape)
    got = naive.activation_backward(name, Z, dy)
    want = naive.fd_grad(lambda z: float((naive.activation(name, z) * dy).sum()), Z)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", NAMES)
def test_backward_kernel_matches_naive_float32(name: str) -> None:
    rng = np.random.default_rng(2)
    z = (Z + rng.standard_normal(Z.shape) * 0.01).astype(np.float32)
    dy = rng.standard_normal(Z.shape).astype(np.float32)
    y = act.forward(name, z)
    got = act.backward(name, z, y, dy)
    want = naive.activation_backward(name, z.astype(np.float64), dy.astype(np.float64))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_backward_kernel_float64_matches_finite_differences(name: str) -> None:
    dy = np.cos(np.arange(Z.size)).reshape(Z.shape)
    y = act.forward(name, Z)
    got = act.backward(name, Z, y, dy)
    want = naive.fd_grad(lambda z: float((act.forward(name, z) * dy).sum()), Z)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_forward_in_place_and_nan_propagates() -> None:
    z = np.array([[1.0, np.nan, -2.0]], np.float32)
    out = act.forward("relu", z, out=z)
    assert out is z
    assert np.isnan(z[0, 1]) and z[0, 2] == 0 and z[0, 0] == 1
    assert np.isnan(act.forward("softmax", np.array([[0.0, np.nan]], np.float32))).any()


def test_softmax_is_stable_for_large_values() -> None:
    z = np.array([[1000.0, 1001.0, -1000.0]], np.float32)
    y = act.forward("softmax", z)
    assert np.isfinite(y).all() and abs(float(y.sum()) - 1) < 1e-6
