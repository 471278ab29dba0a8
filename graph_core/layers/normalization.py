"""Normalization layers: BatchNormalization and LayerNormalization over one axis of any rank.

Both normalize over the axis ``axis`` (by default the last: the features of a vector,
the channels of an image). At inference BatchNormalization uses its moving statistics,
which training updates and never trains.
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
    Weights,
    WeightSpec,
    axis_index,
    register,
)
from graph_core.layers.keras_io import KerasFields, base_config, fail, initializer_config, nulls
from graph_core.messages import Message

_COLOUR = "#A5D6A7"


def _norm_weights(names: tuple[tuple[str, bool, str, str], ...]) -> Callable[[Config, list[Shape]], tuple]:
    """Weight rule for a per-feature normalization: (name, trainable, initializer, needs)."""

    def rule(config: Config, inputs: list[Shape]) -> tuple[WeightSpec, ...]:
        shape = inputs[0]
        size = shape[axis_index(config["axis"], len(shape), "normalization")]
        assert size is not None
        return tuple(
            WeightSpec(name, (size,), trainable, init)
            for name, trainable, init, needs in names
            if not needs or config[needs]
        )

    return rule


def _norm_shape(type_name: str) -> Callable[[Config, list[Shape]], Shape]:
    def rule(config: Config, inputs: list[Shape]) -> Shape:
        axis_index(config["axis"], len(inputs[0]), type_name)
        return inputs[0]

    return rule


def _forward(batch: bool) -> Callable[[Config, Weights, list[np.ndarray]], np.ndarray]:
    def forward(c: Config, w: Weights, xs: list[np.ndarray]) -> np.ndarray:
        x = xs[0]
        axis = c["axis"] % x.ndim
        shape = [1] * x.ndim
        shape[axis] = x.shape[axis]
        if batch:
            mean, var = w["moving_mean"].reshape(shape), w["moving_variance"].reshape(shape)
        else:
            mean = x.mean(axis=axis, keepdims=True)
            var = x.var(axis=axis, keepdims=True)
        y = (x - mean) / np.sqrt(var + np.float32(c["epsilon"]))
        if c["scale"]:
            y = y * w["gamma"].reshape(shape)
        if c["center"]:
            y = y + w["beta"].reshape(shape)
        return y.astype(np.float32)

    return forward


def _broadcast(values: np.ndarray, axis: int, rank: int) -> np.ndarray:
    shape = [1] * rank
    shape[axis] = values.shape[0]
    return values.reshape(shape).astype(np.float32)


def _onnx(batch: bool) -> Callable[[Any], str]:
    def lower(ctx: Any) -> str:
        c, w, rank = ctx.config, ctx.weights, ctx.rank
        axis = c["axis"] % rank
        x = ctx.x
        eps = np.float32(c["epsilon"])
        if batch:
            mean = _broadcast(w["moving_mean"], axis, rank)
            std = np.sqrt(_broadcast(w["moving_variance"], axis, rank) + eps)
            centred = ctx.op("Sub", [x, ctx.weight("moving_mean", mean)], "centred")
            y = ctx.op("Div", [centred, ctx.weight("std", std)], "normed")
        else:
            mean = ctx.op("ReduceMean", [x], "mean", axes=[axis], keepdims=1)
            centred = ctx.op("Sub", [x, mean], "centred")
            var = ctx.op("ReduceMean", [ctx.op("Mul", [centred, centred], "sq")], "var", axes=[axis])
            std = ctx.op("Sqrt", [ctx.op("Add", [var, ctx.const("eps", eps)], "vareps")], "std")
            y = ctx.op("Div", [centred, std], "normed")
        if c["scale"]:
            y = ctx.op("Mul", [y, ctx.weight("gamma", _broadcast(w["gamma"], axis, rank))], "scaled")
        if c["center"]:
            y = ctx.op("Add", [y, ctx.weight("beta", _broadcast(w["beta"], axis, rank))], "shifted")
        return y

    return lower


_TORCH_HELPER = '''
class KerasNormalization(nn.Module):
    """Keras's BatchNormalization or LayerNormalization over one axis (moving statistics at inference)."""

    def __init__(self, size, epsilon, center, scale, batch, momentum=0.99):
        super().__init__()
        self.epsilon, self.batch, self.momentum = epsilon, batch, momentum
        self.gamma = nn.Parameter(torch.ones(size)) if scale else None
        self.beta = nn.Parameter(torch.zeros(size)) if center else None
        if batch:
            self.register_buffer("moving_mean", torch.zeros(size))
            self.register_buffer("moving_variance", torch.ones(size))

    def forward(self, x, axis):
        axis = axis % x.dim()
        shape = [1] * x.dim()
        shape[axis] = x.shape[axis]
        if self.batch and not self.training:
            mean, var = self.moving_mean.view(shape), self.moving_variance.view(shape)
        else:
            dims = [d for d in range(x.dim()) if d != axis] if self.batch else [axis]
            mean = x.mean(dim=dims, keepdim=True)
            var = x.var(dim=dims, keepdim=True, unbiased=False)
            if self.batch:
                with torch.no_grad():
                    m = self.momentum
                    self.moving_mean.mul_(m).add_((1 - m) * mean.reshape(-1))
                    self.moving_variance.mul_(m).add_((1 - m) * var.reshape(-1))
        y = (x - mean) / torch.sqrt(var + self.epsilon)
        if self.gamma is not None:
            y = y * self.gamma.view(shape)
        if self.beta is not None:
            y = y + self.beta.view(shape)
        return y
