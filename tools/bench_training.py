"""What the training dock costs: ``python -m tools.bench_training [--epochs N] [--samples N] [--repeats N]``.

Trains the mnist_model example (784 → 64 → 64 → 10) at batch 32 on random MNIST-shaped
data, alternately

* headless: ``Trainer.fit`` on a plain thread, no window, no plots, while the GUI
  thread's event loop runs (with nothing to draw);
* in the editor: the same run started from the training dock, with the curves, the
  sample tiles and confusion matrix, the badges on the nodes and the status bar
  refreshing from the panel's timer.

Both build their trainer on the training thread after the same thread-count choice
(:data:`gui.training.worker.TRAINING_THREADS`), both time ``fit`` alone, and one
untimed run of each comes first (compiling, warming up). Each repeat runs one of each,
so a busy spell on the machine tends to hit a pair rather than one side.

Printed: the median and worst of each, the ratio of the medians (the goal is at most
1.05) and the worst ratio of a pair, the plot refresh rate (the goal is at least 10 a
second), the GUI thread's CPU time per second of training, and how late a 10 ms timer
fired on the GUI thread during training (the goal is under 50 ms).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_training", description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=4096)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import numpy as np
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from gui.app import use_private_settings

    use_private_settings("LayerwireBench")

    from graph_core.examples import build
    from graph_core.settings import TrainingSettings
    from gui.app import create_app
    from gui.document import Document
    from gui.main_window import MainWindow
    from gui.training.worker import TRAINING_THREADS, use_training_threads
    from kernels.datasets import load_dataset
    from kernels.training import Trainer

    app = create_app()  # noqa: F841 - kept alive for the windows

    def wait_until(condition) -> None:  # type: ignore[no-untyped-def]
        """Run the event loop (no busy polling) until ``condition()`` holds."""
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(20)
        poll.timeout.connect(lambda: loop.quit() if condition() else None)
        poll.start()
        loop.exec()
        poll.stop()

    rng = np.random.default_rng(0)
    data_path = Path(tempfile.mkdtemp()) / "mnist_like.npz"
    np.savez(data_path, x=rng.random((args.samples, 784), dtype=np.float32), y=rng.integers(0, 10, args.samples))
    settings = TrainingSettings(optimizer="adam", epochs=args.epochs, batch_size=32, data=str(data_path))

    def ticking(gaps: list[float]) -> tuple[QTimer, QElapsedTimer]:
        """A 10 ms timer on the GUI thread that records how late each tick came (ms); running in both kinds of run."""
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: gaps.append(clock.restart() - 10))
        clock.start()
        timer.start()
        return timer, clock

    def gui_cpu(samples: list) -> float:  # type: ignore[type-arg]
        """GUI-thread CPU seconds a second between the first and the last (wall, CPU) sample."""
        return (samples[-1][1] - samples[0][1]) / max(samples[-1][0] - samples[0][0], 1e-9)

    def headless() -> tuple[float, float]:
        """Training seconds, GUI-thread CPU seconds a second (the 10 ms timer ticks as in the dock)."""
        graph = build("mnist_model").graph
        out: list[float] = []

        def run() -> None:  # as the dock's worker does it: its thread count, then the trainer
            use_training_threads()
            trainer = Trainer(graph, settings, load_dataset(str(data_path), graph), threads=TRAINING_THREADS)
            start = time.perf_counter()
            trainer.fit()
            out.append(time.perf_counter() - start)

        thread = threading.Thread(target=run)
        gaps: list[float] = []
        cpu: list[tuple[float, float]] = []
        timer, _ = ticking(gaps)
        timer.timeout.connect(
            lambda: cpu.append((time.perf_counter(), time.thread_time())) if thread.is_alive() else None
        )
        thread.start()
        wait_until(lambda: not thread.is_alive())  # the event loop runs, as in the editor, but nothing is shown
        timer.stop()
        return out[0], gui_cpu(cpu)

    def in_editor() -> tuple[float, float, float, list[float]]:
        """Training seconds, plot refreshes a second, GUI-thread CPU seconds a second, lateness of each tick (ms).

        The CPU time is the GUI thread's from its first tick to its last while the run trained.
        """
        project = build("mnist_model")
        project.training = settings.to_dict()
        window = MainWindow(Document(project))
        window.resize(1500, 950)
        window.show()
        window.docks["training"].raise_()
        panel = window.training
        panel.show_nodes.setChecked(True)
        gaps: list[float] = []
        cpu: list[tuple[float, float, int]] = []  # (wall, GUI thread CPU, refreshes) at each tick of the training
        assert panel.start(), panel.message.text()
        timer, _ = ticking(gaps)
        timer.timeout.connect(
            lambda: (
                cpu.append((time.perf_counter(), time.thread_time(), panel.refreshes))
                if panel.worker is not None and panel.worker.began
                else None
            )
        )
        wait_until(lambda: not panel.training)
        timer.stop()
        seconds = panel.last_seconds
        busy = gui_cpu(cpu)
        rate = (cpu[-1][2] - cpu[0][2]) / max(cpu[-1][0] - cpu[0][0], 1e-9)
        window.document.undo_stack.setClean()
        window.document._unsaved = False
        window.training.shutdown()
        window.close()
        window.deleteLater()
        return seconds, rate, busy, gaps[1:]

    headless()  # compile every kernel once
    in_editor()
    plain, edit, rates, plain_cpu, edit_cpu, worst_late, late = [], [], [], [], [], [], []
    for _ in range(args.repeats):
        seconds, cpu = headless()
        plain.append(seconds)
        plain_cpu.append(cpu)
        seconds, rate, cpu, lateness = in_editor()
        edit.append(seconds)
        rates.append(rate)
        edit_cpu.append(cpu)
        worst_late.append(max(lateness))
        late.extend(lateness)
    plain_arr, edit_arr, late_arr = np.array(plain), np.array(edit), np.array(late)
    samples = args.samples * args.epochs
    median = float(np.median(edit_arr) / np.median(plain_arr))
    print(f"mnist_model, batch 32, {args.samples} samples x {args.epochs} epochs, {args.repeats} pairs of runs")
    for name, arr in (("headless fit", plain_arr), ("training dock", edit_arr)):
        print(f"  {name + ':':18}median {np.median(arr):.3f} s ({samples / np.median(arr):,.0f} samples/s), "
              f"worst {arr.max():.3f} s")  # fmt: skip
    print(f"  ratio:            {median:.3f} of the medians, worst pair {(edit_arr / plain_arr).max():.3f} "
          f"(goal <= 1.05)")  # fmt: skip
    print(f"  plot refreshes:   median {np.median(rates):.1f} per second, lowest {min(rates):.1f} (goal >= 10)")
    print(f"  GUI thread CPU:   median {1000 * np.median(edit_cpu):.0f} ms per second of training in the dock, "
          f"{1000 * np.median(plain_cpu):.0f} ms headless")  # fmt: skip
    print(f"  event loop late:  worst {late_arr.max():.0f} ms, median of each run's worst {np.median(worst_late):.0f} "
          f"ms, p99 {np.percentile(late_arr, 99):.0f} ms, mean {late_arr.mean():.1f} ms over {len(late_arr)} ticks "
          "of a 10 ms timer (goal < 50 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
