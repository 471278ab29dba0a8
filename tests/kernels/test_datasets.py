"""Built-in data sets and the file loaders, including what they refuse."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from graph_core.examples import build
from graph_core.model import input_names
from kernels.datasets import BUILTIN, NAMED_SETS, TOKENS, Dataset, for_training, load_dataset, make_builtin


def model(inputs: tuple[int, ...] = (2,), units: int = 2):  # type: ignore[no-untyped-def]
    b = ModelBuilder()
    x = b.input(inputs)
    if len(inputs) > 1:
        x = b.add("Flatten", x)
    b.add("Dense", x, units=units)
    return b.done(layout=False)


@pytest.mark.parametrize("name", [name for name in BUILTIN if name not in TOKENS and name not in NAMED_SETS])
def test_builtin_sets_are_seeded_and_shaped(name: str) -> None:
    x, y, about = make_builtin(name, seed=3)
    x2, y2, _ = make_builtin(name, seed=3)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert x.dtype == np.float32 and len(x) == len(y) == BUILTIN[name][1]
    assert about.startswith(name)
    if name == "sine":
        assert y.dtype == np.float32 and x.shape[1] == 1
    else:
        classes = {"blobs": 3, "digits": 10}.get(name, 2)
        assert set(np.unique(y)) == set(range(classes))
        assert x.shape[1] == (64 if name == "digits" else 2)
    if name == "digits":
        assert 0.0 <= x.min() and x.max() <= 1.0
    if name == "spiral":
        radius, angle = np.hypot(x[:, 0], x[:, 1]), np.arctan2(x[:, 1], x[:, 0])
        assert radius.max() < 1.2 and len(np.unique(angle.round(3))) > 900


def test_builtin_with_a_model_is_keyed_and_described() -> None:
    data = load_dataset("moons", model(), samples=50, noise=0.2, seed=1)
    assert list(data.x) == ["input_layer"] and list(data.y) == ["dense"]
    assert "50 samples" in data.description and "noise 0.2" in data.description


def test_unknown_name_and_missing_file() -> None:
    with pytest.raises(DataError, match="neither a built-in data set"):
        load_dataset("nope")


def test_npz_with_x_y_and_with_layer_names(tmp_path: Path) -> None:
    x = np.random.default_rng(0).random((20, 2)).astype(np.float32)
    y = np.arange(20) % 2
    np.savez(tmp_path / "a.npz", x=x, y=y)
    data = load_dataset(str(tmp_path / "a.npz"), model())
    np.testing.assert_array_equal(data.x["input_layer"], x)
    np.savez(tmp_path / "b.npz", input_layer=x, dense=y)
    assert load_dataset(str(tmp_path / "b.npz"), model()).y["dense"].tolist() == y.tolist()
    np.savez(tmp_path / "c.npz", features=x)
    with pytest.raises(DataError, match="must hold arrays 'x' and 'y'.*found features"):
        load_dataset(str(tmp_path / "c.npz"), model())


def test_object_arrays_are_refused(tmp_path: Path) -> None:
    np.save(tmp_path / "o.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    with pytest.raises(DataError, match="object array"):
        load_dataset(str(tmp_path / "o.npy"))
    np.savez(tmp_path / "o.npz", x=np.array([1, "a"], dtype=object), y=np.zeros(2))
    with pytest.raises(DataError, match="object arrays"):
        load_dataset(str(tmp_path / "o.npz"))


def test_npy_table_with_target_column(tmp_path: Path) -> None:
    table = np.array([[1.0, 0.0, 2.0], [3.0, 1.0, 4.0]])
    np.save(tmp_path / "t.npy", table)
    data = load_dataset(str(tmp_path / "t.npy"), model(), target="1")
    np.testing.assert_array_equal(data.x["input_layer"], [[1, 2], [3, 4]])
    assert data.y["dense"].dtype == np.int64 and data.y["dense"].tolist() == [0, 1]
    np.save(tmp_path / "n.npy", np.array([[1.0, np.nan, 0.0]]))
    with pytest.raises(DataError, match="NaN"):
        load_dataset(str(tmp_path / "n.npy"))


def test_csv_header_target_and_text_labels(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("a,label,b\n1,cat,2\n3,dog,4.5\n5,cat,6\n")
    data = load_dataset(str(tmp_path / "d.csv"), model(), target="label")
    np.testing.assert_array_equal(data.x["input_layer"], [[1, 2], [3, 4.5], [5, 6]])
    assert data.y["dense"].tolist() == [0, 1, 0]
    (tmp_path / "r.csv").write_text("a,b,y\n1,2,0.5\n3,4,1.5\n")
    assert load_dataset(str(tmp_path / "r.csv")).y["y"].dtype == np.float32


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b,y\n1,x,0\n", r"line 2, column 'b': expected a number; found 'x'"),
        ("a,b,y\n1,2\n", "line 2: expected 3 values"),
        ("a,b,y\n1,nan,0\n", "expected a finite number"),
        ("a,b,y\n", "header row and at least one row"),
    ],
)
def test_bad_csv_is_refused(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.csv").write_text(text)
    with pytest.raises(DataError, match=message):
        load_dataset(str(tmp_path / "bad.csv"))
    with pytest.raises(DataError, match="no column 'z'"):
        (tmp_path / "ok.csv").write_text("a,b,y\n1,2,0\n")
        load_dataset(str(tmp_path / "ok.csv"), target="z")


def _write_idx(path: Path, data: np.ndarray, gz: bool = False) -> None:
    header = bytes([0, 0, 0x08, data.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in data.shape)
    raw = header + data.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(raw) if gz else raw)


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_idx_files(tmp_path: Path, gz: bool) -> None:
    images = np.random.default_rng(0).integers(0, 256, (5, 28, 28))
    labels = np.array([3, 1, 4, 1, 5])
    suffix = ".gz" if gz else ""
    _write_idx(tmp_path / f"train-images-idx3-ubyte{suffix}", images, gz)
    _write_idx(tmp_path / f"train-labels-idx1-ubyte{suffix}", labels, gz)
    flat = load_dataset(str(tmp_path / f"train-images-idx3-ubyte{suffix}"), model((784,), 10))
    assert flat.x["input_layer"].shape == (5, 784)
    np.testing.assert_allclose(flat.x["input_layer"][0], images[0].ravel() / 255, rtol=1e-6)
    square = load_dataset(str(tmp_path / f"train-images-idx3-ubyte{suffix}"), model((28, 28), 10))
    assert square.x["input_layer"].shape == (5, 28, 28)
    assert square.y["dense"].tolist() == labels.tolist()


def test_idx_without_labels_or_damaged(tmp_path: Path) -> None:
    _write_idx(tmp_path / "t10k-images-idx3-ubyte", np.zeros((2, 3, 3)))
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte"):
        load_dataset(str(tmp_path / "t10k-images-idx3-ubyte"))
    (tmp_path / "x-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03\x00\x00\x00\x09")
    with pytest.raises(DataError, match="header promises"):
        load_dataset(str(tmp_path / "x-images-idx3-ubyte"))


def test_table_for_a_model_with_two_inputs_is_refused() -> None:
    b = ModelBuilder()
    p, q = b.input((2,)), b.input((2,))
    b.add("Dense", b.add("Add", p, q), units=2)
    with pytest.raises(DataError, match="the model has 2 inputs"):
        load_dataset("xor", b.done(layout=False))


def test_for_training_takes_the_first_samples_and_keeps_the_test_part() -> None:
    graph = build("spiral").graph
    data = load_dataset("spiral", graph)
    data = dataclasses.replace(data, test=data.take(slice(0, 7)))
    first = for_training(data, graph, samples=100)
    assert len(first) == 100 and np.array_equal(first.x["input_layer"], data.x["input_layer"][:100])
    assert len(first.test) == 7 and "training on the first 100 of 1000 samples" in str(first.description)
    more = for_training(data, graph, samples=5000)  # more than there are: all of them, and said
    assert len(more) == len(data) and str(more.description).endswith(
        f"training on all {len(data)} samples: fewer than the 5000 asked for"
    )
    assert isinstance(first, Dataset)


def test_for_training_makes_the_inputs_the_targets_of_an_autoencoder_or_says_why_not() -> None:
    graph = build("nested_autoencoder").graph
    (name,) = input_names(graph)
    x = np.random.default_rng(0).random((6, 28, 28, 1), dtype=np.float32)
    data = Dataset({name: x}, {"out": np.zeros(6, np.int64)}, test=Dataset({name: x[:2]}, {"out": np.zeros(2)}))
    fitted = for_training(data, graph, targets_from_inputs=True)
    (out,) = fitted.y.values()
    assert out is x and next(iter(fitted.test.y.values())) is fitted.test.x[name]
    mnist_model = build("mnist_model").graph
    flat = Dataset({input_names(mnist_model)[0]: x.reshape(6, 784)}, {"dense_2": np.zeros(6, np.int64)})
    with pytest.raises(DataError, match=r"output 'dense_2' gives samples of shape \(10,\), but its target, input "
                                        r"'input_layer', has samples of shape \(784,\)"):  # fmt: skip
        for_training(flat, mnist_model, targets_from_inputs=True)
