"""Unexpected exceptions in slots and threads are logged and shown; a bad file leaves the document untouched."""

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer

from graph_core import edits
from gui import errors as gui_errors


@pytest.fixture
def hook(monkeypatch, qapp):
    import sys

    shown = []
    monkeypatch.setattr(gui_errors, "show_error_dialog", lambda title, message: shown.append((title, message)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    gui_errors.install_excepthook()
    return shown


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown(hook, qtbot, window):
    def broken_slot():
        raise RuntimeError("the slot broke")

    window.act_about.triggered.disconnect()
    window.act_about.triggered.connect(broken_slot)
    window.act_about.trigger()
    qtbot.waitUntil(lambda: bool(hook))
    title, message = hook[0]
    assert title == "Unexpected error" and "RuntimeError: the slot broke" in message
    log = gui_errors.log_path().read_text()
    assert "the slot broke" in log and "broken_slot" in log  # the traceback is in the log
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_timer_and_in_a_thread_are_shown(hook, qtbot):
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: any("ZeroDivisionError" in m for _, m in hook))
    worker = threading.Thread(target=lambda: [][1], name="worker-x")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: any("IndexError" in m and "worker-x" in m for _, m in hook))


def test_a_bad_file_shows_an_error_and_keeps_the_document(window, tmp_path, errors):
    window.document.push(edits.AddNode("Dense", {"units": 3}, name="kept"))
    document = window.document
    bad = tmp_path / "bad.lwire"
    for data in (b"", b"{", b'{"format": "layerwire", "format_version": 1, "model": 3}', bytes(range(256))):
        bad.write_bytes(data)
        assert not window.files.open_path(bad)
    bomb = tmp_path / "bomb.keras"
    bomb.write_bytes(b"PK\x03\x04" + bytes(100))
    assert not window.files.open_path(bomb)
    assert len(errors) == 5 and all(title == "Could not open the file" for title, _ in errors)
    assert window.document is document and "kept" in document.graph.layers and document.dirty


def _valid_bytes() -> dict[str, bytes]:
    from graph_core.examples import EXAMPLES_DIR, build
    from graph_core.io.keras_format import keras_bytes

    return {"lwire": (EXAMPLES_DIR / "shared_layer.lwire").read_bytes(), "keras": keras_bytes(build("multi_io"))}


VALID = _valid_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(sorted(VALID)),
    flips=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=6),
    cut=st.none() | st.integers(0, 1 << 16),
)
def test_fuzzed_files_open_or_show_one_error_and_keep_the_document(window, tmp_path, errors, kind, flips, cut):
    from graph_core.examples import build
    from gui.document import Document

    keep = Document(build("mnist_model"))
    window.set_document(keep)
    errors.clear()
    data = bytearray(VALID[kind])
    for index, value in flips:
        data[index % len(data)] = value
    path = tmp_path / f"fuzzed.{kind}"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    if window.files.open_path(path):
        assert window.document is not keep and not errors
        window.document.graph.analysis()
    else:
        assert window.document is keep and keep.graph.name == "mnist_model" and not keep.dirty
        assert len(errors) == 1 and errors[0][0] == "Could not open the file", errors


def test_a_channels_first_keras_file_and_a_refused_setting_keep_the_document(window, tmp_path, errors):
    from graph_core.errors import EditError
    from tests.test_reliability_conv import _channels_first, _keras_with

    document = window.document
    document.push(edits.AddNode("Conv2D", {"filters": 8}, name="kept"))
    assert not window.files.open_path(_keras_with(tmp_path, _channels_first))
    ((title, text),) = errors
    assert title == "Could not open the file" and "channels_first" in text
    assert window.document is document and "kept" in document.graph.layers
    refusals: list[str] = []
    document.refused.connect(refusals.append)
    assert not document.push(edits.SetConfig("kept", {"strides": 2, "dilation_rate": 2}))
    assert refusals and "strides and dilation_rate both above 1" in refusals[0]
    assert document.graph.layers["kept"].config["strides"] == (1, 1)
    with pytest.raises(EditError):
        edits.SetConfig("missing", {"filters": 1}).apply(document.graph)
