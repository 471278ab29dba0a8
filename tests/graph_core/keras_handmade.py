"""Keras 3 files written by hand, to Keras's layout, for the Keras format tests.

Nothing here uses Layerwire's writer: the configs follow the research notes
(/work/notes/keras_research.md, sections 2 and 3) so the reader is tested against
Keras's format and not against itself.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import h5py
import numpy as np

DTYPE = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}


def init(cls: str) -> dict[str, Any]:
    cfg = {} if cls in ("Zeros", "Ones") else {"seed": None, "input_axes": None, "output_axes": None}
    return {"module": "keras.initializers", "class_name": cls, "config": cfg, "registered_name": None}


def kt(layer: str, node: int, shape: list[Any]) -> dict[str, Any]:
    return {
        "class_name": "__keras_tensor__",
        "config": {"shape": shape, "dtype": "float32", "keras_history": [layer, node, 0]},
    }


def call(*tensors: dict[str, Any], merge: bool = False, kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"args": [list(tensors)] if merge else list(tensors), "kwargs": kwargs or {}}


def input_layer(name: str, shape: list[int]) -> dict[str, Any]:
    return {
        "module": "keras.layers",
        "class_name": "InputLayer",
        "config": {
            "batch_shape": [None, *shape],
            "dtype": "float32",
            "sparse": False,
            "ragged": False,
            "name": name,
            "optional": False,
        },
        "registered_name": None,
        "name": name,
        "inbound_nodes": [],
    }


def layer(
    cls: str, name: str, config: dict[str, Any], nodes: list[dict[str, Any]], build: Any = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "module": "keras.layers",
        "class_name": cls,
        "config": {"name": name, "trainable": True, "dtype": DTYPE, **config},
        "registered_name": None,
    }
    if build is not None:
        entry["build_config"] = {"input_shape": build}
    entry["name"] = name
    entry["inbound_nodes"] = nodes
    return entry


def dense_config(units: int, activation: str = "linear", use_bias: bool = True) -> dict[str, Any]:
    return {
        "units": units,
        "activation": activation,
        "use_bias": use_bias,
        "kernel_initializer": init("GlorotUniform"),
        "bias_initializer": init("Zeros"),
        "kernel_regularizer": None,
        "bias_regularizer": None,
        "kernel_constraint": None,
        "bias_constraint": None,
        "quantization_config": None,
    }


def bn_config(**over: Any) -> dict[str, Any]:
    cfg = {
        "axis": -1,
        "momentum": 0.99,
        "epsilon": 0.001,
        "center": True,
        "scale": True,
        "beta_initializer": init("Zeros"),
        "gamma_initializer": init("Ones"),
        "moving_mean_initializer": init("Zeros"),
        "moving_variance_initializer": init("Ones"),
        "beta_regularizer": None,
        "gamma_regularizer": None,
        "beta_constraint": None,
        "gamma_constraint": None,
        "synchronized": False,
        "renorm": False,
        "renorm_clipping": None,
        "renorm_momentum": 0.99,
    }
    cfg.update(over)
    return cfg


def ln_config(**over: Any) -> dict[str, Any]:
    cfg = {
        "axis": [-1],
        "epsilon": 0.001,
        "center": True,
        "scale": True,
        "rms_scaling": False,
        "beta_initializer": init("Zeros"),
        "gamma_initializer": init("Ones"),
        "beta_regularizer": None,
        "gamma_regularizer": None,
        "beta_constraint": None,
        "gamma_constraint": None,
    }
    cfg.update(over)
    return cfg


def functional(name: str, layers: list[dict[str, Any]], inputs: Any, outputs: Any) -> dict[str, Any]:
    return {
        "module": "keras.src.models.functional",
        "class_name": "Functional",
        "config": {"name": name, "trainable": True, "layers": layers, "input_layers": inputs, "output_layers": outputs},
        "registered_name": "Functional",
        "build_config": {"input_shape": None},
        "compile_config": {},
    }


def weights_h5(model_name: str, groups: list[tuple[str, str, list[np.ndarray]]]) -> bytes:
    """``groups``: (group, layer name, variables) in ``model.layers`` order."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        f.create_group("vars").attrs["name"] = model_name
        for group, lname, arrays in groups:
            g = f.create_group(f"layers/{group}").create_group("vars")
            g.attrs["name"] = lname
            for i, a in enumerate(arrays):
                g[str(i)] = np.asarray(a, dtype=np.float32)
    return buf.getvalue()


def write_keras(path: Path, config: Any, weights: bytes, members: dict[str, bytes] | None = None) -> Path:
    """A .keras zip with Keras's three members in Keras's order (or ``members`` as given)."""
    if members is None:
        members = {
            "metadata.json": json.dumps({"keras_version": "3.15.0", "date_saved": "2025-06-01@14:03:27"}).encode(),
            "config.json": json.dumps(config).encode(),
            "model.weights.h5": weights,
        }
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# --------------------------------------------------------------------------- two models


