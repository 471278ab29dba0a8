"""The recurrent family: SimpleRNN, LSTM and GRU, reading a sequence ``(batch, steps, features)`` step by step.

Each keeps a state ``h`` of ``units`` numbers (LSTM also a cell state ``c``) that it updates
at every step from the step's input ``x_t`` and its previous state, as Keras 3 does:

    SimpleRNN   h = act(x·W + h·U + b)
    LSTM        [i f c̃ o] = x·W + h·U + b, gates by recurrent_act (c̃ by act);
                c = f∘c + i∘c̃,  h = o∘act(c)
    GRU         [z r ĥ] from x·W + b_in and h·U + b_rec (reset_after: r scales h·U's part);
                ĥ = act(x·W_h + b_in,h + r∘(h·U_h + b_rec,h)),  h = z∘h + (1 − z)∘ĥ

The weights are Keras's: ``kernel`` ``(features, gates·units)``, ``recurrent_kernel``
``(units, gates·units)`` and ``bias`` (GRU: two rows, input and recurrent), gates in
Keras's order (LSTM i, f, c, o; GRU z, r, h), held by the layer's cell (``.keras``:
``layers/lstm/cell/vars``). With ``return_sequences`` the layer gives every step's ``h``
(in the order read: reversed with ``go_backwards``, as Keras), else the last one.

With ``return_state`` a call gives, after its output, its final states as outputs of their
own: ``output, h, c`` (LSTM) or ``output, h``, each ``(batch, units)``, as Keras's
``output, state_h, state_c = LSTM(64, return_state=True)(x)``. A call may take its initial
states as further inputs, Keras's ``initial_state=[h, c]`` (an encoder's final states starting
a decoder): input 0 is the sequence, then every state, ``(batch, units)`` each; without them
the states start at zero. Masks, dropout inside the cell and ``stateful`` are refused when a
file asks for them, with the reason.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from graph_core import activations
from graph_core.errors import ConfigError
from graph_core.layers.base import (
    MAX_DIM,
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
    register,
)
from graph_core.layers.keras_io import KerasFields, base_config, initializer_config, nulls
from graph_core.messages import Message

COLOUR = "#F48FB1"
#: Gates per type: the width of the kernels is gates × units.
GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
#: The states a call keeps between steps (and gives with ``return_state``, takes as ``initial_state``).
STATES = {"SimpleRNN": ("h",), "LSTM": ("h", "c"), "GRU": ("h",)}
#: The name of the cell that holds the weights in Keras (``lstm/lstm_cell/kernel``).
CELLS = {"SimpleRNN": "simple_rnn_cell", "LSTM": "lstm_cell", "GRU": "gru_cell"}


def _fields(kind: str) -> tuple[Field, ...]:
    fields = [
        Field("units", "int", 32, minimum=1, maximum=MAX_DIM - 1, help="size of the state h"),
        Field("activation", "activation", "tanh"),
    ]
    if kind != "SimpleRNN":
        fields.append(Field("recurrent_activation", "activation", "sigmoid"))
    fields += [
        Field("use_bias", "bool", True),
        Field("kernel_initializer", "initializer", "glorot_uniform"),
        Field("recurrent_initializer", "initializer", "orthogonal"),
        Field("bias_initializer", "initializer", "zeros"),
    ]
    if kind == "LSTM":
        fields.append(Field("unit_forget_bias", "bool", True, help="the forget gate's bias starts at 1"))
    fields += [
        Field("return_sequences", "bool", False, help="give h at every step, not only the last"),
        Field("return_state", "bool", False, help="give the final states as outputs of their own"),
        Field("go_backwards", "bool", False, help="read the sequence from its end"),
        Field("unroll", "bool", False, help="Keras's unrolled loop (the same numbers)"),
    ]
    return tuple(fields)


def _check(kind: str):  # type: ignore[no-untyped-def]
    def check(config: Config) -> None:
        for key in ("activation", "recurrent_activation"):
            if config.get(key) in ("softmax", "log_softmax"):
                raise ConfigError(
                    Message("{type} {key} must act on each number; {name} acts on a whole vector", type=kind, key=key,
                            name=config[key])
                )  # fmt: skip

    return check


def _shape(kind: str):  # type: ignore[no-untyped-def]
    def rule(config: Config, inputs: list[Shape]) -> Shape | tuple[Shape, ...]:
        shape, states = inputs[0], inputs[1:]
        if len(shape) != 3:
            raise ShapeError(
                Message("{type} needs a sequence (batch, steps, features); got {shape}", type=kind,
                        shape=format_shape(shape))
            )  # fmt: skip
        if shape[2] is None:
            raise ShapeError(Message("{type} needs a known number of features; got {shape}", type=kind,
                                     shape=format_shape(shape)))  # fmt: skip
        units = config["units"]
        if states:
            _check_states(kind, units, states)
        out = (None, shape[1], units) if config["return_sequences"] else (None, units)
        return (out, *[(None, units)] * len(STATES[kind])) if config["return_state"] else out

    return rule


def _check_states(kind: str, units: int, states: list[Shape]) -> None:
    """Initial states wired after the sequence: all of the type's, each ``(batch, units)``."""
    names = STATES[kind]
    if len(states) != len(names):
        raise ShapeError(
            Message("{type}'s initial state is {names}: wire all {count} after the sequence, or none; got {got}",
                    type=kind, names=", ".join(names), count=len(names), got=len(states))
        )  # fmt: skip
    for name, state in zip(names, states):
        if len(state) != 2 or state[1] != units:
            raise ShapeError(
                Message("{type}'s initial state {name} must be (None, {units}), as its units; got {shape}", type=kind,
                        name=name, units=units, shape=format_shape(state))
            )  # fmt: skip


