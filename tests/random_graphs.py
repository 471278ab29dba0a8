"""Random valid graphs that use every layer type, for tests that compare implementations.

``random_graph(seed)`` gives a graph with one to three inputs (some, for one seed in three,
leading to no output, as Keras allows) — vectors, sequences
``(steps, channels)`` or images ``(rows, columns, channels)`` — and layers chosen among
those that fit each node's rank: merges, concatenations on several axes, convolutions with
every padding, strides and dilations, pooling, padding, cropping and upsampling, a shared
layer when one fits, every activation over enough seeds, and weights (BatchNormalization's
moving statistics made non-trivial).
"""

from __future__ import annotations

import numpy as np

from graph_core import activations
from graph_core.builder import ModelBuilder
from graph_core.graph import Graph
from graph_core.model import ensure_weights

MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
# Activations that keep values in a range where float32 comparisons stay meaningful.
ACTIVATIONS = tuple(a for a in activations.NAMES if a != "exponential") + ("exponential",)
ANY_RANK = ("Dense", "Activation", "Dropout", "BatchNormalization", "LayerNormalization", "Flatten", "Reshape",
            "merge", "Concatenate", "shared")  # fmt: skip
SEQUENCE = ("Conv1D", "pool1d", "global1d", "UpSampling1D", "ZeroPadding1D", "Cropping1D", "SpatialDropout1D")
IMAGE = ("Conv2D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "pool2d", "global2d", "UpSampling2D",
         "ZeroPadding2D", "Cropping2D", "SpatialDropout2D")  # fmt: skip
#: Spatial sizes stay at most this, so the graphs stay quick to run everywhere.
LARGEST = 10


def _input_shape(rng: np.random.Generator) -> tuple[int, ...]:
    kind = rng.integers(3)
    if kind == 0:
        return tuple(int(d) for d in rng.integers(2, 6, size=rng.integers(1, 3)))
    if kind == 1:
        return (int(rng.integers(4, 9)), int(rng.integers(1, 4)))
    return (int(rng.integers(4, 8)), int(rng.integers(4, 8)), int(rng.integers(1, 4)))


def _window(rng: np.random.Generator, sizes: tuple[int, ...], conv: bool, causal: bool = False) -> dict | None:
    """Window settings (kernel or pool size, strides, padding, dilation) that fit ``sizes``, or None."""
    rank = len(sizes)
    padding = str(rng.choice(["valid", "same", "causal"] if causal else ["valid", "same"]))
    kernel = tuple(int(k) for k in rng.integers(1, 4, size=rank))
    strides = tuple(int(s) for s in rng.integers(1, 3, size=rank)) if rng.random() < 0.4 else (1,) * rank
    dilation = (1,) * rank
    if conv and max(strides) == 1 and rng.random() < 0.3:
        dilation = tuple(int(d) for d in rng.integers(1, 3, size=rank))
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, dilation)]
    if padding == "valid" and any(span > n for span, n in zip(spans, sizes)):
        return None
    return {"kernel": kernel, "strides": strides, "padding": padding, "dilation": dilation}


