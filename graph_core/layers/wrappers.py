"""The wrappers: Bidirectional and TimeDistributed, a layer applied the way Keras 3 wraps it.

``Bidirectional(layer)`` runs a SimpleRNN, LSTM or GRU over the sequence twice: the layer as
configured, reading forward (Keras's ``forward_<name>``), and a copy of it reading backwards
(``backward_<name>``, ``go_backwards=True``). With ``return_sequences`` the copy's sequence,
which it gives in the order it read, is turned back into time order; then the two outputs
are merged:

    concat  y = [y_f, y_b]     sum  y = y_f + y_b     mul  y = y_f ∘ y_b     ave  y = (y_f + y_b) / 2

Its config is the wrapped type (``layer``), ``merge_mode`` and the wrapped layer's settings
(of those, a SimpleRNN reads neither ``recurrent_activation`` nor ``unit_forget_bias``). Its
weights are the two layers', Keras's ``kernel``, ``recurrent_kernel`` and ``bias`` of each,
here ``forward_kernel``, ``backward_kernel``...; a ``.keras`` file keeps them in
``forward_layer/cell/vars`` and ``backward_layer/cell/vars``. A file whose layer reads
backwards itself (Keras 3 refuses to build one without a backward layer of its own), whose
``backward_layer`` is not that copy, whose ``merge_mode`` is None (the two directions as
two outputs) or whose layer gives its states (``return_state``, four or two states besides
the output) is refused.

``TimeDistributed(Dense)`` applies the Dense to every step of ``(batch, steps, ...)``; its
config and weights are the Dense's (``.keras``: ``layer/vars``). A file wrapping any other
layer is refused.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from graph_core.errors import FileFormatError
from graph_core.layers import recurrent
from graph_core.layers.base import (
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    ShapeError,
    TorchForm,
    VarsGroup,
    Weights,
    WeightSpec,
    format_shape,
    get,
    register,
)
from graph_core.layers.core import DENSE
from graph_core.layers.keras_io import KerasFields, base_config, fail, read_layer
from graph_core.messages import Message

RECURRENT = ("SimpleRNN", "LSTM", "GRU")
MERGE_MODES = ("concat", "sum", "mul", "ave")
DIRECTIONS = ("forward", "backward")
#: The weights of one direction, as the wrapped layer names them.
_RECURRENT_WEIGHTS = ("kernel", "recurrent_kernel", "bias")
#: The wrapped layer's settings a Bidirectional does not have: its copy reads backwards, and it gives one output.
_NOT_WRAPPED = ("go_backwards", "return_state")

# --------------------------------------------------------------------------- the layer a wrapper holds, in Keras


def read_wrapped(f: KerasFields, key: str, types: tuple[str, ...]) -> tuple[str, Config]:
    """The layer a wrapper holds, serialized at ``key`` of its config (``layer``, ``backward_layer``): its class,
    one of ``types``, and our config for it."""
    entry = f.take(key)
    where = f.where(key)
    if not isinstance(entry, dict) or not isinstance(entry.get("class_name"), str):
        raise fail(where, Message("a layer (an object with class_name and config)"), entry)
    cls, cfg = entry["class_name"], entry.get("config")
    module = entry.get("module")
    custom = entry.get("registered_name") is not None or (
        module is not None and not str(module).startswith(("keras.layers", "keras.src.layers"))
    )
    if cls not in types or custom:
        raise FileFormatError(
            Message("layer {name!r} ({cls}) wraps a {inner}; Layerwire's {cls} wraps {types}", name=f.name,
                    cls=f.cls, inner=entry.get("registered_name") or cls, types=", ".join(types))
        )  # fmt: skip
    if not isinstance(cfg, dict):
        raise fail(Message("{where}.{field}", where=where, field="config"), Message("an object"), cfg)
    name = cfg.get("name", key)
    return cls, read_layer(cls, name if isinstance(name, str) else key, cfg)


def _serialized(kind: str, config: dict[str, Any]) -> dict[str, Any]:
    """A layer the wrapper holds, as Keras serializes it in the wrapper's config."""
    return {"module": "keras.layers", "class_name": kind, "config": config, "registered_name": None}


# --------------------------------------------------------------------------- Bidirectional


def inner_config(config: Config) -> Config:
    """The wrapped layer's config: the settings of its type, taken from the Bidirectional's (it reads forward and
    gives one output)."""
    return {f.name: False if f.name in _NOT_WRAPPED else config[f.name] for f in get(config["layer"]).fields}


