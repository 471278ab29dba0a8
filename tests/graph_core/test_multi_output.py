"""Nodes with several outputs: a nested model that returns two values, wired output by output."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from graph_core import edits, reference
from graph_core.builder import ModelBuilder
from graph_core.errors import ConnectionRefused, FileFormatError
from graph_core.graph import Graph, Wire
from graph_core.grouping import dissolve_edit, group_edit
from graph_core.io import files, keras_format
from graph_core.io.codegen import keras_code
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.model import ensure_weights, output_names
from graph_core.nesting import find_layer, inline
from graph_core.settings import TrainingSettings
from graph_core.summary import summary_rows
from kernels.datasets import Dataset
from kernels.executor import predict
from kernels.training import Trainer
from tests.random_graphs import random_inputs


def two_heads() -> Graph:
    """The model the guide's ticket example would nest: one trunk, two heads of different widths."""
    b = ModelBuilder("heads")
    trunk = b.add("Dense", b.input((4,), name="a"), units=3, activation="tanh", name="trunk")
    b.outputs(b.add("Dense", trunk, units=2, name="small"), b.add("Dense", trunk, units=5, name="wide"))
    return b.done()


def outer() -> Graph:
    """``p, q = heads(x)``; the model gives ``concatenate([p, q])`` and ``q``."""
    b = ModelBuilder("outer")
    call = b.add("Functional", b.input((4,), name="x"), name="heads", model=two_heads())
    both = b.add("Concatenate", (call, 0), (call, 1))
    b.outputs(both, (call, 1))
    graph = b.done()
    ensure_weights(graph, seed=4)
    return graph


