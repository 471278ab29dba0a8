"""Loss and metric kernels against the numpy reference; gradients by finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from kernels import activations as act
from kernels import losses
from tests.kernels import naive

DENSE_LOSSES = ["categorical_crossentropy", "binary_crossentropy", "mse", "mae", "huber"]


def _case(name: str, from_logits: bool, dtype=np.float32, rows=6, classes=4, seed=0):
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((rows, classes)) * 2
    if name == "sparse_categorical_crossentropy":
        t = rng.integers(0, classes, rows).astype(np.int32)
    elif name == "categorical_crossentropy":
        t = np.eye(classes)[rng.integers(0, classes, rows)].astype(dtype)
    elif name == "binary_crossentropy":
        t = rng.integers(0, 2, (rows, classes)).astype(dtype)
    else:
        t = (rng.standard_normal((rows, classes)) * 2).astype(dtype)
    if from_logits or name in ("mse", "mae", "huber"):
        y = z
    elif name == "binary_crossentropy":
        y = 1 / (1 + np.exp(-z))
    else:
        y = np.exp(z) / np.exp(z).sum(-1, keepdims=True)
    return y.astype(dtype), t


CASES = [(n, False) for n in [*DENSE_LOSSES, "sparse_categorical_crossentropy"]] + [
    ("sparse_categorical_crossentropy", True),
    ("categorical_crossentropy", True),
    ("binary_crossentropy", True),
]


@pytest.mark.parametrize(("name", "from_logits"), CASES)
def test_loss_value_matches_reference(name: str, from_logits: bool) -> None:
    y, t = _case(name, from_logits)
    got = losses.loss_and_grad(name, y, t, from_logits)
    assert got == pytest.approx(naive.loss(name, y, t, from_logits), rel=1e-5)


@pytest.mark.parametrize(("name", "from_logits"), CASES)
def test_gradient_float64_matches_finite_differences(name: str, from_logits: bool) -> None:
    y, t = _case(name, from_logits, dtype=np.float64)
    g = np.empty_like(y)
    losses.loss_and_grad(name, y, t, from_logits, grad=g)
    want = naive.fd_grad(lambda yv: naive.loss(name, yv, t, from_logits), y)
    np.testing.assert_allclose(g, want, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize(
    ("name", "activation", "fuse"),
    [
        ("categorical_crossentropy", "softmax", losses.FUSE_SOFTMAX),
        ("sparse_categorical_crossentropy", "softmax", losses.FUSE_SOFTMAX),
        ("binary_crossentropy", "sigmoid", losses.FUSE_SIGMOID),
    ],
)
def test_fused_activation_gradient_is_the_chain_rule(name: str, activation: str, fuse: int) -> None:
    y, t = _case(name, False, dtype=np.float64, seed=3)
    z = np.log(y) if activation == "softmax" else np.log(y / (1 - y))
    fused = np.empty_like(y)
    value = losses.loss_and_grad(name, y, t, False, fuse=fuse, grad=fused)
    assert value == pytest.approx(naive.loss(name, y, t), rel=1e-10)
    want = naive.fd_grad(lambda zv: naive.loss(name, naive.activation(activation, zv), t), z)
    np.testing.assert_allclose(fused, want, rtol=1e-5, atol=1e-8)
    # and in float32 against the unfused chain
    y32 = y.astype(np.float32)
    t32 = t if t.dtype == np.int32 else t.astype(np.float32)
    g32 = np.empty_like(y32)
    losses.loss_and_grad(name, y32, t32, False, fuse=fuse, grad=g32)
    dy = np.empty_like(y32)
    losses.loss_and_grad(name, y32, t32, False, grad=dy)
    np.testing.assert_allclose(g32, act.backward(activation, z.astype(np.float32), y32, dy), atol=2e-6)


def test_clipped_probabilities_pass_no_gradient() -> None:
    y = np.array([[0.0, 1.0]], np.float64)
    g = np.empty_like(y)
    value = losses.loss_and_grad("sparse_categorical_crossentropy", y, np.array([0], np.int32), grad=g)
    assert value == pytest.approx(-np.log(1e-7))
    assert np.all(g == 0)


def test_accumulate_adds_and_rank3_rows() -> None:
    y, t = _case("mse", False, rows=12)
    g = np.ones_like(y)
    losses.loss_and_grad("mse", y, t, grad=g, accumulate=True)
    np.testing.assert_allclose(g, 1 + 2 * (y - t) / y.size, rtol=1e-5)


def test_aliases_and_unknown_names() -> None:
    assert losses.canonical("mean_squared_error") == "mse"
    from graph_core.errors import ConfigError

    with pytest.raises(ConfigError, match="Received: loss='hinge'"):
        losses.canonical("hinge")


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (losses.ACC_SPARSE, "sparse"),
        (losses.ACC_CATEGORICAL, "categorical"),
        (losses.ACC_BINARY, "binary"),
        (losses.METRIC_MAE, "mae"),
    ],
)
def test_metrics_match_reference(kind: int, name: str) -> None:
    rng = np.random.default_rng(4)
    y = rng.random((50, 3)).astype(np.float32)
    if kind == losses.ACC_SPARSE:
        t = rng.integers(0, 3, 50).astype(np.int32)
    elif kind == losses.ACC_CATEGORICAL:
        t = np.eye(3, dtype=np.float32)[rng.integers(0, 3, 50)]
    elif kind == losses.ACC_BINARY:
        t = rng.integers(0, 2, (50, 3)).astype(np.float32)
    else:
        t = rng.random((50, 3)).astype(np.float32)
    got = losses.metric_sum(kind, y, t) / 50
    assert got == pytest.approx(naive.metric(name, y, t), rel=1e-6)
    if kind == losses.ACC_BINARY:
        logits = (y - 0.5).astype(np.float32)
        assert losses.metric_sum(kind, logits, t, 0.0) / 50 == pytest.approx(naive.metric(name, logits, t, True))
