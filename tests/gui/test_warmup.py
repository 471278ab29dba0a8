"""The engine warms up in the background at the editor's first start, and the status bar follows it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from gui.warmup import EngineWarmer, WarmUpNote, start_warm_up

ROOT = Path(__file__).resolve().parents[2]


def test_a_cold_machine_has_kernels_to_warm_and_a_warm_one_none(tmp_path):
    code = "from kernels.warmup import warm_up_tasks; print(len(warm_up_tasks()))"
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "empty-cache"))  # a machine that compiled nothing
    cold = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert cold.returncode == 0, cold.stderr
    assert int(cold.stdout) >= 5  # 7 here: the dense, loss, metric and optimizer kernels of three models
    from kernels.warmup import warm_up

    warm_up()  # this test run's cache: compiled now if it was not
    assert warm_up() == 0


def test_the_status_bar_follows_the_warm_up_from_its_thread(qtbot, window):
    warmer = EngineWarmer(window)
    note = WarmUpNote(window)
    window.statusBar().addWidget(note)
    warmer.progress.connect(note.on_progress)
    warmer.finished.connect(note.on_finished)
    worker = threading.Thread(target=lambda: warmer.progress.emit(3, 40))  # as the warming thread reports
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: note.isVisible())
    assert note.text() == "Preparing the training engine for this computer (once)… 3 of 40"
    done = threading.Thread(target=lambda: warmer.finished.emit(40))
    done.start()
    done.join()
    qtbot.waitUntil(lambda: not note.isVisible())
    assert window.statusBar().currentMessage() == "The training engine is ready"


def test_the_editor_starts_it_unless_told_not_to(qtbot, window, monkeypatch):
    monkeypatch.setenv("LAYERWIRE_NO_WARMUP", "1")
    assert start_warm_up(window) is None
    monkeypatch.delenv("LAYERWIRE_NO_WARMUP")
    warmer = start_warm_up(window)
    assert warmer is not None
    finished: list[int] = []
    warmer.finished.connect(finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=120_000)  # this machine is warm by now: nothing to compile
    assert not warmer.note.isVisible()
