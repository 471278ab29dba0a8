"""Small models for the executor tests: every layer type, fan-out, shared layers, several inputs/outputs."""

from __future__ import annotations

import numpy as np

from graph_core.builder import ModelBuilder
from graph_core.graph import Graph
from graph_core.model import ensure_weights
from kernels.plan import LossSpec


def chain() -> tuple[Graph, list[LossSpec]]:
    """Dense, BatchNorm, Dropout, LayerNorm, Activation, softmax + cross-entropy (fused)."""
    b = ModelBuilder("chain")
    x = b.input((6,))
    x = b.add("Dense", x, units=8, activation="tanh")
    x = b.add("BatchNormalization", x)
    x = b.add("Dropout", x, rate=0.3, seed=7)
    x = b.add("Dense", x, units=7, activation="gelu", use_bias=False)
    x = b.add("LayerNormalization", x)
    x = b.add("Activation", x, activation="selu")
    b.add("Dense", x, units=3, activation="softmax")
    return b.done(layout=False), [LossSpec("categorical_crossentropy")]


def merges() -> tuple[Graph, list[LossSpec]]:
    """One input fanning out to every merge layer; Add(x, x) reads one node twice."""
    b = ModelBuilder("merges")
    x = b.input((5,))
    p = b.add("Dense", x, units=4, activation="relu")
    q = b.add("Dense", x, units=4, activation="sigmoid")
    r = b.add("Dense", x, units=4, activation="softsign")
    parts = [
        b.add("Add", p, q, r),
        b.add("Subtract", p, q),
        b.add("Multiply", p, q, r),
        b.add("Multiply", q, r),
        b.add("Average", p, r),
        b.add("Maximum", p, q, r),
        b.add("Minimum", q, r),
        b.add("Add", q, q),
    ]
    y = b.add("Concatenate", *parts)
    b.add("Dense", y, units=2)
    return b.done(layout=False), [LossSpec("mse")]


def shared_multi() -> tuple[Graph, list[LossSpec]]:
    """Two inputs through one shared Dense; two outputs (sparse CE from logits, BCE + sigmoid fused)."""
    b = ModelBuilder("shared")
    x1 = b.input((4,), name="left")
    x2 = b.input((4,), name="right")
    d1 = b.add("Dense", x1, units=3, activation="elu", name="shared")
    d2 = b.call("shared", x2)
    c = b.add("Concatenate", d1, d2)
    b.add("Dense", c, units=3, name="classes")
    m = b.add("Multiply", d1, d2)
    b.add("Dense", m, units=1, activation="sigmoid", name="flag")
    return b.done(layout=False), [LossSpec("sparse_categorical_crossentropy", True), LossSpec("binary_crossentropy")]


def rank3() -> tuple[Graph, list[LossSpec]]:
    """Dense on rank 3, BN on axis 1, LN on axis -1, Reshape, Concatenate on axis 1, Flatten, huber."""
    b = ModelBuilder("rank3")
    x = b.input((3, 4))
    h = b.add("Dense", x, units=5, activation="relu")
    h = b.add("BatchNormalization", h, axis=1)
    h = b.add("LayerNormalization", h, axis=-1, center=False)
    s = b.add("Reshape", h, target_shape=(5, 3))
    t = b.add("Dense", s, units=3, activation="tanh")
    c = b.add("Concatenate", s, t, axis=1)
    c = b.add("Activation", c, activation="linear")
    f = b.add("Flatten", c)
    b.add("Dense", f, units=2, activation="softplus")
    return b.done(layout=False), [LossSpec("huber")]


def output_fanout() -> tuple[Graph, list[LossSpec]]:
    """An output that also feeds another layer; a standalone softmax Activation output."""
    b = ModelBuilder("fanout")
    x = b.input((3,))
    h = b.add("Dense", x, units=4, activation="mish", name="hidden")
    z = b.add("Dense", h, units=3, name="logits")
    b.add("Activation", z, activation="softmax", name="probs")
    b.outputs(h, b.graph.output_nodes()[0])
    return b.done(layout=False), [LossSpec("mae"), LossSpec("sparse_categorical_crossentropy")]


