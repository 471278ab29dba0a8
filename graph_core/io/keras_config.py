"""Keras 3 model configs (``config.json``, ``model.to_json()``) to and from a graph.

Reading turns a Functional model's config (or a simple Sequential one) into a graph:
one layer per config entry, one node per inbound node, wires from ``keras_history``.
A shared layer (several inbound nodes) becomes one layer called at several nodes. The
reader accepts only what Layerwire computes the same way Keras does: a layer type,
activation, initializer or setting it lacks is refused with a
:class:`~graph_core.errors.FileFormatError` naming the layer and the field, while
settings that change nothing (``trainable: true``, a float32 dtype policy, null
regularizers and constraints...) are accepted.

Writing produces the config exactly as Keras 3.15 writes it: every layer's full
config with Keras's default keys, layers in Keras's ``map_graph`` order, inbound
nodes with ``__keras_tensor__`` arguments. ``keras_layers`` gives the order of
``model.layers`` that the weights file follows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph_core import layers as registry
from graph_core.builder import ModelBuilder
from graph_core.errors import FileFormatError, LayerwireError
from graph_core.graph import Graph, ModelRef, Value
from graph_core.layers.core import input_config_from_batch_shape
from graph_core.layers.keras_io import fail, is_int, read_layer
from graph_core.messages import Message, of
from graph_core.model import require_valid
from graph_core.summary import keras_order

#: The Keras release whose format the writer follows.
KERAS_VERSION = "3.15.1"
#: Largest number of values one layer's weights may hold (checked before anything is allocated).
MAX_WEIGHT_VALUES = 1 << 31
MAX_LAYERS = 100_000
#: What a config read from memory is called in messages (a file gives its path).
THE_CONFIG = Message("the config")

Json = Any


def snake_case(class_name: str) -> str:
    """Keras's ``naming.to_snake_case``: ``BatchNormalization`` -> ``batch_normalization``."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def weight_group_names(layer_types: list[str]) -> list[str]:
    """The h5 group of each layer of ``model.layers``: named by class with a counter, not by layer name."""
    used: dict[str, int] = {}
    names = []
    for t in layer_types:
        base = snake_case(t)
        if base in used:
            used[base] += 1
            names.append(f"{base}_{used[base]}")
        else:
            used[base] = 0
            names.append(base)
    return names


# =========================================================================== reading


@dataclass(frozen=True)
class KerasModel:
    """A config read into a graph, plus ``model.layers`` in Keras's order (the weights' order)."""

    graph: Graph
    weight_layers: tuple[str, ...]


@dataclass
class _Call:
    """One inbound node of a config layer."""

    layer: str
    index: int
    sources: list[tuple[str, int, int]]  # (layer, node index, tensor index) per input port
    shapes: list[Json]  # the declared shape of each input, or None
    keras2: bool = False  # Keras 2's list form, which counts a nested model's calls from 1


def _at(source: str, path: str) -> str:
    """``source: path`` (a place in the config), a message so that ``source`` may be one."""
    return Message("{source}: {path}", source=source, path=path)


def _field(where: str, field: str) -> str:
    """``where.field``, a message so that ``where`` may be one."""
    return Message("{where}.{field}", where=where, field=field)


def graph_from_keras_config(obj: Json, source: str = THE_CONFIG) -> Graph:
    """The graph of a Keras model config (``json.loads(model.to_json())``), without weights."""
    return read_model_config(obj, source).graph


def read_model_config(obj: Json, source: str = THE_CONFIG) -> KerasModel:
    """Read a Functional or Sequential model config; raises ``FileFormatError`` on anything else."""
    if not isinstance(obj, dict):
        raise fail(source, Message("a Keras model config (a JSON object)"), obj)
    if "class_name" not in obj or "config" not in obj:
        raise FileFormatError(
            Message("{source}: expected a Keras model config with class_name and config; it has neither", source=source)
        )
    cls = obj["class_name"]
    config = obj["config"]
    if not isinstance(config, dict):
        raise fail(_at(source, "config"), Message("an object"), config)
    if cls in ("Functional", "Model"):
        if "layers" not in config and "input_layers" not in config:
            raise FileFormatError(
                Message(
                    "{source}: the {cls} is a subclassed model without a layer graph; Layerwire reads Functional and "
                    "Sequential models",
                    source=source,
                    cls=cls,
                )
            )
        return _read_functional(config, source)
    if cls == "Sequential":
        return _read_sequential(obj, config, source)
    raise FileFormatError(
        Message("{source}: expected a Functional or Sequential model; found a {cls!r}", source=source, cls=cls)
    )


