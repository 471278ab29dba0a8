"""What the core says in the training dock, in Korean: the data set's description, data that does not fit,
a run refused for memory and a run that diverges; said again in English after switching back."""

from __future__ import annotations

import pytest

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from gui import i18n
from gui.document import Document
from kernels.memory import LIMIT_ENV
from tests.gui.gestures import file_dialog_filters

TIMEOUT = 60_000  # ms; a first numba compile


@pytest.fixture
def language(qapp):
    """``language(window, code)`` switches through View → Language; English again afterwards."""
    switched = []

    def switch(window, code: str) -> None:
        window.teaching.language_actions[code].trigger()
        qapp.processEvents()
        switched.append(window)

    yield switch
    if switched:
        switch(switched[-1], "en")
    assert i18n.language() == "en"


def _window(make_window, example: str, **settings):
    project = build(example)
    if settings:
        project.training = TrainingSettings.from_dict(project.training).replace(**settings).to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    return window, window.training


def test_the_data_set_description_in_korean(make_window, language):
    window, panel = _window(make_window, "spiral")
    english = panel.form.data_info.text()
    assert english.startswith("spiral: two interleaved spirals of 1.75 turns, 2 classes, noise 0.04 (1000 samples, ")
    assert "✔ fits the model" in english
    language(window, "ko")
    korean = panel.form.data_info.text()
    assert korean.startswith("spiral: 서로 맞물려 1.75바퀴 감긴 나선 두 개, 클래스 2개, 잡음 0.04 (샘플 1000개, ")
    assert "✔ 모델에 맞습니다" in korean
    panel.predict(0)
    predicted = panel.predict_output.toPlainText()
    assert predicted.startswith("spiral의 샘플 0\n입력 input_layer (2,): [") and "\n\n출력 " in predicted
    language(window, "en")
    assert panel.form.data_info.text() == english
    panel.predict(0)
    assert "\ninput input_layer (2,): [" in panel.predict_output.toPlainText()


def test_a_data_file_that_does_not_fit_in_korean(make_window, language, tmp_path):
    window, panel = _window(make_window, "spiral")
    wide = tmp_path / "wide.csv"
    wide.write_text("a,b,c,y\n1,2,3,0\n4,5,6,1\n")
    language(window, "ko")
    panel.form.set_data(str(wide))
    misfit = "입력 'input_layer'은(는) 모양이 (2,)인 샘플을 받는데 데이터의 샘플 모양은 (3,)입니다"
    assert f"✖ 모델에 맞지 않습니다: {misfit}" in panel.form.data_info.text()
    assert not panel.start_button.isEnabled()
    assert not panel.start()
    assert misfit in panel.message.text()
    language(window, "en")
    english = "Input 'input_layer' expects samples of shape (2,); found samples of shape (3,)"
    assert f"✖ does not fit: {english}" in panel.form.data_info.text()
    assert english in panel.message.text()  # the refusal, said again in English


def test_a_missing_data_file_in_korean(make_window, language, tmp_path):
    window, panel = _window(make_window, "spiral")
    missing = str(tmp_path / "missing.csv")
    language(window, "ko")
    panel.form.set_data(missing)
    builtin = "spiral, moons, circles, xor, blobs, sine, digits, brackets, tickets"
    korean = (f"{missing!r}은(는) 내장 데이터셋({builtin})도, 알려진 데이터셋(mnist, fashion_mnist, cifar10)도, "
              "있는 파일도 아닙니다")  # fmt: skip
    assert korean in panel.form.data_info.text()
    panel.predict(0)
    assert panel.predict_output.toPlainText() == korean
    language(window, "en")
    assert f"{missing!r} is neither a built-in data set" in panel.form.data_info.text()


def test_a_run_refused_for_memory_in_korean(make_window, language, qtbot, monkeypatch):
    window, panel = _window(make_window, "spiral", epochs=1)
    monkeypatch.setenv(LIMIT_ENV, "1M")  # the weights fit, a run does not
    language(window, "ko")
    assert panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "failed"
    text = panel.message.text()
    assert "학습 실패: 학습에 메모리가 약 " in text
    assert "배치 크기를 줄이거나, 유닛 수를 줄이거나, 데이터를 줄이세요" in text
    language(window, "en")
    text = panel.message.text()
    assert "Training failed: Training would need about " in text and "use a smaller batch size" in text


def test_a_diverging_run_in_korean(make_window, language, qtbot):
    window, panel = _window(make_window, "sine_regression", epochs=50, optimizer="sgd", learning_rate=5.0)
    language(window, "ko")
    assert panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "diverged"
    text = panel.message.text()
    assert "학습이 발산했습니다: 에포크 " in text and "에서 손실이 " in text
    assert "학습률을 낮추거나 데이터를 확인하세요" in text and "더 낮은 학습률(예: 0.5)" in text
    language(window, "en")
    text = panel.message.text()
    assert "Training diverged: The loss became " in text and "try a smaller learning rate" in text
    assert "Try a lower learning rate, e.g. 0.5." in text


def test_the_data_file_dialog_filters_in_korean(make_window, language):
    window, panel = _window(make_window, "spiral")
    language(window, "ko")
    choose = panel.form.data.count() - 1  # "Choose a file…"
    filters = file_dialog_filters(lambda: panel.form.data.activated.emit(choose))
    assert filters == [["데이터 (*.npz *.npy *.csv *idx3*)", "모든 파일 (*)"]]
    assert panel.form.data_source() == "spiral"
