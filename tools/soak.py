"""Soak test: train mnist_model for minutes with the editor open and check that memory stays flat.

    python -m tools.soak --minutes 10 [--batch-size 32] [--csv rss.csv] [--json]

The editor's main window shows mnist_model and its training panel (``gui.training``:
live curves and views) trains it on random MNIST-shaped data (784 features, 10
classes, written to a temporary .npz) for the given time, as a user would start it.
``--plain`` instead trains through :class:`kernels.training.Trainer` on a worker
thread beside a pyqtgraph loss dock (the set-up from before the panel existed).

The resident set size (RSS) is sampled every second. After the warm-up (the first
minute, or the first fifth of a shorter run) memory must not grow by more than
``--max-growth`` (10 %); the exit code is 1 when it does.

Runs offscreen when there is no display. Prints one line every ``--report`` seconds
and a summary at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


def rss_bytes() -> int:
    """The process's resident set size now (Linux ``/proc/self/statm``; else the peak from ``resource``)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


@dataclass
class SoakResult:
    """RSS samples ``(seconds, bytes)`` and what the training did."""

    samples: list[tuple[float, int]] = field(default_factory=list)
    batches: int = 0
    epochs: int = 0
    seconds: float = 0.0
    warmup: float = 60.0
    error: str | None = None

    def after_warmup(self) -> list[int]:
        return [rss for t, rss in self.samples if t >= self.warmup]

    @property
    def baseline(self) -> int:
        later = self.after_warmup()
        return later[0] if later else (self.samples[-1][1] if self.samples else 0)

    @property
    def peak(self) -> int:
        later = self.after_warmup()
        return max(later) if later else self.baseline

    @property
    def final(self) -> int:
        return self.samples[-1][1] if self.samples else 0

    @property
    def growth(self) -> float:
        """Peak after warm-up over RSS at the end of warm-up, minus one."""
        return self.peak / self.baseline - 1.0 if self.baseline else 0.0

    def summary(self) -> dict[str, float | int | str | None]:
        mib = 1 << 20
        return {
            "minutes": round(self.seconds / 60, 2),
            "batches": self.batches,
            "epochs": self.epochs,
            "batches_per_second": round(self.batches / self.seconds, 1) if self.seconds else 0.0,
            "rss_start_mib": round(self.samples[0][1] / mib, 1) if self.samples else 0.0,
            "rss_after_warmup_mib": round(self.baseline / mib, 1),
            "rss_peak_after_warmup_mib": round(self.peak / mib, 1),
            "rss_final_mib": round(self.final / mib, 1),
            "growth_percent": round(100 * self.growth, 2),
            "error": self.error,
        }


