"""Merging layers: elementwise Add, Subtract, Multiply, Average, Maximum, Minimum; and Concatenate."""

from __future__ import annotations

from functools import reduce
from typing import Any

import numpy as np

from graph_core.layers.base import (
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    ShapeError,
    TorchForm,
    axis_index,
    fmt_all,
    register,
    same_shape,
)
from graph_core.layers.keras_io import KerasFields, base_config
from graph_core.messages import Message

_COLOUR = "#E1BEE7"


def _chain(op: str) -> Any:
    """ONNX: the inputs folded left to right with a two-input ``op``, as the reference computes."""

    def lower(ctx: Any) -> str:
        y = ctx.xs[0]
        for i, x in enumerate(ctx.xs[1:]):
            y = ctx.op(op, [y, x], "" if i == len(ctx.xs) - 2 else str(i))
        return y

    return lower


def _average_onnx(ctx: Any) -> str:
    total = ctx.xs[0]
    for i, x in enumerate(ctx.xs[1:]):
        total = ctx.op("Add", [total, x], f"sum{i}")
    return ctx.op("Div", [total, ctx.const("n", np.float32(len(ctx.xs)))])


def _fold(fn: str) -> Any:
    def expr(ctx: Any) -> str:
        out = ctx.xs[0]
        for other in ctx.xs[1:]:
            out = f"{fn}({out}, {other})"
        return out

    return expr


_MERGES = {
    # name: (glyph, formula, reference, onnx, torch, at most two inputs)
    "Add": ("+", "y = x₁ + x₂ + …", lambda xs: sum(xs[1:], xs[0]), _chain("Add"), lambda ctx: " + ".join(ctx.xs),
            False),
    "Subtract": ("−", "y = x₁ − x₂", lambda xs: xs[0] - xs[1], _chain("Sub"),
                 lambda ctx: f"{ctx.xs[0]} - {ctx.xs[1]}", True),
    "Multiply": ("×", "y = x₁ · x₂ · …", lambda xs: reduce(np.multiply, xs[1:], xs[0]), _chain("Mul"),
                 lambda ctx: " * ".join(ctx.xs), False),
    "Average": ("μ", "y = (x₁ + x₂ + …) / n",
                lambda xs: (sum(xs[1:], xs[0]) / np.float32(len(xs))).astype(np.float32), _average_onnx,
                lambda ctx: f"({' + '.join(ctx.xs)}) / {len(ctx.xs)}", False),
    "Maximum": ("↑", "y = max(x₁, x₂, …)", np.maximum.reduce, lambda ctx: ctx.op("Max", ctx.xs),
                _fold("torch.maximum"), False),
    "Minimum": ("↓", "y = min(x₁, x₂, …)", np.minimum.reduce, lambda ctx: ctx.op("Min", ctx.xs),
                _fold("torch.minimum"), False),
}  # fmt: skip


def _merge_type(name: str) -> LayerType:
    glyph, formula, reference, onnx, torch, two = _MERGES[name]
    return register(
        LayerType(
            name=name,
            category="Merging",
            base_name=name.lower(),
            fields=(),
            min_inputs=2,
            max_inputs=2 if two else None,
            shape_rule=same_shape(name),
            forward=lambda c, w, xs, f=reference: f(xs),
            keras=KerasForm(read=lambda f: {}, write=lambda n, c: base_config(n), list_input=True),
            onnx=onnx,
            torch=TorchForm(expr=torch, layout="any"),
            look=Look(_COLOUR, glyph),
            formula=formula,
            open_sizes=True,
        )
    )


ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM = (_merge_type(name) for name in _MERGES)

# --------------------------------------------------------------------------- Concatenate


def _concatenate_shape(config: Config, inputs: list[Shape]) -> Shape:
    rank = len(inputs[0])
    if any(len(s) != rank for s in inputs):
        raise ShapeError(Message("Concatenate needs inputs of one rank; got {shapes}", shapes=fmt_all(inputs)))
    axis = axis_index(config["axis"], rank, "Concatenate")
    for s in inputs[1:]:
        if any(a != b for i, (a, b) in enumerate(zip(s, inputs[0])) if i != axis):
            raise ShapeError(
                Message(
                    "Concatenate on axis={axis} needs inputs that match on every other axis; got {shapes}",
                    axis=config["axis"],
                    shapes=fmt_all(inputs),
                )
            )
    sizes = [s[axis] for s in inputs]
    total = None if None in sizes else sum(sizes)  # type: ignore[arg-type]
    return (*inputs[0][:axis], total, *inputs[0][axis + 1 :])


def _concatenate_read(f: KerasFields) -> dict[str, Any]:
    return {"axis": f.take("axis", -1)}


CONCATENATE = register(
    LayerType(
        name="Concatenate",
        category="Merging",
        base_name="concatenate",
        fields=(Field("axis", "axis", -1),),
        min_inputs=2,
        max_inputs=None,
        shape_rule=_concatenate_shape,
        forward=lambda c, w, xs: np.concatenate(xs, axis=c["axis"]),
        keras=KerasForm(
            read=_concatenate_read, write=lambda n, c: {**base_config(n), "axis": c["axis"]}, list_input=True
        ),
        onnx=lambda ctx: ctx.op("Concat", ctx.xs, axis=ctx.config["axis"] % ctx.rank),
        torch=TorchForm(expr=lambda ctx: f"torch.cat([{', '.join(ctx.xs)}], dim={ctx.dim(ctx.config['axis'])})",
                        layout="any"),  # fmt: skip
        look=Look("#CE93D8", "⧺"),
        caption_rule=lambda c: f"axis {c['axis']}",
        formula="y = [x₁ | x₂ | …] along axis",
        open_sizes=True,
    )
)
