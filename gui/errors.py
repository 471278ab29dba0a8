"""Unexpected exceptions in the editor: logged with their traceback and shown, never a silent crash.

    install_excepthook()      # once, after the QApplication exists (gui.app does it)

An exception that escapes a slot, an event handler or a timer reaches
``sys.excepthook`` (PySide6 reports it there); one in a worker thread reaches
``threading.excepthook``. Both write the traceback to ``layerwire.log`` in the
application-data folder and show a dialog with the message and where the log is; the
editor keeps running. A dialog that itself fails falls back to stderr, and nested
reports are not stacked into dialog storms.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal

LOG_NAME = "layerwire.log"
log = logging.getLogger("layerwire")
_state: dict[str, object] = {"showing": False, "relay": None, "installed": False}


def log_path() -> Path:
    from gui.autosave import app_data_dir

    return app_data_dir() / LOG_NAME


def setup_logging() -> Path:
    """Log warnings and errors to the log file (rotated at 1 MB, 3 kept)."""
    path = log_path()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def show_error_dialog(title: str, message: str) -> None:
    """The dialog an unexpected error shows (a critical message box over the active window)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    QMessageBox.critical(QApplication.activeWindow(), title, message)


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str = "") -> None:
    """Log ``exc`` with its traceback and show it to the user."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        path = setup_logging()
        log.error("unexpected error%s:\n%s", f" in {where}" if where else "", text.rstrip())
    except OSError:
        path = None
        sys.stderr.write(text)
    if _state["showing"]:  # an error while the dialog is up: logged only
        return
    message = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    _state["showing"] = True
    try:
        from gui.i18n import translate

        details = translate("Errors", "The details were written to {0}.").format(path) if path is not None else ""
        wrong = (translate("Errors", "Something went wrong in {0}: {1}").format(where, message) if where
                 else translate("Errors", "Something went wrong: {0}").format(message))  # fmt: skip
        safe = translate("Errors", "Your work is still open; save it to be safe.")
        text = "\n\n".join(t for t in (wrong, details, safe) if t)
        show_error_dialog(translate("Errors", "Unexpected error"), text)
    except Exception:  # never let the reporter take the editor down
        sys.stderr.write(text)
    finally:
        _state["showing"] = False


class _Relay(QObject):
    """Carries a worker thread's exception to the GUI thread, where dialogs may be shown."""

    raised = Signal(object, object, object, str)


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    relay = _state["relay"]
    where = f"the thread {args.thread.name}" if args.thread is not None else "a worker thread"
    if isinstance(relay, _Relay):
        relay.raised.emit(args.exc_type, args.exc_value, args.exc_traceback, where)
    else:
        report(args.exc_type, args.exc_value, args.exc_traceback, where)


def install_excepthook() -> None:
    """Route uncaught exceptions (GUI thread and worker threads) to :func:`report`."""
    relay = _Relay()
    relay.raised.connect(report, Qt.ConnectionType.QueuedConnection)
    _state["relay"] = relay
    _state["installed"] = True
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
