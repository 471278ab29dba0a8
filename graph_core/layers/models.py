"""A model called as a layer: Keras's nested ``Functional``.

``encoder(img)`` in the Keras guide calls a whole model the way one calls a layer. Here
that call is a node of a ``Functional`` layer whose config holds the model (a
:class:`~graph_core.graph.Graph`) and whose name is the model's name, as in Keras. The
layer owns no weights of its own: they are the nested model's layers', so a model called
twice (two nodes of one layer) shares them, as a shared layer does.

The type is not in the palette (:data:`~graph_core.layers.base.NESTED`): a nested model
is made from a model, not dragged. A call gives as many outputs as the model has; its
shape rule checks the call against the model's inputs and gives the model's output
shapes; its reference pass runs the model. The kernels,
ONNX and the scripts see the model inlined (:mod:`graph_core.nesting`), and the Keras
format writes it in Keras's nested layout (:mod:`graph_core.io.keras_config`).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from graph_core.errors import ConfigError
from graph_core.layers.base import (
    Config,
    Field,
    KerasForm,
    LayerType,
    Look,
    Shape,
    ShapeError,
    TorchForm,
    Weights,
    format_shape,
    register_nested,
)
from graph_core.messages import Message

if TYPE_CHECKING:
    from graph_core.graph import Graph


def model_of(config: Config) -> Graph | None:
    """The model called: the config's, or the graph's own model a :class:`~graph_core.graph.ModelRef` names
    (None if the graph lost it)."""
    from graph_core.graph import ModelRef

    model = config["model"]
    return model.resolve() if isinstance(model, ModelRef) else model


def _check(config: Config) -> None:
    if config["model"] is None:
        raise ConfigError(Message("Functional calls a model; none was given"))


_COUNTING = threading.local()  # the models whose outputs this thread is counting (a model calling itself stops)


def _count(config: Config) -> int:
    model = model_of(config)
    counting = _COUNTING.__dict__.setdefault("models", [])
    if model is None or model in counting:
        return 1  # a model calling itself: its shape rule says so
    counting.append(model)
    try:
        return max(1, len(model.output_values()))
    finally:
        counting.pop()


def _shape(config: Config, inputs: list[Shape]) -> Shape | tuple[Shape, ...]:
    from graph_core.shapes import analysing

    model = model_of(config)
    if model is None:
        raise ShapeError(Message("the graph has no model {name!r} to call", name=config["model"].name))
    if model in analysing():
        path = " → ".join(g.name for g in [*analysing()[analysing().index(model) :], model])
        raise ShapeError(Message("the model {name} calls itself: {path}", name=model.name, path=path))
    analysis = model.analysis()
    if not analysis.valid:
        raise ShapeError(
            Message("the model {name} is not valid: {problem}", name=model.name, problem=analysis.problems[0].message)
        )
    expected = [analysis.shapes[n] for n in analysis.inputs]
    names = [model.nodes[n].layer for n in analysis.inputs]
    if len(inputs) != len(expected):
        raise ShapeError(
            Message("the model {name} takes {count} inputs ({names}); {wired} wired", name=model.name,
                    count=len(expected), names=", ".join(names), wired=len(inputs))
        )  # fmt: skip
    for got, want, name in zip(inputs, expected, names):
        assert want is not None
        if len(got) != len(want) or any(b is not None and a != b for a, b in zip(got[1:], want[1:])):
            raise ShapeError(
                Message("the model {model}'s input {name} takes {want}; it gets {got}", model=model.name, name=name,
                        want=format_shape(want), got=format_shape(got))
            )  # fmt: skip
    shapes = tuple(analysis.shape_of(v) for v in analysis.output_values)
    assert all(s is not None for s in shapes)
    return shapes if len(shapes) > 1 else shapes[0]  # type: ignore[return-value]


def _forward(config: Config, weights: Weights, xs: list[np.ndarray]) -> np.ndarray | list[np.ndarray]:
    from graph_core.model import input_names
    from graph_core.reference import forward

    model = model_of(config)
    ys = list(forward(model, dict(zip(input_names(model), xs))).values())
    return ys if len(ys) > 1 else ys[0]


def _caption(config: Config) -> str:
    """``18,672 params``: what the model weighs (its name is the node's title)."""
    from graph_core.model import param_counts, used_layers

    model = model_of(config)
    if model is None or not model.analysis().valid:
        return ""
    return f"{param_counts(model, used_layers(model)).total:,} params"


def _inlined(ctx: Any) -> str:  # pragma: no cover - exports inline nested models first
    raise AssertionError("a nested model is inlined before export")


def _keras_unused(*args: Any) -> Any:  # pragma: no cover - the Keras format writes nested models itself
    raise AssertionError("the Keras format reads and writes nested models itself")


FUNCTIONAL = register_nested(
    LayerType(
        name="Functional",
        category="Models",
        base_name="functional",
        fields=(Field("model", "model", None, help="the model this layer calls"),),
        min_inputs=1,
        max_inputs=None,
        shape_rule=_shape,
        forward=_forward,
        keras=KerasForm(read=_keras_unused, write=_keras_unused, build_config=False, call_kwargs={"mask": None}),
        onnx=_inlined,
        torch=TorchForm(expr=_inlined),
        look=Look("#C9B6F2", "M"),
        check=_check,
        caption_rule=_caption,
        count_rule=_count,
        formula="y = model(x)",
        open_sizes=True,
    )
)
