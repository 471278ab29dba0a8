"""Checks against real Keras 3, run where keras is importable (it is not a dependency).

python -m venv kvenv && kvenv/bin/pip install torch==2.13.0 keras -e ".[test]"
KERAS_BACKEND=torch kvenv/bin/python -m pytest tests/graph_core/test_keras_crosscheck.py
"""

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph_core.examples import EXAMPLES, build
from graph_core.io.script_export import keras_script, weights_dict
from graph_core.summary import summary_text
from tests.random_graphs import (
    assert_keras_summary,
    graph_calling_its_own_model,
    random_graph,
    random_nested_graph,
)

pytestmark = pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")

CASES = (
    [("example", name) for name in EXAMPLES]
    + [("random", seed) for seed in range(40)]
    + [("nested", seed) for seed in range(16)]
    + [("calls", seed) for seed in range(10)]
)


def _graph(kind: str, key):  # type: ignore[no-untyped-def]
    if kind == "example":
        return build(key).graph
    if kind == "calls":
        return graph_calling_its_own_model(key)
    return random_graph(key) if kind == "random" else random_nested_graph(key)


def _read_back(model, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The graph of a Keras model read from the ``.keras`` Keras saves, after checking that its JSON config reads as
    the same layers and that Keras prints the graph's summary."""
    from graph_core.io.keras_format import load_keras, load_keras_json

    model.save(tmp_path / "keras.keras")
    (tmp_path / "model.json").write_text(model.to_json())
    graph = load_keras(tmp_path / "keras.keras").graph
    configs = {name: layer.config for name, layer in graph.layers.items()}
    assert {n: layer.config for n, layer in load_keras_json(tmp_path / "model.json").graph.layers.items()} == configs
    monkeypatch.setenv("COLUMNS", "200")
    assert_keras_summary(model, graph)
    return graph


@pytest.mark.parametrize(("kind", "key"), CASES)
def test_summary_is_what_keras_prints(monkeypatch, kind, key):
    monkeypatch.setenv("COLUMNS", "200")  # Keras narrows its table to the terminal; ours is always full width
    graph = _graph(kind, key)
    namespace: dict = {"__name__": "exported", "__file__": os.devnull}
    exec(keras_script(graph), namespace)
    assert_keras_summary(namespace["model"], graph)


@pytest.mark.parametrize("key", [*range(16), "nested_autoencoder", "ensemble"])
def test_expanded_summary_is_what_keras_prints(monkeypatch, key):
    monkeypatch.setenv("COLUMNS", "200")
    graph = _graph("nested", key) if isinstance(key, int) else build(key).graph
    namespace: dict = {"__name__": "exported", "__file__": os.devnull}
    exec(keras_script(graph), namespace)
    assert_keras_summary(namespace["model"], graph, expand_nested=True)


@pytest.mark.parametrize(("kind", "key"), CASES)
def test_keras_loads_our_keras_files_and_predicts_the_same(tmp_path, kind, key):
    import keras

    from graph_core.io.files import Project
    from graph_core.io.keras_format import save_keras
    from tests.random_graphs import assert_matches_reference, keras_predict, random_inputs

    graph = _graph(kind, key)
    save_keras(Project(graph), tmp_path / "m.keras")
    model = keras.models.load_model(tmp_path / "m.keras")
    inputs = random_inputs(graph, batch=5)
    assert_matches_reference(graph, inputs, keras_predict(model, inputs))
    if kind == "calls":  # Keras made one object of each layer the called model shares with the graph
        outer = {layer.name: layer for layer in model.layers}
        inner = model.get_layer("part").layers
        assert any(layer.name in outer for layer in inner)
        assert all(layer is outer[layer.name] for layer in inner if layer.name in outer)


@pytest.mark.parametrize(("kind", "key"), CASES)
def test_we_load_what_keras_saves(tmp_path, kind, key):
    import numpy as np

    from graph_core.io.keras_format import load_keras
    from graph_core.model import output_names
    from graph_core.reference import forward
    from tests.random_graphs import random_inputs

    graph = _graph(kind, key)
    namespace: dict = {"__name__": "exported", "__file__": os.devnull}
    exec(keras_script(graph), namespace)
    model = namespace["model"]
    namespace["set_weights"](model, weights_dict(graph))  # give Keras's model our weights, then let Keras save it
    model.save(tmp_path / "k.keras")
    loaded = load_keras(tmp_path / "k.keras").graph
    assert summary_text(loaded) == summary_text(graph)
    inputs = random_inputs(graph, batch=5)
    expected = forward(graph, inputs)
    got = forward(loaded, inputs)
    for name in output_names(graph):
        np.testing.assert_allclose(got[name], expected[name], rtol=1e-6, atol=1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 5000), kind=st.sampled_from(["random", "nested", "calls"]))
