"""Training, evaluation and prediction of a graph on the kernels — the API the editor calls.

    from kernels.datasets import load_dataset
    from kernels.training import Callbacks, Trainer

    data = load_dataset("spiral", graph)                 # arrays keyed by input/output names
    trainer = Trainer(graph, settings, data)             # settings: graph_core.settings.TrainingSettings
                                                         # validates on a split, else on data.test if any
    history = trainer.fit(Callbacks(on_batch=..., on_epoch=...))
    trainer.evaluate()                                   # {"loss": ..., "accuracy": ...} on the validation data
    trainer.predict({"input_layer": x})                  # {output name: array}
    trainer.apply_weights()                              # copy the trained weights into the graph

Qt-free and thread-friendly: run ``fit`` on a worker thread; ``pause()``, ``resume()``
and ``stop()`` may be called from any other thread and take effect between batches.
Callbacks run on the training thread: ``on_batch(epoch, batch, loss)`` after every
batch (epoch and batch counted from 0) or ``on_batches`` with several at a time, and
``on_epoch(epoch, logs)`` after every epoch, with Keras's log names (``loss``,
``accuracy``/``mae``, ``val_loss``, ``val_accuracy``...; with several outputs also
``<output>_loss`` and ``<output>_accuracy``). The trainer
trains its own copy of the weights; ``apply_weights`` (call it on the thread that owns
the graph) writes them back. A loss that becomes NaN or infinite raises
:class:`TrainingDiverged` naming the epoch and batch.

A long run trains its full batches through a compiled step (:mod:`kernels.compiled`):
spans of batches lasting about 10 ms in one call, with the same arithmetic. Without
``on_batch`` a pause, a stop and ``on_batches`` then come between spans; with it, the
spans are one batch long so it can stop a run after any batch.

Unset settings are inferred: the loss from the targets (integer labels: sparse
categorical cross-entropy, or binary cross-entropy for a one-unit output; numbers:
mse) and ``from_logits`` from the output layer (true unless it ends in softmax or
sigmoid).

A data set whose images are streamed (:mod:`kernels.streaming`: a folder too large to decode
whole) trains batch by batch through the Python loop: a thread decodes the next batches while
one trains, in the same order, split and shuffle as the same data held in memory, so the two
give the same weights. A damaged image is found in the first epoch and left out of its batch
(or refused, as the data set says).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numba.core.errors import NumbaError

from graph_core.errors import DataError, LayerwireError
from graph_core.graph import Graph, Layer
from graph_core.messages import Message
from graph_core.model import DTYPE, ensure_weights, output_names, require_valid
from graph_core.nesting import find_layer, set_weights_at
from graph_core.settings import TrainingSettings
from kernels import compiled, config, denormals, gather, prepare
from kernels.compiled import CompiledSteps
from kernels.datasets import Dataset
from kernels.executor import Executor, weights_of
from kernels.memory import check_training_memory
from kernels.ops import OPS
from kernels.optimizers import Optimizer
from kernels.plan import LossSpec, Output, Plan, compile_plan, data_sizes
from kernels.streaming import Prefetch, StreamedImages, is_streamed
from kernels.threads import ThreadChooser

#: Compiled steps: a call runs batches for about this long (pause, stop and callbacks wait at most that).
SPAN_SECONDS = 0.01
MAX_SPAN = 4096
#: Without ready compiled steps, the Python loop runs at least this long and this many batches,
#: then compiling (2-3 s the first time a structure trains) is done if what is left would take
#: this long: it makes mnist_model's steps at batch 32 about 25 % faster.
PROBE_SECONDS = 0.3
PROBE_BATCHES = 16
COMPILE_WORTH_SECONDS = 10.0


@dataclass
class _RunClock:
    """Where a ``fit`` call stands: when it began, batches done and to do."""

    start: float
    total: int
    batches: int = 0


class TrainingDiverged(LayerwireError):
    """The loss became NaN or infinite."""


@dataclass
class Callbacks:
    """Hooks called on the training thread (keep them quick; post to the GUI thread).

    ``on_batches(epoch, first_batch, losses)`` is ``on_batch`` in bulk: the losses (float64)
    of the batches since its last call, at most every ``batches_interval`` seconds and at
    the end of each epoch (and when a run stops). ``losses`` is a view, valid during the call.
    A Python call per batch was 4 % of a step at batch 32 for the editor.
    """

    on_batch: Callable[[int, int, float], None] | None = None
    on_epoch: Callable[[int, dict[str, float]], None] | None = None
    on_batches: Callable[[int, int, np.ndarray], None] | None = None
    on_pause: Callable[[], None] | None = None  # the run has stopped between batches for a pause
    batches_interval: float = 0.01


@dataclass
class History:
    """What ``fit`` did: one Keras-style log dict per finished epoch, and the seconds each took."""

    epochs: list[dict[str, float]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    stopped: bool = False

    def record(self, settings: TrainingSettings, data: str) -> dict[str, Any]:
        """A JSON-ready entry for the project's history list."""
        return {"settings": settings.to_dict(), "data": data, "epochs": self.epochs, "stopped": self.stopped}


