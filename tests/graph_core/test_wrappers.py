"""Bidirectional and TimeDistributed: shapes and parameter counts with Keras's numbers, what they compute against
the layers they wrap, their Keras configs, weights files and code, and what is refused with which message."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import ConfigError, FileFormatError
from graph_core.graph import Graph
from graph_core.io.codegen import keras_code
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.io.keras_format import keras_bytes
from graph_core.io.keras_h5 import load_keras_h5
from graph_core.layers import get
from graph_core.model import ensure_weights, param_counts
from graph_core.reference import forward
from tests.graph_core.helpers import probe_node, single

ROOT = Path(__file__).resolve().parents[2]


def _model(shape: tuple[int | None, ...], layer_type: str, **config: Any) -> Graph:
    b = ModelBuilder("wrapped")
    b.add(layer_type, b.input(shape, name="x"), name="probe", **config)
    graph = b.done(layout=False)
    ensure_weights(graph, seed=3)
    return graph


def _x(graph: Graph, steps: int = 5, seed: int = 0) -> np.ndarray:
    shape = graph.layers["x"].config["shape"]
    return np.random.default_rng(seed).normal(size=(4, *(steps if d is None else d for d in shape))).astype(np.float32)


# Keras 3.15's model.summary() gives these parameter counts (a Bidirectional: twice its layer's).
@pytest.mark.parametrize(
    ("layer_type", "shape", "config", "out", "params"),
    [
        ("Bidirectional", (5, 3), {"units": 4, "return_sequences": True}, (None, 5, 8), 256),
        ("Bidirectional", (5, 8), {"layer": "GRU", "units": 2, "merge_mode": "sum"}, (None, 2), 144),
        ("Bidirectional", (5, 3), {"layer": "SimpleRNN", "units": 2, "merge_mode": "ave"}, (None, 2), 24),
        ("Bidirectional", (None, 3), {"units": 4, "return_sequences": True, "merge_mode": "mul"}, (None, None, 4), 256),
        ("TimeDistributed", (5, 3), {"units": 3}, (None, 5, 3), 12),
        ("TimeDistributed", (None, 4, 3), {"units": 2, "use_bias": False}, (None, None, 4, 2), 6),
    ],
)
def test_shapes_and_parameters_as_keras_counts_them(layer_type, shape, config, out, params) -> None:
    graph = single(layer_type, shape, **config)
    analysis = graph.analysis()
    node = probe_node(graph)
    assert analysis.node_problems(node) == []
    assert analysis.shapes[node] == out
    assert param_counts(graph).trainable == params


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave"])
@pytest.mark.parametrize("sequences", [False, True])
@pytest.mark.parametrize("kind", ["SimpleRNN", "LSTM", "GRU"])
def test_bidirectional_is_its_layer_and_a_copy_reading_backwards(kind, sequences, merge_mode) -> None:
    graph = _model((5, 3), "Bidirectional", layer=kind, units=3, return_sequences=sequences, merge_mode=merge_mode)
    weights = graph.layers["probe"].weights
    x = _x(graph)
    ys = []
    for direction in ("forward", "backward"):  # the layer alone, with one direction's weights
        one = _model((5, 3), kind, units=3, return_sequences=sequences, go_backwards=direction == "backward")
        one.set_weights("probe", {k.removeprefix(f"{direction}_"): v for k, v in weights.items()
                                  if k.startswith(f"{direction}_")})  # fmt: skip
        ys.append(forward(one, {"x": x})["probe"])
    y, y_rev = ys
    if sequences:  # the copy gave its steps in the order it read them: last first
        y_rev = y_rev[:, ::-1]
    want = {"concat": np.concatenate([y, y_rev], -1), "sum": y + y_rev, "mul": y * y_rev, "ave": (y + y_rev) / 2}
    np.testing.assert_allclose(forward(graph, {"x": x})["probe"], want[merge_mode], rtol=1e-6, atol=1e-7)


def test_time_distributed_is_the_dense_on_every_step() -> None:
    graph = _model((6, 2, 3), "TimeDistributed", units=4, activation="tanh")
    dense = _model((2, 3), "Dense", units=4, activation="tanh")
    dense.set_weights("probe", graph.layers["probe"].weights)
    x = _x(graph)
    want = np.stack([forward(dense, {"x": x[:, t]})["probe"] for t in range(6)], axis=1)
    np.testing.assert_allclose(forward(graph, {"x": x})["probe"], want, rtol=1e-6)


def test_the_keras_file_holds_what_keras_writes() -> None:
    """Config and weight groups as Keras 3.15 saves ``Bidirectional(LSTM(4, return_sequences=True))`` and
    ``TimeDistributed(Dense(3))`` (inner layers named as Keras names them, the copy with go_backwards)."""
    b = ModelBuilder("m")
    x = b.add("Bidirectional", b.input((5, 3), name="x"), units=4, return_sequences=True)
    b.add("TimeDistributed", x, units=3)
    graph = b.done(layout=False)
    with zipfile.ZipFile(io.BytesIO(keras_bytes(Project(graph)))) as z:
        config = json.loads(z.read("config.json"))
        weights = z.read("model.weights.h5")
    bidirectional, distributed = config["config"]["layers"][1:]
    forward_layer, backward_layer = bidirectional["config"]["layer"], bidirectional["config"]["backward_layer"]
    assert bidirectional["config"]["merge_mode"] == "concat" and forward_layer["class_name"] == "LSTM"
    assert [forward_layer["config"]["name"], backward_layer["config"]["name"]] == ["forward_lstm", "backward_lstm"]
    assert [forward_layer["config"]["go_backwards"], backward_layer["config"]["go_backwards"]] == [False, True]
    assert forward_layer["config"]["zero_output_for_mask"] is True  # Keras sets it so when returning sequences
    assert forward_layer["build_config"] == backward_layer["build_config"] == {"input_shape": [None, 5, 3]}
    assert distributed["config"]["layer"]["build_config"] == {"input_shape": [None, 8]}  # one step
    assert bidirectional["inbound_nodes"][0]["kwargs"] == {"mask": None}
    groups: dict[str, Any] = {}

    def note(name: str, node: Any) -> None:  # a dataset's shape, a group's name attribute
        groups[name] = node.shape if isinstance(node, h5py.Dataset) else node.attrs.get("name")

    with h5py.File(io.BytesIO(weights)) as h5:
        h5.visititems(note)
    assert {k: v for k, v in groups.items() if k.startswith("layers/bidirectional")} == {
        "layers/bidirectional": None, "layers/bidirectional/vars": "bidirectional",
        "layers/bidirectional/forward_layer": None, "layers/bidirectional/forward_layer/vars": "forward_lstm",
        "layers/bidirectional/forward_layer/cell": None, "layers/bidirectional/forward_layer/cell/vars": "lstm_cell",
        "layers/bidirectional/forward_layer/cell/vars/0": (3, 16),
        "layers/bidirectional/forward_layer/cell/vars/1": (4, 16),
        "layers/bidirectional/forward_layer/cell/vars/2": (16,),
        "layers/bidirectional/backward_layer": None, "layers/bidirectional/backward_layer/vars": "backward_lstm",
        "layers/bidirectional/backward_layer/cell": None, "layers/bidirectional/backward_layer/cell/vars": "lstm_cell",
        "layers/bidirectional/backward_layer/cell/vars/0": (3, 16),
        "layers/bidirectional/backward_layer/cell/vars/1": (4, 16),
        "layers/bidirectional/backward_layer/cell/vars/2": (16,),
    }  # fmt: skip
    assert groups["layers/time_distributed/layer/vars/0"] == (8, 3)
    assert groups["layers/time_distributed/layer/vars/1"] == (3,)


def test_the_code_wraps_the_layer_as_the_keras_guide_does() -> None:
    b = ModelBuilder("m")
    x = b.add("Bidirectional", b.input((5, 3)), layer="GRU", units=2, return_sequences=True, merge_mode="sum")
    b.add("TimeDistributed", x, units=3, activation="relu")
    code = keras_code(b.done(layout=False))
    assert 'layers.Bidirectional(layers.GRU(2, return_sequences=True), merge_mode="sum", name="bidirectional")' in code
    assert 'layers.TimeDistributed(layers.Dense(3, activation="relu"), name="time_distributed")' in code


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    ("layer_type", "shape", "message"),
    [
        ("Bidirectional", (4,), "Bidirectional needs a sequence (batch, steps, features); got (None, 4)"),
        (
            "TimeDistributed",
            (4,),
            "TimeDistributed needs an input of rank 3 or more (batch, steps, ...); got (None, 4)",
        ),
    ],
)
def test_an_input_that_is_not_a_sequence_is_refused(layer_type, shape, message) -> None:
    graph = single(layer_type, shape)
    assert [str(p) for p in graph.analysis().node_problems(probe_node(graph))] == [f"probe: {message}"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"merge_mode": None},
            "Bidirectional merge_mode must be one of concat, sum, mul, ave. Received: merge_mode=None",
        ),
        ({"layer": "Dense"}, "Bidirectional layer must be one of SimpleRNN, LSTM, GRU. Received: layer='Dense'"),
        ({"go_backwards": True}, "Bidirectional has no setting 'go_backwards'"),
        ({"activation": "softmax"}, "LSTM activation must act on each number; softmax acts on a whole vector"),
    ],
)
def test_settings_it_cannot_have_are_refused(values, message) -> None:
    with pytest.raises(ConfigError) as raised:
        get("Bidirectional").make_config(values)
    assert str(raised.value).startswith(message)


def _entry(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in config["config"]["layers"] if e["name"] == name)


def _refused(change, message: str, layer_type: str = "Bidirectional") -> None:  # type: ignore[no-untyped-def]
    """A model with one ``layer_type`` written as Keras writes it, its config changed by ``change``: refused."""
    graph = single(layer_type, (5, 3), units=4)
    config = json.loads(json.dumps(model_config(graph)))
    change(_entry(config, "probe")["config"])
    with pytest.raises(FileFormatError) as raised:
        read_model_config(config)
    assert message in str(raised.value)


def test_a_keras_file_reads_back_as_it_was_written() -> None:
    graph = single("Bidirectional", (5, 3), layer="GRU", units=4, merge_mode="mul", use_bias=False)
    again = read_model_config(json.loads(json.dumps(model_config(graph)))).graph
    assert again.layers["probe"].config == graph.layers["probe"].config


def test_keras_files_with_what_layerwire_does_not_run_are_refused() -> None:
    _refused(
        lambda c: c.update(merge_mode=None),
        "layer 'probe' (Bidirectional) merge_mode: expected one of concat, sum, mul, ave (Layerwire's "
        "Bidirectional gives one output, the two directions merged; None gives them as two); found None",
    )
    _refused(
        lambda c: c["layer"].update(class_name="Dense"),
        "layer 'probe' (Bidirectional) wraps a Dense; Layerwire's Bidirectional wraps SimpleRNN, LSTM, GRU",
    )
    _refused(
        lambda c: c["backward_layer"]["config"].update(units=3),
        "layer 'probe' (Bidirectional) backward_layer: Layerwire runs the layer's copy reading backwards; this "
        "backward layer's units is 3 where the copy's is 4",
    )
    _refused(
        lambda c: c["backward_layer"]["config"].update(activation="relu"),
        "backward layer's activation is 'relu' where the copy's is 'tanh'",
    )
    _refused(
        lambda c: (
            c["layer"]["config"].update(go_backwards=True),
            c["backward_layer"]["config"].update(go_backwards=False),
        ),
        "layer 'probe' (Bidirectional) layer: the layer reads backwards (go_backwards=true)",
    )
    _refused(
        lambda c: c["layer"]["config"].update(return_state=True),
        "layer 'probe' (Bidirectional) layer: the layer gives its states (return_state=true); Layerwire's "
        "Bidirectional gives one output, the two directions merged, and cannot wire the states of each",
    )
    _refused(
        lambda c: c["layer"].update(registered_name="Custom>LSTM"), "layer 'probe' (Bidirectional) wraps a Custom>LSTM"
    )
    _refused(
        lambda c: c.update(layer=[1, 2]),
        "layer 'probe' (Bidirectional) layer: expected a layer (an object with class_name and config); found [1, 2]",
    )
    _refused(
        lambda c: c["layer"].update(class_name="Conv1D"),
        "layer 'probe' (TimeDistributed) wraps a Conv1D; Layerwire's TimeDistributed wraps Dense",
        layer_type="TimeDistributed",
    )
    _refused(
        lambda c: c["layer"]["config"].update(kernel_regularizer={"class_name": "L2", "config": {}}),
        "layer 'dense' (Dense) kernel_regularizer: expected null (Layerwire has no regularizers)",
        layer_type="TimeDistributed",
    )


def test_a_keras2_file_with_the_wrappers_reads_its_weights(tmp_path: Path) -> None:
    """A Keras 2 ``.h5`` in tf_keras's layout: the Bidirectional's config without a backward_layer (Keras 2 writes
    one only when given one), its weights named ``bidirectional/forward_lstm/lstm_cell/kernel:0``..., the
    TimeDistributed's ``time_distributed/kernel:0``."""
    b = ModelBuilder("model")
    x = b.add("Bidirectional", b.input((5, 3), name="input_1"), units=4, return_sequences=True)
    b.add("TimeDistributed", x, units=2, activation="tanh")
    graph = b.done(layout=False)
    ensure_weights(graph, seed=5)
    keras3 = model_config(graph)["config"]["layers"]
    lstm = {**keras3[1]["config"]["layer"]["config"], "name": "lstm", "time_major": False, "implementation": 2}
    dense = {**keras3[2]["config"]["layer"]["config"], "name": "dense"}
    for cfg in (lstm, dense):
        cfg["dtype"] = "float32"
    config = {"class_name": "Functional", "config": {"name": "model", "layers": [
        {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
         "config": {"batch_input_shape": [None, 5, 3], "dtype": "float32", "sparse": False, "ragged": False,
                    "name": "input_1"}},
        {"class_name": "Bidirectional", "name": "bidirectional", "inbound_nodes": [[["input_1", 0, 0, {}]]],
         "config": {"name": "bidirectional", "trainable": True, "dtype": "float32", "merge_mode": "concat",
                    "layer": {"class_name": "LSTM", "config": lstm}}},
        {"class_name": "TimeDistributed", "name": "time_distributed", "inbound_nodes": [[["bidirectional", 0, 0, {}]]],
         "config": {"name": "time_distributed", "trainable": True, "dtype": "float32",
                    "layer": {"class_name": "Dense", "config": dense}}},
    ], "input_layers": [["input_1", 0, 0]], "output_layers": [["time_distributed", 0, 0]]}}  # fmt: skip
    path = tmp_path / "model.h5"
    with h5py.File(path, "w") as h5:
        h5.attrs["model_config"] = json.dumps(config)
        h5.attrs["keras_version"], h5.attrs["backend"] = "2.21.0", "tensorflow"
        weights = h5.create_group("model_weights")
        names = {"bidirectional": [f"bidirectional/{d}_lstm/lstm_cell/{w}:0" for d in ("forward", "backward")
                                   for w in ("kernel", "recurrent_kernel", "bias")],
                 "time_distributed": ["time_distributed/kernel:0", "time_distributed/bias:0"]}  # fmt: skip
        for layer, listed in names.items():
            group = weights.create_group(layer)
            group.attrs["weight_names"] = [n.encode() for n in listed]
            for full, array in zip(listed, graph.layers[layer].weights.values(), strict=True):
                group.create_dataset(full, data=array)
    loaded = load_keras_h5(path).graph
    assert loaded.layers["bidirectional"].config == graph.layers["bidirectional"].config
    x = np.random.default_rng(1).normal(size=(3, 5, 3)).astype(np.float32)
    np.testing.assert_array_equal(forward(loaded, {"input_1": x})["time_distributed"],
                                  forward(graph, {"input_1": x})["time_distributed"])  # fmt: skip
