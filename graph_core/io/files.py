"""The ``.lwire`` project file: graph, canvas layout, training settings, history, weights.

One UTF-8 JSON document, so a teacher can read and diff it::

    {"format": "layerwire", "format_version": 1,
     "model": {"name", "layers": [{name, type, config}], "nodes": [{id, layer, pos}],
               "wires": [{src, dst, port[, out]}], "outputs": null | [values],
               "models": {name: [values]}},
     "training": {...}, "history": [{...}, ...],
     "weights": {layer: {weight: {"dtype": "float32", "shape": [...], "data": base64}}}}

A value is a node id (its output 0) or ``[node id, output]`` (a nested model's other
outputs); a wire from output ``out`` > 0 says so.

Loading executes nothing it reads (plain JSON, no pickle, no eval), checks the type of
every field and rebuilds the graph through its own checked mutators, so a damaged file
gives one :class:`FileFormatError` and never a half-built graph. Saving is atomic and
deterministic: save -> load -> save gives the same bytes.
"""

from __future__ import annotations

import base64
import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from graph_core import layers as registry
from graph_core.errors import ConfigError, FileFormatError, LayerwireError
from graph_core.graph import Graph, Layer, ModelRef, Node, Value, Wire
from graph_core.io.safe_read import parse_json, read_bytes
from graph_core.messages import Message, of
from graph_core.settings import TrainingSettings

FORMAT = "layerwire"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 1 << 30  # 1 GiB
MAX_JSON_DEPTH = 32
MAX_NODES = 100_000


@dataclass
class Project:
    """What a ``.lwire`` file holds: the graph plus the settings and history of training."""

    graph: Graph
    training: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)


# --------------------------------------------------------------------------- writing


def _encode_array(a: np.ndarray) -> dict[str, Any]:
    a = np.ascontiguousarray(a, dtype="<f4")
    return {"dtype": "float32", "shape": list(a.shape), "data": base64.b64encode(a.tobytes()).decode("ascii")}


def project_to_dict(project: Project) -> dict[str, Any]:
    g = project.graph
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model": model_to_dict(g),
        "training": project.training,
        "history": project.history,
        "weights": _weights_to_dict(g),
    }


def model_to_dict(g: Graph) -> dict[str, Any]:
    """The graph; a nested model's layer holds the nested model, with its weights, as its config's ``model`` (a
    layer calling one of the graph's own models: the model's name)."""
    wires = [
        {"src": w.src, "dst": w.dst, "port": w.port, **({"out": w.out} if w.out else {})}
        for n in g.nodes
        for w in g.wires_out(n)
    ]  # in each source's fan-out order, so reloading keeps it
    return {
        "name": g.name,
        "layers": [{"name": l.name, "type": l.type, "config": _jsonable_config(l)} for l in g.layers.values()],
        "nodes": [{"id": n.id, "layer": n.layer, "pos": [n.pos[0], n.pos[1]]} for n in g.nodes.values()],
        "wires": wires,
        "outputs": None if g.explicit_outputs is None else [_value_json(v) for v in g.explicit_outputs],
        "models": {  # the other models over these layers, by their outputs (those still there)
            name: [_value_json(v) for v in outputs if v[0] in g.nodes]
            for name, outputs in g.models.items()
            if any(n in g.nodes for n, _ in outputs)
        },
    }


def _value_json(value: Value) -> int | list[int]:
    node, out = value
    return node if out == 0 else [node, out]


def _whole(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_value(v: Any) -> bool:
    """A node id, or ``[node id, output]``."""
    return _whole(v) or (isinstance(v, list) and len(v) == 2 and all(_whole(x) for x in v))


def _node_of(v: int | list[int]) -> int:
    return v if isinstance(v, int) else v[0]


def _weights_to_dict(g: Graph) -> dict[str, Any]:
    """The weights that fit their layers; stale ones (units changed since training) are left out.

    The loader refuses weights of the wrong shape, so writing them would make a file that
    cannot be opened again; ``ensure_weights`` draws fresh ones when they are needed.
    """
    specs = g.analysis().weight_specs
    out = {}
    for layer in g.layers.values():
        if not layer.weights:
            continue
        expected = specs.get(layer.name)
        if expected is not None and {s.name: s.shape for s in expected} != {
            k: v.shape for k, v in layer.weights.items()
        }:
            continue
        out[layer.name] = {k: _encode_array(v) for k, v in layer.weights.items()}
    return out


def _jsonable_config(layer: Layer) -> dict[str, Any]:
    if layer.view is not None:  # one of the graph's own models: its name
        return {"model": layer.view}
    if layer.inner is not None:
        return {"model": {**model_to_dict(layer.inner), "weights": _weights_to_dict(layer.inner)}}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in layer.config.items()}


