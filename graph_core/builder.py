"""Build graphs in code the way the Keras Functional API does.

    b = ModelBuilder("mnist_model")
    x = b.input((784,))
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=10)
    graph = b.done()

Every step is a real edit, so what the builder makes is exactly what the editor makes.
Used by the examples, the importers and the tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from graph_core import edits
from graph_core.graph import Graph, Value
from graph_core.layout import auto_layout


class ModelBuilder:
    def __init__(self, name: str = "model", graph: Graph | None = None) -> None:
        self.graph = graph if graph is not None else Graph(name)

    def input(self, shape: tuple[int, ...], name: str | None = None) -> int:
        return self.add("InputLayer", name=name, shape=tuple(shape))

    def add(
        self,
        layer_type: str,
        *sources: int | Value,
        name: str | None = None,
        weights: Mapping[str, np.ndarray] | None = None,
        **config: Any,
    ) -> int:
        """A new layer called on ``sources`` (in port order: node ids, or ``(node, output)`` values of a node
        with several outputs); returns its node id."""
        edit = edits.AddNode(layer_type, config, name=name, weights=weights)
        edit.apply(self.graph)
        assert edit.node_id is not None
        self.wire(edit.node_id, *sources)
        return edit.node_id

    def call(self, layer: str, *sources: int | Value) -> int:
        """Call an existing layer again (a shared layer); returns the new node's id."""
        edit = edits.CallLayer(layer)
        edit.apply(self.graph)
        assert edit.node_id is not None
        self.wire(edit.node_id, *sources)
        return edit.node_id

    def wire(self, node: int, *sources: int | Value) -> None:
        for port, src in enumerate(sources):
            value = src if isinstance(src, tuple) else (src, 0)
            edits.Connect(value[0], node, port, value[1]).apply(self.graph)

    def outputs(self, *values: int | Value) -> None:
        edits.SetOutputs(tuple(values)).apply(self.graph)

    def done(self, layout: bool = True) -> Graph:
        if layout:
            for node, pos in auto_layout(self.graph).items():
                self.graph.move_node(node, pos)
        return self.graph
