"""The property inspector: name, every config field and the output toggle of the selected layer.

Each field gets the fitting widget (spin box, activation combo, check box, shape line
edit "32, 32, 3"). Committing a value pushes one SetConfig (or RenameLayer, SetOutputs)
edit; the core validates it and a refusal shows in red under the form, with the
widget put back to the layer's value. With nothing selected the inspector edits the
model's name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from graph_core import activations, edits, layers
from graph_core.graph import Analysis, Graph
from graph_core.layers import Field, format_shape
from gui import commands, i18n, layer_help, theme
from gui.document import Document
from gui.field_labels import field_label
from gui.palette import category_title
from gui.tuple_editors import IntsEditor, PaddingEditor

INT_LIMIT = 2**31 - 1


def parse_field_text(field: Field, text: str) -> Any:
    """Turn what was typed into the value the core will validate ("32, 32, 3" -> (32, 32, 3)).

    Raises ``ValueError`` with a message when the text is not even a number/list of numbers.
    """
    text = text.strip()
    if field.kind in ("shape", "target_shape"):
        parts = [p for p in text.replace("(", "").replace(")", "").replace(" ", "").split(",") if p]
        try:  # "None, 8": a size left open (a sequence of any length)
            return tuple(None if p.lower() == "none" and field.kind == "shape" else int(p) for p in parts)
        except ValueError:
            raise ValueError(
                i18n.translate("Inspector", "{0} must be whole numbers separated by commas. Received: {1!r}").format(
                    field.name, text
                )
            ) from None
    if field.kind == "optional_int":
        if text == "" or text.lower() == "none":
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(
                i18n.translate("Inspector", "{0} must be a whole number or empty. Received: {1!r}").format(
                    field.name, text
                )
            ) from None
    if field.kind == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueError(
                i18n.translate("Inspector", "{0} must be a number. Received: {1!r}").format(field.name, text)
            ) from None
    raise ValueError(f"no text form for {field.kind}")


def format_field(field: Field, value: Any) -> str:
    if field.kind in ("shape", "target_shape"):
        return ", ".join(str(d) for d in value)
    if field.kind == "optional_int":
        return "" if value is None else str(value)
    if field.kind == "float":
        return f"{value:g}"
    return str(value)


class Inspector(QWidget):
    """Edits the layer of the one selected node (or the model, when nothing is selected)."""

    message = Signal(str)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.node_id: int | None = None
        self._many = 0
        self.widgets: dict[str, QWidget] = {}
        self._built_for: tuple | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #E53935;")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setOpenExternalLinks(True)  # the Keras documentation page in the layer help
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.header)
        # A layer with many settings (an LSTM has twelve) scrolls too, so the window fits a 768-pixel screen.
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(self.form_host)
        layout.addWidget(self.form_scroll)
        layout.addWidget(self.error)
        # The layer help can be long: it scrolls instead of making the window taller.
        self.info_scroll = QScrollArea()
        self.info_scroll.setWidgetResizable(True)
        self.info_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.info_scroll.setWidget(self.info)
        self.info_scroll.setMinimumHeight(24)
        self.info_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)  # what is left
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.info_scroll, 1)
        self.set_document(document)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.refresh)
            self.document.editing_changed.disconnect(self._on_editing_changed)
        self.document = document
        document.changed.connect(self.refresh)
        document.editing_changed.connect(self._on_editing_changed)
        self.node_id = None
        self._built_for = None
        self.refresh()

    def _on_editing_changed(self) -> None:
        """Another model's canvas: nothing of it is selected yet."""
        self.set_selection([])

    def set_selection(self, node_ids: list[int]) -> None:
        self.node_id = node_ids[0] if len(node_ids) == 1 else None
        self._many = len(node_ids)
        self.error.clear()
        self.refresh()

    # ------------------------------------------------------------------ building

    def refresh(self) -> None:
        graph = self.document.editing
        if self.node_id is not None and self.node_id not in graph.nodes:
            self.node_id = None
        if self.node_id is None:
            key: tuple = ("model", self._many)
        else:
            key = ("node", self.node_id, graph.layer_of(self.node_id).type)
        if key != self._built_for:
            self._build(key)
            self._built_for = key
            QTimer.singleShot(0, self._fit_form)  # once the new rows have their sizes
        self._load_values()

    def _fit_form(self) -> None:
        """The settings take the height they need, up to all of them; with many (an LSTM's twelve) on a small
        screen, at least nine rows show and the rest scroll, the help below taking what is left."""
        height = self.form.sizeHint().height() + 2
        self.form_scroll.setMaximumHeight(height)
        self.form_scroll.setMinimumHeight(min(height, 9 * 28))

    def _clear_form(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets = {}

    def _build(self, key: tuple) -> None:
        self._clear_form()
        if key[0] == "model":
            name = QLineEdit()
            name.editingFinished.connect(lambda: self._rename_model(name.text()))
            self.form.addRow(self.tr("Model name"), name)
            self.widgets["__model__"] = name
            return
        spec = self.document.editing.type_of(self.node_id)
        name = QLineEdit()
        name.editingFinished.connect(lambda: self._rename(name.text()))
        self.form.addRow(self.tr("Name"), name)
        self.widgets["__name__"] = name
        for field in spec.fields:
            if field.kind == "model":
                continue  # a nested model is edited in its own tab, not as a setting
            widget = self._field_widget(field)
            widget.setToolTip(field.help or field.name)
            self.form.addRow(field_label(field.name), widget)
            self.widgets[field.name] = widget
        output = QCheckBox(self.tr("Model output"))
        output.setToolTip(self.tr("Mark this node as one of the model's outputs"))
        output.toggled.connect(self._toggle_output)
        self.form.addRow("", output)
        self.widgets["__output__"] = output

    def _field_widget(self, field: Field) -> QWidget:
        if field.kind in ("int", "axis"):
            spin = QSpinBox()
            low = -layers.MAX_RANK if field.kind == "axis" else int(field.minimum if field.minimum is not None else 0)
            high = layers.MAX_RANK if field.kind == "axis" else int(min(field.maximum or INT_LIMIT, INT_LIMIT))
            spin.setRange(low, high)
            spin.setKeyboardTracking(False)
            spin.setAccelerated(True)
            spin.valueChanged.connect(lambda v, f=field: self._commit(f, v, steps=True))
            return spin
        if field.kind in ("ints", "optional_ints", "padding"):
            editor = IntsEditor(field) if field.kind != "padding" else PaddingEditor(field)
            editor.edited.connect(lambda v, f=field: self._commit(f, v, steps=True))
            return editor
        if field.kind in ("activation", "initializer", "choice"):
            combo = QComboBox()
            if field.kind == "activation":
                names = [n for n in activations.NAMES if n == activations.canonical(n)]
            else:
                names = list(field.choices if field.kind == "choice" else layers.INITIALIZERS)
            combo.addItems(names)
            combo.currentIndexChanged.connect(lambda i, f=field, c=combo: self._commit(f, c.itemText(i)))
            return combo
        if field.kind == "bool":
            box = QCheckBox()
            box.toggled.connect(lambda v, f=field: self._commit(f, v))
            return box
        edit = QLineEdit()
        if field.kind in ("shape", "target_shape"):
            edit.setPlaceholderText(self.tr("e.g. 32, 32, 3"))
        elif field.kind == "optional_int":
            edit.setPlaceholderText(self.tr("none"))
        edit.editingFinished.connect(lambda f=field, e=edit: self._commit_text(f, e.text()))
        return edit

    def _load_values(self) -> None:
        graph = self.document.editing
        if self.node_id is None:
            many = self._many
            analysis = graph.analysis()
            self._set_widget("__model__", graph.name)
            what = self.tr("{0} nodes selected").format(many) if many > 1 else self.tr("Nothing selected")
            self.header.setText(f"<b>{graph.name}</b><br><span>{what}</span>")
            status = self.tr("valid") if analysis.valid else self.tr("{0} problem(s)").format(len(analysis.problems))
            wires = sum(1 for _ in graph.wires())
            self.info.setText(self.tr("{0} nodes, {1} wires — {2}").format(len(graph.nodes), wires, status))
            return
        layer = graph.layer_of(self.node_id)
        spec = layer.spec
        analysis = graph.analysis()
        calls = graph.nodes_of_layer(layer.name)
        self.header.setText(f"<b>{layer.name}</b> &nbsp;<span>{spec.name} · {category_title(spec.category)}</span>")
        self._set_widget("__name__", layer.name)
        for field in spec.fields:
            if field.kind != "model":
                self._set_widget(field.name, layer.config[field.name], field)
        self._set_widget("__output__", self.node_id in analysis.outputs)
        lines = [
            self.tr("Output shape: {0}").format(f"<code>{_output_shapes(analysis, self.node_id)}</code>"),
            # a nested model's node owns no weights: its model's layers do (the help says so)
            layer_help.help_html(
                spec.name, None if layer.inner is not None else analysis.weight_specs.get(layer.name), heading=False
            ),
        ]
        if len(calls) > 1:
            lines.append(self.tr("Shared layer: called at {0} nodes, one set of weights.").format(len(calls)))
        for problem in analysis.node_problems(self.node_id):
            lines.append(f"<span style='color:{theme.PROBLEM.name()}'>⚠ {i18n.core_text(problem)}</span>")
        for warning in analysis.node_warnings(self.node_id):
            lines.append(f"<span style='color:{theme.WARNING.darker(130).name()}'>⚠ {i18n.core_text(warning)}</span>")
        self.info.setText("<br>".join(line for line in lines if line))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self.document is not None:
            self._built_for = None  # rebuild the form: its labels are translated
            self.refresh()
        super().changeEvent(event)

    def _set_widget(self, key: str, value: Any, field: Field | None = None) -> None:
        widget = self.widgets.get(key)
        if widget is None:
            return
        widget.blockSignals(True)
        try:
            if isinstance(widget, IntsEditor):
                layer = self.document.editing.layer_of(self.node_id) if self.node_id is not None else None
                widget.set_value(value, layer.config.get("pool_size") if layer is not None else None)
            elif isinstance(widget, PaddingEditor):
                widget.set_value(value)
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(str(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(format_field(field, value) if field is not None else str(value))
                widget.setCursorPosition(0)
        finally:
            widget.blockSignals(False)

    # ------------------------------------------------------------------ committing

    def _push(self, edit: edits.Edit, mergeable: bool = False, graph: Graph | None = None) -> None:
        self.error.clear()
        refusals: list[str] = []
        self.document.refused.connect(refusals.append)
        try:
            ok = self.document.push(edit, mergeable, graph)
        finally:
            self.document.refused.disconnect(refusals.append)
        if not ok:
            self.error.setText(refusals[0] if refusals else "refused")
            self._load_values()

    def _commit(self, field: Field, value: Any, steps: bool = False) -> None:
        """One SetConfig; ``steps`` (spin boxes) lets quick successive steps merge into one undo step."""
        if self.node_id is None:
            return
        layer = self.document.editing.layer_of(self.node_id)
        if layer.config.get(field.name) == value:
            return
        self._push(edits.SetConfig(layer.name, {field.name: value}), mergeable=steps)

    def _commit_text(self, field: Field, text: str) -> None:
        try:
            value = parse_field_text(field, text)
        except ValueError as exc:
            self.error.setText(str(exc))
            self._load_values()
            return
        self._commit(field, value)

    def _rename(self, text: str) -> None:
        if self.node_id is None:
            return
        old = self.document.editing.nodes[self.node_id].layer
        if text != old:
            self._push(edits.RenameLayer(old, text))

    def _rename_model(self, text: str) -> None:
        model = self.document.editing
        if text == model.name:
            return
        stack = self.document.editing_stack
        if len(stack) > 1:  # a nested model is named by its layer in the model that calls it
            self._push(edits.RenameLayer(model.name, text), graph=stack[-2])
        else:
            self._push(edits.RenameModel(text))

    def _toggle_output(self, on: bool) -> None:
        if self.node_id is not None:
            self._push(commands.toggle_output_edit(self.document.editing, self.node_id, on))


def _output_shapes(analysis: Analysis, node: int) -> str:
    """``(None, 64)``; a node with several outputs (a nested model's) lists them: ``[(None, 2), (None, 5)]``."""
    shapes = [format_shape(s) for s in analysis.out_shapes.get(node, (None,))]
    return shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]"
