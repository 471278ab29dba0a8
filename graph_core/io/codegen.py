"""The graph as Keras Functional API code, in the style of the Keras guide.

    inputs = keras.Input(shape=(784,), name="input_layer")
    x = layers.Dense(64, activation="relu", name="dense")(inputs)
    outputs = layers.Dense(10, name="dense_2")(x)
    model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")

A value used once, by the very next line, is called ``x`` as the guide does; other
values are named after their layer. A shared layer is created once and then called.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from typing import Any

from graph_core.graph import Graph, Value
from graph_core.layers import Field
from graph_core.layers import get as layer_type
from graph_core.model import model_nodes


def identifier(name: str, taken: set[str]) -> str:
    """A Python identifier for ``name``, unique among ``taken`` (which it joins)."""
    ident = re.sub(r"\W", "_", name) or "v"
    if ident[0].isdigit() or keyword.iskeyword(ident) or ident in ("keras", "layers", "model", "np"):
        ident = f"{ident}_"
    base, i = ident, 1
    while ident in taken:
        i += 1
        ident = f"{base}_{i}"
    taken.add(ident)
    return ident


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple) or isinstance(value, list):
        inner = ", ".join(_literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def _short(field: Field, value: Any) -> Any:
    """A value as the Keras guide writes it: ``3`` for a kernel size of (3, 3), ``1`` for padding ((1, 1), (1, 1))."""
    if field.kind in ("ints", "optional_ints") and value is not None and len(set(value)) == 1:
        return value[0]
    if field.kind == "padding":
        pairs = (value,) if field.length == 1 else value
        if len({v for pair in pairs for v in pair}) == 1:
            return pairs[0][0]
        if field.length > 1 and all(a == b for a, b in pairs):
            return tuple(a for a, _ in pairs)
    return value


def layer_constructor(graph: Graph, layer_name: str) -> str:
    """``layers.Dense(64, activation="relu", name="dense")`` for one layer."""
    layer = graph.layers[layer_name]
    return constructor(layer.type, layer.config, layer_name)


def constructor(type_name: str, config: Mapping[str, Any], name: str | None = None) -> str:
    """``layers.Dense(64, activation="relu", name="dense")``: settings at Keras's defaults left out; a wrapper
    with the layer it wraps first, ``layers.Bidirectional(layers.LSTM(8), merge_mode="sum")``."""
    spec = layer_type(type_name)
    args = []
    if spec.keras.wrapped is not None:
        inner_type, inner_config, own = spec.keras.wrapped(dict(config))
        args.append(constructor(inner_type, inner_config))
        positional: tuple[str, ...] = ()
        config = own
    else:
        positional = spec.keras.positional
    defaults = {**spec.default_config(), **spec.keras.code_defaults}
    for key in positional:
        args.append(_literal(_short(spec.field(key), config[key])))
    for key, value in config.items():
        if key not in positional and value != defaults.get(key):
            args.append(f"{key}={_literal(_short(spec.field(key), value))}")
    if name is not None:
        args.append(f"name={_literal(name)}")
    return f"layers.{type_name}({', '.join(args)})"


def nested_models(graph: Graph) -> list[Graph]:
    """The models ``graph`` calls, each once, every model after the models it calls."""
    out: dict[int, Graph] = {}

    def visit(g: Graph, path: tuple[int, ...]) -> None:
        for layer in g.layers.values():
            inner = layer.inner
            if layer.view is not None:
                continue  # one of the graph's own models: built from its lines (see _model_lines)
            if inner is not None and id(inner) not in out and id(inner) not in path:
                visit(inner, (*path, id(inner)))
                out[id(inner)] = inner

    visit(graph, (id(graph),))
    return list(out.values())


def keras_code(graph: Graph) -> str:
    """A runnable script that rebuilds the model with the Keras Functional API.

    A nested model is built first, as its own ``keras.Model``, and then called like a layer:
    ``encoder = keras.Model(...)`` and later ``x = encoder(inputs)``. One of the graph's own models
    is made from the graph's lines, as the guide makes ``encoder`` beside ``autoencoder``, just
    before its first call.
    """
    if not graph.nodes:
        return "import keras\nfrom keras import layers\n\n# The canvas is empty: add an Input to begin.\n"
    lines = ["import keras", "from keras import layers", ""]
    model_vars: dict[int, str] = {}
    reserved = {"model", "x", "inputs", "outputs"}  # the names each model's lines use
    for inner in nested_models(graph):
        model_vars[id(inner)] = identifier(inner.name, reserved)
    for inner in nested_models(graph):
        lines += _model_lines(inner, model_vars[id(inner)], model_vars, reserved) + [""]
    lines += _model_lines(graph, "model", model_vars, reserved)
    analysis = graph.analysis()
    if not analysis.valid:
        lines += ["", "# The graph is not a valid model yet:"] + [f"# - {p.message}" for p in analysis.problems]
    return "\n".join(lines) + "\n"


def _model_lines(graph: Graph, model_var: str, model_vars: dict[int, str], reserved: set[str]) -> list[str]:
    """The lines that build one model, ending with ``model_var = keras.Model(...)``."""
    analysis = graph.analysis()
    in_model = model_nodes(graph) if analysis.valid else set(graph.nodes)
    views = {n: graph.layer_of(n).inner for n in in_model if graph.layer_of(n).view is not None}
    for view in views.values():  # the lines of a model of the graph's own come before its call
        in_model |= set(view.nodes) if view is not None else set()
    order = _with_views_first([n for n in analysis.order if n in in_model], graph, views)
    pinned = {m for view in views.values() if view is not None for m, _ in view.analysis().output_values}
    inputs = list(analysis.inputs)
    outputs = [v for v in analysis.output_values if v[0] in order]
    output_nodes = [n for n, _ in outputs]
    consumers = {n: [w.dst for w in graph.wires_out(n) if w.dst in order] for n in order}
    taken: set[str] = {"x", "inputs", "outputs", *reserved}
    var: dict[int, str] = {}
    shared: dict[str, str] = {}
    lines: list[str] = []

    def ref(value: Value) -> str:
        node, out = value
        return f"{var[node]}[{out}]" if graph.output_count(node) > 1 else var[node]

    def listed(values: list[Value]) -> str:
        if not values:
            return "[]"
        return ref(values[0]) if len(values) == 1 else "[" + ", ".join(ref(v) for v in values) + "]"

    for layer in dict.fromkeys(graph.nodes[n].layer for n in order):
        inner = graph.layers[layer].inner
        if graph.layers[layer].view is not None:
            shared[layer] = identifier(graph.layers[layer].view, taken)
        elif inner is not None:
            shared[layer] = model_vars[id(inner)]
        elif len([n for n in graph.nodes_of_layer(layer) if n in order]) > 1:
            shared[layer] = identifier(f"shared_{layer}", taken)
            lines.append(f"{shared[layer]} = {layer_constructor(graph, layer)}")
    if len(shared) > sum(graph.layers[name].inner is not None for name in shared):
        lines.append("")

    defined: set[str] = set()
    for i, n in enumerate(order):
        layer = graph.layers[graph.nodes[n].layer]
        view = views.get(n)
        if view is not None and layer.name not in defined:
            defined.add(layer.name)
            view_inputs = listed([(m, 0) for m in view.analysis().inputs])
            view_outputs = listed(list(view.analysis().output_values))
            lines.append(f"{shared[layer.name]} = keras.Model(inputs={view_inputs}, outputs={view_outputs}, "
                         f"name={_literal(view.name)})")  # fmt: skip
        if n in inputs:
            name = "inputs" if len(inputs) == 1 else identifier(layer.name, taken)
            var[n] = name
            dtype = "" if layer.config["dtype"] == "float32" else f", dtype={_literal(layer.config['dtype'])}"
            lines.append(
                f"{name} = keras.Input(shape={_literal(layer.config['shape'])}, name={_literal(layer.name)}{dtype})"
            )
            continue
        srcs = [ref(v) for v in graph.values_into(n)]
        list_input = layer.spec.keras.list_input or (layer.inner is not None and len(srcs) > 1)
        later = layer.spec.keras.later_inputs
        if not srcs:
            arg = "..."  # nothing wired in yet; still valid Python
        elif later and len(srcs) > 1:  # LSTM(...)(x, initial_state=[h, c])
            arg = f"{srcs[0]}, {later}=[{', '.join(srcs[1:])}]"
        else:
            arg = f"[{', '.join(srcs)}]" if list_input else srcs[0]
        call = shared.get(layer.name) or layer_constructor(graph, layer.name)
        nxt = order[i + 1] if i + 1 < len(order) else None
        several = graph.output_count(n) > 1  # several outputs (a model's, a layer's states): name[0], name[1]
        if n in output_nodes and len(outputs) == 1 and not several:
            name = "outputs"
        elif n not in output_nodes and consumers[n] == [nxt] and nxt is not None and not several and n not in pinned:
            name = "x"
        else:
            name = identifier(
                layer.name if layer.name not in shared else f"{layer.name}_of_{srcs[0] if srcs else 'x'}", taken
            )
        var[n] = name
        lines.append(f"{name} = {call}({arg})")

    lines += [
        "",
        f"{model_var} = keras.Model(inputs={listed([(n, 0) for n in inputs])}, outputs={listed(outputs)}, "
        f"name={_literal(graph.name)})",
    ]
    return lines


def _with_views_first(order: list[int], graph: Graph, views: dict[int, Graph | None]) -> list[int]:
    """``order`` rearranged so that the nodes of each model of the graph's own come before its calls (and every
    node after its inputs), otherwise as it was."""
    if not views:
        return order
    position = {n: i for i, n in enumerate(order)}
    needs = {n: set(graph.sources_of(n)) | (set(views[n].nodes) if views.get(n) is not None else set()) for n in order}
    done: set[int] = set()
    out: list[int] = []
    pending = list(order)
    while pending:
        n = next((m for m in pending if all(d in done or d not in position for d in needs[m])), pending[0])
        pending.remove(n)
        done.add(n)
        out.append(n)
    return out
