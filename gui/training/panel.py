"""The training dock: settings, Start/Pause/Stop/Reset, live curves and the views that teach.

The panel follows one document and owns one :class:`~gui.training.worker.TrainingWorker`
at a time. Its parts: :class:`~gui.training.controls.RunControls` (settings, buttons,
message), :class:`~gui.training.plots.TrainingPlots` (curves) and
:class:`~gui.training.tabs.ViewTabs` (boundary, samples, data, predict). A timer
(:data:`REFRESH_MS`) drains the worker's feed into the plots, the views, the node badges
and the status bar's progress. Weights go back into the document's graph on the GUI
thread when the run pauses, stops, finishes or diverges; each run adds an entry to the
project's history (:mod:`gui.training.history`), which the curves show again when the
project is reopened.
"""

from __future__ import annotations

import hashlib
import html
import math
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QScrollArea, QSplitter, QVBoxLayout, QWidget

from graph_core import messages
from graph_core.errors import LayerwireError
from graph_core.model import ensure_weights, output_names
from graph_core.reference import token_inputs
from graph_core.settings import TrainingSettings
from gui import i18n
from gui.document import Document
from gui.training.badges import BadgeLayer
from gui.training.controls import WATCHING_SPEED, Phrase, RunControls
from gui.training.download import DataDownload
from gui.training.history import weight_shapes, worker_history
from gui.training.loading import DataLoad
from gui.training.plots import TrainingPlots
from gui.training.tabs import ViewTabs, read_ahead
from gui.training.views import is_image_data
from gui.training.worker import TrainingWorker, Views
from kernels import download, probe
from kernels.datasets import KNOWN, Dataset, for_training, load_dataset

REFRESH_MS = 90  # 11 refreshes a second (the goal is 10 or more)
START_DELAY_MS = 100  # the dock draws a run's starting state (new tiles, badges) in 20-30 ms
SHOWN_WARNINGS = 5  # of what was left out of the data, the lines shown under it (then "and N more")
RATE_INTERVAL = 0.5  # seconds between updates of the progress, samples/s and ETA (fewer status bar repaints)


def _model_key(graph) -> bytes:  # type: ignore[no-untyped-def]
    """A digest of what the model computes: layers, configs, weights and wiring, not where nodes sit."""
    h = hashlib.sha1(usedforsecurity=False)
    for layer in graph.layers.values():
        if layer.inner is not None:  # a nested model: what it computes, not where it lives in memory
            h.update(layer.name.encode() + _model_key(layer.inner))
            continue
        h.update(repr((layer.name, layer.type, sorted(layer.config.items()))).encode())
        for name, w in layer.weights.items():
            h.update(name.encode())
            h.update(w.tobytes())
    h.update(repr(sorted((w.src, w.out, w.dst, w.port) for w in graph.wires())).encode())
    h.update(repr([(n.id, n.layer) for n in graph.nodes.values()]).encode())
    h.update(repr(graph.explicit_outputs).encode())
    return h.digest()


def views_for(graph, data: Dataset) -> Views:  # type: ignore[no-untyped-def]
    """Which teaching views a run of ``graph`` on ``data`` computes."""
    x = next(iter(data.x.values()))
    y = next(iter(data.y.values()))
    # Class numbers, one a sample (integer images as the targets of an autoencoder are not labels).
    labels = y.dtype.kind in "iu" and y.size == len(y) and len(data.x) == 1 and len(data.y) == 1
    first = next(iter(data.x))
    sequence = first in data.tokens or first in token_inputs(graph)  # token ids: neither points nor images
    analysis = graph.analysis()
    width = analysis.shape_of(analysis.output_values[0])[-1] if analysis.output_values else 0  # type: ignore[index]
    classes = max(int(width or 0), int(y.max()) + 1 if labels and y.size else 0, 2)
    return Views(
        boundary=labels and x.ndim == 2 and x.shape[1] == 2 and not sequence,
        samples=labels and is_image_data(x) and not sequence,
        classes=classes,
    )


