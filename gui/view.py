"""The canvas view: routes mouse and keyboard to gestures, zooms, pans, accepts drops.

Mouse press picks a gesture (:mod:`gui.interactions`) by what is under the cursor;
the gesture does the rest. Dropping a palette entry adds a layer under the mouse (or
into the wire under it); Tab or a double-click on empty canvas opens the search box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QLabel

from graph_core import edits
from gui import commands, i18n, interactions
from gui.document import Document
from gui.items import MIN_HEIGHT, NODE_WIDTH, NodeItem, WireItem
from gui.palette import type_from_mime
from gui.scene import GRID, GraphScene
from gui.search_popup import SearchPopup

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0


#: The smallest zoom at which a node's texts can still be read (a document opens at this zoom or larger).
READABLE_ZOOM = 0.7


class GraphView(QGraphicsView):
    hint = Signal(str)  # transient help for the status bar ("" clears it)

    def __init__(self, scene: GraphScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.interaction: interactions.Interaction | None = None
        self.snap_to_grid = False
        self._space = False
        self._drop_wire: WireItem | None = None
        self.search = SearchPopup(self)
        self._search_at = QPointF()
        self.search.chosen.connect(lambda name: self.add_layer(name, self._search_at))
        # On an empty canvas: what to do first, instead of a model that is all problems.
        self.empty_hint = QLabel(self)  # not the viewport's child: scrolling the canvas would move it
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_hint.setStyleSheet("QLabel { color: palette(placeholder-text); font-size: 15px; }")
        i18n.bind(self.empty_hint, "setText", i18n.translate(
            "Canvas", "Drag a layer here from the Layers panel, press Tab to search for one, or open an example "
            "from File → Examples. A model starts with an InputLayer."))  # fmt: skip
        self.empty_hint.hide()
        self.viewport().installEventFilter(self)

    def show_empty_hint(self, empty: bool) -> None:
        """Show the first-steps hint in the middle of the canvas while the document has no nodes."""
        self.empty_hint.setVisible(empty)
        if empty:
            self._place_empty_hint()

    def _place_empty_hint(self) -> None:
        area = self.viewport().geometry()
        width = min(area.width() - 40, 560)
        height = self.empty_hint.heightForWidth(width)
        self.empty_hint.setGeometry(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2,
                                    width, height)  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.viewport() and event.type() == QEvent.Type.Resize and not self.empty_hint.isHidden():
            self._place_empty_hint()
        return super().eventFilter(watched, event)

    @property
    def document(self) -> Document:
        return self.scene().document

    def show_hint(self, text: str) -> None:
        self.hint.emit(text)

    # ------------------------------------------------------------------ geometry

    def zoom(self) -> float:
        return self.transform().m11()

    def snap(self, pos: QPointF) -> QPointF:
        if not self.snap_to_grid:
            return QPointF(pos)
        return QPointF(round(pos.x() / GRID) * GRID, round(pos.y() / GRID) * GRID)

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom keeping the scene point under ``anchor`` (viewport coordinates) in place."""
        factor = max(MIN_ZOOM / self.zoom(), min(MAX_ZOOM / self.zoom(), factor))
        if anchor is None:
            anchor = self.viewport().rect().center()
        before = self.mapToScene(anchor)
        old = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.scale(factor, factor)
        after = self.mapToScene(anchor)
        self.translate(after.x() - before.x(), after.y() - before.y())
        self.setTransformationAnchor(old)

    def reset_zoom(self) -> None:
        self.zoom_by(1.0 / self.zoom())

    def fit_to_view(self, readable: bool = False, least: float = READABLE_ZOOM) -> None:
        """Show the whole graph; ``readable`` (a document just opened): never smaller than zoom ``least``, so its
        texts can be read — a graph too big for that shows its beginning, where the inputs are."""
        rect = self.scene().nodes_rect()
        if rect.isEmpty():
            self.resetTransform()
            self.centerOn(0, 0)
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.5:
            self.zoom_by(1.5 / self.zoom())
        if readable and self.zoom() < least:
            self.zoom_by(least / self.zoom())
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            self.centerOn(rect.left() + visible.width() / 2, rect.center().y())
            return
        self.centerOn(rect.center())

    def pan_by(self, dx: float, dy: float) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + int(dx))
        v.setValue(v.value() + int(dy))

    def node_origin(self, center: QPointF) -> QPointF:
        """Top-left corner of a node centred at ``center`` (snapped if snapping is on)."""
        return self.snap(QPointF(center.x() - NODE_WIDTH / 2, center.y() - MIN_HEIGHT / 2))

    def visible_center(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    # ------------------------------------------------------------------ adding

    def add_layer(self, type_name: str, center: QPointF) -> bool:
        """Add a new layer centred at ``center``; dropped on a wire, insert it into the wire."""
        origin = self.node_origin(center)
        add = edits.AddNode(type_name, pos=(origin.x(), origin.y()))
        wire = self.scene().wire_at(center)
        document = self.document
        if wire is not None:
            from graph_core import layers

            if layers.get(type_name).min_inputs == 1 and document.push(
                commands.insert_on_wire_edit(document.editing, add, wire.wire)
            ):
                self.scene().select_nodes([add.node_id])
                return True
            add = edits.AddNode(type_name, pos=(origin.x(), origin.y()))
        if document.push(add):
            self.scene().select_nodes([add.node_id])
            return True
        return False

    def open_search(self, view_pos: QPoint | None = None) -> None:
        if view_pos is None:
            view_pos = self.viewport().mapFromGlobal(self.cursor().pos())
            if not self.viewport().rect().contains(view_pos):
                view_pos = self.viewport().rect().center()
        self._search_at = self.mapToScene(view_pos)
        self.search.popup(self.viewport().mapTo(self, view_pos))

    # ------------------------------------------------------------------ mouse

    def _begin(self, interaction: interactions.Interaction, pos: QPoint) -> None:
        if self.interaction is not None:
            self.interaction.cancel()
        self.interaction = interaction
        interaction.start(pos)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position().toPoint()
        self.search.hide()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._begin(interactions.Pan(self), pos)
            return
        if button == Qt.MouseButton.RightButton:
            super().mousePressEvent(event)
            return
        if button != Qt.MouseButton.LeftButton:
            return
        scene = self.scene()
        scene_pos = self.mapToScene(pos)
        additive = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        port = scene.port_at(scene_pos)
        if port is not None and port.is_output:
            self._begin(interactions.WireDrag(self, port.node_id, port.index), pos)
            return
        node = scene.node_at(scene_pos)
        if node is not None:
            if additive:
                node.setSelected(not node.isSelected())
                if not node.isSelected():
                    return
            elif not node.isSelected():
                scene.clearSelection()
                node.setSelected(True)
            self._begin(interactions.MoveDrag(self, scene.selected_node_ids()), pos)
            return
        wire = scene.wire_at(scene_pos)
        if wire is not None:
            if not additive:
                scene.clearSelection()
            wire.setSelected(True)
            return
        self._begin(interactions.RubberBand(self, additive), pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.interaction is not None:
            self.interaction.move(event.position().toPoint())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.end(event.position().toPoint())
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position().toPoint()
        item = self.scene().node_at(self.mapToScene(pos))
        document = self.scene().document
        if item is not None and document is not None and document.open_nested(item.node_id):
            if self.interaction is not None:
                self.interaction.cancel()
                self.interaction = None
            self.fit_to_view(readable=True)  # a nested model opens in its own canvas
            return
        if item is None and self.scene().wire_at(self.mapToScene(pos)) is None:
            if self.interaction is not None:
                self.interaction.cancel()
                self.interaction = None
            self.open_search(pos)
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.pan_by(-event.angleDelta().y(), 0)
            return
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1.0015**delta, event.position().toPoint())

    # ------------------------------------------------------------------ keyboard

    def event(self, event: QEvent) -> bool:
        # Tab would move the focus to the next widget before keyPressEvent sees it.
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab and not self.search.isVisible():
            self.open_search()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            if self.interaction is not None:
                self.interaction.cancel()
                self.interaction = None
            else:
                self.scene().clearSelection()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            return
        super().keyReleaseEvent(event)

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if type_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        name = type_from_mime(event.mimeData())
        if name is None:
            event.ignore()
            return
        event.acceptProposedAction()
        wire = self.scene().wire_at(self.mapToScene(event.position().toPoint()))
        self._highlight_drop(wire)

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._highlight_drop(None)

    def _highlight_drop(self, wire: WireItem | None) -> None:
        if wire is not self._drop_wire:
            if self._drop_wire is not None and self._drop_wire.scene() is not None:
                self._drop_wire.set_highlighted(False)
            self._drop_wire = wire
            if wire is not None:
                wire.set_highlighted(True)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self._highlight_drop(None)
        name = type_from_mime(event.mimeData())
        if name is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_layer(name, self.mapToScene(event.position().toPoint()))
        self.setFocus()

    # ------------------------------------------------------------------ helpers for tests and menus

    def node_scene_rect(self, node_id: int) -> QRectF:
        item: NodeItem = self.scene().node_items[node_id]
        return item.sceneBoundingRect()
