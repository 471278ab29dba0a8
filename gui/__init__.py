"""Layerwire's editor: a thin Qt view over graph_core (see gui.main_window)."""
