"""The core layers: InputLayer, Dense and Activation."""

from __future__ import annotations

from typing import Any

import numpy as np

from graph_core import activations
from graph_core.errors import FileFormatError
from graph_core.layers.base import (
    MAX_DIM,
    MAX_RANK,
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    ShapeError,
    TorchForm,
    Weights,
    WeightSpec,
    format_shape,
    identity,
    rank_too_low,
    register,
)
from graph_core.layers.keras_io import (
    KerasFields,
    base_config,
    dtype_ok,
    fail,
    initializer_config,
    is_int,
    nulls,
)
from graph_core.messages import Message

# --------------------------------------------------------------------------- InputLayer


def _input_shape(config: Config, inputs: list[Shape]) -> Shape:
    return (None, *config["shape"])


def input_config_from_batch_shape(shape: Any, where: str) -> Config:
    """Our config for a Keras batch shape ``[null, size, ...]``."""
    if not isinstance(shape, list) or len(shape) < 2 or not (shape[0] is None or is_int(shape[0])):
        raise fail(where, Message("a batch shape [null, size, ...] of rank 2 or more"), shape)
    dims = shape[1:]
    if not all(d is None or (is_int(d) and 0 < d < MAX_DIM) for d in dims) or len(dims) > MAX_RANK:
        raise fail(where, Message("positive sizes, or null, after the batch axis"), shape)
    return {"shape": tuple(dims)}


def _input_read(f: KerasFields) -> dict[str, Any]:
    shape = f.take("batch_shape", f.take("batch_input_shape"))
    f.take("shape")  # some versions write both; batch_shape decides
    if shape is None:
        raise FileFormatError(Message("layer {name!r} (InputLayer): the config lacks its batch_shape", name=f.name))
    out = input_config_from_batch_shape(shape, f.where("batch_shape"))
    dtype = f.take("dtype")
    if dtype in INPUT_DTYPES[1:]:
        out["dtype"] = dtype
    elif not dtype_ok(dtype):
        raise fail(f.where("dtype"), Message('"float32", "int32" or "int64" (token ids)'), dtype)
    for key in ("sparse", "ragged", "optional"):
        f.expect(key, (False, None), Message("Layerwire has dense inputs only"))
    return out


def _input_write(name: str, c: Config) -> dict[str, Any]:
    return {"batch_shape": [None, *c["shape"]], "dtype": c["dtype"], "sparse": False, "ragged": False, "name": name,
            "optional": False}  # fmt: skip


#: What an Input takes: numbers, or token ids (an Embedding's input; kept as int32 inside).
INPUT_DTYPES = ("float32", "int32", "int64")


def _input_caption(c: Config) -> str:
    shape = format_shape(tuple(c["shape"]))
    return shape if c["dtype"] == "float32" else f"{shape} · {c['dtype']}"


def _never(ctx: Any) -> str:  # pragma: no cover - inputs are the graph's inputs, never called
    raise AssertionError("an InputLayer is not called")


INPUT = register(
    LayerType(
        name="InputLayer",
        category="Inputs",
        base_name="input_layer",
        fields=(
            Field("shape", "shape", (784,), help="shape of one sample, batch size left out"),
            Field("dtype", "choice", "float32", choices=INPUT_DTYPES, help="numbers, or whole token ids"),
        ),
        min_inputs=0,
        max_inputs=0,
        shape_rule=_input_shape,
        forward=lambda c, w, xs: xs[0],
        keras=KerasForm(read=_input_read, write=_input_write, build_config=False),
        onnx=_never,
        torch=TorchForm(expr=_never),
        look=Look("#8EC5FF", "In"),
        caption_rule=_input_caption,
        formula="y = x",
        open_sizes=True,
        shareable=False,
    )
)

# --------------------------------------------------------------------------- Dense


def _dense_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    if len(shape) < 2:
        raise ShapeError(rank_too_low("Dense", shape))
    if shape[-1] is None:
        raise ShapeError(
            Message("Dense needs the size of its input's last axis; got {shape}", shape=format_shape(shape))
        )
    return (*shape[:-1], config["units"])


