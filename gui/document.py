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
from graph_core.lessons import Files
from gui import i18n
from gui.commands import EditCommand


class Document(QObject):
    """A project being edited."""

    changed = Signal()  # the graph settled after a change: recompute what depends on it
    editing_changed = Signal()  # the canvas shows another model: the top one or a nested one
    active_model_changed = Signal()  # the Models panel chose another of the graph's models
    refused = Signal(str)  # an edit was refused; the reason, for the status bar
    path_changed = Signal()
    dirty_changed = Signal()  # changes off the undo stack (training settings, trained weights, history)
    project_changed = Signal()  # the training settings or the history of runs changed
    files_changed = Signal()  # the model was saved or exported to a file

    def __init__(self, project: Project | None = None, path: str | Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.project = project if project is not None else Project(Graph("model"))
        self.path: Path | None = Path(path) if path is not None else None
        self.opened_from: Path | None = self.path  # the file read (a .keras one too); None: new, or an example's copy
        self.written: list[Path] = []  # the files saved or exported since then
        self.undo_stack = QUndoStack(self)
        self._depth = 0
        self._pending = False
        self._unsaved = False  # changed outside the undo stack since the last save
        self._stack: list[Graph] = [self.project.graph]  # the top model, then each nested model opened in it
        self._active: str | None = None  # one of the graph's other models (graph.models), or None: the main one
        self.graph.changed.sub(self._on_graph_event)

    @property
    def graph(self) -> Graph:
        """The document's model: what is trained, saved and summarised."""
        return self.project.graph

    # ------------------------------------------------------------------ several models over one graph

    @property
    def active_model(self) -> str:
        """The name of the model the summary, the code and exports are of: the main one or one of ``graph.models``."""
        if self._active is not None and self._active not in self.graph.models:
            self._active = None  # renamed or removed (or undone)
        return self._active if self._active is not None else self.graph.name

    def set_active_model(self, name: str) -> None:
        new = None if name == self.graph.name else name
        if new is not None and new not in self.graph.models:
            return
        if new != self._active:
            self._active = new
            self.active_model_changed.emit()
            self.changed.emit()

    def active_graph(self) -> Graph:
        """The active model as a graph (sharing the main graph's layers); the main graph if that model lost its
        outputs."""
        from graph_core.errors import GraphError
        from graph_core.views import model_graph

        try:
            return model_graph(self.graph, self.active_model)
        except GraphError:
            return self.graph

    def active_project(self) -> Project:
        """The active model with the project's training settings and history, for exports."""
        graph = self.active_graph()
        return self.project if graph is self.graph else Project(graph, self.project.training, self.project.history)

    # ------------------------------------------------------------------ nested models

    @property
    def editing(self) -> Graph:
        """The model the canvas shows and edits go to: the top model, or a nested model opened in it."""
        return self._stack[-1]

    @property
    def editing_stack(self) -> list[Graph]:
        """The top model, then each nested model on the way to :attr:`editing` (the breadcrumb)."""
        return list(self._stack)

    def open_nested(self, node: int) -> bool:
        """Edit the model that ``node`` of the model being edited calls; False if it calls none. A call of one of
        the graph's own models (its layers are on this canvas) makes that model the active one instead."""
        layer = self.editing.layer_of(node) if node in self.editing.nodes else None
        inner = layer.inner if layer is not None else None
        if inner is None or layer is None:
            return False
        if layer.view is not None:
            if self.editing is self.graph:
                self.set_active_model(layer.view)
            return True
        self._stack.append(inner)
        self.editing_changed.emit()
        return True

    def close_nested(self, depth: int = 0) -> None:
        """Go back to the model at ``depth`` of the breadcrumb (0: the top model)."""
        if 0 <= depth < len(self._stack) - 1:
            del self._stack[depth + 1 :]
            self.editing_changed.emit()

    def _check_stack(self) -> None:
        """After an edit or an undo: a nested model no longer called (its node deleted) closes, with those in it."""
        for i in range(1, len(self._stack)):
            if not any(layer.inner is self._stack[i] for layer in self._stack[i - 1].layers.values()):
                self.close_nested(i - 1)
                return

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
            self.project_changed.emit()

    def set_history(self, history: list[dict]) -> None:
        """Replace the project's training history (one entry per run)."""
        if history != self.project.history:
            self.project.history = list(history)
            self.mark_dirty()
            self.project_changed.emit()

    def title(self) -> str:
        """The model's name, then its file: ``ticket_classifier — tickets.lwire``."""
        return f"{self.graph.name} — {self.path.name}" if self.path is not None else f"{self.graph.name} (unsaved)"

    def close(self) -> None:
        """Stop following the graph (the document is being replaced)."""
        self.graph.changed.unsub(self._on_graph_event)

    # ------------------------------------------------------------------ editing

    def push(self, edit: edits.Edit | None, mergeable: bool = False, graph: Graph | None = None) -> bool:
        """Apply ``edit`` to ``graph`` (default: the model being edited) and put it on the undo stack; a refused
        edit changes nothing.

        ``mergeable`` config changes of one field in quick succession become one undo step.
        Returns whether the edit was applied; on refusal, :attr:`refused` carries the reason.
        """
        if edit is None:
            return False
        target = graph if graph is not None else self.editing
        try:
            self.run(lambda: edit.apply(target))
        except LayerwireError as exc:
            self.refused.emit(i18n.core_text(exc))
            return False
        self.undo_stack.push(EditCommand(target, edit, self.run, mergeable))
        return True

    def run(self, action: Callable[[], None]) -> None:
        """Run ``action`` with the graph's events batched; emit :attr:`changed` once afterwards (an edit of a
        nested model changes the top model too, though the top model's own events are silent)."""
        with self.batch():
            action()
            self._pending = True
        self._check_stack()

    @contextmanager
    def batch(self) -> Iterator[None]:
        before = self._revisions() if self._depth == 0 else None
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if before is not None and self._revisions() != before:
                self._pending = True  # a model the top one calls changed (trained weights): its events are not heard
            if self._depth == 0 and self._pending:
                self._pending = False
                self.changed.emit()

    def _revisions(self) -> tuple[int, ...]:
        return tuple(g.revision for g in (self.graph, *self.graph.inner_models()))

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
        self.note_written(target)
        self.undo_stack.setClean()
        if self._unsaved:
            self._unsaved = False
            self.dirty_changed.emit()

    def note_written(self, path: str | Path) -> None:
        """``path`` now holds the model (saved, or exported as .keras)."""
        self.written.append(Path(path))
        self.files_changed.emit()

    def files(self) -> Files:
        """The model's files, as the lessons check them."""
        return Files(tuple(map(str, self.written)), str(self.opened_from) if self.opened_from is not None else None)


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

    document = Document(load_any(path), None)
    document.opened_from = path
    return document
