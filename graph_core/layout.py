"""Layered auto-layout: each node in the column of its longest path from an input.

Returns positions; the editor applies them as one undoable move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph_core.graph import Graph

COLUMN_GAP = 340.0  # from one column to the next at least: a node 164 wide and room for a short shape label
ROW_GAP = 110.0
# What the canvas draws, estimated without Qt (average advances of its fonts, in scene units): a node is as wide
# as its title and caption need, 164 to 328; a wire's shape label needs its text and its margins clear of ports.
NODE_WIDTH, MAX_NODE_WIDTH = 164.0, 328.0
TITLE_CHAR, CAPTION_CHAR = 8.0, 6.6
LABEL_ROOM = 56.0  # the label's padding and the two ports it must stay clear of


def auto_layout(graph: Graph, direction: str = "right") -> dict[int, tuple[float, float]]:
    """Positions for every node; ``direction`` is ``"right"`` (left to right) or ``"down"``.

    A wire that skips columns (a residual connection) has a place kept for it in each column it
    crosses, so the nodes there move aside and it never runs behind them."""
    from graph_core.shapes import topological_order

    order = topological_order(graph)
    depth: dict[int, int] = {}
    for n in order:
        depth[n] = max((depth[s] + 1 for s in graph.sources_of(n)), default=0)
    # Items of each column: node ids, and ("pass", source, target, column) places for long wires.
    feeds: dict[object, list[object]] = {}
    columns: dict[int, list[object]] = {}
    for n in order:
        columns.setdefault(depth[n], []).append(n)
        feeds[n] = []
        for s in dict.fromkeys(graph.sources_of(n)):
            previous: object = s
            for d in range(depth[s] + 1, depth[n]):
                place = ("pass", s, n, d)
                columns.setdefault(d, []).append(place)
                feeds[place] = [previous]
                previous = place
            feeds[n].append(previous)
    # Order each column by the mean row of what feeds it, to keep wires short.
    row: dict[object, float] = {}
    for d in sorted(columns):
        items = columns[d]
        if d > 0:
            items.sort(key=lambda item: _mean([row[s] for s in feeds[item]], default=0.0))
        for i, item in enumerate(items):
            row[item] = i - (len(items) - 1) / 2
    left = _column_lefts(graph, depth) if direction == "right" else {d: d * COLUMN_GAP for d in columns}
    positions = {}
    for n in order:
        across, along = left[depth[n]], row[n] * ROW_GAP
        positions[n] = (across, along) if direction == "right" else (along * 2.2, across * 0.5)
    return positions


def _column_lefts(graph: Graph, depth: dict[int, int]) -> dict[int, float]:
    """Where each column starts, left to right: after the previous column's widest node and the longest shape
    label on the wires leaving it (``(None, 28, 28, 64)`` needs more room than ``(None, 10)``)."""
    from graph_core.layers import format_shape

    analysis = graph.analysis()
    widest: dict[int, float] = {}
    label: dict[int, float] = {}
    for n, d in depth.items():
        layer = graph.layer_of(n)
        title = len(layer.name) * TITLE_CHAR + 80  # with the room of the output mark
        caption = len(layer.spec.caption(layer.config)) * CAPTION_CHAR + 34
        widest[d] = max(widest.get(d, NODE_WIDTH), min(MAX_NODE_WIDTH, max(title, caption)))
        if graph.wires_out(n):
            text = len(format_shape(analysis.shapes.get(n))) * CAPTION_CHAR + LABEL_ROOM
            label[d] = max(label.get(d, 0.0), text)
    lefts, x = {}, 0.0
    for d in range(max(depth.values(), default=-1) + 1):
        lefts[d] = x
        x += max(COLUMN_GAP, widest.get(d, NODE_WIDTH) + label.get(d, 0.0))
    return lefts


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default
