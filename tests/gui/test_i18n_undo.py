"""Undo steps are named in the user's language (Edit → Undo "Dense 추가")."""

from graph_core import edits
from gui.step_names import step_name


def test_undo_step_names_follow_the_language(window, qapp):
    doc = window.document
    try:
        window.teaching.language_actions["ko"].trigger()
        qapp.processEvents()
        assert doc.push(edits.AddNode("Dense", {"units": 8}))
        assert doc.undo_stack.undoText() == "Dense 추가"
        node = next(iter(doc.graph.nodes))
        assert doc.push(edits.SetConfig(doc.graph.nodes[node].layer, {"units": 4}))
        assert doc.undo_stack.undoText() == "dense의 units 변경"
        assert step_name("Delete 3 nodes") == "노드 3개 삭제"
        assert step_name("Auto-layout left to right") == "자동 배치: 왼쪽에서 오른쪽"
        assert step_name("Something new") == "Something new"  # no pattern: unchanged
    finally:
        window.teaching.language_actions["en"].trigger()
        qapp.processEvents()
    assert doc.push(edits.AddNode("Add"))
    assert doc.undo_stack.undoText() == "Add Add"
    assert step_name("Delete 3 nodes") == "Delete 3 nodes"
