"""Writing .keras files: exact config.json, Keras's weights layout, and graph -> .keras -> graph round trips."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_core import examples, reference
from graph_core.builder import ModelBuilder
from graph_core.errors import FileFormatError, GraphError
from graph_core.graph import Graph
from graph_core.io import files, keras_format
from graph_core.io.files import Project
from graph_core.io.keras_config import model_config
from graph_core.model import ensure_weights, input_names, output_names
from tests.graph_core import keras_handmade as hm

ROOT = Path(__file__).resolve().parents[2]


def canonical(graph: Graph) -> dict:
    """Everything Keras keeps, independent of node ids and canvas positions."""
    order = graph.analysis().order
    rank = {n: i for i, n in enumerate(order)}
    index = {}
    for name in graph.layers:
        for i, n in enumerate(sorted(graph.nodes_of_layer(name), key=rank.__getitem__)):
            index[n] = (name, i)
    return {
        "name": graph.name,
        "layers": {
            l.name: (l.type, l.config if l.inner is None else canonical(l.inner)) for l in graph.layers.values()
        },
        "weights": {
            l.name: {k: (v.dtype, v.shape, v.tobytes()) for k, v in l.weights.items()} for l in graph.layers.values()
        },
        "wires": sorted((index[w.src], index[w.dst], w.port) for w in graph.wires()),
        "inputs": input_names(graph),
        "outputs": [index[n] for n in graph.analysis().outputs],
    }


def roundtrip(project: Project, tmp_path: Path) -> Project:
    path = tmp_path / "model.keras"
    keras_format.save_keras(project, path)
    return keras_format.load_keras(path)


def random_inputs(graph: Graph, seed: int = 0) -> dict[str, np.ndarray]:
    from tests.random_graphs import sample_input

    rng = np.random.default_rng(seed)
    analysis = graph.analysis()
    return {
        name: sample_input(graph, n, 3, rng) for n, name in zip(analysis.inputs, input_names(graph), strict=True)
    }


def assert_same_model(a: Graph, b: Graph) -> None:
    assert canonical(a) == canonical(b)
    xs = random_inputs(a)
    ya, yb = reference.forward(a, xs), reference.forward(b, xs)
    assert list(ya) == list(yb)
    for k in ya:
        np.testing.assert_array_equal(ya[k], yb[k])


def two_tower() -> Graph:
    b = ModelBuilder("two_tower")
    a, c = b.input((4,), name="a"), b.input((4,), name="b")
    s1 = b.add("Dense", a, units=8, activation="relu", name="shared")
    s2 = b.call("shared", c)
    x = b.add("Concatenate", s1, s2, name="concat")
    b.add("Dense", x, units=1, activation="sigmoid", name="out")
    return b.done()


# --------------------------------------------------------------------------- exact layout


def test_config_json_is_byte_for_byte_the_notes_example(tmp_path: Path) -> None:
    """§2.6 of the notes gives the exact single-line config.json Keras 3.15 writes for this model."""
    expected = hm.TWO_TOWER_CONFIG_JSON
    path = tmp_path / "t.keras"
    keras_format.save_keras(Project(two_tower()), path)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["metadata.json", "config.json", "model.weights.h5"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        assert zf.read("config.json").decode() == expected
        assert set(json.loads(zf.read("metadata.json"))) == {"keras_version", "date_saved"}


def test_weights_h5_has_keras_groups(tmp_path: Path) -> None:
    project = Project(two_tower())
    ensure_weights(project.graph, seed=4)
    path = tmp_path / "t.keras"
    keras_format.save_keras(project, path)
    with zipfile.ZipFile(path) as zf, h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r") as f:
        found = {}

        def note(name: str, obj) -> None:  # visititems stops at the first callback that returns a value
            found[name] = obj.shape if isinstance(obj, h5py.Dataset) else None

        f.visititems(note)
        assert found == {
            "vars": None,
            "layers": None,
            "layers/input_layer": None,
            "layers/input_layer/vars": None,
            "layers/input_layer_1": None,
            "layers/input_layer_1/vars": None,
            "layers/dense": None,
            "layers/dense/vars": None,
            "layers/dense/vars/0": (4, 8),
            "layers/dense/vars/1": (8,),
            "layers/concatenate": None,
            "layers/concatenate/vars": None,
            "layers/dense_1": None,
            "layers/dense_1/vars": None,
            "layers/dense_1/vars/0": (16, 1),
            "layers/dense_1/vars/1": (1,),
        }
        assert f["vars"].attrs["name"] == "two_tower"
        assert [f[f"layers/{g}/vars"].attrs["name"] for g in ("input_layer", "input_layer_1", "dense", "dense_1")] == [
            "a",
            "b",
            "shared",
            "out",
        ]
        np.testing.assert_array_equal(f["layers/dense/vars/0"][()], project.graph.layers["shared"].weights["kernel"])
        assert f["layers/dense/vars/0"].dtype == np.float32 and not f["layers/dense/vars/0"].attrs


def test_layer_configs_spot_check(tmp_path: Path) -> None:
    b = ModelBuilder("norms")
    x = b.input((6,))
    x = b.add("BatchNormalization", x)
    x = b.add("Dropout", x, rate=0.2)
    x = b.add("LayerNormalization", x, scale=False)
    x = b.add("Reshape", x, target_shape=(3, 2))
    b.add("Flatten", x)
    config = model_config(b.done())
    layers = {entry["name"]: entry for entry in config["config"]["layers"]}
    bn = layers["batch_normalization"]
    assert list(bn["config"]) == [
        "name",
        "trainable",
        "dtype",
        "axis",
        "momentum",
        "epsilon",
        "center",
        "scale",
        "beta_initializer",
        "gamma_initializer",
        "moving_mean_initializer",
        "moving_variance_initializer",
        "beta_regularizer",
        "gamma_regularizer",
        "beta_constraint",
        "gamma_constraint",
        "synchronized",
        "renorm",
        "renorm_clipping",
        "renorm_momentum",
    ]
    assert bn["build_config"] == {"input_shape": [None, 6]}
    assert bn["inbound_nodes"][0]["kwargs"] == {"mask": None}
    assert layers["dropout"]["inbound_nodes"][0]["kwargs"] == {"training": False}
    assert "build_config" not in layers["dropout"] and "build_config" not in layers["reshape"]
    assert layers["layer_normalization"]["config"]["axis"] == [-1]
    assert layers["layer_normalization"]["config"]["rms_scaling"] is False
    assert layers["reshape"]["config"]["target_shape"] == [3, 2]
    assert layers["flatten"]["build_config"] == {"input_shape": [None, 3, 2]}
    assert list(layers) == [
        "input_layer",
        "batch_normalization",
        "dropout",
        "layer_normalization",
        "reshape",
        "flatten",
    ]
    assert config["config"]["input_layers"] == ["input_layer", 0, 0]


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", sorted(examples.EXAMPLES))
def test_examples_round_trip(tmp_path: Path, name: str) -> None:
    project = examples.build(name, seed=5)
    assert_same_model(project.graph, roundtrip(project, tmp_path).graph)


def test_two_tower_round_trip_keeps_the_shared_layer(tmp_path: Path) -> None:
    project = Project(two_tower())
    ensure_weights(project.graph, seed=1)
    back = roundtrip(project, tmp_path).graph
    assert len(back.nodes_of_layer("shared")) == 2
    assert_same_model(project.graph, back)


def test_save_load_save_gives_the_same_bytes(tmp_path: Path) -> None:
    project = examples.build("multi_io", seed=2)
    first = keras_format.keras_bytes(project)
    (tmp_path / "a.keras").write_bytes(first)
    assert keras_format.keras_bytes(keras_format.load_keras(tmp_path / "a.keras")) == first


def test_save_gives_weights_when_missing_and_refuses_invalid_graphs(tmp_path: Path) -> None:
    project = examples.mnist_model()
    assert not project.graph.layers["dense"].weights
    keras_format.save_keras(project, tmp_path / "m.keras")
    assert project.graph.layers["dense"].weights["kernel"].shape == (784, 64)
    b = ModelBuilder("broken")
    b.add("Add", b.input((3,)))  # a merge of one tensor
    with pytest.raises(GraphError):
        keras_format.save_keras(Project(b.done()), tmp_path / "broken.keras")
    assert not (tmp_path / "broken.keras").exists()


def test_several_outputs_in_any_order_and_output_of_a_shared_call(tmp_path: Path) -> None:
    b = ModelBuilder("multi")
    x1, x2 = b.input((3,), name="x1"), b.input((5,), name="x2")
    t = b.add("Dense", x2, units=3, name="t")
    s1 = b.add("Dense", x1, units=4, activation="tanh", name="s")
    s2 = b.call("s", t)
    y = b.add("Average", s1, s2, name="avg")
    b.outputs(s2, y, t)
    project = Project(b.done())
    ensure_weights(project.graph, seed=9)
    back = roundtrip(project, tmp_path).graph
    assert output_names(back) == ["s", "avg", "t"]
    assert input_names(back) == ["x1", "x2"]
    assert_same_model(project.graph, back)


# --------------------------------------------------------------------------- random graphs

ACTIVATIONS = ["linear", "relu", "tanh", "sigmoid", "softmax", "gelu", "elu", "selu", "softplus", "silu"]


@st.composite
def random_graphs(draw) -> Graph:
    b = ModelBuilder("random")
    nodes: list[tuple[int, tuple]] = []
    for i in range(draw(st.integers(1, 2))):
        shape = draw(st.sampled_from([(3,), (4,), (2, 3)]))
        nodes.append((b.input(shape, name=f"in{i}"), shape))
    dense_inputs: dict[str, int] = {}
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(
            st.sampled_from(
                [
                    "Dense",
                    "Dense",
                    "shared",
                    "Activation",
                    "Dropout",
                    "BatchNormalization",
                    "LayerNormalization",
                    "merge",
                    "Concatenate",
                    "Flatten",
                    "Reshape",
                ]
            )
        )
        src, shape = draw(st.sampled_from(nodes))
        if kind == "Dense":
            units = draw(st.integers(1, 5))
            n = b.add(
                "Dense",
                src,
                units=units,
                activation=draw(st.sampled_from(ACTIVATIONS)),
                use_bias=draw(st.booleans()),
                kernel_initializer=draw(st.sampled_from(["glorot_uniform", "he_normal", "lecun_uniform"])),
            )
            dense_inputs[b.graph.nodes[n].layer] = shape[-1]
            nodes.append((n, (*shape[:-1], units)))
        elif kind == "shared":
            fits = [name for name, d in dense_inputs.items() if d == shape[-1]]
            if fits:
                layer = draw(st.sampled_from(fits))
                units = b.graph.layers[layer].config["units"]
                nodes.append((b.call(layer, src), (*shape[:-1], units)))
        elif kind in ("Activation", "Dropout"):
            cfg = {"activation": draw(st.sampled_from(ACTIVATIONS))} if kind == "Activation" else {"rate": 0.3}
            nodes.append((b.add(kind, src, **cfg), shape))
        elif kind in ("BatchNormalization", "LayerNormalization"):
            nodes.append((b.add(kind, src, center=draw(st.booleans()), scale=draw(st.booleans())), shape))
        elif kind in ("merge", "Concatenate"):
            partners = [n for n, s in nodes if s == shape]
            other = draw(st.sampled_from(partners))
            if kind == "merge":
                op = draw(st.sampled_from(["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"]))
                nodes.append((b.add(op, src, other), shape))
            else:
                nodes.append((b.add("Concatenate", src, other), (*shape[:-1], 2 * shape[-1])))
        elif kind == "Flatten" and len(shape) == 2:
            nodes.append((b.add("Flatten", src), (shape[0] * shape[1],)))
        elif kind == "Reshape" and len(shape) == 1:
            nodes.append((b.add("Reshape", src, target_shape=(shape[0], 1)), (shape[0], 1)))
    g = b.graph
    for n in list(g.input_nodes()):
        if not g.wires_out(n):
            b.add("Dense", n, units=2)
    sinks = [n for n in g.nodes if not g.wires_out(n) and g.layer_of(n).type != "InputLayer"]
    b.outputs(*draw(st.permutations(sinks)))
    graph = b.done()
    ensure_weights(graph, seed=draw(st.integers(0, 2**16)))
    for layer in graph.layers.values():  # BN statistics other than 0 and 1
        if "moving_variance" in layer.weights:
            layer.weights["moving_mean"] = layer.weights["moving_mean"] + 0.5
            layer.weights["moving_variance"] = layer.weights["moving_variance"] * 2.0
    return graph


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=random_graphs())
def test_random_graphs_round_trip(tmp_path: Path, graph: Graph) -> None:
    project = Project(graph)
    back = roundtrip(project, tmp_path)
    assert_same_model(graph, back.graph)
    assert keras_format.keras_bytes(back) == keras_format.keras_bytes(project)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_mangled_files_fail_cleanly(data) -> None:
    """Any damage gives a FileFormatError (or a model), never another exception."""
    raw = bytearray(_mnist_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = Path(f"/tmp/layerwire-mangled-{id(data)}.keras")
    path.write_bytes(bytes(raw))
    try:
        keras_format.load_keras(path)
    except FileFormatError:
        pass
    finally:
        path.unlink()


_CACHE: dict[str, bytes] = {}


def _mnist_bytes() -> bytes:
    if "m" not in _CACHE:
        b = ModelBuilder("small")
        x = b.input((3,))
        x = b.add("BatchNormalization", b.add("Dense", x, units=4, activation="relu"))
        b.add("Dense", x, units=2)
        _CACHE["m"] = keras_format.keras_bytes(Project(b.done()))
    return _CACHE["m"]


# --------------------------------------------------------------------------- command line


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_import_export_summary(tmp_path: Path) -> None:
    src = hm.write_keras(
        tmp_path / "two_tower.keras",
        hm.two_tower_config(),
        hm.two_tower_h5(hm.two_tower_weights(np.random.default_rng(0))),
    )
    out = tmp_path / "two_tower.lwire"
    r = _run("import", str(src), "-o", str(out))
    assert r.returncode == 0, r.stderr
    imported = files.load(out).graph
    assert len(imported.nodes_of_layer("shared")) == 2

    exported = tmp_path / "again.keras"
    r = _run("export", str(out), "--format", "keras", "-o", str(exported))
    assert r.returncode == 0, r.stderr
    assert_same_model(imported, keras_format.load_keras(exported).graph)

    r = _run("summary", str(exported))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith('Model: "two_tower"')
    assert "shared[0][0], shared[1][0]" in r.stdout and " Total params: 57 (228.00 B)" in r.stdout


@pytest.mark.parametrize("command", ["import", "summary", "export"])
def test_cli_damaged_input(tmp_path: Path, command: str) -> None:
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    out = tmp_path / ("out.lwire" if command == "import" else "out.keras")
    args = {
        "import": ["import", str(bad), "-o", str(out)],
        "summary": ["summary", str(bad)],
        "export": ["export", str(bad), "--format", "keras", "-o", str(out)],
    }[command]
    r = _run(*args)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("layerwire: error:") and "bad.keras" in lines[0]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.keras"]


def test_an_input_that_leads_to_no_output_stays_an_input(tmp_path: Path) -> None:
    """Keras takes such an input (``keras.Model([a, c, b], f(c))``): listed in ``input_layers`` in
    its place, an ``InputLayer`` among the layers where Keras orders it, its data taken and unused."""
    b = ModelBuilder("unused")
    b.input((4,), name="a")
    c = b.input((2,), name="c")
    b.input((3,), name="b")
    b.add("Dense", b.add("Dense", c, units=5, name="d1"), units=2, name="d2")
    project = Project(b.done())
    ensure_weights(project.graph, seed=1)
    analysis = project.graph.analysis()
    assert analysis.valid and not analysis.problems
    assert [project.graph.nodes[n].layer for n in analysis.unused_inputs] == ["a", "b"]
    config = model_config(project.graph)["config"]
    assert config["input_layers"] == [["a", 0, 0], ["c", 0, 0], ["b", 0, 0]]
    assert [layer["name"] for layer in config["layers"]] == ["c", "d1", "a", "b", "d2"]  # as Keras 3.15 orders them
    back = roundtrip(project, tmp_path).graph
    assert input_names(back) == ["a", "c", "b"]
    assert [back.nodes[n].layer for n in back.analysis().unused_inputs] == ["a", "b"]
    x = {"a": np.ones((2, 4), np.float32), "c": np.full((2, 2), 0.5, np.float32), "b": np.ones((2, 3), np.float32)}
    np.testing.assert_array_equal(reference.forward(back, x)["d2"], reference.forward(project.graph, x)["d2"])
