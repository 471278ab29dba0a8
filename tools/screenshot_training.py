"""The editor mid-training, for the README: ``python -m tools.screenshot_training [OUT.png] [--epochs-shown N]``.

Opens resources/examples/spiral.lwire, trains it on the spiral data (Adam, learning
rate 0.01, batch 32, 100 epochs, 20 % validation) with activity shown on the nodes, and
grabs the window while the run is still going, once ``--epochs-shown`` epochs are plotted.
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
    if not window.files.open_path(str(ROOT / "resources" / "examples" / "spiral.lwire")):
        print("could not open spiral.lwire", file=sys.stderr)
        return 1
    dock = window.docks["training"]
    dock.raise_()
    window.resizeDocks([dock], [int(height * 0.5)], Qt.Orientation.Vertical)
    panel = window.training
    settings = TrainingSettings(optimizer="adam", learning_rate=0.01, batch_size=32, epochs=100,
                                validation_split=0.2, data="spiral")  # fmt: skip
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