'''


def _torch(batch: bool) -> TorchForm:
    def module(ctx: Any) -> str:
        c = ctx.config
        size = ctx.in_shape[c["axis"] % len(ctx.in_shape)]
        extra = f", momentum={c['momentum']}" if batch else ""
        return (
            f"KerasNormalization({size}, epsilon={c['epsilon']}, center={c['center']}, scale={c['scale']}, "
            f"batch={batch}{extra})"
        )

    state = {name: (name, None, None) for name in ("gamma", "beta", "moving_mean", "moving_variance")}
    return TorchForm(
        module=module,
        expr=lambda ctx: f"self.{ctx.attr}({ctx.x}, {ctx.dim(ctx.config['axis'])})",
        state=state if batch else {k: v for k, v in state.items() if not k.startswith("moving")},
        layout="any",
        helpers=(_TORCH_HELPER,),
    )


def _axis(value: Any, where: str) -> Any:
    """Keras saves a LayerNormalization axis as a list ([-1]); Layerwire normalizes one axis."""
    if isinstance(value, list):
        if len(value) != 1:
            raise fail(where, Message("one axis (Layerwire normalizes over a single axis)"), value)
        return value[0]
    return value


def _read(batch: bool) -> Callable[[KerasFields], dict[str, Any]]:
    def read(f: KerasFields) -> dict[str, Any]:
        values = {
            "axis": _axis(f.take("axis", -1), f.where("axis")),
            "epsilon": f.take("epsilon", 1e-3),
            "center": f.take("center", True),
            "scale": f.take("scale", True),
        }
        f.initializer("beta_initializer", "zeros", only="zeros")
        f.initializer("gamma_initializer", "ones", only="ones")
        f.no_extras("beta", "gamma")
        if batch:
            values["momentum"] = f.take("momentum", 0.99)
            f.initializer("moving_mean_initializer", "zeros", only="zeros")
            f.initializer("moving_variance_initializer", "ones", only="ones")
            f.expect("synchronized", (False,), Message("Layerwire trains on one device"))
            f.expect("renorm", (False,), Message("Layerwire has no batch renormalization"))
            f.expect("renorm_clipping", (None,), Message("Layerwire has no batch renormalization"))
            f.take("renorm_momentum")  # unused without renorm
        else:
            f.expect("rms_scaling", (False,), Message("Layerwire has no RMS scaling"))
        return values

    return read


def _batch_write(name: str, c: Config) -> dict[str, Any]:
    return {
        **base_config(name),
        "axis": c["axis"],
        "momentum": c["momentum"],
        "epsilon": c["epsilon"],
        "center": c["center"],
        "scale": c["scale"],
        "beta_initializer": initializer_config("zeros"),
        "gamma_initializer": initializer_config("ones"),
        "moving_mean_initializer": initializer_config("zeros"),
        "moving_variance_initializer": initializer_config("ones"),
        **nulls("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"),
        "synchronized": False,
        "renorm": False,
        "renorm_clipping": None,
        "renorm_momentum": 0.99,
    }


def _layer_write(name: str, c: Config) -> dict[str, Any]:
    return {
        **base_config(name),
        "axis": [c["axis"]],
        "epsilon": c["epsilon"],
        "center": c["center"],
        "scale": c["scale"],
        "rms_scaling": False,
        "beta_initializer": initializer_config("zeros"),
        "gamma_initializer": initializer_config("ones"),
        **nulls("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"),
    }


BATCH_NORMALIZATION = register(
    LayerType(
        name="BatchNormalization",
        category="Normalization",
        base_name="batch_normalization",
        fields=(
            Field("axis", "axis", -1),
            Field("momentum", "float", 0.99, minimum=0.0, maximum=1.0),
            Field("epsilon", "float", 1e-3, minimum=1e-12, maximum=1.0),
            Field("center", "bool", True),
            Field("scale", "bool", True),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_norm_shape("BatchNormalization"),
        weight_rule=_norm_weights(
            (
                ("gamma", True, "ones", "scale"),
                ("beta", True, "zeros", "center"),
                ("moving_mean", False, "zeros", ""),
                ("moving_variance", False, "ones", ""),
            )
        ),
        forward=_forward(batch=True),
        keras=KerasForm(read=_read(batch=True), write=_batch_write, call_kwargs={"mask": None}),
        onnx=_onnx(batch=True),
        torch=_torch(batch=True),
        look=Look(_COLOUR, "BN"),
        formula="y = γ · (x − μ) / √(σ² + ε) + β",
    )
)

LAYER_NORMALIZATION = register(
    LayerType(
        name="LayerNormalization",
        category="Normalization",
        base_name="layer_normalization",
        fields=(
            Field("axis", "axis", -1),
            Field("epsilon", "float", 1e-3, minimum=1e-12, maximum=1.0),
            Field("center", "bool", True),
            Field("scale", "bool", True),
        ),
        min_inputs=1,
        max_inputs=1,
        shape_rule=_norm_shape("LayerNormalization"),
        weight_rule=_norm_weights((("gamma", True, "ones", "scale"), ("beta", True, "zeros", "center"))),
        forward=_forward(batch=False),
        keras=KerasForm(read=_read(batch=False), write=_layer_write),
        onnx=_onnx(batch=False),
        torch=_torch(batch=False),
        look=Look(_COLOUR, "LN"),
        formula="y = γ · (x − mean(x)) / √(var(x) + ε) + β",
    )
)
