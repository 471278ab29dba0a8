"""Exporting a project as a Keras 3 training script, with its data and weights beside it.

    export_training_script(project, "train_spiral.py")   # also writes train_spiral_data.npz,
                                                          # train_spiral_weights.npz

The data set is read as ``train`` reads it (a built-in set, or a file; its first ``samples``, the inputs
as targets where the settings ask) and written as one
``.npz`` the script loads without Layerwire, with a known set's test part to validate on when no split is asked
for, as ``train`` validates; the losses are resolved as training resolves
them (from the settings, else from the data and the model). The script's text comes from
:mod:`graph_core.io.train_script`. Nothing is written unless all three files can be.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import numpy as np

from graph_core.errors import DataError
from graph_core.io.files import Project, atomic_write
from graph_core.io.script_export import weights_dict
from graph_core.io.train_script import OutputLoss, keras_training_script
from graph_core.messages import Message
from graph_core.model import ensure_weights, output_names, require_valid
from graph_core.settings import TrainingSettings
from kernels.datasets import Dataset, for_training, load_dataset
from kernels.training import infer_losses


def _targets_for_keras(graph_shapes: dict[str, tuple[int, ...]], data: Dataset, losses: list[OutputLoss]) -> dict:
    """Targets in the form Keras's losses take: class numbers for the sparse loss, else float arrays
    of the output's shape."""
    out = {}
    for (name, shape), loss in zip(graph_shapes.items(), losses, strict=True):
        y = np.asarray(data.y[name])
        n = len(y)
        labels = y.dtype.kind in "iub" and y.size == n * int(np.prod(shape[:-1]))
        if loss.loss == "sparse_categorical_crossentropy":
            out[name] = y.reshape(n, *shape[:-1]).astype(np.int64)
        elif loss.loss == "categorical_crossentropy" and labels:
            out[name] = np.eye(shape[-1], dtype=np.float32)[y.reshape(n, *shape[:-1])]
        else:
            out[name] = y.astype(np.float32).reshape(n, *shape)
    return out


def export_training_script(project: Project, path: str | os.PathLike[str]) -> list[Path]:
    """Write the script at ``path`` and its data and weights beside it; returns the three paths."""
    graph = project.graph
    analysis = require_valid(graph)
    settings = TrainingSettings.from_dict(project.training)
    if settings.data is None:
        raise DataError(
            Message("the model has no data set in its training settings; choose one in the Training dock, or "
                    "train once with --data")
        )  # fmt: skip
    data = load_dataset(settings.data, graph, seed=settings.seed)
    data = for_training(data, graph, settings.samples, settings.targets_from_inputs)
    resolved = infer_losses(graph, settings, data.y)
    losses = [OutputLoss(s.name, s.from_logits, s.weight) for s in resolved]
    shapes = {name: tuple(analysis.shape_of(v)[1:]) for v, name in zip(analysis.output_values, output_names(graph),
                                                                         strict=True)}  # type: ignore[index]  # fmt: skip
    targets = _targets_for_keras(shapes, data, losses)
    ensure_weights(graph, seed=settings.seed)

    path = Path(path)
    data_path = path.with_name(f"{path.stem}_data.npz")
    weights_path = path.with_name(f"{path.stem}_weights.npz")
    trained = f"{path.stem}_trained.keras"
    # As training does: a known set's test part validates unless a split is asked for.
    validation = data.test if settings.validation_split == 0 and data.test is not None and len(data.test) else None
    text = keras_training_script(graph, settings, losses, data_path.name, weights_path.name, trained,
                                 data.description, path.name, validation_data=validation is not None)  # fmt: skip
    arrays = {f"in/{k}": np.asarray(v, np.float32) for k, v in data.x.items()}
    arrays.update({f"out/{k}": v for k, v in targets.items()})
    if validation is not None:
        arrays.update({f"val_in/{k}": np.asarray(v, np.float32) for k, v in validation.x.items()})
        arrays.update({f"val_out/{k}": v for k, v in _targets_for_keras(shapes, validation, losses).items()})
    written: list[Path] = []
    try:
        for target, content in ((data_path, arrays), (weights_path, weights_dict(graph))):
            buffer = io.BytesIO()
            np.savez(buffer, **content)
            atomic_write(target, buffer.getvalue())
            written.append(target)
        atomic_write(path, text.encode("utf-8"))
        written.append(path)
    except BaseException:
        for done in written:  # all three or none
            with contextlib.suppress(OSError):
                done.unlink()
        raise
    return written
