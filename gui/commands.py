"""Undo commands, and the compound edits the editor's gestures and menu entries make.

There is one QUndoCommand class: it wraps a :class:`graph_core.edits.Edit`. The edit
is applied once before the command is pushed (so a refused edit never reaches the
stack); the first ``redo`` that ``QUndoStack.push`` makes is then skipped.

The builder functions below turn a user's intent (delete a selection, insert a node
into a wire, lay the graph out) into one core edit; they decide nothing about
validity: the core refuses what it refuses when the edit is applied.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoCommand

from graph_core import edits
from graph_core.graph import Graph, Wire
from gui.step_names import step_name

MERGE_SECONDS = 1.5
SET_CONFIG_ID = 1


class EditCommand(QUndoCommand):
    """redo → ``edit.apply(graph)``, undo → ``edit.revert(graph)``; nothing else.

    Quick successive steps of one config field, pushed as ``mergeable`` (a spin box
    under the mouse wheel), merge into one undo step.
    """

    def __init__(
        self, graph: Graph, edit: edits.Edit, run: Callable[[Callable[[], None]], None], mergeable: bool = False
    ) -> None:
        super().__init__(step_name(edit.text))
        self.mergeable = mergeable and isinstance(edit, edits.SetConfig)
        self.graph = graph
        self.edit = edit
        self._run = run  # the document's batching wrapper
        self._applied = True  # pushed after a successful first apply
        self._time = time.monotonic()

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(lambda: self.edit.apply(self.graph))

    def undo(self) -> None:
        self._run(lambda: self.edit.revert(self.graph))

    def id(self) -> int:
        return SET_CONFIG_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        mine, theirs = self.edit, getattr(other, "edit", None)
        if not (self.mergeable and getattr(other, "mergeable", False)):
            return False
        assert isinstance(mine, edits.SetConfig) and isinstance(theirs, edits.SetConfig)
        if mine.layer != theirs.layer or set(mine.changes) != set(theirs.changes):
            return False
        if other._time - self._time > MERGE_SECONDS:
            return False
        # This edit keeps the value from before the first step and takes the latest one.
        mine.changes = dict(theirs.changes)
        self._time = other._time
        return True


def delete_edit(graph: Graph, node_ids: Iterable[int], wires: Iterable[Wire] = ()) -> edits.Edit | None:
    """Delete the nodes (with their wires) and the given wires between other nodes."""
    nodes = [n for n in graph.nodes if n in set(node_ids)]
    steps: list[edits.Edit] = [
        edits.Disconnect(w.dst, w.port) for w in wires if w.src not in nodes and w.dst not in nodes
    ]
    steps += [edits.RemoveNode(n) for n in nodes]
    if not steps:
        return None
    if len(nodes) == 1 and len(steps) == 1:
        name = f"Delete {graph.nodes[nodes[0]].layer}"
    elif not nodes:
        name = "Disconnect" if len(steps) == 1 else f"Disconnect {len(steps)} wires"
    else:
        name = f"Delete {len(nodes)} nodes" if len(nodes) > 1 else f"Delete {graph.nodes[nodes[0]].layer}"
    return edits.Compound(steps, name=name)


def insert_on_wire_edit(graph: Graph, node: int | edits.AddNode, wire: Wire) -> edits.Compound:
    """Put a node (existing id, or a new one being added) between ``wire.src`` and ``wire.dst``."""
    steps: list[edits.Edit] = []
    if isinstance(node, edits.AddNode):
        if node.node_id is None:
            node.node_id = graph.next_id
        steps.append(node)
        node_id = node.node_id
        name = f"Insert {node.layer_type}"
    else:
        node_id = node
        name = f"Insert {graph.nodes[node].layer}"
    steps += [
        edits.Disconnect(wire.dst, wire.port),
        edits.Connect(wire.src, node_id, 0, wire.out),
        edits.Connect(node_id, wire.dst, wire.port),
    ]
    return edits.Compound(steps, name=name)


def move_edit(positions: dict[int, tuple[float, float]], name: str = "Move") -> edits.Edit:
    edit = edits.MoveNodes(positions)
    if name != "Move":
        return edits.Compound([edit], name=name)
    if len(positions) > 1:
        return edits.Compound([edit], name=f"Move {len(positions)} nodes")
    return edit


def layout_edit(graph: Graph, direction: str, origin: tuple[float, float] = (0.0, 0.0)) -> edits.Edit:
    from graph_core.layout import auto_layout

    positions = {n: (x + origin[0], y + origin[1]) for n, (x, y) in auto_layout(graph, direction).items()}
    label = "left to right" if direction == "right" else "top to bottom"
    return edits.Compound([edits.MoveNodes(positions)], name=f"Auto-layout {label}")


def toggle_output_edit(graph: Graph, node: int, on: bool) -> edits.Edit:
    """Mark or unmark ``node`` (each of its outputs) as a model output, starting from the outputs in effect now."""
    current = graph.output_values()
    if on:
        current += [(node, out) for out in range(graph.output_count(node)) if (node, out) not in current]
    else:
        current = [v for v in current if v[0] != node]
    edit = edits.SetOutputs(tuple(current))
    return edits.Compound([edit], name=f"{'Mark' if on else 'Unmark'} {graph.nodes[node].layer} as output")
