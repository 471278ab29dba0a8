"""Random sequences of edits, undo, redo, save and reopen through the editor's document layer.

A hypothesis state machine drives :class:`gui.document.Document` (its QUndoStack
included) and checks after every step that the graph is consistent (it survives a
round trip through the checked project loader), that undoing everything returns the
starting graph and redoing everything the graph before, and that save -> open -> save
gives the same bytes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtWidgets import QApplication

from graph_core import edits
from graph_core.examples import build
from graph_core.io import files
from gui.document import Document, open_document

APP = QApplication.instance() or QApplication([])
LAYERS = st.sampled_from([("Dense", {"units": 4}), ("Dense", {"units": 2, "activation": "relu"}),
                          ("Activation", {"activation": "tanh"}), ("Dropout", {"rate": 0.5}), ("Add", {}),
                          ("Concatenate", {}), ("InputLayer", {"shape": (4,)}), ("Flatten", {})])  # fmt: skip
PICK = st.integers(0, 10_000)


def snapshot(document: Document) -> str:
    return files.dumps(document.project)


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="layerwire-stateful-"))
        self.document = Document(build("residual_mlp"))
        self.start = snapshot(self.document)

    def teardown(self) -> None:
        self.document.undo_stack.clear()
        self.document.close()
        self.document.deleteLater()

    # ------------------------------------------------------------------ helpers

    def node(self, pick: int) -> int | None:
        nodes = sorted(self.document.graph.nodes)
        return nodes[pick % len(nodes)] if nodes else None

    def push(self, edit: edits.Edit | None) -> None:
        before = snapshot(self.document)
        if not self.document.push(edit):
            assert snapshot(self.document) == before, "a refused edit changed the graph"

    # ------------------------------------------------------------------ edits

    @rule(layer=LAYERS, x=st.floats(-500, 500), y=st.floats(-500, 500))
    def add(self, layer, x, y):
        kind, config = layer
        self.push(edits.AddNode(kind, dict(config), pos=(x, y)))

    @precondition(lambda self: len(self.document.graph.nodes) >= 2)
    @rule(a=PICK, b=PICK, port=st.integers(0, 2))
    def connect(self, a, b, port):
        self.push(edits.Connect(self.node(a), self.node(b), port))

    @precondition(lambda self: self.document.graph.nodes)
    @rule(a=PICK, port=st.integers(0, 2))
    def disconnect(self, a, port):
        self.push(edits.Disconnect(self.node(a), port))  # refused (and unchanged) when there is no wire

    @precondition(lambda self: self.document.graph.nodes)
    @rule(a=PICK)
    def remove(self, a):
        self.push(edits.remove_nodes(self.document.graph, [self.node(a)]))

    @precondition(lambda self: self.document.graph.nodes)
    @rule(a=PICK, units=st.integers(-2, 9))
    def set_units(self, a, units):
        layer = self.document.graph.nodes[self.node(a)].layer
        self.push(edits.SetConfig(layer, {"units": units}))

    @precondition(lambda self: self.document.graph.nodes)
    @rule(a=PICK, name=st.sampled_from(["x", "dense", "a b", "", "renamed_1", "input_layer"]))
    def rename(self, a, name):
        layer = self.document.graph.nodes[self.node(a)].layer
        self.push(edits.RenameLayer(layer, name))

    @precondition(lambda self: self.document.graph.nodes)
    @rule(a=PICK, dx=st.floats(-100, 100))
    def move(self, a, dx):
        node = self.node(a)
        x, y = self.document.graph.nodes[node].pos
        self.push(edits.MoveNodes({node: (x + dx, y)}))

    # ------------------------------------------------------------------ undo, redo, files

    @rule()
    def undo(self):
        self.document.undo_stack.undo()

    @rule()
    def redo(self):
        self.document.undo_stack.redo()

    @rule()
    def undo_everything_and_redo_it(self):
        stack = self.document.undo_stack
        now, index = snapshot(self.document), stack.index()
        stack.setIndex(0)
        assert snapshot(self.document) == self.start, "undoing everything did not return to the start"
        stack.setIndex(stack.count())
        if index == stack.count():
            assert snapshot(self.document) == now, "redoing everything did not return to the same graph"
        else:
            stack.setIndex(index)
            assert snapshot(self.document) == now

    @rule()
    def save_and_reopen(self):
        path = self.folder / "doc.lwire"
        self.document.save(path)
        assert not self.document.dirty
        saved = path.read_bytes()
        reopened = open_document(path)
        assert files.dumps(reopened.project).encode() == saved, "save -> open -> save changed the file"
        reopened.close()

    # ------------------------------------------------------------------ invariants

    @invariant()
    def graph_is_consistent(self):
        graph = self.document.graph
        text = snapshot(self.document)
        assert files.dumps(files.loads(text)) == text  # rebuilt through the loader's checked mutators
        analysis = graph.analysis()
        assert set(analysis.order) == set(graph.nodes)
        for layer in graph.layers:
            assert any(n.layer == layer for n in graph.nodes.values()), f"layer {layer} has no node"


DocumentMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None, suppress_health_check=list(HealthCheck)
)
test_document_edits_undo_redo_save_reopen = DocumentMachine.TestCase
