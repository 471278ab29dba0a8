"""Views that teach: the decision boundary of 2-D data, sample tiles, a confusion matrix, data previews.

They draw arrays the training worker computed (see :mod:`gui.training.worker`); none of
them runs the model.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontDatabase,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import i18n
from kernels.datasets import Dataset

#: Class colours (Tableau 10), used by the boundary, the scatter and the tiles.
CLASS_COLORS = np.array(
    [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
     (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)], dtype=np.float64)  # fmt: skip
PREVIEW_ROWS = 100
TILE_PIXELS = 44
#: In a preview cell: the token ids shown of a sequence whose ids have no text, the numbers shown of other arrays.
SHOWN_IDS = 16
SHOWN_VALUES = 12
SAMPLE_COLUMN_PIXELS = 240


def class_color(k: int) -> QColor:
    r, g, b = CLASS_COLORS[k % len(CLASS_COLORS)]
    return QColor(int(r), int(g), int(b))


def class_name(k: int, classes: tuple[str, ...] = ()) -> str:
    """The name of class ``k`` where the data names its classes, else its number."""
    return classes[k] if 0 <= k < len(classes) else str(k)


def image_side(features: int) -> int | None:
    """The side of a square image with ``features`` pixels, or None."""
    side = math.isqrt(features)
    return side if side * side == features and side >= 4 else None


#: Samples the Data tab shows of image data.
PREVIEW_TILES = 16


def is_image_data(x: np.ndarray) -> bool:
    return x.ndim >= 3 or (x.ndim == 2 and image_side(x.shape[1]) is not None)


def as_image(sample: np.ndarray) -> np.ndarray:
    """A sample as an image: 2-D grey, or ``(h, w, 3)`` for a colour image (float, any range)."""
    if sample.ndim == 1:
        side = image_side(sample.shape[0]) or 1
        return sample.reshape(side, -1)
    if sample.ndim == 3 and sample.shape[2] == 3:
        return sample
    return sample.reshape(sample.shape[0], sample.shape[1], -1).mean(axis=2)


def sample_text(values: np.ndarray, tokens: tuple[str, ...] | None = None, ids: bool = False,
                whole: bool = False) -> str:  # fmt: skip
    """One sample of one array as text: the text of its tokens run together (``tokens``: the text of each id),
    token ids (``ids``) with spaces between them, other numbers with commas; unless ``whole``, a long one is cut
    short and ends in "…"."""
    flat = np.asarray(values).ravel()
    if tokens is not None:
        return "".join(tokens[int(i)] if 0 <= int(i) < len(tokens) else "?" for i in flat)
    most = flat.size if whole else SHOWN_IDS if ids else SHOWN_VALUES
    if ids:
        return " ".join(str(int(i)) for i in flat[:most]) + (" …" if flat.size > most else "")
    if flat.size == 1:
        return f"{float(flat[0]):.4g}"
    return ", ".join(f"{float(v):.3g}" for v in flat[:most]) + (", …" if flat.size > most else "")


def grey_pixmap(image: np.ndarray, size: int = TILE_PIXELS, as_given: bool = False) -> QPixmap:
    """An :func:`as_image` as a pixmap: grey as dark ink on white (as digits are drawn; ``as_given``: high values
    light, as the model gets them), colour as it is."""
    lo, hi = float(image.min()), float(image.max())
    scaled = np.zeros_like(image, dtype=np.float64) if hi <= lo else (image - lo) / (hi - lo)
    if image.ndim == 3:
        data = np.ascontiguousarray((255 * scaled).astype(np.uint8))
        h, w, _ = data.shape
        qimage = QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    else:
        data = np.ascontiguousarray((255 * (scaled if as_given else 1 - scaled)).astype(np.uint8))
        h, w = data.shape
        qimage = QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)  # fmt: skip


def scatter_brushes(labels: np.ndarray) -> list[QBrush]:
    brushes = [QBrush(class_color(k)) for k in range(len(CLASS_COLORS))]
    return [brushes[int(k) % len(brushes)] for k in labels]


class BoundaryView(pg.PlotWidget):
    """The model's class regions over the plane, as TensorFlow Playground shows them, with the data points."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=None)
        item = self.getPlotItem()
        item.setTitle(i18n.translate("Training", "Decision boundary"), size="9pt")
        item.setAspectLocked(True)
        item.hideButtons()
        self.image = pg.ImageItem()
        self.points = pg.ScatterPlotItem(size=4, pen=pg.mkPen(255, 255, 255, 160, width=0.6))
        item.addItem(self.image)
        item.addItem(self.points)
        self.updates = 0
        self._bounds: tuple[float, float, float, float] | None = None
        self.setMinimumHeight(120)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.getPlotItem().setTitle(i18n.translate("Training", "Decision boundary"), size="9pt")
        super().changeEvent(event)

    def set_points(self, x: np.ndarray, labels: np.ndarray, bounds: tuple[float, float, float, float]) -> None:
        """The data: ``x`` (n, 2), ``labels`` (n,) int; ``bounds`` of the grid (x0, x1, y0, y1)."""
        self.points.setData(x[:, 0], x[:, 1], brush=scatter_brushes(labels))
        self._bounds = bounds
        x0, x1, y0, y1 = bounds
        self.getPlotItem().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def show_nothing(self) -> None:
        """No points and no regions: nothing that belongs to another model or data set. (Not ``clear``:
        pyqtgraph's PlotWidget sets that name on each instance, to its PlotItem's, which drops the items.)"""
        self.points.setData([], [])
        self.image.clear()
        self._bounds = None

    def set_scores(self, scores: np.ndarray) -> None:
        """Class scores ``(r*r, C)`` over the grid (rows in y); colours mix by score, pale where unsure."""
        if self._bounds is None:
            return
        r = math.isqrt(len(scores))
        colors = CLASS_COLORS[np.arange(scores.shape[1]) % len(CLASS_COLORS)]
        mixed = scores @ colors  # (r*r, 3)
        confidence = scores.max(axis=1, keepdims=True)
        floor = 1.0 / scores.shape[1]
        strength = np.clip((confidence - floor) / (1 - floor + 1e-9), 0, 1) * 0.75
        rgb = 255 * (1 - strength) + mixed * strength  # towards white where the model is unsure
        img = rgb.reshape(r, r, 3).transpose(1, 0, 2).astype(np.uint8)  # ImageItem wants [x, y]
        self.image.setImage(img, autoLevels=False, levels=(0, 255))
        x0, x1, y0, y1 = self._bounds
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.updates += 1


