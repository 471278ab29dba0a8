"""Several models over one graph of layers, as the Keras guide defines ``encoder`` and ``autoencoder``.

    encoder = keras.Model(encoder_input, encoder_output, name="encoder")
    autoencoder = keras.Model(encoder_input, decoder_output, name="autoencoder")

The graph is its own (main) model; :attr:`Graph.models` names others by their output
values. :func:`model_graph` gives one of them as a graph of its own that holds the *same*
layer objects — so training the encoder trains the autoencoder's first half, as in Keras
— with the nodes its outputs depend on and the Inputs they read. Such a graph is for
running, training, summarising and exporting; edits go to the main graph. Called as a
layer in the graph (a :class:`~graph_core.graph.ModelRef`), such a model shares the
graph's layers with the call.
"""

from __future__ import annotations

from graph_core.errors import GraphError
from graph_core.graph import Graph, Node
from graph_core.messages import Message


def model_names(graph: Graph) -> list[str]:
    """The main model's name, then the others' in the order they were named."""
    return [graph.name, *graph.models]


def model_graph(graph: Graph, name: str | None = None) -> Graph:
    """The model ``name`` (None or the graph's own name: the graph itself) as a graph; ``GraphError`` if the graph
    has no model of that name or its outputs are gone."""
    if name is None or name == graph.name:
        return graph
    if name not in graph.models:
        raise GraphError(
            Message("There is no model {name!r} here; the models are {names}", name=name,
                    names=", ".join(model_names(graph)))
        )  # fmt: skip
    outputs = [(n, out) for n, out in graph.models[name] if n in graph.nodes]
    if not outputs:
        raise GraphError(Message("The model {name!r} has lost its outputs (their nodes were deleted)", name=name))
    needed = graph.upstream(n for n, _ in outputs)
    view = Graph(name)
    for node_id, node in graph.nodes.items():
        if node_id in needed:
            layer = graph.layers[node.layer]
            view.insert_node(Node(node_id, node.layer, node.pos), None if node.layer in view.layers else layer)
    for node_id in graph.nodes:
        if node_id in needed:
            for wire in graph.wires_out(node_id):
                if wire.dst in needed:
                    view.add_wire(wire)
    view.set_outputs(tuple(outputs))
    return view
