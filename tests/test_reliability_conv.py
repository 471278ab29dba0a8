"""Bad input to the convolution family: one clear message each, nothing crashes, nothing half-written."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import ConfigError, FileFormatError, GraphError
from graph_core.examples import build
from graph_core.io.keras_format import keras_bytes, load_keras
from graph_core.layers import get
from graph_core.model import ensure_weights
from tests.test_cli import assert_one_line_error, run


def _problems(*layers: tuple[str, dict], shape: tuple[int, ...]) -> list[str]:
    b = ModelBuilder("m")
    x = b.input(shape)
    for name, config in layers:
        x = b.add(name, x, **config)
    return [p.message for p in b.graph.analysis().problems]


@pytest.mark.parametrize(
    ("layers", "shape", "message"),
    [
        ([("Conv2D", {"kernel_size": 5})], (3, 3, 8), "conv2d: Conv2D with kernel 5 needs at least 5 rows; got "
         "(None, 3, 3, 8)"),
        ([("Conv2D", {"kernel_size": (1, 3), "dilation_rate": 3})], (9, 6, 1), "conv2d: Conv2D with kernel 3 and "
         "dilation 3 needs at least 7 columns; got (None, 9, 6, 1)"),
        ([("Conv1D", {"kernel_size": 4})], (3, 2), "conv1d: Conv1D with kernel 4 needs at least 4 steps; got "
         "(None, 3, 2)"),
        ([("MaxPooling2D", {"pool_size": 3})], (8, 2, 4), "max_pooling2d: MaxPooling2D with pool_size 3 needs at "
         "least 3 columns; got (None, 8, 2, 4)"),
        ([("Cropping2D", {"cropping": ((2, 2), (0, 0))})], (4, 4, 1), "cropping2d: Cropping2D cannot crop 2 + 2 "
         "rows from an input of 4 rows; got (None, 4, 4, 1)"),
        ([("Conv2D", {})], (28, 28), "conv2d: Conv2D needs an input of rank 4 (batch, rows, columns, channels); got "
         "(None, 28, 28)"),
        ([("GlobalAveragePooling1D", {})], (10,), "global_average_pooling1d: GlobalAveragePooling1D needs an input of "
         "rank 3 (batch, steps, channels); got (None, 10)"),
    ],
)  # fmt: skip
def test_a_window_that_does_not_fit_says_so_with_the_numbers(layers, shape, message):
    assert _problems(*layers, shape=shape) == [message]


@pytest.mark.parametrize(
    ("layer", "values", "message"),
    [
        ("Conv2D", {"strides": 2, "dilation_rate": 2}, "Conv2D cannot have strides and dilation_rate both above 1. "
         "Received: strides=(2, 2), dilation_rate=(2, 2)"),
        ("Conv2DTranspose", {"strides": 2, "output_padding": 2}, "Conv2DTranspose output_padding must be smaller than "
         "strides on every axis. Received: output_padding=(2, 2), strides=(2, 2)"),
        ("ZeroPadding2D", {"padding": ((1, -1), (0, 0))}, "ZeroPadding2D padding must be >= 0 and <= 1.04858e+06. "
         "Received: padding=((1, -1), (0, 0))"),
        ("Conv2D", {"kernel_size": (3, 3, 3)}, "Conv2D kernel_size must be one whole number or 2 of them. Received: "
         "kernel_size=(3, 3, 3)"),
        ("Conv2D", {"kernel_size": 0}, "Conv2D kernel_size must be >= 1 and <= 65536. Received: kernel_size=0"),
        ("Conv2D", {"padding": "full"}, "Conv2D padding must be one of valid, same. Received: padding='full'"),
        ("Conv1D", {"padding": "causal"}, None),
        ("Conv2D", {"filters": 10**12}, "Conv2D filters must be >= 1 and <= 2.14748e+09. Received: "
         "filters=1000000000000 (its weights would take at least 3.6 TiB, 4 bytes per unit and input)"),
    ],
)  # fmt: skip
def test_settings_that_keras_refuses_are_refused_quoting_them(layer, values, message):
    if message is None:
        assert get(layer).make_config(values)["padding"] == "causal"
        return
    with pytest.raises(ConfigError) as info:
        get(layer).make_config(values)
    assert str(info.value) == message


def test_a_million_filters_are_refused_with_their_size_before_anything_is_allocated(monkeypatch):
    monkeypatch.setenv("LAYERWIRE_MEMORY_LIMIT", "1G")
    b = ModelBuilder("huge")
    b.add("Conv2D", b.input((32, 32, 64)), filters=10**6, kernel_size=3)
    graph = b.done()
    assert graph.analysis().valid  # a model, just too large for this machine
    with pytest.raises(GraphError) as info:
        ensure_weights(graph)
    assert str(info.value) == (
        "The model's weights would take 2.1 GB (conv2d alone 2.1 GB); this machine has 1.0 GB available (check "
        "the layer sizes)"
    )
    assert graph.layers["conv2d"].weights == {}


def _keras_with(tmp_path, change) -> str:  # type: ignore[no-untyped-def]
    """A .keras file of the digits convnet whose config.json ``change`` edits."""
    data = keras_bytes(build("digits_convnet"))
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            members[name] = zf.read(name)
    config = json.loads(members["config.json"])
    change(config["config"]["layers"])
    members["config.json"] = json.dumps(config).encode()
    path = tmp_path / "changed.keras"
    with zipfile.ZipFile(path, "w") as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    return str(path)


def _channels_first(layers: list) -> None:
    layers[1]["config"]["data_format"] = "channels_first"


def _conv3d(layers: list) -> None:
    layers[1]["class_name"] = "Conv3D"


def _groups(layers: list) -> None:
    layers[1]["config"]["groups"] = 2


def test_keras_files_we_cannot_honour_are_refused_naming_layer_and_value(tmp_path):
    with pytest.raises(FileFormatError) as info:
        load_keras(_keras_with(tmp_path, _channels_first))
    assert "layer 'conv2d' (Conv2D) data_format: expected 'channels_last' or null (Layerwire keeps channels last); " \
           "found 'channels_first'" in str(info.value)  # fmt: skip
    with pytest.raises(FileFormatError) as info:
        load_keras(_keras_with(tmp_path, _conv3d))
    assert "the model uses Conv3D (layer 'conv2d'), which Layerwire does not have" in str(info.value)
    with pytest.raises(FileFormatError) as info:
        load_keras(_keras_with(tmp_path, _groups))
    assert "groups: expected 1 (Layerwire convolves every input channel with every filter); found 2" in str(info.value)


def test_the_command_line_refuses_in_one_line_and_writes_nothing(tmp_path):
    path = _keras_with(tmp_path, _channels_first)
    out = tmp_path / "out.lwire"
    result = run("import", path, "-o", str(out))
    assert_one_line_error(result, 1, "data_format: expected 'channels_last' or null")
    assert not out.exists()
    b = ModelBuilder("small")
    b.add("Conv2D", b.input((3, 3, 8)), kernel_size=5)
    from graph_core.io import files

    model = tmp_path / "small.lwire"
    files.save(files.Project(b.done()), model)
    result = run("export", str(model), "--format", "onnx", "-o", str(tmp_path / "m.onnx"))
    assert_one_line_error(result, 1, "Conv2D with kernel 5 needs at least 5 rows; got (None, 3, 3, 8)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changed.keras", "small.lwire"]