def _layer_entries(config: dict[str, Json], source: str) -> list[dict[str, Json]]:
    entries = config.get("layers")
    if not isinstance(entries, list):
        raise fail(_at(source, "config.layers"), Message("a list of layers"), entries)
    if len(entries) > MAX_LAYERS:
        raise FileFormatError(
            Message("{source}: the model has {count} layers; Layerwire reads at most {most}", source=source,
                    count=len(entries), most=MAX_LAYERS)
        )  # fmt: skip
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise fail(_at(source, f"config.layers[{i}]"), Message("an object"), entry)
    return entries


def _entry_class(entry: dict[str, Json], where: str) -> tuple[str, dict[str, Json]]:
    cls = entry.get("class_name")
    if not isinstance(cls, str):
        raise fail(_field(where, "class_name"), Message("a layer class name"), cls)
    cfg = entry.get("config")
    if not isinstance(cfg, dict):
        raise fail(_field(where, "config"), Message("an object"), cfg)
    registered = entry.get("registered_name")
    if registered is not None and cls in registry.REGISTRY:
        raise FileFormatError(
            Message(
                "{where}: the model uses the custom layer class {name!r}, which Layerwire does not have",
                where=where,
                name=registered,
            )
        )
    if cls not in registry.REGISTRY:
        name = entry.get("name", cfg.get("name"))
        raise FileFormatError(
            Message(
                "the model uses {cls} (layer {name!r}), which Layerwire does not have; it has {types}",
                cls=cls,
                name=name,
                types=", ".join(registry.REGISTRY),
            )
        )
    return cls, cfg


def _entry_name(entry: dict[str, Json], cfg: dict[str, Json], where: str) -> str:
    name = entry.get("name", cfg.get("name"))
    if not isinstance(name, str):
        raise fail(_field(where, "name"), Message("the layer's name"), name)
    if "name" in cfg and cfg["name"] != name:
        raise FileFormatError(
            Message("{where}: the layer is named {name!r} but its config says {config_name!r}", where=where,
                    name=name, config_name=cfg["name"])
        )  # fmt: skip
    return name


