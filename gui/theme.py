"""Colours, fonts, palettes and icons: every look-and-feel decision of the editor in one place.

Node colours and palette glyphs come from each layer type's registry entry (Dense is the
Keras guide's yellow #FFD600), so the canvas and the exported diagram agree. The
application palette follows the system's colour scheme (``QStyleHints.colorScheme``);
canvas colours are read from :func:`canvas_colors` each time the scene paints, so a
switch between light and dark repaints without rebuilding anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from graph_core import layers
from graph_core.resources import RESOURCES

ICON_DIR = RESOURCES / "icons"

NODE_TEXT = QColor("#1A1A1A")
PROBLEM = QColor("#E53935")
#: A warning: the model is valid, but something deserves a look (an Input that leads to no output).
WARNING = QColor("#F9A825")
REFUSED = QColor("#9E9E9E")
ACCEPTED = QColor("#43A047")


def node_color(type_name: str) -> QColor:
    """A layer type's fill colour, from its registry entry (the diagram export uses the same)."""
    spec = layers.REGISTRY.get(type_name) or layers.NESTED.get(type_name)
    return QColor(spec.look.colour if spec is not None else "#E0E0E0")


def shared_color(layer_name: str) -> QColor:
    """A stable, saturated colour per shared layer, so its nodes carry matching markers."""
    h = 0
    for ch in layer_name:
        h = (h * 131 + ord(ch)) % 360
    return QColor.fromHsv(h, 200, 210)


@dataclass(frozen=True)
class CanvasColors:
    background: QColor
    grid: QColor
    wire: QColor
    wire_selected: QColor
    label: QColor
    label_background: QColor
    selection: QColor
    rubber_band: QColor


_override: bool | None = None  # dark (True) or light (False) whatever the system says; None: follow it


def set_dark_override(dark: bool | None) -> None:
    """Force the dark or light scheme (``--dark`` screenshots), or follow the system again (None)."""
    global _override
    _override = dark


@contextmanager
def light_colors() -> Iterator[None]:
    """Draw with the light canvas colours whatever the scheme (diagram export)."""
    global _override
    old, _override = _override, False
    try:
        yield
    finally:
        _override = old


def is_dark() -> bool:
    if _override is not None:
        return _override
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def canvas_colors() -> CanvasColors:
    if is_dark():
        return CanvasColors(
            background=QColor("#202124"),
            grid=QColor("#2C2D31"),
            wire=QColor("#B0B6C0"),
            wire_selected=QColor("#4FC3F7"),
            label=QColor("#E8EAED"),
            label_background=QColor(32, 33, 36, 220),
            selection=QColor("#4FC3F7"),
            rubber_band=QColor(79, 195, 247, 60),
        )
    return CanvasColors(
        background=QColor("#F7F7F5"),
        grid=QColor("#E6E6E2"),
        wire=QColor("#5F6368"),
        wire_selected=QColor("#1E88E5"),
        label=QColor("#303134"),
        label_background=QColor(247, 247, 245, 230),
        selection=QColor("#1E88E5"),
        rubber_band=QColor(30, 136, 229, 50),
    )


def make_palette(dark: bool) -> QPalette:
    """Fusion palettes for light and dark schemes."""
    p = QPalette()
    if dark:
        base, window, text = QColor("#1E1F22"), QColor("#2B2D30"), QColor("#DFE1E5")
        p.setColor(QPalette.ColorRole.Window, window)
        p.setColor(QPalette.ColorRole.WindowText, text)
        p.setColor(QPalette.ColorRole.Base, base)
        p.setColor(QPalette.ColorRole.AlternateBase, QColor("#26282B"))
        p.setColor(QPalette.ColorRole.Text, text)
        p.setColor(QPalette.ColorRole.Button, QColor("#3A3C40"))
        p.setColor(QPalette.ColorRole.ButtonText, text)
        p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#3A3C40"))
        p.setColor(QPalette.ColorRole.ToolTipText, text)
        p.setColor(QPalette.ColorRole.Highlight, QColor("#2F65CA"))
        p.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
        p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8C8F94"))
        p.setColor(QPalette.ColorRole.Link, QColor("#6FA8FF"))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
            p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6F7378"))
    else:
        base, window, text = QColor("#FFFFFF"), QColor("#F0F0EE"), QColor("#1F1F1F")
        p.setColor(QPalette.ColorRole.Window, window)
        p.setColor(QPalette.ColorRole.WindowText, text)
        p.setColor(QPalette.ColorRole.Base, base)
        p.setColor(QPalette.ColorRole.AlternateBase, QColor("#F5F5F3"))
        p.setColor(QPalette.ColorRole.Text, text)
        p.setColor(QPalette.ColorRole.Button, QColor("#E8E8E6"))
        p.setColor(QPalette.ColorRole.ButtonText, text)
        p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#FFFFE8"))
        p.setColor(QPalette.ColorRole.ToolTipText, text)
        p.setColor(QPalette.ColorRole.Highlight, QColor("#2F65CA"))
        p.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
        p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8A8A8A"))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
            p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#A0A0A0"))
    return p


def apply_palette(app: QGuiApplication) -> None:
    """Set the palette matching the system colour scheme (called again when it changes)."""
    app.setPalette(make_palette(is_dark()))


def monospace_font(point_size: int = 10) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(point_size)
    return font


@lru_cache(maxsize=64)
def _layer_pixmap(type_name: str, size: int, ratio: float) -> QPixmap:
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = node_color(type_name)
    painter.setPen(color.darker(150))
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), size * 0.22, size * 0.22)
    spec = layers.REGISTRY.get(type_name) or layers.NESTED.get(type_name)
    glyph = spec.look.glyph if spec is not None else type_name[:2]
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.62 if len(glyph) == 1 else 0.44)))
    painter.setFont(font)
    painter.setPen(NODE_TEXT)
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return pm


def layer_icon(type_name: str) -> QIcon:
    """A rounded square in the layer's colour with a short glyph, drawn for 1x and 2x screens."""
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(_layer_pixmap(type_name, size, 1.0))
        icon.addPixmap(_layer_pixmap(type_name, size, 2.0))
    return icon


def app_icon() -> QIcon:
    path = ICON_DIR / "layerwire.svg"
    return QIcon(str(path)) if path.exists() else layer_icon("Dense")
