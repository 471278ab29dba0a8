"""The Predict tab: a sample of the data, a drawing or an image file, and what the model makes of it.

The tab only draws: the drawing's ink goes out as an array (:meth:`DrawingCanvas.ink`),
:mod:`kernels.images` makes it (or an image file) into the model's input, and the panel
runs the model with the document's weights (:meth:`gui.training.tabs.ViewTabs.predict_drawing`).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui import i18n
from gui.training.views import as_image, class_name, grey_pixmap

# The drawing is kept at this many pixels a side, whatever size the canvas is shown at.
DRAWING_PIXELS = 280
# The brush's width (pixels of the drawing): a digit drawn the canvas's height gets MNIST's 2-3 pixel strokes.
BRUSH_PIXELS = 26
# The smallest side of the canvas on screen: at 1366×768 the dock leaves about 200 pixels for it.
CANVAS_MIN = 120
INPUT_PIXELS = 64


class DrawingCanvas(QWidget):
    """A square to draw on with the mouse: light ink on black (as MNIST's digits), a thick round brush.
    ``stroke_finished`` when the button is released."""

    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage(DRAWING_PIXELS, DRAWING_PIXELS, QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self._last: QPointF | None = None
        self.strokes = 0
        self.setMinimumSize(CANVAS_MIN, CANVAS_MIN)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setCursor(Qt.CursorShape.CrossCursor)
        i18n.bind(self, "setToolTip", i18n.translate("Training", "Draw with the mouse; the model predicts after "
                                                     "each stroke"))  # fmt: skip

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(180, 180)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return width

    def square(self) -> QRectF:
        """Where the drawing is shown: the largest centred square."""
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_image(self, pos: QPointF) -> QPointF:
        square = self.square()
        scale = DRAWING_PIXELS / max(square.width(), 1.0)
        return QPointF((pos.x() - square.x()) * scale, (pos.y() - square.y()) * scale)

    def _paint_to(self, end: QPointF) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(255, 255, 255), BRUSH_PIXELS, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)  # fmt: skip
        painter.setPen(pen)
        start = self._last if self._last is not None else end
        if start == end:
            painter.drawPoint(end)
        else:
            painter.drawLine(start, end)
        painter.end()
        self._last = end
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = None
            self._paint_to(self._to_image(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._last is not None:
            self._paint_to(self._to_image(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._last is not None:
            self._paint_to(self._to_image(event.position()))
            self._last = None
            self.strokes += 1
            self.stroke_finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.square(), self.image)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(self.square().adjusted(0, 0, -1, -1))
        painter.end()

    def clear(self) -> None:
        self.image.fill(0)
        self.strokes = 0
        self.update()

    def ink(self) -> np.ndarray:
        """The drawing: float (DRAWING_PIXELS, DRAWING_PIXELS) in [0, 1], 1 where drawn."""
        stride = self.image.bytesPerLine()
        raw = np.frombuffer(self.image.constBits(), np.uint8, count=stride * DRAWING_PIXELS)
        return raw.reshape(DRAWING_PIXELS, stride)[:, :DRAWING_PIXELS] / 255.0


class ProbabilityBars(QWidget):
    """A bar for each class's probability, named, the most likely one in colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = np.zeros(0)
        self.classes: tuple[str, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 10 * self.fontMetrics().height())  # ten classes, a line each

    def set_scores(self, scores: np.ndarray, classes: tuple[str, ...] = ()) -> None:
        """``scores`` (C,) class probabilities; ``classes`` their names where the data gives them."""
        self.scores = np.asarray(scores, np.float64).ravel()
        self.classes = classes
        self.update()

    def clear(self) -> None:
        self.set_scores(np.zeros(0))

    def labels(self) -> list[str]:
        return [class_name(k, self.classes) for k in range(len(self.scores))]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not len(self.scores):
            return
        painter = QPainter(self)
        metrics = painter.fontMetrics()
        labels = self.labels()
        name_width = max(metrics.horizontalAdvance(t) for t in labels) + 6
        value_width = metrics.horizontalAdvance("100%") + 6
        row = self.height() / len(self.scores)
        bar_width = max(self.width() - name_width - value_width, 10)
        best = int(self.scores.argmax())
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for k, (label, p) in enumerate(zip(labels, self.scores)):
            y = k * row
            painter.setPen(text)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRectF(0, y, name_width - 6, row), right, label)
            color = QColor(30, 136, 229) if k == best else QColor(160, 160, 160)
            height = max(row - 3, 1.0)
            painter.fillRect(QRectF(name_width, y + (row - height) / 2, bar_width * float(p), height), color)
            painter.drawText(QRectF(name_width + bar_width + 4, y, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{p:.0%}")  # fmt: skip
        painter.end()


class PredictTab(QWidget):
    """Predict on a sample of the data (by number), a drawing (image models with one grey channel) or an image
    file (image models): the input as the model gets it, the predicted class and each class's probability."""

    open_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = QSpinBox()
        self.button = QPushButton()
        i18n.bind(self.button, "setText", i18n.translate("Training", "Predict"))
        sample_label = QLabel()
        i18n.bind(sample_label, "setText", i18n.translate("Training", "Sample"))
        self.open_button = QPushButton()
        i18n.bind(self.open_button, "setText", i18n.translate("Training", "Open image…"))
        self.open_button.clicked.connect(self.open_clicked)
        row = QHBoxLayout()
        row.addWidget(sample_label)
        row.addWidget(self.index)
        row.addWidget(self.button)
        row.addWidget(self.open_button)
        row.addStretch(1)

        self.canvas = DrawingCanvas()
        self.clear_button = QPushButton()
        i18n.bind(self.clear_button, "setText", i18n.translate("Training", "Clear"))
        self.drawing = QWidget()  # the canvas and its Clear button, shown for one-channel image models
        dv = QVBoxLayout(self.drawing)
        dv.setContentsMargins(0, 0, 0, 0)
        dv.setSpacing(2)
        dv.addWidget(self.canvas, 1)
        dv.addWidget(self.clear_button)
        self.input_view = QLabel()  # the input as the model gets it
        self.input_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input_view.setFixedSize(INPUT_PIXELS, INPUT_PIXELS)
        i18n.bind(self.input_view, "setToolTip", i18n.translate("Training", "The input as the model gets it"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        font = self.result.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.result.setFont(font)
        self.bars = ProbabilityBars()
        self.result.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        looked = QVBoxLayout()
        looked.addWidget(self.input_view, 0, Qt.AlignmentFlag.AlignHCenter)
        looked.addWidget(self.result, 1)
        right = QHBoxLayout()  # side by side: the bars get the whole height, a row of text for each class
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(looked)
        right.addWidget(self.bars, 1)
        self.shown = QWidget()  # the result: the input, the class and the bars
        self.shown.setLayout(right)
        middle = QHBoxLayout()
        middle.addWidget(self.drawing, 2)
        middle.addWidget(self.shown, 3)

        self.note = QLabel()  # why there is nothing to draw, or what became of an image file
        self.note.setWordWrap(True)
        self.output = QTextEdit()
        self.output.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addLayout(middle, 3)
        layout.addWidget(self.output, 1)
        self.note.hide()
        self.clear_result()

    def set_tools(self, image: bool, drawing: bool, note: str = "") -> None:
        """Which tools the model allows: image files (``image``), the drawing (``drawing``); ``note`` why not."""
        self.open_button.setVisible(image)
        self.drawing.setVisible(drawing)
        self.shown.setVisible(image)
        self.set_note(note)

    def set_note(self, text: str, error: bool = False) -> None:
        color = "#C62828" if error else self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.note.setText(f"<span style='color:{color}'>{text}</span>" if text else "")
        self.note.setVisible(bool(text))

    def clear_result(self) -> None:
        self.input_view.clear()
        self.result.setText("")
        self.bars.clear()

    def show_result(self, sample: np.ndarray | None, scores: np.ndarray | None, classes: tuple[str, ...]) -> None:
        """``sample`` one input (an image's pixels) as the model got it; ``scores`` (C,) its class probabilities."""
        if sample is not None:
            self.input_view.setPixmap(grey_pixmap(as_image(sample), INPUT_PIXELS, as_given=True))
        else:
            self.input_view.clear()
        if scores is None or len(scores) < 2:
            self.result.setText("")
            self.bars.clear()
            return
        best = int(np.argmax(scores))
        self.result.setText(f"{class_name(best, classes)} ({scores[best]:.0%})")
        self.bars.set_scores(scores, classes)
