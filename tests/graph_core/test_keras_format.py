"""Reading .keras files and Keras JSON configs written by hand to Keras 3's layout, and refusing bad ones."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest

from graph_core import reference
from graph_core.errors import FileFormatError
from graph_core.io import keras_format
from graph_core.io.interop import load_any
from graph_core.model import input_names, output_names
from tests.graph_core import keras_handmade as hm


def _two_tower_file(tmp_path: Path, seed: int = 0) -> tuple[Path, dict[str, np.ndarray]]:
    w = hm.two_tower_weights(np.random.default_rng(seed))
    path = hm.write_keras(tmp_path / "two_tower.keras", hm.two_tower_config(), hm.two_tower_h5(w))
    return path, w


def _edges(graph) -> set[tuple[str, int, str]]:
    return {(graph.nodes[w.src].layer, w.port, graph.nodes[w.dst].layer) for w in graph.wires()}


# --------------------------------------------------------------------------- reading


def test_two_tower_structure_and_shared_layer(tmp_path: Path) -> None:
    path, w = _two_tower_file(tmp_path)
    g = keras_format.load_keras(path).graph
    assert g.name == "two_tower"
    assert [(l.name, l.type) for l in g.layers.values()] == [
        ("a", "InputLayer"),
        ("b", "InputLayer"),
        ("shared", "Dense"),
        ("concat", "Concatenate"),
        ("out", "Dense"),
    ]
    assert len(g.nodes_of_layer("shared")) == 2
    assert g.layers["shared"].config["units"] == 8 and g.layers["shared"].config["activation"] == "relu"
    assert g.layers["out"].config["activation"] == "sigmoid"
    assert input_names(g) == ["a", "b"] and output_names(g) == ["out"]
    assert _edges(g) == {
        ("a", 0, "shared"),
        ("b", 0, "shared"),
        ("shared", 0, "concat"),
        ("shared", 1, "concat"),
        ("concat", 0, "out"),
    }
    concat = g.nodes_of_layer("concat")[0]
    srcs = g.sources_of(concat)
    assert [g.sources_of(s)[0] for s in srcs] == g.nodes_of_layer("a") + g.nodes_of_layer("b")
    assert g.analysis().shapes[concat] == (None, 16)
    np.testing.assert_array_equal(g.layers["shared"].weights["kernel"], w["shared_k"])
    np.testing.assert_array_equal(g.layers["out"].weights["bias"], w["out_b"])
    assert all(n.pos != (0.0, 0.0) for n in g.nodes.values()) or len(g.nodes) == 1  # laid out


def test_two_tower_predicts_as_numpy(tmp_path: Path) -> None:
    path, w = _two_tower_file(tmp_path, seed=3)
    g = keras_format.load_keras(path).graph
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(5, 4)).astype(np.float32), rng.normal(size=(5, 4)).astype(np.float32)
    ha, hb = hm.relu(a @ w["shared_k"] + w["shared_b"]), hm.relu(b @ w["shared_k"] + w["shared_b"])
    expected = hm.sigmoid(np.concatenate([ha, hb], axis=1) @ w["out_k"] + w["out_b"])
    got = reference.forward(g, {"a": a, "b": b})["out"]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_mnist_model_predicts_as_numpy(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    ws = [
        (rng.normal(size=(i, o)).astype(np.float32) * 0.1, rng.normal(size=(o,)).astype(np.float32))
        for i, o in ((784, 64), (64, 64), (64, 10))
    ]
    h5 = hm.weights_h5(
        "mnist_model",
        [("input_layer", "input_layer", [])]
        + [
            (g, n, list(kb))
            for g, n, kb in zip(("dense", "dense_1", "dense_2"), ("dense", "dense_1", "dense_2"), ws, strict=True)
        ],
    )
    path = hm.write_keras(tmp_path / "mnist.keras", hm.mnist_config(), h5)
    g = load_any(path).graph
    assert [l.name for l in g.layers.values()] == ["input_layer", "dense", "dense_1", "dense_2"]
    x = rng.normal(size=(3, 784)).astype(np.float32)
    h = hm.relu(x @ ws[0][0] + ws[0][1])
    h = hm.relu(h @ ws[1][0] + ws[1][1])
    np.testing.assert_allclose(
        reference.forward(g, {"input_layer": x})["dense_2"], h @ ws[2][0] + ws[2][1], rtol=1e-4, atol=1e-5
    )


def test_json_config_imports_the_same_graph_as_the_keras_file(tmp_path: Path) -> None:
    path, _ = _two_tower_file(tmp_path)
    json_path = tmp_path / "two_tower.json"
    json_path.write_text(json.dumps(hm.two_tower_config()))
    from_zip = keras_format.load_keras(path).graph.structure()
    from_json = load_any(json_path).graph.structure()
    del from_zip["weights"], from_json["weights"]
    assert from_zip == from_json
    assert keras_format.graph_from_keras_config(hm.two_tower_config()).structure()["wires"] == from_json["wires"]


def test_input_and_output_order_follow_the_config(tmp_path: Path) -> None:
    cfg = hm.functional(
        "two_heads",
        [
            hm.input_layer("a", [3]),
            hm.input_layer("b", [3]),
            hm.layer(
                "Add",
                "add",
                {},
                [hm.call(hm.kt("a", 0, [None, 3]), hm.kt("b", 0, [None, 3]), merge=True)],
                [[None, 3], [None, 3]],
            ),
            hm.layer("Dense", "y1", hm.dense_config(2), [hm.call(hm.kt("add", 0, [None, 3]))], [None, 3]),
            hm.layer("Dense", "y2", hm.dense_config(5), [hm.call(hm.kt("add", 0, [None, 3]))], [None, 3]),
        ],
        [["b", 0, 0], ["a", 0, 0]],
        [["y2", 0, 0], ["y1", 0, 0]],
    )
    g = keras_format.graph_from_keras_config(cfg)
    assert input_names(g) == ["b", "a"]
    assert output_names(g) == ["y2", "y1"]


def test_every_layer_type_with_weights_in_keras_order(tmp_path: Path) -> None:
    """BatchNormalization's variables: gamma, beta, moving_mean, moving_variance; LayerNormalization's axis: [-1]."""
    t = hm.kt
    layers = [
        hm.input_layer("x", [6]),
        hm.layer("Dense", "d", hm.dense_config(6, "tanh"), [hm.call(t("x", 0, [None, 6]))], [None, 6]),
        hm.layer(
            "BatchNormalization",
            "bn",
            hm.bn_config(),
            [hm.call(t("d", 0, [None, 6]), kwargs={"mask": None})],
            [None, 6],
        ),
        hm.layer(
            "Dropout",
            "drop",
            {"rate": 0.25, "seed": None, "noise_shape": None},
            [hm.call(t("bn", 0, [None, 6]), kwargs={"training": False})],
        ),
        hm.layer("LayerNormalization", "ln", hm.ln_config(center=False), [hm.call(t("drop", 0, [None, 6]))], [None, 6]),
        hm.layer("Activation", "act", {"activation": "softplus"}, [hm.call(t("ln", 0, [None, 6]))]),
        hm.layer("Reshape", "rs", {"target_shape": [3, 2]}, [hm.call(t("act", 0, [None, 6]))]),
        hm.layer("Flatten", "fl", {"data_format": "channels_last"}, [hm.call(t("rs", 0, [None, 3, 2]))], [None, 3, 2]),
    ]
    two = [[None, 6], [None, 6]]
    merges = ["Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"]
    prev = "fl"
    for m in merges:
        name = m.lower()
        cfg = {"axis": -1} if m == "Concatenate" else {}
        layers.append(hm.layer(m, name, cfg, [hm.call(t(prev, 0, [None, 6]), t("d", 0, [None, 6]), merge=True)], two))
        prev = name
        if m == "Concatenate":
            layers.append(
                hm.layer(
                    "Dense", "back", hm.dense_config(6, use_bias=False), [hm.call(t(name, 0, [None, 12]))], [None, 12]
                )
            )
            prev = "back"
    cfg = hm.functional("all_types", layers, ["x", 0, 0], [prev, 0, 0])
    rng = np.random.default_rng(7)
    r = lambda *s: rng.normal(size=s).astype(np.float32)  # noqa: E731
    dk, db = r(6, 6), r(6)
    gamma, beta, mm, mv = r(6), r(6), r(6), np.abs(r(6)) + 0.5
    ln_gamma, back_k = r(6), r(12, 6)
    groups = [
        ("input_layer", "x", []),
        ("dense", "d", [dk, db]),
        ("batch_normalization", "bn", [gamma, beta, mm, mv]),
        ("dropout", "drop", []),
        ("layer_normalization", "ln", [ln_gamma]),
        ("activation", "act", []),
        ("reshape", "rs", []),
        ("flatten", "fl", []),
    ]
    for m in merges:
        groups.append((m.lower(), m.lower(), []))
        if m == "Concatenate":
            groups.append(("dense_1", "back", [back_k]))
    path = hm.write_keras(tmp_path / "all.keras", cfg, hm.weights_h5("all_types", groups))
    g = keras_format.load_keras(path).graph
    assert {l.type for l in g.layers.values()} == {
        "InputLayer",
        "Dense",
        "BatchNormalization",
        "Dropout",
        "LayerNormalization",
        "Activation",
        "Reshape",
        "Flatten",
        *merges,
    }
    assert g.layers["ln"].config == {"axis": -1, "epsilon": 0.001, "center": False, "scale": True}
    assert g.layers["drop"].config == {"rate": 0.25, "seed": None}
    bn = g.layers["bn"].weights
    for k, v in (("gamma", gamma), ("beta", beta), ("moving_mean", mm), ("moving_variance", mv)):
        np.testing.assert_array_equal(bn[k], v)

    x = r(4, 6)
    d = np.tanh(x @ dk + db)
    h = (d - mm) / np.sqrt(mv + 1e-3) * gamma + beta
    h = (h - h.mean(-1, keepdims=True)) / np.sqrt(h.var(-1, keepdims=True) + 1e-3) * ln_gamma
    h = np.logaddexp(0, h)
    h = h - d
    h = h * d
    h = (h + d) / 2
    h = np.maximum(h, d)
    h = np.minimum(h, d)
    h = np.concatenate([h, d], axis=-1) @ back_k
    np.testing.assert_allclose(reference.forward(g, {"x": x})["back"], h, rtol=1e-4, atol=1e-5)


def _sequential(with_input: bool) -> dict:
    layers = [
        {
            k: v
            for k, v in hm.layer("Dense", "dense", hm.dense_config(3, "relu"), []).items()
            if k not in ("name", "inbound_nodes")
        }
    ]
    layers[0]["build_config"] = {"input_shape": [None, 5]}
    if with_input:
        inp = {k: v for k, v in hm.input_layer("input_layer", [5]).items() if k not in ("name", "inbound_nodes")}
        layers.insert(0, inp)
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "trainable": True,
            "dtype": hm.DTYPE,
            "layers": layers,
            "build_input_shape": [None, 5],
        },
        "registered_name": None,
        "build_config": {"input_shape": [None, 5]},
        "compile_config": None,
    }


@pytest.mark.parametrize("with_input", [True, False])
def test_sequential_model(tmp_path: Path, with_input: bool) -> None:
    k, b = np.arange(15, dtype=np.float32).reshape(5, 3) / 10, np.ones(3, np.float32)
    h5 = hm.weights_h5("sequential", [("dense", "dense", [k, b])])  # Sequential: no input_layer group
    g = keras_format.load_keras(hm.write_keras(tmp_path / "seq.keras", _sequential(with_input), h5)).graph
    x = np.ones((2, 5), np.float32)
    np.testing.assert_allclose(reference.forward(g, {input_names(g)[0]: x})["dense"], hm.relu(x @ k + b), rtol=1e-6)


def test_keras2_json_config(tmp_path: Path) -> None:
    """tf.keras / Keras 2: class_name Model, batch_input_shape, inbound nodes as [layer, node, tensor, kwargs]."""
    cfg = {
        "class_name": "Model",
        "config": {
            "name": "model",
            "layers": [
                {
                    "class_name": "InputLayer",
                    "name": "input_1",
                    "inbound_nodes": [],
                    "config": {
                        "batch_input_shape": [None, 4],
                        "dtype": "float32",
                        "sparse": False,
                        "ragged": False,
                        "name": "input_1",
                    },
                },
                {
                    "class_name": "Dense",
                    "name": "dense",
                    "inbound_nodes": [[["input_1", 0, 0, {}]]],
                    "config": {
                        "name": "dense",
                        "trainable": True,
                        "dtype": "float32",
                        "units": 2,
                        "activation": "softmax",
                        "use_bias": True,
                        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
                        "bias_initializer": {"class_name": "Zeros", "config": {}},
                        "kernel_regularizer": None,
                        "bias_regularizer": None,
                        "activity_regularizer": None,
                        "kernel_constraint": None,
                        "bias_constraint": None,
                    },
                },
            ],
            "input_layers": [["input_1", 0, 0]],
            "output_layers": [["dense", 0, 0]],
        },
        "keras_version": "2.15.0",
        "backend": "tensorflow",
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(cfg))
    g = keras_format.load_keras_json(path).graph
    assert g.layers["dense"].config["activation"] == "softmax"
    assert input_names(g) == ["input_1"] and not g.layers["dense"].weights


def test_initializer_objects_map_to_names() -> None:
    cfg = hm.mnist_config()
    dense = cfg["config"]["layers"][1]["config"]
    dense["kernel_initializer"] = {
        "module": "keras.initializers",
        "class_name": "VarianceScaling",
        "config": {"seed": 3, "scale": 2.0, "mode": "fan_in", "distribution": "normal"},
        "registered_name": None,
    }
    cfg["config"]["layers"][2]["config"]["kernel_initializer"] = hm.init("LecunUniform")
    g = keras_format.graph_from_keras_config(cfg)
    assert g.layers["dense"].config["kernel_initializer"] == "he_normal"
    assert g.layers["dense_1"].config["kernel_initializer"] == "lecun_uniform"


# --------------------------------------------------------------------------- refusals


def _mnist_with(change) -> dict:
    cfg = copy.deepcopy(hm.mnist_config())
    change(cfg["config"]["layers"])
    return cfg


def _set(index: int, key: str, value):
    def change(layers):
        layers[index]["config"][key] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set(
                1,
                "kernel_regularizer",
                {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": None},
            ),
            "'dense' (Dense) kernel_regularizer",
        ),
        (
            _set(
                1,
                "dtype",
                {
                    "module": "keras",
                    "class_name": "DTypePolicy",
                    "config": {"name": "mixed_float16"},
                    "registered_name": None,
                },
            ),
            "'dense' (Dense) dtype",
        ),
        (
            _set(
                2,
                "kernel_initializer",
                {
                    "module": "keras.initializers",
                    "class_name": "RandomNormal",
                    "config": {"seed": None, "mean": 0.0, "stddev": 0.05},
                    "registered_name": None,
                },
            ),
            "'dense_1' (Dense) kernel_initializer",
        ),
        (_set(1, "activation", "crelu"), "'dense' (Dense) activation"),
        (_set(1, "trainable", False), "'dense' (Dense) trainable"),
        (_set(1, "lora_rank", 4), "'dense' (Dense) lora_rank"),
        (_set(1, "units", -3), "units=-3"),
        (_set(0, "sparse", True), "'input_layer' (InputLayer) sparse"),
        (_set(0, "batch_shape", [None, None]), "Dense needs the size of its input's last axis; got (None, None)"),
        (_set(1, "something_new", 3), "something_new=3"),
    ],
)
def test_unsupported_settings_are_named(change, message: str) -> None:
    with pytest.raises(FileFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        keras_format.graph_from_keras_config(_mnist_with(change))


def test_harmless_unknown_settings_are_ignored() -> None:
    cfg = _mnist_with(_set(1, "future_option", None))
    cfg["config"]["layers"][2]["config"]["other_flag"] = False
    assert keras_format.graph_from_keras_config(cfg).layers["dense"].config["units"] == 64


def test_unknown_layer_type_is_named() -> None:
    def change(layers):
        layers[1]["class_name"] = "Conv3D"
        layers[1]["name"] = layers[1]["config"]["name"] = "conv3d"

    with pytest.raises(
        FileFormatError,
        match=r"uses Conv3D \(layer 'conv3d'\), which Layerwire does not have; it has "
        r"InputLayer, Dense",
    ):
        keras_format.graph_from_keras_config(_mnist_with(change))


def test_custom_layer_class_is_refused() -> None:
    def change(layers):
        layers[1]["registered_name"] = "MyPackage>Dense"
        layers[1]["module"] = "my_package"

    with pytest.raises(FileFormatError, match="custom layer class 'MyPackage>Dense'"):
        keras_format.graph_from_keras_config(_mnist_with(change))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c["config"]["layers"][1]["inbound_nodes"][0]["args"][0]["config"].update(
                keras_history=["nowhere", 0, 0]
            ),
            "'nowhere'",
        ),
        (
            lambda c: c["config"]["layers"][1]["inbound_nodes"][0]["args"][0]["config"].update(
                keras_history=["dense_2", 0, 0]
            ),
            "cycle",
        ),
        (lambda c: c["config"].update(output_layers=[["dense_2", 0, 0], ["dense_2", 0, 0]]), "twice"),
        (lambda c: c["config"].update(output_layers=["dense_2", 3, 0]), "node 3"),
        (
            lambda c: c["config"]["layers"][2]["inbound_nodes"][0]["args"][0]["config"].update(shape=[None, 65]),
            r"shape \(None, 65\)",
        ),
        (lambda c: c["config"]["layers"][2]["inbound_nodes"][0].update(kwargs={"training": True}), "training=True"),
        (lambda c: c.update(class_name="Conv2D"), "Functional or Sequential"),
        (lambda c: c["config"]["layers"].append(c["config"]["layers"][1]), "two layers are named 'dense'"),
        (lambda c: c["config"].update(input_layers=["dense", 0, 0]), "not an InputLayer"),
        (lambda c: c["config"].update(layers="many"), "a list of layers"),
    ],
)
def test_broken_configs_are_refused(change, message: str) -> None:
    cfg = copy.deepcopy(hm.mnist_config())
    change(cfg)
    with pytest.raises(FileFormatError, match=message):
        keras_format.graph_from_keras_config(cfg)


def test_hostile_sizes_are_refused_before_allocating(tmp_path: Path) -> None:
    cfg = hm.mnist_config()
    cfg["config"]["layers"][1]["config"]["units"] = 2**30  # (784 + 1) * 2**30 weights
    cfg["config"]["layers"][2]["inbound_nodes"][0]["args"][0]["config"]["shape"] = [None, 2**30]
    with pytest.raises(FileFormatError, match=r"'dense' would need 842,887,331,840 weights \(3,140.0 GiB\)"):
        keras_format.graph_from_keras_config(cfg)


@pytest.fixture
def good(tmp_path: Path) -> dict[str, bytes]:
    path, _ = _two_tower_file(tmp_path)
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _load_members(tmp_path: Path, members: dict[str, bytes]):
    return keras_format.load_keras(hm.write_keras(tmp_path / "bad.keras", None, b"", members=members))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.pop("config.json"), "no config.json"),
        (lambda m: m.pop("model.weights.h5"), "no model.weights.h5"),
        (lambda m: m.update({"model.weights.h5": m["model.weights.h5"][:3000]}), "not a readable HDF5"),
        (lambda m: m.update({"model.weights.h5": b"not hdf5" * 100}), "not a readable HDF5"),
        (lambda m: m.update({"config.json": b'{"module": '}), "config.json: expected JSON"),
        (lambda m: m.update({"config.json": b"[" * 10000 + b"]" * 10000}), "nests deeper"),
        (lambda m: m.update({"config.json": b'{"class_name": "Functional", "config": NaN}'}), "expected JSON"),
        (lambda m: m.update({"metadata.json": b"[1]"}), "metadata.json"),
    ],
)
def test_damaged_members_are_refused(tmp_path: Path, good: dict[str, bytes], edit, message: str) -> None:
    members = dict(good)
    edit(members)
    with pytest.raises(FileFormatError, match=message):
        _load_members(tmp_path, members)


def _h5_edit(raw: bytes, edit) -> bytes:
    buf = io.BytesIO(raw)
    with h5py.File(buf, "a") as f:
        edit(f)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: f["layers/dense/vars"].__delitem__("1"), r"expected 2 variables \(kernel, bias\); found 1"),
        (lambda f: f.__delitem__("layers/dense_1"), "no group layers/dense_1/vars"),
        (
            lambda f: (
                f["layers/dense/vars"].__delitem__("0"),
                f["layers/dense/vars"].create_dataset("0", data=np.zeros((8, 4), np.float32)),
            ),
            r"kernel: expected shape \(4, 8\); found \(8, 4\)",
        ),
        (
            lambda f: (
                f["layers/dense/vars"].__delitem__("0"),
                f["layers/dense/vars"].create_dataset("0", data=np.zeros((4, 8), np.int32)),
            ),
            "expected float weights",
        ),
        (
            lambda f: (
                f["layers/dense/vars"].__delitem__("1"),
                f["layers/dense/vars"].__setitem__("1", h5py.SoftLink("/layers/dense_1/vars/1")),
            ),
            "links '1' elsewhere",
        ),
        (
            lambda f: (
                f["layers/dense_1/vars"].__delitem__("1"),
                f["layers/dense_1/vars"].__setitem__("1", h5py.ExternalLink("/etc/passwd", "/x")),
            ),
            "links '1' elsewhere",
        ),
        (lambda f: f["layers/dense/vars/1"].__setitem__(0, np.nan), "NaN"),
    ],
)
def test_bad_weights_are_refused(tmp_path: Path, good: dict[str, bytes], edit, message: str) -> None:
    members = dict(good, **{"model.weights.h5": _h5_edit(good["model.weights.h5"], edit)})
    with pytest.raises(FileFormatError, match=message):
        _load_members(tmp_path, members)


def test_damaged_zip_is_refused(tmp_path: Path) -> None:
    path, _ = _two_tower_file(tmp_path)
    raw = path.read_bytes()
    for i, data in enumerate((b"PK\x03\x04 garbage", raw[: len(raw) // 2], b"", raw[:-30])):
        bad = tmp_path / f"bad{i}.keras"
        bad.write_bytes(data)
        with pytest.raises(FileFormatError, match="bad"):
            keras_format.load_keras(bad)
    with pytest.raises(FileFormatError, match="does not exist"):
        keras_format.load_keras(tmp_path / "missing.keras")
    with pytest.raises(FileFormatError, match="folder"):
        keras_format.load_keras(tmp_path)


def test_crc_mismatch_is_refused(tmp_path: Path) -> None:
    path, _ = _two_tower_file(tmp_path)
    raw = bytearray(path.read_bytes())
    at = raw.index(b'"two_tower"')
    raw[at + 1] = ord("T")  # stored (uncompressed) member: flip one byte of config.json
    path.write_bytes(bytes(raw))
    with pytest.raises(FileFormatError, match="damaged zip"):
        keras_format.load_keras(path)


def test_zip_bomb_and_oversized_members_are_refused(tmp_path: Path, good: dict[str, bytes], monkeypatch) -> None:
    bomb = tmp_path / "bomb.keras"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("config.json", good["config.json"])
        zf.writestr("model.weights.h5", bytes(40 << 20))
    with pytest.raises(FileFormatError, match="zip bomb"):
        keras_format.load_keras(bomb)
    monkeypatch.setitem(keras_format.MEMBER_LIMITS, "config.json", 100)
    with pytest.raises(FileFormatError, match="config.json is 0 MiB uncompressed; Layerwire reads at most"):
        _load_members(tmp_path, good)


def test_only_known_members_are_read(tmp_path: Path, good: dict[str, bytes]) -> None:
    members = dict(good, **{"../../evil.txt": b"x", "assets/a.txt": b"y"})
    project = _load_members(tmp_path, members)
    assert "shared" in project.graph.layers
    assert not (tmp_path.parent.parent / "evil.txt").exists()


def test_npz_weights_are_named(tmp_path: Path, good: dict[str, bytes]) -> None:
    members = {"config.json": good["config.json"], "model.weights.npz": b"PK"}
    with pytest.raises(FileFormatError, match="model.weights.npz"):
        _load_members(tmp_path, members)


def test_shared_layer_calls_keep_their_numbers_when_made_out_of_order() -> None:
    """Keras makes a layer's calls in order: call 1 waits for call 0 even when its input is ready first."""
    t = hm.kt
    cfg = hm.functional(
        "out_of_order",
        [
            hm.input_layer("x", [3]),
            hm.layer(
                "Dense",
                "d",
                hm.dense_config(3),
                [hm.call(t("pre", 0, [None, 3])), hm.call(t("x", 0, [None, 3]))],
                [None, 3],
            ),
            hm.layer("Dense", "pre", hm.dense_config(3), [hm.call(t("x", 0, [None, 3]))], [None, 3]),
            hm.layer(
                "Subtract",
                "sub",
                {},
                [hm.call(t("d", 1, [None, 3]), t("d", 0, [None, 3]), merge=True)],
                [[None, 3], [None, 3]],
            ),
        ],
        ["x", 0, 0],
        ["sub", 0, 0],
    )
    g = keras_format.graph_from_keras_config(cfg)
    first, second = g.nodes_of_layer("d")
    assert g.nodes[g.sources_of(first)[0]].layer == "pre" and g.nodes[g.sources_of(second)[0]].layer == "x"
    sub = g.nodes_of_layer("sub")[0]
    assert g.sources_of(sub) == [second, first]
    from graph_core.io.keras_config import model_config

    written = {e["name"]: e for e in model_config(g)["config"]["layers"]}
    assert [n["args"][0]["config"]["keras_history"][0] for n in written["d"]["inbound_nodes"]] == ["pre", "x"]
    assert [a["config"]["keras_history"] for a in written["sub"]["inbound_nodes"][0]["args"][0]] == [
        ["d", 1, 0],
        ["d", 0, 0],
    ]
