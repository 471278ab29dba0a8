"""Step-through: one sample through the model, node by node, then the loss, then the gradients back.

The panel takes a sample (a row of the project's data set, zeros or random numbers),
asks :func:`kernels.stepper.trace` for the engine's numbers, and walks them in stages:
each node's output in forward order, the loss, then each node's gradient in backward
order with the gradients of its layer's weights. A recurrent layer's output is followed
by its time steps, one stage each: its gates, cell and state at that step as labelled
rows, and the state so far below. Values are drawn as bars (up to :data:`MAX_BARS`
values) or as a heatmap; an image (a convolution's output) as one tile per feature map,
and a convolution's kernel (or its gradient) as one tile per filter
(:mod:`gui.feature_maps`). The node being shown is selected on the canvas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from graph_core.errors import LayerwireError
from graph_core.settings import TrainingSettings
from gui import i18n, theme
from gui.document import Document
from gui.feature_maps import TileGrid
from kernels import stepper
from kernels.stepper import Trace

MAX_BARS = 64
POSITIVE, NEGATIVE = QColor("#1E88E5"), QColor("#E53935")
#: The rows a time step shows, in order: what the recurrent op names (see ``RecurrentOp.inside``).
TIME_ROWS = ("i", "f", "g", "o", "z", "r", "hh", "c", "h")


@dataclass(frozen=True)
class TimeStep:
    """One time step of a recurrent call: a stage of its own after the call's output."""

    trace: stepper.NodeTrace
    step: int  # in the order the layer reads (backwards for go_backwards)

    @property
    def node(self) -> int:
        return self.trace.node


