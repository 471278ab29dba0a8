"""Export as teaching material: weights as ``.npz`` and scripts that rebuild the model.

* ``save_weights_npz``: one array per weight, keyed ``layer_name/kernel``, ``layer_name/bias``...
  (Keras's variable names).
* ``keras_script``: the Keras Functional API code of :mod:`graph_core.codegen` plus a
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

from graph_core.codegen import identifier, keras_code
from graph_core.files import Project, atomic_write
from graph_core.graph import Graph
from graph_core.model import ensure_weights, input_names, output_names, require_valid, used_layers


def weights_dict(graph: Graph) -> dict[str, np.ndarray]:
    ensure_weights(graph)
    return {f"{name}/{key}": value for name in used_layers(graph) for key, value in graph.layers[name].weights.items()}


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
        parts.append(f"np.zeros((1, {', '.join(str(d) for d in shape[1:])}), dtype=np.float32)")
    return ", ".join(parts)


_KERAS_LOADER = '''

def load_weights(model, path):
    """Set each layer's weights from the .npz written by Layerwire (keys "layer/variable")."""
    with np.load(path) as weights:
        for layer in model.layers:
            if layer.weights:
                layer.set_weights([weights[f"{layer.name}/{v.name}"] for v in layer.weights])


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
    "softmax": "F.softmax({x}, dim=-1)",
    "log_softmax": "F.log_softmax({x}, dim=-1)",
    "softplus": "F.softplus({x})",
    "softsign": "F.softsign({x})",
    "silu": "F.silu({x})",
    "hard_silu": "F.hardswish({x})",
    "mish": "F.mish({x})",
    "exponential": "torch.exp({x})",
}

_TORCH_HELPERS = '''

class KerasNormalization(nn.Module):
    """Keras's BatchNormalization or LayerNormalization over one axis (moving statistics at inference)."""

    def __init__(self, size, axis, epsilon, center, scale, batch, momentum=0.99):
        super().__init__()
        self.axis, self.epsilon, self.batch, self.momentum = axis, epsilon, batch, momentum
        self.gamma = nn.Parameter(torch.ones(size)) if scale else None
        self.beta = nn.Parameter(torch.zeros(size)) if center else None
        if batch:
            self.register_buffer("moving_mean", torch.zeros(size))
            self.register_buffer("moving_variance", torch.ones(size))

    def forward(self, x):
        axis = self.axis % x.dim()
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

_TORCH_LOADER = '''

def load_weights(model, path):
    """Copy the .npz written by Layerwire (keys "layer/variable", Keras's layout) into the module."""
    with np.load(path) as weights:
        state = {}
        for key in weights.files:
            layer, variable = key.rsplit("/", 1)
            attribute = LAYER_ATTRIBUTES[layer]
            value = torch.from_numpy(weights[key])
            if variable == "kernel":  # Keras keeps (inputs, units); nn.Linear keeps (units, inputs)
                state[f"{attribute}.weight"] = value.T.contiguous()
            elif variable == "bias":
                state[f"{attribute}.bias"] = value
            else:  # gamma, beta, moving_mean, moving_variance
                state[f"{attribute}.{variable}"] = value
    model.load_state_dict(state)


if __name__ == "__main__":
    model = {cls}()
    load_weights(model, sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_suffix(".npz")))
    model.eval()
    with torch.no_grad():
        print(model({inputs}))
