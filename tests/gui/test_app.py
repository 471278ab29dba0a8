"""Start-up without a display, remembered dock layout, light/dark palettes, the screenshot script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QImage, QPalette

from graph_core import edits
from gui import theme
from gui.app import no_display_message, run_editor
from gui.document import Document
from tests.gui.gestures import add_by_drop

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert run_editor(None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err == no_display_message() + "\n"
    for command in ("summary", "import", "export", "predict", "train", "evaluate"):
        assert command in err


def test_main_py_without_display_exits_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "no display" in result.stderr
    assert "Traceback" not in result.stderr


_COPY_AND_QUIT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui.app import create_app, run_editor

def copy_and_quit():
    window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
    window.act_select_all.trigger()
    window.act_copy.trigger()
    assert QApplication.clipboard().mimeData().formats()
    print("copied", flush=True)
    QApplication.quit()

create_app()  # the one run_editor uses, so the timer has an event loop
QTimer.singleShot(300, copy_and_quit)
sys.exit(run_editor(sys.argv[1]))
"""


def test_the_editor_quits_cleanly_with_nodes_on_the_clipboard(tmp_path):
    # Qt's offscreen clipboard dropped its data after Python had shut down: a crash at exit.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "LAYERWIRE_APP_DATA": str(tmp_path)}
    model = str(ROOT / "resources" / "examples" / "mnist_model.lwire")
    result = subprocess.run([sys.executable, "-c", _COPY_AND_QUIT, model], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60)  # fmt: skip
    assert result.stdout.splitlines() == ["copied"], result.stderr
    assert result.returncode == 0, result.stderr


def test_dock_layout_is_remembered(qtbot, make_window):
    first = make_window()
    first.docks["code"].hide()
    first.act_snap.setChecked(True)
    first.close()
    second = make_window()
    assert not second.docks["code"].isVisible()
    assert second.docks["summary"].isVisible()
    assert second.act_snap.isChecked() and second.view.snap_to_grid


def test_palettes_follow_the_color_scheme(qtbot, window, qapp, monkeypatch):
    from gui import app as app_module

    # Offscreen Qt has no system scheme to switch: play the system's part.
    try:
        theme.set_dark_override(None)
        monkeypatch.setattr(theme, "is_dark", lambda: True)
        app_module._on_scheme_changed(qapp)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        monkeypatch.setattr(theme, "is_dark", lambda: False)
        app_module._on_scheme_changed(qapp)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        monkeypatch.undo()
        theme.apply_palette(qapp)


def test_dark_canvas_colors():
    try:
        theme.set_dark_override(True)
        assert theme.canvas_colors().background.lightness() < 80
        with theme.light_colors():
            assert theme.canvas_colors().background.lightness() > 200
        assert theme.is_dark()
    finally:
        theme.set_dark_override(None)


def test_high_dpi_icons_have_2x_pixmaps(qapp):
    pixmap = theme.layer_icon("Dense").pixmap(QSize(16, 16), 2.0)
    assert pixmap.devicePixelRatio() == 2.0 and pixmap.width() == 32


def test_one_changed_signal_per_edit(qtbot, window):
    document: Document = window.document
    counts = []
    document.changed.connect(lambda: counts.append(1))
    edit = edits.Compound([edits.AddNode("InputLayer", node_id=50), edits.AddNode("Dense", node_id=51),
                           edits.Connect(50, 51)], name="three")  # fmt: skip
    assert document.push(edit)
    assert len(counts) == 1
    document.undo_stack.undo()
    assert len(counts) == 2


def test_refcounts_of_singletons_survive_many_qt_calls(qtbot, window):
    # PySide6 6.12 on Python 3.11 drops a reference to None on every void call, and Python
    # aborts at exit; pyproject.toml keeps that pairing out. This guards the pin.
    node = add_by_drop(window, "Dense", QPointF(0, 0))
    window.scene.select_nodes([node])
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        window.view.viewport().repaint()
        window.document.changed.emit()
    assert sys.getrefcount(None) >= before_none - 50
    assert sys.getrefcount(True) >= before_true - 50


def test_screenshot_script(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "tools.screenshot", str(out), "--size", "1000x700"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_a_system_without_the_x11_plugins_libraries_gets_the_apt_get_line():
    from gui import app

    missing = app.missing_x11_libraries()  # ldd on Qt's real X11 plugin
    if not missing:
        pytest.skip("this system has every library Qt's X11 plugin needs")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":99"
    done = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("layerwire: error: the editor cannot open its window: Qt's X11 plugin needs ")
    assert "sudo apt-get install " + " ".join(app.X11_PACKAGES.get(m, m) for m in missing) in line


def test_the_x11_check_names_each_library_by_its_package(monkeypatch):
    from gui import app

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(app, "missing_x11_libraries", lambda: ["libxcb-icccm.so.4", "libxcb-cursor.so.0"])
    assert app.x11_problem().endswith("sudo apt-get install libxcb-icccm4 libxcb-cursor0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # another plugin: nothing to check
    assert app.x11_problem() is None
