"""Layerwire's resources, installed as the package ``layerwire_resources``: see :mod:`graph_core.resources`."""
