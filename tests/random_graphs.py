"""Random valid graphs that use every layer type, for tests that compare implementations.

``random_graph(seed)`` gives a graph with one to three inputs of rank 2 or 3, merges,
concatenations on several axes, a shared layer when one fits, every activation over
enough seeds, and weights (BatchNormalization's moving statistics made non-trivial).
"""

from __future__ import annotations

import numpy as np

from graph_core import activations
from graph_core.builder import ModelBuilder
from graph_core.graph import Graph
from graph_core.model import ensure_weights

MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
# Activations that keep values in a range where float32 comparisons stay meaningful.
ACTIVATIONS = tuple(a for a in activations.NAMES if a != "exponential") + ("exponential",)


def random_graph(seed: int, steps: int = 8) -> Graph:
    rng = np.random.default_rng(seed)
    b = ModelBuilder(f"random_{seed}")
    g = b.graph

    def shape(n: int) -> tuple:
        s = g.analysis().shapes[n]
        assert s is not None
        return s

    nodes = [
        b.input(tuple(int(d) for d in rng.integers(2, 6, size=rng.integers(1, 3)))) for _ in range(rng.integers(1, 4))
    ]
    for step in range(steps):
        # Mostly build on recent nodes, so graphs grow deep as well as wide.
        src = (
            nodes[-1 - int(rng.integers(min(3, len(nodes))))] if rng.random() < 0.7 else nodes[rng.integers(len(nodes))]
        )
        kind = rng.choice(["Dense", "Activation", "Dropout", "BatchNormalization", "LayerNormalization", "Flatten",
                           "Reshape", "merge", "Concatenate", "shared"])  # fmt: skip
        act = str(ACTIVATIONS[(seed * 7 + step) % len(ACTIVATIONS)])
        if kind == "Dense":
            new = b.add("Dense", src, units=int(rng.integers(1, 7)), activation=act, use_bias=bool(rng.integers(2)))
        elif kind == "Activation":
            new = b.add("Activation", src, activation=act)
        elif kind in ("Dropout", "LayerNormalization"):
            new = b.add(kind, src)
        elif kind == "BatchNormalization":
            new = b.add(kind, src)
        elif kind == "Flatten":
            new = b.add("Flatten", src)
        elif kind == "Reshape":
            size = int(np.prod(shape(src)[1:]))
            target = (-1,) if size % 2 else (2, -1)
            new = b.add("Reshape", src, target_shape=target)
        elif kind == "merge":
            same = [n for n in nodes if n != src and shape(n) == shape(src)]
            other = (
                same[rng.integers(len(same))] if same else b.add("Dense", src, units=shape(src)[-1], activation="tanh")
            )
            op = str(MERGES[(seed + step) % len(MERGES)])
            extra = [src] if op not in ("Subtract",) and rng.integers(2) else []
            new = b.add(op, src, other, *extra)
        elif kind == "Concatenate":
            rank = len(shape(src))
            axis = int(rng.integers(1, rank)) if rank > 2 else -1
            other = b.add("Dense", src, units=shape(src)[-1] if axis != -1 else int(rng.integers(1, 5)))
            new = b.add("Concatenate", src, other, axis=axis)
        else:  # call an existing Dense layer again on a node of a fitting width
            fits = []
            for name, layer in g.layers.items():
                if layer.type != "Dense":
                    continue
                first_input = g.sources_of(g.nodes_of_layer(name)[0])[0]
                for n in nodes:
                    if n != first_input and shape(n)[-1] == shape(first_input)[-1]:
                        fits.append((name, n))
            if not fits:
                continue
            name, n = fits[rng.integers(len(fits))]
            new = b.call(name, n)
        nodes.append(new)
    # Every input must lead to an output: give unused inputs a Dense of their own.
    for n in g.input_nodes():
        if not g.wires_out(n):
            b.add("Dense", n, units=2)
    graph = b.done(layout=False)
    ensure_weights(graph, seed=seed)
    for layer in graph.layers.values():
        if layer.type == "BatchNormalization":
            size = layer.weights["moving_mean"].shape[0]
            layer.weights["moving_mean"] = rng.normal(0, 0.3, size).astype(np.float32)
            layer.weights["moving_variance"] = rng.uniform(0.5, 2.0, size).astype(np.float32)
            layer.weights["gamma"] = rng.uniform(0.5, 1.5, size).astype(np.float32)
            layer.weights["beta"] = rng.normal(0, 0.1, size).astype(np.float32)
    assert graph.analysis().valid, graph.analysis().problems
    return graph


def random_inputs(graph: Graph, batch: int = 4, seed: int = 0) -> dict[str, np.ndarray]:
    from graph_core.model import input_names

    rng = np.random.default_rng(seed)
    analysis = graph.analysis()
    return {
        name: rng.normal(0, 0.7, size=(batch, *analysis.shapes[n][1:])).astype(np.float32)
        for n, name in zip(analysis.inputs, input_names(graph))
    }


def keras_predict(model, inputs: dict[str, np.ndarray]) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    """A Keras model's outputs as a list, whatever its number of inputs and outputs."""
    arrays = list(inputs.values())
    got = model.predict(arrays if len(arrays) > 1 else arrays[0], verbose=0)
    return [np.asarray(v) for v in (got if isinstance(got, (list, tuple)) else [got])]


def assert_matches_reference(graph: Graph, inputs: dict[str, np.ndarray], outputs) -> None:  # type: ignore[no-untyped-def]
    """``outputs`` (in output order) equal the numpy reference's, to float32 rounding."""
    from graph_core.model import output_names
    from graph_core.reference import forward

    expected = forward(graph, inputs)
    names = output_names(graph)
    assert len(outputs) == len(names)
    for name, value in zip(names, outputs):
        np.testing.assert_allclose(np.asarray(value), expected[name], rtol=1e-4, atol=1e-5, err_msg=name)
