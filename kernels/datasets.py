"""Data sets: built-in ones by name and loaders for .npz, .npy, .csv and MNIST's IDX files."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph_core.errors import DataError
from graph_core.graph import Graph
from graph_core.model import DTYPE, input_names


@dataclass(frozen=True)
class Dataset:
    """Inputs by input layer name ``(samples, *shape)`` float32, targets by output name."""

    x: dict[str, np.ndarray]
    y: dict[str, np.ndarray]
    name: str = "data"
    description: str = ""

    def __len__(self) -> int:
        return len(next(iter(self.x.values()))) if self.x else 0

    def take(self, index: np.ndarray | slice, name: str | None = None) -> Dataset:
        return Dataset(
            {k: v[index] for k, v in self.x.items()}, {k: v[index] for k, v in self.y.items()}, name or self.name,
            self.description,
        )  # fmt: skip

    def split(self, fraction: float) -> tuple[Dataset, Dataset]:
        """As Keras's ``validation_split``: the last ``fraction`` of the samples (before shuffling)."""
        n = len(self)
        cut = n - int(n * fraction)
        return self.take(slice(0, cut)), self.take(slice(cut, n), f"{self.name} (validation)")

    def inputs_for(self, graph: Graph) -> dict[str, np.ndarray]:
        """The inputs checked against the model: float32, finite, of the input shapes."""
        analysis = graph.analysis()
        out = {}
        for node, name in zip(analysis.inputs, input_names(graph), strict=True):
            if name not in self.x:
                raise DataError(f"The data has no input named {name!r}; it has {', '.join(self.x) or 'none'}")
            x = self.x[name]
            if x.dtype.kind not in "biuf":
                raise DataError(f"Input {name!r} must be numbers; found an array of {x.dtype}")
            want = tuple(analysis.shapes[node][1:])  # type: ignore[index]
            if x.shape[1:] != want:
                raise DataError(f"Input {name!r} expects samples of shape {want}; found samples of shape {x.shape[1:]}")
            x = np.ascontiguousarray(x, dtype=DTYPE)
            if not np.isfinite(x).all():
                raise DataError(f"Input {name!r} holds NaN or infinite values")
            out[name] = x
        return out
