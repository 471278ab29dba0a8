"""Several models over one graph of layers: the guide's encoder beside its autoencoder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph_core import edits, reference
from graph_core.builder import ModelBuilder
from graph_core.errors import EditError, GraphError
from graph_core.graph import Graph
from graph_core.io import files
from graph_core.io.files import Project
from graph_core.model import ensure_weights
from graph_core.summary import summary_text
from graph_core.views import model_graph, model_names

ROOT = Path(__file__).resolve().parents[2]


def autoencoder() -> tuple[Graph, int]:
    b = ModelBuilder("autoencoder")
    x = b.input((8,), name="img")
    code = b.add("Dense", x, units=3, activation="tanh", name="code")
    b.add("Dense", code, units=8, name="reconstruction")
    graph = b.done()
    ensure_weights(graph, seed=4)
    return graph, code


def test_a_model_named_by_its_outputs_shares_the_layers_of_the_graph():
    graph, code = autoencoder()
    edits.SetModels({"encoder": (code,)}).apply(graph)
    assert model_names(graph) == ["autoencoder", "encoder"]
    encoder = model_graph(graph, "encoder")
    assert encoder.name == "encoder" and sorted(encoder.layers) == ["code", "img"]
    assert encoder.layers["code"] is graph.layers["code"]  # the same layer: training one trains the other
    xs = {"img": np.random.default_rng(0).normal(size=(4, 8)).astype(np.float32)}
    expected = np.tanh(xs["img"] @ graph.layers["code"].weights["kernel"] + graph.layers["code"].weights["bias"])
    np.testing.assert_allclose(reference.forward(encoder, xs)["code"], expected, rtol=1e-6)
    assert 'Model: "encoder"' in summary_text(encoder)
    assert model_graph(graph) is graph and model_graph(graph, "autoencoder") is graph


def test_models_are_saved_renamed_and_removed_with_undo(tmp_path):
    graph, code = autoencoder()
    edit = edits.SetModels({"encoder": (code,)})
    edit.apply(graph)
    files.save(Project(graph), tmp_path / "a.lwire")
    assert files.load(tmp_path / "a.lwire").graph.models == {"encoder": ((code, 0),)}
    edit.revert(graph)
    assert graph.models == {}
    with pytest.raises(EditError, match="two models cannot share a name"):
        graph.set_models({"autoencoder": (code,)})
    graph.set_models({"encoder": (code,)})
    with pytest.raises(EditError, match="another model named 'encoder'"):
        graph.set_name("encoder")


def test_a_model_whose_outputs_were_deleted_says_so_and_is_not_saved(tmp_path):
    graph, code = autoencoder()
    graph.set_models({"encoder": (code,)})
    edits.RemoveNode(graph.nodes_of_layer("reconstruction")[0]).apply(graph)
    edits.RemoveNode(code).apply(graph)
    with pytest.raises(GraphError, match="The model 'encoder' has lost its outputs"):
        model_graph(graph, "encoder")
    with pytest.raises(GraphError, match="There is no model 'decoder' here; the models are autoencoder, encoder"):
        model_graph(graph, "decoder")
    assert files.project_to_dict(Project(graph))["model"]["models"] == {}


def test_a_damaged_models_entry_is_refused(tmp_path):
    graph, code = autoencoder()
    data = files.project_to_dict(Project(graph))
    data["model"]["models"] = {"encoder": [999]}
    (tmp_path / "bad.lwire").write_text(json.dumps(data))
    with pytest.raises(files.FileFormatError, match="model.models: expected an object of model names"):
        files.load(tmp_path / "bad.lwire")


def test_the_command_line_summarises_exports_and_trains_one_model_of_a_project(tmp_path):
    example = ROOT / "resources" / "examples" / "conv_autoencoder.lwire"
    run = [sys.executable, str(ROOT / "main.py")]
    out = subprocess.run([*run, "summary", str(example), "--model", "encoder"], capture_output=True, text=True)
    assert out.returncode == 0 and 'Model: "encoder"' in out.stdout and "Total params: 18,672" in out.stdout
    bad = subprocess.run([*run, "summary", str(example), "--model", "decoder"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr == "layerwire: error: There is no model 'decoder' here; the models are autoencoder, encoder\n"

    graph, code = autoencoder()
    graph.set_models({"encoder": (code,)})
    files.save(Project(graph), tmp_path / "p.lwire")
    rng = np.random.default_rng(1)
    np.savez(tmp_path / "d.npz", x=rng.normal(size=(64, 8)).astype(np.float32),
             y=rng.normal(size=(64, 3)).astype(np.float32))  # fmt: skip
    trained = subprocess.run(
        [*run, "train", str(tmp_path / "p.lwire"), "--model", "encoder", "--data", str(tmp_path / "d.npz"),
         "--loss", "mse", "--epochs", "2", "-o", str(tmp_path / "t.lwire")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert trained.returncode == 0, trained.stderr
    after = files.load(tmp_path / "t.lwire").graph  # the whole project, its encoder's layer trained
    assert after.models == {"encoder": ((code, 0),)}
    assert not np.array_equal(after.layers["code"].weights["kernel"], graph.layers["code"].weights["kernel"])
    np.testing.assert_array_equal(
        after.layers["reconstruction"].weights["kernel"], graph.layers["reconstruction"].weights["kernel"]
    )
