"""Keras Functional API code generated from the graph."""

import ast

from graph_core.examples import EXAMPLES
from graph_core.io.codegen import keras_code
from tests.graph_core.helpers import mnist


def test_the_seed_in_the_guides_style():
    assert keras_code(mnist()) == (
        "import keras\n"
        "from keras import layers\n\n"
        'inputs = keras.Input(shape=(784,), name="input_layer")\n'
        'x = layers.Dense(64, activation="relu", name="dense")(inputs)\n'
        'x = layers.Dense(64, activation="relu", name="dense_1")(x)\n'
        'outputs = layers.Dense(10, name="dense_2")(x)\n\n'
        'model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")\n'
    )


def test_every_example_parses_and_names_every_layer():
    for make in EXAMPLES.values():
        graph = make().graph
        code = keras_code(graph)
        ast.parse(code)
        for name in graph.layers:
            assert f'name="{name}"' in code


def test_shared_layer_is_created_once_and_called_twice():
    graph = EXAMPLES["shared_layer"]().graph
    code = keras_code(graph)
    assert code.count("layers.Dense(32") == 1
    assert code.count("shared_encoder(") == 2
    assert "inputs=[left, right]" in code
