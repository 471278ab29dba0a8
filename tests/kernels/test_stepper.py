"""kernels.stepper: one sample's trace matches the reference forward pass and the engine's gradients."""

from __future__ import annotations

import numpy as np
import pytest

from graph_core import reference
from graph_core.examples import build
from graph_core.model import input_names
from graph_core.settings import TrainingSettings
from kernels.executor import Executor, weights_of
from kernels.plan import compile_plan
from kernels.stepper import default_targets, sample_inputs, trace
from kernels.training import infer_losses, prepare_targets


def _reference_values(graph, xs):
    values = {}
    analysis = graph.analysis()
    for node, name in zip(analysis.inputs, input_names(graph)):
        values[node] = xs[name]
    for node in analysis.order:
        if node not in values:
            values[node] = reference.layer_forward(graph.layer_of(node), [values[s] for s in graph.sources_of(node)])
    return values


TRACED = ["mnist_model", "multi_io", "residual_mlp", "shared_layer", "sine_regression"]
TRACED += ["ensemble", "nested_autoencoder"]  # nested models: a call is one step


@pytest.mark.parametrize("name", TRACED)
def test_node_values_match_the_reference_forward_pass(name):
    graph = build(name).graph
    xs = sample_inputs(graph, "random", seed=1)
    t = trace(graph, xs, default_targets(graph))
    want = _reference_values(graph, xs)
    assert [n.node for n in t.nodes] == [n for n in graph.analysis().order if n in want]
    for n in t.nodes:
        np.testing.assert_allclose(n.value, want[n.node][0], rtol=1e-5, atol=1e-5, err_msg=n.layer)


@pytest.mark.parametrize("name", ["mnist_model", "residual_mlp", "shared_layer", "digits_classifier"])
def test_loss_and_weight_gradients_are_the_engines(name):
    project = build(name)
    graph = project.graph
    settings = TrainingSettings.from_dict(project.training) if project.training else TrainingSettings()
    xs = sample_inputs(graph, "random", seed=2)
    ys = default_targets(graph, settings)
    t = trace(graph, xs, ys, settings)
    specs = infer_losses(graph, settings, ys)
    plan = compile_plan(graph, specs, training=True)
    ex = Executor(plan, weights_of(graph, plan), threads=1)
    b = ex.bind(1)
    for k, arr in b.inputs.items():
        arr[...] = xs[k]
    for o in plan.outputs:
        b.targets[o.name][...] = prepare_targets(o, ys[o.name]).reshape(b.targets[o.name].shape)
    ex.forward(b)
    assert t.loss == pytest.approx(sum(ex.loss(b)), rel=1e-6)
    ex.backward(b)
    for key, g in ex.grads.items():
        np.testing.assert_allclose(t.weight_grads[key], g, rtol=1e-6, atol=1e-7, err_msg=str(key))


def test_node_gradients_chain_into_the_weight_gradients():
    """For a Dense layer, dL/dkernel = outer(input, dL/dz) with dL/dz = dL/dy · relu'(z)."""
    graph = build("mnist_model").graph
    t = trace(graph, sample_inputs(graph, "random", seed=4), {"dense_2": np.array([3])})
    x, dense = t.nodes[0], t.nodes[1]
    assert dense.layer == "dense"
    dz = dense.grad * (dense.value > 0)
    np.testing.assert_allclose(t.weight_grads[("dense", "kernel")], np.outer(x.value, dz), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(t.weight_grads[("dense", "bias")], dz, rtol=1e-5, atol=1e-7)
    assert x.grad is None


def test_softmax_cross_entropy_shows_the_gradient_of_the_logits():
    graph = build("digits_classifier").graph
    t = trace(graph, sample_inputs(graph, "zeros"), {"dense_1": np.array([7])})
    out = t.nodes[-1]
    assert out.grad_of_logits
    onehot = np.eye(10, dtype=np.float32)[7]
    np.testing.assert_allclose(out.grad, out.value - onehot, atol=1e-6)
    assert t.loss == pytest.approx(-np.log(out.value[7]), rel=1e-5)
