"""Models called as layers (Keras's nested ``Functional``): shapes, summary, running, training and files."""

from __future__ import annotations

import io
import json
import zipfile

import h5py
import numpy as np
import pytest

from graph_core import reference
from graph_core.builder import ModelBuilder
from graph_core.errors import FileFormatError
from graph_core.graph import Graph
from graph_core.io import files, keras_format
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.model import ensure_weights, param_counts
from graph_core.nesting import find_layer, inline
from graph_core.settings import TrainingSettings
from graph_core.summary import summary_rows, summary_text
from kernels.datasets import Dataset
from kernels.executor import predict
from kernels.training import Trainer
from tests.random_graphs import random_inputs, random_nested_graph


def encoder() -> Graph:
    b = ModelBuilder("encoder")
    x = b.add("Dense", b.input((8,), name="original"), units=4, activation="relu")
    b.add("Dense", x, units=3)
    return b.done()


def decoder() -> Graph:
    b = ModelBuilder("decoder")
    b.add("Dense", b.input((3,), name="encoded"), units=8)
    return b.done()


def autoencoder() -> Graph:
    """The encoder called twice (on the image and on a Dense of it), the sum decoded."""
    b = ModelBuilder("auto")
    img = b.input((8,), name="img")
    first = b.add("Functional", img, name="encoder", model=encoder())
    second = b.call("encoder", b.add("Dense", img, units=8, name="pre"))
    b.add("Functional", b.add("Add", first, second), name="decoder", model=decoder())
    graph = b.done()
    ensure_weights(graph, seed=3)
    return graph


def test_a_model_called_as_a_layer_has_the_models_output_shape_and_parameters():
    graph = autoencoder()
    analysis = graph.analysis()
    assert analysis.valid
    (out,) = analysis.outputs
    assert analysis.shapes[out] == (None, 8)
    rows = {r.layer: r for r in summary_rows(graph)[0]}
    assert (rows["encoder"].type, rows["encoder"].params, rows["encoder"].connected_to) == (
        "Functional", "51", "img[0][0], pre[0][0]"
    )  # fmt: skip
    assert rows["decoder"].params == "32"
    assert param_counts(graph).total == 72 + 51 + 32  # the encoder counted once, though called twice
    assert " Total params: 155 (620.00 B)" in summary_text(graph)


def test_the_kernels_compute_what_the_reference_computes_for_nested_models():
    for seed in range(6):
        graph = random_nested_graph(seed)
        xs = random_inputs(graph, batch=5)
        expected, got = reference.forward(graph, xs), predict(graph, xs)
        for name in expected:
            np.testing.assert_allclose(got[name], expected[name], rtol=1e-5, atol=1e-6)


def _flat_twin(graph: Graph) -> Graph:
    """The autoencoder built by hand with shared layers instead of nested models, with the same weights."""
    b = ModelBuilder("flat")
    img = b.input((8,), name="img")

    def enc(x: int, first: bool) -> int:
        if first:
            x = b.add("Dense", x, units=4, activation="relu", name="e1")
            return b.add("Dense", x, units=3, name="e2")
        return b.call("e2", b.call("e1", x))

    s = b.add("Add", enc(img, True), enc(b.add("Dense", img, units=8, name="pre"), False))
    b.add("Dense", s, units=8, name="d")
    flat = b.done()
    for ours, path in (("e1", "encoder/dense"), ("e2", "encoder/dense_1"), ("pre", "pre"), ("d", "decoder/dense")):
        flat.set_weights(ours, {k: v.copy() for k, v in find_layer(graph, path).weights.items()})
    return flat


def test_training_a_model_called_twice_adds_up_its_gradients_like_a_shared_layer():
    graph = autoencoder()
    flat = _flat_twin(graph)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 8)).astype(np.float32), rng.normal(size=(64, 8)).astype(np.float32)
    settings = TrainingSettings(epochs=2, batch_size=16, optimizer="adam", loss="mse", shuffle=False)
    for g, output in ((graph, "decoder"), (flat, "d")):
        trainer = Trainer(g, settings, Dataset({"img": x}, {output: y}))
        trainer.fit()
        trainer.apply_weights()
    for ours, path in (("e1", "encoder/dense"), ("e2", "encoder/dense_1"), ("pre", "pre"), ("d", "decoder/dense")):
        for key, value in flat.layers[ours].weights.items():
            np.testing.assert_allclose(find_layer(graph, path).weights[key], value, rtol=1e-5, atol=1e-6)
    assert not np.allclose(find_layer(graph, "encoder/dense").weights["kernel"], autoencoder().layers["encoder"]
                           .inner.layers["dense"].weights["kernel"])  # fmt: skip