def _dense_weights(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    fan_in = inputs[0][-1]
    assert fan_in is not None
    specs = [WeightSpec("kernel", (fan_in, config["units"]), True, config["kernel_initializer"])]
    if config["use_bias"]:
        specs.append(WeightSpec("bias", (config["units"],), True, config["bias_initializer"]))
    return tuple(specs)


def _dense_forward(c: Config, w: Weights, xs: list[np.ndarray]) -> np.ndarray:
    y = np.tensordot(xs[0], w["kernel"], axes=([-1], [0]))
    if c["use_bias"]:
        y = y + w["bias"]
    return activations.apply(c["activation"], y.astype(np.float32))


def _dense_read(f: KerasFields) -> dict[str, Any]:
    values = {
        "units": f.require("units"),
        "activation": f.activation(),
        "use_bias": f.take("use_bias", True),
        "kernel_initializer": f.initializer("kernel_initializer", "glorot_uniform"),
        "bias_initializer": f.initializer("bias_initializer", "zeros"),
    }
    f.no_extras("kernel", "bias")
    f.expect("quantization_config", (None,), Message("Layerwire does not quantize"))
    f.expect("lora_rank", (None,), Message("Layerwire has no LoRA"))
    f.take("lora_alpha")
    return values


def _dense_write(name: str, c: Config) -> dict[str, Any]:
    return {
        **base_config(name),
        "units": c["units"],
        "activation": c["activation"],
        "use_bias": c["use_bias"],
        "kernel_initializer": initializer_config(c["kernel_initializer"]),
        "bias_initializer": initializer_config(c["bias_initializer"]),
        **nulls("kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint",
                "quantization_config"),  # fmt: skip
    }


def _dense_onnx(ctx: Any) -> str:
    y = ctx.op("MatMul", [ctx.x, ctx.weight("kernel")], "matmul")
    if ctx.config["use_bias"]:
        y = ctx.op("Add", [y, ctx.weight("bias")], "bias")
    return ctx.activation(ctx.config["activation"], y)


def _dense_module(ctx: Any) -> str:
    fan_in, units = ctx.weight_shape("kernel")
    return f"nn.Linear({fan_in}, {units}, bias={ctx.config['use_bias']})"


DENSE = register(
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
        forward=_dense_forward,
        keras=KerasForm(
            read=_dense_read, write=_dense_write, positional=("units",), code_defaults={"activation": "linear"}
        ),
        onnx=_dense_onnx,
        torch=TorchForm(
            module=_dense_module,
            expr=lambda ctx: ctx.activation(ctx.config["activation"], f"self.{ctx.attr}({ctx.x})"),
            state={"kernel": ("weight", (1, 0), None), "bias": ("bias", None, None)},
        ),
        look=Look("#FFD600", "D"),
        caption_rule=lambda c: f"{c['units']} · {c['activation']}",
        formula="y = activation(x · kernel + bias)",
        open_sizes=True,
    )
)

# --------------------------------------------------------------------------- Activation


def _activation_write(name: str, c: Config) -> dict[str, Any]:
    return {**base_config(name), "activation": c["activation"]}


ACTIVATION = register(
    LayerType(
        name="Activation",
        category="Core",
        base_name="activation",
        fields=(Field("activation", "activation", "relu"),),
        min_inputs=1,
        max_inputs=1,
        shape_rule=identity,
        forward=lambda c, w, xs: activations.apply(c["activation"], xs[0]),
        keras=KerasForm(
            read=lambda f: {"activation": f.activation(required=True)},
            write=_activation_write,
            build_config=False,
            positional=("activation",),
        ),
        onnx=lambda ctx: ctx.activation(ctx.config["activation"], ctx.x),
        torch=TorchForm(expr=lambda ctx: ctx.activation(ctx.config["activation"], ctx.x), layout="any"),
        look=Look("#FFB74D", "σ"),
        caption_rule=lambda c: c["activation"],
        formula="y = activation(x)",
        open_sizes=True,
    )
)
