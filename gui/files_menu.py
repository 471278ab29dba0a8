"""The File menu of a main window: new, open, recent, examples, save, import/export, diagram.

A file that cannot be read opens an error dialog and leaves the current document as
it was. Before the current document is replaced, unsaved changes are offered for
saving (Save / Discard / Cancel).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from graph_core.errors import LayerwireError
from graph_core.examples import EXAMPLES_DIR
from gui import i18n
from gui.document import Document, open_document
from gui.file_dialogs import open_file, save_file

if TYPE_CHECKING:
    from gui.main_window import MainWindow

MAX_RECENT = 8

#: File-dialog filters, marked for lupdate (context FilesMenu); :func:`file_filter` translates them.
MODELS_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "Layerwire and Keras models (*.lwire *.keras *.h5)")
PROJECTS_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "Layerwire projects (*.lwire)")
KERAS_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "Keras models (*.keras)")
KERAS2_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "Keras 2 models (*.h5 *.hdf5)")
KERAS_IMPORT_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "Keras models (*.keras *.json *.h5 *.hdf5)")
PNG_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "PNG image (*.png)")
SVG_FILTER = QT_TRANSLATE_NOOP("FilesMenu", "SVG image (*.svg)")
OPEN_FILTERS = (MODELS_FILTER, PROJECTS_FILTER, KERAS_FILTER, KERAS2_FILTER)


def file_filter(*filters: str) -> str:
    """The filters in the language in force, as one ``QFileDialog`` filter string."""
    return ";;".join(i18n.translate("FilesMenu", f) for f in filters)


def recent_files() -> list[str]:
    value = QSettings().value("files/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_recent(path: Path) -> None:
    entry = str(Path(path).resolve())
    files = [entry] + [f for f in recent_files() if f != entry]
    QSettings().setValue("files/recent", files[:MAX_RECENT])


def examples() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.lwire")) if EXAMPLES_DIR.is_dir() else []


#: Formats in File → Export As, with their menu labels (the .keras export has its own action).
#: The labels are marked for lupdate (context FilesMenu) and translated where the menu is made.
EXPORT_CHOICES = (
    ("onnx", QT_TRANSLATE_NOOP("FilesMenu", "ONNX Model…")),
    ("keras-py", QT_TRANSLATE_NOOP("FilesMenu", "Keras Script and Weights…")),
    ("torch-py", QT_TRANSLATE_NOOP("FilesMenu", "PyTorch Script and Weights…")),
    ("keras-train", QT_TRANSLATE_NOOP("FilesMenu", "Keras Training Script, Data and Weights…")),
    ("npz", QT_TRANSLATE_NOOP("FilesMenu", "Weights (.npz)…")),
    ("summary", QT_TRANSLATE_NOOP("FilesMenu", "Summary (.txt)…")),
    ("plot", QT_TRANSLATE_NOOP("FilesMenu", "Model Plot (PNG or SVG)…")),
)
EXPORT_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "onnx": (".onnx", (QT_TRANSLATE_NOOP("FilesMenu", "ONNX models (*.onnx)"),)),
    "keras-py": (".py", (QT_TRANSLATE_NOOP("FilesMenu", "Python scripts (*.py)"),)),
    "torch-py": (".py", (QT_TRANSLATE_NOOP("FilesMenu", "Python scripts (*.py)"),)),
    "keras-train": (".py", (QT_TRANSLATE_NOOP("FilesMenu", "Python scripts (*.py)"),)),
    "npz": (".npz", (QT_TRANSLATE_NOOP("FilesMenu", "NumPy archives (*.npz)"),)),
    "summary": (".txt", (QT_TRANSLATE_NOOP("FilesMenu", "Text (*.txt)"),)),
    "plot": (".png", (PNG_FILTER, SVG_FILTER)),
}


class FilesMenu:
    """File actions of one window; the window stays the place where dialogs are shown."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def tr(self, source: str) -> i18n.Text:
        return i18n.translate("FilesMenu", source)

    # ------------------------------------------------------------------ actions and menu

    def make_actions(self) -> None:
        w = self.window
        K = QKeySequence.StandardKey  # noqa: N806 - Qt's name
        self.act_new = w._action(self.tr("&New"), self.new, K.New, self.tr("Start a new model"))
        self.act_open = w._action(
            self.tr("&Open…"), self.open, K.Open, self.tr("Open a .lwire project or a .keras model")
        )
        self.act_save = w._action(self.tr("&Save"), self.save, K.Save, self.tr("Save the project"))
        self.act_save_as = w._action(self.tr("Save &As…"), self.save_as, K.SaveAs)
        self.act_import = w._action(
            self.tr("&Import .keras…"), self.import_keras, None, self.tr("Open a Keras model as a new project")
        )
        self.act_export = w._action(
            self.tr("&Export .keras…"), self.export_keras, None, self.tr("Write the model as a .keras file")
        )
        self.act_diagram = w._action(
            self.tr("Export &Diagram…"), self.export_diagram, None, self.tr("Save the diagram as PNG or SVG")
        )
        self.export_menu = QMenu(w)
        i18n.bind(self.export_menu, "setTitle", self.tr("Export &As"))
        for fmt, label in EXPORT_CHOICES:
            action = w._action(self.tr(label), lambda checked=False, f=fmt: self.export_as(f))
            self.export_menu.addAction(action)
        self.act_quit = w._action(self.tr("&Quit"), self.quit, K.Quit)
        self.recent_menu = QMenu(w)
        i18n.bind(self.recent_menu, "setTitle", self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.examples_menu = QMenu(w)
        i18n.bind(self.examples_menu, "setTitle", self.tr("E&xamples"))
        for path in examples():
            action = QAction(path.stem.replace("_", " "), w)
            action.triggered.connect(lambda checked=False, p=path: self.open_example(p))
            self.examples_menu.addAction(action)
        self.examples_menu.setEnabled(bool(examples()))
        self._fill_recent()

    def fill_menu(self, menu: QMenu) -> None:
        for a in (self.act_new, self.act_open, self.recent_menu, self.examples_menu, None, self.act_save,
                  self.act_save_as, None, self.act_import, self.act_export, self.export_menu,
                  self.act_diagram):  # fmt: skip
            if a is None:
                menu.addSeparator()
            elif isinstance(a, QMenu):
                menu.addMenu(a)
            else:
                menu.addAction(a)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for f in files:
            action = self.recent_menu.addAction(Path(f).name)
            action.setToolTip(f)
            action.setStatusTip(f)
            action.triggered.connect(lambda checked=False, p=f: self.open_path(p))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear Recent"), lambda: QSettings().setValue("files/recent", []))
        self.recent_menu.setEnabled(bool(files))

    # ------------------------------------------------------------------ replacing the document

    def maybe_save(self) -> bool:
        """True when the current document may be dropped (saved, discarded or clean)."""
        if not self.window.document.dirty:
            return True
        answer = self.window.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new(self) -> None:
        if self.maybe_save():
            self.window.set_document(Document())

    def open(self) -> None:
        path = open_file(self.window, self.tr("Open model"), file_filter(*OPEN_FILTERS), self._folder())
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path, as_copy: bool = False) -> bool:
        """Open ``path`` in this window; a bad file leaves the current document untouched."""
        if not self.maybe_save():
            return False
        try:
            document = open_document(path)
        except (LayerwireError, OSError, ValueError) as exc:
            self.window.show_error(self.tr("Could not open the file"), f"{Path(path).name}: {i18n.core_text(exc)}")
            return False
        if as_copy:
            document.path = None
        elif document.path is not None:
            remember_recent(document.path)
        self.window.set_document(document)
        return True

    def open_example(self, path: Path) -> bool:
        """Open an example as an unsaved copy, so Save never overwrites the example."""
        if not self.open_path(path, as_copy=True):
            return False
        self.window.document.opened_from = None  # a copy of an example: no file of the student's
        return True

    def import_keras(self) -> None:
        path = open_file(self.window, self.tr("Import Keras model"), file_filter(KERAS_IMPORT_FILTER), self._folder())
        if path:
            self.open_path(path, as_copy=True)

    # ------------------------------------------------------------------ writing

    def save(self) -> bool:
        document = self.window.document
        if document.path is None:
            return self.save_as()
        return self._save_to(document.path)

    def save_as(self) -> bool:
        document = self.window.document
        name = document.path.name if document.path is not None else f"{document.graph.name}.lwire"
        path, _ = save_file(self.window, self.tr("Save project"), name, file_filter(PROJECTS_FILTER), self._folder())
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != ".lwire":
            path = path.with_name(path.name + ".lwire")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            self.window.document.save(path)
        except (OSError, LayerwireError, ValueError) as exc:
            self.window.show_error(self.tr("Could not save"), f"{path.name}: {i18n.core_text(exc)}")
            return False
        remember_recent(path)
        self.window.statusBar().showMessage(self.tr("Saved {0}").format(path), 4000)
        return True

    def export_keras(self) -> None:
        document = self.window.document
        name = f"{document.active_model}.keras"
        path, _ = save_file(self.window, self.tr("Export .keras"), name, file_filter(KERAS_FILTER), self._folder())
        if not path:
            return
        if not path.lower().endswith(".keras"):
            path += ".keras"
        try:
            from graph_core.io.interop import export_model

            export_model(document.active_project(), "keras", path)  # the model chosen in the Models panel
        except (LayerwireError, OSError, ValueError, ImportError) as exc:
            self.window.show_error(self.tr("Could not export"), f"{Path(path).name}: {i18n.core_text(exc)}")
            return
        document.note_written(path)
        self.window.statusBar().showMessage(self.tr("Exported {0}").format(path), 4000)

    def export_as(self, fmt: str) -> None:
        """Export in any format of ``main.py export``; scripts get their weights beside them."""
        suffix, filters = EXPORT_FILES[fmt]
        document = self.window.document
        name = f"{document.active_model}{suffix}"
        path, _ = save_file(self.window, self.tr("Export"), name, file_filter(*filters), self._folder())
        if not path:
            return
        if fmt != "plot" and not path.lower().endswith(suffix):
            path += suffix
        try:
            self.write_export(fmt, Path(path))
        except (LayerwireError, OSError, ValueError, ImportError) as exc:
            self.window.show_error(self.tr("Could not export"), f"{Path(path).name}: {i18n.core_text(exc)}")
            return
        self.window.statusBar().showMessage(self.tr("Exported {0}").format(path), 4000)

    def write_export(self, fmt: str, path: Path) -> None:
        from graph_core.io.interop import export_model

        project = self.window.document.active_project()  # the model chosen in the Models panel
        if fmt == "plot":  # the plot_model-style diagram, as PNG or SVG by the name's suffix
            from graph_core.io.diagram import to_svg
            from graph_core.model import require_valid

            require_valid(project.graph)
            if path.suffix.lower() == ".svg":
                export_model(project, "svg", path)
            else:
                from gui.svg_png import save_png

                save_png(to_svg(project.graph), path.with_suffix(".png") if path.suffix.lower() != ".png" else path)
        elif fmt == "keras-train":  # reads the project's data set, which the kernels' loaders do
            from kernels.train_export import export_training_script

            export_training_script(project, path)
        else:
            export_model(project, fmt, path)

    def export_diagram(self) -> None:
        from gui.diagram import export_diagram

        document = self.window.document
        path, chosen = save_file(
            self.window, self.tr("Export diagram"), f"{document.graph.name}.png", file_filter(PNG_FILTER, SVG_FILTER),
            self._folder(),
        )  # fmt: skip
        if not path:
            return
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        try:
            export_diagram(self.window.scene, path)
        except (OSError, ValueError) as exc:
            self.window.show_error(self.tr("Could not export the diagram"), i18n.core_text(exc))
            return
        self.window.statusBar().showMessage(self.tr("Exported {0}").format(path), 4000)

    def quit(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.closeAllWindows()

    def _folder(self) -> Path | None:
        """Where a dialog starts before any has chosen a file: the document's folder."""
        path = self.window.document.path
        return path.parent if path is not None else None
