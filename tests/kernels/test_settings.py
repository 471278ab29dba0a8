"""Training settings: defaults, validation, dict round trip, and the project file's check of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_core.errors import ConfigError, FileFormatError
from graph_core.examples import build
from graph_core.io import files
from graph_core.settings import TrainingSettings


def test_defaults_are_keras_defaults() -> None:
    s = TrainingSettings()
    assert (s.optimizer, s.batch_size, s.epochs, s.shuffle, s.validation_split) == ("rmsprop", 32, 1, True, 0.0)
    assert s.lr == 0.001 and TrainingSettings(optimizer="SGD").lr == 0.01


def test_round_trip_through_dict() -> None:
    s = TrainingSettings(optimizer="sgd", learning_rate=0.1, momentum=0.9, nesterov=True, loss=["mse", "huber"],
                         epochs=4, data="spiral")  # fmt: skip
    d = s.to_dict()
    assert d["loss"] == ["mse", "huber"]
    assert TrainingSettings.from_dict(d) == s
    assert TrainingSettings.from_dict({"loss": "mean_squared_error"}).loss == "mse"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"optimizer": "lion"}, "Received: optimizer='lion'"),
        ({"learning_rate": 0}, "learning_rate must be > 0"),
        ({"momentum": 1.0}, "momentum must be >= 0 and < 1"),
        ({"batch_size": 0}, "batch_size must be from 1"),
        ({"epochs": 2.5}, "epochs must be a whole number"),
        ({"validation_split": 1}, "validation_split must be >= 0 and < 1"),
        ({"shuffle": "yes"}, "shuffle must be true or false"),
        ({"loss": "hinge"}, "Received: loss='hinge'"),
        ({"optimiser": "sgd"}, "Unknown training setting 'optimiser'"),
        ({"loss_weights": [1, -0.5]}, r"loss_weights must be >= 0. Received: loss_weights=-0.5"),
        ({"loss_weights": {"a": "x"}}, r"loss_weights\['a'\] must be a number"),
        ({"loss_weights": 2}, "loss_weights must be a list of numbers or an object"),
    ],
)
def test_bad_values_are_refused_with_the_value(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        TrainingSettings.from_dict(data)


def test_losses_per_output() -> None:
    assert TrainingSettings(loss="mse").losses_for(["a", "b"]) == ["mse", "mse"]
    assert TrainingSettings(loss={"b": "mae"}).losses_for(["a", "b"]) == [None, "mae"]
    with pytest.raises(ConfigError, match="2 outputs"):
        TrainingSettings(loss=["mse"]).losses_for(["a", "b"])
    with pytest.raises(ConfigError, match="'c'"):
        TrainingSettings(loss={"c": "mse"}).losses_for(["a", "b"])


def test_loss_weights_per_output_as_keras_takes_them() -> None:
    assert TrainingSettings().loss_weights_for(["a", "b"]) == [1.0, 1.0]
    assert TrainingSettings(loss_weights=[1, 0.2]).loss_weights_for(["a", "b"]) == [1.0, 0.2]
    by_name = TrainingSettings(loss_weights={"b": 0.2, "a": 1})
    assert by_name.loss_weights_for(["a", "b"]) == [1.0, 0.2]
    assert TrainingSettings.from_dict(by_name.to_dict()) == by_name
    assert by_name.to_dict()["loss_weights"] == {"b": 0.2, "a": 1.0}
    with pytest.raises(ConfigError, match="2 outputs .a, b.; received 3 loss weights"):
        TrainingSettings(loss_weights=[1, 1, 1]).loss_weights_for(["a", "b"])
    with pytest.raises(ConfigError, match="an output the model does not have: 'c'"):
        TrainingSettings(loss_weights={"a": 1, "b": 1, "c": 1}).loss_weights_for(["a", "b"])
    with pytest.raises(ConfigError, match="every output a weight; 'a' has none"):  # Keras refuses it too
        TrainingSettings(loss_weights={"b": 0.2}).loss_weights_for(["a", "b"])


def test_project_file_checks_its_training_settings(tmp_path: Path) -> None:
    project = build("spiral")
    project.training = TrainingSettings(optimizer="adam", epochs=3).to_dict()
    files.save(project, tmp_path / "ok.lwire")
    assert files.load(tmp_path / "ok.lwire").training["epochs"] == 3
    project.training = {"epochs": -1}
    files.save(project, tmp_path / "bad.lwire")
    with pytest.raises(FileFormatError, match="training: epochs must be from 1"):
        files.load(tmp_path / "bad.lwire")


def test_the_data_options_are_kept_only_when_set() -> None:
    s = TrainingSettings(samples=1000, targets_from_inputs=True, data="cifar10")
    d = s.to_dict()
    assert d["samples"] == 1000 and d["targets_from_inputs"] is True
    assert TrainingSettings.from_dict(d) == s
    plain = TrainingSettings().to_dict()
    assert "samples" not in plain and "targets_from_inputs" not in plain  # files read as before they existed
    with pytest.raises(ConfigError, match="samples must be from 1"):
        TrainingSettings(samples=0)
    with pytest.raises(ConfigError, match="targets_from_inputs must be true or false"):
        TrainingSettings.from_dict({"targets_from_inputs": "yes"})