def directions(config: Config) -> tuple[Config, Config]:
    """The configs of the forward layer and of its copy reading backwards."""
    forward = inner_config(config)
    return forward, {**forward, "go_backwards": True}


def direction_weights(weights: Weights, direction: str) -> dict[str, np.ndarray]:
    """One direction's weights under the wrapped layer's names (``forward_kernel`` → ``kernel``)."""
    prefix = f"{direction}_"
    return {key.removeprefix(prefix): value for key, value in weights.items() if key.startswith(prefix)}


def merge(mode: str, y: np.ndarray, y_rev: np.ndarray) -> np.ndarray:
    """The two directions' outputs merged as ``merge_mode`` says (``y_rev`` already in time order)."""
    if mode == "concat":
        return np.concatenate([y, y_rev], axis=-1)
    if mode == "sum":
        return y + y_rev
    if mode == "mul":
        return y * y_rev
    return (y + y_rev) / 2


def _per_direction(config: Config) -> int:
    """How many weights each direction has: kernel, recurrent_kernel and (with use_bias) bias."""
    return len(_RECURRENT_WEIGHTS) - (0 if config["use_bias"] else 1)


def _bidirectional_check(config: Config) -> None:
    get(config["layer"]).check(inner_config(config))


def _bidirectional_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    if len(shape) != 3:
        raise ShapeError(
            Message("{type} needs a sequence (batch, steps, features); got {shape}", type="Bidirectional",
                    shape=format_shape(shape))
        )  # fmt: skip
    if shape[2] is None:
        raise ShapeError(Message("{type} needs a known number of features; got {shape}", type="Bidirectional",
                                 shape=format_shape(shape)))  # fmt: skip
    width = config["units"] * (2 if config["merge_mode"] == "concat" else 1)
    return (None, shape[1], width) if config["return_sequences"] else (None, width)


