"""MNIST, Fashion-MNIST and CIFAR-10 by name (small files of the real formats, served on 127.0.0.1) and
.npz files in keras.datasets layout: scaled, shaped to the model's input, the test part as validation data."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from graph_core.settings import TrainingSettings
from kernels import probe
from kernels.datasets import load_dataset
from kernels.training import Trainer
from tests.data_server import cifar_images, cifar_tar_gz, digits, fashion_files, mnist_npz, py2_batch, sha256

MNIST = mnist_npz(train=20, test=7)
HASHES = {"mnist.npz": sha256(MNIST)}


def model(shape: tuple[int, ...], units: int = 10, activation: str | None = None):  # type: ignore[no-untyped-def]
    b = ModelBuilder()
    x = b.input(shape)
    if len(shape) > 1:
        x = b.add("Flatten", x)
    b.add("Dense", x, units=units, **({"activation": activation} if activation else {}))
    return b.done(layout=False)


@pytest.fixture
def mnist_served(file_server):  # type: ignore[no-untyped-def]
    file_server.files["mnist.npz"] = MNIST
    return file_server


@pytest.mark.parametrize("shape", [(28, 28), (28, 28, 1), (784,)])
def test_mnist_by_name_is_scaled_and_shaped_to_the_models_input(mnist_served, shape) -> None:
    data = load_dataset("mnist", model(shape), hashes=HASHES)
    x, y = data.x["input_layer"], data.y["dense"]
    (x_train, y_train), (_, y_test) = digits(20, 1), digits(7, 2)
    assert x.shape == (20, *shape) and x.dtype == np.float32
    assert x.min() == 0.0 and x.max() == 1.0
    np.testing.assert_allclose(x.reshape(20, 28, 28), x_train / 255.0, rtol=1e-6)
    assert y.dtype == np.int64 and y.tolist() == y_train.tolist()
    assert data.test is not None and data.test.x["input_layer"].shape == (7, *shape)
    assert data.test.y["dense"].tolist() == y_test.tolist()
    assert data.classes == tuple("0123456789") and data.take(slice(0, 3)).classes == data.classes
    assert data.description == (f"mnist: Keras's MNIST, 28×28 handwritten digits, 10 classes (20 samples, input "
                                f"input_layer {shape}, target dense: labels 0..9, 7 test samples)")  # fmt: skip
    assert mnist_served.requests == ["/mnist.npz"]
    load_dataset("mnist", model(shape), hashes=HASHES)
    assert mnist_served.requests == ["/mnist.npz"], "downloaded once"


def test_the_test_part_is_the_validation_data_unless_a_split_is_asked_for(mnist_served) -> None:
    graph = model((28, 28))
    data = load_dataset("mnist", graph, hashes=HASHES)
    trainer = Trainer(graph, TrainingSettings(), data)
    assert trainer.validation is data.test and len(trainer.data) == 20
    split = Trainer(graph, TrainingSettings(validation_split=0.25), data)
    assert len(split.data) == 15 and len(split.validation) == 5
    given = data.take(slice(0, 3))
    assert Trainer(graph, TrainingSettings(), data, given).validation is given


def test_labels_are_one_hot_for_the_categorical_loss(mnist_served) -> None:
    graph = model((784,), activation="softmax")
    data = load_dataset("mnist", graph, hashes=HASHES)
    for loss in ("sparse_categorical_crossentropy", "categorical_crossentropy"):
        assert probe.check_fit(graph, TrainingSettings(loss=loss), data) is None
    trainer = Trainer(graph, TrainingSettings(loss="categorical_crossentropy"), data)
    targets = trainer._val[1]["dense"]
    assert targets.shape == (7, 1, 10) and targets.sum() == 7 and targets[3, 0, 3] == 1.0


def test_fashion_mnist_from_its_four_idx_files(file_server) -> None:
    files = fashion_files(train=20, test=7)
    file_server.files.update(files)
    data = load_dataset("fashion_mnist", model((28, 28, 1)), hashes={k: sha256(v) for k, v in files.items()})
    (x_train, y_train) = digits(20, 3)
    np.testing.assert_allclose(data.x["input_layer"][..., 0], x_train / 255.0, rtol=1e-6)
    assert data.y["dense"].tolist() == y_train.tolist() and len(data.test) == 7
    assert data.description.startswith("fashion_mnist: Keras's Fashion-MNIST")


def test_cifar10_from_its_archive_of_python_2_pickles(file_server) -> None:
    archive = cifar_tar_gz(per_batch=4, test=5)
    file_server.files["cifar-10-python.tar.gz"] = archive
    data = load_dataset("cifar10", model((32, 32, 3)), hashes={"cifar-10-python.tar.gz": sha256(archive)})
    x = data.x["input_layer"]
    assert x.shape == (20, 32, 32, 3) and len(data.test) == 5
    first, labels = cifar_images(4, 0)
    # channel planes become the last axis, as Keras gives them
    np.testing.assert_allclose(x[:4].transpose(0, 3, 1, 2).reshape(4, 3072), first / 255.0, rtol=1e-6)
    assert data.y["dense"].tolist() == [0, 1, 2, 3] * 5 and labels.tolist() == [0, 1, 2, 3]
    flat = load_dataset("cifar10", model((3072,)), hashes={"cifar-10-python.tar.gz": sha256(archive)})
    assert flat.x["input_layer"].shape == (20, 3072)


class _Runs:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("touch pickle-ran",))


@pytest.mark.parametrize(
    "batch, refused",
    [
        (pickle.dumps({b"data": _Runs(), b"labels": []}, protocol=4), r"not a CIFAR batch \(refused (posix|nt).system"),
        (pickle.dumps([1, 2], protocol=4), r"not a CIFAR batch \(expected a dict; found list\)"),
        (py2_batch(np.zeros((2, 100), np.uint8), [0, 1]), r"expected 'data', uint8 pixels of shape \(n, 3072\)"),
        (py2_batch(np.zeros((2, 3072), np.uint8), [0]), r"expected 'labels', a list of 2 class numbers"),
        (py2_batch(np.zeros((2, 3072), np.uint8), [0, 12]), r"labels must be from 0 to 9; found 0 to 12"),
    ],
)
def test_a_cifar_archive_holding_anything_but_batches_is_refused(file_server, tmp_path, monkeypatch, batch,
                                                                 refused) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    archive = cifar_tar_gz(batch=batch)
    file_server.files["cifar-10-python.tar.gz"] = archive
    with pytest.raises(DataError, match=refused):
        load_dataset("cifar10", model((32, 32, 3)), hashes={"cifar-10-python.tar.gz": sha256(archive)})
    assert not (tmp_path / "pickle-ran").exists()


def test_a_set_not_downloaded_is_refused_without_fetching(file_server) -> None:
    file_server.files["mnist.npz"] = MNIST
    with pytest.raises(DataError, match="mnist is not downloaded yet: choose it in the Training dock"):
        load_dataset("mnist", model((784,)), fetch=False, hashes=HASHES)
    assert file_server.requests == []


def test_an_npz_in_keras_datasets_layout_works_the_same_way(tmp_path: Path) -> None:
    (x_train, y_train), (x_test, y_test) = digits(12, 5), digits(4, 6)
    path = tmp_path / "mine.npz"
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    data = load_dataset(str(path), model((28, 28, 1)))
    assert data.x["input_layer"].shape == (12, 28, 28, 1) and data.x["input_layer"].max() == 1.0
    assert data.test is not None and data.test.y["dense"].tolist() == y_test.tolist()
    assert data.description.endswith("4 test samples)")
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test)
    with pytest.raises(DataError, match="must hold x_train, y_train, x_test and y_test; it lacks y_test"):
        load_dataset(str(path), model((784,)))
    np.savez(path, x_train=x_train, y_train=y_train[:5], x_test=x_test, y_test=y_test)
    with pytest.raises(DataError, match=r"x_train has shape \(12, 28, 28\) and y_train has shape \(5,\)"):
        load_dataset(str(path), model((784,)))


def test_the_known_sets_name_their_classes():
    from kernels import known_sets

    assert known_sets.CLASSES["cifar10"][3] == "cat" and known_sets.CLASSES["fashion_mnist"][9] == "Ankle boot"
    assert all(len(names) == 10 for names in known_sets.CLASSES.values())
