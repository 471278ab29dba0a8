"""One of a graph's own models called as a layer: ``encoder(img2)`` where ``encoder`` is made of the graph's layers."""

from __future__ import annotations

import io
import json
import zipfile

import h5py
import numpy as np
import pytest

from graph_core import edits, reference
from graph_core.builder import ModelBuilder
from graph_core.errors import EditError, FileFormatError
from graph_core.graph import Graph, ModelRef
from graph_core.io import files, keras_format
from graph_core.io.codegen import keras_code
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.model import ensure_weights
from graph_core.nesting import inline
from graph_core.settings import TrainingSettings
from graph_core.summary import summary_rows, summary_text
from kernels.datasets import Dataset
from kernels.executor import predict
from kernels.training import Trainer
from tests.random_graphs import random_inputs


def siamese() -> Graph:
    """img → e1 → d, the model ``encoder`` = img → e1, and ``encoder`` called on a second input: img2 → d2."""
    b = ModelBuilder("both")
    e1 = b.add("Dense", b.input((4,), name="img"), units=3, activation="tanh", name="e1")
    b.add("Dense", e1, units=2, name="d")
    b.graph.set_models({"encoder": (e1,)})
    call = b.add("Functional", b.input((4,), name="img2"), name="encoder", model=ModelRef(b.graph, "encoder"))
    b.add("Dense", call, units=2, name="d2")
    graph = b.done()
    ensure_weights(graph, seed=6)
    return graph


def twin() -> Graph:
    """The same model built with e1 as a plain shared layer, and the same weights."""
    b = ModelBuilder("twin")
    img, img2 = b.input((4,), name="img"), b.input((4,), name="img2")
    e1 = b.add("Dense", img, units=3, activation="tanh", name="e1")
    b.add("Dense", e1, units=2, name="d")
    b.add("Dense", b.call("e1", img2), units=2, name="d2")
    graph = b.done()
    for name, layer in siamese().layers.items():
        if name in graph.layers:
            graph.set_weights(name, {k: v.copy() for k, v in layer.weights.items()})
    return graph


def test_the_call_shares_the_graphs_layers_and_counts_their_parameters_once():
    graph = siamese()
    assert graph.layers["encoder"].view == "encoder"
    assert graph.layers["encoder"].inner.layers["e1"] is graph.layers["e1"]
    rows = {r.layer: r for r in summary_rows(graph)[0]}
    assert (rows["encoder"].type, rows["encoder"].params, rows["encoder"].connected_to) == (
        "Functional", "15", "img2[0][0]"
    )  # fmt: skip
    assert " Total params: 31 (124.00 B)" in summary_text(graph)  # e1's 15 once, as Keras counts them
    flat = inline(graph)
    assert sorted(flat.layers) == ["d", "d2", "e1", "img", "img2"] and len(flat.nodes_of_layer("e1")) == 2
    xs = random_inputs(graph, batch=5)
    expected, got = reference.forward(twin(), xs), reference.forward(graph, xs)
    for name in ("d", "d2"):
        np.testing.assert_allclose(got[name], expected[name], rtol=1e-6)
        np.testing.assert_allclose(predict(graph, xs)[name], expected[name], rtol=1e-5, atol=1e-6)


def test_training_the_call_trains_the_graphs_layers_as_a_shared_layer():
    graph, flat = siamese(), twin()
    rng = np.random.default_rng(2)
    xs = {"img": rng.normal(size=(32, 4)).astype(np.float32), "img2": rng.normal(size=(32, 4)).astype(np.float32)}
    ys = {"d": rng.normal(size=(32, 2)).astype(np.float32), "d2": rng.normal(size=(32, 2)).astype(np.float32)}
    settings = TrainingSettings(epochs=2, batch_size=8, optimizer="adam", loss="mse", shuffle=False)
    for g in (graph, flat):
        trainer = Trainer(g, settings, Dataset(xs, ys))
        trainer.fit()
        trainer.apply_weights()
    for name in ("e1", "d", "d2"):
        for key, value in flat.layers[name].weights.items():
            np.testing.assert_allclose(graph.layers[name].weights[key], value, rtol=1e-5, atol=1e-6)
    assert not np.allclose(graph.layers["e1"].weights["kernel"], siamese().layers["e1"].weights["kernel"])


def test_the_call_follows_edits_of_the_graph():
    graph = siamese()
    (d2,) = graph.nodes_of_layer("d2")
    edits.SetConfig("e1", {"units": 5}).apply(graph)
    assert graph.analysis().shapes[graph.nodes_of_layer("encoder")[0]] == (None, 5)
    assert graph.analysis().weight_specs["d2"][0].shape == (5, 2)
    assert graph.analysis().valid and d2 in graph.analysis().outputs


