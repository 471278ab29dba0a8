"""Layer help in the palette and the inspector: formula, weight shapes and the Keras page, in both languages."""

from __future__ import annotations

import json

from graph_core import layers
from gui import layer_help
from gui.files_menu import EXAMPLES_DIR


def test_every_layer_type_has_help_in_english_and_korean():
    data = json.loads(layer_help.HELP_FILE.read_text(encoding="utf-8"))
    assert set(data) == set(layers.REGISTRY) | set(layers.NESTED)  # every type, a model called as a layer too
    keras_names = {"InputLayer": "keras.Input", "Functional": "keras.Model"}
    for name, entry in data.items():
        page = "https://keras.io/api/models/" if name == "Functional" else "https://keras.io/api/layers/"
        assert entry["url"].startswith(page) and entry["keras"] == keras_names.get(name, f"keras.layers.{name}")
        for language in ("en", "ko"):
            assert entry[language]["text"] and entry[language]["weights"]
    assert layer_help.keras_page("Dense") == "keras.layers.Dense — https://keras.io/api/layers/core_layers/dense/"


def test_hovering_a_palette_entry_shows_formula_weights_and_keras_page(window):
    tip = window.palette.items["Dense"].toolTip(0)
    assert "y = activation(x · kernel + bias)" in tip
    assert "kernel (input features, units)" in tip
    assert "keras.layers.Dense — " in tip and "https://keras.io/api/layers/core_layers/dense/" in tip


def test_selecting_a_node_shows_its_real_weight_shapes(window):
    assert window.teaching.open_example(EXAMPLES_DIR / "mnist_model.lwire")
    node = next(n for n, v in window.document.graph.nodes.items() if v.layer == "dense")
    window.scene.select_nodes([node])
    text = window.inspector.info.text()
    assert "kernel (784, 64)" in text and "bias (64,)" in text
    assert "keras.layers.Dense" in text and "y = activation(x · kernel + bias)" in text
