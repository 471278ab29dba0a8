"""Guided lessons in the editor: each lesson walked through with edits pushed on the document."""

from __future__ import annotations

import pytest

from graph_core import edits, lessons
from gui.lessons_panel import CURRENT_MARK, DONE_MARK

R = {"activation": "relu"}


class DocBuilder:
    """The ModelBuilder's calls, each one edit pushed on the window's document (so undo works)."""

    def __init__(self, document):
        self.document = document

    def _push(self, first, *sources):
        steps = [first]
        assert self.document.push(edits.Compound([first], name="add"))
        node = first.node_id
        for port, src in enumerate(sources):
            steps.append(edits.Connect(src, node, port))
            assert self.document.push(steps[-1])
        return node

    def input(self, shape):
        return self._push(edits.AddNode("InputLayer", {"shape": tuple(shape)}))

    def add(self, layer_type, *sources, name=None, **config):
        return self._push(edits.AddNode(layer_type, config, name=name), *sources)

    def call(self, layer, *sources):
        return self._push(edits.CallLayer(layer), *sources)

    def rename_model(self, name):
        assert self.document.push(edits.RenameModel(name))


def first_model(b):
    x = b.input((784,))
    yield
    x = b.add("Dense", x, units=64, **R)
    yield
    x = b.add("Dense", x, units=64, **R)
    yield
    b.add("Dense", x, units=10)
    yield
    b.rename_model("mnist_model")
    yield


def several(b):
    text = b.input((32,))
    yield
    meta = b.input((8,))
    yield
    t = b.add("Dense", text, units=32, **R)
    yield
    m = b.add("Dense", meta, units=8, **R)
    yield
    x = b.add("Concatenate", t, m)
    yield
    b.add("Dense", x, units=1, activation="sigmoid")
    yield
    b.add("Dense", x, units=4, activation="softmax")
    yield


def shared(b):
    left = b.input((16,))
    right = b.input((16,))
    yield
    a = b.add("Dense", left, units=32, name="encoder", **R)
    yield
    c = b.call("encoder", right)
    yield
    x = b.add("Subtract", a, c)
    yield
    b.add("Dense", x, units=1, activation="sigmoid")
    yield


def residual(b):
    x = b.input((64,))
    yield
    x = b.add("Dense", x, units=64, **R)
    yield
    y = b.add("Dense", x, units=64, **R)
    y = b.add("Dense", y, units=64)
    yield
    z = b.add("Add", x, y)
    yield
    z = b.add("Activation", z, activation="relu")
    yield
    b.add("Dense", z, units=10)
    yield


WALKS = {
    "01_first_model": first_model,
    "02_several_inputs_and_outputs": several,
    "03_shared_layers": shared,
    "04_residual_connection": residual,
}


def test_help_menu_lists_the_four_lessons(window):
    menu = window.teaching.lessons_menu
    menu.aboutToShow.emit()
    titles = [a.text() for a in menu.actions()]
    assert titles == [lesson.title["en"] for lesson in lessons.available()]
    assert len(titles) == 4


@pytest.mark.parametrize("lesson_id", list(WALKS))
def test_walking_through_a_lesson_ticks_every_step(window, lesson_id):
    teaching = window.teaching
    assert teaching.start_lesson(lesson_id)
    panel = teaching.lessons_panel
    assert teaching.lesson_dock.isVisible()
    n = len(panel.lesson.steps)
    assert panel.current == 0 and panel.steps.count() == n
    assert panel.steps.item(0).text().startswith(CURRENT_MARK)
    assert panel.intro.text() == panel.lesson.intro["en"]
    assert panel.hint.text() == "" or "Hint" in panel.hint.text()
    completed = []
    panel.completed.connect(completed.append)
    seen = [0]
    for _ in WALKS[lesson_id](DocBuilder(window.document)):
        current = panel.current
        seen.append(n if current is None else current)
        assert panel.progress_bar.value() == sum(panel.done)
        if current is not None:
            assert panel.steps.item(current).text().startswith(CURRENT_MARK)
            assert panel.steps.item(current).font().bold()
    assert all(a < b for a, b in zip(seen, seen[1:])), seen  # each action ticks a step off
    assert seen[-1] == n and all(panel.done)
    assert all(panel.steps.item(i).text().startswith(DONE_MARK) for i in range(n))
    assert completed == [lesson_id]
    assert "Well done" in panel.hint.text()
    window.document.undo_stack.undo()  # the last step unticks again
    assert panel.current is not None and not panel.steps.item(panel.current).text().startswith(DONE_MARK)


def test_a_lesson_starts_on_a_new_model_and_shows_the_current_steps_hint(window):
    window.teaching.open_example(window.teaching.show_gallery().paths()[0])
    window.teaching.gallery.close()
    assert window.document.graph.nodes
    window.teaching.start_lesson("01_first_model")
    assert not window.document.graph.nodes
    panel = window.teaching.lessons_panel
    lesson = panel.lesson
    if lesson.steps[0].hint:
        assert lesson.steps[0].hint["en"] in panel.hint.text()