'''


def torch_script(graph: Graph) -> str:
    """A PyTorch module computing what the graph computes, and a loader for the ``.npz`` weights."""
    analysis = require_valid(graph)
    taken: set[str] = {"x", "self", "torch", "nn", "F", "np"}
    attribute = {name: identifier(name, taken) for name in used_layers(graph)}
    cls = "".join(part.capitalize() for part in identifier(graph.name, set()).split("_")) or "Model"
    if not cls[0].isalpha():
        cls = f"Model{cls}"
    init, body = [], []
    for name in used_layers(graph):
        layer = graph.layers[name]
        c = layer.config
        specs = {s.name: s.shape for s in analysis.weight_specs[name] or ()}
        attr = attribute[name]
        if layer.type == "Dense":
            fan_in, units = specs["kernel"]
            init.append(f"self.{attr} = nn.Linear({fan_in}, {units}, bias={c['use_bias']})")
        elif layer.type == "Dropout":
            init.append(f"self.{attr} = nn.Dropout({c['rate']})")
        elif layer.type in ("BatchNormalization", "LayerNormalization"):
            size = next(iter(specs.values()), (0,))[0] if specs else _norm_size(graph, name)
            batch = layer.type == "BatchNormalization"
            extra = f", momentum={c['momentum']}" if batch else ""
            init.append(
                f"self.{attr} = KerasNormalization({size}, axis={c['axis']}, epsilon={c['epsilon']}, "
                f"center={c['center']}, scale={c['scale']}, batch={batch}{extra})"
            )
    var: dict[int, str] = {}
    args = []
    for node, name in zip(analysis.inputs, input_names(graph)):
        var[node] = identifier(name, taken)
        args.append(var[node])
    needed = graph.upstream(analysis.outputs)
    for node in analysis.order:
        if node in var or node not in needed:
            continue
        layer = graph.layer_of(node)
        xs = [var[s] for s in graph.sources_of(node)]
        out = identifier(f"{layer.name}_out" if len(graph.nodes_of_layer(layer.name)) > 1 else layer.name, taken)
        var[node] = out
        body.append(f"{out} = {_torch_expr(layer.type, layer.config, attribute[layer.name], xs)}")
    outs = [var[n] for n in analysis.outputs]
    body.append(f"return {outs[0]}" if len(outs) == 1 else f"return {', '.join(outs)}")
    mapping = ", ".join(f'"{name}": "{attr}"' for name, attr in attribute.items())
    lines = [
        f'"""The model "{graph.name}" as a PyTorch module, with weights from the .npz Layerwire exports.',
        "",
        f"Inputs: {', '.join(input_names(graph))}. Outputs: {', '.join(output_names(graph))}.",
        '"""',
        "",
        "import sys",
        "from pathlib import Path",
        "",
        "import numpy as np",
        "import torch",
        "import torch.nn.functional as F",
        "from torch import nn",
        _TORCH_HELPERS.rstrip("\n"),
        "",
        "",
        f"class {cls}(nn.Module):",
        "    def __init__(self):",
        "        super().__init__()",
        *(f"        {line}" for line in init or ["pass"]),
        "",
        f"    def forward(self, {', '.join(args)}):",
        *(f"        {line}" for line in body),
        "",
        "",
        f"LAYER_ATTRIBUTES = {{{mapping}}}",
    ]
    return "\n".join(lines) + _TORCH_LOADER.replace("{cls}", cls).replace("{inputs}", _torch_inputs(graph))


def _torch_inputs(graph: Graph) -> str:
    return _sample_inputs(graph).replace("np.zeros(", "torch.zeros(").replace("dtype=np.float32", "dtype=torch.float32")


def _norm_size(graph: Graph, name: str) -> int:
    node = graph.nodes_of_layer(name)[0]
    shape = graph.analysis().shapes[node]
    assert shape is not None
    size = shape[graph.layers[name].config["axis"] % len(shape)]
    assert size is not None
    return size


def _torch_expr(layer_type: str, c: dict, attr: str, xs: list[str]) -> str:
    x = xs[0] if xs else "x"
    if layer_type == "Dense":
        return _TORCH_ACTIVATIONS[c["activation"]].format(x=f"self.{attr}({x})")
    if layer_type == "Activation":
        return _TORCH_ACTIVATIONS[c["activation"]].format(x=x)
    if layer_type in ("Dropout", "BatchNormalization", "LayerNormalization"):
        return f"self.{attr}({x})"
    if layer_type == "Flatten":
        return f"torch.flatten({x}, 1)"
    if layer_type == "Reshape":
        return f"{x}.reshape({x}.shape[0], {', '.join(str(d) for d in c['target_shape'])})"
    if layer_type == "Add":
        return " + ".join(xs)
    if layer_type == "Subtract":
        return f"{xs[0]} - {xs[1]}"
    if layer_type == "Multiply":
        return " * ".join(xs)
    if layer_type == "Average":
        return f"({' + '.join(xs)}) / {len(xs)}"
    if layer_type in ("Maximum", "Minimum"):
        fn = "torch.maximum" if layer_type == "Maximum" else "torch.minimum"
        expr = xs[0]
        for other in xs[1:]:
            expr = f"{fn}({expr}, {other})"
        return expr
    if layer_type == "Concatenate":
        return f"torch.cat([{', '.join(xs)}], dim={c['axis']})"
    raise AssertionError(f"layer type {layer_type} has no PyTorch form")  # every registered type is handled


def save_script(project: Project, path: str | os.PathLike[str], flavour: str) -> None:
    """Write the script to ``path`` and its weights beside it, as the ``.npz`` of the same name."""
    path = Path(path)
    text = keras_script(project.graph) if flavour == "keras" else torch_script(project.graph)
    save_weights_npz(project, path.with_suffix(".npz"))
    atomic_write(path, text.encode("utf-8"))
