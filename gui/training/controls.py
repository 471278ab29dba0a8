"""The training dock's left column: the settings form, Start/Pause/Stop/Reset, node badges and the message line.

:class:`RunControls` only shows the run's state; the panel connects its buttons and
tells it what to say. A message said with :meth:`RunControls.say_tr` is said again
in the new language after a switch of language, and so are the values put into it
that are translated texts, core messages (:class:`~graph_core.messages.Message`, shown
with :func:`gui.i18n.core_text`) or :class:`Phrase` objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from graph_core.messages import Message
from gui import i18n
from gui.training.settings_form import SettingsForm


@dataclass(frozen=True)
class Phrase:
    """A translated text and the values it is formatted with, to put into another message."""

    text: i18n.Text
    args: tuple[object, ...] = ()


def _in_language(value: object) -> object:
    if isinstance(value, Phrase):
        return in_language(value.text, *value.args)
    if isinstance(value, i18n.Text):
        return value.again()
    if isinstance(value, (Message, BaseException)):
        return i18n.core_text(value)
    return value


def in_language(text: object, *args: object) -> str:
    """``text`` formatted with ``args``, in the language in force.

    A :class:`~gui.i18n.Text` is translated again, a core message (or an exception raised
    with one) goes through :func:`gui.i18n.core_text`, a :class:`Phrase` is formatted in
    turn; the values are treated the same way, anything else goes in as it is.
    """
    said = str(_in_language(text))
    return said.format(*map(_in_language, args)) if args else said


#: The speed slider's stops, in batches a second; the last (None) is as fast as the machine goes.
SPEEDS: tuple[float | None, ...] = (1, 3, 10, 30, 100, 300, 1000, None)
#: Where the slider starts for 2-D data, whose decision boundary a class watches form.
WATCHING_SPEED = 100


class RunControls(QWidget):
    """The settings form and the "Show on nodes" row; ``run_bar``: the run buttons and the message line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = SettingsForm()
        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.stop_button = QPushButton()
        self.reset_button = QPushButton()
        i18n.bind(self.start_button, "setText", i18n.translate("Training", "Start"))
        i18n.bind(self.stop_button, "setText", i18n.translate("Training", "Stop"))
        i18n.bind(self.reset_button, "setText", i18n.translate("Training", "Reset weights"))
        i18n.bind(self.start_button, "setToolTip",
                  i18n.translate("Training", "Train the model from its current weights"))  # fmt: skip
        i18n.bind(self.reset_button, "setToolTip", i18n.translate(
            "Training", "Draw new initial weights (from the seed) and clear the training history"))  # fmt: skip
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_nodes = QCheckBox()
        i18n.bind(self.show_nodes, "setText", i18n.translate("Training", "Show on nodes"))
        i18n.bind(self.show_nodes, "setToolTip", i18n.translate(
            "Training", "While training, show each node's mean activation or gradient size"))  # fmt: skip
        self.node_kind = QComboBox()
        self.node_kind.addItem(i18n.translate("Training", "activation"), "activation")
        self.node_kind.addItem(i18n.translate("Training", "gradient"), "gradient")
        self.paused = False  # the run is paused (the pause button then says Resume)
        self._said: tuple[object, tuple, bool] | None = None  # the last message, to say again in another language

        # The run buttons and the message line sit above the settings (the panel keeps them in view
        # however far the settings scroll); the settings and the "Show on nodes" row below.
        self.run_bar = QWidget()
        top = QVBoxLayout(self.run_bar)
        top.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button, self.reset_button):
            buttons.addWidget(b)
        top.addLayout(buttons)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.speed.setValue(len(SPEEDS) - 1)
        i18n.bind(self.speed, "setToolTip", i18n.translate(
            "Training", "How fast training goes: slow enough to watch the model learn, or as fast as it can"
        ))  # fmt: skip
        self.speed_label = QLabel()
        self.speed.valueChanged.connect(lambda _: self._show_speed())
        speed_row = QHBoxLayout()
        self.speed_title = QLabel()
        i18n.bind(self.speed_title, "setText", i18n.translate("Training", "Speed"))
        speed_row.addWidget(self.speed_title)
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        top.addLayout(speed_row)
        top.addWidget(self.message)
        nodes_row = QHBoxLayout()
        nodes_row.addWidget(self.show_nodes)
        nodes_row.addWidget(self.node_kind)
        nodes_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        layout.addLayout(nodes_row)
        layout.addStretch(1)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._said is not None:
                source, args, error = self._said
                self.say_tr(source, *args, error=error)
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """The texts that bind() cannot set again: the node-kind choices, the pause button, the speed."""
        self.node_kind.setItemText(0, i18n.translate("Training", "activation"))
        self.node_kind.setItemText(1, i18n.translate("Training", "gradient"))
        self.set_paused(self.paused)
        self._show_speed()

    @property
    def max_rate(self) -> float | None:
        """The batches a second the slider allows (None: no limit)."""
        return SPEEDS[self.speed.value()]

    def set_max_rate(self, rate: float | None) -> None:
        self.speed.setValue(SPEEDS.index(rate))

    def _show_speed(self) -> None:
        rate = self.max_rate
        self.speed_label.setText(
            i18n.translate("Training", "fastest") if rate is None
            else i18n.translate("Training", "{0:g} batches/s").format(rate)
        )  # fmt: skip

    def set_paused(self, paused: bool) -> None:
        """The pause button says Resume while the run is paused, else Pause."""
        self.paused = paused
        resume, pause = i18n.translate("Training", "Resume"), i18n.translate("Training", "Pause")
        self.pause_button.setText(resume if paused else pause)

    def set_running(self, running: bool, can_start: bool) -> None:
        """Enable the buttons and the form for a run in progress or not."""
        self.start_button.setEnabled(not running and can_start)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.reset_button.setEnabled(not running)
        self.form.setEnabled(not running)

    def say_tr(self, text: i18n.Text | Message | str, *args: object, error: bool = False) -> None:
        """Say a translated text or a core message (formatted with ``args``, see :func:`in_language`)
        and say it again after a switch of language."""
        self.say(in_language(text, *args), error)
        self._said = (text, args, error)

    def say(self, text: str, error: bool = False) -> None:
        """Show ``text`` (red when ``error``) until the next message."""
        self._said = None
        color = "#C62828" if error else "palette(text)"
        self.message.setText(f"<span style='color:{color}'>{text}</span>")

    def clear_message(self) -> None:
        """No message (and none to say again after a switch of language)."""
        self._said = None
        self.message.setText("")
