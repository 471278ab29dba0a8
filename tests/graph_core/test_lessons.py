"""Each lesson, walked through step by step with real edits: every step ticks in turn."""

import pytest

from graph_core import edits, lessons
from graph_core.builder import ModelBuilder
from graph_core.errors import FileFormatError

R = {"activation": "relu"}


def first_model(b, tick):
    x = b.input((784,))
    tick()
    x = b.add("Dense", x, units=64, **R)
    tick()
    x = b.add("Dense", x, units=64, **R)
    tick()
    b.add("Dense", x, units=10)
    tick()
    edits.RenameModel("mnist_model").apply(b.graph)
    tick()


def several(b, tick):
    text = b.input((32,))
    tick()
    meta = b.input((8,))
    tick()
    t = b.add("Dense", text, units=32, **R)
    tick()
    m = b.add("Dense", meta, units=8, **R)
    tick()
    x = b.add("Concatenate", t, m)
    tick()
    b.add("Dense", x, units=1, activation="sigmoid")
    tick()
    b.add("Dense", x, units=4, activation="softmax")
    tick()


def shared(b, tick):
    left = b.input((16,))
    right = b.input((16,))
    tick()
    a = b.add("Dense", left, units=32, name="encoder", **R)
    tick()
    c = b.call("encoder", right)
    tick()
    x = b.add("Subtract", a, c)
    tick()
    b.add("Dense", x, units=1, activation="sigmoid")
    tick()


def residual(b, tick):
    x = b.input((64,))
    tick()
    x = b.add("Dense", x, units=64, **R)
    tick()
    y = b.add("Dense", x, units=64, **R)
    y = b.add("Dense", y, units=64)
    tick()
    z = b.add("Add", x, y)
    tick()
    z = b.add("Activation", z, activation="relu")
    tick()
    b.add("Dense", z, units=10)
    tick()


WALKS = {
    "01_first_model": first_model,
    "02_several_inputs_and_outputs": several,
    "03_shared_layers": shared,
    "04_residual_connection": residual,
}


def test_the_lessons_come_in_two_languages():
    available = lessons.available()
    guide = ["05_training_and_evaluation", "06_ticket_model", "07_encoder_and_autoencoder",
             "08_models_called_like_layers", "09_shared_embedding", "10_feature_extraction", "11_save_and_load",
             "12_toy_resnet", "13_ensemble"]  # fmt: skip
    assert [lesson.id for lesson in available] == [*WALKS, *guide]
    for lesson in available:
        assert lesson.title["ko"] and lesson.intro["ko"]
        assert all(step.text["ko"] and step.text["en"] for step in lesson.steps)
        assert all(step.hint.get("ko") for step in lesson.steps if step.hint)


def test_the_training_lesson_ticks_as_the_project_is_set_up_and_trained():
    from graph_core.examples import build
    from graph_core.settings import TrainingSettings

    lesson = lessons.load(lessons.LESSONS_DIR / "05_training_and_evaluation.json")
    assert lesson.example == "mnist_model" and all(step.code for step in lesson.steps)
    project = build(lesson.example)
    settings = TrainingSettings()
    seen = []
    for change in ({"data": "mnist"}, {"loss": "sparse_categorical_crossentropy"},
                   {"batch_size": 64, "epochs": 2, "validation_split": 0.2}):  # fmt: skip
        seen.append(lessons.current_step(lessons.progress(project.graph, lesson, project)))
        settings = settings.replace(**change)
        project.training = settings.to_dict()
    seen.append(lessons.current_step(lessons.progress(project.graph, lesson, project)))
    project.history = [{"epochs": [{"val_accuracy": 0.93}, {"val_accuracy": 0.961}]}]
    seen.append(lessons.current_step(lessons.progress(project.graph, lesson, project)))
    assert seen == [1, 2, 3, 4, None]  # RMSprop is Keras's default optimizer: the compile step needs the loss only


@pytest.mark.parametrize("lesson_id", list(WALKS))
def test_walking_through_ticks_each_step_in_order(lesson_id):
    lesson = lessons.load(lessons.LESSONS_DIR / f"{lesson_id}.json")
    b = ModelBuilder("model")
    done_counts = []

    def tick():
        done = lessons.progress(b.graph, lesson)
        current = lessons.current_step(done)
        done_counts.append(len(lesson.steps) if current is None else current)

    tick()
    WALKS[lesson_id](b, tick)
    assert done_counts[0] == 0
    assert all(a < b for a, b in zip(done_counts, done_counts[1:]))  # every action completes a step
    assert done_counts[-1] == len(lesson.steps)  # and at the end, all of them
    assert all(lessons.progress(b.graph, lesson))


