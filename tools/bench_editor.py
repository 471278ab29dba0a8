"""Editor benchmark (printed, not asserted): ``python -m tools.bench_editor``.

Builds a generated graph of 1,000 nodes and 1,200 wires (a long Dense chain with Add
merges reaching back, laid out by the core) and measures, in an offscreen window:

* opening it in the window (scene built, first paint)         target < 2 s
* the shape update after one edit (SetConfig on an early Dense) target < 20 ms
* the redraw per frame while panning                            target < 16 ms
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def generated_graph(n_nodes: int = 1000, n_wires: int = 1200):
    """An Input, Dense layers and Add merges: ``n_nodes`` nodes and ``n_wires`` wires."""
    from graph_core.builder import ModelBuilder

    b = ModelBuilder("bench")
    nodes = [b.input((32,))]
    n_add = n_wires - (n_nodes - 1)  # each Add brings one wire more than a Dense
    every = max(2, (n_nodes - 1) // max(1, n_add))
    adds = 0
    while len(nodes) < n_nodes:
        i = len(nodes)
        if adds < n_add and i % every == 0 and i >= 3:
            nodes.append(b.add("Add", nodes[-1], nodes[-3]))
            adds += 1
        else:
            nodes.append(b.add("Dense", nodes[-1], units=32, activation="relu"))
    return b.done(layout=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_editor", description="Time the editor on a big graph.")
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--wires", type=int, default=1200)
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from gui.app import use_private_settings

    use_private_settings("LayerwireBench")

    from graph_core import edits
    from graph_core.io.files import Project
    from gui.app import create_app
    from gui.document import Document
    from gui.main_window import MainWindow

    app = create_app()
    graph = generated_graph(args.nodes, args.wires)
    n_wires = sum(1 for _ in graph.wires())
    print(f"graph: {len(graph.nodes)} nodes, {n_wires} wires")

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    t0 = time.perf_counter()
    window.set_document(Document(Project(graph)))
    window.view.reset_zoom()
    window.view.centerOn(window.scene.node_items[next(iter(graph.nodes))])
    window.repaint()
    app.processEvents()
    open_s = time.perf_counter() - t0
    print(f"open in the window:             {open_s * 1000:8.1f} ms   (target < 2000 ms)")

    dense = next(n for n in list(graph.nodes)[1:10] if graph.layer_of(n).type == "Dense")
    layer = graph.nodes[dense].layer
    times = []
    for units in (48, 64, 40, 32, 24):
        t0 = time.perf_counter()
        window.document.push(edits.SetConfig(layer, {"units": units}))
        times.append(time.perf_counter() - t0)
    label = window.scene.wire_items[graph.wires_out(dense)[0]].label.text
    print(f"shape update after one edit:    {statistics.median(times) * 1000:8.1f} ms   (target < 20 ms; "
          f"median of {len(times)}, label now {label})")  # fmt: skip

    view = window.view
    view.viewport().repaint()
    frames = []
    for i in range(args.frames):
        t0 = time.perf_counter()
        view.pan_by(25 if (i // 20) % 2 == 0 else -25, 6)
        view.viewport().repaint()
        frames.append(time.perf_counter() - t0)
    print(f"pan redraw per frame:           {statistics.median(frames) * 1000:8.1f} ms   (target < 16 ms; "
          f"median of {len(frames)}, max {max(frames) * 1000:.1f} ms, zoom 1.0)")  # fmt: skip
    window.view.fit_to_view()
    frames = []
    for i in range(args.frames // 2):
        t0 = time.perf_counter()
        view.pan_by(10 if i % 2 == 0 else -10, 0)
        view.viewport().repaint()
        frames.append(time.perf_counter() - t0)
    print(f"pan redraw, whole graph shown:  {statistics.median(frames) * 1000:8.1f} ms   "
          f"(zoom {view.zoom():.2f})")  # fmt: skip
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
