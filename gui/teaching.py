"""The teaching kit of a main window: lesson and step-through docks, examples gallery, compare runs,
language menu and presentation mode — the actions and menu entries that reach them.

The main window makes one :class:`Teaching`, calls :meth:`make_actions` with its other
actions, lets it fill parts of the View and Help menus, and passes every new document
to :meth:`set_document`. Everything here is a view: lessons are checked by
``graph_core.lessons``, the step-through's numbers come from ``kernels.stepper``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from graph_core import lessons
from graph_core.errors import LayerwireError
from graph_core.examples import EXAMPLES_DIR
from graph_core.lessons import Lesson
from gui import i18n, presentation
from gui.document import Document
from gui.file_dialogs import open_file
from gui.lessons_panel import LessonsPanel
from gui.step_through import StepThrough

if TYPE_CHECKING:
    from gui.compare_runs import CompareRuns
    from gui.gallery import Gallery
    from gui.main_window import MainWindow


class Teaching:
    """Owns the teaching docks and actions of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.lessons_panel = LessonsPanel(window.document)
        self.step_through = StepThrough(window.document)
        self.lesson_dock = window._add_dock("lessons", "", self.lessons_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.step_dock = window._add_dock("step_through", "", self.step_through, Qt.DockWidgetArea.RightDockWidgetArea)
        i18n.bind(self.lesson_dock, "setWindowTitle", i18n.translate("Teaching", "Lesson"))
        i18n.bind(self.step_dock, "setWindowTitle", i18n.translate("Teaching", "Step Through"))
        for dock in (self.lesson_dock, self.step_dock):
            dock.hide()
            dock.toggleViewAction().toggled.connect(lambda on, d=dock: self._beside_properties(d) if on else None)
        self.step_through.node_shown.connect(lambda node: window.scene.select_nodes([node]))
        self.lessons_panel.completed.connect(
            lambda _id: window.statusBar().showMessage(i18n.translate("Teaching", "Lesson complete — well done!"), 8000)
        )
        self.gallery: Gallery | None = None
        self.compare: CompareRuns | None = None

    def _beside_properties(self, dock: QDockWidget) -> None:
        """Shown as a tab beside Properties, in front: their heights never add up, so the window fits a 768 px
        screen whichever is shown (tabbed only once shown: a hidden tabbed dock still holds the window up)."""
        window = self.window
        if window.dockWidgetArea(dock) == window.dockWidgetArea(window.docks["inspector"]) and not dock.isFloating():
            window.tabifyDockWidget(window.docks["inspector"], dock)
        QTimer.singleShot(0, dock.raise_)

    def set_document(self, document: Document) -> None:
        self.lessons_panel.set_document(document)
        self.step_through.set_document(document)

    # ------------------------------------------------------------------ actions and menus

    def make_actions(self) -> None:
        w = self.window
        self.act_gallery = w._action("", self.show_gallery, None)
        i18n.bind(self.act_gallery, "setText", i18n.translate("Teaching", "&Examples…"))
        self.act_presentation = w._action("", self.set_presentation, list(presentation.SHORTCUTS), checkable=True)
        i18n.bind(self.act_presentation, "setText", i18n.translate("Teaching", "&Presentation Mode"))
        self.act_compare = w._action("", self.show_compare, None)
        i18n.bind(self.act_compare, "setText", i18n.translate("Teaching", "&Compare Runs…"))
        self.act_step = self.step_dock.toggleViewAction()
        self.act_step.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.act_lesson_dock = self.lesson_dock.toggleViewAction()
        self.language_group = QActionGroup(w)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, w)  # each language by its own name: never translated
            action.setCheckable(True)
            action.setChecked(code == i18n.language())
            action.triggered.connect(lambda checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        i18n.on_change(self._language_changed)

    def fill_view_menu(self, menu: QMenu) -> None:
        menu.addAction(self.act_presentation)
        menu.addAction(self.act_step)
        menu.addAction(self.act_compare)
        self.language_menu = menu.addMenu("")
        i18n.bind(self.language_menu, "setTitle", i18n.translate("Teaching", "&Language"))
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        menu.addSeparator()

    def fill_help_menu(self, menu: QMenu) -> None:
        menu.addAction(self.act_gallery)
        self.lessons_menu = menu.addMenu("")
        i18n.bind(self.lessons_menu, "setTitle", i18n.translate("Teaching", "&Lessons"))
        self.lessons_menu.aboutToShow.connect(self._fill_lessons)
        self._fill_lessons()
        menu.addSeparator()

    def _fill_lessons(self) -> None:
        self.lessons_menu.clear()
        language = i18n.language()
        found, broken = lessons.scan()
        for lesson in found:
            action = self.lessons_menu.addAction(lesson.text(lesson.title, language))
            action.triggered.connect(lambda checked=False, x=lesson: self.start_lesson(x))
        for name, reason in broken:  # listed, greyed, with the reason: not a lesson that silently went missing
            action = self.lessons_menu.addAction(i18n.translate("Teaching", "{0} (cannot be read)").format(name))
            action.setEnabled(False)
            action.setToolTip(reason)
        self.lessons_menu.addSeparator()
        action = self.lessons_menu.addAction(i18n.translate("Teaching", "Open a Lesson File…"))
        action.triggered.connect(lambda checked=False: self.open_lesson_file())

    def open_lesson_file(self, path: str | Path | None = None) -> bool:
        """Start the lesson in a ``.json`` file a teacher handed out (asked for when ``path`` is None); a file that is
        not a lesson is refused in a dialog, the open model untouched."""
        if path is None:
            path = open_file(self.window, i18n.translate("Teaching", "Open a lesson"),
                             i18n.translate("Teaching", "Lessons (*.json)"))  # fmt: skip
            if not path:
                return False
        try:
            lesson = lessons.load(path)
        except LayerwireError as exc:
            self.window.show_error(i18n.translate("Teaching", "Could not open the lesson"), i18n.core_text(exc))
            return False
        return self.start_lesson(lesson)

    # ------------------------------------------------------------------ what the actions do

    def start_lesson(self, lesson: Lesson | str, new_model: bool = True) -> bool:
        """Show ``lesson`` (or its id) beside the canvas; with ``new_model`` on an empty, new model, or on a copy of
        the example the lesson names."""
        if isinstance(lesson, str):
            lesson = next(x for x in lessons.available() if x.id == lesson)
        if new_model:
            if lesson.example:
                if not self.open_example(EXAMPLES_DIR / f"{lesson.example}.lwire"):
                    return False
            elif not self.window.files.maybe_save():
                return False
            else:
                self.window.set_document(Document())
        self.lessons_panel.set_lesson(lesson)
        self.lesson_dock.show()
        self.lesson_dock.raise_()
        return True

    def show_gallery(self) -> Gallery:
        from gui.gallery import Gallery

        if self.gallery is None:
            self.gallery = Gallery(self.window)
            self.gallery.open_requested.connect(self.open_example)
        self.gallery.show()
        self.gallery.raise_()
        return self.gallery

    def open_example(self, path: Path) -> bool:
        """Open an example from the gallery as an unsaved copy."""
        return self.window.files.open_example(Path(path))

    def show_compare(self) -> CompareRuns:
        from gui.compare_runs import CompareRuns

        if self.compare is not None:
            self.compare.close()
            self.compare.deleteLater()
        self.compare = CompareRuns(self.window.document.project.history, self.window)
        self.compare.show()
        return self.compare

    def set_presentation(self, on: bool) -> None:
        presentation.set_presentation(self.window, on)

    def set_language(self, code: str) -> None:
        i18n.set_language(code)

    def _language_changed(self, code: str) -> None:
        from shiboken6 import isValid

        if not isValid(self.window):
            return
        action = self.language_actions.get(code)
        if action is not None and isValid(action):
            action.setChecked(True)
        self.window.retranslate()
