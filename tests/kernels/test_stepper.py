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
from kernels.stepper import SAMPLE_LENGTH, default_targets, sample_inputs, trace
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
TRACED += ["tickets"]  # token ids of a length left open


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


def test_a_recurrent_layer_shows_its_gates_cell_and_state_at_every_step():
    from graph_core.builder import ModelBuilder

    b = ModelBuilder("recurrent")
    ids = b.add("InputLayer", shape=(None,), dtype="int32", name="ids")
    e = b.add("Embedding", ids, input_dim=20, output_dim=3)
    lstm = b.add("LSTM", e, units=4, go_backwards=True, return_sequences=True)
    gru = b.add("GRU", lstm, units=3)
    rnn = b.add("SimpleRNN", e, units=2)
    dense = b.add("Dense", b.add("Concatenate", gru, rnn), units=2)
    graph = b.done()
    xs = sample_inputs(graph, "random", seed=3)
    assert xs["ids"].shape == (1, SAMPLE_LENGTH) and xs["ids"].dtype == np.int32 and 0 <= xs["ids"].min()
    assert xs["ids"].max() < 20 and len(set(xs["ids"][0])) > 3
    t = trace(graph, xs, default_targets(graph))
    close = {"rtol": 1e-5, "atol": 1e-6}

    seen = t.node(lstm).inside
    assert list(seen) == ["position", "x", "i", "f", "g", "o", "c", "h"]
    assert seen["position"].tolist() == list(range(SAMPLE_LENGTH))[::-1]  # go_backwards
    np.testing.assert_array_equal(seen["x"], t.node(e).value[::-1])  # go_backwards: the last word first
    c_before = np.vstack([np.zeros((1, 4)), seen["c"][:-1]])
    np.testing.assert_allclose(seen["c"], seen["f"] * c_before + seen["i"] * seen["g"], **close)
    np.testing.assert_allclose(seen["h"], seen["o"] * np.tanh(seen["c"]), **close)
    np.testing.assert_array_equal(seen["h"], t.node(lstm).value)  # the sequence given out: the states as read
    assert all(0 < seen[k].min() and seen[k].max() < 1 for k in "ifo")  # sigmoid gates

    seen = t.node(gru).inside
    assert list(seen) == ["position", "x", "z", "r", "hh", "h"] and seen["position"].tolist() == list(range(10))
    np.testing.assert_array_equal(seen["x"], t.node(lstm).value)
    h_before = np.vstack([np.zeros((1, 3)), seen["h"][:-1]])
    np.testing.assert_allclose(seen["h"], seen["z"] * h_before + (1 - seen["z"]) * seen["hh"], **close)
    np.testing.assert_array_equal(seen["h"][-1], t.node(gru).value)

    seen = t.node(rnn).inside
    assert list(seen) == ["position", "x", "h"]
    weights = graph.layers["simple_rnn"].weights
    h = np.zeros(2)
    for step, x in enumerate(seen["x"]):  # the cell's formula, step by step, from the layer's weights
        h = np.tanh(x @ weights["kernel"] + h @ weights["recurrent_kernel"] + weights["bias"])
        np.testing.assert_allclose(seen["h"][step], h, **close)
    np.testing.assert_allclose(t.node(rnn).value, h, **close)
    assert t.node(dense).inside == {}


def test_a_window_that_shortens_a_sequence_of_any_length_gets_targets_of_the_length_it_gives():
    from graph_core.builder import ModelBuilder

    b = ModelBuilder("tagger")
    x = b.add("InputLayer", shape=(None, 3), name="signal")
    b.add("Conv1D", x, filters=4, kernel_size=3, activation="softmax", name="tags")  # 10 steps in, 8 out
    graph = b.done()
    xs = sample_inputs(graph, "random", seed=2)
    ys = default_targets(graph)
    assert xs["signal"].shape == (1, SAMPLE_LENGTH, 3) and ys["tags"].shape == (1, SAMPLE_LENGTH - 2)
    t = trace(graph, xs, ys)
    assert t.node(graph.analysis().outputs[0]).value.shape == (SAMPLE_LENGTH - 2, 4) and np.isfinite(t.loss)
