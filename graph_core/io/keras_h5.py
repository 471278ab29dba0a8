"""Keras 2 (and tf.keras) HDF5 model files, as ``model.save("model.h5")`` writes them.

The file is HDF5 with

* the root attribute ``model_config``: the model's config as JSON, the Keras 2 form of what
  :mod:`graph_core.io.keras_config` reads (inbound nodes as ``[[layer, node, tensor, kwargs]]``,
  an InputLayer's ``batch_input_shape``);
* the group ``model_weights``: one group per layer of ``model.layers``, named after the layer,
  whose attribute ``weight_names`` lists the layer's variables in its order
  (``dense/kernel:0``, ``dense/bias:0``), each a dataset at that path inside the group.

``training_config`` and ``optimizer_weights`` (the compile arguments and the optimizer's
state) are not read. A weights-only file (``model.save_weights("w.h5")``) has no config and
is refused with a message saying so. As every reader here, this one treats the file as
hostile (see :mod:`graph_core.io.keras_format`): its size is checked before reading, links
inside the file are refused, each dataset's shape is checked against the layer's weights
before it is read, and every failure is one :class:`~graph_core.errors.FileFormatError`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import numpy as np

from graph_core import layers as registry
from graph_core.errors import FileFormatError, LayerwireError
from graph_core.graph import Graph
from graph_core.io.files import Project
from graph_core.io.keras_config import KerasModel, read_model_config
from graph_core.io.keras_format import MEMBER_LIMITS, WEIGHTS, h5_child, h5_weights
from graph_core.io.safe_read import parse_json, read_bytes
from graph_core.messages import Message

__all__ = ["load_keras_h5"]

#: The largest file read: as large as a ``.keras`` file's weights may be.
MAX_BYTES = MEMBER_LIMITS[WEIGHTS]
#: Weights Keras 2 named otherwise than Keras 3 (and Layerwire) do, by layer type.
KERAS2_NAMES = {("DepthwiseConv2D", "kernel"): "depthwise_kernel"}


def load_keras_h5(path: str | os.PathLike[str]) -> Project:
    """A project from a Keras 2 ``.h5`` model file: the model's graph with its weights."""
    import h5py

    path = Path(path)
    raw = read_bytes(path, MAX_BYTES)
    try:
        with h5py.File(io.BytesIO(raw), "r") as h5:
            config = h5.attrs.get("model_config")
            if config is None:
                kind = (
                    Message("a weights-only file (model.save_weights)")
                    if "layer_names" in h5.attrs
                    else Message("an HDF5 file without a model")
                )
                raise FileFormatError(
                    Message("{path} is {kind}; Layerwire reads whole Keras 2 models, as model.save('model.h5') writes "
                            "them, with their config in the attribute model_config", path=path, kind=kind)
                )  # fmt: skip
            if isinstance(config, np.ndarray) and config.shape == ():
                config = config[()]
            if isinstance(config, str):
                config = config.encode("utf-8")
            if not isinstance(config, bytes):
                raise FileFormatError(
                    Message("{path}: the attribute model_config should hold JSON text; it holds a {kind}", path=path,
                            kind=type(config).__name__)
                )  # fmt: skip
            model = read_model_config(parse_json(config, f"{path}: model_config"), f"{path}: model_config")
            _read_weights(h5, model, str(path))
    except LayerwireError:
        raise
    except (OSError, KeyError, ValueError, TypeError, RuntimeError) as exc:
        raise FileFormatError(
            Message("{path} is not a readable HDF5 model file ({error})", path=path, error=str(exc))
        ) from None
    return Project(model.graph)


