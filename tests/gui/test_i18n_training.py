"""Korean and English in the training dock, the Export As menu and the recovery dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gui import i18n
from gui.files_menu import EXAMPLES_DIR
from gui.recovery import Recoverable, RecoveryDialog


def _form_labels(panel):
    form = panel.form
    fields = (form.data, form.optimizer, form.learning_rate, form.batch_size, form.epochs)
    fields += (form.validation_split, form.seed)
    return [form.layout().labelForField(w).text() for w in fields]


def _tabs(panel):
    return [panel.tabs.tabText(i) for i in range(panel.tabs.count())]


def test_the_training_dock_switches_to_korean_and_back(window, qapp):
    assert window.teaching.open_example(EXAMPLES_DIR / "mnist_model.lwire")
    panel = window.training
    assert panel.start_button.text() == "Start" and _tabs(panel)[0] == "Boundary"
    try:
        window.teaching.language_actions["ko"].trigger()
        qapp.processEvents()
        assert panel.start_button.text() == "학습 시작"
        assert panel.pause_button.text() == "일시정지"
        assert panel.stop_button.text() == "정지"
        assert panel.reset_button.text() == "가중치 초기화"
        assert _tabs(panel) == ["결정 경계", "샘플", "내부", "데이터", "예측"]
        assert _form_labels(panel) == ["데이터", "옵티마이저", "학습률", "배치 크기", "에포크", "검증 비율", "시드"]
        assert panel.plots.log_scale.text() == "로그 스케일"
        assert panel.plots.loss_plot.getPlotItem().titleLabel.text == "손실"
        assert panel.progress.format() == "에포크 %v"
        assert panel.show_nodes.text() == "노드에 표시"
        assert [panel.node_kind.itemText(i) for i in range(2)] == ["활성값", "그래디언트"]
        panel.reset_weights()
        assert "가중치를 초기화했습니다" in panel.message.text()
        labels = [a.text() for a in window.files.export_menu.actions()]
        assert window.files.export_menu.title() == "다른 형식으로 내보내기(&A)"
        assert "ONNX 모델…" in labels and "가중치(.npz)…" in labels
        assert window.code.copy_button.text() == "복사"
        dialog = RecoveryDialog(
            [Recoverable("x", EXAMPLES_DIR / "x.lwire", EXAMPLES_DIR / "x.json", None, "model", 0.0)], window
        )
        assert dialog.windowTitle() == "저장하지 않은 작업 복구"
        assert dialog.recover_button.text() == "복구(&R)"
        assert dialog.tree.topLevelItem(0).text(2) == "(저장한 적 없음)"
        dialog.deleteLater()
    finally:
        window.teaching.language_actions["en"].trigger()
        qapp.processEvents()
    assert i18n.language() == "en"
    assert panel.start_button.text() == "Start" and panel.pause_button.text() == "Pause"
    assert _tabs(panel) == ["Boundary", "Samples", "Inside", "Data", "Predict"]
    assert _form_labels(panel)[2] == "Learning rate"
    assert panel.plots.loss_plot.getPlotItem().titleLabel.text == "Loss"
    assert "Weights reset" in panel.message.text()  # the last message, said again in English
    assert panel.show_nodes.text() == "Show on nodes" and panel.node_kind.itemText(1) == "gradient"
    assert [a.text() for a in window.files.export_menu.actions()][0] == "ONNX Model…"
    assert isinstance(panel.form.layout().labelForField(panel.form.seed), QLabel)
