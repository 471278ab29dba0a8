"""Layer help: what a layer computes, its formula, its weights and its Keras documentation page.

The texts are data, in English and Korean, in ``resources/layer_help.json`` (one entry
per layer type: ``keras`` class name, ``url`` of its keras.io page, and per language a
``text`` and a ``weights`` description). The formula comes from the layer registry.
The palette shows :func:`help_html` as a tooltip; the inspector shows it for the
selected node with the weight shapes that node really has.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from graph_core import layers
from graph_core.layers import WeightSpec
from graph_core.resources import RESOURCES
from gui import i18n

HELP_FILE = RESOURCES / "layer_help.json"


@cache
def load_help(path: Path = HELP_FILE) -> dict[str, dict[str, Any]]:
    """The help entries by layer type name."""
    return json.loads(path.read_text(encoding="utf-8"))


def keras_page(type_name: str) -> str:
    """``keras.layers.Dense — https://keras.io/api/layers/core_layers/dense/``."""
    entry = load_help().get(type_name)
    return f"{entry['keras']} — {entry['url']}" if entry else ""


def help_text(type_name: str, language: str | None = None) -> str:
    """The one-paragraph description in ``language`` (default: the one in force), falling back to English."""
    entry = load_help().get(type_name)
    if entry is None:  # every type has an entry (a test sees to it)
        return ""
    language = language or i18n.language()
    return (entry.get(language) or entry["en"])["text"]


def weights_text(type_name: str, specs: Sequence[WeightSpec] | None = None, language: str | None = None) -> str:
    """The weights: the real shapes when ``specs`` are given, else the general description."""
    if specs is not None:
        if not specs:
            return i18n.translate("LayerHelp", "none")
        fixed = i18n.translate("LayerHelp", "not trained")
        return ", ".join(
            f"{s.name} {layers.format_shape(s.shape)}" + ("" if s.trainable else f" ({fixed})") for s in specs
        )
    entry = load_help().get(type_name)
    if entry is None:
        return ""
    language = language or i18n.language()
    return (entry.get(language) or entry["en"])["weights"]


def help_html(type_name: str, specs: Sequence[WeightSpec] | None = None, heading: bool = True) -> str:
    """Rich text for a tooltip or the inspector, in the language in force."""
    spec = layers.get(type_name)
    entry = load_help().get(type_name, {})
    rows = []
    if heading:
        rows.append(f"<b>{html.escape(type_name)}</b>")
    rows.append(html.escape(help_text(type_name)))
    computes = i18n.translate("LayerHelp", "Computes")
    weights = i18n.translate("LayerHelp", "Weights")
    docs = i18n.translate("LayerHelp", "Keras documentation")
    if spec.formula:
        rows.append(f"{computes}: <code>{html.escape(spec.formula)}</code>")
    rows.append(f"{weights}: <code>{html.escape(weights_text(type_name, specs))}</code>")
    if entry:
        link = f"<a href='{entry['url']}'>{html.escape(entry['url'])}</a>"
        rows.append(f"{docs}: {html.escape(entry['keras'])} — {link}")
    return "<br>".join(rows)
