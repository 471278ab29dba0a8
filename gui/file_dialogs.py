"""File dialogs that open where the last one left off.

Every Open, Save, Export and data dialog (file or folder) of the editor starts in the folder of the last
file chosen in any of them (remembered across sessions); before the first choice, in the
document's folder, else the home folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

KEY = "dialogs/last_folder"


def last_folder(fallback: Path | None = None) -> Path:
    """The folder the last dialog chose in, if it still exists; else ``fallback`` or the home folder."""
    value = QSettings().value(KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return fallback if fallback is not None and fallback.is_dir() else Path.home()


def remember_folder(path: str | Path) -> None:
    QSettings().setValue(KEY, str(Path(path).resolve().parent))


def open_file(parent: QWidget, title: str, filters: str, fallback: Path | None = None) -> str:
    """The file chosen to read, or "" if the dialog was cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder(fallback)), filters)
    if path:
        remember_folder(path)
    return path


def open_folder(parent: QWidget, title: str, fallback: Path | None = None) -> str:
    """The folder chosen to read, or "" if the dialog was cancelled."""
    path = QFileDialog.getExistingDirectory(parent, title, str(last_folder(fallback)))
    if path:
        remember_folder(path)
    return path


def save_file(parent: QWidget, title: str, name: str, filters: str, fallback: Path | None = None) -> tuple[str, str]:
    """The file chosen to write (proposed: ``name`` in the last folder) and the filter chosen; "" if cancelled."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(last_folder(fallback) / name), filters)
    if path:
        remember_folder(path)
    return path, chosen
