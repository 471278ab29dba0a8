"""What a layer type is: its config fields, its shape and weight rules, and its hooks.

A :class:`LayerType` holds everything the rest of Layerwire asks of one kind of layer, so
a type is defined in one place (a family module beside this one) and every format, the
planner and the views iterate over :data:`REGISTRY`:

* the Keras class name, palette group, automatic name prefix and config :class:`Field` s;
* how many inputs it takes, how many outputs it gives, its shape rule and the shapes of
  its weights (a type with several outputs, ``count_rule``, gives a shape and a forward
  array for each, in a tuple or a list);
* ``forward``: the plain numpy forward pass (the reference the kernels are tested against);
* ``keras``: how its config reads from and writes to a Keras config (:class:`KerasForm`);
* ``onnx``: its lowering to ONNX operators (a tensor's name, or one per output);
* ``torch``: its lines in the exported PyTorch script (:class:`TorchForm`);
* ``look``: its colour and glyph on the canvas, the palette and the diagram.

Shapes include the batch dimension as ``None`` at index 0, as Keras prints them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from graph_core import activations
from graph_core.errors import ConfigError, UnknownLayerError
from graph_core.messages import Message, of

if TYPE_CHECKING:
    from graph_core.layers.keras_io import KerasFields

Shape = tuple[int | None, ...]
Config = dict[str, Any]
Weights = Mapping[str, np.ndarray]

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
    "uniform",
    "orthogonal",
)

#: The palette's groups, in display order.
CATEGORIES = (
    "Inputs",
    "Core",
    "Convolution",
    "Pooling",
    "Recurrent",
    "Reshaping",
    "Merging",
    "Normalization",
    "Regularization",
)

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
    (tuple of positive ints, or None for a size left open), ``target_shape`` (ints, one may be -1), ``axis``
    (non-zero int), ``optional_int`` (int or None), ``ints`` (``length`` whole numbers
    in range, given as one number or a list: a kernel size, strides), ``optional_ints``
    (``ints`` or None), ``padding`` (amounts before and after each of ``length`` axes:
    ``(a, b)`` for one axis, ``((top, bottom), (left, right))`` for two) and ``choice``
    (one of ``choices``) and ``model`` (a :class:`~graph_core.graph.Graph`: the model a
    nested ``Functional`` calls, or a :class:`~graph_core.graph.ModelRef` to one of the graph's own).
    """

    name: str
    kind: str
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    exclusive_max: bool = False
    help: str = ""
    length: int = 0
    choices: tuple[str, ...] = ()

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
        if self.kind == "model":
            from graph_core.graph import Graph, ModelRef

            if value is not None and not isinstance(value, (Graph, ModelRef)):
                raise ConfigError(
                    Message("{where} must be a model. Received: {name}={value!r}", where=where, name=self.name,
                            value=value)
                )  # fmt: skip
            return value
        if self.kind == "choice":
            if value not in self.choices:
                raise ConfigError(
                    Message(
                        "{where} must be one of {choices}. Received: {name}={value!r}",
                        where=where,
                        choices=", ".join(self.choices),
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
        if self.kind in ("optional_int", "optional_ints") and value is None:
            return None
        if self.kind in ("ints", "optional_ints"):
            return self._coerce_ints(where, value)
        if self.kind == "padding":
            return self._coerce_padding(where, value)
        if self.kind in ("int", "optional_int", "axis"):
            value = self._whole(where, value)
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

    def _whole(self, where: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise ConfigError(
                Message(
                    "{where} must be a whole number. Received: {name}={value!r}",
                    where=where,
                    name=self.name,
                    value=value,
                )
            )
        return value

    def _coerce_ints(self, where: str, value: Any) -> tuple[int, ...]:
        """One number for every axis, or a list of ``length`` numbers."""
        if isinstance(value, (list, tuple)):
            if len(value) != self.length:
                raise ConfigError(
                    Message(
                        "{where} must be one whole number or {count} of them. Received: {name}={value!r}",
                        where=where,
                        count=self.length,
                        name=self.name,
                        value=tuple(value) if isinstance(value, list) else value,
                    )
                )
            items = list(value)
        else:
            items = [value] * self.length
        out = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, int):
                if isinstance(item, float) and item.is_integer():
                    item = int(item)
                else:
                    raise ConfigError(
                        Message(
                            "{where} must be one whole number or {count} of them. Received: {name}={value!r}",
                            where=where,
                            count=self.length,
                            name=self.name,
                            value=tuple(value) if isinstance(value, list) else value,
                        )
                    )
            self._check_range(where, item, shown=tuple(value) if isinstance(value, list) else value)
            out.append(item)
        return tuple(out)

    def _coerce_padding(self, where: str, value: Any) -> tuple:
        """Keras's forms: ``p``, ``(a, b)`` per axis or ``((t, b), (l, r))``; canonical as Keras stores it."""
        shown = _tupled(value)

        def bad() -> ConfigError:
            form = (
                Message("a whole number or (before, after)")
                if self.length == 1
                else Message("a whole number, (rows, columns) or ((top, bottom), (left, right))")
            )
            return ConfigError(
                Message("{where} must be {form}. Received: {name}={value!r}", where=where, form=form, name=self.name,
                        value=shown)
            )  # fmt: skip

        def amount(v: Any) -> int:
            if isinstance(v, bool) or not isinstance(v, int):
                raise bad()
            self._check_range(where, v, shown=shown)
            return v

        if self.length == 1:
            if isinstance(value, (list, tuple)):
                if len(value) != 2:
                    raise bad()
                return (amount(value[0]), amount(value[1]))
            p = amount(value)
            return (p, p)
        if not isinstance(value, (list, tuple)):
            p = amount(value)
            return ((p, p),) * self.length
        if len(value) != self.length:
            raise bad()
        pairs = []
        for v in value:
            if isinstance(v, (list, tuple)):
                if len(v) != 2:
                    raise bad()
                pairs.append((amount(v[0]), amount(v[1])))
            else:
                p = amount(v)
                pairs.append((p, p))
        return tuple(pairs)

    def _check_range(self, where: str, value: float, shown: Any = None) -> None:
        low, high = self.minimum, self.maximum
        too_low = low is not None and value < low
        too_high = high is not None and (value >= high if self.exclusive_max else value > high)
        if too_low or too_high:
            value = value if shown is None else shown
            bounds = []
            if low is not None:
                bounds.append(f">= {low:g}")
            if high is not None:
                bounds.append(f"{'<' if self.exclusive_max else '<='} {high:g}")
            shown_bounds = bounds[0] if len(bounds) == 1 else Message("{low} and {high}", low=bounds[0], high=bounds[1])
            if self.name in ("units", "filters") and too_high:  # a hostile file: say what it would have cost
                raise ConfigError(
                    Message(
                        "{where} must be {bounds}. Received: {name}={value!r} "
                        "(its weights would take at least {tib:,.1f} TiB, 4 bytes per unit and input)",
                        where=where,
                        bounds=shown_bounds,
                        name=self.name,
                        value=value,
                        tib=4 * value / 2**40,
                    )
                )
            raise ConfigError(
                Message(
                    "{where} must be {bounds}. Received: {name}={value!r}",
                    where=where,
                    bounds=shown_bounds,
                    name=self.name,
                    value=value,
                )
            )


def _tupled(value: Any) -> Any:
    """Lists as tuples (so messages quote ``(1, 2)`` as the user wrote it in Python)."""
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


def _coerce_shape(where: str, name: str, value: Any, allow_minus_one: bool) -> tuple[int | None, ...]:
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
        if d is None and not allow_minus_one:  # an Input's size left open: a sequence of any length
            out.append(None)
            continue
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


# --------------------------------------------------------------------------- hooks


@dataclass(frozen=True)
class VarsGroup:
    """Where a ``.keras`` file keeps some of a layer's variables: ``path`` under the layer's group (``vars``,
    ``cell/vars``, ``forward_layer/cell/vars``), the ``name`` Keras records on that group, and how many of the
    layer's weights, in order, it holds (None: the rest)."""

    path: str
    name: str
    count: int | None = None


def _own_vars(name: str, config: Config) -> tuple[VarsGroup, ...]:
    return (VarsGroup("vars", name),)


@dataclass(frozen=True)
class KerasForm:
    """How a layer type is a Keras layer.

    ``read`` takes the Keras config's layer-specific fields from a
    :class:`~graph_core.layers.keras_io.KerasFields` (the common ones, name, trainable and
    dtype, are taken before) and returns our config values; ``write`` gives the whole
    ``config`` Keras 3 writes for our config. ``build_config``: Keras records the input
    shape it was built on (False for layers built in ``__init__``); ``call_kwargs``: what
    Keras records on each inbound node; ``list_input``: the layer is called on a list of
    tensors (the merging layers). ``positional`` are the constructor arguments the Keras
    guide passes without their names, and ``code_defaults`` Keras's own defaults where
    the code should leave out a value our config holds. ``vars_groups`` says where the
    ``.keras`` weights file keeps the weights (a recurrent layer: in its cell's group).

    A wrapper (Bidirectional, TimeDistributed) holds layers of its own: ``wrapped`` gives
    the type and config of the layer it wraps and the wrapper's own settings, ``(type,
    config, own)``, for the code ``layers.Bidirectional(layers.LSTM(8), merge_mode="sum")``;
    ``inner_build`` records, in the config ``write`` gave, the input shape each inner layer
    was built on, from the wrapper's; ``variable_names`` are Keras's own names of weights
    ours name otherwise (both directions of a Bidirectional have a ``kernel``).

    ``later_inputs`` is the call's keyword for the inputs after the first, passed as a list
    (a recurrent layer's ``initial_state=[h, c]``); ``build_record`` the ``build_config``
    Keras records for the shapes of a call's inputs (by default ``{"input_shape": ...}``).
    """

    read: Callable[[KerasFields], dict[str, Any]]
    write: Callable[[str, Config], dict[str, Any]]
    build_config: bool = True
    call_kwargs: Mapping[str, Any] = field(default_factory=dict)
    list_input: bool = False
    positional: tuple[str, ...] = ()
    code_defaults: Mapping[str, Any] = field(default_factory=dict)
    vars_groups: Callable[[str, Config], tuple[VarsGroup, ...]] = _own_vars
    wrapped: Callable[[Config], tuple[str, Config, Config]] | None = None
    inner_build: Callable[[dict[str, Any], Shape], None] | None = None
    variable_names: Mapping[str, str] = field(default_factory=dict)
    later_inputs: str = ""
    build_record: Callable[[list[Any]], dict[str, Any]] | None = None


@dataclass(frozen=True)
class TorchForm:
    """A layer type's lines in the exported PyTorch script.

    ``module(ctx)`` is the ``nn.Module`` built in ``__init__`` (None: the layer needs none)
    and ``expr(ctx)`` the expression of one call in ``forward`` (a tuple where the call gives
    several outputs); ``ctx`` is a
    :class:`graph_core.io.script_export.TorchCall`. ``state`` maps each Keras weight name to
    the module's parameter name and the axes order that turns Keras's layout into
    PyTorch's. ``layout`` is the layout the call computes in: ``"channels_first"`` (the
    convolution family, on NCHW tensors), ``"channels_last"`` (as Keras: anything that
    reads positions, Dense, Flatten, Reshape) or ``"any"`` (elementwise and per-axis layers,
    which follow their input's layout through ``ctx.dim``). ``helpers`` are the source of
    classes the module uses, put at the top of the script.
    """

    expr: Callable[[Any], str]
    module: Callable[[Any], str | None] = lambda ctx: None
    state: Mapping[str, tuple[str, tuple[int, ...] | None, Callable[[tuple[int, ...]], tuple[int, ...]] | None]] = (
        field(default_factory=dict)
    )
    layout: str = "channels_last"
    helpers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Look:
    """How a layer type is drawn: a fill colour and a short glyph for its palette icon."""

    colour: str
    glyph: str


def _no_weights(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    return ()


@dataclass(frozen=True)
class LayerType:
    """Everything Layerwire knows about one kind of layer (see the module docstring)."""

    name: str  # the Keras class name
    category: str
    base_name: str  # prefix of automatic layer names: dense, dense_1, ...
    fields: tuple[Field, ...]
    min_inputs: int
    max_inputs: int | None  # None: any number (merge layers)
    shape_rule: Callable[[Config, list[Shape]], Shape]
    forward: Callable[[Config, Weights, list[np.ndarray]], np.ndarray]
    keras: KerasForm
    onnx: Callable[[Any], str | list[str]]
    torch: TorchForm
    look: Look
    weight_rule: Callable[[Config, list[Shape]], tuple[WeightSpec, ...]] = _no_weights
    check: Callable[[Config], None] = lambda c: None  # settings that do not go together: raise ConfigError
    caption_rule: Callable[[Config], str] = lambda c: ""
    count_rule: Callable[[Config], int] = lambda c: 1  # how many outputs a call gives
    # what each input and output port is, where the type names them (a recurrent layer's x, h₀, c₀ and y, h, c)
    port_names: Callable[[Config], tuple[tuple[str, ...], tuple[str, ...]]] = lambda c: ((), ())
    takes_ids: bool = False  # reads token ids (Embedding): the one kind of layer an int Input may feed
    open_sizes: bool = False  # its shape rule takes sizes left open (None) after the batch axis
    formula: str = ""  # what it computes; its help, in each language, is resources/layer_help.json's
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
        self.check(config)
        return config

    @property
    def holds_model(self) -> bool:
        """The layer calls a whole model (its config's ``model``), whose layers own the weights."""
        return any(f.kind == "model" for f in self.fields)

    @property
    def has_weights(self) -> bool:
        return self.weight_rule is not _no_weights

    def accepts_port(self, port: int) -> bool:
        return port >= 0 and (self.max_inputs is None or port < self.max_inputs)

    def output_count(self, config: Config) -> int:
        return self.count_rule(config)

    def output_shapes(self, config: Config, inputs: list[Shape]) -> tuple[Shape, ...]:
        """The shape of each output, by the shape rule after checking the number of inputs; raises ``ShapeError``."""
        n = len(inputs)
        if n < self.min_inputs or (self.max_inputs is not None and n > self.max_inputs):
            raise ShapeError(
                Message("{type} needs {arity}; got {count}", type=self.name, arity=self.arity_text(), count=n)
            )
        if not self.open_sizes:
            for shape in inputs:
                if any(d is None for d in shape[1:]):
                    raise ShapeError(
                        Message("{type} needs every size known; got {shape} (a size left open, as a sequence of any "
                                "length)", type=self.name, shape=format_shape(shape))
                    )  # fmt: skip
        shapes = self.shape_rule(config, inputs)
        return tuple(shapes) if self.output_count(config) > 1 else (shapes,)  # type: ignore[arg-type]

    def output_shape(self, config: Config, inputs: list[Shape]) -> Shape:
        """The shape of a one-output type's output; raises ``ShapeError``."""
        (shape,) = self.output_shapes(config, inputs)
        return shape

    def run(self, config: Config, weights: Weights, xs: list[np.ndarray]) -> list[np.ndarray]:
        """The reference pass: an array for each output."""
        ys = self.forward(config, weights, xs)
        return list(ys) if self.output_count(config) > 1 else [ys]

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
#: Types made otherwise than from the palette: a model called as a layer (``Functional``).
NESTED: dict[str, LayerType] = {}


def register(layer_type: LayerType) -> LayerType:
    if layer_type.category not in CATEGORIES:  # pragma: no cover - a registry mistake
        raise AssertionError(f"{layer_type.name}: unknown category {layer_type.category}")
    REGISTRY[layer_type.name] = layer_type
    return layer_type


def register_nested(layer_type: LayerType) -> LayerType:
    NESTED[layer_type.name] = layer_type
    return layer_type


def get(type_name: str) -> LayerType:
    try:
        return REGISTRY[type_name] if type_name in REGISTRY else NESTED[type_name]
    except KeyError:
        raise UnknownLayerError(
            Message("Layerwire has no layer type {name!r}; it has {types}", name=type_name, types=", ".join(REGISTRY))
        ) from None


# --------------------------------------------------------------------------- shape helpers


def fmt_all(shapes: list[Shape]) -> str:
    """``(None, 3) and (None, 4)``; three or more shapes with commas only."""
    if len(shapes) == 2:
        return Message("{first} and {second}", first=format_shape(shapes[0]), second=format_shape(shapes[1]))
    return ", ".join(format_shape(s) for s in shapes)


def axis_index(axis: int, rank: int, layer: str) -> int:
    """A Keras axis (negative from the end) as an index into a shape of ``rank``; never the batch axis."""
    index = axis if axis >= 0 else rank + axis
    if not 1 <= index < rank:
        raise ShapeError(
            Message("{layer} axis={axis} is outside an input of rank {rank}", layer=layer, axis=axis, rank=rank)
        )
    return index


def rank_too_low(type_name: str, shape: Shape) -> Message:
    return Message("{type} needs an input of rank 2 or more; got {shape}", type=type_name, shape=format_shape(shape))


def identity(config: Config, inputs: list[Shape]) -> Shape:
    return inputs[0]


def same_shape(name: str) -> Callable[[Config, list[Shape]], Shape]:
    def rule(config: Config, inputs: list[Shape]) -> Shape:
        if any(s != inputs[0] for s in inputs[1:]):
            raise ShapeError(
                Message("{type} needs inputs of one shape; got {shapes}", type=name, shapes=fmt_all(inputs))
            )
        return inputs[0]

    return rule


def tuple_caption(values: tuple[int, ...]) -> str:
    """``3×3`` for a kernel size; ``2`` for a one-axis one."""
    return "×".join(str(v) for v in values)


def spatial_axes(rank: int) -> Message:
    return Message("steps") if rank == 1 else Message("rows, columns")


def check_spatial_rank(type_name: str, rank: int, shape: Shape) -> None:
    """The input of a ``rank``-D spatial layer is ``(batch, *spatial, channels)``."""
    if len(shape) != rank + 2:
        raise ShapeError(
            Message("{type} needs an input of rank {rank} (batch, {axes}, channels); got {shape}", type=type_name,
                    rank=rank + 2, axes=spatial_axes(rank), shape=format_shape(shape))
        )  # fmt: skip


def axis_noun(rank: int, axis: int) -> Message:
    """What the ``axis``-th spatial axis counts: steps, rows or columns."""
    if rank == 1:
        return Message("steps")
    return Message("rows") if axis == 0 else Message("columns")
