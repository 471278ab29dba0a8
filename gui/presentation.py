"""Presentation mode: larger fonts, thicker wires and bigger ports for a projector (View -> Presentation Mode).

One toggle (F5, or Ctrl+Shift+P) scales the canvas items (:func:`gui.items.set_scale`)
and the application font, hides the docks under the canvas (summary, code, training) so
the graph gets the room, rebuilds the canvas so every item takes the new sizes, and fits
the graph to the view. Turning it off restores the fonts and the docks that were shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gui import items
from gui.view import READABLE_ZOOM

SCALE = 1.6
FONT_SCALE = 1.4
SHORTCUTS = ("F5", "Ctrl+Shift+P")

_normal_font: QFont | None = None
_on = False
_hidden_docks: list = []


def is_on() -> bool:
    return _on


def set_presentation(window, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Switch presentation mode for the application and refresh ``window`` (a MainWindow)."""
    global _normal_font, _on
    app = QApplication.instance()
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    if on and not _on:
        _hidden_docks[:] = [d for d in window.docks.values() if d.isVisible() and window.dockWidgetArea(d) == bottom]
        for dock in _hidden_docks:
            dock.hide()
        _normal_font = QFont(app.font())
        big = QFont(_normal_font)
        size = _normal_font.pointSizeF() if _normal_font.pointSizeF() > 0 else 10.0
        big.setPointSizeF(size * FONT_SCALE)
        app.setFont(big)
    elif not on and _on and _normal_font is not None:
        app.setFont(_normal_font)
        for dock in _hidden_docks:
            dock.show()
        _hidden_docks.clear()
    _on = on
    items.set_scale(SCALE if on else 1.0)
    selected = window.scene.selected_node_ids()
    window.scene.set_document(window.document)  # new items, drawn at the new sizes
    window.scene.select_nodes(selected)
    # At least full size when presenting: the nodes' texts as large as the menus' (a big graph shows its start).
    window.view.fit_to_view(readable=True, least=1.0 if on else READABLE_ZOOM)
