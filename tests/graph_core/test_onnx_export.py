"""ONNX export, run by onnxruntime and compared with Layerwire's own predictions."""

import numpy as np
import onnx
import pytest

from graph_core import activations
from graph_core.builder import ModelBuilder
from graph_core.examples import EXAMPLES, build
from graph_core.io.onnx_export import OPSET, to_onnx
from graph_core.model import ensure_weights, input_names, output_names
from graph_core.reference import forward
from tests.random_graphs import graph_calling_its_own_model, random_graph, random_inputs, random_nested_graph

ort = pytest.importorskip("onnxruntime")


def run_onnx(graph, inputs):
    session = ort.InferenceSession(to_onnx(graph).SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(None, inputs)))


def assert_same(graph, inputs):
    expected = forward(graph, inputs)
    got = run_onnx(graph, inputs)
    assert list(got) == list(expected)
    for name in expected:
        np.testing.assert_allclose(got[name], expected[name], rtol=1e-5, atol=1e-5, err_msg=name)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_examples(name):
    graph = build(name).graph
    assert_same(graph, random_inputs(graph, batch=7))


@pytest.mark.parametrize("seed", range(40))
def test_random_graphs_of_every_layer_type(seed):
    graph = random_graph(seed)
    assert_same(graph, random_inputs(graph, seed=seed))


@pytest.mark.parametrize("seed", range(8))
def test_nested_models_export_inlined_with_the_outer_models_names(seed):
    graph = random_nested_graph(seed)
    assert_same(graph, random_inputs(graph, seed=seed))


@pytest.mark.parametrize("seed", range(6))
def test_a_graph_calling_its_own_model_exports_with_the_layers_shared(seed):
    graph = graph_calling_its_own_model(seed)
    assert_same(graph, random_inputs(graph, seed=seed))


def test_random_graphs_cover_every_layer_type_and_a_shared_layer():
    types, shared = set(), False
    for seed in range(40):
        g = random_graph(seed)
        types |= {layer.type for layer in g.layers.values()}
        shared |= any(len(g.nodes_of_layer(name)) > 1 for name in g.layers)
    from graph_core.layers import REGISTRY

    assert types == set(REGISTRY) and shared


@pytest.mark.parametrize("activation", activations.NAMES)
def test_every_activation(activation):
    b = ModelBuilder("act")
    b.add("Dense", b.input((6,)), units=5, activation=activation)
    graph = b.done()
    ensure_weights(graph)
    assert_same(graph, random_inputs(graph, batch=9))


def test_names_opset_and_dynamic_batch():
    graph = build("multi_io").graph
    model = to_onnx(graph)
    assert model.opset_import[0].version == OPSET >= 17
    assert [i.name for i in model.graph.input] == input_names(graph) == ["text_features", "metadata"]
    assert [o.name for o in model.graph.output] == output_names(graph) == ["priority", "department"]
    dims = model.graph.input[0].type.tensor_type.shape.dim
    assert dims[0].dim_param == "batch" and dims[1].dim_value == 32
    onnx.checker.check_model(model, full_check=True)
    inputs = random_inputs(graph, batch=1)
    assert run_onnx(graph, inputs)["department"].shape == (1, 4)
    inputs = random_inputs(graph, batch=33)
    assert run_onnx(graph, inputs)["department"].shape == (33, 4)


def test_shared_weights_are_stored_once():
    model = to_onnx(build("shared_layer").graph)
    names = [t.name for t in model.graph.initializer]
    assert names.count("encoder/kernel") == 1 and len(names) == len(set(names))
