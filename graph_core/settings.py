"""Training settings: a frozen, validated record that the project file stores under ``training``.

Defaults are Keras's (``compile``'s optimizer ``rmsprop``, ``fit``'s ``batch_size=32``,
``epochs=1``, ``shuffle=True``). ``learning_rate=None`` means the optimizer's own Keras
default; ``loss=None`` and ``from_logits=None`` mean "infer from the model and the data"
(see ``kernels.training``). ``loss`` is one Keras loss name for every output, a list
with one per output (in output order) or a mapping from output name to loss.
``loss_weights``, as Keras's ``compile``, weighs each output's loss in the total that
training minimises: a list in output order or a mapping from every output's name. ``target`` and
``features`` choose a .csv's columns (see ``kernels.csv_table``). Each
output's own loss is reported unweighted (``priority_loss``), as Keras reports it.

Two settings shape the data a run trains on (applied by ``kernels.datasets.for_training``):
``samples`` trains on the first N samples of the data (before any validation split is
taken from them, as the guide's ``model.fit(x_train[:1000], y_train[:1000],
validation_split=0.2)`` does; None: all of them; a test part is kept whole), and
``targets_from_inputs`` makes each output's target the model's input, as an
autoencoder's ``model.fit(x, x)`` does (the shapes must match).

    s = TrainingSettings.from_dict(project.training)   # ConfigError quoting a bad value
    project.training = s.replace(epochs=10).to_dict()
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph_core.errors import ConfigError
from graph_core.messages import Message

OPTIMIZERS = ("sgd", "adam", "adamw", "rmsprop", "adagrad")
#: Keras's default learning rate of each optimizer.
DEFAULT_LEARNING_RATES = {"sgd": 0.01, "adam": 0.001, "adamw": 0.001, "rmsprop": 0.001, "adagrad": 0.001}
LOSSES = (
    "sparse_categorical_crossentropy",
    "categorical_crossentropy",
    "binary_crossentropy",
    "mse",
    "mae",
    "huber",
)
LOSS_ALIASES = {"mean_squared_error": "mse", "mean_absolute_error": "mae", "huber_loss": "huber"}

Loss = str | tuple[str, ...] | Mapping[str, str] | None
LossWeights = tuple[float, ...] | Mapping[str, float] | None


def canonical_loss(name: object) -> str:
    """The short Keras name of a loss, or ``ConfigError``."""
    if isinstance(name, str):
        name = LOSS_ALIASES.get(name, name)
        if name in LOSSES:
            return name
    raise ConfigError(
        Message("Unknown loss; expected one of {names}. Received: loss={name!r}", names=", ".join(LOSSES), name=name)
    )


@dataclass(frozen=True)
class TrainingSettings:
    optimizer: str = "rmsprop"
    learning_rate: float | None = None
    momentum: float = 0.0
    nesterov: bool = False
    loss: Loss = None
    loss_weights: LossWeights = None
    from_logits: bool | None = None
    batch_size: int = 32
    epochs: int = 1
    validation_split: float = 0.0
    shuffle: bool = True
    seed: int = 0
    data: str | None = None
    #: A .csv's target column and feature columns (None: the last column, and every other one).
    target: str | None = None
    features: tuple[str, ...] | None = None
    #: Train on the first ``samples`` samples only (None: every sample).
    samples: int | None = None
    #: Each output's target is the model's input (an autoencoder's ``fit(x, x)``), not the data's targets.
    targets_from_inputs: bool = False

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        opt = self.optimizer.lower() if isinstance(self.optimizer, str) else self.optimizer
        if opt not in OPTIMIZERS:
            raise ConfigError(
                Message("Unknown optimizer; expected one of {names}. Received: optimizer={name!r}",
                        names=", ".join(OPTIMIZERS), name=opt)
            )  # fmt: skip
        set_(self, "optimizer", opt)
        if self.learning_rate is not None:
            set_(self, "learning_rate", _number("learning_rate", self.learning_rate, low=0.0, open_low=True))
        set_(self, "momentum", _number("momentum", self.momentum, low=0.0, high=1.0, open_high=True))
        for name in ("nesterov", "shuffle", "targets_from_inputs"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(
                    Message("{where} must be true or false. Received: {name}={value!r}", where=name, name=name,
                            value=getattr(self, name))
                )  # fmt: skip
        if self.from_logits is not None and not isinstance(self.from_logits, bool):
            raise ConfigError(
                Message("from_logits must be true, false or null. Received: from_logits={value!r}",
                        value=self.from_logits)
            )  # fmt: skip
        set_(self, "loss", _loss(self.loss))
        set_(self, "loss_weights", _loss_weights(self.loss_weights))
        set_(self, "batch_size", _whole("batch_size", self.batch_size, 1, 1 << 24))
        set_(self, "epochs", _whole("epochs", self.epochs, 1, 1_000_000))
        set_(self, "seed", _whole("seed", self.seed, 0, (1 << 32) - 1))
        if self.samples is not None:
            set_(self, "samples", _whole("samples", self.samples, 1, (1 << 31) - 1))  # the dock's spin box's range
        set_(
            self,
            "validation_split",
            _number("validation_split", self.validation_split, low=0.0, high=1.0, open_high=True),
        )
        if self.data is not None and not isinstance(self.data, str):
            raise ConfigError(
                Message("data must be a data set name or a file path. Received: data={value!r}", value=self.data)
            )
        if self.target is not None and not isinstance(self.target, str):
            raise ConfigError(Message("target must be a column name. Received: target={value!r}", value=self.target))
        if self.features is not None:
            if not isinstance(self.features, (list, tuple)) or not all(isinstance(f, str) for f in self.features):
                raise ConfigError(
                    Message("features must be a list of column names. Received: features={value!r}",
                            value=self.features)
                )  # fmt: skip
            set_(self, "features", tuple(self.features))

    @property
    def lr(self) -> float:
        """The learning rate in force: the one set, else the optimizer's Keras default."""
        return self.learning_rate if self.learning_rate is not None else DEFAULT_LEARNING_RATES[self.optimizer]

    def losses_for(self, outputs: Sequence[str]) -> list[str | None]:
        """One loss name (or None: infer it) per output name."""
        loss = self.loss
        if loss is None or isinstance(loss, str):
            return [loss] * len(outputs)
        if isinstance(loss, tuple):
            if len(loss) != len(outputs):
                raise ConfigError(
                    Message("The model has {count} outputs ({names}); received {losses} losses", count=len(outputs),
                            names=", ".join(outputs), losses=len(loss))
                )  # fmt: skip
            return list(loss)
        unknown = [k for k in loss if k not in outputs]
        if unknown:
            raise ConfigError(
                Message("loss names an output the model does not have: {name!r}; it has {names}", name=unknown[0],
                        names=", ".join(outputs))
            )  # fmt: skip
        return [loss.get(name) for name in outputs]

    def loss_weights_for(self, outputs: Sequence[str]) -> list[float]:
        """Each output's weight in the total loss, in the order of ``outputs`` (1 each by default)."""
        weights = self.loss_weights
        if weights is None:
            return [1.0] * len(outputs)
        if isinstance(weights, tuple):
            if len(weights) != len(outputs):
                raise ConfigError(
                    Message("The model has {count} outputs ({names}); received {weights} loss weights",
                            count=len(outputs), names=", ".join(outputs), weights=len(weights))
                )  # fmt: skip
            return list(weights)
        unknown = [k for k in weights if k not in outputs]
        if unknown:
            raise ConfigError(
                Message("loss_weights names an output the model does not have: {name!r}; it has {names}",
                        name=unknown[0], names=", ".join(outputs))
            )  # fmt: skip
        missing = [name for name in outputs if name not in weights]
        if missing:  # Keras's compile refuses these too
            raise ConfigError(
                Message("loss_weights must give every output a weight; {name!r} has none", name=missing[0])
            )
        return [weights[name] for name in outputs]

    def replace(self, **changes: Any) -> TrainingSettings:
        """A copy with ``changes`` (validated); keys whose value is None are left as they are."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        for key in ("loss", "loss_weights"):
            value = getattr(self, key)
            if isinstance(value, tuple):
                d[key] = list(value)
            elif isinstance(value, Mapping):
                d[key] = dict(value)
        for key in ("loss_weights", "target", "features", "samples", "targets_from_inputs"):
            if getattr(self, key) in (None, False):
                del d[key]  # the default; files without it read as they did before it existed
        if self.features is not None:
            d["features"] = list(self.features)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainingSettings:
        """Settings from a project's ``training`` object; missing keys take the defaults."""
        if not isinstance(data, Mapping):
            raise ConfigError(Message("training settings must be an object. Received: {value!r}", value=data))
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(k for k in data if k not in names)
        if unknown:
            raise ConfigError(
                Message("Unknown training setting {name!r}; expected some of {names}", name=unknown[0],
                        names=", ".join(sorted(names)))
            )  # fmt: skip
        return cls(**data)