def test_inlining_names_nested_layers_by_path_and_keeps_the_outputs():
    flat = inline(autoencoder())
    assert sorted(flat.layers) == ["add", "decoder/dense", "encoder/dense", "encoder/dense_1", "img", "pre"]
    assert len(flat.nodes_of_layer("encoder/dense")) == 2  # a model called twice: its layers are shared
    (out,) = flat.analysis().outputs
    assert flat.nodes[out].layer == "decoder/dense"


def test_keras_files_hold_nested_models_in_keras_layout_and_read_back_the_same(tmp_path):
    graph = autoencoder()
    keras_format.save_keras(Project(graph), tmp_path / "auto.keras")
    with zipfile.ZipFile(tmp_path / "auto.keras") as zf:
        config = json.loads(zf.read("config.json"))
        weights = zf.read("model.weights.h5")
    entries = {e["name"]: e for e in config["config"]["layers"]}
    assert entries["encoder"]["class_name"] == "Functional"
    assert [e["name"] for e in entries["encoder"]["config"]["layers"]] == ["original", "dense", "dense_1"]
    assert [n["args"][0]["config"]["keras_history"] for n in entries["encoder"]["inbound_nodes"]] == [
        ["img", 0, 0], ["pre", 0, 0]
    ]  # fmt: skip
    assert config["config"]["output_layers"] == ["decoder", 1, 0]  # Keras counts a model's calls from 1 here
    with h5py.File(io.BytesIO(weights)) as h5:
        np.testing.assert_array_equal(
            h5["layers/functional/layers/dense_1/vars/0"][()], find_layer(graph, "encoder/dense_1").weights["kernel"]
        )
        assert h5["layers/functional_1/vars"].attrs["name"] == "decoder"
    loaded = keras_format.load_keras(tmp_path / "auto.keras").graph
    assert summary_text(loaded) == summary_text(graph)
    xs = random_inputs(graph)
    np.testing.assert_array_equal(reference.forward(loaded, xs)["decoder"], reference.forward(graph, xs)["decoder"])
    assert model_config(loaded) == model_config(graph)


@pytest.mark.parametrize("seed", range(8))
def test_random_nested_models_round_trip_through_keras_and_layerwire_files(tmp_path, seed):
    graph = random_nested_graph(seed)
    xs = random_inputs(graph)
    keras_format.save_keras(Project(graph), tmp_path / "m.keras")
    files.save(Project(graph), tmp_path / "m.lwire")
    for loaded in (keras_format.load_keras(tmp_path / "m.keras").graph, files.load(tmp_path / "m.lwire").graph):
        assert summary_text(loaded) == summary_text(graph)
        expected, got = reference.forward(graph, xs), reference.forward(loaded, xs)
        for name in expected:
            np.testing.assert_array_equal(got[name], expected[name])
    assert files.load(tmp_path / "m.lwire").graph.structure() == graph.structure()


def test_a_nested_model_edited_later_changes_the_outer_models_shapes():
    graph = autoencoder()
    inner = graph.layers["decoder"].inner
    inner.set_config("dense", {**inner.layers["dense"].config, "units": 5})
    (out,) = graph.analysis().outputs
    assert graph.analysis().shapes[out] == (None, 5)


# --------------------------------------------------------------------------- bad input


def test_a_model_that_calls_itself_is_a_problem_not_a_hang():
    outer = ModelBuilder("outer")
    x = outer.input((3,), name="x")
    middle = ModelBuilder("middle")
    y = middle.input((3,), name="y")
    middle.add("Functional", y, name="outer", model=outer.graph)
    outer.add("Functional", x, name="middle", model=middle.graph)
    problems = [p.message for p in outer.graph.analysis().problems]
    assert problems and "the model outer calls itself: outer → middle → outer" in problems[0]


def test_a_nested_model_with_an_input_left_unwired_says_which_it_misses():
    b = ModelBuilder("two")
    b.add("Add", b.input((3,), name="p"), b.input((3,), name="q"))
    inner = b.done()
    outer = ModelBuilder("outer")
    outer.add("Functional", outer.input((3,), name="x"), name="two", model=inner)
    (problem,) = outer.graph.analysis().problems
    assert problem.message == "two: the model two takes 2 inputs (p, q); 1 wired"


