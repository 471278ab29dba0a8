"""Keyboard shortcuts of the Edit menu: delete, duplicate, select all, cut/copy/paste (also between windows)."""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from gui.clipboard import MIME_TYPE
from tests.gui.gestures import add_by_drop, wire

CTRL = Qt.KeyboardModifier.ControlModifier


def small_net(qtbot, window):
    inp = add_by_drop(window, "InputLayer", QPointF(0, 0))
    d1 = add_by_drop(window, "Dense", QPointF(260, 0))
    d2 = add_by_drop(window, "Dense", QPointF(520, 0))
    wire(qtbot, window, inp, d1)
    wire(qtbot, window, d1, d2)
    return inp, d1, d2


def key(qtbot, window, k, mods=Qt.KeyboardModifier.NoModifier):
    window.view.setFocus()
    qtbot.keyClick(window.view, k, mods)


def test_delete_key_removes_selection_with_wires_and_undo_restores(qtbot, window):
    inp, d1, d2 = small_net(qtbot, window)
    graph = window.document.graph
    before = graph.structure()
    window.scene.select_nodes([d1])
    key(qtbot, window, Qt.Key.Key_Delete)
    assert d1 not in graph.nodes and not list(graph.wires())
    assert window.document.undo_stack.undoText() == "Delete dense"
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert graph.structure() == before
    key(qtbot, window, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes, as Ctrl+Shift+Z does
    assert d1 not in graph.nodes
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert d1 not in graph.nodes


def test_delete_a_selected_wire(qtbot, window):
    inp, d1, d2 = small_net(qtbot, window)
    graph = window.document.graph
    item = window.scene.wire_items[graph.wire_into(d2, 0)]
    pos = window.view.mapFromScene(item.path().pointAtPercent(0.3))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.scene.selected_wires() == [item.wire]
    key(qtbot, window, Qt.Key.Key_Backspace)
    assert graph.sources_of(d2) == [] and len(graph.nodes) == 3
    assert window.document.undo_stack.undoText() == "Disconnect"


def test_select_all_duplicate(qtbot, window):
    small_net(qtbot, window)
    graph = window.document.graph
    key(qtbot, window, Qt.Key.Key_A, CTRL)
    assert len(window.scene.selected_node_ids()) == 3
    key(qtbot, window, Qt.Key.Key_D, CTRL)
    assert len(graph.nodes) == 6 and len(list(graph.wires())) == 4
    assert window.document.undo_stack.undoText() == "Duplicate"
    assert len(window.scene.selected_node_ids()) == 3
    assert sorted(graph.layers) == sorted(["input_layer", "input_layer_1", "dense", "dense_1", "dense_2", "dense_3"])


def test_copy_paste_cut(qtbot, window):
    inp, d1, d2 = small_net(qtbot, window)
    graph = window.document.graph
    window.scene.select_nodes([d1, d2])
    key(qtbot, window, Qt.Key.Key_C, CTRL)
    payload = json.loads(bytes(QGuiApplication.clipboard().mimeData().data(MIME_TYPE).data()))
    assert [n["type"] for n in payload["nodes"]] == ["Dense", "Dense"]
    assert len(payload["wires"]) == 1
    key(qtbot, window, Qt.Key.Key_V, CTRL)
    assert len(graph.nodes) == 5 and len(list(graph.wires())) == 3
    pasted = window.scene.selected_node_ids()
    assert len(pasted) == 2 and graph.nodes[pasted[0]].pos != graph.nodes[d1].pos
    key(qtbot, window, Qt.Key.Key_X, CTRL)
    assert len(graph.nodes) == 3
    assert window.document.undo_stack.undoText() == "Cut 2 nodes"
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert len(graph.nodes) == 5


def test_paste_between_two_windows(qtbot, make_window):
    one, two = make_window(), make_window()
    inp, d1, d2 = small_net(qtbot, one)
    one.scene.select_nodes([inp, d1, d2])
    one.act_copy.trigger()
    two.activateWindow()
    qtbot.waitUntil(two.isActiveWindow)
    two.view.setFocus()
    qtbot.keyClick(two.view, Qt.Key.Key_V, CTRL)
    g1, g2 = one.document.graph, two.document.graph
    assert [(l.type, l.config) for l in g1.layers.values()] == [(l.type, l.config) for l in g2.layers.values()]
    assert len(list(g2.wires())) == 2 and g2.analysis().valid
    assert two.isWindowModified()


def test_paste_of_a_shared_layer_shares_the_new_layer(qtbot, window):
    inp, d1, d2 = small_net(qtbot, window)
    window.scene.select_nodes([d1])
    window.act_call_again.trigger()
    graph = window.document.graph
    shared = [n for n in graph.nodes if graph.nodes[n].layer == "dense"]
    window.scene.select_nodes(shared)
    window.act_copy.trigger()
    window.act_paste.trigger()
    pasted = window.scene.selected_node_ids()
    assert len(pasted) == 2 and graph.nodes[pasted[0]].layer == graph.nodes[pasted[1]].layer != "dense"


def test_paste_without_nodes_in_clipboard_says_so(qtbot, window):
    QGuiApplication.clipboard().setText("hello")
    window.act_paste.trigger()
    assert not window.document.graph.nodes
    assert "no Layerwire nodes" in window.statusBar().currentMessage()


def test_standard_shortcuts_are_bound(window):
    K = QKeySequence.StandardKey
    for action, standard in (
        (window.act_undo, K.Undo),
        (window.act_redo, K.Redo),
        (window.act_copy, K.Copy),
        (window.act_paste, K.Paste),
        (window.act_cut, K.Cut),
        (window.act_select_all, K.SelectAll),
        (window.files.act_open, K.Open),
        (window.files.act_save, K.Save),
        (window.files.act_new, K.New),
    ):
        assert QKeySequence(standard) in action.shortcuts()


def test_undo_menu_names_the_step(qtbot, window):
    small_net(qtbot, window)
    assert window.act_undo.text() == "&Undo Connect"
    window.act_undo.trigger()
    assert window.act_redo.text() == "&Redo Connect"


def test_toolbar_tooltips_and_the_shortcuts_list_name_the_keys(qtbot, window, monkeypatch):
    from gui.shortcuts import ShortcutsDialog, menu_shortcuts

    save = window.files.act_save
    assert save.toolTip() == f"Save ({QKeySequence(QKeySequence.StandardKey.Save).toString()})"
    assert window.tool_redo.toolTip().startswith("Redo the step undone last (")
    rows = menu_shortcuts(window.menuBar())
    (redo,) = [keys for menu, command, keys in rows if (menu, command) == ("Edit", "Redo")]
    assert "Ctrl+Y" in redo.split(", ") and "Ctrl+Shift+Z" in redo.split(", ")
    assert any(menu == "View" and keys == "Ctrl+Shift+L" for menu, _, keys in rows)
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self) or 0)
    window.act_shortcuts.trigger()
    (dialog,) = shown
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert len(cells) == len(rows) + 5 and ["Canvas", "Search for a layer to add at the mouse", "Tab"] in cells
