"""Runs ``main.main([])`` (the editor, as ``python main.py`` does) with a scripted user.

    python tests/gui/crash_driver.py edit      # add a layer, wait for the autosave timer, print AUTOSAVED, keep running
    python tests/gui/crash_driver.py recover   # click Recover in the start-up dialog, print the document as JSON, quit

Used by test_autosave.py, which kills the first with SIGKILL. LAYERWIRE_APP_DATA and
LAYERWIRE_AUTOSAVE_SECONDS come from the test's environment.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import main  # noqa: E402
from graph_core import edits  # noqa: E402
from gui.app import create_app  # noqa: E402


def window():
    from gui.main_window import MainWindow

    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())


def edit() -> None:
    w = window()
    w.document.push(edits.AddNode("InputLayer", {"shape": (3,)}, name="crash_input"))
    w.document.push(edits.AddNode("Dense", {"units": 7}, name="crash_dense"))

    def wait_for_autosave() -> None:
        if w.autosaver.meta_path.exists():
            print("AUTOSAVED", w.autosaver.project_path, flush=True)
        else:
            QTimer.singleShot(50, wait_for_autosave)

    wait_for_autosave()


def recover() -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is None or dialog.objectName() != "recovery_dialog":
        QTimer.singleShot(50, recover)
        return
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(3)] for i in range(dialog.tree.topLevelItemCount())]
    dialog.recover_button.click()

    def report() -> None:
        w = window()
        doc = w.document
        print("RESULT " + json.dumps({"rows": rows, "dirty": doc.dirty, "layers": sorted(doc.graph.layers),
                                      "path": str(doc.path) if doc.path else None}), flush=True)  # fmt: skip
        doc.undo_stack.setClean()
        doc._unsaved = False
        QApplication.quit()

    QTimer.singleShot(100, report)


if __name__ == "__main__":
    create_app()
    QTimer.singleShot(200, edit if sys.argv[1] == "edit" else recover)
    sys.exit(main.main([]))
