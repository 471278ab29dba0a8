"""Checks against real Keras 3, run where keras is importable (it is not a dependency).

    python -m venv kvenv && kvenv/bin/pip install torch==2.13.0 keras -e ".[test]"
    KERAS_BACKEND=torch kvenv/bin/python -m pytest tests/graph_core/test_keras_crosscheck.py
"""

import importlib.util
import os

import pytest

from graph_core.examples import EXAMPLES, build
from graph_core.script_export import keras_script
from graph_core.summary import summary_text
from tests.random_graphs import random_graph

pytestmark = pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")

CASES = [("example", name) for name in EXAMPLES] + [("random", seed) for seed in range(40)]


@pytest.mark.parametrize(("kind", "key"), CASES)
def test_summary_is_what_keras_prints(monkeypatch, kind, key):
    monkeypatch.setenv("COLUMNS", "200")  # Keras narrows its table to the terminal; ours is always full width
    graph = build(key).graph if kind == "example" else random_graph(key)
    namespace: dict = {"__name__": "exported", "__file__": os.devnull}
    exec(keras_script(graph), namespace)
    printed: list[str] = []
    namespace["model"].summary(print_fn=lambda text, **_: printed.append(text))
    assert "".join(printed).rstrip("\n") == summary_text(graph).rstrip("\n")
