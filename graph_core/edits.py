"""Reversible edits of a graph: ``apply(graph)`` and ``revert(graph)``.

Undo lives here, testable without Qt; the editor wraps each edit in a QUndoCommand.
Each edit records what it needs on its first ``apply`` (ids, removed wires, old values)
so that ``revert`` restores the identical graph and a later ``apply`` redoes the same
change. An edit that cannot be applied raises a :class:`~graph_core.errors.EditError`
(``ConnectionRefused`` for wires) and leaves the graph untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph_core import layers as registry
from graph_core.errors import EditError
from graph_core.graph import Graph, Layer, ModelRef, Node, Value, Wire, check_layer_name
from graph_core.messages import Message


class Edit:
    """Base of all edits. ``text`` names the step for the Undo menu."""

    text = "Edit"

    def apply(self, graph: Graph) -> None:
        raise NotImplementedError

    def revert(self, graph: Graph) -> None:
        raise NotImplementedError


@dataclass(eq=False)
class AddNode(Edit):
    """Add a new layer of ``layer_type`` and a node calling it."""

    layer_type: str
    config: Mapping[str, Any] | None = None
    pos: tuple[float, float] = (0.0, 0.0)
    name: str | None = None
    weights: Mapping[str, np.ndarray] | None = None
    node_id: int | None = None  # chosen on first apply, reused on redo
    _model_name: str | None = field(default=None, repr=False)  # a nested model's name before it took the layer's

    def __post_init__(self) -> None:
        spec = registry.get(self.layer_type)
        self.config = spec.make_config(self.config)
        if self.name is not None:
            check_layer_name(self.name)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Add {self.layer_type}"

    def apply(self, graph: Graph) -> None:
        spec = registry.get(self.layer_type)
        inner = (self.config or {}).get("model") if spec.holds_model else None
        if isinstance(inner, ModelRef):  # a call of one of the graph's own models: its layer is named after it
            if self.name is None:
                self.name = inner.name
            if self.name != inner.name or self.name in graph.layers:
                raise EditError(
                    Message("a layer named {name!r} exists already; rename it to call the model {name}",
                            name=inner.name)
                )  # fmt: skip
            inner = None
        if self.name is None:
            self.name = graph.unique_name(spec.base_name if inner is None else inner.name)
        if inner is not None and inner.name != self.name:  # a nested model's layer is named after the model
            self._model_name = inner.name
            inner.set_name(self.name)
        if self.node_id is None:
            self.node_id = graph.next_id
        layer = Layer(self.name, self.layer_type, dict(self.config or {}), dict(self.weights or {}))
        graph.insert_node(Node(self.node_id, self.name, self.pos), layer)

    def revert(self, graph: Graph) -> None:
        assert self.node_id is not None
        graph.delete_node(self.node_id)
        inner = (self.config or {}).get("model")
        if self._model_name is not None and isinstance(inner, Graph):
            inner.set_name(self._model_name)


@dataclass(eq=False)
class CallLayer(Edit):
    """Call an existing layer again: a new node sharing the layer's weights (Keras shared layers)."""

    layer: str
    pos: tuple[float, float] = (0.0, 0.0)
    node_id: int | None = None
    text = "Call layer again"

    def apply(self, graph: Graph) -> None:
        if self.node_id is None:
            self.node_id = graph.next_id
        graph.insert_node(Node(self.node_id, self.layer, self.pos))

    def revert(self, graph: Graph) -> None:
        assert self.node_id is not None
        graph.delete_node(self.node_id)


