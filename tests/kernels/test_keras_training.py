"""Training against real Keras 3 (run where keras is importable; it is not a dependency).

The same model, weights and data, two epochs without shuffling: Keras's ``fit`` and ours end
with the same weights (within 1e-4 relative), for convolution and recurrent models (Bidirectional too, and
layers giving and taking their states) with SGD (momentum) and Adam.

    KERAS_BACKEND=torch kvenv/bin/python -m pytest tests/kernels/test_keras_training.py
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.graph import Graph
from graph_core.io.script_export import keras_script
from graph_core.model import ensure_weights, input_names, output_names
from graph_core.settings import TrainingSettings
from kernels.datasets import Dataset
from kernels.training import Trainer
from tests.random_graphs import sample_input

pytestmark = pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")


def image_model() -> Graph:
    b = ModelBuilder("image")
    x = b.input((8, 8, 2))
    x = b.add("Conv2D", x, filters=4, kernel_size=3, padding="same", activation="relu")
    x = b.add("MaxPooling2D", x, pool_size=2)
    x = b.add("DepthwiseConv2D", x, kernel_size=2, depth_multiplier=2, activation="tanh")
    x = b.add("Conv2DTranspose", x, filters=3, kernel_size=2, strides=2, activation="relu")
    x = b.add("AveragePooling2D", x, pool_size=2)
    x = b.add("Flatten", x)
    b.add("Dense", x, units=5, activation="softmax")
    return b.done()


def sequence_model() -> Graph:
    b = ModelBuilder("sequence")
    x = b.input((12, 3))
    x = b.add("Conv1D", x, filters=4, kernel_size=3, padding="causal", dilation_rate=2, activation="relu")
    x = b.add("SeparableConv2D", b.add("Reshape", x, target_shape=(12, 1, 4)), filters=3, kernel_size=(3, 1),
              activation="tanh")  # fmt: skip
    x = b.add("Reshape", x, target_shape=(10, 3))
    x = b.add("UpSampling1D", x, size=2)
    x = b.add("MaxPooling1D", x, pool_size=3, strides=2, padding="same")
    x = b.add("GlobalAveragePooling1D", x)
    b.add("Dense", x, units=5)
    return b.done()


def text_model() -> Graph:
    """Token ids through an Embedding, an LSTM giving its sequence, a GRU reading it backwards, a SimpleRNN beside."""
    b = ModelBuilder("text")
    ids = b.add("InputLayer", shape=(10,), dtype="int32", name="ids")
    x = b.add("Embedding", ids, input_dim=20, output_dim=6)
    seq = b.add("LSTM", x, units=5, return_sequences=True)
    last = b.add("GRU", seq, units=4, go_backwards=True)
    other = b.add("SimpleRNN", x, units=3, activation="relu")
    b.add("Dense", b.add("Concatenate", last, other), units=5)
    return b.done()


def bidirectional_model() -> Graph:
    """Token ids through an Embedding, an LSTM read both ways giving its sequence, a GRU read both ways summed."""
    b = ModelBuilder("bidirectional")
    ids = b.add("InputLayer", shape=(10,), dtype="int32", name="ids")
    x = b.add("Embedding", ids, input_dim=20, output_dim=6)
    x = b.add("Bidirectional", x, layer="LSTM", units=5, return_sequences=True)
    x = b.add("Bidirectional", x, layer="GRU", units=4, merge_mode="sum")
    b.add("Dense", x, units=5)
    return b.done()


def states_model() -> Graph:
    """An LSTM encoder's final h and c start an LSTM decoder (its output and its c read); a GRU's sequence and
    final state start a SimpleRNN (its final state read)."""
    b = ModelBuilder("states")
    source, target = b.input((6, 3), name="source"), b.input((5, 2), name="target")
    enc = b.add("LSTM", source, units=5, return_state=True, go_backwards=True)
    dec = b.add("LSTM", target, (enc, 1), (enc, 2), units=5, return_state=True)
    gru = b.add("GRU", source, units=4, return_sequences=True, return_state=True)
    rnn = b.add("SimpleRNN", (gru, 0), (gru, 1), units=4, return_state=True)
    b.add("Dense", b.add("Concatenate", (dec, 0), (dec, 2), (rnn, 1)), units=5)
    return b.done()


def unused_input_model() -> Graph:
    """``keras.Model([a, c], f(c))``: Keras takes ``a``'s data and does not use it."""
    b = ModelBuilder("unused_input")
    b.input((4,), name="a")
    x = b.add("Dense", b.input((6,), name="c"), units=8, activation="relu")
    b.add("Dense", x, units=5)
    return b.done()


def _keras_copy(graph: Graph):  # type: ignore[no-untyped-def]
    """The model rebuilt by its exported Keras script, with the graph's weights."""
    namespace: dict = {"__name__": "exported", "__file__": os.devnull}
    exec(keras_script(graph), namespace)
    model = namespace["model"]
    for layer in model.layers:
        if layer.weights:
            layer.set_weights([graph.layers[layer.name].weights[name] for name in _our_names(graph, layer)])
    return model


def _our_names(graph: Graph, layer) -> list[str]:  # type: ignore[no-untyped-def]
    """Our names of the Keras layer's weights, in the order of ``layer.weights`` (a Bidirectional's ``kernel`` of
    its forward layer is our ``forward_kernel``)."""
    specs = graph.analysis().weight_specs[layer.name]
    names = [s.name for s in specs]
    assert len(names) == len(layer.weights) and all(n.endswith(v.name) for n, v in zip(names, layer.weights))
    return names


