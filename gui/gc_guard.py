"""Run Python's cyclic garbage collector on the GUI thread only.

Python collects cycles in whichever thread happens to allocate. When that is the training
worker and the garbage holds Qt wrappers (a closed dialog, a menu), their QObjects are
destroyed off the GUI thread: Qt takes an object mutex, then Shiboken waits for the GIL,
while the GUI thread holds the GIL and waits for that mutex. The editor froze that way.
So automatic collection is switched off and a timer on the GUI thread collects with the
same generation thresholds Python would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadGarbageCollector(QObject):
    """Collect garbage from a timer on the thread that creates this object (the GUI thread)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        count0, count1, count2 = gc.get_count()
        if count0 > self.threshold[0]:
            gc.collect(0)
            if count1 > self.threshold[1]:
                gc.collect(1)
                if count2 > self.threshold[2]:
                    gc.collect(2)


_collector: MainThreadGarbageCollector | None = None


def install(app: QObject) -> MainThreadGarbageCollector:
    """Install the collector once for the application (idempotent)."""
    global _collector
    if _collector is None:
        _collector = MainThreadGarbageCollector(app)
    return _collector
