"""The .lwire project file: round trips, determinism, and clear refusals of damaged files."""

import json
import os

import numpy as np
import pytest

from graph_core import edits
from graph_core.errors import FileFormatError
from graph_core.examples import EXAMPLES, build
from graph_core.io import files
from graph_core.io.files import Project
from graph_core.model import ensure_weights
from tests.graph_core.helpers import mnist


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_save_load_save_is_byte_identical(tmp_path, name):
    project = build(name, seed=3)
    project.training = {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 32}
    project.history = [{"epoch": 1, "loss": 0.5}]
    first = tmp_path / "a.lwire"
    files.save(project, first)
    loaded = files.load(first)
    second = tmp_path / "b.lwire"
    files.save(loaded, second)
    assert first.read_bytes() == second.read_bytes()
    assert loaded.graph.structure() == project.graph.structure()
    assert loaded.training == project.training and loaded.history == project.history


def test_layout_outputs_and_shared_layers_survive(tmp_path):
    project = build("shared_layer")
    g = project.graph
    edits.MoveNodes({next(iter(g.nodes)): (12.5, -40.0)}).apply(g)
    edits.SetOutputs(tuple(g.output_nodes())).apply(g)
    files.save(project, tmp_path / "p.lwire")
    loaded = files.load(tmp_path / "p.lwire").graph
    assert loaded.nodes[next(iter(g.nodes))].pos == (12.5, -40.0)
    assert loaded.explicit_outputs == g.explicit_outputs
    assert loaded.nodes_of_layer("encoder") == g.nodes_of_layer("encoder")


def test_weights_are_exact(tmp_path):
    project = build("mnist_model", seed=11)
    files.save(project, tmp_path / "w.lwire")
    loaded = files.load(tmp_path / "w.lwire").graph
    for name, layer in project.graph.layers.items():
        for key, value in layer.weights.items():
            np.testing.assert_array_equal(loaded.layers[name].weights[key], value)


def test_an_invalid_graph_saves_and_loads(tmp_path):
    g = mnist()
    edits.Disconnect(g.nodes_of_layer("dense_1")[0], 0).apply(g)
    files.save(Project(g), tmp_path / "half.lwire")
    assert files.load(tmp_path / "half.lwire").graph.structure() == g.structure()


def valid_document() -> dict:
    return files.project_to_dict(build("mnist_model"))


def damaged(mutate) -> str:
    doc = valid_document()
    mutate(doc)
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format_version=99), "format_version 99; this Layerwire reads versions 1 to 1"),
        (lambda d: d.update(format="other"), "not a Layerwire project"),
        (lambda d: d["model"]["layers"][1].update(type="Conv3D"), "no layer type 'Conv3D'"),
        (lambda d: d["model"]["layers"][1]["config"].update(units=-3), "Received: units=-3"),
        (lambda d: d["model"]["nodes"][1].update(pos="here"), "expected [x, y]"),
        (lambda d: d["model"]["wires"].append(dict(src=4, dst=2, port=0)), "already wired"),
        (lambda d: d["model"]["wires"].append(dict(src=4, dst=4, port=1)), "takes 1 input"),
        (lambda d: d["model"]["layers"][1].update(name="input_layer"), "used twice"),
        (lambda d: d["model"].pop("nodes"), "'nodes' is missing"),
        (lambda d: d["weights"]["dense"]["kernel"].update(shape=[784, 65]), "needs"),
        (lambda d: d["weights"]["dense"]["kernel"].update(data="@@@@"), "needs"),
        (lambda d: d["weights"]["dense"]["kernel"].update(dtype="object"), '"float32"'),
        (lambda d: d["model"].update(outputs=[77]), "no node 77"),
        (lambda d: d.update(history={"a": 1}), "history: expected a list"),
    ],
)
def test_damaged_documents_are_refused_clearly(mutate, message):
    with pytest.raises(FileFormatError, match=None) as info:
        files.loads(damaged(mutate))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_cycle_in_a_file_is_refused():
    def make_cycle(d):
        d["model"]["wires"] = [w for w in d["model"]["wires"] if w["dst"] != 2]
        d["model"]["wires"].append(dict(src=4, dst=2, port=0))

    with pytest.raises(FileFormatError, match="cycle"):
        files.loads(damaged(make_cycle))


@pytest.mark.parametrize(
    "text", ["", "{", "[1, 2]", "null", '{"format": "layerwire", "format_version": "1"}', "NaN", "\x00\x01"]
)
def test_garbage_is_refused(text):
    with pytest.raises(FileFormatError):
        files.loads(text)


def test_deep_nesting_is_refused():
    deep = '{"format": "layerwire", "format_version": 1, "training": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(FileFormatError, match="deeper"):
        files.loads(deep)


def test_missing_and_folder_paths(tmp_path):
    with pytest.raises(FileFormatError, match="does not exist"):
        files.load(tmp_path / "nope.lwire")
    with pytest.raises(FileFormatError, match="folder"):
        files.load(tmp_path)


def test_atomic_save_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "keep.lwire"
    files.save(build("spiral"), path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        files.save(build("mnist_model"), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.lwire"]  # no temporary left behind


def test_new_weights_are_seeded():
    a, b, c = mnist(), mnist(), mnist()
    ensure_weights(a, seed=1)
    ensure_weights(b, seed=1)
    ensure_weights(c, seed=2)
    assert np.array_equal(a.layers["dense"].weights["kernel"], b.layers["dense"].weights["kernel"])
    assert not np.array_equal(a.layers["dense"].weights["kernel"], c.layers["dense"].weights["kernel"])
    kernel = a.layers["dense"].weights["kernel"]
    limit = np.sqrt(6 / (784 + 64))  # glorot_uniform
    assert kernel.dtype == np.float32 and np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.9 * limit
    assert not a.layers["dense"].weights["bias"].any()


def test_huge_layers_are_refused_before_memory_is_allocated():
    from graph_core.builder import ModelBuilder
    from graph_core.errors import GraphError

    b = ModelBuilder("huge")
    b.add("Dense", b.input((784,)), units=2**30)
    with pytest.raises(GraphError, match=r"would take 3.1 TB; Layerwire allows at most 8.0 GB"):
        ensure_weights(b.done())
