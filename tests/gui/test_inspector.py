"""The inspector: one widget per config field, validated by the core, one undo step per change."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from graph_core import layers
from gui.inspector import Inspector
from gui.tuple_editors import IntsEditor, PaddingEditor
from tests.gui.gestures import add_by_drop, wire


def select(window, node: int) -> Inspector:
    window.scene.select_nodes([node])
    return window.inspector


def commit_text(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_every_field_of_every_layer_type_gets_a_fitting_widget(qtbot, window):
    kinds = {
        "int": QSpinBox,
        "axis": QSpinBox,
        "activation": QComboBox,
        "initializer": QComboBox,
        "bool": QCheckBox,
        "float": QLineEdit,
        "shape": QLineEdit,
        "target_shape": QLineEdit,
        "optional_int": QLineEdit,
        "ints": IntsEditor,
        "optional_ints": IntsEditor,
        "padding": PaddingEditor,
        "choice": QComboBox,
    }
    for i, (name, spec) in enumerate(layers.REGISTRY.items()):
        node = add_by_drop(window, name, QPointF(0, 120 * i))
        inspector = select(window, node)
        assert isinstance(inspector.widgets["__name__"], QLineEdit)
        assert isinstance(inspector.widgets["__output__"], QCheckBox)
        for field in spec.fields:
            assert isinstance(inspector.widgets[field.name], kinds[field.kind]), (name, field.name)


def test_shape_editor_and_validation(qtbot, window):
    node = add_by_drop(window, "InputLayer", QPointF(0, 0))
    inspector = select(window, node)
    graph = window.document.graph
    shape = inspector.widgets["shape"]
    assert shape.text() == "784"
    commit_text(qtbot, shape, "32, 32, 3")
    assert graph.layer_of(node).config["shape"] == (32, 32, 3)
    assert window.scene.node_items[node].caption == "InputLayer · (None, 32, 32, 3)" or "32, 32, 3" in (
        window.scene.node_items[node].caption
    )
    steps = window.document.undo_stack.count()
    commit_text(qtbot, shape, "32, x")
    assert "whole numbers" in inspector.error.text()
    assert shape.text() == "32, 32, 3"  # put back
    commit_text(qtbot, shape, "0, 4")
    assert "positive" in inspector.error.text()  # the core's reason
    assert graph.layer_of(node).config["shape"] == (32, 32, 3)
    assert window.document.undo_stack.count() == steps

    # A size left open, and token ids: the guide's keras.Input(shape=(None,), dtype="int32").
    commit_text(qtbot, shape, "None")
    assert graph.layer_of(node).config["shape"] == (None,)
    inspector.widgets["dtype"].setCurrentText("int32")
    assert graph.layer_of(node).config["dtype"] == "int32"
    assert window.scene.node_items[node].caption == "InputLayer · (None,) · int32"


def test_float_optional_bool_and_rename(qtbot, window):
    node = add_by_drop(window, "Dropout", QPointF(0, 0))
    inspector = select(window, node)
    graph = window.document.graph
    stack = window.document.undo_stack
    start = stack.count()
    commit_text(qtbot, inspector.widgets["rate"], "0.25")
    commit_text(qtbot, inspector.widgets["seed"], "7")
    assert graph.layer_of(node).config == {"rate": 0.25, "seed": 7}
    commit_text(qtbot, inspector.widgets["rate"], "1.5")
    assert "rate" in inspector.error.text() and graph.layer_of(node).config["rate"] == 0.25
    commit_text(qtbot, inspector.widgets["seed"], "")
    assert graph.layer_of(node).config["seed"] is None
    commit_text(qtbot, inspector.widgets["__name__"], "drop_it")
    assert graph.nodes[node].layer == "drop_it"
    assert window.scene.node_items[node].title == "drop_it"
    commit_text(qtbot, inspector.widgets["__name__"], "bad/name")
    assert graph.nodes[node].layer == "drop_it" and "/" in inspector.error.text()
    assert [stack.text(i) for i in range(start, stack.count())] == [
        "Change rate of dropout",
        "Change seed of dropout",
        "Change seed of dropout",
        "Rename layer",
    ]
    dense = add_by_drop(window, "Dense", QPointF(300, 0))
    inspector = select(window, dense)
    box = inspector.widgets["use_bias"]
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the tick box
    assert graph.layer_of(dense).config["use_bias"] is False
    assert stack.text(stack.count() - 1) == "Change use_bias of dense"


def test_model_output_toggle_and_model_name(qtbot, window):
    inp = add_by_drop(window, "InputLayer", QPointF(0, 0))
    d1 = add_by_drop(window, "Dense", QPointF(260, 0))
    graph = window.document.graph
    from tests.gui.gestures import wire

    wire(qtbot, window, inp, d1)
    inspector = select(window, inp)
    output = inspector.widgets["__output__"]
    assert not output.isChecked()
    output.click()
    assert set(graph.output_nodes()) == {inp, d1}
    assert window.scene.node_items[inp].is_output
    window.act_undo.trigger()
    assert graph.output_nodes() == [d1]
    assert not inspector.widgets["__output__"].isChecked()
    window.scene.clearSelection()
    commit_text(qtbot, window.inspector.widgets["__model__"], "my_net")
    assert graph.name == "my_net"


def _type_in(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_kernel_size_strides_and_padding_choice(qtbot, window):
    node = add_by_drop(window, "Conv2D", QPointF(0, 0))
    inspector = select(window, node)
    graph, stack = window.document.graph, window.document.undo_stack
    kernel = inspector.widgets["kernel_size"]
    assert [s.value() for s in kernel.spins] == [3, 3] and kernel.link.isChecked()  # square: linked
    _type_in(qtbot, kernel.spins[0], 5)
    assert graph.layer_of(node).config["kernel_size"] == (5, 5)  # the link keeps the kernel square
    kernel.link.click()
    _type_in(qtbot, kernel.spins[1], 2)
    assert graph.layer_of(node).config["kernel_size"] == (5, 2)
    assert stack.text(stack.count() - 1) == "Change kernel_size of conv2d"
    padding = inspector.widgets["padding"]
    assert [padding.itemText(i) for i in range(padding.count())] == ["valid", "same"]
    padding.setCurrentText("same")
    assert graph.layer_of(node).config["padding"] == "same"
    strides = inspector.widgets["strides"]
    strides.link.setChecked(False)
    _type_in(qtbot, strides.spins[0], 2)
    assert graph.layer_of(node).config["strides"] == (2, 1)
    dilation = inspector.widgets["dilation_rate"]
    _type_in(qtbot, dilation.spins[1], 2)  # strides and dilation both above 1: refused, as Keras refuses it
    assert "strides and dilation_rate both above 1" in inspector.error.text()
    assert graph.layer_of(node).config["dilation_rate"] == (1, 1)
    assert [s.value() for s in dilation.spins] == [1, 1]  # put back
    window.act_undo.trigger()
    assert graph.layer_of(node).config["strides"] == (1, 1)
    assert [s.value() for s in inspector.widgets["strides"].spins] == [1, 1]


def test_pooling_strides_auto_and_padding_amounts(qtbot, window):
    pool = add_by_drop(window, "MaxPooling2D", QPointF(0, 0))
    inspector = select(window, pool)
    graph = window.document.graph
    strides = inspector.widgets["strides"]
    assert strides.auto.isChecked() and not strides.spins[0].isEnabled()
    _type_in(qtbot, inspector.widgets["pool_size"].spins[0], 3)
    assert [s.value() for s in strides.spins] == [3, 3]  # auto: the pool size, shown greyed
    strides.auto.click()
    assert graph.layer_of(pool).config["strides"] == (3, 3) and strides.spins[0].isEnabled()
    _type_in(qtbot, strides.spins[0], 1)
    assert graph.layer_of(pool).config["strides"] == (1, 1)
    strides.auto.click()
    assert graph.layer_of(pool).config["strides"] is None
    pad = add_by_drop(window, "ZeroPadding2D", QPointF(300, 0))
    editor = select(window, pad).widgets["padding"]
    assert editor.value() == ((1, 1), (1, 1))
    _type_in(qtbot, editor.spins[1][0], 3)  # left
    assert graph.layer_of(pad).config["padding"] == ((1, 1), (3, 1))
    crop = add_by_drop(window, "Cropping1D", QPointF(600, 0))
    editor = select(window, crop).widgets["cropping"]
    _type_in(qtbot, editor.spins[0][1], 4)  # after
    assert graph.layer_of(crop).config["cropping"] == (1, 4)


def test_a_bidirectional_is_edited_as_the_layer_it_wraps(qtbot, window):
    """From the palette's Recurrent group; the wrapped type, merge mode, units and return_sequences set in the
    Properties panel, each one undo step, the weight shapes shown being the chosen layer's, both ways."""
    assert window.palette.items["Bidirectional"].parent() is window.palette.groups["Recurrent"]
    assert window.palette.items["TimeDistributed"].parent() is window.palette.groups["Recurrent"]
    source = add_by_drop(window, "InputLayer", QPointF(0, 0))
    node = add_by_drop(window, "Bidirectional", QPointF(0, 150))
    graph, stack = window.document.graph, window.document.undo_stack
    commit_text(qtbot, select(window, source).widgets["shape"], "6, 3")
    wire(qtbot, window, source, node)
    inspector = select(window, node)
    kind, merge = inspector.widgets["layer"], inspector.widgets["merge_mode"]
    assert [kind.itemText(i) for i in range(kind.count())] == ["SimpleRNN", "LSTM", "GRU"]
    assert [merge.itemText(i) for i in range(merge.count())] == ["concat", "sum", "mul", "ave"]
    assert "go_backwards" not in inspector.widgets  # the copy reads backwards
    assert "forward_kernel (3, 128)" in inspector.info.text()  # an LSTM of 32 units
    steps = stack.count()
    kind.setCurrentText("GRU")
    merge.setCurrentText("sum")
    _type_in(qtbot, inspector.widgets["units"], 4)
    inspector.widgets["return_sequences"].click()
    assert stack.count() == steps + 4
    config = graph.layer_of(node).config
    assert [config[key] for key in ("layer", "merge_mode", "units", "return_sequences")] == ["GRU", "sum", 4, True]
    assert graph.analysis().shapes[node] == (None, 6, 4)
    assert "backward_recurrent_kernel (4, 12)" in inspector.info.text() and "backward_bias (2, 12)" in (
        inspector.info.text()
    )
    assert window.scene.node_items[node].caption == "Bidirectional · GRU 4 · sum · sequences"
    window.act_undo.trigger()
    assert graph.layer_of(node).config["return_sequences"] is False
    assert not inspector.widgets["return_sequences"].isChecked()


