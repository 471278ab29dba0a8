"""The Models panel: the models one graph defines, chosen, named from a selection, renamed and removed."""

from __future__ import annotations

from graph_core.examples import EXAMPLES_DIR
from graph_core.io.keras_format import load_keras
from gui.document import open_document


def test_choosing_a_model_shows_its_summary_and_its_nodes(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "conv_autoencoder.lwire"))
    panel = window.models
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == ["autoencoder", "encoder"]
    window.docks["summary"].raise_()
    panel.list.setCurrentRow(1)
    assert window.document.active_model == "encoder"
    qtbot.waitUntil(lambda: 'Model: "encoder"' in window.summary.text.toPlainText())
    assert "Total params: 18,672" in window.summary.text.toPlainText()
    assert len(window.scene.selected_node_ids()) == 7  # the image to the 16 numbers
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: 'Model: "autoencoder"' in window.summary.text.toPlainText())


def test_export_as_writes_the_chosen_model(qtbot, make_window, tmp_path):
    window = make_window(open_document(EXAMPLES_DIR / "conv_autoencoder.lwire"))
    window.models.list.setCurrentRow(1)
    window.files.write_export("keras", tmp_path / "encoder.keras")
    graph = load_keras(tmp_path / "encoder.keras").graph
    assert graph.name == "encoder" and len(graph.layers) == 7


def test_a_model_from_the_selection_is_named_renamed_and_removed_with_undo(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "mnist_model.lwire"))
    graph, panel = window.document.graph, window.models
    (hidden,) = graph.nodes_of_layer("dense_1")
    window.scene.select_nodes([hidden])
    panel.add_button.click()
    assert graph.models == {"model": ((hidden, 0),)} and window.document.active_model == "model"
    item = panel.list.item(1)
    item.setText("features")
    assert graph.models == {"features": ((hidden, 0),)} and window.document.active_model == "features"
    panel.list.item(1).setText("mnist_model")  # the main model's name: refused, the name stays
    assert graph.models == {"features": ((hidden, 0),)} and panel.list.item(1).text() == "features"
    assert "two models cannot share a name" in window.statusBar().currentMessage()
    panel.list.setCurrentRow(1)
    panel.remove_button.click()
    assert graph.models == {} and panel.list.count() == 1
    window.undo_group.undo()
    assert graph.models == {"features": ((hidden, 0),)}
    window.undo_group.undo()
    window.undo_group.undo()
    assert graph.models == {}


def test_new_model_with_nothing_selected_says_what_to_do(qtbot, make_window):
    window = make_window(open_document(EXAMPLES_DIR / "mnist_model.lwire"))
    window.scene.clearSelection()
    window.models.add_button.click()
    assert window.document.graph.models == {}
    assert "Select the layers the new model ends at" in window.statusBar().currentMessage()
