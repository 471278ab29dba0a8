"""The layer palette: layer types grouped by category, with icons and a search box.

Dragging an entry carries the type name under :data:`LAYER_MIME`; the canvas accepts
that on drop. Double-click (or Enter) asks for the layer to be added at the centre
of the canvas, through :attr:`Palette.activated`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from graph_core import layers
from gui import i18n, layer_help, theme

LAYER_MIME = "application/x-layerwire-layer-type"
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


def layer_mime(type_name: str) -> QMimeData:
    """The drag payload for one layer type (also what tests drop on the canvas)."""
    mime = QMimeData()
    mime.setData(LAYER_MIME, type_name.encode("utf-8"))
    mime.setText(type_name)
    return mime


def type_from_mime(mime: QMimeData) -> str | None:
    if not mime.hasFormat(LAYER_MIME):
        return None
    name = bytes(mime.data(LAYER_MIME).data()).decode("utf-8", "replace")
    return name if name in layers.REGISTRY else None


def matches(type_name: str, text: str) -> bool:
    """Case-insensitive match of ``text`` against a type's name, category and help."""
    text = text.strip().lower()
    if not text:
        return True
    spec = layers.get(type_name)
    words = (spec.name, spec.category, spec.base_name, layer_help.help_text(type_name),
             layer_help.help_text(type_name, "en"), category_title(spec.category))  # fmt: skip
    return any(text in s.lower() for s in words)


def category_title(category: str) -> str:
    """A palette group's title in the language in force."""
    titles = {
        "Inputs": i18n.translate("Palette", "Inputs"),
        "Core": i18n.translate("Palette", "Core"),
        "Convolution": i18n.translate("Palette", "Convolution"),
        "Pooling": i18n.translate("Palette", "Pooling"),
        "Recurrent": i18n.translate("Palette", "Recurrent"),
        "Reshaping": i18n.translate("Palette", "Reshaping"),
        "Merging": i18n.translate("Palette", "Merging"),
        "Normalization": i18n.translate("Palette", "Normalization"),
        "Regularization": i18n.translate("Palette", "Regularization"),
        "Models": i18n.translate("Palette", "Models"),
    }
    return titles.get(category, category)


class _Tree(QTreeWidget):
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [LAYER_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt override
        names = [i.data(0, TYPE_ROLE) for i in items if i.data(0, TYPE_ROLE)]
        return layer_mime(names[0]) if names else QMimeData()


class Palette(QWidget):
    """Search box above a tree of categories and layer types."""

    activated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.tree = _Tree()
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.groups: dict[str, QTreeWidgetItem] = {}
        for category in layers.CATEGORIES:
            group = QTreeWidgetItem([category])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            self.groups[category] = group
        for name, spec in layers.REGISTRY.items():
            item = QTreeWidgetItem([name])
            item.setIcon(0, theme.layer_icon(name))
            item.setData(0, TYPE_ROLE, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
            self.groups.get(spec.category, self.groups[layers.CATEGORIES[0]]).addChild(item)
            self.items[name] = item
        self.tree.expandAll()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._activate_first)
        self.tree.itemActivated.connect(self._on_activated)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the language in force: search hint, group titles, layer help tooltips."""
        self.search.setPlaceholderText(self.tr("Search layers…"))
        for category, group in self.groups.items():
            group.setText(0, category_title(category))
        for name, item in self.items.items():
            item.setToolTip(0, layer_help.help_html(name))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def filter(self, text: str) -> None:
        for group in self.groups.values():
            shown = 0
            for i in range(group.childCount()):
                child = group.child(i)
                ok = matches(child.data(0, TYPE_ROLE), text)
                child.setHidden(not ok)
                shown += ok
            group.setHidden(shown == 0)

    def visible_types(self) -> list[str]:
        return [name for name, item in self.items.items() if not item.isHidden() and not item.parent().isHidden()]

    def _activate_first(self) -> None:
        shown = self.visible_types()
        if shown:
            self.activated.emit(shown[0])

    def _on_activated(self, item: QTreeWidgetItem, column: int) -> None:
        name = item.data(0, TYPE_ROLE)
        if name:
            self.activated.emit(name)
