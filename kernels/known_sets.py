"""Reading the data sets people know — MNIST, Fashion-MNIST, CIFAR-10 — from the files Keras uses.

    (x_train, y_train), (x_test, y_test) = read_known("mnist")   # uint8 images, int64 labels

The files come from :func:`kernels.download.fetch` (downloaded once, checked against their SHA-256,
cached). Each format is parsed with checks, as data from a mirror may be anything: ``mnist.npz`` is
read without pickle; Fashion-MNIST's four gzipped IDX files with :func:`kernels.datasets.read_idx`;
CIFAR-10's ``.tar.gz`` holds its batches as Python pickles, which are read by an unpickler that can
build numpy arrays and nothing else (no other class, no function call), and what it builds must be a
batch (a ``uint8`` array of ``(n, 3072)`` pixels and ``n`` labels). Images come as Keras gives them:
``(n, 28, 28)`` and ``(n, 32, 32, 3)`` (channels last); labels as ``(n,)`` class numbers.

The last set read is kept in memory (its files unchanged), so fitting it to an edited model again
does not read the files again.
"""

from __future__ import annotations

import io
import pickle
import tarfile
import threading
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from graph_core.errors import DataError
from graph_core.messages import Message
from kernels import download
from kernels.download import Progress

#: What each set is, for the data's description.
DESCRIPTIONS: dict[str, str] = {
    "mnist": Message("Keras's MNIST, 28×28 handwritten digits, 10 classes"),
    "fashion_mnist": Message("Keras's Fashion-MNIST, 28×28 pictures of clothes, 10 classes"),
    "cifar10": Message("Keras's CIFAR-10, 32×32 colour photos of 10 kinds of things"),
}

#: The names of the known sets' classes, label by label (as Keras's documentation gives them).
CLASSES: dict[str, tuple[str, ...]] = {
    "mnist": tuple(str(k) for k in range(10)),
    "fashion_mnist": ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                      "Ankle boot"),
    "cifar10": ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
}  # fmt: skip

#: The largest CIFAR batch read (each of the real ones is 31 MB).
MAX_BATCH_BYTES = 1 << 27

Split = tuple[np.ndarray, np.ndarray]
_last: tuple[Any, tuple[Split, Split]] | None = None
_last_lock = threading.Lock()


def read_known(
    name: str,
    *,
    fetch: bool = True,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    hashes: Mapping[str, str] | None = None,
) -> tuple[Split, Split]:
    """``((x_train, y_train), (x_test, y_test))`` of the known set ``name``: uint8 images, int64 labels.

    With ``fetch`` false nothing is downloaded: a set not in the caches yet is refused with a
    ``DataError`` saying how to get it. ``progress``, ``cancel`` and ``hashes`` are
    :func:`kernels.download.fetch`'s.
    """
    global _last
    if not fetch and download.missing(name, hashes):
        raise DataError(
            Message("{name} is not downloaded yet: choose it in the Training dock, or train with --data {name}, "
                    "to download it once", name=name)
        )  # fmt: skip
    paths = download.fetch(name, progress=progress, cancel=cancel, hashes=hashes)
    key = (name, tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths))
    with _last_lock:
        if _last is not None and _last[0] == key:
            return _last[1]
    if name == "mnist":
        parts = _read_mnist(paths[0])
    elif name == "fashion_mnist":
        parts = _read_fashion(*paths)
    else:
        parts = _read_cifar(paths[0])
    with _last_lock:
        _last = (key, parts)
    return parts


def _read_mnist(path: Path) -> tuple[Split, Split]:
    from graph_core.io.safe_arrays import read_npz
    from kernels.datasets import _read_limit

    arrays = read_npz(path, _read_limit())
    return keras_layout(arrays, str(path))


def keras_layout(arrays: Mapping[str, np.ndarray], where: str) -> tuple[Split, Split]:
    """The parts of arrays in ``keras.datasets`` layout (``x_train``, ``y_train``, ``x_test``, ``y_test``),
    checked: numbers, and as many targets as samples in each part."""
    names = ("x_train", "y_train", "x_test", "y_test")
    absent = [n for n in names if n not in arrays]
    if absent:
        raise DataError(
            Message("{where} must hold x_train, y_train, x_test and y_test; it lacks {names}", where=where,
                    names=", ".join(absent))
        )  # fmt: skip
    for n in names:
        if arrays[n].dtype.kind not in "biuf":
            raise DataError(
                Message("{where}: {name} must hold numbers; found an array of {dtype}", where=where, name=n,
                        dtype=str(arrays[n].dtype))
            )  # fmt: skip
    for x, y in (("x_train", "y_train"), ("x_test", "y_test")):
        if arrays[x].ndim < 2 or len(arrays[x]) != len(arrays[y]):
            raise DataError(
                Message("{where}: {x} has shape {x_shape} and {y} has shape {y_shape}; expected samples of one or "
                        "more dimensions and one target per sample", where=where, x=x, x_shape=arrays[x].shape, y=y,
                        y_shape=arrays[y].shape)
            )  # fmt: skip
    return (arrays["x_train"], _labels(arrays["y_train"])), (arrays["x_test"], _labels(arrays["y_test"]))


