"""Data sets: built-in ones by name, known ones downloaded by name, loaders for .npz, .npy, .csv and
MNIST's IDX files, and folders of images with one subfolder per class (:mod:`kernels.image_folder`).

    data = load_dataset("spiral", graph)           # or a path; see load_dataset's docstring
    data.x  -> {input layer name: float32 (samples, *input_shape)}
    data.y  -> {output name: int64 labels or float32 values}
    data.test -> the test part (a Dataset) of a known set or a keras.datasets-style .npz, else None
    data.description -> "spiral: two interleaved spirals ... (1000 samples, input ... (2,), ...)"
    data.classes -> the name of each class label, where the data names them (a folder's subfolders)
    data.warnings -> what was left out while reading (a folder's damaged images), one message each
    data.stream_note -> for a folder too large to decode whole, what that would take: it is streamed

Built-in sets (``BUILTIN``): spiral, moons, circles, xor, blobs (3 classes), sine
(regression) and digits (scikit-learn's 8x8 digits, 64 features in [0, 1], 10 classes).
Each 2-D set's default noise lets a 2 -> 64 relu -> 64 relu network reach 97 %
training accuracy. Two sets are sequences of int32 token ids: brackets (strings of
brackets, labelled 1 when balanced: only their order tells, so a model must remember
what it has read) and tickets (the Keras guide's random ticket data, with arrays named
after the guide's model's inputs and outputs; see :func:`make_tickets`). Known sets
(``KNOWN``): mnist, fashion_mnist and cifar10, read from the files Keras uses
(:mod:`kernels.download` fetches them once; :mod:`kernels.known_sets` reads them), as is
an ``.npz`` holding ``x_train``, ``y_train``, ``x_test`` and ``y_test``: uint8 images are
scaled to [0, 1], images take the shape of the model's input when the sizes agree
(``(28, 28)``, ``(28, 28, 1)`` or ``(784,)``), and the test part becomes the validation
data unless a validation split is asked for.

:func:`for_training` applies the settings that shape the data a run trains on: the first
``samples`` samples, and the inputs as targets (``targets_from_inputs``, an autoencoder's).

Files are read without pickle (``allow_pickle=False``); data that is not numeric, holds
NaN, or is ragged is refused with a :class:`DataError` saying what was expected and what
was found. Whether the data fits the model (widths, label ranges, token ids in an
Embedding's range) is checked when a trainer prepares it (``kernels.training``).
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from graph_core.errors import DataError
from graph_core.graph import Graph
from graph_core.messages import Message, join
from graph_core.model import DTYPE, input_names
from graph_core.reference import checked_ids
from kernels import known_sets
from kernels.csv_table import labels_or_values, read_csv
from kernels.download import KNOWN
from kernels.streaming import is_streamed


@dataclass(frozen=True)
class Dataset:
    """Inputs by input layer name ``(samples, *shape)`` (float32, or int32 token ids), targets by output name.

    ``tokens`` gives, for an input of token ids that stand for text, the text of each id
    (``tokens[name][i]`` for id ``i``), so a view can show a sample as what it reads;
    ``classes`` the name of each class label, where the data names them.
    ``test``: a separate test part (keyed the same way), which training validates on unless
    a validation split is asked for.
    """

    x: dict[str, np.ndarray]
    y: dict[str, np.ndarray]
    name: str = "data"
    description: str = ""
    tokens: dict[str, tuple[str, ...]] = field(default_factory=dict)
    test: Dataset | None = None
    #: The name of each class label (``classes[k]`` for label ``k``), where the data names them.
    classes: tuple[str, ...] = ()
    #: What was left out while reading, one message each (a damaged image of a folder skipped...).
    warnings: tuple[str, ...] = ()
    #: Why the inputs are streamed (:mod:`kernels.streaming`: a folder too large to decode whole), else "".
    stream_note: str = ""

    @property
    def streamed(self) -> bool:
        """Whether an input is decoded batch by batch (:class:`kernels.streaming.StreamedImages`), not held."""
        return any(is_streamed(v) for v in self.x.values())

    def found_warnings(self) -> tuple[str, ...]:
        """:attr:`warnings`, and the damaged images streaming has found so far."""
        found = {id(v.source): v.source.warnings for v in self.x.values() if is_streamed(v)}
        return self.warnings + tuple(w for ws in found.values() for w in ws)

    def __len__(self) -> int:
        return len(next(iter(self.x.values()))) if self.x else 0

    def take(self, index: np.ndarray | slice, name: str | None = None) -> Dataset:
        """The samples ``index`` (a streamed input stays streamed: nothing is decoded)."""
        return Dataset(
            {k: v.subset(index) if is_streamed(v) else v[index] for k, v in self.x.items()},
            {k: v[index] for k, v in self.y.items()}, name or self.name, self.description, self.tokens,
            classes=self.classes, stream_note=self.stream_note,
        )  # fmt: skip

    def split(self, fraction: float) -> tuple[Dataset, Dataset]:
        """As Keras's ``validation_split``: the last ``fraction`` of the samples (before shuffling)."""
        n = len(self)
        cut = n - int(n * fraction)
        return self.take(slice(0, cut)), self.take(slice(cut, n), f"{self.name} (validation)")

    def inputs_for(self, graph: Graph) -> dict[str, np.ndarray]:
        """The inputs checked against the model: float32 and finite (token ids: int32, in range), of the input
        shapes. A streamed input is returned as it is."""
        analysis = graph.analysis()
        out = {}
        for node, name in zip(analysis.inputs, input_names(graph), strict=True):
            if name not in self.x:
                raise DataError(
                    Message(
                        "The data has no input named {name!r}; it has {names}",
                        name=name,
                        names=", ".join(self.x) or Message("none"),
                    )
                )
            x = self.x[name]
            if x.dtype.kind not in "biuf":
                raise DataError(
                    Message("Input {name!r} must be numbers; found an array of {dtype}", name=name, dtype=str(x.dtype))
                )
            want = tuple(analysis.shapes[node][1:])  # type: ignore[index]
            if len(x.shape[1:]) != len(want) or any(w is not None and w != d for w, d in zip(want, x.shape[1:])):
                raise DataError(
                    Message(
                        "Input {name!r} expects samples of shape {want}; found samples of shape {found}",
                        name=name,
                        want=want,
                        found=x.shape[1:],
                    )
                )
            if is_streamed(x):  # images in [0, 1]: only what the model takes them as is checked (on one)
                checked_ids(graph, node, name, x[:1])
                out[name] = x
                continue
            if x.dtype.kind == "f" and not np.isfinite(x).all():
                raise DataError(Message("Input {name!r} holds NaN or infinite values", name=name))
            out[name] = checked_ids(graph, node, name, x)  # float32, or int32 token ids in their Embedding's range
        return out


