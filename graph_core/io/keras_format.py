"""Keras 3 ``.keras`` files and JSON configs: reading them into projects, writing models as them.

A ``.keras`` file is a zip of three members (``saving_lib._save_model_to_fileobj``):

* ``metadata.json``: ``{"keras_version": ..., "date_saved": ...}``;
* ``config.json``: the model's config (see :mod:`graph_core.io.keras_config`);
* ``model.weights.h5``: ``/vars`` for the model, then ``/layers/<group>/vars/<i>`` for
  each layer of ``model.layers`` in order, where ``<group>`` is the snake-cased class
  name with a counter (``dense``, ``dense_1``), not the layer's name, and ``<i>`` counts
  the layer's trainable then non-trainable variables in creation order.

Every reader treats its file as hostile: it reads only those three members, checks
their sizes before decompressing, refuses links inside the HDF5 file, checks each
dataset's shape against the layer's weights before reading it and turns every failure
into one :class:`~graph_core.errors.FileFormatError`. The writer is deterministic (fixed
timestamps, no compression, as Keras stores) and atomic.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from graph_core.errors import FileFormatError, LayerwireError
from graph_core.graph import Graph
from graph_core.io.files import Project, atomic_write
from graph_core.io.keras_config import (
    KERAS_VERSION,
    KerasModel,
    graph_from_keras_config,
    keras_layers,
    model_config,
    read_model_config,
    weight_group_names,
)
from graph_core.io.safe_read import opened, parse_json, read_bytes
from graph_core.layers import WeightSpec
from graph_core.messages import Message
from graph_core.model import ensure_weights, require_valid
from graph_core.summary import keras_order

__all__ = ["graph_from_keras_config", "load_keras", "load_keras_json", "save_keras", "keras_bytes"]

CONFIG = "config.json"
METADATA = "metadata.json"
WEIGHTS = "model.weights.h5"
#: Largest uncompressed size of each member we read.
MEMBER_LIMITS = {CONFIG: 64 << 20, METADATA: 1 << 20, WEIGHTS: 2 << 30}
MAX_JSON_BYTES = 64 << 20
#: A member this much larger than its compressed bytes (and over the floor) is a zip bomb.
MAX_EXPANSION = 100
BOMB_FLOOR = 16 << 20
#: Zip timestamp of every member: the earliest a zip can hold, so saves are byte-identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DATE_SAVED = "1980-01-01@00:00:00"


def load_keras_json(path: str | os.PathLike[str]) -> Project:
    """A project (without weights) from a Keras JSON config as ``model.to_json()`` writes it."""
    path = Path(path)
    config = parse_json(read_bytes(path, MAX_JSON_BYTES), str(path))
    return Project(read_model_config(config, str(path)).graph)


# --------------------------------------------------------------------------- zip

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
               RuntimeError, zlib.error, lzma.LZMAError)  # fmt: skip


def _read_members(path: Path) -> dict[str, bytes]:
    """The known members of a ``.keras`` zip (metadata.json only if present), size-checked."""
    out: dict[str, bytes] = {}
    try:
        with opened(path) as (f, _size), zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            for name in MEMBER_LIMITS:
                if names.count(name) > 1:
                    raise FileFormatError(Message("{path}: the zip holds {name} twice", path=path, name=name))
            for name in (CONFIG, WEIGHTS):
                if name not in names:
                    if name == WEIGHTS and "model.weights.npz" in names:
                        raise FileFormatError(
                            Message(
                                "{path}: the weights are stored as model.weights.npz; Layerwire reads model.weights.h5",
                                path=path,
                            )
                        )
                    raise FileFormatError(
                        Message("{path} is not a Keras model: the zip has no {name}", path=path, name=name)
                    )
            for info in infos:
                if info.filename not in MEMBER_LIMITS:
                    continue  # assets/ and anything else: never read, never extracted
                out[info.filename] = _read_member(zf, info, path)
    except FileFormatError:
        raise
    except _ZIP_ERRORS as exc:
        raise FileFormatError(
            Message("{path} is not a readable .keras file (a damaged zip: {error})", path=path, error=str(exc))
        ) from None
    return out


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    limit = MEMBER_LIMITS[info.filename]
    where = f"{path}: {info.filename}"
    if info.flag_bits & 0x1:
        raise FileFormatError(Message("{where} is encrypted", where=where))
    if info.file_size > limit:
        raise FileFormatError(
            Message(
                "{where} is {mib:,.0f} MiB uncompressed; Layerwire reads at most {most} MiB",
                where=where,
                mib=info.file_size / 2**20,
                most=limit >> 20,
            )
        )
    if info.file_size > BOMB_FLOOR and info.file_size > MAX_EXPANSION * max(info.compress_size, 1):
        raise FileFormatError(
            Message(
                "{where} claims {size:,} bytes from {compressed:,} compressed; refusing a likely zip bomb",
                where=where,
                size=info.file_size,
                compressed=info.compress_size,
            )
        )
    with zf.open(info) as f:  # zipfile stops at file_size and checks the CRC
        data = f.read(limit + 1)
    if len(data) != info.file_size:
        raise FileFormatError(Message("{where} is truncated or larger than its header says", where=where))
    return data


# --------------------------------------------------------------------------- reading weights


def load_keras(path: str | os.PathLike[str]) -> Project:
    """A project from a Keras 3 ``.keras`` file: the model's graph with its weights."""
    path = Path(path)
    members = _read_members(path)
    config = parse_json(members[CONFIG], f"{path}: {CONFIG}")
    if METADATA in members and not isinstance(parse_json(members[METADATA], f"{path}: {METADATA}"), dict):
        raise FileFormatError(Message("{path}: {member}: expected a JSON object", path=path, member=METADATA))
    model = read_model_config(config, f"{path}: {CONFIG}")
    _read_weights(members[WEIGHTS], model, f"{path}: {WEIGHTS}")
    return Project(model.graph)