def _read_functional(config: dict[str, Json], source: str) -> KerasModel:
    entries = _layer_entries(config, source)
    types: dict[str, str] = {}
    configs: dict[str, registry.Config] = {}
    calls: dict[tuple[str, int], _Call] = {}
    order: list[tuple[str, int]] = []
    nested: dict[str, Graph] = {}
    # nested models made of this model's own layers (Keras's shared_object_id), with the names of those shared
    views: dict[str, tuple[Graph, set[str]]] = {}
    builder = ModelBuilder()
    shared_here = {e["shared_object_id"]: _raw_name(e) for e in entries if is_int(e.get("shared_object_id"))}
    # Keras marks a layer shared in both places only when the outer model lists it before the nested model; listed
    # after, only the outer entry has the id. Such an id found once stands for the nested layer of its name.
    marked = [i for e in entries if _is_nested_model(e) for i, _ in _nested_shared_ids(e)]
    unpaired = {name for i, name in shared_here.items() if i not in marked}
    for i, entry in enumerate(entries):
        where = Message("{source}: layer {index}", source=source, index=i)
        if _is_nested_model(entry):
            cls, cfg = NESTED_MODEL, entry["config"]
        else:
            cls, cfg = _entry_class(entry, where)
        name = _entry_name(entry, cfg, where)
        if name in types:
            raise FileFormatError(Message("{source}: two layers are named {name!r}", source=source, name=name))
        types[name] = cls
        if cls == NESTED_MODEL and _shares_layers(entry, shared_here):
            shared = {n for i, n in _nested_shared_ids(entry) if shared_here.get(i) == n}
            shared |= {_raw_name(e) for e in entry["config"]["layers"] if isinstance(e, dict)} & unpaired
            views[name] = (_read_nested(entry, name, source), shared)
            configs[name] = {"model": ModelRef(builder.graph, name)}
        elif cls == NESTED_MODEL:
            nested[name] = _read_nested(entry, name, source)
            configs[name] = {"model": nested[name]}
        else:
            configs[name] = layer_config_from_keras(cls, name, cfg)
        nodes = entry.get("inbound_nodes", [])
        if not isinstance(nodes, list):
            raise fail(
                Message("{source}: layer {name!r} inbound_nodes", source=source, name=name), Message("a list"), nodes
            )
        if cls == "InputLayer":
            if nodes:
                raise FileFormatError(
                    Message("{source}: the InputLayer {name!r} has inbound nodes; an input takes none", source=source,
                            name=name)
                )  # fmt: skip
            nodes = [None]
        for index, node in enumerate(nodes):
            where = Message("{source}: layer {name!r} inbound node {index}", source=source, name=name, index=index)
            call = _read_call(name, cls, index, node, where)
            calls[(name, index)] = call
            order.append((name, index))

    # Keras counts a nested model's calls from 1 in input_layers and output_layers (a model once had a
    # node of its own); inbound nodes count them from 0.
    for call in calls.values():
        if call.keras2:
            call.sources = _unshifted(call.sources, types)
    inputs = _unshifted(_tensor_refs(config.get("input_layers"), _at(source, "config.input_layers")), types)
    outputs = _unshifted(_tensor_refs(config.get("output_layers"), _at(source, "config.output_layers")), types)
    for ref in [*inputs, *outputs]:
        if ref[:2] not in calls:
            raise FileFormatError(
                Message("{source}: the model refers to node {index} of layer {name!r}, which it lacks", source=source,
                        index=ref[1], name=ref[0])
            )  # fmt: skip
    for ref in inputs:
        if types[ref[0]] != "InputLayer":
            raise FileFormatError(
                Message("{source}: config.input_layers names {name!r}, a {cls}, not an InputLayer", source=source,
                        name=ref[0], cls=types[ref[0]])
            )  # fmt: skip
    if len(set(inputs)) != len(inputs):
        raise FileFormatError(Message("{source}: config.input_layers names one input twice", source=source))
    if len(set(outputs)) != len(outputs):
        raise FileFormatError(
            Message("{source}: config.output_layers names one tensor twice; Layerwire marks each output once",
                    source=source)
        )  # fmt: skip

    needed = _needed(calls, [ref[:2] for ref in outputs], source)
    name = config.get("name", "model")
    _set_model_name(builder.graph, name, source)
    made: dict[tuple[str, int], int] = {}
    try:
        for ref in inputs:
            made[ref[:2]] = builder.add("InputLayer", name=ref[0], **configs[ref[0]])
        pending = [ref for ref in order if ref in needed and ref not in made]
        for ref in pending:
            if types[ref[0]] == "InputLayer":
                raise FileFormatError(
                    Message("{source}: the outputs depend on the InputLayer {name!r}, which is not among the model's "
                            "inputs (Keras: graph disconnected)", source=source, name=ref[0])
                )  # fmt: skip
        while pending:  # as Keras does: retry nodes whose inputs are not made yet
            waiting = []
            blocked: set[str] = set()  # a layer's calls are made in their order, as Keras numbers them
            for ref in pending:
                call = calls[ref]
                if call.layer in blocked or not all(s[:2] in made for s in call.sources):
                    waiting.append(ref)
                    blocked.add(call.layer)
                    continue
                srcs = [(made[s[:2]], s[2]) for s in call.sources]
                if call.layer in builder.graph.layers:
                    made[ref] = builder.call(call.layer, *srcs)
                else:
                    made[ref] = builder.add(types[call.layer], *srcs, name=call.layer, **configs[call.layer])
            if len(waiting) == len(pending):  # pragma: no cover - _needed refuses cycles first
                raise FileFormatError(Message("{source}: the layers' inbound nodes form a cycle", source=source))
            pending = waiting
        builder.outputs(*((made[ref[:2]], ref[2]) for ref in outputs))
        if views:
            builder.graph.set_models({view: _view_outputs(builder, model, view, shared, source)
                                      for view, (model, shared) in views.items()})  # fmt: skip
    except FileFormatError:
        raise
    except LayerwireError as exc:
        raise FileFormatError(Message("{where}: {problem}", where=source, problem=of(exc))) from None
    graph = builder.done()
    _check_model(graph, source)
    for ref in made:
        _check_declared_shapes(graph, calls[ref], [(made[s[:2]], s[2]) for s in calls[ref].sources], source)
    order_names, _ = keras_order(graph)
    return KerasModel(graph, tuple(order_names))


