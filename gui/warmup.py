"""The editor's first start on a machine: the training engine warms up in the background.

:class:`EngineWarmer` runs :func:`kernels.warmup.warm_up` on a thread (the compiling itself
happens in worker processes) and reports to the status bar: "Preparing the training engine
for this computer (once)… 12 of 40", then "The training engine is ready". The window never
waits for it; on a warm machine it finds nothing to do in about a second and says nothing.
``LAYERWIRE_NO_WARMUP=1`` turns it off.
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from gui import i18n


class EngineWarmer(QObject):
    progress = Signal(int, int)  # kernels compiled, of how many
    finished = Signal(int)  # how many kernels were compiled (0: the machine was warm)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: threading.Thread | None = None
        self.note: WarmUpNote | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="engine-warm-up", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from kernels.warmup import warm_up

        try:
            count = warm_up(lambda done, total: self.progress.emit(done, total))
        except Exception:  # warming is a favour: training prepares what it needs anyway
            count = 0
        self.finished.emit(count)


class WarmUpNote(QLabel):
    """The status bar's note; its slots run on the GUI thread (the warmer emits from its own)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        self.window = window
        self.setObjectName("engine_warm_up")
        self.hide()

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        text = i18n.translate("Warmup", "Preparing the training engine for this computer (once)… {0} of {1}")
        self.setText(text.format(done, total))
        self.show()

    @Slot(int)
    def on_finished(self, count: int) -> None:
        self.hide()
        if count:
            self.window.statusBar().showMessage(i18n.translate("Warmup", "The training engine is ready"), 5000)


def start_warm_up(window: QMainWindow) -> EngineWarmer | None:
    """Warm the engine for ``window``'s status bar to follow; None when turned off by the environment."""
    if os.environ.get("LAYERWIRE_NO_WARMUP"):
        return None
    warmer = EngineWarmer(window)
    note = WarmUpNote(window)
    window.statusBar().addWidget(note)
    warmer.progress.connect(note.on_progress)
    warmer.finished.connect(note.on_finished)
    warmer.note = note
    warmer.start()
    return warmer
