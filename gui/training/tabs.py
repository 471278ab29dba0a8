"""The training dock's right column: the views that teach, in tabs.

Decision boundary (2-D data), validation samples with a confusion matrix (images), the
selected node's feature maps and the first convolution's filters or the first Embedding's
vectors on their two main directions (Inside), a look at the data, and Predict (the model
with the document's weights on one sample, a drawing or an image file: :mod:`gui.training.predict_tab`).
:meth:`ViewTabs.prepare` sets them up for a run; :meth:`ViewTabs.show_snapshot` draws
what the training worker computed.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from graph_core.errors import LayerwireError
from graph_core.graph import Graph
from gui import i18n
from gui.feature_maps import TileGrid
from gui.training.predict_tab import PredictTab
from gui.training.views import (
    PREVIEW_TILES,
    BoundaryView,
    ConfusionView,
    DataPreview,
    SampleTiles,
    class_name,
    is_image_data,
    sample_text,
    titled,
)
from gui.training.worker import BOUNDARY_RESOLUTION, TILE_COUNT, Snapshot, Views
from kernels import images, probe
from kernels.datasets import Dataset
from kernels.streaming import is_streamed

#: Samples the confusion counts between runs (a run counts more): the numpy pass over them stays
#: under a fifth of a second for the toy ResNet, so an edit never waits long.
STATE_SAMPLES = 100


def validation_part(data: Dataset, split: float) -> Dataset:
    """The samples the worker predicts on: the validation part (a split, else the data's test part), else the
    training data."""
    if split > 0:
        _, val = data.split(split)
        if len(val):
            return val
    elif data.test is not None and len(data.test):
        return data.test
    return data


def read_ahead(data: Dataset, split: float) -> None:
    """Decode the samples the views will show of streamed ``data`` (:mod:`kernels.streaming` keeps them for them):
    called on the thread that reads the data, so the GUI thread does not decode them."""
    shown = validation_part(data, split)
    for name, x in data.x.items():
        if is_streamed(x):
            x.keep(PREVIEW_TILES)  # the Data tab's
            shown.x[name].keep(STATE_SAMPLES)  # the Samples tab's and the confusion matrix's between runs


#: An embedding with at most this many rows has each point labelled with its id.
LABELLED_POINTS = 40


class EmbeddingView(QWidget):
    """An Embedding's vectors (one per token id) on their two main directions (PCA), as the run trains them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.plot = pg.PlotWidget(background=None)
        self.plot.getPlotItem().setAspectLocked(True)
        self.points = pg.ScatterPlotItem(size=6, pen=None, brush=pg.mkBrush(30, 136, 229, 170))
        self.plot.addItem(self.points)
        self.labels: list[pg.TextItem] = []
        self.projection: probe.Projection | None = None
        self.layer = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 1)

    def show_vectors(self, layer: str, table: np.ndarray, names: tuple[str, ...] | None = None) -> None:
        """Project ``table`` (one row per id, labelled by ``names`` when given, else by id); a run's next table keeps
        the directions' signs."""
        previous = self.projection if layer == self.layer else None
        self.layer = layer
        self.projection = probe.project_2d(table, previous)
        points = self.projection.points
        self.points.setData(points[:, 0], points[:, 1])
        if len(self.labels) != (len(points) if len(points) <= LABELLED_POINTS else 0):
            for item in self.labels:
                self.plot.removeItem(item)
            self.labels = [pg.TextItem("", anchor=(0.5, 1.2)) for _ in range(len(points))]
            self.labels = self.labels if len(points) <= LABELLED_POINTS else []
            for item in self.labels:
                self.plot.addItem(item)
        for i, (item, (x, y)) in enumerate(zip(self.labels, points, strict=False)):
            item.setText(names[i] if names is not None else str(i))
            item.setPos(float(x), float(y))
        share = self.projection.share
        self.caption.setText(
            i18n.translate("Training", "The vectors of {0} ({1} ids × {2} numbers) on their two main directions, "
                           "which hold {3:.0%} and {4:.0%} of their spread").format(
                layer, table.shape[0], table.shape[1], share[0], share[1])
        )  # fmt: skip