def test_a_model_with_two_outputs_called_as_a_layer_gives_two_values():
    graph = outer()
    analysis = graph.analysis()
    assert analysis.valid, analysis.problems
    (call,) = graph.nodes_of_layer("heads")
    (both,) = graph.nodes_of_layer("concatenate")
    assert graph.output_count(call) == 2
    assert analysis.out_shapes[call] == ((None, 2), (None, 5))
    assert analysis.shapes[both] == (None, 7)
    assert graph.values_into(both) == [(call, 0), (call, 1)]
    assert analysis.output_values == ((both, 0), (call, 1))
    assert output_names(graph) == ["concatenate", "heads"]
    rows = {r.layer: r for r in summary_rows(graph)[0]}
    assert rows["heads"].output_shape == "[(None, 2), (None, 5)]"  # as Keras prints a layer with two outputs
    assert rows["concatenate"].connected_to == "heads[0][0], heads[0][1]"

    xs = random_inputs(graph, batch=6)
    expected = reference.forward(graph, xs)
    trunk = np.tanh(xs["x"] @ find_layer(graph, "heads/trunk").weights["kernel"])  # bias starts at zero
    wide = trunk @ find_layer(graph, "heads/wide").weights["kernel"]
    np.testing.assert_allclose(expected["heads"], wide, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(expected["concatenate"][:, 2:], wide, rtol=1e-5, atol=1e-6)
    flat = reference.forward(inline(graph), xs)  # its outputs are the nested layers': concatenate, heads/wide
    got = predict(graph, xs)
    for name, flat_value in zip(expected, flat.values(), strict=True):
        np.testing.assert_array_equal(flat_value, expected[name])
        np.testing.assert_allclose(got[name], expected[name], rtol=1e-5, atol=1e-6)


def test_a_wire_from_an_output_the_node_lacks_is_refused_and_a_lost_output_is_a_problem():
    graph = outer()
    (call,) = graph.nodes_of_layer("heads")
    dense = edits.AddNode("Dense", {"units": 1})
    dense.apply(graph)
    with pytest.raises(ConnectionRefused, match="heads gives 2 outputs; it has no output 2"):
        graph.add_wire(Wire(call, dense.node_id, 0, 2))
    edits.Connect(call, dense.node_id, 0, 1).apply(graph)
    assert graph.analysis().shapes[dense.node_id] == (None, 1)

    inner = graph.layers["heads"].inner
    inner.set_outputs(inner.analysis().outputs[:1])  # the nested model now gives one value
    problems = [p.message for p in graph.analysis().problems]
    assert "concatenate reads output 1 of heads, which gives 1" in problems
    assert "the model's output is output 1 of heads, which gives 1" in problems


def test_project_files_keep_which_output_each_wire_reads(tmp_path):
    graph = outer()
    files.save(Project(graph), tmp_path / "m.lwire")
    document = json.loads((tmp_path / "m.lwire").read_text())
    (call,) = graph.nodes_of_layer("heads")
    assert {"src": call, "dst": graph.nodes_of_layer("concatenate")[0], "port": 1, "out": 1} in document["model"][
        "wires"
    ]
    (both,) = graph.nodes_of_layer("concatenate")
    assert document["model"]["outputs"] == [both, [call, 1]]  # a value other than a node's first: [node, output]
    loaded = files.load(tmp_path / "m.lwire").graph
    assert loaded.structure() == graph.structure()
    assert loaded.analysis().output_values == graph.analysis().output_values


def test_keras_files_name_each_output_by_its_tensor_index(tmp_path):
    graph = outer()
    keras_format.save_keras(Project(graph), tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as zf:
        config = json.loads(zf.read("config.json"))
    entries = {e["name"]: e for e in config["config"]["layers"]}
    (call,) = entries["concatenate"]["inbound_nodes"]
    assert [t["config"]["keras_history"] for t in call["args"][0]] == [["heads", 0, 0], ["heads", 0, 1]]
    assert [t["config"]["shape"] for t in call["args"][0]] == [[None, 2], [None, 5]]
    assert config["config"]["output_layers"] == [["concatenate", 0, 0], ["heads", 1, 1]]
    assert entries["heads"]["config"]["output_layers"] == [["small", 0, 0], ["wide", 0, 0]]
    loaded = keras_format.load_keras(tmp_path / "m.keras").graph
    assert model_config(loaded) == model_config(graph)
    xs = random_inputs(graph)
    expected, got = reference.forward(graph, xs), reference.forward(loaded, xs)
    for name in expected:
        np.testing.assert_array_equal(got[name], expected[name])


@pytest.mark.parametrize(
    ("where", "index", "message"),
    [
        ("inbound", 2, "heads gives 2 outputs; it has no output 2"),
        ("output", 3, "heads gives 2 outputs; it has no output 3"),
        ("inbound", -1, r"\[layer, node index, tensor index\]"),
    ],
)
def test_a_keras_config_reading_a_tensor_the_layer_lacks_is_refused_with_the_reason(where, index, message):
    config = model_config(outer())
    if where == "inbound":
        (layer,) = [e for e in config["config"]["layers"] if e["name"] == "concatenate"]
        layer["inbound_nodes"][0]["args"][0][1]["config"]["keras_history"][2] = index
    else:
        config["config"]["output_layers"][1][2] = index
    with pytest.raises(FileFormatError, match=message):
        read_model_config(config)


def test_the_keras_code_reads_a_models_outputs_by_index():
    code = keras_code(outer())
    assert 'heads = keras.Model(inputs=inputs, outputs=[small, wide], name="heads")' in code
    assert "heads_of_inputs = heads(inputs)" in code
    assert 'layers.Concatenate(name="concatenate")([heads_of_inputs[0], heads_of_inputs[1]])' in code
    assert "outputs=[concatenate, heads_of_inputs[1]]" in code


def test_training_on_a_nested_models_two_outputs_matches_the_model_inlined():
    graph = outer()
    flat = inline(graph.copy())
    rng = np.random.default_rng(1)
    x = rng.normal(size=(48, 4)).astype(np.float32)
    y = [rng.normal(size=(48, 7)).astype(np.float32), rng.normal(size=(48, 5)).astype(np.float32)]
    logs = []
    for g, second in ((graph, "heads"), (flat, "heads/wide")):  # the inlined model names its output by path
        settings = TrainingSettings(epochs=2, batch_size=16, optimizer="adam", loss="mse", shuffle=False,
                                    loss_weights={"concatenate": 1.0, second: 0.2})  # fmt: skip
        trainer = Trainer(g, settings, Dataset({"x": x}, {"concatenate": y[0], second: y[1]}))
        logs.append(trainer.fit().epochs[-1])
        trainer.apply_weights()
    assert sorted(logs[0]) == ["concatenate_loss", "concatenate_mae", "heads_loss", "heads_mae", "loss"]
    assert logs[0]["loss"] == pytest.approx(logs[1]["loss"], rel=1e-5)
    assert logs[0]["heads_loss"] == pytest.approx(logs[1]["heads/wide_loss"], rel=1e-5)
    for path in ("heads/trunk", "heads/small", "heads/wide"):
        for key, value in flat.layers[path].weights.items():
            np.testing.assert_allclose(find_layer(graph, path).weights[key], value, rtol=1e-5, atol=1e-6)
    assert not np.allclose(find_layer(graph, "heads/wide").weights["kernel"],
                           find_layer(outer(), "heads/wide").weights["kernel"])  # fmt: skip


def test_grouping_a_selection_read_in_two_places_makes_a_model_with_two_outputs_and_dissolving_undoes_it():
    b = ModelBuilder("net")
    x = b.input((6,), name="x")
    h = b.add("Dense", x, units=5, activation="relu", name="h")
    p = b.add("Dense", h, units=3, name="p")
    q = b.add("Dense", h, units=4, name="q")
    b.outputs(b.add("Dense", p, units=2, name="out"), q)
    graph = b.done()
    ensure_weights(graph, seed=5)
    xs = random_inputs(graph)
    before, structure = reference.forward(graph, xs), graph.structure()

    group = group_edit(graph, [h, p, q], name="block")
    group.apply(graph)
    (block,) = graph.nodes_of_layer("block")
    inner = graph.layers["block"].inner
    assert [inner.nodes[n].layer for n in inner.analysis().outputs] == ["p", "q"]
    assert graph.output_count(block) == 2
    (out,) = graph.nodes_of_layer("out")
    assert graph.values_into(out) == [(block, 0)]
    assert graph.analysis().output_values == ((out, 0), (block, 1))
    after = reference.forward(graph, xs)
    np.testing.assert_array_equal(after["out"], before["out"])
    np.testing.assert_array_equal(after["block"], before["q"])

    dissolve = dissolve_edit(graph, block)
    dissolve.apply(graph)
    assert [graph.nodes[n].layer for n in graph.analysis().outputs] == ["out", "q"]
    np.testing.assert_array_equal(reference.forward(graph, xs)["q"], before["q"])
    dissolve.revert(graph)
    group.revert(graph)
    assert graph.structure() == structure
