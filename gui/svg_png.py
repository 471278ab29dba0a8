"""Rasterize SVG text to a PNG with QtSvg, in the editor or from the command line.

``main.py export --format png`` runs without a window: an offscreen QGuiApplication is
made when none exists, so no display is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from graph_core.io.files import atomic_write

_app: QGuiApplication | None = None


def _ensure_app() -> None:
    """A (widgets) application for rasterizing; a full QApplication, so the editor can share it."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication(["layerwire"])


def svg_to_png_bytes(svg: str, scale: float = 2.0) -> bytes:
    _ensure_app()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError("the diagram's SVG could not be read")
    size = renderer.defaultSize()
    image = QImage(QSize(int(size.width() * scale), int(size.height() * scale)), QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    buffer = QByteArray()
    from PySide6.QtCore import QBuffer, QIODevice

    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(device, "PNG")
    device.close()
    return bytes(buffer.data())


def save_png(svg: str, path: str | os.PathLike[str], scale: float = 2.0) -> None:
    atomic_write(Path(path), svg_to_png_bytes(svg, scale))
