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


def test_call_in_graph_adds_a_node_calling_the_model_with_its_layers_shared(qtbot, make_window):
    from PySide6.QtCore import Qt

    from graph_core import edits
    from tests.gui.gestures import node_center, view_point

    window = make_window(open_document(EXAMPLES_DIR / "conv_autoencoder.lwire"))
    graph, panel = window.document.graph, window.models
    panel.list.setCurrentRow(0)
    assert not panel.call_button.isEnabled()  # the main model cannot call itself
    panel.list.setCurrentRow(1)
    assert panel.call_button.isEnabled()
    panel.call_button.click()
    (call,) = graph.nodes_of_layer("encoder")
    assert graph.layers["encoder"].view == "encoder"
    assert window.scene.node_items[call].caption == "Functional · 18,672 params"
    assert graph.layers["encoder"].inner.layers["conv2d"] is graph.layers["conv2d"]  # the same layers
    img = edits.AddNode("InputLayer", {"shape": (28, 28, 1)}, name="img2")
    window.document.push(img)
    window.document.push(edits.Connect(img.node_id, call, 0))
    assert graph.analysis().shapes[call] == (None, 16)
    window.models.list.setCurrentRow(0)
    window.docks["code"].raise_()
    qtbot.waitUntil(lambda: "encoder(img2)" in window.code.text.toPlainText())
    assert 'encoder = keras.Model(inputs=img, outputs=global_max_pooling2d, name="encoder")' in (
        window.code.text.toPlainText()
    )

    # Double-clicking the call chooses the model it calls (its layers are on this canvas).
    window.view.centerOn(node_center(window, call))
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view_point(window.view, node_center(window, call)))  # fmt: skip
    assert window.document.active_model == "encoder" and window.document.editing is graph

    panel.list.setCurrentRow(1)
    panel.remove_button.click()  # the model is called: it stays, and the status bar says why
    assert list(graph.models) == ["encoder"]
    assert "the model encoder is called by the layer encoder" in window.statusBar().currentMessage()
    panel.list.item(1).setText("features")  # renaming the model renames the call's layer
    assert graph.layers["features"].view == "features" and "encoder" not in graph.layers
    for _ in range(4):
        window.undo_group.undo()
    assert "encoder" not in graph.layers and list(graph.models) == ["encoder"]
