"""Mouse gestures on the canvas, one class per gesture (after orange-canvas-core).

The view creates a gesture on mouse press and forwards moves and the release to it;
Escape cancels it. A gesture shows feedback with temporary items while it runs and
turns into at most one core edit at its end, pushed on the document (which shows the
core's reason if the edit is refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from graph_core.errors import ConnectionRefused
from gui import commands, i18n, theme
from gui.items import PortItem, PreviewWire, WireItem, bezier

if TYPE_CHECKING:
    from gui.scene import GraphScene
    from gui.view import GraphView

DRAG_THRESHOLD = 3.0


class Interaction:
    """A gesture: ``start`` on press, ``move`` while the button is held, ``end`` on release."""

    def __init__(self, view: GraphView) -> None:
        self.view = view
        self.scene: GraphScene = view.scene()

    def start(self, pos: QPoint) -> None:
        pass

    def move(self, pos: QPoint) -> None:
        pass

    def end(self, pos: QPoint) -> None:
        self.cleanup()

    def cancel(self) -> None:
        self.cleanup()

    def cleanup(self) -> None:
        pass

    def to_scene(self, pos: QPoint) -> QPointF:
        return self.view.mapToScene(pos)


class WireDrag(Interaction):
    """Drag from one of a node's outputs to an input: refused inputs dim, the reason shows on hover."""

    def __init__(self, view: GraphView, src: int, out: int = 0) -> None:
        super().__init__(view)
        self.src = src
        self.out = out
        self.preview = PreviewWire()
        self.ports: list[PortItem] = []

    def start(self, pos: QPoint) -> None:
        graph = self.scene.graph
        for item in self.scene.node_items.values():
            for port in item.inputs:
                try:
                    graph.check_connect(self.src, port.node_id, port.index, self.out)
                except ConnectionRefused as exc:
                    port.set_state("refused", i18n.core_text(exc))
                else:
                    port.set_state("accepted")
                self.ports.append(port)
        self.scene.addItem(self.preview)
        self.move(pos)

    def _target(self, scene_pos: QPointF) -> PortItem | None:
        port = self.scene.port_at(scene_pos)
        if port is not None and not port.is_output and port.node_id != self.src:
            return port
        node = self.scene.node_at(scene_pos)
        if node is not None and node.node_id != self.src:
            free = [p for p in node.inputs if p.state in ("accepted", "hover")]
            return free[0] if free else (node.inputs[0] if node.inputs else None)
        return None

    def move(self, pos: QPoint) -> None:
        scene_pos = self.to_scene(pos)
        target = self._target(scene_pos)
        for port in self.ports:
            if port.state == "hover" and port is not target:
                port.set_state("accepted")
        end = scene_pos
        if target is not None and target.state != "refused":
            target.set_state("hover")
            end = target.scenePos()
        refused = target is not None and target.state == "refused"
        self.preview.set_refused(refused)
        self.preview.setPath(bezier(self.scene.node_items[self.src].output_pos(self.out), end))
        self.view.show_hint(i18n.translate("Canvas", "Cannot connect: {0}").format(target.reason) if refused else "")
        self.scene.show_refusal(
            self.scene.refusal_anchor(target) if refused else None, target.reason if refused else ""
        )

    def end(self, pos: QPoint) -> None:
        target = self._target(self.to_scene(pos))
        refused = target is not None and target.state == "refused"
        refusal = (self.scene.refusal_anchor(target), target.reason) if refused else None
        self.cleanup()
        if refusal is not None:  # dropped there anyway: the reason stays beside the port a moment
            self.scene.show_refusal(*refusal, seconds=4.0)
        if target is not None:
            from graph_core.edits import Connect

            self.view.document.push(Connect(self.src, target.node_id, target.index, self.out))

    def cleanup(self) -> None:
        for port in self.ports:
            port.set_state("normal")
        self.ports = []
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)
        self.view.show_hint("")
        self.scene.show_refusal(None)


