"""Korean and English: switching the language at runtime retranslates menus, docks, panels and help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from graph_core import lessons
from gui import i18n
from gui.files_menu import EXAMPLES_DIR


@pytest.fixture
def korean(qapp):
    yield lambda: (i18n.set_language("ko"), qapp.processEvents())
    i18n.set_language("en", remember=False)
    qapp.processEvents()


def _menu_titles(window):
    return [a.text() for a in window.menuBar().actions()]


def test_switching_to_korean_and_back_retranslates_the_window(window, korean, qapp):
    assert window.teaching.open_example(EXAMPLES_DIR / "mnist_model.lwire")
    assert _menu_titles(window)[0] == "&File"
    window.teaching.language_actions["ko"].trigger()
    qapp.processEvents()
    assert i18n.language() == "ko"
    assert QSettings().value(i18n.SETTING) == "ko"
    titles = _menu_titles(window)
    assert titles[0].replace("(&F)", "") == "파일"
    assert window.docks["palette"].windowTitle() == "레이어"
    assert window.docks["inspector"].windowTitle() == "속성"
    assert window.teaching.lesson_dock.windowTitle() == "레슨"
    assert window.files.act_save.text() == "저장(&S)"
    assert window.params.text().startswith("전체 파라미터: 55,050")
    assert "올바른 모델" in window.validity.text()
    assert window.palette.groups["Core"].text(0) == "핵심"
    assert "완전 연결(Dense) 레이어" in window.palette.items["Dense"].toolTip(0)
    assert "Keras 문서" in window.palette.items["Dense"].toolTip(0)
    assert window.inspector.form.labelForField(window.inspector.widgets["__model__"]).text() == "모델 이름"
    assert window.teaching.step_through.run.text() == "시작"
    assert window.teaching.language_actions["ko"].isChecked()

    window.teaching.language_actions["en"].trigger()
    qapp.processEvents()
    assert _menu_titles(window)[0] == "&File"
    assert window.docks["palette"].windowTitle() == "Layers"
    assert window.palette.groups["Core"].text(0) == "Core"
    assert window.params.text().startswith("Total params: 55,050")
    assert window.teaching.step_through.run.text() == "Start"


def test_lessons_show_their_korean_texts(window, korean, qapp):
    window.teaching.start_lesson("01_first_model")
    korean()
    panel = window.teaching.lessons_panel
    lesson = lessons.load(lessons.LESSONS_DIR / "01_first_model.json")
    assert panel.title.text() == lesson.title["ko"]
    assert panel.intro.text() == lesson.intro["ko"]
    assert lesson.steps[0].text["ko"] in panel.steps.item(0).text()
    assert "단계 완료" in panel.progress_label.text()
    assert not panel.progress_bar.isTextVisible()  # the count stands beside the bar, never under its fill
    window.teaching.lessons_menu.aboutToShow.emit()
    titles = [a.text() for a in window.teaching.lessons_menu.actions() if a.text()]
    assert titles == [x.title["ko"] for x in lessons.available()] + ["레슨 파일 열기…"]


def test_gallery_and_step_through_in_korean(window, korean, qapp):
    korean()
    gallery = window.teaching.show_gallery()
    qapp.processEvents()
    assert gallery.windowTitle() == "예제"
    gallery.select("sine_regression")
    assert gallery.title.text() == "사인 회귀"
    assert window.teaching.open_example(EXAMPLES_DIR / "mnist_model.lwire")
    st = window.teaching.step_through
    assert st.start()
    assert st.stage.text().startswith("순전파 1/")


def test_the_language_follows_the_system_until_one_is_chosen(qapp):
    QSettings().remove(i18n.SETTING)
    assert i18n.chosen_language() == i18n.system_language()
    QSettings().setValue(i18n.SETTING, "ko")
    assert i18n.chosen_language() == "ko"


def test_the_committed_translations_are_complete_and_compiled():
    import xml.etree.ElementTree as ET

    ts = i18n.TRANSLATIONS_DIR / "layerwire_ko.ts"
    messages = list(ET.parse(ts).getroot().iter("message"))
    assert len(messages) > 100
    unfinished = [m.find("source").text for m in messages if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    qm = ts.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime - 5


def test_every_setting_has_a_properties_label_and_it_follows_the_language(window, korean, qapp):
    from graph_core import layers
    from gui.field_labels import LABELS

    assert {f.name for t in layers.REGISTRY.values() for f in t.fields} <= set(LABELS)
    assert window.teaching.open_example(EXAMPLES_DIR / "mnist_model.lwire")
    window.scene.select_nodes(window.document.graph.nodes_of_layer("dense_1"))

    def label(field: str) -> str:
        return window.inspector.form.labelForField(window.inspector.widgets[field]).text()

    assert (label("units"), label("use_bias")) == ("Units", "Use bias")
    korean()
    assert (label("units"), label("use_bias"), label("kernel_initializer")) == ("유닛 수", "편향 사용", "커널 초기화")
