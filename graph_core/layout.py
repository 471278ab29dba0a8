"""Layered auto-layout: each node in the column of its longest path from an input.

Returns positions; the editor applies them as one undoable move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph_core.graph import Graph

COLUMN_GAP = 340.0  # a node (164 to 328 wide) and room for its wire's shape label, "(None, 28, 28, 64)"
ROW_GAP = 110.0


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
    positions = {}
    for n in order:
        across, along = depth[n] * COLUMN_GAP, row[n] * ROW_GAP
        positions[n] = (across, along) if direction == "right" else (along * 2.2, across * 0.5)
    return positions


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default
