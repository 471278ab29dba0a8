"""Copy and paste of nodes, as JSON under Layerwire's own MIME type.

The payload holds the copied nodes (layer name, type, config, position) and the wires
among them, so a selection pasted into another window (or another editor process)
rebuilds the same sub-network. Nodes that share a layer in the copy share one new
layer in the paste. Pasting is one core edit: a Compound of AddNode, CallLayer and
Connect, with node ids chosen up front so the wires can name them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from graph_core import edits, layers
from graph_core.errors import LayerwireError
from graph_core.graph import Graph
from graph_core.io import files
from gui import i18n

MIME_TYPE = "application/x-layerwire-nodes+json"
FORMAT = "layerwire-nodes"


class ClipboardError(LayerwireError):
    """The clipboard holds something that is not a Layerwire selection."""


def selection_payload(graph: Graph, node_ids: Iterable[int]) -> dict[str, Any]:
    chosen = [n for n in graph.nodes if n in set(node_ids)]
    nodes = []
    for n in chosen:
        node = graph.nodes[n]
        layer = graph.layers[node.layer]
        nodes.append(
            {
                "id": n,
                "layer": layer.name,
                "type": layer.type,
                "config": (
                    {"model": files.model_to_dict(layer.inner)}  # a nested model travels whole
                    if layer.inner is not None
                    else {k: list(v) if isinstance(v, tuple) else v for k, v in layer.config.items()}
                ),
                "pos": [node.pos[0], node.pos[1]],
            }
        )
    inside = set(chosen)
    wires = [
        {"src": w.src, "dst": w.dst, "port": w.port, "out": w.out}
        for w in graph.wires()
        if w.src in inside and w.dst in inside
    ]
    return {"format": FORMAT, "version": 1, "nodes": nodes, "wires": wires}


def to_mime(graph: Graph, node_ids: Iterable[int]) -> QMimeData:
    mime = QMimeData()
    payload = json.dumps(selection_payload(graph, node_ids))
    mime.setData(MIME_TYPE, payload.encode("utf-8"))
    mime.setText(payload)  # other programs see readable JSON
    return mime


def payload_from_mime(mime: QMimeData | None) -> dict[str, Any] | None:
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return payload if isinstance(payload, dict) and payload.get("format") == FORMAT else None


def paste_edit(
    graph: Graph, payload: dict[str, Any], offset: tuple[float, float], name: str = "Paste"
) -> tuple[edits.Compound, list[int]]:
    """The edit that adds the payload's nodes, moved by ``offset``; and the new node ids.

    Raises ``ClipboardError`` (or the core's ``ConfigError``) on a malformed payload.
    """
    try:
        nodes = list(payload["nodes"])
        wires = list(payload["wires"])
    except (KeyError, TypeError):
        raise ClipboardError(i18n.translate("Clipboard", "the clipboard holds no Layerwire nodes")) from None
    steps: list[edits.Edit] = []
    id_map: dict[int, int] = {}
    layer_map: dict[str, str] = {}
    taken: list[str] = []
    next_id = graph.next_id
    try:
        for entry in nodes:
            pos = (float(entry["pos"][0]) + offset[0], float(entry["pos"][1]) + offset[1])
            id_map[int(entry["id"])] = next_id
            if entry["layer"] in layer_map:
                steps.append(edits.CallLayer(layer_map[entry["layer"]], pos, node_id=next_id))
            else:
                config = dict(entry["config"])
                spec = layers.get(entry["type"])
                base = spec.base_name
                if spec.holds_model:  # a copy of a nested model is a model of its own, named after it
                    config["model"] = files.model_from_dict(config.get("model"), "the clipboard's model")
                    base = config["model"].name
                else:
                    for key, value in config.items():
                        if isinstance(value, list):  # JSON has no tuples: shapes come back as lists
                            config[key] = tuple(value)
                new_name = graph.unique_name(base, taken)
                if spec.holds_model:
                    config["model"].set_name(new_name)
                taken.append(new_name)
                layer_map[entry["layer"]] = new_name
                steps.append(edits.AddNode(entry["type"], config, pos, name=new_name, node_id=next_id))
            next_id += 1
        for w in wires:
            steps.append(
                edits.Connect(id_map[int(w["src"])], id_map[int(w["dst"])], int(w["port"]), int(w.get("out", 0)))
            )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        if isinstance(exc, LayerwireError):
            raise
        raise ClipboardError(
            i18n.translate("Clipboard", "the clipboard's nodes are damaged: {0}").format(repr(exc))
        ) from None
    label = name if len(nodes) != 1 else f"{name} {layer_map.get(nodes[0]['layer'], '')}".strip()
    return edits.Compound(steps, name=label), list(id_map.values())


#: Platforms whose clipboard keeps its data in a global object that Qt destroys after Python
#: has shut down (the desktop ones, xcb among them, destroy it with the application).
_PROCESS_CLIPBOARDS = ("offscreen", "minimal")


def release_before_exit(app: QGuiApplication) -> None:
    """Drop the clipboard's data while Python still runs, where Qt would drop it too late.

    Data put there from Python has a Python wrapper; deleting it after the interpreter has
    finished crashes the process at exit (seen with the offscreen platform). Elsewhere the
    clipboard is the system's and keeps what was copied.
    """
    if app.platformName() in _PROCESS_CLIPBOARDS:
        app.clipboard().clear()
