"""The example models shipped in ``resources/examples``, built in code.

``python -m graph_core.examples`` writes them anew; a test checks that the files in the
repository are what this module builds, so the two never drift apart.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from graph_core import files
from graph_core.builder import ModelBuilder
from graph_core.files import Project
from graph_core.model import ensure_weights

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "examples"


def mnist_model() -> Project:
    """The Keras guide's first model: 784 → Dense 64 relu → Dense 64 relu → Dense 10."""
    b = ModelBuilder("mnist_model")
    x = b.input((784,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=10)
    return Project(b.done())


def multi_io() -> Project:
    """Two inputs, two outputs: a ticket's text features and metadata give a priority and a department."""
    b = ModelBuilder("ticket_classifier")
    text = b.input((32,), name="text_features")
    meta = b.input((8,), name="metadata")
    t = b.add("Dense", text, units=32, activation="relu", name="text_dense")
    m = b.add("Dense", meta, units=8, activation="relu", name="metadata_dense")
    x = b.add("Concatenate", t, m)
    x = b.add("Dense", x, units=32, activation="relu")
    priority = b.add("Dense", x, units=1, activation="sigmoid", name="priority")
    department = b.add("Dense", x, units=4, activation="softmax", name="department")
    b.outputs(priority, department)
    return Project(b.done())


def residual_mlp() -> Project:
    """An MLP with two residual connections (Add), as in the guide's toy ResNet."""
    b = ModelBuilder("residual_mlp")
    x = b.input((64,))
    x = b.add("Dense", x, units=64, activation="relu")
    for _ in range(2):
        y = b.add("Dense", x, units=64, activation="relu")
        y = b.add("Dense", y, units=64)
        x = b.add("Add", x, y)
        x = b.add("Activation", x, activation="relu")
    b.add("Dense", x, units=10)
    return Project(b.done())


def shared_layer() -> Project:
    """A Siamese model: one Dense layer shared by two inputs, compared by Subtract."""
    b = ModelBuilder("siamese")
    left = b.input((16,), name="left")
    right = b.input((16,), name="right")
    a = b.add("Dense", left, units=32, activation="relu", name="encoder")
    c = b.call("encoder", right)
    x = b.add("Subtract", a, c)
    b.add("Dense", x, units=1, activation="sigmoid", name="same")
    return Project(b.done())


def spiral() -> Project:
    """The spiral classifier: 2 → Dense 64 relu → Dense 64 relu → Dense 2 (logits)."""
    b = ModelBuilder("spiral_classifier")
    x = b.input((2,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=2)
    return Project(b.done())


EXAMPLES: dict[str, Callable[[], Project]] = {
    "mnist_model": mnist_model,
    "multi_io": multi_io,
    "residual_mlp": residual_mlp,
    "shared_layer": shared_layer,
    "spiral": spiral,
}


def build(name: str, seed: int = 0) -> Project:
    """An example with weights drawn by Keras's default initializers from ``seed``."""
    project = EXAMPLES[name]()
    ensure_weights(project.graph, seed=seed)
    return project


def write_all(folder: Path = EXAMPLES_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXAMPLES:
        path = folder / f"{name}.lwire"
        files.save(build(name), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLES_DIR):
        print(p)
