"""Autosave and crash recovery: a real editor process is killed with SIGKILL and the next start recovers."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph_core import edits
from graph_core.examples import build
from graph_core.io import files
from gui import recovery
from gui.autosave import APP_DATA_ENV, INTERVAL_ENV, autosave_dir
from gui.document import Document

DRIVER = Path(__file__).with_name("crash_driver.py")


def add_dense(window, name="auto_dense"):
    assert window.document.push(edits.AddNode("Dense", {"units": 5}, name=name))


def test_autosave_only_when_dirty_and_without_touching_file_or_dirty_state(make_window, tmp_path):
    original = tmp_path / "model.lwire"
    files.save(build("spiral"), original)
    before = original.read_bytes()
    window = make_window(Document(files.load(original), original))
    saver = window.autosaver
    saver.tick()
    assert not saver.project_path.exists()  # clean: nothing written
    add_dense(window)
    saver.tick()
    assert saver.project_path.exists() and saver.meta_path.exists()
    assert original.read_bytes() == before and window.document.dirty
    meta = json.loads(saver.meta_path.read_text())
    assert meta["original"] == str(original) and meta["pid"] == os.getpid()
    assert "auto_dense" in files.load(saver.project_path).graph.layers


def test_a_successful_save_removes_the_autosave(make_window, tmp_path):
    window = make_window()
    add_dense(window)
    assert window.autosaver.save_now()
    assert window.files._save_to(tmp_path / "saved.lwire")
    assert not window.autosaver.project_path.exists() and not window.autosaver.meta_path.exists()


def test_a_clean_close_removes_the_autosave(make_window):
    window = make_window()
    add_dense(window)
    window.autosaver.save_now()
    path = window.autosaver.project_path
    window.close()  # the fixture answers Discard
    assert not path.exists()


def test_a_failed_save_shows_why_and_keeps_the_document_dirty(make_window, tmp_path, errors):
    target = tmp_path / "keep.lwire"
    target.write_text("previous")
    tmp_path.chmod(0o500)  # the folder refuses the temporary file
    try:
        window = make_window()
        add_dense(window)
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        assert not window.files._save_to(target)
    finally:
        tmp_path.chmod(0o700)
    assert errors and errors[-1][0] == "Could not save"
    assert window.document.dirty and target.read_text() == "previous"


def test_a_failed_save_of_a_model_too_big_to_write_leaves_the_old_file(make_window, tmp_path, errors, monkeypatch):
    target = tmp_path / "keep.lwire"
    target.write_text("previous")
    window = make_window()
    add_dense(window)

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", lambda fd: full_disk(fd, None))
    assert not window.files._save_to(target)
    assert "No space left" in errors[-1][1]
    assert window.document.dirty and target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.lwire"]  # no temporary file left


def fake_crash_autosave(folder: Path, name: str = "lost_model") -> recovery.Recoverable:
    project = build("spiral").graph
    project.set_name(name)
    path = folder / "deadbeef.lwire"
    files.save(files.Project(project), path)
    meta = {"original": "/somewhere/lost.lwire", "title": "lost.lwire", "saved_at": time.time(), "pid": 2**22 + 7}
    (folder / "deadbeef.json").write_text(json.dumps(meta))
    (entry,) = [e for e in recovery.find_recoverable(folder) if e.id == "deadbeef"]
    return entry


def drive_dialog(qtbot, button: str):
    """Click ``button`` in the recovery dialog once it shows (whatever else is open)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def click():
        shown = QApplication.topLevelWidgets()
        dialogs = [w for w in shown if isinstance(w, recovery.RecoveryDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, click)
            return
        getattr(dialogs[0], f"{button}_button").click()

    QTimer.singleShot(0, click)


def test_recover_opens_a_dirty_document_and_discard_deletes(window, qtbot):
    folder = autosave_dir()
    entry = fake_crash_autosave(folder)
    drive_dialog(qtbot, "recover")
    assert recovery.offer_recovery(window, [entry]) == 1
    assert window.document.graph.name == "lost_model" and window.document.dirty
    assert str(window.document.path) == "/somewhere/lost.lwire"
    assert not entry.project_path.exists()
    assert window.autosaver.project_path.exists()  # kept safe under the new window's autosave

    entry = fake_crash_autosave(folder, "second")
    drive_dialog(qtbot, "discard")
    assert recovery.offer_recovery(window, [entry]) == 0
    assert not entry.project_path.exists() and not entry.meta_path.exists()
    assert window.document.graph.name == "lost_model"


def test_later_keeps_the_autosave_for_next_time(window, qtbot):
    entry = fake_crash_autosave(autosave_dir(), "later")
    drive_dialog(qtbot, "later")
    assert recovery.offer_recovery(window, [entry]) == 0
    assert entry.project_path.exists()
    entry.delete()


def test_autosaves_of_a_running_session_are_not_offered(tmp_path):
    files.save(build("spiral"), tmp_path / "live.lwire")
    (tmp_path / "live.json").write_text(json.dumps({"pid": os.getpid(), "saved_at": 1.0}))
    (tmp_path / "junk.json").write_text("{not json")
    (tmp_path / "junk.lwire").write_text("x")
    assert recovery.find_recoverable(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_editor_is_recovered_at_the_next_start(tmp_path):
    env = {**os.environ, APP_DATA_ENV: str(tmp_path / "appdata"), INTERVAL_ENV: "0.3", "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen([sys.executable, str(DRIVER), "edit"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        line = ""
        while time.monotonic() < deadline and not line.startswith("AUTOSAVED"):
            ready, _, _ = select.select([first.stdout], [], [], 1.0)  # never block past the deadline
            if ready:
                line = first.stdout.readline()
            if not ready or not line:
                if first.poll() is not None:
                    pytest.fail(f"the editor stopped: {first.stderr.read()}")
        assert line.startswith("AUTOSAVED"), line
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    assert first.returncode == -signal.SIGKILL
    autosaves = sorted(p.suffix for p in (tmp_path / "appdata" / "autosave").iterdir())
    assert autosaves == [".json", ".lwire"]

    second = subprocess.run([sys.executable, str(DRIVER), "recover"], env=env, capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert second.returncode == 0, second.stderr
    result = json.loads(next(l for l in second.stdout.splitlines() if l.startswith("RESULT "))[7:])
    assert result["dirty"] and {"crash_input", "crash_dense"} <= set(result["layers"])
    assert len(result["rows"]) == 1 and result["rows"][0][2] == "(never saved)"
    # recovered, then closed cleanly: nothing is left to recover
    assert list((tmp_path / "appdata" / "autosave").iterdir()) == []
