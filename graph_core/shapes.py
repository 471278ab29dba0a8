"""Shape inference and validation with Keras semantics, for the whole graph at once.

``analyse`` walks the nodes in topological order, applies each layer type's shape rule
to the shapes wired into it, and collects every problem with a message that quotes the
values. A node whose inputs are unknown has an unknown shape but no problem of its own,
so one mistake is reported once, where it is.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from graph_core.layers import Shape, ShapeError, WeightSpec, format_shape
from graph_core.messages import Message, of

if TYPE_CHECKING:
    from graph_core.graph import Analysis, Graph


def topological_order(graph: Graph) -> list[int]:
    """Every node, sources before the nodes they feed.

    Among the nodes ready to run, the first made goes first, except that the calls of a
    shared layer run in the order they were made whenever the wiring allows: that order
    is the layer's call numbering (Keras's node index), which files preserve.
    """
    position = {n: i for i, n in enumerate(graph.nodes)}
    missing = {n: len(graph.inputs_of(n)) for n in graph.nodes}
    calls: dict[str, list[int]] = {}
    for n, node in graph.nodes.items():
        calls.setdefault(node.layer, []).append(n)
    done: set[int] = set()

    def waits_for_earlier_call(n: int) -> bool:
        for earlier in calls[graph.nodes[n].layer]:
            if earlier == n:
                return False
            if earlier not in done:
                return True
        return False

    ready = {n for n in graph.nodes if missing[n] == 0}
    order: list[int] = []
    while ready:
        n = min(ready, key=lambda m: (waits_for_earlier_call(m), position[m]))
        ready.remove(n)
        done.add(n)
        order.append(n)
        for w in graph.wires_out(n):
            missing[w.dst] -= 1
            if missing[w.dst] == 0:
                ready.add(w.dst)
    return order  # the graph refuses cycles, so every node is here


def gives_ids(graph: Graph, node: int) -> bool:
    """The node is an Input of token ids (dtype int32 or int64)."""
    layer = graph.layer_of(node)
    return layer.type == "InputLayer" and layer.config.get("dtype", "float32") != "float32"


_LOCAL = threading.local()  # each thread its own stack: the editor and a training thread may analyse at once


def analysing() -> list[Graph]:
    """The graphs this thread is analysing, outermost first: a nested model's shape rule refuses to recurse into
    one."""
    if not hasattr(_LOCAL, "stack"):
        _LOCAL.stack = []
    return _LOCAL.stack


def analyse(graph: Graph) -> Analysis:
    stack = analysing()
    stack.append(graph)
    try:
        return _analyse(graph)
    finally:
        stack.pop()


def _analyse(graph: Graph) -> Analysis:
    from graph_core.graph import Analysis, Problem

    order = topological_order(graph)
    outs: dict[int, tuple[Shape | None, ...]] = {}
    specs: dict[str, tuple[WeightSpec, ...] | None] = {}
    problems: list[Problem] = []

    for n in order:
        layer = graph.layer_of(n)
        spec = layer.spec
        count = spec.output_count(layer.config)
        outs[n] = (None,) * count
        values = graph.values_into(n)
        missing = next(((src, out) for src, out in values if out >= len(outs[src])), None)
        if missing is not None:
            src, out = missing
            problems.append(
                Problem(
                    Message("{layer} reads output {out} of {source}, which gives {count}", layer=layer.name,
                            out=out, source=graph.nodes[src].layer, count=len(outs[src])),
                    n,
                )
            )  # fmt: skip
            continue
        in_shapes = [outs[src][out] for src, out in values]
        if spec.takes_ids and values and graph.layer_of(values[0][0]).type != "InputLayer":
            problems.append(
                Problem(Message("{layer}: {type} reads token ids from an Input; {source} computes its values",
                                layer=layer.name, type=spec.name, source=graph.nodes[values[0][0]].layer), n)
            )  # fmt: skip
            continue
        ids = next((src for src, _ in values if gives_ids(graph, src)), None)
        if ids is not None and not spec.takes_ids:
            source = graph.layer_of(ids)
            problems.append(
                Problem(
                    Message("{layer}: {type} takes numbers; {source} gives token ids ({dtype}): put an Embedding "
                            "after it", layer=layer.name, type=spec.name, source=source.name,
                            dtype=source.config["dtype"]),
                    n,
                )
            )  # fmt: skip
            continue
        wired = len(values)
        if wired < spec.min_inputs or (spec.max_inputs is not None and wired > spec.max_inputs):
            have = Message("nothing is wired into it") if wired == 0 else Message("{count} wired", count=wired)
            problems.append(
                Problem(
                    Message(
                        "{layer}: {type} needs {arity}; {have}",
                        layer=layer.name,
                        type=spec.name,
                        arity=spec.arity_text(),
                        have=have,
                    ),
                    n,
                )
            )
            continue
        if any(s is None for s in in_shapes):
            continue
        known: list[Shape] = in_shapes  # type: ignore[assignment]
        try:
            outs[n] = spec.output_shapes(layer.config, known)
            node_specs = spec.weight_specs(layer.config, known)
        except ShapeError as exc:
            problems.append(Problem(Message("{layer}: {problem}", layer=layer.name, problem=of(exc)), n))
            continue
        previous = specs.get(layer.name)
        if layer.name in specs and previous != node_specs:
            problems.append(
                Problem(
                    Message(
                        "{layer}: a shared layer needs inputs that give it the same weights; this call gets {shapes}",
                        layer=layer.name,
                        shapes=", ".join(format_shape(s) for s in known),
                    ),
                    n,
                )
            )
            continue
        specs[layer.name] = node_specs

    for name in graph.layers:
        specs.setdefault(name, None)

    inputs = tuple(graph.input_nodes())
    output_values = tuple(graph.output_values())
    outputs = tuple(n for n, _ in output_values)
    if not graph.nodes:
        problems.append(Problem(Message("The model is empty; add an InputLayer")))
    else:
        if not inputs:
            problems.append(Problem(Message("The model has no Input; add an InputLayer")))
        if not outputs and graph.explicit_outputs is not None:
            problems.append(Problem(Message("The model has no output; mark a node as the model's output")))
        elif not outputs:  # without marked outputs only Inputs can leave none: nothing follows them yet
            first = graph.nodes[inputs[0]].layer
            problems.append(
                Problem(Message("The model has no layer after its Input yet; wire a layer to {layer}", layer=first),
                        inputs[0])
            )  # fmt: skip
    used = graph.upstream(outputs)
    warnings = [
        Problem(
            Message(
                "{layer}: this Input does not lead to any output; the model still takes its data, as Keras does, "
                "and does not use it",
                layer=graph.nodes[n].layer,
            ),
            n,
        )
        for n in inputs
        if outputs and n not in used
    ]
    for n, out in output_values:
        if out >= len(outs[n]):
            problems.append(
                Problem(Message("the model's output is output {out} of {layer}, which gives {count}", out=out,
                                layer=graph.nodes[n].layer, count=len(outs[n])), n)
            )  # fmt: skip
    shapes = {n: given[0] if given else None for n, given in outs.items()}
    return Analysis(tuple(order), shapes, specs, tuple(problems), inputs, outputs, tuple(warnings), output_values,
                    outs)  # fmt: skip
