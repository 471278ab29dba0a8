"""The training dock on a folder of images: chosen through its dialog, shown by class, trained on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from graph_core.io.files import Project
from graph_core.settings import TrainingSettings
from gui.document import Document
from tests.kernels.test_image_folder import image_model, write_folder

TIMEOUT = 60_000  # ms; generous for a first numba compile


def folder_window(make_window, monkeypatch, folder: Path):  # type: ignore[no-untyped-def]
    """A window on a model of 8×8 RGB images whose folder dialog answers ``folder``."""
    project = Project(image_model((8, 8, 3)))
    project.training = TrainingSettings(optimizer="adam", learning_rate=0.05, epochs=6, batch_size=8,
                                        validation_split=0.25, data="spiral").to_dict()  # fmt: skip
    window = make_window(Document(project))
    window.docks["training"].raise_()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    return window, window.training


def choose_folder(panel) -> None:  # type: ignore[no-untyped-def]
    box = panel.form.data
    index = next(i for i in range(box.count()) if box.itemText(i) == "Choose a folder of images…")
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_choosing_a_folder_shows_its_classes_and_samples_then_trains_on_it(make_window, qtbot, monkeypatch,
                                                                           tmp_path):  # fmt: skip
    root = write_folder(tmp_path / "colours", per_class=12)
    whole = (root / "red" / "red_0.png").read_bytes()
    (root / "red" / "torn.png").write_bytes(whole[: len(whole) // 2])
    window, panel = folder_window(make_window, monkeypatch, root)
    choose_folder(panel)
    qtbot.waitUntil(lambda: panel.data_load is None, timeout=TIMEOUT)  # read on a thread

    assert panel.form.data_source() == str(root) and panel.form.data.currentText() == "colours"
    assert panel.data is not None and panel.data.classes == ("blue", "red") and not panel.data_error
    info = panel.form.data_info.text()
    assert "images in 2 classes (blue 12, red 12), read as 8×8 RGB" in info and "fits the model" in info
    assert f"⚠ Skipped {root / 'red' / 'torn.png'}: not a readable image" in info
    assert panel.preview.kind == "tiles"
    captions = [caption.text() for _, caption in panel.preview.tiles.tiles]
    assert len(captions) == 16 and set(captions) == {"blue", "red"}
    assert window.document.project.training["data"] == str(root)

    assert panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished", panel.message.text()
    last = window.document.project.history[-1]["epochs"][-1]
    assert last["accuracy"] >= 0.9 and last["val_accuracy"] >= 0.9
    shown = [caption.text() for _, caption in panel.tiles.tiles]  # the validation samples, named by class
    assert len(shown) == 6 and all(text in ("blue ✓", "red ✓") for text in shown), shown


def test_a_folder_that_is_not_one_of_classes_is_refused_in_the_data_info(make_window, qtbot, monkeypatch, tmp_path):
    empty = tmp_path / "holiday"
    empty.mkdir()
    (empty / "notes.txt").write_text("no class folders here")
    window, panel = folder_window(make_window, monkeypatch, empty)
    choose_folder(panel)
    qtbot.waitUntil(lambda: panel.data_load is None, timeout=TIMEOUT)
    assert panel.data is None
    assert "holiday has no subfolders; expected one subfolder per class" in panel.form.data_info.text()
    assert not panel.start() and not panel.training  # read again: Start waits for it, then says why not
    assert "Reading holiday; training starts once it is read" in panel.message.text()
    qtbot.waitUntil(lambda: "expected one subfolder per class" in panel.message.text(), timeout=TIMEOUT)
    assert not panel.training

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")  # cancelled: nothing changes
    choose_folder(panel)
    assert panel.form.data_source() == str(empty)
