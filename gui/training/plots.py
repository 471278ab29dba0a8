"""Live training curves (pyqtgraph): loss per batch (raw and smoothed), per epoch, and accuracy.

Curves are made once; :meth:`TrainingPlots.add_batches`/:meth:`add_epoch` only append to
numpy buffers, and :meth:`redraw` (called from the panel's timer) hands them to
``setData``. Long histories are clipped to the view and downsampled by pyqtgraph.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui import i18n, theme

SMOOTHING = 0.9  # exponential moving average of the batch loss, as TensorBoard's slider


#: Most points a series keeps; beyond it, each point stands for the mean of twice as many (found by the soak
#: test: an unbounded batch history grew memory by ~9 MB a minute and made every redraw of a long run slower).
MAX_POINTS = 20_000

RANGE_INTERVAL = 1.0  # seconds between changes of a plot's y range during a run, at least
LOSS_CURVES = ("batch", "smooth", "loss", "val_loss")  # keys of the curves on the loss plot
METRIC_CURVES = ("acc", "val_acc")
EPOCH_CURVES = ("loss", "val_loss", "acc", "val_acc")
X_HORIZON = 10.0  # seconds of the run the x axis makes room for when the points reach its end
EPOCH_INTERVAL = 1.0  # seconds between redraws of the epoch curves during a run, at least


class Series:
    """A growing (x, y) series in preallocated arrays, at most ``limit`` points.

    When the limit is reached, neighbouring points are averaged in pairs and from then on
    each new point is the mean of ``stride`` incoming ones, so the density stays even.
    """

    def __init__(self, limit: int = MAX_POINTS) -> None:
        self.limit = limit
        self.clear()

    def extend(self, xs: np.ndarray, ys: np.ndarray) -> None:
        xs = np.concatenate([self._px, np.asarray(xs, dtype=float)])
        ys = np.concatenate([self._py, np.asarray(ys, dtype=float)])
        full = len(xs) // self.stride * self.stride
        self._px, self._py = xs[full:], ys[full:]
        if full:
            k = self.stride
            self._append(xs[:full].reshape(-1, k).mean(axis=1), ys[:full].reshape(-1, k).mean(axis=1))

    def _append(self, xs: np.ndarray, ys: np.ndarray) -> None:
        need = self.n + len(xs)
        if need > len(self.x):
            size = max(need, 2 * len(self.x))
            self.x = np.resize(self.x, size)
            self.y = np.resize(self.y, size)
        self.x[self.n : need] = xs
        self.y[self.n : need] = ys
        self.n = need
        while self.n > self.limit:
            pairs = self.n // 2  # an odd last point stays as it is
            for a in (self.x, self.y):
                last = a[self.n - 1]
                a[:pairs] = a[: 2 * pairs].reshape(pairs, 2).mean(axis=1)
                a[pairs] = last
            self.n = pairs + self.n % 2
            self.stride *= 2

    def clear(self) -> None:
        self.x = np.empty(1024)
        self.y = np.empty(1024)
        self.n = 0
        self.stride = 1
        self._px = self._py = np.empty(0)

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.n], self.y[: self.n]


def peak_decimate(x: np.ndarray, y: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``2 * bins`` points: the lowest and the highest of each of at most ``bins`` runs of points.

    ``x`` increasing. Drawn one run a pixel, the line covers the same pixels as all the points would.
    """
    n = len(x)
    if n <= 2 * bins:
        return x, y
    k = -(-n // bins)  # points a run
    full = n // k * k
    runs = [y[:full].reshape(-1, k)]
    starts = [x[:full:k]]
    if full < n:  # the newest few points make a shorter last run
        runs.append(y[full:].reshape(1, -1))
        starts.append(x[full : full + 1])
    lo = np.concatenate([r.min(axis=1) for r in runs])
    hi = np.concatenate([r.max(axis=1) for r in runs])
    out_y = np.empty(2 * len(lo))
    out_y[0::2], out_y[1::2] = lo, hi
    return np.repeat(np.concatenate(starts), 2), out_y


def _plot(title: str, y_label: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(background=None)
    item = widget.getPlotItem()
    item.setTitle(title, size="9pt")
    item.setLabel("bottom", i18n.translate("Training", "epoch"))
    item.setLabel("left", y_label)
    item.showGrid(x=True, y=True, alpha=0.25)
    item.getAxis("left").enableAutoSIPrefix(False)
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    legend = item.addLegend(offset=(-8, 8), labelTextSize="8pt", brush=(255, 255, 255, 170))
    # Axes (with their grid) and the legend change far less often than the curves: drawn into a
    # pixmap once, each repaint only copies it, instead of drawing every label and line again.
    for part in (item.getAxis("left"), item.getAxis("bottom"), legend):
        part.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    widget.setMinimumHeight(90)
    return widget


class TrainingPlots(QWidget):
    """Loss and accuracy plots with a log-scale toggle; x is in epochs (batches as fractions)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        dark = theme.is_dark()
        fg = "#DDDDDD" if dark else "#333333"
        pg.setConfigOptions(antialias=False, foreground=fg)
        self.loss_plot = _plot(i18n.translate("Training", "Loss"), i18n.translate("Training", "loss"))
        self.acc_plot = _plot(i18n.translate("Training", "Accuracy"), i18n.translate("Training", "accuracy"))
        blue, orange, faint = "#1E88E5", "#F4511E", (30, 136, 229, 60)
        li = self.loss_plot.getPlotItem()
        # The batch curves change at every redraw: plain curve items fed with at most two points a pixel
        # (see peak_decimate) cost a third of what pyqtgraph's PlotDataItem with its own downsampling does.
        self.batch_curve = pg.PlotCurveItem(pen=pg.mkPen(faint, width=1), name=i18n.translate("Training", "batch"))
        self.smooth_curve = pg.PlotCurveItem(pen=pg.mkPen(blue, width=1),
                                             name=i18n.translate("Training", "batch (smoothed)"))  # fmt: skip
        li.addItem(self.batch_curve)
        li.addItem(self.smooth_curve)
        self.epoch_curve = li.plot(pen=pg.mkPen(blue, width=2), symbol="o", symbolSize=5, symbolBrush=blue,
                                   name=i18n.translate("Training", "epoch"))  # fmt: skip
        self.val_curve = li.plot(pen=pg.mkPen(orange, width=2), symbol="o", symbolSize=5, symbolBrush=orange,
                                 name=i18n.translate("Training", "validation"))  # fmt: skip
        ai = self.acc_plot.getPlotItem()
        self.acc_curve = ai.plot(pen=pg.mkPen(blue, width=2), symbol="o", symbolSize=5, symbolBrush=blue,
                                 name=i18n.translate("Training", "accuracy"))  # fmt: skip
        self.val_acc_curve = ai.plot(pen=pg.mkPen(orange, width=2), symbol="o", symbolSize=5, symbolBrush=orange,
                                     name=i18n.translate("Training", "validation"))  # fmt: skip
        # The epoch curves and the legend change once an epoch at most, but the batch curves under
        # them make them repaint at every redraw: drawn into a pixmap once, a repaint copies it.
        for curve in (self.epoch_curve, self.val_curve, self.acc_curve, self.val_acc_curve):
            for part in (curve.curve, curve.scatter):
                part.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        for plot in (self.loss_plot, self.acc_plot):
            for sample, label in plot.getPlotItem().legend.items:
                sample.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.log_scale = QCheckBox()
        i18n.bind(self.log_scale, "setText", i18n.translate("Training", "Log scale"))
        i18n.bind(self.log_scale, "setToolTip", i18n.translate("Training", "Show the loss on a logarithmic axis"))
        self.log_scale.toggled.connect(self._on_log_scale)
        self.batch = Series()
        self.smooth = Series()
        self.epochs: dict[str, Series] = {k: Series() for k in ("loss", "val_loss", "acc", "val_acc")}
        self._ema: float | None = None
        self._curves = {
            "batch": (self.batch, self.batch_curve), "smooth": (self.smooth, self.smooth_curve),
            "loss": (self.epochs["loss"], self.epoch_curve), "val_loss": (self.epochs["val_loss"], self.val_curve),
            "acc": (self.epochs["acc"], self.acc_curve), "val_acc": (self.epochs["val_acc"], self.val_acc_curve),
        }  # fmt: skip
        self._dirty: set[str] = set()  # the curves whose series changed since the last redraw
        self._running = False  # between begin_run and end_run
        self._range_due: dict[int, float] = {}  # id(plot) -> when its y range may change again
        self._epochs_due = 0.0  # when the epoch curves may be drawn again during a run
        self._run_end = self._x_end = 0.0  # the run's last epoch, the x axis's end during a run
        self._run_start = (0.0, 0.0)  # when the run began, and its first epoch
        self._in_redraw = False
        self.loss_plot.getPlotItem().getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        self.redraws = 0  # how many redraws drew something (tests, benchmark)
        self.metric_name = "accuracy"
        row = QHBoxLayout()
        row.addWidget(self.log_scale)
        self.info = QLabel()
        row.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.loss_plot, 3)
        layout.addWidget(self.acc_plot, 2)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """Titles, axis labels and legend entries in the language in force."""
        for plot in (self.loss_plot, self.acc_plot):
            item = plot.getPlotItem()
            item.setLabel("bottom", i18n.translate("Training", "epoch"))
            for sample, label in item.legend.items if item.legend is not None else []:
                name = sample.item.name()
                if isinstance(name, i18n.Text):
                    again = name.again()
                    sample.item.opts["name"] = again
                    label.setText(again)
        loss = self.loss_plot.getPlotItem()
        loss.setTitle(i18n.translate("Training", "Loss"), size="9pt")
        loss.setLabel("left", i18n.translate("Training", "loss"))
        if self.metric_name == "accuracy":
            acc = self.acc_plot.getPlotItem()
            acc.setTitle(i18n.translate("Training", "Accuracy"), size="9pt")
            acc.setLabel("left", i18n.translate("Training", "accuracy"))

    def clear(self) -> None:
        """Forget every point (a new run, or weights reset)."""
        for s in (self.batch, self.smooth, *self.epochs.values()):
            s.clear()
        self._ema = None
        self._dirty.update(self._curves)
        self.redraw()

    def add_batches(self, first: int, losses: np.ndarray, batches_per_epoch: int, first_epoch: int = 0) -> None:
        """Losses ``(k,)`` of the consecutive batches ``first``, ``first + 1``... (batch numbers in the run)."""
        if not len(losses):
            return
        losses = np.asarray(losses, dtype=float)
        xs = first_epoch + (first + 1 + np.arange(len(losses))) / max(1, batches_per_epoch)
        smooth = np.empty_like(losses)
        ema = self._ema
        for i, v in enumerate(losses.tolist()):
            ema = v if ema is None else SMOOTHING * ema + (1 - SMOOTHING) * v
            smooth[i] = ema
        self._ema = ema
        self.batch.extend(xs, losses)
        self.smooth.extend(xs, smooth)
        self._dirty.update(("batch", "smooth"))

    def add_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        """One finished epoch's Keras logs, at x = ``epoch`` + 1 (epochs counted from 0)."""
        x = np.array([epoch + 1.0])
        metric = next((k for k in logs if k in ("accuracy", "mae") or k.endswith(("_accuracy", "_mae"))
                       and not k.startswith("val_")), None)  # fmt: skip
        for key, name in (("loss", "loss"), ("val_loss", "val_loss"), ("acc", metric),
                          ("val_acc", f"val_{metric}" if metric else None)):  # fmt: skip
            if name is not None and name in logs:
                self.epochs[key].extend(x, np.array([logs[name]]))
                self._dirty.add(key)
        if metric and metric != self.metric_name:
            self.metric_name = metric
            self.acc_plot.getPlotItem().setTitle(metric.replace("_", " ").capitalize(), size="9pt")
            self.acc_plot.getPlotItem().setLabel("left", metric)

    def show_history(self, history: list[dict]) -> int:
        """Show the epochs of earlier runs (the project's history); returns how many epochs there were."""
        epoch = 0
        for run in history:
            for logs in run.get("epochs", []):
                if isinstance(logs, dict):
                    self.add_epoch(epoch, {k: v for k, v in logs.items() if isinstance(v, (int, float))})
                    epoch += 1
        self.redraw()
        return epoch

    def begin_run(self, first_epoch: int, epochs: int) -> None:
        """A new run of ``epochs`` epochs after ``first_epoch`` earlier ones: no batch points yet.

        During the run the x axis grows in steps rather than fitting the points at every
        redraw, which would lay the axes out again each time: when the points reach its end
        it makes room for about :data:`X_HORIZON` more seconds of the run (never past its
        last epoch), so it moves once every few seconds at most.
        """
        for s in (self.batch, self.smooth):
            s.clear()
        self._ema = None
        self._dirty.update(("batch", "smooth"))
        self._run_end = float(first_epoch + epochs)
        self._run_start = (time.monotonic(), float(first_epoch))
        self._set_x_end(min(self._run_end, first_epoch + 1.0))
        self._range_due.clear()
        self._epochs_due = 0.0
        self._running = True

    def end_run(self) -> None:
        """The run is over: both axes fit the points again, every curve drawn."""
        self._running = False
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().enableAutoRange()
        self._dirty.update(("batch", "smooth"))
        self.redraw()

    def redraw(self, everything: bool = False) -> None:
        """Hand the buffers that changed since the last redraw to their curves.

        During a run the epoch curves are handed over at most every :data:`EPOCH_INTERVAL`
        seconds (unless ``everything``, as when the run pauses): a small model ends ten
        epochs a second, and each new epoch point redraws both plots and their symbols.
        """
        due = self._dirty
        if self._running and not everything:
            now = time.monotonic()
            if now < self._epochs_due:
                due = due.intersection(("batch", "smooth"))
            elif not due.isdisjoint(EPOCH_CURVES):
                self._epochs_due = now + EPOCH_INTERVAL
        if not due:
            return
        self.redraws += 1
        for key in due:
            series, curve = self._curves[key]
            if key in ("batch", "smooth"):
                self._draw_batches(series, curve)
            else:
                curve.setData(*series.data())
        if self._running:
            self._steady_x_range()
            for plot, keys, log in ((self.loss_plot, LOSS_CURVES, self.log_scale.isChecked()),
                                    (self.acc_plot, METRIC_CURVES, False)):  # fmt: skip
                if not due.isdisjoint(keys):
                    self._steady_y_range(plot, [self._curves[k][0].data()[1] for k in keys], log)
        self._dirty -= due

    def _draw_batches(self, series: Series, curve: pg.PlotCurveItem) -> None:
        """The part of a batch series in view, at most two points a pixel, on the loss plot's y scale."""
        x, y = series.data()
        vb = self.loss_plot.getPlotItem().getViewBox()
        if len(x) and not vb.autoRangeEnabled()[0]:  # clipped to the view (when the view does not fit the data)
            x0, x1 = vb.viewRange()[0]
            first, last = np.searchsorted(x, [x0, x1])
            x, y = x[max(0, first - 1) : last + 1], y[max(0, first - 1) : last + 1]
        x, y = peak_decimate(x, y, max(1, int(vb.width())))
        if self.log_scale.isChecked():
            y = np.log10(np.maximum(y, 1e-30))  # PlotCurveItem has no log mode of its own
        curve.setData(x, y)

    def _on_log_scale(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self._redraw_batches()

    def _on_x_range_changed(self) -> None:
        if not self._running:  # during a run the next redraw follows the view
            self._redraw_batches()

    def _redraw_batches(self) -> None:
        if self._in_redraw:
            return
        self._in_redraw = True
        try:
            for key in ("batch", "smooth"):
                self._draw_batches(*self._curves[key])
        finally:
            self._in_redraw = False

    def _set_x_end(self, end: float) -> None:
        self._x_end = end
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setXRange(0, end, padding=0.02)

    def _steady_x_range(self) -> None:
        """Make room on the x axis for the next seconds of the run when the points reach its end."""
        xs = [self._curves[k][0].data()[0] for k in ("batch", "loss")]
        last = max((float(x[-1]) for x in xs if len(x)), default=0.0)
        if last <= self._x_end:
            return
        began, first = self._run_start
        per_second = (last - first) / max(time.monotonic() - began, 1e-3)  # epochs a second so far
        self._set_x_end(min(self._run_end, last + max(1.0, X_HORIZON * per_second)))

    def _steady_y_range(self, plot: pg.PlotWidget, values: list[np.ndarray], log: bool) -> None:
        """During a run, move the y axis only when the points leave it or fill less than half of it,
        and at most every :data:`RANGE_INTERVAL` seconds.

        Fitting it at every redraw would lay out the axis, its labels and its grid again each time
        (about 3 ms; a small model ends an epoch ten times a second).
        """
        now = time.monotonic()
        if now < self._range_due.get(id(plot), 0.0):
            return
        ys = np.concatenate(values)
        if log:
            ys = np.log10(ys[ys > 0])
        ys = ys[np.isfinite(ys)]
        if not len(ys):
            return
        lo, hi = float(ys.min()), float(ys.max())
        item = plot.getPlotItem()
        shown_lo, shown_hi = item.getViewBox().viewRange()[1]
        if shown_lo <= lo and hi <= shown_hi and hi - lo >= 0.5 * (shown_hi - shown_lo):
            return
        pad = 0.1 * ((hi - lo) or abs(hi) or 1.0)
        item.setYRange(lo - pad, hi + pad, padding=0)
        self._range_due[id(plot)] = now + RANGE_INTERVAL

    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (for tests)."""
        return {"batch": self.batch.n, **{k: s.n for k, s in self.epochs.items()}}
