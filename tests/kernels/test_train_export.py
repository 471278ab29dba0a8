"""The Keras 3 training script export: its files, its refusals, and (where Keras is installed) that
running it trains the model as Layerwire trains it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph_core.errors import DataError
from graph_core.examples import build
from graph_core.io import files
from graph_core.io.files import Project
from graph_core.settings import TrainingSettings
from kernels.datasets import load_dataset
from kernels.train_export import export_training_script
from kernels.training import Trainer

ROOT = Path(__file__).resolve().parents[2]
HAS_KERAS = importlib.util.find_spec("keras") is not None


def _tickets(tmp_path: Path, **settings) -> Project:
    """The guide's ticket model's outputs (priority, department) on an .npz named after its layers."""
    project = build("multi_io")
    rng = np.random.default_rng(0)
    data = tmp_path / "tickets.npz"
    np.savez(data, text_features=rng.standard_normal((96, 32)).astype(np.float32),
             metadata=rng.standard_normal((96, 8)).astype(np.float32),
             priority=rng.uniform(0, 1, (96, 1)).astype(np.float32), department=rng.integers(0, 4, 96))  # fmt: skip
    project.training = TrainingSettings(data=str(data), **settings).to_dict()
    return project


def test_the_script_its_data_and_its_weights(tmp_path: Path) -> None:
    project = _tickets(tmp_path, optimizer="rmsprop", learning_rate=1e-3, epochs=3, validation_split=0.25,
                       loss={"priority": "binary_crossentropy"}, loss_weights={"priority": 1.0, "department": 0.2},
                       from_logits=True)  # fmt: skip
    written = export_training_script(project, tmp_path / "train.py")
    assert [p.name for p in written] == ["train_data.npz", "train_weights.npz", "train.py"]
    text = (tmp_path / "train.py").read_text(encoding="utf-8")
    compile(text, "train.py", "exec")  # valid Python
    assert "keras.optimizers.RMSprop(learning_rate=0.001)" in text
    assert (
        'loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True), '
        '"department": keras.losses.SparseCategoricalCrossentropy(from_logits=True)}'
    ) in text
    assert 'loss_weights={"priority": 1.0, "department": 0.2}' in text
    assert "epochs=3, validation_split=0.25" in text and "shuffle=True" in text
    assert "keras.distribution.DataParallel" in text and "KERAS_BACKEND=jax" in text
    assert "import graph_core" not in text and "layerwire" not in text.split('"""', 2)[2].lower()
    with np.load(tmp_path / "train_data.npz") as data:
        assert sorted(data.files) == ["in/metadata", "in/text_features", "out/department", "out/priority"]
        assert data["out/department"].dtype == np.int64 and data["out/department"].shape == (96,)
        assert data["out/priority"].shape == (96, 1) and data["in/text_features"].shape == (96, 32)
    with np.load(tmp_path / "train_weights.npz") as weights:
        assert weights["dense/kernel"].shape == (40, 32)


def test_a_built_in_data_set_travels_as_its_arrays(tmp_path: Path) -> None:
    project = build("moons_classifier")
    export_training_script(project, tmp_path / "moons.py")
    want = load_dataset("moons", project.graph, seed=0)
    with np.load(tmp_path / "moons_data.npz") as data:
        np.testing.assert_array_equal(data["in/input_layer"], want.x["input_layer"])
        np.testing.assert_array_equal(data["out/dense_2"].ravel(), want.y["dense_2"].ravel())


def test_the_first_samples_with_the_inputs_as_targets_travel_as_trained_on(tmp_path: Path) -> None:
    from graph_core.builder import ModelBuilder

    b = ModelBuilder("autoencoder")
    b.add("Dense", b.add("Dense", b.input((2,)), units=8, activation="tanh"), units=2)
    project = Project(b.graph, TrainingSettings(data="moons", samples=50, targets_from_inputs=True).to_dict())
    export_training_script(project, tmp_path / "ae.py")
    want = load_dataset("moons", project.graph, seed=0).x["input_layer"][:50]
    with np.load(tmp_path / "ae_data.npz") as data:
        np.testing.assert_array_equal(data["in/input_layer"], want)
        np.testing.assert_array_equal(data["out/dense_1"], want)


