"""Export the canvas as a diagram (PNG or SVG), like ``keras.utils.plot_model(model, show_shapes=True)``.

The diagram is the canvas itself — nodes with their settings, wires labelled with
tensor shapes — drawn in light colours on white, without grid or selection. SVG goes
through ``QSvgGenerator`` when QtSvg is installed; otherwise :func:`write_svg_by_hand`
writes the same picture from the items' geometry.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from graph_core.io.files import atomic_write
from gui import i18n, theme
from gui.items import CORNER
from gui.scene import GraphScene

MARGIN = 30.0
FORMATS = ("png", "svg")


def _render(scene: GraphScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    selected = scene.selectedItems()
    scene.clearSelection()
    scene.paper = True
    try:
        with theme.light_colors():
            painter.fillRect(target, QColor("#FFFFFF"))
            scene.render(painter, target, source)
    finally:
        scene.paper = False
        for item in selected:
            item.setSelected(True)


def diagram_rect(scene: GraphScene) -> QRectF:
    rect = scene.nodes_rect()
    if rect.isEmpty():
        rect = QRectF(0, 0, 200, 100)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def export_png(scene: GraphScene, path: str | Path, scale: float = 2.0) -> None:
    source = diagram_rect(scene)
    size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _render(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(i18n.translate("Diagram", "could not encode the diagram as PNG for {0}").format(path))
    buffer.close()
    atomic_write(path, bytes(data.data()))  # a failed write leaves the previous file


def export_svg(scene: GraphScene, path: str | Path) -> None:
    try:
        from PySide6.QtSvg import QSvgGenerator
    except ImportError:  # PySide6-Essentials without QtSvg
        write_svg_by_hand(scene, path)
        return
    source = diagram_rect(scene)
    generator = QSvgGenerator()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(int(source.width()), int(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(scene.graph.name)
    generator.setDescription("Layerwire model diagram")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(i18n.translate("Diagram", "could not write {0}").format(path))
    _render(scene, painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    buffer.close()
    atomic_write(path, bytes(data.data()))


def write_svg_by_hand(scene: GraphScene, path: str | Path) -> None:
    """The diagram as plain SVG text built from the items (no QtSvg needed)."""
    source = diagram_rect(scene)
    dx, dy = -source.left(), -source.top()
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{source.width():.0f}" height="{source.height():.0f}" '
        f'font-family="sans-serif">',
        f"<title>{escape(scene.graph.name)}</title>",
        '<rect width="100%" height="100%" fill="#FFFFFF"/>',
    ]
    for item in scene.wire_items.values():
        path_ = item.path()
        a, b = path_.elementAt(0), path_.elementAt(path_.elementCount() - 1)
        c1, c2 = path_.elementAt(1), path_.elementAt(2)
        out.append(
            f'<path d="M{a.x + dx:.1f},{a.y + dy:.1f} C{c1.x + dx:.1f},{c1.y + dy:.1f} '
            f'{c2.x + dx:.1f},{c2.y + dy:.1f} {b.x + dx:.1f},{b.y + dy:.1f}" fill="none" stroke="#5F6368" '
            f'stroke-width="1.8"/>'
        )
        mid = item.label.sceneBoundingRect().center()
        out.append(
            f'<text x="{mid.x() + dx:.1f}" y="{mid.y() + dy + 4:.1f}" font-size="11" text-anchor="middle" '
            f'fill="#303134">{escape(item.label.text)}</text>'
        )
    for item in scene.node_items.values():
        x, y = item.pos().x() + dx, item.pos().y() + dy
        color = item.color.name()
        stroke = "#E53935" if item.problems else item.color.darker(160).name()
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{item.width:.0f}" height="{item.height:.0f}" rx="{CORNER:.0f}" '
            f'fill="{color}" stroke="{stroke}"/>'
        )
        mid = y + item.height / 2
        out.append(
            f'<text x="{x + 14:.1f}" y="{mid - 4:.1f}" font-size="13" font-weight="bold" fill="#1A1A1A">'
            f"{escape(item.title)}</text>"
        )
        out.append(
            f'<text x="{x + 14:.1f}" y="{mid + 13:.1f}" font-size="12" fill="#1A1A1A">{escape(item.caption)}</text>'
        )
    out.append("</svg>")
    atomic_write(path, ("\n".join(out) + "\n").encode("utf-8"))


def export_diagram(scene: GraphScene, path: str | Path) -> None:
    """PNG or SVG by the file's suffix; raises ``ValueError`` for another suffix, ``OSError`` on failure."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "png":
        export_png(scene, path)
    elif suffix == "svg":
        export_svg(scene, path)
    else:
        raise ValueError(
            i18n.translate("Diagram", "a diagram is saved as .png or .svg; received {0!r}").format(Path(path).name)
        )
