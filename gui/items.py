"""Canvas items: nodes with their ports, bezier wires with shape labels, shared-layer links.

Items are dumb: they draw what the scene tells them (texts, number of ports, problems)
and know the ids they stand for. They never read or change the graph.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from graph_core.graph import Wire
from gui import i18n, theme

NODE_WIDTH = 164.0  # the narrowest a node is; it grows with its texts up to MAX_WIDTH
MAX_WIDTH = 2 * NODE_WIDTH
PORT_GAP = 22.0
PORT_RADIUS = 6.0
MIN_HEIGHT = 56.0
CORNER = 8.0
LOD_TEXT = 0.35  # below this zoom, nodes are drawn as plain boxes without text or ports
WIRE_WIDTH = 1.8

_TITLE_FONT = QFont()
_TITLE_FONT.setBold(True)
_TITLE_FONT.setPointSizeF(10.0)
_CAPTION_FONT = QFont()
_CAPTION_FONT.setPointSizeF(9.0)
_SMALL_FONT = QFont()
_SMALL_FONT.setPointSizeF(7.5)
_SMALL_FONT.setBold(True)


def node_height(n_inputs: int) -> float:
    return max(MIN_HEIGHT, 16.0 + n_inputs * PORT_GAP)


def set_scale(scale: float) -> None:
    """Presentation mode (``scale`` > 1): larger texts, bigger ports, thicker wires; 1.0 is normal."""
    global PORT_RADIUS, WIRE_WIDTH
    PORT_RADIUS, WIRE_WIDTH = 6.0 * scale, 1.8 * scale
    text_scale = 1.0 + (scale - 1.0) * 0.25  # texts must still fit in the node's width
    _TITLE_FONT.setPointSizeF(10.0 * text_scale)
    _CAPTION_FONT.setPointSizeF(9.0 * text_scale)
    _SMALL_FONT.setPointSizeF(7.5 * text_scale)


class PortItem(QGraphicsItem):
    """Input ``index`` of a node, or (``output``) its output ``index``; ``name`` says what a port of several is
    (the nested model's output layer, a recurrent layer's state)."""

    def __init__(self, node_id: int, index: int, parent: NodeItem, output: bool = False) -> None:
        super().__init__(parent)
        self.node_id = node_id
        self.index = index
        self.is_output = output
        self.name = ""
        self.state = "normal"  # normal | refused | accepted | hover
        self.reason = ""
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self._tooltip()

    def set_name(self, name: str) -> None:
        if name != self.name:
            self.name = name
            self._tooltip()

    def _tooltip(self) -> None:
        if self.is_output and self.name:
            base = i18n.translate("Canvas", "output {0} ({1}): drag to an input to wire").format(self.index, self.name)
        elif self.is_output:
            base = i18n.translate("Canvas", "output: drag to an input to wire")
        elif self.name:
            base = i18n.translate("Canvas", "input {0} ({1})").format(self.index, self.name)
        else:
            base = i18n.translate("Canvas", "input {0}").format(self.index)
        refused = i18n.translate("Canvas", "refused: {0}").format(self.reason) if self.reason else ""
        self.setToolTip(f"{base}\n{refused}" if refused else base)

    def set_state(self, state: str, reason: str = "") -> None:
        if state != self.state or reason != self.reason:
            self.state, self.reason = state, reason
            self._tooltip()
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        r = PORT_RADIUS + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        r = PORT_RADIUS + 3  # a little larger than drawn: easier to hit
        path.addEllipse(QPointF(0, 0), r, r)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colors = theme.canvas_colors()
        radius = PORT_RADIUS
        fill, pen = colors.background, QPen(colors.wire, 1.6)
        if self.state == "refused":
            fill, pen, radius = theme.REFUSED.lighter(130), QPen(theme.REFUSED, 1.0), PORT_RADIUS - 2
            painter.setOpacity(0.45)
        elif self.state == "accepted":
            fill, pen = theme.ACCEPTED, QPen(theme.ACCEPTED.darker(140), 2.0)
        elif self.state == "hover":
            fill, pen, radius = theme.ACCEPTED, QPen(colors.selection, 2.5), PORT_RADIUS + 2
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(0, 0), radius, radius)


class NodeItem(QGraphicsItem):
    """A node: its layer name, ``Dense · 64 · relu``, ports, problem (or warning) badge and shared marker."""

    def __init__(self, node_id: int) -> None:
        super().__init__()
        self.node_id = node_id
        self.title = ""
        self.caption = ""
        self.color = QColor("#E0E0E0")
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.shared: QColor | None = None
        self.is_output = False
        self.inputs: list[PortItem] = []
        self.outputs: list[PortItem] = [PortItem(node_id, 0, self, output=True)]
        self.height = MIN_HEIGHT
        self.width = NODE_WIDTH
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self._layout_ports(0, 1)

    @property
    def output(self) -> PortItem:
        """The (first) output port."""
        return self.outputs[0]

    # ------------------------------------------------------------------ state from the scene

    def set_texts(self, title: str, caption: str, color: QColor) -> None:
        if (title, caption, color) != (self.title, self.caption, self.color):
            self.title, self.caption, self.color = title, caption, color
            self._update_tooltip()
            self.fit_width()
            self.update()

    def fit_width(self) -> None:
        """As wide as the title and caption need (``Conv2D · 64 · 3×3 · relu``), within NODE_WIDTH..MAX_WIDTH."""
        title = QFontMetricsF(_TITLE_FONT).horizontalAdvance(self.title) + 14 + (46 if self.is_output else 12) + 8
        caption = QFontMetricsF(_CAPTION_FONT).horizontalAdvance(self.caption) + 14 + 12 + 8
        width = min(MAX_WIDTH, max(NODE_WIDTH, title, caption))
        if width != self.width:
            self.prepareGeometryChange()
            self.width = width
            self._place_outputs()
            scene = self.scene()
            if scene is not None and hasattr(scene, "node_geometry_changed"):
                scene.node_geometry_changed(self.node_id)

    def set_problems(self, problems: list[str], warnings: list[str] | None = None) -> None:
        warnings = warnings or []
        if problems != self.problems or warnings != self.warnings:
            self.problems, self.warnings = problems, warnings
            self._update_tooltip()
            self.update()

    def set_marks(self, shared: QColor | None, is_output: bool) -> None:
        if shared != self.shared or is_output != self.is_output:
            self.shared, self.is_output = shared, is_output
            self.fit_width()
            self.update()

    def set_port_count(self, n_inputs: int, n_outputs: int = 1, output_names: list[str] | None = None,
                       input_names: list[str] | None = None) -> None:  # fmt: skip
        """``n_inputs`` input ports and ``n_outputs`` output ports (an output of several is named by
        ``output_names``; an input of several by ``input_names``, where given)."""
        if n_inputs != len(self.inputs) or n_outputs != len(self.outputs):
            self._layout_ports(n_inputs, n_outputs)
        names = output_names if output_names is not None and n_outputs > 1 else [""] * n_outputs
        for port, name in zip(self.outputs, names):
            port.set_name(name)
        names = input_names if input_names and n_inputs > 1 else [""] * n_inputs
        for port, name in zip(self.inputs, names):
            port.set_name(name)

    def _layout_ports(self, n_inputs: int, n_outputs: int) -> None:
        self.prepareGeometryChange()
        for ports, count, output in ((self.inputs, n_inputs, False), (self.outputs, n_outputs, True)):
            while len(ports) > count:
                port = ports.pop()
                port.setParentItem(None)
                if port.scene() is not None:
                    port.scene().removeItem(port)
            while len(ports) < count:
                ports.append(PortItem(self.node_id, len(ports), self, output=output))
        self.height = node_height(max(n_inputs, n_outputs))
        top = (self.height - (n_inputs - 1) * PORT_GAP) / 2
        for i, port in enumerate(self.inputs):
            port.setPos(0.0, top + i * PORT_GAP)
        self._place_outputs()

    def _place_outputs(self) -> None:
        top = (self.height - (len(self.outputs) - 1) * PORT_GAP) / 2
        for i, port in enumerate(self.outputs):
            port.setPos(self.width, top + i * PORT_GAP)

    def _update_tooltip(self) -> None:
        lines = [f"<b>{self.title}</b> — {self.caption}"]
        lines += [f"<span style='color:{theme.PROBLEM.name()}'>⚠ {p}</span>" for p in self.problems]
        lines += [f"<span style='color:{theme.WARNING.darker(130).name()}'>⚠ {p}</span>" for p in self.warnings]
        self.setToolTip("<br>".join(lines))

    # ------------------------------------------------------------------ geometry

    def input_pos(self, index: int) -> QPointF:
        if 0 <= index < len(self.inputs):
            return self.inputs[index].scenePos()
        return self.mapToScene(QPointF(0.0, self.height / 2))

    def output_pos(self, index: int = 0) -> QPointF:
        if 0 <= index < len(self.outputs):
            return self.outputs[index].scenePos()
        return self.mapToScene(QPointF(self.width, self.height / 2))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(-4, -12, self.width + 16, self.height + 16)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self.width, self.height), CORNER, CORNER)
        return path

    def badge_rect(self) -> QRectF:
        return QRectF(self.width - 11, -9, 20, 20)

    # ------------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colors = theme.canvas_colors()
        width = self.width
        body = QRectF(0, 0, width, self.height)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            # Far away: a coloured box is all one can see; skip the text (fast panning of big graphs).
            painter.setPen(QPen(colors.selection, 0) if self.isSelected() else Qt.PenStyle.NoPen)
            painter.setBrush(theme.PROBLEM if self.problems else self.color)
            painter.drawRect(body)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isSelected():
            pen = QPen(colors.selection, 3.0)
        elif self.problems:
            pen = QPen(theme.PROBLEM, 1.6)
        else:
            pen = QPen(self.color.darker(160), 1.2)
        painter.setPen(pen)
        painter.setBrush(self.color)
        painter.drawRoundedRect(body, CORNER, CORNER)
        left = 14.0
        if self.shared is not None:
            # A band in the shared layer's own colour: every call of the layer carries it.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.shared)
            painter.drawRoundedRect(QRectF(8, 6, 6, self.height - 12), 3, 3)
            left = 20.0
        right = width - (46 if self.is_output else 12)
        text_width = right - left
        painter.setPen(theme.NODE_TEXT)
        middle = self.height / 2
        painter.setFont(_TITLE_FONT)
        fm = QFontMetricsF(_TITLE_FONT)
        title = fm.elidedText(self.title, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(
            QRectF(left, middle - fm.height() - 1, text_width, fm.height()), Qt.AlignmentFlag.AlignLeft, title
        )
        painter.setFont(_CAPTION_FONT)
        fm = QFontMetricsF(_CAPTION_FONT)
        caption = fm.elidedText(self.caption, Qt.TextElideMode.ElideRight, width - left - 12)
        painter.drawText(QRectF(left, middle + 1, width - left - 12, fm.height()), Qt.AlignmentFlag.AlignLeft, caption)
        if self.is_output:
            pill = QRectF(width - 44, 6, 36, 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 150))
            painter.drawRoundedRect(pill, 7, 7)
            painter.setFont(_SMALL_FONT)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, i18n.translate("Canvas", "OUT"))
        if self.problems or self.warnings:
            badge = self.badge_rect()
            painter.setPen(QPen(QColor("#FFFFFF"), 1.5))
            painter.setBrush(theme.PROBLEM if self.problems else theme.WARNING)
            painter.drawEllipse(badge)
            font = QFont(_TITLE_FONT)
            font.setPointSizeF(10.5)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")


class WireLabel(QGraphicsItem):
    """The tensor shape a wire carries, ``(None, 64)``, on a rounded background just above the wire.

    It is an item of its own (its wire adds and removes it), drawn above the nodes, so a long
    shape beside a node is never cut off, and above the wire, so it never hides the wire.
    """

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self._rect = QRectF()
        self.setZValue(3)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.prepareGeometryChange()
            self.text = text
            self._rect = self._rect_for(QFontMetricsF(_CAPTION_FONT), text)
            self.update()

    def _rect_for(self, fm: QFontMetricsF, text: str) -> QRectF:
        w, h = fm.horizontalAdvance(text) + 10, fm.height() + 2
        return QRectF(-w / 2, -h - 2, w, h)  # centred above the point it is placed at

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.text or option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            return
        colors = theme.canvas_colors()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.label_background)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(colors.label)
        painter.setFont(_CAPTION_FONT)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class RefusalBubble(WireLabel):
    """Why a wire cannot go into a port, shown just under the port's node from the port on (covering neither
    node nor wire) while the wire is dragged over it and a few seconds after it is dropped there."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(5)

    def _rect_for(self, fm: QFontMetricsF, text: str) -> QRectF:
        w, h = min(fm.horizontalAdvance(text) + 16, 420.0), fm.height() + 8
        lines = 1 if fm.horizontalAdvance(text) + 16 <= 420 else 2
        return QRectF(-8, 0, w, h * lines + 8 * (lines - 1))  # placed at the port's x, under the node

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.text:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.PROBLEM.darker(120), 1.2))
        painter.setBrush(QColor("#FFEBEE") if not theme.is_dark() else QColor("#4E2A2A"))
        painter.drawRoundedRect(self._rect, 5, 5)
        painter.setPen(QColor("#B71C1C") if not theme.is_dark() else QColor("#FFCDD2"))
        painter.setFont(_CAPTION_FONT)
        painter.drawText(self._rect.adjusted(8, 2, -8, -2), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.text)  # fmt: skip


