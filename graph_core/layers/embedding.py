"""The embedding family: Embedding, a table of ``input_dim`` vectors looked up by token id.

``layers.Embedding(10000, 64)`` turns token ids of shape ``(batch, steps)`` into vectors
``(batch, steps, 64)``: row ``i`` of its ``embeddings`` weight is the vector of token ``i``.
As in Keras, the ids may come from an int Input or a float one (the guide's
``keras.Input(shape=(None,))``): they are cast to whole numbers. An id outside
``[0, input_dim)`` is refused with the largest id found (Keras's CPU lookup would read
past the table or return zeros). ``mask_zero=True`` (id 0 as padding, masked in later
layers) is refused with a message: Layerwire carries no masks yet.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from graph_core.errors import ConfigError, DataError
from graph_core.layers.base import (
    MAX_DIM,
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    TorchForm,
    Weights,
    WeightSpec,
    register,
)
from graph_core.layers.keras_io import KerasFields, base_config, initializer_config, nulls
from graph_core.messages import Message


def _check(config: Config) -> None:
    if config["mask_zero"]:
        raise ConfigError(
            Message("Embedding mask_zero=True (token 0 as padding, masked in the layers after) is not supported: "
                    "Layerwire carries no masks yet; use mask_zero=False")
        )  # fmt: skip


def _shape(config: Config, inputs: list[Shape]) -> Shape:
    (shape,) = inputs
    return (*shape, config["output_dim"])


def _weights(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
    return (WeightSpec("embeddings", (config["input_dim"], config["output_dim"]), True,
                       config["embeddings_initializer"]),)  # fmt: skip


def token_ids(layer_name: str, input_dim: int, x: np.ndarray) -> np.ndarray:
    """``x`` as int64 token ids, or ``DataError`` naming the id outside ``[0, input_dim)`` (or the non-whole one)."""
    x = np.asarray(x)
    if x.size == 0:
        return x.astype(np.int64)
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or np.any(x != np.floor(x)):
            bad = x[~np.isfinite(x) | (x != np.floor(x))].flat[0]
            raise DataError(
                Message("{layer} (Embedding) takes whole token ids; received {value!r}", layer=layer_name,
                        value=float(bad))
            )  # fmt: skip
    low, high = x.min(), x.max()
    if low < 0 or high >= input_dim:
        worst = low if low < 0 else high
        raise DataError(
            Message("{layer} (Embedding) takes token ids from 0 to {top} (input_dim={dim}); the data holds {value}",
                    layer=layer_name, top=input_dim - 1, dim=input_dim, value=int(worst))
        )  # fmt: skip
    return x.astype(np.int64)


def _forward(config: Config, weights: Weights, xs: list[np.ndarray]) -> np.ndarray:
    ids = token_ids("Embedding", config["input_dim"], xs[0])
    return np.asarray(weights["embeddings"], np.float32)[ids]


def _read(f: KerasFields) -> dict[str, Any]:
    values = {
        "input_dim": f.require("input_dim"),
        "output_dim": f.require("output_dim"),
        "embeddings_initializer": f.initializer("embeddings_initializer", "uniform"),
        "mask_zero": f.take("mask_zero", False),
    }
    f.no_extras("embeddings")
    f.expect("quantization_config", (None,), Message("Layerwire does not quantize"))
    f.expect("lora_rank", (None,), Message("Layerwire has no LoRA"))
    f.take("lora_alpha")
    f.take("input_length")  # Keras 2 wrote it; the shape of the input says it
    f.take("batch_input_shape")  # so too this, from input_length, in every Keras 2 Embedding
    return values


def _write(name: str, c: Config) -> dict[str, Any]:
    return {
        **base_config(name),
        "input_dim": c["input_dim"],
        "output_dim": c["output_dim"],
        "embeddings_initializer": initializer_config(c["embeddings_initializer"]),
        **nulls("embeddings_regularizer", "activity_regularizer", "embeddings_constraint"),
        "mask_zero": c["mask_zero"],
        "quantization_config": None,
    }


def _onnx(ctx: Any) -> str:
    ids = ctx.op("Cast", [ctx.x], "ids", to=7)  # INT64, whatever the input's type
    return ctx.op("Gather", [ctx.weight("embeddings"), ids], "gather", axis=0)


EMBEDDING = register(
    LayerType(
        name="Embedding",
        category="Core",
        base_name="embedding",
        fields=(
            Field(
                "input_dim", "int", 1000, minimum=1, maximum=MAX_DIM - 1, help="vocabulary size: ids 0 to input_dim−1"
            ),
            Field("output_dim", "int", 64, minimum=1, maximum=MAX_DIM - 1, help="length of each vector"),
            Field("embeddings_initializer", "initializer", "uniform"),
            Field("mask_zero", "bool", False, help="token 0 as padding (not supported yet)"),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_shape,
        weight_rule=_weights,
        forward=_forward,
        keras=KerasForm(read=_read, write=_write, positional=("input_dim", "output_dim")),
        onnx=_onnx,
        torch=TorchForm(
            module=lambda ctx: f"nn.Embedding({ctx.config['input_dim']}, {ctx.config['output_dim']})",
            expr=lambda ctx: f"self.{ctx.attr}({ctx.x}.long())",
            state={"embeddings": ("weight", None, None)},
        ),
        look=Look("#B39DDB", "E"),
        check=_check,
        caption_rule=lambda c: f"{c['input_dim']:,} × {c['output_dim']}",
        formula="y[…, :] = embeddings[x[…], :]",
        open_sizes=True,
        takes_ids=True,
    )
)
