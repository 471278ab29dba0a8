"""GUI test configuration: offscreen Qt, private settings, and helpers that use the mouse as a person would."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QPointF, QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

# Settings go to a temporary folder under a test organization: never the user's configuration.
_SETTINGS_DIR = tempfile.mkdtemp(prefix="layerwire-test-settings-")
QCoreApplication.setOrganizationName("LayerwireTests")
QCoreApplication.setApplicationName("LayerwireTests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _SETTINGS_DIR)


@pytest.fixture(scope="session", autouse=True)
def _style(qapp):
    from gui import gc_guard
    from gui.app import setup_style

    setup_style(qapp)
    gc_guard.install(qapp)  # as the editor does: garbage is collected on the GUI thread only
    yield
    from gui import clipboard

    clipboard.release_before_exit(qapp)  # as the editor does when it quits


@pytest.fixture(autouse=True)
def _fresh_settings():
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def errors(monkeypatch):
    """Error dialogs, recorded instead of shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def make_window(qtbot, errors):
    """Windows that answer "Discard" to the unsaved-changes question (override per test)."""
    from gui.main_window import MainWindow

    made = []

    def make(document=None):
        window = MainWindow(document)
        window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.view.resetTransform()
        window.view.centerOn(QPointF(300, 100))
        made.append(window)
        return window

    yield make
    for window in made:
        window.document.undo_stack.setClean()
        window.training.shutdown()  # no worker may outlive its window


@pytest.fixture
def window(make_window):
    return make_window()