def test_random_keras_models_round_trip_through_layerwire(tmp_path, seed, kind):
    """Keras → Layerwire → Keras: a model Keras built and saved (unused inputs, shared layers, models nested
    twice and called twice, with several outputs, a model of the outer model's own layers called as a layer)
    comes back from our file to Keras predicting the same."""
    import keras
    import numpy as np

    from graph_core.io.files import Project
    from graph_core.io.keras_format import load_keras, save_keras
    from tests.random_graphs import assert_matches_reference, keras_predict, random_inputs

    graph = _graph(kind, seed)
    assume(not (keras.backend.backend() == "torch" and _uneven_same_average_pooling(graph)))
    namespace: dict = {"__name__": "exported", "__file__": os.devnull}
    exec(keras_script(graph), namespace)
    model = namespace["model"]
    namespace["set_weights"](model, weights_dict(graph))
    model.save(tmp_path / "keras.keras")
    ours = load_keras(tmp_path / "keras.keras").graph
    save_keras(Project(ours), tmp_path / "layerwire.keras")
    again = keras.models.load_model(tmp_path / "layerwire.keras")
    inputs = random_inputs(ours, batch=3, seed=seed)
    # We read Keras's file as the model Keras built, and Keras reads ours as it reads its own. Keras's own reload is
    # not always the model it saved where a model of the outer model's layers is called as a layer: rebuilding it
    # can shift a shared layer's call numbers, and a layer listed after the call loses its shared mark (Keras then
    # cannot load the file; it loads ours, which marks both places, as the model it saved).
    assert_matches_reference(ours, inputs, keras_predict(model, inputs))
    try:
        theirs = keras.models.load_model(tmp_path / "keras.keras")
    except ValueError:
        assert kind == "calls"
        theirs = model
    for got, expected in zip(keras_predict(again, inputs), keras_predict(theirs, inputs), strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)
    if kind != "calls":
        for got, expected in zip(keras_predict(again, inputs), keras_predict(model, inputs), strict=True):
            np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)


