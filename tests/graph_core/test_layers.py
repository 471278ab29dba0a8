"""Each layer type's shape rule and parameter count, with numbers from Keras."""

import re

import pytest

from graph_core import layers
from graph_core.errors import ConfigError, UnknownLayerError
from graph_core.model import param_counts
from tests.graph_core.helpers import probe_node, single


def shape_and_params(layer_type, *shapes, **config):
    g = single(layer_type, *shapes, **config)
    analysis = g.analysis()
    node = probe_node(g)
    assert analysis.node_problems(node) == []
    counts = param_counts(g)
    return analysis.shapes[node], counts.trainable, counts.non_trainable


def test_every_issue_layer_type_is_registered():
    expected = {
        "InputLayer", "Dense", "Activation", "Dropout", "Flatten", "Reshape", "Add", "Subtract",
        "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "BatchNormalization", "LayerNormalization",
    }  # fmt: skip
    assert expected <= set(layers.REGISTRY)
    assert {t.category for t in layers.REGISTRY.values()} <= set(layers.CATEGORIES)


@pytest.mark.parametrize(
    ("shapes", "units", "out", "params"),
    [
        (((784,),), 64, (None, 64), 50_240),  # the guide's dense_10
        (((64,),), 64, (None, 64), 4_160),
        (((64,),), 10, (None, 10), 650),
        (((10, 32),), 16, (None, 10, 16), 528),  # rank 3: Dense acts on the last axis
        (((4, 5, 6),), 3, (None, 4, 5, 3), 21),
    ],
)
def test_dense(shapes, units, out, params):
    assert shape_and_params("Dense", *shapes, units=units) == (out, params, 0)


def test_dense_without_bias():
    assert shape_and_params("Dense", (8,), units=4, use_bias=False) == ((None, 4), 32, 0)


def test_input_of_any_rank():
    g = single("Activation", (32, 32, 3))
    assert g.analysis().shapes[probe_node(g)] == (None, 32, 32, 3)


@pytest.mark.parametrize("layer_type", ["Activation", "Dropout"])
def test_shape_preserving(layer_type):
    assert shape_and_params(layer_type, (7, 3)) == ((None, 7, 3), 0, 0)


def test_flatten_of_an_image():
    assert shape_and_params("Flatten", (32, 32, 3)) == ((None, 3072), 0, 0)


@pytest.mark.parametrize(
    ("target", "out"), [((28, 28), (None, 28, 28)), ((-1, 16), (None, 49, 16)), ((784,), (None, 784))]
)
def test_reshape(target, out):
    assert shape_and_params("Reshape", (784,), target_shape=target)[0] == out


def test_reshape_that_cannot_fit():
    g = single("Reshape", (784,), target_shape=(10, 10))
    (message,) = g.analysis().node_problems(probe_node(g))
    assert "target_shape with 784 values" in message and "(10, 10)" in message


@pytest.mark.parametrize("layer_type", ["Add", "Multiply", "Average", "Maximum", "Minimum"])
def test_merges_of_many(layer_type):
    assert shape_and_params(layer_type, (64,), (64,), (64,)) == ((None, 64), 0, 0)


def test_subtract_takes_two():
    assert shape_and_params("Subtract", (5,), (5,))[0] == (None, 5)
    assert layers.get("Subtract").max_inputs == 2


def test_add_of_different_shapes_quotes_them():
    g = single("Add", (64,), (32,))
    assert g.analysis().node_problems(probe_node(g)) == [
        "probe: Add needs inputs of one shape; got (None, 64) and (None, 32)"
    ]


def test_concatenate_last_axis():
    assert shape_and_params("Concatenate", (32,), (8,))[0] == (None, 40)


def test_concatenate_on_another_axis():
    assert shape_and_params("Concatenate", (4, 8), (6, 8), axis=1)[0] == (None, 10, 8)
    assert shape_and_params("Concatenate", (4, 8), (4, 2), axis=2)[0] == (None, 4, 10)


def test_concatenate_mismatch_on_other_axis():
    g = single("Concatenate", (4, 8), (6, 8))
    (message,) = g.analysis().node_problems(probe_node(g))
    assert "(None, 4, 8) and (None, 6, 8)" in message


def test_batch_normalization_moving_statistics_are_not_trainable():
    # Keras: BatchNormalization on 64 features has 256 params, 128 of them non-trainable.
    assert shape_and_params("BatchNormalization", (64,)) == ((None, 64), 128, 128)


def test_layer_normalization():
    assert shape_and_params("LayerNormalization", (10, 64)) == ((None, 10, 64), 128, 0)
    assert shape_and_params("LayerNormalization", (64,), center=False) == ((None, 64), 64, 0)


def test_merge_needs_two_inputs():
    g = single("Add", (4,))
    (message,) = g.analysis().node_problems(probe_node(g))
    assert message == "probe: Add needs at least 2 inputs; 1 wired"


@pytest.mark.parametrize(
    ("layer_type", "config", "text"),
    [
        ("Dense", {"units": -3}, "Received: units=-3"),
        ("Dense", {"units": 2.5}, "Received: units=2.5"),
        ("Dense", {"activation": "relux"}, "Received: activation='relux'"),
        ("Dropout", {"rate": 1.0}, "Received: rate=1.0"),
        ("InputLayer", {"shape": (0, 3)}, "Received: shape=(0, 3)"),
        ("Reshape", {"target_shape": (-1, -1)}, "at most one -1"),
        ("Concatenate", {"axis": 0}, "batch axis"),
        ("Dense", {"colour": "red"}, "no setting 'colour'"),
    ],
)
def test_config_refusals_quote_the_value(layer_type, config, text):
    with pytest.raises(ConfigError, match=re.escape(text)):
        layers.get(layer_type).make_config(config)


def test_unknown_layer_type_is_named():
    with pytest.raises(UnknownLayerError, match="'Conv3D'"):
        layers.get("Conv3D")


def test_activation_aliases_are_canonical():
    assert layers.get("Dense").make_config({"activation": "swish"})["activation"] == "silu"
    assert layers.get("Dense").make_config({"activation": None})["activation"] == "linear"


def test_captions():
    cfg = layers.get("Dense").make_config({"units": 64, "activation": "relu"})
    assert layers.get("Dense").caption(cfg) == "Dense · 64 · relu"


@pytest.mark.parametrize("value", [[], {}, 3, ["relu"]])
def test_an_activation_of_the_wrong_type_is_refused(value):
    with pytest.raises(ConfigError, match="Received: activation="):
        layers.get("Dense").make_config({"activation": value})
