"""Edits: refusals with typed errors, and apply -> revert restoring the identical graph."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_core import edits as E
from graph_core.errors import ConfigError, ConnectionRefused, CycleError, EditError, PortOccupiedError
from graph_core.graph import Graph, GraphEvent
from graph_core.model import param_counts
from tests.graph_core.helpers import mnist


def ids(g: Graph) -> dict[str, int]:
    return {g.nodes[n].layer: n for n in g.nodes}


def test_layers_get_keras_names():
    g = mnist()
    assert list(g.layers) == ["input_layer", "dense", "dense_1", "dense_2"]


def test_a_cycle_is_refused_and_named():
    g = mnist()
    n = ids(g)
    before = g.structure()
    E.Disconnect(n["dense"], 0).apply(g)
    with pytest.raises(CycleError, match="dense_2 → dense → dense_1 → dense_2"):
        E.Connect(n["dense_2"], n["dense"], 0).apply(g)
    with pytest.raises(CycleError, match="feed itself"):
        E.Connect(n["dense"], n["dense"], 0).apply(g)
    E.Connect(n["input_layer"], n["dense"], 0).apply(g)
    assert g.structure() == before


def test_a_second_wire_into_one_port_is_refused():
    g = mnist()
    n = ids(g)
    with pytest.raises(PortOccupiedError, match="input 0 of dense_1 is already wired to dense"):
        E.Connect(n["input_layer"], n["dense_1"], 0).apply(g)


def test_impossible_connections_are_refused():
    g = mnist()
    n = ids(g)
    with pytest.raises(ConnectionRefused, match="takes no inputs"):
        E.Connect(n["dense"], n["input_layer"], 0).apply(g)
    with pytest.raises(ConnectionRefused, match="takes 1 input; it has no input 1"):
        E.Connect(n["input_layer"], n["dense_1"], 1).apply(g)
    with pytest.raises(ConnectionRefused, match="no node 99"):
        E.Connect(99, n["dense_1"], 0).apply(g)


def test_check_connect_does_not_change_anything():
    g = mnist()
    before = g.structure()
    with pytest.raises(ConnectionRefused):
        g.check_connect(ids(g)["dense_2"], ids(g)["dense"], 0)
    assert g.structure() == before


def test_a_refused_config_changes_nothing():
    g = mnist()
    before = g.structure()
    with pytest.raises(ConfigError, match="Received: units=0"):
        E.SetConfig("dense", {"units": 0}).apply(g)
    assert g.structure() == before


def test_shapes_follow_a_config_edit():
    g = mnist()
    edit = E.SetConfig("dense", {"units": 32})
    edit.apply(g)
    assert g.analysis().shapes[ids(g)["dense"]] == (None, 32)
    assert param_counts(g).total == 784 * 32 + 32 + 32 * 64 + 64 + 650
    edit.revert(g)
    assert param_counts(g).total == 55_050


def test_events_are_past_tense_and_name_the_change():
    g = mnist()
    seen: list[GraphEvent] = []
    g.changed.sub(seen.append)
    E.RenameLayer("dense", "hidden").apply(g)
    E.Disconnect(ids(g)["dense_1"], 0).apply(g)
    assert [e.kind for e in seen] == ["layer_renamed", "wire_removed"]
    assert seen[0].layer == "hidden" and seen[0].old == "dense"


def test_rename_refuses_taken_and_bad_names():
    g = mnist()
    with pytest.raises(EditError, match="exists already"):
        E.RenameLayer("dense", "dense_1").apply(g)
    with pytest.raises(EditError, match="without '/'"):
        E.RenameLayer("dense", "a/b").apply(g)


def test_shared_layer_counts_once_and_removing_one_call_keeps_the_layer():
    g = mnist()
    n = ids(g)
    call = E.CallLayer("dense_1")
    call.apply(g)
    E.Connect(n["dense_1"], call.node_id, 0).apply(g)
    assert param_counts(g).total == 55_050  # the second call adds no weights
    remove = E.RemoveNode(n["dense_1"])
    remove.apply(g)
    assert "dense_1" in g.layers  # still called by the other node
    remove.revert(g)
    assert g.nodes_of_layer("dense_1") == [n["dense_1"], call.node_id]


def test_inputs_cannot_be_shared():
    g = mnist()
    with pytest.raises(EditError, match="cannot be called twice"):
        E.CallLayer("input_layer").apply(g)


def test_remove_node_restores_order_wires_and_outputs():
    g = mnist()
    n = ids(g)
    extra = E.AddNode("Dense", {"units": 3})
    extra.apply(g)
    E.Connect(n["dense"], extra.node_id, 0).apply(g)  # dense now feeds dense_1 then dense_3
    E.SetOutputs((n["dense_2"], extra.node_id)).apply(g)
    before = g.structure()
    edit = E.RemoveNode(n["dense"])
    edit.apply(g)
    assert n["dense"] not in g.nodes and "dense" not in g.layers
    edit.revert(g)
    assert g.structure() == before


def test_default_outputs_and_explicit_outputs():
    g = mnist()
    n = ids(g)
    assert g.output_nodes() == [n["dense_2"]]
    E.SetOutputs((n["dense_1"], n["dense_2"])).apply(g)
    assert g.analysis().outputs == (n["dense_1"], n["dense_2"])


def test_invalid_graph_stays_editable():
    g = mnist()
    n = ids(g)
    E.Disconnect(n["dense_1"], 0).apply(g)
    analysis = g.analysis()
    assert not analysis.valid
    assert analysis.node_problems(n["dense_1"]) == ["dense_1: Dense needs 1 input; nothing is wired into it"]
    assert analysis.shapes[n["dense_2"]] is None and analysis.node_problems(n["dense_2"]) == []
    E.SetConfig("dense_2", {"units": 5}).apply(g)  # still editable
    E.Connect(n["dense"], n["dense_1"], 0).apply(g)
    assert g.analysis().valid and g.analysis().shapes[n["dense_2"]] == (None, 5)


def test_compound_is_all_or_nothing():
    g = mnist()
    before = g.structure()
    n = ids(g)
    bad = E.Compound([E.RenameLayer("dense", "x"), E.Connect(n["dense_2"], n["dense"], 0)])
    with pytest.raises(PortOccupiedError):
        bad.apply(g)
    assert g.structure() == before


# --------------------------------------------------------------------------- random edit sequences

TYPES = ["Dense", "Activation", "Dropout", "Add", "Concatenate", "BatchNormalization", "Flatten", "InputLayer"]


@st.composite
def edit_plans(draw):
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["add", "call", "remove", "connect", "disconnect", "rename", "config", "move", "outputs"]
                ),
                st.integers(0, 1000),
                st.integers(0, 1000),
                st.integers(0, 2),
            ),
            min_size=1,
            max_size=25,
        )
    )


def make_edit(g: Graph, kind: str, a: int, b: int, port: int) -> E.Edit | None:
    nodes = list(g.nodes)
    layer_names = list(g.layers)
    if kind == "add":
        t = TYPES[a % len(TYPES)]
        config = {"units": 1 + b % 5} if t == "Dense" else ({"shape": (1 + b % 4,)} if t == "InputLayer" else {})
        return E.AddNode(t, config, pos=(float(a), float(b)))
    if not nodes:
        return None
    node = nodes[a % len(nodes)]
    other = nodes[b % len(nodes)]
    if kind == "call":
        return E.CallLayer(g.nodes[node].layer, pos=(1.0, 2.0))
    if kind == "remove":
        return E.RemoveNode(node)
    if kind == "connect":
        return E.Connect(node, other, port)
    if kind == "disconnect":
        return E.Disconnect(other, port)
    if kind == "rename":
        return E.RenameLayer(layer_names[a % len(layer_names)], f"renamed_{b}")
    if kind == "config":
        layer = g.layers[layer_names[a % len(layer_names)]]
        if layer.type == "Dense":
            return E.SetConfig(layer.name, {"units": 1 + b % 9, "activation": "tanh"})
        return E.SetConfig(layer.name, {})
    if kind == "move":
        return E.MoveNodes({node: (float(b), float(-b)), other: (1.5, 2.5)})
    return E.SetOutputs(None if b % 3 == 0 else tuple(dict.fromkeys([node, other])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=edit_plans())
def test_random_edits_revert_to_the_original(plan):
    g = mnist()
    original = copy.deepcopy(g.structure())
    applied: list[tuple[E.Edit, dict]] = []
    for step in plan:
        edit = make_edit(g, *step)
        if edit is None:
            continue
        before = g.structure()
        try:
            edit.apply(g)
        except EditError:
            assert g.structure() == before  # a refused edit changes nothing
            continue
        g.analysis()  # shapes are computable after every edit, valid or not
        applied.append((edit, before))
    # Undo everything, checking each intermediate state, then redo and undo again.
    for edit, before in reversed(applied):
        edit.revert(g)
        assert g.structure() == before
    assert g.structure() == original
    for edit, _ in applied:
        edit.apply(g)
    for edit, _ in reversed(applied):
        edit.revert(g)
    assert g.structure() == original


def test_what_keeps_a_graph_from_being_a_model_is_named_where_it_is():
    g = Graph()
    assert [p.message for p in g.analysis().problems] == ["The model is empty; add an InputLayer"]
    first = E.AddNode("InputLayer", {"shape": (3,)})
    first.apply(g)
    (problem,) = g.analysis().problems
    assert problem.message == "The model has no layer after its Input yet; wire a layer to input_layer"
    assert problem.node == first.node_id  # the badge sits on the Input
    dense = E.AddNode("Dense", {"units": 2})
    dense.apply(g)
    assert [p.message for p in g.analysis().problems] == ["dense: Dense needs 1 input; nothing is wired into it"]
    E.Connect(first.node_id, dense.node_id, 0).apply(g)
    assert g.analysis().valid
    g.set_outputs(())
    assert [p.message for p in g.analysis().problems] == ["The model has no output; mark a node as the model's output"]


def test_a_graph_copy_is_equal_and_independent():
    import numpy as np

    from graph_core.model import ensure_weights
    from tests.random_graphs import random_nested_graph

    graph = random_nested_graph(1)  # a model nested twice, called twice
    graph.set_models({"part": (graph.input_nodes()[0],)})
    ensure_weights(graph)
    copy = graph.copy()
    assert copy.structure() == graph.structure()
    (middle,) = [layer for layer in copy.layers.values() if layer.inner is not None]
    assert middle.inner is not graph.layers[middle.name].inner  # nested models are copied too
    kernel = copy.layers["dense"].weights["kernel"]
    kernel += 1.0
    assert not np.array_equal(graph.layers["dense"].weights["kernel"], kernel)  # its own arrays
    heard = []
    graph.changed.sub(heard.append)
    copy.set_name("other")
    assert graph.name != "other" and not heard