NESTED_MODEL = "Functional"


def _is_nested_model(entry: dict[str, Json]) -> bool:
    """A layer entry that is a whole Functional model (Keras writes ``Functional``; older files ``Model``)."""
    cfg = entry.get("config")
    return entry.get("class_name") in ("Functional", "Model") and isinstance(cfg, dict) and "layers" in cfg


def _raw_name(entry: dict[str, Json]) -> Json:
    cfg = entry.get("config")
    return entry.get("name", cfg.get("name") if isinstance(cfg, dict) else None)


def _nested_shared_ids(entry: dict[str, Json]) -> list[tuple[Json, Json]]:
    """``(shared_object_id, layer name)`` of the nested model's layers that Keras wrote as shared objects."""
    layers = entry["config"].get("layers")
    if not isinstance(layers, list):
        return []
    return [
        (e["shared_object_id"], _raw_name(e))
        for e in layers
        if isinstance(e, dict) and is_int(e.get("shared_object_id"))
    ]


def _shares_layers(entry: dict[str, Json], shared_here: dict[Json, Json]) -> bool:
    """The nested model holds layers of the model it is nested in (Keras: the same objects, one shared_object_id)."""
    return any(i in shared_here for i, _ in _nested_shared_ids(entry))


def _view_outputs(builder: ModelBuilder, model: Graph, name: str, shared: set[str], source: str) -> tuple[Value, ...]:
    """The outputs of ``model``, a nested model over the outer graph's layers (``shared``: the names of those it
    shares), as values of the outer graph: each node of a shared layer is the outer graph's node of that layer on
    the same inputs; the nodes of layers only the nested model has are added to the outer graph (outside its
    own model), so the nested model is one of the graph's own. ``FileFormatError`` if it cannot be one."""
    graph = builder.graph
    found: dict[int, int] = {}
    for n in model.analysis().order:
        layer = model.layer_of(n)
        want = [(found[src], out) for src, out in model.values_into(n)]
        if layer.name in shared:
            match = [m for m in graph.nodes_of_layer(layer.name) if graph.values_into(m) == want]
            if not match:
                raise FileFormatError(
                    Message("{source}: the nested model {name!r} calls {layer!r} on other values than the model it "
                            "is in does; Layerwire reads a model of shared layers where it is one of the outer "
                            "model's own", source=source, name=name, layer=layer.name)
                )  # fmt: skip
            found[n] = match[0]
        elif layer.type == "InputLayer" or layer.name in graph.layers and layer.name not in _added(builder):
            raise FileFormatError(
                Message("{source}: the nested model {name!r} shares layers with the model it is in, and has a "
                        "{type} {layer!r} of its own; Layerwire reads such a model where its Inputs are the outer "
                        "model's and its other layers' names are its own", source=source, name=name, type=layer.type,
                        layer=layer.name)
            )  # fmt: skip
        elif layer.name in graph.layers:
            found[n] = builder.call(layer.name, *want)
        else:
            found[n] = builder.add(layer.type, *want, name=layer.name, weights=None, **layer.config)
            _added(builder).add(layer.name)
    return tuple((found[n], out) for n, out in model.analysis().output_values)


