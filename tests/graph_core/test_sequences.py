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


def conv_text_model(strided_same: bool = True) -> Graph:
    """Embedding, then Conv1D and 1-D pooling on a sequence of any length (the usual text convnet), an LSTM."""
    b = ModelBuilder("text_conv")
    ids = b.add("InputLayer", shape=(None,), dtype="int32", name="ids")
    x = b.add("Embedding", ids, input_dim=50, output_dim=8)
    x = b.add("Conv1D", x, filters=6, kernel_size=3, padding="same", strides=2 if strided_same else 1,
              activation="relu")  # fmt: skip
    x = b.add("MaxPooling1D", x, pool_size=2)
    x = b.add("Conv1D", x, filters=5, kernel_size=2, padding="causal", dilation_rate=2)
    x = b.add("AveragePooling1D", x, pool_size=3, strides=1, padding="same")
    x = b.add("LSTM", x, units=4, return_sequences=True)
    b.add("Dense", b.add("GlobalMaxPooling1D", x), units=3, name="out")
    graph = b.done()
    ensure_weights(graph, seed=2)
    return graph


LENGTHS = (4, 9, 16)


def _ids(length: int, batch: int = 3) -> dict[str, np.ndarray]:
    return {"ids": np.random.default_rng(length).integers(0, 50, (batch, length)).astype(np.int32)}


def test_convolutions_and_pooling_take_sequences_of_any_length():
    graph = conv_text_model()
    rows = {r.layer: r.output_shape for r in summary_rows(graph)[0]}
    assert rows["conv1d"] == rows["max_pooling1d"] == "(None, None, 6)"
    assert rows["average_pooling1d"] == "(None, None, 5)" and rows["out"] == "(None, 3)"
    for length in LENGTHS:
        xs = _ids(length)
        np.testing.assert_allclose(predict(graph, xs)["out"], reference.forward(graph, xs)["out"], rtol=1e-5,
                                   atol=1e-6)  # fmt: skip
    with pytest.raises(DataError) as raised:  # two steps, halved by the strided convolution: none left to pool
        predict(graph, _ids(2))
    assert str(raised.value) == (
        "The data's sizes ids (2,) do not fit the model: max_pooling1d: MaxPooling1D with pool_size 2 needs at "
        "least 2 steps; got (None, 1, 6)"
    )


def test_onnx_runs_sequences_of_any_length_as_layerwire_does():
    ort = pytest.importorskip("onnxruntime")
    from graph_core.io.onnx_export import to_onnx

    graph = conv_text_model()
    model = to_onnx(graph)
    (ids,) = model.graph.input
    assert not ids.type.tensor_type.shape.dim[1].HasField("dim_value")  # the length stays open
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    for length in LENGTHS:  # the strided "same" convolution pads by each length (SAME_UPPER, as Keras)
        xs = _ids(length)
        (got,) = session.run(None, xs)
        np.testing.assert_allclose(got, reference.forward(graph, xs)["out"], rtol=1e-5, atol=1e-5)


def test_pytorch_export_of_a_strided_same_window_over_any_length_says_what_to_do():
    from graph_core.errors import ExportError
    from graph_core.io.script_export import torch_script

    with pytest.raises(ExportError) as raised:
        torch_script(conv_text_model())
    assert str(raised.value) == (
        "Conv1D pads a sequence of any length by its length (strides over 1 with padding 'same'); PyTorch's layer "
        "takes a fixed padding: give the Input a length to export to PyTorch"
    )
    assert "nn.Conv1d(8, 6, (3,)" in torch_script(conv_text_model(strided_same=False))  # padding known: exported


@pytest.mark.skipif(__import__("importlib").util.find_spec("torch") is None, reason="PyTorch is not installed")
def test_pytorch_script_runs_sequences_of_any_length(tmp_path):
    import torch

    from graph_core.io.interop import export_model

    graph = conv_text_model(strided_same=False)
    path = tmp_path / "model.py"
    export_model(Project(graph), "torch-py", path)
    namespace: dict = {"__name__": "exported", "__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    cls = next(v for k, v in namespace.items() if isinstance(v, type) and issubclass(v, torch.nn.Module)
               and v.__module__ == "exported" and not k.startswith("Keras"))  # fmt: skip
    model = cls()
    namespace["load_weights"](model, str(path.with_suffix(".npz")))
    model.eval()
    for length in LENGTHS:
        xs = _ids(length)
        with torch.no_grad():
            got = model(torch.from_numpy(xs["ids"]))
        np.testing.assert_allclose(got.numpy(), reference.forward(graph, xs)["out"], rtol=1e-5, atol=1e-5)


def test_keras_runs_our_file_on_sequences_of_any_length(tmp_path):
    keras = pytest.importorskip("keras")
    from graph_core.io.keras_format import save_keras

    graph = conv_text_model()
    save_keras(Project(graph), tmp_path / "m.keras")
    model = keras.saving.load_model(tmp_path / "m.keras")
    assert model.input_shape == (None, None)
    for length in LENGTHS:
        xs = _ids(length)
        got = np.asarray(model.predict(xs["ids"], verbose=0))
        np.testing.assert_allclose(got, reference.forward(graph, xs)["out"], rtol=1e-5, atol=1e-5)
