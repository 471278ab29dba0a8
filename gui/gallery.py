"""The examples gallery (Help -> Examples): a picture and a paragraph for each example model.

Pictures are the plot_model-like diagram of each example (``graph_core.io.diagram.to_svg``
rasterized by :mod:`gui.svg_png`), drawn when the gallery first opens and kept for the
session. Opening an example loads it as an unsaved copy, so Save never overwrites it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graph_core.io import diagram, files
from gui import i18n
from gui.files_menu import EXAMPLES_DIR

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB = QSize(150, 190)
_pictures: dict[str, QPixmap] = {}


def descriptions() -> dict[str, tuple[str, str]]:
    """(title, paragraph) of each example, in the language in force."""
    return {
        "mnist_model": (
            i18n.translate("Gallery", "MNIST digits (the guide's first model)"),
            i18n.translate(
                "Gallery",
                "784 pixel values → Dense 64 relu → Dense 64 relu → Dense 10: the first model of the Keras "
                "Functional API guide. Look at the summary: 55,050 parameters.",
            ),
        ),
        "multi_io": (
            i18n.translate("Gallery", "Several inputs and outputs"),
            i18n.translate(
                "Gallery",
                "A support ticket's text features and metadata go in through two inputs, are joined with "
                "Concatenate, and come out as a priority (sigmoid) and a department (softmax).",
            ),
        ),
        "residual_mlp": (
            i18n.translate("Gallery", "Residual MLP"),
            i18n.translate(
                "Gallery",
                "Two residual connections: Add sums a block's input with its output, as in the guide's "
                "toy ResNet, so the signal has a short path around each block.",
            ),
        ),
        "shared_layer": (
            i18n.translate("Gallery", "Shared layer (Siamese)"),
            i18n.translate(
                "Gallery",
                "One Dense encoder called on two inputs: both calls use the same weights, counted once. "
                "Subtract compares the two encodings.",
            ),
        ),
        "spiral": (
            i18n.translate("Gallery", "Spiral classifier"),
            i18n.translate(
                "Gallery",
                "Two intertwined spirals, 2 → 64 → 64 → 2. A straight line cannot separate them; two "
                "hidden relu layers can.",
            ),
        ),
        "moons_classifier": (
            i18n.translate("Gallery", "Moons classifier"),
            i18n.translate(
                "Gallery",
                "Two interleaving half moons, one sigmoid output and binary cross-entropy. Train it on the "
                "built-in moons data set and watch the boundary bend.",
            ),
        ),
        "xor_classifier": (
            i18n.translate("Gallery", "XOR classifier"),
            i18n.translate(
                "Gallery",
                "The class is the XOR of the signs of two numbers — the classic problem one layer cannot "
                "solve. Eight tanh units are enough.",
            ),
        ),
        "sine_regression": (
            i18n.translate("Gallery", "Sine regression"),
            i18n.translate(
                "Gallery",
                "Regression instead of classification: learn y = sin(x) with two tanh layers, a linear "
                "output and the mean squared error.",
            ),
        ),
        "digits_classifier": (
            i18n.translate("Gallery", "Handwritten digits (8×8)"),
            i18n.translate(
                "Gallery",
                "scikit-learn's 8×8 digits: 64 inputs, Dense 64 relu, Dropout and a softmax over 10 "
                "classes, trained with sparse categorical cross-entropy.",
            ),
        ),
        "digits_convnet": (
            i18n.translate("Gallery", "Digits as images: a small convnet"),
            i18n.translate(
                "Gallery",
                "The same 8×8 digits seen as 8×8×1 images: two 3×3 convolutions find strokes wherever they "
                "are, pooling shrinks the image, and the mean of each feature map feeds the classifier.",
            ),
        ),
        "mnist_convnet": (
            i18n.translate("Gallery", "Simple MNIST convnet"),
            i18n.translate(
                "Gallery",
                "Keras's classic convnet for 28×28 digits: Conv2D 32, MaxPooling, Conv2D 64, MaxPooling, "
                "Flatten, Dropout 0.5 and a softmax — 34,826 weights, fewer than mnist_model, and more accurate.",
            ),
        ),
        "conv_autoencoder": (
            i18n.translate("Gallery", "Convolutional autoencoder (the guide's encoder)"),
            i18n.translate(
                "Gallery",
                "The guide's encoder squeezes a 28×28 image into 16 numbers (GlobalMaxPooling2D); the decoder "
                "grows them back with Conv2DTranspose and UpSampling2D into a 28×28 image.",
            ),
        ),
        "toy_resnet": (
            i18n.translate("Gallery", "Toy ResNet (the guide's CIFAR-10 model)"),
            i18n.translate(
                "Gallery",
                "Colour images 32×32×3 through 3×3 convolutions; twice, Add sums a block's input with its "
                "output (a residual connection). GlobalAveragePooling2D, Dense 256, Dropout and 10 classes: "
                "223,242 weights.",
            ),
        ),
        "nested_autoencoder": (
            i18n.translate("Gallery", "Models called like layers: decoder(encoder(img))"),
            i18n.translate(
                "Gallery",
                "The guide's encoder and decoder are models of their own; the autoencoder calls each like a "
                "layer. Double-click the encoder to open it on its own canvas; the breadcrumb leads back.",
            ),
        ),
        "ensemble": (
            i18n.translate("Gallery", "An ensemble of three models"),
            i18n.translate(
                "Gallery",
                "Three small models read the same input and Average takes the mean of their answers, as in the "
                "guide's ensemble. Each model is a node; each keeps its own 129 weights.",
            ),
        ),
        "tickets": (
            i18n.translate("Gallery", "The guide's ticket model: text in, priority and department out"),
            i18n.translate(
                "Gallery",
                "A ticket's title and body are token ids of any length; an Embedding and an LSTM read each, 12 "
                "tags join them, and two heads give a priority and a department, trained with two losses "
                "weighted 1.0 and 0.2 as in the guide.",
            ),
        ),
        "shared_embedding": (
            i18n.translate("Gallery", "One Embedding shared by two texts"),
            i18n.translate(
                "Gallery",
                "The guide's shared layers: both texts are looked up in the same table of 1000 × 128 numbers, "
                "so what one text teaches it the other uses.",
            ),
        ),
        "brackets": (
            i18n.translate("Gallery", "Balanced brackets: an LSTM that keeps count"),
            i18n.translate(
                "Gallery",
                "Strings of 20 brackets, ten of each kind: only their order tells whether they balance. An "
                "Embedding turns each bracket into 8 numbers and an LSTM reads them one after another, keeping "
                "count; it learns the rule in a few epochs. Put GlobalAveragePooling1D in the LSTM's place and "
                "the model sees only which brackets occur, not in which order: it stays at 50 %.",
            ),
        ),
    }


def example_paths() -> list[Path]:
    """The example files, in the order of :func:`descriptions` (others after them)."""
    order = list(descriptions())
    found = sorted(EXAMPLES_DIR.glob("*.lwire")) if EXAMPLES_DIR.is_dir() else []
    return sorted(found, key=lambda p: (order.index(p.stem) if p.stem in order else len(order), p.stem))


def picture(path: Path) -> QPixmap:
    """The example's diagram, scaled to the thumbnail size (cached)."""
    key = str(path)
    if key not in _pictures:
        from gui.svg_png import svg_to_png_bytes

        pixmap = QPixmap()
        try:
            pixmap.loadFromData(svg_to_png_bytes(diagram.to_svg(files.load(path).graph), scale=1.0), "PNG")
        except (OSError, ValueError):
            pixmap = QPixmap(THUMB)
            pixmap.fill(Qt.GlobalColor.lightGray)
        _pictures[key] = pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    return _pictures[key]