def _labels(y: np.ndarray) -> np.ndarray:
    return y.astype(np.int64) if y.dtype.kind in "biu" else y


def _read_fashion(train_labels: Path, train_images: Path, test_labels: Path, test_images: Path) -> tuple[Split, Split]:
    from kernels.datasets import read_idx

    parts = []
    for images, labels in ((train_images, train_labels), (test_images, test_labels)):
        x, y = read_idx(images), read_idx(labels)
        if x.ndim != 3 or y.ndim != 1 or len(x) != len(y) or x.dtype != np.uint8:
            raise DataError(
                Message("{images} and {labels}: expected uint8 images (n, rows, columns) and n labels; found {x} "
                        "{x_shape} and {y_shape}", images=images.name, labels=labels.name, x=str(x.dtype),
                        x_shape=x.shape, y_shape=y.shape)
            )  # fmt: skip
        parts.append((x, y.astype(np.int64)))
    return parts[0], parts[1]


# --------------------------------------------------------------------------- CIFAR-10

_BATCHES = tuple(f"data_batch_{i}" for i in range(1, 6)) + ("test_batch",)
_RECONSTRUCT = np.ndarray((0,)).__reduce__()[0]  # numpy's own array rebuilder, wherever numpy keeps it
_GLOBALS = {
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
    ("numpy.core.multiarray", "_reconstruct"): _RECONSTRUCT,  # the name in pickles made by numpy 1
    ("numpy._core.multiarray", "_reconstruct"): _RECONSTRUCT,  # by numpy 2
}


class _ArraysOnly(pickle.Unpickler):
    """Unpickles dicts, lists, numbers, bytes and numpy arrays; any other class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _GLOBALS[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"refused {module}.{name}: a data batch holds arrays only") from None


def _read_cifar(path: Path) -> tuple[Split, Split]:
    batches: dict[str, Split] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                base = member.name.rsplit("/", 1)[-1]
                if base not in _BATCHES or not member.isfile():
                    continue
                if member.size > MAX_BATCH_BYTES:
                    raise DataError(
                        Message("{path}: {member} is {size:,} bytes; a CIFAR batch has about 31 million", path=path,
                                member=member.name, size=member.size)
                    )  # fmt: skip
                f = tar.extractfile(member)
                assert f is not None  # a regular file
                batches[base] = _batch(f.read(), f"{path.name}: {member.name}")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise DataError(
            Message("{path} is not a readable .tar.gz archive ({error})", path=path, error=str(exc))
        ) from None
    absent = [b for b in _BATCHES if b not in batches]
    if absent:
        raise DataError(
            Message("{path} lacks the CIFAR batches {names}", path=path, names=", ".join(absent))
        )  # fmt: skip
    train = [batches[b] for b in _BATCHES[:-1]]
    x_train = np.concatenate([x for x, _ in train])
    y_train = np.concatenate([y for _, y in train])
    return (x_train, y_train), batches["test_batch"]


def _batch(raw: bytes, where: str) -> Split:
    """``(images uint8 (n, 32, 32, 3), labels int64 (n,))`` from one pickled CIFAR batch."""
    try:
        loaded = _ArraysOnly(io.BytesIO(raw), encoding="bytes").load()
    except Exception as exc:  # noqa: BLE001 - anything a damaged or hostile pickle raises: refused as data
        raise DataError(Message("{where} is not a CIFAR batch ({error})", where=where, error=str(exc))) from None
    if not isinstance(loaded, dict):
        raise DataError(Message("{where} is not a CIFAR batch (expected a dict; found {kind})", where=where,
                                kind=type(loaded).__name__))  # fmt: skip
    batch = {k.decode("latin-1") if isinstance(k, bytes) else k: v for k, v in loaded.items()}
    data, labels = batch.get("data"), batch.get("labels")
    if not isinstance(data, np.ndarray) or data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != 3072:
        found = f"{data.dtype} {data.shape}" if isinstance(data, np.ndarray) else type(data).__name__
        raise DataError(
            Message("{where}: expected 'data', uint8 pixels of shape (n, 3072); found {found}", where=where,
                    found=found)
        )  # fmt: skip
    if not (isinstance(labels, list) and len(labels) == len(data) and all(type(v) is int for v in labels)):
        raise DataError(
            Message("{where}: expected 'labels', a list of {count} class numbers", where=where, count=len(data))
        )
    y = np.array(labels, np.int64)
    if len(y) and (y.min() < 0 or y.max() > 9):
        raise DataError(
            Message("{where}: labels must be from 0 to 9; found {low} to {high}", where=where, low=int(y.min()),
                    high=int(y.max()))
        )  # fmt: skip
    return np.ascontiguousarray(data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)), y
