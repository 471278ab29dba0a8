"""A Dense layer's weights: a heatmap of the kernel (inputs x units) and a histogram of all values.

Opened from a node's context menu ("Show weights"); it follows the document, so weights
applied after training (or a reset) show at once.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from gui import i18n
from gui.document import Document

BINS = 40


class WeightsView(QDialog):
    """Heatmap and histogram of ``layer``'s weights in ``document`` (non-modal)."""

    def __init__(self, document: Document, layer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.layer = layer
        self.setWindowTitle(i18n.translate("Training", "Weights of {0}").format(layer))
        self.resize(520, 560)
        self.info = QLabel()
        self.heatmap = pg.PlotWidget(background=None)
        hm = self.heatmap.getPlotItem()
        hm.setTitle(i18n.translate("Training", "kernel"), size="9pt")
        hm.setLabel("bottom", i18n.translate("Training", "unit"))
        hm.setLabel("left", i18n.translate("Training", "input"))
        hm.invertY(True)
        self.image = pg.ImageItem()
        hm.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get("CET-D1"), interactive=False, width=12)
        self.colorbar.setImageItem(self.image, insert_in=hm)
        self.histogram = pg.PlotWidget(background=None)
        hi = self.histogram.getPlotItem()
        hi.setTitle(i18n.translate("Training", "histogram of kernel and bias values"), size="9pt")
        self.bars = pg.BarGraphItem(x0=[], x1=[], height=[], brush="#1E88E5")
        hi.addItem(self.bars)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.heatmap, 3)
        layout.addWidget(self.histogram, 2)
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        layer = self.document.graph.layers.get(self.layer)
        weights = layer.weights if layer is not None else {}
        kernel = weights.get("kernel")
        if kernel is None:
            none_yet = i18n.translate("Training", "{0} has no weights yet (they are drawn when training starts)")
            self.info.setText(none_yet.format(self.layer))
            self.image.clear()
            self.bars.setOpts(x0=[], x1=[], height=[])
            return
        k2 = kernel.reshape(-1, kernel.shape[-1])
        limit = float(np.abs(k2).max()) or 1.0
        self.image.setImage(k2.T, autoLevels=False)  # ImageItem wants [x, y] = [unit, input]
        self.image.setRect(QRectF(0, 0, k2.shape[1], k2.shape[0]))
        self.colorbar.setLevels((-limit, limit))
        values = np.concatenate([np.ravel(w) for w in weights.values()])
        counts, edges = np.histogram(values, bins=BINS)
        self.bars.setOpts(x0=edges[:-1], x1=edges[1:], height=counts)
        stats = i18n.translate("Training", "kernel {0}: mean {1}, std {2}, |max| {3}")
        text = stats.format(tuple(kernel.shape), f"{kernel.mean():+.4f}", f"{kernel.std():.4f}", f"{limit:.4f}")
        if "bias" in weights:
            text += i18n.translate("Training", "; bias mean {0}").format(f"{weights['bias'].mean():+.4f}")
        self.info.setText(text)
