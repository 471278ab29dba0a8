"""Export to ONNX (opset 17) with inference semantics.

Inputs and outputs are named after their layers and have a dynamic batch dimension
called ``batch``. Dropout becomes the identity and BatchNormalization uses its moving
statistics, as in Keras's ``predict``. The operations mirror the numpy reference in
:mod:`graph_core.reference` step by step, so onnxruntime agrees with it to float32
rounding.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from graph_core.graph import Graph, Layer, Value
from graph_core.io.files import Project, atomic_write
from graph_core.layers import Shape
from graph_core.model import ensure_weights, input_names, output_names, require_valid
from graph_core.nesting import has_nested, inline

OPSET = 17


@dataclass
class _Builder:
    """Collects ONNX nodes and initializers with unique tensor names."""

    nodes: list[onnx.NodeProto] = field(default_factory=list)
    initializers: list[onnx.TensorProto] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def fresh(self, base: str) -> str:
        name, i = base, 1
        while name in self.names:
            name = f"{base}_{i}"
            i += 1
        self.names.add(name)
        return name

    def const(self, base: str, value: np.ndarray) -> str:
        name = self.fresh(base)
        self.initializers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def weight(self, name: str, value: np.ndarray) -> str:
        """A layer's weight as an initializer, once even when the layer is shared."""
        if name not in self.names:
            self.names.add(name)
            self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=np.float32), name))
        return name

    def op(self, op_type: str, inputs: list[str], base: str, **attrs: object) -> str:
        out = self.fresh(base)
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attrs))
        return out

    def node_outputs(self, op_type: str, inputs: list[str], count: int, base: str, **attrs: object) -> list[str]:
        """An operator with ``count`` outputs (a recurrent one's sequence and last state)."""
        outs = [self.fresh(f"{base}_{op_type.lower()}_{i}") for i in range(count)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=outs[0], **attrs))
        return outs


def _activation(b: _Builder, name: str, x: str, base: str) -> str:
    f32 = np.float32
    if name == "linear":
        return x
    simple = {
        "relu": "Relu",
        "sigmoid": "Sigmoid",
        "tanh": "Tanh",
        "softplus": "Softplus",
        "softsign": "Softsign",
        "exponential": "Exp",
    }
    if name in simple:
        return b.op(simple[name], [x], base)
    if name == "softmax":
        return b.op("Softmax", [x], base, axis=-1)
    if name == "log_softmax":
        return b.op("LogSoftmax", [x], base, axis=-1)
    if name == "leaky_relu":
        return b.op("LeakyRelu", [x], base, alpha=0.2)
    if name in ("elu", "celu"):
        return b.op("Elu", [x], base, alpha=1.0)
    if name == "selu":
        from graph_core.activations import SELU_ALPHA, SELU_SCALE

        return b.op("Selu", [x], base, alpha=SELU_ALPHA, gamma=SELU_SCALE)
    if name == "hard_sigmoid":
        return b.op("HardSigmoid", [x], base, alpha=1.0 / 6.0, beta=0.5)
    if name == "hard_silu":
        gate = b.op("HardSigmoid", [x], f"{base}_gate", alpha=1.0 / 6.0, beta=0.5)
        return b.op("Mul", [x, gate], base)
    if name == "silu":
        return b.op("Mul", [x, b.op("Sigmoid", [x], f"{base}_gate")], base)
    if name == "mish":
        soft = b.op("Softplus", [x], f"{base}_softplus")
        return b.op("Mul", [x, b.op("Tanh", [soft], f"{base}_tanh")], base)
    if name in ("relu6", "hard_tanh"):
        low, high = (0.0, 6.0) if name == "relu6" else (-1.0, 1.0)
        return b.op("Clip", [x, b.const(f"{base}_min", f32(low)), b.const(f"{base}_max", f32(high))], base)
    if name == "log_sigmoid":
        neg = b.op("Neg", [x], f"{base}_neg")
        return b.op("Neg", [b.op("Softplus", [neg], f"{base}_softplus")], base)
    if name == "gelu":  # exact: 0.5 · x · (1 + erf(x / √2))
        scaled = b.op("Div", [x, b.const(f"{base}_sqrt2", f32(math.sqrt(2.0)))], f"{base}_scaled")
        erf = b.op("Erf", [scaled], f"{base}_erf")
        one_plus = b.op("Add", [erf, b.const(f"{base}_one", f32(1.0))], f"{base}_1p")
        half_x = b.op("Mul", [x, b.const(f"{base}_half", f32(0.5))], f"{base}_halfx")
        return b.op("Mul", [half_x, one_plus], base)
    raise AssertionError(f"activation {name} has no ONNX form")  # every activation is handled