# --------------------------------------------------------------------------- built-in sets

#: name -> (default noise, default samples, description)
BUILTIN: dict[str, tuple[float, int, str]] = {
    "spiral": (0.04, 1000, Message("two interleaved spirals of 1.75 turns, 2 classes")),
    "moons": (0.1, 1000, Message("two interleaving half circles, 2 classes")),
    "circles": (0.05, 1000, Message("a circle inside another, 2 classes")),
    "xor": (0.01, 1000, Message("points in the four quadrants, class = sign(x) xor sign(y), 2 classes")),
    "blobs": (0.6, 1000, Message("three Gaussian blobs, 3 classes")),
    "sine": (0.05, 500, Message("y = sin(x) + noise for x in [-pi, pi], regression")),
    "digits": (0.0, 1797, Message("scikit-learn's 8x8 handwritten digits, 64 features in [0, 1], 10 classes")),
    "brackets": (
        0.0,
        2000,
        Message(
            'strings of 20 brackets, ten "(" and ten ")" as token ids 0 and 1; label 1 when balanced, 2 classes. '
            "Counting them tells nothing: only their order does"
        ),
    ),
    "tickets": (
        0.0,
        1280,
        Message(
            "the Keras guide's random support tickets: titles and bodies of token ids below 10,000, 12 tags of 0 "
            "or 1; targets priority in [0, 1) and department (4 values of 0 or 1)"
        ),
    ),
}

#: Built-in sets of token ids: the text of each id, by set.
TOKENS: dict[str, tuple[str, ...]] = {"brackets": ("(", ")")}
BRACKET_PAIRS = 10

#: The Keras guide's ticket model: words in its vocabulary, tags and departments, and the data's lengths.
TICKET_WORDS, TICKET_TAGS, TICKET_DEPARTMENTS = 10_000, 12, 4
TICKET_TITLE, TICKET_BODY = 10, 100
#: The sets whose arrays are named after a model's inputs and outputs: (input names, output names).
NAMED_SETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tickets": (("title", "body", "tags"), ("priority", "department")),
}


def _sample_count(name: str, samples: int | None) -> int:
    if name not in BUILTIN:
        raise DataError(
            Message("There is no built-in data set {name!r}; there are {names}", name=name, names=", ".join(BUILTIN))
        )
    n = BUILTIN[name][1] if samples is None else samples
    if n < 1:
        raise DataError(Message("A data set needs at least 1 sample. Received: samples={samples}", samples=n))
    return n


