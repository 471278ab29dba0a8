"""Reshaping layers: Flatten, Reshape, RepeatVector, Permute, and ZeroPadding, Cropping and UpSampling in 1-D
and 2-D.

The spatial ones work on ``(batch, steps, channels)`` or ``(batch, rows, columns,
channels)``: the channels stay last, as Keras keeps them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from graph_core.errors import ConfigError
from graph_core.layers.base import (
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    ShapeError,
    TorchForm,
    axis_noun,
    check_spatial_rank,
    format_shape,
    rank_too_low,
    register,
    tuple_caption,
)
from graph_core.layers.keras_io import KerasFields, as_lists, base_config, listed
from graph_core.messages import Message

_COLOUR = "#80CBC4"

# --------------------------------------------------------------------------- Flatten, Reshape


def _flatten_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    rest = shape[1:]
    if not rest:
        raise ShapeError(rank_too_low("Flatten", shape))
    return (None, None if None in rest else math.prod(rest))  # type: ignore[arg-type]


def _flatten_read(f: KerasFields) -> dict[str, Any]:
    f.channels_last()
    return {}


FLATTEN = register(
    LayerType(
        name="Flatten",
        category="Reshaping",
        base_name="flatten",
        fields=(),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_flatten_shape,
        forward=lambda c, w, xs: xs[0].reshape(len(xs[0]), -1),
        keras=KerasForm(read=_flatten_read, write=lambda n, c: {**base_config(n), "data_format": "channels_last"}),
        onnx=lambda ctx: ctx.op("Flatten", [ctx.x], axis=1),
        torch=TorchForm(expr=lambda ctx: f"torch.flatten({ctx.x}, 1)"),
        look=Look(_COLOUR, "Fl"),
        formula="y = reshape(x, (batch, -1))",
    )
)


# --------------------------------------------------------------------------- RepeatVector, Permute


def _repeat_vector_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    if len(shape) != 2:
        raise ShapeError(
            Message("RepeatVector needs a vector (batch, features); got {shape}", shape=format_shape(shape))
        )
    return (None, config["n"], shape[1])


REPEAT_VECTOR = register(
    LayerType(
        name="RepeatVector",
        category="Reshaping",
        base_name="repeat_vector",
        fields=(Field("n", "int", 2, minimum=1, maximum=1 << 20, help="how many steps the vector repeats for"),),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_repeat_vector_shape,
        forward=lambda c, w, xs: np.repeat(xs[0][:, None, :], c["n"], axis=1),
        keras=KerasForm(read=lambda f: {"n": f.require("n")}, write=lambda n, c: {**base_config(n), "n": c["n"]},
                        positional=("n",)),  # fmt: skip
        onnx=lambda ctx: ctx.op(
            "Tile",
            [ctx.op("Unsqueeze", [ctx.x, ctx.const("axis", np.array([1], np.int64))], "steps"),
             ctx.const("repeats", np.array([1, ctx.config["n"], 1], np.int64))],
        ),  # fmt: skip
        torch=TorchForm(expr=lambda ctx: f"{ctx.x}.unsqueeze(1).repeat(1, {ctx.config['n']}, 1)"),
        look=Look(_COLOUR, "Rv"),
        caption_rule=lambda c: f"× {c['n']}",
        formula="y[:, t, :] = x for t < n",
    )
)


def _permute_check(config: Config) -> None:
    dims = tuple(config["dims"])
    if sorted(dims) != list(range(1, len(dims) + 1)):
        raise ConfigError(
            Message("Permute dims must order the axes 1 to {count}, each once. Received: dims={dims!r}",
                    count=len(dims), dims=dims)
        )  # fmt: skip


def _permute_shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    dims = config["dims"]
    if len(shape) != len(dims) + 1:
        raise ShapeError(
            Message("Permute dims={dims!r} orders {count} axes; the input {shape} has {have}", dims=tuple(dims),
                    count=len(dims), shape=format_shape(shape), have=len(shape) - 1)
        )  # fmt: skip
    return (None, *(shape[d] for d in dims))


PERMUTE = register(
    LayerType(
        name="Permute",
        category="Reshaping",
        base_name="permute",
        fields=(Field("dims", "shape", (2, 1), help="the input's axes in their new order, counted from 1"),),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_permute_shape,
        forward=lambda c, w, xs: np.ascontiguousarray(np.transpose(xs[0], (0, *c["dims"]))),
        keras=KerasForm(read=lambda f: {"dims": tuple(f.require("dims"))},
                        write=lambda n, c: {**base_config(n), "dims": list(c["dims"])},
                        positional=("dims",)),  # fmt: skip
        onnx=lambda ctx: ctx.op("Transpose", [ctx.x], perm=[0, *ctx.config["dims"]]),
        torch=TorchForm(expr=lambda ctx: f"{ctx.x}.permute(0, {', '.join(str(d) for d in ctx.config['dims'])})"),
        look=Look(_COLOUR, "Pm"),
        check=_permute_check,
        caption_rule=lambda c: tuple_caption(tuple(c["dims"])).replace("×", " "),
        formula="y = transpose(x, (0, *dims))",
    )
)


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


def _reshape_onnx(ctx: Any) -> str:
    shape = ctx.const("shape", np.array([0, *ctx.config["target_shape"]], dtype=np.int64))
    return ctx.op("Reshape", [ctx.x, shape])


def _reshape_torch(ctx: Any) -> str:
    return f"{ctx.x}.reshape({ctx.x}.shape[0], {', '.join(str(d) for d in ctx.config['target_shape'])})"


RESHAPE = register(
    LayerType(
        name="Reshape",
        category="Reshaping",
        base_name="reshape",
        fields=(Field("target_shape", "target_shape", (-1,), help="new shape of one sample; one size may be -1"),),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_reshape_shape,
        forward=lambda c, w, xs: xs[0].reshape(len(xs[0]), *c["target_shape"]),
        keras=KerasForm(
            read=lambda f: {"target_shape": f.require("target_shape")},
            write=lambda n, c: {**base_config(n), "target_shape": list(c["target_shape"])},
            build_config=False,
            positional=("target_shape",),
        ),
        onnx=_reshape_onnx,
        torch=TorchForm(expr=_reshape_torch),
        look=Look(_COLOUR, "Rs"),
        caption_rule=lambda c: format_shape(tuple(c["target_shape"])),
        formula="y = reshape(x, (batch, *target_shape))",
    )
)

def _pairs(c: Config, key: str, rank: int) -> tuple[tuple[int, int], ...]:
    """Padding or cropping amounts as one (before, after) pair per spatial axis."""
    value = c[key]
    return (value,) if rank == 1 else value


# --------------------------------------------------------------------------- ZeroPadding, Cropping


def _zero_padding(rank: int) -> LayerType:
    name = f"ZeroPadding{rank}D"
    default = (1, 1) if rank == 1 else ((1, 1), (1, 1))

    def shape_rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(name, rank, shape)
        out = list(shape)
        for i, (a, b) in enumerate(_pairs(c, "padding", rank)):
            if out[i + 1] is not None:
                out[i + 1] += a + b  # type: ignore[operator]
        return tuple(out)

    def forward(c: Config, w: Any, xs: list[np.ndarray]) -> np.ndarray:
        return np.pad(xs[0], ((0, 0), *_pairs(c, "padding", rank), (0, 0)))

    def read(f: KerasFields) -> dict[str, Any]:
        f.channels_last()
        return {"padding": listed(f.take("padding", default))}

    def onnx(ctx: Any) -> str:
        pairs = _pairs(ctx.config, "padding", rank)
        pads = [0, *(a for a, _ in pairs), 0, 0, *(b for _, b in pairs), 0]
        return ctx.op("Pad", [ctx.x, ctx.const("pads", np.array(pads, np.int64))], mode="constant")

    def torch(ctx: Any) -> str:
        flat = [v for a, b in reversed(_pairs(ctx.config, "padding", rank)) for v in (a, b)]
        return f"F.pad({ctx.x}, ({', '.join(map(str, flat))}))"

    return register(
        LayerType(
            name=name,
            category="Reshaping",
            base_name=f"zero_padding{rank}d",
            fields=(
                Field("padding", "padding", default, minimum=0, maximum=1 << 20, length=rank,
                      help="zeros added before and after each spatial axis"),
            ),  # fmt: skip
            min_inputs=1,
            max_inputs=1,
            shape_rule=shape_rule,
            forward=forward,
            keras=KerasForm(
                read=read,
                write=lambda n, c: {**base_config(n), "padding": as_lists(c["padding"]),
                                    "data_format": "channels_last"},
                positional=("padding",),
            ),  # fmt: skip
            onnx=onnx,
            torch=TorchForm(expr=torch, layout="channels_first"),
            look=Look(_COLOUR, "0+"),
            caption_rule=lambda c: ", ".join(f"{a}|{b}" for a, b in _pairs(c, "padding", rank)),
            formula="y = pad(x, padding, 0)",
        )
    )


def _cropping(rank: int) -> LayerType:
    name = f"Cropping{rank}D"
    default = (1, 1) if rank == 1 else ((0, 0), (0, 0))

    def shape_rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(name, rank, shape)
        out = list(shape)
        for i, (a, b) in enumerate(_pairs(c, "cropping", rank)):
            size = out[i + 1]
            if size is not None:
                if a + b >= size:
                    raise ShapeError(
                        Message("{type} cannot crop {before} + {after} {axis} from an input of {size} {axis}; got "
                                "{shape}", type=name, before=a, after=b, axis=axis_noun(rank, i), size=size,
                                shape=format_shape(shape))
                    )  # fmt: skip
                out[i + 1] = size - a - b
        return tuple(out)

    def forward(c: Config, w: Any, xs: list[np.ndarray]) -> np.ndarray:
        x = xs[0]
        index = [slice(None)]
        for i, (a, b) in enumerate(_pairs(c, "cropping", rank)):
            index.append(slice(a, x.shape[i + 1] - b))
        return np.ascontiguousarray(x[tuple(index)])

    def read(f: KerasFields) -> dict[str, Any]:
        if rank == 2:
            f.channels_last()
        return {"cropping": listed(f.take("cropping", default))}

    def write(n: str, c: Config) -> dict[str, Any]:
        out = {**base_config(n), "cropping": as_lists(c["cropping"])}
        if rank == 2:
            out["data_format"] = "channels_last"
        return out

    def onnx(ctx: Any) -> str:
        pairs = _pairs(ctx.config, "cropping", rank)
        sizes = ctx.in_shape[1:-1]
        starts = np.array([a for a, _ in pairs], np.int64)
        ends = np.array([size - b for size, (_, b) in zip(sizes, pairs)], np.int64)
        axes = np.arange(1, rank + 1, dtype=np.int64)
        return ctx.op("Slice", [ctx.x, ctx.const("starts", starts), ctx.const("ends", ends), ctx.const("axes", axes)])

    def torch(ctx: Any) -> str:
        sizes = ctx.in_shape[1:-1]
        parts = [f"{a}:{size - b}" for size, (a, b) in zip(sizes, _pairs(ctx.config, "cropping", rank))]
        return f"{ctx.x}[:, :, {', '.join(parts)}]"

    return register(
        LayerType(
            name=name,
            category="Reshaping",
            base_name=f"cropping{rank}d",
            fields=(
                Field("cropping", "padding", default, minimum=0, maximum=1 << 20, length=rank,
                      help="values cut off before and after each spatial axis"),
            ),  # fmt: skip
            min_inputs=1,
            max_inputs=1,
            shape_rule=shape_rule,
            forward=forward,
            keras=KerasForm(read=read, write=write, positional=("cropping",)),
            onnx=onnx,
            torch=TorchForm(expr=torch, layout="channels_first"),
            look=Look(_COLOUR, "Cr"),
            caption_rule=lambda c: ", ".join(f"{a}|{b}" for a, b in _pairs(c, "cropping", rank)),
            formula="y = x[a : size − b] on each spatial axis",
        )
    )


# --------------------------------------------------------------------------- UpSampling


def _up_sampling(rank: int) -> LayerType:
    name = f"UpSampling{rank}D"
    default = (2,) * rank

    def shape_rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(name, rank, shape)
        out = list(shape)
        for i, s in enumerate(c["size"]):
            if out[i + 1] is not None:
                out[i + 1] *= s  # type: ignore[operator]
        return tuple(out)

    def forward(c: Config, w: Any, xs: list[np.ndarray]) -> np.ndarray:
        y = xs[0]
        for i, s in enumerate(c["size"]):
            y = np.repeat(y, s, axis=i + 1)
        return y

    def read(f: KerasFields) -> dict[str, Any]:
        if rank == 2:
            f.channels_last()
            f.expect("interpolation", ("nearest",), Message("Layerwire repeats the nearest value"))
        return {"size": listed(f.take("size", 2))}

    def write(n: str, c: Config) -> dict[str, Any]:
        if rank == 1:
            return {**base_config(n), "size": c["size"][0]}
        return {**base_config(n), "size": list(c["size"]), "data_format": "channels_last", "interpolation": "nearest"}

    def onnx(ctx: Any) -> str:
        shape = ctx.in_shape[1:]
        split = [0]  # batch: copied
        ones = [1]
        for i, size in enumerate(shape[:-1]):
            split += [size, 1]
            ones += [1, ctx.config["size"][i]]
        split.append(shape[-1])
        ones.append(1)
        spread = ctx.op("Reshape", [ctx.x, ctx.const("split", np.array(split, np.int64))], "split")
        grown = ctx.op("Expand", [spread, ctx.const("repeats", np.array(ones, np.int64))], "repeated")
        target = [0, *(d * s for d, s in zip(shape[:-1], ctx.config["size"])), shape[-1]]
        return ctx.op("Reshape", [grown, ctx.const("shape", np.array(target, np.int64))])

    def torch(ctx: Any) -> str:
        expr = ctx.x
        for i, s in enumerate(ctx.config["size"]):
            if s > 1:
                expr = f"{expr}.repeat_interleave({s}, dim={i + 2})"
        return expr

    return register(
        LayerType(
            name=name,
            category="Reshaping",
            base_name=f"up_sampling{rank}d",
            fields=(
                Field("size", "ints", default, minimum=1, maximum=1 << 16, length=rank,
                      help="how many times each value is repeated along each spatial axis"),
            ),  # fmt: skip
            min_inputs=1,
            max_inputs=1,
            shape_rule=shape_rule,
            forward=forward,
            keras=KerasForm(read=read, write=write, positional=("size",)),
            onnx=onnx,
            torch=TorchForm(expr=torch, layout="channels_first"),
            look=Look(_COLOUR, "Up"),
            caption_rule=lambda c: tuple_caption(c["size"]),
            formula="y[i, j] = x[i // size₀, j // size₁]",
        )
    )


ZERO_PADDING_1D, ZERO_PADDING_2D = _zero_padding(1), _zero_padding(2)
CROPPING_1D, CROPPING_2D = _cropping(1), _cropping(2)
UP_SAMPLING_1D, UP_SAMPLING_2D = _up_sampling(1), _up_sampling(2)