def _number(name: str, value: Any, low: float, high: float | None = None, open_low: bool = False,
            open_high: bool = False) -> float:  # fmt: skip
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(
            Message("{where} must be a number. Received: {name}={value!r}", where=name, name=name, value=value)
        )
    if (
        value < low
        or (open_low and value == low)
        or (high is not None and (value > high or (open_high and value == high)))
    ):
        bounds: str = f"{'>' if open_low else '>='} {low:g}"
        if high is not None:
            bounds = Message("{low} and {high}", low=bounds, high=f"{'<' if open_high else '<='} {high:g}")
        raise ConfigError(
            Message("{where} must be {bounds}. Received: {name}={value!r}", where=name, bounds=bounds, name=name,
                    value=value)
        )  # fmt: skip
    return float(value)


def _whole(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(
            Message("{where} must be a whole number. Received: {name}={value!r}", where=name, name=name, value=value)
        )
    if not low <= value <= high:
        raise ConfigError(
            Message("{where} must be from {low} to {high}. Received: {name}={value!r}", where=name, low=low,
                    high=high, name=name, value=value)
        )  # fmt: skip
    return value


def _loss(value: Any) -> Loss:
    if value is None:
        return None
    if isinstance(value, str):
        return canonical_loss(value)
    if isinstance(value, (list, tuple)) and value:
        return tuple(canonical_loss(v) for v in value)
    if isinstance(value, Mapping) and value and all(isinstance(k, str) for k in value):
        return {k: canonical_loss(v) for k, v in value.items()}
    raise ConfigError(
        Message("loss must be a loss name, a list or an object of them. Received: loss={value!r}", value=value)
    )


def _loss_weights(value: Any) -> LossWeights:
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and value:
        return tuple(_number("loss_weights", v, low=0.0) for v in value)
    if isinstance(value, Mapping) and value and all(isinstance(k, str) for k in value):
        return {k: _number(f"loss_weights[{k!r}]", v, low=0.0) for k, v in value.items()}
    raise ConfigError(
        Message("loss_weights must be a list of numbers or an object of output names to numbers. "
                "Received: loss_weights={value!r}", value=value)
    )  # fmt: skip
