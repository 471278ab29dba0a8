"""The training settings form: data set, loss per output, optimizer, learning rate, batch size, epochs...

It edits a :class:`~graph_core.settings.TrainingSettings` and emits :attr:`SettingsForm.edited`
when the user changes a field; the panel writes the result into the document.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from graph_core.errors import DataError
from graph_core.settings import DEFAULT_LEARNING_RATES, LOSSES, OPTIMIZERS, TrainingSettings
from gui import i18n
from gui.file_dialogs import open_file, open_folder
from kernels.csv_table import CsvTable, describe_csv
from kernels.datasets import BUILTIN, KNOWN

AUTO = "auto (from the data)"  # translated at use, context "Training"
CHOOSE_FILE = "Choose a file…"
CHOOSE_FOLDER = "Choose a folder of images…"
_MARKED = (QT_TRANSLATE_NOOP("Training", "auto (from the data)"), QT_TRANSLATE_NOOP("Training", "Choose a file…"),
           QT_TRANSLATE_NOOP("Training", "Choose a folder of images…"))  # fmt: skip
#: The role of the data box's last two items that says which dialog they open ("folder" or "file").
CHOOSER_ROLE = Qt.ItemDataRole.UserRole + 1
#: The data file dialog's filters, marked for lupdate; translated at use, context "Training".
DATA_FILTERS = (QT_TRANSLATE_NOOP("Training", "Data (*.npz *.npy *.csv *idx3*)"),
                QT_TRANSLATE_NOOP("Training", "All files (*)"))  # fmt: skip
OPTIMIZER_LABELS = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad"}


class SettingsForm(QWidget):
    """Fields for every training setting; :meth:`settings` reads them back (may raise ``ConfigError``)."""

    edited = Signal()  # the user changed a field
    data_changed = Signal()  # the data source changed (user or program)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._base = TrainingSettings()
        self._lr_explicit = False
        self.outputs: list[str] = []
        self.data = QComboBox()
        i18n.bind(self.data, "setToolTip", i18n.translate(
            "Training", "A built-in data set; MNIST, Fashion-MNIST or CIFAR-10 (downloaded once, as Keras does); "
            "a .npz, .npy, .csv or MNIST IDX file; or a folder of images with one subfolder per class"))  # fmt: skip
        for name in BUILTIN:
            self.data.addItem(name, name)
        self.data.insertSeparator(self.data.count())
        for name in KNOWN:
            self.data.addItem(name, name)
        self.data.addItem(i18n.translate("Training", CHOOSE_FOLDER), None)
        self.data.setItemData(self.data.count() - 1, "folder", CHOOSER_ROLE)
        self.data.addItem(i18n.translate("Training", CHOOSE_FILE), None)
        self.data.setItemData(self.data.count() - 1, "file", CHOOSER_ROLE)
        self.data.activated.connect(self._on_data_activated)
        self.columns_row = QWidget()  # a .csv's target and feature columns
        columns_form = QFormLayout(self.columns_row)
        columns_form.setContentsMargins(0, 0, 0, 0)
        self.target = QComboBox()
        self.features = QListWidget()
        i18n.bind(self.features, "setToolTip", i18n.translate(
            "Training", "The feature columns; a text column becomes one-hot columns, one per value"))  # fmt: skip
        columns_form.addRow(self._label(i18n.translate("Training", "Target")), self.target)
        columns_form.addRow(self._label(i18n.translate("Training", "Features")), self.features)
        self.columns_row.hide()
        self.table: CsvTable | None = None
        self.target.activated.connect(self._on_columns)
        self.features.itemChanged.connect(self._on_columns)
        self.data_info = QLabel()
        self.data_info.setWordWrap(True)
        self.samples = QSpinBox()  # 0: every sample
        self.samples.setRange(0, 2**31 - 1)
        self.samples.setSingleStep(100)
        i18n.bind(self.samples, "setSpecialValueText", i18n.translate("Training", "all"))
        i18n.bind(self.samples, "setToolTip", i18n.translate(
            "Training", "Train on the first samples of the data only, as model.fit(x_train[:1000], ...) does; a "
            "validation split is taken from them"))  # fmt: skip
        self.targets_from_inputs = QCheckBox()
        i18n.bind(self.targets_from_inputs, "setText", i18n.translate("Training", "Targets are the inputs"))
        i18n.bind(self.targets_from_inputs, "setToolTip", i18n.translate(
            "Training", "Each output learns to give back the model's input, as an autoencoder's fit(x, x) does; "
            "the output must have the input's shape"))  # fmt: skip
        self.samples.valueChanged.connect(self._on_data_options)
        self.targets_from_inputs.toggled.connect(self._on_data_options)
        self.optimizer = QComboBox()
        for key in OPTIMIZERS:
            self.optimizer.addItem(OPTIMIZER_LABELS[key], key)
        self.learning_rate = QDoubleSpinBox()
        self.learning_rate.setDecimals(6)
        self.learning_rate.setRange(1e-6, 10.0)
        self.learning_rate.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        i18n.bind(self.learning_rate, "setToolTip", i18n.translate(
            "Training", "The optimizer's step size; Keras's default for the optimizer until changed"))  # fmt: skip
        self.momentum = QDoubleSpinBox()
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setSingleStep(0.05)
        self.momentum.setDecimals(3)
        self.nesterov = QCheckBox("Nesterov")
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 65536)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100000)
        self.validation_split = QDoubleSpinBox()
        self.validation_split.setRange(0.0, 0.95)
        self.validation_split.setSingleStep(0.05)
        self.validation_split.setDecimals(2)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.losses_row = QWidget()
        self.losses_form = QFormLayout(self.losses_row)
        self.losses_form.setContentsMargins(0, 0, 0, 0)
        self.losses_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # names above: room in a narrow dock
        self.loss_boxes: dict[str, QComboBox] = {}
        self.weight_boxes: dict[str, QDoubleSpinBox] = {}  # each output's loss weight (several outputs)
        sgd_row = QHBoxLayout()
        sgd_row.addWidget(self.momentum)
        sgd_row.addWidget(self.nesterov)
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.addRow(self._label(i18n.translate("Training", "Data")), self.data)
        form.addRow(self.columns_row)
        form.addRow(self._label(i18n.translate("Training", "First samples")), self.samples)
        form.addRow(self.targets_from_inputs)
        form.addRow(self.data_info)
        form.addRow(self._label(i18n.translate("Training", "Loss")), self.losses_row)
        form.addRow(self._label(i18n.translate("Training", "Optimizer")), self.optimizer)
        form.addRow(self._label(i18n.translate("Training", "Learning rate")), self.learning_rate)
        form.addRow(self._label(i18n.translate("Training", "Momentum")), sgd_row)
        form.addRow(self._label(i18n.translate("Training", "Batch size")), self.batch_size)
        form.addRow(self._label(i18n.translate("Training", "Epochs")), self.epochs)
        form.addRow(self._label(i18n.translate("Training", "Validation split")), self.validation_split)
        form.addRow(self._label(i18n.translate("Training", "Seed")), self.seed)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        self.learning_rate.valueChanged.connect(self._on_lr)
        for w in (self.momentum, self.validation_split):
            w.valueChanged.connect(self._emit)
        for w in (self.batch_size, self.epochs, self.seed):
            w.valueChanged.connect(self._emit)
        self.nesterov.toggled.connect(self._emit)

    @staticmethod
    def _label(text: i18n.Text) -> QLabel:
        label = QLabel()
        i18n.bind(label, "setText", text)
        return label

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.data.setItemText(self.data.count() - 2, i18n.translate("Training", CHOOSE_FOLDER))
            self.data.setItemText(self.data.count() - 1, i18n.translate("Training", CHOOSE_FILE))
            for box in self.loss_boxes.values():
                box.setItemText(0, i18n.translate("Training", AUTO))
        super().changeEvent(event)

    # ------------------------------------------------------------------ reading and writing

    def load(self, settings: TrainingSettings, outputs: list[str]) -> None:
        """Show ``settings`` for a model with these output names (emits nothing but data_changed)."""
        self._loading = True
        try:
            self._base = settings
            self._lr_explicit = settings.learning_rate is not None
            self.optimizer.setCurrentIndex(OPTIMIZERS.index(settings.optimizer))
            self.learning_rate.setValue(settings.lr)
            self.momentum.setValue(settings.momentum)
            self.nesterov.setChecked(settings.nesterov)
            self.batch_size.setValue(settings.batch_size)
            self.epochs.setValue(settings.epochs)
            self.validation_split.setValue(settings.validation_split)
            self.seed.setValue(settings.seed)
            self.samples.setValue(settings.samples or 0)
            self.targets_from_inputs.setChecked(settings.targets_from_inputs)
            self.set_outputs(outputs, settings)
            self._select_data(settings.data)
            self._enable_sgd()
        finally:
            self._loading = False
        self.data_changed.emit()

    def set_outputs(self, outputs: list[str], settings: TrainingSettings | None = None) -> None:
        """One loss box per output, and with several outputs a loss weight beside each (Keras's
        ``loss_weights``); keeps the choices of outputs that stay."""
        if outputs == self.outputs and settings is None:
            return
        previous = {name: box.currentData() for name, box in self.loss_boxes.items()}
        weights = {name: box.value() for name, box in self.weight_boxes.items()}
        if settings is not None:
            try:
                previous = dict(zip(outputs, settings.losses_for(outputs), strict=True))
            except Exception:  # noqa: BLE001 - losses for other outputs: start from auto
                previous = {}
            try:
                weights = dict(zip(outputs, settings.loss_weights_for(outputs), strict=True))
            except Exception:  # noqa: BLE001 - weights for other outputs: start from 1
                weights = {}
        while self.losses_form.rowCount():
            self.losses_form.removeRow(0)
        self.loss_boxes, self.weight_boxes = {}, {}
        for name in outputs:
            box = QComboBox()
            box.addItem(i18n.translate("Training", AUTO), None)
            for loss in LOSSES:
                box.addItem(loss, loss)
            index = box.findData(previous.get(name))
            box.setCurrentIndex(max(0, index))
            box.currentIndexChanged.connect(self._emit)
            self.loss_boxes[name] = box
            if len(outputs) == 1:
                self.losses_form.addRow(box)
                continue
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)  # narrow enough to leave the weight beside it in a narrow dock
            weight = QDoubleSpinBox()
            weight.setRange(0.0, 1000.0)
            weight.setDecimals(3)
            weight.setSingleStep(0.1)
            weight.setPrefix("× ")
            weight.setValue(weights.get(name, 1.0))
            i18n.bind(weight, "setToolTip", i18n.translate(
                "Training", "This output's weight in the total loss (Keras's loss_weights); its own loss is "
                "reported unweighted"))  # fmt: skip
            weight.valueChanged.connect(self._emit)
            self.weight_boxes[name] = weight
            row = QHBoxLayout()
            row.addWidget(box, 1)
            row.addWidget(weight)
            self.losses_form.addRow(name, row)
        self.outputs = list(outputs)

    def settings(self) -> TrainingSettings:
        """The settings shown; raises ``ConfigError`` for a bad combination."""
        chosen = {name: box.currentData() for name, box in self.loss_boxes.items()}
        picked = {k: v for k, v in chosen.items() if v is not None}
        if not picked:
            loss = None
        elif len(picked) == len(chosen) and len(set(picked.values())) == 1:
            loss = next(iter(picked.values()))
        else:
            loss = picked
        weights = {name: box.value() for name, box in self.weight_boxes.items()}
        if not weights:  # one output: no box; a weight the project set stays
            loss_weights = self._base.loss_weights
        else:
            loss_weights = None if all(w == 1.0 for w in weights.values()) else weights
        return TrainingSettings(
            optimizer=self.optimizer.currentData(),
            learning_rate=self.learning_rate.value() if self._lr_explicit else None,
            momentum=self.momentum.value(),
            nesterov=self.nesterov.isChecked(),
            loss=loss,
            loss_weights=loss_weights,
            from_logits=self._base.from_logits,
            batch_size=self.batch_size.value(),
            epochs=self.epochs.value(),
            validation_split=self.validation_split.value(),
            shuffle=self._base.shuffle,
            seed=self.seed.value(),
            data=self.data.currentData(),
            target=self.target.currentText() if self.table is not None else None,
            features=self.chosen_features(),
            samples=self.samples.value() or None,
            targets_from_inputs=self.targets_from_inputs.isChecked(),
        )

    # ------------------------------------------------------------------ data source

    def data_source(self) -> str | None:
        return self.data.currentData()

    def set_data(self, source: str | None) -> None:
        """Choose a built-in name, a file path or a folder's (as if the user had)."""
        self._select_data(source)
        self.data_changed.emit()
        self._emit()

    def _select_data(self, source: str | None) -> None:
        if source is None:
            source = "spiral"
        index = self.data.findData(source)
        if index < 0:  # a file or folder: before the two choosers
            index = self.data.count() - 2
            self.data.insertItem(index, source.rstrip("/").rsplit("/", 1)[-1], source)
            self.data.setItemData(index, source, Qt.ItemDataRole.ToolTipRole)  # the full path
        self.data.setCurrentIndex(index)
        self._current = source
        self._show_columns(source)

    # ------------------------------------------------------------------ a .csv's columns

    def columns(self) -> tuple[str | None, tuple[str, ...] | None]:
        """The target and feature columns chosen (both None when the data is not a .csv)."""
        if self.table is None:
            return None, None
        return self.target.currentText(), self.chosen_features()

    def data_options(self) -> tuple[int | None, bool]:
        """The samples to train on (None: all) and whether the targets are the inputs."""
        return self.samples.value() or None, self.targets_from_inputs.isChecked()

    def chosen_features(self) -> tuple[str, ...] | None:
        if self.table is None:
            return None
        items = (self.features.item(i) for i in range(self.features.count()))
        return tuple(it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked)

    def _show_columns(self, source: str) -> None:
        """The column chooser of a .csv (the settings' choice, else every other column and the last as target)."""
        self.table = None
        if source.lower().endswith(".csv"):
            try:
                self.table = describe_csv(source)
            except (DataError, OSError):  # the data line says why when it loads
                self.table = None
        self.columns_row.setVisible(self.table is not None)
        if self.table is None:
            return
        names = self.table.names
        same = self._base.data == source
        target = self._base.target if same and self._base.target in names else names[-1]
        features = self._base.features if same and self._base.features is not None else None
        blocked = self.features.blockSignals(True), self.target.blockSignals(True)
        self.target.clear()
        self.target.addItems(names)
        self.target.setCurrentText(target)
        self._fill_features(features)
        self.features.blockSignals(blocked[0])
        self.target.blockSignals(blocked[1])

    def _fill_features(self, features: tuple[str, ...] | None) -> None:
        assert self.table is not None
        target = self.target.currentText()
        self.features.clear()
        for column in self.table.columns:
            if column.name == target:
                continue
            text = column.name
            if column.kind == "text":
                text = i18n.translate("Training", "{0} (text: one-hot, {1} values)").format(
                    column.name, column.distinct
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, column.name)
            checked = column.name in features if features is not None else column.kind == "number"
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.features.addItem(item)
        # as tall as its columns (up to six, then it scrolls), so the fit message below stays in view
        rows = min(max(self.features.count(), 1), 6)
        frame = 2 * self.features.frameWidth()
        self.features.setFixedHeight(rows * max(self.features.sizeHintForRow(0), self.fontMetrics().height()) + frame)

    def _on_columns(self, *_: object) -> None:
        if self.sender() is self.target:
            blocked = self.features.blockSignals(True)
            self._fill_features(self.chosen_features())
            self.features.blockSignals(blocked)
        self._base = self.settings()
        self.data_changed.emit()
        self._emit()

    def _on_data_options(self, *_: object) -> None:
        if not self._loading:
            self.data_changed.emit()
            self._emit()

    def _on_data_activated(self, index: int) -> None:
        source = self.data.itemData(index)
        if source is None and self.data.itemData(index, CHOOSER_ROLE) == "folder":
            path = open_folder(self, i18n.translate("Training", "A folder of images, one subfolder per class"))
            if not path:
                self._select_data(getattr(self, "_current", None))
                return
            source = path
        elif source is None:  # "Choose a file…"
            filters = ";;".join(i18n.translate("Training", f) for f in DATA_FILTERS)
            path = open_file(self, i18n.translate("Training", "Training data"), filters)
            if not path:
                self._select_data(getattr(self, "_current", None))
                return
            source = path
        self.set_data(source)

    # ------------------------------------------------------------------ reactions

    def _on_optimizer(self) -> None:
        if not self._lr_explicit:
            self._loading, was = True, self._loading
            self.learning_rate.setValue(DEFAULT_LEARNING_RATES[self.optimizer.currentData()])
            self._loading = was
        self._enable_sgd()
        self._emit()

    def _enable_sgd(self) -> None:
        opt = self.optimizer.currentData()
        self.momentum.setEnabled(opt in ("sgd", "rmsprop"))
        self.nesterov.setEnabled(opt == "sgd")

    def _on_lr(self) -> None:
        if not self._loading:
            self._lr_explicit = True
            self._emit()

    def _emit(self, *_: object) -> None:
        if not self._loading:
            self.edited.emit()
