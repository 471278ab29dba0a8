"""The layer registry: one entry per layer type, each defined once in its family's module.

    core            InputLayer, Dense, Activation
    embedding       Embedding
    recurrent       SimpleRNN, LSTM, GRU
    convolution     Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D
    pooling         Max/AveragePooling1D/2D, Global Max/AveragePooling1D/2D
    reshaping       Flatten, Reshape, ZeroPadding1D/2D, Cropping1D/2D, UpSampling1D/2D
    merging         Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate
    normalization   BatchNormalization, LayerNormalization
    regularization  Dropout, SpatialDropout1D/2D
    wrappers        Bidirectional (SimpleRNN, LSTM or GRU both ways), TimeDistributed (Dense on every step)
    models          Functional: a model called as a layer (not in the palette: see NESTED)

:mod:`graph_core.layers.base` says what a type holds (:class:`LayerType`): its config
fields, shape and weight rules, and the hooks every format and view calls. Importing
this package registers every type in :data:`REGISTRY`.
"""

from graph_core.layers import (
    convolution,
    core,
    embedding,
    merging,
    models,
    normalization,
    pooling,
    recurrent,
    regularization,
    reshaping,
    wrappers,
)
from graph_core.layers.base import (
    CATEGORIES,
    INITIALIZERS,
    MAX_DIM,
    MAX_RANK,
    NESTED,
    REGISTRY,
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    ShapeError,
    TorchForm,
    VarsGroup,
    WeightSpec,
    format_shape,
    get,
    register,
)

FAMILIES = (core, embedding, convolution, pooling, recurrent, reshaping, merging, normalization, regularization,
            wrappers, models)  # fmt: skip

# Types in palette order (by group, then as each family defines them), whatever order the families were imported in.
_ordered = sorted(REGISTRY.values(), key=lambda t: CATEGORIES.index(t.category))
REGISTRY.clear()
REGISTRY.update((t.name, t) for t in _ordered)
del _ordered

__all__ = [
    "CATEGORIES",
    "FAMILIES",
    "INITIALIZERS",
    "MAX_DIM",
    "MAX_RANK",
    "NESTED",
    "REGISTRY",
    "Config",
    "Field",
    "KerasForm",
    "LayerType",
    "Look",
    "Shape",
    "ShapeError",
    "TorchForm",
    "VarsGroup",
    "WeightSpec",
    "format_shape",
    "get",
    "register",
]
