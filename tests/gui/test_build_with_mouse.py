"""Build the mnist_model with the mouse alone; undo to the start, redo, save and reopen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox

from graph_core.builder import ModelBuilder
from graph_core.io.files import load
from gui.panels import TextPanel
from tests.gui.gestures import add_by_drop, node_center, wire


def wheel(widget, notches: int) -> None:
    """Turn the mouse wheel over ``widget``, one notch at a time."""
    center = QPointF(widget.rect().center())
    for _ in range(abs(notches)):
        delta = QPoint(0, 120 if notches > 0 else -120)
        event = QWheelEvent(
            center,
            QPointF(widget.mapToGlobal(center.toPoint())),
            QPoint(),
            delta,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


def click_node(qtbot, window, node: int) -> None:
    pos = window.view.mapFromScene(node_center(window, node))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: all(w.isVisible() for w in window.inspector.widgets.values()))


def pick_in_combo(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo's list with a click and click the entry (again, if the popup ignored the click)."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.model().index(combo.findText(text), 0)
    view.scrollTo(index)
    target = view.visualRect(index).center()
    for _ in range(3):
        qtbot.wait(QApplication.doubleClickInterval() + 20)  # the popup ignores a release right after it opens
        qtbot.mouseMove(view.viewport(), target)  # hovering makes the entry current
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
        if not view.isVisible():
            break
    assert not view.isVisible()
    assert combo.currentText() == text


def set_units(window, units: int) -> None:
    spin = window.inspector.widgets["units"]
    assert isinstance(spin, QSpinBox)
    wheel(spin, units - spin.value())
    assert spin.value() == units


def build_mnist_with_mouse(qtbot, window) -> list[int]:
    ids = [
        add_by_drop(window, "InputLayer", QPointF(0, 0)),
        add_by_drop(window, "Dense", QPointF(260, 0)),
        add_by_drop(window, "Dense", QPointF(520, 0)),
        add_by_drop(window, "Dense", QPointF(780, 0)),
    ]
    for a, b in zip(ids, ids[1:], strict=False):
        wire(qtbot, window, a, b)
    for node, units, activation in ((ids[1], 64, "relu"), (ids[2], 64, "relu"), (ids[3], 10, None)):
        click_node(qtbot, window, node)
        assert window.inspector.node_id == node
        set_units(window, units)
        if activation:
            pick_in_combo(qtbot, window.inspector.widgets["activation"], activation)
    return ids


def mnist_reference():
    b = ModelBuilder("model")
    x = b.input((784,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=10)
    return b.done(layout=False)


def layers_and_wires(graph):
    return (
        [(layer.name, layer.type, layer.config) for layer in graph.layers.values()],
        sorted((graph.nodes[w.src].layer, graph.nodes[w.dst].layer, w.port) for w in graph.wires()),
    )


def test_build_mnist_model_with_the_mouse_alone(qtbot, window):
    build_mnist_with_mouse(qtbot, window)
    graph = window.document.graph
    assert layers_and_wires(graph) == layers_and_wires(mnist_reference())
    assert graph.analysis().valid
    summary: TextPanel = window.summary
    qtbot.waitUntil(lambda: "55,050" in summary.text.toPlainText())
    assert "Total params: 55,050" in summary.text.toPlainText()
    assert window.params.text() == "Total params: 55,050"
    assert "valid model" in window.validity.text()
    code = window.code
    window.docks["code"].raise_()
    qtbot.waitUntil(lambda: "layers.Dense(64" in code.text.toPlainText())
    assert 'activation="relu"' in code.text.toPlainText()
    # Each wire carries its shape.
    labels = sorted(item.label.text for item in window.scene.wire_items.values())
    assert labels == ["(None, 64)", "(None, 64)", "(None, 784)"]


def test_undo_to_the_start_and_redo(qtbot, window):
    graph = window.document.graph
    empty = graph.structure()
    build_mnist_with_mouse(qtbot, window)
    built = graph.structure()
    stack = window.document.undo_stack
    # 4 adds, 3 wires, 3 unit changes (each merged from many wheel steps), 2 activations
    assert stack.count() == 12
    names = [stack.text(i) for i in range(stack.count())]
    assert names[:4] == ["Add InputLayer", "Add Dense", "Add Dense", "Add Dense"]
    assert names[4:7] == ["Connect"] * 3
    assert "Change units of dense" in names
    window.view.setFocus()
    while stack.canUndo():
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert graph.structure() == empty
    assert not window.scene.node_items and not window.scene.wire_items
    while stack.canRedo():
        window.act_redo.trigger()
    assert graph.structure() == built
    assert len(window.scene.node_items) == 4 and len(window.scene.wire_items) == 3


def test_save_and_reopen_equal(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    build_mnist_with_mouse(qtbot, window)
    assert window.isWindowModified()
    path = tmp_path / "mine.lwire"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.exists()
    assert not window.isWindowModified()
    assert window.document.path == path
    other = make_window()
    assert other.files.open_path(path)
    assert other.document.graph.structure() == window.document.graph.structure()
    assert load(path).graph.structure() == window.document.graph.structure()
    assert len(other.scene.node_items) == 4 and len(other.scene.wire_items) == 3
    assert not other.isWindowModified()