class TrainingPanel(QWidget):
    """The training dock's contents for one document at a time (:meth:`set_document`)."""

    def __init__(self, document: Document, scene=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.document: Document | None = None
        self.scene = scene
        self.worker: TrainingWorker | None = None
        self.data: Dataset | None = None
        self.data_error: str = ""  # why the data cannot be used: a core Message, a translated Text or ""
        self.data_download: DataDownload | None = None  # a known set being downloaded, with its dialog
        self.data_load: DataLoad | None = None  # a known set or a folder of images being read, on a thread
        self._start_when_read = False  # Start was asked for while the data was being read
        self._refused_download: str | None = None  # a known set whose last download failed or was cancelled
        self._refusal: object = ""  # and why
        self._data_key: tuple | None = None
        self._read: tuple[tuple, Dataset] | None = None  # the known set or folder last read on a thread, as read
        self._state_key: tuple | None = None  # what the views between runs were last drawn for
        self._data_version = 0  # counts data sets loaded
        self._views_current = False  # while a finished run's weights are applied: its views stay
        self._epoch_offset = 0
        self._run_started = 0.0
        self._applied_shapes: dict[str, Any] = {}
        self.refreshes = 0
        self.weight_views: list[QWidget] = []
        self.map_node: int | None = None  # the node whose feature maps the Inside tab shows
        self._shown_maps: tuple[int, np.ndarray] | None = None
        self._shown_filters: tuple[str, np.ndarray] | None = None
        self._shown_embedding: tuple[str, np.ndarray] | None = None
        self.last_status = ""
        self.last_seconds = 0.0  # the last run's training time, pauses excluded
        self.badges = BadgeLayer(scene) if scene is not None else None
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        # Lets the worker go on once the event loop has handled what a refresh queued (the repaints).
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(0)
        self._release.timeout.connect(lambda: self.worker.release() if self.worker is not None else None)
        self.set_document(document)

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.controls = RunControls()
        c = self.controls
        # The parts tests and the window reach for, by their names in the panel.
        self.form, self.message = c.form, c.message
        self.start_button, self.pause_button, self.stop_button, self.reset_button = (
            c.start_button, c.pause_button, c.stop_button, c.reset_button)  # fmt: skip
        self.show_nodes, self.node_kind = c.show_nodes, c.node_kind
        self.form.edited.connect(self._on_settings_edited)
        self.form.data_changed.connect(self._on_data_chosen)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset_weights)
        self._speed_chosen = False  # the user moved the speed slider: data no longer sets it
        c.speed.sliderMoved.connect(lambda _: setattr(self, "_speed_chosen", True))
        c.speed.valueChanged.connect(self._on_speed)
        self.show_nodes.toggled.connect(self._on_show_nodes)
        self.node_kind.currentIndexChanged.connect(lambda: self._on_show_nodes(self.show_nodes.isChecked()))
        scroll = QScrollArea()
        scroll.setWidget(c)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(300)

        self.plots = TrainingPlots()
        self.tabs = ViewTabs()
        t = self.tabs
        self.boundary, self.tiles, self.confusion, self.preview = t.boundary, t.tiles, t.confusion, t.preview
        self.predict_index, self.predict_button, self.predict_output = (
            t.predict_index, t.predict_button, t.predict_output)  # fmt: skip
        self.predict_button.clicked.connect(lambda: self.predict(self.predict_index.value()))
        t.predict_tab.canvas.stroke_finished.connect(self.predict_drawing)
        t.predict_tab.clear_button.clicked.connect(self._clear_drawing)
        t.predict_tab.open_clicked.connect(self.open_image)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(c.run_bar)  # Start stays in view at any height of the dock
        column.addWidget(scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.plots)
        splitter.addWidget(self.tabs)
        splitter.setSizes([320, 520, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.rate = QLabel()
        self.progress.hide()
        self.rate.hide()
        self.progress.setFormat(i18n.translate("Training", "epoch %v"))
        self._update_buttons()

    def when_seen(self, visible: bool) -> None:
        """The dock came to the front (or went behind another tab): draw what it shows, once laid out."""
        if visible and self.document is not None:
            QTimer.singleShot(0, self.show_current_state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.progress.setFormat(i18n.translate("Training", "epoch %v"))
            if self.document is not None and self.worker is None:
                if self.data is None and self.data_load is None:
                    self._data_key = None
                    self.reload_data()
                else:
                    self._describe_data()
        super().changeEvent(event)

    def status_widgets(self) -> list[QWidget]:
        """The progress bar and the ETA / samples-per-second label, for the window's status bar."""
        return [self.progress, self.rate]

    # ------------------------------------------------------------------ document

    def set_document(self, document: Document) -> None:
        """Follow ``document``: its settings, history and data (a run in progress is stopped)."""
        self.shutdown()
        if self.document is not None:
            self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        try:
            settings = TrainingSettings.from_dict(document.project.training)
        except LayerwireError:
            settings = TrainingSettings()
        if settings.data is None:
            settings = settings.replace(data="spiral")
        self.form.load(settings, self._outputs())
        self.map_node, self._shown_maps, self._shown_filters, self._shown_embedding = None, None, None, None
        self.plots.clear()
        self._epoch_offset = self.plots.show_history(document.project.history)
        self.controls.clear_message()
        if self.badges is not None:
            self.badges.clear()

    def _outputs(self) -> list[str]:
        return output_names(self.document.active_graph()) if self.document.active_graph().analysis().valid else []

    def _on_document_changed(self) -> None:
        if self.worker is None:
            self.form.set_outputs(self._outputs())
            self.reload_data()

    def _on_settings_edited(self) -> None:
        try:
            settings = self.form.settings()
        except LayerwireError as exc:
            self._say_tr(messages.of(exc), error=True)
            return
        self.document.set_training(settings.to_dict())

    # ------------------------------------------------------------------ data

    def _on_data_chosen(self) -> None:
        """A data set chosen (again): a known set whose download failed or was cancelled is tried again."""
        self._refused_download = None
        self.reload_data()

    def reload_data(self) -> None:
        """Load the chosen data for the current model and say whether it fits. A known set not downloaded yet starts
        downloading, unless its last download failed or was cancelled: then only choosing it again, or Start, tries
        again (an edit of the model must not)."""
        source = self.form.data_source()
        graph = self.document.active_graph()
        analysis = graph.analysis()
        target, features = self.form.columns()
        samples, targets_from_inputs = self.form.data_options()
        shapes = tuple(str(analysis.shapes.get(node)) for node in analysis.inputs)  # a folder decodes to them
        key = (source, tuple(map(str, analysis.inputs)), shapes, tuple(self._outputs()), self.form.seed.value(),
               target, features, samples, targets_from_inputs)  # fmt: skip
        if key == self._data_key and self.data_load is not None:  # being read for this very choice
            return
        if key == self._data_key and self.data is not None:
            self._describe_data()
            self.show_inside_now()  # the model changed: so did what its nodes compute
            self.show_current_state()
            return
        self._data_key = key
        if self._read is not None and self._read[0] != key[:-2]:
            self._read = None  # other data, or for another model: not held in memory any longer
        self._data_version += 1
        self.data, self.data_error = None, ""
        self._end_load()  # a newer choice supersedes the one being read
        if self.data_download is not None and self.data_download.name != source:  # another data set was chosen
            self._end_download()
        if source is None:
            self.data_error = i18n.translate("Training", "Choose a data set")
        elif not analysis.valid:
            self.data_error = i18n.translate("Training", "The model is not valid yet")
        else:
            try:
                if source in KNOWN and download.missing(source):
                    if source == self._refused_download:
                        self.data_error = self._refusal
                    else:
                        self._start_download(source)
                        self.data_error = i18n.translate("Training", "Downloading {0}…").format(source)
                elif self._read is not None and self._read[0] == key[:-2] and not self._read[1].streamed:
                    # read already, for this model: first samples and targets are views of it, made at once
                    self.data = for_training(self._read[1], graph, samples, targets_from_inputs)
                elif source in KNOWN or os.path.isdir(source):  # seconds to read: on a thread
                    self._start_load(source, graph, key[:-2])
                else:  # never downloads here, on the GUI thread
                    data = load_dataset(source, graph, target=target, features=features,
                                        seed=self.form.seed.value(), fetch=False)  # fmt: skip
                    self.data = for_training(data, graph, samples, targets_from_inputs)
            except LayerwireError as exc:
                self.data_error = messages.of(exc)
        self._show_data()

    def _show_data(self) -> None:
        """The data (or why there is none) in the form and the views."""
        graph = self.document.active_graph()
        self.tabs.show_data(self.data, token_inputs(graph) if self.data is not None else ())
        self.tabs.set_predict_model(graph)
        self._describe_data()
        self.show_inside_now()
        self.show_current_state()
        self._default_speed()

    def _start_load(self, source: str, graph, read_key: tuple) -> None:  # type: ignore[no-untyped-def]
        """Read the known set or folder ``source`` for a copy of ``graph`` on a thread; the data shows when read,
        and is kept as read (under ``read_key``) for another choice of first samples or targets."""
        model, seed = graph.copy(), self.form.seed.value()  # the document's graph may change meanwhile
        split = self.form.validation_split.value()
        samples, targets_from_inputs = self.form.data_options()
        name = os.path.basename(os.path.normpath(source)) or source

        def read(cancel: threading.Event, progress: Callable[[int, int], None]) -> tuple[Dataset, Dataset]:
            read = load_dataset(source, model, seed=seed, fetch=False, cancel=cancel, progress=progress)
            data = for_training(read, model, samples, targets_from_inputs)
            read_ahead(data, split)  # a streamed folder's samples the views show: decoded here, not on this thread
            return data, read

        job = DataLoad(name, read, self)
        job.ended.connect(lambda result, message: self._on_load_ended(job, result, message, read_key))
        job.progressed.connect(lambda done, total: self._on_load_progress(job, done, total))
        self.data_load = job
        self.data_error = i18n.translate("Training", "Reading {0}…").format(name)
        job.start()

    def _end_load(self) -> None:
        """Stop reading the data set being read (nothing of it is kept)."""
        job, self.data_load = self.data_load, None
        self._start_when_read = False
        if job is not None:
            job.stop()
            job.deleteLater()

    def _on_load_progress(self, job: DataLoad, done: int, total: int) -> None:
        if job is self.data_load:
            self.data_error = i18n.translate("Training", "Reading {0}: {1} of {2} images…").format(
                job.name, f"{done:,}", f"{total:,}")  # fmt: skip
            self._describe_data()

    def _on_load_ended(self, job: DataLoad, result: tuple[Dataset, Dataset] | None, message: object,
                       read_key: tuple) -> None:  # fmt: skip
        if job is not self.data_load:  # superseded by a newer choice, or the dock is closing
            return
        self.data_load = None
        job.deleteLater()
        data = None
        if result is not None:
            data, read = result
            self._read = (read_key, read)
        self.data, self.data_error = data, "" if data is not None else message  # type: ignore[assignment]
        self._data_version += 1
        self._state_key = None
        self._show_data()
        if self._start_when_read:
            self._start_when_read = False
            if self.data is None or self.data_error:  # reading it again would fail again: say why
                self._say_tr(self.data_error or i18n.translate("Training", "No data"), error=True)
            else:
                self.start()

    def _start_download(self, source: str) -> None:
        """Download the known set ``source`` on a thread, with a progress dialog; its data is loaded when done."""
        if self.data_download is not None:  # already under way
            return
        job = DataDownload(source, self)
        job.ended.connect(lambda status, message: self._on_download_ended(job, status, message))
        self.data_download = job
        job.start()

    def _end_download(self) -> None:
        """Cancel the download under way (nothing of it is kept)."""
        job, self.data_download = self.data_download, None
        if job is not None:
            job.stop()
            job.deleteLater()

    def _on_download_ended(self, job: DataDownload, status: str, message: object) -> None:
        if job is not self.data_download:  # cancelled for another choice meanwhile
            return
        self.data_download = None
        job.close_dialog()
        job.deleteLater()
        if status == "done":
            self._data_key = None
            self.reload_data()
            return
        if status == "cancelled":
            self.data_error = i18n.translate("Training", "The download was cancelled; nothing was kept. Choose the "
                                             "data set again to download it.")  # fmt: skip
        else:
            self.data_error = message  # type: ignore[assignment]
            QMessageBox.critical(self, i18n.translate("Training", "Download failed"), i18n.core_text(message))
        self._refused_download, self._refusal = job.name, self.data_error
        self._describe_data()

    def _on_speed(self) -> None:
        if self.worker is not None:
            self.worker.max_rate = self.controls.max_rate  # takes effect from the next batch

    def _default_speed(self) -> None:
        """2-D data starts at a speed one can watch its boundary form at; other data as fast as it goes."""
        if self._speed_chosen or self.worker is not None:
            return
        watch = self.data is not None and self.document.active_graph().analysis().valid and views_for(
            self.document.active_graph(), self.data).boundary  # fmt: skip
        self.controls.set_max_rate(WATCHING_SPEED if watch else None)

    def show_current_state(self) -> None:
        """Between runs, the boundary and sample views show this document's model as it is now."""
        if self.worker is not None:
            return
        if self.visibleRegion().isEmpty():  # behind another tab, or not shown: drawn when it is seen again
            self._state_key = None  # (see when_seen), so editing never waits for views nobody sees
            return
        graph, data = self.document.active_graph(), self.data
        split = self.form.validation_split.value()
        key = (self._data_version, split, _model_key(graph))
        if key == self._state_key:  # a node moved, a name changed...: the same function, nothing to redraw
            return
        self._state_key = key
        if self._views_current:  # a run just ended: its last views show these very weights
            return
        views = views_for(graph, data) if data is not None and graph.analysis().valid else None
        try:
            self.tabs.show_state(graph, data, views, split)
        except (LayerwireError, ValueError):  # a model that cannot run on the data: the fit message says why
            self.tabs.show_state(graph, None, None, 0.0)

    def _describe_data(self) -> None:
        if self.data is None:
            colour = "#616161" if self.data_load is not None else "#C62828"  # reading is no error
            self.form.data_info.setText(f"<span style='color:{colour}'>{i18n.core_text(self.data_error)}</span>")
            self._update_buttons()
            return
        problem = self._fit_problem()
        fits = i18n.translate("Training", "✔ fits the model")
        misfit = i18n.translate("Training", "✖ does not fit: {0}")
        fit = f"<span style='color:#2E7D32'>{fits}</span>" if problem is None else (
            f"<span style='color:#C62828'>{misfit.format(i18n.core_text(problem))}</span>")  # fmt: skip
        streamed = ""
        if self.data.stream_note:  # a folder too large to decode whole: read batch by batch as it trains
            note = html.escape(i18n.core_text(self.data.stream_note))
            streamed = f"<br><span style='color:#1565C0'>⇄ {note}</span>"
        self.form.data_info.setText(
            f"{i18n.core_text(self.data.description)}<br>{fit}{streamed}{self._data_warnings()}"
        )
        self.data_error = problem or ""
        self._update_buttons()

    def _data_warnings(self) -> str:
        """What was left out of the data (a folder's damaged images), in orange, the first few of them named."""
        assert self.data is not None
        warnings = self.data.found_warnings()  # a streamed folder's damaged images are found as it trains
        if not warnings:
            return ""
        lines = [html.escape(i18n.core_text(w)) for w in warnings[:SHOWN_WARNINGS]]
        if len(warnings) > SHOWN_WARNINGS:
            lines.append(i18n.translate("Training", "and {0} more").format(len(warnings) - SHOWN_WARNINGS))
        return "".join(f"<br><span style='color:#E65100'>⚠ {line}</span>" for line in lines)

    def _fit_problem(self) -> str | None:
        """None when the data fits the model with the settings shown, else why not (a core message)."""
        assert self.data is not None
        try:
            settings = self.form.settings()
            return probe.check_fit(self.document.active_graph(), settings, self.data)
        except LayerwireError as exc:
            return messages.of(exc)

    # ------------------------------------------------------------------ running

    @property
    def training(self) -> bool:
        return self.worker is not None

    def start(self) -> bool:
        """Start a run with the settings shown; False (and a message) when it cannot start."""
        if self.worker is not None:
            return False
        try:
            settings = self.form.settings()
        except LayerwireError as exc:
            self._say_tr(messages.of(exc), error=True)
            return False
        self._refused_download = None  # Start tries a failed download again
        self.reload_data()
        if self.data_load is not None:  # being read: the run starts once it is, or says why it cannot
            self._start_when_read = True
            self._say_tr(i18n.translate("Training", "Reading {0}; training starts once it is read…"),
                         self.data_load.name)  # fmt: skip
            return False
        if self.data is None or self.data_error:
            self._say_tr(self.data_error or i18n.translate("Training", "No data"), error=True)
            return False
        self.document.set_training(settings.to_dict())
        graph = self.document.active_graph()
        try:
            with self.document.batch():
                if ensure_weights(graph, seed=settings.seed):
                    self.document.mark_dirty()
            clone = graph.copy()  # the worker trains its own copy
        except LayerwireError as exc:
            self._say_tr(messages.of(exc), error=True)
            return False
        self._applied_shapes = weight_shapes(graph)
        views = views_for(graph, self.data)
        self.tabs.prepare(views, self.data, settings.validation_split)
        self._epoch_offset = sum(len(r.get("epochs", [])) for r in self.document.project.history)
        self.plots.begin_run(self._epoch_offset, settings.epochs)
        worker = TrainingWorker(clone, settings, self.data, views, self)
        worker.probe_nodes = self.show_nodes.isChecked()
        worker.max_rate = self.controls.max_rate
        worker.map_node = self.map_node
        worker.preparing.connect(self._on_preparing)
        worker.warmed.connect(self._on_warmed)
        worker.paused.connect(self._on_paused)
        worker.done.connect(self._on_done)
        self.worker = worker
        self._settings = settings
        self._batches_per_epoch = math.ceil(len(self.data) * (1 - settings.validation_split) / settings.batch_size)
        self.progress.setRange(0, settings.epochs)
        self.progress.setValue(0)
        self.progress.show()
        self.rate.show()
        self.rate.setText(i18n.translate("Training", "starting…"))
        self._run_started = time.perf_counter()
        self._next_rate = self._run_started
        self._say_tr(i18n.translate("Training", "Training…"))
        worker.start()
        self.timer.start()
        self._update_buttons()
        return True

    def _on_preparing(self, done: int, total: int) -> None:
        """The model's first run on this machine: its kernels are being compiled (seconds, once)."""
        if self.worker is None:
            return
        self._say_tr(i18n.translate("Training", "Preparing the engine for this machine (once for this model)…"))
        self.rate.setText(i18n.translate("Training", "preparing the engine for this machine: {0} of {1} kernels")
                          .format(done, total))  # fmt: skip

    def _on_warmed(self) -> None:
        """Draw the starting state, then let the worker train (the drawing happens first, on this thread)."""
        worker = self.worker
        if worker is None:
            return
        self._say_tr(i18n.translate("Training", "Training…"))
        self.rate.setText(i18n.translate("Training", "starting…"))
        self.refresh()
        # A timer, not a queued call: it fires after the repaints that refresh() asked for.
        QTimer.singleShot(START_DELAY_MS, worker.go)

    def toggle_pause(self) -> None:
        worker = self.worker
        if worker is None:
            return
        if worker.is_paused:
            worker.resume()
            self.controls.set_paused(False)
            self._say_tr(i18n.translate("Training", "Training…"))
        else:
            worker.pause()
            self.pause_button.setEnabled(False)  # until the worker has stopped between batches
            self._say_tr(i18n.translate("Training", "Pausing…"))

    def _on_paused(self) -> None:
        worker = self.worker
        if worker is None or not worker.is_paused:
            return
        self._apply_weights(worker)
        self.controls.set_paused(True)
        self.pause_button.setEnabled(True)
        self._say_tr(i18n.translate("Training", "Paused; the weights so far are in the model"))
        self.refresh()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self._say_tr(i18n.translate("Training", "Stopping…"))

    def shutdown(self) -> None:
        """Stop a run, a download or a reading and wait for a run's thread (closing the window or switching
        documents)."""
        self._end_load()
        self._end_download()
        worker = self.worker
        if worker is not None:
            worker.stop()
            worker.wait()
            self._on_done("stopped", "")

    def _on_done(self, status: str, message: object) -> None:
        """The run ended; ``message`` (a core Message or text) says why it diverged or failed."""
        worker = self.worker
        if worker is None:
            return
        worker.wait()
        self.refresh()
        self.timer.stop()
        self.plots.end_run()
        self.worker = None
        epochs = len(worker.epochs)
        if worker.trainer is not None:
            self._views_current = True
            try:
                self._apply_weights(worker)
            finally:
                self._views_current = False
            entry = worker_history(worker, status)
            self.document.set_history([*self.document.project.history, entry])
        seconds = time.perf_counter() - self._run_started
        if status == "finished":
            trained = (i18n.translate("Training", "Trained {0} epochs in {1} s") if epochs != 1
                       else i18n.translate("Training", "Trained {0} epoch in {1} s"))  # fmt: skip
            self._say_tr(trained, epochs, f"{seconds:.1f}")
        elif status == "stopped":
            stopped = (i18n.translate("Training", "Stopped after {0} epochs") if epochs != 1
                       else i18n.translate("Training", "Stopped after {0} epoch"))  # fmt: skip
            self._say_tr(stopped, epochs)
        elif status == "diverged":
            lr = self._settings.lr
            restored = (Phrase(i18n.translate("Training", "epoch {0}"), (epochs,)) if epochs
                        else i18n.translate("Training", "the start of the run"))  # fmt: skip
            self._say_tr(
                i18n.translate("Training", "Training diverged: {0}. It was stopped and the weights of the last "
                               "good epoch ({1}) were restored. Try a lower learning rate, e.g. {2}."),
                message, restored, f"{lr / 10:g}", error=True,
            )  # fmt: skip
        else:
            self._say_tr(i18n.translate("Training", "Training failed: {0}"), message, error=True)
        self.last_status = status
        self.last_seconds = worker.fit_seconds
        if self.data is not None and self.data.streamed:  # it found its damaged images as it went
            self._describe_data()
        self.controls.set_paused(False)
        self.progress.hide()
        self.rate.hide()
        self._update_buttons()
        worker.deleteLater()

    def _apply_weights(self, worker: TrainingWorker) -> None:
        """Write the worker's weights into the document's graph (GUI thread; the worker is not training)."""
        graph = self.document.active_graph()
        if worker.trainer is None:
            return
        if weight_shapes(graph) != self._applied_shapes:
            self._say_tr(
                i18n.translate("Training", "The model changed during training; the trained weights were not applied"),
                error=True,
            )
            return
        with self.document.batch():
            worker.trainer.apply_weights(graph)
        self.document.mark_dirty()

    def reset_weights(self) -> None:
        """New initial weights from the seed; the history goes with the old weights."""
        if self.worker is not None or not self.document.active_graph().analysis().valid:
            return
        with self.document.batch():
            ensure_weights(self.document.active_graph(), seed=self.form.seed.value(), reinitialize=True)
        self.document.mark_dirty()
        self.document.set_history([])
        self.plots.clear()
        self._epoch_offset = 0
        if self.badges is not None:
            self.badges.clear()
        self.show_current_state()
        self._say_tr(i18n.translate("Training", "Weights reset"))

    # ------------------------------------------------------------------ refreshing (timer)

    def refresh(self) -> None:
        """Drain the worker's feed into the plots, views, badges and progress."""
        worker = self.worker
        if worker is None:
            return
        worker.hold()  # the worker waits between batches while this thread draws (see gui.training.worker)
        self._release.start()
        snap = worker.feed.take()
        self.plots.add_batches(snap.first_batch, snap.losses, self._batches_per_epoch, self._epoch_offset)
        for epoch, logs in snap.epochs:
            self.plots.add_epoch(self._epoch_offset + epoch, logs)
        self.plots.redraw(everything=worker.is_paused)  # a paused run shows every epoch so far
        self.tabs.show_snapshot(snap)
        if snap.maps is not None or snap.filters is not None or snap.embedding is not None:
            self._show_inside(snap.maps, snap.filters, snap.embedding)
        if snap.node_stats is not None and self.badges is not None and self.show_nodes.isChecked():
            kind = self.node_kind.currentData()
            self.badges.show({n: getattr(s, kind) for n, s in snap.node_stats.items()}, kind)
        total = worker.total_batches
        if total and snap.batches_done:
            now = time.perf_counter()
            if now >= self._next_rate or worker.is_paused:  # a progress bar repaints at once when its value changes
                self._next_rate = now + RATE_INTERVAL
                per_epoch = total / self._settings.epochs
                self.progress.setValue(int(snap.batches_done // per_epoch))
                rate = snap.samples_done / max(snap.seconds, 1e-9)
                eta = (total - snap.batches_done) * snap.seconds / snap.batches_done
                speed = i18n.translate("Training", "{0} samples/s · ETA {1} s")
                self.rate.setText(speed.format(f"{rate:,.0f}", f"{eta:.0f}"))
        self.refreshes += 1

    # ------------------------------------------------------------------ node badges, weights, predict

    # ------------------------------------------------------------------ inside: feature maps and filters

    def set_map_node(self, node: int | None) -> None:
        """The node whose output the Inside tab shows (the canvas selection); computed now unless a run is on."""
        self.map_node = node
        if self.worker is not None and self.worker.isRunning():
            self.worker.map_node = node  # the worker's next view brings it
            return
        self.show_inside_now()

    def show_inside_now(self) -> None:
        """Feature maps of the selected node for the data's first sample, with the document's weights."""
        graph = self.document.active_graph()
        maps = None
        node = self.map_node
        if node is not None and node in graph.nodes and self.data is not None and graph.analysis().valid:
            try:
                maps = probe.feature_maps(graph, {k: v[:1] for k, v in self.data.x.items()}, node)
            except (LayerwireError, ValueError):
                maps = None
        valid = graph.analysis().valid
        filters = probe.first_filters(graph) if valid else None
        embedding = probe.first_embedding(graph) if valid else None
        self._shown_maps = None if maps is None else (node, maps)
        self._shown_embedding = embedding  # the model's own now: none if it has lost its Embedding
        self._show_inside(self._shown_maps, filters, embedding)

    def _show_inside(self, maps: tuple[int, np.ndarray] | None, filters: tuple[str, np.ndarray] | None,
                     embedding: tuple[str, np.ndarray] | None = None) -> None:  # fmt: skip
        graph = self.document.active_graph()
        if maps is not None and maps[0] not in graph.nodes:
            maps = None
        name = graph.nodes[self.map_node].layer if self.map_node in graph.nodes else ""
        if filters is None:
            filters = self._shown_filters
        if embedding is None:
            embedding = self._shown_embedding
        self._shown_filters, self._shown_embedding = filters, embedding
        rows = embedding[1].shape[0] if embedding is not None else -1
        names = next((t for t in (self.data.tokens.values() if self.data else ()) if len(t) == rows), None)
        self.tabs.inside.display(name, maps[1] if maps is not None and maps[0] == self.map_node else None, filters,
                                 embedding, names)  # fmt: skip

    def _on_show_nodes(self, on: bool) -> None:
        if self.worker is not None:
            self.worker.probe_nodes = on
        if not on and self.badges is not None:
            self.badges.clear()

    def show_weights(self, layer: str) -> QWidget:
        from gui.training.weights_view import WeightsView

        view = WeightsView(self.document, layer, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.weight_views.append(view)
        view.destroyed.connect(lambda *_: self.weight_views.remove(view) if view in self.weight_views else None)
        view.show()
        return view

    def predict(self, index: int) -> dict[str, np.ndarray] | None:
        """Run the model (with the document's weights) on sample ``index`` and show each output."""
        with self.document.batch():  # predicting may give a new layer its initial weights
            return self.tabs.predict(self.document.active_graph(), self.data, index, self.data_error)

    def predict_drawing(self) -> dict[str, np.ndarray] | None:
        """Run the model (with the document's weights) on the Predict tab's drawing."""
        with self.document.batch():
            return self.tabs.predict_drawing(self.document.active_graph())

    def predict_file(self, path: str) -> dict[str, np.ndarray] | None:
        """Run the model (with the document's weights) on the image file ``path``."""
        with self.document.batch():
            return self.tabs.predict_file(self.document.active_graph(), path)

    def open_image(self) -> None:
        from gui.file_dialogs import open_file

        path = open_file(self, i18n.translate("Training", "Open image"),
                         i18n.translate("Training", "Images (*.png *.jpg *.jpeg *.bmp *.gif)"))  # fmt: skip
        if path:
            self.predict_file(path)

    def _clear_drawing(self) -> None:
        self.tabs.predict_tab.canvas.clear()
        self.tabs.predict_tab.clear_result()

    # ------------------------------------------------------------------ helpers

    def _say_tr(self, text: object, *args: object, error: bool = False) -> None:
        self.controls.say_tr(text, *args, error=error)

    def _update_buttons(self) -> None:
        self.controls.set_running(self.worker is not None, self.data is not None and not self.data_error)