class MoveDrag(Interaction):
    """Move the selected nodes; one MoveNodes edit on release. A lone node dropped on a wire is inserted."""

    def __init__(self, view: GraphView, node_ids: list[int]) -> None:
        super().__init__(view)
        self.node_ids = node_ids
        self.origin = QPointF()
        self.start_pos = {n: self.scene.node_items[n].pos() for n in node_ids}
        self.moved = False
        self.target_wire: WireItem | None = None

    def start(self, pos: QPoint) -> None:
        self.origin = self.to_scene(pos)

    def _insertable(self) -> bool:
        graph = self.scene.graph
        if len(self.node_ids) != 1:
            return False
        n = self.node_ids[0]
        return not graph.inputs_of(n) and not graph.wires_out(n) and graph.type_of(n).min_inputs <= 1

    def move(self, pos: QPoint) -> None:
        delta = self.to_scene(pos) - self.origin
        if not self.moved and abs(delta.x()) + abs(delta.y()) < DRAG_THRESHOLD / self.view.zoom():
            return
        self.moved = True
        for n, start in self.start_pos.items():
            self.scene.node_items[n].setPos(self.view.snap(start + delta))
        self.scene.update_wires_of(self.node_ids)
        if self._insertable():
            item = self.scene.node_items[self.node_ids[0]]
            wire = self.scene.wire_at(item.sceneBoundingRect().center(), exclude=set(self.node_ids))
            self._set_target(wire)

    def _set_target(self, wire: WireItem | None) -> None:
        if wire is not self.target_wire:
            if self.target_wire is not None:
                self.target_wire.set_highlighted(False)
            self.target_wire = wire
            if wire is not None:
                wire.set_highlighted(True)

    def end(self, pos: QPoint) -> None:
        if not self.moved:
            self.cleanup()
            return
        positions = {n: (self.scene.node_items[n].pos().x(), self.scene.node_items[n].pos().y()) for n in self.node_ids}
        wire = self.target_wire.wire if self.target_wire is not None else None
        self.cleanup()
        document = self.view.document
        if wire is not None:
            from graph_core.edits import Compound

            insert = commands.insert_on_wire_edit(document.editing, self.node_ids[0], wire)
            if document.push(Compound([commands.move_edit(positions), *insert.edits], name=insert.name)):
                return
        if not document.push(commands.move_edit(positions)):
            self.restore()

    def restore(self) -> None:
        for n, start in self.start_pos.items():
            if n in self.scene.node_items:
                self.scene.node_items[n].setPos(start)
        self.scene.update_wires_of([n for n in self.node_ids if n in self.scene.graph.nodes])

    def cancel(self) -> None:
        self.restore()
        self.cleanup()

    def cleanup(self) -> None:
        self._set_target(None)


class RubberBand(Interaction):
    """Drag on empty canvas: select the nodes the rectangle touches (Ctrl adds to the selection)."""

    def __init__(self, view: GraphView, add: bool) -> None:
        super().__init__(view)
        self.add = add
        self.origin = QPointF()
        self.rect_item = QGraphicsRectItem()
        self.before: set = set()

    def start(self, pos: QPoint) -> None:
        self.origin = self.to_scene(pos)
        if self.add:
            self.before = set(self.scene.selectedItems())
        else:
            self.scene.clearSelection()
        colors = theme.canvas_colors()
        self.rect_item.setPen(QPen(colors.selection, 0, Qt.PenStyle.DashLine))
        self.rect_item.setBrush(QBrush(colors.rubber_band))
        self.rect_item.setZValue(10)
        self.rect_item.setRect(QRectF(self.origin, self.origin))
        self.scene.addItem(self.rect_item)

    def move(self, pos: QPoint) -> None:
        rect = QRectF(self.origin, self.to_scene(pos)).normalized()
        self.rect_item.setRect(rect)
        inside = {self.scene.node_items[n] for n in self._nodes_in(rect)}
        for item in self.scene.node_items.values():
            item.setSelected(item in inside or item in self.before)

    def _nodes_in(self, rect: QRectF) -> list[int]:
        from gui.items import NodeItem

        return [i.node_id for i in self.scene.items(rect) if isinstance(i, NodeItem)]

    def cleanup(self) -> None:
        if self.rect_item.scene() is not None:
            self.scene.removeItem(self.rect_item)


class Pan(Interaction):
    """Middle button (or Space + left button): scroll the canvas with the mouse."""

    def __init__(self, view: GraphView) -> None:
        super().__init__(view)
        self.last = QPoint()

    def start(self, pos: QPoint) -> None:
        self.last = pos
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, pos: QPoint) -> None:
        delta = pos - self.last
        self.last = pos
        self.view.pan_by(-delta.x(), -delta.y())

    def cleanup(self) -> None:
        self.view.viewport().unsetCursor()
