"""Screenshots of the teaching kit for the README: ``python -m tools.teaching_screenshots [FOLDER]``.

Writes ``lesson_ko.png`` (lesson 1 half done, in Korean), ``presentation.png`` (the
mnist model in presentation mode), ``step_through.png`` (the digits model's first
backward step) and ``step_through_conv.png`` (the digits convnet's first convolution)
into FOLDER (default ``resources/screenshots``). Korean text needs a CJK font on the
machine (e.g. ``fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1500, 920)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else ROOT / "resources" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from gui.app import use_private_settings

    use_private_settings("LayerwireScreenshot")

    from graph_core import edits
    from gui import i18n
    from gui.app import create_app
    from gui.main_window import MainWindow

    app = create_app()
    examples = ROOT / "resources" / "examples"

    def window() -> MainWindow:
        w = MainWindow()
        w.resize(*SIZE)
        w.show()
        return w

    def settle(w: MainWindow) -> None:
        for _ in range(4):
            app.processEvents()
        w.view.fit_to_view()
        app.processEvents()

    def save(w: MainWindow, name: str) -> None:
        settle(w)
        path = folder / name
        w.grab().save(str(path), "PNG")
        print(f"wrote {path}")
        w.teaching.set_presentation(False)  # before closing: the saved layout keeps its docks
        w.document.undo_stack.setClean()
        w.close()

    # A lesson in Korean, three steps done.
    i18n.set_language("ko", remember=False)
    w = window()
    w.teaching.start_lesson("01_first_model")
    doc = w.document
    first = edits.AddNode("InputLayer", {"shape": (784,)})
    doc.push(first)
    second = edits.AddNode("Dense", {"units": 64, "activation": "relu"})
    doc.push(second)
    doc.push(edits.Connect(first.node_id, second.node_id, 0))
    third = edits.AddNode("Dense", {"units": 64, "activation": "relu"})
    doc.push(third)
    doc.push(edits.Connect(second.node_id, third.node_id, 0))
    from gui import commands

    doc.push(commands.layout_edit(doc.graph, "right"))
    w.docks["inspector"].hide()
    w.scene.select_nodes([third.node_id])
    save(w, "lesson_ko.png")
    i18n.set_language("en", remember=False)

    # Presentation mode.
    w = window()
    w.files.open_example(examples / "mnist_model.lwire")
    w.teaching.lesson_dock.hide()
    w.teaching.act_presentation.trigger()
    save(w, "presentation.png")

    # Step-through of the digits model, at the first backward step.
    w = window()
    w.files.open_example(examples / "digits_classifier.lwire")
    w.teaching.lesson_dock.hide()
    w.teaching.act_step.trigger()
    for name in ("summary", "code", "training"):  # the panel gets the window's full height
        if name in w.docks:
            w.docks[name].hide()
    st = w.teaching.step_through
    st.index.setValue(7)
    st.start()
    st.go(st.stage_of("loss") + 1)
    save(w, "step_through.png")

    # Step-through of the digits convnet, at its first convolution's feature maps and filters.
    w = window()
    w.files.open_example(examples / "digits_convnet.lwire")
    w.teaching.lesson_dock.hide()
    w.teaching.act_step.setChecked(True)
    for name in ("summary", "code", "training"):
        if name in w.docks:
            w.docks[name].hide()
    st = w.teaching.step_through
    st.index.setValue(7)
    st.start()
    conv = next(n for n in w.document.graph.nodes if w.document.graph.nodes[n].layer == "conv2d")
    st.go(st.stage_of("forward", conv))
    save(w, "step_through_conv.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
