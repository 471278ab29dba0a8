"""Step-through (checked against the engine), examples gallery, compare runs and presentation mode."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from graph_core.settings import TrainingSettings
from gui import items, presentation
from gui.document import open_document
from gui.files_menu import EXAMPLES_DIR
from kernels import stepper
from kernels.datasets import load_dataset


def _open(window, name):
    assert window.teaching.open_example(EXAMPLES_DIR / f"{name}.lwire")


def test_step_through_shows_the_engines_values_forward_then_loss_then_backward(window):
    _open(window, "mnist_model")
    st = window.teaching.step_through
    window.teaching.act_step.trigger()
    assert window.teaching.step_dock.isVisible()
    st.source.setCurrentIndex(st.source.findData("random"))
    st.index.setValue(5)
    assert st.start()
    graph = window.document.graph
    want = stepper.trace(graph, stepper.sample_inputs(graph, "random", seed=5), stepper.default_targets(graph))
    kinds = [k for k, _ in st.stages]
    assert kinds == ["forward"] * 4 + ["loss"] + ["backward"] * 3  # no gradient for the input
    for i, (kind, step) in enumerate(st.stages):
        st.next.click() if i else None
        assert st.position == i
        if kind == "forward":
            np.testing.assert_array_equal(st.shown_values(), want.node(step.node).value)
            assert window.scene.selected_node_ids() == [step.node]
        elif kind == "loss":
            assert st.shown_values().tolist() == pytest.approx([want.loss])
            assert f"{want.loss:.6g}" in st.stage.text()
        else:
            np.testing.assert_array_equal(st.shown_values(), want.node(step.node).grad)
            layer = want.node(step.node).layer
            shown = st.shown_weight_grads()
            assert set(shown) == {(layer, "kernel"), (layer, "bias")}
            for key, g in shown.items():
                np.testing.assert_array_equal(g, want.weight_grads[key])
    assert not st.next.isEnabled()
    st.back.click()
    assert st.position == len(st.stages) - 2


def test_step_through_takes_a_sample_of_the_projects_data_set(window):
    _open(window, "digits_classifier")
    st = window.teaching.step_through
    assert st.source.currentData() == "data"
    st.index.setValue(3)
    assert st.start()
    graph = window.document.graph
    data = load_dataset("digits", graph)
    settings = TrainingSettings.from_dict(window.document.project.training)
    want = stepper.trace(graph, {k: v[3:4] for k, v in data.x.items()}, {k: v[3:4] for k, v in data.y.items()},
                         settings)  # fmt: skip
    st.end.click()
    assert st.current_stage()[0] == "backward"
    st.go(st.stage_of("loss"))
    assert st.shown_values().tolist() == pytest.approx([want.loss], rel=1e-6)
    np.testing.assert_allclose(st.trace.node(graph.analysis().inputs[0]).value, data.x["input_layer"][3])


def test_an_edit_invalidates_the_trace(window):
    _open(window, "mnist_model")
    st = window.teaching.step_through
    assert st.start()
    from graph_core import edits

    window.document.push(edits.SetConfig("dense", {"units": 32}))
    assert st.trace is None and st.current_stage() is None


def test_gallery_shows_a_picture_and_paragraph_per_example_and_opens_a_copy(window):
    gallery = window.teaching.show_gallery()
    stems = [p.stem for p in gallery.paths()]
    for name in ("mnist_model", "multi_io", "residual_mlp", "shared_layer", "spiral", "moons_classifier",
                 "xor_classifier", "sine_regression", "digits_classifier"):  # fmt: skip
        assert name in stems
    for i in range(gallery.list.count()):
        assert not gallery.list.item(i).icon().isNull()
        gallery.list.setCurrentRow(i)
        assert gallery.title.text() and len(gallery.text.text()) > 40
        assert not gallery.big.pixmap().isNull()
    gallery.select("moons_classifier")
    gallery.buttons.button(gallery.buttons.StandardButton.Open).click()
    assert window.document.path is None and "moons_classifier" in window.document.title()
    assert window.document.project.training["data"] == "moons"
    assert not gallery.isVisible()


def test_compare_runs_overlays_one_curve_per_run_with_a_legend(window, tmp_path):
    _open(window, "moons_classifier")
    window.document.project.history = [
        {"settings": {"optimizer": "adam", "learning_rate": 0.01}, "data": "moons",
         "epochs": [{"loss": 0.7, "val_loss": 0.72}, {"loss": 0.5, "val_loss": 0.55}], "stopped": False},
        {"id": "b", "label": "sgd, slow", "settings": {"optimizer": "sgd"}, "data": "moons",
         "epochs": [{"loss": 0.69}, {"loss": 0.66}, {"loss": 0.64}], "stopped": True},
    ]  # fmt: skip
    dialog = window.teaching.show_compare()
    curves = dialog.visible_curves()
    assert curves == {"Run 1 · adam 0.01 · moons": ([1, 2], [0.7, 0.5]), "sgd, slow": ([1, 2, 3], [0.69, 0.66, 0.64])}
    assert len(dialog.legend.items) == 2
    dialog.metric_box.setCurrentIndex(dialog.metric_box.findData("val_loss"))
    assert list(dialog.visible_curves()) == ["Run 1 · adam 0.01 · moons"]
    dialog.metric_box.setCurrentIndex(dialog.metric_box.findData("loss"))
    dialog.runs.item(0).setCheckState(dialog.runs.item(0).checkState().Unchecked)
    assert list(dialog.visible_curves()) == ["sgd, slow"]


def test_compare_runs_of_a_project_without_runs_says_so(window):
    dialog = window.teaching.show_compare()
    assert dialog.empty.isVisible() and not dialog.visible_curves()


def test_presentation_mode_makes_texts_ports_and_wires_bigger_and_back(window):
    _open(window, "mnist_model")
    normal_font = QFont(QApplication.font())
    normal = (items.PORT_RADIUS, items.WIRE_WIDTH, items._TITLE_FONT.pointSizeF())
    act = window.teaching.act_presentation
    assert {s.toString() for s in act.shortcuts()} == set(presentation.SHORTCUTS)
    act.trigger()
    assert presentation.is_on()
    assert items.PORT_RADIUS > normal[0] and items.WIRE_WIDTH > normal[1]
    assert items._TITLE_FONT.pointSizeF() > normal[2]
    assert QApplication.font().pointSizeF() > normal_font.pointSizeF()
    assert len(window.scene.node_items) == len(window.document.graph.nodes)
    assert window.view.zoom() >= 1.0  # the grown nodes at full size, their texts as large as the menus'
    title = window.scene.node_items[window.document.graph.nodes_of_layer("dense_1")[0]]
    assert title.boundingRect().width() >= items.NODE_WIDTH  # the node grew with its text
    act.trigger()
    assert not presentation.is_on()
    assert (items.PORT_RADIUS, items.WIRE_WIDTH, items._TITLE_FONT.pointSizeF()) == normal
    assert QApplication.font() == normal_font


def test_examples_open_in_the_step_through_without_error(window):
    for name in ("multi_io", "shared_layer", "residual_mlp", "sine_regression", "xor_classifier"):
        window.set_document(open_document(EXAMPLES_DIR / f"{name}.lwire"))
        assert window.teaching.step_through.start(), name


def test_step_through_shows_feature_maps_and_filters_of_a_convolution(window):
    from gui.feature_maps import filter_tiles, map_tiles

    _open(window, "digits_convnet")
    st = window.teaching.step_through
    assert st.source.currentData() == "data"  # the digits, as 8×8×1 images
    assert st.start()
    graph = window.document.graph
    conv = next(n for n in graph.nodes if graph.nodes[n].layer == "conv2d")
    st.go(st.stage_of("forward", conv))
    value = st.trace.node(conv).value
    assert value.shape == (8, 8, 16)
    assert st.plot.currentWidget() is st.plot.tiles and len(st.plot.tiles.tiles) == 16
    for shown, want in zip(st.plot.tiles.tiles, map_tiles(value), strict=True):  # each map, as the engine gave it
        assert shown.pixelColor(3, 5).getRgb()[:3] == tuple(int(v) for v in want[5, 3])
    assert "16 feature maps of 8 × 8" in st.plot.tiles.caption
    kernel = graph.layers["conv2d"].weights["kernel"]
    assert st.weights_plot.currentWidget() is st.weights_plot.tiles
    assert len(st.weights_plot.tiles.tiles) == 16 and st.weights_plot.tiles.tiles[0].size().toTuple() == (3, 3)
    want = filter_tiles(kernel)[2]
    assert st.weights_plot.tiles.tiles[2].pixelColor(1, 0).getRgb()[:3] == tuple(int(v) for v in want[0, 1])
    st.go(st.stage_of("backward", conv))
    grad = st.trace.weight_grads[("conv2d", "kernel")]
    np.testing.assert_array_equal(st.weights_plot.values, grad)  # the kernel's gradient, filter by filter
    assert "filter by filter" in st.weights_plot.tiles.caption
    dense = next(n for n in graph.nodes if graph.nodes[n].layer == "dense")
    st.go(st.stage_of("forward", dense))
    assert st.plot.currentWidget() is st.plot.plot  # ten class scores: bars, as before


def test_lesson_and_step_through_open_as_tabs_beside_properties_and_fit_768_pixels(qtbot, make_window):
    from graph_core.examples import EXAMPLES_DIR
    from gui.document import open_document

    window = make_window(open_document(EXAMPLES_DIR / "mnist_model.lwire"))
    window.scene.select_nodes(window.document.graph.nodes_of_layer("dense_1"))  # the tallest Properties
    window.teaching.act_step.trigger()
    window.teaching.act_lesson_dock.trigger()
    qtbot.waitUntil(lambda: not window.teaching.lesson_dock.visibleRegion().isEmpty())  # the last shown, in front
    tabs = window.tabifiedDockWidgets(window.docks["inspector"])
    assert window.teaching.step_dock in tabs and window.teaching.lesson_dock in tabs
    assert window.minimumSizeHint().height() <= 768


def test_step_through_walks_a_recurrent_layer_time_step_by_time_step(window):
    from gui.step_through import TimeStep

    _open(window, "tickets")  # title and body: token ids of any length, read by LSTM(128) and LSTM(32)
    st = window.teaching.step_through
    st.source.setCurrentIndex(st.source.findData("random"))
    assert st.start()
    graph = window.document.graph
    lstm = next(n for n in graph.nodes if graph.nodes[n].layer == "lstm")
    at = st.stage_of("forward", lstm)
    steps = st.trace.node(lstm).inside["h"].shape[0]
    assert steps == stepper.SAMPLE_LENGTH
    kinds = [k for k, _ in st.stages[at : at + steps + 2]]
    assert kinds == ["forward"] + ["time"] * steps + ["forward"]  # the output, then each step, then on
    inside = st.trace.node(lstm).inside
    st.go(at)
    for s in range(steps):
        st.next.click()
        kind, shown = st.current_stage()
        assert isinstance(shown, TimeStep) and shown.step == s and window.scene.selected_node_ids() == [lstm]
        assert f"time step {s + 1} of {steps}" in st.stage.text()
        rows = st.shown_values()
        np.testing.assert_array_equal(rows, np.stack([inside[k][s] for k in ("i", "f", "g", "o", "c", "h")]))
        assert st.plot.plot.labels == ["input gate i", "forget gate f", "candidate g", "output gate o", "cell c",
                                       "state h"]  # fmt: skip
        np.testing.assert_array_equal(st.weights_plot.values, inside["h"][: s + 1])  # the state so far
    np.testing.assert_array_equal(inside["h"][-1], st.trace.node(lstm).value)  # the last state is the output
    st.next.click()
    assert st.current_stage()[0] == "forward" and st.current_stage()[1].node != lstm


def test_step_through_walks_an_encoder_decoder_of_states(qtbot, make_window):
    """An LSTM giving its states and one starting from them: every stage shows, forward and back; the summary and
    the code panels show the states."""
    from graph_core.io.files import Project
    from gui.document import Document
    from tests.graph_core.test_states import encoder_decoder

    window = make_window(Document(Project(encoder_decoder())))
    st = window.teaching.step_through
    assert st.start()
    kinds = [k for k, _ in st.stages]
    assert "loss" in kinds and "backward" in kinds
    while st.next.isEnabled():
        st.next.click()
        st.shown_values()
    qtbot.waitUntil(lambda: "encoder[0][2]" in window.summary.text.toPlainText())
    window.docks["code"].raise_()
    qtbot.waitUntil(lambda: "initial_state=[encoder[1], encoder[2]]" in window.code.text.toPlainText())
