"""Compare runs: the loss curves of a project's training runs, overlaid, one curve per run.

A project keeps its runs in ``project.history``, one entry per ``fit`` as
:meth:`kernels.training.History.record` writes it (``settings``, ``data``, ``epochs``: a
list of Keras-style log dicts, ``stopped``). An entry may also carry ``id`` and
``label``; without a label the run is named from its number, optimizer, learning rate
and data. The dialog plots one metric (``loss`` by default, or ``val_loss``,
``accuracy``...) against the epoch, with a legend; the list beside it shows or hides runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from graph_core.settings import DEFAULT_LEARNING_RATES
from gui import i18n, theme

PALETTE = ("#1E88E5", "#E53935", "#43A047", "#FB8C00", "#8E24AA", "#00ACC1", "#6D4C41", "#D81B60", "#3949AB")


def run_label(entry: Mapping[str, Any], index: int) -> str:
    """The entry's ``label``, else "Run 2 · adam 0.01 · moons"."""
    label = entry.get("label")
    if isinstance(label, str) and label:
        return label
    settings = entry.get("settings") if isinstance(entry.get("settings"), Mapping) else {}
    parts = [i18n.translate("CompareRuns", "Run {0}").format(entry.get("id", index + 1))]
    optimizer = settings.get("optimizer")
    if isinstance(optimizer, str):
        lr = settings.get("learning_rate") or DEFAULT_LEARNING_RATES.get(optimizer)
        parts.append(f"{optimizer} {lr:g}" if isinstance(lr, (int, float)) else optimizer)
    data = entry.get("data") or settings.get("data")
    if isinstance(data, str) and data:
        parts.append(data)
    return " · ".join(parts)


def run_metrics(history: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every numeric log name found in the runs' epochs, ``loss`` first."""
    names: list[str] = []
    for entry in history:
        for logs in entry.get("epochs", []) if isinstance(entry.get("epochs"), list) else []:
            if isinstance(logs, Mapping):
                names += [k for k, v in logs.items() if isinstance(v, (int, float)) and k not in names]
    return sorted(names, key=lambda k: (k != "loss", k.startswith("val_"), k))


def run_curve(entry: Mapping[str, Any], metric: str) -> tuple[list[int], list[float]]:
    """(epoch numbers from 1, values) of one metric of one run; epochs without it are skipped."""
    xs, ys = [], []
    epochs = entry.get("epochs") if isinstance(entry.get("epochs"), list) else []
    for i, logs in enumerate(epochs):
        value = logs.get(metric) if isinstance(logs, Mapping) else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            xs.append(i + 1)
            ys.append(float(value))
    return xs, ys


class CompareRuns(QDialog):
    """Overlaid curves of a project's runs."""

    def __init__(self, history: Sequence[Mapping[str, Any]], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("compare_runs")
        self.history = [h for h in history if isinstance(h, Mapping)]
        self.metric_box = QComboBox()
        for name in run_metrics(self.history) or ["loss"]:
            self.metric_box.addItem(name, name)
        self.runs = QListWidget()
        self.runs.setMaximumWidth(260)
        self.plot = pg.PlotWidget(background=theme.canvas_colors().background)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plot.getPlotItem().addLegend(offset=(-10, 10))
        self.curves: list[pg.PlotDataItem] = []
        for i in range(len(self.history)):
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.runs.addItem(item)
            pen = pg.mkPen(PALETTE[i % len(PALETTE)], width=2)
            self.curves.append(self.plot.plot([], [], pen=pen, symbol="o", symbolSize=4, symbolBrush=pen.color()))
        self.empty = QLabel()
        self.metric_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.metric_label)
        top.addWidget(self.metric_box)
        top.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 1)
        body.addWidget(self.runs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addLayout(body, 1)
        self.metric_box.currentIndexChanged.connect(lambda *_: self.redraw())
        self.runs.itemChanged.connect(lambda *_: self.redraw())
        self.resize(900, 520)
        self.retranslate()

    def labels(self) -> list[str]:
        return [run_label(entry, i) for i, entry in enumerate(self.history)]

    def visible_curves(self) -> dict[str, tuple[list[float], list[float]]]:
        """Label -> (x, y) of every curve on show (for tests)."""
        out = {}
        for label, curve in zip(self.labels(), self.curves, strict=True):
            if curve.isVisible():
                x, y = curve.getData()
                out[label] = ([] if x is None else list(x), [] if y is None else list(y))
        return out

    def redraw(self) -> None:
        metric = self.metric_box.currentData() or "loss"
        self.legend.clear()
        for i, (entry, curve, label) in enumerate(zip(self.history, self.curves, self.labels(), strict=True)):
            xs, ys = run_curve(entry, metric)
            curve.setData(xs, ys)
            shown = self.runs.item(i).checkState() == Qt.CheckState.Checked and bool(xs)
            curve.setVisible(shown)
            if shown:
                self.legend.addItem(curve, label)
        self.plot.getPlotItem().setLabel("left", metric)
        self.plot.getPlotItem().setLabel("bottom", self.tr("epoch"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare Runs"))
        self.metric_label.setText(self.tr("Metric:"))
        self.empty.setText(self.tr("This project has no training runs yet.") if not self.history else "")
        self.empty.setVisible(not self.history)
        self.runs.blockSignals(True)
        for i, label in enumerate(self.labels()):
            self.runs.item(i).setText(label)
            self.runs.item(i).setForeground(pg.mkColor(PALETTE[i % len(PALETTE)]))
        self.runs.blockSignals(False)
        self.redraw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
