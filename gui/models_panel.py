"""The Models panel: the models one graph of layers defines, as the Keras guide's ``encoder`` and ``autoencoder``.

The first row is the main model (the graph's own outputs); the others are named by their
output values (:attr:`graph_core.graph.Graph.models`); beside the list, what the chosen one
reads and gives. "New Model from Selection" names a model ending at the selected nodes; a row
is renamed in place and removed with Remove, and "Call in Graph" adds a node that calls the
chosen model as a layer (its layers shared, as the guide's ``encoder(img)``), each an undoable
edit. Choosing a row makes that model the one the Summary, the Keras code and File → Export As
are of, and selects its nodes on the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from graph_core import edits
from graph_core.graph import Graph, ModelRef
from gui import i18n
from gui.document import Document

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class ModelsPanel(QWidget):
    def __init__(self, document: Document, selected_nodes: Callable[[], list[int]], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("models_panel")
        self.document: Document | None = None
        self.selected_nodes = selected_nodes
        self.list = QListWidget()
        self.list.setToolTip(self.tr("The models this graph of layers defines; the chosen one is summarised and "
                                     "exported. Double-click a name to rename it."))  # fmt: skip
        self.add_button = QPushButton(self.tr("New Model from Selection"))
        self.add_button.setToolTip(self.tr("A model from the Inputs to the selected nodes, over the same layers"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.call_button = QPushButton(self.tr("Call in Graph"))
        self.call_button.setToolTip(self.tr("A node that calls the chosen model as a layer, sharing its layers' "
                                            "weights (the guide's encoder(img))"))  # fmt: skip
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setMinimumWidth(260)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.call_button)
        buttons.addWidget(self.about)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons, 0)
        self.add_button.clicked.connect(self.add_from_selection)
        self.remove_button.clicked.connect(self.remove_current)
        self.call_button.clicked.connect(self.call_current)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemChanged.connect(self._on_renamed)
        self._filling = False
        self.set_document(document)

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # type: ignore[override]
        return i18n.translate("ModelsPanel", source)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.refresh)
        self.document = document
        document.changed.connect(self.refresh)
        self.refresh()

    @property
    def graph(self) -> Graph:
        assert self.document is not None
        return self.document.graph

    def refresh(self) -> None:
        assert self.document is not None
        names = [self.graph.name, *self.graph.models]
        shown = [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())]
        if names != shown:
            self._filling = True
            self.list.clear()
            for i, name in enumerate(names):
                item = QListWidgetItem(name)
                item.setData(NAME_ROLE, name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                if i == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(self.tr("The main model: its outputs are the graph's"))
                self.list.addItem(item)
            self._filling = False
        active = self.document.active_model
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == active and self.list.currentRow() != i:
                self._filling = True
                self.list.setCurrentRow(i)
                self._filling = False
        self.remove_button.setEnabled(self.list.currentRow() > 0)
        self.call_button.setEnabled(self.list.currentRow() > 0)
        self._describe()

    def _describe(self) -> None:
        """What the chosen model is: its inputs, outputs and parameters."""
        from graph_core.model import output_names, param_counts, used_layers

        assert self.document is not None
        graph = self.document.active_graph()
        analysis = graph.analysis()
        if not analysis.valid:
            self.about.setText(i18n.core_text(analysis.problems[0].message))
            return
        ins = ", ".join(graph.nodes[n].layer for n in analysis.inputs)
        outs = ", ".join(output_names(graph))
        params = f"{param_counts(graph, used_layers(graph)).total:,}"
        self.about.setText(self.tr("<b>{0}</b>: from {1} to {2}; {3} parameters").format(graph.name, ins, outs, params))

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if self._filling or item is None or self.document is None:
            return
        self.document.set_active_model(item.data(NAME_ROLE))
        self.remove_button.setEnabled(self.list.currentRow() > 0)
        self.call_button.setEnabled(self.list.currentRow() > 0)
        self._describe()

    def _on_renamed(self, item: QListWidgetItem) -> None:
        if self._filling or self.document is None:
            return
        old, new = item.data(NAME_ROLE), item.text().strip()
        if new == old:
            return
        if old == self.graph.name:
            ok = self.document.push(edits.RenameModel(new), graph=self.graph)
        else:
            ok = self.document.push(edits.RenameGraphModel(old, new), graph=self.graph)
            if ok and self.document.active_model == self.graph.name:
                self.document.set_active_model(new)
        if not ok:
            self._filling = True
            item.setText(old)  # refused (a name taken, or empty): the reason is in the status bar
            self._filling = False

    def add_from_selection(self) -> None:
        assert self.document is not None
        if self.document.editing is not self.graph:
            self.document.refused.emit(self.tr("Open the main model's canvas to pick a model's outputs"))
            return
        outputs = tuple(
            (n, out)  # each output of a node that gives several
            for n in self.selected_nodes()
            if self.graph.layer_of(n).type != "InputLayer"
            for out in range(self.graph.output_count(n))
        )
        if not outputs:
            self.document.refused.emit(self.tr("Select the layers the new model ends at"))
            return
        name = self.graph.unique_name("model", taken=[self.graph.name, *self.graph.models])
        models = {**self.graph.models, name: outputs}
        if self.document.push(edits.SetModels(models, name=f"New model {name}"), graph=self.graph):
            self.document.set_active_model(name)

    def call_current(self) -> None:
        """Add a node calling the chosen model (one of the graph's own) below the graph's nodes."""
        assert self.document is not None
        item = self.list.currentItem()
        if item is None or self.list.currentRow() == 0:
            return
        if self.document.editing is not self.graph:
            self.document.refused.emit(self.tr("Open the main model's canvas to call one of its models"))
            return
        name = item.data(NAME_ROLE)
        ys = [n.pos[1] for n in self.graph.nodes.values()]
        xs = [n.pos[0] for n in self.graph.nodes.values()]
        pos = (min(xs, default=0.0), max(ys, default=0.0) + 140.0)
        self.document.push(edits.AddNode("Functional", {"model": ModelRef(self.graph, name)}, pos, name=name),
                           graph=self.graph)  # fmt: skip

    def remove_current(self) -> None:
        assert self.document is not None
        item = self.list.currentItem()
        if item is None or self.list.currentRow() == 0:
            return
        name = item.data(NAME_ROLE)
        models = {k: v for k, v in self.graph.models.items() if k != name}
        self.document.push(edits.SetModels(models, name=f"Remove model {name}"), graph=self.graph)