class InsideView(QWidget):
    """A node's feature maps for one sample, and the first convolution's filters (or, without a convolution, the
    first Embedding's vectors on a plane), as the run trains them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maps = TileGrid()
        self.filters = TileGrid()
        self.embedding = EmbeddingView()
        self.below = QStackedWidget()
        self.below.addWidget(self.filters)
        self.below.addWidget(self.embedding)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.maps, 3)
        layout.addWidget(self.below, 2)
        self.node_name = ""
        self.set_hint()

    def set_hint(self) -> None:
        self.hint.setText(
            i18n.translate("Training", "Select a node on the canvas to see its output for one sample.")
            if not self.node_name
            else i18n.translate("Training", "{0} for the first sample of the data").format(self.node_name)
        )

    def display(
        self,
        node_name: str,
        maps: np.ndarray | None,
        filters: tuple[str, np.ndarray] | None,
        embedding: tuple[str, np.ndarray] | None = None,
        names: tuple[str, ...] | None = None,
    ) -> None:
        """``names``: the text of each of the embedding's ids, where the data gives it."""  # fmt: skip
        if node_name != self.node_name:
            self.node_name = node_name
            self.set_hint()
        if maps is None:
            self.maps.clear()
        else:
            self.maps.show_maps(maps)
        if filters is None and embedding is not None:
            self.embedding.show_vectors(*embedding, names)
            self.below.setCurrentWidget(self.embedding)
            self.maps.setVisible(maps is not None)  # the plane takes the room no node's output needs
            return
        self.maps.setVisible(True)
        self.below.setCurrentWidget(self.filters)
        if filters is None:
            self.filters.clear()
        else:
            layer, kernel = filters
            self.filters.show_filters(kernel, i18n.translate("Training", "The filters of {0}, the first convolution")
                                      .format(layer))  # fmt: skip