def _keras_layout(tmp_path: Path, **settings) -> Project:
    """mnist_model on a small .npz in keras.datasets' layout: a training and a test part."""
    rng = np.random.default_rng(1)
    data = tmp_path / "digits.npz"
    np.savez(data, x_train=rng.integers(0, 256, (40, 28, 28), dtype=np.uint8), y_train=rng.integers(0, 10, 40),
             x_test=rng.integers(0, 256, (12, 28, 28), dtype=np.uint8), y_test=rng.integers(0, 10, 12))  # fmt: skip
    project = build("mnist_model")
    project.training = TrainingSettings(data=str(data), **settings).to_dict()
    return project


def test_a_test_part_validates_as_in_training_unless_a_split_is_asked_for(tmp_path: Path) -> None:
    project = _keras_layout(tmp_path)
    export_training_script(project, tmp_path / "t.py")
    text = (tmp_path / "t.py").read_text(encoding="utf-8")
    assert "validation_data=(x_val, y_val)" in text and "validation_split" not in text
    want = load_dataset(str(tmp_path / "digits.npz"), project.graph).test
    with np.load(tmp_path / "t_data.npz") as data:
        assert sorted(data.files) == ["in/input_layer", "out/dense_2", "val_in/input_layer", "val_out/dense_2"]
        np.testing.assert_array_equal(data["val_in/input_layer"], want.x["input_layer"])
        np.testing.assert_array_equal(data["val_out/dense_2"], want.y["dense_2"].ravel())
    export_training_script(_keras_layout(tmp_path, validation_split=0.25), tmp_path / "s.py")
    assert "validation_split=0.25" in (tmp_path / "s.py").read_text(encoding="utf-8")
    with np.load(tmp_path / "s_data.npz") as data:
        assert sorted(data.files) == ["in/input_layer", "out/dense_2"]


def test_without_a_data_set_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no data set in its training settings"):
        export_training_script(build("spiral"), tmp_path / "train.py")
    assert list(tmp_path.iterdir()) == []


def test_on_the_command_line(tmp_path: Path) -> None:
    model = tmp_path / "m.lwire"
    files.save(build("moons_classifier"), model)
    run = [sys.executable, str(ROOT / "main.py"), "export", str(model), "--format", "keras-train", "-o"]
    done = subprocess.run([*run, str(tmp_path / "t.py")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"wrote {tmp_path / name}" for name in ("t_data.npz", "t_weights.npz", "t.py")]
    done = subprocess.run([*run, str(tmp_path / "t.keras")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--format keras-train writes .py files" in done.stderr


@pytest.mark.skipif(not HAS_KERAS, reason="Keras is not installed")
@pytest.mark.parametrize("kind", ["moons", "tickets", "test part"])
def test_running_the_script_trains_as_layerwire_trains(tmp_path: Path, kind: str) -> None:
    import keras

    common = {"optimizer": "sgd", "learning_rate": 0.05, "momentum": 0.9, "epochs": 2, "batch_size": 16,
              "shuffle": False}  # fmt: skip
    if kind == "moons":
        project = build("moons_classifier")
        project.training = TrainingSettings.from_dict(project.training).replace(**common).to_dict()
    elif kind == "tickets":
        project = _tickets(tmp_path, loss_weights=[1.0, 0.3], from_logits=True, **common)
    else:  # validates on the test part, as Layerwire does
        project = _keras_layout(tmp_path, **common)
    export_training_script(project, tmp_path / "train.py")
    env = {**os.environ, "KERAS_BACKEND": os.environ.get("KERAS_BACKEND", "torch")}
    done = subprocess.run([sys.executable, "train.py"], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    trained = keras.models.load_model(tmp_path / "train_trained.keras")

    settings = TrainingSettings.from_dict(project.training)
    data = load_dataset(settings.data, project.graph, seed=settings.seed)
    trainer = Trainer(project.graph, settings, data)
    trainer.fit()
    for layer in trained.layers:
        for variable, value in zip(layer.weights, layer.get_weights(), strict=True):
            np.testing.assert_allclose(trainer.weights[layer.name][variable.name], value, rtol=1e-4, atol=1e-5,
                                       err_msg=f"{layer.name}/{variable.name}")  # fmt: skip