def convnet() -> tuple[Graph, list[LossSpec]]:
    """Conv2D valid and strided same, MaxPooling same, BN on channels, global average, softmax + CE (fused)."""
    b = ModelBuilder("convnet")
    x = b.input((7, 7, 2))
    h = b.add("Conv2D", x, filters=3, kernel_size=3, activation="relu")
    h = b.add("MaxPooling2D", h, pool_size=2, strides=1, padding="same")
    h = b.add("Conv2D", h, filters=4, kernel_size=(2, 3), strides=2, padding="same", activation="tanh")
    h = b.add("BatchNormalization", h)
    h = b.add("GlobalAveragePooling2D", h)
    b.add("Dense", h, units=3, activation="softmax")
    return b.done(layout=False), [LossSpec("categorical_crossentropy")]


def transposed() -> tuple[Graph, list[LossSpec]]:
    """Conv2DTranspose (strided same, valid with output_padding), Cropping, ZeroPadding, UpSampling, AveragePooling."""
    b = ModelBuilder("transposed")
    x = b.input((3, 4, 2))
    h = b.add("Conv2DTranspose", x, filters=3, kernel_size=3, strides=2, padding="same", activation="relu")
    h = b.add("Conv2DTranspose", h, filters=2, kernel_size=(2, 3), strides=(1, 2), output_padding=(0, 1),
              activation="sigmoid")  # fmt: skip
    h = b.add("Cropping2D", h, cropping=((1, 0), (0, 2)))
    h = b.add("ZeroPadding2D", h, padding=((0, 1), (2, 0)))
    h = b.add("UpSampling2D", h, size=(1, 2))
    h = b.add("AveragePooling2D", h, pool_size=(2, 3), strides=(1, 2), padding="same")
    f = b.add("Flatten", h)
    b.add("Dense", f, units=2)
    return b.done(layout=False), [LossSpec("mse")]


def depthwise() -> tuple[Graph, list[LossSpec]]:
    """DepthwiseConv2D (multiplier 2, same), SeparableConv2D (dilated, valid), SpatialDropout2D, global max."""
    b = ModelBuilder("depthwise")
    x = b.input((6, 5, 3))
    h = b.add("DepthwiseConv2D", x, kernel_size=3, depth_multiplier=2, padding="same", activation="sigmoid")
    h = b.add("SeparableConv2D", h, filters=4, kernel_size=2, dilation_rate=2, activation="relu")
    h = b.add("SpatialDropout2D", h, rate=0.3, seed=3)
    h = b.add("GlobalMaxPooling2D", h)
    b.add("Dense", h, units=2, activation="sigmoid")
    return b.done(layout=False), [LossSpec("binary_crossentropy")]


def sequence() -> tuple[Graph, list[LossSpec]]:
    """Conv1D causal dilated and strided same, pooling, UpSampling1D, ZeroPadding1D, Cropping1D, SpatialDropout1D."""
    b = ModelBuilder("sequence")
    x = b.input((9, 3))
    h = b.add("Conv1D", x, filters=4, kernel_size=3, padding="causal", dilation_rate=2, activation="elu")
    h = b.add("Conv1D", h, filters=3, kernel_size=2, strides=2, padding="same")
    h = b.add("MaxPooling1D", h, pool_size=2)
    h = b.add("UpSampling1D", h, size=3)
    h = b.add("ZeroPadding1D", h, padding=(1, 2))
    h = b.add("Cropping1D", h, cropping=(2, 1))
    h = b.add("SpatialDropout1D", h, rate=0.4, seed=5)
    h = b.add("AveragePooling1D", h, pool_size=3, strides=1, padding="same")
    h = b.add("GlobalMaxPooling1D", h, keepdims=True)
    f = b.add("Flatten", h)
    b.add("Dense", f, units=2)
    return b.done(layout=False), [LossSpec("huber")]


