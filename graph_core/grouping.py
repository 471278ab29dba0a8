"""Turn a selection into a nested model, and a nested model back into its layers (Ctrl+G, Ctrl+Shift+G).

:func:`group_edit` gives one reversible edit that moves the selected nodes into a new
model and calls that model where they were: each value wired into the selection from
outside becomes one of the model's Inputs (in the order the model reads them), and each
value the rest of the graph reads from the selection (or that is an output) becomes one of
its outputs. The layers keep their names (a model has its own names) and their weights.

:func:`dissolve_edit` does the reverse for a node that calls a model once: the model's
layers come back into the graph (renamed where a name is taken), wired to what the
node was wired to, with their weights.

Both refuse, with the reason, what would not be a model: Inputs in the selection, a layer
also called outside it, and a path that leaves the selection and comes back into it.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_core import edits
from graph_core import layers as registry
from graph_core.errors import EditError
from graph_core.graph import Graph, Layer, Node, Value, Wire
from graph_core.messages import Message

#: How far apart the Inputs of a new nested model are placed, and how far left of its first layer.
_INPUT_GAP = 110.0


def group_edit(graph: Graph, node_ids: Iterable[int], name: str | None = None) -> edits.Compound:
    """The edit that moves ``node_ids`` into a new model named ``name`` (default ``model``, ``model_1``...)."""
    chosen = [n for n in graph.analysis().order if n in set(node_ids)]
    if not chosen:
        raise EditError(Message("Select the layers to put into a model"))
    inside = set(chosen)
    _check_groupable(graph, inside)
    analysis = graph.analysis()

    sources: list[Value] = []  # values wired in from outside, in the order the selection reads them
    for n in chosen:
        for value in graph.values_into(n):
            if value[0] not in inside and value not in sources:
                sources.append(value)
    # The values the rest of the graph reads from the selection, or that are outputs of one of its models.
    ends = {v for outputs in [analysis.output_values, *graph.models.values()] for v in outputs}
    read = {w.value for n in chosen for w in graph.wires_out(n) if w.dst not in inside}
    leaving = [(n, o) for n in chosen for o in range(graph.output_count(n)) if (n, o) in ends | read]
    if not leaving:  # nothing outside reads the selection: its ends are the outputs
        leaving = [(n, o) for n in chosen if not graph.wires_out(n) for o in range(graph.output_count(n))]
    for value in sources:
        if analysis.shape_of(value) is None:
            raise EditError(
                Message("{layer} has no known shape yet; wire the model up to the selection first",
                        layer=graph.nodes[value[0]].layer)
            )  # fmt: skip

    model_name = name if name is not None else graph.unique_name("model")
    inner = Graph(model_name)
    xs = [graph.nodes[n].pos[0] for n in chosen]
    ys = [graph.nodes[n].pos[1] for n in chosen]
    first_id = max(inside) + 1
    input_of: dict[Value, int] = {}
    for i, value in enumerate(sources):
        shape = analysis.shape_of(value)
        assert shape is not None
        input_name = inner.unique_name("input_layer", taken=[graph.nodes[n].layer for n in chosen])
        node = Node(first_id + i, input_name, (min(xs) - 2 * _INPUT_GAP, min(ys) + i * _INPUT_GAP))
        source = graph.layer_of(value[0])
        dtype = source.config["dtype"] if source.type == "InputLayer" else "float32"  # token ids stay token ids
        config = registry.get("InputLayer").make_config({"shape": tuple(shape[1:]), "dtype": dtype})
        inner.insert_node(node, Layer(input_name, "InputLayer", config))
        input_of[value] = node.id
    for n in chosen:
        layer = graph.layer_of(n)
        new_layer = None
        if layer.name not in inner.layers:
            new_layer = Layer(layer.name, layer.type, dict(layer.config), dict(layer.weights))
        inner.insert_node(Node(n, layer.name, graph.nodes[n].pos), new_layer)
    for n in chosen:
        for wire in graph.wires_into(n):
            if wire.value in input_of:
                inner.add_wire(Wire(input_of[wire.value], n, wire.port))
            else:
                inner.add_wire(wire)
    inner.set_outputs(leaving)

    node_id = graph.next_id
    moved = {value: (node_id, k) for k, value in enumerate(leaving)}
    steps: list[edits.Edit] = [edits.RemoveNode(n) for n in reversed(chosen)]
    center = (sum(xs) / len(xs), sum(ys) / len(ys))
    steps.append(edits.AddNode("Functional", {"model": inner}, center, name=model_name, node_id=node_id))
    steps += [edits.Connect(src, node_id, port, out) for port, (src, out) in enumerate(sources)]
    steps += [
        edits.Connect(node_id, w.dst, w.port, moved[w.value][1])
        for n in chosen
        for w in graph.wires_out(n)
        if w.dst not in inside
    ]
    steps += _outputs_moved(graph, moved)
    return edits.Compound(steps, name=f"Group into {model_name}")


def _outputs_moved(graph: Graph, moved: dict[Value, Value]) -> list[edits.Edit]:
    """The edits that make the graph's outputs and its other models' outputs ``moved``'s new values."""
    steps: list[edits.Edit] = []
    outputs = graph.explicit_outputs
    if outputs is not None and any(v in moved for v in outputs):
        steps.append(edits.SetOutputs(tuple(moved.get(v, v) for v in outputs)))
    if any(v in moved for ends in graph.models.values() for v in ends):
        steps.append(
            edits.SetModels({name: tuple(moved.get(v, v) for v in ends) for name, ends in graph.models.items()})
        )
    return steps