def _read_weights(h5: Any, model: KerasModel, path: str) -> None:
    import h5py

    graph = model.graph
    specs = graph.analysis().weight_specs
    weights = h5_child(h5, "model_weights", path)
    if not isinstance(weights, h5py.Group):
        raise FileFormatError(Message("{path}: the file has no group model_weights; a Keras 2 model file has one",
                                      path=path))  # fmt: skip
    loaded: list[tuple[Graph, str, dict[str, np.ndarray]]] = []
    for name in model.weight_layers:
        inner = graph.layers[name].inner
        layer_specs = specs[name] or ()
        if not layer_specs and inner is None:
            continue
        where = Message("{path}: layer {name!r} ({type})", path=path, name=name, type=graph.layers[name].type)
        if inner is not None:
            loaded += _nested_weights(weights, name, inner, where)
            continue
        group = h5_child(weights, name, where)
        if not isinstance(group, h5py.Group):
            raise FileFormatError(
                Message("{where}: expected its weights in model_weights/{name}; the file has none", where=where,
                        name=name)
            )  # fmt: skip
        names = [n.decode("utf-8") if isinstance(n, bytes) else str(n) for n in group.attrs.get("weight_names", [])]
        kind = graph.layers[name].type
        wanted = [keras2_name(kind, s.name) for s in layer_specs]
        found = [n.rsplit("/", 1)[-1].removesuffix(":0") for n in names]
        if found != wanted:
            raise FileFormatError(
                Message("{where}: expected the weights {wanted}; the file lists {found}", where=where,
                        wanted=", ".join(wanted), found=", ".join(names) or Message("none"))
            )  # fmt: skip
        arrays = {}
        for spec, full in zip(layer_specs, names, strict=True):
            arrays[spec.name] = _dataset(group, full, spec.shape, Message("{where} {field}", where=where,
                                                                            field=spec.name))  # fmt: skip
        loaded.append((graph, name, arrays))
    for owner, name, arrays in loaded:
        owner.set_weights(name, arrays)


def keras2_name(layer_type: str, weight: str) -> str:
    """The name Keras 2 gave a weight: ours, or Keras's own where ours differs (a Bidirectional's
    ``forward_kernel`` is ``kernel`` of its forward layer), or Keras 2's where it differed from Keras 3's."""
    name = registry.get(layer_type).keras.variable_names.get(weight, weight)
    return KERAS2_NAMES.get((layer_type, name), name)


def _nested_weights(weights: Any, name: str, inner: Graph, where: str) -> list[tuple[Graph, str, dict]]:
    """A nested model's weights: Keras 2 keeps them all in the model's group, listed in the order of the model's
    ``weights`` (its layers in order, a model inside it in turn), each at ``layer/variable:0``."""
    import h5py

    group = h5_child(weights, name, where)
    if not isinstance(group, h5py.Group):
        raise FileFormatError(
            Message("{where}: expected its weights in model_weights/{name}; the file has none", where=where, name=name)
        )
    wanted = _flat_specs(inner)
    names = [n.decode("utf-8") if isinstance(n, bytes) else str(n) for n in group.attrs.get("weight_names", [])]
    expected = [f"{layer}/{keras2_name(owner.layers[layer].type, spec.name)}:0" for owner, layer, spec in wanted]
    if names != expected:
        raise FileFormatError(
            Message("{where}: expected the weights {wanted}; the file lists {found}", where=where,
                    wanted=", ".join(expected) or Message("none"), found=", ".join(names) or Message("none"))
        )  # fmt: skip
    arrays: dict[tuple[int, str], dict[str, np.ndarray]] = {}
    owners: dict[tuple[int, str], Graph] = {}
    for (owner, layer, spec), full in zip(wanted, names, strict=True):
        key = (id(owner), layer)
        owners[key] = owner
        arrays.setdefault(key, {})[spec.name] = _dataset(
            group, full, spec.shape, Message("{where} {field}", where=where, field=full)
        )
    return [(owners[key], key[1], value) for key, value in arrays.items()]


def _flat_specs(graph: Graph) -> list[tuple[Graph, str, Any]]:
    """``model.weights`` of a Keras model: each layer's weights in ``model.layers`` order, nested models' in turn."""
    from graph_core.summary import keras_order

    specs = graph.analysis().weight_specs
    out: list[tuple[Graph, str, Any]] = []
    for name in keras_order(graph)[0]:
        inner = graph.layers[name].inner
        if inner is not None:
            out += _flat_specs(inner)
        else:
            out += [(graph, name, spec) for spec in specs[name] or ()]
    return out


def _dataset(group: Any, inner: str, shape: tuple[int, ...], where: str) -> np.ndarray:
    """The float dataset at path ``inner`` in ``group``, following hard links only, of ``shape``."""
    import h5py

    node = group
    for part in inner.split("/"):
        node = h5_child(node, part, where) if isinstance(node, h5py.Group) else None
        if node is None:
            raise FileFormatError(Message("{where}: the file lists {inner} but has no such dataset", where=where,
                                          inner=inner))  # fmt: skip
    if not isinstance(node, h5py.Dataset):
        raise FileFormatError(
            Message("{where}: expected a dataset at {inner}; found a {kind}", where=where, inner=inner,
                    kind=type(node).__name__)
        )  # fmt: skip
    return h5_weights(node, shape, where)