def soak_data(samples: int, seed: int = 0):  # type: ignore[no-untyped-def]
    """Random MNIST-shaped data: float32 (samples, 784) in [0, 1) and int64 labels 0..9."""
    from kernels.datasets import Dataset

    rng = np.random.default_rng(seed)
    x = rng.random((samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, samples).astype(np.int64)
    return Dataset({"input_layer": x}, {"dense_2": y}, "random MNIST-shaped data")


def run_soak(minutes: float, batch_size: int = 32, samples: int = 10_000, report: float = 30.0) -> SoakResult:
    """Train for ``minutes`` with the main window open; RSS sampled every second (on the GUI thread)."""
    from PySide6.QtCore import QObject, Qt, QTimer, Signal

    from graph_core.examples import build
    from graph_core.settings import TrainingSettings
    from gui.app import create_app, no_display
    from gui.document import Document
    from gui.main_window import MainWindow
    from kernels.training import Callbacks, Trainer

    if no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_app()
    project = build("mnist_model")
    window = MainWindow(Document(project))
    plot, curve = _loss_plot(window)
    window.show()

    duration = minutes * 60.0
    result = SoakResult(warmup=min(60.0, duration / 5))
    settings = TrainingSettings(optimizer="adam", batch_size=batch_size, epochs=1_000_000, seed=0)
    trainer = Trainer(project.graph, settings, soak_data(samples))  # trains its own copy of the weights

    class Relay(QObject):
        epoch = Signal(int, float)

    relay = Relay()
    losses: list[float] = []  # one point per plot tick: the mean loss since the last tick
    pending = {"sum": 0.0, "count": 0}
    lock = threading.Lock()

    def on_batch(epoch: int, batch: int, loss: float) -> None:
        with lock:
            pending["sum"] += loss
            pending["count"] += 1
        result.batches += 1

    def on_epoch(epoch: int, logs: dict[str, float]) -> None:
        result.epochs = epoch + 1
        relay.epoch.emit(epoch, logs["loss"])

    relay.epoch.connect(
        lambda e, loss: window.statusBar().showMessage(f"epoch {e + 1}: loss {loss:.4f}"),
        Qt.ConnectionType.QueuedConnection,
    )

    def train() -> None:
        try:
            trainer.fit(Callbacks(on_batch=on_batch, on_epoch=on_epoch))
        except Exception as exc:  # reported in the summary; the soak then ends
            result.error = f"{type(exc).__name__}: {exc}"

    start = time.monotonic()
    last_report = [start]

    def tick_plot() -> None:
        with lock:
            total, count = pending["sum"], pending["count"]
            pending["sum"], pending["count"] = 0.0, 0
        if count:
            losses.append(total / count)
            curve.setData(np.asarray(losses, dtype=np.float32))

    def tick_memory() -> None:
        now = _sample_memory(result, start, last_report, report)
        if now >= duration or result.error is not None or not worker.is_alive():
            trainer.stop()
            app.quit()

    worker = threading.Thread(target=train, name="soak-training", daemon=True)
    plot_timer, memory_timer = QTimer(), QTimer()
    plot_timer.timeout.connect(tick_plot)
    memory_timer.timeout.connect(tick_memory)
    result.samples.append((0.0, rss_bytes()))
    worker.start()
    plot_timer.start(100)
    memory_timer.start(1000)
    app.exec()
    plot_timer.stop()
    memory_timer.stop()
    trainer.stop()
    worker.join(timeout=30)
    result.seconds = time.monotonic() - start
    _close_without_asking(window)
    del plot
    return result


def _sample_memory(result: SoakResult, start: float, last_report: list[float], report: float) -> float:
    """Record the RSS now, print a progress line every ``report`` seconds; the seconds since ``start``."""
    now = time.monotonic() - start
    result.samples.append((now, rss_bytes()))
    if time.monotonic() - last_report[0] >= report:
        last_report[0] = time.monotonic()
        print(f"{now / 60:5.1f} min: RSS {result.samples[-1][1] / 2**20:.1f} MiB, {result.batches} batches", flush=True)
    return now


def _close_without_asking(window) -> None:  # type: ignore[no-untyped-def]
    """Close the soak's window, dropping the trained weights (nobody is there to answer Save?)."""
    from PySide6.QtWidgets import QMessageBox

    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.close()


def run_panel_soak(minutes: float, batch_size: int = 32, samples: int = 10_000, report: float = 30.0) -> SoakResult:
    """Train for ``minutes`` through the editor's training panel; RSS sampled every second."""
    import tempfile

    from PySide6.QtCore import QTimer

    from graph_core.examples import build
    from graph_core.settings import TrainingSettings
    from gui.app import create_app, no_display
    from gui.document import Document
    from gui.main_window import MainWindow
    from gui.training import worker as worker_module

    if no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_app()
    folder = Path(tempfile.mkdtemp(prefix="layerwire-soak-"))
    data = soak_data(samples)
    np.savez(folder / "mnist_like.npz", x=data.x["input_layer"], y=data.y["dense_2"])
    project = build("mnist_model")
    project.training = TrainingSettings(optimizer="adam", batch_size=batch_size, epochs=100_000,
                                        data=str(folder / "mnist_like.npz")).to_dict()  # fmt: skip
    window = MainWindow(Document(project))
    window.show()
    window.docks["training"].raise_()
    panel = window.training
    duration = minutes * 60.0
    result = SoakResult(warmup=min(60.0, duration / 5))
    counting = worker_module.TrainingWorker._on_batches

    def on_batches(self, epoch: int, first: int, losses: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        result.batches += len(losses)
        result.epochs = epoch + 1
        counting(self, epoch, first, losses)

    worker_module.TrainingWorker._on_batches = on_batches  # type: ignore[method-assign]
    start = time.monotonic()
    last_report = [start]

    def tick_memory() -> None:
        now = _sample_memory(result, start, last_report, report)
        if now >= duration or not panel.training:
            if not panel.training and now < duration:
                result.error = f"training ended early: {panel.last_status} {panel.message.text()}"
            panel.stop()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(tick_memory)
    result.samples.append((0.0, rss_bytes()))
    if not panel.start():
        result.error = f"the panel did not start: {panel.message.text()}"
        return result
    timer.start(1000)
    app.exec()
    timer.stop()
    deadline = time.monotonic() + 30
    while panel.training and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    worker_module.TrainingWorker._on_batches = counting  # type: ignore[method-assign]
    result.seconds = time.monotonic() - start
    _close_without_asking(window)
    return result


def _loss_plot(window):  # type: ignore[no-untyped-def]
    """A dock with a pyqtgraph loss curve, as the training panel shows one."""
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    plot = pg.PlotWidget(title="loss")
    plot.setClipToView(True)
    plot.setDownsampling(auto=True, mode="peak")
    curve = plot.plot(pen="y")
    window._add_dock("soak_loss", "Loss", plot, Qt.DockWidgetArea.BottomDockWidgetArea)
    return plot, curve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to train (default 10)")
    parser.add_argument("--batch-size", type=int, default=32, help="default 32")
    parser.add_argument("--samples", type=int, default=10_000, help="random samples per epoch (default 10000)")
    parser.add_argument("--max-growth", type=float, default=10.0, help="allowed RSS growth after warm-up, in %%")
    parser.add_argument("--report", type=float, default=30.0, help="seconds between progress lines")
    parser.add_argument("--csv", help="write the RSS samples (seconds, bytes) to this file")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--plain", action="store_true", help="a Trainer thread and a loss dock, not the panel")
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.batch_size < 1 or args.samples < 1:
        parser.error("--minutes, --batch-size and --samples must be positive")
    soak = run_soak if args.plain else run_panel_soak
    result = soak(args.minutes, args.batch_size, args.samples, args.report)
    summary = result.summary()
    if args.csv:
        from graph_core.io.files import atomic_write

        lines = ["seconds,rss_bytes"] + [f"{t:.1f},{rss}" for t, rss in result.samples]
        atomic_write(args.csv, ("\n".join(lines) + "\n").encode())
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    if result.error is not None:
        print(f"soak: training failed: {result.error}", file=sys.stderr)
        return 1
    if result.growth * 100 > args.max_growth:
        print(f"soak: memory grew {100 * result.growth:.1f} % after warm-up (limit {args.max_growth:g} %)",
              file=sys.stderr)  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
