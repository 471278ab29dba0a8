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
    """Positions for every node; ``direction`` is ``"right"`` (left to right) or ``"down"``."""
    from graph_core.shapes import topological_order

    order = topological_order(graph)
    depth: dict[int, int] = {}
    for n in order:
        depth[n] = max((depth[s] + 1 for s in graph.sources_of(n)), default=0)
    columns: dict[int, list[int]] = {}
    for n in order:
        columns.setdefault(depth[n], []).append(n)
    # Order each column by the mean row of the nodes feeding it, to keep wires short.
    row: dict[int, float] = {}
    for d in sorted(columns):
        nodes = columns[d]
        if d > 0:
            nodes.sort(key=lambda n: _mean([row[s] for s in graph.sources_of(n)], default=0.0))
        for i, n in enumerate(nodes):
            row[n] = i - (len(nodes) - 1) / 2
    positions = {}
    for n in order:
        across, along = depth[n] * COLUMN_GAP, row[n] * ROW_GAP
        positions[n] = (across, along) if direction == "right" else (along * 2.2, across * 0.5)
    return positions


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default