def _added(builder: ModelBuilder) -> set[str]:
    """The layers added to the outer graph for its nested models of shared layers."""
    return builder.__dict__.setdefault("_view_layers", set())


def _read_nested(entry: dict[str, Json], name: str, source: str) -> Graph:
    return _read_functional(entry["config"], Message("{source}: model {name!r}", source=source, name=name)).graph


def _unshifted(refs: list[tuple[str, int, int]], types: dict[str, str]) -> list[tuple[str, int, int]]:
    out = []
    for name, index, tensor in refs:
        if types.get(name) == NESTED_MODEL:
            index -= 1
        out.append((name, index, tensor))
    return out


def _needed(calls: dict[tuple[str, int], _Call], outputs: list[tuple[str, int]], source: str) -> set[tuple[str, int]]:
    """The nodes the outputs depend on; refuses references to missing nodes and cycles."""
    state: dict[tuple[str, int], int] = {}  # 1 visiting, 2 done
    for out in outputs:
        stack: list[tuple[tuple[str, int], int]] = [(out, 0)]
        while stack:
            ref, i = stack.pop()
            if i == 0:
                if state.get(ref) == 2:
                    continue
                state[ref] = 1
            srcs = calls[ref].sources
            if i < len(srcs):
                stack.append((ref, i + 1))
                src = srcs[i][:2]
                if src not in calls:
                    raise FileFormatError(
                        Message("{source}: layer {name!r} reads node {index} of layer {other!r}, which the model lacks",
                                source=source, name=ref[0], index=src[1], other=src[0])
                    )  # fmt: skip
                if state.get(src) == 1:
                    raise FileFormatError(
                        Message("{source}: the layers' inbound nodes form a cycle through {name!r}", source=source,
                                name=src[0])
                    )  # fmt: skip
                if state.get(src) != 2:
                    stack.append((src, 0))
            else:
                state[ref] = 2
    return set(state)


def _tensor_refs(value: Json, where: str) -> list[tuple[str, int, int]]:
    """``input_layers``/``output_layers``: one ``[name, node, tensor]`` triple, a list of them or a dict."""

    def leaf(v: Json) -> bool:
        return isinstance(v, list) and len(v) == 3 and isinstance(v[0], str)

    if leaf(value):
        items = [value]
    elif isinstance(value, dict):
        items = [value[k] for k in sorted(value)]  # Keras flattens a dict in key order
    elif isinstance(value, list) and value:
        items = value
    else:
        raise fail(where, Message("a [layer, node, tensor] triple or a list of them"), value)
    refs = []
    for item in items:
        if not leaf(item) or not is_int(item[1]) or item[1] < 0 or not is_int(item[2]) or item[2] < 0:
            raise fail(where, Message("[layer name, node index, tensor index]"), item)
        refs.append((item[0], item[1], item[2]))
    return refs