def bezier(start: QPointF, end: QPointF) -> QPainterPath:
    """A wire's curve: leaves the output to the right and enters the input from the left."""
    dx = max(abs(end.x() - start.x()) * 0.5, 40.0)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path


class WireItem(QGraphicsPathItem):
    """A wire from ``src``'s output to input ``port`` of ``dst``, labelled with its shape."""

    def __init__(self, wire: Wire) -> None:
        super().__init__()
        self.wire = wire
        self.label = WireLabel()
        self.highlighted = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsScenePositionChanges)
        self.setZValue(0)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            scene, old = self.scene(), self.label.scene()
            if old is not None and old is not scene:
                old.removeItem(self.label)
            if scene is not None and self.label.scene() is not scene:
                scene.addItem(self.label)
        return super().itemChange(change, value)

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        path = bezier(start, end)
        self.setPath(path)
        self.label.setPos(path.pointAtPercent(0.5))

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        return stroker.createStroke(self.path())

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.path().boundingRect().adjusted(-8, -8, 8, 8)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colors = theme.canvas_colors()
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= LOD_TEXT:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isSelected() or self.highlighted:
            pen = QPen(colors.wire_selected, WIRE_WIDTH * (1.8 if self.highlighted else 1.45))
        else:
            pen = QPen(colors.wire, WIRE_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())


class SharedLinkItem(QGraphicsPathItem):
    """A dashed line between two nodes that call the same layer (they share its weights)."""

    def __init__(self, layer: str, color: QColor) -> None:
        super().__init__()
        self.layer = layer
        self.ends: tuple[int, int] = (0, 0)
        pen = QPen(color, 2.0, Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.setZValue(-1)
        self.setToolTip(i18n.translate("Canvas", "shared layer {0}: these nodes use the same weights").format(layer))

    def set_ends(self, a: QRectF, b: QRectF) -> None:
        # Centre to centre, drawn under the nodes: only the stretch between them shows.
        path = QPainterPath(a.center())
        path.lineTo(b.center())
        self.setPath(path)


class PreviewWire(QGraphicsPathItem):
    """The wire following the mouse while it is being drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(5)
        self.set_refused(False)

    def set_refused(self, refused: bool) -> None:
        colors = theme.canvas_colors()
        color = theme.PROBLEM if refused else colors.wire_selected
        self.setPen(QPen(color, 2.2, Qt.PenStyle.DashLine if refused else Qt.PenStyle.SolidLine))