def _spatial_layer(b: ModelBuilder, rng: np.random.Generator, kind: str, src: int, shape: tuple) -> int | None:
    """A layer of a sequence or image family on ``src``, or None when none fits."""
    sizes = tuple(shape[1:-1])
    rank = len(sizes)
    if kind in ("Conv1D", "Conv2D", "DepthwiseConv2D", "SeparableConv2D"):
        w = _window(rng, sizes, conv=True, causal=kind == "Conv1D")
        if w is None:
            return None
        act = str(rng.choice(["relu", "tanh", "linear", "sigmoid"]))
        common = dict(kernel_size=w["kernel"], strides=w["strides"], padding=w["padding"], dilation_rate=w["dilation"],
                      activation=act, use_bias=bool(rng.integers(2)))  # fmt: skip
        if kind == "DepthwiseConv2D":
            return b.add(kind, src, depth_multiplier=int(rng.integers(1, 3)), **common)
        if kind == "SeparableConv2D":
            return b.add(kind, src, filters=int(rng.integers(1, 5)), depth_multiplier=int(rng.integers(1, 3)), **common)
        return b.add(kind, src, filters=int(rng.integers(1, 5)), **common)
    if kind == "Conv2DTranspose":
        if max(sizes) > 6:
            return None
        kernel = tuple(int(k) for k in rng.integers(1, 4, size=2))
        strides = tuple(int(s) for s in rng.integers(1, 3, size=2))
        dilation = (1, 1) if max(strides) > 1 or rng.random() < 0.7 else (2, 2)
        padding = str(rng.choice(["valid", "same"]))
        output_padding = None
        if max(strides) > 1 and rng.random() < 0.4:
            output_padding = tuple(int(rng.integers(0, s)) for s in strides)
        return b.add(kind, src, filters=int(rng.integers(1, 5)), kernel_size=kernel, strides=strides, padding=padding,
                     dilation_rate=dilation, output_padding=output_padding, activation="tanh")  # fmt: skip
    if kind.startswith("pool"):
        w = _window(rng, sizes, conv=False)
        if w is None:
            return None
        strides = None if rng.random() < 0.5 else w["strides"]
        name = f"{rng.choice(['Max', 'Average'])}Pooling{rank}D"
        return b.add(name, src, pool_size=w["kernel"], strides=strides, padding=w["padding"])
    if kind.startswith("global"):
        name = f"Global{rng.choice(['Max', 'Average'])}Pooling{rank}D"
        return b.add(name, src, keepdims=bool(rng.random() < 0.3))
    if kind.startswith("UpSampling"):
        size = tuple(int(s) for s in rng.integers(1, 3, size=rank))
        if any(n * s > LARGEST for n, s in zip(sizes, size)):
            return None
        return b.add(kind, src, size=size)
    if kind.startswith("ZeroPadding"):
        pairs = tuple((int(a), int(c)) for a, c in rng.integers(0, 3, size=(rank, 2)))
        if any(n + a + c > LARGEST for n, (a, c) in zip(sizes, pairs)):
            return None
        return b.add(kind, src, padding=pairs[0] if rank == 1 else pairs)
    if kind.startswith("Cropping"):
        pairs = tuple((int(a), int(c)) for a, c in rng.integers(0, 2, size=(rank, 2)))
        if any(a + c >= n for n, (a, c) in zip(sizes, pairs)):
            return None
        return b.add(kind, src, cropping=pairs[0] if rank == 1 else pairs)
    if kind.startswith("SpatialDropout"):
        return b.add(kind, src, rate=float(rng.choice([0.0, 0.3])))
    raise AssertionError(kind)


