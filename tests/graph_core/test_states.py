"""Recurrent layers giving their final states (``return_state``) and starting from given ones (``initial_state``):
shapes and summary as Keras prints them, Keras files in and out, ONNX, the scripts and the step-through."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import FileFormatError
from graph_core.graph import Graph
from graph_core.io import files
from graph_core.io.codegen import keras_code
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.layers import get
from graph_core.layers.recurrent import run
from graph_core.model import ensure_weights
from graph_core.reference import forward
from graph_core.summary import summary_text
from tests.random_graphs import random_inputs


def encoder_decoder() -> Graph:
    """The Keras guide's encoder–decoder: an LSTM encoder's final h and c start the decoder LSTM."""
    b = ModelBuilder("translator")
    x = b.input((5, 3), name="source")
    enc = b.add("LSTM", x, units=4, return_state=True, go_backwards=True, name="encoder")
    d = b.input((6, 2), name="target")
    dec = b.add("LSTM", d, (enc, 1), (enc, 2), units=4, return_sequences=True, name="decoder")
    out = b.add("Dense", dec, units=2, name="next")
    b.graph.set_outputs([out, (enc, 0)])
    graph = b.done()
    ensure_weights(graph, seed=1)
    return graph


def gru_and_simple() -> Graph:
    """A GRU giving its sequence and its state; a SimpleRNN (relu) starting from that state, giving both its own,
    each an output of the model; the GRU's state also read by a Dense."""
    b = ModelBuilder("states")
    x = b.input((4, 3), name="x")
    g = b.add("GRU", x, units=3, return_sequences=True, return_state=True, name="gru")
    r = b.add("SimpleRNN", (g, 0), (g, 1), units=3, activation="relu", return_state=True, name="rnn")
    dense = b.add("Dense", (g, 1), units=2, name="dense")
    b.graph.set_outputs([(r, 0), (r, 1), dense])
    graph = b.done()
    ensure_weights(graph, seed=2)
    return graph


def unrolled() -> Graph:
    """An LSTM whose activation ONNX's LSTM lacks (step by step there), started from an Input's states."""
    b = ModelBuilder("unrolled")
    x, h, c = b.input((3, 2), name="x"), b.input((4,), name="h"), b.input((4,), name="c")
    b.add("LSTM", x, h, c, units=4, activation="gelu", return_state=True, name="lstm")
    graph = b.done()
    ensure_weights(graph, seed=3)
    return graph


def nested_encoder() -> Graph:
    """The encoder as a nested model whose outputs are the LSTM's h and c (called twice, its weights shared); the
    decoder starts from them."""
    e = ModelBuilder("encoder")
    lstm = e.add("LSTM", e.input((5, 3), name="words"), units=4, return_state=True, name="lstm")
    e.outputs((lstm, 1), (lstm, 2))
    inner = e.done(layout=False)
    b = ModelBuilder("nested_states")
    x, d = b.input((5, 3), name="source"), b.input((6, 2), name="target")
    enc = b.add("Functional", x, name="encoder", model=inner)
    again = b.call("encoder", b.add("Activation", x, activation="tanh"))
    dec = b.add("LSTM", d, (enc, 0), (again, 1), units=4, return_state=True, name="decoder")
    b.outputs((dec, 0), (dec, 2))
    graph = b.done(layout=False)
    ensure_weights(graph, seed=4)
    return graph


GRAPHS = {
    "encoder_decoder": encoder_decoder,
    "gru_and_simple": gru_and_simple,
    "unrolled": unrolled,
    "nested_encoder": nested_encoder,
}

#: model.summary() of the Keras model keras_script(encoder_decoder()) builds (COLUMNS=200).
KERAS_SUMMARY = """\
Model: "translator"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ source (InputLayer)           │ (None, 5, 3)              │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ target (InputLayer)           │ (None, 6, 2)              │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ encoder (LSTM)                │ [(None, 4), (None, 4),    │             128 │ source[0][0]               │
│                               │ (None, 4)]                │                 │                            │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ decoder (LSTM)                │ (None, 6, 4)              │             112 │ target[0][0],              │
│                               │                           │                 │ encoder[0][1],             │
│                               │                           │                 │ encoder[0][2]              │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ next (Dense)                  │ (None, 6, 2)              │              10 │ decoder[0][0]              │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 250 (1000.00 B)
 Trainable params: 250 (1000.00 B)
 Non-trainable params: 0 (0.00 B)
"""