def _read_weights(raw: bytes, model: KerasModel, where: str) -> None:
    import h5py

    loaded: list[tuple[Graph, str, dict[str, np.ndarray]]] = []
    try:
        with h5py.File(io.BytesIO(raw), "r") as h5:
            _read_model_weights(h5, "", model.graph, list(model.weight_layers), where, loaded, set())
    except LayerwireError:
        raise
    except (OSError, KeyError, ValueError, TypeError, RuntimeError) as exc:
        raise FileFormatError(
            Message("{where} is not a readable HDF5 weights file ({error})", where=where, error=str(exc))
        ) from None
    for graph, lname, arrays in loaded:
        graph.set_weights(lname, arrays)


def _read_model_weights(
    h5: Any,
    prefix: str,
    graph: Graph,
    order: list[str],
    where: str,
    loaded: list[tuple[Graph, str, dict]],
    visited: set[int],
) -> None:
    """The weights of ``graph``'s layers (``model.layers`` = ``order``) under ``prefix`` (``layers/functional/``
    for a nested model), each nested model's from its own group in turn; a layer object met before (``visited``: a
    model of the graph's own layers) is where Keras wrote it first."""
    specs = graph.analysis().weight_specs
    groups = weight_group_names([graph.layers[n].type for n in order])
    for lname, group in zip(order, groups, strict=True):
        layer = graph.layers[lname]
        if id(layer) in visited:
            continue
        visited.add(id(layer))
        inner = layer.inner
        if inner is not None:
            _read_model_weights(h5, f"{prefix}layers/{group}/", inner, keras_order(inner)[0], where, loaded, visited)
            continue
        layer_specs = specs[lname] or ()
        if not layer_specs:
            continue  # Keras does not look for a weightless layer's variables
        arrays = {}
        rest = list(layer_specs)
        for group_spec in layer.spec.keras.vars_groups(lname, layer.config):  # a recurrent layer's: in its cell's
            held, rest = _held(group_spec.count, rest)
            if not held:
                continue
            path = f"{prefix}layers/{group}/{group_spec.path}"
            layer_where = Message("{where}: layer {name!r} ({type}, group {path})", where=where, name=lname,
                                  type=layer.type, path=path)  # fmt: skip
            vars_group = _h5_group(h5, path, layer_where, len(held))
            keys = sorted(vars_group.keys())
            want = [str(i) for i in range(len(held))]
            if keys != sorted(want):
                raise FileFormatError(
                    Message("{where}: expected {count} variables ({names}); found {found}", where=layer_where,
                            count=len(want), names=", ".join(s.name for s in held), found=len(keys))
                )  # fmt: skip
            for key, spec in zip(want, held, strict=True):
                arrays[spec.name] = _h5_array(
                    vars_group, key, spec.shape, Message("{where} {field}", where=layer_where, field=spec.name)
                )
        loaded.append((graph, lname, arrays))


def h5_child(parent: Any, name: str, where: str) -> Any:
    """``parent[name]`` if it is a hard link; soft and external links could read other files."""
    import h5py

    link = parent.get(name, getlink=True)
    if link is None:
        return None
    if not isinstance(link, h5py.HardLink):
        raise FileFormatError(
            Message("{where}: the file links {name!r} elsewhere ({kind}); refused", where=where, name=name,
                    kind=type(link).__name__)
        )  # fmt: skip
    return parent[name]


