"""The training dock driven with the mouse: start, pause, resume, stop, complete; plots, weights, history."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from graph_core.examples import build
from graph_core.io import files
from graph_core.settings import TrainingSettings
from gui.document import Document, open_document
from gui.training.plots import peak_decimate
from gui.training.worker import Feed

TIMEOUT = 60_000  # ms; generous for a first numba compile, a run itself takes a second or two


def _weights(graph) -> dict[str, np.ndarray]:
    return {f"{l.name}/{k}": v.copy() for l in graph.layers.values() for k, v in l.weights.items()}


def _changed(before: dict[str, np.ndarray], graph) -> bool:
    after = _weights(graph)
    return any(not np.array_equal(before[k], after[k]) for k in before)


def spiral_window(make_window, epochs: int = 4, **extra) -> tuple:
    project = build("spiral")
    settings = TrainingSettings(optimizer="adam", learning_rate=0.01, epochs=epochs, batch_size=32, data="spiral",
                                validation_split=0.2, **extra)  # fmt: skip
    project.training = settings.to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    return window, window.training


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("compile_steps", ["0", "1"])  # kernel by kernel; spans of batches in one call
def test_start_pause_resume_stop_then_complete(make_window, qtbot, tmp_path, monkeypatch, compile_steps):
    monkeypatch.setenv("LAYERWIRE_COMPILE_STEPS", compile_steps)
    window, panel = spiral_window(make_window, epochs=100_000)  # ends only by Stop: no race with the clicks
    doc = window.document
    before = _weights(doc.graph)
    click(qtbot, panel.start_button)
    assert panel.training and not panel.start_button.isEnabled()
    qtbot.waitUntil(lambda: panel.plots.point_counts()["batch"] > 20, timeout=TIMEOUT)

    click(qtbot, panel.pause_button)
    qtbot.waitUntil(lambda: panel.pause_button.text() == "Resume" and panel.pause_button.isEnabled(), timeout=TIMEOUT)
    assert _changed(before, doc.graph), "pausing puts the weights so far into the model"
    assert doc.dirty and window.isWindowModified()
    seen = panel.plots.point_counts()["batch"]
    qtbot.wait(300)
    panel.refresh()
    assert panel.plots.point_counts()["batch"] <= seen + 1, "no batches while paused"

    click(qtbot, panel.pause_button)  # resume
    qtbot.waitUntil(lambda: panel.plots.point_counts()["batch"] > seen + 10, timeout=TIMEOUT)
    click(qtbot, panel.stop_button)
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "stopped"
    assert doc.project.history[-1]["stopped"] is True
    assert panel.start_button.isEnabled()

    # A second run, to the end this time (a short one).
    panel.form.epochs.setValue(3)
    mid = _weights(doc.graph)
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished", panel.message.text()
    assert _changed(mid, doc.graph)
    counts = panel.plots.point_counts()
    assert counts["batch"] >= 3 * 25 and counts["val_loss"] >= 3 and counts["acc"] >= 3
    assert panel.plots.redraws > 1 and panel.boundary.updates >= 1
    history = doc.project.history
    assert len(history) == 2 and history[1]["status"] == "finished" and len(history[1]["epochs"]) == 3
    assert set(history[1]["epochs"][0]) >= {"loss", "accuracy", "val_loss", "val_accuracy"}

    # Saved with the project: settings, history and weights; shown again on reopening.
    path = tmp_path / "spiral.lwire"
    doc.save(path)
    assert not doc.dirty
    project = files.load(path)
    assert TrainingSettings.from_dict(project.training).epochs == 3
    assert len(project.history) == 2
    np.testing.assert_array_equal(project.graph.layers["dense"].weights["kernel"],
                                  doc.graph.layers["dense"].weights["kernel"])  # fmt: skip
    window.set_document(open_document(path))
    total_epochs = sum(len(r["epochs"]) for r in project.history)
    assert window.training.plots.point_counts()["loss"] == total_epochs


def test_window_answers_events_while_training(make_window, qtbot, tmp_path):
    """A 10 ms timer keeps firing on time while the mnist model trains at batch 32."""
    rng = np.random.default_rng(0)
    data = tmp_path / "mnist_like.npz"
    np.savez(data, x=rng.random((3000, 784), dtype=np.float32), y=rng.integers(0, 10, 3000))
    project = build("mnist_model")
    # Many epochs: the run must still be going while the timer is measured; the test stops it.
    project.training = TrainingSettings(optimizer="adam", epochs=10_000, batch_size=32, data=str(data)).to_dict()
    window = make_window(Document(project))
    panel = window.training
    assert panel.data is not None and not panel.data_error, panel.form.data_info.text()
    panel.start()
    qtbot.waitUntil(lambda: panel.plots.point_counts()["batch"] > 5, timeout=TIMEOUT)  # compiled, running
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    timer.timeout.connect(tick)
    timer.start()
    qtbot.waitUntil(lambda: len(gaps) > 150, timeout=TIMEOUT)
    assert panel.training, "the run was still going while the event loop was measured"
    timer.stop()
    panel.stop()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert len(gaps) > 150  # how late the ticks came is a figure for python -m tools.bench_training, not a test


def test_divergence_stops_and_restores_last_good_epoch(make_window, qtbot):
    project = build("sine_regression")
    window = make_window(Document(project))
    panel = window.training
    panel.form.epochs.setValue(50)
    panel.form.optimizer.setCurrentIndex(panel.form.optimizer.findData("sgd"))
    panel.form.learning_rate.setValue(5.0)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "diverged"
    text = panel.message.text()
    assert "diverged" in text and "lower learning rate" in text and "0.5" in text
    for layer in window.document.graph.layers.values():
        for w in layer.weights.values():
            assert np.isfinite(w).all()
    entry = window.document.project.history[-1]
    assert entry["status"] == "diverged"
    files.dumps(window.document.project)  # the history is valid JSON (no NaN)


def test_digits_tiles_and_confusion(make_window, qtbot):
    project = build("digits_classifier")
    project.training = TrainingSettings.from_dict(project.training).replace(epochs=2).to_dict()
    window = make_window(Document(project))
    panel = window.training
    assert panel.preview.kind == "tiles"
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished"
    assert panel.tiles.updates >= 1 and len(panel.tiles.tiles) == 16
    assert panel.confusion.matrix.shape == (10, 10) and panel.confusion.matrix.sum() > 100
    right = np.trace(panel.confusion.matrix) / panel.confusion.matrix.sum()
    assert right > 0.5
    assert "✓" in "".join(caption.text() for _, caption in panel.tiles.tiles)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_ten_classes_fit_beside_the_tiles(make_window, qtbot, size):
    """On a laptop's screen the Samples tab shows every column of a ten-class confusion matrix and each caption
    whole, the tiles in full rows."""
    project = build("digits_classifier")
    project.training = TrainingSettings.from_dict(project.training).replace(epochs=1).to_dict()
    window = make_window(Document(project))
    window.resize(*size)
    window.docks["training"].raise_()
    panel = window.training
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    tabs = panel.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(panel.confusion)))
    qtbot.waitUntil(lambda: panel.confusion.isVisible() and panel.tiles.width() > 0)
    qtbot.wait(50)  # the layouts settle
    confusion = panel.confusion
    assert confusion.columnCount() == 10
    assert confusion.horizontalScrollBar().maximum() == 0, "every predicted class in view"
    tiles = panel.tiles
    assert len(tiles.tiles) % tiles.columns == 0 and 4 <= tiles.columns <= 8
    for picture, caption in tiles.tiles:
        widest = max(caption.fontMetrics().horizontalAdvance(line) for line in caption.text().split("\n"))
        assert widest <= caption.width(), caption.text()
        assert picture.width() >= 20


def test_settings_mark_dirty_and_are_saved(make_window, tmp_path):
    window, panel = spiral_window(make_window)
    doc = window.document
    assert not doc.dirty
    panel.form.batch_size.setValue(64)
    assert doc.dirty and window.isWindowModified()
    assert doc.project.training["batch_size"] == 64
    panel.form.set_data("moons")
    assert doc.project.training["data"] == "moons" and panel.preview.kind == "scatter"
    doc.save(tmp_path / "m.lwire")
    assert files.load(tmp_path / "m.lwire").training["batch_size"] == 64


def test_the_first_samples_and_the_inputs_as_targets_shown_edited_and_saved(make_window, tmp_path):
    project = build("spiral")
    project.training = TrainingSettings(data="spiral", samples=300).to_dict()
    files.save(project, tmp_path / "s.lwire")
    window = make_window(open_document(tmp_path / "s.lwire"))
    panel = window.training
    form = panel.form
    assert form.samples.value() == 300 and not form.targets_from_inputs.isChecked()
    assert len(panel.data) == 300 and "training on the first 300 of 1000 samples" in str(panel.data.description)
    form.samples.setValue(0)  # shown as "all"
    assert len(panel.data) == 1000 and "samples" not in window.document.project.training
    form.targets_from_inputs.setChecked(True)  # two coordinates in, two class scores out: the shapes agree
    assert window.document.project.training["targets_from_inputs"] is True
    assert panel.data.y["dense_2"] is panel.data.x["input_layer"] and not panel.data_error


def test_data_preview_table_and_misfit(make_window, tmp_path):
    csv = tmp_path / "table.csv"
    csv.write_text("a,b,c,label\n" + "\n".join(f"{i},{i * 2},{i % 3},{i % 2}" for i in range(30)) + "\n")
    window, panel = spiral_window(make_window)
    panel.form.set_data(str(csv))
    assert panel.preview.kind == "table" and panel.preview.table.rowCount() == 30
    assert "does not fit" in panel.form.data_info.text()  # 3 features for a 2-input model
    assert not panel.start_button.isEnabled()
    panel.form.set_data("digits")
    assert "does not fit" in panel.form.data_info.text() and panel.preview.kind == "tiles"


def test_node_badges_and_predict(make_window, qtbot):
    window, panel = spiral_window(make_window, epochs=2)
    panel.show_nodes.setChecked(True)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    graph = window.document.graph
    assert set(panel.badges.badges) == {n for n in graph.nodes if graph.layer_of(n).type == "Dense"}
    badge = next(iter(panel.badges.badges.values()))
    assert badge.value > 0 and badge.parentItem() is not None
    panel.show_nodes.setChecked(False)
    assert not panel.badges.badges
    outputs = panel.predict(5)
    assert outputs is not None and outputs["dense_2"].shape == (1, 2)
    assert "predicted class" in panel.predict_output.toPlainText()


def test_show_weights_from_context_menu(make_window, qtbot):
    window, panel = spiral_window(make_window)
    node = next(n for n in window.document.graph.nodes if window.document.graph.layers[
        window.document.graph.nodes[n].layer].name == "dense_1")  # fmt: skip
    item = window.scene.node_items[node]
    menu = window.build_context_menu(item.sceneBoundingRect().center())
    action = next(a for a in menu.actions() if a.text() == "Show Weights")
    action.trigger()
    view = panel.weight_views[-1]
    assert view.image.image.shape == (64, 64)
    assert "kernel (64, 64)" in view.info.text()
    before = view.info.text()
    panel.form.seed.setValue(7)  # the same seed would draw the same weights again
    panel.reset_weights()
    assert view.info.text() != before  # follows the document


def test_reset_weights_clears_history(make_window, qtbot):
    window, panel = spiral_window(make_window, epochs=1)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert window.document.project.history
    before = _weights(window.document.graph)
    click(qtbot, panel.reset_button)
    assert _changed(before, window.document.graph)
    assert window.document.project.history == [] and panel.plots.point_counts()["loss"] == 0


def test_feed_hands_over_consecutive_batch_losses():
    feed = Feed(capacity=4)
    feed.put_batches(0, np.arange(3.0), 96, 0.3)
    feed.put_batches(3, np.arange(3.0, 10.0), 224, 1.0)  # more than the buffer holds: it grows
    snap = feed.take()
    assert snap.first_batch == 0 and snap.losses.tolist() == [float(i) for i in range(10)]
    assert snap.batches_done == 10 and snap.samples_done == 320 and snap.seconds == 1.0
    feed.put_batches(10, np.array([1.5]), 8, 1.1)
    snap = feed.take()
    assert snap.first_batch == 10 and snap.losses.tolist() == [1.5] and snap.samples_done == 328
    assert len(feed.take().losses) == 0


def test_the_starting_state_is_drawn_before_training_begins(make_window, qtbot):
    project = build("digits_classifier")
    project.training = TrainingSettings.from_dict(project.training).replace(epochs=2).to_dict()
    window = make_window(Document(project))
    panel = window.training
    assert panel.start()
    worker = panel.worker
    qtbot.waitUntil(lambda: worker.began, timeout=TIMEOUT)
    assert panel.tiles.updates >= 1, "the untrained model's predictions were shown first"
    assert panel.confusion.matrix.sum() > 0
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished"


def test_plots_keep_the_x_axis_during_a_run_and_fit_it_after(make_window, qtbot):
    window, panel = spiral_window(make_window, epochs=100_000)
    vb = panel.plots.loss_plot.getPlotItem().getViewBox()
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: panel.plots.point_counts()["batch"] > 50, timeout=TIMEOUT)
    shown = panel.plots.batch_curve.getData()[0]
    assert shown is not None and len(shown) > 10, "the batch curve is drawn, not downsampled away"
    assert not vb.autoRangeEnabled()[0], "the x axis grows in steps during a run"
    x_end = vb.viewRange()[0][1]
    assert panel.plots.batch.data()[0][-1] <= x_end < 100_000
    click(qtbot, panel.stop_button)
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert all(vb.autoRangeEnabled()), "after the run both axes fit the points again"
    drawn = panel.plots.epoch_curve.getData()[0]
    assert drawn is not None and len(drawn) == panel.plots.point_counts()["loss"], "every epoch point drawn"


def test_peak_decimate_keeps_every_pixel_columns_extremes():
    rng = np.random.default_rng(1)
    for n in (7, 10, 11, 29, 31, 1000, 1001):
        x, y = np.arange(n, dtype=float), rng.random(n)
        xs, ys = peak_decimate(x, y, 5)
        assert len(xs) == len(ys) <= max(n, 10)
        assert ys.min() == y.min() and ys.max() == y.max() and xs[0] == 0 and np.all(np.diff(xs) >= 0)


def test_inside_tab_shows_a_nodes_feature_maps_and_the_first_filters_as_they_train(make_window, qtbot):
    from kernels import probe
    from kernels.datasets import load_dataset

    project = build("digits_convnet")
    project.training = TrainingSettings.from_dict(project.training).replace(epochs=3).to_dict()
    window = make_window(Document(project))
    panel, graph = window.training, window.document.graph
    inside = panel.tabs.inside
    conv = next(n for n in graph.nodes if graph.nodes[n].layer == "conv2d_1")
    window.scene.select_nodes([conv])  # idle: computed at once with the document's weights
    data = load_dataset("digits", graph)
    want = probe.feature_maps(graph, {k: v[:1] for k, v in data.x.items()}, conv)
    assert want.shape == (4, 4, 32) and len(inside.maps.tiles) == 32
    assert "conv2d_1" in inside.hint.text()
    assert len(inside.filters.tiles) == 16 and "conv2d" in inside.filters.caption  # the first convolution
    before = [t.copy() for t in inside.filters.tiles]
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished"
    assert panel._shown_filters is not None and panel._shown_filters[0] == "conv2d"
    assert any(a != b for a, b in zip(before, inside.filters.tiles, strict=True))  # the filters moved as they trained
    window.scene.select_nodes([next(n for n in graph.nodes if graph.nodes[n].layer == "max_pooling2d")])
    assert len(inside.maps.tiles) == 16 and "max_pooling2d" in inside.hint.text()
    window.scene.clearSelection()
    assert not inside.maps.tiles and "Select a node" in inside.hint.text()


def test_a_loss_weight_per_output_beside_its_loss(make_window, tmp_path):
    project = build("multi_io")
    window = make_window(Document(project))
    window.docks["training"].raise_()
    form, doc = window.training.form, window.document
    assert list(form.weight_boxes) == ["priority", "department"]
    assert [box.value() for box in form.weight_boxes.values()] == [1.0, 1.0]
    assert doc.project.training.get("loss_weights") is None
    form.weight_boxes["department"].setValue(0.2)  # the guide's ticket model: loss_weights={"department": 0.2, ...}
    assert doc.project.training["loss_weights"] == {"priority": 1.0, "department": 0.2}
    doc.save(tmp_path / "t.lwire")
    again = make_window(open_document(tmp_path / "t.lwire"))
    assert [box.value() for box in again.training.form.weight_boxes.values()] == [1.0, 0.2]
    form.weight_boxes["department"].setValue(1.0)  # all ones: Keras's default, nothing stored
    assert "loss_weights" not in doc.project.training
    single = make_window(Document(build("spiral")))
    assert single.training.form.weight_boxes == {}


def _boundary_image(panel) -> np.ndarray | None:
    image = panel.boundary.image.image
    return None if image is None else np.array(image)


def test_the_views_show_the_current_documents_model_between_runs(make_window, qtbot, tmp_path):
    window, panel = spiral_window(make_window, epochs=3)
    # Before any run: the spiral and the untrained model's regions, in the Boundary tab (once it is seen).
    qtbot.waitUntil(lambda: len(panel.boundary.points.data) == len(panel.data))
    assert _boundary_image(panel) is not None
    untrained = _boundary_image(panel)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    trained = _boundary_image(panel)
    assert not np.array_equal(trained, untrained)
    click(qtbot, panel.reset_button)  # new weights: their regions, not the trained ones
    reset = _boundary_image(panel)
    assert not np.array_equal(reset, trained)
    # Another document: nothing of the spiral stays; a model of images shows no boundary at all.
    files.save(build("digits_classifier"), tmp_path / "digits.lwire")
    assert window.files.open_path(tmp_path / "digits.lwire")
    assert len(panel.boundary.points.data) == 0 and _boundary_image(panel) is None
    assert len(panel.tiles.tiles) > 0 and len(panel.tiles.shown) == len(panel.tiles.tiles)  # its own predictions
    window.files.act_new.trigger()
    assert len(panel.boundary.points.data) == 0 and len(panel.tiles.tiles) == 0
    assert panel.confusion.matrix.size == 0


def test_start_stays_in_view_in_a_window_of_1366_by_768(make_window, qtbot):
    window = make_window(Document(build("multi_io")))  # two outputs: the tallest settings form
    window.resize(1366, 768)
    window.docks["training"].raise_()
    qtbot.wait(50)
    panel = window.training
    for button in (panel.start_button, panel.reset_button):
        assert button.isVisible() and not button.visibleRegion().isEmpty(), button.text()
        assert button.visibleRegion().boundingRect().size() == button.size()  # whole, not clipped


def test_the_speed_slider_paces_a_run_a_class_can_watch(make_window, qtbot):
    window, panel = spiral_window(make_window, epochs=2)
    controls = panel.controls
    assert controls.max_rate == 100 and controls.speed_label.text() == "100 batches/s"  # 2-D data: watchable
    batches = 2 * math.ceil(len(panel.data) * 0.8 / 32)
    controls.set_max_rate(30)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished"
    assert panel.last_seconds >= 0.9 * batches / 30, (panel.last_seconds, batches)
    controls.set_max_rate(None)
    assert controls.speed_label.text() == "fastest"
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_seconds < batches / 30 / 2
    # Sped up during a run: it finishes at once.
    controls.set_max_rate(1)
    panel.start()
    qtbot.waitUntil(lambda: panel.worker is not None and panel.worker.began, timeout=TIMEOUT)
    qtbot.wait(300)
    controls.set_max_rate(None)
    qtbot.waitUntil(lambda: not panel.training, timeout=10_000)
    assert panel.last_status == "finished"
    # A data set of images starts as fast as it goes; a speed the user chose stays.
    digits = make_window(Document(build("digits_classifier"))).training
    assert digits.controls.max_rate is None
    digits.controls.speed.setSliderPosition(2)
    digits.controls.speed.sliderMoved.emit(2)
    digits.form.set_data("digits")
    assert digits.controls.max_rate == 10


def test_between_runs_the_views_are_drawn_only_where_they_are_seen(make_window, qtbot):
    window, panel = spiral_window(make_window)
    drawn = panel.boundary.updates
    window.docks["summary"].raise_()  # the training dock behind another tab: edits do not wait for it
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty())
    graph = window.document.graph
    dense = next(name for name, layer in graph.layers.items() if layer.type == "Dense")
    graph.set_weights(dense, {k: -v for k, v in graph.layers[dense].weights.items()})
    assert panel.boundary.updates == drawn
    window.docks["training"].raise_()
    qtbot.waitUntil(lambda: panel.boundary.updates == drawn + 1)


def test_inside_tab_shows_an_embeddings_vectors_on_a_plane_as_they_train(make_window, qtbot, tmp_path):
    """Token ids whose class is whether id 3 occurs: id 3's vector moves away from the others as it trains."""
    from graph_core.builder import ModelBuilder
    from graph_core.io.files import Project
    from graph_core.model import ensure_weights
    from kernels import probe

    rng = np.random.default_rng(0)
    x = rng.integers(0, 12, (400, 6)).astype(np.int32)
    data = tmp_path / "ids.npz"
    np.savez(data, x=x, y=(x == 3).any(axis=1).astype(np.int64))
    b = ModelBuilder("bag_of_ids")
    e = b.add("Embedding", b.add("InputLayer", shape=(6,), dtype="int32"), input_dim=12, output_dim=5)
    b.add("Dense", b.add("GlobalAveragePooling1D", e), units=2, activation="softmax")
    graph = b.done()
    ensure_weights(graph, seed=0)
    project = Project(graph, TrainingSettings(optimizer="adam", learning_rate=0.05, epochs=15, batch_size=32,
                                              data=str(data)).to_dict())  # fmt: skip
    window = make_window(Document(project))
    panel, graph = window.training, window.document.graph
    view = panel.tabs.inside.embedding
    assert panel.tabs.inside.below.currentWidget() is view  # no convolution: the embedding's plane
    table = graph.layers["embedding"].weights["embeddings"]
    want = probe.project_2d(table)
    np.testing.assert_allclose(np.column_stack(view.points.getData()), want.points, rtol=1e-5, atol=1e-6)
    assert len(view.labels) == 12 and [t.toPlainText() for t in view.labels[:3]] == ["0", "1", "2"]
    assert "embedding (12 ids × 5 numbers)" in view.caption.text()

    def spread_of_3(points: np.ndarray) -> float:  # id 3's distance from the others' centre, in their spreads
        others = np.delete(points, 3, axis=0)
        return float(np.linalg.norm(points[3] - others.mean(axis=0)) / others.std(axis=0).mean())

    before = spread_of_3(want.points)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished"
    shown = np.column_stack(view.points.getData())
    trained = graph.layers["embedding"].weights["embeddings"]
    np.testing.assert_allclose(np.abs(shown), np.abs(probe.project_2d(trained).points), rtol=1e-4, atol=1e-5)
    assert spread_of_3(shown) > 2 * before and spread_of_3(shown) > 3  # the id that decides the class stands apart


