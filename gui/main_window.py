"""The editor's main window: canvas in the centre, palette, inspector, summary and code as docks.

The window wires the parts together and owns the actions (menus, toolbar, shortcuts);
what an action does to the graph is a core edit pushed on the document. File handling
(open, save, import, export, recent files, examples) lives in :mod:`gui.files_menu`.
Docks are named so their layout is saved in QSettings; a training dock can be added
later beside them.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from graph_core import edits
from gui import clipboard, commands, i18n, shortcuts, theme
from gui.autosave import Autosaver
from gui.breadcrumb import Breadcrumb
from gui.document import Document
from gui.files_menu import FilesMenu
from gui.inspector import Inspector
from gui.items import NodeItem, WireItem
from gui.models_panel import ModelsPanel
from gui.palette import Palette
from gui.panels import code_panel, summary_panel
from gui.scene import GraphScene
from gui.step_names import step_name
from gui.teaching import Teaching
from gui.training.panel import TrainingPanel
from gui.view import GraphView

PASTE_STEP = 30.0


class MainWindow(QMainWindow):
    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowIcon(theme.app_icon())
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.document = document if document is not None else Document()
        self.undo_group = QUndoGroup(self)
        self.scene = GraphScene(self.document, self)
        self.view = GraphView(self.scene)
        self.breadcrumb = Breadcrumb(self.document)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.breadcrumb)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.palette = Palette()
        self.inspector = Inspector(self.document)
        self.summary = summary_panel(self.document)
        self.code = code_panel(self.document)
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("palette", self.tr("Layers"), self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("inspector", self.tr("Properties"), self.inspector, Qt.DockWidgetArea.RightDockWidgetArea)
        self.models = ModelsPanel(self.document, lambda: self.scene.selected_node_ids())
        self._add_dock("summary", self.tr("Summary"), self.summary, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_dock("code", self.tr("Keras code"), self.code, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_dock("models", self.tr("Models"), self.models, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.training = TrainingPanel(self.document, self.scene)
        self._add_dock("training", self.tr("Training"), self.training, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["summary"], self.docks["code"])
        self.tabifyDockWidget(self.docks["code"], self.docks["training"])
        self.tabifyDockWidget(self.docks["training"], self.docks["models"])
        self.docks["training"].visibilityChanged.connect(self.training.when_seen)
        self.docks["summary"].raise_()
        self.teaching = Teaching(self)  # lessons and step-through docks, gallery, language, presentation
        self.validity = QLabel()
        self.params = QLabel()
        self.statusBar().addPermanentWidget(self.validity)
        self.statusBar().addPermanentWidget(self.params)
        for widget in self.training.status_widgets():
            self.statusBar().addPermanentWidget(widget)
        self.files = FilesMenu(self)
        self.autosaver = Autosaver(self)  # follows the document shown; see gui.autosave
        self._paste_count = 0
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self.scene.selectionChanged.connect(self._on_selection)
        self.view.hint.connect(self._show_hint)
        self.palette.activated.connect(lambda name: self.view.add_layer(name, self.view.visible_center()))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._bind(self.document)
        self.resize(1400, 880)
        self.restore_layout()

    # ------------------------------------------------------------------ document

    def set_document(self, document: Document) -> None:
        """Show another document in this window (the old one is dropped)."""
        old = self.document
        self.document = document
        self.scene.set_document(document)
        self.breadcrumb.set_document(document)
        self.models.set_document(document)
        self.inspector.set_document(document)
        self.summary.set_document(document)
        self.code.set_document(document)
        self.training.set_document(document)
        self.teaching.set_document(document)
        self.undo_group.removeStack(old.undo_stack)
        old.close()
        old.deleteLater()
        self._bind(document)
        self.view.fit_to_view(readable=True)

    def _bind(self, document: Document) -> None:
        self.autosaver.watch(document)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.undo_stack.cleanChanged.connect(self._update_title)
        document.path_changed.connect(self._update_title)
        document.dirty_changed.connect(self._update_title)
        document.changed.connect(self._update_status)
        document.changed.connect(self._update_title)  # the title follows the model's name
        document.refused.connect(self._show_refusal)
        document.active_model_changed.connect(self._select_active_model)
        self._update_title()
        self._update_status()
        self._on_selection()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.title()}[*] — Layerwire")
        self.setWindowModified(self.document.dirty)

    def _update_status(self) -> None:
        from graph_core.model import param_counts, used_layers

        graph = self.document.graph
        analysis = graph.analysis()
        self.view.show_empty_hint(not graph.nodes)
        if not graph.nodes:  # nothing to be wrong yet: the canvas says how to begin
            empty = self.tr("empty model")
            self.validity.setText(f"<span style='color:{'#9E9E9E' if theme.is_dark() else '#757575'}'>{empty}</span>")
            self.validity.setToolTip(self.tr("Add an InputLayer to begin"))
            self.params.setText(self.tr("Total params: {0}").format(0))
            return
        if analysis.valid:
            valid = self.tr("✔ valid model")
            text = f"<span style='color:{'#81C784' if theme.is_dark() else '#2E7D32'}'>{valid}</span>"
            tip = self.tr("The graph is a valid Keras model")
            if analysis.warnings:
                n = len(analysis.warnings)
                warned = self.tr("⚠ {0} warnings").format(n) if n != 1 else self.tr("⚠ 1 warning")
                text += f" &nbsp;<span style='color:{theme.WARNING.darker(130).name()}'>{warned}</span>"
                tip += "\n" + "\n".join(i18n.core_text(p.message) for p in analysis.warnings)
            self.validity.setText(text)
            self.validity.setToolTip(tip)
            counts = param_counts(graph, used_layers(graph))
        else:
            n = len(analysis.problems)
            red = "#EF9A9A" if theme.is_dark() else "#C62828"
            problems = self.tr("✖ {0} problems") if n != 1 else self.tr("✖ 1 problem")
            self.validity.setText(f"<span style='color:{red}'>{problems.format(n)}</span>")
            self.validity.setToolTip("\n".join(i18n.core_text(p.message) for p in analysis.problems))
            # Layers after a problem have no weights yet: a partial count would mislead.
            self.params.setText(self.tr("Total params: {0}").format("—"))
            self.params.setToolTip(self.tr("Counted once the model is valid"))
            return
        self.params.setText(self.tr("Total params: {0}").format(f"{counts.total:,}"))
        self.params.setToolTip("")

    def _show_refusal(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("Refused: {0}").format(reason), 8000)

    def _show_hint(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    # ------------------------------------------------------------------ docks and layout

    def _add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        i18n.bind(dock, "setWindowTitle", title)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        snap = settings.value("view/snap_to_grid", False)
        self.act_snap.setChecked(snap in (True, "true"))
        if not isinstance(state, QByteArray):
            self.resizeDocks([self.docks["palette"], self.docks["inspector"]], [210, 300], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["summary"]], [340], Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("view/snap_to_grid", self.act_snap.isChecked())

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(self)
        i18n.bind(action, "setText", text)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            i18n.bind(action, "setStatusTip", tip)
            i18n.bind(action, "setToolTip", tip)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> i18n.Text:  # type: ignore[override]
        """Translated text that remembers its source, so bound texts follow a language switch."""
        return i18n.translate("MainWindow", source)

    def _menu(self, parent: QMenu, title: str) -> QMenu:
        menu = parent.addMenu("")
        i18n.bind(menu, "setTitle", title)
        return menu

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey  # noqa: N806 - Qt's name
        # Not QUndoGroup.createUndoAction: its "Undo" prefix is fixed when made, and the language can change.
        self.act_undo, self.act_redo = QAction(self), QAction(self)
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        redo_keys = QKeySequence.keyBindings(K.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:  # as on Windows and in most editors, beside Ctrl+Shift+Z
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.act_redo.setShortcuts(redo_keys)
        self.act_undo.triggered.connect(self.undo_group.undo)
        self.act_redo.triggered.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo_group.canRedoChanged.connect(self.act_redo.setEnabled)
        self.undo_group.undoTextChanged.connect(self._update_undo_texts)
        self.undo_group.redoTextChanged.connect(self._update_undo_texts)
        self.act_cut = self._action(self.tr("Cu&t"), self.cut, K.Cut, self.tr("Cut the selected nodes"))
        self.act_copy = self._action(self.tr("&Copy"), self.copy, K.Copy, self.tr("Copy the selected nodes"))
        self.act_paste = self._action(self.tr("&Paste"), self.paste, K.Paste, self.tr("Paste nodes from the clipboard"))
        self.act_duplicate = self._action(
            self.tr("D&uplicate"), self.duplicate, "Ctrl+D", self.tr("Duplicate the selected nodes")
        )
        self.act_delete = self._action(
            self.tr("&Delete"),
            self.delete_selection,
            [K.Delete, "Backspace"],
            self.tr("Delete the selected nodes and wires"),
        )
        self.act_select_all = self._action(self.tr("Select &All"), self.select_all, K.SelectAll)
        self.act_call_again = self._action(
            self.tr("Call &Again"),
            self.call_again,
            "Ctrl+Shift+D",
            self.tr("A new node calling the same layer (shared weights)"),
        )
        self.act_group = self._action(
            self.tr("&Group into Model"),
            self.group_selection,
            "Ctrl+G",
            self.tr("Put the selected layers into a model of their own, called where they were"),
        )
        self.act_dissolve = self._action(
            self.tr("Dissol&ve Model"),
            self.dissolve_selection,
            "Ctrl+Shift+G",
            self.tr("Put the layers of the selected nested model back in its place"),
        )
        self.act_add = self._action(
            self.tr("Add &Layer…"), lambda: self.view.open_search(), None, self.tr("Search a layer to add (Tab)")
        )
        self.act_zoom_in = self._action(self.tr("Zoom &In"), lambda: self.view.zoom_by(1.25), K.ZoomIn)
        self.act_zoom_out = self._action(self.tr("Zoom &Out"), lambda: self.view.zoom_by(0.8), K.ZoomOut)
        self.act_zoom_reset = self._action(self.tr("&Actual Size"), self.view.reset_zoom, "Ctrl+0")
        self.act_fit = self._action(
            self.tr("&Fit to View"), self.view.fit_to_view, "Ctrl+Shift+F", self.tr("Show the whole graph")
        )
        self.act_snap = self._action(self.tr("&Snap to Grid"), self._set_snap, "Ctrl+'", checkable=True)
        self.act_layout_right = self._action(
            self.tr("Auto-layout &Left to Right"),
            lambda: self.auto_layout("right"),
            "Ctrl+L",
            self.tr("Arrange the nodes in layers"),
        )
        self.act_layout_down = self._action(
            self.tr("Auto-layout &Top to Bottom"), lambda: self.auto_layout("down"), "Ctrl+Shift+L"
        )
        self.act_new_window = self._action(self.tr("New &Window"), self.new_window, "Ctrl+Shift+N")
        self.act_close = self._action(self.tr("&Close Window"), self.close, K.Close)
        self.act_about = self._action(self.tr("&About Layerwire"), self.about)
        self.act_shortcuts = self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts)
        self.files.make_actions()
        self.teaching.make_actions()

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self._menu(bar, self.tr("&File"))
        self.files.fill_menu(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_new_window)
        file_menu.addAction(self.act_close)
        file_menu.addAction(self.files.act_quit)
        edit = self._menu(bar, self.tr("&Edit"))
        for a in (self.act_undo, self.act_redo, None, self.act_cut, self.act_copy, self.act_paste,
                  self.act_duplicate, self.act_delete, None, self.act_select_all, None, self.act_add,
                  self.act_call_again, None, self.act_group, self.act_dissolve):  # fmt: skip
            edit.addSeparator() if a is None else edit.addAction(a)
        view = self._menu(bar, self.tr("&View"))
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_fit, None, self.act_snap,
                  None, self.act_layout_right, self.act_layout_down, None):  # fmt: skip
            view.addSeparator() if a is None else view.addAction(a)
        self.teaching.fill_view_menu(view)
        panels = self._menu(view, self.tr("&Panels"))
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())
        help_menu = self._menu(bar, self.tr("&Help"))
        self.teaching.fill_help_menu(help_menu)
        help_menu.addAction(self.act_shortcuts)
        help_menu.addAction(self.act_about)

    def _make_toolbar(self) -> None:
        tools = QToolBar("Main", self)
        tools.setObjectName("toolbar_main")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The menu's Undo/Redo carry the step's name; the toolbar keeps short, steady labels.
        undo, redo = QAction(tools), QAction(tools)
        i18n.bind(undo, "setText", self.tr("Undo"))
        i18n.bind(redo, "setText", self.tr("Redo"))
        undo.triggered.connect(self.undo_group.undo)
        redo.triggered.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(undo.setEnabled)
        self.undo_group.canRedoChanged.connect(redo.setEnabled)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.tool_undo, self.tool_redo = undo, redo
        self._update_undo_texts()
        for a in (self.files.act_new, self.files.act_open, self.files.act_save, None, undo, redo,
                  None, self.act_delete, self.act_duplicate, self.act_call_again, None, self.act_layout_right,
                  self.act_fit, self.act_snap):  # fmt: skip
            tools.addSeparator() if a is None else tools.addAction(a)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tools)
        self.toolbar = tools
        self._update_toolbar_tips()

    def _update_toolbar_tips(self) -> None:
        """Each toolbar button's tooltip names its keys: "Save (Ctrl+S)"."""
        for action in self.toolbar.actions():
            if action in (self.tool_undo, self.tool_redo) or action.isSeparator():
                continue  # those two name the step (see _update_undo_texts)
            action.setToolTip(shortcuts.with_keys(action.text(), action))

    def _select_active_model(self) -> None:
        """Show which nodes the model chosen in the Models panel is made of."""
        document = self.document
        if document.editing is document.graph:
            self.scene.select_nodes(sorted(document.active_graph().nodes))

    def _on_selection(self) -> None:
        nodes = self.scene.selected_node_ids()
        wires = self.scene.selected_wires()
        self.inspector.set_selection(nodes)
        self.training.set_map_node(nodes[0] if len(nodes) == 1 else None)
        for a in (self.act_cut, self.act_copy, self.act_duplicate):
            a.setEnabled(bool(nodes))
        self.act_delete.setEnabled(bool(nodes or wires))
        graph = self.document.editing
        self.act_call_again.setEnabled(any(graph.type_of(n).shareable for n in nodes))
        self.act_group.setEnabled(bool(nodes))
        self.act_dissolve.setEnabled(len(nodes) == 1 and graph.layer_of(nodes[0]).inner is not None)

    # ------------------------------------------------------------------ editing commands

    def _set_snap(self, on: bool) -> None:
        self.view.snap_to_grid = on

    def delete_selection(self) -> None:
        self.document.push(
            commands.delete_edit(self.document.editing, self.scene.selected_node_ids(), self.scene.selected_wires())
        )

    def select_all(self) -> None:
        for item in self.scene.node_items.values():
            item.setSelected(True)

    def copy(self) -> None:
        nodes = self.scene.selected_node_ids()
        if nodes:
            QGuiApplication.clipboard().setMimeData(clipboard.to_mime(self.document.editing, nodes))
            self._paste_count = 0

    def cut(self) -> None:
        nodes = self.scene.selected_node_ids()
        if nodes:
            self.copy()
            self._paste_count = -1  # paste the cut nodes back where they were
            edit = commands.delete_edit(self.document.editing, nodes)
            if edit is not None:
                self.document.push(edits.Compound([edit], name=f"Cut {len(nodes)} node{'s' if len(nodes) > 1 else ''}"))

    def paste(self) -> None:
        payload = clipboard.payload_from_mime(QGuiApplication.clipboard().mimeData())
        if payload is None:
            self.statusBar().showMessage(self.tr("The clipboard holds no Layerwire nodes"), 5000)
            return
        self._paste_count += 1
        self._paste(payload, self._paste_offset(payload), "Paste")

    def _paste_offset(self, payload: dict) -> tuple[float, float]:
        points = [QPointF(*n["pos"]) for n in payload.get("nodes", []) if isinstance(n, dict) and "pos" in n]
        step = PASTE_STEP * self._paste_count
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        if not points or any(visible.contains(p) for p in points):
            return (step, step)
        x0, y0 = min(p.x() for p in points), min(p.y() for p in points)
        center = self.view.visible_center()
        return (center.x() - x0 - 100 + step, center.y() - y0 - 30 + step)

    def _paste(self, payload: dict, offset: tuple[float, float], name: str) -> None:
        from graph_core.errors import LayerwireError

        try:
            edit, new_ids = clipboard.paste_edit(self.document.editing, payload, offset, name)
        except LayerwireError as exc:
            self._show_refusal(i18n.core_text(exc))
            return
        if self.document.push(edit):
            self.scene.select_nodes(new_ids)

    def duplicate(self) -> None:
        nodes = self.scene.selected_node_ids()
        if nodes:
            self._paste(clipboard.selection_payload(self.document.editing, nodes), (40.0, 40.0), "Duplicate")

    def call_again(self) -> None:
        graph = self.document.editing
        steps, new_ids = [], []
        next_id = graph.next_id
        for n in self.scene.selected_node_ids():
            if not graph.type_of(n).shareable:
                continue
            item = self.scene.node_items[n]
            x, y = graph.nodes[n].pos
            steps.append(edits.CallLayer(graph.nodes[n].layer, (x, y + item.height + 50), node_id=next_id))
            new_ids.append(next_id)
            next_id += 1
        if not steps:
            return
        name = f"Call {steps[0].layer} again" if len(steps) == 1 else f"Call {len(steps)} layers again"
        if self.document.push(edits.Compound(steps, name=name)):
            self.scene.select_nodes(new_ids)

    def group_selection(self) -> None:
        """Ctrl+G: the selected layers become a model of their own, called where they were."""
        from graph_core.errors import LayerwireError
        from graph_core.grouping import group_edit

        graph = self.document.editing
        try:
            edit = group_edit(graph, self.scene.selected_node_ids())
        except LayerwireError as exc:
            self._show_refusal(i18n.core_text(exc))
            return
        if self.document.push(edit):
            self.scene.select_nodes([e.node_id for e in edit.edits if isinstance(e, edits.AddNode)])

    def dissolve_selection(self) -> None:
        """Ctrl+Shift+G: the selected nested model's layers come back in its place."""
        from graph_core.errors import LayerwireError
        from graph_core.grouping import dissolve_edit

        nodes = self.scene.selected_node_ids()
        if len(nodes) != 1:
            return
        graph = self.document.editing
        before = set(graph.nodes)
        try:
            edit = dissolve_edit(graph, nodes[0])
        except LayerwireError as exc:
            self._show_refusal(i18n.core_text(exc))
            return
        if self.document.push(edit):
            self.scene.select_nodes(sorted(set(graph.nodes) - before))

    def auto_layout(self, direction: str) -> None:
        if self.document.editing.nodes:
            self.document.push(commands.layout_edit(self.document.editing, direction))
            self.view.fit_to_view()

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.build_context_menu(self.view.mapToScene(pos))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def build_context_menu(self, scene_pos: QPointF) -> QMenu:
        menu = QMenu(self)
        item = self.scene.node_at(scene_pos) or self.scene.wire_at(scene_pos)
        if isinstance(item, NodeItem):
            if not item.isSelected():
                self.scene.select_nodes([item.node_id])
            for a in (self.act_call_again, self.act_duplicate, self.act_copy, self.act_cut, self.act_delete):
                menu.addAction(a)
            output = menu.addAction(self.tr("Model Output"))
            output.setCheckable(True)
            node = item.node_id
            output.setChecked(node in self.document.editing.analysis().outputs)
            output.toggled.connect(
                lambda on: self.document.push(commands.toggle_output_edit(self.document.editing, node, on))
            )
            layer = self.document.editing.layer_of(node)
            if layer.inner is not None:
                menu.addAction(self.tr("Open Model"), lambda: self.document.open_nested(node))
            if layer.type == "Dense" and self.document.editing is self.document.graph:
                menu.addAction(self.tr("Show Weights"), lambda: self.training.show_weights(layer.name))
        elif isinstance(item, WireItem):
            self.scene.clearSelection()
            item.setSelected(True)
            wire = item.wire
            menu.addAction(self.tr("Disconnect"), lambda: self.document.push(edits.Disconnect(wire.dst, wire.port)))
        else:
            add = menu.addAction(self.tr("Add Layer…"))
            add.triggered.connect(lambda: self.view.open_search(self.view.mapFromScene(scene_pos)))
            for a in (self.act_paste, None, self.act_layout_right, self.act_layout_down, self.act_fit):
                menu.addSeparator() if a is None else menu.addAction(a)
        return menu

    # ------------------------------------------------------------------ windows

    def new_window(self) -> MainWindow:
        from gui.app import keep_window

        window = MainWindow()
        keep_window(window)
        window.show()
        return window

    def show_shortcuts(self) -> None:
        shortcuts.ShortcutsDialog(self.menuBar(), self).exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Layerwire"),
            self.tr("<b>Layerwire</b><br>Build neural networks by wiring layers, as the Keras Functional API does."),
        )

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved changes (tests replace this)."""
        return QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to {0} before closing it?").format(self.document.title()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.files.maybe_save():
            event.ignore()
            return
        self.autosaver.stop()  # a clean close leaves nothing to recover
        self.save_layout()
        self.training.shutdown()
        event.accept()

    def retranslate(self) -> None:
        """Texts that are not bound to a translation (after a language switch): title, status bar,
        problem badges, and the undo steps with the Undo/Redo entries that name them."""
        self._update_title()
        self._update_status()
        self._update_toolbar_tips()
        self.scene.refresh()
        self.scene.update()  # the output marks are painted in words
        for stack in self.undo_group.stacks():
            for i in range(stack.count()):
                command = stack.command(i)
                if isinstance(command, commands.EditCommand):
                    command.setText(step_name(command.edit.text))
        self._update_undo_texts()

    def _update_undo_texts(self) -> None:
        """Edit → Undo/Redo name the step ("Undo Add Dense"); the toolbar's buttons say it in their tooltips."""
        group = self.undo_group
        undo, redo = group.undoText(), group.redoText()
        self.act_undo.setText(self.tr("&Undo {0}").format(undo) if undo else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo {0}").format(redo) if redo else self.tr("&Redo"))
        self.act_undo.setEnabled(group.canUndo())
        self.act_redo.setEnabled(group.canRedo())
        self.tool_undo.setToolTip(
            shortcuts.with_keys(
                self.tr("Undo {0}").format(undo) if undo else self.tr("Undo the last step"), self.act_undo
            )
        )
        self.tool_redo.setToolTip(
            shortcuts.with_keys(
                self.tr("Redo {0}").format(redo) if redo else self.tr("Redo the step undone last"), self.act_redo
            )
        )

    def refresh_theme(self) -> None:
        """Repaint with the colours of the current scheme."""
        self.view.resetCachedContent()
        self.scene.update()
        self._update_status()
