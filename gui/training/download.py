"""Downloading a known data set (mnist, fashion_mnist, cifar10) from the Training dock.

:class:`DataDownload` runs :func:`kernels.download.fetch` on a thread of its own and shows a
:class:`DownloadDialog` (a progress dialog with Cancel) over the dock; a timer shows the latest
progress the thread wrote, ten times a second. Cancel sets the
download's cancel event: a transfer stops within a tenth of a second and removes its temporary
file, so nothing is left behind (a thread still connecting has written nothing and ends by
itself). :attr:`DataDownload.ended` arrives on the GUI thread with
``done``, ``cancelled`` or ``failed`` and the failure's message (a core
:class:`~graph_core.messages.Message`).

The thread is a daemon ``threading.Thread`` rather than a ``QThread``: a download waiting
to connect to an unreachable server cannot be interrupted before its timeout, and such a
thread must be able to outlive the dock (it then ends on its own, removing what it wrote).
Its signals come from this object, a child of the dock, so they are never delivered to a
dock that is gone.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from graph_core import messages
from graph_core.errors import DownloadCancelled, LayerwireError
from graph_core.model import readable_bytes
from gui import i18n
from kernels import download
from kernels.download import Progress

#: Milliseconds between two progress updates of the dialog.
PROGRESS_MS = 100
#: Steps of the dialog's bar.
STEPS = 1000


class DownloadDialog(QProgressDialog):
    """The download's progress: which file, from where, how many MB of how many; Cancel stops it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("data_download")
        self.setWindowTitle(i18n.translate("Training", "Downloading {0}").format(name))
        self.setLabelText(i18n.translate("Training", "Connecting…"))
        self.setCancelButtonText(i18n.translate("Training", "Cancel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setRange(0, 0)  # busy until the server says how long the file is
        self.setMinimumWidth(420)

    def show_progress(self, progress: Progress) -> None:
        if progress.total:
            amount = i18n.translate("Training", "{0} of {1}").format(readable_bytes(progress.received),
                                                                     readable_bytes(progress.total))  # fmt: skip
            self.setRange(0, STEPS)
            self.setValue(min(STEPS, STEPS * progress.received // progress.total))
        else:
            amount = readable_bytes(progress.received)
        if progress.count > 1:
            file = i18n.translate("Training", "{0} ({1} of {2})").format(progress.file, progress.index + 1,
                                                                           progress.count)  # fmt: skip
        else:
            file = progress.file
        self.setLabelText(i18n.translate("Training", "{0}\nfrom {1}\n{2}").format(file, progress.url, amount))


class DataDownload(QObject):
    """One known set's download with its dialog; see the module docstring."""

    ended = Signal(str, object)  # "done", "cancelled" or "failed"; the failure's message

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel = threading.Event()
        self.latest: Progress | None = None  # written by the download's thread, read by the timer
        self._shown: Progress | None = None
        self.dialog = DownloadDialog(name, parent)
        self.dialog.canceled.connect(self.cancel.set)
        self.timer = QTimer(self)
        self.timer.setInterval(PROGRESS_MS)
        self.timer.timeout.connect(self.show_progress)
        self.thread = threading.Thread(target=self._run, name=f"download-{name}", daemon=True)

    def start(self) -> None:
        self.dialog.show()
        self.timer.start()
        self.thread.start()

    def stop(self, wait: float = 0.3) -> None:
        """Cancel and wait (at most ``wait`` seconds: this is the GUI thread) for the thread to have removed what it
        wrote; a thread still connecting (it has written nothing) ends by itself when its connection does."""
        self.cancel.set()
        if self.thread.is_alive():
            self.thread.join(wait)
        self.close_dialog()

    def close_dialog(self) -> None:
        self.timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()

    def show_progress(self) -> None:
        """The dialog shows the latest progress (a download reports every 64 KB: the timer picks some)."""
        latest = self.latest
        if latest is not None and latest is not self._shown:
            self._shown = latest
            self.dialog.show_progress(latest)

    def _run(self) -> None:
        def report(progress: Progress) -> None:
            self.latest = progress

        try:
            download.fetch(self.name, progress=report, cancel=self.cancel)
        except DownloadCancelled:
            self._emit("cancelled", "")
        except LayerwireError as exc:
            self._emit("failed", messages.of(exc))
        except Exception as exc:  # noqa: BLE001 - reported in the dock, not lost on a thread
            self._emit("failed", f"{type(exc).__name__}: {exc}")
        else:
            self._emit("done", "")

    def _emit(self, status: str, message: object) -> None:
        with contextlib.suppress(RuntimeError):  # the dock, and this object with it, is gone: nobody to tell
            self.ended.emit(status, message)
