"""The canvas scene: draws the document's graph and follows its events.

The scene keeps ``node id -> NodeItem`` and ``Wire -> WireItem`` maps. Structural
events (node added, wire removed...) update items at once; everything derived from
the analysis (shape labels, problem badges, output marks, shared-layer links) is
refreshed once per settled change, when the document emits ``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from graph_core.graph import Graph, GraphEvent, Wire
from graph_core.layers import format_shape
from gui import i18n, theme
from gui.document import Document
from gui.items import MIN_HEIGHT, NODE_WIDTH, NodeItem, PortItem, RefusalBubble, SharedLinkItem, WireItem

GRID = 20.0
SCENE_MARGIN = 4000.0


class GraphScene(QGraphicsScene):
    """The scene of one document; :meth:`set_document` switches it to another."""

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.document: Document | None = None
        self._shown: Graph | None = None
        self.refusal = RefusalBubble()  # why a dragged wire cannot go into a port, beside the port
        self._refusal_timer: QTimer | None = None
        self.node_items: dict[int, NodeItem] = {}
        self.wire_items: dict[Wire, WireItem] = {}
        self.link_items: list[SharedLinkItem] = []
        self.show_grid = True
        self.paper = False  # white, gridless background (diagram export)
        self.set_document(document)

    @property
    def graph(self) -> Graph:
        """The model the canvas shows: the document's, or a nested model opened in it."""
        assert self._shown is not None
        return self._shown

    # ------------------------------------------------------------------ document

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.refresh)
            self.document.editing_changed.disconnect(self._show_editing)
        self.document = document
        self._show_editing()
        document.changed.connect(self.refresh)
        document.editing_changed.connect(self._show_editing)

    def _show_editing(self) -> None:
        """Show the model the document edits now (another one after a nested model opened or closed)."""
        if self._shown is not None:
            self._shown.changed.unsub(self._on_event)
        if self.refusal.scene() is self:
            self.removeItem(self.refusal)  # kept across clear(), which would delete it
        self.clear()
        self.node_items.clear()
        self.wire_items.clear()
        self.link_items.clear()
        # A fixed area to start with, so an empty canvas can scroll and zoom around the mouse.
        self.setSceneRect(QRectF(-SCENE_MARGIN, -SCENE_MARGIN, 2 * SCENE_MARGIN, 2 * SCENE_MARGIN))
        assert self.document is not None
        graph = self._shown = self.document.editing
        for node_id in graph.nodes:
            self._add_node(node_id)
        for wire in graph.wires():
            self._add_wire(wire)
        graph.changed.sub(self._on_event)
        self.refresh()

    def _on_event(self, event: GraphEvent) -> None:
        kind = event.kind
        if kind == "node_added":
            self._add_node(event.node)
        elif kind == "node_removed":
            item = self.node_items.pop(event.node)
            self.removeItem(item)
        elif kind == "wire_added":
            self._add_wire(event.wire)
            self._update_ports(event.wire.dst)
        elif kind == "wire_removed":
            item = self.wire_items.pop(event.wire)
            self.removeItem(item)
            self._update_ports(event.wire.dst)
        elif kind in ("layer_renamed", "config_changed"):
            for n in self.graph.nodes_of_layer(event.layer):
                self._update_texts(n)
                self._update_ports(n)  # a setting may change the outputs (a recurrent layer's return_state)
        elif kind == "node_moved":
            item = self.node_items[event.node]
            item.setPos(*self.graph.nodes[event.node].pos)
            self.update_wires_of([event.node])

    # ------------------------------------------------------------------ items

    def _add_node(self, node_id: int) -> None:
        item = NodeItem(node_id)
        self.node_items[node_id] = item
        item.setPos(*self.graph.nodes[node_id].pos)
        self._update_texts(node_id)
        self._update_ports(node_id)
        self.addItem(item)

    def _update_texts(self, node_id: int) -> None:
        layer = self.graph.layer_of(node_id)
        self.node_items[node_id].set_texts(layer.name, layer.spec.caption(layer.config), theme.node_color(layer.type))

    def node_geometry_changed(self, node_id: int) -> None:
        """A node grew or shrank with its texts: its output port moved."""
        if node_id in self.node_items:
            self.update_wires_of([node_id])

    def port_count(self, node_id: int) -> int:
        """Input ports to show: the arity (a nested model's inputs), or for merge layers one free port after the
        last wire."""
        layer = self.graph.layer_of(node_id)
        if layer.inner is not None:
            return max(1, len(layer.inner.input_nodes()))
        spec = layer.spec
        if spec.max_inputs is not None:
            return spec.max_inputs
        wired = [port for port, _ in self.graph.inputs_of(node_id)]
        return max(spec.min_inputs, (max(wired) + 2) if wired else 1)

    def _update_ports(self, node_id: int) -> None:
        layer = self.graph.layer_of(node_id)
        count = self.graph.output_count(node_id)
        inputs, names = layer.spec.port_names(layer.config)  # what each port is, where the type says
        names = list(names) or None
        if layer.inner is not None and count > 1:  # each output port says which of the model's outputs it is
            names = [layer.inner.nodes[n].layer for n, _ in layer.inner.output_values()]
        self.node_items[node_id].set_port_count(self.port_count(node_id), count, names, list(inputs))
        self.update_wires_of([node_id])  # ports may have moved

    def _add_wire(self, wire: Wire) -> None:
        item = WireItem(wire)
        self.wire_items[wire] = item
        self._place_wire(item)
        self.addItem(item)

    def _place_wire(self, item: WireItem) -> None:
        w = item.wire
        item.set_ends(self.node_items[w.src].output_pos(w.out), self.node_items[w.dst].input_pos(w.port))

    def update_wires_of(self, node_ids) -> None:
        """Re-route the wires (and shared links) touching ``node_ids`` after they moved."""
        ids = set(node_ids)
        graph = self.graph
        items = self.wire_items
        for n in ids:
            for w in graph.wires_out(n):
                if w in items:  # absent while the scene is being built
                    self._place_wire(items[w])
            for wire in graph.wires_into(n):
                item = items.get(wire)
                if item is not None:
                    self._place_wire(item)
        if self.link_items and any(link.layer in {graph.nodes[n].layer for n in ids} for link in self.link_items):
            self._place_links()

    # ------------------------------------------------------------------ analysis

    def refresh(self) -> None:
        """Shape labels, problem and warning badges, output marks and shared links from ``graph.analysis()``."""
        graph = self.graph
        analysis = graph.analysis()
        for wire, item in self.wire_items.items():
            item.label.set_text(format_shape(analysis.shape_of(wire.value)))
        problems: dict[int, list[str]] = {}
        for p in analysis.problems:
            if p.node is not None:
                problems.setdefault(p.node, []).append(i18n.core_text(p.message))
        warnings: dict[int, list[str]] = {}
        for p in analysis.warnings:
            if p.node is not None:
                warnings.setdefault(p.node, []).append(i18n.core_text(p.message))
        outputs = set(analysis.outputs)
        calls: dict[str, list[int]] = {}
        for node in graph.nodes.values():
            calls.setdefault(node.layer, []).append(node.id)
        for node_id, item in self.node_items.items():
            if graph.layer_of(node_id).inner is not None:  # its model may have changed in its own tab
                self._update_texts(node_id)
                self._update_ports(node_id)
            item.set_problems(problems.get(node_id, []), warnings.get(node_id, []))
            layer = graph.nodes[node_id].layer
            shared = theme.shared_color(layer) if len(calls[layer]) > 1 else None
            item.set_marks(shared, node_id in outputs)
        self._rebuild_links({k: v for k, v in calls.items() if len(v) > 1})
        self._grow_scene_rect()

    def _grow_scene_rect(self) -> None:
        """Keep room around the nodes to scroll into; computed from positions (cheaper than the items)."""
        if not self.node_items:
            return
        xs = [n.pos[0] for n in self.graph.nodes.values()]
        ys = [n.pos[1] for n in self.graph.nodes.values()]
        rect = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs) + NODE_WIDTH, max(ys) + MIN_HEIGHT * 4))
        rect = rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        current = self.sceneRect()
        if not current.contains(rect):
            self.setSceneRect(rect.united(current))

    def _rebuild_links(self, shared: dict[str, list[int]]) -> None:
        wanted = [(layer, a, b) for layer, nodes in shared.items() for a, b in zip(nodes, nodes[1:], strict=False)]
        if [(link.layer, *link.ends) for link in self.link_items] == wanted:
            self._place_links()
            return
        for link in self.link_items:
            self.removeItem(link)
        self.link_items = []
        for layer, a, b in wanted:
            link = SharedLinkItem(layer, theme.shared_color(layer))
            link.ends = (a, b)
            self.addItem(link)
            self.link_items.append(link)
        self._place_links()

    def _place_links(self) -> None:
        for link in self.link_items:
            a, b = (self.node_items[n] for n in link.ends)
            link.set_ends(a.sceneBoundingRect(), b.sceneBoundingRect())

    # ------------------------------------------------------------------ queries

    def selected_node_ids(self) -> list[int]:
        chosen = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)}
        return [n for n in self.graph.nodes if n in chosen]

    def selected_wires(self) -> list[Wire]:
        return [i.wire for i in self.selectedItems() if isinstance(i, WireItem)]

    def select_nodes(self, node_ids) -> None:
        ids = set(node_ids)
        self.clearSelection()
        for n in ids:
            if n in self.node_items:
                self.node_items[n].setSelected(True)

    def refusal_anchor(self, port: PortItem) -> QPointF:
        """Where a port's refusal shows: at the port's x, just under its node."""
        node = port.parentItem()
        bottom = node.sceneBoundingRect().bottom() if node is not None else port.scenePos().y()
        return QPointF(port.scenePos().x(), bottom + 6)

    def show_refusal(self, at: QPointF | None, reason: str = "", seconds: float = 0.0) -> None:
        """Say why a wire cannot go into a port, at ``at`` (:meth:`refusal_anchor`; None: stop saying it); with
        ``seconds``, for that long."""
        if self._refusal_timer is None:
            self._refusal_timer = QTimer(self)
            self._refusal_timer.setSingleShot(True)
            self._refusal_timer.timeout.connect(lambda: self.show_refusal(None))
        self._refusal_timer.stop()
        if at is None:
            if self.refusal.scene() is self:
                self.removeItem(self.refusal)
            return
        self.refusal.set_text(reason)
        self.refusal.setPos(at)
        if self.refusal.scene() is not self:
            self.addItem(self.refusal)
        if seconds:
            self._refusal_timer.start(int(seconds * 1000))

    def port_at(self, pos: QPointF) -> PortItem | None:
        for item in self.items(pos):
            if isinstance(item, PortItem) and item.isVisible():
                return item
        return None

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def wire_at(self, pos: QPointF, exclude: set[int] = frozenset()) -> WireItem | None:
        for item in self.items(QRectF(pos.x() - 6, pos.y() - 6, 12, 12)):
            if isinstance(item, WireItem) and item.wire.src not in exclude and item.wire.dst not in exclude:
                return item
        return None

    def nodes_rect(self) -> QRectF:
        rect = QRectF()
        for item in self.node_items.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # ------------------------------------------------------------------ painting

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        colors = theme.canvas_colors()
        painter.fillRect(rect, QColor("#FFFFFF") if self.paper else colors.background)
        if self.paper or not self.show_grid:
            return
        scale = painter.worldTransform().m11()
        step = GRID if scale >= 0.6 else GRID * 5
        if step * scale < 6:
            return
        painter.setPen(QPen(colors.grid, 0))
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        lines = []
        x = left
        while x < rect.right():
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.drawLines(lines)