def dumps(project: Project) -> str:
    return json.dumps(project_to_dict(project), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    A failure leaves the previous file as it was and no temporary file behind.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _new_file_mode(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _new_file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def save(project: Project, path: str | os.PathLike[str]) -> None:
    atomic_write(path, dumps(project).encode("utf-8"))


# --------------------------------------------------------------------------- reading


def _fail(where: str, expected: str, got: Any) -> FileFormatError:
    shown = repr(got)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return FileFormatError(
        Message("{where}: expected {expected}; found {found}", where=where, expected=expected, found=shown)
    )


def _get(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, expected: str) -> Any:
    if key not in obj:
        raise FileFormatError(Message("{where}: the field {key!r} is missing", where=where, key=key))
    value = obj[key]
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise _fail(f"{where}.{key}", expected, value)
    if not isinstance(value, kind):
        raise _fail(f"{where}.{key}", expected, value)
    return value


def loads(text: str | bytes, source: str = "the file") -> Project:
    """Parse a ``.lwire`` document; raises ``FileFormatError`` saying what is wrong."""
    data = parse_json(text, source, MAX_JSON_DEPTH)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileFormatError(Message('{source} is not a Layerwire project (no "format": "layerwire")', source=source))
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail("format_version", Message("a whole number"), version)
    if version > FORMAT_VERSION or version < 1:
        raise FileFormatError(
            Message(
                "{source} has format_version {version}; this Layerwire reads versions 1 to {newest}",
                source=source,
                version=version,
                newest=FORMAT_VERSION,
            )
        )
    model = _get(data, "model", dict, "file", Message("an object"))
    graph = _graph_from_dict(model)
    training = data.get("training", {})
    if not isinstance(training, dict):
        raise _fail("training", Message("an object"), training)
    try:
        TrainingSettings.from_dict(training)
    except ConfigError as exc:
        raise FileFormatError(Message("{where}: {problem}", where="training", problem=of(exc))) from None
    history = data.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        raise _fail("history", Message("a list of objects"), history)
    weights = data.get("weights", {})
    if not isinstance(weights, dict):
        raise _fail("weights", Message("an object"), weights)
    _load_weights(graph, weights)
    return Project(graph, training, history)


def _graph_from_dict(model: dict[str, Any]) -> Graph:
    name = _get(model, "name", str, "model", Message("text"))
    graph = Graph()
    try:
        graph.set_name(name)
    except LayerwireError as exc:
        raise FileFormatError(Message("{where}: {problem}", where="model.name", problem=of(exc))) from None
    layer_list = _get(model, "layers", list, "model", Message("a list"))
    node_list = _get(model, "nodes", list, "model", Message("a list"))
    wire_list = _get(model, "wires", list, "model", Message("a list"))
    if len(node_list) > MAX_NODES or len(layer_list) > MAX_NODES or len(wire_list) > 4 * MAX_NODES:
        raise FileFormatError(Message("the model has more than {most} nodes or layers", most=MAX_NODES))

    pending: dict[str, Layer] = {}
    for i, entry in enumerate(layer_list):
        where = f"model.layers[{i}]"
        if not isinstance(entry, dict):
            raise _fail(where, Message("an object"), entry)
        lname = _get(entry, "name", str, where, Message("text"))
        ltype = _get(entry, "type", str, where, Message("a layer type name"))
        config = _get(entry, "config", dict, where, Message("an object"))
        if lname in pending:
            raise FileFormatError(Message("{where}: the layer name {name!r} is used twice", where=where, name=lname))
        try:
            spec = registry.get(ltype)
            if spec.holds_model and isinstance(config.get("model"), str):  # one of this graph's own models
                config = {"model": ModelRef(graph, config["model"])}
                if config["model"].name != lname:
                    raise _fail(f"{where}.config.model", Message("the layer's own name, {name!r}", name=lname),
                                config["model"].name)  # fmt: skip
            elif spec.holds_model:
                config = {"model": _nested_from_dict(config.get("model"), lname, f"{where}.config.model")}
            pending[lname] = Layer(lname, ltype, spec.make_config(config))
        except LayerwireError as exc:
            raise FileFormatError(
                Message("{where} ({layer}): {problem}", where=where, layer=lname, problem=of(exc))
            ) from None

    try:
        for i, entry in enumerate(node_list):
            where = f"model.nodes[{i}]"
            if not isinstance(entry, dict):
                raise _fail(where, Message("an object"), entry)
            nid = _get(entry, "id", int, where, Message("a whole number"))
            lname = _get(entry, "layer", str, where, Message("a layer name"))
            pos = _get(entry, "pos", list, where, "[x, y]")
            if (
                len(pos) != 2
                or not all(isinstance(p, (int, float)) and not isinstance(p, bool) for p in pos)
                or not all(math.isfinite(p) for p in pos)
            ):
                raise _fail(f"{where}.pos", Message("[x, y] numbers"), pos)
            if nid < 1 or nid in graph.nodes:
                raise _fail(f"{where}.id", Message("a positive id used once"), nid)
            if lname not in pending and lname not in graph.layers:
                raise FileFormatError(Message("{where}: there is no layer {name!r}", where=where, name=lname))
            graph.insert_node(Node(nid, lname, (float(pos[0]), float(pos[1]))), pending.pop(lname, None))
        if pending:
            raise FileFormatError(
                Message("model.layers: the layer {name!r} is called by no node", name=next(iter(pending)))
            )
        for i, entry in enumerate(wire_list):
            where = f"model.wires[{i}]"
            if not isinstance(entry, dict):
                raise _fail(where, Message("an object"), entry)
            ends = [_get(entry, k, int, where, Message("a node id")) for k in ("src", "dst", "port")]
            out = entry.get("out", 0)
            if not _whole(out):
                raise _fail(f"{where}.out", Message("an output number"), out)
            graph.add_wire(Wire(*ends, out))
        where = "model.outputs"
        outputs = model.get("outputs")
        if outputs is not None:
            if not isinstance(outputs, list) or not all(_is_value(o) for o in outputs):
                raise _fail(where, Message("null or a list of node ids"), outputs)
            graph.set_outputs(tuple(outputs))
        where = "model.models"
        models = model.get("models", {})
        if not isinstance(models, dict) or not all(
            isinstance(o, list) and all(_is_value(v) and _node_of(v) in graph.nodes for v in o) for o in models.values()
        ):
            raise _fail(where, Message("an object of model names and lists of output node ids"), models)
        graph.set_models({name: tuple(o) for name, o in models.items()})
    except FileFormatError:
        raise
    except LayerwireError as exc:
        raise FileFormatError(Message("{where}: {problem}", where=where, problem=of(exc))) from None
    return graph


def model_from_dict(model: Any, where: str = "model") -> Graph:
    """A model as :func:`model_to_dict` wrote it, with the weights it holds; ``FileFormatError`` if damaged."""
    if not isinstance(model, dict):
        raise _fail(where, Message("a model object"), model)
    inner = _graph_from_dict(model)
    weights = model.get("weights", {})
    if not isinstance(weights, dict):
        raise _fail(f"{where}.weights", Message("an object"), weights)
    _load_weights(inner, weights)
    return inner


def _nested_from_dict(model: Any, name: str, where: str) -> Graph:
    """A nested model with its weights; its name is its layer's."""
    inner = model_from_dict(model, where)
    if inner.name != name:
        raise FileFormatError(
            Message("{where}: the model is named {model!r}, its layer {name!r}; they must be one name", where=where,
                    model=inner.name, name=name)
        )  # fmt: skip
    return inner


def _decode_array(where: str, entry: Any) -> np.ndarray:
    if not isinstance(entry, dict):
        raise _fail(where, Message("an object with dtype, shape and data"), entry)
    if entry.get("dtype") != "float32":
        raise _fail(f"{where}.dtype", '"float32"', entry.get("dtype"))
    shape = entry.get("shape")
    if not isinstance(shape, list) or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
        raise _fail(f"{where}.shape", Message("a list of sizes"), shape)
    data = entry.get("data")
    if not isinstance(data, str):
        raise _fail(f"{where}.data", Message("base64 text"), data)
    expected = math.prod(shape) * 4
    if len(data) != 4 * math.ceil(expected / 3):
        raise FileFormatError(
            Message(
                "{where}: shape {shape} needs {size} bytes; the data holds a different size",
                where=where,
                shape=tuple(shape),
                size=expected,
            )
        )
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        raise FileFormatError(Message("{where}.data is not valid base64", where=where)) from None
    return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)


def _load_weights(graph: Graph, weights: dict[str, Any]) -> None:
    specs = graph.analysis().weight_specs
    for lname, entries in weights.items():
        where = f"weights.{lname}"
        if lname not in graph.layers:
            raise FileFormatError(Message("{where}: there is no layer {name!r}", where=where, name=lname))
        if not isinstance(entries, dict):
            raise _fail(where, Message("an object"), entries)
        arrays = {k: _decode_array(f"{where}.{k}", v) for k, v in entries.items()}
        expected = specs.get(lname)
        if expected is not None:
            want = {s.name: s.shape for s in expected}
            got = {k: v.shape for k, v in arrays.items()}
            if want != got:
                raise FileFormatError(
                    Message(
                        "{where}: the layer needs weights {want}; the file holds {found}",
                        where=where,
                        want=want,
                        found=got,
                    )
                )
        graph.layers[lname].weights = arrays


def load(path: str | os.PathLike[str]) -> Project:
    path = Path(path)
    return loads(read_bytes(path, MAX_FILE_BYTES), source=str(path))
