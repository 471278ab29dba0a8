"""Editing a model called as a layer: double-click opens it on the canvas, the breadcrumb goes back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from graph_core import edits
from graph_core.examples import EXAMPLES_DIR
from gui.document import open_document
from tests.gui.gestures import node_center, view_point


def _node(window, layer: str) -> int:
    (node,) = window.document.editing.nodes_of_layer(layer)
    return node


def _double_click(qtbot, window, node: int) -> None:
    window.view.centerOn(node_center(window, node))
    qtbot.mouseDClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window.view, node_center(window, node))
    )


def test_double_click_opens_a_nested_model_and_the_breadcrumb_goes_back(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "nested_autoencoder.lwire"))
    top = window.document.graph
    assert window.breadcrumb.isHidden()
    encoder = _node(window, "encoder")
    item = window.scene.node_items[encoder]
    assert item.caption == "Functional · 18,672 params"

    _double_click(qtbot, window, encoder)
    inner = top.layers["encoder"].inner
    assert window.document.editing is inner
    assert set(window.scene.node_items) == set(inner.nodes)  # the canvas shows the encoder's own layers
    assert window.breadcrumb.names == ["autoencoder", "encoder"]
    assert [b.text() for b in window.breadcrumb.buttons] == ["autoencoder"]
    assert window.breadcrumb.isVisible()

    # An edit inside goes to the nested model, is undoable, and the outer model follows it.
    conv = _node(window, "conv2d_3")
    window.scene.select_nodes([conv])
    assert window.inspector.header.text().startswith("<b>conv2d_3</b>")
    window.document.push(edits.SetConfig("conv2d_3", {"filters": 8}))
    (problem,) = top.analysis().problems  # the decoder takes 16 numbers; the encoder now gives 8
    assert problem.message == "decoder: the model decoder's input encoded_img takes (None, 16); it gets (None, 8)"
    window.undo_group.undo()
    assert inner.layers["conv2d_3"].config["filters"] == 16 and top.analysis().valid

    qtbot.mouseClick(window.breadcrumb.buttons[0], Qt.MouseButton.LeftButton)
    assert window.document.editing is top
    assert set(window.scene.node_items) == set(top.nodes)
    assert window.breadcrumb.isHidden()


def test_undoing_the_node_of_an_open_nested_model_closes_its_canvas(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "ensemble.lwire"))
    top = window.document.graph
    model2 = _node(window, "model2")
    window.scene.select_nodes([model2])
    window.delete_selection()
    window.undo_group.undo()  # model2 is back, with its model
    _double_click(qtbot, window, model2)
    assert window.document.editing is top.layers["model2"].inner
    window.undo_group.redo()  # deletes model2 again while its canvas is open
    assert window.document.editing is top
    assert set(window.scene.node_items) == set(top.nodes)


def test_renaming_a_nested_model_in_its_canvas_renames_its_layer(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "ensemble.lwire"))
    top = window.document.graph
    _double_click(qtbot, window, _node(window, "model1"))
    window.scene.clearSelection()
    field = window.inspector.widgets["__model__"]
    field.setText("first")
    field.editingFinished.emit()
    assert "first" in top.layers and top.layers["first"].inner.name == "first"
    assert window.breadcrumb.names == ["ensemble_model", "first"]
    window.undo_group.undo()
    assert "model1" in top.layers and top.layers["model1"].inner.name == "model1"


def test_copy_and_paste_of_a_nested_model_makes_a_model_of_its_own(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "ensemble.lwire"))
    top = window.document.graph
    window.scene.select_nodes([_node(window, "model3")])
    window.copy()
    window.paste()
    assert "model3_1" in top.layers
    pasted = top.layers["model3_1"].inner
    assert pasted is not top.layers["model3"].inner and pasted.name == "model3_1"
    assert window.scene.node_items[top.nodes_of_layer("model3_1")[0]].caption == "Functional · 129 params"


def _press(qtbot, window, key, modifiers) -> None:
    window.activateWindow()  # window shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def test_ctrl_g_groups_the_selection_and_ctrl_shift_g_dissolves_it_with_undo(qtbot, make_window):
    import numpy as np

    from graph_core.reference import forward
    from tests.random_graphs import random_inputs

    window = make_window(open_document(EXAMPLES_DIR / "mnist_model.lwire"))
    graph = window.document.graph
    xs = random_inputs(graph)
    expected = forward(graph, xs)["dense_2"]
    window.scene.select_nodes([_node(window, "dense"), _node(window, "dense_1")])
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, window, Qt.Key.Key_G, ctrl)
    assert sorted(graph.layers) == ["dense_2", "input_layer", "model"]
    assert window.scene.selected_node_ids() == graph.nodes_of_layer("model")
    qtbot.waitUntil(lambda: "model (Functional)" in window.summary.text.toPlainText())  # refreshed after a pause
    np.testing.assert_array_equal(forward(graph, xs)["dense_2"], expected)  # the weights went with the layers

    _press(qtbot, window, Qt.Key.Key_G, ctrl | shift)
    assert sorted(graph.layers) == ["dense", "dense_1", "dense_2", "input_layer"]
    np.testing.assert_array_equal(forward(graph, xs)["dense_2"], expected)

    _press(qtbot, window, Qt.Key.Key_Z, ctrl)  # undo the dissolve
    assert "model" in graph.layers
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)  # undo the grouping
    assert sorted(graph.layers) == ["dense", "dense_1", "dense_2", "input_layer"]
    assert set(window.scene.node_items) == set(graph.nodes)


def test_ctrl_g_on_a_selection_that_is_no_model_says_why_and_changes_nothing(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "mnist_model.lwire"))
    before = window.document.graph.structure()
    window.scene.select_nodes([_node(window, "input_layer"), _node(window, "dense")])
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.document.graph.structure() == before
    assert "input_layer is one of the model's Inputs" in window.statusBar().currentMessage()


def test_the_summary_panel_expands_nested_models_on_request(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "nested_autoencoder.lwire"))
    window.docks["summary"].raise_()
    text = window.summary.text
    qtbot.waitUntil(lambda: "encoder (Functional)" in text.toPlainText())
    assert "└ conv2d" not in text.toPlainText()
    window.summary.expand_nested.setChecked(True)
    qtbot.waitUntil(lambda: "   └ conv2d (Conv2D)" in text.toPlainText())
    assert "   └ encoded_img (InputLayer)" in text.toPlainText()


def test_a_nested_models_node_is_explained_in_the_inspector(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "ensemble.lwire"))
    window.scene.select_nodes([_node(window, "model1")])
    text = window.inspector.info.text()
    assert "A whole model called as a layer" in text and "the weights of the model&#x27;s layers" in text


def test_changes_inside_a_nested_model_reach_the_training_dock_and_the_window(qtbot, make_window):
    import numpy as np

    from gui.training.history import weight_shapes
    from gui.training.panel import _model_key

    window = make_window(open_document(EXAMPLES_DIR / "ensemble.lwire"))
    document, graph = window.document, window.document.graph
    inner = graph.layers["model2"].inner
    shapes, key = weight_shapes(graph), _model_key(graph)
    assert shapes["model2/dense"] == [("kernel", (128, 1)), ("bias", (1,))]  # nested layers by path
    heard: list[bool] = []
    document.changed.connect(lambda: heard.append(True))
    with document.batch():  # as the dock writes trained weights
        inner.set_weights("dense", {k: np.asarray(v) + 1 for k, v in inner.layers["dense"].weights.items()})
    assert heard  # the window hears of weights written into a nested model
    assert _model_key(graph) != key  # and the dock redraws its views
    inner.set_config("dense", {**inner.layers["dense"].config, "units": 2})
    assert weight_shapes(graph) != shapes  # a run started before this change will not write its weights back


def test_a_nested_model_with_two_outputs_has_a_port_for_each_and_wires_leave_the_one_dragged(qtbot, make_window):
    from graph_core.builder import ModelBuilder
    from graph_core.io.files import Project
    from gui.document import Document
    from tests.gui.gestures import add_by_drop, drag, input_point

    b = ModelBuilder("net")
    h = b.add("Dense", b.input((6,), name="x"), units=5, name="h")
    b.add("Dense", b.add("Dense", h, units=3, name="p"), units=2, name="out")
    b.add("Dense", h, units=4, name="q")
    window = make_window(Document(Project(b.done())))
    graph = window.document.graph
    window.scene.select_nodes([_node(window, "h"), _node(window, "p"), _node(window, "q")])
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    block = _node(window, "model")
    item = window.scene.node_items[block]
    assert [p.is_output for p in item.outputs] == [True, True]
    first, second = (p.scenePos() for p in item.outputs)
    assert first.x() == second.x() and second.y() - first.y() == 22.0  # one above the other on the right edge
    assert item.outputs[1].toolTip() == "output 1 (q): drag to an input to wire"
    (out,) = graph.nodes_of_layer("out")
    wire_into_out = window.scene.wire_items[graph.wire_into(out, 0)]
    assert wire_into_out.path().pointAtPercent(0) == first  # "out" reads p, the model's first output
    assert wire_into_out.label.text == "(None, 3)"

    dense = add_by_drop(window, "Dense", item.scenePos() + type(first)(320, 160))
    window.view.centerOn(item)
    drag(qtbot, window.view, second, input_point(window, dense))
    wire = graph.wire_into(dense, 0)
    assert (wire.src, wire.out) == (block, 1)  # from the port dragged: q's value, (None, 4)
    assert graph.analysis().shapes[dense] == (None, 32)  # Dense's default units, on q's 4 numbers
    assert window.scene.wire_items[wire].label.text == "(None, 4)"
    window.undo_group.undo()
    assert graph.wire_into(dense, 0) is None
