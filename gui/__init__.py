"""Layerwire's editor: a thin Qt view over graph_core (see gui.main_window)."""

from gui import qt_compat  # noqa: F401 - must run before the editor makes any PySide6 call