class ValuesPlot(QWidget):
    """Bars for a few values, a heatmap for many; blue positive, red negative, scaled to the largest |value|."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros(0, np.float32)
        self.labels: list[str] = []
        self.scales: list[float | None] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, values: np.ndarray | None, labels: list[str] | None = None,
                   scales: list[float | None] | None = None) -> None:  # fmt: skip
        """Show ``values``; ``labels`` name the rows of a 2-D array (drawn at their left) and ``scales`` give each
        row the value drawn at full colour (None: the row's own largest)."""
        self.values = np.zeros(0, np.float32) if values is None else np.asarray(values, np.float32)
        self.labels = list(labels or [])
        self.scales = list(scales or [])
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colors = theme.canvas_colors()
        painter.fillRect(self.rect(), colors.background)
        flat = self.values.reshape(-1)
        if flat.size == 0:
            return
        top = float(np.max(np.abs(flat))) or 1.0
        r = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if flat.size <= MAX_BARS and self.values.ndim <= 1:
            mid = r.center().y()
            painter.setPen(QPen(colors.grid, 1))
            painter.drawLine(int(r.left()), int(mid), int(r.right()), int(mid))
            w = r.width() / flat.size
            for i, v in enumerate(flat):
                h = (r.height() / 2) * float(v) / top
                painter.fillRect(QRectF(r.left() + i * w + 1, mid - max(h, 0), max(w - 2, 1), abs(h)),
                                 POSITIVE if v >= 0 else NEGATIVE)  # fmt: skip
            return
        if self.labels:
            painter.setPen(colors.label)
            width = max(painter.fontMetrics().horizontalAdvance(t) for t in self.labels) + 8
            step = r.height() / len(self.labels)
            for i, text in enumerate(self.labels):
                painter.drawText(QRectF(r.left(), r.top() + i * step, width - 6, step),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)  # fmt: skip
            r.setLeft(r.left() + width)
        grid = self.values if self.values.ndim == 2 else flat.reshape(1, -1)
        if grid.shape[0] == 1:  # one long vector: wrap it into a near-square block
            cols = math.ceil(math.sqrt(flat.size))
            grid = np.full(cols * math.ceil(flat.size / cols), np.nan, np.float32)
            grid[: flat.size] = flat
            grid = grid.reshape(-1, cols)
        rows, cols = grid.shape
        cw, ch = r.width() / cols, r.height() / rows
        painter.setPen(Qt.PenStyle.NoPen)
        for i in range(rows):
            if len(self.scales) == rows:  # rows of different things (gates, cell, state), each on its own scale
                top = self.scales[i] or float(np.nanmax(np.abs(grid[i]))) or 1.0
            for j in range(cols):
                v = grid[i, j]
                if np.isnan(v):
                    continue
                c = QColor(POSITIVE if v >= 0 else NEGATIVE)
                c.setAlphaF(min(1.0, abs(float(v)) / top))
                painter.fillRect(QRectF(r.left() + j * cw, r.top() + i * ch, cw + 0.5, ch + 0.5), c)


def _figures(a: np.ndarray) -> str:
    return i18n.translate("StepThrough", "min {0:.4g}  max {1:.4g}  mean {2:.4g}").format(a.min(), a.max(), a.mean())


def _describe(a: np.ndarray) -> str:
    flat = a.reshape(-1)
    head = ", ".join(f"{v:.4g}" for v in flat[:8]) + (", …" if flat.size > 8 else "")
    return f"[{head}]  " + _figures(flat)


class Shown(QStackedWidget):
    """A :class:`ValuesPlot`, or :class:`TileGrid` for images and kernels: whichever suits the values."""

    def __init__(self, minimum: int) -> None:
        super().__init__()
        self.plot, self.tiles = ValuesPlot(), TileGrid()
        self.plot.setMinimumHeight(minimum)
        self.addWidget(self.plot)
        self.addWidget(self.tiles)
        self.values = np.zeros(0, np.float32)

    def set_values(self, values: np.ndarray | None, labels: list[str] | None = None,
                   scales: list[float | None] | None = None) -> None:  # fmt: skip
        self.values = np.zeros(0, np.float32) if values is None else np.asarray(values, np.float32)
        if values is not None and self.values.ndim == 3:  # rows, columns, channels: feature maps
            self.tiles.show_maps(self.values)
            self.setCurrentWidget(self.tiles)
        else:
            self.plot.set_values(values, labels, scales)
            self.setCurrentWidget(self.plot)

    def set_filters(self, kernel: np.ndarray, caption: str = "") -> None:
        self.values = np.asarray(kernel, np.float32)
        self.tiles.show_filters(self.values, caption)
        self.setCurrentWidget(self.tiles)


class StepThrough(QWidget):
    """The step-through panel of one document."""

    node_shown = Signal(int)  # the node whose values are on show (for the canvas to select)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.trace: Trace | None = None
        # ("forward", step), ("time", TimeStep), ("loss", None), ("backward", step): a step is a node's value (a
        # node with several outputs has a step for each); a recurrent call's forward stage is followed by its
        # time steps
        self.stages: list[tuple[str, stepper.NodeTrace | TimeStep | None]] = []
        self.position = -1
        self.source = QComboBox()
        self.index = QSpinBox()
        self.index.setRange(0, 999_999)
        self.run = QPushButton()
        self.back = QPushButton()
        self.next = QPushButton()
        self.end = QPushButton()
        self.stage = QLabel()
        font = self.stage.font()
        font.setBold(True)
        self.stage.setFont(font)
        self.stage.setWordWrap(True)
        self.plot = Shown(120)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.weights_plot = Shown(80)
        top = QHBoxLayout()
        top.addWidget(self.source, 1)
        top.addWidget(self.index)
        buttons = QHBoxLayout()
        for b in (self.run, self.back, self.next, self.end):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.stage)
        layout.addWidget(self.plot, 2)
        layout.addWidget(self.details)
        layout.addWidget(self.weights_plot, 1)
        self.run.clicked.connect(self.start)
        self.back.clicked.connect(lambda: self.go(self.position - 1))
        self.next.clicked.connect(lambda: self.go(self.position + 1))
        self.end.clicked.connect(lambda: self.go(len(self.stages) - 1))
        self.retranslate()
        self.set_document(document)

    # ------------------------------------------------------------------ inputs

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            try:
                self.document.changed.disconnect(self._invalidate)
            except (RuntimeError, TypeError):
                pass
        self.document = document
        document.changed.connect(self._invalidate)
        self._invalidate(new_document=True)

    def settings(self) -> TrainingSettings:
        try:
            return TrainingSettings.from_dict(self.document.project.training or {})
        except LayerwireError:
            return TrainingSettings()

    def _data_name(self) -> str | None:
        return self.settings().data

    def _invalidate(self, new_document: bool = False) -> None:
        """The graph changed: the trace shown no longer describes it (a new document starts on its data)."""
        self.trace, self.stages, self.position = None, [], -1
        data = self._data_name()
        current = "data" if new_document else self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        if data:
            self.source.addItem(self.tr("Sample from the data set ({0})").format(data), "data")
        self.source.addItem(self.tr("Zeros"), "zeros")
        self.source.addItem(self.tr("Random numbers"), "random")
        found = self.source.findData(current)
        self.source.setCurrentIndex(max(found, 0))
        self.source.blockSignals(False)
        self._show()

    # ------------------------------------------------------------------ running

    def sample(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """The chosen sample's inputs ``(1, ...)`` and targets, as the trainer would feed them."""
        graph = self.document.graph
        kind = self.source.currentData() or "zeros"
        if kind == "data":
            from kernels.datasets import for_training, load_dataset

            # a known set: once the dock downloaded it; a folder of images: streamed, so only the sample is decoded
            data = load_dataset(self._data_name(), graph, fetch=False, stream=True)
            data = for_training(data, graph, targets_from_inputs=self.settings().targets_from_inputs)
            self.index.setRange(0, len(data) - 1)
            i = self.index.value()
            return ({k: v[i : i + 1] for k, v in data.x.items()}, {k: v[i : i + 1] for k, v in data.y.items()})
        return stepper.sample_inputs(graph, kind, seed=self.index.value()), stepper.default_targets(
            graph, self.settings()
        )

    def start(self) -> bool:
        """Compute the trace of the chosen sample and show the first node; False (with the reason) on failure."""
        graph = self.document.graph
        try:
            xs, ys = self.sample()
            self.trace = stepper.trace(graph, xs, ys, self.settings())
        except (LayerwireError, ValueError, KeyError) as exc:
            self.trace, self.stages, self.position = None, [], -1
            self.stage.setText(self.tr("Cannot run this model: {0}").format(i18n.core_text(exc)))
            return False
        self.stages = []
        for n in self.trace.nodes:
            self.stages.append(("forward", n))
            if "h" in n.inside:
                self.stages += [("time", TimeStep(n, s)) for s in range(len(n.inside["h"]))]
        self.stages.append(("loss", None))
        self.stages += [("backward", n) for n in reversed(self.trace.nodes) if n.grad is not None]
        self.go(0)
        return True

    def go(self, position: int) -> None:
        if not self.stages:
            return
        self.position = max(0, min(position, len(self.stages) - 1))
        self._show()
        kind, step = self.stages[self.position]
        if step is not None:
            self.node_shown.emit(step.node)

    # ------------------------------------------------------------------ showing

    def stage_of(self, kind: str, node: int | None = None) -> int:
        """The position of the stage ``kind`` (``forward``, ``loss``, ``backward``) of ``node`` (its first output's)."""
        return next(i for i, (k, step) in enumerate(self.stages) if k == kind and (step is None or step.node == node))

    def current_stage(self) -> tuple[str, stepper.NodeTrace | TimeStep | None] | None:
        return self.stages[self.position] if 0 <= self.position < len(self.stages) else None

    def shown_values(self) -> np.ndarray:
        """The numbers drawn in the main plot now (a node's output or gradient, or the losses)."""
        return self.plot.values

    def shown_weight_grads(self) -> dict[tuple[str, str], np.ndarray]:
        """At a backward stage: the gradients of the shown node's layer's weights."""
        stage = self.current_stage()
        if self.trace is None or stage is None or stage[0] != "backward":
            return {}
        layer = stage[1].layer.partition("[")[0]  # type: ignore[union-attr]  # inner[1]: the layer inner
        return {k: v for k, v in self.trace.weight_grads.items() if k[0] == layer}

    def _show(self) -> None:
        stage = self.current_stage()
        self.back.setEnabled(self.position > 0)
        self.next.setEnabled(0 <= self.position < len(self.stages) - 1)
        self.end.setEnabled(self.next.isEnabled())
        self.weights_plot.set_values(None)
        self.plot.setToolTip("")
        if stage is None or self.trace is None:
            self.stage.setText(self.tr("Choose a sample and press Start."))
            self.plot.set_values(None)
            self.details.clear()
            return
        kind, n = stage
        count = f"{self.position + 1}/{len(self.stages)}"
        if kind == "loss":
            t = self.trace
            self.stage.setText(self.tr("Loss {0}: {1:.6g}").format(count, t.loss))
            self.plot.set_values(np.array(list(t.losses.values()), np.float32))
            self.details.setText("<br>".join(f"{k} — {t.loss_names[k]}: {v:.6g}" for k, v in t.losses.items()))
            return
        assert n is not None
        if isinstance(n, TimeStep):
            self._show_time_step(count, n)
            return
        if kind == "forward":
            self.stage.setText(self.tr("Forward {0}: output of {1} ({2})").format(count, n.layer, n.type))
            self.plot.set_values(n.value)
            self.details.setText(self.tr("shape {0}").format(tuple(n.value.shape)) + "  " + _describe(n.value))
            kernel = self._kernel_of(n.layer)
            if kernel is not None:
                self.weights_plot.set_filters(kernel[1], self.tr("the filters of {0}").format(n.layer))
            return
        what = (
            self.tr("gradient of the loss before the activation")
            if n.grad_of_logits
            else self.tr("gradient of the loss with respect to the output")
        )
        self.stage.setText(self.tr("Backward {0}: {1} ({2}) — {3}").format(count, n.layer, n.type, what))
        self.plot.set_values(n.grad)
        lines = [_describe(n.grad)]
        grads = self.shown_weight_grads()
        for (_layer, name), g in grads.items():
            lines.append(f"<b>∂L/∂{name}</b> {tuple(g.shape)}: {_describe(g)}")
        self.details.setText("<br>".join(lines))
        if grads:
            name, g = next(iter(grads.items()))
            if self._kernel_of(n.layer) is not None and name[1] in ("kernel", "depthwise_kernel"):
                self.weights_plot.set_filters(g, self.tr("∂L/∂{0}, filter by filter").format(name[1]))
            else:
                self.weights_plot.set_values(g)

    def _row_label(self, name: str) -> str:
        return {
            "i": self.tr("input gate i"),
            "f": self.tr("forget gate f"),
            "g": self.tr("candidate g"),
            "o": self.tr("output gate o"),
            "z": self.tr("update gate z"),
            "r": self.tr("reset gate r"),
            "hh": self.tr("candidate h̃"),
            "c": self.tr("cell c"),
            "h": self.tr("state h"),
        }[name]

    def _show_time_step(self, count: str, at: TimeStep) -> None:
        """A recurrent call at one time step: its gates, cell and state as labelled rows; the state so far below."""
        inside, s = at.trace.inside, at.step
        steps = len(inside["h"])
        text = self.tr("Forward {0}: {1} ({2}), time step {3} of {4}").format(
            count, at.trace.layer, at.trace.type, s + 1, steps)  # fmt: skip
        position = int(inside["position"][s])
        if position != s:  # go_backwards: the first step reads the last position
            text += self.tr(" (reading position {0})").format(position + 1)
        self.stage.setText(text)
        names = [k for k in TIME_ROWS if k in inside]
        # a gate on its range (0 to 1, a candidate's ±1): full colour at 1; the cell, the state and anything beyond
        # that range (a relu candidate) each to its own largest value
        scales = [None if k in ("c", "h") or np.abs(inside[k][s]).max() > 1 else 1.0 for k in names]
        self.plot.set_values(np.stack([inside[k][s] for k in names]), [self._row_label(k) for k in names], scales)
        lines = [self.tr("input x: {0}").format(_figures(inside["x"][s]))]
        lines += [f"{self._row_label(k)}: {_figures(inside[k][s])}" for k in names]
        self.details.setText("<br>".join(lines))
        self.plot.setToolTip(self.tr("Gates are drawn on their range (full colour at 1); the cell and the state each "
                                     "to its own largest value."))  # fmt: skip
        self.weights_plot.set_values(inside["h"][: s + 1], [self.tr("state h, steps 1 to {0}").format(s + 1)])

    def _kernel_of(self, layer_name: str) -> tuple[str, np.ndarray] | None:
        """A convolution layer's kernel (its first: the depthwise one of a SeparableConv2D), or None."""
        layer = self.document.graph.layers.get(layer_name)
        if layer is None or layer.spec.category != "Convolution":
            return None
        for name in ("kernel", "depthwise_kernel"):
            if name in layer.weights:
                return name, layer.weights[name]
        return None

    def retranslate(self) -> None:
        self.run.setText(self.tr("Start"))
        self.back.setText(self.tr("◀ Back"))
        self.next.setText(self.tr("Step ▶"))
        self.end.setText(self.tr("To the end ▶▶"))
        self.index.setToolTip(self.tr("Sample number (the seed for random numbers)"))
        if self.document is not None:
            self._invalidate_texts()

    def _invalidate_texts(self) -> None:
        position = self.position
        stages, trace = self.stages, self.trace
        self._invalidate()
        self.trace, self.stages, self.position = trace, stages, position
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