def _read_call(layer: str, cls: str, index: int, node: Json, where: str) -> _Call:
    if node is None:
        return _Call(layer, index, [], [])
    tensors: list[Json]
    if isinstance(node, dict):  # Keras 3: {"args": [...], "kwargs": {...}}
        args, kwargs = node.get("args"), node.get("kwargs", {})
        if not isinstance(args, list) or len(args) != 1:
            raise fail(_field(where, "args"), Message("one argument: a tensor or a list of tensors"), args)
        tensors = args[0] if isinstance(args[0], list) else [args[0]]
        given = len(tensors)
        later = registry.get(cls).keras.later_inputs
        if later and isinstance(kwargs, dict) and kwargs.get(later) is not None:  # initial_state=[h, c], or =h
            kwargs = dict(kwargs)
            extra = kwargs.pop(later)
            extra = extra if isinstance(extra, list) else [extra]
            if not extra:
                raise fail(Message("{where} {field}", where=_field(where, "kwargs"), field=later),
                           Message("a tensor or a list of tensors"), extra)  # fmt: skip
            tensors = [*tensors, *extra]
        _check_call_kwargs(kwargs, where)
        sources, shapes = [], []
        for t in tensors:
            cfg = t.get("config") if isinstance(t, dict) and t.get("class_name") == "__keras_tensor__" else None
            history = cfg.get("keras_history") if isinstance(cfg, dict) else None
            if not (isinstance(history, list) and len(history) == 3 and isinstance(history[0], str)):
                raise fail(_field(where, "args"), Message("__keras_tensor__ objects with a keras_history"), t)
            if not is_int(history[1]) or history[1] < 0 or not is_int(history[2]) or history[2] < 0:
                raise fail(
                    Message("{where} {field}", where=where, field="keras_history"),
                    Message("[layer, node index, tensor index]"),
                    history,
                )
            sources.append((history[0], history[1], history[2]))
            shapes.append(cfg.get("shape"))
    elif isinstance(node, list):  # Keras 2 and tf.keras: [[layer, node, tensor, kwargs], ...]
        sources, shapes = [], []
        for t in node:
            if not (isinstance(t, list) and len(t) in (3, 4) and isinstance(t[0], str) and is_int(t[1])):
                raise fail(where, Message("[layer, node index, tensor index, kwargs] entries"), t)
            if t[1] < 0 or not is_int(t[2]) or t[2] < 0:
                raise fail(where, Message("[layer, node index, tensor index, kwargs] entries"), t)
            if len(t) == 4:
                _check_call_kwargs(t[3], where)
            sources.append((t[0], t[1], t[2]))
            shapes.append(None)
        given = 1 if registry.get(cls).keras.later_inputs else len(sources)  # tf.keras lists initial states
    else:
        raise fail(where, Message("an inbound node object"), node)
    spec = registry.get(cls)
    if (spec.max_inputs == 1 or spec.keras.later_inputs) and given != 1:
        raise FileFormatError(
            Message("{where}: {cls} takes one input; the node passes {count}", where=where, cls=cls, count=given)
        )
    return _Call(layer, index, sources, shapes, keras2=isinstance(node, list))


def _check_call_kwargs(kwargs: Json, where: str) -> None:
    """Call arguments Keras records: ``training=False`` (Dropout), ``mask=None`` (BatchNormalization)."""
    if not isinstance(kwargs, dict):
        raise fail(_field(where, "kwargs"), Message("an object"), kwargs)
    for key, value in kwargs.items():
        if key == "mask" and (value is None or (isinstance(value, list) and all(v is None for v in value))):
            continue  # no mask; a model called on several tensors records one None per tensor
        if key == "training" and value in (None, False):
            continue
        raise FileFormatError(
            Message("{where}: the call passes {key}={value!r}, which Layerwire does not support", where=where, key=key,
                    value=value)
        )  # fmt: skip


def _check_declared_shapes(graph: Graph, call: _Call, sources: list[Value], source: str) -> None:
    """Each input's shape as the config declares it must be the one Layerwire computes."""
    analysis = graph.analysis()
    for declared, src in zip(call.shapes, sources, strict=True):
        if not isinstance(declared, list):
            continue
        ours = analysis.shape_of(src)
        if ours is not None and (len(declared) != len(ours) or list(declared[1:]) != list(ours[1:])):
            raise FileFormatError(
                Message("{source}: layer {name!r} gets an input of shape {declared} in the file, but Layerwire "
                        "computes {shape}", source=source, name=call.layer, declared=tuple(declared),
                        shape=registry.format_shape(ours))
            )  # fmt: skip


def _set_model_name(graph: Graph, name: Json, source: str) -> None:
    try:
        graph.set_name(name)
    except LayerwireError as exc:
        raise FileFormatError(
            Message("{where}: {problem}", where=_at(source, "config.name"), problem=of(exc))
        ) from None


def _check_model(graph: Graph, source: str) -> None:
    """A valid model whose weights would fit in memory."""
    try:
        analysis = require_valid(graph)
    except LayerwireError as exc:
        raise FileFormatError(Message("{where}: {problem}", where=source, problem=of(exc))) from None
    total = 0
    for name, specs in analysis.weight_specs.items():
        size = sum(s.size for s in specs or ())
        total += size
        if size > MAX_WEIGHT_VALUES or total > MAX_WEIGHT_VALUES:
            raise FileFormatError(
                Message("{source}: layer {name!r} would need {size:,} weights ({gib:,.1f} GiB); Layerwire reads "
                        "models of at most {most:,} weights", source=source, name=name, size=size,
                        gib=size * 4 / 2**30, most=MAX_WEIGHT_VALUES)
            )  # fmt: skip


