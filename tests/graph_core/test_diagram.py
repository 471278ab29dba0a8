"""The plot_model-style diagram: every layer a box, every wire an arrow, shared layers once."""

import xml.etree.ElementTree as ET

import pytest

from graph_core.examples import EXAMPLES, build
from graph_core.io.diagram import layout, to_svg
from graph_core.model import used_layers

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_layer_is_a_box_and_every_wire_an_arrow(name):
    graph = build(name).graph
    root = ET.fromstring(to_svg(graph))
    boxes = root.findall(f"{SVG}rect")[1:]  # the first rect is the background
    arrows = root.findall(f"{SVG}path")
    assert len(boxes) == len(used_layers(graph))
    assert len(arrows) == sum(len(graph.sources_of(n)) for n in graph.nodes)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for layer in used_layers(graph):
        assert f"{layer} ({graph.layers[layer].type})" in texts


def test_shapes_and_activations_are_shown():
    texts = [t.text for t in ET.fromstring(to_svg(build("mnist_model").graph)).iter(f"{SVG}text")]
    assert texts[:2] == ["input_layer (InputLayer)", "Output shape: (None, 784)"]
    assert ["dense (Dense)", "Activation: relu", "Input shape: (None, 784)", "Output shape: (None, 64)"] == texts[2:6]


def test_a_shared_layer_is_one_box_with_all_its_wires():
    graph = build("shared_layer").graph
    boxes, arrows = layout(graph)
    assert [b.layer for b in boxes].count("encoder") == 1
    assert sorted(a for a in arrows if a[1] == "encoder") == [("left", "encoder", 0, 1), ("right", "encoder", 0, 1)]
    assert [a for a in arrows if a[1] == "subtract"] == [("encoder", "subtract", 0, 2), ("encoder", "subtract", 1, 2)]
    encoder = next(b for b in boxes if b.layer == "encoder")
    assert "Shared: called 2 times" in encoder.lines


def test_rows_follow_the_longest_path():
    boxes, _ = layout(build("residual_mlp").graph)
    rows = {b.layer: b.row for b in boxes}
    assert rows["add"] == rows["dense_2"] + 1 and rows["add"] > rows["dense"] + 1