class Gallery(QDialog):
    """A list of examples with pictures; the chosen one is described on the right."""

    open_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examples_gallery")
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 56))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.big = QLabel()
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.open_current)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.text)
        side.addWidget(self.big, 1)
        side_host = QWidget()
        side_host.setLayout(side)
        side_host.setFixedWidth(320)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(side_host)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        for path in example_paths():
            item = QListWidgetItem(QIcon(picture(path)), "")
            item.setData(PATH_ROLE, str(path))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.list.itemActivated.connect(lambda *_: self.open_current())
        self.resize(1000, 640)
        self.retranslate()
        if self.list.count():
            self.list.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Examples"))
        texts = descriptions()
        for i in range(self.list.count()):
            item = self.list.item(i)
            stem = Path(item.data(PATH_ROLE)).stem
            item.setText(texts.get(stem, (stem.replace("_", " "), ""))[0])
        self._show_current()

    def paths(self) -> list[Path]:
        return [Path(self.list.item(i).data(PATH_ROLE)) for i in range(self.list.count())]

    def select(self, stem: str) -> None:
        for i, path in enumerate(self.paths()):
            if path.stem == stem:
                self.list.setCurrentRow(i)

    def current_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None

    def _show_current(self) -> None:
        path = self.current_path()
        if path is None:
            return
        title, text = descriptions().get(path.stem, (path.stem, ""))
        self.title.setText(title)
        self.text.setText(text)
        self.big.setPixmap(picture(path))

    def open_current(self) -> None:
        path = self.current_path()
        if path is not None:
            self.open_requested.emit(path)
            self.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
