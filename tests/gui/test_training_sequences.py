"""The training dock with sequences of token ids: the brackets and tickets data sets, and token ids from files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from gui.document import Document
from gui.files_menu import EXAMPLES_DIR
from tests.kernels.test_sequence_data import balanced

TIMEOUT = 60_000  # ms; generous for a first numba compile, a run itself takes a second or two


def choose_data(qtbot, panel, name: str) -> None:
    """Open the data chooser and click ``name`` in its list, as a person would."""
    box = panel.form.data
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(view.model().index(box.findData(name), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: box.currentData() == name and not view.isVisible())


def brackets_window(make_window, data: str = "spiral"):  # type: ignore[no-untyped-def]
    project = build("brackets")
    project.training = TrainingSettings.from_dict(project.training).replace(data=data).to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    return window, window.training


def test_brackets_chosen_fit_show_their_strings_train_and_the_loss_falls(make_window, qtbot):
    window, panel = brackets_window(make_window)
    info = panel.form.data_info.text()
    assert "does not fit: Input 'brackets' takes token ids (int32); received an array of float32" in info
    assert not panel.start_button.isEnabled()

    choose_data(qtbot, panel, "brackets")
    info = panel.form.data_info.text()
    assert "brackets: strings of 20 brackets" in info and "✔ fits the model" in info
    assert window.document.project.training["data"] == "brackets"
    preview = panel.preview
    assert preview.kind == "samples" and panel.tabs.currentWidget() is preview  # no boundary nor tiles for text
    table = preview.table
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == ["brackets", "balanced"]
    assert table.rowCount() == 100
    for r in range(table.rowCount()):
        text = table.item(r, 0).text()
        assert len(text) == 20 and set(text) == {"(", ")"}
        assert table.item(r, 1).text() == str(int(balanced(text)))
    assert QFontInfo(table.item(0, 0).font()).fixedPitch()

    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished", panel.message.text()
    epochs = window.document.project.history[-1]["epochs"]
    assert len(epochs) == 10
    assert epochs[-1]["loss"] < epochs[0]["loss"] / 10 and epochs[-1]["val_accuracy"] >= 0.95
    assert panel.plots.point_counts()["loss"] == 10
    plane = panel.tabs.inside.embedding  # the Embedding's two vectors, named by the brackets they stand for
    assert [t.toPlainText() for t in plane.labels] == ["(", ")"] and "embedding (2 ids × 8 numbers)" in (
        plane.caption.text()
    )

    panel.tabs.setCurrentIndex(panel.tabs.count() - 1)
    panel.predict_index.setValue(1)
    qtbot.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
    shown = panel.predict_output.toPlainText()
    assert f"input brackets (20,): {table.item(1, 0).text()}\n" in shown and "true: [0]" in shown


def test_the_ticket_example_trains_on_the_guides_data_with_start(make_window, qtbot):
    window = make_window()
    window.resize(1366, 768)  # a laptop's screen, the dock half of it
    window.docks["training"].raise_()
    window.resizeDocks([window.docks["training"]], [384], Qt.Orientation.Vertical)
    qtbot.wait(50)
    assert window.files.open_path(str(EXAMPLES_DIR / "tickets.lwire"))
    qtbot.wait(100)  # laid out
    panel = window.training
    assert panel.form.data_source() == "tickets"
    assert "✔ fits the model" in panel.form.data_info.text()
    preview = panel.preview
    assert preview.kind == "samples"
    headers = [preview.table.horizontalHeaderItem(c).text() for c in range(preview.table.columnCount())]
    assert headers == ["title", "body", "tags", "priority", "department"]
    title = preview.table.item(0, 0).text().split()
    assert len(title) == 10 and all(0 <= int(i) < 10000 for i in title)
    body = preview.table.item(0, 1)
    assert body.text().endswith(" …") and len(body.toolTip().split()) == 100
    form = panel.form  # each output's loss and weight under its name, at full height
    assert [form.losses_form.itemAt(i, form.losses_form.ItemRole.LabelRole).widget().text() for i in range(2)] == [
        "priority", "department"]  # fmt: skip
    for box in [*form.loss_boxes.values(), *form.weight_boxes.values()]:
        assert box.minimumSizeHint().height() <= box.height() < 2 * box.minimumSizeHint().height()
    losses = [box.currentData() for box in form.loss_boxes.values()]
    assert losses == ["binary_crossentropy", "categorical_crossentropy"]
    assert [box.value() for box in form.weight_boxes.values()] == [1.0, 0.2]

    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished", panel.message.text()
    epochs = window.document.project.history[-1]["epochs"]
    assert len(epochs) == 2  # the guide's fit(..., epochs=2)
    for log in epochs:
        assert log["loss"] == pytest.approx(log["priority_loss"] + 0.2 * log["department_loss"], rel=1e-4)


def _npz(path: Path, ids: np.ndarray) -> str:
    np.savez(path, brackets=ids, balanced=np.zeros(len(ids), np.int64))
    return str(path)


def test_bad_token_files_say_why_in_one_line(make_window, qtbot, tmp_path):
    window, panel = brackets_window(make_window, "brackets")
    ragged = np.empty(2, dtype=object)
    ragged[0], ragged[1] = [0, 1], [1]
    cases = [
        (_npz(tmp_path / "floats.npz", np.full((4, 6), 0.5)),
         "does not fit: Input 'brackets' takes token ids (int32); received an array of float64"),
        (_npz(tmp_path / "big.npz", np.full((4, 6), 5)),
         "does not fit: embedding (Embedding) takes token ids from 0 to 1 (input_dim=2); the data holds 5"),
        (_npz(tmp_path / "ragged.npz", ragged),
         "holds object arrays (Python objects, which would need pickle); expected numbers. Sequences of different "
         "lengths are saved so: pad them to one length (as keras.utils.pad_sequences does)"),
    ]  # fmt: skip
    for path, message in cases:
        panel.form.set_data(path)
        info = panel.form.data_info.text()
        assert message in info and "<br>" not in info.split("does not fit")[-1], info
        assert not panel.start_button.isEnabled()
        assert not panel.start() and message.removeprefix("does not fit: ") in panel.message.text()
    good = np.array([[0, 1, 0, 1], [1, 0, 0, 1]] * 8, np.int32)
    panel.form.set_data(_npz(tmp_path / "good.npz", good))
    assert "✔ fits the model" in panel.form.data_info.text()
    assert panel.preview.table.item(0, 0).text() == "0 1 0 1"  # ids from a file have no text: their numbers
