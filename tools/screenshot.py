"""Render the editor offscreen to a PNG (for the README): ``python -m tools.screenshot OUT.png [MODEL]``.

MODEL defaults to the mnist_model example. The window is shown at a fixed size with
the second Dense layer selected, so the inspector has something to show.
"""

from __future__ import annotations

import argparse
import os
import sys

from graph_core.resources import RESOURCES

DEFAULT_MODEL = RESOURCES / "examples" / "mnist_model.lwire"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshot", description=__doc__.splitlines()[0])
    parser.add_argument("output", help="the PNG file to write")
    parser.add_argument("model", nargs="?", default=str(DEFAULT_MODEL), help="a .lwire or .keras file")
    parser.add_argument("--size", default="1500x920", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--dark", action="store_true", help="use the dark palette")
    parser.add_argument("--select", default="dense_1", help="layer to select (shown in the inspector)")
    parser.add_argument("--tab", choices=("summary", "code"), default="summary", help="bottom panel to show")
    parser.add_argument("--zoom", type=float, help="show the canvas at this zoom, centred on the selected layer")
    parser.add_argument("--fit", action="store_true", help="fit the whole graph in the canvas, however small")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    # A private settings location: the screenshot never uses or changes the user's layout.
    from gui.app import use_private_settings

    use_private_settings("LayerwireScreenshot")

    from gui.app import create_app

    app = create_app()
    if args.dark:
        from gui import theme

        theme.set_dark_override(True)  # offscreen Qt has no system colour scheme to switch
        theme.apply_palette(app)
    from gui.main_window import MainWindow

    width, height = (int(v) for v in args.size.lower().split("x"))
    window = MainWindow()
    window.resize(width, height)
    window.show()
    if not window.files.open_path(args.model):
        print(f"could not open {args.model}", file=sys.stderr)
        return 1
    nodes = [n.id for n in window.document.graph.nodes.values() if n.layer == args.select]
    if nodes:
        window.scene.select_nodes(nodes[:1])
    window.docks[args.tab].raise_()
    for _ in range(3):
        app.processEvents()
    window.view.fit_to_view(readable=not args.fit)  # as a document opens, or the whole graph
    if args.zoom and nodes:
        window.view.zoom_by(args.zoom / window.view.zoom())
        window.view.centerOn(window.scene.node_items[nodes[0]].sceneBoundingRect().center())
    app.processEvents()
    image = window.grab()
    if not image.save(args.output, "PNG"):
        print(f"could not write {args.output}", file=sys.stderr)
        return 1
    print(f"wrote {args.output} ({image.width()}x{image.height()})")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