def test_principal_directions_keep_their_sign_from_one_view_to_the_next():
    from kernels import probe

    rng = np.random.default_rng(2)
    table = rng.standard_normal((30, 6)) * [4, 2, 1, 1, 1, 1]
    first = probe.project_2d(table)
    assert first.share[0] > first.share[1] > 0 and first.share.sum() <= 1
    np.testing.assert_allclose(first.axes @ first.axes.T, np.eye(2), atol=1e-9)
    for _ in range(5):  # flipped or not by the SVD, each direction stays on the side it was
        table = table + rng.standard_normal(table.shape) * 0.01
        again = probe.project_2d(table, first)
        assert np.all(np.sum(again.axes * first.axes, axis=1) > 0.99)
        first = again


def test_an_autoencoder_of_integer_images_trains_to_the_end(make_window, qtbot, tmp_path):
    """Integer images as their own targets are not class numbers: no sample tiles or confusion matrix of 256
    "classes"; the run ends (a failure in a view would end it too, said, never leaving the dock training)."""
    from graph_core.builder import ModelBuilder
    from graph_core.io.files import Project
    from graph_core.model import ensure_weights

    b = ModelBuilder("ae")
    flat = b.add("Flatten", b.input((8, 8), name="img"))
    b.add("Reshape", b.add("Dense", flat, units=64), target_shape=(8, 8))
    graph = b.done(layout=False)
    ensure_weights(graph)
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "imgs.npz", x=rng.integers(0, 256, (60, 8, 8)).astype(np.uint8), y=np.zeros(60, np.uint8))
    project = Project(graph)
    project.training = TrainingSettings(data=str(tmp_path / "imgs.npz"), targets_from_inputs=True, loss="mse",
                                        epochs=1).to_dict()  # fmt: skip
    window = make_window(Document(project))
    panel = window.training
    assert panel.data is not None and not panel.data_error
    assert panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert panel.last_status == "finished", panel.message.text()
    assert len(panel.tiles.tiles) == 0 and panel.confusion.rowCount() == 0