def infer_losses(graph: Graph, settings: TrainingSettings, targets: Mapping[str, np.ndarray]) -> list[LossSpec]:
    """One :class:`LossSpec` per output from the settings, filling gaps from the data and model."""
    names = output_names(graph)
    analysis = graph.analysis()
    out = []
    weights = settings.loss_weights_for(names)
    for value, name, loss, weight in zip(analysis.output_values, names, settings.losses_for(names), weights,
                                         strict=True):  # fmt: skip
        width = analysis.shape_of(value)[-1]  # type: ignore[index]
        if loss is None:
            y = targets.get(name)
            integral = y is not None and y.dtype.kind in "iub"
            if integral and width == 1:
                loss = "binary_crossentropy"
            elif integral:
                loss = "sparse_categorical_crossentropy"
            else:
                loss = "mse"
        from_logits = settings.from_logits
        if from_logits is None:
            layer = graph.layer_of(value[0])
            ends_in = ending_activation(layer)
            from_logits = ends_in not in ("softmax", "sigmoid")
        out.append(LossSpec(loss, bool(from_logits) and loss in _CROSSENTROPY, weight))
    return out


_CROSSENTROPY = ("sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy")


def ending_activation(layer: Layer) -> str | None:
    """The activation a layer applies last (a Dense's, a TimeDistributed Dense's...), None if it has no such one."""
    op = OPS.get(layer.type)  # a nested model has none: its layers run inlined
    return op.output_activation(layer) if op is not None else None


def prepare_targets(output: Output, y: np.ndarray) -> np.ndarray:
    """Targets as the loss kernels take them: int32 ``(n, rows)`` labels or float32 ``(n, rows, C)``."""
    name, shape = output.name, output.shape
    y = np.asarray(y)
    if y.dtype.kind not in "biuf":
        raise DataError(
            Message("Targets for {name!r} must be numbers; found an array of {dtype}", name=name, dtype=str(y.dtype))
        )
    n = len(y)
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        raise DataError(Message("Targets for {name!r} hold NaN or infinite values", name=name))
    classes = shape[-1]
    label_shape = (n, *shape[:-1])
    if output.loss in ("sparse_categorical_crossentropy", "categorical_crossentropy") and (
        y.shape in (label_shape, (*label_shape, 1))
        and not (output.loss == "categorical_crossentropy" and y.shape == (n, *shape))
    ):
        labels = y.reshape(n, -1)
        if y.dtype.kind == "f" and not np.all(labels == np.round(labels)):
            raise DataError(
                Message("Labels for {name!r} must be whole numbers; found {value:g}", name=name,
                        value=float(labels[labels != np.round(labels)][0]))
            )  # fmt: skip
        low, high = (int(labels.min()), int(labels.max())) if labels.size else (0, 0)
        if low < 0 or high >= classes:
            raise DataError(
                Message("Labels for {name!r} must be from 0 to {most} (the output has {classes} units); "
                        "found labels from {low} to {high}", name=name, most=classes - 1, classes=classes, low=low,
                        high=high)
            )  # fmt: skip
        labels = labels.astype(np.int32)
        if output.loss == "sparse_categorical_crossentropy":
            return np.ascontiguousarray(labels)
        return np.eye(classes, dtype=DTYPE)[labels]
    if output.loss == "sparse_categorical_crossentropy":
        raise DataError(
            Message("Labels for {name!r} must have shape {want} (one class number per sample); found {found}",
                    name=name, want=label_shape, found=y.shape)
        )  # fmt: skip
    if y.shape == (n,) and shape == (1,):
        y = y.reshape(n, 1)
    if y.shape != (n, *shape):
        raise DataError(
            Message("Targets for {name!r} must have shape {want}; found {found}", name=name, want=(n, *shape),
                    found=y.shape)
        )  # fmt: skip
    return np.ascontiguousarray(y.reshape(n, -1, classes), dtype=DTYPE)


