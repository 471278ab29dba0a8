"""The Keras 3 training script: the way out when a model or its data outgrows one machine.

``keras_training_script`` writes a runnable script that rebuilds the model with the
Functional API (:mod:`graph_core.io.codegen`), starts from Layerwire's weights when their
``.npz`` is beside it, compiles with the project's optimizer, a loss and a weight per output
(``loss_weights``) and the metrics Layerwire reports, and fits with the project's batch
size, epochs, validation split and shuffling on the data in the ``.npz`` beside it. Commented
lines switch the backend and spread each batch over every GPU of the machine
(``keras.distribution.DataParallel``). It names no Layerwire module: Keras and numpy run it.

What the data and the losses are is decided where the data is read (``kernels``); this
module only writes the text from them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from graph_core.graph import Graph
from graph_core.io.codegen import keras_code
from graph_core.model import input_names, output_names, require_valid
from graph_core.settings import TrainingSettings

_OPTIMIZERS = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad"}
_LOSSES = {
    "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
    "binary_crossentropy": "BinaryCrossentropy",
    "mse": "MeanSquaredError",
    "mae": "MeanAbsoluteError",
    "huber": "Huber",
}


@dataclass(frozen=True)
class OutputLoss:
    """One output's loss as training resolved it: Keras name, from logits, weight in the total."""

    loss: str
    from_logits: bool = False
    weight: float = 1.0


def _optimizer(s: TrainingSettings) -> str:
    args = [f"learning_rate={s.lr!r}"]
    if s.optimizer in ("sgd", "rmsprop") and s.momentum:
        args.append(f"momentum={s.momentum!r}")
    if s.optimizer == "sgd" and s.nesterov:
        args.append("nesterov=True")
    return f"keras.optimizers.{_OPTIMIZERS[s.optimizer]}({', '.join(args)})"


def _loss(o: OutputLoss) -> str:
    logits = ", from_logits=True" if o.from_logits and o.loss.endswith("crossentropy") else ""
    return f"keras.losses.{_LOSSES[o.loss]}({logits.removeprefix(', ')})"


def _metric(o: OutputLoss) -> str:
    """The metric Layerwire logs for the loss, under the name it logs it by."""
    if o.loss == "sparse_categorical_crossentropy":
        return 'keras.metrics.SparseCategoricalAccuracy(name="accuracy")'
    if o.loss == "categorical_crossentropy":
        return 'keras.metrics.CategoricalAccuracy(name="accuracy")'
    if o.loss == "binary_crossentropy":
        return f'keras.metrics.BinaryAccuracy(threshold={0.0 if o.from_logits else 0.5}, name="accuracy")'
    return 'keras.metrics.MeanAbsoluteError(name="mae")'


def _by_output(names: Sequence[str], values: Sequence[str]) -> str:
    if len(names) == 1:
        return values[0]
    return "{" + ", ".join(f'"{name}": {value}' for name, value in zip(names, values, strict=True)) + "}"


def keras_training_script(
    graph: Graph, settings: TrainingSettings, losses: Sequence[OutputLoss], data_file: str, weights_file: str,
    trained_file: str, data_description: str = "", script: str = "train.py", validation_data: bool = False,
) -> str:  # fmt: skip
    """The script's text; the file names are relative to the script's folder (or absolute). With
    ``validation_data`` the data file also holds the validation part ("val_in/NAME", "val_out/NAME": a known
    set's test part, which Layerwire validates on when no split is asked for) and the script fits with it."""
    require_valid(graph)
    ins, outs = input_names(graph), output_names(graph)
    if len(losses) != len(outs):
        raise ValueError("one loss per output")
    s = settings
    model = keras_code(graph).split("\n", 3)[3].rstrip() + "\n"  # the model, without its imports

    def arrays(prefix: str) -> tuple[str, str]:
        x = (f'data["{prefix}in/{ins[0]}"]' if len(ins) == 1
             else "{" + ", ".join(f'"{n}": data["{prefix}in/{n}"]' for n in ins) + "}")  # fmt: skip
        return x, _by_output(outs, [f'data["{prefix}out/{n}"]' for n in outs])

    x, y = arrays("")
    if validation_data:
        x_val, y_val = arrays("val_")
        validation = "validation_data=(x_val, y_val)"
        val_lines = f"x_val = {x_val}\ny_val = {y_val}\n"
        val_doc = ', the validation part as\n"val_in/NAME" and "val_out/NAME"'
    else:
        validation, val_lines, val_doc = f"validation_split={s.validation_split!r}", "", ""
    weights = [o.weight for o in losses]
    compile_args = [
        f"    optimizer={_optimizer(s)},",
        f"    loss={_by_output(outs, [_loss(o) for o in losses])},",
    ]
    if any(w != 1.0 for w in weights):
        compile_args.append(f"    loss_weights={_by_output(outs, [repr(w) for w in weights])},")
    compile_args.append(f"    metrics={_by_output(outs, [f'[{_metric(o)}]' for o in losses])},")
    described = "\n\n" + textwrap.fill(f"The data: {data_description}.", 96) if data_description else ""
    return f'''"""Train the model "{graph.name}" with Keras 3 as its Layerwire project is set up to train.

    python {script}                       # on the backend KERAS_BACKEND names (default TensorFlow)
    KERAS_BACKEND=jax python {script}     # or torch, tensorflow

Reads, beside this script, {data_file}: the training data, inputs as "in/NAME" and targets as
"out/NAME"{val_doc}; and {weights_file}: the weights the model starts from (without it, Keras's
initializers). Writes {trained_file}, the trained model.{described}
"""

import os
from pathlib import Path

# Choose the backend before Keras is imported (or set KERAS_BACKEND in the shell):
# os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np
from keras import layers

HERE = Path(__file__).resolve().parent

# Several GPUs on one machine (JAX backend): split each batch between all of them.
# keras.distribution.set_distribution(keras.distribution.DataParallel(devices=keras.distribution.list_devices()))

{model}
weights_file = HERE / "{weights_file}"


def set_weights(model, saved, prefix=""):
    for layer in model.layers:
        if isinstance(layer, keras.Model):  # a nested model: its layers' keys are "model/layer/variable"
            set_weights(layer, saved, f"{{prefix}}{{layer.name}}/")
        elif layer.weights:  # its keys in the order of layer.weights (a Bidirectional has two "kernel")
            layer.set_weights([saved[key] for key in saved if key.rpartition("/")[0] == prefix + layer.name])


if weights_file.exists():
    with np.load(weights_file) as saved:
        set_weights(model, saved)

data = np.load(HERE / "{data_file}")
x_train = {x}
y_train = {y}
{val_lines}
model.compile(
{chr(10).join(compile_args)}
)
model.fit(x_train, y_train, batch_size={s.batch_size}, epochs={s.epochs}, {validation},
          shuffle={s.shuffle})
model.save(HERE / "{trained_file}")
'''
