"""The training thread: runs ``Trainer.fit`` off the GUI thread and hands results over in a :class:`Feed`.

The worker never touches a widget or the document's graph: it trains a copy of the
graph and writes what it sees (batch losses, epoch logs, progress, view snapshots) into
a lock-protected :class:`Feed` that the GUI drains from a timer, so a thousand batches a
second cost the GUI thread nothing. Only rare events go through Qt signals (queued to
the GUI thread): :attr:`TrainingWorker.paused` and :attr:`TrainingWorker.done`.

Pausing happens in the batch callback, so when :attr:`paused` arrives the worker is
blocked between batches and the GUI may read the trainer's weights. Views (decision
boundary, sample predictions, node statistics) are computed here, between batches,
with the current weights, at a throttled rate: at most every :data:`VIEW_INTERVAL`
seconds and never more than 1/:data:`VIEW_BUDGET` of the training time.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

from graph_core.errors import LayerwireError
from graph_core.graph import Graph
from graph_core.settings import TrainingSettings
from kernels import probe
from kernels.datasets import Dataset
from kernels.training import Callbacks, Trainer, TrainingDiverged

VIEW_INTERVAL = 0.1  # seconds between view snapshots at most (a small model runs ~10 epochs a second)
VIEW_BUDGET = 40.0  # views take at most 1/40 of the time (2.5 %)
MAX_VIEW_INTERVAL = 3.0  # a stray slow view (the machine was busy) must not freeze the views
BOUNDARY_RESOLUTION = 64
TILE_COUNT = 16
CONFUSION_SAMPLES = 400
PROBE_SAMPLES = 64


@dataclass
class Views:
    """Which teaching views the run computes, decided by the panel from the data."""

    boundary: bool = False  # 2-D inputs, class labels
    samples: bool = False  # image-like inputs, class labels
    classes: int = 0


@dataclass
class Snapshot:
    """What the feed held since the last :meth:`Feed.take`."""

    batches: list[tuple[int, float]] = field(default_factory=list)  # (global batch number, loss)
    epochs: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    boundary: np.ndarray | None = None  # (r*r, C) class scores over the grid
    samples: tuple[np.ndarray, np.ndarray] | None = None  # (tile predictions, confusion matrix)
    node_stats: dict[int, probe.NodeStats] | None = None
    batches_done: int = 0
    samples_done: int = 0
    seconds: float = 0.0  # training time, pauses excluded


class Feed:
    """Thread-safe hand-over from the training thread to the GUI timer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = Snapshot()

    def put_batch(self, step: int, loss: float, size: int, seconds: float) -> None:
        with self._lock:
            s = self._next
            s.batches.append((step, loss))
            s.batches_done = step + 1
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
            self._next = Snapshot(batches_done=out.batches_done, samples_done=out.samples_done, seconds=out.seconds)
        return out


class TrainingWorker(QThread):
    """Trains ``graph`` (a copy the worker owns) on ``data``; see the module docstring.

    ``done(status, message)``: status is ``finished``, ``stopped``, ``diverged`` or ``failed``.
    """

    paused = Signal()
    done = Signal(str, str)

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
        self.view_seconds = 0.0  # time spent on views (for the benchmark)
        self.fit_seconds = 0.0  # how long fit ran, pauses excluded
        self._pause = False
        self._resume = threading.Event()
        self._resume.set()
        self._stop = False
        self._good: dict[str, dict[str, np.ndarray]] = {}
        self._paused_seconds = 0.0

    # ------------------------------------------------------------------ control (GUI thread)

    def pause(self) -> None:
        self._pause = True
        self._resume.clear()

    def resume(self) -> None:
        self._pause = False
        self._resume.set()

    def stop(self) -> None:
        self._stop = True
        if self.trainer is not None:
            self.trainer.stop()
        self._resume.set()

    # ------------------------------------------------------------------ the thread

    def run(self) -> None:  # noqa: D102 - QThread override
        try:
            trainer = Trainer(self.graph, self.settings, self.data)
        except LayerwireError as exc:
            self.done.emit("failed", str(exc))
            return
        self.trainer = trainer
        n = len(trainer.data)
        self.total_batches = self.settings.epochs * math.ceil(n / self.settings.batch_size)
        self._good = trainer.trained_weights()
        self._prepare_views(trainer)
        for _ in range(3):  # the starting state; the first calls are slow (compiling, warming up): not timed
            self._views(trainer)
        self._start = time.perf_counter()
        self._next_view = 0.0
        if self._stop:
            trainer.stop()
        try:
            history = trainer.fit(Callbacks(on_batch=self._on_batch, on_epoch=self._on_epoch))
            self.fit_seconds = time.perf_counter() - self._start - self._paused_seconds
        except TrainingDiverged as exc:
            self._restore_good(trainer)
            self.done.emit("diverged", str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - report any engine failure instead of killing the thread
            self._restore_good(trainer)
            self.done.emit("failed", f"{type(exc).__name__}: {exc}")
            return
        self._views(trainer)  # the final state, whatever the throttle said
        self.done.emit("stopped" if history.stopped else "finished", "")

    def _restore_good(self, trainer: Trainer) -> None:
        for layer, ws in self._good.items():
            for name, w in ws.items():
                np.copyto(trainer.weights[layer][name], w)

    def _on_batch(self, epoch: int, batch: int, loss: float) -> None:
        trainer = self.trainer
        assert trainer is not None
        now = time.perf_counter()
        step = epoch * math.ceil(len(trainer.data) / self.settings.batch_size) + batch
        size = min(self.settings.batch_size, len(trainer.data) - batch * self.settings.batch_size)
        self.feed.put_batch(step, loss, size, now - self._start - self._paused_seconds)
        if now >= self._next_view:
            # The budget counts this thread's own CPU time: waiting for the GIL while the GUI
            # thread redraws is not the views' cost, and counting it starved the boundary.
            cpu = time.thread_time()
            self._views(trainer)
            cost = time.thread_time() - cpu
            self.view_seconds += cost
            self._next_view = now + min(MAX_VIEW_INTERVAL, max(VIEW_INTERVAL, VIEW_BUDGET * cost))
        if self._pause and not self._stop:
            began = time.perf_counter()
            self._views(trainer)  # a paused run shows its model as it is now
            self.paused.emit()
            self._resume.wait()
            self._paused_seconds += time.perf_counter() - began

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
            self._sample_x = np.ascontiguousarray(data.x[self._input][:k], dtype=np.float32)
            self._sample_y = np.asarray(data.y[self._output][:k]).astype(np.int64).ravel()
        small = trainer.data.take(slice(0, min(PROBE_SAMPLES, len(trainer.data))))
        try:
            self._probe: probe.NodeProbe | None = probe.NodeProbe(trainer, small.inputs_for(trainer.graph), small.y)
        except (LayerwireError, ValueError):
            self._probe = None

    def _views(self, trainer: Trainer) -> None:
        if self._grid is not None:
            out = probe.predict_arrays(trainer, {self._input: self._grid.points})
            self.feed.put_view("boundary", probe.class_scores(out[self._output]))
        if self.views.samples:
            out = probe.predict_arrays(trainer, {self._input: self._sample_x})
            pred = probe.class_scores(out[self._output]).argmax(axis=1)
            cm = probe.confusion(self._sample_y, pred, max(self.views.classes, int(pred.max()) + 1))
            self.feed.put_view("samples", (pred[:TILE_COUNT].copy(), cm))
        if self.probe_nodes and self._probe is not None:
            self.feed.put_view("node_stats", self._probe.measure())
