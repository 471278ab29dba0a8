"""Keras 2 ``.h5`` model files: real files Keras 2 wrote (tools/make_keras2_files.py, tf_keras 2.21),
read into models that predict what Keras 2 predicted; and damaged or foreign HDF5 files refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

from graph_core.errors import FileFormatError
from graph_core.io import files, keras_format
from graph_core.io.interop import load_any
from graph_core.io.keras_h5 import load_keras_h5
from graph_core.model import input_names, output_names
from graph_core.reference import forward
from graph_core.summary import summary_text
from kernels.executor import predict

ROOT = Path(__file__).resolve().parents[2]
KERAS2 = ROOT / "tests" / "data" / "keras2"
NAMES = sorted(p.stem for p in KERAS2.glob("*.h5"))


def _recorded(name: str) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    data = np.load(KERAS2 / f"{name}.npz")
    inputs = {k.removeprefix("in/"): data[k] for k in data.files if k.startswith("in/")}
    outputs = {k.removeprefix("out/"): data[k] for k in data.files if k.startswith("out/")}
    return inputs, outputs


def test_the_files_cover_the_guides_kinds_of_model() -> None:
    kinds = ["autoencoder", "convnet", "mnist_model", "nested", "recurrent", "sequences", "tickets", "toy_resnet",
             "two_heads"]  # fmt: skip
    assert NAMES == kinds


@pytest.mark.parametrize("name", NAMES)
def test_a_keras2_file_predicts_what_keras2_predicted(name: str) -> None:
    project = load_any(KERAS2 / f"{name}.h5")
    graph = project.graph
    inputs, outputs = _recorded(name)
    assert input_names(graph) == list(inputs) and output_names(graph) == list(outputs)
    for run in (forward, predict):  # the numpy reference and the kernels
        got = run(graph, inputs)
        for key, want in outputs.items():
            np.testing.assert_allclose(got[key], want, rtol=1e-5, atol=1e-5, err_msg=f"{run.__module__} {key}")


def test_what_the_files_hold() -> None:
    mnist = load_keras_h5(KERAS2 / "mnist_model.h5").graph
    text = summary_text(mnist)
    assert text.startswith('Model: "mnist_model"') and "Total params: 55,050 (215.04 KB)" in text
    tickets = load_keras_h5(KERAS2 / "tickets.h5").graph
    analysis = tickets.analysis()
    assert analysis.valid and [tickets.nodes[n].layer for n in analysis.unused_inputs] == ["spare"]
    assert len(tickets.nodes_of_layer("shared")) == 2  # one layer called twice
    convnet = load_keras_h5(KERAS2 / "convnet.h5").graph  # a Sequential, with BatchNormalization's statistics
    assert convnet.layers["batch_normalization"].weights["moving_variance"].min() >= 0.5


def test_a_keras2_model_goes_on_as_a_keras3_file(tmp_path: Path) -> None:
    project = load_keras_h5(KERAS2 / "toy_resnet.h5")
    keras_format.save_keras(project, tmp_path / "toy_resnet.keras")
    again = keras_format.load_keras(tmp_path / "toy_resnet.keras")
    inputs, outputs = _recorded("toy_resnet")
    np.testing.assert_allclose(forward(again.graph, inputs)["dense_5"], outputs["dense_5"], rtol=1e-5, atol=1e-5)


def test_import_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "m.lwire"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(KERAS2 / "sequences.h5"), "-o",
                           str(out)], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    inputs, outputs = _recorded("sequences")
    np.testing.assert_allclose(forward(files.load(out).graph, inputs)["dense_6"], outputs["dense_6"], atol=1e-5)
    bad = tmp_path / "bad.h5"
    bad.write_bytes((KERAS2 / "sequences.h5").read_bytes()[:3000])
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(bad), "-o", str(tmp_path / "x.lwire")],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "bad.h5 is not a readable HDF5 model file" in done.stderr
    assert not (tmp_path / "x.lwire").exists()


def _copy(tmp_path: Path, name: str = "mnist_model") -> Path:
    path = tmp_path / f"{name}.h5"
    shutil.copy(KERAS2 / f"{name}.h5", path)
    return path


def _refused(path: Path, *fragments: str) -> None:
    with pytest.raises(FileFormatError) as raised:
        load_keras_h5(path)
    for fragment in fragments:
        assert fragment in str(raised.value), str(raised.value)


def test_damaged_and_foreign_files_are_refused_with_what_was_expected(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes((KERAS2 / "mnist_model.h5").read_bytes()[:5000])
    _refused(truncated, "truncated.h5 is not a readable HDF5 model file")
    text = tmp_path / "text.h5"
    text.write_text("not hdf5")
    _refused(text, "text.h5 is not a readable HDF5 model file")
    weights_only = tmp_path / "weights.h5"
    with h5py.File(weights_only, "w") as h5:  # what model.save_weights("w.h5") writes: no config
        h5.attrs["layer_names"] = np.array([b"dense"])
    _refused(weights_only, "a weights-only file (model.save_weights)", "model.save('model.h5')")
    with h5py.File(tmp_path / "empty.h5", "w"):
        pass
    _refused(tmp_path / "empty.h5", "an HDF5 file without a model")
    folder = tmp_path / "folder.h5"
    folder.mkdir()
    _refused(folder, "is a folder, not a file")


def test_weights_that_do_not_fit_are_refused_before_they_are_read(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    with h5py.File(path, "r+") as h5:
        del h5["model_weights/dense_1/dense_1/kernel:0"]
        h5["model_weights/dense_1/dense_1/kernel:0"] = np.zeros((64, 65), np.float32)
    _refused(path, "layer 'dense_1' (Dense) kernel: expected shape (64, 64); found (64, 65)")
    path = _copy(tmp_path)
    with h5py.File(path, "r+") as h5:
        del h5["model_weights/dense/dense/bias:0"]
        h5["model_weights/dense/dense/bias:0"] = np.zeros(64, np.int32)
    _refused(path, "expected float weights; found int32")
    path = _copy(tmp_path)
    with h5py.File(path, "r+") as h5:
        h5["model_weights/dense_2/dense_2/bias:0"][0] = np.nan
    _refused(path, "the weights hold NaN or infinite values")
    path = _copy(tmp_path)
    with h5py.File(path, "r+") as h5:
        h5["model_weights/dense"].attrs["weight_names"] = np.array([b"dense/kernel:0"])
    _refused(path, "expected the weights kernel, bias; the file lists dense/kernel:0")
    path = _copy(tmp_path)
    with h5py.File(path, "r+") as h5:
        del h5["model_weights/dense_1"]
    _refused(path, "layer 'dense_1' (Dense): expected its weights in model_weights/dense_1")


def test_links_inside_the_file_are_refused(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    outside = tmp_path / "outside.h5"
    with h5py.File(outside, "w") as h5:
        h5["kernel"] = np.zeros((784, 64), np.float32)
    with h5py.File(path, "r+") as h5:
        del h5["model_weights/dense/dense/kernel:0"]
        h5["model_weights/dense/dense/kernel:0"] = h5py.ExternalLink(str(outside), "kernel")
    _refused(path, "the file links 'kernel:0' elsewhere (ExternalLink); refused")


def test_a_config_keras_2_wrote_that_layerwire_cannot_build_names_the_layer(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    with h5py.File(path, "r+") as h5:
        config = h5.attrs["model_config"]
        h5.attrs["model_config"] = config.replace('"class_name": "Dense"', '"class_name": "MultiHeadAttention"', 1)
    _refused(path, "the model uses MultiHeadAttention (layer 'dense'), which Layerwire does not have")


def test_a_keras2_file_keeps_its_models_called_as_layers() -> None:
    graph = load_any(KERAS2 / "nested.h5").graph
    middle = graph.layers["middle"].inner
    assert middle is not None and len(middle.nodes_of_layer("encoder")) == 2  # called twice, one set of weights
    assert summary_text(graph).count("(Functional)") == 1 and " Total params: 93 " in summary_text(graph)


def test_a_nested_models_weights_that_do_not_match_are_refused(tmp_path: Path) -> None:
    import shutil

    import h5py

    copy = tmp_path / "nested.h5"
    shutil.copy(KERAS2 / "nested.h5", copy)
    with h5py.File(copy, "r+") as h5:
        group = h5["model_weights/middle"]
        group.attrs["weight_names"] = list(group.attrs["weight_names"])[:-1]
    with pytest.raises(FileFormatError, match="layer 'middle' \\(Functional\\): expected the weights"):
        load_any(copy)
