"""Help → Keyboard Shortcuts: every menu command with its keys, and the canvas's own gestures.

The list is read from the window's menus when it opens, so it always says what the keys do
now, in the language in force.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import i18n

#: Keys the canvas handles itself (not menu commands), marked for lupdate (context Shortcuts).
CANVAS_KEYS = (
    ("Tab", QT_TRANSLATE_NOOP("Shortcuts", "Search for a layer to add at the mouse")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Double-click on the canvas"),
        QT_TRANSLATE_NOOP("Shortcuts", "Search for a layer to add there"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Space + drag, or middle button"),
        QT_TRANSLATE_NOOP("Shortcuts", "Pan the canvas"),
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "Mouse wheel"), QT_TRANSLATE_NOOP("Shortcuts", "Zoom at the mouse")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "Cancel the wire or move being made")),
)


def plain(text: str) -> str:
    """A menu text without its mnemonic ampersands (``&&`` stays one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_of(action: QAction, most: int | None = None) -> str:
    """The action's shortcuts (the first ``most``) as this platform writes them: ``Ctrl+Shift+Z, Ctrl+Y``."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(keys[:most])


def with_keys(text: str, action: QAction) -> str:
    """A tooltip that names the action's keys (two at most): ``Save (Ctrl+S)``."""
    keys = keys_of(action, most=2)
    return f"{plain(text)} ({keys})" if keys else plain(text)


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """``(menu, command, keys)`` for every menu command that has keys, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} → {plain(sub.title())}")
            elif not action.isSeparator() and keys_of(action):
                rows.append((path, plain(action.text()), keys_of(action)))

    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain(menu.title()))
    return rows


class ShortcutsDialog(QDialog):
    """A table of the keys: the menus' commands, then the canvas's gestures."""

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(i18n.translate("Shortcuts", "Keyboard Shortcuts"))
        rows = menu_shortcuts(bar)
        canvas = i18n.translate("Shortcuts", "Canvas")
        rows += [
            (canvas, i18n.translate("Shortcuts", what), i18n.translate("Shortcuts", keys)) for keys, what in CANVAS_KEYS
        ]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(
            [
                i18n.translate("Shortcuts", "Menu"),
                i18n.translate("Shortcuts", "Command"),
                i18n.translate("Shortcuts", "Keys"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(min(900, self.table.horizontalHeader().length() + 60), 560)