class OnnxCall:
    """What a layer type's ``onnx`` hook works with: one call of the layer, lowered into ``b``.

    ``op`` adds an operator whose output is named after the layer (with ``suffix`` for the
    intermediate ones), ``weight`` a weight of the layer as an initializer (once, even when
    the layer is shared; ``value`` replaces the stored array, transposed for ONNX say),
    ``activation`` the operators of a Keras activation.
    """

    def __init__(self, b: _Builder, layer: Layer, xs: list[str], in_shapes: list[Shape]) -> None:
        self.b, self.layer, self.xs, self.in_shapes = b, layer, xs, in_shapes
        self.config, self.weights = layer.config, layer.weights

    @property
    def x(self) -> str:
        return self.xs[0]

    @property
    def in_shape(self) -> Shape:
        return self.in_shapes[0]

    @property
    def rank(self) -> int:
        return len(self.in_shapes[0])

    def _name(self, suffix: str) -> str:
        return f"{self.layer.name}_{suffix}" if suffix else self.layer.name

    def op(self, op_type: str, inputs: list[str], suffix: str = "", **attrs: object) -> str:
        return self.b.op(op_type, inputs, self._name(suffix), **attrs)

    def const(self, suffix: str, value: np.ndarray) -> str:
        return self.b.const(self._name(suffix), value)

    def weight(self, name: str, value: np.ndarray | None = None) -> str:
        return self.b.weight(f"{self.layer.name}/{name}", self.weights[name] if value is None else value)

    def activation(self, name: str, x: str) -> str:
        return _activation(self.b, name, x, self.layer.name)

    def within(self, layer: Layer) -> OnnxCall:
        """The same call reaching ``layer``, one the wrapper holds (a Bidirectional's forward LSTM)."""
        return OnnxCall(self.b, layer, self.xs, self.in_shapes)


def to_onnx(graph: Graph) -> onnx.ModelProto:
    """The model as an ONNX ``ModelProto`` (the graph must be valid; weights are created if missing)."""
    require_valid(graph)
    ensure_weights(graph)
    out_names = output_names(graph)
    if has_nested(graph):  # nested models export inlined, their layers named by path (encoder/dense)
        graph = inline(graph)
    analysis = graph.analysis()
    b = _Builder()
    tensor: dict[Value, str] = {}
    graph_inputs = []
    for node, name in zip(analysis.inputs, input_names(graph)):
        shape = analysis.shapes[node]
        assert shape is not None
        b.names.add(name)
        tensor[node, 0] = name
        kind = {"int32": TensorProto.INT32, "int64": TensorProto.INT64}.get(graph.layer_of(node).config["dtype"])
        graph_inputs.append(helper.make_tensor_value_info(name, kind or TensorProto.FLOAT, ["batch", *shape[1:]]))
    b.names.update(out_names)  # reserved: the outputs get exactly these names
    needed = graph.upstream(analysis.outputs)
    for node in analysis.order:
        if (node, 0) in tensor or node not in needed:
            continue
        layer = graph.layer_of(node)
        srcs = graph.values_into(node)
        in_shapes = [analysis.shape_of(s) for s in srcs]
        call = OnnxCall(b, layer, [tensor[s] for s in srcs], in_shapes)  # type: ignore[arg-type]
        made = layer.spec.onnx(call)  # a layer giving several outputs (a recurrent one's states): their names
        for out, made_name in enumerate(made if isinstance(made, list) else [made]):
            tensor[node, out] = made_name
    graph_outputs = []
    for value, name in zip(analysis.output_values, out_names):
        b.nodes.append(helper.make_node("Identity", [tensor[value]], [name], name=f"{name}_output"))
        shape = analysis.shape_of(value)
        assert shape is not None
        graph_outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", *shape[1:]]))
    onnx_graph = helper.make_graph(b.nodes, graph.name, graph_inputs, graph_outputs, b.initializers)
    model = helper.make_model(
        onnx_graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="Layerwire", ir_version=8
    )
    onnx.checker.check_model(model)
    return model


def save_onnx(project: Project, path: str | os.PathLike[str]) -> None:
    atomic_write(path, to_onnx(project.graph).SerializeToString())
