"""The layer graph: layers (config + weights), nodes (calls of a layer) and wires.

As in Keras, a *layer* owns the config and the weights and a *node* is one call of a
layer; a layer called at several nodes is shared and its weights count once. A node
has one output, or several (a nested model with several outputs, a recurrent layer giving
its states), numbered from 0; a wire leaves one of them, and an input port takes at most
one wire. A model's outputs are *values*, ``(node, output)`` pairs.

The graph's mutators are low level and used by :mod:`graph_core.edits`, which makes
every change reversible. Each mutator checks its invariants first, changes nothing
when it refuses, and announces the change on :attr:`Graph.changed` with a past-tense
:class:`GraphEvent` that views follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph_core import layers as registry
from graph_core.errors import ConnectionRefused, CycleError, EditError, GraphError, PortOccupiedError
from graph_core.events import Event
from graph_core.layers import Config, Shape, WeightSpec
from graph_core.messages import Message


@dataclass(frozen=True)
class ModelRef:
    """One of ``owner``'s own models (:attr:`Graph.models`), called as a layer in ``owner``: the guide's
    ``encoder(img)`` where ``encoder`` is made of the graph's own layers. The model is the graph's view
    (:func:`graph_core.views.model_graph`), rebuilt when the graph changes; its layers are the graph's, so
    the call shares their weights."""

    owner: Graph
    name: str
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self) -> Graph | None:
        """The model as a graph; None if the owner has no model of that name."""
        if self._cache.get("revision") != self.owner.revision or self._cache.get("name") != self.name:
            from graph_core.views import model_graph

            # While the view is being made it is not there yet: a model ending at its own call sees none.
            self._cache.update(revision=self.owner.revision, name=self.name, view=None)
            try:
                view = model_graph(self.owner, self.name) if self.name in self.owner.models else None
            except GraphError:
                view = None
            self._cache.update(revision=self.owner.revision, name=self.name, view=view)
        return self._cache["view"]


@dataclass
class Layer:
    """A layer: its unique name, Keras type, validated config and weights (may be empty)."""

    name: str
    type: str
    config: Config
    weights: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def spec(self) -> registry.LayerType:
        return registry.get(self.type)

    @property
    def inner(self) -> Graph | None:
        """The model this layer calls (a nested ``Functional``, or one of the graph's own models), else None."""
        if not self.spec.holds_model:
            return None
        model = self.config.get("model")
        return model.resolve() if isinstance(model, ModelRef) else model

    @property
    def view(self) -> str | None:
        """The name of the graph's own model this layer calls (see :class:`ModelRef`), else None."""
        model = self.config.get("model") if self.spec.holds_model else None
        return model.name if isinstance(model, ModelRef) else None


@dataclass
class Node:
    """One call of a layer, placed on the canvas at ``pos`` (scene coordinates)."""

    id: int
    layer: str
    pos: tuple[float, float] = (0.0, 0.0)


#: One value of the graph: output ``out`` of a node, ``(node, out)``.
Value = tuple[int, int]


@dataclass(frozen=True)
class Wire:
    """Output ``out`` of node ``src`` feeds input ``port`` of node ``dst``."""

    src: int
    dst: int
    port: int
    out: int = 0

    @property
    def value(self) -> Value:
        return (self.src, self.out)


@dataclass(frozen=True)
class GraphEvent:
    """What changed: ``kind`` is past tense (``node_added``, ``wire_removed``...)."""

    kind: str
    node: int | None = None
    wire: Wire | None = None
    layer: str | None = None
    old: Any = None


@dataclass(frozen=True)
class Problem:
    """Something that keeps the graph from being a model (or, among an analysis's ``warnings``, that
    does not but deserves a look); ``node`` is None for the graph."""

    message: str
    node: int | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything derived from the graph's structure, recomputed after each change."""

    order: tuple[int, ...]  # every node, inputs before consumers
    shapes: dict[int, Shape | None]  # the (first) output shape of each node, None where unknown
    weight_specs: dict[str, tuple[WeightSpec, ...] | None]  # per layer, None where unknown
    problems: tuple[Problem, ...]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]  # the node of each of the model's outputs (a node giving two outputs: twice)
    warnings: tuple[Problem, ...] = ()  # worth a look, but the model is valid (Keras takes it)
    output_values: tuple[Value, ...] = ()  # the model's outputs as values
    out_shapes: dict[int, tuple[Shape | None, ...]] = field(default_factory=dict)  # every output of each node

    def shape_of(self, value: Value) -> Shape | None:
        """The shape of output ``out`` of ``node``; None where unknown."""
        node, out = value
        shapes = self.out_shapes.get(node, ())
        return shapes[out] if out < len(shapes) else None

    @property
    def valid(self) -> bool:
        return not self.problems

    def node_problems(self, node: int) -> list[str]:
        """The messages of the node's problems (:class:`~graph_core.messages.Message` texts)."""
        return [p.message for p in self.problems if p.node == node]

    def node_warnings(self, node: int) -> list[str]:
        """The messages of the node's warnings."""
        return [p.message for p in self.warnings if p.node == node]

    @property
    def unused_inputs(self) -> tuple[int, ...]:
        """Input nodes no output depends on: the model takes their data and ignores it, as Keras does."""
        return tuple(p.node for p in self.warnings if p.node in self.inputs)


