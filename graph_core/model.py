"""The graph seen as a model: its named inputs and outputs, its weights, its parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from graph_core.errors import GraphError
from graph_core.graph import Analysis, Graph
from graph_core.initializers import initialize, layer_rng
from graph_core.machine import available_memory
from graph_core.messages import Message

DTYPE = np.float32


@dataclass(frozen=True)
class ParamCounts:
    trainable: int
    non_trainable: int

    @property
    def total(self) -> int:
        return self.trainable + self.non_trainable


def require_valid(graph: Graph) -> Analysis:
    """The graph's analysis, or ``GraphError`` quoting its first problems."""
    analysis = graph.analysis()
    if not analysis.valid:
        shown = analysis.problems[0].message
        for problem in analysis.problems[1:3]:
            shown = Message("{head}; {tail}", head=shown, tail=problem.message)
        more = len(analysis.problems) - 3
        if more > 0:
            raise GraphError(Message("The model is not valid: {problems} (and {more} more)", problems=shown, more=more))
        raise GraphError(Message("The model is not valid: {problems}", problems=shown))
    return analysis


def input_names(graph: Graph) -> list[str]:
    return [graph.nodes[n].layer for n in graph.analysis().inputs]


def output_names(graph: Graph) -> list[str]:
    """The layer name of each output; a layer that is an output at two nodes gets ``_1``, ``_2``."""
    names: list[str] = []
    for n in graph.analysis().outputs:
        base = graph.nodes[n].layer
        name, i = base, 0
        while name in names:
            i += 1
            name = f"{base}_{i}"
        names.append(name)
    return names


def model_nodes(graph: Graph) -> set[int]:
    """The nodes the model runs: every node an output depends on, and every Input."""
    analysis = graph.analysis()
    return graph.upstream(analysis.outputs) | set(analysis.inputs)


def used_layers(graph: Graph) -> list[str]:
    """The model's layers in the order their first node runs: those an output depends on, and
    every Input (one that leads to no output is still the model's, as in Keras)."""
    analysis = graph.analysis()
    needed = model_nodes(graph)
    seen: dict[str, None] = {}
    for n in analysis.order:
        if n in needed:
            seen.setdefault(graph.nodes[n].layer, None)
    return list(seen)


def call_indices(graph: Graph) -> dict[int, int]:
    """Each node's index among the calls of its layer, in the order the model runs them.

    This is Keras's node index (``dense[1][0]`` is the second call of ``dense``).
    """
    seen: dict[str, int] = {}
    index = {}
    for node in graph.analysis().order:
        layer = graph.nodes[node].layer
        index[node] = seen.get(layer, 0)
        seen[layer] = index[node] + 1
    return index


def param_counts(graph: Graph, layer_names: list[str] | None = None) -> ParamCounts:
    """Parameters counted once per layer (a shared layer once), from the weight shapes; a nested model's
    layer counts the parameters of the model's layers, each layer object once (a model of the graph's own
    layers called as a layer adds none to the graph's)."""
    trainable = non_trainable = 0
    names = layer_names if layer_names is not None else list(graph.layers)
    for owner, name in _unique_layers(graph, names, set()):
        for spec in owner.analysis().weight_specs.get(name) or ():
            if spec.trainable:
                trainable += spec.size
            else:
                non_trainable += spec.size
    return ParamCounts(trainable, non_trainable)


def _unique_layers(graph: Graph, names: list[str], seen: set[int]) -> Iterator[tuple[Graph, str]]:
    """``(graph, name)`` of each layer with weights of its own among ``names``, nested models' layers in their
    place, each layer object once."""
    for name in names:
        layer = graph.layers[name]
        if id(layer) in seen:
            continue
        seen.add(id(layer))
        inner = layer.inner
        if inner is not None:
            if inner.analysis().valid:
                yield from _unique_layers(inner, used_layers(inner), seen)
            continue
        yield graph, name


#: The most memory the weights of one model may take (float32), before anything is allocated.
MAX_WEIGHT_BYTES = 8 << 30


def readable_bytes(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} EB"


def check_weight_memory(graph: Graph, limit: int = MAX_WEIGHT_BYTES) -> int:
    """The bytes the weights take; ``GraphError`` with the figures, before anything is allocated, when they
    are over ``limit`` or over half the memory the machine has available (the weights are drawn in float64
    before they become float32, and training needs room beside them)."""
    total = 4 * param_counts(graph).total
    if total > limit:
        raise GraphError(
            Message(
                "The model's weights would take {size}; Layerwire allows at most {limit} (check the layer sizes)",
                size=readable_bytes(total),
                limit=readable_bytes(limit),
            )
        )
    room = available_memory()
    if room is not None and total > room // 2:
        largest = max(((name, 4 * param_counts(graph, [name]).total) for name in graph.layers), key=lambda kv: kv[1])
        raise GraphError(
            Message(
                "The model's weights would take {size} ({layer} alone {layer_size}); this machine has {room} "
                "available (check the layer sizes)",
                size=readable_bytes(total),
                layer=largest[0],
                layer_size=readable_bytes(largest[1]),
                room=readable_bytes(room),
            )
        )
    return total


def ensure_weights(graph: Graph, seed: int = 0, reinitialize: bool = False, _path: str = "") -> list[str]:
    """Give every layer weights of the shapes its inputs call for.

    Missing weights, and weights whose shapes no longer fit (after a change of units,
    say), are drawn by the layer's initializers. Returns the names of the layers that
    got new weights. The graph must be valid.
    """
    analysis = require_valid(graph)
    check_weight_memory(graph)
    changed = []
    for name, layer in graph.layers.items():
        if layer.inner is not None and layer.view is None:  # by path: three copies of one model start apart
            inner = ensure_weights(layer.inner, seed, reinitialize, f"{_path}{name}/")
            changed += [f"{name}/{path}" for path in inner]
    for name, specs in analysis.weight_specs.items():
        if specs is None:
            continue
        layer = graph.layers[name]
        fits = {s.name for s in specs} == set(layer.weights) and all(
            layer.weights[s.name].shape == s.shape for s in specs
        )
        if fits and not reinitialize:
            continue
        rng = layer_rng(seed, _path + name)
        graph.set_weights(name, {s.name: initialize(s.initializer, s.shape, rng) for s in specs})
        changed.append(name)
    return changed
