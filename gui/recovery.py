"""Crash recovery: at start-up, offer the autosaves a crashed session left behind.

    offer_recovery(window)    # dialog: Recover / Discard / Later; returns how many were recovered

An autosave is recoverable when its ``.json`` and ``.lwire`` are both there and the
process that wrote it is no longer running (another open editor keeps its own).
*Recover* opens each chosen document as a dirty document (with its original path, so
Save writes where the user saved before), writes it at once under the new window's
autosave and deletes the old one; *Discard* deletes the chosen autosaves; *Later*
keeps them for the next start.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from graph_core.errors import LayerwireError
from graph_core.io import files
from gui import i18n
from gui.autosave import autosave_dir


@dataclass(frozen=True)
class Recoverable:
    """One autosave left by a session that did not close cleanly."""

    id: str
    project_path: Path
    meta_path: Path
    original: str | None
    title: str
    saved_at: float

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))

    def delete(self) -> None:
        for path in (self.meta_path, self.project_path):
            try:
                path.unlink()
            except OSError:
                pass


def _running(pid: object) -> bool:
    if pid == os.getpid():
        return True  # this session's own windows
    if not isinstance(pid, int) or pid <= 0 or os.name != "posix":
        return False  # on Windows os.kill would terminate the process: treat it as gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def find_recoverable(folder: Path | None = None) -> list[Recoverable]:
    """Autosaves of sessions that are no longer running, newest first."""
    folder = folder if folder is not None else autosave_dir()
    found = []
    for meta_path in folder.glob("*.json"):
        project_path = meta_path.with_suffix(".lwire")
        if not project_path.exists():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(meta, dict) or _running(meta.get("pid")):
            continue
        saved_at = meta.get("saved_at")
        original = meta.get("original")
        found.append(
            Recoverable(
                meta_path.stem,
                project_path,
                meta_path,
                original if isinstance(original, str) else None,
                str(meta.get("title") or meta.get("model") or meta_path.stem),
                float(saved_at) if isinstance(saved_at, (int, float)) else project_path.stat().st_mtime,
            )
        )
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


class RecoveryDialog(QDialog):
    """Lists recoverable documents (time, model, original file); every row starts selected."""

    RECOVER, DISCARD, LATER = "recover", "discard", "later"

    def __init__(self, entries: list[Recoverable], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(i18n.translate("Recovery", "Recover unsaved work"))
        self.setObjectName("recovery_dialog")
        self.entries = entries
        self.choice = self.LATER
        layout = QVBoxLayout(self)
        intro = i18n.translate(
            "Recovery", "Layerwire did not close properly last time. These documents had unsaved changes:"
        )
        layout.addWidget(QLabel(intro))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([i18n.translate("Recovery", "Model"), i18n.translate("Recovery", "Autosaved"),
                                   i18n.translate("Recovery", "Original file")])  # fmt: skip
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for entry in entries:
            item = QTreeWidgetItem(
                [entry.title, entry.when(), entry.original or i18n.translate("Recovery", "(never saved)")]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self.tree.addTopLevelItem(item)
            item.setSelected(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox()
        self.recover_button = QPushButton(i18n.translate("Recovery", "&Recover"))
        self.discard_button = QPushButton(i18n.translate("Recovery", "&Discard"))
        self.later_button = QPushButton(i18n.translate("Recovery", "&Later"))
        buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(lambda: self._finish(self.RECOVER))
        self.discard_button.clicked.connect(lambda: self._finish(self.DISCARD))
        self.later_button.clicked.connect(lambda: self._finish(self.LATER))
        layout.addWidget(buttons)
        self.resize(640, 280)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != self.LATER else self.reject()

    def selected(self) -> list[Recoverable]:
        ids = {item.data(0, Qt.ItemDataRole.UserRole) for item in self.tree.selectedItems()}
        return [e for e in self.entries if e.id in ids]


def recover(window, entry: Recoverable):  # type: ignore[no-untyped-def]
    """Open ``entry`` as a dirty document: in ``window`` if it holds an untouched document, else a new window."""
    from gui.document import Document

    project = files.load(entry.project_path)
    document = Document(project, entry.original)
    document.mark_dirty()
    target = window
    if window.document.dirty or window.document.graph.nodes:
        target = window.new_window()
    target.set_document(document)
    saver = getattr(target, "autosaver", None)
    if saver is not None:
        saver.save_now()  # safe under the new window's name before the old autosave goes
    entry.delete()
    return target


def offer_recovery(window, entries: list[Recoverable] | None = None) -> int:  # type: ignore[no-untyped-def]
    """Show the recovery dialog if a crashed session left autosaves; returns how many were recovered."""
    entries = find_recoverable() if entries is None else entries
    if not entries:
        return 0
    dialog = RecoveryDialog(entries, window)
    dialog.exec()
    chosen = dialog.selected()
    recovered = 0
    if dialog.choice == RecoveryDialog.RECOVER:
        for entry in chosen:
            try:
                recover(window, entry)
                recovered += 1
            except (LayerwireError, OSError) as exc:
                autosaved = i18n.translate("Recovery", "{0} (autosaved {1}): {2}").format(
                    entry.title, entry.when(), i18n.core_text(exc)
                )
                window.show_error(i18n.translate("Recovery", "Could not recover"), autosaved)
    elif dialog.choice == RecoveryDialog.DISCARD:
        for entry in chosen:
            entry.delete()
    return recovered
