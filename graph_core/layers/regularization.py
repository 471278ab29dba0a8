"""Regularization layers: Dropout, and SpatialDropout1D/2D, which drop whole channels.

All three are the identity at inference; while training they set a fraction ``rate`` of
their input to zero (single values, or every value of a channel of a sample) and scale
the rest by ``1 / (1 - rate)``.
"""

from __future__ import annotations

from typing import Any

from graph_core.layers.base import (
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    TorchForm,
    check_spatial_rank,
    identity,
    register,
)
from graph_core.layers.keras_io import KerasFields, base_config
from graph_core.messages import Message

_RATE = Field("rate", "float", 0.5, minimum=0.0, maximum=1.0, exclusive_max=True)
_SEED = Field("seed", "optional_int", None, minimum=0)
_LOOK = Look("#B0BEC5", "Dr")


def _dropout_read(f: KerasFields) -> dict[str, Any]:
    values = {"rate": f.require("rate"), "seed": f.take("seed")}
    f.expect("noise_shape", (None,), Message("Layerwire drops values independently"))
    return values


def _dropout_write(name: str, c: Config) -> dict[str, Any]:
    return {**base_config(name), "rate": c["rate"], "seed": c["seed"], "noise_shape": None}


DROPOUT = register(
    LayerType(
        name="Dropout",
        category="Regularization",
        base_name="dropout",
        fields=(_RATE, _SEED),
        min_inputs=1,
        max_inputs=1,
        shape_rule=identity,
        forward=lambda c, w, xs: xs[0],
        keras=KerasForm(
            read=_dropout_read,
            write=_dropout_write,
            build_config=False,
            call_kwargs={"training": False},
            positional=("rate",),
        ),
        onnx=lambda ctx: ctx.op("Identity", [ctx.x]),
        torch=TorchForm(
            module=lambda ctx: f"nn.Dropout({ctx.config['rate']})", expr=lambda ctx: f"self.{ctx.attr}({ctx.x})",
            layout="any",
        ),  # fmt: skip
        look=_LOOK,
        caption_rule=lambda c: f"{c['rate']:g}",
        formula="y = x · mask / (1 − rate)",
        open_sizes=True,
    )
)


def _spatial_shape(type_name: str, rank: int):  # type: ignore[no-untyped-def]
    def rule(config: Config, inputs: list[Shape]) -> Shape:
        check_spatial_rank(type_name, rank, inputs[0])
        return inputs[0]

    return rule


def _spatial_dropout(rank: int) -> LayerType:
    name = f"SpatialDropout{rank}D"

    def read(f: KerasFields) -> dict[str, Any]:
        if rank == 2:
            f.channels_last()
        return {"rate": f.require("rate"), "seed": f.take("seed")}

    def write(layer_name: str, c: Config) -> dict[str, Any]:
        out = {"rate": c["rate"], "seed": c["seed"], "name": layer_name, "dtype": "float32"}
        if rank == 2:
            out["data_format"] = "channels_last"
        return out

    return register(
        LayerType(
            name=name,
            category="Regularization",
            base_name=f"spatial_dropout{rank}d",
            fields=(_RATE, _SEED),
            min_inputs=1,
            max_inputs=1,
            shape_rule=_spatial_shape(name, rank),
            forward=lambda c, w, xs: xs[0],
            keras=KerasForm(
                read=read, write=write, build_config=False, call_kwargs={"training": False}, positional=("rate",)
            ),
            onnx=lambda ctx: ctx.op("Identity", [ctx.x]),
            torch=TorchForm(
                module=lambda ctx: f"nn.Dropout{rank}d({ctx.config['rate']})",
                expr=lambda ctx: f"self.{ctx.attr}({ctx.x})",
                layout="channels_first",
            ),
            look=_LOOK,
            caption_rule=lambda c: f"{c['rate']:g}",
            formula="y[…, c] = x[…, c] · mask[c] / (1 − rate)",
        )
    )


SPATIAL_DROPOUT_1D = _spatial_dropout(1)
SPATIAL_DROPOUT_2D = _spatial_dropout(2)
