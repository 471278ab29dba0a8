"""A plain numpy forward pass, written for clarity rather than speed.

This is the oracle: the numba kernels are tested against it, and it is how
``predict`` computes when asked for the reference. Inference semantics: Dropout is the
identity and BatchNormalization uses its moving statistics.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from graph_core.errors import DataError
from graph_core.graph import Graph, Layer
from graph_core.layers.embedding import token_ids
from graph_core.messages import Message
from graph_core.model import DTYPE, input_names, output_names, require_valid


def layer_forward(layer: Layer, xs: list[np.ndarray]) -> np.ndarray:
    """One call of ``layer`` on the arrays ``xs`` (each with the batch axis first): its type's reference pass
    (a layer with several outputs: the first; :func:`layer_outputs` gives them all)."""
    return layer_outputs(layer, xs)[0]


def layer_outputs(layer: Layer, xs: list[np.ndarray]) -> list[np.ndarray]:
    """One call of ``layer`` on ``xs``: an array for each of its outputs."""
    return layer.spec.run(layer.config, layer.weights, xs)


def check_inputs(graph: Graph, inputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The model's inputs as float32 arrays (an Input of token ids: int32), or ``DataError`` saying what did not
    fit; the ids an Embedding reads must be whole and in its range."""
    analysis = graph.analysis()
    names = input_names(graph)
    missing = [n for n in names if n not in inputs]
    if missing:
        raise DataError(
            Message("Expected an input named {name!r}; received {names}", name=missing[0],
                    names=", ".join(map(repr, inputs)) or Message("none"))
        )  # fmt: skip
    out: dict[str, np.ndarray] = {}
    batch = None
    for node, name in zip(analysis.inputs, names):
        x = _array(inputs[name], name)
        if x.dtype.kind not in "biuf":
            raise DataError(
                Message("Input {name!r} must be numeric; received an array of {dtype}", name=name, dtype=str(x.dtype))
            )
        expected = analysis.shapes[node]
        assert expected is not None
        if x.ndim != len(expected) or any(w is not None and w != d for w, d in zip(expected[1:], x.shape[1:])):
            raise DataError(
                Message("Input {name!r} expects samples of shape {want}; received an array of shape {found}",
                        name=name, want=tuple(expected[1:]), found=x.shape)
            )  # fmt: skip
        if batch is not None and len(x) != batch:
            raise DataError(
                Message("All inputs need the same number of samples; received {first} and {count}", first=batch,
                        count=len(x))
            )  # fmt: skip
        batch = len(x)
        out[name] = checked_ids(graph, node, name, x)
    return out


def _array(value: object, name: str) -> np.ndarray:
    """The data of one input as an array; ``DataError`` for sequences of different lengths (a ragged list)."""
    try:
        return np.asarray(value)
    except ValueError:
        raise DataError(
            Message("Input {name!r} holds sequences of different lengths; pad them to one length (as "
                    "keras.utils.pad_sequences does), so each batch has one", name=name)
        ) from None


def checked_ids(graph: Graph, node: int, name: str, x: np.ndarray) -> np.ndarray:
    """The data ``x`` of the Input ``node`` (named ``name``) as the model takes it: float32, or int32 for an Input of
    token ids (``DataError`` if ``x`` is not whole numbers); the ids an Embedding reads must be in its range."""
    dtype = graph.layer_of(node).config.get("dtype", "float32")
    if dtype != "float32" and x.dtype.kind not in "biu":
        raise DataError(
            Message("Input {name!r} takes token ids ({dtype}); received an array of {found}", name=name,
                    dtype=dtype, found=str(x.dtype))
        )  # fmt: skip
    for layer_name, input_dim in embeddings_reading(graph, node):
        token_ids(layer_name, input_dim, x)
    return np.ascontiguousarray(x, dtype=DTYPE if dtype == "float32" else np.int32)


def token_inputs(graph: Graph) -> list[str]:
    """The names of the (valid) graph's Inputs that take token ids: of an integer dtype, or read by an Embedding."""
    analysis = graph.analysis()
    return [
        name
        for node, name in zip(analysis.inputs, input_names(graph), strict=True)
        if graph.layer_of(node).config.get("dtype", "float32") != "float32" or embeddings_reading(graph, node)
    ]


def embeddings_reading(graph: Graph, node: int) -> list[tuple[str, int]]:
    """``(name, input_dim)`` of each Embedding that reads the Input ``node``, in nested models too."""
    from graph_core.nesting import has_nested, inline_with_nodes

    if has_nested(graph):
        graph, flat_of = inline_with_nodes(graph)
        node = flat_of[node, 0][0]
    return [
        (graph.nodes[w.dst].layer, graph.layer_of(w.dst).config["input_dim"])
        for w in graph.wires_out(node)
        if graph.type_of(w.dst).takes_ids
    ]


def forward(graph: Graph, inputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Run the model on ``inputs`` (keyed by input layer name); outputs keyed by output name.

    The graph must be valid and have weights (see ``model.ensure_weights``).
    """
    analysis = require_valid(graph)
    xs = check_inputs(graph, inputs)
    values: dict[tuple[int, int], np.ndarray] = {}
    for node, name in zip(analysis.inputs, input_names(graph)):
        values[node, 0] = xs[name]
    for node in analysis.order:
        if (node, 0) in values:
            continue
        srcs = graph.values_into(node)
        if any(s not in values for s in srcs):
            continue  # a node outside the model (its inputs are unused)
        for out, y in enumerate(layer_outputs(graph.layer_of(node), [values[s] for s in srcs])):
            values[node, out] = y
    return {name: values[v] for v, name in zip(analysis.output_values, output_names(graph))}