class Graph:
    """A network being built: mutable, observable, always internally consistent."""

    def __init__(self, name: str = "model") -> None:
        self.name = name
        self.layers: dict[str, Layer] = {}
        self.nodes: dict[int, Node] = {}
        self._inputs: dict[int, dict[int, Wire]] = {}  # dst -> port -> wire in
        self._consumers: dict[int, list[Wire]] = {}  # src -> wires out, in connection order
        self.explicit_outputs: tuple[Value, ...] | None = None
        # Other models over the same layers (the guide's encoder beside its autoencoder): name -> output values.
        self.models: dict[str, tuple[Value, ...]] = {}
        self.next_id = 1
        self.changed = Event()
        self.revision = 0  # counts changes, so an outer model sees when a model it calls changed
        self._analysis: Analysis | None = None
        self._inner_revisions: tuple[tuple[Graph, int], ...] = ()

    # ------------------------------------------------------------------ queries

    def layer_of(self, node: int) -> Layer:
        return self.layers[self.nodes[node].layer]

    def type_of(self, node: int) -> registry.LayerType:
        return self.layer_of(node).spec

    def nodes_of_layer(self, layer: str) -> list[int]:
        return [n.id for n in self.nodes.values() if n.layer == layer]

    def output_count(self, node: int) -> int:
        """How many outputs the node gives (1 but for a nested model with several, or a recurrent layer's states)."""
        layer = self.layer_of(node)
        return layer.spec.output_count(layer.config)

    def inputs_of(self, node: int) -> list[tuple[int, int]]:
        """``(port, src)`` pairs of the node's wired inputs, by port."""
        return [(port, w.src) for port, w in sorted(self._inputs[node].items())]

    def wires_into(self, node: int) -> list[Wire]:
        """The wires into the node, by port."""
        return [w for _, w in sorted(self._inputs[node].items())]

    def values_into(self, node: int) -> list[Value]:
        """The values wired into the node, by port."""
        return [w.value for w in self.wires_into(node)]

    def sources_of(self, node: int) -> list[int]:
        return [src for _, src in self.inputs_of(node)]

    def wires_out(self, node: int) -> list[Wire]:
        return list(self._consumers[node])

    def wires(self) -> Iterator[Wire]:
        for ports in self._inputs.values():
            for _, wire in sorted(ports.items()):
                yield wire

    def wire_into(self, dst: int, port: int) -> Wire | None:
        return self._inputs[dst].get(port)

    def input_nodes(self) -> list[int]:
        """The model's inputs, in the order their nodes were made."""
        return [n.id for n in self.nodes.values() if self.layers[n.layer].type == "InputLayer"]

    def output_values(self) -> list[Value]:
        """Marked outputs, or by default every output of each node nothing reads from (Input nodes aside)."""
        if self.explicit_outputs is not None:
            return list(self.explicit_outputs)
        return [
            (n.id, out)
            for n in self.nodes.values()
            if not self._consumers[n.id] and self.layers[n.layer].type != "InputLayer"
            for out in range(self.output_count(n.id))
        ]

    def output_nodes(self) -> list[int]:
        """The node of each output value (see :meth:`output_values`)."""
        return [n for n, _ in self.output_values()]

    def unique_name(self, base: str, taken: Iterable[str] = ()) -> str:
        """Keras-style: ``dense``, then ``dense_1``, ``dense_2``... the first not taken."""
        used = set(self.layers) | set(taken)
        if base not in used:
            return base
        i = 1
        while f"{base}_{i}" in used:
            i += 1
        return f"{base}_{i}"

    def check_connect(self, src: int, dst: int, port: int, out: int = 0) -> None:
        """Raise ``ConnectionRefused`` (with the reason) if the wire may not be drawn."""
        for n in (src, dst):
            if n not in self.nodes:
                raise ConnectionRefused(Message("there is no node {node}", node=n))
        count = self.output_count(src)
        if not 0 <= out < count:
            raise ConnectionRefused(
                Message("{layer} gives {count} outputs; it has no output {out}", layer=self.nodes[src].layer,
                        count=count, out=out)
            )  # fmt: skip
        spec = self.type_of(dst)
        dst_name = self.nodes[dst].layer
        if spec.max_inputs == 0:
            raise ConnectionRefused(Message("{layer} is an {type} and takes no inputs", layer=dst_name, type=spec.name))
        if not spec.accepts_port(port):
            raise ConnectionRefused(
                Message(
                    "{layer} ({type}) takes {arity}; it has no input {port}",
                    layer=dst_name,
                    type=spec.name,
                    arity=spec.arity_text(),
                    port=port,
                )
            )
        if port in self._inputs[dst]:
            other = self.nodes[self._inputs[dst][port].src].layer
            raise PortOccupiedError(
                Message("input {port} of {layer} is already wired to {other}", port=port, layer=dst_name, other=other)
            )
        if src == dst:
            raise CycleError(Message("{layer} cannot feed itself: the wire would make a cycle", layer=dst_name))
        path = self._path(dst, src)
        if path is not None:
            names = " → ".join(self.nodes[n].layer for n in [src, *path])
            raise CycleError(Message("the wire would make a cycle: {path}", path=names))

    def upstream(self, nodes: Iterable[int]) -> set[int]:
        """The given nodes and every node they read from, directly or not."""
        seen = set(nodes)
        stack = list(seen)
        while stack:
            for src in self.sources_of(stack.pop()):
                if src not in seen:
                    seen.add(src)
                    stack.append(src)
        return seen

    def _path(self, start: int, goal: int) -> list[int] | None:
        """A path of wires from ``start`` to ``goal``, or None."""
        parent: dict[int, int | None] = {start: None}
        stack = [start]
        while stack:
            n = stack.pop()
            if n == goal:
                path = []
                cur: int | None = n
                while cur is not None:
                    path.append(cur)
                    cur = parent[cur]
                return path[::-1]
            for w in self._consumers[n]:
                if w.dst not in parent:
                    parent[w.dst] = n
                    stack.append(w.dst)
        return None

    # ------------------------------------------------------------------ analysis

    def inner_models(self) -> list[Graph]:
        """Every model this one calls, directly or through another, each once (a model calling itself stops
        the walk; its analysis says so)."""
        found: dict[int, Graph] = {}
        stack = [self]
        while stack:
            for layer in stack.pop().layers.values():
                inner = layer.inner
                if inner is not None and id(inner) not in found and inner is not self:
                    found[id(inner)] = inner
                    stack.append(inner)
        return list(found.values())

    def analysis(self) -> Analysis:
        """Shapes, order and problems of the graph as it is now (cached until it, or a model it calls, changes)."""
        if self._analysis is not None and any(g.revision != r for g, r in self._inner_revisions):
            self._analysis = None
        if self._analysis is None:
            from graph_core.shapes import analyse

            self._analysis = analyse(self)
            self._inner_revisions = tuple((g, g.revision) for g in self.inner_models())
        return self._analysis

    # ------------------------------------------------------------------ mutators

    def _emit(self, event: GraphEvent) -> None:
        self._analysis = None
        self.revision += 1
        self.changed.emit(event)

    def insert_node(
        self, node: Node, layer: Layer | None = None, index: int | None = None, layer_index: int | None = None
    ) -> None:
        """Add ``node`` (with ``layer`` when the layer is new) at position ``index`` of the node
        order (``layer_index`` of the layer order); by default at the end."""
        if node.id in self.nodes:
            raise EditError(Message("node {node} exists already", node=node.id))
        if layer is not None:
            if layer.name in self.layers:
                raise EditError(Message("a layer named {name!r} exists already", name=layer.name))
            if layer.name != node.layer:
                raise EditError(Message("the node must call the layer given with it"))
            entries = list(self.layers.items())
            entries.insert(len(entries) if layer_index is None else layer_index, (layer.name, layer))
            self.layers = dict(entries)
        elif node.layer not in self.layers:
            raise EditError(Message("there is no layer {name!r}", name=node.layer))
        elif not self.layers[node.layer].spec.shareable:
            raise EditError(
                Message(
                    "{layer} is an {type} and cannot be called twice",
                    layer=node.layer,
                    type=self.layers[node.layer].type,
                )
            )
        items = list(self.nodes.items())
        items.insert(len(items) if index is None else index, (node.id, node))
        self.nodes = dict(items)
        self._inputs[node.id] = {}
        self._consumers[node.id] = []
        self.next_id = max(self.next_id, node.id + 1)
        self._emit(GraphEvent("node_added", node=node.id, layer=node.layer))

    def delete_node(self, node_id: int) -> tuple[int, Layer | None, int]:
        """Remove an unwired node; its layer goes too if no other node calls it.

        Returns the node's index in the node order, the removed layer (or None) and the
        layer's index in the layer order, for ``insert_node`` to put them back.
        """
        if node_id not in self.nodes:
            raise EditError(Message("there is no node {node}", node=node_id))
        if self._inputs[node_id] or self._consumers[node_id]:
            raise EditError(Message("node {node} still has wires", node=node_id))
        if self.explicit_outputs is not None and any(n == node_id for n, _ in self.explicit_outputs):
            raise EditError(Message("node {node} is still marked as an output", node=node_id))
        index = list(self.nodes).index(node_id)
        node = self.nodes.pop(node_id)
        del self._inputs[node_id], self._consumers[node_id]
        layer, layer_index = None, -1
        if not self.nodes_of_layer(node.layer):
            layer_index = list(self.layers).index(node.layer)
            layer = self.layers.pop(node.layer)
        self._emit(GraphEvent("node_removed", node=node_id, layer=node.layer))
        return index, layer, layer_index

    def add_wire(self, wire: Wire, index: int | None = None) -> None:
        """Connect; ``index`` places the wire among the source's outgoing wires (for undo)."""
        self.check_connect(wire.src, wire.dst, wire.port, wire.out)
        self._inputs[wire.dst][wire.port] = wire
        out = self._consumers[wire.src]
        out.insert(len(out) if index is None else index, wire)
        self._emit(GraphEvent("wire_added", wire=wire))

    def remove_wire(self, wire: Wire) -> int:
        """Disconnect; returns the wire's index among its source's outgoing wires."""
        if self._inputs.get(wire.dst, {}).get(wire.port) != wire:
            raise EditError(Message("there is no wire {wire}", wire=wire))
        del self._inputs[wire.dst][wire.port]
        index = self._consumers[wire.src].index(wire)
        del self._consumers[wire.src][index]
        self._emit(GraphEvent("wire_removed", wire=wire))
        return index

    def rename_layer(self, old: str, new: str) -> None:
        check_layer_name(new)
        if old not in self.layers:
            raise EditError(Message("there is no layer {name!r}", name=old))
        if new != old and new in self.layers:
            raise EditError(Message("a layer named {name!r} exists already", name=new))
        layer = self.layers[old]
        if layer.view is not None:
            raise EditError(
                Message("{layer} calls the graph's model {model}; rename the model (in the Models panel) and the "
                        "layer follows", layer=old, model=layer.view)
            )  # fmt: skip
        if layer.inner is not None:  # a nested model's layer is named after the model, as in Keras
            layer.inner.set_name(new)
        self._relabel(old, new)

    def _relabel(self, old: str, new: str) -> None:
        """The layer ``old`` and its nodes go by ``new`` (checked by the caller)."""
        self.layers[old].name = new
        self.layers = {(new if k == old else k): v for k, v in self.layers.items()}
        for node in self.nodes.values():
            if node.layer == old:
                node.layer = new
        self._emit(GraphEvent("layer_renamed", layer=new, old=old))

    def set_config(self, layer_name: str, config: Config) -> None:
        layer = self.layers[layer_name]
        layer.config = layer.spec.make_config(config)
        self._emit(GraphEvent("config_changed", layer=layer_name))

    def set_weights(self, layer_name: str, weights: dict[str, np.ndarray]) -> None:
        self.layers[layer_name].weights = weights
        self._emit(GraphEvent("weights_changed", layer=layer_name))

    def move_node(self, node_id: int, pos: tuple[float, float]) -> None:
        self.nodes[node_id].pos = (float(pos[0]), float(pos[1]))
        # Positions do not change shapes: keep the cached analysis.
        self.changed.emit(GraphEvent("node_moved", node=node_id))

    def set_outputs(self, outputs: Iterable[int | Value] | None) -> None:
        """Mark the model's outputs (values; a bare node id stands for its output 0), or None for the default."""
        values = None if outputs is None else self._values(outputs)
        if values is not None and len(set(values)) != len(values):
            raise EditError(Message("a node can be marked as an output only once"))
        self.explicit_outputs = values
        self._emit(GraphEvent("outputs_changed"))

    def _values(self, refs: Iterable[int | Value]) -> tuple[Value, ...]:
        values = tuple((int(ref[0]), int(ref[1])) if isinstance(ref, (tuple, list)) else (int(ref), 0) for ref in refs)
        for n, out in values:
            if n not in self.nodes:
                raise EditError(Message("there is no node {node}", node=n))
            if not 0 <= out < self.output_count(n):
                raise EditError(
                    Message("{layer} gives {count} outputs; it has no output {out}", layer=self.nodes[n].layer,
                            count=self.output_count(n), out=out)
                )  # fmt: skip
        return values

    def set_models(self, models: dict[str, Iterable[int | Value]]) -> None:
        """Name the other models this graph defines, each by its output values (see :mod:`graph_core.views`)."""
        names = [self.name, *models]
        for name in models:
            check_layer_name(name, "model name")
        if len(set(names)) != len(names):
            raise EditError(Message("two models cannot share a name; {names}", names=", ".join(names)))
        checked = {name: self._values(outputs) for name, outputs in models.items()}
        for outputs in checked.values():
            if not outputs or len(set(outputs)) != len(outputs):
                raise EditError(Message("a model needs its outputs, each once"))
        for layer in self.layers.values():
            if layer.view is not None and layer.view not in checked:
                raise EditError(
                    Message("the model {model} is called by the layer {layer}; delete its node first",
                            model=layer.view, layer=layer.name)
                )  # fmt: skip
        self.models = checked
        self._emit(GraphEvent("models_changed"))

    def rename_model(self, old: str, new: str) -> None:
        """Rename one of the graph's other models; a layer calling it (named after it, as in Keras) follows."""
        if old not in self.models:
            raise EditError(Message("There is no model {name!r} here", name=old))
        check_layer_name(new, "model name")
        if new != old and (new == self.name or new in self.models):
            names = ", ".join([self.name, *self.models, new])
            raise EditError(Message("two models cannot share a name; {names}", names=names))
        caller = self.layers.get(old)  # a layer calling the model is named after it
        calls = caller is not None and caller.view == old
        if new != old and calls and new in self.layers:
            raise EditError(Message("a layer named {name!r} exists already", name=new))
        self.models = {(new if k == old else k): v for k, v in self.models.items()}
        self._emit(GraphEvent("models_changed"))
        if calls:
            assert caller is not None
            caller.config = {**caller.config, "model": ModelRef(self, new)}
            self._relabel(old, new)

    def set_name(self, name: str) -> None:
        check_layer_name(name, "model name")
        if name in self.models:
            raise EditError(Message("the graph defines another model named {name!r} already", name=name))
        self.name = name
        self._emit(GraphEvent("model_renamed"))

    # ------------------------------------------------------------------ copying

    def copy(self) -> Graph:
        """An independent copy: layers with their configs and weight arrays, nodes, wires (in fan-out order),
        outputs, the other models named over it, and each nested model (copied once, however often called).
        Nothing follows the copy's changes: it has no subscribers."""
        return self._copy({})

    def _copy(self, copies: dict[int, Graph]) -> Graph:
        if id(self) in copies:
            return copies[id(self)]
        g = copies[id(self)] = Graph(self.name)
        for name, layer in self.layers.items():
            config = dict(layer.config)
            if layer.view is not None:
                config["model"] = ModelRef(g, layer.view)
            elif layer.inner is not None:
                config["model"] = layer.inner._copy(copies)
            g.layers[name] = Layer(name, layer.type, config, {k: np.array(v) for k, v in layer.weights.items()})
        g.nodes = {n: Node(node.id, node.layer, node.pos) for n, node in self.nodes.items()}
        g._inputs = {n: dict(ports) for n, ports in self._inputs.items()}
        g._consumers = {n: list(wires) for n, wires in self._consumers.items()}
        g.explicit_outputs = self.explicit_outputs
        g.models = dict(self.models)
        g.next_id = self.next_id
        return g

    # ------------------------------------------------------------------ comparison

    def structure(self) -> dict[str, Any]:
        """A plain description for comparisons: equal graphs give equal structures."""
        return {
            "name": self.name,
            "layers": [(l.name, l.type, _config_structure(l)) for l in self.layers.values()],
            "weights": {
                l.name: {k: (v.shape, v.tobytes()) for k, v in l.weights.items()} for l in self.layers.values()
            },
            "nodes": [(n.id, n.layer, n.pos) for n in self.nodes.values()],
            "wires": sorted((w.src, w.dst, w.port, w.out) for w in self.wires()),
            "fanout_order": {n: [(w.dst, w.port, w.out) for w in ws] for n, ws in self._consumers.items()},
            "outputs": self.explicit_outputs,
            "models": self.models,
        }


def _config_structure(layer: Layer) -> Any:
    if layer.view is not None:
        return ("calls", layer.view)
    return layer.inner.structure() if layer.inner is not None else sorted(layer.config.items())


def check_layer_name(name: object, what: str = "layer name") -> str:
    """Keras refuses empty names and names with '/'; so do we (they become file paths).

    ``what`` is ``"layer name"`` or ``"model name"``.
    """
    if not isinstance(name, str) or not name.strip() or "/" in name or len(name) > 200:
        if what == "model name":
            raise EditError(Message("A model name must be non-empty text without '/'. Received: {name!r}", name=name))
        raise EditError(Message("A layer name must be non-empty text without '/'. Received: {name!r}", name=name))
    return name
