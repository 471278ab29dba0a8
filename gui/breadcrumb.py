"""The path to the model on the canvas when it is a nested model: ``autoencoder ▸ encoder``.

Shown above the canvas while a nested model is open (double-click on its node); each
model on the path is a button that goes back to it. The top model alone shows no bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from gui.document import Document


class Breadcrumb(QWidget):
    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.buttons: list[QToolButton] = []  # the models above the one on the canvas
        self.current: QLabel | None = None
        self.names: list[str] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setSpacing(2)
        self.set_document(document)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.editing_changed.disconnect(self.refresh)
            self.document.changed.disconnect(self.refresh)
        self.document = document
        document.editing_changed.connect(self.refresh)
        document.changed.connect(self.refresh)  # a model renamed in its tab
        self.refresh()

    def refresh(self) -> None:
        assert self.document is not None
        stack = self.document.editing_stack
        names = [g.name for g in stack]
        if names == self.names:
            return
        self.names = names
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = []
        for depth, name in enumerate(names):
            if depth:
                self._layout.addWidget(QLabel("▸"))
            if depth == len(names) - 1:  # the model on the canvas
                here = QLabel(f"<b>{name}</b>")
                here.setTextFormat(Qt.TextFormat.RichText)
                self._layout.addWidget(here)
                self.current = here
                continue
            button = QToolButton()
            button.setText(name)
            button.setAutoRaise(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Back to the model {0}").format(name))
            button.clicked.connect(lambda _=False, d=depth: self.document.close_nested(d))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._layout.addWidget(button)
            self.buttons.append(button)
        self._layout.addStretch(1)
        self.setVisible(len(stack) > 1)
