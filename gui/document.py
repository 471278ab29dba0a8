"""The document: one project (graph + training settings), its undo stack, its file and dirty state.

Every change of the graph made by the editor goes through :meth:`Document.push`. The
document batches the graph's events while an edit runs and emits :attr:`changed` once
afterwards, so views that recompute something (shape labels, summary, code) do it once
per edit, not once per wire of a pasted selection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from graph_core import edits
from graph_core.errors import LayerwireError
from graph_core.graph import Graph, GraphEvent
from graph_core.io.files import Project
from gui import i18n
from gui.commands import EditCommand


class Document(QObject):
    """A project being edited."""

    changed = Signal()  # the graph settled after a change: recompute what depends on it
    refused = Signal(str)  # an edit was refused; the reason, for the status bar
    path_changed = Signal()
    dirty_changed = Signal()  # changes off the undo stack (training settings, trained weights, history)

    def __init__(self, project: Project | None = None, path: str | Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.project = project if project is not None else Project(Graph("model"))
        self.path: Path | None = Path(path) if path is not None else None
        self.undo_stack = QUndoStack(self)
        self._depth = 0
        self._pending = False
        self._unsaved = False  # changed outside the undo stack since the last save
        self.graph.changed.sub(self._on_graph_event)

    @property
    def graph(self) -> Graph:
        return self.project.graph

    @property
    def busy(self) -> bool:
        """True while an edit is being applied or reverted."""
        return self._depth > 0

    @property
    def dirty(self) -> bool:
        return self._unsaved or not self.undo_stack.isClean()

    def mark_dirty(self) -> None:
        """Record a change that is not on the undo stack (trained weights, say)."""
        if not self._unsaved:
            self._unsaved = True
            self.dirty_changed.emit()

    def set_training(self, training: dict) -> None:
        """Replace the project's training settings (a ``TrainingSettings.to_dict()``)."""
        if training != self.project.training:
            self.project.training = dict(training)
            self.mark_dirty()

    def set_history(self, history: list[dict]) -> None:
        """Replace the project's training history (one entry per run)."""
        if history != self.project.history:
            self.project.history = list(history)
            self.mark_dirty()

    def title(self) -> str:
        """The model's name, then its file: ``ticket_classifier — tickets.lwire``."""
        return f"{self.graph.name} — {self.path.name}" if self.path is not None else f"{self.graph.name} (unsaved)"

    def close(self) -> None:
        """Stop following the graph (the document is being replaced)."""
        self.graph.changed.unsub(self._on_graph_event)

    # ------------------------------------------------------------------ editing

    def push(self, edit: edits.Edit | None, mergeable: bool = False) -> bool:
        """Apply ``edit`` and put it on the undo stack; a refused edit changes nothing.

        ``mergeable`` config changes of one field in quick succession become one undo step.
        Returns whether the edit was applied; on refusal, :attr:`refused` carries the reason.
        """
        if edit is None:
            return False
        try:
            self.run(lambda: edit.apply(self.graph))
        except LayerwireError as exc:
            self.refused.emit(i18n.core_text(exc))
            return False
        self.undo_stack.push(EditCommand(self.graph, edit, self.run, mergeable))
        return True

    def run(self, action: Callable[[], None]) -> None:
        """Run ``action`` with the graph's events batched; emit :attr:`changed` once afterwards."""
        with self.batch():
            action()

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending:
                self._pending = False
                self.changed.emit()

    def _on_graph_event(self, event: GraphEvent) -> None:
        if self._depth:
            self._pending = True
        else:
            self.changed.emit()

    # ------------------------------------------------------------------ files

    def save(self, path: str | Path | None = None) -> None:
        """Save as ``.lwire`` (atomically); marks the document clean. Raises ``OSError``."""
        from graph_core.io.files import save

        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("the document has no file yet; give a path")
        save(self.project, target)
        if target != self.path:
            self.path = target
            self.path_changed.emit()
        self.undo_stack.setClean()
        if self._unsaved:
            self._unsaved = False
            self.dirty_changed.emit()


def open_document(path: str | Path) -> Document:
    """Read a ``.lwire`` or ``.keras`` file; raises ``LayerwireError``/``OSError`` on a bad file.

    A file that is not a ``.lwire`` opens without a path, so Save asks where to write it.
    """
    path = Path(path)
    if path.suffix.lower() == ".lwire":
        from graph_core.io.files import load

        project = load(path)
        return Document(project, path)
    from graph_core.io.interop import load_any

    return Document(load_any(path), None)
