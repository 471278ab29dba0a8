"""Every registered layer type through every backend, so a type cannot be half-added.

For each type, in one or more settings (:data:`SAMPLES` must name every type of the
registry): the numpy reference, the kernels' forward pass against it, their backward
pass against finite differences in float64, the Keras config written and read back,
a ``.keras`` file written and read back, ONNX run by onnxruntime, both scripts (run
where PyTorch or Keras is installed), the summary, the diagram, the training engine's
op, the layer help and the look.
"""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import numpy as np
import pytest

from graph_core import layers
from graph_core.builder import ModelBuilder
from graph_core.graph import Graph
from graph_core.io.diagram import to_svg
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.io.keras_format import keras_bytes, load_keras
from graph_core.io.script_export import keras_script, torch_script
from graph_core.model import output_names
from graph_core.reference import forward
from graph_core.summary import summary_text
from kernels.executor import Executor, predict, weights_of
from kernels.ops import OPS
from kernels.plan import LossSpec, compile_plan, data_sizes
from tests.kernels import graphs, naive
from tests.random_graphs import assert_matches_reference, keras_predict, random_inputs

# type -> [(input shapes, config)]; a Dense on the last axis goes before the layer so a gradient reaches it
SAMPLES: dict[str, list[tuple[list[tuple[int, ...]], dict[str, Any]]]] = {
    "InputLayer": [([(4,)], {})],
    "Dense": [([(4,)], {"units": 3, "activation": "tanh"}), ([(3, 4)], {"units": 2, "use_bias": False})],
    "Activation": [([(5,)], {"activation": "softmax"}), ([(3, 4, 2)], {"activation": "selu"})],
    "Conv1D": [([(9, 2)], {"filters": 3, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}),
               ([(8, 3)], {"filters": 2, "kernel_size": 2, "strides": 3, "padding": "same"}),
               ([(None, 3)], {"filters": 2, "kernel_size": 3, "padding": "same"})],  # a sequence of any length
    "Conv2D": [([(6, 7, 2)], {"filters": 3, "kernel_size": (3, 2), "activation": "relu"}),
               ([(7, 6, 3)], {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}),
               ([(8, 8, 1)], {"filters": 2, "kernel_size": 2, "dilation_rate": (2, 3), "use_bias": False}),
               ([(5, 6, 8)], {"filters": 9, "kernel_size": 3, "padding": "same", "activation": "tanh"})],
    "Conv2DTranspose": [([(3, 4, 2)], {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"}),
                        ([(4, 3, 2)], {"filters": 2, "kernel_size": (2, 3), "strides": (2, 3),
                                       "output_padding": (1, 2)}),
                        ([(3, 3, 2)], {"filters": 2, "kernel_size": 2, "dilation_rate": 2, "activation": "tanh"})],
    "DepthwiseConv2D": [([(6, 5, 3)], {"kernel_size": 3, "depth_multiplier": 2, "padding": "same"}),
                        ([(7, 7, 2)], {"kernel_size": (2, 3), "strides": 2})],
    "SeparableConv2D": [([(6, 6, 3)], {"filters": 4, "kernel_size": 3, "depth_multiplier": 2}),
                        ([(7, 5, 2)], {"filters": 3, "kernel_size": 2, "strides": 2, "padding": "same",
                                       "activation": "relu"})],
    "MaxPooling1D": [([(9, 2)], {"pool_size": 3, "strides": 2, "padding": "same"})],
    "MaxPooling2D": [([(6, 7, 2)], {"pool_size": 2}), ([(5, 5, 2)], {"pool_size": 3, "strides": 2, "padding": "same"})],
    "AveragePooling1D": [([(8, 2)], {"pool_size": 2, "strides": 1}), ([(None, 2)], {"pool_size": 2})],
    "AveragePooling2D": [([(6, 6, 2)], {"pool_size": 3, "strides": 1, "padding": "same"}),
                         ([(7, 5, 1)], {"pool_size": (2, 3)})],
    "GlobalMaxPooling1D": [([(6, 3)], {}), ([(5, 2)], {"keepdims": True})],
    "GlobalMaxPooling2D": [([(4, 5, 3)], {})],
    "GlobalAveragePooling1D": [([(6, 3)], {})],
    "GlobalAveragePooling2D": [([(4, 5, 3)], {}), ([(3, 3, 2)], {"keepdims": True})],
    "SimpleRNN": [([(4, 3)], {"units": 3}), ([(5, 2)], {"units": 2, "return_sequences": True, "go_backwards": True,
                                                       "activation": "relu"})],
    "LSTM": [([(4, 3)], {"units": 3}), ([(5, 2)], {"units": 4, "return_sequences": True, "go_backwards": True,
                                                   "activation": "selu"}),
             ([(3, 2)], {"units": 2, "use_bias": False, "activation": "elu", "recurrent_activation": "hard_sigmoid"})],
    "GRU": [([(4, 3)], {"units": 3}), ([(5, 2)], {"units": 2, "return_sequences": True, "go_backwards": True}),
            ([(3, 2)], {"units": 3, "use_bias": False, "activation": "softsign"}),
            ([(4, 2)], {"units": 2, "return_sequences": True, "activation": "gelu"})],
    "Bidirectional": [([(4, 3)], {"units": 3}),
                      ([(5, 2)], {"units": 2, "return_sequences": True, "merge_mode": "sum"}),
                      ([(4, 3)], {"layer": "GRU", "units": 3, "return_sequences": True, "merge_mode": "mul"}),
                      ([(5, 2)], {"layer": "GRU", "units": 2, "merge_mode": "ave", "use_bias": False}),
                      ([(4, 2)], {"layer": "SimpleRNN", "units": 3, "return_sequences": True, "activation": "relu"}),
                      ([(3, 2)], {"units": 2, "return_sequences": True, "activation": "gelu",
                                  "recurrent_activation": "hard_sigmoid", "merge_mode": "ave"})],
    "TimeDistributed": [([(4, 3)], {"units": 2, "activation": "tanh"}), ([(3, 2, 4)], {"units": 3, "use_bias": False})],
    "RepeatVector": [([(4,)], {"n": 3})],
    "Permute": [([(3, 4)], {"dims": (2, 1)}), ([(2, 3, 4)], {"dims": (3, 1, 2)})],
    "Flatten": [([(3, 4)], {})],
    "Reshape": [([(12,)], {"target_shape": (3, -1)})],
    "ZeroPadding1D": [([(5, 2)], {"padding": (1, 3)})],
    "ZeroPadding2D": [([(4, 3, 2)], {"padding": ((1, 0), (2, 1))})],
    "Cropping1D": [([(7, 2)], {"cropping": (2, 1)})],
    "Cropping2D": [([(6, 5, 2)], {"cropping": ((1, 2), (0, 1))})],
    "UpSampling1D": [([(4, 2)], {"size": 3})],
    "UpSampling2D": [([(3, 4, 2)], {"size": (2, 3)})],
    "Add": [([(3, 4), (3, 4)], {})],
    "Subtract": [([(4,), (4,)], {})],
    "Multiply": [([(2, 3, 2), (2, 3, 2)], {})],
    "Average": [([(5,), (5,)], {})],
    "Maximum": [([(4,), (4,)], {})],
    "Minimum": [([(3, 2), (3, 2)], {})],
    "Concatenate": [([(3, 2), (3, 4)], {"axis": -1}), ([(2, 3), (4, 3)], {"axis": 1})],
    "BatchNormalization": [([(4, 4, 3)], {}), ([(3, 5)], {"axis": 1})],
    "LayerNormalization": [([(6,)], {}), ([(3, 4, 2)], {"axis": 1, "center": False})],
    "Embedding": [([(5,)], {"input_dim": 20, "output_dim": 3}),
                  ([(2, 3)], {"input_dim": 7, "output_dim": 2, "embeddings_initializer": "glorot_uniform"})],
    "Dropout": [([(6,)], {"rate": 0.3})],
    "SpatialDropout1D": [([(5, 3)], {"rate": 0.3})],
    "SpatialDropout2D": [([(4, 4, 3)], {"rate": 0.3})],
}  # fmt: skip

CASES = [(name, i) for name, samples in SAMPLES.items() for i in range(len(samples))]


def sample(name: str, index: int) -> Graph:
    """Inputs, a Dense on each (so weights upstream get a gradient), the layer, its output."""
    shapes, config = SAMPLES[name][index]
    b = ModelBuilder(f"{name.lower()}_{index}")
    if name == "Embedding":  # token ids straight from an Input: int32, or whole floats as the guide's Inputs give
        ids = b.add("InputLayer", shape=shapes[0], dtype="int32" if index == 0 else "float32")
        b.add(name, ids, **config)
    elif name == "InputLayer":
        b.add("Dense", b.input(shapes[0]), units=2)
    else:
        inputs = [b.input(shape) for shape in shapes]
        pre = [b.add("Dense", x, units=shape[-1], activation="tanh") for x, shape in zip(inputs, shapes)]
        b.add(name, *pre, **config)
    graph = b.done(layout=False)
    graphs.weighted(graph)
    return graph


def test_every_registered_type_has_samples_and_an_op():
    assert set(SAMPLES) == set(layers.REGISTRY)
    assert set(OPS) == set(layers.REGISTRY)


@pytest.mark.parametrize(("name", "index"), CASES)
def test_reference_and_kernels_forward(name: str, index: int) -> None:
    graph = sample(name, index)
    xs = random_inputs(graph, batch=5, seed=index)
    want = forward(graph, xs)
    for out, node in zip(output_names(graph), graph.analysis().outputs):
        declared = graph.analysis().shapes[node][1:]  # a size left open takes the data's
        assert len(want[out].shape) == len(declared) + 1
        assert all(d is None or d == got for d, got in zip(declared, want[out].shape[1:]))
    got = predict(graph, xs, batch_size=3)  # two batches, the second one short
    for key in want:
        np.testing.assert_allclose(got[key], want[key], rtol=2e-5, atol=2e-5)


@pytest.mark.parametrize(("name", "index"), CASES)
def test_kernels_backward_against_finite_differences(name: str, index: int) -> None:
    graph = sample(name, index)
    losses = [LossSpec("mse") for _ in graph.analysis().outputs]
    xs, ys = graphs.data(graph, losses, 3, seed=index)
    plan = compile_plan(graph, losses, training=True, sizes=data_sizes(xs))
    ex = Executor(plan, weights_of(graph, plan, np.float64), dtype=np.float64)
    b = ex.bind(3)
    for key, arr in b.inputs.items():
        arr[...] = xs[key]
    for key, arr in b.targets.items():
        arr[...] = ys[key].reshape(arr.shape)

    def total() -> float:
        ex.forward(b)
        return float(sum(ex.loss(b)))

    total()
    ex.backward(b)
    ex.counter[0] -= 1  # the same dropout draws for the finite differences
    for (layer, weight), g in ex.grads.items():
        w = ex.weights[layer][weight]
        original = w.copy()

        def f(v: np.ndarray, w: np.ndarray = w) -> float:
            w[...] = v
            return total()

        want = naive.fd_grad(f, original, h=1e-6)
        w[...] = original
        np.testing.assert_allclose(g, want, rtol=1e-5, atol=1e-8, err_msg=f"{layer}/{weight}")


@pytest.mark.parametrize(("name", "index"), CASES)
def test_keras_config_and_file_round_trip(name: str, index: int) -> None:
    graph = sample(name, index)
    config = json.loads(json.dumps(model_config(graph)))
    again = read_model_config(config).graph
    assert {n: (l.type, l.config) for n, l in again.layers.items()} == {
        n: (l.type, l.config) for n, l in graph.layers.items()
    }
    loaded = load_keras_bytes(keras_bytes(Project(graph)))
    xs = random_inputs(graph, batch=4)
    want, got = forward(graph, xs), forward(loaded, xs)
    for key in want:
        np.testing.assert_array_equal(got[key], want[key])


def load_keras_bytes(data: bytes) -> Graph:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.keras"
        path.write_bytes(data)
        return load_keras(path).graph


@pytest.mark.parametrize(("name", "index"), CASES)
def test_onnx_runs_like_the_reference(name: str, index: int) -> None:
    from tests.graph_core.test_onnx_export import assert_same

    pytest.importorskip("onnxruntime")
    graph = sample(name, index)
    assert_same(graph, random_inputs(graph, batch=3, seed=1))


@pytest.mark.parametrize(("name", "index"), CASES)
def test_summary_diagram_and_scripts(name: str, index: int) -> None:
    graph = sample(name, index)
    summary = summary_text(graph)
    svg = to_svg(graph)
    spec = layers.get(name)
    assert f"({name})" in summary and f"({name})" in svg
    assert spec.look.colour in svg
    compile(keras_script(graph), "keras.py", "exec")
    compile(torch_script(graph), "torch.py", "exec")


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch is not installed")
@pytest.mark.parametrize(("name", "index"), CASES)
def test_torch_script_predicts_the_same(tmp_path, name: str, index: int) -> None:
    from tests.graph_core.test_script_export import torch_predicts_the_same

    torch_predicts_the_same(tmp_path, sample(name, index))


@pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")
@pytest.mark.parametrize(("name", "index"), CASES)
def test_keras_predicts_the_same_from_our_file(tmp_path, name: str, index: int) -> None:
    import keras

    graph = sample(name, index)
    if (
        name == "LayerNormalization"
        and SAMPLES[name][index][1].get("axis", -1) != -1
        and keras.backend.backend() == "torch"
    ):
        pytest.skip("Keras's torch backend normalizes only trailing axes (torch.layer_norm); with JAX this passes")
    (tmp_path / "m.keras").write_bytes(keras_bytes(Project(graph)))
    model = keras.models.load_model(tmp_path / "m.keras")
    xs = random_inputs(graph, batch=4)
    assert_matches_reference(graph, xs, keras_predict(model, xs))