def _check_groupable(graph: Graph, inside: set[int]) -> None:
    for n in inside:
        layer = graph.layer_of(n)
        if layer.type == "InputLayer":
            raise EditError(
                Message("{layer} is one of the model's Inputs; select the layers after it", layer=layer.name)
            )
        outside = [m for m in graph.nodes_of_layer(layer.name) if m not in inside]
        if outside:
            raise EditError(
                Message("{layer} is also called outside the selection; select all its calls or none", layer=layer.name)
            )
    after: set[int] = set()
    stack = [w.dst for n in inside for w in graph.wires_out(n) if w.dst not in inside]
    while stack:
        n = stack.pop()
        if n not in after:
            after.add(n)
            stack += [w.dst for w in graph.wires_out(n)]
    back = after & (graph.upstream(inside) - inside)
    if back:
        raise EditError(
            Message("The selection's values go out through {layer} and come back into it; select {layer} too, or "
                    "less", layer=graph.nodes[min(back)].layer)
        )  # fmt: skip


def dissolve_edit(graph: Graph, node: int) -> edits.Compound:
    """The edit that puts the layers of the model ``node`` calls in its place."""
    if node not in graph.nodes:
        raise EditError(Message("there is no node {node}", node=node))
    layer = graph.layer_of(node)
    inner = layer.inner
    if inner is None:
        raise EditError(Message("{layer} ({type}) is not a nested model", layer=layer.name, type=layer.type))
    if layer.view is not None:
        raise EditError(
            Message("{layer} calls the graph's own model {model}; its layers are on this canvas already",
                    layer=layer.name, model=layer.view)
        )  # fmt: skip
    calls = len(graph.nodes_of_layer(layer.name))
    if calls > 1:
        raise EditError(
            Message("{layer} is called {count} times; its layers can only come out where the model is called once",
                    layer=layer.name, count=calls)
        )  # fmt: skip
    analysis = inner.analysis()
    if not analysis.valid:
        raise EditError(Message("the model {name} is not valid: {problem}", name=inner.name,
                                problem=analysis.problems[0].message))  # fmt: skip
    source_of_port = {w.port: w.value for w in graph.wires_into(node)}
    source_of_input = {n: source_of_port.get(port) for port, n in enumerate(analysis.inputs)}
    given_back = [n for n, _ in analysis.output_values if n in source_of_input]
    if given_back:
        raise EditError(
            Message("the model {name} gives its input {input} straight back; remove its node instead",
                    name=inner.name, input=inner.nodes[given_back[0]].layer)
        )  # fmt: skip

    body = [n for n in inner.nodes if n not in source_of_input]
    xs = [inner.nodes[n].pos[0] for n in body]
    ys = [inner.nodes[n].pos[1] for n in body]
    dx = graph.nodes[node].pos[0] - (min(xs) + max(xs)) / 2
    dy = graph.nodes[node].pos[1] - (min(ys) + max(ys)) / 2
    steps: list[edits.Edit] = [edits.RemoveNode(node)]
    taken = [name for name in graph.layers if name != layer.name]
    renamed: dict[str, str] = {}
    made: dict[int, int] = {}
    next_id = graph.next_id
    for n in body:
        inner_layer = inner.layer_of(n)
        x, y = inner.nodes[n].pos
        pos = (x + dx, y + dy)
        if inner_layer.name in renamed:
            steps.append(edits.CallLayer(renamed[inner_layer.name], pos, node_id=next_id))
        else:
            new_name = inner_layer.name if inner_layer.name not in taken else graph.unique_name(inner_layer.name, taken)
            taken.append(new_name)
            renamed[inner_layer.name] = new_name
            steps.append(
                edits.AddNode(inner_layer.type, dict(inner_layer.config), pos, name=new_name,
                              weights=dict(inner_layer.weights), node_id=next_id)
            )  # fmt: skip
        made[n] = next_id
        next_id += 1
    for n in body:
        for wire in inner.wires_into(n):
            outer_src = (made[wire.src], wire.out) if wire.src in made else source_of_input.get(wire.src)
            if outer_src is not None:
                steps.append(edits.Connect(outer_src[0], made[n], wire.port, outer_src[1]))
    moved = {(node, k): (made[n], out) for k, (n, out) in enumerate(analysis.output_values)}
    steps += [edits.Connect(moved[w.value][0], w.dst, w.port, moved[w.value][1]) for w in graph.wires_out(node)]
    steps += _outputs_moved(graph, moved)
    return edits.Compound(steps, name=f"Dissolve {layer.name}")
