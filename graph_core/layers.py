"""The layer registry: one entry per layer type, defined once.

Each :class:`LayerType` holds everything the rest of Layerwire asks of a layer: its
Keras class name, its config fields (with defaults and validation), how many inputs it
takes, its shape rule, the shapes of its weights, and a one-line description for the
canvas. Shapes include the batch dimension as ``None`` at index 0, as Keras prints them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_core import activations
from graph_core.errors import ConfigError, UnknownLayerError
from graph_core.messages import Message, of

Shape = tuple[int | None, ...]
Config = dict[str, Any]

#: Initializers by Keras name (see graph_core.initializers for the formulas).
INITIALIZERS = (
    "glorot_uniform",
    "glorot_normal",
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "lecun_uniform",
    "zeros",
    "ones",
)

#: The palette's groups, in display order.
CATEGORIES = ("Inputs", "Core", "Merging", "Normalization", "Regularization")

#: Largest size of one dimension or of one weight tensor we will describe (guards hostile files).
MAX_DIM = 1 << 31
MAX_RANK = 8


class ShapeError(Exception):
    """Raised by a shape rule; the message explains the mismatch with the shapes received."""


def format_shape(shape: Shape | None) -> str:
    """``(None, 64)`` as Keras prints it; a rank-1 shape keeps its trailing comma."""
    if shape is None:
        return "?"
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class Field:
    """One config field: its name, kind, default and the range it accepts.

    kinds: ``int``, ``float``, ``bool``, ``activation``, ``initializer``, ``shape``
    (tuple of positive ints), ``target_shape`` (ints, one may be -1), ``axis``
    (non-zero int), ``optional_int`` (int or None).
    """

    name: str
    kind: str
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    exclusive_max: bool = False
    help: str = ""

    def coerce(self, layer_type: str, value: Any) -> Any:
        """Return ``value`` in canonical form or raise ``ConfigError`` quoting it."""
        where = f"{layer_type} {self.name}"
        if self.kind == "activation":
            try:
                return activations.canonical(value)
            except UnknownLayerError as exc:
                raise ConfigError(Message("{type}: {problem}", type=layer_type, problem=of(exc))) from None
        if self.kind == "initializer":
            if value not in INITIALIZERS:
                raise ConfigError(
                    Message(
                        "{where} must be one of {choices}. Received: {name}={value!r}",
                        where=where,
                        choices=", ".join(INITIALIZERS),
                        name=self.name,
                        value=value,
                    )
                )
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(
                    Message(
                        "{where} must be true or false. Received: {name}={value!r}",
                        where=where,
                        name=self.name,
                        value=value,
                    )
                )
            return value
        if self.kind in ("shape", "target_shape"):
            return _coerce_shape(where, self.name, value, allow_minus_one=self.kind == "target_shape")
        if self.kind == "optional_int" and value is None:
            return None
        if self.kind in ("int", "optional_int", "axis"):
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise ConfigError(
                        Message(
                            "{where} must be a whole number. Received: {name}={value!r}",
                            where=where,
                            name=self.name,
                            value=value,
                        )
                    )
            if self.kind == "axis" and value == 0:
                raise ConfigError(
                    Message(
                        "{where} cannot be 0, the batch axis. Received: {name}={value!r}",
                        where=where,
                        name=self.name,
                        value=0,
                    )
                )
        elif self.kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(
                    Message(
                        "{where} must be a number. Received: {name}={value!r}", where=where, name=self.name, value=value
                    )
                )
            value = float(value)
        else:  # pragma: no cover - a registry mistake, not user input
            raise AssertionError(f"unknown field kind {self.kind}")
        self._check_range(where, value)
        return value

    def _check_range(self, where: str, value: float) -> None:
        low, high = self.minimum, self.maximum
        too_low = low is not None and value < low
        too_high = high is not None and (value >= high if self.exclusive_max else value > high)
        if too_low or too_high:
            bounds = []
            if low is not None:
                bounds.append(f">= {low:g}")
            if high is not None:
                bounds.append(f"{'<' if self.exclusive_max else '<='} {high:g}")
            shown = bounds[0] if len(bounds) == 1 else Message("{low} and {high}", low=bounds[0], high=bounds[1])
            if self.name == "units" and too_high:  # a hostile file: say what it would have cost
                raise ConfigError(
                    Message(
                        "{where} must be {bounds}. Received: {name}={value!r} "
                        "(its weights would take at least {tib:,.1f} TiB, 4 bytes per unit and input)",
                        where=where,
                        bounds=shown,
                        name=self.name,
                        value=value,
                        tib=4 * value / 2**40,
                    )
                )
            raise ConfigError(
                Message(
                    "{where} must be {bounds}. Received: {name}={value!r}",
                    where=where,
                    bounds=shown,
                    name=self.name,
                    value=value,
                )
            )


def _coerce_shape(where: str, name: str, value: Any, allow_minus_one: bool) -> tuple[int, ...]:
    if not isinstance(value, (list, tuple)) or not 1 <= len(value) <= MAX_RANK:
        raise ConfigError(
            Message(
                "{where} must be a tuple of 1 to {most} sizes. Received: {name}={value!r}",
                where=where,
                most=MAX_RANK,
                name=name,
                value=value,
            )
        )
    out = []
    for d in value:
        if isinstance(d, bool) or not isinstance(d, int):
            raise ConfigError(
                Message(
                    "{where} must hold whole numbers. Received: {name}={value!r}",
                    where=where,
                    name=name,
                    value=tuple(value),
                )
            )
        if not (1 <= d < MAX_DIM or (allow_minus_one and d == -1)):
            raise ConfigError(
                Message(
                    "{where} sizes must be positive. Received: {name}={value!r}",
                    where=where,
                    name=name,
                    value=tuple(value),
                )
            )
        out.append(d)
    if allow_minus_one and out.count(-1) > 1:
        raise ConfigError(
            Message(
                "{where} may hold at most one -1. Received: {name}={value!r}",
                where=where,
                name=name,
                value=tuple(value),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- weights


@dataclass(frozen=True)
class WeightSpec:
    """A weight a layer owns: Keras's variable name, shape, trainability and initializer."""

    name: str
    shape: tuple[int, ...]
    trainable: bool
    initializer: str

    @property
    def size(self) -> int:
        return math.prod(self.shape)