def test_a_step_unticks_when_the_graph_stops_satisfying_it():
    lesson = lessons.load(lessons.LESSONS_DIR / "01_first_model.json")
    b = ModelBuilder("mnist_model")
    x = b.input((784,))
    d = b.add("Dense", x, units=64, **R)
    assert lessons.progress(b.graph, lesson)[:2] == [True, True]
    edits.SetConfig(b.graph.nodes[d].layer, {"activation": "tanh"}).apply(b.graph)
    assert lessons.progress(b.graph, lesson)[:2] == [True, False]


def test_a_broken_lesson_file_is_refused_clearly(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"title": {"en": "x"}, "intro": {"en": "y"}, "steps": [{"text": {"en": "z"}, "check": {"kind": "teleport"}}]}'
    )
    with pytest.raises(FileFormatError, match="step 1: expected a check with a kind among node, chain"):
        lessons.load(path)
    path.write_text("{")
    with pytest.raises(FileFormatError, match="not a readable lesson"):
        lessons.load(path)


def _project(training=None, history=None):
    from graph_core.io.files import Project

    return Project(ModelBuilder("m").graph, training or {}, history or [])


def test_training_checks_read_the_projects_settings_and_its_last_run():
    wanted = {"optimizer": "RMSprop", "batch_size": 64, "validation_split": 0.2,
              "loss": "sparse_categorical_crossentropy", "from_logits": True}  # fmt: skip
    asks = {"kind": "training", "settings": wanted}
    graph = ModelBuilder("m").graph
    assert not lessons.check(graph, asks)  # no project: not yet
    settings = {"optimizer": "rmsprop", "batch_size": 64, "validation_split": 0.2, "epochs": 2,
                "loss": "sparse_categorical_crossentropy", "from_logits": True}  # fmt: skip
    assert lessons.check(graph, asks, _project(settings))
    assert not lessons.check(graph, asks, _project({**settings, "batch_size": 32}))
    assert not lessons.check(graph, asks, _project({**settings, "optimizer": "teleport"}))  # unreadable: not met
    reached = {"kind": "trained", "metric": "val_accuracy", "at_least": 0.95}
    runs = [{"epochs": [{"val_accuracy": 0.97}]}, {"epochs": [{"val_accuracy": 0.5}, {"val_accuracy": 0.96}]}]
    assert lessons.check(graph, reached, _project(history=runs))
    assert not lessons.check(graph, reached, _project(history=runs[::-1][1:] + [{"epochs": [{"val_accuracy": 0.9}]}]))
    assert not lessons.check(graph, reached, _project(history=[{"epochs": [{"accuracy": 0.99}]}]))  # no such metric
    assert not lessons.check(graph, reached, _project())  # no run yet
    assert lessons.check(graph, {"kind": "trained", "metric": "loss", "at_most": 0.1},
                         _project(history=[{"epochs": [{"loss": 0.05}]}, {"epochs": []}]))  # fmt: skip