def make_builtin(name: str, samples: int | None = None, noise: float | None = None, seed: int = 0):  # type: ignore[no-untyped-def]
    """``(x (n, features), y, description)`` of a set with one input: x is float32 (brackets: int32 token ids
    ``(n, 20)``), y int64 labels or float32 values. The sets of :data:`NAMED_SETS` come from
    :func:`make_tickets`."""
    n = _sample_count(name, samples)
    if name in NAMED_SETS:
        raise ValueError(f"{name} has several inputs: make it with make_{name}")
    default_noise, _, about = BUILTIN[name]
    noise = default_noise if noise is None else noise
    if noise < 0 or not np.isfinite(noise):
        raise DataError(Message("noise must be a number >= 0. Received: noise={noise}", noise=noise))
    rng = np.random.default_rng(seed)
    if name == "spiral":
        y = np.arange(n) % 2
        t = np.sqrt(rng.uniform(0.0025, 1.0, n))  # even density along the arm
        theta = 1.75 * 2 * np.pi * t + np.pi * y
        x = np.stack([t * np.cos(theta), t * np.sin(theta)], axis=1) + rng.normal(0, noise, (n, 2))
    elif name in ("moons", "circles", "blobs"):
        from sklearn import datasets as skd

        state = int(rng.integers(0, 2**31 - 1))
        if name == "moons":
            x, y = skd.make_moons(n, noise=noise, random_state=state)
        elif name == "circles":
            x, y = skd.make_circles(n, noise=noise, factor=0.5, random_state=state)
        else:
            x, y = skd.make_blobs(n, centers=3, cluster_std=noise, random_state=state)
            x = (x - x.mean(0)) / x.std(0)
    elif name == "xor":
        x = rng.uniform(-1, 1, (n, 2))
        y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)
        x = x + rng.normal(0, noise, (n, 2))
    elif name == "sine":
        x = rng.uniform(-np.pi, np.pi, (n, 1))
        y = (np.sin(x) + rng.normal(0, noise, (n, 1))).astype(DTYPE)
    elif name == "brackets":
        x, y = make_brackets(n, rng)
    else:
        from sklearn.datasets import load_digits

        digits = load_digits()
        # shuffled (seeded): the file is ordered by writer, so a validation split of its tail is biased
        pick = rng.permutation(len(digits.data))[:n]
        x, y = digits.data[pick] / 16.0, digits.target[pick]
    if y.dtype.kind in "iu":
        y = y.astype(np.int64)
    if name in ("digits", "brackets"):
        described = Message("{name}: {about}", name=name, about=about)
    else:
        described = Message("{name}: {about}, noise {noise:g}", name=name, about=about, noise=noise)
    return np.ascontiguousarray(x, dtype=np.int32 if name in TOKENS else DTYPE), y, described


# --------------------------------------------------------------------------- sequences


def _arrangements(rng: np.random.Generator, n: int, opens: int, closes: int) -> np.ndarray:
    """``n`` random orders of ``opens`` steps up (+1) and ``closes`` steps down (-1): int8 ``(n, opens + closes)``."""
    return np.where(rng.random((n, opens + closes)).argsort(axis=1) < opens, 1, -1).astype(np.int8)


def _balanced(rng: np.random.Generator, n: int, pairs: int) -> np.ndarray:
    """``n`` balanced strings of ``pairs`` pairs as steps (+1 open, -1 close), drawn evenly from all of them.

    The cycle lemma: of the rotations of ``pairs`` opens and ``pairs + 1`` closes, exactly one (the one that
    starts after the first lowest point) is a balanced string followed by a close.
    """
    steps = _arrangements(rng, n, pairs, pairs + 1)
    lowest = np.cumsum(steps, axis=1).argmin(axis=1)
    width = 2 * pairs + 1
    turn = (np.arange(width)[None, :] + lowest[:, None] + 1) % width
    return np.take_along_axis(steps, turn, axis=1)[:, :-1]


def make_brackets(n: int, rng: np.random.Generator, pairs: int = BRACKET_PAIRS) -> tuple[np.ndarray, np.ndarray]:
    """Strings of ``pairs`` ( and as many ): int32 ids ``(n, 2 * pairs)`` (0 = (, 1 = )) and int64 labels ``(n,)``,
    1 where every prefix has no more ) than (.

    Every string holds as many of each bracket, so counting them tells nothing: a model must follow the order.
    Samples come in fours: balanced; two balanced strings joined by a ``)(`` (the one place the string goes
    below zero, somewhere inside it); balanced; a shuffle that is not balanced. The labels are measured on the
    strings made, not assumed.
    """
    kind = np.arange(n) % 4
    steps = np.empty((n, 2 * pairs), np.int8)
    rows = np.flatnonzero(kind % 2 == 0)
    steps[rows] = _balanced(rng, len(rows), pairs)
    rows = np.flatnonzero(kind == 1)
    first = rng.integers(1, max(pairs - 1, 2), len(rows))  # pairs in the part before ")("
    for size in np.unique(first):
        r = rows[first == size]
        turned = np.tile(np.array([-1, 1], np.int8), (len(r), 1))
        steps[r] = np.concatenate(
            [_balanced(rng, len(r), int(size)), turned, _balanced(rng, len(r), pairs - 1 - int(size))], axis=1
        )
    rows = np.flatnonzero(kind == 3)
    while len(rows):  # a shuffle is balanced once in pairs + 1: draw again for those
        shuffled = _arrangements(rng, len(rows), pairs, pairs)
        shuffled = shuffled[np.cumsum(shuffled, axis=1).min(axis=1) < 0]
        steps[rows[: len(shuffled)]] = shuffled[: len(rows)]
        rows = rows[len(shuffled) :]
    labels = (np.cumsum(steps, axis=1).min(axis=1) >= 0).astype(np.int64)
    return np.where(steps > 0, 0, 1).astype(np.int32), labels


