"""Small bars under node items showing each node's mean |activation| or |gradient| during training.

The badge is a child item of the node item, so it moves with the node; the node items
themselves are not changed. Values are scaled to the largest one shown.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui import i18n
from gui.items import NodeItem

BAR_HEIGHT = 12.0
_FONT = QFont()
_FONT.setPointSizeF(7.0)


class ActivityBadge(QGraphicsItem):
    """A bar (share of the largest value) and the value itself, under a node."""

    def __init__(self, parent: NodeItem) -> None:
        super().__init__(parent)
        self.value = 0.0
        self.share = 0.0
        self.kind = "activation"
        self.setZValue(3)
        self.setPos(0, parent.height + 3)

    def set_value(self, value: float, share: float, kind: str) -> None:
        share = max(0.0, min(1.0, share))
        width = self._width()
        looks = (f"{value:.3g}", round(width * share), kind)
        same = looks == (f"{self.value:.3g}", round(width * self.share), self.kind)
        self.value, self.share, self.kind = value, share, kind
        tip = (i18n.translate("Training", "mean |activation| on a probe batch: {0}") if kind == "activation"
               else i18n.translate("Training", "mean |gradient| on a probe batch: {0}"))  # fmt: skip
        self.setToolTip(tip.format(f"{value:.4g}"))
        if not same:  # a repaint of the canvas only when the badge would look different
            self.update()

    def _width(self) -> float:
        return self.parentItem().width  # type: ignore[union-attr]

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(0, 0, self._width(), BAR_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRoundedRect(rect, 3, 3)
        color = QColor("#1E88E5") if self.kind == "activation" else QColor("#F4511E")
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(0, 0, max(2.0, rect.width() * self.share), rect.height()), 3, 3)
        painter.setFont(_FONT)
        painter.setPen(QColor("#111111") if self.share < 0.6 else QColor("#FFFFFF"))
        painter.drawText(rect.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         f"{self._short()} {self.value:.3g}")  # fmt: skip

    def _short(self) -> str:
        if self.kind == "activation":
            return i18n.translate("Training", "act")
        return i18n.translate("Training", "grad")


class BadgeLayer:
    """Badges for the nodes of a scene: ``show(stats)``, ``clear()``."""

    def __init__(self, scene) -> None:  # type: ignore[no-untyped-def]
        self.scene = scene
        self.badges: dict[int, ActivityBadge] = {}

    def show(self, values: dict[int, float], kind: str) -> None:
        top = max((abs(v) for v in values.values()), default=0.0) or 1.0
        for node, item in self.scene.node_items.items():
            if node not in values:
                self._drop(node)
                continue
            badge = self.badges.get(node)
            if badge is None or badge.parentItem() is not item:
                badge = self.badges[node] = ActivityBadge(item)
            badge.setPos(0, item.height + 3)
            badge.set_value(values[node], abs(values[node]) / top, kind)
        for node in [n for n in self.badges if n not in self.scene.node_items]:
            self.badges.pop(node)

    def _drop(self, node: int) -> None:
        badge = self.badges.pop(node, None)
        if badge is not None and badge.scene() is not None:
            badge.scene().removeItem(badge)

    def clear(self) -> None:
        for node in list(self.badges):
            self._drop(node)