def random_graph(seed: int, steps: int = 9, tokens: bool = True) -> Graph:
    """A random valid graph (see the module docstring); ``tokens``: for one seed in five, an Input of token ids read
    by an Embedding besides."""
    rng = np.random.default_rng(seed)
    b = ModelBuilder(f"random_{seed}")
    g = b.graph

    def shape(n: int) -> tuple:
        s = g.analysis().shapes[n]
        assert s is not None
        return s

    nodes = [b.input(_input_shape(rng)) for _ in range(rng.integers(1, 4))]
    for step in range(steps):
        # Mostly build on recent nodes, so graphs grow deep as well as wide.
        src = (
            nodes[-1 - int(rng.integers(min(3, len(nodes))))] if rng.random() < 0.7 else nodes[rng.integers(len(nodes))]
        )
        rank = len(shape(src))
        spatial = SEQUENCE if rank == 3 else IMAGE if rank == 4 else ()
        kind = str(rng.choice(spatial)) if spatial and rng.random() < 0.6 else str(rng.choice(ANY_RANK))
        act = str(ACTIVATIONS[(seed * 7 + step) % len(ACTIVATIONS)])
        new: int | None
        if kind in SEQUENCE or kind in IMAGE:
            new = _spatial_layer(b, rng, kind, src, shape(src))
        elif kind == "Dense":
            new = b.add("Dense", src, units=int(rng.integers(1, 7)), activation=act, use_bias=bool(rng.integers(2)))
        elif kind == "Activation":
            new = b.add("Activation", src, activation=act)
        elif kind in ("Dropout", "LayerNormalization", "BatchNormalization", "Flatten"):
            new = b.add(kind, src)
        elif kind == "Reshape":
            size = int(np.prod(shape(src)[1:]))
            target = (-1,) if size % 2 else (2, -1)
            new = b.add("Reshape", src, target_shape=target)
        elif kind == "merge":
            same = [n for n in nodes if n != src and shape(n) == shape(src)]
            other = (
                same[rng.integers(len(same))] if same else b.add("Dense", src, units=shape(src)[-1], activation="tanh")
            )
            op = str(MERGES[(seed + step) % len(MERGES)])
            extra = [src] if op not in ("Subtract",) and rng.integers(2) else []
            new = b.add(op, src, other, *extra)
        elif kind == "Concatenate":
            axis = int(rng.integers(1, rank)) if rank > 2 else -1
            other = b.add("Dense", src, units=shape(src)[-1] if axis != -1 else int(rng.integers(1, 5)))
            new = b.add("Concatenate", src, other, axis=axis)
        else:  # call an existing Dense layer again on a node of a fitting width
            fits = []
            for name, layer in g.layers.items():
                if layer.type != "Dense":
                    continue
                first_input = g.sources_of(g.nodes_of_layer(name)[0])[0]
                for n in nodes:
                    if n != first_input and shape(n)[-1] == shape(first_input)[-1]:
                        fits.append((name, n))
            if not fits:
                continue
            name, n = fits[rng.integers(len(fits))]
            new = b.call(name, n)
        if new is not None:
            nodes.append(new)
    if tokens and seed % 5 == 2:  # token ids: an Input of whole numbers (int32 for odd seeds), an Embedding, a pooling
        ids_rng = np.random.default_rng(seed + 3000)
        dtype = "int32" if seed % 2 else "float32"
        ids = b.add("InputLayer", name="tokens", shape=(int(ids_rng.integers(2, 7)),), dtype=dtype)
        vectors = b.add(
            "Embedding", ids, input_dim=int(ids_rng.integers(3, 30)), output_dim=int(ids_rng.integers(1, 6))
        )
        nodes.append(
            b.add("GlobalAveragePooling1D", vectors) if seed % 3 == 0 else _recurrent(b, ids_rng, vectors, act)
        )
    vectors = [n for n in nodes if len(shape(n)) == 2]
    if seed % 7 == 5 and vectors:  # a vector repeated into a sequence, its axes swapped
        steps_rng = np.random.default_rng(seed + 5000)
        repeated = b.add("RepeatVector", vectors[-1], n=int(steps_rng.integers(1, 4)))
        nodes += [repeated, b.add("Permute", repeated, dims=(2, 1))]
    sequences = [n for n in nodes if len(shape(n)) == 3]
    if seed % 5 == 4 and sequences:  # a recurrent layer on one of the graph's sequences
        nodes.append(_recurrent(b, np.random.default_rng(seed + 4000), sequences[-1], act))
    if seed % 4 == 1 and sequences:  # a recurrent layer run both ways, or a Dense on every step
        wrap_rng = np.random.default_rng(seed + 6000)
        src = sequences[int(wrap_rng.integers(len(sequences)))]
        if seed % 8 == 1:
            nodes.append(_recurrent(b, wrap_rng, src, act, bidirectional=True))
        else:
            nodes.append(b.add("TimeDistributed", src, units=int(wrap_rng.integers(1, 5)), activation=act,
                               use_bias=bool(wrap_rng.integers(2))))  # fmt: skip
    # Keras takes inputs that lead to no output; one seed in three keeps them so (the others give
    # them a Dense of their own, which makes another output).
    if seed % 3 != 1:
        for n in g.input_nodes():
            if not g.wires_out(n):
                b.add("Dense", n, units=2)
    graph = b.done(layout=False)
    ensure_weights(graph, seed=seed)
    for layer in graph.layers.values():
        if layer.type == "BatchNormalization":
            size = layer.weights["moving_mean"].shape[0]
            layer.weights["moving_mean"] = rng.normal(0, 0.3, size).astype(np.float32)
            layer.weights["moving_variance"] = rng.uniform(0.5, 2.0, size).astype(np.float32)
            layer.weights["gamma"] = rng.uniform(0.5, 1.5, size).astype(np.float32)
            layer.weights["beta"] = rng.normal(0, 0.1, size).astype(np.float32)
    assert graph.analysis().valid, graph.analysis().problems
    return graph


