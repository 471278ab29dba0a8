"""Canvas gestures: wiring (and refusals), moving, selecting, dropping, searching, zooming."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui import theme
from gui.items import SharedLinkItem
from tests.gui.gestures import (
    add_by_drop,
    drag,
    drop_from_palette,
    input_point,
    new_node_ids,
    node_center,
    output_point,
    wire,
)


def chain(qtbot, window, *types: str) -> list[int]:
    ids = [add_by_drop(window, t, QPointF(260 * i, 0)) for i, t in enumerate(types)]
    for a, b in zip(ids, ids[1:], strict=False):
        wire(qtbot, window, a, b)
    return ids


def test_refused_wire_dims_ports_shows_reason_and_changes_nothing(qtbot, window):
    inp, a, b = chain(qtbot, window, "InputLayer", "Dense", "Dense")
    graph = window.document.graph
    before = graph.structure()
    steps = window.document.undo_stack.count()
    seen = {}

    def look():
        seen["a"] = window.scene.node_items[a].inputs[0].state
        seen["a_reason"] = window.scene.node_items[a].inputs[0].reason
        seen["status"] = window.statusBar().currentMessage()
        bubble = window.scene.refusal
        seen["bubble"] = (bubble.scene() is window.scene, bubble.text, bubble.pos())

    # b's output back into a's input: the port is taken and the wire would make a cycle.
    drag(qtbot, window.view, output_point(window, b), input_point(window, a), hold=look)
    assert seen["a"] == "refused"
    assert "already wired" in seen["a_reason"]
    assert "Cannot connect" in seen["status"]
    node = window.scene.node_items[a]
    anchor = window.scene.refusal_anchor(node.inputs[0])
    assert seen["bubble"] == (True, seen["a_reason"], anchor)  # the reason at the port, while dragging
    bubble = window.scene.refusal
    assert bubble.scene() is window.scene and bubble.text == seen["a_reason"]  # and a moment after the drop
    assert bubble.sceneBoundingRect().top() > node.sceneBoundingRect().bottom()  # under the node, not over it
    qtbot.waitUntil(lambda: bubble.scene() is None, timeout=6000)
    assert graph.structure() == before
    assert window.document.undo_stack.count() == steps
    assert "Refused" in window.statusBar().currentMessage()
    # All ports are back to normal after the gesture.
    assert all(p.state == "normal" for item in window.scene.node_items.values() for p in item.inputs)


def test_cycle_is_refused_with_the_core_reason(qtbot, window):
    a = add_by_drop(window, "Dense", QPointF(0, 0))
    b = add_by_drop(window, "Dense", QPointF(260, 0))
    wire(qtbot, window, a, b)
    before = window.document.graph.structure()
    wire(qtbot, window, b, a)
    assert window.document.graph.structure() == before
    assert "cycle" in window.statusBar().currentMessage()


def test_merge_layer_shows_one_free_input_port(qtbot, window):
    inp = add_by_drop(window, "InputLayer", QPointF(0, 0))
    d1 = add_by_drop(window, "Dense", QPointF(260, -120))
    d2 = add_by_drop(window, "Dense", QPointF(260, 120))
    add = add_by_drop(window, "Add", QPointF(560, 0))
    item = window.scene.node_items[add]
    assert len(item.inputs) == 2  # min_inputs
    wire(qtbot, window, inp, d1)
    wire(qtbot, window, inp, d2)
    wire(qtbot, window, d1, add, 0)
    assert len(item.inputs) == 2
    wire(qtbot, window, d2, add, 1)
    assert len(item.inputs) == 3  # two wires, one more free port
    d3 = add_by_drop(window, "Dense", QPointF(260, 300))
    wire(qtbot, window, inp, d3)
    wire(qtbot, window, d3, add, 2)
    assert len(item.inputs) == 4
    assert window.document.graph.analysis().valid
    window.act_undo.trigger()
    assert len(item.inputs) == 3


def test_move_is_one_undo_step(qtbot, window):
    (node,) = chain(qtbot, window, "Dense")
    graph = window.document.graph
    start = graph.nodes[node].pos
    steps = window.document.undo_stack.count()
    drag(qtbot, window.view, node_center(window, node), node_center(window, node) + QPointF(100, 60), steps=20)
    assert window.document.undo_stack.count() == steps + 1
    assert window.document.undo_stack.text(steps) == "Move"
    x, y = graph.nodes[node].pos
    assert abs(x - start[0] - 100) < 2 and abs(y - start[1] - 60) < 2
    window.act_undo.trigger()
    assert graph.nodes[node].pos == start
    assert window.scene.node_items[node].pos().toTuple() == start


def test_snap_to_grid(qtbot, window):
    (node,) = chain(qtbot, window, "Dense")
    window.act_snap.setChecked(True)
    drag(qtbot, window.view, node_center(window, node), node_center(window, node) + QPointF(33, 47))
    x, y = window.document.graph.nodes[node].pos
    assert x % 20 == 0 and y % 20 == 0


def test_escape_cancels_a_move(qtbot, window):
    (node,) = chain(qtbot, window, "Dense")
    start = window.document.graph.nodes[node].pos

    def escape():
        qtbot.keyClick(window.view, Qt.Key.Key_Escape)

    drag(qtbot, window.view, node_center(window, node), node_center(window, node) + QPointF(80, 0), hold=escape)
    assert window.document.graph.nodes[node].pos == start
    assert window.scene.node_items[node].pos().toTuple() == start


def test_rubber_band_selects(qtbot, window):
    ids = chain(qtbot, window, "InputLayer", "Dense", "Dense")
    # From empty canvas above-left of the first two nodes to below the second one.
    first = window.scene.node_items[ids[0]].sceneBoundingRect()
    second = window.scene.node_items[ids[1]].sceneBoundingRect()
    drag(qtbot, window.view, first.topLeft() - QPointF(30, 40), second.bottomRight() + QPointF(10, 30))
    assert window.scene.selected_node_ids() == ids[:2]
    assert window.inspector.node_id is None  # two nodes: the inspector shows the model


def test_drop_on_a_wire_inserts_the_layer(qtbot, window):
    inp, d1, d2 = chain(qtbot, window, "InputLayer", "Dense", "Dense")
    graph = window.document.graph
    wire_item = window.scene.wire_items[next(w for w in graph.wires() if w.src == d1)]
    middle = wire_item.path().pointAtPercent(0.5)
    before = set(graph.nodes)
    drop_from_palette(window, "Dropout", middle)
    (drop,) = new_node_ids(window, before)
    assert graph.sources_of(drop) == [d1]
    assert graph.sources_of(d2) == [drop]
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1) == "Insert Dropout"
    window.act_undo.trigger()
    assert graph.sources_of(d2) == [d1] and drop not in graph.nodes


def test_drag_a_node_onto_a_wire_inserts_it(qtbot, window):
    inp, d1 = chain(qtbot, window, "InputLayer", "Dense")
    act = add_by_drop(window, "Activation", QPointF(130, 300))
    graph = window.document.graph
    wire_item = window.scene.wire_items[next(iter(graph.wires()))]
    drag(qtbot, window.view, node_center(window, act), wire_item.path().pointAtPercent(0.5), steps=10)
    assert graph.sources_of(act) == [inp]
    assert graph.sources_of(d1) == [act]
    steps = window.document.undo_stack
    assert steps.text(steps.index() - 1) == "Insert activation"


def test_tab_opens_search_and_enter_adds(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    popup = window.view.search
    assert popup.isVisible()
    qtbot.keyClicks(popup.edit, "batchn")
    assert popup.current_type() == "BatchNormalization"
    before = set(window.document.graph.nodes)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    (node,) = new_node_ids(window, before)
    assert window.document.graph.layer_of(node).type == "BatchNormalization"
    assert not popup.isVisible()
    assert window.scene.selected_node_ids() == [node]


def test_double_click_on_empty_canvas_opens_search(qtbot, window):
    pos = window.view.mapFromScene(QPointF(100, 400))
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    popup = window.view.search
    assert popup.isVisible()
    qtbot.keyClicks(popup.edit, "dense")
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    (node,) = window.document.graph.nodes
    item = window.scene.node_items[node]
    assert item.sceneBoundingRect().contains(QPointF(100, 400))
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_palette_search_filters_and_enter_adds(qtbot, window):
    qtbot.keyClicks(window.palette.search, "concat")
    assert window.palette.visible_types() == ["Concatenate"]
    qtbot.keyClick(window.palette.search, Qt.Key.Key_Return)
    (node,) = window.document.graph.nodes
    assert window.document.graph.layer_of(node).type == "Concatenate"
    window.palette.search.clear()
    assert len(window.palette.visible_types()) == len(window.palette.items)


def test_call_again_links_shared_nodes_and_edits_the_layer(qtbot, window):
    inp, d1 = chain(qtbot, window, "InputLayer", "Dense")
    window.scene.select_nodes([d1])
    window.act_call_again.trigger()
    graph = window.document.graph
    (d2,) = [n for n in graph.nodes if n not in (inp, d1)]
    assert graph.nodes[d2].layer == graph.nodes[d1].layer
    items = window.scene.node_items
    assert items[d1].shared is not None and items[d1].shared == items[d2].shared
    links = [i for i in window.scene.items() if isinstance(i, SharedLinkItem)]
    assert len(links) == 1 and links[0].ends == (d1, d2)
    wire(qtbot, window, inp, d2)
    assert graph.analysis().valid
    # Editing the layer through one node shows on both.
    window.scene.select_nodes([d2])
    spin = window.inspector.widgets["units"]
    spin.setValue(48)
    assert items[d1].caption == "Dense · 48 · linear" == items[d2].caption
    window.act_undo.trigger()
    assert items[d1].caption == "Dense · 32 · linear"


def test_problem_badge_and_tooltip(qtbot, window):
    (node,) = chain(qtbot, window, "Dense")
    item = window.scene.node_items[node]
    assert item.problems and "needs 1 input" in item.problems[0]
    assert "needs 1 input" in item.toolTip()
    inp = add_by_drop(window, "InputLayer", QPointF(-260, 0))
    wire(qtbot, window, inp, node)
    assert item.problems == []


def test_an_input_leading_nowhere_gets_a_warning_badge_and_the_model_stays_valid(qtbot, window):
    inp, dense = chain(qtbot, window, "InputLayer", "Dense")
    spare = add_by_drop(window, "InputLayer", QPointF(-260, 220))
    graph, item = window.document.graph, window.scene.node_items[spare]
    assert graph.analysis().valid
    assert item.problems == [] and len(item.warnings) == 1 and "does not lead to any output" in item.warnings[0]
    assert "does not lead to any output" in item.toolTip()
    assert "valid model" in window.validity.text() and "1 warning" in window.validity.text()
    assert "does not lead to any output" in window.validity.toolTip()
    window.scene.select_nodes([spare])
    assert "does not lead to any output" in window.inspector.info.text()
    # The badge is drawn in the warning colour (an error's is red).
    window.view.centerOn(item)
    QApplication.processEvents()
    image = window.view.viewport().grab().toImage()
    beside_the_mark = item.badge_rect().center() + QPointF(-5, 0)  # the "!" in the middle is white
    colour = image.pixelColor(window.view.mapFromScene(item.mapToScene(beside_the_mark)))
    assert abs(colour.red() - theme.WARNING.red()) < 30 and abs(colour.green() - theme.WARNING.green()) < 30, colour
    window.act_undo.trigger()  # the drop is undone: no warning left
    assert spare not in window.scene.node_items
    assert "warning" not in window.validity.text()
    del inp, dense


def test_wheel_zooms_to_the_cursor(qtbot, window):
    view = window.view
    pos = QPoint(200, 150)
    before = view.mapToScene(pos)
    event = QWheelEvent(
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() > 1.3
    after = view.mapToScene(pos)
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2


def test_middle_button_pans(qtbot, window):
    view = window.view
    before = view.mapToScene(QPoint(100, 100))
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, pos=QPoint(300, 300))
    qtbot.mouseMove(vp, QPoint(250, 260))
    qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=QPoint(250, 260))
    after = view.mapToScene(QPoint(100, 100))
    assert abs(after.x() - before.x() - 50) < 2 and abs(after.y() - before.y() - 40) < 2


def test_fit_and_auto_layout(qtbot, window):
    ids = chain(qtbot, window, "InputLayer", "Dense", "Dense")
    graph = window.document.graph
    window.scene.select_nodes(ids[1:2])
    drag(qtbot, window.view, node_center(window, ids[1]), node_center(window, ids[1]) + QPointF(0, 400))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    stack = window.document.undo_stack
    assert stack.text(stack.index() - 1) == "Auto-layout left to right"
    ys = {graph.nodes[n].pos[1] for n in ids}
    assert len(ys) == 1  # a chain is laid out on one row
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    xs = {graph.nodes[n].pos[0] for n in ids}
    assert len(xs) == 1  # and top to bottom on one column
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.nodes_rect())


def test_image_shapes_and_long_captions_are_shown_whole(qtbot, window):
    from PySide6.QtGui import QFontMetricsF

    from graph_core import edits
    from gui import items

    inp, conv = chain(qtbot, window, "InputLayer", "Conv2D")
    doc, scene = window.document, window.scene
    assert doc.push(edits.SetConfig(doc.graph.nodes[inp].layer, {"shape": (128, 128, 3)}))
    assert doc.push(edits.SetConfig("conv2d", {"filters": 128, "kernel_size": (11, 11), "activation": "hard_silu"}))
    node = scene.node_items[conv]
    caption = "Conv2D · 128 · 11×11 · hard_silu"
    assert node.caption == caption
    width = QFontMetricsF(items._CAPTION_FONT).horizontalAdvance(caption)
    assert node.width >= width + 26 > items.NODE_WIDTH  # grown to the caption, not cut
    assert node.output_pos().x() == node.scenePos().x() + node.width  # the output port moved with it
    wire_item = next(iter(scene.wire_items.values()))
    label = wire_item.label
    assert label.text == "(None, 128, 128, 3)"
    assert label.parentItem() is None and label.zValue() > node.zValue()  # above the nodes: never cut off
    middle = wire_item.path().pointAtPercent(0.5)
    assert label.sceneBoundingRect().bottom() < middle.y()  # above the wire: never hides it
    assert doc.push(edits.Disconnect(conv, 0))
    assert label.scene() is None  # gone with its wire


def test_an_empty_canvas_says_how_to_begin_instead_of_a_problem(qtbot, window):
    window.files.act_new.trigger()
    hint = window.view.empty_hint
    assert hint.isVisible() and "press Tab" in hint.text()
    assert "empty model" in window.validity.text() and "problem" not in window.validity.text()
    area = window.view.viewport().geometry()
    window.view.pan_by(200, 80)  # scrolling the canvas leaves the hint in the middle
    assert area.contains(hint.geometry()) and abs(hint.geometry().center().x() - area.center().x()) <= 2
    node = add_by_drop(window, "InputLayer", QPointF(0, 0))
    assert not hint.isVisible() and "empty model" not in window.validity.text()
    window.act_undo.trigger()
    assert node not in window.document.graph.nodes and hint.isVisible()