def output_count(kind: str, config: Config) -> int:
    """The call's outputs: its output, then with ``return_state`` each final state."""
    return 1 + len(STATES[kind]) if config.get("return_state") else 1


def _weights(kind: str):  # type: ignore[no-untyped-def]
    def rule(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
        features, units, gates = inputs[0][-1], config["units"], GATES[kind]
        specs = [
            WeightSpec("kernel", (features, gates * units), True, config["kernel_initializer"]),
            WeightSpec("recurrent_kernel", (units, gates * units), True, config["recurrent_initializer"]),
        ]
        if config["use_bias"]:
            bias_shape = (2, gates * units) if kind == "GRU" else (gates * units,)
            initializer = "lstm_bias" if kind == "LSTM" and config["unit_forget_bias"] else config["bias_initializer"]
            specs.append(WeightSpec("bias", bias_shape, True, initializer))
        return tuple(specs)

    return rule


# --------------------------------------------------------------------------- the reference pass


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def run(kind: str, config: Config, weights: Weights, x: np.ndarray,
        initial: list[np.ndarray] | None = None) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:  # fmt: skip
    """The layer on ``x`` ``(batch, steps, features)`` in float64, its states starting at ``initial`` (``h``, LSTM
    also ``c``; zeros by default): its output, the state ``h`` after each step read, and the final states."""
    act = lambda v: activations.apply(config["activation"], v)  # noqa: E731
    rec = lambda v: activations.apply(config.get("recurrent_activation", "sigmoid"), v)  # noqa: E731
    w = np.asarray(weights["kernel"], np.float64)
    u = np.asarray(weights["recurrent_kernel"], np.float64)
    units = config["units"]
    bias = np.asarray(weights["bias"], np.float64) if config["use_bias"] else None
    x = np.asarray(x, np.float64)
    steps = range(x.shape[1] - 1, -1, -1) if config["go_backwards"] else range(x.shape[1])
    h = np.zeros((x.shape[0], units))
    c = np.zeros_like(h)
    if initial:
        h = np.asarray(initial[0], np.float64)
        c = np.asarray(initial[1], np.float64) if kind == "LSTM" else c
    hs = []
    for t in steps:
        xw = x[:, t] @ w
        if kind == "GRU":
            if bias is not None:
                xw = xw + bias[0]
            hu = h @ u + (bias[1] if bias is not None else 0.0)
            z = rec(xw[:, :units] + hu[:, :units])
            r = rec(xw[:, units : 2 * units] + hu[:, units : 2 * units])
            candidate = act(xw[:, 2 * units :] + r * hu[:, 2 * units :])
            h = z * h + (1.0 - z) * candidate
        else:
            pre = xw + h @ u + (bias if bias is not None else 0.0)
            if kind == "SimpleRNN":
                h = act(pre)
            else:
                i, f = rec(pre[:, :units]), rec(pre[:, units : 2 * units])
                candidate, o = act(pre[:, 2 * units : 3 * units]), rec(pre[:, 3 * units :])
                c = f * c + i * candidate
                h = o * act(c)
        hs.append(h)
    out = np.stack(hs, axis=1) if config["return_sequences"] else hs[-1]
    return out, hs, [h, c] if kind == "LSTM" else [h]


def _forward(kind: str):  # type: ignore[no-untyped-def]
    def forward(config: Config, weights: Weights, xs: list[np.ndarray]) -> np.ndarray | list[np.ndarray]:
        out, _, states = run(kind, config, weights, xs[0], xs[1:])
        if config["return_state"]:
            return [a.astype(np.float32) for a in (out, *states)]
        return out.astype(np.float32)

    return forward


# --------------------------------------------------------------------------- Keras


def _read(kind: str):  # type: ignore[no-untyped-def]
    def read(f: KerasFields) -> dict[str, Any]:
        values: dict[str, Any] = {"units": f.require("units"), "activation": f.activation()}
        if kind != "SimpleRNN":
            values["recurrent_activation"] = _activation_or(f, "recurrent_activation", "sigmoid")
        values["use_bias"] = f.take("use_bias", True)
        values["kernel_initializer"] = f.initializer("kernel_initializer", "glorot_uniform")
        values["recurrent_initializer"] = f.initializer("recurrent_initializer", "orthogonal")
        values["bias_initializer"] = f.initializer("bias_initializer", "zeros")
        if kind == "LSTM":
            values["unit_forget_bias"] = f.take("unit_forget_bias", True)
        values["return_sequences"] = f.take("return_sequences", False)
        values["return_state"] = f.take("return_state", False)
        values["go_backwards"] = f.take("go_backwards", False)
        values["unroll"] = f.take("unroll", False)
        f.expect("stateful", (False,), Message("Layerwire starts each batch from a zero state"))
        f.expect("dropout", (0.0, 0), Message("Layerwire has no dropout inside a recurrent cell; use a Dropout layer"))
        f.expect("recurrent_dropout", (0.0, 0), Message("Layerwire has no dropout inside a recurrent cell"))
        f.expect("zero_output_for_mask", (False, True), Message("a masking setting"))
        f.expect("time_major", (False,), Message("Layerwire reads (batch, steps, features)"))
        if kind == "GRU":
            f.expect("reset_after", (True,), Message("Layerwire has the GRU of Keras 3's default, reset_after=True"))
        f.expect("use_cudnn", ("auto", True, False), Message("how Keras runs on a GPU"))
        f.take("seed")  # the dropout seed; no dropout here
        f.take("implementation")  # Keras 2's choice of kernel, the same numbers
        f.no_extras("kernel", "recurrent", "bias")
        return values

    return read


def _activation_or(f: KerasFields, key: str, default: str) -> str:
    """The activation at ``key``, or ``default`` where the config has none (``f.activation`` reads a missing one as
    linear)."""
    return f.activation(key) if key in f.rest else default


def vars_groups(kind: str, name: str) -> tuple[VarsGroup, ...]:
    """Where a ``.keras`` file keeps the layer's weights: its own ``vars`` empty, every weight in its cell's."""
    return VarsGroup("vars", name, 0), VarsGroup("cell/vars", CELLS[kind])


def _write(kind: str):  # type: ignore[no-untyped-def]
    def write(name: str, c: Config) -> dict[str, Any]:
        out: dict[str, Any] = {
            **base_config(name),
            "return_sequences": c["return_sequences"],
            "return_state": c["return_state"],
            "go_backwards": c["go_backwards"],
            "stateful": False,
            "unroll": c["unroll"],
            "zero_output_for_mask": False,
            "units": c["units"],
            "activation": c["activation"],
        }
        if kind != "SimpleRNN":
            out["recurrent_activation"] = c["recurrent_activation"]
        out["use_bias"] = c["use_bias"]
        out["kernel_initializer"] = initializer_config(c["kernel_initializer"])
        out["recurrent_initializer"] = initializer_config(c["recurrent_initializer"])
        out["bias_initializer"] = initializer_config(c["bias_initializer"])
        if kind == "LSTM":
            out["unit_forget_bias"] = c["unit_forget_bias"]
        out.update(nulls("kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
                         "kernel_constraint", "recurrent_constraint", "bias_constraint"))  # fmt: skip
        out["dropout"] = 0.0
        out["recurrent_dropout"] = 0.0
        if kind == "GRU":
            out["reset_after"] = True
        if kind != "SimpleRNN":
            out["seed"] = None
        return out

    return write


# --------------------------------------------------------------------------- ONNX: opset 17's RNN, LSTM and GRU

#: Keras activations as ONNX recurrent ops name them (with alpha, beta where they need them).
_ONNX_ACTIVATIONS: dict[str, tuple[str, tuple[float, ...]]] = {
    "tanh": ("Tanh", ()),
    "sigmoid": ("Sigmoid", ()),
    "relu": ("Relu", ()),
    "hard_sigmoid": ("HardSigmoid", (1.0 / 6.0, 0.5)),
    "linear": ("Affine", (1.0, 0.0)),
    "softsign": ("Softsign", ()),
    "softplus": ("Softplus", ()),
    "elu": ("Elu", (1.0,)),
}
#: Keras's gate order to ONNX's: LSTM i f c o → i o f c; GRU z r h → z r h.
_ONNX_ORDER = {"SimpleRNN": (0,), "LSTM": (0, 3, 1, 2), "GRU": (0, 1, 2)}


def _onnx(kind: str):  # type: ignore[no-untyped-def]
    def lower(ctx: Any) -> str | list[str]:
        c, units, gates = ctx.config, ctx.config["units"], GATES[kind]
        names = [c["activation"]] if kind == "SimpleRNN" else [c["recurrent_activation"], c["activation"],
                                                               c["activation"]]  # fmt: skip
        if kind == "GRU":
            names = names[:2]
        if any(n not in _ONNX_ACTIVATIONS for n in names):
            return _onnx_unrolled(kind, ctx)  # an activation ONNX's recurrent operators lack: step by step
        order = _ONNX_ORDER[kind]

        def gates_of(m: np.ndarray) -> np.ndarray:  # (rows, gates*units) in Keras's order → (gates*units, rows) ONNX's
            blocks = [m[:, g * units : (g + 1) * units] for g in order]
            return np.concatenate(blocks, axis=1).T

        w = gates_of(np.asarray(ctx.weights["kernel"], np.float32))[None]
        r = gates_of(np.asarray(ctx.weights["recurrent_kernel"], np.float32))[None]
        if c["use_bias"]:
            bias = np.asarray(ctx.weights["bias"], np.float32)
            rows = bias if kind == "GRU" else np.stack([bias, np.zeros_like(bias)])
            b = np.concatenate([gates_of(rows[:1])[:, 0], gates_of(rows[1:])[:, 0]])[None]
        else:
            b = np.zeros((1, 2 * gates * units), np.float32)
        x = ctx.op("Transpose", [ctx.x], "steps_first", perm=[1, 0, 2])
        inputs = [x, ctx.const("W", w), ctx.const("R", r), ctx.const("B", b)]
        if len(ctx.xs) > 1:  # initial states: (1 direction, batch, units) after an empty sequence_lens
            axis0 = ctx.const("state_axis", np.array([0], np.int64))
            inputs += [""] + [ctx.op("Unsqueeze", [s, axis0], f"initial_{name}")
                              for s, name in zip(ctx.xs[1:], STATES[kind])]  # fmt: skip
        attrs: dict[str, Any] = {
            "hidden_size": units,
            "direction": "reverse" if c["go_backwards"] else "forward",
            "activations": [_ONNX_ACTIVATIONS[n][0] for n in names],
        }
        alphas = [a for n in names for a in _ONNX_ACTIVATIONS[n][1][:1]]
        betas = [p for n in names for p in _ONNX_ACTIVATIONS[n][1][1:2]]
        if alphas:
            attrs["activation_alpha"] = alphas
        if betas:
            attrs["activation_beta"] = betas
        if kind == "GRU":
            attrs["linear_before_reset"] = 1  # Keras's reset_after
        op = {"SimpleRNN": "RNN", "LSTM": "LSTM", "GRU": "GRU"}[kind]
        y = ctx.b.node_outputs(op, inputs, 1 + len(STATES[kind]), ctx.layer.name, **attrs)
        # Y (steps, 1, batch, units), then Y_h (and Y_c) (1, batch, units)
        axis0 = ctx.const("axis0", np.array([0], np.int64))
        states = [ctx.op("Squeeze", [s, axis0], name) for s, name in zip(y[1:], STATES[kind])]
        if not c["return_sequences"]:
            return [states[0], *states] if c["return_state"] else states[0]
        seq = ctx.op("Squeeze", [y[0], ctx.const("axis1", np.array([1], np.int64))], "sequence")
        if c["go_backwards"]:  # ONNX gives the reverse pass's outputs in time order; Keras in the order read
            seq = ctx.op("Slice", [seq, ctx.const("start", np.array([-1], np.int64)),
                                   ctx.const("end", np.array([np.iinfo(np.int64).min], np.int64)),
                                   ctx.const("axes", np.array([0], np.int64)),
                                   ctx.const("step", np.array([-1], np.int64))], "read_order")  # fmt: skip
        out = ctx.op("Transpose", [seq], "batch_first", perm=[1, 0, 2])
        return [out, *states] if c["return_state"] else out

    return lower


def _onnx_unrolled(kind: str, ctx: Any) -> str | list[str]:
    """The layer as ONNX operators step by step (every Keras activation has its operators): the sequence's length
    is fixed in the graph."""
    from graph_core.errors import ExportError

    c, units = ctx.config, ctx.config["units"]
    steps = ctx.in_shape[1]
    rec_name = c.get("recurrent_activation", "sigmoid")
    if steps is None:
        raise ExportError(
            Message("{layer}: ONNX's {type} lacks its activations ({names}), and a sequence of any length cannot be "
                    "unrolled step by step; use {known}, or give the Input a fixed length", layer=ctx.layer.name,
                    type=kind, names=", ".join(dict.fromkeys([c["activation"], rec_name])),
                    known=", ".join(_ONNX_ACTIVATIONS))
        )  # fmt: skip
    rec_name = c.get("recurrent_activation", "sigmoid")
    w, u = ctx.weight("kernel"), ctx.weight("recurrent_kernel")
    bias = np.asarray(ctx.weights["bias"], np.float32) if c["use_bias"] else None
    b_in = ctx.const("b_in", bias[0] if kind == "GRU" else bias) if bias is not None else None
    b_rec = ctx.const("b_rec", bias[1]) if bias is not None and kind == "GRU" else None

    def part(x: str, g: int, tag: str) -> str:
        return ctx.op("Slice", [x, ctx.const(f"{tag}_s", np.array([g * units], np.int64)),
                                ctx.const(f"{tag}_e", np.array([(g + 1) * units], np.int64)),
                                ctx.const(f"{tag}_a", np.array([1], np.int64))], tag)  # fmt: skip

    if len(ctx.xs) > 1:  # the initial states wired in
        h, cell = ctx.xs[1], ctx.xs[-1]
    else:
        first = ctx.op("Gather", [ctx.x, ctx.const("t0", np.array(0, np.int64))], "x0", axis=1)
        h = ctx.op("MatMul", [first, ctx.const("zeros", np.zeros((ctx.in_shape[-1], units), np.float32))], "h0")
        cell = h
    outs = []
    order = range(steps - 1, -1, -1) if c["go_backwards"] else range(steps)
    for s, t in enumerate(order):
        x_t = ctx.op("Gather", [ctx.x, ctx.const(f"t{s}", np.array(t, np.int64))], f"x{s}", axis=1)
        xw = ctx.op("MatMul", [x_t, w], f"xw{s}")
        if b_in is not None:
            xw = ctx.op("Add", [xw, b_in], f"xb{s}")
        hu = ctx.op("MatMul", [h, u], f"hu{s}")
        if kind == "GRU":
            if b_rec is not None:
                hu = ctx.op("Add", [hu, b_rec], f"hb{s}")
            z = ctx.activation(rec_name, ctx.op("Add", [part(xw, 0, f"xz{s}"), part(hu, 0, f"hz{s}")], f"pz{s}"))
            r = ctx.activation(rec_name, ctx.op("Add", [part(xw, 1, f"xr{s}"), part(hu, 1, f"hr{s}")], f"pr{s}"))
            scaled = ctx.op("Mul", [r, part(hu, 2, f"hh{s}")], f"rh{s}")
            cand = ctx.activation(c["activation"], ctx.op("Add", [part(xw, 2, f"xh{s}"), scaled], f"ph{s}"))
            h = ctx.op("Add", [ctx.op("Mul", [z, ctx.op("Sub", [h, cand], f"d{s}")], f"zd{s}"), cand], f"h{s + 1}")
        else:
            pre = ctx.op("Add", [xw, hu], f"pre{s}")
            if kind == "SimpleRNN":
                h = ctx.activation(c["activation"], pre)
            else:
                i = ctx.activation(rec_name, part(pre, 0, f"pi{s}"))
                f = ctx.activation(rec_name, part(pre, 1, f"pf{s}"))
                g = ctx.activation(c["activation"], part(pre, 2, f"pc{s}"))
                o = ctx.activation(rec_name, part(pre, 3, f"po{s}"))
                cell = ctx.op("Add", [ctx.op("Mul", [f, cell], f"fc{s}"), ctx.op("Mul", [i, g], f"ig{s}")], f"c{s + 1}")
                h = ctx.op("Mul", [o, ctx.activation(c["activation"], cell)], f"h{s + 1}")
        outs.append(h)
    states = [h, cell] if kind == "LSTM" else [h]
    if not c["return_sequences"]:
        out = ctx.op("Identity", [outs[-1]], "last")
    else:
        axis = ctx.const("axis1", np.array([1], np.int64))
        out = ctx.op("Concat", [ctx.op("Unsqueeze", [o, axis], f"step{s}") for s, o in enumerate(outs)], "sequence",
                     axis=1)  # fmt: skip
    return [out, *states] if c["return_state"] else out


# --------------------------------------------------------------------------- PyTorch


_TORCH_HELPER = '''
class KerasRecurrent(nn.Module):
    """Keras's SimpleRNN, LSTM or GRU (reset_after) with its own weights layout, step by step; its states start at
    zero or at those given after the sequence (h, and the LSTM's c), and with return_state it gives the final ones
    after its output."""

    def __init__(self, kind, features, units, activation, recurrent_activation, use_bias, return_sequences,
                 go_backwards, return_state=False):
        super().__init__()
        gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[kind]
        self.kind, self.units, self.act, self.rec = kind, units, activation, recurrent_activation
        self.return_sequences, self.go_backwards, self.return_state = return_sequences, go_backwards, return_state
        self.kernel = nn.Parameter(torch.zeros(features, gates * units))
        self.recurrent_kernel = nn.Parameter(torch.zeros(units, gates * units))
        shape = (2, gates * units) if kind == "GRU" else (gates * units,)
        self.bias = nn.Parameter(torch.zeros(shape)) if use_bias else None

    def forward(self, x, *initial):
        n, u = x.shape[0], self.units
        h = initial[0] if initial else x.new_zeros(n, u)
        c = initial[1] if self.kind == "LSTM" and initial else x.new_zeros(n, u)
        steps = range(x.shape[1] - 1, -1, -1) if self.go_backwards else range(x.shape[1])
        out = []
        for t in steps:
            xw = x[:, t] @ self.kernel
            if self.kind == "GRU":
                if self.bias is not None:
                    xw = xw + self.bias[0]
                hu = h @ self.recurrent_kernel + (self.bias[1] if self.bias is not None else 0.0)
                z = self.rec(xw[:, :u] + hu[:, :u])
                r = self.rec(xw[:, u:2 * u] + hu[:, u:2 * u])
                h = z * h + (1 - z) * self.act(xw[:, 2 * u:] + r * hu[:, 2 * u:])
            else:
                pre = xw + h @ self.recurrent_kernel + (self.bias if self.bias is not None else 0.0)
                if self.kind == "SimpleRNN":
                    h = self.act(pre)
                else:
                    i, f = self.rec(pre[:, :u]), self.rec(pre[:, u:2 * u])
                    c = f * c + i * self.act(pre[:, 2 * u:3 * u])
                    h = self.rec(pre[:, 3 * u:]) * self.act(c)
            out.append(h)
        y = torch.stack(out, 1) if self.return_sequences else out[-1]
        if not self.return_state:
            return y
        return (y, h, c) if self.kind == "LSTM" else (y, h)
'''


def _torch(kind: str) -> TorchForm:
    def module(ctx: Any) -> str:
        c = ctx.config
        act = _torch_fn(ctx, c["activation"])
        rec = _torch_fn(ctx, c.get("recurrent_activation", "sigmoid"))
        states = ", return_state=True" if c["return_state"] else ""
        return (f'KerasRecurrent("{kind}", {ctx.in_shape[-1]}, {c["units"]}, {act}, {rec}, {c["use_bias"]}, '
                f'{c["return_sequences"]}, {c["go_backwards"]}{states})')  # fmt: skip

    return TorchForm(
        module=module,
        expr=lambda ctx: f"self.{ctx.attr}({', '.join(ctx.xs)})",
        state={
            "kernel": ("kernel", None, None),
            "recurrent_kernel": ("recurrent_kernel", None, None),
            "bias": ("bias", None, None),
        },  # fmt: skip
        helpers=(_TORCH_HELPER,),
    )


def _torch_fn(ctx: Any, name: str) -> str:
    """A one-argument function applying the activation ``name`` (the script's own expression for it)."""
    return f"lambda v: {ctx.activation(name, 'v')}"


def _caption(c: Config) -> str:
    return f"{c['units']}" + (" · sequences" if c["return_sequences"] else "") + (" · states" if c["return_state"]
                                                                                 else "")  # fmt: skip


def _build_record(shapes: list[Any]) -> dict[str, Any]:
    """Keras's ``build_config`` of a call: with initial states, the shapes by ``build``'s argument names."""
    if len(shapes) == 1:
        return {"input_shape": shapes[0]}
    return {"shapes_dict": {"sequences_shape": shapes[0], "initial_state_shape": shapes[1:]}}


def _make(kind: str, glyph: str, formula: str) -> LayerType:
    return register(
        LayerType(
            name=kind,
            category="Recurrent",
            base_name={"SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru"}[kind],
            fields=_fields(kind),
            min_inputs=1,
            max_inputs=1 + len(STATES[kind]),  # the sequence, then the initial states
            shape_rule=_shape(kind),
            weight_rule=_weights(kind),
            forward=_forward(kind),
            keras=KerasForm(
                read=_read(kind),
                write=_write(kind),
                positional=("units",),
                vars_groups=lambda name, c: vars_groups(kind, name),
                later_inputs="initial_state",
                build_record=_build_record,
            ),
            onnx=_onnx(kind),
            torch=_torch(kind),
            look=Look(COLOUR, glyph),
            check=_check(kind),
            caption_rule=_caption,
            count_rule=lambda c: output_count(kind, c),
            port_names=lambda c: (("x", *(f"{s}₀" for s in STATES[kind])), ("y", *STATES[kind])),
            formula=formula,
            open_sizes=True,
        )
    )


SIMPLE_RNN = _make("SimpleRNN", "R", "h = act(x·W + h·U + b)")
LSTM = _make("LSTM", "L", "c = f∘c + i∘act(…), h = o∘act(c)")
GRU = _make("GRU", "G", "h = z∘h + (1 − z)∘act(x·W + r∘(h·U))")
