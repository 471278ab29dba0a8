"""The training thread: runs ``Trainer.fit`` off the GUI thread and hands results over in a :class:`Feed`.

The worker never touches a widget or the document's graph: it trains a copy of the
graph and writes what it sees (batch losses, epoch logs, progress, view snapshots) into
a lock-protected :class:`Feed` that the GUI drains from a timer, so a thousand batches a
second cost the GUI thread nothing. Only rare events go through Qt signals (queued to
the GUI thread): :attr:`TrainingWorker.warmed`, :attr:`TrainingWorker.paused` and
:attr:`TrainingWorker.done`.

Training begins when the GUI calls :meth:`TrainingWorker.go` after :attr:`warmed`: by
then the feed holds the views of the starting state, and the GUI draws them (new tiles,
the confusion matrix, badges on the nodes: a one-off cost) before the training competes
with it for the cores.

Pausing happens in the batch callback, so when :attr:`paused` arrives the worker is
blocked between batches and the GUI may read the trainer's weights. Views (decision
boundary, sample predictions, node statistics) are computed here, between batches,
with the current weights, at a throttled rate: the decision boundary (an animation) at
most every :data:`VIEW_INTERVAL` seconds, the sample predictions, the confusion matrix
and the node statistics (figures to read) every :data:`SLOW_VIEW_INTERVAL` seconds, and
all of them never more than 1/:data:`VIEW_BUDGET` of the training time.

Everything the GUI thread does while training runs costs the training: on the two cores
the editor is measured on, its drawing takes CPU time the training thread would have
had. So the views that only show numbers change no more often than a reader can follow,
and while the GUI thread draws a refresh (:meth:`TrainingWorker.hold` to
:meth:`TrainingWorker.release`, at most :data:`HOLD_SECONDS`) the worker waits between
batches: taking turns cost the run less than both threads contending for the GIL and the
cores (the GUI thread's CPU time fell from about 60 to 52 ms a second of training).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np
from PySide6.QtCore import QThread, Signal

from graph_core import messages
from graph_core.errors import LayerwireError
from graph_core.graph import Graph
from graph_core.settings import TrainingSettings
from kernels import probe
from kernels.datasets import Dataset
from kernels.streaming import VIEW_CACHE_BYTES, is_streamed
from kernels.training import Callbacks, Trainer, TrainingDiverged

VIEW_INTERVAL = 0.1  # seconds between decision boundaries at most (a small model runs ~10 epochs a second)
SLOW_VIEW_INTERVAL = 1.0  # seconds between sample predictions, confusion matrices and node statistics
VIEW_BUDGET = 100.0  # views take at most 1/100 of the time (1 %)
MAX_VIEW_INTERVAL = 3.0  # a stray slow view (the machine was busy) must not freeze the views
BOUNDARY_RESOLUTION = 64
TILE_COUNT = 16
CONFUSION_SAMPLES = 400
PROBE_SAMPLES = 64
HOLD_SECONDS = 0.02  # the longest the worker waits for the GUI thread to draw
#: Compute threads of the editor's training runs. On two cores the GUI thread needs one of
#: them to draw, and OpenMP threads that sleep while they wait (``gui/__init__.py``) make a
#: second compute thread a loss at small batches. A fixed count also spares the trainer's
#: own choice (:mod:`kernels.threads`) its trials of two threads, which in the editor would
#: compete with the drawing. Headless, mnist_model at batch 32 trained as fast on one thread
#: as with that choice (0.52-0.58 s against 0.55 s for 5 x 20,000 samples; it settled on one).
TRAINING_THREADS = 1


def use_training_threads() -> None:
    """Run the calling thread's parallel kernels on :data:`TRAINING_THREADS` threads.

    numba's thread count is a per-thread setting: the training thread calls this first, so
    the views it computes outside ``fit`` run on the same count as the training
    (``Trainer(threads=TRAINING_THREADS)`` keeps it during ``fit``).
    """
    numba.set_num_threads(max(1, min(TRAINING_THREADS, numba.config.NUMBA_NUM_THREADS)))


@dataclass
class Views:
    """Which teaching views the run computes, decided by the panel from the data."""

    boundary: bool = False  # 2-D inputs, class labels
    samples: bool = False  # image-like inputs, class labels
    classes: int = 0


@dataclass
class Snapshot:
    """What the feed held since the last :meth:`Feed.take`."""

    first_batch: int = 0  # the run's batch number of losses[0] (batches are counted from 0 over the run)
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (k,) float64: losses of consecutive batches
    epochs: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    boundary: np.ndarray | None = None  # (r*r, C) class scores over the grid
    samples: tuple[np.ndarray, np.ndarray] | None = None  # (tile predictions, confusion matrix)
    node_stats: dict[int, probe.NodeStats] | None = None
    maps: tuple[int, np.ndarray] | None = None  # (node, its output for one sample)
    filters: tuple[str, np.ndarray] | None = None  # (the first convolution layer, its kernel)
    embedding: tuple[str, np.ndarray] | None = None  # (the first Embedding layer, its table)
    batches_done: int = 0
    samples_done: int = 0
    seconds: float = 0.0  # training time, pauses excluded


class Feed:
    """Thread-safe hand-over from the training thread to the GUI timer.

    Batch losses go into a preallocated float64 buffer (no Python object per batch); a
    take hands over a copy of what it holds and starts it again from the beginning.
    """

    def __init__(self, capacity: int = 4096) -> None:
        self._lock = threading.Lock()
        self._losses = np.empty(capacity)
        self._count = 0
        self._next = Snapshot()

    def put_batches(self, step: int, losses: np.ndarray, size: int, seconds: float) -> None:
        """The losses of batches ``step, step + 1, ...`` (``size`` samples in all), ``seconds`` into the run."""
        count = len(losses)
        with self._lock:
            n = self._count
            if n + count > len(self._losses):  # the GUI has not taken for a while: grow rather than lose points
                self._losses = np.concatenate([self._losses, np.empty(max(n, count))])
            if n == 0:
                self._next.first_batch = step
            self._losses[n : n + count] = losses
            self._count = n + count
            s = self._next
            s.batches_done = step + count
            s.samples_done += size
            s.seconds = seconds

    def put_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        with self._lock:
            self._next.epochs.append((epoch, logs))

    def put_view(self, name: str, value: Any) -> None:
        with self._lock:
            setattr(self._next, name, value)

    def take(self) -> Snapshot:
        """Everything since the last call; counters carry on into the next snapshot."""
        with self._lock:
            out = self._next
            out.losses = self._losses[: self._count].copy()
            self._count = 0
            self._next = Snapshot(batches_done=out.batches_done, samples_done=out.samples_done, seconds=out.seconds)
        return out


class TrainingWorker(QThread):
    """Trains ``graph`` (a copy the worker owns) on ``data``; see the module docstring.

    ``done(status, message)``: status is ``finished``, ``stopped``, ``diverged`` or ``failed``; the
    message is the core's :class:`~graph_core.messages.Message` when it made one (the GUI shows it
    with ``gui.i18n.core_text``, in the language in force then and after a switch), else plain text.
    """

    preparing = Signal(int, int)  # kernels compiled for this machine so far, of how many (a model's first run)
    warmed = Signal()  # the starting state's views are in the feed; training waits for go()
    paused = Signal()
    done = Signal(str, object)  # status, Message or str

    def __init__(self, graph: Graph, settings: TrainingSettings, data: Dataset, views: Views,
                 parent=None) -> None:  # fmt: skip
        super().__init__(parent)
        self.graph = graph
        self.settings = settings
        self.data = data
        self.views = views
        self.feed = Feed()
        self.trainer: Trainer | None = None
        self.epochs: list[dict[str, float]] = []  # finished epochs' logs
        self.total_batches = 0
        self.probe_nodes = False  # set from the GUI thread: compute node statistics
        # Set from the GUI thread: at most this many batches a second (None: as fast as it goes), so
        # a class can watch a boundary form. A run that starts limited trains batch by batch.
        self.max_rate: float | None = None
        self._paced_at = 0.0
        self.map_node: int | None = None  # set from the GUI thread: the node whose feature maps to show
        self.view_seconds = 0.0  # time spent on views (for the benchmark)
        self.held_seconds = 0.0  # time waited while the GUI thread drew (for the benchmark)
        self.fit_seconds = 0.0  # how long fit ran, pauses excluded
        self._go = threading.Event()
        self._drawn = threading.Event()  # clear while the GUI thread draws: the worker waits between batches
        self._drawn.set()
        self._stop = False
        self._good: dict[str, dict[str, np.ndarray]] = {}

    # ------------------------------------------------------------------ control (GUI thread)

    def pause(self) -> None:
        """Pause between batches (the trainer's own pause); :attr:`paused` is emitted once the run is still."""
        if self.trainer is not None:
            self.trainer.pause()

    def resume(self) -> None:
        if self.trainer is not None:
            self.trainer.resume()

    @property
    def is_paused(self) -> bool:
        """Whether a pause is asked for (the trainer's state)."""
        return self.trainer is not None and self.trainer.paused

    def hold(self) -> None:
        """The GUI thread is about to draw: wait between batches until :meth:`release` (at most HOLD_SECONDS)."""
        self._drawn.clear()

    def release(self) -> None:
        self._drawn.set()

    @property
    def began(self) -> bool:
        """Whether :meth:`go` let the training begin."""
        return self._go.is_set()

    def go(self) -> None:
        """Let the training begin (after :attr:`warmed`, once the GUI has drawn the starting state)."""
        self._go.set()

    def stop(self) -> None:
        self._drawn.set()
        self._stop = True
        if self.trainer is not None:
            self.trainer.stop()
        self._go.set()

    # ------------------------------------------------------------------ the thread

    def run(self) -> None:  # noqa: D102 - QThread override
        try:
            self._run()
        except Exception as exc:  # noqa: BLE001 - a failure anywhere (the views too) ends the run, said as one
            if self.trainer is not None:
                self._restore_good(self.trainer)
            failure = messages.of(exc) if isinstance(exc, LayerwireError) else f"{type(exc).__name__}: {exc}"
            self.done.emit("failed", failure)

    def _run(self) -> None:
        use_training_threads()
        paced = self.max_rate is not None
        try:
            trainer = Trainer(self.graph, self.settings, self.data, threads=TRAINING_THREADS,
                              compile_steps=False if paced else None)  # fmt: skip
        except LayerwireError as exc:
            self.done.emit("failed", messages.of(exc))
            return
        self.trainer = trainer
        n = len(trainer.data)
        self._batch_size = self.settings.batch_size
        self._per_epoch = math.ceil(n / self._batch_size)
        self._last_batch = self._per_epoch - 1
        self._last_size = n - self._last_batch * self._batch_size
        self.total_batches = self.settings.epochs * self._per_epoch
        self._good = trainer.trained_weights()
        todo = len(trainer.kernels_to_compile())
        if todo:
            self.preparing.emit(0, todo)
            trainer.prepare(lambda done, total: self.preparing.emit(done, total))
        self._prepare_views(trainer)
        for _ in range(3):  # the starting state; the first calls are slow (compiling, warming up): not timed
            self._views(trainer)
        self.warmed.emit()
        self._go.wait()
        self._start = time.perf_counter()
        self._next_view = 0.0
        self._next_slow_view = self._start + SLOW_VIEW_INTERVAL  # the starting state has just been drawn
        if self._stop:
            trainer.stop()
        try:
            self._paced_at = time.perf_counter()
            every = 0.0 if paced else Callbacks.batches_interval  # limited: a call after every batch, to pace
            history = trainer.fit(Callbacks(on_epoch=self._on_epoch, on_batches=self._on_batches,
                                            on_pause=self._on_pause, batches_interval=every))  # fmt: skip
            self.fit_seconds = time.perf_counter() - self._start - trainer.paused_seconds
        except TrainingDiverged as exc:
            self._restore_good(trainer)
            self.done.emit("diverged", messages.of(exc))
            return
        except Exception as exc:  # noqa: BLE001 - report any engine failure instead of killing the thread
            self._restore_good(trainer)
            failure = messages.of(exc) if isinstance(exc, LayerwireError) else f"{type(exc).__name__}: {exc}"
            self.done.emit("failed", failure)
            return
        self._views(trainer)  # the final state, whatever the throttle said
        self.done.emit("stopped" if history.stopped else "finished", "")

    def _restore_good(self, trainer: Trainer) -> None:
        for layer, ws in self._good.items():
            for name, w in ws.items():
                np.copyto(trainer.weights[layer][name], w)

    def _on_batches(self, epoch: int, first: int, losses: np.ndarray) -> None:
        # Called about every 10 ms with the batches since (a call per batch, thousands a second,
        # held the GIL the GUI thread also needs for 4 % of the training time).
        if not self._drawn.is_set():
            began = time.perf_counter()
            self._drawn.wait(HOLD_SECONDS)
            self.held_seconds += time.perf_counter() - began
        now = time.perf_counter()
        last = first + len(losses) - 1
        size = len(losses) * self._batch_size - (self._batch_size - self._last_size if last == self._last_batch else 0)
        assert self.trainer is not None
        self.feed.put_batches(epoch * self._per_epoch + first, losses, size,
                              now - self._start - self.trainer.paused_seconds)  # fmt: skip
        if now >= self._next_view:
            trainer = self.trainer
            assert trainer is not None
            # The budget counts this thread's own CPU time: waiting for the GIL while the GUI
            # thread redraws is not the views' cost, and counting it starved the boundary.
            slow = now >= self._next_slow_view
            cpu = time.thread_time()
            self._views(trainer, slow)
            cost = time.thread_time() - cpu
            self.view_seconds += cost
            self._next_view = now + min(MAX_VIEW_INTERVAL, max(VIEW_INTERVAL, VIEW_BUDGET * cost))
            if slow:
                self._next_slow_view = max(self._next_view, now + SLOW_VIEW_INTERVAL)
        self._pace(len(losses))

    def _on_pause(self) -> None:
        """The trainer has stopped between batches for a pause: show the model as it is now, say so."""
        assert self.trainer is not None
        self._views(self.trainer)
        self.paused.emit()
        self._paced_at = time.perf_counter()  # pacing starts afresh after the pause

    def _pace(self, batches: int) -> None:
        """Wait until ``batches`` at :attr:`max_rate` a second have taken their time (a stop or pause ends it)."""
        rate = self.max_rate
        if rate is None or rate <= 0:
            self._paced_at = time.perf_counter()
            return
        due = self._paced_at + batches / rate
        while not self._stop and not self.is_paused and self.max_rate == rate:
            left = due - time.perf_counter()
            if left <= 0:
                break
            time.sleep(min(left, 0.05))
        self._paced_at = max(due, time.perf_counter() - 0.1) if self.max_rate == rate else time.perf_counter()

    def _on_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        assert self.trainer is not None
        self.epochs.append(dict(logs))
        self.feed.put_epoch(epoch, dict(logs))
        self._good = self.trainer.trained_weights()

    # ------------------------------------------------------------------ views

    def _prepare_views(self, trainer: Trainer) -> None:
        data = trainer.validation if trainer.validation is not None and len(trainer.validation) else trainer.data
        self._input = next(iter(trainer.data.x))
        self._output = next(iter(trainer.data.y))
        self._grid = None
        if self.views.boundary:
            self._grid = probe.boundary_grid(self.data.x[self._input], BOUNDARY_RESOLUTION)
        if self.views.samples:
            k = min(CONFUSION_SAMPLES, len(data))
            x = data.x[self._input]
            if is_streamed(x):  # decoded for the views: as many as the views' cache holds (100 of 224×224 RGB)
                k = min(k, max(TILE_COUNT, VIEW_CACHE_BYTES // x.source.sample_bytes))
            self._sample_x = np.ascontiguousarray(data.x[self._input][:k], dtype=np.float32)
            self._sample_y = np.asarray(data.y[self._output][:k]).astype(np.int64).ravel()
        small = trainer.data.take(slice(0, min(PROBE_SAMPLES, len(trainer.data))))
        try:
            inputs = {k: np.asarray(v) for k, v in small.inputs_for(trainer.graph).items()}  # streamed: decoded now
            self._probe: probe.NodeProbe | None = probe.NodeProbe(trainer, inputs, small.y)
        except (LayerwireError, ValueError):
            self._probe = None

    def _views(self, trainer: Trainer, slow: bool = True) -> None:
        """Compute the views with the current weights: the boundary, and with ``slow`` the others too."""
        if self._grid is not None:
            out = probe.predict_arrays(trainer, {self._input: self._grid.points})
            self.feed.put_view("boundary", probe.class_scores(out[self._output]))
        if not slow:
            return
        if self.views.samples:
            out = probe.predict_arrays(trainer, {self._input: self._sample_x})
            pred = probe.class_scores(out[self._output]).argmax(axis=1)
            cm = probe.confusion(self._sample_y, pred, max(self.views.classes, int(pred.max()) + 1))
            self.feed.put_view("samples", (pred[:TILE_COUNT].copy(), cm))
        if self.probe_nodes and self._probe is not None:
            self.feed.put_view("node_stats", self._probe.measure())
        node = self.map_node
        if node is not None and self._probe is not None:
            if not self.probe_nodes:
                self._probe.forward()
            maps = self._probe.node_output(node)
            if maps is not None:
                self.feed.put_view("maps", (node, maps))
        filters = probe.first_filters(trainer)
        if filters is not None:
            self.feed.put_view("filters", filters)
        embedding = probe.first_embedding(trainer)
        if embedding is not None:
            self.feed.put_view("embedding", embedding)
