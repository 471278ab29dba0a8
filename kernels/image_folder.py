"""A folder of images, one subfolder per class, as training data (Keras's ``image_dataset_from_directory``).

    listing = list_folder(Path("pets"))          # classes (sorted subfolder names) and their image files
    images = read_folder(listing, (64, 64, 3))   # float32 (n, 64, 64, 3) in [0, 1], int64 labels, warnings

Each subfolder of the folder is a class, in sorted order of the names (label ``k`` for the
``k``-th); the images in it are its samples: PNG, JPEG, BMP and GIF files (the suffix in any
case; of a GIF, its first frame). Other files, and files beside the subfolders, are left out,
as Keras does. Images are read with Pillow, converted to grey (``L``) or RGB by the channels of
the model's input (an input without a channel axis is grey), resized to its height and width
with Pillow's bilinear filter (Keras's default interpolation; when shrinking, Pillow's filter
averages over every source pixel it covers) without keeping the aspect ratio, as Keras does,
and scaled to [0, 1] float32 — where Keras gives 0..255, Layerwire scales, as it does for its
other image sets. The samples are shuffled with the seed before any validation split takes
the last part of them, as Keras's ``seed`` does, so the split holds every class and is the
same on every run with the same seed.

A damaged image (one Pillow cannot read) is skipped, with a warning naming it, or refused
(``bad_images="refuse"``). A folder whose decoded images would take more than half the memory
available (:func:`image_budget`; ``LAYERWIRE_IMAGE_BUDGET`` sets another figure) is not read whole:
:mod:`kernels.streaming` decodes it batch by batch while training runs, and :func:`streaming_note`
says what reading it whole would take.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph_core.errors import DataError, LoadCancelled
from graph_core.messages import Message
from graph_core.model import DTYPE, readable_bytes

#: The files read as images (compared in lower case).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
#: What to do with an image that cannot be read.
BAD_IMAGES = ("skip", "refuse")
#: Keras's ``image_dataset_from_directory`` default size and colour, for data read without a model.
KERAS_SHAPE = (256, 256, 3)
#: Of the memory available, the share the decoded images may take (the trainer and the model need the rest).
MEMORY_SHARE = 0.5
#: Bytes the decoded images of a folder may take before it is streamed (a size such as ``200MB``), in place of
#: ``MEMORY_SHARE`` of the memory available.
BUDGET_ENV = "LAYERWIRE_IMAGE_BUDGET"


@dataclass(frozen=True)
class FolderListing:
    """The classes of an image folder (sorted subfolder names) and each one's image files (sorted)."""

    root: Path
    classes: tuple[str, ...]
    files: tuple[tuple[Path, ...], ...]

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(len(f) for f in self.files)

    def __len__(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class FolderImages:
    """Decoded images: ``x`` float32 ``(n, h, w, c)`` in [0, 1] (``(n, h, w)`` for ``c == 0``), ``y`` int64 ``(n,)``
    class labels, ``counts`` of images read per class, ``warnings`` one message per image skipped."""

    x: np.ndarray
    y: np.ndarray
    counts: tuple[int, ...]
    warnings: tuple[str, ...]


def is_image(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and path.suffix.lower() in IMAGE_SUFFIXES


def list_folder(root: Path) -> FolderListing:
    """The classes and image files of ``root``; a :class:`DataError` saying what was expected when it is empty,
    has no class subfolders, or a class has no images."""
    try:
        entries = sorted(p for p in root.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise DataError(Message("{path} cannot be read ({error})", path=root, error=str(exc))) from None
    folders = [p for p in entries if p.is_dir()]
    if not entries:
        raise DataError(
            Message("{path} is empty; expected one subfolder per class, each holding that class's images",
                    path=root)
        )  # fmt: skip
    if not folders:
        images = sum(1 for p in entries if is_image(p))
        raise DataError(
            Message("{path} has no subfolders; expected one subfolder per class, each holding that class's images "
                    "(found {files} files, {images} of them images)", path=root, files=len(entries), images=images)
        )  # fmt: skip
    files = []
    for folder in folders:
        try:
            found = tuple(sorted(p for p in folder.iterdir() if is_image(p)))
        except OSError as exc:
            raise DataError(Message("{path} cannot be read ({error})", path=folder, error=str(exc))) from None
        if not found:
            raise DataError(
                Message("The class folder {path} holds no images; expected PNG, JPEG, BMP or GIF files in it",
                        path=folder)
            )  # fmt: skip
        files.append(found)
    return FolderListing(root, tuple(p.name for p in folders), tuple(files))


def input_image_shape(shape: Sequence[int | None]) -> tuple[int, int, int]:
    """``(height, width, channels)`` to decode images to for a model input of sample shape ``shape``: ``(h, w, 1)``
    or ``(h, w, 3)``; ``(h, w)`` grey (channels 0: no channel axis); ``(n,)`` for a square of ``n`` pixels, grey.
    A :class:`DataError` for other shapes."""
    dims = tuple(shape)
    if len(dims) == 3 and dims[2] in (1, 3) and None not in dims:
        return int(dims[0]), int(dims[1]), int(dims[2])  # type: ignore[arg-type]
    if len(dims) == 2 and None not in dims:
        return int(dims[0]), int(dims[1]), 0  # type: ignore[arg-type]
    if len(dims) == 1 and dims[0] is not None and math.isqrt(dims[0]) ** 2 == dims[0]:
        side = math.isqrt(dims[0])
        return side, side, 0
    raise DataError(
        Message("A folder of images needs a model whose input is an image: (height, width, 1 or 3), (height, width) "
                "or a square number of pixels; its input takes samples of shape {shape}", shape=dims)
    )  # fmt: skip


def decoded_bytes(count: int, shape: tuple[int, int, int]) -> int:
    """The bytes ``count`` images take decoded to ``shape`` (float32)."""
    h, w, c = shape
    return count * h * w * max(c, 1) * np.dtype(DTYPE).itemsize


def image_budget(room: int | None) -> int | None:
    """The bytes a folder's decoded images may take in memory: ``BUDGET_ENV`` when set (an invalid value is
    ignored), else ``MEMORY_SHARE`` of ``room`` bytes available (None, no limit, when that is unknown)."""
    from graph_core.machine import parse_size

    override = os.environ.get(BUDGET_ENV)
    if override:
        try:
            return parse_size(override)
        except ValueError:
            pass
    return None if room is None else int(MEMORY_SHARE * room)


def fits_in_memory(listing: FolderListing, shape: tuple[int, int, int], budget: int | None) -> bool:
    """Whether the images of ``listing`` decoded to ``shape`` take at most ``budget`` bytes (None: no limit)."""
    return budget is None or decoded_bytes(len(listing), shape) <= budget


def streaming_note(listing: FolderListing, shape: tuple[int, int, int], budget: int | None) -> str:
    """What reading the folder whole would take, against ``budget``, and that it is streamed instead."""
    h, w, c = shape
    return Message(
        "{path}: {count:,} images of {height}×{width}×{channels} would need {size} decoded; Layerwire keeps at most "
        "{room} of images in memory here, so it streams the folder in batches, decoding the next ones while one "
        "trains", path=listing.root, count=len(listing), height=h, width=w, channels=max(c, 1),
        size=readable_bytes(decoded_bytes(len(listing), shape)), room=readable_bytes(budget or 0),
    )  # fmt: skip


def decode(path: Path, shape: tuple[int, int, int]) -> np.ndarray:
    """One image as float32 in [0, 1], of ``shape`` (``(h, w)`` when its channels are 0); ``OSError`` (or another
    Pillow error) when it cannot be read."""
    from PIL import Image

    h, w, c = shape
    with Image.open(path) as image:
        image.seek(0)  # a GIF's first frame
        image = image.convert("RGB" if c == 3 else "L")
        if image.size != (w, h):
            image = image.resize((w, h), Image.Resampling.BILINEAR)
        pixels = np.asarray(image, dtype=np.uint8)
    out = pixels.astype(DTYPE) / DTYPE(255.0)
    return out[..., None] if c == 1 else out


def read_folder(listing: FolderListing, shape: tuple[int, int, int], seed: int = 0, bad_images: str = "skip",
                cancel: threading.Event | None = None,
                progress: Callable[[int, int], None] | None = None) -> FolderImages:  # fmt: skip
    """Every image of ``listing`` decoded to ``shape`` (see :func:`input_image_shape`), shuffled with ``seed``.

    ``bad_images``: ``"skip"`` leaves out an image Pillow cannot read, with a warning naming it; ``"refuse"``
    raises a :class:`DataError` naming it. ``cancel``, once set, stops the reading with :class:`LoadCancelled`;
    ``progress(done, total)`` is called after each image.
    """
    check_bad_images(bad_images)
    paths, labels = shuffled(listing, seed)
    h, w, c = shape
    x = np.empty((len(paths), h, w, c) if c else (len(paths), h, w), DTYPE)
    kept = np.zeros(len(paths), bool)
    warnings = []
    for row, path in enumerate(paths):
        if cancel is not None and cancel.is_set():
            raise LoadCancelled(Message("Reading {path} was cancelled", path=listing.root))
        image, warning = decode_or_skip(path, shape, bad_images)
        if image is None:
            warnings.append(warning)
        else:
            x[row] = image
            kept[row] = True
        if progress is not None:
            progress(row + 1, len(paths))
    if not kept.any():
        raise DataError(Message("{path}: none of its {count} images can be read", path=listing.root,
                                count=len(paths)))  # fmt: skip
    y = labels[kept]
    counts = tuple(int(n) for n in np.bincount(y, minlength=len(listing.classes)))
    return FolderImages(x[kept] if not kept.all() else x, y, counts, tuple(warnings))


def check_bad_images(bad_images: str) -> None:
    if bad_images not in BAD_IMAGES:
        raise ValueError(f"bad_images must be one of {BAD_IMAGES}; received {bad_images!r}")


def shuffled(listing: FolderListing, seed: int) -> tuple[list[Path], np.ndarray]:
    """Every image file of ``listing`` and its int64 label, in the order ``seed`` shuffles them to (as Keras's
    ``seed``: a validation split takes the last of them)."""
    paths = [p for files in listing.files for p in files]
    labels = np.repeat(np.arange(len(listing.files), dtype=np.int64), listing.counts)
    order = np.random.default_rng(seed).permutation(len(paths))
    return [paths[i] for i in order], labels[order]


def decode_or_skip(path: Path, shape: tuple[int, int, int], bad_images: str) -> tuple[np.ndarray | None, str]:
    """``(image, "")``, or for an image Pillow cannot read ``(None, warning naming it)`` — a :class:`DataError`
    naming it when ``bad_images`` is ``"refuse"``."""
    from PIL import Image, UnidentifiedImageError

    try:
        return decode(path, shape), ""
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        why = _reason(exc, path)
    if bad_images == "refuse":
        raise DataError(
            Message("{path} is not a readable image ({error}); remove it, or let Layerwire skip damaged images",
                    path=path, error=why)
        ) from None  # fmt: skip
    return None, Message("Skipped {path}: not a readable image ({error})", path=path, error=why)


def _reason(error: BaseException, path: Path) -> str:
    """Pillow's reason without the path it names (the message names it once, first)."""
    text = str(error).replace(f" '{path}'", "").replace(str(path), "").strip()
    return text or type(error).__name__
