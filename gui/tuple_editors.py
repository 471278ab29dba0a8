"""Editors for a layer's tuple settings: kernel sizes, strides, pool sizes, padding and cropping amounts.

:class:`IntsEditor` edits ``length`` whole numbers side by side (``3 × 3``), with a link
that keeps them equal while it is on (a square kernel, the same stride both ways); for an
optional setting (pooling strides, output padding) an *auto* box stands for None.
:class:`PaddingEditor` edits the amounts before and after each spatial axis. Each editor
emits ``edited`` with the whole new value, which the inspector commits as one edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from graph_core.layers import Field

INT_LIMIT = 2**31 - 1


def _spin(field: Field) -> QSpinBox:
    spin = QSpinBox()
    low = int(field.minimum if field.minimum is not None else 0)
    spin.setRange(low, int(min(field.maximum or INT_LIMIT, INT_LIMIT)))
    spin.setKeyboardTracking(False)
    spin.setAccelerated(True)
    return spin


def _link_icon(color: QColor) -> QIcon:
    """Two links of a chain: the values move together."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        size = int(16 * ratio)
        pixmap = QPixmap(size, size)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 1.6))
        painter.drawRoundedRect(QRectF(1.5, 5, 8, 6), 3, 3)
        painter.drawRoundedRect(QRectF(6.5, 5, 8, 6), 3, 3)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class IntsEditor(QWidget):
    """``length`` spin boxes for an ``ints`` or ``optional_ints`` field."""

    edited = Signal(object)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.auto: QCheckBox | None = None
        if field.kind == "optional_ints":
            self.auto = QCheckBox(self.tr("auto"))
            self.auto.setToolTip(field.help)
            self.auto.toggled.connect(self._auto_toggled)
            layout.addWidget(self.auto)
        self.spins: list[QSpinBox] = []
        for i in range(field.length):
            if i:
                layout.addWidget(QLabel("×"))
            spin = _spin(field)
            spin.valueChanged.connect(lambda v, i=i: self._spun(i, v))
            layout.addWidget(spin, 1)
            self.spins.append(spin)
        self.link: QToolButton | None = None
        if field.length > 1:
            self.link = QToolButton()
            self.link.setIcon(_link_icon(self.palette().color(QPalette.ColorRole.WindowText)))
            self.link.setCheckable(True)
            self.link.setAutoRaise(True)
            self.link.setToolTip(self.tr("Keep the values equal"))
            layout.addWidget(self.link)

    def value(self) -> tuple[int, ...] | None:
        if self.auto is not None and self.auto.isChecked():
            return None
        return tuple(s.value() for s in self.spins)

    def set_value(self, value: tuple[int, ...] | None, shown_when_auto: tuple[int, ...] | None = None) -> None:
        """Show ``value`` (None: auto, with the spin boxes showing ``shown_when_auto``) without emitting."""
        numbers = value if value is not None else shown_when_auto or tuple(s.value() for s in self.spins)
        for spin, v in zip(self.spins, numbers):
            spin.blockSignals(True)
            spin.setValue(int(v))
            spin.blockSignals(False)
        if self.auto is not None:
            self.auto.blockSignals(True)
            self.auto.setChecked(value is None)
            self.auto.blockSignals(False)
            for spin in self.spins:
                spin.setEnabled(value is not None)
        if self.link is not None:
            self.link.setChecked(len(set(numbers)) == 1)

    def _spun(self, index: int, v: int) -> None:
        if self.link is not None and self.link.isChecked():
            for i, spin in enumerate(self.spins):
                if i != index:
                    spin.blockSignals(True)
                    spin.setValue(v)
                    spin.blockSignals(False)
        self.edited.emit(self.value())

    def _auto_toggled(self, on: bool) -> None:
        for spin in self.spins:
            spin.setEnabled(not on)
        self.edited.emit(self.value())


class PaddingEditor(QWidget):
    """Amounts before and after each spatial axis: (before, after), or ((top, bottom), (left, right))."""

    edited = Signal(object)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        names = (
            [(self.tr("before"), self.tr("after"))]
            if field.length == 1
            else [(self.tr("top"), self.tr("bottom")), (self.tr("left"), self.tr("right"))]
        )
        self.spins: list[tuple[QSpinBox, QSpinBox]] = []
        for row, (first, second) in enumerate(names):
            pair = (_spin(field), _spin(field))
            for col, (label, spin) in enumerate(zip((first, second), pair)):
                grid.addWidget(QLabel(label), row, 2 * col)
                grid.addWidget(spin, row, 2 * col + 1)
                spin.valueChanged.connect(lambda _v: self.edited.emit(self.value()))
            self.spins.append(pair)

    def value(self) -> tuple:
        pairs = tuple((a.value(), b.value()) for a, b in self.spins)
        return pairs[0] if self.field.length == 1 else pairs

    def set_value(self, value: Any) -> None:
        pairs = (value,) if self.field.length == 1 else value
        for (a, b), (va, vb) in zip(self.spins, pairs):
            for spin, v in ((a, va), (b, vb)):
                spin.blockSignals(True)
                spin.setValue(int(v))
                spin.blockSignals(False)