def test_an_lstm_asked_for_its_states_gets_a_port_for_each_and_a_state_wires_on(qtbot, window):
    """return_state ticked in the Properties panel: the node grows outputs y, h and c; a Dense wired from c reads
    (None, 32); the ports for the initial states take another LSTM's; unticked, the wires from h and c go with the
    outputs (the file stays one that opens), and one undo brings them all back."""
    from tests.gui.gestures import drag, input_point

    graph = window.document.graph
    source = add_by_drop(window, "InputLayer", QPointF(0, 0))
    commit_text(qtbot, select(window, source).widgets["shape"], "6, 3")
    lstm = add_by_drop(window, "LSTM", QPointF(0, 150))
    wire(qtbot, window, source, lstm)
    item = window.scene.node_items[lstm]
    assert len(item.outputs) == 1 and len(item.inputs) == 3  # the sequence, then h₀ and c₀
    assert item.inputs[2].toolTip() == "input 2 (c₀)"
    select(window, lstm).widgets["return_state"].click()
    assert graph.output_count(lstm) == 3 and len(item.outputs) == 3
    assert item.caption == "LSTM · 32 · states"
    assert item.outputs[2].toolTip() == "output 2 (c): drag to an input to wire"
    dense = add_by_drop(window, "Dense", QPointF(320, 300))
    window.view.centerOn(item)
    drag(qtbot, window.view, item.outputs[2].scenePos(), input_point(window, dense))
    assert (graph.wire_into(dense, 0).src, graph.wire_into(dense, 0).out) == (lstm, 2)
    assert graph.analysis().shapes[dense] == (None, 32)
    assert window.scene.wire_items[graph.wire_into(dense, 0)].label.text == "(None, 32)"
    decoder = add_by_drop(window, "LSTM", QPointF(0, 450))
    wire(qtbot, window, source, decoder)
    for port in (1, 2):
        window.view.centerOn(item)
        drag(qtbot, window.view, item.outputs[port].scenePos(), input_point(window, decoder, port))
    assert graph.values_into(decoder) == [(source, 0), (lstm, 1), (lstm, 2)]
    assert graph.analysis().valid
    window.act_undo.trigger()  # the last wire: the decoder has h₀ alone
    assert "wire all 2 after the sequence" in " ".join(graph.analysis().node_problems(decoder))
    select(window, lstm).widgets["return_state"].click()  # untick: the wires from h and c go with the outputs
    assert len(item.outputs) == 1
    assert graph.wire_into(dense, 0) is None and graph.values_into(decoder) == [(source, 0)]
    assert all(w.src != lstm or w.out == 0 for w in window.scene.wire_items)
    window.act_undo.trigger()
    assert len(item.outputs) == 3 and graph.analysis().node_problems(dense) == []
    assert (graph.wire_into(dense, 0).src, graph.wire_into(dense, 0).out) == (lstm, 2)
    assert graph.values_into(decoder) == [(source, 0), (lstm, 1)]