def test_file_checks_read_what_the_model_was_saved_to_and_opened_from():
    graph = ModelBuilder("m").graph
    saved, opened = {"kind": "file", "saved": ".keras"}, {"kind": "file", "opened": ".KERAS"}
    assert not lessons.check(graph, saved) and not lessons.check(graph, opened)  # a new model: no file
    exported = lessons.Files(written=("/tmp/m.lwire", "/tmp/my_model.keras"))
    assert lessons.check(graph, saved, files=exported) and not lessons.check(graph, opened, files=exported)
    reopened = lessons.Files(opened="/tmp/my_model.keras")
    assert lessons.check(graph, opened, files=reopened) and not lessons.check(graph, saved, files=reopened)
    assert lessons.check(graph, {"kind": "any", "checks": [saved, opened]}, files=reopened)
    assert lessons.check(graph, {"kind": "file", "saved": ""}, files=lessons.Files(written=("/tmp/x.lwire",)))


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"kind": "file"}, 'step 1: file needs "saved" or "opened"'),
        ({"kind": "file", "saved": ".keras", "opened": ".keras"}, 'step 1: file needs "saved" or "opened"'),
        ({"kind": "file", "saved": True}, 'step 1: file needs "saved" or "opened"'),
        ({"kind": "training"}, "step 1: training needs the settings it asks for"),
        ({"kind": "trained", "metric": "accuracy"}, "step 1: trained needs a metric and at_least or at_most"),
        ({"kind": "trained", "at_least": 0.9}, "step 1: trained needs a metric and at_least or at_most"),
        ({"kind": "trained", "metric": "loss", "at_least": 0.9, "at_most": "x"}, "step 1: trained needs a metric"),
        ({"kind": "trained", "metric": "loss", "at_most": 1, "settings": []}, "step 1: trained's settings name the"),
        (
            {"kind": "trained", "metric": "loss", "at_most": 1, "settings": {"epoch": 1}},
            r"step 1: trained asks for epoch, which are not training settings",
        ),
        (
            {"kind": "training", "settings": {"batchsize": 64}},
            r"step 1: training asks for batchsize, which are not training settings \(those are batch_size, data, ",
        ),
    ],
)
def test_a_training_check_missing_what_it_asks_is_refused(tmp_path, step, message):
    import json

    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"title": {"en": "x"}, "intro": {"en": "y"},
                                "steps": [{"text": {"en": "z"}, "check": step}]}))  # fmt: skip
    with pytest.raises(FileFormatError, match=message):
        lessons.load(path)
    path.write_text(json.dumps({"title": {"en": "x"}, "intro": {"en": "y"}, "example": 3,
                                "steps": [{"text": {"en": "z"}, "check": {"kind": "valid"}, "code": 7}]}))  # fmt: skip
    with pytest.raises(FileFormatError, match="step 1: code must be a string"):
        lessons.load(path)
    path.write_text(json.dumps({"title": {"en": "x"}, "intro": {"en": "y"}, "example": 3,
                                "steps": [{"text": {"en": "z"}, "check": {"kind": "valid"}}]}))  # fmt: skip
    with pytest.raises(FileFormatError, match="example must be the name of one of the examples .*; found 3"):
        lessons.load(path)
    path.write_text(json.dumps({"title": {"en": "x"}, "intro": {"en": "y"}, "example": "teleporter",
                                "steps": [{"text": {"en": "z"}, "check": {"kind": "valid"}}]}))  # fmt: skip
    with pytest.raises(FileFormatError, match=r"examples \(mnist_model, .*, brackets\); found 'teleporter'"):
        lessons.load(path)


def build_ticket_model(b, tick):
    """The guide's ticket classifier, a step at a time as the lesson asks (ticking after each)."""
    title = b.add("InputLayer", shape=(None,), name="title")
    body = b.add("InputLayer", shape=(None,), name="body")
    tags = b.add("InputLayer", shape=(12,), name="tags")
    tick()
    t = b.add("Embedding", title, input_dim=10000, output_dim=64)
    w = b.add("Embedding", body, input_dim=10000, output_dim=64)
    tick()
    t = b.add("LSTM", t, units=128)
    tick()
    w = b.add("LSTM", w, units=32)
    tick()
    x = b.add("Concatenate", t, w, tags)
    tick()
    b.add("Dense", x, units=1, name="priority")
    b.add("Dense", x, units=4, name="department")
    tick()


def test_the_ticket_lesson_ticks_as_the_guides_model_is_built_set_up_and_trained():
    from graph_core.io.files import Project
    from graph_core.settings import TrainingSettings

    lesson = lessons.load(lessons.LESSONS_DIR / "06_ticket_model.json")
    b = ModelBuilder("ticket_classifier")
    project = Project(b.graph)
    seen = []

    def tick():
        seen.append(lessons.current_step(lessons.progress(b.graph, lesson, project)))

    tick()
    build_ticket_model(b, tick)
    assert seen == [0, 1, 2, 3, 4, 5, 6]
    settings = TrainingSettings(data="tickets", epochs=2, loss={"priority": "binary_crossentropy",
                                                                "department": "categorical_crossentropy"})  # fmt: skip
    project.training = settings.to_dict()
    tick()
    project.training = settings.replace(loss_weights={"priority": 1.0, "department": 0.2}).to_dict()
    tick()
    project.history = [{"epochs": [{"loss": 1.25}, {"loss": 1.24}]}]
    tick()
    assert seen[-3:] == [6, 7, None]  # the weights too, then a run


def build_encoder_and_autoencoder(b, tick, new_model, rename_model):
    """The guide's encoder and autoencoder from one graph of layers, as the lesson asks (ticking after each)."""

    def conv(kind, x, filters):
        return b.add(kind, x, filters=filters, kernel_size=3, activation="relu")

    x = b.add("InputLayer", shape=(28, 28, 1), name="img")
    tick()
    x = conv("Conv2D", conv("Conv2D", x, 16), 32)
    x = b.add("MaxPooling2D", x, pool_size=3)
    encoded = b.add("GlobalMaxPooling2D", conv("Conv2D", conv("Conv2D", x, 32), 16))
    tick()
    new_model(encoded, "encoder")
    tick()
    x = conv("Conv2DTranspose", conv("Conv2DTranspose", b.add("Reshape", encoded, target_shape=(4, 4, 1)), 16), 32)
    conv("Conv2DTranspose", conv("Conv2DTranspose", b.add("UpSampling2D", x, size=3), 16), 1)
    tick()
    rename_model("autoencoder")
    tick()