@dataclass(eq=False)
class RemoveNode(Edit):
    """Remove a node with its wires (and its layer, when no other node calls it)."""

    node_id: int
    _wires: list[tuple[Wire, int]] = field(default_factory=list, repr=False)
    _node: Node | None = field(default=None, repr=False)
    _index: int = field(default=0, repr=False)
    _layer: Layer | None = field(default=None, repr=False)
    _layer_index: int = field(default=-1, repr=False)
    _outputs: tuple[Value, ...] | None = field(default=None, repr=False)
    text = "Delete node"

    def apply(self, graph: Graph) -> None:
        if self.node_id not in graph.nodes:
            raise EditError(Message("there is no node {node}", node=self.node_id))
        node = graph.nodes[self.node_id]
        self._node = Node(node.id, node.layer, node.pos)
        self._outputs = graph.explicit_outputs
        if self._outputs is not None and any(n == self.node_id for n, _ in self._outputs):
            graph.set_outputs(tuple(v for v in self._outputs if v[0] != self.node_id))
        self._wires = []
        for wire in graph.wires_into(self.node_id):
            self._wires.append((wire, graph.remove_wire(wire)))
        for wire in graph.wires_out(self.node_id):
            self._wires.append((wire, graph.remove_wire(wire)))
        self._index, self._layer, self._layer_index = graph.delete_node(self.node_id)

    def revert(self, graph: Graph) -> None:
        assert self._node is not None
        node = Node(self._node.id, self._node.layer, self._node.pos)
        graph.insert_node(node, self._layer, self._index, self._layer_index)
        for wire, index in reversed(self._wires):
            graph.add_wire(wire, index)
        if graph.explicit_outputs != self._outputs:
            graph.set_outputs(self._outputs)


@dataclass(eq=False)
class Connect(Edit):
    """Wire output ``out`` of ``src`` into input ``port`` of ``dst``."""

    src: int
    dst: int
    port: int = 0
    out: int = 0
    text = "Connect"

    def apply(self, graph: Graph) -> None:
        graph.add_wire(Wire(self.src, self.dst, self.port, self.out))

    def revert(self, graph: Graph) -> None:
        graph.remove_wire(Wire(self.src, self.dst, self.port, self.out))


@dataclass(eq=False)
class Disconnect(Edit):
    """Remove the wire into input ``port`` of ``dst``."""

    dst: int
    port: int = 0
    _wire: Wire | None = field(default=None, repr=False)
    _index: int = field(default=0, repr=False)
    text = "Disconnect"

    def apply(self, graph: Graph) -> None:
        wire = graph.wire_into(self.dst, self.port) if self.dst in graph.nodes else None
        if wire is None:
            raise EditError(Message("input {port} of node {node} has no wire", port=self.port, node=self.dst))
        self._wire = wire
        self._index = graph.remove_wire(wire)

    def revert(self, graph: Graph) -> None:
        assert self._wire is not None
        graph.add_wire(self._wire, self._index)


@dataclass(eq=False)
class RenameLayer(Edit):
    old: str
    new: str
    text = "Rename layer"

    def apply(self, graph: Graph) -> None:
        graph.rename_layer(self.old, self.new)

    def revert(self, graph: Graph) -> None:
        graph.rename_layer(self.new, self.old)


@dataclass(eq=False)
class SetConfig(Edit):
    """Change some config fields of a layer (validated before anything changes). A change that takes outputs
    away (``return_state`` turned off) takes their wires and output marks with it, in the same undoable step; a
    named model (Models panel) giving one of them refuses the change."""

    layer: str
    changes: Mapping[str, Any]
    _old: dict[str, Any] | None = field(default=None, repr=False)
    _cut: list[tuple[Wire, int]] = field(default_factory=list, repr=False)
    _old_outputs: tuple[Value, ...] | None = field(default=None, repr=False)
    _outputs_cut: bool = field(default=False, repr=False)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Change {', '.join(self.changes)} of {self.layer}"

    def apply(self, graph: Graph) -> None:
        if self.layer not in graph.layers:
            raise EditError(Message("there is no layer {name!r}", name=self.layer))
        layer = graph.layers[self.layer]
        new = layer.spec.make_config({**layer.config, **self.changes})  # raises before any change
        count = layer.spec.output_count(new)
        nodes = set(graph.nodes_of_layer(self.layer))

        def gone(value: Value) -> bool:
            return value[0] in nodes and value[1] >= count

        for model, outputs in graph.models.items():
            if any(map(gone, outputs)):
                raise EditError(
                    Message("the model {model} gives an output of {layer} this change takes away; change the "
                            "model's outputs first", model=model, layer=self.layer)
                )  # fmt: skip
        self._old = dict(layer.config)
        self._cut = [(w, graph.remove_wire(w)) for w in [w for w in graph.wires() if gone((w.src, w.out))]]
        self._old_outputs, self._outputs_cut = graph.explicit_outputs, False
        if graph.explicit_outputs is not None and any(map(gone, graph.explicit_outputs)):
            kept = tuple(v for v in graph.explicit_outputs if not gone(v))
            graph.set_outputs(kept or None)
            self._outputs_cut = True
        graph.set_config(self.layer, new)

    def revert(self, graph: Graph) -> None:
        assert self._old is not None
        graph.set_config(self.layer, self._old)
        if self._outputs_cut:
            graph.set_outputs(self._old_outputs)
        for wire, index in reversed(self._cut):
            graph.add_wire(wire, index)