# --------------------------------------------------------------------------- layer types


def _no_weights(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    return ()


@dataclass(frozen=True)
class LayerType:
    """Everything Layerwire knows about one kind of layer."""

    name: str  # the Keras class name
    category: str
    base_name: str  # prefix of automatic layer names: dense, dense_1, ...
    fields: tuple[Field, ...]
    min_inputs: int
    max_inputs: int | None  # None: any number (merge layers)
    shape_rule: Callable[[Config, list[Shape]], Shape]
    weight_rule: Callable[[Config, list[Shape]], tuple[WeightSpec, ...]] = _no_weights
    caption_rule: Callable[[Config], str] = lambda c: ""
    help: str = ""
    formula: str = ""
    shareable: bool = True
    _fields_by_name: Mapping[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fields_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        try:
            return self._fields_by_name[name]
        except KeyError:
            raise ConfigError(
                Message(
                    "{type} has no setting {name!r}; it has {fields}",
                    type=self.name,
                    name=name,
                    fields=", ".join(self._fields_by_name) or Message("none"),
                )
            ) from None

    def default_config(self) -> Config:
        return {f.name: f.default for f in self.fields}

    def make_config(self, values: Mapping[str, Any] | None = None) -> Config:
        """Defaults overlaid with ``values``, every field validated; unknown keys refused."""
        config = self.default_config()
        for key, value in (values or {}).items():
            config[key] = self.field(key).coerce(self.name, value)
        return config

    @property
    def has_weights(self) -> bool:
        return self.weight_rule is not _no_weights

    def accepts_port(self, port: int) -> bool:
        return port >= 0 and (self.max_inputs is None or port < self.max_inputs)

    def output_shape(self, config: Config, inputs: list[Shape]) -> Shape:
        """Apply the shape rule after checking the number of inputs; raises ``ShapeError``."""
        n = len(inputs)
        if n < self.min_inputs or (self.max_inputs is not None and n > self.max_inputs):
            raise ShapeError(
                Message("{type} needs {arity}; got {count}", type=self.name, arity=self.arity_text(), count=n)
            )
        return self.shape_rule(config, inputs)

    def weight_specs(self, config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
        return self.weight_rule(config, inputs)

    def arity_text(self) -> Message:
        lo, hi = self.min_inputs, self.max_inputs
        if hi is None:
            return Message("at least {low} inputs", low=lo)
        if lo == hi:
            return Message("1 input") if lo == 1 else Message("{count} inputs", count=lo)
        return Message("{low} to {high} inputs", low=lo, high=hi)

    def caption(self, config: Config) -> str:
        """The node's main setting, as the canvas shows it: ``Dense · 64 · relu``."""
        extra = self.caption_rule(config)
        return f"{self.name} · {extra}" if extra else self.name


REGISTRY: dict[str, LayerType] = {}


def register(layer_type: LayerType) -> LayerType:
    REGISTRY[layer_type.name] = layer_type
    return layer_type


def get(type_name: str) -> LayerType:
    try:
        return REGISTRY[type_name]
    except KeyError:
        raise UnknownLayerError(
            Message("Layerwire has no layer type {name!r}; it has {types}", name=type_name, types=", ".join(REGISTRY))
        ) from None


# --------------------------------------------------------------------------- shape helpers


def _fmt_all(shapes: list[Shape]) -> str:
    """``(None, 3) and (None, 4)``; three or more shapes with commas only."""
    if len(shapes) == 2:
        return Message("{first} and {second}", first=format_shape(shapes[0]), second=format_shape(shapes[1]))
    return ", ".join(format_shape(s) for s in shapes)


def _axis_index(axis: int, rank: int, layer: str) -> int:
    index = axis if axis >= 0 else rank + axis
    if not 1 <= index < rank:
        raise ShapeError(
            Message("{layer} axis={axis} is outside an input of rank {rank}", layer=layer, axis=axis, rank=rank)
        )
    return index


def _same_shape(name: str) -> Callable[[Config, list[Shape]], Shape]:
    def rule(config: Config, inputs: list[Shape]) -> Shape:
        if any(s != inputs[0] for s in inputs[1:]):
            raise ShapeError(
                Message("{type} needs inputs of one shape; got {shapes}", type=name, shapes=_fmt_all(inputs))
            )
        return inputs[0]

    return rule


def _rank_too_low(type_name: str, shape: Shape) -> Message:
    return Message("{type} needs an input of rank 2 or more; got {shape}", type=type_name, shape=format_shape(shape))


def _identity(config: Config, inputs: list[Shape]) -> Shape:
    return inputs[0]


# --------------------------------------------------------------------------- InputLayer


def _input_shape(config: Config, inputs: list[Shape]) -> Shape:
    return (None, *config["shape"])


register(
    LayerType(
        name="InputLayer",
        category="Inputs",
        base_name="input_layer",
        fields=(Field("shape", "shape", (784,), help="shape of one sample, batch size left out"),),
        min_inputs=0,
        max_inputs=0,
        shape_rule=_input_shape,
        caption_rule=lambda c: format_shape(tuple(c["shape"])),
        help="An input of the model: keras.Input(shape=...). Each sample has the given shape.",
        formula="y = x",
        shareable=False,
    )
)

# --------------------------------------------------------------------------- Dense


def _dense_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    if len(shape) < 2:
        raise ShapeError(_rank_too_low("Dense", shape))
    return (*shape[:-1], config["units"])


def _dense_weights(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    fan_in = inputs[0][-1]
    assert fan_in is not None
    specs = [WeightSpec("kernel", (fan_in, config["units"]), True, config["kernel_initializer"])]
    if config["use_bias"]:
        specs.append(WeightSpec("bias", (config["units"],), True, config["bias_initializer"]))
    return tuple(specs)


register(
    LayerType(
        name="Dense",
        category="Core",
        base_name="dense",
        fields=(
            Field("units", "int", 32, minimum=1, maximum=MAX_DIM - 1, help="number of outputs"),
            Field("activation", "activation", "linear"),
            Field("use_bias", "bool", True),
            Field("kernel_initializer", "initializer", "glorot_uniform"),
            Field("bias_initializer", "initializer", "zeros"),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_dense_shape,
        weight_rule=_dense_weights,
        caption_rule=lambda c: f"{c['units']} · {c['activation']}",
        help="Densely connected layer: every output is a weighted sum of every input on the last axis.",
        formula="y = activation(x · kernel + bias)",
    )
)

# --------------------------------------------------------------------------- Activation, Dropout


register(
    LayerType(
        name="Activation",
        category="Core",
        base_name="activation",
        fields=(Field("activation", "activation", "relu"),),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_identity,
        caption_rule=lambda c: c["activation"],
        help="Applies an activation function elementwise (softmax along the last axis).",
        formula="y = activation(x)",
    )
)

register(
    LayerType(
        name="Dropout",
        category="Regularization",
        base_name="dropout",
        fields=(
            Field("rate", "float", 0.5, minimum=0.0, maximum=1.0, exclusive_max=True),
            Field("seed", "optional_int", None, minimum=0),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_identity,
        caption_rule=lambda c: f"{c['rate']:g}",
        help="During training, sets a fraction `rate` of inputs to 0 and scales the rest by 1/(1-rate); "
        "identity at inference.",
        formula="y = x · mask / (1 − rate)",
    )
)

# --------------------------------------------------------------------------- Flatten, Reshape


def _flatten_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    rest = shape[1:]
    if not rest:
        raise ShapeError(_rank_too_low("Flatten", shape))
    return (None, None if None in rest else math.prod(rest))  # type: ignore[arg-type]


def _reshape_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    target = list(config["target_shape"])
    size = math.prod(d for d in shape[1:] if d is not None)
    known = math.prod(d for d in target if d != -1)
    if -1 in target:
        if size % known:
            raise ShapeError(
                Message(
                    "Reshape cannot fit {shape} into target_shape={target}",
                    shape=format_shape(shape),
                    target=tuple(target),
                )
            )
        target[target.index(-1)] = size // known
    elif known != size:
        raise ShapeError(
            Message(
                "Reshape needs target_shape with {size} values to match {shape}; got target_shape={target} with "
                "{known}",
                size=size,
                shape=format_shape(shape),
                target=tuple(target),
                known=known,
            )
        )
    return (None, *target)


register(
    LayerType(
        name="Flatten",
        category="Core",
        base_name="flatten",
        fields=(),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_flatten_shape,
        help="Flattens each sample into a vector, keeping the batch axis.",
        formula="y = reshape(x, (batch, -1))",
    )
)

register(
    LayerType(
        name="Reshape",
        category="Core",
        base_name="reshape",
        fields=(Field("target_shape", "target_shape", (-1,), help="new shape of one sample; one size may be -1"),),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_reshape_shape,
        caption_rule=lambda c: format_shape(tuple(c["target_shape"])),
        help="Gives each sample a new shape with the same number of values.",
        formula="y = reshape(x, (batch, *target_shape))",
    )
)

# --------------------------------------------------------------------------- merging

_MERGE_FORMULAS = {
    "Add": ("y = x₁ + x₂ + …", "Adds its inputs elementwise."),
    "Subtract": ("y = x₁ − x₂", "Subtracts its second input from its first, elementwise."),
    "Multiply": ("y = x₁ · x₂ · …", "Multiplies its inputs elementwise."),
    "Average": ("y = (x₁ + x₂ + …) / n", "Averages its inputs elementwise."),
    "Maximum": ("y = max(x₁, x₂, …)", "Takes the elementwise maximum of its inputs."),
    "Minimum": ("y = min(x₁, x₂, …)", "Takes the elementwise minimum of its inputs."),
}

for _name, (_formula, _help) in _MERGE_FORMULAS.items():
    register(
        LayerType(
            name=_name,
            category="Merging",
            base_name=_name.lower(),
            fields=(),
            min_inputs=2,
            max_inputs=2 if _name == "Subtract" else None,
            shape_rule=_same_shape(_name),
            help=_help + " All inputs must have one shape.",
            formula=_formula,
        )
    )


def _concatenate_shape(config: Config, inputs: list[Shape]) -> Shape:
    rank = len(inputs[0])
    if any(len(s) != rank for s in inputs):
        raise ShapeError(Message("Concatenate needs inputs of one rank; got {shapes}", shapes=_fmt_all(inputs)))
    axis = _axis_index(config["axis"], rank, "Concatenate")
    for s in inputs[1:]:
        if any(a != b for i, (a, b) in enumerate(zip(s, inputs[0])) if i != axis):
            raise ShapeError(
                Message(
                    "Concatenate on axis={axis} needs inputs that match on every other axis; got {shapes}",
                    axis=config["axis"],
                    shapes=_fmt_all(inputs),
                )
            )
    sizes = [s[axis] for s in inputs]
    total = None if None in sizes else sum(sizes)  # type: ignore[arg-type]
    return (*inputs[0][:axis], total, *inputs[0][axis + 1 :])


register(
    LayerType(
        name="Concatenate",
        category="Merging",
        base_name="concatenate",
        fields=(Field("axis", "axis", -1),),
        min_inputs=2,
        max_inputs=None,
        shape_rule=_concatenate_shape,
        caption_rule=lambda c: f"axis {c['axis']}",
        help="Joins its inputs along one axis; every other axis must match.",
        formula="y = [x₁ | x₂ | …] along axis",
    )
)

# --------------------------------------------------------------------------- normalization


def _norm_weights(names: tuple[tuple[str, bool, str, str], ...]):
    """Weight rule for a per-feature normalization: (name, trainable, initializer, needs)."""

    def rule(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
        shape = inputs[0]
        size = shape[_axis_index(config["axis"], len(shape), "normalization")]
        assert size is not None
        return tuple(
            WeightSpec(name, (size,), trainable, init)
            for name, trainable, init, needs in names
            if not needs or config[needs]
        )

    return rule


def _norm_shape(type_name: str) -> Callable[[Config, list[Shape]], Shape]:
    def rule(config: Config, inputs: list[Shape]) -> Shape:
        _axis_index(config["axis"], len(inputs[0]), type_name)
        return inputs[0]

    return rule


register(
    LayerType(
        name="BatchNormalization",
        category="Normalization",
        base_name="batch_normalization",
        fields=(
            Field("axis", "axis", -1),
            Field("momentum", "float", 0.99, minimum=0.0, maximum=1.0),
            Field("epsilon", "float", 1e-3, minimum=1e-12, maximum=1.0),
            Field("center", "bool", True),
            Field("scale", "bool", True),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_norm_shape("BatchNormalization"),
        weight_rule=_norm_weights(
            (
                ("gamma", True, "ones", "scale"),
                ("beta", True, "zeros", "center"),
                ("moving_mean", False, "zeros", ""),
                ("moving_variance", False, "ones", ""),
            )
        ),
        help="Normalizes each feature with the batch's mean and variance while training and with moving "
        "averages of them at inference; the moving averages are not trained.",
        formula="y = γ · (x − μ) / √(σ² + ε) + β",
    )
)

register(
    LayerType(
        name="LayerNormalization",
        category="Normalization",
        base_name="layer_normalization",
        fields=(
            Field("axis", "axis", -1),
            Field("epsilon", "float", 1e-3, minimum=1e-12, maximum=1.0),
            Field("center", "bool", True),
            Field("scale", "bool", True),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_norm_shape("LayerNormalization"),
        weight_rule=_norm_weights((("gamma", True, "ones", "scale"), ("beta", True, "zeros", "center"))),
        help="Normalizes each sample over its last axis to mean 0 and variance 1, then scales and shifts.",
        formula="y = γ · (x − mean(x)) / √(var(x) + ε) + β",
    )
)
