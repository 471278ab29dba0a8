"""Keras and PyTorch scripts, and .npz weights: they parse, and where torch or keras is
importable they run and predict what Layerwire predicts."""

import ast
import importlib.util

import numpy as np
import pytest

from graph_core.examples import EXAMPLES, build
from graph_core.io.files import Project
from graph_core.io.interop import export_model
from graph_core.io.script_export import keras_script, torch_script, weights_dict
from tests.random_graphs import (
    assert_matches_reference,
    graph_calling_its_own_model,
    keras_predict,
    random_graph,
    random_inputs,
    random_nested_graph,
)

GRAPHS = (
    [("example", name) for name in EXAMPLES]
    + [("random", seed) for seed in range(25)]
    + [("nested", seed) for seed in range(6)]
    + [("calls", seed) for seed in range(4)]
)


def graph_for(kind, key):
    if kind == "example":
        return build(key).graph
    if kind == "calls":
        return graph_calling_its_own_model(key)
    return random_graph(key) if kind == "random" else random_nested_graph(key)


@pytest.mark.parametrize(("kind", "key"), GRAPHS)
def test_scripts_always_parse(kind, key):
    graph = graph_for(kind, key)
    for script in (keras_script(graph), torch_script(graph)):
        ast.parse(script)


def test_npz_weights_are_keyed_by_layer_and_variable(tmp_path):
    project = build("mnist_model")
    export_model(project, "npz", tmp_path / "w.npz")
    with np.load(tmp_path / "w.npz") as saved:
        assert sorted(saved.files) == sorted(
            f"{layer}/{var}" for layer in ("dense", "dense_1", "dense_2") for var in ("kernel", "bias")
        )
        np.testing.assert_array_equal(saved["dense/kernel"], project.graph.layers["dense"].weights["kernel"])


def test_script_export_writes_the_weights_beside_it(tmp_path):
    export_model(build("shared_layer"), "torch-py", tmp_path / "siamese.py")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["siamese.npz", "siamese.py"]


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch is not installed")
@pytest.mark.parametrize(("kind", "key"), GRAPHS)
def test_torch_script_predicts_the_same(tmp_path, kind, key):
    torch_predicts_the_same(tmp_path, graph_for(kind, key))


def torch_predicts_the_same(tmp_path, graph):
    """The exported PyTorch script, run, predicts what the reference does."""
    import torch

    path = tmp_path / "model.py"
    export_model(Project(graph), "torch-py", path)
    namespace: dict = {"__name__": "exported", "__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    cls = next(v for k, v in namespace.items() if isinstance(v, type) and issubclass(v, torch.nn.Module)
               and v.__module__ == "exported" and not k.startswith("Keras"))  # not a helper  # fmt: skip
    model = cls()
    namespace["load_weights"](model, str(path.with_suffix(".npz")))
    model.eval()
    inputs = random_inputs(graph, batch=5)
    with torch.no_grad():
        got = model(*[torch.from_numpy(v) for v in inputs.values()])
    assert_matches_reference(graph, inputs, [g.numpy() for g in (got if isinstance(got, tuple) else (got,))])


def keras_script_model(graph, tmp_path):  # type: ignore[no-untyped-def]
    """The Keras model the exported Keras script of ``graph`` builds, with the weights exported beside it."""
    path = tmp_path / "model.py"
    export_model(Project(graph), "keras-py", path)
    namespace: dict = {"__name__": "exported", "__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    model = namespace["model"]
    namespace["load_weights"](model, str(path.with_suffix(".npz")))
    return model


@pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")
@pytest.mark.parametrize(("kind", "key"), GRAPHS)
def test_keras_script_predicts_the_same(tmp_path, kind, key):
    graph = graph_for(kind, key)
    model = keras_script_model(graph, tmp_path)
    inputs = random_inputs(graph, batch=5)
    assert_matches_reference(graph, inputs, keras_predict(model, inputs))


def test_weights_dict_covers_only_the_model():
    graph = build("residual_mlp").graph
    assert all("/" in k for k in weights_dict(graph))