def test_shapes_and_summary_as_keras_prints_them():
    graph = encoder_decoder()
    analysis = graph.analysis()
    enc = next(n for n in graph.nodes if graph.nodes[n].layer == "encoder")
    assert analysis.out_shapes[enc] == ((None, 4), (None, 4), (None, 4))
    assert graph.output_count(enc) == 3
    assert summary_text(graph) == KERAS_SUMMARY
    g = gru_and_simple()
    gru = next(n for n in g.nodes if g.nodes[n].layer == "gru")
    assert g.analysis().out_shapes[gru] == ((None, 4, 3), (None, 3))
    assert get("GRU").caption({**get("GRU").default_config(), "return_state": True}) == "GRU · 32 · states"


def test_the_reference_gives_the_final_states_and_starts_from_the_given_ones():
    graph = gru_and_simple()
    xs = random_inputs(graph, batch=3)
    layers = graph.layers
    seq, h = run("GRU", layers["gru"].config, layers["gru"].weights, xs["x"])[::2]
    np.testing.assert_allclose(h[0], seq[:, -1])  # the state after the last step is the sequence's last h
    out = forward(graph, xs)
    rnn = layers["rnn"]
    y, _, (h_last,) = run("SimpleRNN", rnn.config, rnn.weights, seq, [h[0]])
    zero_start = run("SimpleRNN", rnn.config, rnn.weights, seq)[0]
    assert not np.allclose(y, zero_start)
    np.testing.assert_allclose(out["rnn"], y, rtol=1e-6)
    np.testing.assert_allclose(out["rnn_1"], h_last, rtol=1e-6)
    np.testing.assert_allclose(out["rnn"], out["rnn_1"])  # no sequences: the output is the final state


@pytest.mark.parametrize(
    ("wire", "message"),
    [
        (lambda b, x, h, c: (x, h), "LSTM's initial state is h, c: wire all 2 after the sequence, or none; got 1"),
        (lambda b, x, h, c: (x, h, b.add("Dense", c, units=3)),
         r"LSTM's initial state c must be \(None, 4\), as its units; got \(None, 3\)"),
    ],
)  # fmt: skip
def test_initial_states_that_do_not_fit_say_why(wire, message):
    b = ModelBuilder()
    x, h, c = b.input((3, 2)), b.input((4,)), b.input((4,))
    node = b.add("LSTM", *wire(b, x, h, c), units=4)
    problems = b.graph.analysis().node_problems(node)
    assert len(problems) == 1
    assert pytest.importorskip("re").search(message, problems[0]), problems


def test_keras_config_names_each_state_by_its_tensor_index_and_reads_back():
    graph = encoder_decoder()
    config = json.loads(json.dumps(model_config(graph)))
    entries = {e["name"]: e for e in config["config"]["layers"]}
    assert entries["encoder"]["config"]["return_state"] is True
    decoder = entries["decoder"]
    (call,) = decoder["inbound_nodes"]
    assert [t["config"]["keras_history"] for t in call["args"]] == [["target", 0, 0]]
    assert [t["config"]["keras_history"] for t in call["kwargs"]["initial_state"]] == [["encoder", 0, 1],
                                                                                       ["encoder", 0, 2]]  # fmt: skip
    assert decoder["build_config"] == {"shapes_dict": {"sequences_shape": [None, 6, 2],
                                                       "initial_state_shape": [[None, 4], [None, 4]]}}  # fmt: skip
    assert config["config"]["output_layers"] == [["next", 0, 0], ["encoder", 0, 0]]
    back = read_model_config(config).graph
    assert summary_text(back) == summary_text(graph)
    assert sorted((w.port, w.out) for w in back.wires_into(back.nodes_of_layer("decoder")[0])) == [(0, 0), (1, 1),
                                                                                                   (2, 2)]  # fmt: skip


def test_tf_keras_lists_the_initial_states_among_the_inputs():
    config = json.loads(json.dumps(model_config(encoder_decoder())))
    (decoder,) = [e for e in config["config"]["layers"] if e["name"] == "decoder"]
    decoder["inbound_nodes"] = [[["target", 0, 0, {}], ["encoder", 0, 1, {}], ["encoder", 0, 2, {}]]]
    back = read_model_config(config).graph
    assert summary_text(back) == KERAS_SUMMARY


def test_a_keras_call_passing_two_sequences_is_refused():
    config = json.loads(json.dumps(model_config(encoder_decoder())))
    (decoder,) = [e for e in config["config"]["layers"] if e["name"] == "decoder"]
    (call,) = decoder["inbound_nodes"]
    call["args"] = [[call["args"][0], *call["kwargs"].pop("initial_state")]]
    with pytest.raises(FileFormatError, match="LSTM takes one input; the node passes 3"):
        read_model_config(config)


