"""Korean for what the core says (problems, refusals, file errors, data sets), Undo/Redo and file filters."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from graph_core import edits
from graph_core.errors import ConnectionRefused
from graph_core.graph import Graph
from gui import i18n
from gui.files_menu import OPEN_FILTERS, file_filter
from kernels.datasets import load_dataset


@pytest.fixture
def korean(window, qapp):
    """Switch the window to Korean through View → Language; back to English afterwards."""

    def switch(code: str = "ko") -> None:
        window.teaching.language_actions[code].trigger()
        qapp.processEvents()

    yield switch
    switch("en")


def _korean_translations() -> dict[str, str]:
    tree = ET.parse(i18n.TRANSLATIONS_DIR / "layerwire_ko.ts")
    for context in tree.getroot().iter("context"):
        if context.findtext("name") == i18n.CORE_CONTEXT:
            return {
                m.findtext("source"): m.findtext("translation")
                for m in context.iter("message")
                if m.find("translation").get("type") != "unfinished"
            }
    return {}


def test_every_core_template_has_a_korean_translation_with_its_fields():
    korean = _korean_translations()
    templates = i18n.core_templates()
    assert len(templates) > 100
    missing = [t for t in templates if not korean.get(t)]
    assert not missing, "run python -m gui.i18n update and translate these"
    wrong = [t for t in templates if i18n.template_fields(korean[t]) != i18n.template_fields(t)]
    assert not wrong


def _two_inputs_into_add(doc) -> int:
    first = edits.AddNode("InputLayer", {"shape": (3,)})
    second = edits.AddNode("InputLayer", {"shape": (4,)})
    add = edits.AddNode("Add")
    for edit in (first, second, add):
        assert doc.push(edit)
    assert doc.push(edits.Connect(first.node_id, add.node_id, 0))
    assert doc.push(edits.Connect(second.node_id, add.node_id, 1))
    return add.node_id


def test_node_problems_and_refusals_in_korean(window, korean):
    doc = window.document
    add = _two_inputs_into_add(doc)
    english = "add: Add needs inputs of one shape; got (None, 3) and (None, 4)"
    assert window.scene.node_items[add].problems == [english]
    window.scene.select_nodes([add])

    korean()
    badge = window.scene.node_items[add].problems
    assert badge == ["add: Add에는 모양이 같은 입력이 필요합니다. 받은 모양: (None, 3) 및 (None, 4)"]
    assert badge[0] in window.scene.node_items[add].toolTip()
    assert badge[0] in window.inspector.info.text()
    assert "모양이 같은 입력" in window.validity.toolTip()

    # A wire into a port already taken: refused, with the reason in Korean in the status bar.
    inputs = doc.graph.input_nodes()
    assert not doc.push(edits.Connect(inputs[1], add, 0))
    status = window.statusBar().currentMessage()
    assert status == "거부됨: add의 입력 0은(는) 이미 input_layer에 연결되어 있습니다"
    with pytest.raises(ConnectionRefused) as raised:
        doc.graph.check_connect(add, inputs[0], 0)
    assert i18n.core_text(raised.value) == "input_layer(InputLayer)은(는) 입력을 받지 않습니다"

    korean("en")
    assert window.scene.node_items[add].problems == [english]
    assert i18n.core_text(raised.value) == str(raised.value) == "input_layer is an InputLayer and takes no inputs"


def test_a_data_set_description_in_korean(window, korean):
    graph = Graph()
    for edit in (edits.AddNode("InputLayer", {"shape": (2,)}), edits.AddNode("Dense", {"units": 2})):
        edit.apply(graph)
    edits.Connect(*graph.nodes, 0).apply(graph)
    data = load_dataset("moons", graph, samples=10)
    english = (
        "moons: two interleaving half circles, 2 classes, noise 0.1 "
        "(10 samples, input input_layer (2,), target dense: labels 0..1)"
    )
    assert data.description == english
    korean()
    assert i18n.core_text(data.description) == (
        "moons: 서로 맞물린 반원 두 개, 클래스 2개, 잡음 0.1 "
        "(샘플 10개, 입력 input_layer (2,), 타깃 dense: 레이블 0..1)"
    )


def test_file_open_errors_in_korean(window, korean, errors, tmp_path):
    korean()
    missing = tmp_path / "missing.lwire"
    assert not window.files.open_path(missing)
    title, text = errors[-1]
    assert title == "파일을 열 수 없습니다"
    assert text == f"missing.lwire: {missing} 파일이 없습니다"
    damaged = tmp_path / "damaged.lwire"
    damaged.write_text('{"format": "something else"}')
    assert not window.files.open_path(damaged)
    assert (
        errors[-1][1]
        == f'damaged.lwire: {damaged}은(는) Layerwire 프로젝트가 아닙니다 ("format": "layerwire"가 없습니다)'
    )
    korean("en")
    assert not window.files.open_path(missing)
    assert errors[-1] == ("Could not open the file", f"missing.lwire: {missing} does not exist")


def test_undo_and_redo_entries_follow_a_switch_of_language(window, korean):
    doc = window.document
    assert window.act_undo.text() == "&Undo" and not window.act_undo.isEnabled()
    assert doc.push(edits.AddNode("Dense", {"units": 8}))
    assert window.act_undo.text() == "&Undo Add Dense"
    korean()
    assert window.act_undo.text() == "실행 취소(&U): Dense 추가"
    assert window.tool_undo.toolTip() == "실행 취소: Dense 추가"
    window.act_undo.trigger()
    assert window.act_redo.text() == "다시 실행(&R): Dense 추가"
    assert window.act_undo.text() == "실행 취소(&U)" and not window.act_undo.isEnabled()
    korean("en")
    assert window.act_redo.text() == "&Redo Add Dense"
    window.act_redo.trigger()
    assert window.act_undo.text() == "&Undo Add Dense"


def test_file_dialog_filters_in_korean(window, korean):
    assert file_filter(*OPEN_FILTERS).startswith("Layerwire and Keras models (*.lwire *.keras);;")
    korean()
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.nameFilters())
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.files.open()  # the real dialog (Qt's own, offscreen), cancelled once its filters are read
    assert seen == [
        ["Layerwire 및 Keras 모델 (*.lwire *.keras)", "Layerwire 프로젝트 (*.lwire)", "Keras 모델 (*.keras)"]
    ]
