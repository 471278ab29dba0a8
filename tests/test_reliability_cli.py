"""Hostile files through real ``python main.py`` processes: one line on stderr, exit 1, nothing written."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SPIRAL = json.loads((ROOT / "resources" / "examples" / "spiral.lwire").read_text())


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def with_units(units: int) -> str:
    doc = json.loads(json.dumps(SPIRAL))
    next(l for l in doc["model"]["layers"] if l["name"] == "dense")["config"]["units"] = units
    doc["weights"] = {}
    return json.dumps(doc)


def refused(result: subprocess.CompletedProcess, *texts: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("layerwire: error: "), result.stderr
    for text in texts:
        assert text in result.stderr, result.stderr


COMMANDS = [
    ("predict", "--input", "x.npy", "-o", "out.npy"),
    ("train", "--data", "spiral", "-o", "out.lwire"),
    ("export", "--format", "keras", "-o", "out.keras"),
    ("export", "--format", "onnx", "-o", "out.onnx"),
    ("import", "-o", "out.lwire"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    np.save(tmp_path / "x.npy", np.zeros((3, 2), np.float32))
    (tmp_path / "units_1e12.lwire").write_text(with_units(10**12))
    (tmp_path / "units_2e9.lwire").write_text(with_units(2 * 10**9))
    return tmp_path


def command(name: str, model: str) -> list[str]:
    for c in COMMANDS:
        if c[0] == name:
            return [c[0], model, *c[1:]]
    raise KeyError(name)


@pytest.mark.parametrize("name", ["predict", "train", "export"])
def test_a_dense_layer_of_a_trillion_units_is_refused_with_its_size(folder, name):
    result = run(folder, *command(name, "units_1e12.lwire"))
    refused(result, "units=1000000000000", "3.6 TiB")
    assert not list(folder.glob("out.*"))


@pytest.mark.parametrize("name", ["predict", "train", "export"])
def test_two_billion_units_are_refused_before_allocating_with_the_estimate(folder, name):
    result = run(folder, *command(name, "units_2e9.lwire"))
    refused(result, "GB")
    assert "499.2 GB" in result.stderr or "TB of memory" in result.stderr
    assert not list(folder.glob("out.*"))


def test_a_keras_zip_bomb_and_deep_json_are_refused(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("config.json", b" " * (100 << 20))
        zf.writestr("model.weights.h5", b"x")
    (folder / "bomb.keras").write_bytes(buf.getvalue())
    refused(run(folder, "import", "bomb.keras", "-o", "out.lwire"), "100 MiB uncompressed")
    (folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    refused(run(folder, "import", "deep.json", "-o", "out.lwire"), "nests deeper")
    assert not list(folder.glob("out.*"))


def test_an_npz_bomb_is_refused_by_predict_and_train(folder):
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": "<f4", "fortran_order": False, "shape": (10**10, 2)})
    with zipfile.ZipFile(folder / "bomb.npz", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x.npy", buf.getvalue() + bytes(1 << 20))
        zf.writestr("y.npy", buf.getvalue())
    (folder / "m.lwire").write_text(json.dumps(SPIRAL))
    refused(run(folder, "predict", "m.lwire", "--input", "bomb.npz", "-o", "out.npy"), "would take 74.5 GB")
    refused(run(folder, "train", "m.lwire", "--data", "bomb.npz", "-o", "out.lwire"), "would take 74.5 GB")
    assert not list(folder.glob("out.*"))
