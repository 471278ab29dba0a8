"""The File menu: open, save, recent files, examples, import/export .keras, diagrams, unsaved changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from graph_core.builder import ModelBuilder
from graph_core.io.files import Project, load, save
from gui import diagram
from gui.files_menu import examples, recent_files
from tests.gui.gestures import add_by_drop

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def mnist_file(path: Path) -> Path:
    b = ModelBuilder("mnist_model")
    x = b.input((784,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=10)
    save(Project(b.done()), path)
    return path


def test_open_file_fills_the_window_and_recent_files(qtbot, window, tmp_path, monkeypatch):
    path = mnist_file(tmp_path / "m.lwire")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.document.path == path
    assert len(window.scene.node_items) == 4
    assert window.windowTitle().startswith("mnist_model — m.lwire")
    window.scene.select_nodes([])  # the inspector shows the model: rename it there
    name = window.inspector.widgets["__model__"]
    name.setText("digits_mlp")
    name.editingFinished.emit()
    assert window.windowTitle().startswith("digits_mlp — m.lwire")
    window.act_undo.trigger()
    assert window.windowTitle().startswith("mnist_model — m.lwire")
    assert recent_files() == [str(path.resolve())]
    window.files._fill_recent()
    assert [a.text() for a in window.files.recent_menu.actions()][0] == "m.lwire"
    assert window.params.text() == "Total params: 55,050"


def test_a_bad_file_shows_an_error_and_keeps_the_document(qtbot, window, tmp_path, errors):
    add_by_drop(window, "Dense", QPointF(0, 0))
    document = window.document
    before = document.graph.structure()
    bad = tmp_path / "bad.lwire"
    bad.write_text('{"format": "layerwire", "format_version": 1, "model": 3}')
    assert not window.files.open_path(bad)
    assert errors and "bad.lwire" in errors[0][1]
    assert window.document is document and document.graph.structure() == before
    missing = tmp_path / "missing.lwire"
    assert not window.files.open_path(missing)
    assert len(errors) == 2 and window.document is document


def test_unsaved_changes_prompt_on_close(qtbot, window, tmp_path, monkeypatch):
    add_by_drop(window, "Dense", QPointF(0, 0))
    assert window.isWindowModified()
    asked = []
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert asked and window.isVisible()
    path = tmp_path / "saved.lwire"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "saved"), ""))
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Save
    assert window.close()
    assert path.exists() and load(path).graph.layers.keys() == {"dense"}


def test_new_asks_before_dropping_changes(qtbot, window):
    add_by_drop(window, "Dense", QPointF(0, 0))
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Cancel
    window.files.act_new.trigger()
    assert window.document.graph.nodes
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.files.act_new.trigger()
    assert not window.document.graph.nodes and not window.isWindowModified()
    assert not window.document.undo_stack.canUndo()


def test_dirty_marker_follows_the_undo_stack(qtbot, window, tmp_path):
    node = add_by_drop(window, "Dense", QPointF(0, 0))
    assert window.isWindowModified()
    assert window.files._save_to(tmp_path / "a.lwire")
    assert not window.isWindowModified()
    window.scene.select_nodes([node])
    window.act_delete.trigger()
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert not window.isWindowModified()


@pytest.mark.parametrize("name", [p.name for p in examples()])
def test_examples_open_as_unsaved_copies(qtbot, window, name):
    assert window.files.open_example(EXAMPLES / name)
    graph = window.document.graph
    assert window.document.path is None
    assert len(window.scene.node_items) == len(graph.nodes)
    assert len(window.scene.wire_items) == len(list(graph.wires()))
    assert graph.analysis().valid
    labels = {item.label.text for item in window.scene.wire_items.values()}
    assert "?" not in labels


def test_examples_menu_lists_the_examples(window):
    names = [a.text() for a in window.files.examples_menu.actions()]
    assert "mnist model" in names


def test_export_and_import_keras(qtbot, window, tmp_path, monkeypatch, errors):
    assert window.files.open_path(mnist_file(tmp_path / "m.lwire"))
    out = tmp_path / "m.keras"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "m"), ""))
    window.files.act_export.trigger()
    assert not errors and out.exists()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    window.files.act_import.trigger()
    assert not errors
    assert window.document.path is None
    assert [layer.type for layer in window.document.graph.layers.values()] == ["InputLayer", "Dense", "Dense", "Dense"]
    assert window.params.text() == "Total params: 55,050"


def test_export_diagram_png_and_svg(qtbot, window, tmp_path, monkeypatch):
    assert window.files.open_path(mnist_file(tmp_path / "m.lwire"))
    window.scene.select_nodes(list(window.document.graph.nodes)[:1])
    png = tmp_path / "d.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(png), "PNG image (*.png)"))
    window.files.act_diagram.trigger()
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 400
    assert image.pixelColor(2, 2).name() == "#ffffff"
    assert window.scene.selected_node_ids()  # selection kept
    svg = tmp_path / "d.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "d"), "SVG image (*.svg)"))
    window.files.act_diagram.trigger()
    text = svg.read_text()
    assert "<svg" in text and "dense_1" in text and "(None, 64)" in text
    hand = tmp_path / "hand.svg"
    diagram.write_svg_by_hand(window.scene, hand)
    text = hand.read_text()
    assert text.count("<rect") == 5 and "Dense · 64 · relu" in text and "(None, 784)" in text
    with pytest.raises(ValueError):
        diagram.export_diagram(window.scene, tmp_path / "d.gif")


def test_open_a_keras2_h5_model_and_a_damaged_one(qtbot, window, tmp_path, errors):
    keras2 = Path(__file__).resolve().parents[1] / "data" / "keras2"
    assert window.files.open_path(keras2 / "toy_resnet.h5")
    assert window.document.graph.name == "toy_resnet" and len(window.scene.node_items) == 10
    assert window.params.text().startswith("Total params: ")
    document, before = window.document, window.document.graph.structure()
    bad = tmp_path / "damaged.h5"
    bad.write_bytes((keras2 / "toy_resnet.h5").read_bytes()[:4000])
    assert not window.files.open_path(bad)
    assert errors and "damaged.h5 is not a readable HDF5 model file" in errors[-1][1]
    assert window.document is document and document.graph.structure() == before


def test_an_invalid_model_shows_no_stale_parameter_count(qtbot, make_window):
    from graph_core import edits
    from graph_core.examples import EXAMPLES_DIR
    from gui.document import open_document

    window = make_window(open_document(EXAMPLES_DIR / "mnist_model.lwire"))
    (dense,) = window.document.graph.nodes_of_layer("dense_1")
    window.document.push(edits.Disconnect(dense, 0))
    assert window.params.text() == "Total params: —" and window.params.toolTip() == "Counted once the model is valid"
    window.undo_group.undo()
    assert window.params.text() == "Total params: 55,050"


def _dialog_folder(open_dialog, choose: str | None = None) -> str:
    """The folder Qt's own file dialog opens in; it then picks ``choose`` (a full path) or is cancelled."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.directory().absolutePath())
        if choose is None:
            dialog.reject()
        else:
            dialog.selectFile(choose)
            dialog.accept()

    QTimer.singleShot(0, answer)
    open_dialog()
    return seen[0]


def test_file_dialogs_open_in_the_last_folder_used(qtbot, make_window, tmp_path):
    from graph_core.examples import EXAMPLES_DIR

    window = make_window()
    first = _dialog_folder(window.files.open)  # nothing chosen yet, no file: the home folder
    assert Path(first) == Path.home()
    (tmp_path / "models").mkdir()
    target = tmp_path / "models" / "copy.lwire"
    target.write_bytes((EXAMPLES_DIR / "spiral.lwire").read_bytes())
    _dialog_folder(window.files.open, str(target))
    assert window.document.path == target
    window.document.path = None  # an unsaved document: only the remembered folder says where to go
    assert Path(_dialog_folder(lambda: window.files.export_as("onnx"))) == tmp_path / "models"