def two_tower_config() -> dict[str, Any]:
    """The notes' §2.6 model: inputs a, b; Dense "shared" called on both; Concatenate; Dense "out"."""
    return functional(
        "two_tower",
        [
            input_layer("a", [4]),
            input_layer("b", [4]),
            layer(
                "Dense",
                "shared",
                dense_config(8, "relu"),
                [call(kt("a", 0, [None, 4])), call(kt("b", 0, [None, 4]))],
                build=[None, 4],
            ),
            layer(
                "Concatenate",
                "concat",
                {"axis": -1},
                [call(kt("shared", 0, [None, 8]), kt("shared", 1, [None, 8]), merge=True)],
                build=[[None, 8], [None, 8]],
            ),
            layer("Dense", "out", dense_config(1, "sigmoid"), [call(kt("concat", 0, [None, 16]))], build=[None, 16]),
        ],
        [["a", 0, 0], ["b", 0, 0]],
        ["out", 0, 0],
    )


def two_tower_weights(rng: np.random.Generator) -> dict[str, np.ndarray]:
    return {
        "shared_k": rng.normal(size=(4, 8)).astype(np.float32),
        "shared_b": rng.normal(size=(8,)).astype(np.float32),
        "out_k": rng.normal(size=(16, 1)).astype(np.float32),
        "out_b": rng.normal(size=(1,)).astype(np.float32),
    }


def two_tower_h5(w: dict[str, np.ndarray]) -> bytes:
    return weights_h5(
        "two_tower",
        [
            ("input_layer", "a", []),
            ("input_layer_1", "b", []),
            ("dense", "shared", [w["shared_k"], w["shared_b"]]),
            ("concatenate", "concat", []),
            ("dense_1", "out", [w["out_k"], w["out_b"]]),
        ],
    )


def mnist_config() -> dict[str, Any]:
    """The seed's mnist_model: 784 -> Dense 64 relu -> Dense 64 relu -> Dense 10."""
    return functional(
        "mnist_model",
        [
            input_layer("input_layer", [784]),
            layer("Dense", "dense", dense_config(64, "relu"), [call(kt("input_layer", 0, [None, 784]))], [None, 784]),
            layer("Dense", "dense_1", dense_config(64, "relu"), [call(kt("dense", 0, [None, 64]))], [None, 64]),
            layer("Dense", "dense_2", dense_config(10), [call(kt("dense_1", 0, [None, 64]))], [None, 64]),
        ],
        ["input_layer", 0, 0],
        ["dense_2", 0, 0],
    )


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


#: The notes' §2.6 config.json, character for character as Keras 3.15 writes it (one line).
TWO_TOWER_CONFIG_JSON = (
    '{"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "two_tower"'
    ', "trainable": true, "layers": [{"module": "keras.layers", "class_name": "InputLayer", "config": {"b'
    'atch_shape": [null, 4], "dtype": "float32", "sparse": false, "ragged": false, "name": "a", "optional'
    '": false}, "registered_name": null, "name": "a", "inbound_nodes": []}, {"module": "keras.layers", "c'
    'lass_name": "InputLayer", "config": {"batch_shape": [null, 4], "dtype": "float32", "sparse": false, '
    '"ragged": false, "name": "b", "optional": false}, "registered_name": null, "name": "b", "inbound_nod'
    'es": []}, {"module": "keras.layers", "class_name": "Dense", "config": {"name": "shared", "trainable"'
    ': true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "re'
    'gistered_name": null}, "units": 8, "activation": "relu", "use_bias": true, "kernel_initializer": {"m'
    'odule": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null, "input_axes": '
    'null, "output_axes": null}, "registered_name": null}, "bias_initializer": {"module": "keras.initiali'
    'zers", "class_name": "Zeros", "config": {}, "registered_name": null}, "kernel_regularizer": null, "b'
    'ias_regularizer": null, "kernel_constraint": null, "bias_constraint": null, "quantization_config": n'
    'ull}, "registered_name": null, "build_config": {"input_shape": [null, 4]}, "name": "shared", "inboun'
    'd_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 4], "dtype": "flo'
    'at32", "keras_history": ["a", 0, 0]}}], "kwargs": {}}, {"args": [{"class_name": "__keras_tensor__", '
    '"config": {"shape": [null, 4], "dtype": "float32", "keras_history": ["b", 0, 0]}}], "kwargs": {}}]},'
    ' {"module": "keras.layers", "class_name": "Concatenate", "config": {"name": "concat", "trainable": t'
    'rue, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "regis'
    'tered_name": null}, "axis": -1}, "registered_name": null, "build_config": {"input_shape": [[null, 8]'
    ', [null, 8]]}, "name": "concat", "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "co'
    'nfig": {"shape": [null, 8], "dtype": "float32", "keras_history": ["shared", 0, 0]}}, {"class_name": '
    '"__keras_tensor__", "config": {"shape": [null, 8], "dtype": "float32", "keras_history": ["shared", 1'
    ', 0]}}]], "kwargs": {}}]}, {"module": "keras.layers", "class_name": "Dense", "config": {"name": "out'
    '", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "'
    'float32"}, "registered_name": null}, "units": 1, "activation": "sigmoid", "use_bias": true, "kernel_'
    'initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": nul'
    'l, "input_axes": null, "output_axes": null}, "registered_name": null}, "bias_initializer": {"module"'
    ': "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}, "kernel_regul'
    'arizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null, "quanti'
    'zation_config": null}, "registered_name": null, "build_config": {"input_shape": [null, 16]}, "name":'
    ' "out", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 16'
    '], "dtype": "float32", "keras_history": ["concat", 0, 0]}}], "kwargs": {}}]}], "input_layers": [["a"'
    ', 0, 0], ["b", 0, 0]], "output_layers": ["out", 0, 0]}, "registered_name": "Functional", "build_conf'
    'ig": {"input_shape": null}, "compile_config": {}}'
)
