"""Pooling layers: MaxPooling and AveragePooling in 1-D and 2-D, and their global forms.

A pooling window covers ``pool_size`` values of each channel and moves by ``strides``
(by default the pool size). With ``padding="same"`` the windows at the edges reach past
the input: the maximum ignores the missing values and the average divides by the values
present, as TensorFlow and JAX compute them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from graph_core.layers.base import (
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    TorchForm,
    check_spatial_rank,
    register,
    tuple_caption,
)
from graph_core.layers.convolution import (
    Axis,
    check_windows,
    geometry,
    onnx_nchw,
    onnx_nhwc,
    onnx_padding,
    padded,
    torch_known_padding,
    windows,
)
from graph_core.layers.keras_io import KerasFields, base_config, listed

_COLOUR = "#90CAF9"


def max_pool_reference(x: np.ndarray, axes: tuple[Axis, ...]) -> np.ndarray:
    out = None
    for _, patch in windows(padded(x, axes, -np.inf), axes):
        out = patch.copy() if out is None else np.maximum(out, patch)
    assert out is not None
    return out.astype(np.float32)


def average_pool_reference(x: np.ndarray, axes: tuple[Axis, ...]) -> np.ndarray:
    """The mean of the values of each window that lie inside the input."""
    total = np.zeros((x.shape[0], *(a.out for a in axes), x.shape[-1]), np.float32)
    count = np.zeros((1, *(a.out for a in axes), 1), np.float32)
    ones = padded(np.ones((1, *x.shape[1:-1], 1), np.float32), axes)
    for (_, patch), (_, inside) in zip(windows(padded(x, axes), axes), windows(ones, axes)):
        total += patch
        count += inside
    return total / count


def _pool(rank: int, kind: str) -> LayerType:
    name = f"{kind}Pooling{rank}D"
    is_max = kind == "Max"

    def shape_rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(name, rank, shape)
        axes = check_windows(name, c, shape, what="pool_size")
        return (None, *(a.out for a in axes), shape[-1])

    def forward(c: Config, w: Any, xs: list[np.ndarray]) -> np.ndarray:
        axes = geometry(name, c, xs[0].shape)
        return max_pool_reference(xs[0], axes) if is_max else average_pool_reference(xs[0], axes)

    def read(f: KerasFields) -> dict[str, Any]:
        f.channels_last()
        pool = listed(f.take("pool_size", 2))
        strides = listed(f.take("strides"))
        pool_t = tuple(pool) if isinstance(pool, tuple) else (pool,) * rank
        strides_t = tuple(strides) if isinstance(strides, tuple) else (strides,) * rank
        padding = f.take("padding", "valid")
        return {
            "pool_size": pool,
            "strides": None if strides is None or strides_t == pool_t else strides,
            "padding": padding.lower() if isinstance(padding, str) else padding,
        }

    def write(n: str, c: Config) -> dict[str, Any]:
        return {
            **base_config(n),
            "pool_size": list(c["pool_size"]),
            "padding": c["padding"],
            "strides": list(c["strides"] or c["pool_size"]),
            "data_format": "channels_last",
        }

    def onnx(ctx: Any) -> str:
        axes = geometry(name, ctx.config, ctx.in_shape)
        attrs: dict[str, Any] = {
            "kernel_shape": [a.kernel for a in axes],
            "strides": [a.stride for a in axes],
            **onnx_padding(axes),
        }
        if not is_max:
            attrs["count_include_pad"] = 0
        y = ctx.op("MaxPool" if is_max else "AveragePool", [onnx_nchw(ctx, ctx.x, rank)], "pool", **attrs)
        return onnx_nhwc(ctx, y, rank)

    def torch(ctx: Any) -> str:
        axes = geometry(name, ctx.config, ctx.in_shape)
        torch_known_padding(name, axes)
        kernel = tuple(a.kernel for a in axes)
        strides = tuple(a.stride for a in axes)
        fn = f"F.{'max' if is_max else 'avg'}_pool{rank}d"
        if all(a.before == 0 and a.after == 0 for a in axes):
            return f"{fn}({ctx.x}, {kernel}, {strides})"
        if all(a.before == a.after and 2 * a.before <= a.kernel for a in axes):
            pads = tuple(a.before for a in axes)
            extra = "" if is_max else ", count_include_pad=False"
            return f"{fn}({ctx.x}, {kernel}, {strides}, padding={pads}{extra})"
        flat = ", ".join(str(v) for a in reversed(axes) for v in (a.before, a.after))
        if is_max:
            return f"{fn}(F.pad({ctx.x}, ({flat}), value=float('-inf')), {kernel}, {strides})"
        # the sum of each window's values over the number of them inside the input
        ones = f"torch.ones_like({ctx.x}[:, :1])"
        total = f"{fn}(F.pad({ctx.x}, ({flat})), {kernel}, {strides})"
        return f"({total} / {fn}(F.pad({ones}, ({flat})), {kernel}, {strides}))"

    return register(
        LayerType(
            name=name,
            category="Pooling",
            base_name=f"{kind.lower()}_pooling{rank}d",
            fields=(
                Field("pool_size", "ints", (2,) * rank, minimum=1, maximum=1 << 16, length=rank,
                      help="the window's size on each spatial axis"),
                Field("strides", "optional_ints", None, minimum=1, maximum=1 << 16, length=rank,
                      help="how far the window moves (none: by its own size)"),
                Field("padding", "choice", "valid", choices=("valid", "same"),
                      help="valid: windows inside the input; same: windows at the edges reach past it"),
            ),  # fmt: skip
            min_inputs=1,
            max_inputs=1,
            shape_rule=shape_rule,
            forward=forward,
            keras=KerasForm(read=read, write=write, build_config=False, positional=("pool_size",)),
            onnx=onnx,
            torch=TorchForm(expr=torch, layout="channels_first"),
            open_sizes=rank == 1,  # a sequence of any length
            look=Look(_COLOUR, f"{kind[:2]}{rank}"),
            caption_rule=lambda c: tuple_caption(c["pool_size"]),
            formula=f"y[i, c] = {'max' if is_max else 'mean'}(x[i·s : i·s + pool_size, c])",
        )
    )


def _global_pool(rank: int, kind: str) -> LayerType:
    name = f"Global{kind}Pooling{rank}D"
    is_max = kind == "Max"
    reduce: Callable[..., np.ndarray] = np.max if is_max else np.mean

    def shape_rule(c: Config, inputs: list[Shape]) -> Shape:
        (shape,) = inputs
        check_spatial_rank(name, rank, shape)
        return (None, *((1,) * rank if c["keepdims"] else ()), shape[-1])

    def forward(c: Config, w: Any, xs: list[np.ndarray]) -> np.ndarray:
        return reduce(xs[0], axis=tuple(range(1, rank + 1)), keepdims=c["keepdims"]).astype(np.float32)

    def read(f: KerasFields) -> dict[str, Any]:
        f.channels_last()
        return {"keepdims": f.take("keepdims", False)}

    def onnx(ctx: Any) -> str:
        op = "ReduceMax" if is_max else "ReduceMean"
        return ctx.op(op, [ctx.x], axes=list(range(1, rank + 1)), keepdims=int(ctx.config["keepdims"]))

    def torch(ctx: Any) -> str:
        dims = tuple(ctx.dim(i) for i in range(1, rank + 1))
        return f"{ctx.x}.{'amax' if is_max else 'mean'}(dim={dims}, keepdim={ctx.config['keepdims']})"

    return register(
        LayerType(
            name=name,
            category="Pooling",
            base_name=f"global_{kind.lower()}_pooling{rank}d",
            fields=(Field("keepdims", "bool", False, help="keep the spatial axes, each of size 1"),),
            min_inputs=1,
            max_inputs=1,
            shape_rule=shape_rule,
            forward=forward,
            keras=KerasForm(
                read=read,
                write=lambda n, c: {**base_config(n), "data_format": "channels_last", "keepdims": c["keepdims"]},
                build_config=False,
                call_kwargs={"mask": None} if rank == 1 and not is_max else {},
            ),
            onnx=onnx,
            torch=TorchForm(expr=torch, layout="any"),
            look=Look(_COLOUR, f"G{kind[0]}"),
            formula=f"y[c] = {'max' if is_max else 'mean'}ᵢ x[i, c]",
            open_sizes=rank == 1,  # a sequence of any length
        )
    )


MAX_POOLING_1D, MAX_POOLING_2D = _pool(1, "Max"), _pool(2, "Max")
AVERAGE_POOLING_1D, AVERAGE_POOLING_2D = _pool(1, "Average"), _pool(2, "Average")
GLOBAL_MAX_POOLING_1D, GLOBAL_MAX_POOLING_2D = _global_pool(1, "Max"), _global_pool(2, "Max")
GLOBAL_AVERAGE_POOLING_1D, GLOBAL_AVERAGE_POOLING_2D = _global_pool(1, "Average"), _global_pool(2, "Average")
