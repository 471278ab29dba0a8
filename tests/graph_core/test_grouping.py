"""Ctrl+G and Ctrl+Shift+G in the core: a selection into a nested model and back, undoable, weights kept."""

from __future__ import annotations

import numpy as np
import pytest

from graph_core import reference
from graph_core.builder import ModelBuilder
from graph_core.errors import EditError
from graph_core.graph import Graph
from graph_core.grouping import dissolve_edit, group_edit
from graph_core.model import ensure_weights
from graph_core.summary import summary_text
from tests.random_graphs import random_inputs


def residual() -> Graph:
    """x → dense → (dense_1 → dense_2) + dense → add → out, two inputs into the second branch."""
    b = ModelBuilder("res")
    x = b.input((6,), name="x")
    h = b.add("Dense", x, units=5, activation="relu")
    y = b.add("Dense", h, units=5, activation="tanh")
    y = b.add("Dense", y, units=5)
    s = b.add("Add", h, y)
    b.add("Dense", s, units=2, name="out")
    graph = b.done()
    ensure_weights(graph, seed=2)
    return graph


def _nodes(graph: Graph, *layers: str) -> list[int]:
    return [n for name in layers for n in graph.nodes_of_layer(name)]


def test_grouping_a_branch_makes_a_model_called_where_it_was_and_computes_the_same():
    graph = residual()
    xs = random_inputs(graph)
    before_out, before_summary = reference.forward(graph, xs), summary_text(graph)
    edit = group_edit(graph, _nodes(graph, "dense_1", "dense_2", "add"), name="block")
    edit.apply(graph)
    assert sorted(graph.layers) == ["block", "dense", "out", "x"]
    inner = graph.layers["block"].inner
    assert [inner.nodes[n].layer for n in inner.analysis().inputs] == ["input_layer"]  # dense's value, read twice
    assert sorted(inner.layers) == ["add", "dense_1", "dense_2", "input_layer"]
    np.testing.assert_array_equal(reference.forward(graph, xs)["out"], before_out["out"])  # weights kept
    assert "block (Functional)" in summary_text(graph)
    edit.revert(graph)
    assert summary_text(graph) == before_summary
    edit.apply(graph)  # redo makes the same model again
    assert graph.layers["block"].inner is inner


def test_dissolving_puts_the_layers_back_and_computes_the_same():
    graph = residual()
    xs = random_inputs(graph)
    expected = reference.forward(graph, xs)["out"]
    group_edit(graph, _nodes(graph, "dense_1", "dense_2", "add"), name="block").apply(graph)
    (block,) = graph.nodes_of_layer("block")
    edit = dissolve_edit(graph, block)
    edit.apply(graph)
    assert sorted(graph.layers) == ["add", "dense", "dense_1", "dense_2", "out", "x"]
    np.testing.assert_array_equal(reference.forward(graph, xs)["out"], expected)
    edit.revert(graph)
    assert "block" in graph.layers


def test_dissolving_renames_layers_whose_names_are_taken():
    b = ModelBuilder("inner")
    b.add("Dense", b.input((3,), name="i"), units=3, name="dense")
    inner = b.done()
    o = ModelBuilder("outer")
    x = o.add("Dense", o.input((3,), name="x"), units=3, name="dense")
    o.add("Functional", x, name="inner", model=inner)
    graph = o.done()
    ensure_weights(graph)
    xs = random_inputs(graph)
    expected = reference.forward(graph, xs)["inner"]
    dissolve_edit(graph, graph.nodes_of_layer("inner")[0]).apply(graph)
    assert sorted(graph.layers) == ["dense", "dense_1", "x"]
    np.testing.assert_array_equal(reference.forward(graph, xs)["dense_1"], expected)


def test_a_grouped_output_stays_an_output_in_its_place():
    b = ModelBuilder("two")
    x = b.input((4,), name="x")
    p = b.add("Dense", x, units=1, name="p")
    q = b.add("Dense", b.add("Dense", x, units=3, name="h"), units=2, name="q")
    b.outputs(q, p)
    graph = b.done()
    group_edit(graph, _nodes(graph, "h", "q"), name="head").apply(graph)
    assert [graph.nodes[n].layer for n in graph.analysis().outputs] == ["head", "p"]