def _recurrent(b: ModelBuilder, rng: np.random.Generator, src: int, act: str, bidirectional: bool = False) -> int:
    """A SimpleRNN, LSTM or GRU with random settings (``act`` its activation for one in three); ``bidirectional``:
    wrapped in a Bidirectional with a random merge mode."""
    kind = ("SimpleRNN", "LSTM", "GRU")[int(rng.integers(3))]
    config = {"units": int(rng.integers(1, 5)), "return_sequences": bool(rng.integers(2)),
              "go_backwards": bool(rng.integers(2)), "use_bias": bool(rng.random() < 0.8)}  # fmt: skip
    if rng.random() < 0.3 and act not in ("softmax", "log_softmax", "exponential"):
        config["activation"] = act
    if bidirectional:  # the layer reads forward, its copy backwards
        del config["go_backwards"]
        mode = ("concat", "sum", "mul", "ave")[int(rng.integers(4))]
        return b.add("Bidirectional", src, layer=kind, merge_mode=mode, **config)
    return b.add(kind, src, **config)


def random_inputs(graph: Graph, batch: int = 4, seed: int = 0) -> dict[str, np.ndarray]:
    from graph_core.model import input_names

    rng = np.random.default_rng(seed)
    analysis = graph.analysis()
    return {name: sample_input(graph, n, batch, rng, 0.7) for n, name in zip(analysis.inputs, input_names(graph))}


def sample_input(graph: Graph, node: int, batch: int, rng: np.random.Generator, scale: float = 1.0) -> np.ndarray:
    """Data for the Input ``node``: normal numbers, or token ids every Embedding reading it takes (int32 for an
    Input of ids, whole floats for a float Input)."""
    from graph_core.reference import embeddings_reading

    shape = (batch, *(6 if d is None else d for d in graph.analysis().shapes[node][1:]))  # any length: 6 steps
    readers = embeddings_reading(graph, node)
    if not readers:
        return rng.normal(0, scale, size=shape).astype(np.float32)
    ids = rng.integers(0, min(dim for _, dim in readers), size=shape)
    return ids.astype(np.float32 if graph.layer_of(node).config["dtype"] == "float32" else np.int32)


def keras_predict(model, inputs: dict[str, np.ndarray]) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    """A Keras model's outputs as a list, whatever its number of inputs and outputs."""
    arrays = list(inputs.values())
    got = model.predict(arrays if len(arrays) > 1 else arrays[0], verbose=0)
    return [np.asarray(v) for v in (got if isinstance(got, (list, tuple)) else [got])]


