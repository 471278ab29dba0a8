"""The numpy reference forward pass, checked by hand on small cases."""

import numpy as np
import pytest

from graph_core import activations
from graph_core.builder import ModelBuilder
from graph_core.errors import DataError, GraphError
from graph_core.model import ensure_weights
from graph_core.reference import forward
from tests.graph_core.helpers import mnist

RNG = np.random.default_rng(0)


def test_dense_chain_by_hand():
    g = mnist()
    ensure_weights(g, seed=0)
    x = RNG.normal(size=(5, 784)).astype(np.float32)
    w = {n: g.layers[n].weights for n in g.layers}
    h = np.maximum(x @ w["dense"]["kernel"] + w["dense"]["bias"], 0)
    h = np.maximum(h @ w["dense_1"]["kernel"] + w["dense_1"]["bias"], 0)
    y = h @ w["dense_2"]["kernel"] + w["dense_2"]["bias"]
    out = forward(g, {"input_layer": x})
    assert list(out) == ["dense_2"]
    np.testing.assert_allclose(out["dense_2"], y, rtol=1e-5, atol=1e-5)
    assert out["dense_2"].dtype == np.float32


def test_merges_concatenate_and_normalization():
    b = ModelBuilder("m")
    a = b.input((2, 3), name="a")
    c = b.input((2, 3), name="c")
    b.outputs(
        b.add("Subtract", a, c, name="sub"),
        b.add("Average", a, c, a, name="avg"),
        b.add("Maximum", a, c, name="max"),
        b.add("Concatenate", a, c, axis=1, name="cat"),
        b.add("BatchNormalization", a, name="bn"),
        b.add("LayerNormalization", c, name="ln"),
        b.add("Reshape", b.add("Flatten", a, name="flat"), target_shape=(3, 2), name="re"),
    )
    g = b.done()
    ensure_weights(g)
    g.layers["bn"].weights.update(
        moving_mean=np.array([1, 2, 3], np.float32), moving_variance=np.array([4, 4, 4], np.float32)
    )
    xa = RNG.normal(size=(4, 2, 3)).astype(np.float32)
    xc = RNG.normal(size=(4, 2, 3)).astype(np.float32)
    out = forward(g, {"a": xa, "c": xc})
    np.testing.assert_allclose(out["sub"], xa - xc)
    np.testing.assert_allclose(out["avg"], (2 * xa + xc) / 3, rtol=1e-6)
    np.testing.assert_allclose(out["max"], np.maximum(xa, xc))
    assert out["cat"].shape == (4, 4, 3)
    np.testing.assert_allclose(out["bn"], (xa - [1, 2, 3]) / np.sqrt(4 + 1e-3), rtol=1e-5)
    normed = (xc - xc.mean(-1, keepdims=True)) / np.sqrt(xc.var(-1, keepdims=True) + 1e-3)
    np.testing.assert_allclose(out["ln"], normed, rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(out["re"], xa.reshape(4, 3, 2))


@pytest.mark.parametrize(
    ("name", "x", "y"),
    [
        ("relu", [-1.0, 2.0], [0.0, 2.0]),
        ("leaky_relu", [-1.0, 2.0], [-0.2, 2.0]),
        ("hard_sigmoid", [-4.0, 0.0, 4.0], [0.0, 0.5, 1.0]),
        ("softsign", [1.0], [0.5]),
        ("relu6", [7.0], [6.0]),
        ("gelu", [1.0], [0.8413447]),  # exact (erf) form, as Keras uses by name
        ("selu", [1.0, -1.0], [1.050701, -1.1113307]),
        ("silu", [1.0], [0.7310586]),
        ("softmax", [[0.0, np.log(3.0)]], [[0.25, 0.75]]),
    ],
)
def test_activation_values(name, x, y):
    np.testing.assert_allclose(activations.apply(name, np.array(x, np.float32)), y, rtol=1e-5, atol=1e-6)


def test_wrong_input_is_refused_with_the_expected_shape():
    g = mnist()
    ensure_weights(g)
    with pytest.raises(DataError, match=r"expects samples of shape \(784,\); received an array of shape \(3, 10\)"):
        forward(g, {"input_layer": np.zeros((3, 10))})
    with pytest.raises(DataError, match="must be numeric"):
        forward(g, {"input_layer": np.array([["a"] * 784])})
    with pytest.raises(DataError, match="input named 'input_layer'"):
        forward(g, {"x": np.zeros((3, 784))})


def test_an_invalid_graph_does_not_run():
    b = ModelBuilder("bad")
    x = b.input((3,))
    b.add("Add", x, b.input((4,)))
    with pytest.raises(GraphError, match="Add needs inputs of one shape"):
        forward(b.done(), {})
