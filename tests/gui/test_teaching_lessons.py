"""Guided lessons in the editor: each lesson walked through with edits pushed on the document."""

from __future__ import annotations

import pytest

from graph_core import edits, lessons
from gui.lessons_panel import CURRENT_MARK, DONE_MARK

R = {"activation": "relu"}


@pytest.fixture(params=["en", "ko"])
def language(request, qapp):  # type: ignore[no-untyped-def]
    """The test in English, then in Korean (switched at runtime, as View → Language does)."""
    from gui import i18n

    i18n.set_language(request.param, remember=False)
    qapp.processEvents()
    yield request.param
    i18n.set_language("en", remember=False)
    qapp.processEvents()


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


def test_help_menu_lists_the_lessons(window):
    menu = window.teaching.lessons_menu
    menu.aboutToShow.emit()
    titles = [a.text() for a in menu.actions() if a.text()]
    assert titles == [lesson.title["en"] for lesson in lessons.available()] + ["Open a Lesson File…"]
    assert len(titles) == 14


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


def test_a_lesson_on_an_example_asks_for_settings_shows_the_guides_code_and_ends_with_a_run(window, qtbot, tmp_path):
    """A lesson file that opens an example, asks for training settings (set in the Training dock) and for a run
    reaching a stated accuracy: each ticks as the student does it, the current step's code is shown."""
    import json

    from PySide6.QtCore import Qt

    path = tmp_path / "09_train_brackets.json"
    path.write_text(json.dumps({
        "title": {"en": "Train the brackets model", "ko": "괄호 모델 학습"},
        "intro": {"en": "Compile and fit, as the guide does.", "ko": "가이드처럼 컴파일하고 학습합니다."},
        "example": "brackets",
        "steps": [
            {"text": {"en": "The model is valid"}, "check": {"kind": "valid"}},
            {"text": {"en": "Train in batches of 64 for 12 epochs"},
             "check": {"kind": "training", "settings": {"batch_size": 64, "epochs": 12, "data": "brackets"}},
             "code": "model.fit(x_train, y_train, batch_size=64, epochs=12, validation_split=0.2)"},
            {"text": {"en": "Press Start: the validation accuracy reaches 0.95"},
             "check": {"kind": "trained", "metric": "val_accuracy", "at_least": 0.95}},
        ],
    }), encoding="utf-8")  # fmt: skip
    lesson = lessons.load(path)
    assert window.teaching.start_lesson(lesson)
    panel, training = window.teaching.lessons_panel, window.training
    assert window.document.graph.name == "brackets_lstm" and window.document.path is None  # a copy of the example
    assert panel.done == [True, False, False] and panel.current == 1
    assert panel.code.isVisible() and panel.code.toPlainText().startswith("model.fit(x_train, y_train, batch_size=64")
    training.form.batch_size.setValue(64)
    assert panel.current == 1  # 64, but still 10 epochs
    training.form.epochs.setValue(12)
    assert panel.done == [True, True, False] and panel.current == 2 and not panel.code.isVisible()
    completed = []
    panel.completed.connect(completed.append)
    qtbot.mouseClick(training.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not training.training, timeout=60_000)
    assert window.document.project.history[-1]["epochs"][-1]["val_accuracy"] >= 0.95
    assert all(panel.done) and completed == ["09_train_brackets"] and "Well done" in panel.hint.text()
    training.form.epochs.setValue(3)  # the settings no longer what the step asks: it unticks
    assert panel.current == 1


def test_a_lesson_file_handed_out_opens_from_the_lessons_menu_and_a_broken_one_says_why(window, tmp_path):
    menu = window.teaching.lessons_menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions() if a.text()][-1] == "Open a Lesson File…"
    good = tmp_path / "relu_first.json"
    step = '{"text": {"en": "Add a Dense"}, "check": {"kind": "node", "match": {"type": "Dense"}}}'
    good.write_text('{"title": {"en": "Dense first"}, "intro": {"en": "One layer."}, "steps": [' + step + "]}")
    assert window.teaching.open_lesson_file(good)
    assert window.teaching.lessons_panel.lesson.title["en"] == "Dense first" and not window.document.graph.nodes
    shown = []
    window.show_error = lambda title, message: shown.append((title, message))
    before = window.document
    bad = tmp_path / "broken.json"
    bad.write_text('{"title": {"en": "x"}, "intro": {"en": "y"}, "steps": []}', encoding="utf-8")
    assert not window.teaching.open_lesson_file(bad)
    assert shown == [("Could not open the lesson",
                      "lesson broken: expected an object with a non-empty list of steps")]  # fmt: skip
    assert window.document is before and window.teaching.lessons_panel.lesson.title["en"] == "Dense first"


