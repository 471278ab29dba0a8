"""The training dock reads a known set or a folder of images on a thread (the GUI stays free, a newer choice
supersedes the reading, closing the window during it is safe), and streams a folder too large for memory."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kernels import image_folder
from tests.gui.test_training_folder import TIMEOUT, choose_folder, folder_window
from tests.kernels.test_image_folder import write_folder


@pytest.fixture
def gate(monkeypatch):  # type: ignore[no-untyped-def]
    """Each image is decoded (from its real file) only once the gate is open: a reading stays under way until then."""
    opened = threading.Event()
    decode = image_folder.decode

    def held(path, shape):  # type: ignore[no-untyped-def]
        opened.wait(TIMEOUT / 1000)
        return decode(path, shape)

    monkeypatch.setattr(image_folder, "decode", held)
    return opened


def test_a_folder_is_read_on_a_thread_and_a_newer_choice_supersedes_the_reading(make_window, qtbot, monkeypatch,
                                                                                tmp_path, gate, errors):  # fmt: skip
    first, second = write_folder(tmp_path / "first", per_class=5), write_folder(tmp_path / "second", per_class=3)
    window, panel = folder_window(make_window, monkeypatch, first)
    choose_folder(panel)
    job = panel.data_load
    assert job is not None and job.thread.is_alive() and panel.data is None
    assert "Reading first…" in panel.form.data_info.text() and not panel.start_button.isEnabled()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=TIMEOUT)  # the GUI thread is free while the folder is read
    timer.stop()

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(second))
    choose_folder(panel)  # supersedes the first reading, which stops at its next image and reports nothing
    assert panel.data_load is not job and job.cancel.is_set()
    gate.set()
    qtbot.waitUntil(lambda: panel.data_load is None, timeout=TIMEOUT)
    job.thread.join(5)
    assert not job.thread.is_alive()
    qtbot.wait(50)  # a report of the first reading would have arrived by now
    assert panel.data.name == "second" and len(panel.data) == 6 and panel.start_button.isEnabled()
    assert errors == []


def test_an_edit_of_the_input_shape_during_the_reading_supersedes_it(make_window, qtbot, monkeypatch, tmp_path,
                                                                      gate, errors) -> None:  # fmt: skip
    from graph_core import edits

    root = write_folder(tmp_path / "colours", per_class=3)
    window, panel = folder_window(make_window, monkeypatch, root)
    choose_folder(panel)
    job = panel.data_load
    window.document.push(edits.SetConfig("dense", {"units": 3}))  # the same images: the reading goes on
    assert panel.data_load is job and not job.cancel.is_set()
    window.document.push(edits.SetConfig("input_layer", {"shape": (4, 4, 3)}))  # images of another size
    assert panel.data_load is not job and job.cancel.is_set()
    gate.set()
    qtbot.waitUntil(lambda: panel.data_load is None, timeout=TIMEOUT)
    assert panel.data.x["input_layer"].shape == (6, 4, 4, 3) and "fits the model" in panel.form.data_info.text()
    assert errors == []


def test_the_dock_says_how_far_the_reading_of_a_folder_is(make_window, qtbot, monkeypatch, tmp_path) -> None:
    root = write_folder(tmp_path / "colours", per_class=5)
    opened, decode, calls = threading.Event(), image_folder.decode, []

    def three_then_held(path, shape):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) > 3:
            opened.wait(TIMEOUT / 1000)
        return decode(path, shape)

    monkeypatch.setattr(image_folder, "decode", three_then_held)
    window, panel = folder_window(make_window, monkeypatch, root)
    choose_folder(panel)
    qtbot.waitUntil(lambda: "Reading colours: 3 of 10 images…" in panel.form.data_info.text(), timeout=TIMEOUT)
    assert panel.data is None and not panel.start_button.isEnabled()
    opened.set()
    qtbot.waitUntil(lambda: panel.data is not None, timeout=TIMEOUT)
    assert "Reading" not in panel.form.data_info.text() and panel.start_button.isEnabled()


def test_closing_the_window_while_a_folder_is_read(qtbot, monkeypatch, tmp_path, gate, errors) -> None:
    from gui.main_window import MainWindow

    root = write_folder(tmp_path / "colours", per_class=5)
    window, panel = folder_window(MainWindow, monkeypatch, root)  # not the fixture's: this one is deleted
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.show()
    choose_folder(panel)
    job = panel.data_load
    assert job is not None and job.thread.is_alive()
    window.close()
    assert panel.data_load is None and job.cancel.is_set()
    window.deleteLater()
    qtbot.wait(20)
    assert not shiboken6.isValid(panel)
    gate.set()  # the reading goes on, sees it was stopped and reports nothing
    job.thread.join(5)
    assert not job.thread.is_alive() and errors == []
    qtbot.wait(50)


def test_a_folder_too_large_for_memory_is_streamed_and_the_dock_says_so(make_window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv(image_folder.BUDGET_ENV, "4KB")  # 24 images of 8×8×3 need 18 KB decoded
    root = write_folder(tmp_path / "colours", per_class=12)
    whole = (root / "red" / "red_0.png").read_bytes()
    (root / "red" / "torn.png").write_bytes(whole[: len(whole) // 2])
    window, panel = folder_window(make_window, monkeypatch, root)
    choose_folder(panel)
    qtbot.waitUntil(lambda: panel.data_load is None, timeout=TIMEOUT)
    assert panel.data is not None and panel.data.streamed and not panel.data_error
    info = panel.form.data_info.text()
    assert "images in 2 classes (blue 12, red 13), read as 8×8 RGB" in info and "fits the model" in info
    assert "⇄ " in info and "25 images of 8×8×3 would need 18.8 KB decoded" in info
    assert "so it streams the folder in batches" in info
    assert panel.preview.kind == "tiles" and len(panel.preview.tiles.tiles) == 16

    assert panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished", panel.message.text()
    last = window.document.project.history[-1]["epochs"][-1]
    assert last["accuracy"] >= 0.9 and last["val_accuracy"] >= 0.8
    shown = [caption.text() for _, caption in panel.tiles.tiles]  # the validation samples, named by class
    assert len(shown) == 6 and sum(text.endswith("✓") for text in shown) >= 5, shown
    assert f"⚠ Skipped {root / 'red' / 'torn.png'}: not a readable image" in panel.form.data_info.text()
    outputs = panel.predict(3)  # a sample of the streamed data, decoded for the Predict tab
    assert outputs is not None and outputs["dense"].shape == (1, 2)
    assert (
        "Sample 3 of colours" in panel.predict_output.toPlainText() and "true: " in panel.predict_output.toPlainText()
    )


def test_the_step_through_decodes_only_its_sample_of_a_folder(make_window, qtbot, monkeypatch, tmp_path) -> None:
    from graph_core.io.files import Project
    from graph_core.settings import TrainingSettings
    from gui.document import Document
    from kernels.datasets import load_dataset
    from tests.kernels.test_image_folder import image_model

    root = write_folder(tmp_path / "colours", per_class=10)
    project = Project(image_model((8, 8, 3)))
    project.training = TrainingSettings(data=str(root)).to_dict()
    window = make_window(Document(project))
    whole = load_dataset(str(root), project.graph, stream=False)
    qtbot.waitUntil(lambda: window.training.data_load is None, timeout=20_000)  # the dock's own reading: not counted
    decoded = []
    decode = image_folder.decode
    monkeypatch.setattr(image_folder, "decode", lambda path, shape: decoded.append(path) or decode(path, shape))
    st = window.teaching.step_through
    st.index.setValue(4)
    inputs, targets = st.sample()
    np.testing.assert_array_equal(inputs["input_layer"], whole.x["input_layer"][4:5])
    np.testing.assert_array_equal(targets["dense"], whole.y["dense"][4:5])
    assert len(decoded) <= 2  # its sample (and the one the model's input is checked on), not the 20
