"""Reading model inputs from ``.npy``/``.npz`` files and writing predictions.

Arrays are read with ``allow_pickle=False``: a file can hold numbers, never code.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from graph_core.errors import DataError, FileFormatError
from graph_core.io.files import atomic_write
from graph_core.messages import Message


def _load(path: Path) -> np.ndarray | Mapping[str, np.ndarray]:
    """The array of a ``.npy`` or the arrays of an ``.npz``, sizes checked before reading (no pickle)."""
    from graph_core.io.safe_arrays import read_npy, read_npz

    try:
        with open(path, "rb") as f:
            is_zip = f.read(4) == b"PK\x03\x04"
    except FileNotFoundError:
        raise FileFormatError(Message("{path} does not exist", path=path)) from None
    except IsADirectoryError:
        raise FileFormatError(Message("{path} is a folder, not a file", path=path)) from None
    except OSError as exc:
        raise FileFormatError(
            Message("{path} cannot be read ({error})", path=path, error=exc.strerror or exc)
        ) from None
    return read_npz(path) if is_zip else read_npy(path)


def load_arrays(path: str | os.PathLike[str], input_names: list[str]) -> dict[str, np.ndarray]:
    """The model's inputs from ``path``: a ``.npy`` for a single input, or a ``.npz`` keyed
    by input layer name (``x`` is accepted for a single input)."""
    path = Path(path)
    loaded = _load(path)
    if isinstance(loaded, np.ndarray):
        if len(input_names) != 1:
            raise DataError(
                Message("The model has {count} inputs ({names}); a .npy file holds one array. Use a .npz keyed by "
                        "input name", count=len(input_names), names=", ".join(input_names))
            )  # fmt: skip
        return {input_names[0]: loaded}
    if len(input_names) == 1 and input_names[0] not in loaded and "x" in loaded:
        return {input_names[0]: loaded["x"]}
    missing = [n for n in input_names if n not in loaded]
    if missing:
        raise DataError(
            Message("{name} needs an array named {array!r}; it holds {names}", name=path.name, array=missing[0],
                    names=", ".join(loaded) or Message("no arrays"))
        )  # fmt: skip
    return {n: loaded[n] for n in input_names}


def save_outputs(path: str | os.PathLike[str], names: list[str], outputs: Mapping[str, np.ndarray]) -> None:
    """Write predictions: ``.npy`` for a single output, ``.npz`` keyed by output name."""
    path = Path(path)
    buffer = io.BytesIO()
    if path.suffix.lower() == ".npy":
        if len(names) != 1:
            raise DataError(
                Message("The model has {count} outputs; write them to a .npz file, not a .npy", count=len(names))
            )
        np.save(buffer, outputs[names[0]], allow_pickle=False)
    else:
        np.savez(buffer, **{n: outputs[n] for n in names})
    atomic_write(path, buffer.getvalue())
