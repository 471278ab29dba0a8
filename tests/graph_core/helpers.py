"""Small graph factories shared by the core's tests."""

from __future__ import annotations

from graph_core.builder import ModelBuilder
from graph_core.graph import Graph


def mnist(names: tuple[str, str, str, str] | None = None) -> Graph:
    """The Keras guide's model; ``names`` overrides the four layer names."""
    n = names or (None, None, None, None)
    b = ModelBuilder("mnist_model")
    x = b.input((784,), name=n[0])
    x = b.add("Dense", x, units=64, activation="relu", name=n[1])
    x = b.add("Dense", x, units=64, activation="relu", name=n[2])
    b.add("Dense", x, units=10, name=n[3])
    return b.done()


def single(layer_type: str, *input_shapes: tuple[int, ...], **config) -> Graph:
    """Inputs of the given shapes feeding one layer of ``layer_type``."""
    b = ModelBuilder("probe")
    ins = [b.input(s) for s in input_shapes]
    b.add(layer_type, *ins, name="probe", **config)
    return b.done(layout=False)


def probe_node(graph: Graph) -> int:
    return graph.nodes_of_layer("probe")[0]