class ViewTabs(QTabWidget):
    """Boundary, Samples, Inside (feature maps and filters), Data and Predict tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boundary = BoundaryView()
        self.tiles = SampleTiles()
        self.confusion = ConfusionView()
        samples = QWidget()
        sv = QHBoxLayout(samples)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(titled(i18n.translate("Training", "Validation samples: predicted (true)"), self.tiles), 1)
        sv.addWidget(titled(i18n.translate("Training", "Confusion matrix"), self.confusion), 1)
        self.preview = DataPreview()
        self.predict_tab = PredictTab()
        p = self.predict_tab
        self.predict_index, self.predict_button, self.predict_output = p.index, p.button, p.output
        self.image_spec: images.ImageSpec | None = None  # the image the model reads, if it reads one
        self.classes: tuple[str, ...] = ()  # the data's class names
        self.last_input: np.ndarray | None = None  # the drawing or image file as the model last got it
        self.inside = InsideView()
        # The drawing and its bars need more height than a short dock gives: the tab scrolls rather than making the
        # window taller than a 768-pixel screen.
        self.predict_page = QScrollArea()
        self.predict_page.setWidget(self.predict_tab)
        self.predict_page.setWidgetResizable(True)
        self.predict_page.setFrameShape(QFrame.Shape.NoFrame)
        for page in (self.boundary, samples, self.inside, self.preview, self.predict_page):
            self.addTab(page, "")
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        tabs = (i18n.translate("Training", "Boundary"), i18n.translate("Training", "Samples"),
                i18n.translate("Training", "Inside"), i18n.translate("Training", "Data"),
                i18n.translate("Training", "Predict"))  # fmt: skip
        self.inside.set_hint()
        for index, title in enumerate(tabs):
            self.setTabText(index, title)

    def show_data(self, data: Dataset | None, token_inputs: Collection[str] = ()) -> None:
        """The Data tab (``token_inputs``: the inputs the model reads as token ids) and the range of Predict's
        sample number."""
        # the boundary and the sample tiles are for 2-D data and images: sequences are best seen as they are
        if self.preview.show_data(data, token_inputs) == "samples" and self.currentIndex() in (0, 1):
            self.setCurrentWidget(self.preview)
        if data is not None:
            self.predict_index.setRange(0, len(data) - 1)
        self.classes = data.classes if data is not None else ()

    def set_predict_model(self, graph: Graph) -> None:
        """What the Predict tab offers for ``graph``: image files for a model that reads an image, the drawing
        too when that image has one grey channel; else the sample number only, with a note why."""
        spec = images.model_image(graph)
        if spec == self.image_spec and (spec is not None or self.predict_tab.note.isVisible()):
            return
        self.image_spec = spec
        self.predict_tab.clear_result()
        if spec is None:
            self.predict_tab.set_tools(False, False, i18n.translate(
                "Training", "This model's input is not an image: there is nothing to draw or open, only samples of "
                "the data to predict."))  # fmt: skip
        elif spec.channels != 1:
            self.predict_tab.set_tools(
                True,
                False,
                i18n.translate(
                    "Training", "Drawing is for models of one grey channel; this one reads colour images: open one."
                ),
            )
        else:
            self.predict_tab.set_tools(True, True)

    def prepare(self, views: Views, data: Dataset, validation_split: float, front: bool = True) -> None:
        """Set the views up for a run on ``data`` and (``front``) bring the first that applies to the front."""
        x = next(iter(data.x.values()))
        y = next(iter(data.y.values()))
        if views.boundary:
            grid = probe.boundary_grid(x, BOUNDARY_RESOLUTION)
            self.boundary.set_points(x, np.asarray(y).ravel(), grid.bounds)
            if front:
                self.setCurrentWidget(self.boundary)
        if views.samples:
            s = validation_part(data, validation_split)
            k = min(TILE_COUNT, len(s))
            self.tiles.set_samples(next(iter(s.x.values()))[:k], next(iter(s.y.values()))[:k], data.classes)
            self.confusion.set_classes(data.classes)
            if front:
                self.setCurrentIndex(1)

    def show_state(self, graph: Graph, data: Dataset | None, views: Views | None, validation_split: float) -> None:
        """What the views show between runs: ``graph`` as its weights are now on ``data`` (the numpy
        reference pass, so nothing compiles), or nothing when there is no model or data to show."""
        self.boundary.show_nothing()
        self.tiles.set_samples(np.zeros((0, 1)), np.zeros(0))
        self.confusion.set_matrix(np.zeros((0, 0), np.int64))
        if data is None or views is None or not graph.analysis().valid:
            return
        self.prepare(views, data, validation_split, front=False)
        weighted = all(layer.weights or not layer.spec.has_weights for layer in graph.layers.values())
        if not weighted:
            return  # no weights drawn yet: the data alone
        from graph_core.reference import forward

        name = next(iter(data.x))
        output = next(iter(data.y))
        if views.boundary:
            grid = probe.boundary_grid(data.x[name], BOUNDARY_RESOLUTION)
            self.boundary.set_scores(probe.class_scores(forward(graph, {name: grid.points})[output]))
        if views.samples and len(self.tiles.truth):  # the tiles, and the confusion over the first samples
            s = validation_part(data, validation_split)
            k = min(STATE_SAMPLES, len(s))
            truth = np.asarray(s.y[output][:k]).astype(np.int64).ravel()
            pred = probe.class_scores(forward(graph, {name: s.x[name][:k]})[output]).argmax(axis=1)
            self.tiles.set_predictions(pred[: len(self.tiles.truth)])
            self.confusion.set_matrix(probe.confusion(truth, pred, max(views.classes, int(pred.max()) + 1)))

    def show_snapshot(self, snap: Snapshot) -> None:
        """The boundary, sample predictions and confusion matrix the snapshot holds, if any."""
        if snap.boundary is not None:
            self.boundary.set_scores(snap.boundary)
        if snap.samples is not None:
            pred, cm = snap.samples
            self.tiles.set_predictions(pred)
            self.confusion.set_matrix(cm)

    def predict(
        self, graph: Graph, data: Dataset | None, index: int, no_data: str = ""
    ) -> dict[str, np.ndarray] | None:
        """Run the model (with ``graph``'s weights) on sample ``index`` of ``data`` and show each output.

        ``no_data`` says why there is no data (a core message is shown in the language in force).
        """
        if data is None:
            self.predict_output.setPlainText(i18n.core_text(no_data) or i18n.translate("Training", "No data"))
            return None
        index = max(0, min(index, len(data) - 1))
        inputs = {k: v[index : index + 1] for k, v in data.x.items()}
        outputs = self._run(graph, inputs)
        if outputs is None:
            return None
        lines = [i18n.translate("Training", "Sample {0} of {1}").format(index, data.name)]
        for k, v in inputs.items():
            if k in data.tokens:  # the text the ids stand for
                text = sample_text(v[0], data.tokens[k])
                lines.append(i18n.translate("Training", "input {0} {1}: {2}").format(k, tuple(v.shape[1:]), text))
                continue
            flat = v.ravel()
            shown = ", ".join(f"{a:.3g}" for a in flat[:8]) + (" …" if flat.size > 8 else "")
            lines.append(i18n.translate("Training", "input {0} {1}: [{2}]").format(k, tuple(v.shape[1:]), shown))
        truth = {name: np.asarray(data.y[name][index]).ravel() for name in outputs if name in data.y}
        self._show_outputs(lines, outputs, truth)
        x = next(iter(inputs.values()))[0]
        self._show_result(x if len(inputs) == 1 and is_image_data(x[None]) else None, outputs)
        return outputs

    def predict_drawing(self, graph: Graph) -> dict[str, np.ndarray] | None:
        """Run the model on the drawing, made into its input as MNIST's digits were (:mod:`kernels.images`)."""
        spec = self.image_spec
        if spec is None:
            return None
        sample = images.drawing_to_input(self.predict_tab.canvas.ink(), spec)
        self.predict_tab.set_note("")
        return self._predict_image(graph, sample, i18n.translate("Training", "Drawing"))

    def predict_file(self, graph: Graph, path: str) -> dict[str, np.ndarray] | None:
        """Run the model on the image file ``path``; one message in the tab when it cannot be read."""
        spec = self.image_spec
        if spec is None:
            return None
        try:
            prepared = images.image_to_input(images.read_image(path), spec)
        except LayerwireError as exc:
            self.predict_tab.set_note(i18n.core_text(exc), error=True)
            return None
        inverted = i18n.translate("Training", "Inverted: dark ink on a light ground, made light on black as the "
                                  "data's images are")  # fmt: skip
        self.predict_tab.set_note(inverted if prepared.inverted else "")
        return self._predict_image(graph, prepared.sample, i18n.translate("Training", "Image {0}").format(path))

    def _predict_image(self, graph: Graph, sample: np.ndarray, title: str) -> dict[str, np.ndarray] | None:
        assert self.image_spec is not None
        self.last_input = sample
        outputs = self._run(graph, {self.image_spec.name: sample[None]})
        if outputs is None:
            return None
        self._show_outputs([title], outputs, {})
        self._show_result(sample, outputs)
        return outputs

    def _run(self, graph: Graph, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray] | None:
        from kernels.executor import predict

        try:
            return predict(graph, inputs)
        except LayerwireError as exc:
            self.predict_output.setPlainText(i18n.core_text(exc))
            self.predict_tab.clear_result()
            return None

    def _show_result(self, sample: np.ndarray | None, outputs: dict[str, np.ndarray]) -> None:
        """The input as the model got it, the first output's class and its probabilities."""
        y = next(iter(outputs.values()))
        scores = probe.class_scores(y[:1])[0] if y[0].size > 1 else None
        self.predict_tab.show_result(sample, scores, self.classes)

    def _show_outputs(self, lines: list[str], outputs: dict[str, np.ndarray], truth: dict[str, np.ndarray]) -> None:
        for name, y in outputs.items():
            values = y[0].ravel()
            shown = ", ".join(f"{a:.4f}" for a in values[:20])
            lines.append("\n" + i18n.translate("Training", "output {0}: [{1}]").format(name, shown))
            if len(values) > 1:
                scores = probe.class_scores(y[:1])[0]
                predicted = i18n.translate("Training", "predicted class {0} ({1})")
                best = int(scores.argmax())
                label = f"{best} {self.classes[best]}" if best < len(self.classes) else str(best)
                lines.append("  " + predicted.format(label, f"{scores.max():.1%}"))
            if name in truth:
                true = truth[name].tolist()
                label = (class_name(int(true[0]), self.classes) if self.classes and len(true) == 1
                         and float(true[0]).is_integer() else true)  # fmt: skip
                lines.append("  " + i18n.translate("Training", "true: {0}").format(label))
        self.predict_output.setPlainText("\n".join(lines))
