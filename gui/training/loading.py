"""Reading a data set for the Training dock on a thread of its own: a known set from its cached file, or a folder
of images, which can take seconds to decode.

:class:`DataLoad` runs a loading function (:func:`kernels.datasets.load_dataset` on a copy of the model)
on a daemon ``threading.Thread`` and reports on the GUI thread through :attr:`DataLoad.ended`: what the
function returned (the dock's: the :class:`~kernels.datasets.Dataset` to train on and the one read), or
None and why (a core :class:`~graph_core.messages.Message`). A
newer choice of data, or the window closing, :meth:`~DataLoad.stop`\\ s it: the reading stops at its
next image (a folder) and nothing is reported. After :meth:`~DataLoad.stop` returns the thread never
touches this object again, so the dock may delete it at once; a thread still reading a known set's
file ends by itself, its result dropped. A folder read whole says how far it is: the thread writes
its count, and a timer emits :attr:`DataLoad.progressed` with the latest, ten times a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from graph_core import messages
from graph_core.errors import LayerwireError, LoadCancelled

#: Milliseconds between two progress reports.
PROGRESS_MS = 100


class DataLoad(QObject):
    """One data set being read; see the module docstring. ``load(cancel, progress)`` reads it, stopping when
    ``cancel`` is set and calling ``progress(done, total)`` as it goes; ``name`` is what the dock says is loading."""

    ended = Signal(object, object)  # what the load returned or None; the failure's message ("" when loaded)
    progressed = Signal(int, int)  # images read, of how many

    def __init__(self, name: str, load: Callable[[threading.Event, Callable[[int, int], None]], Any],
                 parent: QObject) -> None:  # fmt: skip
        super().__init__(parent)
        self.name = name
        self.cancel = threading.Event()
        self._load = load
        self._lock = threading.Lock()  # stop() and a report do not cross: after stop() nothing is emitted
        self.latest: tuple[int, int] | None = None  # written by the thread, read by the timer
        self._shown: tuple[int, int] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(PROGRESS_MS)
        self.timer.timeout.connect(self._report)
        self.thread = threading.Thread(target=self._run, name=f"load-{name}", daemon=True)

    def start(self) -> None:
        self.timer.start()
        self.thread.start()

    def stop(self) -> None:
        with self._lock:
            self.cancel.set()
        self.timer.stop()

    def _report(self) -> None:
        latest = self.latest
        if latest is not None and latest != self._shown and not self.cancel.is_set():
            self._shown = latest
            self.progressed.emit(*latest)

    def _progress(self, done: int, total: int) -> None:
        self.latest = (done, total)

    def _run(self) -> None:
        try:
            data = self._load(self.cancel, self._progress)
        except LoadCancelled:
            return
        except LayerwireError as exc:
            self._emit(None, messages.of(exc))
        except Exception as exc:  # noqa: BLE001 - reported in the dock, not lost on a thread
            self._emit(None, f"{type(exc).__name__}: {exc}")
        else:
            self._emit(data, "")

    def _emit(self, data: Any, message: object) -> None:
        with self._lock:
            if not self.cancel.is_set():  # a queued signal: the slot runs later, on the GUI thread
                self.ended.emit(data, message)
