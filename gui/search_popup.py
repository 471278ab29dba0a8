"""The search-to-add box opened by Tab or a double-click on empty canvas (NodeGraphQt's Tab search).

It floats over the canvas where it was opened; typing filters the layer types, Enter
(or a click) adds the highlighted one there, Escape closes the box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from graph_core import layers
from gui import i18n, layer_help, theme
from gui.palette import TYPE_ROLE, matches


class SearchPopup(QFrame):
    chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.edit = QLineEdit()
        i18n.bind(self.edit, "setPlaceholderText", i18n.translate("SearchPopup", "Add layer…"))
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        for name in layers.REGISTRY:
            item = QListWidgetItem(theme.layer_icon(name), f"{name}")
            item.setData(TYPE_ROLE, name)
            item.setToolTip(layer_help.help_text(name))  # in the language in force
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.resize(240, 300)
        self.edit.textChanged.connect(self.filter)
        self.edit.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda item: self.accept())
        self.list.itemClicked.connect(lambda item: self.accept())
        self.edit.installEventFilter(self)
        self.hide()

    def popup(self, pos: QPoint) -> None:
        """Show at ``pos`` (parent coordinates), kept inside the parent."""
        parent = self.parentWidget()
        x = min(max(0, pos.x()), max(0, parent.width() - self.width()))
        y = min(max(0, pos.y()), max(0, parent.height() - self.height()))
        self.move(x, y)
        self.edit.clear()
        self.filter("")
        self.show()
        self.raise_()
        self.edit.setFocus()

    def filter(self, text: str) -> None:
        first = None
        needle = text.strip().lower()
        ranked = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(TYPE_ROLE)
            ok = matches(name, text)
            item.setHidden(not ok)
            if ok:
                ranked.append((not name.lower().startswith(needle), i, item))
        if ranked:
            first = min(ranked)[2]
        self.list.setCurrentItem(first)

    def current_type(self) -> str | None:
        item = self.list.currentItem()
        return item.data(TYPE_ROLE) if item is not None and not item.isHidden() else None

    def accept(self) -> None:
        name = self.current_type()
        self.hide()
        if name:
            self.chosen.emit(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                self.parentWidget().setFocus()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, direction: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        at = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[(at + direction) % len(rows)])
