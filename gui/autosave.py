"""Autosave: every minute, a dirty document is written to the application-data folder.

    saver = Autosaver(window)      # one per main window; follows window.document
    saver.watch(document)          # called when the window shows another document
    saver.save_now()               # what the timer does (only when dirty and changed since)
    saver.discard()                # on a clean exit or a successful save

Autosaves never touch the user's file or the document's dirty state. Each window
writes ``<app data>/autosave/<id>.lwire`` (the project, atomically) and then
``<id>.json`` (what :mod:`gui.recovery` lists: original path, title, time, pid). A
clean exit and a successful save remove both; after a crash they stay, and the next
start offers them for recovery.

The folder is ``QStandardPaths.AppDataLocation`` unless ``LAYERWIRE_APP_DATA`` names
another (tests, portable installs); ``LAYERWIRE_AUTOSAVE_SECONDS`` changes the interval.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from graph_core.io import files

if TYPE_CHECKING:
    from gui.document import Document

APP_DATA_ENV = "LAYERWIRE_APP_DATA"
INTERVAL_ENV = "LAYERWIRE_AUTOSAVE_SECONDS"
DEFAULT_INTERVAL = 60.0
log = logging.getLogger("layerwire.autosave")


def _base_dir() -> Path:
    override = os.environ.get(APP_DATA_ENV)
    if override:
        return Path(override)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def app_data_dir() -> Path:
    """The application-data folder (created on first use)."""
    folder = _base_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_dir(create: bool = True) -> Path:
    """Where autosaves go; ``create=False`` only names it (removing files needs no folder)."""
    folder = _base_dir() / "autosave"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def interval_seconds() -> float:
    try:
        value = float(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL))
    except ValueError:
        return DEFAULT_INTERVAL
    return value if value > 0 else DEFAULT_INTERVAL


class Autosaver(QObject):
    """Writes the window's document to the autosave folder on a timer, when it is dirty."""

    def __init__(self, window, interval: float | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.id = uuid.uuid4().hex
        self.document: Document | None = None
        self._stale = False
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 * (interval if interval is not None else interval_seconds())))
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @property
    def project_path(self) -> Path:
        return autosave_dir(create=False) / f"{self.id}.lwire"

    @property
    def meta_path(self) -> Path:
        return autosave_dir(create=False) / f"{self.id}.json"

    def watch(self, document: Document) -> None:
        """Follow ``document`` from now on (the window shows it instead of the last one)."""
        if self.document is not None:
            try:
                self.document.changed.disconnect(self._mark_stale)
                self.document.dirty_changed.disconnect(self._on_dirty_changed)
                self.document.undo_stack.cleanChanged.disconnect(self._on_dirty_changed)
            except (RuntimeError, TypeError):  # already gone with its document
                pass
        self.discard()
        self.document = document
        self._stale = document.dirty
        document.changed.connect(self._mark_stale)
        document.dirty_changed.connect(self._on_dirty_changed)
        document.undo_stack.cleanChanged.connect(self._on_dirty_changed)

    def _mark_stale(self) -> None:
        self._stale = True

    def _on_dirty_changed(self, *_: object) -> None:
        self._stale = True
        if self.document is not None and not self.document.dirty:
            self.discard()  # saved (or undone back to the saved state): nothing to recover

    def tick(self) -> None:
        if self.document is not None and self.document.dirty and self._stale:
            self.save_now()

    def save_now(self) -> bool:
        """Write the autosave now (if the document is dirty); never raises, never changes the document."""
        document = self.document
        if document is None or not document.dirty:
            return False
        try:
            autosave_dir()  # created on first use
            files.atomic_write(self.project_path, files.dumps(document.project).encode("utf-8"))
            meta = {
                "original": str(document.path) if document.path is not None else None,
                "title": document.title(),
                "model": document.graph.name,
                "saved_at": time.time(),
                "pid": os.getpid(),
            }
            files.atomic_write(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except (OSError, ValueError) as exc:  # a full disk must not interrupt editing
            self.last_error = str(exc)
            log.warning("autosave to %s failed: %s", self.project_path, exc)
            return False
        self._stale = False
        self.last_error = None
        return True

    def discard(self) -> None:
        """Remove this window's autosave (clean exit, successful save, another document)."""
        for path in (self.meta_path, self.project_path):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("could not remove %s: %s", path, exc)

    def stop(self) -> None:
        """A clean close: stop the timer and remove the autosave."""
        self.timer.stop()
        self.discard()