def _bidirectional_weights(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    specs = get(config["layer"]).weight_rule(inner_config(config), inputs)
    return tuple(replace(s, name=f"{direction}_{s.name}") for direction in DIRECTIONS for s in specs)


def _bidirectional_forward(config: Config, weights: Weights, xs: list[np.ndarray]) -> np.ndarray:
    kind = config["layer"]
    y, y_rev = (recurrent.run(kind, c, direction_weights(weights, d), xs[0])[0]
                for c, d in zip(directions(config), DIRECTIONS))  # fmt: skip
    if config["return_sequences"]:  # the copy gives its steps in the order it read them
        y_rev = y_rev[:, ::-1]
    return merge(config["merge_mode"], y, y_rev).astype(np.float32)


def _bidirectional_read(f: KerasFields) -> dict[str, Any]:
    merge_mode = f.take("merge_mode", "concat")
    if merge_mode not in MERGE_MODES:
        raise fail(f.where("merge_mode"),
                   Message("one of {modes} (Layerwire's Bidirectional gives one output, the two directions merged; "
                           "None gives them as two)", modes=", ".join(MERGE_MODES)), merge_mode)  # fmt: skip
    kind, forward = read_wrapped(f, "layer", RECURRENT)
    if forward["return_state"]:
        raise FileFormatError(
            Message("{where}: the layer gives its states (return_state=true); Layerwire's Bidirectional gives one "
                    "output, the two directions merged, and cannot wire the states of each", where=f.where("layer"))
        )  # fmt: skip
    if forward["go_backwards"]:  # Keras 3 makes such a layer's copy read backwards too, and refuses it
        raise FileFormatError(
            Message("{where}: the layer reads backwards (go_backwards=true); Layerwire's Bidirectional reads forward "
                    "with the layer and backward with its copy", where=f.where("layer"))
        )  # fmt: skip
    if f.rest.get("backward_layer") is not None:  # Keras 3 writes the copy it made; Keras 2 only one given to it
        back_kind, backward = read_wrapped(f, "backward_layer", RECURRENT)
        copy = {**forward, "go_backwards": True}
        if back_kind != kind or backward != copy:
            key = "layer" if back_kind != kind else next(k for k in copy if backward[k] != copy[k])
            found, want = (back_kind, kind) if key == "layer" else (backward[key], copy[key])
            raise FileFormatError(
                Message("{where}: Layerwire runs the layer's copy reading backwards; this backward layer's {key} is "
                        "{found!r} where the copy's is {want!r}", where=f.where("backward_layer"), key=key, found=found,
                        want=want)
            )  # fmt: skip
    f.take("backward_layer")
    del forward["go_backwards"], forward["return_state"]
    return {"layer": kind, "merge_mode": merge_mode, **forward}


def _bidirectional_write(name: str, c: Config) -> dict[str, Any]:
    kind = c["layer"]
    inner = {}
    for direction, config in zip(DIRECTIONS, directions(c)):
        written = get(kind).keras.write(f"{direction}_{get(kind).base_name}", config)
        written["zero_output_for_mask"] = config["return_sequences"]  # as Keras sets it inside a Bidirectional
        inner[direction] = _serialized(kind, written)
    return {**base_config(name), "merge_mode": c["merge_mode"], "layer": inner["forward"],
            "backward_layer": inner["backward"]}  # fmt: skip


def _bidirectional_build(written: dict[str, Any], shape: Shape) -> None:
    for key in ("layer", "backward_layer"):  # both were built on the wrapper's input
        written[key]["build_config"] = {"input_shape": list(shape)}


def _bidirectional_vars(name: str, c: Config) -> tuple[VarsGroup, ...]:
    """Keras's groups: the wrapper's own ``vars`` (empty), then each direction's layer with its cell."""
    kind = c["layer"]
    groups = [VarsGroup("vars", name, 0)]
    for direction in DIRECTIONS:
        inner = recurrent.vars_groups(kind, f"{direction}_{get(kind).base_name}")
        groups += [VarsGroup(f"{direction}_layer/{g.path}", g.name, _per_direction(c) if g.count is None else g.count)
                   for g in inner]  # fmt: skip
    return tuple(groups)


def _direction_layer(ctx: Any, direction: str, config: Config) -> Any:
    """One direction as a layer of its own, named as Keras names it (``bidirectional/forward_lstm``)."""
    from graph_core.graph import Layer

    kind = ctx.config["layer"]
    name = f"{ctx.layer.name}/{direction}_{get(kind).base_name}"
    return Layer(name, kind, config, direction_weights(ctx.layer.weights, direction))


def _bidirectional_onnx(ctx: Any) -> str:
    """Each direction lowered as its layer is (ONNX's RNN, LSTM or GRU), the backward sequence turned back into
    time order, then merged."""
    kind = ctx.config["layer"]
    lower = get(kind).onnx
    y, y_rev = (lower(ctx.within(_direction_layer(ctx, d, c))) for d, c in zip(DIRECTIONS, directions(ctx.config)))
    if ctx.config["return_sequences"]:
        y_rev = ctx.op("Slice", [y_rev, ctx.const("start", np.array([-1], np.int64)),
                                 ctx.const("end", np.array([np.iinfo(np.int64).min], np.int64)),
                                 ctx.const("axes", np.array([1], np.int64)),
                                 ctx.const("step", np.array([-1], np.int64))], "time_order")  # fmt: skip
    mode = ctx.config["merge_mode"]
    if mode == "concat":
        return ctx.op("Concat", [y, y_rev], "concat", axis=-1)
    if mode == "mul":
        return ctx.op("Mul", [y, y_rev], "mul")
    total = ctx.op("Add", [y, y_rev], "sum")
    return total if mode == "sum" else ctx.op("Mul", [total, ctx.const("half", np.array(0.5, np.float32))], "ave")


_TORCH_HELPER = '''
class KerasBidirectional(nn.Module):
    """Keras's Bidirectional: the layer and its copy reading the other way, their outputs merged."""

    def __init__(self, forward_layer, backward_layer, merge_mode, return_sequences):
        super().__init__()
        self.forward_layer, self.backward_layer = forward_layer, backward_layer
        self.merge_mode, self.return_sequences = merge_mode, return_sequences

    def forward(self, x):
        y, y_rev = self.forward_layer(x), self.backward_layer(x)
        if self.return_sequences:  # the copy gives its steps in the order it read them
            y_rev = torch.flip(y_rev, [1])
        if self.merge_mode == "concat":
            return torch.cat([y, y_rev], -1)
        if self.merge_mode == "sum":
            return y + y_rev
        if self.merge_mode == "mul":
            return y * y_rev
        return (y + y_rev) / 2
'''


def _bidirectional_module(ctx: Any) -> str:
    kind = ctx.config["layer"]
    layers = []
    for direction, config in zip(DIRECTIONS, directions(ctx.config)):
        shapes = {w: ctx.weight_shape(f"{direction}_{w}") for w in _RECURRENT_WEIGHTS[: _per_direction(ctx.config)]}
        layers.append(get(kind).torch.module(ctx.within(_direction_layer(ctx, direction, config), shapes)))
    mode, sequences = ctx.config["merge_mode"], ctx.config["return_sequences"]
    return f'KerasBidirectional({layers[0]}, {layers[1]}, "{mode}", {sequences})'


def _bidirectional_caption(c: Config) -> str:
    return f"{c['layer']} {c['units']} · {c['merge_mode']}" + (" · sequences" if c["return_sequences"] else "")


BIDIRECTIONAL = register(
    LayerType(
        name="Bidirectional",
        category="Recurrent",
        base_name="bidirectional",
        fields=(
            Field("layer", "choice", "LSTM", choices=RECURRENT, help="the recurrent layer run both ways"),
            Field("merge_mode", "choice", "concat", choices=MERGE_MODES, help="how the two outputs make one"),
            *(f for f in recurrent.LSTM.fields if f.name not in _NOT_WRAPPED),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_bidirectional_shape,
        weight_rule=_bidirectional_weights,
        forward=_bidirectional_forward,
        keras=KerasForm(
            read=_bidirectional_read,
            write=_bidirectional_write,
            vars_groups=_bidirectional_vars,
            wrapped=lambda c: (c["layer"], inner_config(c), {"merge_mode": c["merge_mode"]}),
            inner_build=_bidirectional_build,
            variable_names={f"{d}_{w}": w for d in DIRECTIONS for w in _RECURRENT_WEIGHTS},
            call_kwargs={"mask": None},
        ),
        onnx=_bidirectional_onnx,
        torch=TorchForm(
            module=_bidirectional_module,
            expr=lambda ctx: f"self.{ctx.attr}({ctx.x})",
            state={f"{d}_{w}": (f"{d}_layer.{w}", None, None) for d in DIRECTIONS for w in _RECURRENT_WEIGHTS},
            helpers=(*recurrent.LSTM.torch.helpers, _TORCH_HELPER),
        ),
        look=Look(recurrent.COLOUR, "Bi"),
        check=_bidirectional_check,
        caption_rule=_bidirectional_caption,
        formula="y = merge(layer(x), reversed(layer_backwards(x)))",
        open_sizes=True,
    )
)

# --------------------------------------------------------------------------- TimeDistributed


def _time_distributed_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    if len(shape) < 3:
        raise ShapeError(
            Message("TimeDistributed needs an input of rank 3 or more (batch, steps, ...); got {shape}",
                    shape=format_shape(shape))
        )  # fmt: skip
    return DENSE.shape_rule(config, inputs)


def _time_distributed_read(f: KerasFields) -> dict[str, Any]:
    return read_wrapped(f, "layer", ("Dense",))[1]


def _time_distributed_write(name: str, c: Config) -> dict[str, Any]:
    return {**base_config(name), "layer": _serialized("Dense", DENSE.keras.write("dense", c))}


def _time_distributed_build(written: dict[str, Any], shape: Shape) -> None:
    written["layer"]["build_config"] = {"input_shape": [shape[0], *shape[2:]]}  # one step: the time axis left out


TIME_DISTRIBUTED = register(
    LayerType(
        name="TimeDistributed",
        category="Recurrent",
        base_name="time_distributed",
        fields=DENSE.fields,
        min_inputs=1,
        max_inputs=1,
        shape_rule=_time_distributed_shape,
        weight_rule=DENSE.weight_rule,
        forward=DENSE.forward,  # a Dense acts on the last axis: on every step at once
        keras=KerasForm(
            read=_time_distributed_read,
            write=_time_distributed_write,
            vars_groups=lambda name, c: (VarsGroup("vars", name, 0), VarsGroup("layer/vars", "dense")),
            wrapped=lambda c: ("Dense", dict(c), {}),
            inner_build=_time_distributed_build,
            call_kwargs={"mask": None},
        ),
        onnx=DENSE.onnx,
        torch=DENSE.torch,
        look=Look("#F8BBD0", "TD"),
        caption_rule=lambda c: f"Dense {c['units']} · {c['activation']}",
        formula="y[:, t] = activation(x[:, t] · kernel + bias) for every step t",
        open_sizes=True,
    )
)