def make_tickets(samples: int | None = None, seed: int = 0) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], str]:
    """The Keras guide's dummy ticket data: ``(inputs, targets, description)`` keyed by the names of its model.

    Inputs: ``title`` int32 ``(n, 10)`` and ``body`` int32 ``(n, 100)`` token ids below 10,000, ``tags`` float32
    ``(n, 12)`` of 0 or 1. Targets: ``priority`` float32 ``(n, 1)`` in [0, 1), ``department`` float32 ``(n, 4)`` of
    0 or 1 (the guide's ``CategoricalCrossentropy`` reads them as numbers). Random, as in the guide: a model
    learns nothing true from them, but trains as the guide's does.
    """
    n = _sample_count("tickets", samples)
    rng = np.random.default_rng(seed)
    x = {
        "title": rng.integers(0, TICKET_WORDS, (n, TICKET_TITLE), dtype=np.int32),
        "body": rng.integers(0, TICKET_WORDS, (n, TICKET_BODY), dtype=np.int32),
        "tags": rng.integers(0, 2, (n, TICKET_TAGS)).astype(DTYPE),
    }
    y = {
        "priority": rng.random((n, 1)).astype(DTYPE),
        "department": rng.integers(0, 2, (n, TICKET_DEPARTMENTS)).astype(DTYPE),
    }
    return x, y, Message("{name}: {about}", name="tickets", about=BUILTIN["tickets"][2])


# --------------------------------------------------------------------------- files


def _read_limit() -> int:
    """The most bytes one data file may hold: the reader's ceiling, or less when memory is short."""
    from graph_core.io.safe_arrays import MAX_ARRAY_BYTES
    from kernels.memory import available_memory

    room = available_memory()
    return MAX_ARRAY_BYTES if room is None else min(MAX_ARRAY_BYTES, room)


def _load_npz(path: Path) -> dict[str, np.ndarray]:
    from graph_core.io.safe_arrays import read_npz

    return read_npz(path, _read_limit())  # sizes checked before reading; never pickle


def _load_npy(path: Path) -> np.ndarray:
    from graph_core.io.safe_arrays import read_npy

    return read_npy(path, _read_limit())


def _check_numeric(name: str, a: np.ndarray) -> np.ndarray:
    if a.dtype.kind not in "biuf":
        raise DataError(Message("{name} must hold numbers; found an array of {dtype}", name=name, dtype=str(a.dtype)))
    if a.dtype.kind == "f" and not np.isfinite(a).all():
        bad = np.argwhere(~np.isfinite(a))[0]
        raise DataError(
            Message(
                "{name} holds NaN or infinite values (first at index {index})",
                name=name,
                index=tuple(int(i) for i in bad),
            )
        )
    return a


def _split_table(table: np.ndarray, header: list[str], target: str | None, source: str):  # type: ignore[no-untyped-def]
    if table.ndim != 2 or table.shape[1] < 2:
        raise DataError(
            Message(
                "{source} must be a table with feature columns and a target column; found shape {shape}",
                source=source,
                shape=table.shape,
            )
        )
    if target is None:
        col = table.shape[1] - 1
    elif target in header:
        col = header.index(target)
    else:
        try:
            col = int(target)
        except ValueError:
            raise DataError(
                Message("{source} has no column {target!r}; it has {names}", source=source, target=target,
                        names=", ".join(header))
            ) from None  # fmt: skip
        if not -table.shape[1] <= col < table.shape[1]:
            raise DataError(
                Message("{source} has {count} columns; --target {target} is outside them", source=source,
                        count=table.shape[1], target=target)
            )  # fmt: skip
        col %= table.shape[1]
    x = np.delete(table, col, axis=1)
    return x, table[:, col]


