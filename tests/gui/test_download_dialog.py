"""The Training dock downloads a known data set with a progress dialog (real HTTP server on 127.0.0.1):
done, the data is loaded; Cancel leaves nothing behind; a failure is one dialog message."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from gui.document import Document
from gui.training.download import STEPS
from kernels import download
from tests.data_server import mnist_npz, sha256

MNIST = mnist_npz(train=30, test=8)
TIMEOUT = 20_000  # ms


def mnist_window(make_window):  # type: ignore[no-untyped-def]
    project = build("mnist_model")
    project.training = TrainingSettings(data="mnist", epochs=1).to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    return window, window.training


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def test_hashes(monkeypatch):  # type: ignore[no-untyped-def]
    """The table of known files expects the tests' small MNIST."""
    small = dataclasses.replace(download.KNOWN["mnist"][0], sha256=sha256(MNIST))
    monkeypatch.setitem(download.KNOWN, "mnist", (small,))


def test_choosing_mnist_downloads_it_once_with_a_progress_dialog(make_window, qtbot, file_server, caches,
                                                                  test_hashes, errors) -> None:  # fmt: skip
    file_server.files["mnist.npz"] = MNIST
    window, panel = mnist_window(make_window)
    job = panel.data_download
    assert job is not None and job.dialog.isVisible() and job.dialog.windowTitle() == "Downloading mnist"
    assert not panel.start_button.isEnabled()
    seen = []
    job.timer.timeout.connect(lambda: seen.append(job.dialog.labelText()))
    qtbot.waitUntil(lambda: panel.data is not None, timeout=TIMEOUT)
    assert panel.data_download is None and errors == []
    assert panel.data.description.startswith("mnist: Keras's MNIST") and len(panel.data.test) == 8
    assert panel.start_button.isEnabled()
    assert files_in(caches[0]) == ["mnist.npz"] and file_server.requests == ["/mnist.npz"]
    if seen:  # the dialog showed the download before it closed
        assert seen[-1].startswith(f"mnist.npz\nfrom {file_server.url}mnist.npz\n")
    panel.form.set_data("spiral")
    panel.form.set_data("mnist")  # chosen again: read from the cache, on a thread
    assert panel.data is None and panel.data_load is not None and not panel.start_button.isEnabled()
    qtbot.waitUntil(lambda: panel.data is not None, timeout=TIMEOUT)
    assert panel.data_download is None and panel.start_button.isEnabled()
    assert file_server.requests == ["/mnist.npz"]


def test_cancel_stops_the_download_and_leaves_nothing(make_window, qtbot, file_server, caches, errors) -> None:
    file_server.files["mnist.npz"], file_server.stall["mnist.npz"] = MNIST, len(MNIST) // 2
    window, panel = mnist_window(make_window)
    job = panel.data_download
    qtbot.waitUntil(lambda: job.dialog.value() > 0, timeout=TIMEOUT)  # half of it, then the server is silent
    assert job.dialog.value() == STEPS * (len(MNIST) // 2) // len(MNIST)
    assert f"from {file_server.url}mnist.npz" in job.dialog.labelText()
    cancel = job.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.data_download is None, timeout=TIMEOUT)
    assert not job.thread.is_alive() and files_in(caches[0]) == []
    assert panel.data is None and "cancelled" in panel.form.data_info.text()
    assert errors == [] and not panel.start_button.isEnabled()


def test_a_failed_download_is_one_dialog_message(make_window, qtbot, file_server, caches, errors) -> None:
    file_server.files["mnist.npz"] = MNIST  # not Keras's MNIST: refused by its SHA-256
    window, panel = mnist_window(make_window)
    qtbot.waitUntil(lambda: panel.data_download is None, timeout=TIMEOUT)
    expected = (f"mnist.npz from {file_server.url}mnist.npz is not the file expected (SHA-256 {sha256(MNIST)}, "
                f"expected {download.KNOWN['mnist'][0].sha256}); it was deleted")  # fmt: skip
    assert errors == [("Download failed", expected)]
    assert expected in panel.form.data_info.text() and files_in(caches[0]) == []
    assert not panel.start_button.isEnabled()
    from graph_core import edits

    window.document.push(edits.SetConfig("dense", {"units": 32}))  # an edit does not try the network again
    assert panel.data_download is None and file_server.requests == ["/mnist.npz"] and len(errors) == 1
    assert expected in panel.form.data_info.text()
    panel.form.set_data("mnist")  # choosing it again does
    qtbot.waitUntil(lambda: panel.data_download is None and len(errors) == 2, timeout=TIMEOUT)
    assert file_server.requests == ["/mnist.npz", "/mnist.npz"]