def test_a_nested_model_fed_the_wrong_shape_names_the_input():
    outer = ModelBuilder("outer")
    outer.add("Functional", outer.input((5,), name="x"), name="encoder", model=encoder())
    (problem,) = outer.graph.analysis().problems
    assert problem.message == "encoder: the model encoder's input original takes (None, 8); it gets (None, 5)"


def _keras_config(graph: Graph) -> dict:
    return json.loads(json.dumps(model_config(graph)))


def test_a_keras_file_with_two_layers_of_one_name_beside_a_nested_model_is_refused():
    config = _keras_config(autoencoder())
    for entry in config["config"]["layers"]:
        if entry["name"] == "pre":
            entry["name"] = entry["config"]["name"] = "encoder"
    with pytest.raises(FileFormatError, match="two layers are named 'encoder'"):
        read_model_config(config)


def test_a_damaged_nested_model_in_a_keras_file_is_named_in_the_message():
    config = _keras_config(autoencoder())
    for entry in config["config"]["layers"]:
        if entry["name"] == "decoder":
            entry["config"]["layers"][1]["class_name"] = "Conv3D"
    with pytest.raises(FileFormatError, match="Conv3D"):
        read_model_config(config)
    config = _keras_config(autoencoder())
    for entry in config["config"]["layers"]:
        if entry["name"] == "encoder":
            entry["config"]["output_layers"] = ["nothing", 0, 0]
    with pytest.raises(FileFormatError, match="model 'encoder'.*'nothing'"):
        read_model_config(config)


def test_a_damaged_nested_model_in_a_project_file_is_refused_and_names_the_layer(tmp_path):
    data = files.project_to_dict(Project(autoencoder()))
    for entry in data["model"]["layers"]:
        if entry["name"] == "decoder":
            entry["config"]["model"]["name"] = "other"
    (tmp_path / "bad.lwire").write_text(json.dumps(data))
    with pytest.raises(FileFormatError, match="the model is named 'other', its layer 'decoder'"):
        files.load(tmp_path / "bad.lwire")


def test_the_diagram_draws_a_nested_model_as_one_box_or_framed_layers():
    from graph_core.io.diagram import to_svg

    graph = random_nested_graph(1)  # outer → middle → inner, middle called twice
    plain = to_svg(graph)
    assert "middle (Functional)" in plain and "middle/dense" not in plain
    expanded = to_svg(graph, expand_nested=True)
    assert "middle/dense (Dense)" in expanded and "Shared: called 2 times" in expanded
    assert expanded.count('stroke-dasharray="6 4"') == 2  # a frame for middle, one inside it for inner
    assert ">middle (Functional)</text>" in expanded and ">inner (Functional)</text>" in expanded


def test_the_command_line_summary_and_export_expand_nested_models(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    example = root / "resources" / "examples" / "nested_autoencoder.lwire"
    run = [sys.executable, str(root / "main.py")]
    out = subprocess.run([*run, "summary", "--expand-nested", str(example)], capture_output=True, text=True)
    assert out.returncode == 0 and "│    └ conv2d (Conv2D)" in out.stdout
    done = subprocess.run(
        [*run, "export", str(example), "--format", "svg", "-o", str(tmp_path / "d.svg"), "--expand-nested"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "encoder/conv2d (Conv2D)" in (tmp_path / "d.svg").read_text()


def test_copies_of_one_model_start_with_their_own_weights():
    from graph_core.examples import build

    graph = build("ensemble").graph  # three models of one Dense each, built alike
    kernels = [graph.layers[f"model{i}"].inner.layers["dense"].weights["kernel"] for i in (1, 2, 3)]
    assert not np.array_equal(kernels[0], kernels[1]) and not np.array_equal(kernels[1], kernels[2])


def test_the_keras_code_of_a_model_named_like_its_variables_still_runs_as_python():
    from graph_core.io.codegen import keras_code

    b = ModelBuilder("x")
    b.add("Dense", b.input((3,), name="i"), units=2)
    inner = b.done()
    o = ModelBuilder("outer")
    o.add("Functional", o.input((3,), name="j"), name="x", model=inner)
    code = keras_code(o.done())
    compile(code, "exported", "exec")
    lines = code.splitlines()
    (made,) = [line.split(" = ")[0] for line in lines if 'name="x")' in line and "keras.Model(" in line]
    assert made not in ("x", "inputs", "outputs") and f"outputs = {made}(inputs)" in lines