@pytest.mark.parametrize(
    ("layers", "message"),
    [
        (("x", "dense"), "x is one of the model's Inputs; select the layers after it"),
        (("dense_1", "add"), "The selection's values go out through dense_2 and come back into it"),
        ((), "Select the layers to put into a model"),
    ],
)
def test_selections_that_are_not_a_model_are_refused_with_the_reason(layers, message):
    graph = residual()
    before = graph.structure()
    with pytest.raises(EditError, match=message):
        group_edit(graph, _nodes(graph, *layers))
    assert graph.structure() == before


def test_a_layer_called_outside_the_selection_is_refused():
    b = ModelBuilder("shared")
    x = b.input((4,), name="x")
    a = b.add("Dense", x, units=4, name="d")
    b.call("d", a)
    graph = b.done()
    with pytest.raises(EditError, match="d is also called outside the selection"):
        group_edit(graph, graph.nodes_of_layer("d")[:1])


def test_a_model_called_twice_cannot_be_dissolved_and_a_plain_layer_is_no_model():
    b = ModelBuilder("m")
    b.add("Dense", b.input((2,), name="i"), units=2)
    inner = b.done()
    o = ModelBuilder("o")
    x = o.input((2,), name="x")
    y = o.add("Functional", x, name="m", model=inner)
    o.call("m", y)
    graph = o.done()
    with pytest.raises(EditError, match="m is called 2 times"):
        dissolve_edit(graph, graph.nodes_of_layer("m")[0])
    with pytest.raises(EditError, match=r"x \(InputLayer\) is not a nested model"):
        dissolve_edit(graph, graph.nodes_of_layer("x")[0])


def test_dissolving_renames_a_clashing_nested_model_and_undo_gives_its_name_back(tmp_path):
    from graph_core.io import files
    from graph_core.io.files import Project

    b = ModelBuilder("enc")
    b.add("Dense", b.input((3,), name="i"), units=3)
    enc = b.done()
    m = ModelBuilder("mid")
    m.add("Functional", m.input((3,), name="j"), name="enc", model=enc)
    mid = m.done()
    o = ModelBuilder("top")
    x = o.add("Dense", o.input((3,), name="x"), units=3, name="enc")  # the name the nested model has
    o.add("Functional", x, name="mid", model=mid)
    graph = o.done()
    ensure_weights(graph)
    edit = dissolve_edit(graph, graph.nodes_of_layer("mid")[0])
    edit.apply(graph)
    assert "enc_1" in graph.layers and graph.layers["enc_1"].inner.name == "enc_1"
    edit.revert(graph)
    assert graph.layers["mid"].inner.layers["enc"].inner.name == "enc"
    files.save(Project(graph), tmp_path / "t.lwire")
    assert files.load(tmp_path / "t.lwire").graph.structure() == graph.structure()


def test_the_graphs_other_models_follow_a_grouping_and_a_dissolving():
    graph = residual()
    (add,) = graph.nodes_of_layer("add")
    graph.set_models({"features": (add,)})
    edit = group_edit(graph, _nodes(graph, "dense_1", "dense_2", "add"), name="block")
    edit.apply(graph)
    (block,) = graph.nodes_of_layer("block")
    assert graph.models == {"features": ((block, 0),)}  # it ended at the group's output: it ends at the group now
    dissolve_edit(graph, block).apply(graph)
    assert [graph.nodes[n].layer for n, _ in graph.models["features"]] == ["add"]
    # A model ending inside the selection ends at one more output of the group.
    graph2 = residual()
    graph2.set_models({"inner": (graph2.nodes_of_layer("dense_2")[0],)})
    group_edit(graph2, _nodes(graph2, "dense_1", "dense_2", "add"), name="block").apply(graph2)
    (block,) = graph2.nodes_of_layer("block")
    nested = graph2.layers["block"].inner
    assert [nested.nodes[n].layer for n in nested.analysis().outputs] == ["dense_2", "add"]
    assert graph2.models == {"inner": ((block, 0),)}
    (out,) = graph2.nodes_of_layer("out")
    assert graph2.values_into(out) == [(block, 1)]


def test_a_model_that_gives_its_input_back_is_not_dissolved_but_refused():
    b = ModelBuilder("same")
    i = b.input((2,), name="i")
    b.outputs(i)
    inner = b.done()
    o = ModelBuilder("o")
    o.add("Functional", o.input((2,), name="x"), name="same", model=inner)
    graph = o.done()
    with pytest.raises(EditError, match="gives its input i straight back"):
        dissolve_edit(graph, graph.nodes_of_layer("same")[0])
