"""What the training dock costs: ``python -m gui.bench_training [--epochs N] [--samples N] [--repeats N]``.

Trains the mnist_model example (784 → 64 → 64 → 10) at batch 32 on random MNIST-shaped
data, alternately

* headless: ``Trainer.fit`` on a plain thread, no window, no plots;
* in the editor: the same run started from the training dock, with the curves, the
  badges on the nodes and the status bar refreshing from the panel's timer;

and prints the best time of each, their ratio (the goal is at most 1.05), the plot
refresh rate, and how late a 10 ms timer fired on the GUI thread during training
(the goal is under 50 ms).
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
    parser = argparse.ArgumentParser(prog="python -m gui.bench_training", description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=4096)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import numpy as np
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QSettings, QTimer

    QCoreApplication.setOrganizationName("LayerwireBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from graph_core.examples import build
    from graph_core.settings import TrainingSettings
    from gui.app import create_app
    from gui.document import Document
    from gui.main_window import MainWindow
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

    def headless() -> float:
        graph = build("mnist_model").graph
        trainer = Trainer(graph, settings, load_dataset(str(data_path), graph))
        out: list[float] = []

        def run() -> None:
            start = time.perf_counter()
            trainer.fit()
            out.append(time.perf_counter() - start)

        thread = threading.Thread(target=run)
        thread.start()
        wait_until(lambda: not thread.is_alive())  # the event loop runs, as in the editor, but nothing is shown
        return out[0]

    def in_editor() -> tuple[float, float, list[float]]:
        project = build("mnist_model")
        project.training = settings.to_dict()
        window = MainWindow(Document(project))
        window.resize(1500, 950)
        window.show()
        window.docks["training"].raise_()
        panel = window.training
        panel.show_nodes.setChecked(True)
        gaps: list[float] = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: gaps.append(clock.restart()))
        refreshes = panel.refreshes
        assert panel.start(), panel.message.text()
        clock.start()
        timer.start()
        wait_until(lambda: not panel.training)
        timer.stop()
        seconds = panel.last_seconds
        rate = (panel.refreshes - refreshes) / max(seconds, 1e-9)
        window.document.undo_stack.setClean()
        window.document._unsaved = False
        window.training.shutdown()
        window.close()
        window.deleteLater()
        return seconds, rate, [g - 10 for g in gaps[1:]]

    headless()  # compile every kernel once
    in_editor()
    plain, edit, rates, late = [], [], [], []
    for _ in range(args.repeats):
        plain.append(headless())
        seconds, rate, lateness = in_editor()
        edit.append(seconds)
        rates.append(rate)
        late.extend(lateness)
    late_arr = np.array(late)
    samples = args.samples * args.epochs
    print(f"mnist_model, batch 32, {args.samples} samples x {args.epochs} epochs, best of {args.repeats}")
    print(f"  headless fit:     {min(plain):.3f} s ({samples / min(plain):,.0f} samples/s)")
    print(f"  training dock:    {min(edit):.3f} s ({samples / min(edit):,.0f} samples/s)")
    print(f"  ratio:            {min(edit) / min(plain):.3f} (goal <= 1.05)")
    print(f"  plot refreshes:   {np.mean(rates):.1f} per second (goal >= 10)")
    print(f"  event loop late:  max {late_arr.max():.0f} ms, p99 {np.percentile(late_arr, 99):.0f} ms, "
          f"mean {late_arr.mean():.1f} ms over {len(late_arr)} ticks of a 10 ms timer (goal < 50 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