_IDX_TYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path: Path, limit: int | None = None) -> np.ndarray:
    """An IDX file (MNIST's format, optionally gzipped) as an array.

    The header's dimensions are checked against ``limit`` and against the bytes present
    before the data is read, so a lying header costs nothing.
    """
    import gzip
    import zlib

    from graph_core.model import readable_bytes

    limit = _read_limit() if limit is None else limit
    try:
        with gzip.open(path) if path.suffix == ".gz" else open(path, "rb") as f:
            magic = f.read(4)
            if len(magic) < 4 or magic[0] != 0 or magic[1] != 0 or magic[2] not in _IDX_TYPES:
                raise DataError(Message("{path} is not an IDX file (bad magic number)", path=path))
            ndim = magic[3]
            if not 1 <= ndim <= 8:
                raise DataError(
                    Message("{path}: expected an IDX file of 1 to 8 dimensions; the header says {ndim}", path=path,
                            ndim=ndim)
                )  # fmt: skip
            raw_dims = f.read(4 * ndim)
            if len(raw_dims) != 4 * ndim:
                raise DataError(
                    Message("{path}: the header promises {ndim} dimensions; the file ends inside the header",
                            path=path, ndim=ndim)
                )  # fmt: skip
            dims = tuple(int.from_bytes(raw_dims[4 * i : 4 * i + 4], "big") for i in range(ndim))
            dtype = np.dtype(_IDX_TYPES[magic[2]])
            expected = math.prod(dims) * dtype.itemsize
            if expected > limit:
                raise DataError(
                    Message("{path}: the header promises {dims} values ({size}); Layerwire reads at most {most}",
                            path=path, dims=dims, size=readable_bytes(expected), most=readable_bytes(limit))
                )  # fmt: skip
            data = f.read(expected + 1)
    except DataError:
        raise
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError(Message("{path} cannot be read as an IDX file ({error})", path=path, error=str(exc))) from None
    if len(data) != expected:
        held = f"{len(data):,}" if len(data) <= expected else Message("more")
        raise DataError(
            Message("{path}: the header promises {dims} values ({size:,} bytes); the file holds {held}", path=path,
                    dims=dims, size=expected, held=held)
        )  # fmt: skip
    return np.frombuffer(data, dtype).reshape(dims).astype(dtype.newbyteorder("="))


def _idx_labels_path(path: Path) -> Path:
    name = path.name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1")
    if name == path.name:
        name = path.name.replace("idx3", "idx1")
    return path.with_name(name)


# --------------------------------------------------------------------------- entry point