def test_the_encoder_lesson_ticks_as_one_graph_of_layers_defines_two_models():
    lesson = lessons.load(lessons.LESSONS_DIR / "07_encoder_and_autoencoder.json")
    b = ModelBuilder("model")
    seen = []

    def new_model(node, name):
        edits.SetModels({name: ((node, 0),)}).apply(b.graph)

    build_encoder_and_autoencoder(b, lambda: seen.append(lessons.current_step(lessons.progress(b.graph, lesson))),
                                  new_model, lambda name: edits.RenameModel(name).apply(b.graph))  # fmt: skip
    assert seen == [1, 2, 3, 4, 5]  # then the training steps
    assert b.graph.models == {"encoder": ((b.graph.nodes_of_layer("global_max_pooling2d")[0], 0),)}


def test_the_lesson_of_models_called_like_layers_ticks_as_the_layers_become_two_models():
    from graph_core.grouping import group_edit

    lesson = lessons.load(lessons.LESSONS_DIR / "08_models_called_like_layers.json")
    b = ModelBuilder("autoencoder")
    seen = []

    def tick():
        seen.append(lessons.current_step(lessons.progress(b.graph, lesson)))

    def conv(kind, x, filters):
        return b.add(kind, x, filters=filters, kernel_size=3, activation="relu")

    def group(first, last, name):  # as Ctrl+G on the layers from first to last, then the node renamed
        order = b.graph.analysis().order
        chosen = order[order.index(first) : order.index(last) + 1]
        edit = group_edit(b.graph, chosen)
        edit.apply(b.graph)
        node = next(e.node_id for e in edit.edits if isinstance(e, edits.AddNode))
        edits.RenameLayer(b.graph.nodes[node].layer, name).apply(b.graph)
        return node

    img = b.add("InputLayer", shape=(28, 28, 1), name="img")
    first = conv("Conv2D", img, 16)
    x = b.add("MaxPooling2D", conv("Conv2D", first, 32), pool_size=3)
    last = b.add("GlobalMaxPooling2D", conv("Conv2D", conv("Conv2D", x, 32), 16))
    tick()
    encoder = group(first, last, "encoder")
    tick()
    first = b.add("Reshape", encoder, target_shape=(4, 4, 1))
    x = conv("Conv2DTranspose", conv("Conv2DTranspose", first, 16), 32)
    last = conv("Conv2DTranspose", conv("Conv2DTranspose", b.add("UpSampling2D", x, size=3), 16), 1)
    tick()
    group(first, last, "decoder")
    tick()
    assert seen == [1, 2, 3, 4]  # then the training steps
    assert [b.graph.layers[n].type for n in ("encoder", "decoder")] == ["Functional", "Functional"]


def test_the_shared_embedding_lesson_ticks_as_one_embedding_is_called_on_two_texts():
    lesson = lessons.load(lessons.LESSONS_DIR / "09_shared_embedding.json")
    b = ModelBuilder("shared")
    a = b.add("InputLayer", shape=(None,), dtype="int32", name="text_a")
    c = b.add("InputLayer", shape=(None,), dtype="int32", name="text_b")
    seen = [lessons.current_step(lessons.progress(b.graph, lesson))]
    b.add("Embedding", a, input_dim=1000, output_dim=128, name="shared_embedding")
    seen.append(lessons.current_step(lessons.progress(b.graph, lesson)))
    b.call("shared_embedding", c)
    seen.append(lessons.current_step(lessons.progress(b.graph, lesson)))
    assert seen == [1, 2, 3]  # then the model trained on the tickets


def test_the_feature_extraction_lesson_ticks_as_a_model_of_every_layers_output_is_made():
    from graph_core.examples import build

    lesson = lessons.load(lessons.LESSONS_DIR / "10_feature_extraction.json")
    graph = build(lesson.example).graph
    assert lessons.current_step(lessons.progress(graph, lesson)) == 0
    dense = [graph.nodes_of_layer(name)[0] for name in ("dense_2", "dense", "dense_1")]  # selected in any order
    edits.SetModels({"model": tuple(dense)}).apply(graph)
    assert lessons.current_step(lessons.progress(graph, lesson)) == 1
    edits.RenameGraphModel("model", "feature_extractor").apply(graph)
    assert lessons.current_step(lessons.progress(graph, lesson)) == 2  # then mnist_model trained
    edits.SetModels({"feature_extractor": tuple(dense[:2])}).apply(graph)  # one layer short
    assert lessons.current_step(lessons.progress(graph, lesson)) == 0