@dataclass(eq=False)
class MoveNodes(Edit):
    """Move nodes to new positions: one edit per drag, whatever the number of mouse moves."""

    positions: Mapping[int, tuple[float, float]]
    _old: dict[int, tuple[float, float]] = field(default_factory=dict, repr=False)
    text = "Move"

    def apply(self, graph: Graph) -> None:
        missing = [n for n in self.positions if n not in graph.nodes]
        if missing:
            raise EditError(Message("there is no node {node}", node=missing[0]))
        self._old = {n: graph.nodes[n].pos for n in self.positions}
        for n, pos in self.positions.items():
            graph.move_node(n, pos)

    def revert(self, graph: Graph) -> None:
        for n, pos in self._old.items():
            graph.move_node(n, pos)


@dataclass(eq=False)
class SetOutputs(Edit):
    """Mark the model's outputs explicitly (values, or node ids for their output 0), or ``None`` for the default."""

    outputs: tuple[int | Value, ...] | None
    _old: tuple[Value, ...] | None = field(default=None, repr=False)
    text = "Set outputs"

    def apply(self, graph: Graph) -> None:
        self._old = graph.explicit_outputs
        graph.set_outputs(self.outputs)

    def revert(self, graph: Graph) -> None:
        graph.set_outputs(self._old)


@dataclass(eq=False)
class RenameModel(Edit):
    name: str
    _old: str = field(default="", repr=False)
    text = "Rename model"

    def apply(self, graph: Graph) -> None:
        self._old = graph.name
        graph.set_name(self.name)

    def revert(self, graph: Graph) -> None:
        graph.set_name(self._old)


@dataclass(eq=False)
class RenameGraphModel(Edit):
    """Rename one of the graph's other models (a layer calling it follows)."""

    old: str
    new: str

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Rename model {self.old}"

    def apply(self, graph: Graph) -> None:
        graph.rename_model(self.old, self.new)

    def revert(self, graph: Graph) -> None:
        graph.rename_model(self.new, self.old)


@dataclass(eq=False)
class SetModels(Edit):
    """Replace the graph's other models (name -> output values): add, rename or remove one."""

    models: Mapping[str, tuple[int | Value, ...]]
    name: str = "Models"
    _old: dict[str, tuple[Value, ...]] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.name

    def apply(self, graph: Graph) -> None:
        self._old = dict(graph.models)
        graph.set_models(dict(self.models))

    def revert(self, graph: Graph) -> None:
        graph.set_models(self._old)


@dataclass(eq=False)
class Compound(Edit):
    """Several edits as one undo step; if one fails, those already applied are reverted."""

    edits: Sequence[Edit]
    name: str = "Edit"

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.name

    def apply(self, graph: Graph) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(graph)
                done.append(edit)
        except Exception:
            for edit in reversed(done):
                edit.revert(graph)
            raise

    def revert(self, graph: Graph) -> None:
        for edit in reversed(self.edits):
            edit.revert(graph)


def remove_nodes(graph: Graph, node_ids: Sequence[int]) -> Compound:
    """One edit removing several nodes (the editor's Delete on a selection)."""
    return Compound([RemoveNode(n) for n in node_ids], name="Delete" if len(node_ids) != 1 else "Delete node")
