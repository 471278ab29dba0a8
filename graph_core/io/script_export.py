"""Export as teaching material: weights as ``.npz`` and scripts that rebuild the model.

* ``save_weights_npz``: one array per weight, keyed ``layer_name/kernel``, ``layer_name/bias``...
  (Keras's variable names).
* ``keras_script``: the Keras Functional API code of :mod:`graph_core.io.codegen` plus a
  loader that puts the ``.npz`` weights into the model.
* ``torch_script``: a PyTorch ``nn.Module`` that computes the same function, with the
  same loader idea.

Each script takes the weights file as its first argument, by default the ``.npz`` with
the script's own name, and prints a prediction on zeros so it can be tried at once.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np

from graph_core.graph import Graph, Layer, Value
from graph_core.io.codegen import identifier, keras_code
from graph_core.io.files import Project, atomic_write
from graph_core.layers import Shape
from graph_core.model import ensure_weights, input_names, output_names, require_valid, used_layers
from graph_core.nesting import has_nested, inline


def weights_dict(graph: Graph) -> dict[str, np.ndarray]:
    """The model's weights keyed ``layer/variable``; a nested model's by path (``encoder/dense/kernel``)."""
    ensure_weights(graph)
    flat = inline(graph) if has_nested(graph) else graph  # its layers are the nested ones, by path
    specs = flat.analysis().weight_specs
    # in Keras's order of each layer's weights, which the scripts' loaders follow
    return {f"{name}/{s.name}": flat.layers[name].weights[s.name] for name in used_layers(flat)
            for s in specs[name] or ()}  # fmt: skip


def save_weights_npz(project: Project, path: str | os.PathLike[str]) -> None:
    buffer = io.BytesIO()
    np.savez(buffer, **weights_dict(project.graph))
    atomic_write(path, buffer.getvalue())


def _sample_inputs(graph: Graph) -> str:
    analysis = graph.analysis()
    parts = []
    for node in analysis.inputs:
        shape = analysis.shapes[node]
        assert shape is not None
        sizes = ", ".join(str(8 if d is None else d) for d in shape[1:])  # a sequence of any length: 8 steps
        parts.append(f"np.zeros((1, {sizes}), dtype=np.float32)")
    return ", ".join(parts)


_KERAS_LOADER = '''

def load_weights(model, path):
    """Set each layer's weights from the .npz written by Layerwire (keys "layer/variable")."""
    with np.load(path) as weights:
        set_weights(model, weights)


def set_weights(model, weights, prefix=""):
    for layer in model.layers:
        if isinstance(layer, keras.Model):  # a nested model: its layers' keys are "model/layer/variable"
            set_weights(layer, weights, f"{prefix}{layer.name}/")
        elif layer.weights:
            keys = layer_keys(weights, f"{prefix}{layer.name}") or layer_keys(weights, layer.name)  # or a model
            layer.set_weights([weights[key] for key in keys])  # of the outer model's own layers: its keys


def layer_keys(weights, layer):
    """The keys of one layer's weights, in the order of layer.weights (a Bidirectional has two "kernel")."""
    return [key for key in weights if key.rpartition("/")[0] == layer]


if __name__ == "__main__":
    load_weights(model, sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_suffix(".npz")))
    model.summary()
    print(model.predict({inputs}, verbose=0))
'''


def keras_script(graph: Graph) -> str:
    require_valid(graph)
    head = f'"""The model "{graph.name}", rebuilt with the Keras Functional API; weights from a .npz."""\n\n'
    code = keras_code(graph).replace(
        "import keras\n", "import sys\nfrom pathlib import Path\n\nimport keras\nimport numpy as np\n", 1
    )
    inputs = _sample_inputs(graph)
    if len(graph.analysis().inputs) > 1:
        inputs = f"[{inputs}]"
    return head + code + _KERAS_LOADER.replace("{inputs}", inputs)


# --------------------------------------------------------------------------- PyTorch

_TORCH_ACTIVATIONS = {
    "linear": "{x}",
    "relu": "F.relu({x})",
    "relu6": "F.relu6({x})",
    "leaky_relu": "F.leaky_relu({x}, 0.2)",
    "elu": "F.elu({x})",
    "celu": "F.celu({x})",
    "selu": "F.selu({x})",
    "gelu": "F.gelu({x})",
    "sigmoid": "torch.sigmoid({x})",
    "hard_sigmoid": "F.hardsigmoid({x})",
    "log_sigmoid": "F.logsigmoid({x})",
    "tanh": "torch.tanh({x})",
    "hard_tanh": "F.hardtanh({x})",
    "softmax": "F.softmax({x}, dim={dim})",
    "log_softmax": "F.log_softmax({x}, dim={dim})",
    "softplus": "F.softplus({x})",
    "softsign": "F.softsign({x})",
    "silu": "F.silu({x})",
    "hard_silu": "F.hardswish({x})",
    "mish": "F.mish({x})",
    "exponential": "torch.exp({x})",
}

CHANNELS_LAST, CHANNELS_FIRST = "channels_last", "channels_first"

_TORCH_LOADER = '''

