"""Korean for what the core says (problems, refusals, file, data, training and settings errors), Undo/Redo,
file filters and the clipboard."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from graph_core import edits
from graph_core.errors import ConfigError, ConnectionRefused, DataError, InsufficientMemory
from graph_core.graph import Graph
from graph_core.settings import TrainingSettings
from gui import i18n
from gui.clipboard import FORMAT, MIME_TYPE
from gui.files_menu import OPEN_FILTERS, file_filter
from kernels.datasets import Dataset, load_dataset
from kernels.memory import check_training_memory
from kernels.training import Trainer, TrainingDiverged
from tests.gui.gestures import file_dialog_filters


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


def test_an_unused_input_warning_in_korean(window, korean):
    doc = window.document
    first = edits.AddNode("InputLayer", {"shape": (3,)})
    spare = edits.AddNode("InputLayer", {"shape": (4,)})
    dense = edits.AddNode("Dense", {"units": 2})
    for edit in (first, spare, dense):
        assert doc.push(edit)
    assert doc.push(edits.Connect(first.node_id, dense.node_id, 0))
    korean()
    (warning,) = window.scene.node_items[spare.node_id].warnings
    assert warning.startswith("input_layer_1: 이 Input은 어떤 출력으로도 이어지지 않습니다")
    assert "경고 1개" in window.validity.text() and warning in window.validity.toolTip()


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
    assert window.tool_undo.toolTip().startswith("실행 취소: Dense 추가 (")  # and its keys
    window.act_undo.trigger()
    assert window.act_redo.text() == "다시 실행(&R): Dense 추가"
    assert window.act_undo.text() == "실행 취소(&U)" and not window.act_undo.isEnabled()
    korean("en")
    assert window.act_redo.text() == "&Redo Add Dense"
    window.act_redo.trigger()
    assert window.act_undo.text() == "&Undo Add Dense"


def test_file_dialog_filters_in_korean(window, korean):
    assert file_filter(*OPEN_FILTERS).startswith("Layerwire and Keras models (*.lwire *.keras *.h5);;")
    korean()
    assert file_dialog_filters(window.files.open) == [
        [
            "Layerwire 및 Keras 모델 (*.lwire *.keras *.h5)",
            "Layerwire 프로젝트 (*.lwire)",
            "Keras 모델 (*.keras)",
            "Keras 2 모델 (*.h5 *.hdf5)",
        ]
    ]


def _dense_model(inputs: int, units: int) -> Graph:
    graph = Graph()
    for edit in (edits.AddNode("InputLayer", {"shape": (inputs,)}), edits.AddNode("Dense", {"units": units})):
        edit.apply(graph)
    edits.Connect(*graph.nodes, 0).apply(graph)
    return graph


def test_data_and_training_errors_in_korean(window, korean, tmp_path):
    graph = _dense_model(2, 1)
    wide = tmp_path / "wide.csv"
    wide.write_text("a,b,c,y\n1,2,3,0.5\n4,5,6,1.5\n")
    with pytest.raises(DataError) as too_wide:
        Trainer(graph, TrainingSettings(), load_dataset(str(wide), graph))
    with pytest.raises(DataError) as unknown:
        load_dataset("spirals", graph)
    with pytest.raises(DataError) as not_yet:
        load_dataset("mnist", graph, fetch=False)
    huge = Dataset({"input_layer": np.full((4, 2), 1e30, np.float32)}, {"dense": np.ones((4, 1), np.float32)})
    with pytest.raises(TrainingDiverged) as diverged:
        Trainer(graph, TrainingSettings(optimizer="sgd", loss="mse"), huge).fit()
    english = [
        "Input 'input_layer' expects samples of shape (2,); found samples of shape (3,)",
        "'spirals' is neither a built-in data set (spiral, moons, circles, xor, blobs, sine, digits, brackets, "
        "tickets), a known one (mnist, fashion_mnist, cifar10) nor an existing file",
        "mnist is not downloaded yet: choose it in the Training dock, or train with --data mnist, to download it once",
        "The loss became inf at epoch 1, batch 1; try a smaller learning rate or check the data",
    ]
    raised = [too_wide.value, unknown.value, not_yet.value, diverged.value]
    assert [str(e) for e in raised] == [i18n.core_text(e) for e in raised] == english
    korean()
    assert [i18n.core_text(e) for e in raised] == [
        "입력 'input_layer'은(는) 모양이 (2,)인 샘플을 받는데 데이터의 샘플 모양은 (3,)입니다",
        "'spirals'은(는) 내장 데이터셋(spiral, moons, circles, xor, blobs, sine, digits, brackets, tickets)도, 알려진 "
        "데이터셋(mnist, fashion_mnist, cifar10)도, 있는 파일도 아닙니다",
        "mnist은(는) 아직 내려받지 않았습니다. 학습 패널에서 고르거나 --data mnist(으)로 학습하면 한 번 내려받습니다",
        "에포크 1, 배치 1에서 손실이 inf이(가) 되었습니다. 학습률을 낮추거나 데이터를 확인하세요",
    ]


def test_sequence_data_in_korean(window, korean, tmp_path):
    brackets = load_dataset("brackets", _dense_model(20, 1), samples=4)
    with pytest.raises(DataError) as misnamed:
        load_dataset("tickets", _dense_model(2, 1))
    ragged = np.empty(2, dtype=object)
    ragged[0], ragged[1] = [1, 2], [3]
    np.savez(tmp_path / "ragged.npz", x=ragged, y=np.zeros(2))
    with pytest.raises(DataError) as padded:
        load_dataset(str(tmp_path / "ragged.npz"))
    korean()
    assert i18n.core_text(brackets.description) == (
        'brackets: 괄호 20개로 된 문자열, "(" 10개와 ")" 10개가 토큰 ID 0과 1로 들어 있음; 짝이 맞으면 레이블 1, '
        "클래스 2개. 개수를 세어서는 알 수 없고 순서만이 알려 줍니다 (샘플 4개, 입력 input_layer (20,), "
        "타깃 dense: 레이블 0..1)"
    )
    assert i18n.core_text(misnamed.value) == (
        "tickets 데이터의 입력은 title, body, tags, 타깃은 priority, department인데 모델의 입력은 input_layer, "
        "출력은 dense입니다. 모델의 입력과 출력 이름을 데이터의 이름에 맞추세요"
    )
    assert i18n.core_text(padded.value).endswith("한 길이로 패딩하세요(keras.utils.pad_sequences처럼)")


def test_settings_and_memory_refusals_in_korean(window, korean):
    with pytest.raises(ConfigError) as batch:
        TrainingSettings(batch_size=0)
    with pytest.raises(ConfigError) as split:
        TrainingSettings(validation_split=1.0)
    graph = _dense_model(2, 1)
    x, y = {"input_layer": np.zeros((4, 2), np.float32)}, {"dense": np.zeros((4, 1), np.float32)}
    with pytest.raises(InsufficientMemory) as memory:
        check_training_memory(graph, TrainingSettings(), x, y, limit=1000)
    assert str(batch.value) == "batch_size must be from 1 to 16777216. Received: batch_size=0"
    assert str(split.value) == "validation_split must be >= 0 and < 1. Received: validation_split=1.0"
    assert str(memory.value).startswith("Training would need about 64.0 MB of memory (weights 24.0 B, gradients")
    korean()
    assert i18n.core_text(batch.value) == "batch_size은(는) 1부터 16777216까지여야 합니다. 받은 값: batch_size=0"
    assert (
        i18n.core_text(split.value) == "validation_split은(는) >= 0 및 < 1이어야 합니다. 받은 값: validation_split=1.0"
    )
    text = i18n.core_text(memory.value)
    assert text.startswith("학습에 메모리가 약 64.0 MB 필요한데(가중치 24.0 B, 그레이디언트 12.0 B, 옵티마이저 24.0 B,")
    assert text.endswith("배치 크기를 줄이거나, 유닛 수를 줄이거나, 데이터를 줄이세요")


def _damaged_nodes() -> QMimeData:
    """Layerwire nodes on the clipboard whose entry lacks its position."""
    payload = {"format": FORMAT, "version": 1, "nodes": [{"id": 1}], "wires": []}
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(payload).encode("utf-8"))
    return mime


def test_damaged_clipboard_nodes_refused_in_korean(window, korean):
    korean()
    QApplication.clipboard().setMimeData(_damaged_nodes())
    window.act_paste.trigger()
    assert window.statusBar().currentMessage() == "거부됨: 클립보드의 노드가 손상되었습니다: KeyError('pos')"
    assert not window.document.graph.nodes
    korean("en")
    QApplication.clipboard().setMimeData(_damaged_nodes())
    window.act_paste.trigger()
    assert window.statusBar().currentMessage() == "Refused: the clipboard's nodes are damaged: KeyError('pos')"
