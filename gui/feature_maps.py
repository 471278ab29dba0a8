"""Feature maps and filters as image tiles: what a convolution sees and what it looks for.

:class:`TileGrid` draws arrays the engine computed (it runs nothing):

* ``show_maps(values)``: a node's output for one sample. An image ``(rows, columns,
  channels)`` becomes one tile per channel; a sequence ``(steps, channels)`` one strip per
  channel; anything else one tile of its values. Maps that are never negative (after a
  relu, a pooling) are drawn dark to bright, signed ones blue (positive) and red
  (negative), each tile scaled to its own largest value.
* ``show_filters(kernel)``: a convolution's kernel ``(kh, kw, in, out)`` (or a 1-D one,
  ``(k, in, out)``), one tile per filter: in colour when the filter reads the three
  channels of a colour image, else its taps summed over the input channels.

At most :data:`MAX_TILES` tiles are drawn; the caption says how many there are.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui import i18n, theme

MAX_TILES = 64
POSITIVE = np.array([30, 136, 229], np.float64)  # as the step-through's bars
NEGATIVE = np.array([229, 57, 53], np.float64)


def _sequential(values: np.ndarray) -> np.ndarray:
    """Values in [0, 1] as RGB: dark blue through teal to yellow (legible in light and dark themes)."""
    stops = np.array([[13, 8, 60], [33, 104, 140], [53, 183, 121], [253, 231, 37]], np.float64)
    position = np.clip(values, 0.0, 1.0) * (len(stops) - 1)
    low = np.minimum(position.astype(int), len(stops) - 2)
    t = (position - low)[..., None]
    return stops[low] * (1 - t) + stops[low + 1] * t


def tile_rgb(values: np.ndarray, signed: bool | None = None) -> np.ndarray:
    """A 2-D array as an ``(h, w, 3)`` uint8 image, scaled to its own largest magnitude."""
    values = np.asarray(values, np.float64)
    if signed is None:
        signed = bool(values.min(initial=0.0) < 0)
    top = float(np.max(np.abs(values))) or 1.0
    if not signed:
        rgb = _sequential(values / top)
    else:
        scaled = (values / top)[..., None]
        background = np.full(3, 245.0)
        rgb = np.where(scaled >= 0, background + (POSITIVE - background) * scaled,
                       background + (NEGATIVE - background) * -scaled)  # fmt: skip
    return np.ascontiguousarray(np.clip(rgb, 0, 255).astype(np.uint8))


def colour_rgb(values: np.ndarray) -> np.ndarray:
    """An ``(h, w, 3)`` array of any range as a colour image, stretched to 0..255 as a whole."""
    values = np.asarray(values, np.float64)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) / (high - low) if high > low else np.zeros_like(values)
    return np.ascontiguousarray((scaled * 255).astype(np.uint8))


def to_qimage(rgb: np.ndarray) -> QImage:
    h, w, _ = rgb.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def map_tiles(values: np.ndarray) -> list[np.ndarray]:
    """One ``(h, w, 3)`` image per channel of a node's output for one sample."""
    values = np.asarray(values, np.float32)
    signed = bool(values.min(initial=0.0) < 0)
    if values.ndim == 3:
        return [tile_rgb(values[:, :, c], signed) for c in range(values.shape[2])]
    if values.ndim == 2:  # a sequence: each channel a strip along the steps
        return [tile_rgb(values[:, c][None, :], signed) for c in range(values.shape[1])]
    flat = values.reshape(-1)
    side = math.ceil(math.sqrt(flat.size))
    grid = np.zeros(side * side, np.float32)
    grid[: flat.size] = flat
    return [tile_rgb(grid.reshape(side, side), signed)]


def filter_tiles(kernel: np.ndarray) -> list[np.ndarray]:
    """One image per filter of a kernel ``(kh, kw, in, out)`` or ``(k, in, out)``."""
    kernel = np.asarray(kernel, np.float32)
    if kernel.ndim == 3:
        kernel = kernel[None]
    if kernel.shape[2] == 3:
        return [colour_rgb(kernel[:, :, :, f]) for f in range(kernel.shape[3])]
    summed = kernel.sum(axis=2)
    return [tile_rgb(summed[:, :, f], signed=True) for f in range(summed.shape[2])]


class TileGrid(QWidget):
    """A grid of image tiles with a caption, scaled to fit the widget (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[QImage] = []
        self.total = 0
        self.caption = ""
        self.setMinimumSize(QSize(120, 90))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def clear(self) -> None:
        self.tiles, self.total, self.caption = [], 0, ""
        self.update()

    def show_maps(self, values: np.ndarray, caption: str = "") -> None:
        tiles = map_tiles(values)
        self._set(tiles, caption or self._default_caption(np.asarray(values).shape, len(tiles)))

    def show_filters(self, kernel: np.ndarray, caption: str = "") -> None:
        tiles = filter_tiles(kernel)
        shape = np.asarray(kernel).shape
        text = caption or i18n.translate("FeatureMaps", "{0} filters of {1}").format(
            len(tiles), " × ".join(str(d) for d in shape[:-2])
        )
        self._set(tiles, text)

    def _default_caption(self, shape: tuple[int, ...], count: int) -> str:
        if len(shape) == 3:
            return i18n.translate("FeatureMaps", "{0} feature maps of {1} × {2}").format(count, shape[0], shape[1])
        if len(shape) == 2:
            return i18n.translate("FeatureMaps", "{0} channels over {1} steps").format(count, shape[0])
        return i18n.translate("FeatureMaps", "{0} values").format(int(np.prod(shape)))

    def _set(self, tiles: list[np.ndarray], caption: str) -> None:
        self.total = len(tiles)
        self.tiles = [to_qimage(t) for t in tiles[:MAX_TILES]]
        self.caption = caption if self.total <= MAX_TILES else i18n.translate(
            "FeatureMaps", "{0} (the first {1} shown)"
        ).format(caption, MAX_TILES)
        self.update()

    def layout_tiles(self) -> list[QRectF]:
        """Where each tile is drawn: a grid whose cells keep the tiles' aspect ratio and fill the widget."""
        if not self.tiles:
            return []
        area = QRectF(self.rect()).adjusted(4, 22, -4, -4)
        aspect = self.tiles[0].width() / max(1, self.tiles[0].height())
        count = len(self.tiles)
        best: tuple[float, int] = (0.0, 1)
        for columns in range(1, count + 1):
            rows = math.ceil(count / columns)
            w = min(area.width() / columns, area.height() / rows * aspect)
            if w > best[0]:
                best = (w, columns)
        width, columns = best
        height = width / aspect
        gap = max(2.0, round(width * 0.08)) if width > 8 else 0.0
        return [
            QRectF(area.left() + (i % columns) * width, area.top() + (i // columns) * height, width - gap, height - gap)
            for i in range(count)
        ]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        colors = theme.canvas_colors()
        painter.fillRect(self.rect(), colors.background)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        painter.setPen(QColor(colors.label))
        painter.drawText(QRectF(6, 2, self.width() - 12, 18), Qt.AlignmentFlag.AlignVCenter, self.caption)
        painter.setPen(QColor(colors.grid))
        for image, rect in zip(self.tiles, self.layout_tiles(), strict=True):
            painter.drawImage(rect, image)  # nearest pixels: a 3×3 kernel stays nine squares
            painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