def build_toy_resnet(b, tick):
    """The guide's toy ResNet, a step at a time as the lesson asks (ticking after each)."""

    def conv(x, filters, **extra):
        return b.add("Conv2D", x, filters=filters, kernel_size=3, activation="relu", **extra)

    img = b.add("InputLayer", shape=(32, 32, 3), name="img")
    tick()
    block_1 = b.add("MaxPooling2D", conv(conv(img, 32), 64), pool_size=3)
    tick()
    block_2 = b.add("Add", conv(conv(block_1, 64, padding="same"), 64, padding="same"), block_1)
    tick()
    block_3 = b.add("Add", conv(conv(block_2, 64, padding="same"), 64, padding="same"), block_2)
    tick()
    x = b.add("Dense", b.add("GlobalAveragePooling2D", conv(block_3, 64)), units=256, activation="relu")
    b.add("Dense", b.add("Dropout", x, rate=0.5), units=10)
    b.rename_model("toy_resnet")
    tick()


def test_the_toy_resnet_lesson_ticks_as_the_guides_model_is_built_set_up_and_trained():
    from graph_core.io.files import Project
    from graph_core.settings import TrainingSettings

    class Builder(ModelBuilder):
        def rename_model(self, name):
            edits.RenameModel(name).apply(self.graph)

    lesson = lessons.load(lessons.LESSONS_DIR / "12_toy_resnet.json")
    b = Builder("model")
    project = Project(b.graph)
    seen = []

    def tick():
        seen.append(lessons.current_step(lessons.progress(b.graph, lesson, project)))

    tick()
    build_toy_resnet(b, tick)
    project.training = TrainingSettings(data="cifar10", samples=1000).to_dict()
    tick()
    project.training = TrainingSettings(data="cifar10", samples=1000, loss="categorical_crossentropy",
                                        batch_size=64, validation_split=0.2).to_dict()  # fmt: skip
    tick()
    guide_run = {"settings": project.training, "epochs": [{"val_accuracy": 0.115}]}
    project.history = [guide_run]
    tick()
    # The whole data set: the earlier steps stay done though the settings now differ, as the guide's run was
    # made with them; a run that does not reach 0.3 leaves the last step to do.
    project.training = {k: v for k, v in project.training.items() if k != "samples"}
    project.history = [guide_run, {"settings": project.training, "epochs": [{"val_accuracy": 0.27}]}]
    tick()
    project.history.append({"settings": project.training, "epochs": [{"val_accuracy": 0.41}]})
    tick()
    assert seen == [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, None]


def test_a_trained_check_may_name_the_settings_of_the_run():
    graph = ModelBuilder("m").graph
    small = {"data": "cifar10", "samples": 1000}
    whole = {"kind": "trained", "settings": {"data": "cifar10", "samples": None}, "metric": "val_accuracy",
             "at_least": 0.3}  # fmt: skip
    guide = {"kind": "trained", "settings": small, "metric": "val_accuracy", "at_least": 0}
    runs = [{"settings": small, "epochs": [{"val_accuracy": 0.1}]}, {"settings": {"data": "cifar10"},
            "epochs": [{"val_accuracy": 0.4}]}]  # fmt: skip
    assert lessons.check(graph, guide, _project(history=runs)) and lessons.check(graph, whole, _project(history=runs))
    assert not lessons.check(graph, whole, _project(history=runs[:1]))  # no run on the whole set yet
    assert not lessons.check(graph, guide, _project(history=runs[1:]))
    assert not lessons.check(graph, guide, _project(history=[{"epochs": [{"val_accuracy": 0.1}]}]))  # settings unknown


def test_the_save_and_load_lesson_ticks_as_the_model_is_trained_saved_and_opened_again():
    from graph_core.examples import build

    lesson = lessons.load(lessons.LESSONS_DIR / "11_save_and_load.json")
    project = build(lesson.example)
    project.training = {"data": "mnist"}
    project.history = [{"epochs": [{"val_accuracy": 0.93}]}]
    assert lessons.current_step(lessons.progress(project.graph, lesson, project)) == 2
    saved = lessons.Files(written=("/tmp/my_model.keras",))
    assert lessons.current_step(lessons.progress(project.graph, lesson, project, saved)) == 3
    reopened = build(lesson.example)  # as a .keras file reads: no settings, no runs
    assert all(lessons.progress(reopened.graph, lesson, reopened, lessons.Files(opened="/tmp/my_model.keras")))
