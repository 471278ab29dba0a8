"""Sequences: token ids, sizes left open and recurrent layers, and the bad input around them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph_core import reference
from graph_core.builder import ModelBuilder
from graph_core.errors import DataError, FileFormatError
from graph_core.examples import build
from graph_core.graph import Graph
from graph_core.io import files
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config, read_model_config
from graph_core.model import ensure_weights
from graph_core.summary import summary_rows, summary_text
from kernels.executor import predict

ROOT = Path(__file__).resolve().parents[2]


def text_model(dtype: str = "int32") -> Graph:
    b = ModelBuilder("text")
    ids = b.add("InputLayer", shape=(None,), dtype=dtype, name="ids")
    x = b.add("Embedding", ids, input_dim=50, output_dim=4)
    b.add("Dense", b.add("GRU", x, units=3), units=2, name="out")
    graph = b.done()
    ensure_weights(graph, seed=1)
    return graph


def test_a_size_left_open_flows_through_and_any_length_runs():
    graph = text_model()
    rows = {r.layer: r.output_shape for r in summary_rows(graph)[0]}
    assert (rows["ids"], rows["embedding"], rows["gru"]) == ("(None, None)", "(None, None, 4)", "(None, 3)")
    for steps in (1, 5, 17):
        ids = np.random.default_rng(steps).integers(0, 50, (3, steps)).astype(np.int32)
        np.testing.assert_allclose(predict(graph, {"ids": ids})["out"], reference.forward(graph, {"ids": ids})["out"],
                                   rtol=1e-5, atol=1e-6)  # fmt: skip


def test_files_keep_open_sizes_and_token_dtypes(tmp_path):
    graph = text_model()
    config = model_config(graph)
    (entry,) = [e for e in config["config"]["layers"] if e["name"] == "ids"]
    assert (entry["config"]["batch_shape"], entry["config"]["dtype"]) == ([None, None], "int32")
    again = read_model_config(json.loads(json.dumps(config))).graph
    assert again.layers["ids"].config == {"shape": (None,), "dtype": "int32"}
    files.save(Project(graph), tmp_path / "t.lwire")
    assert files.load(tmp_path / "t.lwire").graph.structure() == graph.structure()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            np.array([[1, 2, 60]]),
            r"embedding \(Embedding\) takes token ids from 0 to 49 \(input_dim=50\); the data holds 60",
        ),
        (np.array([[1, -2, 3]]), "the data holds -2"),
        (np.array([[0.5, 1.0]]), "Input 'ids' takes token ids \\(int32\\); received an array of float64"),
        ([[1, 2, 3], [4, 5]], "Input 'ids' holds sequences of different lengths; pad them to one length"),
        (np.zeros((2, 3, 1), np.int32), "Input 'ids' expects samples of shape \\(None,\\); received an array of shape"),
    ],
)
def test_bad_token_data_gets_one_clear_message(data, message):
    graph = text_model()
    for run in (predict, reference.forward):
        with pytest.raises(DataError, match=message):
            run(graph, {"ids": data})


def test_a_float_input_of_token_ids_must_hold_whole_numbers():
    graph = text_model("float32")
    with pytest.raises(DataError, match="embedding \\(Embedding\\) takes whole token ids; received 1.5"):
        predict(graph, {"ids": np.array([[1.0, 1.5]], np.float32)})


def test_models_the_layers_cannot_run_say_why():
    b = ModelBuilder("bad")
    flat = b.input((8,), name="flat")
    lstm = b.add("LSTM", flat, units=3)
    ids = b.add("InputLayer", shape=(4,), dtype="int32", name="ids")
    dense = b.add("Dense", ids, units=2)
    computed = b.add("Embedding", b.add("Dense", flat, units=4), input_dim=10, output_dim=2)
    graph = b.done()
    problems = {p.node: p.message for p in graph.analysis().problems}
    assert problems[lstm] == "lstm: LSTM needs a sequence (batch, steps, features); got (None, 8)"
    assert problems[dense] == "dense: Dense takes numbers; ids gives token ids (int32): put an Embedding after it"
    assert problems[computed] == "embedding: Embedding reads token ids from an Input; dense_1 computes its values"


@pytest.mark.parametrize(
    ("layer", "key", "value", "message"),
    [
        ("embedding", "mask_zero", True, "Embedding mask_zero=True .* is not supported"),
        ("gru", "return_state", True, "return_state"),
        ("gru", "dropout", 0.2, "Layerwire has no dropout inside a recurrent cell"),
        ("gru", "reset_after", False, "reset_after=True"),
        ("gru", "stateful", True, "Layerwire starts each batch from a zero state"),
    ],
)
def test_a_keras_file_asking_for_what_layerwire_lacks_is_refused_with_the_reason(layer, key, value, message):
    config = model_config(text_model())
    (entry,) = [e for e in config["config"]["layers"] if e["name"] == layer]
    entry["config"][key] = value
    with pytest.raises(FileFormatError, match=message):
        read_model_config(config)


def test_unrolled_keras_layers_load_as_the_same_numbers():
    config = model_config(text_model())
    (entry,) = [e for e in config["config"]["layers"] if e["name"] == "gru"]
    entry["config"]["unroll"] = True
    graph = read_model_config(config).graph
    assert graph.layers["gru"].config["unroll"] is True


def test_the_guides_ticket_model_has_the_guides_parameters_and_trains_on_the_command_line(tmp_path):
    project = build("tickets")
    assert " Total params: 1,392,097 (5.31 MB)" in summary_text(project.graph)
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "tickets.npz", title=rng.integers(0, 10000, (64, 10)), body=rng.integers(0, 10000, (64, 20)),
             tags=rng.integers(0, 2, (64, 12)).astype(np.float32), priority=rng.random((64, 1)).astype(np.float32),
             department=np.eye(4, dtype=np.float32)[rng.integers(0, 4, 64)])  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "train", str(ROOT / "resources/examples/tickets.lwire"), "--data",
         str(tmp_path / "tickets.npz"), "--epochs", "1", "-o", str(tmp_path / "trained.lwire")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    trained = files.load(tmp_path / "trained.lwire")
    assert trained.graph.layers["lstm"].weights["kernel"].shape == (64, 512)
    assert set(trained.history[-1]["epochs"][-1]) >= {"loss", "priority_loss", "department_loss"}