# --------------------------------------------------------------------------- Sequential


def _read_sequential(obj: dict[str, Json], config: dict[str, Json], source: str) -> KerasModel:
    entries = _layer_entries(config, source)
    builder = ModelBuilder()
    _set_model_name(builder.graph, config.get("name", "sequential"), source)
    weight_layers: list[str] = []
    shape: Json = None
    body = entries
    if entries and entries[0].get("class_name") == "InputLayer":
        where = Message("{source}: layer {index}", source=source, index=0)
        cls, cfg = _entry_class(entries[0], where)
        input_name = _entry_name(entries[0], cfg, where)
        input_config = layer_config_from_keras(cls, input_name, cfg)
        body = entries[1:]
    else:
        build = obj.get("build_config")
        first = entries[0].get("config") if entries else None
        first = first if isinstance(first, dict) else {}
        for candidate in (
            config.get("build_input_shape"),
            build.get("input_shape") if isinstance(build, dict) else None,
            first.get("batch_input_shape"),
            first.get("batch_shape"),
        ):
            if candidate is not None:
                shape = candidate
                break
        if shape is None:
            raise FileFormatError(
                Message("{source}: the Sequential model does not say its input shape; Layerwire needs an InputLayer "
                        "or a build_config", source=source)
            )  # fmt: skip
        input_name = "input_layer"
        input_config = input_config_from_batch_shape(shape, Message("{source}: input shape", source=source))
    try:
        x = builder.add("InputLayer", name=input_name, **input_config)
        for i, entry in enumerate(body):
            where = Message("{source}: layer {index}", source=source, index=i)
            cls, cfg = _entry_class(entry, where)
            name = _entry_name(entry, cfg, where)
            if cls == "InputLayer":
                raise FileFormatError(
                    Message("{where}: an InputLayer can only come first in a Sequential model", where=where)
                )
            layer_cfg = {k: v for k, v in cfg.items() if k not in ("batch_input_shape", "batch_shape", "input_shape")}
            if name in builder.graph.layers:
                raise FileFormatError(Message("{source}: two layers are named {name!r}", source=source, name=name))
            x = builder.add(cls, x, name=name, **layer_config_from_keras(cls, name, layer_cfg))
            weight_layers.append(name)
    except FileFormatError:
        raise
    except LayerwireError as exc:
        raise FileFormatError(Message("{where}: {problem}", where=source, problem=of(exc))) from None
    graph = builder.done()
    _check_model(graph, source)
    return KerasModel(graph, tuple(weight_layers))


# --------------------------------------------------------------------------- layer configs


def layer_config_from_keras(cls: str, name: str, cfg: dict[str, Json]) -> registry.Config:
    """Our config for a Keras layer config; refuses settings Layerwire cannot honour."""
    return read_layer(cls, name, cfg)


# =========================================================================== writing


def layer_config_to_keras(layer_type: str, name: str, c: Mapping[str, Any]) -> dict[str, Json]:
    """The ``config`` Keras 3.15 writes for a layer with our config ``c``."""
    return registry.get(layer_type).keras.write(name, dict(c))


def _shape_json(shape: registry.Shape | None) -> list[Json]:
    assert shape is not None
    return list(shape)


def keras_layers(graph: Graph) -> list[str]:
    """``model.layers`` of the Keras model the graph becomes: Keras's map_graph order."""
    require_valid(graph)
    return keras_order(graph)[0]


