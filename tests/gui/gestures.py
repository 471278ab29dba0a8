"""Mouse and drag-and-drop helpers: the tests drive the editor as a person would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog


def view_point(view, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def drag(qtbot, view, start: QPointF, end: QPointF, steps: int = 6, hold=None) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates).

    ``hold`` is called before the release, while the button is still down.
    """
    vp = view.viewport()
    a, b = view_point(view, start), view_point(view, end)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
    for i in range(1, steps + 1):
        t = i / steps
        qtbot.mouseMove(vp, QPoint(round(a.x() + (b.x() - a.x()) * t), round(a.y() + (b.y() - a.y()) * t)))
    if hold is not None:
        hold()
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=b)


def output_point(window, node_id: int) -> QPointF:
    return window.scene.node_items[node_id].output_pos()


def input_point(window, node_id: int, port: int = 0) -> QPointF:
    return window.scene.node_items[node_id].inputs[port].scenePos()


def node_center(window, node_id: int) -> QPointF:
    item = window.scene.node_items[node_id]
    return item.mapToScene(item.shape().boundingRect().center())


def wire(qtbot, window, src: int, dst: int, port: int = 0) -> None:
    drag(qtbot, window.view, output_point(window, src), input_point(window, dst, port))


def drop_from_palette(window, type_name: str, scene_point: QPointF) -> None:
    """Drag-and-drop as QDrag would deliver it: enter, move and drop events with the palette's own mime data."""
    tree = window.palette.tree
    item = window.palette.items[type_name]
    mime: QMimeData = tree.mimeData([item])
    viewport = window.view.viewport()
    pos = QPointF(view_point(window.view, scene_point))
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)


def new_node_ids(window, before: set[int]) -> list[int]:
    return [n for n in window.document.graph.nodes if n not in before]


def add_by_drop(window, type_name: str, scene_point: QPointF) -> int:
    before = set(window.document.graph.nodes)
    drop_from_palette(window, type_name, scene_point)
    (node,) = new_node_ids(window, before)
    return node


def file_dialog_filters(open_dialog: Callable[[], object]) -> list[list[str]]:
    """The type filters of the file dialog ``open_dialog`` shows (Qt's own, offscreen), cancelled once read."""
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.nameFilters())
        dialog.reject()

    QTimer.singleShot(0, answer)
    open_dialog()
    return seen