def _assert_keras_weights(model, trainer: Trainer) -> None:  # type: ignore[no-untyped-def]
    """Every weight of the Keras model equals the trainer's, within 1e-4 relative."""
    for layer in model.layers:
        for name, value in zip(_our_names(trainer.graph, layer), layer.get_weights(), strict=True):
            ours = trainer.weights[layer.name][name]
            np.testing.assert_allclose(ours, value, rtol=1e-4, atol=1e-6, err_msg=f"{layer.name}/{name}")


@pytest.mark.parametrize(
    "build", [image_model, sequence_model, text_model, bidirectional_model, states_model, unused_input_model]
)
@pytest.mark.parametrize(("optimizer", "learning_rate", "momentum"), [("sgd", 0.05, 0.9), ("adam", 0.01, 0.0)])
def test_two_epochs_give_keras_weights(build, optimizer: str, learning_rate: float, momentum: float) -> None:
    import keras

    graph = build()
    ensure_weights(graph, seed=1)
    rng = np.random.default_rng(0)
    analysis = graph.analysis()
    xs = {name: sample_input(graph, n, 64, rng) for n, name in zip(analysis.inputs, input_names(graph), strict=True)}
    y = rng.integers(0, 5, 64)
    logits = graph.layers[output_names(graph)[0]].config["activation"] == "linear"

    model = _keras_copy(graph)
    keras_optimizer = (
        keras.optimizers.SGD(learning_rate, momentum=momentum) if optimizer == "sgd" else keras.optimizers.Adam(
            learning_rate)
    )  # fmt: skip
    model.compile(optimizer=keras_optimizer, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=logits))
    model.fit(list(xs.values()), y, batch_size=16, epochs=2, shuffle=False, verbose=0)

    settings = TrainingSettings(
        optimizer=optimizer, learning_rate=learning_rate, momentum=momentum, batch_size=16, epochs=2, shuffle=False,
        loss="sparse_categorical_crossentropy", from_logits=logits,
    )  # fmt: skip
    trainer = Trainer(graph, settings, Dataset(xs, {output_names(graph)[0]: y}))
    trainer.fit()
    _assert_keras_weights(model, trainer)


def test_loss_weights_and_per_output_logs_as_keras() -> None:
    """The guide's ticket model's compile: a loss and a weight per output name; Keras's weights and logs."""
    import keras

    b = ModelBuilder("tickets")
    x = b.add("Dense", b.input((5,), name="features"), units=6, activation="relu", name="trunk")
    b.add("Dense", x, units=1, name="priority")
    b.add("Dense", x, units=4, name="department")
    graph = b.done()
    ensure_weights(graph, seed=3)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((48, 5)).astype(np.float32)
    ys = {"priority": rng.uniform(0, 1, (48, 1)).astype(np.float32), "department": rng.integers(0, 4, 48)}
    losses = {"priority": "binary_crossentropy", "department": "sparse_categorical_crossentropy"}
    weights = {"priority": 1.0, "department": 0.2}

    model = _keras_copy(graph)
    model.compile(optimizer=keras.optimizers.RMSprop(1e-2),
                  loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True),
                        "department": keras.losses.SparseCategoricalCrossentropy(from_logits=True)},
                  loss_weights=weights)  # fmt: skip
    keras_logs = model.fit(x, ys, batch_size=16, epochs=2, shuffle=False, verbose=0).history

    settings = TrainingSettings(optimizer="rmsprop", learning_rate=1e-2, batch_size=16, epochs=2, shuffle=False,
                                loss=losses, loss_weights=weights, from_logits=True)  # fmt: skip
    trainer = Trainer(graph, settings, Dataset({"features": x}, ys))
    ours = trainer.fit().epochs
    for key in ("loss", "priority_loss", "department_loss"):
        assert [e[key] for e in ours] == pytest.approx(keras_logs[key], rel=1e-4), key
    _assert_keras_weights(model, trainer)


def test_the_guides_ticket_model_trains_to_keras_weights() -> None:
    """The guide's multi-input, multi-output model as the guide trains it: RMSprop, a binary and a categorical
    cross-entropy from logits weighted 1.0 and 0.2, titles of 10 and bodies of 100 token ids (float Inputs)."""
    import keras

    from graph_core.examples import build

    project = build("tickets")
    graph = project.graph
    settings = TrainingSettings.from_dict(project.training)
    rng = np.random.default_rng(4)
    n = 64
    xs = {"title": rng.integers(0, 10000, (n, 10)).astype(np.float32),
          "body": rng.integers(0, 10000, (n, 100)).astype(np.float32),
          "tags": rng.integers(0, 2, (n, 12)).astype(np.float32)}  # fmt: skip
    ys = {"priority": rng.random((n, 1)).astype(np.float32),
          "department": rng.integers(0, 2, (n, 4)).astype(np.float32)}  # fmt: skip

    model = _keras_copy(graph)
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                  loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True),
                        "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
                  loss_weights={"priority": 1.0, "department": 0.2})  # fmt: skip
    keras_logs = model.fit(xs, ys, batch_size=16, epochs=2, shuffle=False, verbose=0).history

    settings = TrainingSettings.from_dict({**settings.to_dict(), "batch_size": 16, "epochs": 2, "shuffle": False})
    trainer = Trainer(graph, settings, Dataset(xs, ys))
    ours = trainer.fit().epochs
    for key in ("loss", "priority_loss", "department_loss"):
        assert [e[key] for e in ours] == pytest.approx(keras_logs[key], rel=1e-4), key
    _assert_keras_weights(model, trainer)
