"""Start the editor: ``run_editor(path_or_None) -> exit code`` (called by ``python main.py [MODEL]``).

Without any display (Linux with neither DISPLAY nor WAYLAND_DISPLAY, and no
QT_QPA_PLATFORM chosen) Qt would abort; we say so in one line and point to the
command-line commands instead.
"""

from __future__ import annotations

import os
import sys

ORGANIZATION = "Layerwire"
APPLICATION = "Layerwire"
CLI_COMMANDS = ("summary", "import", "export", "predict", "train", "evaluate")

_windows: list = []  # top-level windows, kept alive until they close


def no_display() -> bool:
    """True when Qt would find no display to open a window on."""
    if not sys.platform.startswith("linux"):
        return False
    env = os.environ
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def no_display_message() -> str:
    return (
        "layerwire: error: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the editor cannot open; "
        f"use the command-line commands instead: {', '.join(CLI_COMMANDS)} (see python main.py --help)"
    )


def use_private_settings(organization: str) -> None:
    """Keep this process's settings in a new temporary folder (benchmarks and screenshot tools),
    never in the user's configuration. Call before the QApplication is created."""
    import tempfile

    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName(organization)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())


def create_app(argv: list[str] | None = None):
    """The QApplication, created once, with high-DPI scaling and the system's light/dark palette."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    setup_style(app)
    from gui import i18n

    i18n.install()  # the language chosen in View -> Language, else the system's
    return app


def setup_style(app) -> None:
    from gui import theme

    app.setStyle("Fusion")
    theme.apply_palette(app)
    app.setWindowIcon(theme.app_icon())
    app.styleHints().colorSchemeChanged.connect(lambda scheme: _on_scheme_changed(app))


def _on_scheme_changed(app) -> None:
    from gui import theme
    from gui.main_window import MainWindow

    theme.apply_palette(app)
    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.refresh_theme()


def keep_window(window) -> None:
    """Hold a reference to a top-level window until it is destroyed."""
    from PySide6.QtCore import Qt

    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)


def run_editor(model: str | None = None) -> int:
    if no_display():
        print(no_display_message(), file=sys.stderr)
        return 1
    app = create_app()
    from gui import clipboard
    from gui.errors import install_excepthook
    from gui.main_window import MainWindow
    from gui.recovery import offer_recovery

    install_excepthook()  # an exception in a slot is logged and shown, never a silent crash
    from gui import gc_guard

    gc_guard.install(app)  # Qt objects are only ever collected on this thread

    window = MainWindow()
    keep_window(window)
    window.show()
    if model:
        window.files.open_path(model)  # a bad file shows its error; the editor opens empty
    else:
        window.view.fit_to_view()
    offer_recovery(window)  # autosaves a crashed session left behind
    app.aboutToQuit.connect(lambda: clipboard.release_before_exit(app))
    return app.exec()
