"""Fused Dense kernels against the numpy reference, float32 and float64."""

from __future__ import annotations

import numpy as np
import pytest

from kernels.activations import code
from kernels.ops import core as dense
from tests.kernels import naive


def _data(shape, k=6, m=4, seed=0, dtype=np.float32):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((*shape, k)).astype(dtype)
    w = (rng.standard_normal((k, m)) * 0.5).astype(dtype)
    b = rng.standard_normal(m).astype(dtype)
    return x, w, b


@pytest.mark.parametrize("activation", ["linear", "relu", "tanh", "softmax", "gelu", "sigmoid"])
@pytest.mark.parametrize("chunks", [1, 2, 3])
def test_forward_and_backward_match_reference(activation: str, chunks: int) -> None:
    x, w, b = _data((7,))
    z, y = dense.dense_forward(x, w, b, activation, chunks)
    np.testing.assert_allclose(y, naive.dense(x, w, b, activation), rtol=1e-5, atol=1e-5)
    dy = np.random.default_rng(3).standard_normal(y.shape).astype(np.float32)
    gw, gb, dx = dense.dense_backward(x, w, z, y, dy, activation, True, chunks)
    want = naive.dense_backward(x, w, b, activation, dy)
    for got, exp in zip((gw, gb, dx), want, strict=True):
        np.testing.assert_allclose(got, exp, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("activation", ["linear", "relu", "softmax"])
@pytest.mark.parametrize("chunks", [2, 3])
@pytest.mark.parametrize("use_bias", [True, False])
def test_forward_split_along_the_shared_dimension_matches_reference(activation: str, chunks: int,
                                                                    use_bias: bool) -> None:  # fmt: skip
    x, w, b = _data((9,), k=70, m=21)
    bias = b if use_bias else np.zeros(0, np.float32)
    z = np.full((9, 21), np.nan, np.float32)
    y = z if activation == "linear" else np.full_like(z, np.nan)
    parts = np.full((chunks - 1, 9, 21), np.nan, np.float32)
    dense._forward_split(x, w, bias, z, y, code(activation), parts, chunks)
    np.testing.assert_allclose(y, naive.dense(x, w, b if use_bias else None, activation), rtol=1e-5, atol=1e-5)


def test_rank3_input_acts_on_last_axis_and_no_bias() -> None:
    x, w, _ = _data((3, 5))
    z, y = dense.dense_forward(x, w, None, "relu")
    assert y.shape == (3, 5, 4)
    np.testing.assert_allclose(y, naive.dense(x, w, None, "relu"), rtol=1e-5, atol=1e-6)
    dy = np.ones_like(y)
    gw, gb, dx = dense.dense_backward(x, w, z, y, dy, "relu", use_bias=False, chunks=2)
    assert gb is None and dx.shape == x.shape
    want = naive.dense_backward(x, w, None, "relu", dy)
    np.testing.assert_allclose(gw, want[0], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(dx, want[2], rtol=1e-5, atol=1e-5)


def test_more_chunks_than_rows_zeroes_the_empty_partials() -> None:
    x, w, b = _data((2,))
    z, y = dense.dense_forward(x, w, b, "linear", chunks=4)
    gw, gb, _ = dense.dense_backward(x, w, z, y, np.ones_like(y), "linear", True, chunks=4)
    want = naive.dense_backward(x, w, b, "linear", np.ones_like(y))
    np.testing.assert_allclose(gw, want[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gb, want[1], rtol=1e-5, atol=1e-6)


def test_accumulate_adds_to_existing_gradients() -> None:
    x, w, b = _data((5,), dtype=np.float64)
    z, y = dense.dense_forward(x, w, b, "tanh")
    gw = np.ones((6, 4))
    gb = np.ones(4)
    dx = np.ones_like(x)
    g = np.ones_like(y)
    dense.backward_into(x, w, z, y, g, code("tanh"), gw, gb, True, dx, True, True, 1)
    want = naive.dense_backward(x, w, b, "tanh", np.ones_like(y))
    np.testing.assert_allclose(gw, want[0] + 1, rtol=1e-10)
    np.testing.assert_allclose(gb, want[1] + 1, rtol=1e-10)
    np.testing.assert_allclose(dx, want[2] + 1, rtol=1e-10)


@pytest.mark.parametrize("activation", ["relu", "selu", "softmax", "mish"])
def test_backward_float64_matches_finite_differences(activation: str) -> None:
    x, w, b = _data((4,), dtype=np.float64, seed=5)
    dy = np.sin(np.arange(16.0)).reshape(4, 4)

    def loss_of_w(wv):
        return float((dense.dense_forward(x, wv, b, activation)[1] * dy).sum())

    def loss_of_x(xv):
        return float((dense.dense_forward(xv, w, b, activation)[1] * dy).sum())

    z, y = dense.dense_forward(x, w, b, activation)
    gw, _, dx = dense.dense_backward(x, w, z, y, dy, activation, True, 2)
    np.testing.assert_allclose(gw, naive.fd_grad(loss_of_w, w), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dx, naive.fd_grad(loss_of_x, x), rtol=1e-5, atol=1e-7)
