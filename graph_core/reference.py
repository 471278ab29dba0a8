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
    """The model's inputs as float32 arrays, or ``DataError`` saying what did not fit."""
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
        x = np.asarray(inputs[name])
        if x.dtype.kind not in "biuf":
            raise DataError(
                Message("Input {name!r} must be numeric; received an array of {dtype}", name=name, dtype=str(x.dtype))
            )
        expected = analysis.shapes[node]
        assert expected is not None
        if x.shape[1:] != tuple(expected[1:]) or x.ndim != len(expected):
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
        out[name] = np.ascontiguousarray(x, dtype=DTYPE)
    return out


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
