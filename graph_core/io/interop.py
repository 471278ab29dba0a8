"""Opening models from any supported file, and exporting them to every format.

``load_any`` picks the reader by the file's extension; ``export_model`` the writer by
format name. Each reader returns a :class:`~graph_core.io.files.Project` or raises one
:class:`~graph_core.errors.FileFormatError`; each writer writes atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph_core.errors import FileFormatError
from graph_core.io import files
from graph_core.io.files import Project
from graph_core.messages import Message

#: Format names accepted by ``export_model`` (and ``main.py export --format``).
EXPORT_FORMATS: tuple[str, ...] = ("keras", "onnx", "keras-py", "torch-py", "npz", "summary", "svg")

#: The file extensions each export format writes (``png`` is drawn by the editor's Qt).
EXPORT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "keras": (".keras",),
    "onnx": (".onnx",),
    "keras-py": (".py",),
    "torch-py": (".py",),
    "npz": (".npz",),
    "summary": (".txt", ".md"),
    "svg": (".svg",),
    "png": (".png",),
    "keras-train": (".py",),
}

#: Extensions ``load_any`` reads.
MODEL_SUFFIXES = (".lwire", ".keras", ".json", ".h5", ".hdf5")


def load_any(path: str | os.PathLike[str]) -> Project:
    """A project from a ``.lwire`` project, a ``.keras`` model, a Keras JSON config or a Keras 2 ``.h5`` model;
    a built-in example's name (``mnist_model``) where no such file exists gives that example."""
    from graph_core.examples import EXAMPLES_DIR

    path = Path(path)
    example = EXAMPLES_DIR / f"{path.name}.lwire"
    if not path.suffix and not path.exists() and path.name == str(path):
        if example.is_file():
            return files.load(example)
        names = ", ".join(sorted(p.stem for p in EXAMPLES_DIR.glob("*.lwire")))
        raise FileFormatError(
            Message("{path} is neither a file nor a built-in example; the examples are {names}", path=path,
                    names=names)
        )  # fmt: skip
    suffix = path.suffix.lower()
    if suffix == ".lwire":
        return files.load(path)
    if suffix == ".keras":
        from graph_core.io.keras_format import load_keras

        return load_keras(path)
    if suffix == ".json":
        from graph_core.io.keras_format import load_keras_json

        return load_keras_json(path)
    if suffix in (".h5", ".hdf5"):
        from graph_core.io.keras_h5 import load_keras_h5

        return load_keras_h5(path)
    raise FileFormatError(
        Message(
            "{path} is not a model file Layerwire reads; expected {suffixes}, received {suffix!r}",
            path=path,
            suffixes=", ".join(MODEL_SUFFIXES),
            suffix=suffix or Message("no extension"),
        )
    )


def export_model(project: Project, fmt: str, path: str | os.PathLike[str], expand_nested: bool = False) -> None:
    """Write ``project`` as ``fmt`` (one of ``EXPORT_FORMATS``) to ``path``; ``expand_nested`` lists or draws the
    layers of nested models in the summary and the diagram."""
    if fmt == "keras":
        from graph_core.io.keras_format import save_keras

        save_keras(project, path)
    elif fmt == "onnx":
        from graph_core.io.onnx_export import save_onnx

        save_onnx(project, path)
    elif fmt in ("keras-py", "torch-py"):
        from graph_core.io.script_export import save_script

        save_script(project, path, flavour=fmt.removesuffix("-py"))
    elif fmt == "npz":
        from graph_core.io.script_export import save_weights_npz

        save_weights_npz(project, path)
    elif fmt == "svg":
        from graph_core.io.diagram import save_svg

        save_svg(project, path, expand_nested)
    elif fmt == "summary":
        from graph_core.summary import summary_text

        files.atomic_write(path, summary_text(project.graph, expand_nested=expand_nested).encode("utf-8"))
    else:
        raise FileFormatError(
            Message(
                "Layerwire cannot export {format!r}; it exports {formats}",
                format=fmt,
                formats=", ".join(EXPORT_FORMATS),
            )
        )