def load_dataset(
    source: str,
    graph: Graph | None = None,
    *,
    target: str | None = None,
    features: Sequence[str] | None = None,
    samples: int | None = None,
    noise: float | None = None,
    seed: int = 0,
    fetch: bool = True,
    hashes: Mapping[str, str] | None = None,
    bad_images: str = "skip",
    stream: bool | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Dataset:
    """A built-in data set by name, a known one by name (mnist, fashion_mnist, cifar10), a file (.npz,
    .npy, .csv, MNIST IDX), or a folder of images with one subfolder per class (:mod:`kernels.image_folder`).

    With ``graph``, the arrays are keyed by its input layer names and output names (a
    table or built-in set needs a model with one input and one output; an .npz may name
    its arrays after the layers). ``target`` picks the target column of a .csv/.npy
    table (name or index; default the last column); ``features`` the feature columns of a .csv (default every
    other column, which must hold numbers; chosen text columns become one-hot columns, see
    :mod:`kernels.csv_table`). ``samples``/``noise``/``seed``
    shape the built-in sets. A known set not in the caches yet is downloaded (without
    progress: :func:`kernels.download.fetch` first to show it), unless ``fetch`` is false:
    it is then refused. ``hashes`` (file name -> SHA-256) replaces the known files' hashes
    (for a mirror of other files). ``bad_images`` (``"skip"`` or ``"refuse"``): what a folder's damaged
    image does; each one skipped is in the result's ``warnings``. A folder whose decoded images would not fit in
    memory (:func:`kernels.image_folder.image_budget`) is streamed (:mod:`kernels.streaming`; its
    ``stream_note`` says why); ``stream`` True or False streams it or reads it whole whatever its size.
    ``cancel``, once set, stops the reading of a folder with :class:`~graph_core.errors.LoadCancelled`;
    ``progress(done, total)`` follows it, image by image. The result's ``description`` says what was loaded.
    """
    path = Path(source)
    if source in NAMED_SETS:
        xs, ys, about = make_tickets(samples, seed)
        return _named(graph, xs, ys, source, about)
    if source in BUILTIN:
        x, y, about = make_builtin(source, samples, noise, seed)
        return _keyed(graph, x, y, source, about, TOKENS.get(source))
    if source in KNOWN:
        train, test = known_sets.read_known(source, fetch=fetch, hashes=hashes)
        data = _with_test(graph, train, test, source, Message("{name}: {about}", name=source,
                                                               about=known_sets.DESCRIPTIONS[source]))  # fmt: skip
        return dataclasses.replace(data, classes=known_sets.CLASSES[source])
    suffix = "".join(path.suffixes[-2:]) if path.suffix == ".gz" else path.suffix
    if not path.exists():
        raise DataError(
            Message("{source!r} is neither a built-in data set ({names}), a known one ({known}) nor an existing "
                    "file", source=source, names=", ".join(BUILTIN), known=", ".join(KNOWN))
        )  # fmt: skip
    if path.is_dir():
        return _image_folder(graph, path, seed, bad_images, stream, cancel, progress)
    if suffix == ".npz":
        arrays = _load_npz(path)
        for k, v in arrays.items():
            _check_numeric(f"{path.name}[{k!r}]", v)
        if "x_train" in arrays and "x_test" in arrays:  # keras.datasets layout
            train, test = known_sets.keras_layout(arrays, str(path))
            return _with_test(graph, train, test, path.name, str(path))
        if graph is not None:
            names_in, names_out = input_names(graph), _output_names(graph)
            if all(n in arrays for n in names_in) and all(n in arrays for n in names_out):
                return _described(Dataset({n: arrays[n] for n in names_in}, {n: arrays[n] for n in names_out},
                                          path.name, ""))  # fmt: skip
        if "x" in arrays and "y" in arrays:
            return _keyed(graph, arrays["x"], arrays["y"], path.name, str(path))
        raise DataError(
            Message("{path} must hold arrays 'x' and 'y', arrays named after the model's inputs and outputs, or "
                    "x_train, y_train, x_test and y_test; found {names}", path=path,
                    names=", ".join(arrays) or Message("none"))
        )  # fmt: skip
    if suffix == ".npy":
        table = _check_numeric(path.name, _load_npy(path))
        header = [str(i) for i in range(table.shape[1])] if table.ndim == 2 else []
        x, y = _split_table(table, header, target, str(path))
        return _keyed(graph, x.astype(DTYPE), labels_or_values(y), path.name, str(path))
    if suffix == ".csv":
        x, y, classes = read_csv(path, target, features, _read_limit())
        return dataclasses.replace(_keyed(graph, x, y, path.name, str(path)), classes=classes)
    if "idx3" in path.name:
        images = read_idx(path)
        labels_path = _idx_labels_path(path)
        if not labels_path.exists():
            raise DataError(
                Message("The labels for {name} should be in {labels} beside it; it does not exist", name=path.name,
                        labels=labels_path.name)
            )  # fmt: skip
        labels = read_idx(labels_path).astype(np.int64)
        if len(labels) != len(images):
            raise DataError(
                Message("{name} has {images} images but {labels} has {count} labels", name=path.name,
                        images=len(images), labels=labels_path.name, count=len(labels))
            )  # fmt: skip
        x = images.astype(DTYPE) / DTYPE(255.0)
        return _keyed(graph, x, labels, path.name, Message("{name}: MNIST-style images", name=path.name))
    raise DataError(
        Message("{source}: expected a built-in name or a .npz, .npy, .csv or IDX file; found {suffix}", source=source,
                suffix=path.suffix or Message("no suffix"))
    )  # fmt: skip


def for_training(data: Dataset, graph: Graph, samples: int | None = None, targets_from_inputs: bool = False) -> Dataset:
    """``data`` as training settings shape it: its first ``samples`` samples (a test part is kept whole), and with
    ``targets_from_inputs`` each output's target the model's input (with one input; with several, the input in
    the output's place), which must have the output's shape. Arrays are shared, not copied."""
    if samples is not None and samples < len(data):
        about = Message("{about}; training on the first {count} of {total} samples", about=data.description,
                        count=samples, total=len(data))  # fmt: skip
        data = dataclasses.replace(data.take(slice(0, samples)), description=about, test=data.test,
                                   warnings=data.warnings)  # fmt: skip
    elif samples is not None and samples > len(data):  # said, as Keras's x_train[:N] would not say it
        about = Message("{about}; training on all {total} samples: fewer than the {count} asked for",
                        about=data.description, count=samples, total=len(data))  # fmt: skip
        data = dataclasses.replace(data, description=about)
    if targets_from_inputs:
        test = None if data.test is None else for_training(data.test, graph, targets_from_inputs=True)
        about = Message("{about}; targets: the inputs, not the labels", about=data.description)
        data = dataclasses.replace(data, y=_inputs_as_targets(graph, data), test=test, description=about)
    return data


def _inputs_as_targets(graph: Graph, data: Dataset) -> dict[str, np.ndarray]:
    """Each output's target: the one input's samples, or with several inputs the input in the output's place."""
    analysis = graph.analysis()
    ins, outs = input_names(graph), _output_names(graph)
    if len(ins) != 1 and len(ins) != len(outs):
        raise DataError(
            Message("targets_from_inputs needs a model of one input, or of as many inputs as outputs; the model has "
                    "{inputs} inputs and {outputs} outputs", inputs=len(ins), outputs=len(outs))
        )  # fmt: skip
    y = {}
    for k, (value, out) in enumerate(zip(analysis.output_values, outs, strict=True)):
        name = ins[0] if len(ins) == 1 else ins[k]
        if name not in data.x:
            raise DataError(Message("The data has no input named {name!r}; it has {names}", name=name,
                                    names=", ".join(data.x) or Message("none")))  # fmt: skip
        x = data.x[name]
        if is_streamed(x):
            raise DataError(
                Message("targets_from_inputs: the folder of images {name!r} is streamed in batches, too large to be "
                        "held as targets as well; use fewer or smaller images", name=data.name)
            )  # fmt: skip
        want = tuple(analysis.shape_of(value)[1:])  # type: ignore[index]
        if len(want) != x.ndim - 1 or any(w is not None and w != d for w, d in zip(want, x.shape[1:])):
            raise DataError(
                Message("targets_from_inputs: output {output!r} gives samples of shape {want}, but its target, input "
                        "{name!r}, has samples of shape {found}; an autoencoder's output must have its input's "
                        "shape", output=out, want=want, name=name, found=tuple(x.shape[1:]))
            )  # fmt: skip
        y[out] = x
    return y


def _image_folder(graph: Graph | None, path: Path, seed: int, bad_images: str, stream: bool | None,
                  cancel: threading.Event | None, progress: Callable[[int, int], None] | None) -> Dataset:  # fmt: skip
    """The images of a folder with one subfolder per class, decoded for the model's input (without a model:
    Keras's 256×256 RGB), its classes named after the subfolders; streamed when they would not fit in memory."""
    from kernels import image_folder
    from kernels.memory import available_memory

    listing = image_folder.list_folder(path)
    if graph is None:
        shape = image_folder.KERAS_SHAPE
    else:
        analysis = graph.analysis()
        if len(analysis.inputs) != 1:
            raise DataError(
                Message("A folder of images is data for a model of one input; the model has {count} inputs",
                        count=len(analysis.inputs))
            )  # fmt: skip
        shape = image_folder.input_image_shape(analysis.shapes[analysis.inputs[0]][1:])  # type: ignore[index]
    budget = image_folder.image_budget(available_memory())
    fits = image_folder.fits_in_memory(listing, shape, budget)
    if stream or (stream is None and not fits):
        note = (Message("{path} is streamed in batches, decoding the next ones while one trains", path=path)
                if fits else image_folder.streaming_note(listing, shape, budget))  # fmt: skip
        return _streamed_folder(graph, listing, shape, seed, bad_images, note)
    images = image_folder.read_folder(listing, shape, seed, bad_images, cancel, progress)
    data = _keyed(graph, images.x, images.y, path.name, _folder_about(listing, shape, images.counts))
    return dataclasses.replace(data, classes=listing.classes, warnings=images.warnings)


def _folder_about(listing, shape: tuple[int, int, int], counts: Sequence[int]) -> str:  # type: ignore[no-untyped-def]
    h, w, c = shape
    counted = join(Message("{name} {count}", name=name, count=n)
                   for name, n in zip(listing.classes, counts, strict=True))  # fmt: skip
    colour = Message("RGB") if c == 3 else Message("grey")
    return Message("{name}: images in {classes} classes ({counts}), read as {height}×{width} {colour}",
                   name=listing.root.name, classes=len(listing.classes), counts=counted, height=h, width=w,
                   colour=colour)  # fmt: skip


def _streamed_folder(graph: Graph | None, listing, shape: tuple[int, int, int], seed: int, bad_images: str,  # type: ignore[no-untyped-def]
                     note: str) -> Dataset:  # fmt: skip
    """The folder as a streamed data set: its files and labels in the seed's order, nothing decoded yet."""
    from kernels import image_folder
    from kernels.streaming import FolderSource, StreamedImages

    image_folder.check_bad_images(bad_images)
    paths, labels = image_folder.shuffled(listing, seed)
    sample_shape = None
    ins, outs = ["x"], ["y"]
    if graph is not None:
        ins, outs = input_names(graph), _output_names(graph)
        if len(outs) != 1:
            raise DataError(
                Message("{name} has one input array and one target array; the model has {inputs} inputs "
                        "({input_names}) and {outputs} outputs ({output_names}) — use an .npz with arrays named "
                        "after them", name=listing.root.name, inputs=len(ins), input_names=", ".join(ins),
                        outputs=len(outs), output_names=", ".join(outs))
            )  # fmt: skip
        analysis = graph.analysis()
        want = tuple(analysis.shapes[analysis.inputs[0]][1:])  # type: ignore[index]
        sample_shape = want if None not in want else None
    source = FolderSource(listing.root, paths, shape, bad_images, sample_shape)  # type: ignore[arg-type]
    x = StreamedImages(source, np.arange(len(paths)))
    about = _folder_about(listing, shape, listing.counts)
    data = Dataset({ins[0]: x}, {outs[0]: labels}, listing.root.name, about, classes=listing.classes,
                   stream_note=note)  # fmt: skip
    return _described(data)


def _output_names(graph: Graph) -> list[str]:
    from graph_core.model import output_names

    return output_names(graph)


def _named(graph: Graph | None, xs: dict[str, np.ndarray], ys: dict[str, np.ndarray], name: str,
           about: str) -> Dataset:  # fmt: skip
    """A set whose arrays are named after a model's inputs and outputs: those ``graph`` has (it may use some)."""
    if graph is None:
        return _described(Dataset(xs, ys, name, about))
    ins, outs = input_names(graph), _output_names(graph)
    if any(n not in xs for n in ins) or any(n not in ys for n in outs):
        raise DataError(
            Message("The {name} data has inputs {inputs} and targets {targets}; the model has inputs {model_inputs} "
                    "and outputs {model_outputs}. Name the model's inputs and outputs after the data's", name=name,
                    inputs=", ".join(xs), targets=", ".join(ys), model_inputs=", ".join(ins) or Message("none"),
                    model_outputs=", ".join(outs) or Message("none"))
        )  # fmt: skip
    return _described(Dataset({n: xs[n] for n in ins}, {n: ys[n] for n in outs}, name, about))


def _with_test(graph: Graph | None, train: tuple[np.ndarray, np.ndarray], test: tuple[np.ndarray, np.ndarray],
               name: str, about: str) -> Dataset:  # fmt: skip
    """A training part with its test part, uint8 images scaled to [0, 1], both fitted to the model."""
    test_part = _keyed(graph, _pixels(test[0]), test[1], f"{name} (test)", about)
    return _keyed(graph, _pixels(train[0]), train[1], name, about, test=test_part)


def _pixels(x: np.ndarray) -> np.ndarray:
    """uint8 pixels as float32 in [0, 1]; other numbers as float32."""
    out = x.astype(DTYPE)
    if x.dtype == np.uint8:
        out /= DTYPE(255.0)
    return out


def _keyed(graph: Graph | None, x: np.ndarray, y: np.ndarray, name: str, about: str,
           tokens: tuple[str, ...] | None = None, test: Dataset | None = None) -> Dataset:  # fmt: skip
    x = _check_numeric(Message("{name} inputs", name=name), np.asarray(x))
    y = _check_numeric(Message("{name} targets", name=name), np.asarray(y))
    if len(x) != len(y):
        raise DataError(
            Message("{name}: {samples} input samples but {targets} targets", name=name, samples=len(x),
                    targets=len(y))
        )  # fmt: skip
    if graph is None:
        return _described(Dataset({"x": x}, {"y": y}, name, about, {"x": tokens} if tokens else {}, test))
    ins, outs = input_names(graph), _output_names(graph)
    if len(ins) != 1 or len(outs) != 1:
        raise DataError(
            Message("{name} has one input array and one target array; the model has {inputs} inputs ({input_names}) "
                    "and {outputs} outputs ({output_names}) — use an .npz with arrays named after them", name=name,
                    inputs=len(ins), input_names=", ".join(ins), outputs=len(outs), output_names=", ".join(outs))
        )  # fmt: skip
    return _described(Dataset({ins[0]: _shaped_for(graph, x)}, {outs[0]: y}, name, about,
                               {ins[0]: tokens} if tokens else {}, test))  # fmt: skip


def _shaped_for(graph: Graph, x: np.ndarray) -> np.ndarray:
    """Samples given flat (or as images) in the shape of the model's one input, when the sizes agree:
    64 features for an (8, 8, 1) image, (28, 28) images for (784,)."""
    analysis = graph.analysis()
    want = tuple(analysis.shapes[analysis.inputs[0]][1:])  # type: ignore[index]
    if None in want:  # an Input of any length takes the data's as it is
        return x
    if x.ndim >= 2 and x.shape[1:] != want and int(np.prod(want)) == int(np.prod(x.shape[1:])):
        return x.reshape(len(x), *want)
    return x


def _described(data: Dataset) -> Dataset:
    n = len(data)
    parts = [Message("{count} samples", count=n)]
    for k, v in data.x.items():
        parts.append(Message("input {name} {shape}", name=k, shape=tuple(v.shape[1:])))
    for k, v in data.y.items():
        if v.dtype.kind in "iu" and v.size:
            parts.append(Message("target {name}: labels {low}..{high}", name=k, low=int(v.min()), high=int(v.max())))
        else:
            parts.append(Message("target {name} {shape}", name=k, shape=tuple(v.shape[1:])))
    if data.test is not None:
        parts.append(Message("{count} test samples", count=len(data.test)))
    text = join(parts)
    if data.description:
        text = Message("{about} ({details})", about=data.description, details=text)
    return dataclasses.replace(data, description=text)
