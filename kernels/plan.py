"""Compile a valid graph into a :class:`Plan`: steps in topological order over numbered buffers.

A plan is pure data (frozen dataclasses), made once per model and mode; the executor
turns it into kernel calls for one batch size. What the compiler decides:

* which nodes run (those an output depends on) and in what order;
* the value buffers: one per node, except that Flatten, Reshape, a linear Activation
  and (at inference) Dropout are views of their input's buffer;
* for training, the gradient buffers (views again for the reshaping layers), and for
  every gradient contribution whether it writes or adds: the first writer in backward
  order writes, later ones add — so fan-out and shared layers sum their gradients;
* where the loss absorbs the output activation (softmax + cross-entropy, sigmoid +
  binary cross-entropy), so the gradient reaches the pre-activation in one pass.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph_core.graph import Graph
from graph_core.model import input_names, output_names, require_valid
from kernels import activations as act
from kernels import losses as L
from kernels import ops

#: Layers whose output is their input seen through a reshape.
VIEW_TYPES = frozenset({"Flatten", "Reshape"})
MERGE_OPS = {"Add": ops.ADD, "Subtract": ops.SUB, "Multiply": ops.MUL, "Average": ops.ADD,
             "Maximum": ops.MAX, "Minimum": ops.MIN}  # fmt: skip


@dataclass(frozen=True)
class Buffer:
    """An array the executor allocates: ``(batch, *shape)`` when ``batch_major``, else ``shape``.

    ``alias`` makes it a reshaped view of another buffer. ``kind`` is ``float`` (the
    executor's dtype) or ``int32``.
    """

    shape: tuple[int, ...]
    kind: str = "float"
    batch_major: bool = True
    alias: int | None = None


@dataclass(frozen=True)
class Step:
    """One call of a layer: reads ``inputs``, writes ``output`` (buffer numbers).

    ``grad_in[p]`` is the gradient buffer of input ``p`` (None: no gradient needed) and
    ``acc_in[p]`` whether this step adds to it; ``grad_out`` is None when the step has
    no backward pass. ``attrs`` holds what the kernels need (activation codes, axis...).
    """

    node: int
    layer: str
    kind: str
    inputs: tuple[int, ...]
    output: int
    scratch: tuple[int, ...] = ()
    grad_out: int | None = None
    grad_in: tuple[int | None, ...] = ()
    acc_in: tuple[bool, ...] = ()
    acc_weights: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LossSpec:
    """A loss by Keras name for one output."""

    name: str
    from_logits: bool = False


@dataclass(frozen=True)
class Output:
    """A model output: its value (and gradient) buffer, loss and metric."""

    name: str
    node: int
    value: int
    shape: tuple[int, ...]  # per sample
    grad: int | None = None
    acc: bool = False
    loss: str | None = None
    from_logits: bool = False
    fuse: int = L.FUSE_NONE
    metric: int | None = None
    metric_name: str = ""
    threshold: float = 0.5

    @property
    def sparse(self) -> bool:
        return self.loss == "sparse_categorical_crossentropy"

    @property
    def rows_per_sample(self) -> int:
        return math.prod(self.shape[:-1])


@dataclass(frozen=True)
class WeightRef:
    layer: str
    name: str
    shape: tuple[int, ...]
    trainable: bool


@dataclass(frozen=True)
class Plan:
    training: bool
    inputs: tuple[tuple[str, int], ...]  # (input layer name, buffer)
    steps: tuple[Step, ...]
    buffers: tuple[Buffer, ...]
    outputs: tuple[Output, ...]
    weights: tuple[WeightRef, ...]

    def trainable(self) -> list[WeightRef]:
        return [w for w in self.weights if w.trainable]


def metric_for(loss: str, from_logits: bool) -> tuple[int, str, float]:
    """Keras's metric for a loss: the matching accuracy, or mae for regression."""
    if loss == "sparse_categorical_crossentropy":
        return L.ACC_SPARSE, "accuracy", 0.5
    if loss == "categorical_crossentropy":
        return L.ACC_CATEGORICAL, "accuracy", 0.5
    if loss == "binary_crossentropy":
        return L.ACC_BINARY, "accuracy", 0.0 if from_logits else 0.5
    return L.METRIC_MAE, "mae", 0.5


def _axis3(shape: tuple[int, ...], axis: int) -> tuple[int, int, int]:
    """``(outer_per_sample, C, inner)`` for a per-sample shape and a Keras axis (batch = 0)."""
    full = len(shape) + 1
    index = axis % full
    return math.prod(shape[: index - 1]), shape[index - 1], math.prod(shape[index:])


def compile_plan(graph: Graph, losses: Sequence[LossSpec] | None = None, training: bool = False) -> Plan:
    """The plan of ``graph`` (must be valid); ``losses`` one per output, needed for training."""
    analysis = require_valid(graph)
    outputs = list(analysis.outputs)
    names = output_names(graph)
    if training and (losses is None or len(losses) != len(outputs)):
        raise ValueError("training needs one loss per output")
    needed: set[int] = set()
    stack = list(outputs)
    while stack:
        n = stack.pop()
        if n not in needed:
            needed.add(n)
            stack.extend(graph.sources_of(n))
    order = [n for n in analysis.order if n in needed]
    shapes = {n: tuple(analysis.shapes[n][1:]) for n in order}  # type: ignore[index]

    buffers: list[Buffer] = []

    def new(shape: tuple[int, ...], kind: str = "float", batch_major: bool = True, alias: int | None = None) -> int:
        buffers.append(Buffer(tuple(shape), kind, batch_major, alias))
        return len(buffers) - 1

    def root(b: int) -> int:
        while buffers[b].alias is not None:
            b = buffers[b].alias  # type: ignore[assignment]
        return b

    def is_view(n: int) -> bool:
        layer = graph.layer_of(n)
        return (
            layer.type in VIEW_TYPES
            or (layer.type == "Activation" and layer.config["activation"] == "linear")
            or (layer.type == "Dropout" and (not training or layer.config["rate"] == 0.0))
        )

    # ---------------------------------------------------------------- values
    value: dict[int, int] = {}
    for n in order:
        layer = graph.layer_of(n)
        srcs = graph.sources_of(n)
        if layer.type == "InputLayer":
            value[n] = new(shapes[n])
        elif is_view(n):
            value[n] = new(shapes[n], alias=value[srcs[0]])
        else:
            value[n] = new(shapes[n])

    # ---------------------------------------------------------------- gradients
    trainable_layer = {name: any(s.trainable for s in (specs or ())) for name, specs in analysis.weight_specs.items()}
    needs: dict[int, bool] = {}
    grad: dict[int, int] = {}
    if training:
        for n in order:
            srcs = graph.sources_of(n)
            layer = graph.layer_of(n)
            needs[n] = layer.type != "InputLayer" and (
                trainable_layer.get(layer.name, False) or any(needs[s] for s in srcs)
            )
            if needs[n]:
                if is_view(n):
                    grad[n] = new(shapes[n], alias=grad[srcs[0]])
                else:
                    grad[n] = new(shapes[n])

    # contributions in backward order: the losses, then each step from last to first
    contributions: list[tuple[str, int, int]] = []  # (who, node or output index, port)
    if training:
        for i, n in enumerate(outputs):
            if needs.get(n):
                contributions.append(("loss", i, 0))
        for n in reversed(order):
            if needs.get(n) and not is_view(n):
                for port, src in enumerate(graph.sources_of(n)):
                    if needs.get(src):
                        contributions.append(("step", n, port))
    count: dict[int, int] = {}
    for who, key, port in contributions:
        target = grad[outputs[key]] if who == "loss" else grad[graph.sources_of(key)[port]]
        count[root(target)] = count.get(root(target), 0) + 1
    written: set[int] = set()
    accumulate: dict[tuple[str, int, int], bool] = {}
    for c in contributions:
        who, key, port = c
        target = root(grad[outputs[key]] if who == "loss" else grad[graph.sources_of(key)[port]])
        accumulate[c] = target in written
        written.add(target)

    # ---------------------------------------------------------------- outputs and fusion
    out_specs: list[Output] = []
    fused_nodes: set[int] = set()
    for i, (n, name) in enumerate(zip(outputs, names, strict=True)):
        spec = losses[i] if losses is not None else None
        loss = L.canonical(spec.name) if spec is not None else None
        from_logits = bool(spec.from_logits) if spec is not None else False
        fuse = L.FUSE_NONE
        g = grad.get(n) if training else None
        layer = graph.layer_of(n)
        if (
            g is not None
            and L.CODES[loss] in L.CROSSENTROPIES
            and not from_logits
            and not is_view(n)
            and layer.type in ("Dense", "Activation")
            and count[root(g)] == 1
        ):
            activation = layer.config["activation"]
            if activation == "softmax" and loss != "binary_crossentropy":
                fuse = L.FUSE_SOFTMAX
            elif activation == "sigmoid" and loss == "binary_crossentropy":
                fuse = L.FUSE_SIGMOID
            if fuse != L.FUSE_NONE:
                fused_nodes.add(n)
        metric, metric_name, threshold = metric_for(loss, from_logits) if loss else (None, "", 0.5)
        out_specs.append(
            Output(
                name,
                n,
                value[n],
                shapes[n],
                g,
                accumulate.get(("loss", i, 0), False),
                loss,
                from_logits,
                fuse,
                metric,
                metric_name,
                threshold,
            )  # fmt: skip
        )

    # ---------------------------------------------------------------- steps
    steps: list[Step] = []
    seen_layer: set[str] = set()
    acc_weights: dict[int, bool] = {}
    for n in reversed(order):  # the first node of a shared layer in backward order writes
        name = graph.nodes[n].layer
        acc_weights[n] = name in seen_layer
        if needs.get(n):
            seen_layer.add(name)
    for n in order:
        layer = graph.layer_of(n)
        srcs = graph.sources_of(n)
        if layer.type == "InputLayer" or is_view(n):
            continue
        attrs: dict[str, Any] = {}
        scratch: list[int] = []
        shape = shapes[n]
        t = layer.type
        if t == "Dense":
            code = act.code(layer.config["activation"])
            attrs.update(act=code, act_backward=act.LINEAR if n in fused_nodes else code,
                         use_bias=layer.config["use_bias"])  # fmt: skip
            if training and code != act.LINEAR:
                scratch.append(new(shape))  # pre-activation z, kept for the backward pass
        elif t == "Activation":
            code = act.code(layer.config["activation"])
            attrs.update(act=code, act_backward=act.LINEAR if n in fused_nodes else code)
        elif t == "Dropout":
            seed = layer.config["seed"]
            attrs.update(rate=layer.config["rate"], seed=zlib.crc32(layer.name.encode()) if seed is None else seed,
                         fixed_seed=seed is not None)  # fmt: skip
            scratch.append(new(shape))  # the mask, already scaled by 1 / (1 - rate)
        elif t in MERGE_OPS:
            attrs.update(op=MERGE_OPS[t], scale=1.0 / len(srcs) if t == "Average" else 1.0)
            if t in ("Maximum", "Minimum"):
                scratch.append(new(shape, kind="int32"))  # which input won
            if t == "Multiply" and len(srcs) > 2 and training:
                scratch.append(new(shape))  # product of the other inputs
        elif t == "Concatenate":
            outer, _, inner = _axis3(shape, layer.config["axis"])
            sizes = tuple(_axis3(shapes[s], layer.config["axis"])[1] for s in srcs)
            attrs.update(outer=outer, inner=inner, sizes=sizes)
        elif t in ("BatchNormalization", "LayerNormalization"):
            outer, c, inner = _axis3(shape, layer.config["axis"])
            attrs.update(outer=outer, channels=c, inner=inner, eps=layer.config["epsilon"],
                         scale=layer.config["scale"], center=layer.config["center"])  # fmt: skip
            if t == "BatchNormalization":
                attrs["momentum"] = layer.config["momentum"]
                if training:
                    scratch.append(new(shape))  # xhat
                    for _ in range(3):  # mean, variance, 1/std per channel
                        scratch.append(new((c,), batch_major=False))
                else:
                    scratch.append(new((c,), batch_major=False))  # 1/std
            elif training:
                scratch.append(new(shape))  # xhat
                scratch.append(new((outer * inner,)))  # 1/std per normalised vector
        else:  # pragma: no cover - every registered type is handled above
            raise NotImplementedError(t)
        grad_in = tuple(grad[s] if needs.get(s) else None for s in srcs) if needs.get(n) else ()
        acc_in = tuple(accumulate.get(("step", n, p), False) for p in range(len(srcs))) if needs.get(n) else ()
        steps.append(
            Step(
                n,
                layer.name,
                t,
                tuple(value[s] for s in srcs),
                value[n],
                tuple(scratch),
                grad.get(n) if needs.get(n) else None,
                grad_in,
                acc_in,
                acc_weights[n],
                attrs,
            )  # fmt: skip
        )

    used = [graph.nodes[n].layer for n in order]
    weights: list[WeightRef] = []
    for name in dict.fromkeys(used):
        for s in analysis.weight_specs.get(name) or ():
            weights.append(WeightRef(name, s.name, s.shape, s.trainable))
    return Plan(
        training=training,
        inputs=tuple(zip(input_names(graph), (value[n] for n in analysis.inputs), strict=True)),
        steps=tuple(steps),
        buffers=tuple(buffers),
        outputs=tuple(out_specs),
        weights=tuple(weights),
    )
