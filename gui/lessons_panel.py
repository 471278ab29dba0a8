"""The lesson dock: a guided lesson's intro and steps beside the canvas, ticked off as the graph grows.

After every change of the document (its graph, its training settings, a finished run)
the panel asks :func:`graph_core.lessons.progress` which steps are satisfied, ticks those,
highlights the first one not yet done and shows its hint and the code the Keras guide
writes for it. Texts come from the lesson file in the language in force (English when the
file has no text in it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from graph_core import lessons
from graph_core.lessons import Lesson
from gui import i18n, theme
from gui.document import Document

DONE_MARK, CURRENT_MARK, TODO_MARK = "✔", "▶", "○"


class LessonsPanel(QWidget):
    """Shows one lesson and follows one document."""

    completed = Signal(str)  # the lesson's id, when its last step is ticked

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.lesson: Lesson | None = None
        self.done: list[bool] = []
        self._was_complete = False
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # The count goes beside the bar, not on it: drawn on the bar, the fill covers part of the text.
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
        self.progress_label = QLabel()
        progress = QWidget()
        row = QHBoxLayout(progress)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.progress_label)
        self.progress = progress
        self.steps = QListWidget()
        self.steps.setWordWrap(True)
        self.steps.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.code = QPlainTextEdit()  # the guide's code for the current step
        self.code.setReadOnly(True)
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.code.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        for w in (self.title, self.intro, self.progress):
            layout.addWidget(w)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.code)
        self.set_document(document)

    # ------------------------------------------------------------------ inputs

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            for signal in (self.document.changed, self.document.project_changed, self.document.files_changed):
                try:
                    signal.disconnect(self.refresh)
                except (RuntimeError, TypeError):
                    pass
        self.document = document
        document.changed.connect(self.refresh)
        document.project_changed.connect(self.refresh)
        document.files_changed.connect(self.refresh)
        self.refresh()

    def set_lesson(self, lesson: Lesson | None) -> None:
        self.lesson = lesson
        self._was_complete = False
        self.refresh()

    # ------------------------------------------------------------------ state

    @property
    def current(self) -> int | None:
        """Index of the highlighted step (None when complete or no lesson)."""
        return lessons.current_step(self.done) if self.lesson is not None else None

    def step_text(self, index: int) -> str:
        assert self.lesson is not None
        return self.lesson.text(self.lesson.steps[index].text, i18n.language())

    def refresh(self) -> None:
        lesson = self.lesson
        if lesson is None:
            self.title.setText(self.tr("No lesson"))
            self.intro.setText(self.tr("Choose a lesson in Help → Lessons."))
            self.steps.clear()
            self.hint.clear()
            self.code.hide()
            self.progress.hide()
            self.done = []
            return
        language = i18n.language()
        self.done = lessons.progress(self.document.graph, lesson, self.document.project, self.document.files())
        current = lessons.current_step(self.done)
        self.title.setText(lesson.text(lesson.title, language))
        self.intro.setText(lesson.text(lesson.intro, language))
        self.progress.show()
        self.progress_bar.setRange(0, len(self.done))
        self.progress_bar.setValue(sum(self.done))
        self.progress_bar.setFormat(self.tr("%v of %m steps done"))
        self.progress_label.setText(self.progress_bar.text())
        self._fill_steps(current)
        if current is None:
            done = self.tr("Well done — every step is complete.")
            self.hint.setText(f"<b>{done}</b>")
        else:
            hint = lesson.text(lesson.steps[current].hint, language) if lesson.steps[current].hint else ""
            label = self.tr("Hint:")
            self.hint.setText(f"<i>{label}</i> {hint}" if hint else "")
        code = lesson.steps[current].code if current is not None else ""
        self.code.setPlainText(code)
        self.code.setVisible(bool(code))
        if code:  # as tall as the code (up to ten lines), a scroll bar's height below for long lines
            lines = min(code.count("\n") + 1, 10)
            metrics = self.code.fontMetrics()
            bar = self.code.horizontalScrollBar().sizeHint().height()
            self.code.setFixedHeight(lines * metrics.lineSpacing() + 2 * self.code.frameWidth() + 12 + bar)
        complete = current is None
        if complete and not self._was_complete:
            self.completed.emit(lesson.id)
        self._was_complete = complete

    def _fill_steps(self, current: int | None) -> None:
        self.steps.clear()
        colors = theme.canvas_colors()
        for i, ok in enumerate(self.done):
            mark = DONE_MARK if ok else CURRENT_MARK if i == current else TODO_MARK
            item = QListWidgetItem(f"{mark}  {i + 1}. {self.step_text(i)}")
            if i == current:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setBackground(QBrush(QColor(colors.selection).lighter(170) if not theme.is_dark()
                                          else QColor(colors.selection).darker(200)))  # fmt: skip
            elif ok:
                item.setForeground(QBrush(QColor("#81C784" if theme.is_dark() else "#2E7D32")))
            self.steps.addItem(item)
        if current is not None:
            self.steps.scrollToItem(self.steps.item(current))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