def test_files_keep_the_states(tmp_path):
    from graph_core.io.keras_format import load_keras, save_keras

    graph = encoder_decoder()
    files.save(Project(graph), tmp_path / "m.lwire")
    save_keras(Project(graph), tmp_path / "m.keras")
    xs = random_inputs(graph, batch=2)
    want = forward(graph, xs)
    for loaded in (files.load(tmp_path / "m.lwire").graph, load_keras(tmp_path / "m.keras").graph):
        got = forward(loaded, xs)
        for name in want:
            np.testing.assert_allclose(got[name], want[name], rtol=1e-6, err_msg=name)


def test_the_keras_code_unpacks_the_states_and_passes_initial_state():
    code = keras_code(encoder_decoder())
    assert 'encoder = layers.LSTM(4, return_state=True, go_backwards=True, name="encoder")(source)' in code
    assert "(target, initial_state=[encoder[1], encoder[2]])" in code
    assert "outputs=[next, encoder[0]]" in code


def test_bidirectional_has_no_states_to_give():
    assert "return_state" not in {f.name for f in get("Bidirectional").fields}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_onnx_gives_the_states_as_layerwire_does(name):
    ort = pytest.importorskip("onnxruntime")
    from graph_core.io.onnx_export import to_onnx

    graph = GRAPHS[name]()
    xs = random_inputs(graph, batch=3)
    session = ort.InferenceSession(to_onnx(graph).SerializeToString(), providers=["CPUExecutionProvider"])
    got = dict(zip([o.name for o in session.get_outputs()], session.run(None, xs)))
    want = forward(graph, xs)
    assert list(got) == list(want)
    for key in want:
        np.testing.assert_allclose(got[key], want[key], rtol=1e-5, atol=1e-5, err_msg=key)


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch is not installed")
@pytest.mark.parametrize("name", list(GRAPHS))
def test_the_pytorch_script_gives_the_states(tmp_path, name):
    from tests.graph_core.test_script_export import torch_predicts_the_same

    torch_predicts_the_same(tmp_path, GRAPHS[name]())


@pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")
@pytest.mark.parametrize("name", list(GRAPHS))
def test_the_keras_script_gives_the_states(tmp_path, monkeypatch, name):
    from tests.graph_core.test_script_export import keras_script_model
    from tests.random_graphs import assert_keras_summary, assert_matches_reference, keras_predict

    graph = GRAPHS[name]()
    model = keras_script_model(graph, tmp_path)
    inputs = random_inputs(graph, batch=5)
    assert_matches_reference(graph, inputs, keras_predict(model, inputs))
    monkeypatch.setenv("COLUMNS", "200")
    assert_keras_summary(model, graph)