class Caption(QLabel):
    """A tile's caption: centred lines, each elided to the width the grid gives it (``text()`` keeps them whole;
    the tooltip shows them)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(8, self.fontMetrics().height() * (self.text().count("\n") + 1))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        lines = self.text().split("\n")
        top = (self.height() - metrics.height() * len(lines)) / 2
        for i, line in enumerate(lines):
            box = QRectF(0, top + i * metrics.height(), self.width(), metrics.height())
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, self.width())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, shown)
        painter.end()


class Picture(QLabel):
    """A tile's image: its pixmap's size when there is room, scaled down (never below 20 pixels) when the grid is
    narrower, so eight tiles and a ten-class confusion matrix share a 1366-pixel-wide window."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(20, 20)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        pixmap = self.pixmap()
        if pixmap.isNull():
            return
        size = pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        size = size.boundedTo(pixmap.size())
        painter = QPainter(self)
        painter.drawPixmap((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                           size.width(), size.height(), pixmap)  # fmt: skip
        painter.end()


class SampleTiles(QWidget):
    """Images with their true label and, once known, the predicted one (green when right, red and "≠ true" when
    wrong); labels by name where the data names its classes."""

    #: The narrowest a tile gets before the grid takes a column fewer (a caption such as "5 ≠ 6" stays whole).
    TILE_WIDTH = 52

    def __init__(self, columns: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.most_columns = columns
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setSpacing(4)
        self.tiles: list[tuple[QLabel, QLabel]] = []
        self.truth = np.zeros(0, np.int64)
        self.shown = np.zeros(0, np.int64)  # the predictions the captions show
        self.classes: tuple[str, ...] = ()
        self.updates = 0

    def set_samples(self, images: np.ndarray, truth: np.ndarray, classes: tuple[str, ...] = ()) -> None:
        """``images`` (k, ...) samples, ``truth`` (k,) labels; ``classes`` the name of each label, if any."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.tiles = []
        self.shown = np.zeros(0, np.int64)
        self.truth = np.asarray(truth).astype(np.int64).ravel()
        self.classes = tuple(classes)
        for i, sample in enumerate(images):
            picture, caption = Picture(), Caption()
            font = caption.font()
            font.setBold(True)
            if self.classes:  # names are longer than numbers
                font.setPointSizeF(font.pointSizeF() * 0.85)
            caption.setFont(font)
            caption.setText(class_name(int(self.truth[i]), self.classes))
            picture.setPixmap(grey_pixmap(as_image(sample)))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tiles.append((picture, caption))
        if self.isVisible():
            self.columns = self._columns(self.width())
        self._place()

    def _place(self) -> None:
        """Lays the tiles out in :attr:`columns` columns, each image above its caption."""
        for picture, caption in self.tiles:
            self.grid.removeWidget(picture)
            self.grid.removeWidget(caption)
        for i, (picture, caption) in enumerate(self.tiles):
            row, col = divmod(i, self.columns)
            self.grid.addWidget(picture, 2 * row, col)
            self.grid.addWidget(caption, 2 * row + 1, col)

    def _columns(self, width: int) -> int:
        """Fewer columns (down to four) when the tab is narrow, so captions are not elided; full rows where a count
        of columns that fits gives them (16 tiles: 8 or 4 columns, not 5)."""
        least = min(self.most_columns, 4)
        fits = max(least, min(self.most_columns, width // self.TILE_WIDTH))
        even = [c for c in range(least, fits + 1) if self.tiles and len(self.tiles) % c == 0]
        return even[-1] if even else fits

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        columns = self._columns(event.size().width())
        if columns != self.columns:
            self.columns = columns
            self._place()
        super().resizeEvent(event)

    def set_predictions(self, predicted: np.ndarray) -> None:
        """``predicted`` (k,) classes; only the captions whose prediction changed are set again."""
        predicted = np.asarray(predicted).astype(np.int64).ravel()[: len(self.tiles)]
        for i, ((_, caption), true, pred) in enumerate(zip(self.tiles, self.truth, predicted, strict=False)):
            if i < len(self.shown) and self.shown[i] == pred:
                continue
            right = int(pred) == int(true)
            said, truly = class_name(int(pred), self.classes), class_name(int(true), self.classes)
            text = f"{said} ✓" if right else f"{said}\n≠ {truly}" if self.classes else f"{said} ≠ {truly}"
            caption.setText(text)
            palette = caption.palette()  # a palette, not a style sheet: no style recomputed every update
            palette.setColor(QPalette.ColorRole.WindowText, QColor("#2E7D32" if right else "#C62828"))
            caption.setPalette(palette)
            caption.setToolTip(i18n.translate("Training", "predicted {0}, true {1}").format(said, truly))
        self.shown = predicted
        self.updates += 1

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and len(self.shown):
            shown, self.shown = self.shown, np.zeros(0, np.int64)
            self.set_predictions(shown)  # the tooltips in the new language
        super().changeEvent(event)


class ConfusionView(QTableWidget):
    """Counts of true (rows) against predicted (columns) classes, shaded by share of the row; the headers name
    the classes where the data names them (:meth:`set_classes`), else number them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # The cells share the width and height the tab gives (ten classes fit beside the sample tiles at 1366x768);
        # below the smallest cell that still shows a count, the table scrolls.
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setMinimumSectionSize(24)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix = np.zeros((0, 0), np.int64)
        self.classes: tuple[str, ...] = ()
        i18n.bind(self, "setToolTip", i18n.translate("Training", "Rows: true class; columns: predicted class"))

    def set_classes(self, classes: tuple[str, ...]) -> None:
        """The name of each class (``()``: numbers), for the headers."""
        if tuple(classes) != self.classes:
            self.classes = tuple(classes)
            self._set_headers()

    def _set_headers(self) -> None:
        k = self.rowCount()
        names = [class_name(i, self.classes) for i in range(k)]
        true, predicted = i18n.translate("Training", "true: {0}"), i18n.translate("Training", "predicted: {0}")
        widest = max((self.fontMetrics().horizontalAdvance(n) for n in names), default=0)
        for i, name in enumerate(names):
            row, column = QTableWidgetItem(name), QTableWidgetItem(name)
            row.setToolTip(true.format(name))
            column.setToolTip(predicted.format(name))
            self.setVerticalHeaderItem(i, row)
            self.setHorizontalHeaderItem(i, column)
        # A long name is elided; its tooltip has it.
        self.horizontalHeader().setMaximumSectionSize(max(72, widest + 10))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._set_headers()  # the tooltips in the new language
        super().changeEvent(event)

    def set_matrix(self, m: np.ndarray) -> None:
        """Counts ``m`` (k, k); only the rows that changed are set again."""
        k = len(m)
        if self.rowCount() != k:
            self.setRowCount(k)
            self.setColumnCount(k)
            self._set_headers()
            header = self.verticalHeader()
            self.setMinimumWidth(min(k, 10) * self.horizontalHeader().minimumSectionSize() + header.sizeHint().width()
                                 + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width())  # fmt: skip
        same = self.matrix.shape == m.shape
        changed = [i for i in range(k) if not same or not np.array_equal(self.matrix[i], m[i])]
        self.matrix = m.copy()
        totals = np.maximum(m.sum(axis=1, keepdims=True), 1)
        share = m / totals
        for i in changed:
            for j in range(k):
                item = self.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.setItem(i, j, item)
                item.setText(str(int(m[i, j])))
                base = QColor(46, 125, 50) if i == j else QColor(198, 40, 40)
                base.setAlphaF(float(min(1.0, 0.15 + 0.85 * share[i, j])) if m[i, j] else 0.0)
                item.setBackground(base)


class DataPreview(QStackedWidget):
    """A look at the data: a scatter for 2-D inputs, tiles for images, the first samples for sequences of token
    ids and for data of several arrays (a column for each: tokens as their text), else a table of the first rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scatter = pg.PlotWidget(background=None)
        self.scatter.getPlotItem().setAspectLocked(True)
        self.scatter_points = pg.ScatterPlotItem(size=4, pen=None)
        self.scatter.addItem(self.scatter_points)
        self.tiles = SampleTiles(columns=8)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # a sample on one line; one too long for its column is elided
        self.empty = QLabel()
        i18n.bind(self.empty, "setText", i18n.translate("Training", "No data"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.scatter, self.tiles, self.table, self.empty):
            self.addWidget(w)
        self.setCurrentWidget(self.empty)
        self.kind = "empty"
        self.setMinimumHeight(100)

    def show_data(self, data: Dataset | None, token_inputs: Collection[str] = ()) -> str:
        """Show ``data`` in the fitting way (``token_inputs``: the inputs the model reads as token ids); returns
        the kind: scatter, tiles, samples, table or empty."""
        if data is None or not data.x or len(data) == 0:
            self.kind = "empty"
            self.setCurrentWidget(self.empty)
            return self.kind
        x = next(iter(data.x.values()))
        y = next(iter(data.y.values())) if data.y else np.zeros(len(x))
        labels = np.asarray(y).ravel()[: len(x)] if np.asarray(y).dtype.kind in "iu" else None
        ids = [name for name in data.x if name in token_inputs or name in data.tokens]
        if ids or len(data.x) + len(data.y) > 2:
            self._fill_samples(data, ids)
            self.kind = "samples"
            self.setCurrentWidget(self.table)
        elif x.ndim == 2 and x.shape[1] == 2:
            colors = labels if labels is not None else np.zeros(len(x), int)
            self.scatter_points.setData(x[:, 0], x[:, 1], brush=scatter_brushes(colors))
            self.kind = "scatter"
            self.setCurrentWidget(self.scatter)
        elif is_image_data(x):
            k = min(PREVIEW_TILES, len(x))
            self.tiles.set_samples(x[:k], labels[:k] if labels is not None else np.zeros(k, int),
                                  data.classes if labels is not None else ())  # fmt: skip
            self.kind = "tiles"
            self.setCurrentWidget(self.tiles)
        else:
            self._fill_table(x.reshape(len(x), -1), np.asarray(y).reshape(len(x), -1))
            self.kind = "table"
            self.setCurrentWidget(self.table)
        return self.kind

    def _fill_samples(self, data: Dataset, ids: list[str]) -> None:
        """The first samples, a column for each input and target (named after it); ``ids``: the inputs of token
        ids, shown as the text of their tokens where the data has it (in a fixed-width font), else as numbers."""
        rows = min(PREVIEW_ROWS, len(data))
        arrays = {**data.x, **data.y}
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.clear()
        self.table.setRowCount(rows)
        self.table.setColumnCount(len(arrays))
        self.table.setHorizontalHeaderLabels(list(arrays))
        for c, (name, values) in enumerate(arrays.items()):
            tokens = data.tokens.get(name) if name in data.x else None
            for r in range(rows):
                text = sample_text(values[r], tokens, name in ids)
                item = QTableWidgetItem(text)
                if tokens is not None:
                    item.setFont(fixed)
                elif text.endswith("…"):
                    item.setToolTip(sample_text(values[r], None, name in ids, whole=True))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):  # long ones elided (the tooltip has them): the next columns show
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), SAMPLE_COLUMN_PIXELS))

    def _fill_table(self, x: np.ndarray, y: np.ndarray) -> None:
        rows = min(PREVIEW_ROWS, len(x))
        cols = min(x.shape[1], 30)
        headers = [f"x{i}" for i in range(cols)] + [f"y{i}" if y.shape[1] > 1 else "target" for i in range(y.shape[1])]
        self.table.clear()
        self.table.setRowCount(rows)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for r in range(rows):
            values = list(x[r, :cols]) + list(y[r])
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(f"{float(v):.4g}"))


def _set_bold(label: QLabel, title: str) -> None:
    from shiboken6 import isValid

    if isValid(label):
        label.setText(f"<b>{title}</b>")


def titled(title: str, widget: QWidget) -> QWidget:
    """``widget`` under a small bold title."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    if isinstance(title, i18n.Text):
        i18n.on_change(lambda _language, label=label, title=title: _set_bold(label, title.again()))
    _set_bold(label, title)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
