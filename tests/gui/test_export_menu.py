"""File → Export As writes every format the command line exports, from the open document."""

import ast

import numpy as np
import pytest
from PySide6.QtGui import QImage

from graph_core.examples import build
from gui.document import Document
from gui.files_menu import EXPORT_CHOICES


@pytest.fixture
def multi_io_window(make_window):
    return make_window(Document(build("multi_io")))


def test_the_menu_lists_every_format(multi_io_window):
    texts = [a.text() for a in multi_io_window.files.export_menu.actions()]
    assert len(texts) == len(EXPORT_CHOICES)
    assert any("ONNX" in t for t in texts) and any("PyTorch" in t for t in texts)


@pytest.mark.parametrize(("fmt", "name"), [("onnx", "m.onnx"), ("keras-py", "m.py"), ("torch-py", "t.py"),
                                           ("npz", "w.npz"), ("summary", "s.txt"), ("plot", "p.png"),
                                           ("plot", "p.svg")])  # fmt: skip
def test_each_format_is_written(multi_io_window, tmp_path, fmt, name):
    path = tmp_path / name
    multi_io_window.files.write_export(fmt, path)
    data = path.read_bytes()
    if fmt in ("keras-py", "torch-py"):
        ast.parse(data.decode())
        assert path.with_suffix(".npz").exists()
    elif fmt == "npz":
        with np.load(path) as w:
            assert "priority/kernel" in w.files
    elif fmt == "summary":
        assert b'Model: "ticket_classifier"' in data
    elif fmt == "plot" and name.endswith(".png"):
        assert not QImage(str(path)).isNull()
    elif fmt == "plot":
        assert data.startswith(b"<svg")
    else:
        import onnx

        assert [o.name for o in onnx.load_from_string(data).graph.output] == ["priority", "department"]


def test_keras_training_script_from_the_menu(make_window, tmp_path, monkeypatch, errors):
    from PySide6.QtWidgets import QFileDialog

    window = make_window(Document(build("moons_classifier")))
    window.training.form.epochs.setValue(7)  # what the dock shows is what the script trains
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "moons_train"), ""))
    window.files.export_as("keras-train")
    text = (tmp_path / "moons_train.py").read_text(encoding="utf-8")
    assert "epochs=7" in text and "model.fit(" in text
    assert (tmp_path / "moons_train_data.npz").exists() and (tmp_path / "moons_train_weights.npz").exists()
    assert not errors
    spiral = make_window(Document(build("spiral")))  # no data set chosen yet: one message, nothing written
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "spiral.py"), ""))
    spiral.files.export_as("keras-train")
    assert errors and "no data set in its training settings" in errors[-1][1]
    assert not (tmp_path / "spiral.py").exists() and not (tmp_path / "spiral_data.npz").exists()
