"""The command line, run as a user runs it: a real process, real files."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.examples import build
from graph_core.io import files
from graph_core.model import ensure_weights
from graph_core.reference import forward

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, text: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("layerwire: error: ")
    assert text in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_summary_prints_the_seeds_numbers():
    result = run("summary", str(EXAMPLES / "mnist_model.lwire"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == 'Model: "mnist_model"'
    assert "│ dense (Dense)                        │ (None, 64)                  │          50,240 │" in lines
    assert "4,160" in result.stdout and "650" in result.stdout
    assert lines[-3:] == [
        " Total params: 55,050 (215.04 KB)",
        " Trainable params: 55,050 (215.04 KB)",
        " Non-trainable params: 0 (0.00 B)",
    ]
    assert all(len(line) == 88 for line in lines[1:-3])  # full width though stdout is a pipe


def test_help_on_every_command():
    for command in ([], ["summary"], ["import"], ["export"], ["predict"]):
        result = run(*command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout


@pytest.mark.parametrize("suffix", [".npy", ".npz"])
def test_predict_matches_the_reference(tmp_path, suffix):
    project = files.load(EXAMPLES / "mnist_model.lwire")
    x = np.random.default_rng(1).normal(size=(7, 784)).astype(np.float32)
    source = tmp_path / f"x{suffix}"
    if suffix == ".npy":
        np.save(source, x)
    else:
        np.savez(source, input_layer=x)
    out = tmp_path / "y.npy"
    result = run("predict", str(EXAMPLES / "mnist_model.lwire"), "--input", str(source), "-o", str(out), "--reference")
    assert result.returncode == 0, result.stderr
    np.testing.assert_allclose(np.load(out), forward(project.graph, {"input_layer": x})["dense_2"], rtol=1e-6)


def test_predict_several_outputs_to_npz(tmp_path):
    project = build("multi_io")
    model = tmp_path / "multi.lwire"
    files.save(project, model)
    rng = np.random.default_rng(2)
    inputs = {"text_features": rng.normal(size=(3, 32)), "metadata": rng.normal(size=(3, 8))}
    np.savez(tmp_path / "in.npz", **inputs)
    out = tmp_path / "out.npz"
    result = run("predict", str(model), "--input", str(tmp_path / "in.npz"), "-o", str(out), "--reference")
    assert result.returncode == 0, result.stderr
    with np.load(out) as written:
        assert sorted(written.files) == ["department", "priority"]
        np.testing.assert_allclose(written["department"].sum(axis=1), 1.0, rtol=1e-5)
    bad = run("predict", str(model), "--input", str(tmp_path / "in.npz"), "-o", str(tmp_path / "y.npy"), "--reference")
    assert_one_line_error(bad, 1, "2 outputs")
    assert not (tmp_path / "y.npy").exists()


def test_usage_errors_exit_2(tmp_path):
    assert_one_line_error(run("summary"), 2, "required")
    result = run("export", str(EXAMPLES / "spiral.lwire"), "--format", "nope", "-o", "x")
    assert_one_line_error(result, 2, "nope")
    assert result.stderr.rstrip().endswith("(see python main.py export --help)")  # a command one can type
    result = run("import", str(EXAMPLES / "spiral.lwire"), "-o", str(tmp_path / "out.txt"))
    assert_one_line_error(result, 2, "must end in .lwire")


def test_failures_exit_1_and_write_nothing(tmp_path):
    damaged = tmp_path / "damaged.lwire"
    damaged.write_bytes((EXAMPLES / "mnist_model.lwire").read_bytes()[:5000])
    out = tmp_path / "out.npy"
    x = tmp_path / "x.npy"
    np.save(x, np.zeros((2, 784), np.float32))
    for args in (
        ["summary", str(damaged)],
        ["import", str(damaged), "-o", str(tmp_path / "o.lwire")],
        ["export", str(damaged), "--format", "summary", "-o", str(tmp_path / "o.txt")],
        ["predict", str(damaged), "--input", str(x), "-o", str(out)],
        ["summary", str(tmp_path / "missing.lwire")],
        ["summary", str(x)],
    ):
        assert_one_line_error(run(*args), 1, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.lwire", "x.npy"]


def test_predict_refuses_data_that_does_not_fit(tmp_path):
    x = tmp_path / "x.npy"
    np.save(x, np.zeros((2, 10), np.float32))
    result = run("predict", str(EXAMPLES / "mnist_model.lwire"), "--input", str(x), "-o", str(tmp_path / "y.npy"))
    assert_one_line_error(result, 1, "expects samples of shape (784,); received an array of shape (2, 10)")
    np.save(x, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    result = run("predict", str(EXAMPLES / "mnist_model.lwire"), "--input", str(x), "-o", str(tmp_path / "y.npy"))
    assert_one_line_error(result, 1, "Python objects")


def test_import_then_summary_roundtrip(tmp_path):
    out = tmp_path / "copy.lwire"
    result = run("import", str(EXAMPLES / "shared_layer.lwire"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (EXAMPLES / "shared_layer.lwire").read_bytes()


def test_export_summary_text(tmp_path):
    out = tmp_path / "summary.txt"
    assert run("export", str(EXAMPLES / "mnist_model.lwire"), "--format", "summary", "-o", str(out)).returncode == 0
    assert "Total params: 55,050 (215.04 KB)" in out.read_text(encoding="utf-8")


def test_export_refuses_an_extension_that_disagrees_with_the_format(tmp_path):
    out = tmp_path / "a.svg"
    result = run("export", str(EXAMPLES / "spiral.lwire"), "--format", "png", "-o", str(out))
    assert_one_line_error(result, 2, "--format png writes .png files; received")
    assert not out.exists()
    result = run("export", str(EXAMPLES / "spiral.lwire"), "--format", "torch-py", "-o", str(tmp_path / "m.onnx"))
    assert_one_line_error(result, 2, "--format torch-py writes .py files")


@pytest.mark.parametrize("fmt", ["png", "svg", "onnx", "npz", "keras-py", "torch-py"])
def test_export_formats(tmp_path, fmt):
    suffix = {"keras-py": ".py", "torch-py": ".py"}.get(fmt, f".{fmt}")
    out = tmp_path / f"model{suffix}"
    result = run("export", str(EXAMPLES / "multi_io.lwire"), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    magic = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "npz": b"PK"}
    assert data.startswith(magic.get(fmt, b"")) and len(data) > 100


def test_an_input_leading_to_no_output_is_a_warning_on_stderr_and_the_model_runs(tmp_path):
    b = ModelBuilder("unused")
    b.input((4,), name="a")
    b.add("Dense", b.input((2,), name="c"), units=3, name="d")
    files.save(files.Project(b.done()), tmp_path / "m.lwire")
    rng = np.random.default_rng(0)
    x = {"a": rng.normal(size=(5, 4)).astype(np.float32), "c": rng.normal(size=(5, 2)).astype(np.float32)}
    np.savez(tmp_path / "x.npz", **x)
    warning = "layerwire: warning: a: this Input does not lead to any output; the model still takes its data"
    result = run("summary", str(tmp_path / "m.lwire"))
    assert result.returncode == 0 and result.stderr.startswith(warning) and result.stderr.count("\n") == 1
    assert "│ a (InputLayer)" in result.stdout
    model, x_file, y_file = (str(tmp_path / name) for name in ("m.lwire", "x.npz", "y.npy"))
    result = run("predict", model, "--input", x_file, "-o", y_file)
    assert result.returncode == 0 and result.stderr.startswith(warning)
    project = files.load(tmp_path / "m.lwire")
    ensure_weights(project.graph, seed=0)  # what predict does with a model that has none yet
    np.testing.assert_allclose(np.load(tmp_path / "y.npy"), forward(project.graph, x)["d"], rtol=1e-5, atol=1e-6)


def test_install_desktop_writes_a_menu_entry_that_starts_this_editor(tmp_path):
    import shlex

    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"), PATH=os.defpath)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--install-desktop"], capture_output=True,
                          text=True, env=env, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "share" / "applications" / "layerwire.desktop").read_text()
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "layerwire.svg"
    assert "<svg" in icon.read_text()
    assert f"Icon={icon}\n" in entry and "Type=Application\n" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    command = shlex.split(exec_line.removeprefix("Exec="))
    assert command == [sys.executable, str(ROOT / "main.py"), "%f"]  # no layerwire-editor on this PATH: this Python
