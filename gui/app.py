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


#: The Debian/Ubuntu package of each library Qt's X11 plugin needs (ldd names the library).
X11_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_x11_libraries() -> list[str]:
    """The libraries Qt's X11 platform plugin needs that this system lacks (by ``ldd``; [] when it cannot tell)."""
    import shutil
    import subprocess
    from pathlib import Path

    import PySide6

    qt = Path(PySide6.__file__).resolve().parent / "Qt"
    targets = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]]
    ldd = shutil.which("ldd")
    if ldd is None or not targets[0].is_file():
        return []
    missing: list[str] = []
    for target in targets:
        try:
            out = subprocess.run([ldd, str(target)], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        for line in out.splitlines():
            name, _, rest = line.strip().partition(" => ")
            if rest.strip() == "not found" and name not in missing:
                missing.append(name)
    return missing


def x11_problem() -> str | None:
    """One line saying which system packages to install, when Qt would pick its X11 plugin and could not load it
    (Qt's own message would abort the process and blame the wrong library)."""
    env = os.environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return None
    if not env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    missing = missing_x11_libraries()
    if not missing:
        return None
    packages = [X11_PACKAGES.get(name, name) for name in missing]
    return (
        f"layerwire: error: the editor cannot open its window: Qt's X11 plugin needs {', '.join(missing)}, which "
        f"this system lacks; install them with: sudo apt-get install {' '.join(dict.fromkeys(packages))}"
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
    problem = x11_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
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
    from gui.warmup import start_warm_up

    start_warm_up(window)  # the first start on a machine compiles the engine in the background
    app.aboutToQuit.connect(lambda: clipboard.release_before_exit(app))
    return app.exec()