def shared_conv() -> tuple[Graph, list[LossSpec]]:
    """One Conv2D called on two images, their sum, a depthwise pass; per-pixel softmax + sparse CE (fused)."""
    b = ModelBuilder("shared_conv")
    left = b.input((5, 5, 2), name="left")
    right = b.input((5, 5, 2), name="right")
    a = b.add("Conv2D", left, filters=3, kernel_size=2, padding="same", activation="relu", name="shared")
    c = b.call("shared", right)
    s = b.add("Add", a, c)
    d = b.add("DepthwiseConv2D", s, kernel_size=2, strides=2, padding="same", use_bias=False)
    p = b.add("Concatenate", d, b.add("AveragePooling2D", s, pool_size=2, padding="same"))
    b.add("Conv2D", p, filters=3, kernel_size=1, activation="softmax", name="classes")
    return b.done(layout=False), [LossSpec("sparse_categorical_crossentropy")]


def winograd() -> tuple[Graph, list[LossSpec]]:
    """3×3 convolutions with 8 or more channels (Winograd's tiles), same and valid, odd and even sizes, shared;
    F(4×4, 3×3) on the 8×7 outputs, F(2×2, 3×3) on the 6×5 ones (and the input's gradient of each: 8×7 -> F(4×4),
    6×5 -> F(2×2), the forward transform turned round)."""
    b = ModelBuilder("winograd")
    x = b.input((8, 7, 3))
    h = b.add("Conv2D", x, filters=8, kernel_size=1)
    a = b.add("Conv2D", h, filters=8, kernel_size=3, padding="same", activation="relu", name="same")
    s = b.add("Add", a, b.call("same", a))  # a shared 3×3 layer: its kernel's gradient sums two calls
    v = b.add("Conv2D", s, filters=9, kernel_size=3, activation="gelu")  # 6×5: an odd number of columns
    w = b.add("Conv2D", v, filters=10, kernel_size=3, padding="same", use_bias=False)
    g = b.add("GlobalAveragePooling2D", w)
    b.add("Dense", g, units=3, activation="softmax")
    return b.done(layout=False), [LossSpec("categorical_crossentropy")]


def recurrent() -> tuple[Graph, list[LossSpec]]:
    """Token ids through an Embedding into LSTM (sequences) -> GRU (backwards) and SimpleRNN (relu), concatenated;
    20 units (gates of 80 and 60 columns: the vector loops' tails and a product tile's masked lanes)."""
    b = ModelBuilder("recurrent")
    ids = b.add("InputLayer", shape=(7,), dtype="int32")
    e = b.add("Embedding", ids, input_dim=30, output_dim=5)
    h = b.add("LSTM", e, units=20, return_sequences=True)
    g = b.add("GRU", h, units=20, go_backwards=True)
    r = b.add("SimpleRNN", h, units=20, activation="relu")
    b.add("Dense", b.add("Concatenate", g, r), units=3)
    return b.done(layout=False), [LossSpec("sparse_categorical_crossentropy", from_logits=True)]


def wrappers() -> tuple[Graph, list[LossSpec]]:
    """A GRU read both ways, multiplied, called on two sequences (its weights shared); an LSTM read both ways
    concatenated; a TimeDistributed softmax Dense tagging every step (sparse CE on probabilities: fused)."""
    b = ModelBuilder("wrappers")
    left, right = b.input((6, 3), name="left"), b.input((6, 3), name="right")
    g = b.add("Bidirectional", left, layer="GRU", units=5, return_sequences=True, merge_mode="mul", name="shared")
    h = b.add("Add", g, b.call("shared", right))
    h = b.add("Bidirectional", h, units=4, return_sequences=True)
    b.add("TimeDistributed", h, units=3, activation="softmax")
    return b.done(layout=False), [LossSpec("sparse_categorical_crossentropy")]