def shared_object_ids(graph: Graph) -> dict[int, int]:
    """Keras's ``shared_object_id`` of each layer object that is in more than one of the configs (a model of the
    graph's own layers called as a layer: its layers are the graph's), numbered from 1 by first appearance."""
    seen: dict[int, int] = {}
    twice: dict[int, int] = {}

    def walk(g: Graph) -> None:
        for name in keras_order(g)[0]:
            layer = g.layers[name]
            if id(layer) in seen and id(layer) not in twice:
                twice[id(layer)] = len(twice) + 1
            seen.setdefault(id(layer), 0)
            if layer.inner is not None:
                walk(layer.inner)

    walk(graph)
    return twice


def model_config(graph: Graph, shared: dict[int, int] | None = None) -> dict[str, Json]:
    """The whole ``config.json`` object for the graph (valid, as a Functional model); ``shared`` as
    :func:`shared_object_ids` gives it (the top-level call computes it)."""
    analysis = require_valid(graph)
    if shared is None:
        shared = shared_object_ids(graph)
    order, node_depth = keras_order(graph)
    in_model = [n for n in analysis.order if n in node_depth]
    nodes_of: dict[str, list[int]] = {name: [] for name in order}
    for n in in_model:
        nodes_of[graph.nodes[n].layer].append(n)
    index_of = {n: i for nodes in nodes_of.values() for i, n in enumerate(nodes)}

    def tensor(value: Value) -> dict[str, Json]:
        src, out = value
        return {
            "class_name": "__keras_tensor__",
            "config": {
                "shape": _shape_json(analysis.shape_of(value)),
                "dtype": "float32",
                "keras_history": [graph.nodes[src].layer, index_of[src], out],
            },
        }

    layer_configs = []
    for name in order:
        layer = graph.layers[name]
        form = layer.spec.keras
        if layer.inner is not None:  # a nested model: its whole config, as Keras nests it
            entry = model_config(layer.inner, shared)
            list_input = len(layer.inner.analysis().inputs) > 1
        else:
            entry = {
                "module": "keras.layers",
                "class_name": layer.type,
                "config": layer_config_to_keras(layer.type, name, layer.config),
                "registered_name": None,
            }
            first = nodes_of[name][0]
            in_shapes = [_shape_json(analysis.shape_of(v)) for v in graph.values_into(first)]
            if form.build_record is not None:
                entry["build_config"] = form.build_record(in_shapes)
            elif form.build_config:
                entry["build_config"] = {"input_shape": in_shapes if form.list_input else in_shapes[0]}
            if form.inner_build is not None:  # a wrapper: the shapes its inner layers were built on
                form.inner_build(entry["config"], analysis.shape_of(graph.values_into(first)[0]))
            list_input = form.list_input
        if id(layer) in shared:  # Keras reads the object once and uses it wherever the id comes again
            entry["shared_object_id"] = shared[id(layer)]
        entry["name"] = name
        inbound = []
        if layer.type != "InputLayer":
            for n in nodes_of[name]:
                tensors = [tensor(v) for v in graph.values_into(n)]
                kwargs = dict(form.call_kwargs)
                if form.later_inputs and len(tensors) > 1:  # LSTM(...)(x, initial_state=[h, c])
                    tensors, kwargs[form.later_inputs] = tensors[:1], tensors[1:]
                args = [tensors] if list_input else tensors
                if layer.inner is not None and list_input:
                    kwargs["mask"] = [None] * len(tensors)  # Keras records one mask per tensor of the call
                inbound.append({"args": args, "kwargs": kwargs})
        entry["inbound_nodes"] = inbound
        layer_configs.append(entry)

    def refs(values: tuple[Value, ...]) -> list[Json]:
        # Keras counts a nested model's calls from 1 here (see the reader)
        triples = [[graph.nodes[n].layer, index_of[n] + (graph.layer_of(n).inner is not None), out]
                   for n, out in values]  # fmt: skip
        return triples[0] if len(triples) == 1 else triples

    return {
        "module": "keras.src.models.functional",
        "class_name": "Functional",
        "config": {
            "name": graph.name,
            "trainable": True,
            "layers": layer_configs,
            "input_layers": refs(tuple((n, 0) for n in analysis.inputs)),
            "output_layers": refs(analysis.output_values),
        },
        "registered_name": "Functional",
        "build_config": {"input_shape": None},
        "compile_config": {},
    }
