"""Auto-layout (graph_core/layout.py): columns by longest path, long wires in lanes of their own."""

from __future__ import annotations

from graph_core.examples import build
from graph_core.layout import COLUMN_GAP, ROW_GAP, auto_layout


def test_a_residual_wire_runs_in_a_lane_of_its_own() -> None:
    graph = build("toy_resnet").graph
    pos = auto_layout(graph)
    by_name = {graph.nodes[n].layer: n for n in graph.nodes}
    xs = sorted({x for x, _ in pos.values()})
    column = {n: xs.index(x) for n, (x, _) in pos.items()}
    skips = [(s, n) for n in graph.nodes for s in graph.sources_of(n) if column[n] - column[s] > 1]
    assert len(skips) == 2  # the two residual connections
    for s, t in skips:
        (x0, y0), (x1, y1) = pos[s], pos[t]
        for n, (x, y) in pos.items():
            if x0 < x < x1:  # a node in a column the wire crosses is out of its way
                line = y0 + (y1 - y0) * (x - x0) / (x1 - x0)
                assert abs(y - line) >= ROW_GAP / 2, graph.nodes[n].layer
    assert pos[by_name["conv2d"]][1] == pos[by_name["max_pooling2d"]][1]  # a plain chain stays on one row


def test_columns_make_room_for_wide_nodes_and_long_shape_labels() -> None:
    graph = build("toy_resnet").graph
    pos = auto_layout(graph)
    (conv,) = graph.nodes_of_layer("conv2d_1")  # "Conv2D · 64 · 3×3 · relu", its wire "(None, 28, 28, 64)"
    (pool,) = graph.nodes_of_layer("max_pooling2d")
    assert pos[pool][0] - pos[conv][0] > COLUMN_GAP
    small = build("mnist_model").graph
    xs = sorted(x for x, _ in auto_layout(small).values())
    assert [b - a for a, b in zip(xs, xs[1:])] == [COLUMN_GAP] * 3  # short captions and labels: as before


def test_a_chain_is_one_row_left_to_right_and_one_column_down() -> None:
    graph = build("mnist_model").graph
    right, down = auto_layout(graph), auto_layout(graph, "down")
    assert len({y for _, y in right.values()}) == 1 and len({x for x, _ in down.values()}) == 1
    order = sorted(right, key=lambda n: right[n][0])
    assert [down[n][1] for n in order] == sorted(down[n][1] for n in order)