def _h5_group(h5: Any, path: str, where: str, count: int) -> Any:
    import h5py

    node = h5
    for part in path.split("/"):
        child = h5_child(node, part, where)
        if child is None:
            raise FileFormatError(
                Message("{where}: expected {count} variables; the file has no group {path}", where=where, count=count,
                        path=path)
            )  # fmt: skip
        if not isinstance(child, h5py.Group):
            raise FileFormatError(
                Message("{where}: expected a group at {part!r}; found a {kind}", where=where, part=part,
                        kind=type(child).__name__)
            )  # fmt: skip
        node = child
    return node


def _h5_array(group: Any, key: str, shape: tuple[int, ...], where: str) -> np.ndarray:
    import h5py

    ds = h5_child(group, key, where)
    if not isinstance(ds, h5py.Dataset):
        raise FileFormatError(
            Message("{where}: expected a dataset at vars/{key}; found a {kind}", where=where, key=key,
                    kind=type(ds).__name__)
        )  # fmt: skip
    return h5_weights(ds, shape, where)


def h5_weights(ds: Any, shape: tuple[int, ...], where: str) -> np.ndarray:
    """The float32 array of dataset ``ds`` after checking its shape, float type and values."""
    if tuple(ds.shape or ()) != shape:
        raise FileFormatError(
            Message("{where}: expected shape {shape}; found {found}", where=where, shape=shape,
                    found=tuple(ds.shape or ()))
        )  # fmt: skip
    if ds.dtype.kind != "f" or ds.dtype.itemsize not in (2, 4, 8):
        raise FileFormatError(
            Message("{where}: expected float weights; found {dtype}", where=where, dtype=str(ds.dtype))
        )
    data = np.asarray(ds[()], dtype=np.float32)
    if not np.isfinite(data).all():
        raise FileFormatError(Message("{where}: the weights hold NaN or infinite values", where=where))
    return np.ascontiguousarray(data.reshape(shape))


# --------------------------------------------------------------------------- writing


def _weights_h5(graph: Graph, order: list[str]) -> bytes:
    """``model.weights.h5`` for ``model.layers`` = ``order``, exactly as Keras lays it out."""
    import h5py

    buf = io.BytesIO()
    with h5py.File(buf, "w", libver="earliest") as h5:
        _write_model_weights(h5, graph, order, set())
    return buf.getvalue()


def _write_model_weights(group: Any, graph: Graph, order: list[str], visited: set[int]) -> None:
    """A model's group: ``vars`` named after it and ``layers/<group>`` per layer; a nested model's layer is a
    model group of its own (``layers/functional/layers/dense/vars``). A layer object written before (``visited``)
    is not written again, as Keras does."""
    specs = graph.analysis().weight_specs
    group.create_group("vars").attrs["name"] = graph.name
    groups = weight_group_names([graph.layers[n].type for n in order])
    for lname, name in zip(order, groups, strict=True):
        layer = graph.layers[lname]
        if id(layer) in visited:
            continue
        visited.add(id(layer))
        layer_group = group.create_group(f"layers/{name}")
        if layer.inner is not None:
            _write_model_weights(layer_group, layer.inner, keras_order(layer.inner)[0], visited)
            continue
        rest = list(specs[lname] or ())
        for group_spec in layer.spec.keras.vars_groups(lname, layer.config):  # a recurrent layer's: in its cell's
            vars_group = layer_group.create_group(group_spec.path)
            vars_group.attrs["name"] = group_spec.name
            held, rest = _held(group_spec.count, rest)
            for i, spec in enumerate(held):
                data = np.ascontiguousarray(layer.weights[spec.name], dtype=np.float32)
                vars_group.create_dataset(str(i), data=data, track_times=False)


def _held(count: int | None, specs: list[WeightSpec]) -> tuple[list[WeightSpec], list[WeightSpec]]:
    """The weights one group of variables holds (``count`` of them, None: all) and those left for the next."""
    n = len(specs) if count is None else count
    return specs[:n], specs[n:]


def keras_bytes(project: Project) -> bytes:
    """The ``.keras`` file for ``project``'s graph, as bytes (deterministic)."""
    graph = project.graph
    require_valid(graph)
    ensure_weights(graph, seed=0)
    order = keras_layers(graph)
    config = json.dumps(model_config(graph))  # Keras's json.dumps: one line, default separators
    metadata = json.dumps({"keras_version": KERAS_VERSION, "date_saved": DATE_SAVED})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in (
            (METADATA, metadata.encode()),
            (CONFIG, config.encode()),
            (WEIGHTS, _weights_h5(graph, order)),
        ):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def save_keras(project: Project, path: str | os.PathLike[str]) -> None:
    """Write ``project``'s model as a ``.keras`` file that ``keras.models.load_model`` reads.

    The graph must be valid; layers without weights get them from ``ensure_weights(seed=0)``.
    """
    atomic_write(path, keras_bytes(project))