def states() -> tuple[Graph, list[LossSpec]]:
    """Recurrent layers giving their states and starting from them: an LSTM encoder read backwards (its output
    unused) starts an LSTM decoder, whose final h starts a SimpleRNN through a Dense; a GRU's output and its
    state (the same numbers) are both read, the state as an output of the model; the decoder's c is unused."""
    b = ModelBuilder("states")
    x, d = b.input((5, 3), name="x"), b.input((4, 2), name="d")
    enc = b.add("LSTM", x, units=4, return_state=True, go_backwards=True, name="enc")
    dec = b.add("LSTM", d, (enc, 1), (enc, 2), units=4, return_sequences=True, return_state=True, name="dec")
    g = b.add("GRU", dec, units=3, return_state=True, name="gru")
    h0 = b.add("Dense", (dec, 1), units=5, activation="tanh", name="h0")
    r = b.add("SimpleRNN", d, h0, units=5, return_state=True, name="rnn")
    top = b.add("Dense", b.add("Concatenate", (g, 0), (r, 0), (r, 1)), units=3, name="top")
    seq = b.add("Dense", dec, units=2, name="seq")
    b.graph.set_outputs([seq, (g, 1), top])
    losses = [LossSpec("mse"), LossSpec("mse"), LossSpec("sparse_categorical_crossentropy", from_logits=True)]
    return b.done(layout=False), losses


ALL = {"chain": chain, "merges": merges, "shared_multi": shared_multi, "rank3": rank3, "output_fanout": output_fanout,
       "convnet": convnet, "transposed": transposed, "depthwise": depthwise, "sequence": sequence,
       "shared_conv": shared_conv, "winograd": winograd, "recurrent": recurrent, "wrappers": wrappers,
       "states": states}  # fmt: skip


def data(graph: Graph, losses: list[LossSpec], batch: int, seed: int = 0) -> tuple[dict, dict]:
    """Random inputs and targets that fit ``graph``."""
    from graph_core import reference
    from graph_core.model import input_names, output_names

    rng = np.random.default_rng(seed)
    analysis = graph.analysis()
    from tests.random_graphs import sample_input

    xs = {name: sample_input(graph, n, batch, rng) for n, name in zip(analysis.inputs, input_names(graph), strict=True)}
    ys = {}
    names = output_names(graph)
    shapes = [analysis.shape_of(v) for v in analysis.output_values]
    open_sizes = any(None in shape[1:] for shape in shapes)
    given = reference.forward(graph, xs) if open_sizes else {}  # sizes left open: the outputs' for this data
    for declared, name, loss in zip(shapes, names, losses, strict=True):
        shape = given[name].shape[1:] if name in given else declared[1:]
        if loss.name == "sparse_categorical_crossentropy":
            ys[name] = rng.integers(0, shape[-1], (batch, *shape[:-1])).astype(np.int32)
        elif loss.name == "categorical_crossentropy":
            ys[name] = np.eye(shape[-1], dtype=np.float32)[rng.integers(0, shape[-1], (batch, *shape[:-1]))]
        elif loss.name == "binary_crossentropy":
            ys[name] = rng.integers(0, 2, (batch, *shape)).astype(np.float32)
        else:
            ys[name] = rng.standard_normal((batch, *shape)).astype(np.float32)
    return xs, ys


def weighted(graph: Graph, seed: int = 0) -> Graph:
    ensure_weights(graph, seed=seed)
    rng = np.random.default_rng(seed + 1)
    for layer in graph.layers.values():  # make BN/LN weights non-trivial
        for name, w in layer.weights.items():
            if name in ("gamma", "beta", "bias"):
                w[...] = rng.uniform(0.5, 1.5, w.shape) if name == "gamma" else rng.uniform(-0.3, 0.3, w.shape)
            if name == "moving_variance":
                w[...] = rng.uniform(0.5, 2.0, w.shape)
            if name == "moving_mean":
                w[...] = rng.uniform(-0.5, 0.5, w.shape)
    return graph