def assert_keras_summary(model, graph: Graph, expand_nested: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The Keras ``model``'s ``summary()`` is the text Layerwire prints for ``graph``."""
    from graph_core.summary import summary_text

    printed: list[str] = []
    model.summary(expand_nested=expand_nested, print_fn=lambda text, **_: printed.append(text))
    assert "".join(printed).rstrip("\n") == summary_text(graph, expand_nested=expand_nested).rstrip("\n")


def assert_matches_reference(graph: Graph, inputs: dict[str, np.ndarray], outputs) -> None:  # type: ignore[no-untyped-def]
    """``outputs`` (in output order) equal the numpy reference's, to float32 rounding."""
    from graph_core.model import output_names
    from graph_core.reference import forward

    expected = forward(graph, inputs)
    names = output_names(graph)
    assert len(outputs) == len(names)
    for name, value in zip(names, outputs):
        np.testing.assert_allclose(np.asarray(value), expected[name], rtol=1e-4, atol=1e-5, err_msg=name)


def random_nested_graph(seed: int) -> Graph:
    """An outer model that calls a random model as a layer: called once or twice (sharing its weights), for odd
    seeds nested twice (the outer model calls ``middle``, which calls ``inner``), and for every third seed with
    all of the random model's outputs (a call that gives several values, each read on)."""
    rng = np.random.default_rng(seed + 1000)
    inner = random_graph(seed, steps=5, tokens=False)
    outputs = inner.analysis().output_values
    keep = outputs if seed % 3 == 0 else (outputs[int(rng.integers(len(outputs)))],)
    inner.set_outputs(keep)
    inner.set_name("inner")
    shapes = [inner.analysis().shapes[n][1:] for n in inner.analysis().inputs]
    called = inner
    if seed % 2:
        m = ModelBuilder("middle")
        x = m.add("Functional", *(m.input(s, name=f"m{i}") for i, s in enumerate(shapes)), name="inner", model=inner)
        m.outputs(*(m.add("Dense", (x, k), units=3, activation="tanh") for k in range(len(keep))))
        called = m.done(layout=False)
    b = ModelBuilder(f"nested_{seed}")
    ins = [b.input(s, name=f"x{i}") for i, s in enumerate(shapes)]
    call = b.add("Functional", *ins, name=called.name, model=called)
    values: list = [(call, k) for k in range(len(keep))]
    if rng.random() < 0.6:
        again = b.call(called.name, *(b.add("Activation", x, activation="tanh") for x in ins))
        values = [b.add("Add", v, (again, k)) for k, v in enumerate(values)]
    b.outputs(*(b.add("Dense", v, units=2) for v in values))
    graph = b.done(layout=False)
    ensure_weights(graph, seed=seed)
    assert graph.analysis().valid, graph.analysis().problems
    return graph


def graph_calling_its_own_model(seed: int) -> Graph:
    """A random graph that names one of its values as a model (``part``: the graph's layers up to it) and calls
    that model as a layer on new Inputs (the layers shared with the graph), as ``encoder(img)`` calls the guide's
    encoder; for even seeds the graph's own branch is not among the model's outputs."""
    from graph_core.graph import ModelRef

    rng = np.random.default_rng(seed + 2000)
    graph = random_graph(seed, steps=6, tokens=False)
    values = [v for n in graph.analysis().order if graph.layer_of(n).type != "InputLayer" for v in [(n, 0)]]
    part = values[int(rng.integers(len(values)))]
    graph.set_models({"part": (part,)})
    own_outputs = graph.analysis().output_values
    b = ModelBuilder(graph=graph)
    view = graph.layers[graph.nodes[part[0]].layer]  # keep a reference: the view's inputs are the graph's Inputs
    del view
    inputs = [b.input(graph.analysis().shapes[n][1:], name=f"again{i}") for i, n in enumerate(
        ModelRef(graph, "part").resolve().analysis().inputs)]  # fmt: skip
    call = b.add("Functional", *inputs, name="part", model=ModelRef(graph, "part"))
    head = b.add("Dense", call, units=2, name="head")
    b.outputs(*(([] if seed % 2 == 0 else list(own_outputs)) + [head]))
    graph = b.done(layout=False)
    ensure_weights(graph, seed=seed)
    assert graph.analysis().valid, graph.analysis().problems
    return graph