def test_the_step_through_shows_a_layer_giving_its_states():
    from kernels.stepper import default_targets, trace

    graph = gru_and_simple()
    xs = random_inputs(graph, batch=1)
    shown = trace(graph, xs, default_targets(graph))
    by_layer = {t.layer: t for t in shown.nodes}
    assert by_layer["gru"].value.shape == (4, 3) and "z" in by_layer["gru"].inside
    np.testing.assert_allclose(by_layer["rnn"].value, forward(graph, xs)["rnn"][0], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("sequences", [False, True])
def test_the_step_through_shows_a_view_of_a_state_as_that_state(sequences):
    """A linear Activation (a view: no step of its own) on an LSTM's c shows c, with or without the sequence."""
    from kernels.stepper import default_targets, trace

    b = ModelBuilder("m")
    lstm = b.add("LSTM", b.input((4, 3), name="x"), units=3, return_sequences=sequences, return_state=True,
                 name="lstm")  # fmt: skip
    b.add("Dense", b.add("Activation", (lstm, 2), activation="linear", name="view"), units=2, name="dense")
    graph = b.done(layout=False)
    ensure_weights(graph, seed=1)
    xs = random_inputs(graph, batch=1)
    shown = {t.layer: t for t in trace(graph, xs, default_targets(graph)).nodes}
    layer = graph.layers["lstm"]
    _, _, (_, c) = run("LSTM", layer.config, layer.weights, xs["x"])
    np.testing.assert_allclose(shown["view"].value, c[0], rtol=1e-5, atol=1e-6)
    assert shown["view"].grad is not None and np.abs(shown["view"].grad).sum() > 0


def test_the_step_through_shows_each_state_a_nested_model_gives():
    from kernels.stepper import default_targets, trace

    graph = nested_encoder()
    xs = random_inputs(graph, batch=1)
    steps = [t.layer for t in trace(graph, xs, default_targets(graph)).nodes]
    assert steps.count("encoder[0]") == 2 and steps.count("encoder[1]") == 2  # each call shows h and c
    shown = {t.layer: t for t in reversed(trace(graph, xs, default_targets(graph)).nodes)}  # the first call's
    inner = graph.layers["encoder"].inner
    layer = inner.layers["lstm"]
    _, _, (h, c) = run("LSTM", layer.config, layer.weights, xs["source"])
    np.testing.assert_allclose(shown["encoder[0]"].value, h[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(shown["encoder[1]"].value, c[0], rtol=1e-5, atol=1e-6)


def test_the_diagram_lists_the_states_and_draws_a_wire_for_each():
    from graph_core.io.diagram import layout

    boxes, arrows = layout(encoder_decoder())
    (encoder,) = [b for b in boxes if b.layer == "encoder"]
    assert "Output shape: [(None, 4), (None, 4), (None, 4)]" in encoder.lines
    assert [a for a in arrows if a[1] == "decoder"] == [("target", "decoder", 0, 3), ("encoder", "decoder", 1, 3),
                                                        ("encoder", "decoder", 2, 3)]  # fmt: skip


def test_a_nested_model_of_states_runs_inlined_and_exports():
    from kernels.executor import predict

    graph = nested_encoder()
    xs = random_inputs(graph, batch=3)
    want = forward(graph, xs)
    got = predict(graph, xs)
    for name in want:
        np.testing.assert_allclose(got[name], want[name], rtol=2e-5, atol=2e-5, err_msg=name)
    back = read_model_config(json.loads(json.dumps(model_config(graph)))).graph
    assert summary_text(back) == summary_text(graph)


def test_turning_the_states_off_takes_their_wires_and_marks_with_it_and_undo_brings_them_back(tmp_path):
    from graph_core import edits
    from graph_core.errors import EditError

    graph = encoder_decoder()
    enc = next(n for n in graph.nodes if graph.nodes[n].layer == "encoder")
    graph.set_outputs([*graph.explicit_outputs, (enc, 2)])
    before = (list(graph.wires()), graph.explicit_outputs)
    edit = edits.SetConfig("encoder", {"return_state": False})
    edit.apply(graph)
    assert not any(w.src == enc and w.out > 0 for w in graph.wires())
    assert (enc, 2) not in graph.explicit_outputs and (enc, 0) in graph.explicit_outputs
    files.save(Project(graph), tmp_path / "m.lwire")
    files.load(tmp_path / "m.lwire")  # the file opens again
    edit.revert(graph)
    assert (list(graph.wires()), graph.explicit_outputs) == before
    graph.set_models({"states": [(enc, 1)]})  # a named model giving a state: refused, nothing changed
    with pytest.raises(EditError, match="the model states gives an output of encoder"):
        edits.SetConfig("encoder", {"return_state": False}).apply(graph)
    assert graph.layers["encoder"].config["return_state"] and list(graph.wires()) == before[0]


def test_the_node_badges_of_an_encoder_read_through_its_states():
    """The guide's `_, h, c = encoder(x)`: nothing reads the encoder's first output, yet its gradient (the node
    badge's) is the states', not zero."""
    from graph_core.settings import TrainingSettings
    from kernels.datasets import Dataset
    from kernels.probe import NodeProbe
    from kernels.training import Trainer

    b = ModelBuilder("m")
    enc = b.add("LSTM", b.input((5, 3), name="x"), units=4, return_state=True, name="enc")
    dec = b.add("LSTM", b.input((4, 2), name="y"), (enc, 1), (enc, 2), units=4, name="dec")
    b.add("Dense", dec, units=1, name="out")
    graph = b.done(layout=False)
    ensure_weights(graph, seed=3)
    rng = np.random.default_rng(0)
    x = {"x": rng.standard_normal((8, 5, 3)).astype(np.float32), "y": rng.standard_normal((8, 4, 2)).astype(np.float32)}
    y = {"out": rng.standard_normal((8, 1)).astype(np.float32)}
    trainer = Trainer(graph, TrainingSettings(loss="mse"), Dataset(x, y))
    stats = NodeProbe(trainer, x, y).measure()
    node = next(n for n in graph.nodes if graph.nodes[n].layer == "enc")
    assert stats[node].gradient > 1e-5 and stats[node].activation > 0
