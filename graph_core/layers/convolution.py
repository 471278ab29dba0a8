"""Convolution layers: Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D and SeparableConv2D.

Inputs are ``(batch, steps, channels)`` or ``(batch, rows, columns, channels)``, and
kernels are stored as Keras stores them: Conv ``(*kernel_size, in, filters)``,
Conv2DTranspose ``(*kernel_size, filters, in)``, DepthwiseConv2D ``(*kernel_size, in,
depth_multiplier)`` (output channel ``c * depth_multiplier + m``), SeparableConv2D a
depthwise kernel and a ``(1, 1, in * depth_multiplier, filters)`` pointwise kernel.

The geometry of one spatial axis (:class:`Axis`) is what the shape rule, the reference,
the exports and the kernels all read, so they agree on it: ``padding="same"`` pads
``total // 2`` before and the rest after, as TensorFlow and JAX do; ``"causal"`` pads
only before. A transposed convolution is computed as the full scatter of every input
value through the kernel, ``(size - 1) * strides + span`` long, cut to Keras's length:
``before`` values off the front, ``after`` off the end (negative: zeros added).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph_core import activations
from graph_core.errors import ConfigError, ExportError
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
    Weights,
    WeightSpec,
    axis_noun,
    check_spatial_rank,
    format_shape,
    register,
    tuple_caption,
)
from graph_core.layers.keras_io import KerasFields, base_config, initializer_config, listed, nulls
from graph_core.messages import Message

_COLOUR = "#FF8A65"


# =========================================================================== geometry


@dataclass(frozen=True)
class Axis:
    """One spatial axis of a convolution: sizes, window and the padding (or cropping) on each side."""

    size: int | None  # input length (None: left open)
    out: int | None  # output length
    kernel: int
    stride: int
    dilation: int
    before: int | None  # convolution: zeros before the input; transposed: values cut off the front (None: open)
    after: int | None  # convolution: zeros after; transposed: values cut off the end (negative: zeros added)

    @property
    def span(self) -> int:
        """How far one window reaches: ``dilation * (kernel - 1) + 1``."""
        return self.dilation * (self.kernel - 1) + 1


def conv_axis(size: int | None, kernel: int, stride: int, dilation: int, padding: str) -> Axis:
    """The geometry of a convolution (or pooling window) along one axis, as Keras computes it. For a length left
    open (``size`` None) the output's is open too, and so is a strided "same" window's padding, which depends on
    the length (``before``/``after`` None)."""
    span = dilation * (kernel - 1) + 1
    if size is None:
        if padding == "same" and stride > 1:
            return Axis(None, None, kernel, stride, dilation, None, None)  # type: ignore[arg-type]
        before = {"valid": 0, "causal": span - 1}.get(padding, (span - 1) // 2)
        after = (span - 1) - before if padding == "same" else 0
        return Axis(None, None, kernel, stride, dilation, before, after)  # type: ignore[arg-type]
    if padding == "valid":
        return Axis(size, (size - span) // stride + 1, kernel, stride, dilation, 0, 0)
    out = (size - 1) // stride + 1
    if padding == "causal":
        return Axis(size, out, kernel, stride, dilation, span - 1, 0)
    total = max((out - 1) * stride + span - size, 0)
    return Axis(size, out, kernel, stride, dilation, total // 2, total - total // 2)


def transpose_axis(
    size: int, kernel: int, stride: int, dilation: int, padding: str, output_padding: int | None
) -> Axis:
    """The geometry of a transposed convolution along one axis (Keras's ``deconv_output_length``)."""
    span = dilation * (kernel - 1) + 1
    if padding == "valid":
        extra = max(span, stride) - span if output_padding is None else output_padding
        left, right = span - 1, span - 1 + extra
    else:
        total = stride + span - 2 if output_padding is None else span + span % 2 - 2 + output_padding
        left = min(total // 2 + total % 2, span - 1)
        right = total - left
    full = (size - 1) * stride + span
    before, after = span - 1 - left, span - 1 - right
    return Axis(size, full - before - after, kernel, stride, dilation, before, after)


def geometry(type_name: str, config: Config, shape: Shape) -> tuple[Axis, ...]:
    """Every spatial axis of a convolution-family layer on an input of ``shape`` (known sizes)."""
    spatial = shape[1:-1]
    kernel = config.get("kernel_size") or config["pool_size"]
    strides = config.get("strides") or kernel
    dilation = config.get("dilation_rate") or (1,) * len(spatial)
    if type_name == "Conv2DTranspose":
        padding = config["output_padding"] or (None,) * len(spatial)
        return tuple(
            transpose_axis(n, k, s, d, config["padding"], p)  # type: ignore[arg-type]
            for n, k, s, d, p in zip(spatial, kernel, strides, dilation, padding)
        )
    return tuple(
        conv_axis(n, k, s, d, config["padding"])  # type: ignore[arg-type]
        for n, k, s, d in zip(spatial, kernel, strides, dilation)
    )


def check_windows(type_name: str, config: Config, shape: Shape, what: str = "kernel") -> tuple[Axis, ...]:
    """The geometry, or ``ShapeError`` quoting the numbers when a window does not fit the input."""
    axes = geometry(type_name, config, shape)
    for i, axis in enumerate(axes):
        if axis.size is None or axis.out >= 1:  # a length left open: the data's must fit, checked when it runs
            continue
        rank = len(axes)
        if axis.dilation > 1:
            message = Message(
                "{type} with {what} {kernel} and dilation {dilation} needs at least {need} {axis}; got {shape}",
                type=type_name, what=what, kernel=axis.kernel, dilation=axis.dilation, need=axis.span,
                axis=axis_noun(rank, i), shape=format_shape(shape),
            )  # fmt: skip
        else:
            message = Message(
                "{type} with {what} {kernel} needs at least {need} {axis}; got {shape}", type=type_name, what=what,
                kernel=axis.kernel, need=axis.span, axis=axis_noun(rank, i), shape=format_shape(shape),
            )  # fmt: skip
        raise ShapeError(message)
    return axes


# =========================================================================== the reference


def padded(x: np.ndarray, axes: tuple[Axis, ...], value: float = 0.0) -> np.ndarray:
    """``x`` with each spatial axis padded ``before``/``after`` with ``value``."""
    return np.pad(x, ((0, 0), *((a.before, a.after) for a in axes), (0, 0)), constant_values=value)


def windows(xp: np.ndarray, axes: tuple[Axis, ...]) -> list[tuple[tuple[int, ...], np.ndarray]]:
    """For each kernel position, the values of the padded input it meets at every output position."""
    out = []
    for ks in itertools.product(*(range(a.kernel) for a in axes)):
        index: list[slice] = [slice(None)]
        for k, a in zip(ks, axes):
            start = k * a.dilation
            index.append(slice(start, start + (a.out - 1) * a.stride + 1, a.stride))
        index.append(slice(None))
        out.append((ks, xp[tuple(index)]))
    return out


def conv_reference(x: np.ndarray, kernel: np.ndarray, axes: tuple[Axis, ...]) -> np.ndarray:
    """Cross-correlation of ``x (N, *spatial, C)`` with ``kernel (*k, C, F)`` (no bias)."""
    y = np.zeros((x.shape[0], *(a.out for a in axes), kernel.shape[-1]), np.float32)
    for ks, patch in windows(padded(x, axes), axes):
        y += patch @ kernel[ks]
    return y


def transpose_reference(x: np.ndarray, kernel: np.ndarray, axes: tuple[Axis, ...]) -> np.ndarray:
    """Transposed convolution of ``x (N, *spatial, C)`` with ``kernel (*k, F, C)`` (no bias)."""
    full_shape = [(a.size - 1) * a.stride + a.span for a in axes]
    full = np.zeros((x.shape[0], *full_shape, kernel.shape[-2]), np.float32)
    for ks in itertools.product(*(range(a.kernel) for a in axes)):
        index: list[slice] = [slice(None)]
        for k, a in zip(ks, axes):
            index.append(slice(k * a.dilation, k * a.dilation + (a.size - 1) * a.stride + 1, a.stride))
        index.append(slice(None))
        full[tuple(index)] += x @ kernel[ks].T
    cut: list[slice] = [slice(None)]
    grow = [(0, 0)]
    for a, length in zip(axes, full_shape):
        cut.append(slice(a.before, length - max(a.after, 0)))
        grow.append((0, max(-a.after, 0)))
    grow.append((0, 0))
    cut.append(slice(None))
    return np.pad(full[tuple(cut)], grow)


def depthwise_reference(x: np.ndarray, kernel: np.ndarray, axes: tuple[Axis, ...]) -> np.ndarray:
    """Each channel of ``x`` with its own ``kernel (*k, C, M)``; output channel ``c * M + m``."""
    channels, multiplier = kernel.shape[-2:]
    y = np.zeros((x.shape[0], *(a.out for a in axes), channels, multiplier), np.float32)
    for ks, patch in windows(padded(x, axes), axes):
        y += patch[..., None] * kernel[ks]
    return y.reshape(*y.shape[:-2], channels * multiplier)


def _finish(c: Config, w: Weights, y: np.ndarray) -> np.ndarray:
    if c["use_bias"]:
        y = y + w["bias"]
    return activations.apply(c["activation"], y.astype(np.float32))


# =========================================================================== hooks shared by the family


def _check(type_name: str) -> Callable[[Config], None]:
    def check(c: Config) -> None:
        strides, dilation = c.get("strides") or (1,), c.get("dilation_rate") or (1,)
        if type_name != "Conv2DTranspose" and max(strides) > 1 and max(dilation) > 1:
            raise ConfigError(
                Message("{type} cannot have strides and dilation_rate both above 1. Received: strides={strides}, "
                        "dilation_rate={dilation}", type=type_name, strides=strides, dilation=dilation)
            )  # fmt: skip
        padding = c.get("output_padding")
        if padding is not None and any(p >= s for p, s in zip(padding, strides)):
            raise ConfigError(
                Message("{type} output_padding must be smaller than strides on every axis. Received: "
                        "output_padding={padding}, strides={strides}", type=type_name, padding=padding,
                        strides=strides)
            )  # fmt: skip

    return check


def _read_window(f: KerasFields, values: dict[str, Any]) -> None:
    """kernel_size, strides, padding, dilation_rate; refusing channels_first and grouped convolutions."""
    f.channels_last()
    values["kernel_size"] = listed(f.require("kernel_size"))
    values["strides"] = listed(f.take("strides", 1))
    padding = f.take("padding", "valid")
    values["padding"] = padding.lower() if isinstance(padding, str) else padding
    values["dilation_rate"] = listed(f.take("dilation_rate", 1))
    f.expect("groups", (1,), Message("Layerwire convolves every input channel with every filter"))
    f.expect("lora_rank", (None,), Message("Layerwire has no LoRA"))
    f.take("lora_alpha")


def _window_config(c: Config) -> dict[str, Any]:
    return {"kernel_size": list(c["kernel_size"]), "strides": list(c["strides"]), "padding": c["padding"]}


def onnx_nchw(ctx: Any, x: str, rank: int) -> str:
    """An ONNX Transpose to channels first (what ONNX's Conv reads)."""
    return ctx.op("Transpose", [x], "nchw", perm=[0, rank + 1, *range(1, rank + 1)])


def onnx_nhwc(ctx: Any, x: str, rank: int, suffix: str = "nhwc") -> str:
    return ctx.op("Transpose", [x], suffix, perm=[0, *range(2, rank + 2), 1])


def onnx_padding(axes: tuple[Axis, ...]) -> dict[str, Any]:
    """ONNX's ``pads``; where they depend on a length left open (a strided "same" window), ``auto_pad`` SAME_UPPER,
    which pads as Keras does (the odd zero after)."""
    if any(a.before is None for a in axes):
        return {"auto_pad": "SAME_UPPER"}
    return {"pads": [a.before for a in axes] + [a.after for a in axes]}


def _onnx_window(axes: tuple[Axis, ...]) -> dict[str, Any]:
    return {"strides": [a.stride for a in axes], "dilations": [a.dilation for a in axes], **onnx_padding(axes)}


def torch_known_padding(type_name: str, axes: tuple[Axis, ...]) -> None:
    """``ExportError`` where a window's padding depends on a length left open (PyTorch's modules fix it)."""
    if any(a.before is None for a in axes):
        raise ExportError(
            Message("{type} pads a sequence of any length by its length (strides over 1 with padding 'same'); "
                    "PyTorch's layer takes a fixed padding: give the Input a length to export to PyTorch",
                    type=type_name)
        )  # fmt: skip


def _torch_padding(axes: tuple[Axis, ...], x: str, value: str = "") -> tuple[str, str]:
    """The module's symmetric ``padding`` argument, and ``x`` padded beforehand when the padding is not symmetric."""
    if all(a.before == a.after for a in axes):
        return f"({', '.join(str(a.before) for a in axes)},)", x
    flat = [v for a in reversed(axes) for v in (a.before, a.after)]
    extra = f", value={value}" if value else ""
    return "0", f"F.pad({x}, ({', '.join(map(str, flat))}){extra})"


_KERNEL_TO_TORCH = {1: (2, 1, 0), 2: (3, 2, 0, 1)}


# =========================================================================== Conv1D, Conv2D


def _window_fields(rank: int, causal: bool) -> tuple[Field, ...]:
    return (
        Field("kernel_size", "ints", (3,) * rank, minimum=1, maximum=1 << 16, length=rank,
              help="the window's size on each spatial axis"),
        Field("strides", "ints", (1,) * rank, minimum=1, maximum=1 << 16, length=rank,
              help="how far the window moves at each step"),
        Field("padding", "choice", "valid", choices=("valid", "same", "causal") if causal else ("valid", "same"),
              help="valid: windows inside the input; same: zeros around it so the output keeps its size"),
        Field("dilation_rate", "ints", (1,) * rank, minimum=1, maximum=1 << 16, length=rank,
              help="gaps between the kernel's taps"),
    )  # fmt: skip


def _dense_like_fields(initializer: str = "kernel_initializer") -> tuple[Field, ...]:
    return (
        Field("activation", "activation", "linear"),
        Field("use_bias", "bool", True),
        Field(initializer, "initializer", "glorot_uniform"),
        Field("bias_initializer", "initializer", "zeros"),
    )


_FILTERS = Field("filters", "int", 32, minimum=1, maximum=MAX_DIM - 1, help="number of output channels")


def _conv(rank: int) -> LayerType:
    name = f"Conv{rank}D"

    def shape_rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(name, rank, shape)
        axes = check_windows(name, c, shape)
        return (None, *(a.out for a in axes), c["filters"])

    def weights(c: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
        channels = inputs[0][-1]
        assert channels is not None
        specs = [WeightSpec("kernel", (*c["kernel_size"], channels, c["filters"]), True, c["kernel_initializer"])]
        if c["use_bias"]:
            specs.append(WeightSpec("bias", (c["filters"],), True, c["bias_initializer"]))
        return tuple(specs)

    def forward(c: Config, w: Weights, xs: list[np.ndarray]) -> np.ndarray:
        axes = geometry(name, c, xs[0].shape)
        return _finish(c, w, conv_reference(xs[0], w["kernel"], axes))

    def read(f: KerasFields) -> dict[str, Any]:
        values: dict[str, Any] = {"filters": f.require("filters")}
        _read_window(f, values)
        values["activation"] = f.activation()
        values["use_bias"] = f.take("use_bias", True)
        values["kernel_initializer"] = f.initializer("kernel_initializer", "glorot_uniform")
        values["bias_initializer"] = f.initializer("bias_initializer", "zeros")
        f.no_extras("kernel", "bias")
        return values

    def write(n: str, c: Config) -> dict[str, Any]:
        return {
            **base_config(n),
            "filters": c["filters"],
            **_window_config(c),
            "data_format": "channels_last",
            "dilation_rate": list(c["dilation_rate"]),
            "groups": 1,
            "activation": c["activation"],
            "use_bias": c["use_bias"],
            "kernel_initializer": initializer_config(c["kernel_initializer"]),
            "bias_initializer": initializer_config(c["bias_initializer"]),
            **nulls("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                    "bias_constraint"),
        }  # fmt: skip

    def onnx(ctx: Any) -> str:
        axes = geometry(name, ctx.config, ctx.in_shape)
        kernel = np.ascontiguousarray(ctx.weights["kernel"].transpose(_KERNEL_TO_TORCH[rank]))
        inputs = [onnx_nchw(ctx, ctx.x, rank), ctx.weight("kernel", kernel)]
        if ctx.config["use_bias"]:
            inputs.append(ctx.weight("bias"))
        y = ctx.op("Conv", inputs, "conv", **_onnx_window(axes))
        return ctx.activation(ctx.config["activation"], onnx_nhwc(ctx, y, rank))

    def torch_module(ctx: Any) -> str:
        c = ctx.config
        axes = geometry(name, c, ctx.in_shape)
        torch_known_padding(name, axes)
        padding, _ = _torch_padding(axes, "x")
        return (
            f"nn.Conv{rank}d({ctx.in_shape[-1]}, {c['filters']}, {tuple(c['kernel_size'])}, "
            f"stride={tuple(c['strides'])}, padding={padding}, dilation={tuple(c['dilation_rate'])}, "
            f"bias={c['use_bias']})"
        )

    def torch_expr(ctx: Any) -> str:
        _, x = _torch_padding(geometry(name, ctx.config, ctx.in_shape), ctx.x)
        return ctx.activation(ctx.config["activation"], f"self.{ctx.attr}({x})")

    return register(
        LayerType(
            name=name,
            category="Convolution",
            base_name=f"conv{rank}d",
            fields=(_FILTERS, *_window_fields(rank, causal=rank == 1), *_dense_like_fields()),
            min_inputs=1,
            max_inputs=1,
            shape_rule=shape_rule,
            weight_rule=weights,
            check=_check(name),
            forward=forward,
            keras=KerasForm(read=read, write=write, positional=("filters", "kernel_size")),
            onnx=onnx,
            torch=TorchForm(
                module=torch_module,
                expr=torch_expr,
                state={"kernel": ("weight", _KERNEL_TO_TORCH[rank], None), "bias": ("bias", None, None)},
                layout="channels_first",
            ),
            look=Look(_COLOUR, f"C{rank}"),
            caption_rule=lambda c: f"{c['filters']} · {tuple_caption(c['kernel_size'])} · {c['activation']}",
            formula="y[i, f] = activation(Σ x[i·s + k·d, c] · kernel[k, c, f] + bias[f])",
            open_sizes=rank == 1,  # a sequence of any length
        )
    )


CONV_1D = _conv(1)
CONV_2D = _conv(2)

# =========================================================================== Conv2DTranspose


def _transpose_shape(c: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    check_spatial_rank("Conv2DTranspose", 2, shape)
    axes = geometry("Conv2DTranspose", c, shape)
    return (None, *(a.out for a in axes), c["filters"])


def _transpose_weights(c: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    channels = inputs[0][-1]
    assert channels is not None
    specs = [WeightSpec("kernel", (*c["kernel_size"], c["filters"], channels), True, c["kernel_initializer"])]
    if c["use_bias"]:
        specs.append(WeightSpec("bias", (c["filters"],), True, c["bias_initializer"]))
    return tuple(specs)


def _transpose_forward(c: Config, w: Weights, xs: list[np.ndarray]) -> np.ndarray:
    axes = geometry("Conv2DTranspose", c, xs[0].shape)
    return _finish(c, w, transpose_reference(xs[0], w["kernel"], axes))


def _transpose_read(f: KerasFields) -> dict[str, Any]:
    values: dict[str, Any] = {"filters": f.require("filters")}
    _read_window(f, values)
    values["output_padding"] = listed(f.take("output_padding"))
    values["activation"] = f.activation()
    values["use_bias"] = f.take("use_bias", True)
    values["kernel_initializer"] = f.initializer("kernel_initializer", "glorot_uniform")
    values["bias_initializer"] = f.initializer("bias_initializer", "zeros")
    f.no_extras("kernel", "bias")
    return values


def _transpose_write(n: str, c: Config) -> dict[str, Any]:
    padding = c["output_padding"]
    return {
        **base_config(n),
        "filters": c["filters"],
        **_window_config(c),
        "output_padding": None if padding is None else list(padding),
        "data_format": "channels_last",
        "dilation_rate": list(c["dilation_rate"]),
        "activation": c["activation"],
        "use_bias": c["use_bias"],
        "kernel_initializer": initializer_config(c["kernel_initializer"]),
        "bias_initializer": initializer_config(c["bias_initializer"]),
        **nulls("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                "bias_constraint"),
    }  # fmt: skip


def _transpose_onnx(ctx: Any) -> str:
    axes = geometry("Conv2DTranspose", ctx.config, ctx.in_shape)
    kernel = np.ascontiguousarray(ctx.weights["kernel"].transpose(3, 2, 0, 1))  # (in, filters, kh, kw)
    inputs = [onnx_nchw(ctx, ctx.x, 2), ctx.weight("kernel", kernel)]
    if ctx.config["use_bias"]:
        inputs.append(ctx.weight("bias"))
    y = ctx.op(
        "ConvTranspose",
        inputs,
        "conv",
        strides=[a.stride for a in axes],
        dilations=[a.dilation for a in axes],
        pads=[a.before for a in axes] + [max(a.after, 0) for a in axes],
        output_padding=[max(-a.after, 0) for a in axes],
    )
    return ctx.activation(ctx.config["activation"], onnx_nhwc(ctx, y, 2))


def _transpose_module(ctx: Any) -> str:
    c = ctx.config
    return (
        f"nn.ConvTranspose2d({ctx.in_shape[-1]}, {c['filters']}, {tuple(c['kernel_size'])}, "
        f"stride={tuple(c['strides'])}, dilation={tuple(c['dilation_rate'])}, bias={c['use_bias']})"
    )


def _transpose_expr(ctx: Any) -> str:
    """The full transposed convolution, cut (or padded) to Keras's length on each axis.

    Where Keras's output is longer than the full scatter (zeros added at the end), the bias
    is added after the padding, as Keras adds it to every output value.
    """
    c = ctx.config
    axes = geometry("Conv2DTranspose", c, ctx.in_shape)
    grows = any(a.after < 0 for a in axes)
    if grows:
        y = (f"F.conv_transpose2d({ctx.x}, self.{ctx.attr}.weight, stride={tuple(c['strides'])}, "
             f"dilation={tuple(c['dilation_rate'])})")  # fmt: skip
    else:
        y = f"self.{ctx.attr}({ctx.x})"
    if any(a.before or a.after > 0 for a in axes):
        cuts = [f"{a.before}:{(a.size - 1) * a.stride + a.span - max(a.after, 0)}" for a in axes]
        y = f"{y}[:, :, {', '.join(cuts)}]"
    if grows:
        y = f"F.pad({y}, (0, {max(-axes[1].after, 0)}, 0, {max(-axes[0].after, 0)}))"
        if c["use_bias"]:
            y = f"{y} + self.{ctx.attr}.bias.view(1, -1, 1, 1)"
    return ctx.activation(c["activation"], y)


CONV_2D_TRANSPOSE = register(
    LayerType(
        name="Conv2DTranspose",
        category="Convolution",
        base_name="conv2d_transpose",
        fields=(
            _FILTERS,
            *_window_fields(2, causal=False),
            Field("output_padding", "optional_ints", None, minimum=0, maximum=1 << 16, length=2,
                  help="extra rows and columns at the end of the output (none: as the strides give)"),
            *_dense_like_fields(),
        ),  # fmt: skip
        min_inputs=1,
        max_inputs=1,
        shape_rule=_transpose_shape,
        weight_rule=_transpose_weights,
        check=_check("Conv2DTranspose"),
        forward=_transpose_forward,
        keras=KerasForm(read=_transpose_read, write=_transpose_write, positional=("filters", "kernel_size")),
        onnx=_transpose_onnx,
        torch=TorchForm(
            module=_transpose_module,
            expr=_transpose_expr,
            state={"kernel": ("weight", (3, 2, 0, 1), None), "bias": ("bias", None, None)},
            layout="channels_first",
        ),
        look=Look(_COLOUR, "CT"),
        caption_rule=lambda c: f"{c['filters']} · {tuple_caption(c['kernel_size'])} · {c['activation']}",
        formula="y[i·s + k·d, f] += x[i, c] · kernel[k, f, c]",
    )
)

# =========================================================================== DepthwiseConv2D, SeparableConv2D

_MULTIPLIER = Field("depth_multiplier", "int", 1, minimum=1, maximum=1 << 16,
                    help="output channels per input channel")  # fmt: skip


def _depthwise_shape(type_name: str) -> Callable[[Config, list[Shape]], Shape]:
    def rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(type_name, 2, shape)
        axes = check_windows(type_name, c, shape)
        channels = c["filters"] if "filters" in c else shape[-1] * c["depth_multiplier"]  # type: ignore[operator]
        return (None, *(a.out for a in axes), channels)

    return rule


def _depthwise_weights(c: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    channels = inputs[0][-1]
    assert channels is not None
    m = c["depth_multiplier"]
    specs = [WeightSpec("kernel", (*c["kernel_size"], channels, m), True, c["depthwise_initializer"])]
    if c["use_bias"]:
        specs.append(WeightSpec("bias", (channels * m,), True, c["bias_initializer"]))
    return tuple(specs)


def _depthwise_forward(c: Config, w: Weights, xs: list[np.ndarray]) -> np.ndarray:
    axes = geometry("DepthwiseConv2D", c, xs[0].shape)
    return _finish(c, w, depthwise_reference(xs[0], w["kernel"], axes))


def _read_depthwise(f: KerasFields, values: dict[str, Any], pointwise: bool) -> None:
    values["depth_multiplier"] = f.take("depth_multiplier", 1)
    _read_window(f, values)
    values["activation"] = f.activation()
    values["use_bias"] = f.take("use_bias", True)
    values["depthwise_initializer"] = f.initializer("depthwise_initializer", "glorot_uniform")
    if pointwise:
        values["pointwise_initializer"] = f.initializer("pointwise_initializer", "glorot_uniform")
    values["bias_initializer"] = f.initializer("bias_initializer", "zeros")
    f.no_extras("depthwise", *(("pointwise",) if pointwise else ()), "bias")
    if pointwise:  # Keras 2's config also carries its base class's kernel settings, unused by the layer
        f.take("kernel_initializer")
        f.no_extras("kernel")


def _depthwise_read(f: KerasFields) -> dict[str, Any]:
    values: dict[str, Any] = {}
    _read_depthwise(f, values, pointwise=False)
    return values


def _depthwise_write(n: str, c: Config) -> dict[str, Any]:
    return {
        **base_config(n),
        "depth_multiplier": c["depth_multiplier"],
        **_window_config(c),
        "data_format": "channels_last",
        "dilation_rate": list(c["dilation_rate"]),
        "activation": c["activation"],
        "use_bias": c["use_bias"],
        "depthwise_initializer": initializer_config(c["depthwise_initializer"]),
        "bias_initializer": initializer_config(c["bias_initializer"]),
        **nulls("depthwise_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_constraint",
                "bias_constraint"),
    }  # fmt: skip


def _depthwise_kernel_nchw(kernel: np.ndarray) -> np.ndarray:
    """Keras's ``(kh, kw, C, M)`` as ONNX's and PyTorch's grouped ``(C * M, 1, kh, kw)``."""
    kh, kw, channels, multiplier = kernel.shape
    return np.ascontiguousarray(kernel.transpose(2, 3, 0, 1).reshape(channels * multiplier, 1, kh, kw))


def _depthwise_onnx_conv(ctx: Any, x: str, kernel_name: str, axes: tuple[Axis, ...]) -> str:
    kernel = ctx.weights[kernel_name]
    inputs = [x, ctx.weight(kernel_name, _depthwise_kernel_nchw(kernel))]
    if kernel_name == "kernel" and ctx.config["use_bias"]:
        inputs.append(ctx.weight("bias"))
    return ctx.op("Conv", inputs, "depthwise", group=kernel.shape[2], **_onnx_window(axes))


def _depthwise_onnx(ctx: Any) -> str:
    axes = geometry("DepthwiseConv2D", ctx.config, ctx.in_shape)
    y = _depthwise_onnx_conv(ctx, onnx_nchw(ctx, ctx.x, 2), "kernel", axes)
    return ctx.activation(ctx.config["activation"], onnx_nhwc(ctx, y, 2))


def _depthwise_module(ctx: Any, type_name: str, pointwise: bool) -> str:
    c = ctx.config
    axes = geometry(type_name, c, ctx.in_shape)
    padding, _ = _torch_padding(axes, "x")
    channels = ctx.in_shape[-1]
    depthwise = (
        f"nn.Conv2d({channels}, {channels * c['depth_multiplier']}, {tuple(c['kernel_size'])}, "
        f"stride={tuple(c['strides'])}, padding={padding}, dilation={tuple(c['dilation_rate'])}, "
        f"groups={channels}, bias={c['use_bias'] and not pointwise})"
    )
    if not pointwise:
        return depthwise
    return (
        f"nn.Sequential({depthwise}, nn.Conv2d({channels * c['depth_multiplier']}, {c['filters']}, 1, "
        f"bias={c['use_bias']}))"
    )


def _depthwise_expr(type_name: str) -> Callable[[Any], str]:
    def expr(ctx: Any) -> str:
        _, x = _torch_padding(geometry(type_name, ctx.config, ctx.in_shape), ctx.x)
        return ctx.activation(ctx.config["activation"], f"self.{ctx.attr}({x})")

    return expr


def _grouped(shape: tuple[int, ...]) -> tuple[int, ...]:
    """The shape of a depthwise kernel ``(kh, kw, C, M)`` in PyTorch, after its axes are put in order (C, M, kh, kw)."""
    kh, kw, channels, multiplier = shape
    return (channels * multiplier, 1, kh, kw)


DEPTHWISE_CONV_2D = register(
    LayerType(
        name="DepthwiseConv2D",
        category="Convolution",
        base_name="depthwise_conv2d",
        fields=(
            Field("kernel_size", "ints", (3, 3), minimum=1, maximum=1 << 16, length=2,
                  help="the window's size on each spatial axis"),
            *_window_fields(2, causal=False)[1:],
            _MULTIPLIER,
            *_dense_like_fields("depthwise_initializer"),
        ),  # fmt: skip
        min_inputs=1,
        max_inputs=1,
        shape_rule=_depthwise_shape("DepthwiseConv2D"),
        weight_rule=_depthwise_weights,
        check=_check("DepthwiseConv2D"),
        forward=_depthwise_forward,
        keras=KerasForm(read=_depthwise_read, write=_depthwise_write, positional=("kernel_size",)),
        onnx=_depthwise_onnx,
        torch=TorchForm(
            module=lambda ctx: _depthwise_module(ctx, "DepthwiseConv2D", pointwise=False),
            expr=_depthwise_expr("DepthwiseConv2D"),
            state={"kernel": ("weight", (2, 3, 0, 1), _grouped), "bias": ("bias", None, None)},
            layout="channels_first",
        ),
        look=Look(_COLOUR, "DW"),
        caption_rule=lambda c: f"{tuple_caption(c['kernel_size'])} ×{c['depth_multiplier']} · {c['activation']}",
        formula="y[i, c·M + m] = activation(Σ x[i·s + k·d, c] · kernel[k, c, m] + bias)",
    )
)


def _separable_weights(c: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    channels = inputs[0][-1]
    assert channels is not None
    m = c["depth_multiplier"]
    specs = [
        WeightSpec("depthwise_kernel", (*c["kernel_size"], channels, m), True, c["depthwise_initializer"]),
        WeightSpec("pointwise_kernel", (1, 1, channels * m, c["filters"]), True, c["pointwise_initializer"]),
    ]
    if c["use_bias"]:
        specs.append(WeightSpec("bias", (c["filters"],), True, c["bias_initializer"]))
    return tuple(specs)


def _separable_forward(c: Config, w: Weights, xs: list[np.ndarray]) -> np.ndarray:
    axes = geometry("SeparableConv2D", c, xs[0].shape)
    depthwise = depthwise_reference(xs[0], w["depthwise_kernel"], axes)
    return _finish(c, w, depthwise @ w["pointwise_kernel"][0, 0])


def _separable_read(f: KerasFields) -> dict[str, Any]:
    values: dict[str, Any] = {"filters": f.require("filters")}
    _read_depthwise(f, values, pointwise=True)
    return values


def _separable_write(n: str, c: Config) -> dict[str, Any]:
    return {
        **base_config(n),
        "depth_multiplier": c["depth_multiplier"],
        "filters": c["filters"],
        **_window_config(c),
        "data_format": "channels_last",
        "dilation_rate": list(c["dilation_rate"]),
        "activation": c["activation"],
        "use_bias": c["use_bias"],
        "depthwise_initializer": initializer_config(c["depthwise_initializer"]),
        "pointwise_initializer": initializer_config(c["pointwise_initializer"]),
        "bias_initializer": initializer_config(c["bias_initializer"]),
        **nulls("depthwise_regularizer", "pointwise_regularizer", "bias_regularizer", "activity_regularizer",
                "depthwise_constraint", "pointwise_constraint", "bias_constraint"),
    }  # fmt: skip


def _separable_onnx(ctx: Any) -> str:
    axes = geometry("SeparableConv2D", ctx.config, ctx.in_shape)
    y = _depthwise_onnx_conv(ctx, onnx_nchw(ctx, ctx.x, 2), "depthwise_kernel", axes)
    pointwise = np.ascontiguousarray(ctx.weights["pointwise_kernel"].transpose(3, 2, 0, 1))
    inputs = [y, ctx.weight("pointwise_kernel", pointwise)]
    if ctx.config["use_bias"]:
        inputs.append(ctx.weight("bias"))
    y = ctx.op("Conv", inputs, "pointwise")
    return ctx.activation(ctx.config["activation"], onnx_nhwc(ctx, y, 2))


SEPARABLE_CONV_2D = register(
    LayerType(
        name="SeparableConv2D",
        category="Convolution",
        base_name="separable_conv2d",
        fields=(
            _FILTERS,
            *_window_fields(2, causal=False),
            _MULTIPLIER,
            Field("activation", "activation", "linear"),
            Field("use_bias", "bool", True),
            Field("depthwise_initializer", "initializer", "glorot_uniform"),
            Field("pointwise_initializer", "initializer", "glorot_uniform"),
            Field("bias_initializer", "initializer", "zeros"),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_depthwise_shape("SeparableConv2D"),
        weight_rule=_separable_weights,
        check=_check("SeparableConv2D"),
        forward=_separable_forward,
        keras=KerasForm(read=_separable_read, write=_separable_write, positional=("filters", "kernel_size")),
        onnx=_separable_onnx,
        torch=TorchForm(
            module=lambda ctx: _depthwise_module(ctx, "SeparableConv2D", pointwise=True),
            expr=_depthwise_expr("SeparableConv2D"),
            state={
                "depthwise_kernel": ("0.weight", (2, 3, 0, 1), _grouped),
                "pointwise_kernel": ("1.weight", (3, 2, 0, 1), None),
                "bias": ("1.bias", None, None),
            },
            layout="channels_first",
        ),
        look=Look(_COLOUR, "SC"),
        caption_rule=lambda c: f"{c['filters']} · {tuple_caption(c['kernel_size'])} · {c['activation']}",
        formula="y = activation(pointwise(depthwise(x)) + bias)",
    )
)
