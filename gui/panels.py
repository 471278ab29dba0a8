"""Read-only live panels: the Keras summary and the Keras Functional API code of the graph.

Both texts come from the core (``graph_core.summary``, ``graph_core.io.codegen``). They
are recomputed shortly after the document settles, coalesced by a zero-delay timer so
a burst of edits costs one recomputation, and only while the panel is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from graph_core.errors import LayerwireError
from graph_core.graph import Graph
from gui import i18n, theme
from gui.document import Document


def summary_of(graph: Graph) -> str:
    from graph_core.summary import summary_text

    return summary_text(graph)


def code_of(graph: Graph) -> str:
    from graph_core.io.codegen import keras_code

    return keras_code(graph)


def _what(what: str) -> str:
    """``what`` (marked with QT_TRANSLATE_NOOP in context Panels) in the language in force."""
    return i18n.translate("Panels", what)


def problems_text(graph: Graph, what: str) -> str:
    problems = graph.analysis().problems
    lines = [i18n.translate("Panels", "The model is not valid yet, so there is no {0}:").format(_what(what)), ""]
    lines += [f"  • {i18n.core_text(p.message)}" for p in problems]
    return "\n".join(lines) + "\n"


class TextPanel(QWidget):
    """A monospace, read-only text that follows the document; with a Copy button."""

    def __init__(self, document: Document, compute: Callable[[Graph], str], what: str, parent=None) -> None:
        super().__init__(parent)
        self.compute = compute
        self.what = what
        self.document: Document | None = None
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(theme.monospace_font(9))
        copy = QPushButton()
        i18n.bind(copy, "setText", i18n.translate("Panels", "Copy"))
        self.copy_button = copy
        self._retranslate()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(copy)
        self.bar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.text)
        layout.addLayout(bar)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update_now)
        self._stale = True
        self.set_document(document)

    def _retranslate(self) -> None:
        self.copy_button.setToolTip(i18n.translate("Panels", "Copy the {0} to the clipboard").format(_what(self.what)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self.document is not None and not self.document.graph.analysis().valid:
                self.schedule()  # the problems text is in words
        super().changeEvent(event)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.schedule)
        self.document = document
        document.changed.connect(self.schedule)
        self.schedule()

    def schedule(self) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def update_now(self) -> None:
        self._stale = False
        graph = self.document.active_graph()  # the model chosen in the Models panel
        try:
            text = self.compute(graph) if graph.analysis().valid else problems_text(graph, self.what)
        except ImportError:
            text = i18n.translate("Panels", "The {0} is not available in this build of Layerwire.").format(
                _what(self.what)
            )
            text += "\n"
        except LayerwireError as exc:
            text = i18n.translate("Panels", "No {0}: {1}").format(_what(self.what), i18n.core_text(exc)) + "\n"
        if text != self.text.toPlainText():
            bar = self.text.verticalScrollBar()
            keep = bar.value()
            self.text.setPlainText(text)
            bar.setValue(keep)


def summary_panel(document: Document) -> TextPanel:
    from graph_core.summary import summary_text

    panel = TextPanel(document, summary_of, QT_TRANSLATE_NOOP("Panels", "summary"))
    panel.setObjectName("summary_panel")
    expand = QCheckBox()
    i18n.bind(expand, "setText", i18n.translate("Panels", "Expand nested models"))
    expand.setToolTip(i18n.translate("Panels", "List the layers of each nested model under its row, as Keras's "
                                               "summary(expand_nested=True) does"))  # fmt: skip
    panel.compute = lambda graph: summary_text(graph, expand_nested=expand.isChecked())
    expand.toggled.connect(panel.schedule)
    panel.expand_nested = expand
    panel.bar.insertWidget(0, expand)
    return panel


def code_panel(document: Document) -> TextPanel:
    panel = TextPanel(document, code_of, QT_TRANSLATE_NOOP("Panels", "Keras code"))
    panel.setObjectName("code_panel")
    return panel