def _uneven_same_average_pooling(graph) -> bool:  # type: ignore[no-untyped-def]
    """Average pooling with ``padding="same"`` padding one side more than the other: Keras's torch backend
    averages the padded window differently from its TensorFlow and JAX backends (5 rows, pool 3: the last
    window of 3, 4 and the pad gives 3.67 there, 3.5 in TensorFlow, JAX and Layerwire)."""
    analysis = graph.analysis()
    for n in graph.nodes:
        layer = graph.layer_of(n)
        if not layer.type.startswith("AveragePooling") or layer.config["padding"] != "same":
            continue
        (shape,) = [analysis.shapes[s] for s in graph.sources_of(n)]
        pool = layer.config["pool_size"]
        strides = layer.config["strides"] or pool
        for size, p, s in zip(shape[1:-1], pool, strides):
            out = -(-size // s)
            if max(0, (out - 1) * s + p - size) % 2:
                return True
    return False


def test_keras_wrappers_come_through_layerwire_and_back(tmp_path, monkeypatch):
    """Bidirectional (each wrapped type and merge mode, sequences or not) and TimeDistributed(Dense), built and
    saved by Keras: we read the file (and the JSON config) as the model Keras built, print its summary, predict
    what Keras predicts, and Keras reads our file as it reads its own."""
    import keras
    import numpy as np
    from keras import layers

    from graph_core.io.files import Project
    from graph_core.io.keras_format import save_keras
    from tests.random_graphs import assert_matches_reference

    inputs = keras.Input(shape=(None, 3), name="x")
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(inputs)
    x = layers.Bidirectional(layers.GRU(3, return_sequences=True, activation="relu"), merge_mode="mul")(x)
    x = layers.TimeDistributed(layers.Dense(2, activation="tanh"))(x)
    tagged = layers.TimeDistributed(layers.Dense(3, activation="softmax"), name="tags")(x)
    last = layers.Bidirectional(layers.SimpleRNN(2, use_bias=False), merge_mode="ave")(x)
    summed = layers.Bidirectional(layers.LSTM(2, unit_forget_bias=False), merge_mode="sum")(x)
    model = keras.Model(inputs, [tagged, layers.Concatenate()([last, summed])], name="wrapped")
    rng = np.random.default_rng(0)
    model.set_weights([rng.normal(0, 0.5, w.shape).astype(np.float32) for w in model.get_weights()])
    graph = _read_back(model, tmp_path, monkeypatch)
    for steps in (1, 7):  # a sequence of any length
        data = rng.normal(size=(4, steps, 3)).astype(np.float32)
        assert_matches_reference(graph, {"x": data}, [np.asarray(y) for y in model.predict(data, verbose=0)])
    save_keras(Project(graph), tmp_path / "layerwire.keras")
    again = keras.models.load_model(tmp_path / "layerwire.keras")
    for got, want in zip(again.predict(data, verbose=0), model.predict(data, verbose=0), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)


def test_keras_states_come_through_layerwire_and_back(tmp_path, monkeypatch):
    """An encoder–decoder as the Keras guide writes it (``return_state``, ``initial_state``), saved by Keras: we read
    the file and the JSON config as the model Keras built, print its summary, predict what Keras predicts, and Keras
    reads our file as it reads its own; a Bidirectional giving its states is refused with the reason."""
    import keras
    import numpy as np
    from keras import layers

    from graph_core.errors import FileFormatError
    from graph_core.io.files import Project
    from graph_core.io.keras_format import load_keras, save_keras
    from tests.random_graphs import assert_matches_reference

    source, target = keras.Input(shape=(5, 3), name="source"), keras.Input(shape=(4, 2), name="target")
    _, state_h, state_c = layers.LSTM(4, return_state=True, go_backwards=True, name="encoder")(source)
    decoded, h = layers.GRU(4, return_sequences=True, return_state=True, name="decoder")(target, initial_state=state_h)
    seq = layers.LSTM(4, return_sequences=True, name="again")(decoded, initial_state=[h, state_c])
    last, rnn_h = layers.SimpleRNN(3, return_state=True, name="rnn")(seq)
    model = keras.Model([source, target], [layers.Dense(2, name="next")(seq), last, rnn_h], name="translator")
    rng = np.random.default_rng(0)
    model.set_weights([rng.normal(0, 0.5, w.shape).astype(np.float32) for w in model.get_weights()])
    graph = _read_back(model, tmp_path, monkeypatch)
    data = [rng.normal(size=(3, 5, 3)).astype(np.float32), rng.normal(size=(3, 4, 2)).astype(np.float32)]
    want = [np.asarray(y) for y in model.predict(data, verbose=0)]
    assert_matches_reference(graph, {"source": data[0], "target": data[1]}, want)
    save_keras(Project(graph), tmp_path / "layerwire.keras")
    again = keras.models.load_model(tmp_path / "layerwire.keras")
    for got, expected in zip(again.predict(data, verbose=0), want, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)

    x = keras.Input(shape=(5, 3))
    both = keras.Model(x, layers.Bidirectional(layers.LSTM(2, return_state=True), name="both")(x))
    both.save(tmp_path / "both.keras")
    with pytest.raises(FileFormatError, match="the layer gives its states"):
        load_keras(tmp_path / "both.keras")