def test_a_called_model_cannot_go_nor_its_layer_be_renamed_and_a_model_calling_itself_is_a_problem():
    graph = siamese()
    with pytest.raises(EditError, match="the model encoder is called by the layer encoder; delete its node first"):
        graph.set_models({})
    with pytest.raises(EditError, match="encoder calls the graph's model encoder; rename the model"):
        graph.rename_layer("encoder", "enc")
    call = edits.AddNode("Functional", {"model": ModelRef(graph, "loop")}, name="loop")
    call.apply(graph)
    edits.Connect(graph.nodes_of_layer("img2")[0], call.node_id, 0).apply(graph)
    assert "loop: the graph has no model 'loop' to call" in [p.message for p in graph.analysis().problems]
    graph.set_models({**graph.models, "loop": (call.node_id,)})  # the model ends at its own call
    assert [p.message for p in graph.analysis().problems] == [
        "loop: the model loop is not valid: loop: the model loop calls itself: loop → loop"
    ]


def test_renaming_a_called_model_renames_its_layer_and_undo_puts_both_back():
    graph = siamese()
    before = graph.structure()
    edit = edits.RenameGraphModel("encoder", "features")
    edit.apply(graph)
    assert list(graph.models) == ["features"] and graph.layers["features"].view == "features"
    assert "encoder" not in graph.layers and graph.analysis().valid
    assert "features (Functional)" in summary_text(graph)
    edit.revert(graph)
    assert graph.structure() == before


def test_project_files_name_the_called_model(tmp_path):
    graph = siamese()
    files.save(Project(graph), tmp_path / "m.lwire")
    layers = json.loads((tmp_path / "m.lwire").read_text())["model"]["layers"]
    assert {"name": "encoder", "type": "Functional", "config": {"model": "encoder"}} in layers
    loaded = files.load(tmp_path / "m.lwire").graph
    assert loaded.structure() == graph.structure()
    assert loaded.layers["encoder"].inner.layers["e1"] is loaded.layers["e1"]
    copy = graph.copy()
    assert copy.layers["encoder"].inner.layers["e1"] is copy.layers["e1"] is not graph.layers["e1"]


def test_keras_files_mark_the_shared_layers_and_write_their_weights_once(tmp_path):
    graph = siamese()
    keras_format.save_keras(Project(graph), tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as zf:
        config = json.loads(zf.read("config.json"))
        weights = zf.read("model.weights.h5")
    outer = {e["name"]: e for e in config["config"]["layers"]}
    inner = {e["name"]: e for e in outer["encoder"]["config"]["layers"]}
    assert set(inner) == {"img", "e1"}
    for name in inner:  # Keras's mark of one object in two places
        assert inner[name]["shared_object_id"] == outer[name]["shared_object_id"]
    assert "shared_object_id" not in outer["d"]
    with h5py.File(io.BytesIO(weights)) as h5:
        groups: list[str] = []
        h5.visit(groups.append)
    assert "layers/functional/vars" in groups and not any(g.startswith("layers/functional/layers") for g in groups)
    loaded = keras_format.load_keras(tmp_path / "m.keras").graph
    (ends,) = loaded.models.values()
    assert loaded.layers["encoder"].view == "encoder" and [loaded.nodes[n].layer for n, _ in ends] == ["e1"]
    assert model_config(loaded) == model_config(graph)
    xs = random_inputs(graph)
    for name, value in reference.forward(graph, xs).items():
        np.testing.assert_array_equal(reference.forward(loaded, xs)[name], value)


def test_a_keras_file_whose_nested_model_has_an_input_of_its_own_beside_shared_layers_is_refused():
    config = model_config(siamese())
    layers = config["config"]["layers"]
    (index,) = [i for i, e in enumerate(layers) if e["name"] == "encoder"]
    entry = json.loads(json.dumps(layers[index]).replace('"img"', '"own_img"'))  # an Input of its own
    (own,) = [e for e in entry["config"]["layers"] if e["name"] == "own_img"]
    del own["shared_object_id"]
    layers[index] = entry  # e1 is still the outer model's
    with pytest.raises(FileFormatError, match="the nested model 'encoder' shares layers with the model it is in, "
                                              "and has a InputLayer 'own_img' of its own"):  # fmt: skip
        read_model_config(config)


def test_the_keras_code_makes_the_model_from_the_graphs_lines_before_calling_it():
    code = keras_code(siamese())
    lines = code.splitlines()
    assert lines.index('encoder = keras.Model(inputs=img, outputs=e1, name="encoder")') < lines.index(
        "x = encoder(img2)"
    )
    assert 'e1 = layers.Dense(3, activation="tanh", name="e1")(img)' in lines
    assert "encoder = keras.Model(inputs=original" not in code  # no second copy of its layers