def load_weights(model, path):
    """Copy the .npz written by Layerwire (keys "layer/variable", Keras's layout) into the module."""
    with np.load(path) as weights:
        state = {}
        for key in weights.files:
            name, axes, shape = WEIGHT_LAYOUT[key]
            value = torch.from_numpy(weights[key])
            if axes is not None:  # Keras's axes in PyTorch's order: Dense (in, out) -> (out, in) ...
                value = value.permute(*axes)
            if shape is not None:
                value = value.reshape(shape)
            state[name] = value.contiguous()
    model.load_state_dict(state)


if __name__ == "__main__":
    model = {cls}()
    load_weights(model, sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_suffix(".npz")))
    model.eval()
    with torch.no_grad():
        print(model({inputs}))
'''


def _spatial(shape: Shape) -> bool:
    """Whether a tensor of this Keras shape has a layout: a sequence or image with channels."""
    return len(shape) in (3, 4)


def _permute(var: str, rank: int, to: str) -> str:
    if to == CHANNELS_FIRST:
        return f"{var}.permute(0, {rank - 1}, {', '.join(str(d) for d in range(1, rank - 1))})"
    return f"{var}.permute(0, {', '.join(str(d) for d in range(2, rank))}, 1)"


class TorchCall:
    """What a layer type's ``torch`` hooks work with: one call of the layer in ``forward``.

    ``xs`` are the input expressions, in ``layout`` when they are sequences or images;
    ``in_shapes`` their shapes as Keras gives them (channels last). ``dim`` turns a Keras
    axis into the PyTorch dimension of that axis in ``layout``.
    """

    def __init__(self, layer: Layer, attr: str, xs: list[str], in_shapes: list[Shape], layout: str,
                 weight_shapes: dict[str, tuple[int, ...]]) -> None:  # fmt: skip
        self.layer, self.config, self.attr = layer, layer.config, attr
        self.xs, self.in_shapes, self.layout = xs, in_shapes, layout
        self._weight_shapes = weight_shapes

    @property
    def x(self) -> str:
        return self.xs[0]

    @property
    def in_shape(self) -> Shape:
        return self.in_shapes[0]

    def weight_shape(self, name: str) -> tuple[int, ...]:
        return self._weight_shapes[name]

    def dim(self, axis: int) -> int:
        rank = len(self.in_shape)
        if self.layout != CHANNELS_FIRST or not _spatial(self.in_shape):
            return axis
        index = axis % rank
        return 1 if index == rank - 1 else index + 1 if index > 0 else 0

    def activation(self, name: str, expr: str) -> str:
        return _TORCH_ACTIVATIONS[name].format(x=expr, dim=self.dim(-1))

    def within(self, layer: Layer, weight_shapes: dict[str, tuple[int, ...]]) -> TorchCall:
        """The same call reaching ``layer``, one the wrapper holds (a Bidirectional's forward LSTM)."""
        return TorchCall(layer, self.attr, self.xs, self.in_shapes, self.layout, weight_shapes)


def torch_script(graph: Graph) -> str:
    """A PyTorch module computing what the graph computes, and a loader for the ``.npz`` weights.

    The module takes and returns channels-last tensors, as the Keras model does. Inside,
    convolutions and pooling compute on channels-first tensors, PyTorch's layout: a
    tensor is permuted only where it goes from a layer of one layout to one of the other.
    """
    require_valid(graph)
    outer = graph
    if has_nested(graph):  # nested models run inlined, their layers named by path (encoder/dense)
        graph = inline(graph)
    analysis = graph.analysis()
    taken: set[str] = {"x", "self", "torch", "nn", "F", "np"}
    attribute = {name: identifier(name, taken) for name in used_layers(graph)}
    cls = "".join(part.capitalize() for part in identifier(graph.name, set()).split("_")) or "Model"
    if not cls[0].isalpha():
        cls = f"Model{cls}"
    weight_shapes = {name: {s.name: s.shape for s in analysis.weight_specs[name] or ()} for name in attribute}
    var: dict[Value, str] = {}
    layout: dict[Value, str] = {}
    converted: dict[tuple[Value, str], str] = {}
    args, body, init, helpers = [], [], {}, {}

    def value_in(value: Value, wanted: str) -> str:
        shape = analysis.shape_of(value)
        assert shape is not None
        if not _spatial(shape) or layout[value] == wanted:
            return var[value]
        key = (value, wanted)
        if key not in converted:
            converted[key] = identifier(f"{var[value]}_{'nchw' if wanted == CHANNELS_FIRST else 'nhwc'}", taken)
            body.append(f"{converted[key]} = {_permute(var[value], len(shape), wanted)}")
        return converted[key]

    for node, name in zip(analysis.inputs, input_names(graph)):
        var[node, 0] = identifier(name, taken)
        layout[node, 0] = CHANNELS_LAST
        args.append(var[node, 0])
    needed = graph.upstream(analysis.outputs)
    for node in analysis.order:
        if (node, 0) in var or node not in needed:
            continue
        layer = graph.layer_of(node)
        form = layer.spec.torch
        srcs = graph.values_into(node)
        if form.layout == "any":
            kinds = {layout[s] for s in srcs if _spatial(analysis.shape_of(s))}  # type: ignore[arg-type]
            here = kinds.pop() if len(kinds) == 1 else CHANNELS_LAST
        else:
            here = form.layout
        call = TorchCall(layer, attribute[layer.name], [value_in(s, here) for s in srcs],
                         [analysis.shape_of(s) for s in srcs], here, weight_shapes[layer.name])  # type: ignore[misc]  # fmt: skip
        if layer.name not in init:
            init[layer.name] = form.module(call)
            helpers.update(dict.fromkeys(form.helpers))
        base = f"{layer.name}_out" if len(graph.nodes_of_layer(layer.name)) > 1 else layer.name
        count = graph.output_count(node)  # a call giving several outputs (a recurrent layer's states): a tuple
        outs = [identifier(base if count == 1 else f"{base}_{k}", taken) for k in range(count)]
        for k, out in enumerate(outs):
            var[node, k] = out
            layout[node, k] = here
        body.append(f"{', '.join(outs)} = {form.expr(call)}")
    outs = [value_in(v, CHANNELS_LAST) for v in analysis.output_values]
    body.append(f"return {outs[0]}" if len(outs) == 1 else f"return {', '.join(outs)}")
    table = []
    for name, attr in attribute.items():
        state = graph.layers[name].spec.torch.state
        for weight, shape in weight_shapes[name].items():
            param, axes, reshape = state[weight]
            target = None if reshape is None else reshape(shape)
            table.append(f'    "{name}/{weight}": ("{attr}.{param}", {axes}, {target}),')
    lines = [
        f'"""The model "{graph.name}" as a PyTorch module, with weights from the .npz Layerwire exports.',
        "",
        f"Inputs: {', '.join(input_names(graph))}. Outputs: {', '.join(output_names(outer))}.",
        "Tensors go in and come out channels last, as in Keras.",
        '"""',
        "",
        "import sys",
        "from pathlib import Path",
        "",
        "import numpy as np",
        "import torch",
        "import torch.nn.functional as F",
        "from torch import nn",
        *(helper.rstrip("\n") for helper in helpers),
        "",
        "",
        f"class {cls}(nn.Module):",
        "    def __init__(self):",
        "        super().__init__()",
        *(f"        self.{attribute[name]} = {module}" for name, module in init.items() if module is not None),
        *(["        pass"] if not any(m is not None for m in init.values()) else []),
        "",
        f"    def forward(self, {', '.join(args)}):",
        *(f"        {line}" for line in body),
        "",
        "",
        "# Each weight in the .npz: the module's parameter, the order of Keras's axes in PyTorch, and its shape there.",
        "WEIGHT_LAYOUT = {",
        *table,
        "}",
    ]
    return "\n".join(lines) + _TORCH_LOADER.replace("{cls}", cls).replace("{inputs}", _torch_inputs(graph))


def _torch_inputs(graph: Graph) -> str:
    return _sample_inputs(graph).replace("np.zeros(", "torch.zeros(").replace("dtype=np.float32", "dtype=torch.float32")


def save_script(project: Project, path: str | os.PathLike[str], flavour: str) -> None:
    """Write the script to ``path`` and its weights beside it, as the ``.npz`` of the same name."""
    path = Path(path)
    text = keras_script(project.graph) if flavour == "keras" else torch_script(project.graph)
    save_weights_npz(project, path.with_suffix(".npz"))
    atomic_write(path, text.encode("utf-8"))
