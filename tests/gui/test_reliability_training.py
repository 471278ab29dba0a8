"""A training error stops training with a message in the panel; the editor and the document carry on."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from gui.document import Document
from kernels import training
from kernels.memory import LIMIT_ENV

TIMEOUT = 60_000


def spiral_window(make_window):
    project = build("spiral")
    project.training = TrainingSettings(optimizer="adam", epochs=3, batch_size=32, data="spiral").to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    return window, window.training


def test_a_memory_refusal_stops_training_with_the_estimate(make_window, qtbot, monkeypatch):
    window, panel = spiral_window(make_window)
    monkeypatch.setenv(LIMIT_ENV, "1M")
    assert panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "failed"
    assert "Training would need about" in panel.message.text() and "1.0 MB available" in panel.message.text()
    assert panel.start_button.isEnabled()


def test_an_engine_error_mid_run_stops_training_and_keeps_good_weights(make_window, qtbot, monkeypatch):
    window, panel = spiral_window(make_window)
    real = training.Trainer._load
    calls = {"n": 0}

    def failing_load(self, ex, arrays, idx):
        calls["n"] += 1
        if calls["n"] == 40:
            raise RuntimeError("kernel exploded")
        return real(self, ex, arrays, idx)

    monkeypatch.setattr(training.Trainer, "_load", failing_load)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "failed" and "kernel exploded" in panel.message.text()
    for layer in window.document.graph.layers.values():
        for w in layer.weights.values():
            assert np.isfinite(w).all()
    assert window.isVisible() and panel.start_button.isEnabled()
