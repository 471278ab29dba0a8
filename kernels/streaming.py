"""A folder of images too large to decode whole, read batch by batch while training runs.

    source = FolderSource(listing.root, paths, shape, "skip")    # the files, in the seed's shuffled order
    images = StreamedImages(source, np.arange(len(paths)))      # the data set's input: an array decoded when read
    images.shape, len(images), images.subset(slice(0, 90))      # no pixels read
    images[:16]                                                 # float32 (16, h, w, c): decoded now
    with Prefetch(images, [rows, ...]) as batches:              # a thread decodes the next batches
        kept, x = batches.next()                                # while the caller trains on this one

:class:`StreamedImages` stands in a :class:`~kernels.datasets.Dataset` where an image folder's
array would be: it has the array's ``shape``, ``dtype`` and length, splits and takes parts without
reading anything (:meth:`StreamedImages.subset`), and decodes the rows it is indexed with, so the
views that show a few samples work on it as on an array. The trainer reads it in batches through
:class:`Prefetch`: one plain thread decodes up to ``PREFETCH_BATCHES`` batches ahead into a bounded
queue (Pillow's decoders and the numba kernels release the GIL, so decoding and training overlap;
``tools/bench_stream.py`` measures how much).

A damaged image is found when it is first read: skipped with a warning naming it (the source keeps
the warnings, in the order found; it is never read again) or, with ``bad_images="refuse"``, a
:class:`~graph_core.errors.DataError` naming it. A batch leaves it out; a view that indexes it gets
a black image in its place, so the rows stay in step with their labels.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType

import numpy as np

from graph_core.model import DTYPE
from kernels.image_folder import decode_or_skip

#: Batches decoded ahead of the one training.
PREFETCH_BATCHES = 2
#: Bytes of images that views decoded (the samples shown, predicted, probed), kept for their next look: 1,300
#: images of 64×64 RGB, 100 of 224×224.
VIEW_CACHE_BYTES = 64 << 20
#: Seconds between two looks at whether a prefetch was closed, while its queue is full.
_POLL = 0.05


class FolderSource:
    """The image files of a streamed folder and what is known of them; shared by every part of the data set.

    ``paths`` in the order the data set has them (the seed's shuffle); ``shape`` ``(h, w, c)`` as
    :func:`kernels.image_folder.input_image_shape` gives it; ``bad_images`` ``"skip"`` or ``"refuse"``;
    ``sample_shape`` the shape a sample takes (the model's input: ``(784,)`` for 28×28 grey), by default the
    image's.
    Thread-safe: the trainer's prefetch thread and the GUI's views read it at once.
    """

    def __init__(self, root: Path, paths: Sequence[Path], shape: tuple[int, int, int], bad_images: str,
                 sample_shape: tuple[int, ...] | None = None) -> None:  # fmt: skip
        self.root = root
        self.paths = tuple(paths)
        self.shape = shape
        self.bad_images = bad_images
        self._lock = threading.Lock()
        self._bad: dict[int, str] = {}  # index -> the warning that named it, in the order found
        self._cache: dict[int, np.ndarray] = {}
        h, w, c = shape
        self.sample_shape = sample_shape or ((h, w, c) if c else (h, w))
        self.sample_bytes = math.prod(self.sample_shape) * np.dtype(DTYPE).itemsize

    @property
    def warnings(self) -> tuple[str, ...]:
        """One message per damaged image found so far."""
        with self._lock:
            return tuple(self._bad.values())

    def read(self, index: int, out: np.ndarray) -> bool:
        """Decode image ``index`` into ``out``; False (``out`` untouched) when it is damaged and skipped."""
        with self._lock:
            if index in self._bad:
                return False
        image, warning = decode_or_skip(self.paths[index], self.shape, self.bad_images)
        if image is None:
            with self._lock:
                self._bad.setdefault(index, warning)
            return False
        out[...] = image.reshape(out.shape)
        return True

    def look(self, index: int, out: np.ndarray) -> None:
        """Image ``index`` into ``out`` for a view, from the views' cache when it was decoded before; black when
        it is damaged (and skipped)."""
        with self._lock:
            cached = self._cache.get(index)
        if cached is not None:
            out[...] = cached
            return
        if not self.read(index, out):
            out[...] = 0
            return
        with self._lock:
            if (len(self._cache) + 1) * self.sample_bytes <= VIEW_CACHE_BYTES:
                self._cache[index] = out.copy()


class StreamedImages:
    """Rows ``index`` of a :class:`FolderSource`: an array-like of float32 ``(len(index), h, w[, c])`` decoded when
    read (see the module docstring)."""

    dtype = np.dtype(DTYPE)

    def __init__(self, source: FolderSource, index: np.ndarray) -> None:
        self.source = source
        self.index = np.asarray(index, dtype=np.int64)

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.index), *self.source.sample_shape)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def __len__(self) -> int:
        return len(self.index)

    def __repr__(self) -> str:
        return f"StreamedImages({self.source.root}, shape={self.shape})"

    def subset(self, key: slice | np.ndarray) -> StreamedImages:
        """The rows ``key`` (a slice or positions), still undecoded."""
        return StreamedImages(self.source, self.index[key])

    def __getitem__(self, key: int | slice | np.ndarray | Sequence[int]) -> np.ndarray:
        """The rows ``key`` decoded (a damaged one black): for views, which read a few."""
        if isinstance(key, (int, np.integer)):
            out = np.empty(self.source.sample_shape, DTYPE)
            self.source.look(int(self.index[key]), out)
            return out
        rows = self.index[key]
        out = np.empty((len(rows), *self.source.sample_shape), DTYPE)
        for row, i in enumerate(rows):
            self.source.look(int(i), out[row])
        return out

    def __array__(self, dtype: np.dtype | None = None, copy: bool | None = None) -> np.ndarray:
        whole = self[:]
        return whole if dtype is None else whole.astype(dtype, copy=False)

    def keep(self, count: int) -> None:
        """Decode the first ``count`` rows now for the views, which will read them (as the cache has room)."""
        self[: min(count, len(self))]

    def read(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(kept, x)``: the rows of ``rows`` that could be read and their images, float32 ``(len(kept), ...)``
        — damaged ones left out (see :class:`FolderSource`)."""
        out = np.empty((len(rows), *self.source.sample_shape), DTYPE)
        kept = np.zeros(len(rows), bool)
        for k, row in enumerate(rows):
            kept[k] = self.source.read(int(self.index[row]), out[k])
        if kept.all():
            return np.asarray(rows, dtype=np.int64), out
        return np.asarray(rows, dtype=np.int64)[kept], out[kept]

    def batch_bytes(self, batch: int) -> int:
        """Bytes the decoded batches of ``batch`` samples in flight take: the prefetched ones, the one training
        and the one being decoded, and the views' cache."""
        each = self.source.sample_bytes
        return (PREFETCH_BATCHES + 2) * min(batch, len(self)) * each + min(
            VIEW_CACHE_BYTES, len(self.source.paths) * each
        )


def is_streamed(x: object) -> bool:
    return isinstance(x, StreamedImages)


class Prefetch:
    """Decodes ``batches`` (arrays of rows of ``images``) in order on a thread of its own, ``depth`` ahead.

    :meth:`next` returns the next batch's ``(kept, x)`` (see :meth:`StreamedImages.read`), waiting for it if it
    is not decoded yet, and raises what decoding raised (a damaged image refused). :meth:`close` (or leaving a
    ``with`` block) ends the thread at its next image, whatever is left.
    """

    def __init__(self, images: StreamedImages, batches: Iterable[np.ndarray], depth: int = PREFETCH_BATCHES) -> None:
        self.images = images
        self._batches = batches
        self._queue: queue.Queue[tuple[np.ndarray, np.ndarray] | BaseException] = queue.Queue(max(1, depth))
        self._closed = threading.Event()
        self.waited = 0.0  # seconds next() waited for a batch not decoded yet
        self._thread = threading.Thread(target=self._run, name="decode-batches", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for rows in self._batches:
                if self._closed.is_set():
                    return
                self._put(self.images.read(rows))
        except BaseException as exc:  # noqa: BLE001 - raised again on the training thread, by next()
            self._put(exc)

    def _put(self, item: tuple[np.ndarray, np.ndarray] | BaseException) -> None:
        while not self._closed.is_set():
            try:
                self._queue.put(item, timeout=_POLL)
                return
            except queue.Full:
                continue

    def next(self) -> tuple[np.ndarray, np.ndarray]:
        began = time.perf_counter()
        item = self._queue.get()
        self.waited += time.perf_counter() - began
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self) -> None:
        self._closed.set()
        while True:  # a thread waiting to put sees the close within _POLL
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join(1.0)

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self.close()
