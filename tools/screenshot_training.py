"""The editor mid-training, for the README: ``python -m tools.screenshot_training [OUT.png] [--epochs-shown N]``.

By default opens resources/examples/spiral.lwire, trains it on the spiral data (Adam, learning
rate 0.01, batch 32, 100 epochs, 20 % validation) with activity shown on the nodes, and
grabs the window while the run is still going, once ``--epochs-shown`` epochs are plotted.
Another example, data and settings make the other pictures; the guide's MNIST run::

    python -m tools.screenshot_training resources/screenshots/mnist_training.png --example mnist_model \
        --data ~/.keras/datasets/mnist.npz --optimizer rmsprop --lr 0.001 --batch-size 64 --epochs 2 \
        --tab samples --size 1366x768
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "screenshots" / "training.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshot_training", description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(DEFAULT_OUT))
    parser.add_argument("--size", default="1500x980", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--epochs-shown", type=int, default=50, help="grab once this many epochs are plotted")
    parser.add_argument("--example", default="spiral", help="an example's name (resources/examples)")
    parser.add_argument("--data", default="spiral", help="a built-in or known data set, or a file")
    parser.add_argument("--optimizer", default="adam")
    parser.add_argument("--lr", type=float, default=0.01, help="learning rate")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--validation-split", type=float, default=0.2)
    parser.add_argument("--tab", choices=("boundary", "samples", "inside", "data", "predict"), default=None,
                        help="the tab shown beside the curves (default: the one training chooses)")  # fmt: skip
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from gui.app import use_private_settings

    use_private_settings("LayerwireScreenshot")

    from graph_core.settings import TrainingSettings
    from gui.app import create_app
    from gui.main_window import MainWindow

    app = create_app()
    width, height = (int(v) for v in args.size.lower().split("x"))
    window = MainWindow()
    window.resize(width, height)
    window.show()
    example = ROOT / "resources" / "examples" / f"{args.example}.lwire"
    if not window.files.open_path(str(example)):
        print(f"could not open {example.name}", file=sys.stderr)
        return 1
    dock = window.docks["training"]
    dock.raise_()
    window.resizeDocks([dock], [int(height * 0.5)], Qt.Orientation.Vertical)
    panel = window.training
    settings = TrainingSettings(optimizer=args.optimizer, learning_rate=args.lr, batch_size=args.batch_size,
                                epochs=args.epochs, validation_split=args.validation_split,
                                data=os.path.expanduser(args.data))  # fmt: skip
    panel.form.load(settings, panel.form.outputs)
    panel.show_nodes.setChecked(True)
    if not panel.start():
        print(f"could not start training: {panel.message.text()}", file=sys.stderr)
        return 1
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(
        lambda: loop.quit() if not panel.training or panel.plots.point_counts()["loss"] >= args.epochs_shown else None
    )
    poll.start()
    loop.exec()
    poll.stop()
    # Pause, so the views show the model as it is at this epoch (a small model trains faster
    # than the views refresh), then grab the run mid-way.
    if panel.training:
        panel.toggle_pause()
        paused = QEventLoop()
        poll.timeout.disconnect()
        poll.timeout.connect(
            lambda: paused.quit() if panel.pause_button.text() == "Resume" or not panel.training else None
        )
        poll.start()
        paused.exec()
        poll.stop()
    window.view.fit_to_view()
    panel.refresh()
    if args.tab is not None:
        tabs = panel.tabs
        inner = {"boundary": tabs.boundary, "samples": tabs.tiles, "inside": tabs.inside, "data": tabs.preview,
                 "predict": tabs.predict_tab}[args.tab]  # fmt: skip
        page = next(i for i in range(tabs.count()) if tabs.widget(i) is inner or tabs.widget(i).isAncestorOf(inner))
        tabs.setCurrentIndex(page)
    app.processEvents()
    image = window.grab()
    panel.shutdown()
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    if not image.save(args.output, "PNG"):
        print(f"could not write {args.output}", file=sys.stderr)
        return 1
    print(f"wrote {args.output} ({image.width()}x{image.height()})")
    window.document.undo_stack.setClean()
    window.document.save(Path(tempfile.mkdtemp()) / "scratch.lwire")  # marks it clean: no question on close
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