#: Floats a batch's input must have for its gather to be split between threads. Above it each
#: thread gathers the rows it then runs the first Dense layer on, so they are in its cache:
#: mnist_model at batch 32 (25,088 floats) spent 8.6 µs gathering on one thread.
GATHER_PARALLEL_MIN = 8192


def _gather_call(src: np.ndarray, out: np.ndarray, chunks: int) -> tuple[Any, np.ndarray, np.ndarray, tuple]:
    """``(kernel, src2, out2, extra)``: ``kernel(src2, idx, out2, *extra)`` gathers rows ``idx`` of ``src``."""
    src2, out2 = src.reshape(len(src), -1), out.reshape(len(out), -1)
    if chunks > 1 and out2.size >= GATHER_PARALLEL_MIN:
        return gather.gather_rows_parallel, src2, out2, (chunks,)
    return gather.gather_rows, src2, out2, ()


class Trainer:
    """Trains ``graph`` on ``data`` with ``settings``; see the module docstring."""

    def __init__(
        self,
        graph: Graph,
        settings: TrainingSettings,
        data: Dataset,
        validation: Dataset | None = None,
        threads: int | None = None,
        compile_steps: bool | None = None,
    ) -> None:
        """``threads``: at most this many compute threads (default: all numba may use).

        ``compile_steps``: run full batches through :mod:`kernels.compiled` (True), never
        (False), or (None) when this machine has them compiled already, or when after
        ``PROBE_SECONDS`` of training what is left would take ``COMPILE_WORTH_SECONDS``: a
        worker process then compiles them while the Python loop goes on training, and the run
        switches to them once they are ready (True waits for them instead).
        None defers to the environment variable ``LAYERWIRE_COMPILE_STEPS`` (``0`` or ``1``)
        where it is set.
        """
        require_valid(graph)
        check_training_memory(graph, settings, data.x, data.y)  # refuse before allocating anything
        ensure_weights(graph, seed=settings.seed)
        self.graph = graph
        self.settings = settings
        self.losses = infer_losses(graph, settings, data.y)
        sizes = data_sizes(data.x)  # an Input left open (any length) takes the data's
        self.plan: Plan = compile_plan(graph, self.losses, training=True, sizes=sizes)
        self.eval_plan: Plan = compile_plan(graph, self.losses, training=False, sizes=sizes)
        self.weights = weights_of(graph, self.plan)
        self.max_threads = max(1, min(threads or config.max_threads(), config.max_threads()))
        # The row split follows the thread limit, not the threads a run ends up on: the
        # same limit gives the same arithmetic (one thread running two chunks cost ~15%).
        self.executor = Executor(self.plan, self.weights, threads=self.max_threads, seed=settings.seed)
        self.eval_executor = Executor(self.eval_plan, self.weights)
        self.optimizer = Optimizer(settings)
        trainable = self.plan.trainable()
        for ref in trainable:
            self.optimizer.add(f"{ref.layer}/{ref.name}", self.weights[ref.layer][ref.name],
                               self.executor.grads[(ref.layer, ref.name)])  # fmt: skip
        for layer in self.executor.fusable_layers():  # their backward passes update them, thread by thread
            names = [ref.name for ref in trainable if ref.layer == layer]
            if set(names) == set(self.weights[layer]):  # every weight trainable (always, for Dense today)
                self.executor.fuse(layer, {name: self.optimizer.hand_over(f"{layer}/{name}") for name in names})
        if validation is None and settings.validation_split > 0:
            data, validation = data.split(settings.validation_split)
        elif validation is None and data.test is not None:  # a known set's test part, unless a split is asked for
            validation = data.test
        if len(data) == 0:
            raise DataError(Message("There is no training data left (validation_split takes every sample)"))
        self.data = data
        self.validation = validation
        self._train = self._prepare(data)
        self._val = self._prepare(validation) if validation is not None and len(validation) else None
        self.decode_wait = 0.0  # seconds training waited for streamed batches to be decoded
        self._rng = np.random.default_rng(settings.seed)
        self._running = threading.Event()
        self._running.set()
        self.paused_seconds = 0.0
        self._stop = False
        self.last_epoch_seconds = 0.0
        self.threads: ThreadChooser | None = None  # chooses the compute threads while fit() runs
        self._gathers: dict[int, list] = {}  # batch size -> the training data's gather calls
        if compile_steps is None:
            compile_steps = {"0": False, "1": True}.get(os.environ.get("LAYERWIRE_COMPILE_STEPS", ""))
        self.compile_steps = compile_steps
        self._steps: CompiledSteps | None = None
        self._candidate: CompiledSteps | None = None  # made, not yet in use
        self._steps_checked = False  # the decision for this trainer is made
        self._compiling: threading.Thread | None = None  # a worker process compiling the steps, waited on here
        self._span = 1  # batches a compiled call runs, adapted to last about SPAN_SECONDS
        self._todo: list[prepare.Task] | None = None  # kernels not compiled on this machine yet
        self._prepared = False

    # ------------------------------------------------------------------ control (any thread)

    @property
    def batches_per_epoch(self) -> int:
        """Batches in one epoch of the training data (the last one may be smaller)."""
        return -(-self._train[2] // self.settings.batch_size)

    # Pausing: pause() from any thread; fit, between batches, hands the batches so far to on_batches, calls
    # on_pause (the run is still, its weights can be read) and waits for resume() or stop(). paused says whether
    # a pause is asked for; paused_seconds is how long fit has waited so.

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self) -> None:
        """Stop after the current batch; ``fit`` returns the epochs finished so far."""
        self._stop = True
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # ------------------------------------------------------------------ data

    def _prepare(self, data: Dataset) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], int]:
        xs = data.inputs_for(self.graph)
        ys = {}
        for o in self.plan.outputs:
            if o.name not in data.y:
                raise DataError(
                    Message("The data has no targets for the output {name!r}; it has {names}", name=o.name,
                            names=", ".join(data.y) or Message("none"))
                )  # fmt: skip
            ys[o.name] = prepare_targets(o, data.y[o.name])
            if len(ys[o.name]) != len(data):
                raise DataError(
                    Message("{samples} samples but {targets} targets for {name!r}", samples=len(data),
                            targets=len(ys[o.name]), name=o.name)
                )  # fmt: skip
        return xs, ys, len(data)

    def _load(self, ex: Executor, arrays: tuple[dict, dict, int], idx: np.ndarray):  # type: ignore[no-untyped-def]
        """Gather the rows ``idx`` of the data into the executor's buffers for that batch size."""
        for kernel, src, out, extra in self._gather_calls(ex, arrays, len(idx)):
            kernel(src, idx, out, *extra)
        return ex.bind(len(idx))

    def _gather_calls(self, ex: Executor, arrays: tuple[dict, dict, int], n: int) -> list[Any]:
        """The gathers that fill ``ex``'s buffers for batches of ``n`` from ``arrays`` (not a streamed input's)."""
        b = ex.bind(n)
        calls = self._gathers.get(n) if arrays is self._train and ex is self.executor else None
        if calls is None:
            xs, ys, _ = arrays
            calls = [_gather_call(xs[name], buf, ex.chunks_for(n)) for name, buf in b.inputs.items()
                     if not is_streamed(xs[name])]  # fmt: skip
            # a target buffer has a row per output row ((n * rows, C)): gathered a sample (n, rows * C) at a time
            calls += [_gather_call(ys[name], buf.reshape(n, -1), 1) for name, buf in b.targets.items()
                      if name in ys]  # none: predict  # fmt: skip
            if arrays is self._train and ex is self.executor:
                self._gathers[n] = calls  # training's, kept: the same arrays every batch
        return calls

    @staticmethod
    def _streamed_input(arrays: tuple[dict, dict, int]) -> StreamedImages | None:
        """The streamed input of ``arrays``, if one is (a folder's data has one input)."""
        return next((x for x in arrays[0].values() if is_streamed(x)), None)

    def _load_decoded(self, ex: Executor, arrays: tuple[dict, dict, int], rows: np.ndarray, x: np.ndarray):  # type: ignore[no-untyped-def]
        """The rows ``rows`` of streamed ``arrays`` into the executor's buffers: ``x`` their decoded images, the
        targets gathered."""
        b = ex.bind(len(rows))
        for kernel, src, out, extra in self._gather_calls(ex, arrays, len(rows)):
            kernel(src, rows, out, *extra)
        for name, buf in b.inputs.items():
            if is_streamed(arrays[0][name]):
                buf[...] = x.reshape(buf.shape)
        return b

    def _epoch_batches(self, order: np.ndarray, size: int) -> Prefetch:
        """The streamed training data's batches of this epoch (``order``), decoded ahead on a thread."""
        images = self._streamed_input(self._train)
        assert images is not None
        return Prefetch(images, (order[first : first + size] for first in range(0, len(order), size)))

    # ------------------------------------------------------------------ preparing the engine

    def kernels_to_compile(self) -> list[prepare.Task]:
        """The kernels training and evaluating this model call that this machine has not compiled yet."""
        if self._todo is None:
            size = self.settings.batch_size
            idx = np.arange(size)
            b, e = self.executor.bind(size), self.eval_executor.bind(1)  # the types, not the size, choose the code
            calls = [*b.forward, *b.losses, *b.metric_calls, *b.backward, *e.forward, *e.losses, *e.metric_calls]
            calls += [(kernel, (src, idx, out, *extra)) for kernel, src, out, extra in
                      self._gather_calls(self.executor, self._train, size)]  # fmt: skip
            calls += self.optimizer.kernel_calls()
            self._todo = prepare.missing(calls)
        return self._todo

    def prepare(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Compile the kernels this model needs that this machine has not compiled yet, on every core (the first
        run of a model on a machine: seconds; later runs load them in milliseconds); ``progress(done, total)``
        after each. Returns how many there were. :meth:`fit` calls it first."""
        todo = self.kernels_to_compile()
        if todo and not self._prepared:
            prepare.prepare(todo, prepare.worker_count(), progress)
        self._prepared = True
        return len(todo)

    # ------------------------------------------------------------------ fit

    def fit(self, callbacks: Callbacks | None = None) -> History:
        """Train for ``settings.epochs`` epochs; returns the history (also on ``stop()``)."""
        history = History()
        self.prepare()
        if self.threads is None:  # kept across fit() calls, so a choice is measured once
            start = min(config.num_threads(), self.max_threads)
            self.threads = ThreadChooser(self.max_threads, start=start)
        else:
            self.threads.resume()
        try:
            with denormals.flushed():  # Adam's moments decay into denormals, each operation on one 25x slower
                self._fit(callbacks or Callbacks(), history)
        finally:
            self.threads.restore()
        return history

    def _fit(self, cb: Callbacks, history: History) -> None:
        s = self.settings
        n = self._train[2]
        outs = self.plan.outputs
        size = s.batch_size
        batch_losses = np.empty(-(-n // size))
        run = _RunClock(time.perf_counter(), s.epochs * len(batch_losses))
        streamed = self._streamed_input(self._train) is not None
        for epoch in range(s.epochs):
            start = time.perf_counter()
            order = self._rng.permutation(n) if s.shuffle else np.arange(n, dtype=np.int64)
            decoded = self._epoch_batches(order, size) if streamed else None
            try:
                sums = self._fit_epoch(cb, history, epoch, order, decoded, batch_losses, run)
            finally:
                if decoded is not None:
                    decoded.close()
                    self.decode_wait += decoded.waited
            if sums is None:  # stopped
                return
            per_out, metric_sum, seen = sums
            if seen == 0:  # every image of a streamed folder is damaged (found in its first epoch)
                images = self._streamed_input(self._train)
                raise DataError(Message("{path}: none of its {count} images can be read",
                                        path=images.source.root if images else "", count=n))  # fmt: skip
            rows_seen = np.array([seen * o.rows_per_sample for o in outs], dtype=float)
            logs = self._logs(self.executor.total_loss(list(per_out)) / seen, per_out / seen, metric_sum / rows_seen)
            if self._val is not None:
                logs.update({f"val_{k}": v for k, v in self._evaluate(self._val).items()})
            self.last_epoch_seconds = time.perf_counter() - start
            history.epochs.append(logs)
            history.seconds.append(self.last_epoch_seconds)
            if cb.on_epoch is not None:
                cb.on_epoch(epoch, logs)

    def _fit_epoch(self, cb: Callbacks, history: History, epoch: int, order: np.ndarray, decoded: Prefetch | None,
                   batch_losses: np.ndarray, run: _RunClock) -> tuple[np.ndarray, np.ndarray, int] | None:  # fmt: skip
        """One epoch's batches in ``order`` (of streamed data: ``decoded``'s); ``(loss sums, metric sums, samples
        trained on)``, or None when the run was stopped."""
        chooser = self.threads
        assert chooser is not None
        n = self._train[2]
        outs = self.plan.outputs
        size = self.settings.batch_size
        batches, full = -(-n // size), n // size  # full: batches of the full size
        per_out = np.zeros(len(outs))
        metric_sum = np.zeros(len(outs))
        seen = 0  # a streamed batch leaves damaged images out
        flushed = 0  # batches of this epoch already handed to on_batches
        next_call = time.perf_counter() + cb.batches_interval
        batch = 0
        while batch < batches:
            if not self._running.is_set():
                if cb.on_batches is not None and flushed < batch:
                    cb.on_batches(epoch, flushed, batch_losses[flushed:batch])
                    flushed = batch
                began = time.perf_counter()
                if cb.on_pause is not None and not self._stop:
                    cb.on_pause()
                self._running.wait()
                self.paused_seconds += time.perf_counter() - began
            if self._stop:
                history.stopped = True
                if cb.on_batches is not None and flushed < batch:
                    cb.on_batches(epoch, flushed, batch_losses[flushed:batch])
                return None
            steps = self._compiled_steps(run) if batch < full and decoded is None else None
            chooser.before()
            if steps is not None:
                count = min(self._span if cb.on_batch is None else 1, full - batch)
                began = time.perf_counter()
                try:
                    done = steps.run(order, batch * size, count, batch_losses[batch:], per_out, metric_sum)
                except NumbaError:  # it could not be compiled (before running anything): train without
                    self._steps, self._steps_checked = None, True
                    continue
                if done < count:
                    self._diverged(batch_losses[batch + done], epoch, batch + done)
                self._span = min(MAX_SPAN, max(1, int(SPAN_SECONDS * count / max(time.perf_counter() - began, 1e-9))))
                chooser.after(count * size)
                seen += count * size
            else:
                count = 1
                if decoded is not None:
                    rows, x = decoded.next()
                    b = self._load_decoded(self.executor, self._train, rows, x) if len(rows) else None
                else:
                    rows = order[batch * size : (batch + 1) * size]
                    b = self._load(self.executor, self._train, rows)
                if b is None:  # a streamed batch of damaged images only: nothing to train on
                    batch_losses[batch] = batch_losses[batch - 1] if batch else 0.0
                else:
                    batch_losses[batch] = self._step(b, len(rows), per_out, metric_sum, epoch, batch)
                chooser.after(len(rows))
                seen += len(rows)
            if cb.on_batch is not None:
                for i in range(batch, batch + count):
                    cb.on_batch(epoch, i, float(batch_losses[i]))
            batch += count
            run.batches += count
            if cb.on_batches is not None:
                now = time.perf_counter()
                if now >= next_call:
                    cb.on_batches(epoch, flushed, batch_losses[flushed:batch])
                    flushed, next_call = batch, now + cb.batches_interval
        if cb.on_batches is not None and flushed < batches:
            cb.on_batches(epoch, flushed, batch_losses[flushed:batches])
        return per_out, metric_sum, seen

    def _step(self, b, samples: int, per_out: np.ndarray, metric_sum: np.ndarray, epoch: int, batch: int) -> float:  # type: ignore[no-untyped-def]
        """One batch of ``samples`` (loaded in ``b``) from Python, kernel by kernel; returns its loss."""
        ex, opt = self.executor, self.optimizer
        ex.forward(b)
        losses = ex.loss(b)
        total = ex.total_loss(losses)
        if not math.isfinite(total):
            self._diverged(total, epoch, batch)
        opt.begin()
        ex.backward(b)
        opt.finish()
        for i, (value, metric) in enumerate(zip(losses, ex.metrics(b), strict=True)):
            per_out[i] += value * samples
            metric_sum[i] += metric
        return total

    def _diverged(self, loss: float, epoch: int, batch: int) -> None:
        raise TrainingDiverged(
            Message("The loss became {loss} at epoch {epoch}, batch {batch}; try a smaller learning rate "
                    "or check the data", loss=float(loss), epoch=epoch + 1, batch=batch + 1)
        )  # fmt: skip

    def _compiled_steps(self, run: _RunClock) -> CompiledSteps | None:
        """The compiled training step for full batches, once it is worth having (see ``compile_steps``)."""
        if self._compiling is not None:  # a worker is compiling them: the Python loop trains meanwhile
            if self._compiling.is_alive():
                return None
            self._compiling = None
            steps = self._candidate
            if steps is not None and not prepare.missing([steps.kernel_call()]):  # else it failed: train on here
                self._steps = steps
        if self._steps is not None or self._steps_checked:
            return self._steps
        size = self.settings.batch_size
        if self.compile_steps is False:
            self._steps_checked = True
            return None
        if self.compile_steps is None and run.batches < PROBE_BATCHES:
            return None  # measure the Python loop first
        steps = self._candidate
        if steps is None:
            self._load(self.executor, self._train, np.arange(size))  # binds the batch size and its gathers
            steps = compiled.steps_for(self.executor, self.executor.bind(size), self._gathers[size], self.optimizer)
            if steps is None:
                self._steps_checked = True
                return None
            self._candidate = steps
        if self.compile_steps is None and not steps.ready:
            elapsed = time.perf_counter() - run.start
            if elapsed < PROBE_SECONDS:
                return None
            self._steps_checked = True  # decide once: is what is left long enough to pay for compiling?
            if elapsed / run.batches * (run.total - run.batches) < COMPILE_WORTH_SECONDS:
                return None
            # Compiled in a process of its own (LLVM's memory is never this one's) while this one trains on.
            todo = prepare.missing([steps.kernel_call()])
            self._compiling = threading.Thread(target=prepare.prepare, args=(todo, 1), daemon=True)
            self._compiling.start()
            return None
        if not steps.ready:  # asked for: compile now, in a process of its own, and wait
            prepare.prepare(prepare.missing([steps.kernel_call()]), 1)
        self._steps = steps
        return steps

    def _logs(self, loss: float, per_out: np.ndarray, metrics: np.ndarray) -> dict[str, float]:
        outs = self.plan.outputs
        logs = {"loss": float(loss)}
        if len(outs) == 1:
            logs[outs[0].metric_name] = float(metrics[0])
            return logs
        for o, value in zip(outs, per_out, strict=True):
            logs[f"{o.name}_loss"] = float(value)
        for o, value in zip(outs, metrics, strict=True):
            logs[f"{o.name}_{o.metric_name}"] = float(value)
        return logs

    # ------------------------------------------------------------------ evaluate / predict

    def _evaluate(self, arrays: tuple[dict, dict, int]) -> dict[str, float]:
        ex = self.eval_executor
        outs = self.eval_plan.outputs
        loss_sum = 0.0
        per_out = np.zeros(len(outs))
        metric_sum = np.zeros(len(outs))
        rows = np.zeros(len(outs))
        seen = 0
        step = max(self.settings.batch_size, 256)  # inference does not depend on the batch size
        for b, samples in self._eval_batches(ex, arrays, step):
            ex.forward(b)
            losses = ex.loss(b)
            loss_sum += ex.total_loss(losses) * samples
            per_out += np.asarray(losses) * samples
            metric_sum += ex.metrics(b)
            rows += [samples * o.rows_per_sample for o in outs]
            seen += samples
        if seen == 0:  # a streamed part whose images are all damaged
            return self._logs(math.nan, per_out * math.nan, metric_sum * math.nan)
        return self._logs(loss_sum / seen, per_out / seen, metric_sum / rows)

    def _eval_batches(self, ex: Executor, arrays: tuple[dict, dict, int], step: int) -> Iterator[tuple[Any, int]]:
        """``arrays`` in order, ``step`` samples at a time, loaded into ``ex``: ``(bound, samples)`` each (a
        streamed part's batches decoded ahead on a thread, its damaged images left out)."""
        n = arrays[2]
        spans = [np.arange(first, min(n, first + step)) for first in range(0, n, step)]
        images = self._streamed_input(arrays)
        if images is None:
            for idx in spans:
                yield self._load(ex, arrays, idx), len(idx)
            return
        with Prefetch(images, spans) as decoded:
            for _ in spans:
                kept, x = decoded.next()
                if len(kept):
                    yield self._load_decoded(ex, arrays, kept, x), len(kept)
            self.decode_wait += decoded.waited

    def evaluate(self, data: Dataset | None = None) -> dict[str, float]:
        """Loss and metrics at inference (Dropout off, BatchNorm on moving statistics).

        On ``data``, else on the validation data, else on the training data.
        """
        if data is not None:
            return self._evaluate(self._prepare(data))
        return self._evaluate(self._val if self._val is not None else self._train)

    def predict(self, inputs: Mapping[str, np.ndarray], batch_size: int = 256) -> dict[str, np.ndarray]:
        """Outputs ``(samples, *output_shape)`` float32 by output name, with the trained weights."""
        from graph_core.reference import check_inputs

        xs = check_inputs(self.graph, inputs)
        ex = self.eval_executor
        n = len(next(iter(xs.values())))
        results = {o.name: np.empty((n, *o.shape), DTYPE) for o in self.eval_plan.outputs}
        for first in range(0, n, batch_size):
            b = self._load(ex, (xs, {}, n), np.arange(first, min(n, first + batch_size)))
            ex.forward(b)
            for name, arr in b.outputs.items():
                results[name][first : first + len(arr)] = arr
        return results

    # ------------------------------------------------------------------ weights

    def trained_weights(self) -> dict[str, dict[str, np.ndarray]]:
        """Copies of the current weights, ``{layer: {name: float32 array}}``."""
        return {layer: {k: np.array(v) for k, v in ws.items()} for layer, ws in self.weights.items()}

    def apply_weights(self, graph: Graph | None = None) -> None:
        """Write the trained weights into ``graph`` (default: the one trained)."""
        graph = graph or self.graph
        for layer, ws in self.trained_weights().items():
            merged = dict(find_layer(graph, layer).weights)
            merged.update(ws)
            set_weights_at(graph, layer, merged)