def _serve(file_server, monkeypatch, name: str, files: dict[str, bytes]) -> None:  # type: ignore[no-untyped-def]
    """The known set ``name`` served by the loopback mirror from ``files`` (the hashes made to match)."""
    import dataclasses

    from kernels import download
    from tests.data_server import sha256

    file_server.files.update(files)
    known = tuple(dataclasses.replace(f, sha256=sha256(files[f.name])) for f in download.KNOWN[name])
    monkeypatch.setitem(download.KNOWN, name, known)


def _npz(x_train, y_train, x_test, y_test) -> bytes:  # type: ignore[no-untyped-def]
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.savez_compressed(buffer, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return buffer.getvalue()


def _handwritten_mnist() -> bytes:
    """An mnist.npz of real handwriting: scikit-learn's 8x8 digits drawn at 16x16, placed anywhere within 3 pixels
    of the middle of a 28x28 image (dark, as MNIST's), so an autoencoder has strokes to rebuild."""
    import numpy as np
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(5)
    pick = rng.integers(0, len(digits.images), 1700)
    x = np.pad(np.kron(digits.images[pick], np.ones((2, 2))), ((0, 0), (6, 6), (6, 6))) * (255 / 16)
    x = np.stack([np.roll(image, tuple(rng.integers(-3, 4, 2)), (0, 1)) for image in x]).astype(np.uint8)
    y = digits.target[pick].astype(np.uint8)
    return _npz(x[:1500], y[:1500], x[1500:], y[1500:])


def _learnable_mnist() -> bytes:
    """An mnist.npz (keras.datasets layout) whose ten classes a small network tells apart in two epochs: each a
    pattern of its own under noise (the real digits take longer to learn than a test may wait)."""
    import io

    import numpy as np

    rng = np.random.default_rng(5)
    patterns = rng.integers(0, 2, (10, 28, 28)) * 200

    def part(n: int) -> tuple[np.ndarray, np.ndarray]:
        labels = rng.integers(0, 10, n)
        images = np.clip(patterns[labels] + rng.integers(0, 56, (n, 28, 28)), 0, 255).astype(np.uint8)
        return images, labels.astype(np.uint8)

    (x_train, y_train), (x_test, y_test) = part(1500), part(200)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return buffer.getvalue()


def test_the_training_lesson_walked_in_the_dock_downloads_mnist_and_ends_with_the_run(
    window, qtbot, file_server, monkeypatch, language
):
    """The guide's training section: the lesson opens mnist_model, the student chooses mnist (downloaded from a
    mirror on 127.0.0.1), the loss, batch size, epochs and validation split in the Training dock, presses Start;
    each step ticks in turn and the guide's code for it is shown, in English and in Korean."""
    import dataclasses

    from PySide6.QtCore import Qt

    from kernels import download
    from tests.data_server import sha256

    data = _learnable_mnist()
    file_server.files["mnist.npz"] = data
    monkeypatch.setitem(
        download.KNOWN, "mnist", (dataclasses.replace(download.KNOWN["mnist"][0], sha256=sha256(data)),)
    )
    assert window.teaching.start_lesson("05_training_and_evaluation")
    panel, training, form = window.teaching.lessons_panel, window.training, window.training.form
    lesson = panel.lesson
    assert window.document.graph.name == "mnist_model" and window.document.path is None
    assert panel.current == 1 and panel.steps.item(1).text().endswith(lesson.steps[1].text[language])
    assert panel.code.toPlainText() == lesson.steps[1].code
    ticks = [panel.current]
    form.set_data("mnist")  # downloads it once, with a progress dialog
    qtbot.waitUntil(lambda: training.data is not None, timeout=20_000)
    assert file_server.requests == ["/mnist.npz"]
    ticks.append(panel.current)
    (box,) = form.loss_boxes.values()
    box.setCurrentIndex(box.findData("sparse_categorical_crossentropy"))
    ticks.append(panel.current)
    form.batch_size.setValue(64)
    form.epochs.setValue(2)
    assert panel.current == 3  # the fit step asks for all three
    form.validation_split.setValue(0.2)
    ticks.append(panel.current)
    assert panel.code.toPlainText().startswith("test_scores = model.evaluate(x_test, y_test")
    qtbot.mouseClick(training.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not training.training, timeout=60_000)
    ticks.append(panel.current)
    assert ticks == [1, 2, 3, 4, None]
    run = window.document.project.history[-1]["epochs"]
    assert len(run) == 2 and run[-1]["val_accuracy"] >= 0.95
    assert not panel.code.isVisible() and panel.progress_bar.value() == len(lesson.steps)


def test_the_ticket_lesson_walked_in_the_editor_builds_sets_up_and_trains_the_guides_model(window, qtbot, language):
    from PySide6.QtCore import Qt

    from tests.graph_core.test_lessons import build_ticket_model

    assert window.teaching.start_lesson("06_ticket_model")
    panel, training = window.teaching.lessons_panel, window.training
    assert panel.steps.item(0).text().endswith(panel.lesson.steps[0].text[language])
    seen = [panel.current]
    build_ticket_model(DocBuilder(window.document), lambda: seen.append(panel.current))
    assert seen == [0, 1, 2, 3, 4, 5, 6]
    assert panel.code.toPlainText().startswith("model.compile(\n    optimizer=keras.optimizers.RMSprop(1e-3)")
    form = training.form
    form.set_data("tickets")
    assert training.data is not None and not training.data_error
    for output, loss in (("priority", "binary_crossentropy"), ("department", "categorical_crossentropy")):
        form.loss_boxes[output].setCurrentIndex(form.loss_boxes[output].findData(loss))
    form.epochs.setValue(2)
    assert panel.current == 6  # the department's weight still 1.0
    form.weight_boxes["department"].setValue(0.2)
    assert panel.current == 7
    qtbot.mouseClick(training.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not training.training, timeout=60_000)
    run = window.document.project.history[-1]["epochs"]
    assert len(run) == 2 and run[-1]["loss"] == pytest.approx(
        run[-1]["priority_loss"] + 0.2 * run[-1]["department_loss"], rel=1e-4
    )
    assert panel.current is None and all(panel.done)


def test_a_broken_lesson_file_is_listed_greyed_with_why_and_the_others_still_start(make_window, monkeypatch, tmp_path):
    import shutil

    shutil.copy(lessons.LESSONS_DIR / "01_first_model.json", tmp_path / "01_first_model.json")
    (tmp_path / "02_broken.json").write_text('{"title": {"en": "x"}, "intro": {"en": "y"}, "steps": []}')
    monkeypatch.setattr(lessons, "LESSONS_DIR", tmp_path)
    window = make_window()  # the menu is filled as the window is made: a broken file must not stop it
    menu = window.teaching.lessons_menu
    menu.aboutToShow.emit()
    actions = [a for a in menu.actions() if a.text()]
    assert [a.text() for a in actions] == ["Your first model", "02_broken.json (cannot be read)", "Open a Lesson File…"]
    assert actions[0].isEnabled() and not actions[1].isEnabled()
    assert actions[1].toolTip() == "lesson 02_broken: expected an object with a non-empty list of steps"
    actions[0].trigger()
    assert window.teaching.lessons_panel.lesson.id == "01_first_model"


def _train(window, qtbot):  # type: ignore[no-untyped-def]
    """Press Start in the Training dock and wait for the run to end; its last epoch's logs."""
    from PySide6.QtCore import Qt

    training = window.training
    qtbot.mouseClick(training.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not training.training, timeout=60_000)
    return window.document.project.history[-1]["epochs"][-1]


def _train_the_autoencoder(window, qtbot, file_server, monkeypatch, seen):  # type: ignore[no-untyped-def]
    """The autoencoder's steps: mnist (real handwriting, from the loopback mirror), the inputs as targets, mse, Adam,
    a validation split; then the run. Each step ticks in turn."""
    panel, training, form = window.teaching.lessons_panel, window.training, window.training.form
    _serve(file_server, monkeypatch, "mnist", {"mnist.npz": _handwritten_mnist()})
    assert panel.code.toPlainText().startswith('autoencoder.compile(optimizer="adam", loss="mse")')
    form.set_data("mnist")
    qtbot.waitUntil(lambda: training.data is not None, timeout=20_000)
    assert training.data_error  # the digits' labels, for an image output: it does not fit
    form.targets_from_inputs.setChecked(True)
    assert not training.data_error and training.data.description.endswith("; targets: the inputs, not the labels")
    (box,) = form.loss_boxes.values()
    box.setCurrentIndex(box.findData("mse"))
    form.optimizer.setCurrentIndex(form.optimizer.findData("adam"))
    assert not panel.done[-2]
    form.validation_split.setValue(0.2)
    seen.append(panel.current)
    logs = _train(window, qtbot)
    seen.append(panel.current)
    assert logs["val_loss"] <= 0.05
    return logs


def test_the_encoder_lesson_walked_with_the_models_panel(window, qtbot, file_server, monkeypatch, language):
    from tests.graph_core.test_lessons import build_encoder_and_autoencoder

    assert window.teaching.start_lesson("07_encoder_and_autoencoder")
    panel, models = window.teaching.lessons_panel, window.models

    def new_model(node, name):  # as the student does: select the node, New Model from Selection, rename it
        window.scene.select_nodes([node])
        models.add_button.click()
        item = models.list.currentItem()
        assert item.text().startswith("model") and item.text() != window.document.graph.name
        item.setText(name)

    def rename_model(name):
        item = models.list.item(0)  # the main model, listed first
        item.setText(name)

    seen = [panel.current]
    build_encoder_and_autoencoder(DocBuilder(window.document), lambda: seen.append(panel.current), new_model,
                                  rename_model)  # fmt: skip
    models.list.setCurrentRow(0)  # the autoencoder is the model to train
    _train_the_autoencoder(window, qtbot, file_server, monkeypatch, seen)
    assert seen == [0, 1, 2, 3, 4, 5, 6, None]
    assert window.document.graph.name == "autoencoder" and list(window.document.graph.models) == ["encoder"]
    assert all(panel.done) and panel.tr("Well done — every step is complete.") in panel.hint.text()


def test_the_lesson_of_models_called_like_layers_walked_with_ctrl_g(window, qtbot, file_server, monkeypatch,
                                                                    language):  # fmt: skip
    assert window.teaching.start_lesson("08_models_called_like_layers")
    panel, b, graph = window.teaching.lessons_panel, DocBuilder(window.document), window.document.graph
    seen = [panel.current]

    def conv(kind, x, filters):
        return b.add(kind, x, filters=filters, kernel_size=3, activation="relu")

    def group(first, last, name):  # select the layers, Ctrl+G, rename the new node in Properties
        order = graph.analysis().order
        window.scene.select_nodes(order[order.index(first) : order.index(last) + 1])
        window.group_selection()
        (node,) = window.scene.selected_node_ids()
        assert window.document.push(edits.RenameLayer(graph.nodes[node].layer, name))
        return node

    img = b.add("InputLayer", shape=(28, 28, 1), name="img")
    first = conv("Conv2D", img, 16)
    x = b.add("MaxPooling2D", conv("Conv2D", first, 32), pool_size=3)
    last = b.add("GlobalMaxPooling2D", conv("Conv2D", conv("Conv2D", x, 32), 16))
    seen.append(panel.current)
    encoder = group(first, last, "encoder")
    seen.append(panel.current)
    first = b.add("Reshape", encoder, target_shape=(4, 4, 1))
    x = conv("Conv2DTranspose", conv("Conv2DTranspose", first, 16), 32)
    last = conv("Conv2DTranspose", conv("Conv2DTranspose", b.add("UpSampling2D", x, size=3), 16), 1)
    seen.append(panel.current)
    group(first, last, "decoder")
    seen.append(panel.current)
    _train_the_autoencoder(window, qtbot, file_server, monkeypatch, seen)  # the nested models train as one
    assert seen == [0, 1, 2, 3, 4, 5, None]
    assert panel.tr("Well done — every step is complete.") in panel.hint.text()


def test_the_shared_embedding_lesson_walked_in_the_editor_trains_on_the_tickets(window, qtbot, language):
    assert window.teaching.start_lesson("09_shared_embedding")
    panel, b, graph, form = window.teaching.lessons_panel, DocBuilder(window.document), window.document.graph, \
        window.training.form  # fmt: skip
    seen = [panel.current]
    a = b.add("InputLayer", shape=(None,), dtype="int32")
    c = b.add("InputLayer", shape=(None,), dtype="int32")
    seen.append(panel.current)
    e = b.add("Embedding", a, input_dim=1000, output_dim=128, name="shared_embedding")
    seen.append(panel.current)
    f = b.call("shared_embedding", c)  # Call Again, wired to the second text
    seen.append(panel.current)
    for node, name in ((a, "title"), (c, "body")):  # Properties → Name
        assert window.document.push(edits.RenameLayer(graph.nodes[node].layer, name))
    assert window.document.push(edits.SetConfig("shared_embedding", {"input_dim": 10000}))
    seen.append(panel.current)
    x = b.add("Concatenate", b.add("GlobalAveragePooling1D", e), b.add("GlobalAveragePooling1D", f))
    b.add("Dense", x, units=1, activation="sigmoid", name="priority")
    seen.append(panel.current)
    form.set_data("tickets")
    assert window.training.data is not None and not window.training.data_error
    (box,) = form.loss_boxes.values()
    box.setCurrentIndex(box.findData("binary_crossentropy"))
    form.epochs.setValue(2)
    form.validation_split.setValue(0.2)
    seen.append(panel.current)
    logs = _train(window, qtbot)
    seen.append(panel.current)
    assert seen == [0, 1, 2, 3, 4, 5, 6, None]
    assert 0.6 <= logs["loss"] <= 0.72  # about ln 2: random targets


def test_the_feature_extraction_lesson_walked_in_the_editor_trains_mnist_model(window, qtbot, file_server,
                                                                                monkeypatch, language):  # fmt: skip
    _serve(file_server, monkeypatch, "mnist", {"mnist.npz": _learnable_mnist()})
    assert window.teaching.start_lesson("10_feature_extraction")  # opens mnist_model
    panel, graph, models = window.teaching.lessons_panel, window.document.graph, window.models
    assert panel.current == 0 and graph.name == "mnist_model"
    window.scene.select_nodes([graph.nodes_of_layer(n)[0] for n in ("dense", "dense_1", "dense_2")])
    models.add_button.click()
    assert panel.current == 1
    models.list.currentItem().setText("feature_extractor")
    assert panel.current == 2 and list(graph.models) == ["feature_extractor"]
    models.list.setCurrentRow(0)  # mnist_model, whose labels the data has
    window.training.form.set_data("mnist")
    qtbot.waitUntil(lambda: window.training.data is not None, timeout=20_000)
    assert panel.current == 3
    assert _train(window, qtbot)["val_accuracy"] >= 0.9
    assert panel.current is None


def test_the_save_and_load_lesson_trains_exports_my_model_keras_and_opens_it_again(
    window, qtbot, file_server, monkeypatch, tmp_path, language
):
    import numpy as np

    from gui import files_menu

    _serve(file_server, monkeypatch, "mnist", {"mnist.npz": _learnable_mnist()})
    assert window.teaching.start_lesson("11_save_and_load")
    panel = window.teaching.lessons_panel
    assert panel.current == 0 and window.document.opened_from is None  # a copy of the example: no file of its own
    window.training.form.set_data("mnist")
    qtbot.waitUntil(lambda: window.training.data is not None, timeout=20_000)
    assert panel.current == 1
    assert _train(window, qtbot)["val_accuracy"] >= 0.9
    assert panel.current == 2 and panel.code.toPlainText() == 'model.save("my_model.keras")'
    trained = window.document.graph.layers["dense_2"].weights["kernel"].copy()
    path = tmp_path / "my_model.keras"
    monkeypatch.setattr(files_menu, "save_file", lambda *args: (str(tmp_path / "my_model"), ""))
    window.files.export_keras()  # File → Export .keras…, the name typed without its suffix
    assert path.exists() and panel.current == 3
    monkeypatch.setattr(window.files, "maybe_save", lambda: True)  # File → New: "discard the changes"
    window.files.new()
    assert panel.current == 0  # a new model: nothing trained, no file
    assert window.files.open_path(path)  # File → Open
    assert window.document.opened_from == path and window.document.graph.name == "mnist_model"
    np.testing.assert_array_equal(window.document.graph.layers["dense_2"].weights["kernel"], trained)
    assert panel.current is None and all(panel.done)


def _learnable_cifar(per_batch: int = 220, test: int = 50) -> bytes:
    """CIFAR-10's archive (five training batches and a test batch, pickled as the real one is) whose ten classes
    are ten colours under noise: a toy ResNet tells them apart after one short epoch."""
    import io
    import tarfile

    import numpy as np

    from tests.data_server import py2_batch

    rng = np.random.default_rng(7)
    colours = rng.integers(30, 226, (10, 3))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
            n = test if name == "test_batch" else per_batch
            labels = rng.integers(0, 10, n)
            planes = colours[labels][:, :, None] + rng.integers(-30, 31, (n, 3, 1024))  # (n, channel, pixel)
            raw = py2_batch(planes.reshape(n, 3072).astype(np.uint8), labels.tolist())
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return buffer.getvalue()


def test_the_toy_resnet_lesson_built_and_trained_on_the_first_1000_cifar_images(
    window, qtbot, file_server, monkeypatch, language
):
    from tests.graph_core.test_lessons import build_toy_resnet

    _serve(file_server, monkeypatch, "cifar10", {"cifar-10-python.tar.gz": _learnable_cifar()})
    assert window.teaching.start_lesson("12_toy_resnet")
    panel, training, form = window.teaching.lessons_panel, window.training, window.training.form
    seen = [panel.current]
    build_toy_resnet(DocBuilder(window.document), lambda: seen.append(panel.current))
    assert panel.code.toPlainText().startswith("(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10")
    form.set_data("cifar10")
    qtbot.waitUntil(lambda: training.data is not None, timeout=20_000)
    assert panel.current == 5 and len(training.data) == 1100
    form.samples.setValue(1000)
    assert len(training.data) == 1000 and "training on the first 1000 of 1100 samples" in str(training.data.description)
    seen.append(panel.current)
    (box,) = form.loss_boxes.values()
    box.setCurrentIndex(box.findData("categorical_crossentropy"))
    form.batch_size.setValue(64)
    form.validation_split.setValue(0.2)
    seen.append(panel.current)
    assert window.document.project.training["samples"] == 1000
    _train(window, qtbot)
    seen.append(panel.current)
    assert window.training._batches_per_epoch == 13  # 800 of the 1,000 samples in batches of 64, as the guide's run
    form.samples.setValue(0)  # all of them, as the guide suggests: the steps before stay done
    assert len(training.data) == 1100 and window.document.project.training.get("samples") is None
    seen.append(panel.current)
    logs = _train(window, qtbot)
    seen.append(panel.current)
    assert seen == [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, None]
    assert logs["val_accuracy"] >= 0.3 and window.training._batches_per_epoch == 14  # 880 samples


def test_the_ensemble_lesson_walked_with_ctrl_g_three_times_and_trained_on_digits(window, qtbot, language):
    assert window.teaching.start_lesson("13_ensemble")
    panel, b, graph, form = window.teaching.lessons_panel, DocBuilder(window.document), window.document.graph, \
        window.training.form  # fmt: skip
    seen = [panel.current]
    x = b.input((64,))
    seen.append(panel.current)
    calls = []
    for _ in range(3):  # get_model() three times: a Dense, Ctrl+G
        window.scene.select_nodes([b.add("Dense", x, units=10)])
        window.group_selection()
        calls.extend(window.scene.selected_node_ids())
    seen.append(panel.current)
    assert len({graph.nodes[n].layer for n in calls}) == 3  # three models, each its own weights
    b.add("Average", *calls)
    seen.append(panel.current)
    form.set_data("digits")
    form.epochs.setValue(10)
    form.validation_split.setValue(0.2)
    seen.append(panel.current)
    logs = _train(window, qtbot)
    seen.append(panel.current)
    assert seen == [0, 1, 2, 3, 4, None]
    assert logs["val_accuracy"] >= 0.85
