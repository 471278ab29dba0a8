"""Nested models seen from outside: their layers by path, and the model with every call inlined.

A nested model's layer (``encoder``) holds a whole model; its layers are named by path,
``encoder/dense`` (a layer name cannot hold ``/``, so paths never clash with names).
:func:`inline` gives the flat graph the kernels, ONNX and the scripts run: each call of a
nested model replaced by the model's own nodes, wired to what the call was wired to.
The flat graph's layers are the nested layers under their paths, holding the same weight
arrays; a model called twice gives its layers two nodes each, so they are shared layers
and their gradients add up, as Keras's are. A layer object keeps one name: where the graph
calls one of its own models, that model's layers are the graph's, under their own names.
"""

from __future__ import annotations

from graph_core.errors import EditError
from graph_core.graph import Graph, Layer, Node, Value, Wire
from graph_core.messages import Message

SEP = "/"


def has_nested(graph: Graph) -> bool:
    return any(layer.inner is not None for layer in graph.layers.values())


def find_layer(graph: Graph, path: str) -> Layer:
    """The layer at ``path`` (``encoder/dense``: layer ``dense`` of the model called by ``encoder``; in an inlined
    graph, the layer of that name)."""
    if path in graph.layers:
        return graph.layers[path]
    head, _, rest = path.partition(SEP)
    if head not in graph.layers:
        raise EditError(Message("there is no layer {name!r}", name=path))
    layer = graph.layers[head]
    if not rest:
        return layer
    if layer.inner is None:
        raise EditError(Message("there is no layer {name!r}", name=path))
    return find_layer(layer.inner, rest)


def set_weights_at(graph: Graph, path: str, weights: dict) -> None:
    """Set the weights of the layer at ``path`` through the graph that owns it (so its views hear of it)."""
    head, _, rest = path.partition(SEP)
    if not rest or path in graph.layers:
        graph.set_weights(path, weights)
        return
    inner = graph.layers[head].inner
    if inner is None:
        raise EditError(Message("there is no layer {name!r}", name=path))
    set_weights_at(inner, rest, weights)


def inline(graph: Graph) -> Graph:
    """The graph with each call of a nested model replaced by the model's nodes (a valid graph stays valid).

    The flat graph keeps the graph's name, inputs (same names) and outputs (in order); its
    output nodes are the nested models' own where a call was an output. A flat node gives
    one output but for a layer that gives several itself (a recurrent layer's states).
    """
    return inline_with_nodes(graph)[0]


def inline_with_nodes(graph: Graph) -> tuple[Graph, dict[Value, Value]]:
    """:func:`inline`, and the flat value that gives each value (a nested model's output: the model's own)."""
    analysis = graph.analysis()
    flat = Graph(graph.name)
    # A layer object has one name in the flat graph: the graph's own layers keep theirs, even where one of the
    # graph's own models calls them (a ModelRef); a nested model's layers are named by path.
    names = {id(layer): name for name, layer in graph.layers.items()}
    made = _inline_into(flat, graph, "", {}, names)
    flat.set_outputs(tuple(made[v] for v in analysis.output_values))
    return flat, made


def _inline_into(
    flat: Graph, graph: Graph, prefix: str, bound: dict[int, Value], names: dict[int, str]
) -> dict[Value, Value]:
    """Add ``graph``'s nodes to ``flat``; ``bound`` gives the flat value each of its Inputs stands for (none
    at the top level, where the Inputs are made), ``names`` the flat name of each layer object met so far.
    Returns the flat value of each of its values."""
    made: dict[Value, Value] = {(n, 0): flat_value for n, flat_value in bound.items()}
    for n in graph.analysis().order:
        if (n, 0) in made:
            continue
        layer = graph.layer_of(n)
        values = graph.values_into(n)
        if any(v not in made for v in values):
            continue  # reads a nested model's input that nothing was wired to: not part of the model
        sources = [made[v] for v in values]
        if layer.inner is not None:
            inner = layer.inner
            inner_analysis = inner.analysis()
            bound_inputs = dict(zip(inner_analysis.inputs, sources))
            inner_made = _inline_into(flat, inner, f"{prefix}{layer.name}{SEP}", bound_inputs, names)
            for out, value in enumerate(inner_analysis.output_values):
                made[n, out] = inner_made[value]
            continue
        name = names.setdefault(id(layer), prefix + layer.name)
        node_id = flat.next_id
        if name in flat.layers:
            flat.insert_node(Node(node_id, name))
        else:
            flat.insert_node(Node(node_id, name), Layer(name, layer.type, layer.config, layer.weights))
        for port, (src, out) in enumerate(sources):
            flat.add_wire(Wire(src, node_id, port, out))
        for out in range(graph.output_count(n)):
            made[n, out] = (node_id, out)
    return made
