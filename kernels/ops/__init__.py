"""One op per layer family: its numba kernels, its plan entry and its kernel calls.

    core            Dense (fused matmul, bias, activation; the update in its backward pass), Activation
    embedding       Embedding (rows copied; the table's gradient as a scatter-add)
    convolution     Conv1D, Conv2D, Conv2DTranspose (gathered products), DepthwiseConv2D, SeparableConv2D
    pooling         Max/AveragePooling1D/2D, Global Max/AveragePooling1D/2D
    recurrent       SimpleRNN, LSTM, GRU (forward and backward through time)
    reshaping       Flatten, Reshape (views), ZeroPadding, Cropping, UpSampling
    merging         Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate
    normalization   BatchNormalization, LayerNormalization
    regularization  Dropout, SpatialDropout1D/2D
    wrappers        Bidirectional (a recurrent layer's kernels both ways, merged), TimeDistributed (the Dense op)

:data:`OPS` holds the op of every layer type of :data:`graph_core.layers.REGISTRY`; the
planner and the executor look types up here and name none (see :mod:`kernels.ops.base`).
"""

from __future__ import annotations

from graph_core import layers
from kernels.ops import (
    convolution,
    core,
    embedding,
    merging,
    normalization,
    pooling,
    recurrent,
    regularization,
    reshaping,
    wrappers,
)
from kernels.ops.base import BindCall, Op, PlanCall, Source, View

OPS: dict[str, Op] = {"InputLayer": Source()}
for _family in (core, embedding, convolution, pooling, recurrent, reshaping, merging, normalization, regularization,
                wrappers):  # fmt: skip
    OPS.update(_family.OPS)


def op_for(type_name: str) -> Op:
    """The op of a registered layer type."""
    try:
        return OPS[type_name]
    except KeyError:  # pragma: no cover - tests/kernels/test_ops.py checks every registered type has one
        raise NotImplementedError(f"the training engine has no kernels for {layers.get(type_name).name}") from None


__all__ = ["OPS", "BindCall", "Op", "PlanCall", "Source", "View", "op_for"]
