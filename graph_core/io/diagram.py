"""The model as a diagram, like ``keras.utils.plot_model(show_shapes=True, show_layer_activations=True)``.

One box per layer, top to bottom from the inputs, each with the layer's name and type, its
activation and its input and output shapes; an arrow for each wire. A shared layer is one
box with all its wires, as Keras draws it, and lists the shapes of each call. The result
is SVG text written here without graphviz; the editor and ``main.py export --format png``
rasterize the same SVG with Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape

from graph_core.graph import Graph
from graph_core.io.files import Project, atomic_write
from graph_core.layers import format_shape
from graph_core.model import used_layers
from graph_core.nesting import SEP, has_nested, inline

FONT = 13.0
CHAR = FONT * 0.6  # DejaVu Sans Mono's advance, so text widths are known without a renderer
LINE = FONT * 1.45
PAD = 12.0
ROW_GAP = 56.0
COLUMN_GAP = 36.0
MARGIN = 24.0


@dataclass(frozen=True)
class Box:
    layer: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float
    colour: str
    row: int

    @property
    def centre_x(self) -> float:
        return self.x + self.width / 2


def _shapes_text(shapes: list[str]) -> str:
    unique = list(dict.fromkeys(shapes))
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def _outputs_text(shapes: tuple) -> str:
    """A node's output shape, or its several in a list (a nested model with several outputs)."""
    texts = [format_shape(s) for s in shapes]
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"


def _box_lines(graph: Graph, layer_name: str) -> tuple[str, ...]:
    layer = graph.layers[layer_name]
    analysis = graph.analysis()
    nodes = graph.nodes_of_layer(layer_name)
    title = f"{layer_name} ({layer.type})"
    lines = [title]
    if "activation" in layer.config:  # as plot_model(show_layer_activations=True) shows it
        lines.append(f"Activation: {layer.config['activation']}")
    if layer.type != "InputLayer":
        in_shapes = []
        for node in nodes:
            shapes = [format_shape(analysis.shape_of(v)) for v in graph.values_into(node)]
            in_shapes.append(shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]")
        lines.append(f"Input shape: {_shapes_text(in_shapes)}")
    lines.append(f"Output shape: {_shapes_text([_outputs_text(analysis.out_shapes.get(n, (None,))) for n in nodes])}")
    if len(nodes) > 1:
        lines.append(f"Shared: called {len(nodes)} times")
    return tuple(lines)


Arrow = tuple[str, str, int, int]  # source layer, destination layer, input slot, slots at the destination


def layout(graph: Graph) -> tuple[list[Box], list[Arrow]]:
    """Boxes placed in rows by their longest path from an input, and one arrow per wire."""
    analysis = graph.analysis()
    names = used_layers(graph) if analysis.valid else list(dict.fromkeys(graph.nodes[n].layer for n in analysis.order))
    arrows: list[Arrow] = []
    for node in analysis.order:
        dst = graph.nodes[node].layer
        if dst not in names:
            continue
        sources = graph.sources_of(node)
        for slot, src in enumerate(sources):
            arrows.append((graph.nodes[src].layer, dst, slot, len(sources)))
    rank: dict[str, int] = {name: 0 for name in names}
    for node in analysis.order:  # longest path over nodes, a layer as low as its lowest call
        dst = graph.nodes[node].layer
        if dst in rank:
            for src in graph.sources_of(node):
                source = graph.nodes[src].layer
                if source != dst:
                    rank[dst] = max(rank[dst], rank[source] + 1)
    rows: dict[int, list[str]] = {}
    for name in names:
        rows.setdefault(rank[name], []).append(name)
    lines = {name: _box_lines(graph, name) for name in names}
    size = {
        name: (max(len(t) for t in lines[name]) * CHAR + 2 * PAD, len(lines[name]) * LINE + 2 * PAD * 0.75)
        for name in names
    }
    row_widths = {r: sum(size[n][0] for n in row) + COLUMN_GAP * (len(row) - 1) for r, row in rows.items()}
    total_width = max(row_widths.values(), default=0.0)
    boxes, y = [], MARGIN
    for r in sorted(rows):
        x = MARGIN + (total_width - row_widths[r]) / 2
        height = max(size[n][1] for n in rows[r])
        for name in rows[r]:
            w, h = size[name]
            colour = graph.layers[name].spec.look.colour  # the colour the canvas gives its node
            boxes.append(Box(name, lines[name], x, y + (height - h) / 2, w, h, colour, r))
            x += w + COLUMN_GAP
        y += height + ROW_GAP
    return boxes, arrows


def _clusters(boxes: list[Box]) -> list[tuple[str, float, float, float, float]]:
    """A dashed frame per nested model around its layers' boxes (``encoder/conv2d`` is in ``encoder``), a model
    inside another framed inside it: ``(name, x, y, width, height)``, outermost first."""
    prefixes: dict[str, int] = {}
    for box in boxes:
        parts = box.layer.split(SEP)[:-1]
        for depth in range(1, len(parts) + 1):
            prefixes[SEP.join(parts[:depth])] = depth
    deepest = max(prefixes.values(), default=0)
    frames = []
    for prefix, depth in sorted(prefixes.items(), key=lambda kv: kv[1]):
        inside = [b for b in boxes if b.layer.startswith(prefix + SEP)]
        levels = deepest - depth + 1  # frames inside this one, each with its name above its boxes
        pad = 8.0 * levels
        x0, y0 = min(b.x for b in inside) - pad, min(b.y for b in inside) - pad - LINE * levels
        x1, y1 = max(b.x + b.width for b in inside) + pad, max(b.y + b.height for b in inside) + pad
        frames.append((prefix, x0, y0, x1 - x0, y1 - y0))
    return frames


def to_svg(graph: Graph, expand_nested: bool = False) -> str:
    """The diagram as a standalone SVG document.

    A nested model is one box, or with ``expand_nested`` (Keras's ``plot_model(expand_nested=True)``) its
    layers, named by path (``encoder/conv2d``), in a dashed frame named after it.
    """
    name = graph.name
    if expand_nested and has_nested(graph) and graph.analysis().valid:
        graph = inline(graph)
    boxes, arrows = layout(graph)
    frames = _clusters(boxes)
    if frames:  # room for the outermost frames' names
        top = min(f[2] for f in frames)
        if top < MARGIN / 2:
            shift = MARGIN / 2 - top
            boxes = [Box(b.layer, b.lines, b.x, b.y + shift, b.width, b.height, b.colour, b.row) for b in boxes]
            frames = [(n, x, y + shift, w, h) for n, x, y, w, h in frames]
    by_name = {b.layer: b for b in boxes}
    lanes, widest_lane = 0, 0.0
    paths = []
    for src, dst, slot, slots in arrows:
        a, b = by_name[src], by_name[dst]
        between = [c for c in boxes if a.row < c.row < b.row]
        x2 = b.x + b.width * (slot + 1) / (slots + 1)  # inputs arrive side by side, in input order
        if src == dst:  # a layer called on its own output: a loop on its right side
            x, y1, y2 = a.x + a.width, a.y + a.height * 0.3, a.y + a.height * 0.7
            paths.append(f"M {x:.1f} {y1:.1f} C {x + 40:.1f} {y1:.1f}, {x + 40:.1f} {y2:.1f}, {x + 2:.1f} {y2:.1f}")
        elif between:  # a long wire goes round the rows it skips, on the right
            lane = max(c.x + c.width for c in between) + 28 + 14 * lanes
            lanes += 1
            widest_lane = max(widest_lane, lane)
            # out of the box's bottom, over to the lane in the gap below its row (so no box of its row is crossed)
            x1, y1 = a.centre_x, a.y + a.height
            turn, top, y2 = y1 + ROW_GAP / 2, b.y - ROW_GAP / 2, b.y
            paths.append(
                f"M {x1:.1f} {y1:.1f} C {x1:.1f} {turn:.1f}, {lane:.1f} {y1 + 6:.1f}, {lane:.1f} {turn:.1f} "
                f"L {lane:.1f} {top:.1f} C {lane:.1f} {y2 - 6:.1f}, {x2:.1f} {top:.1f}, {x2:.1f} {y2 - 1:.1f}"
            )
        else:
            x1, y1, y2 = a.centre_x, a.y + a.height, b.y
            mid = (y1 + y2) / 2
            paths.append(f"M {x1:.1f} {y1:.1f} C {x1:.1f} {mid:.1f}, {x2:.1f} {mid:.1f}, {x2:.1f} {y2 - 1:.1f}")
    width = max(max((b.x + b.width for b in boxes), default=200.0), widest_lane + 14) + MARGIN
    height = max((b.y + b.height for b in boxes), default=80.0) + MARGIN
    if frames:
        width = max(width, max(x + w for _, x, _, w, _ in frames) + MARGIN / 2)
        height = max(height, max(y + h for _, _, y, _, h in frames) + MARGIN / 2)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}">',
        f"<title>{escape(name)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#424242"/></marker></defs>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#FFFFFF"/>',
    ]
    for prefix, x, y, w, h in frames:
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="8" fill="#F3EEFB" '
            f'stroke="#7E57C2" stroke-width="1.2" stroke-dasharray="6 4"/>'
        )
        out.append(
            f'<text x="{x + 8:.1f}" y="{y + LINE * 0.8:.1f}" font-family="DejaVu Sans Mono, Menlo, Consolas, '
            f'monospace" font-size="{FONT:g}" font-weight="bold" fill="#4527A0">'
            f"{escape(prefix.split(SEP)[-1])} (Functional)</text>"
        )
    for path in paths:
        out.append(f'<path d="{path}" fill="none" stroke="#424242" stroke-width="1.4" marker-end="url(#arrow)"/>')
    for box in boxes:
        out.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
            f'rx="6" fill="{box.colour}" stroke="#424242" stroke-width="1.2"/>'
        )
        for i, text in enumerate(box.lines):
            weight = ' font-weight="bold"' if i == 0 else ""
            y = box.y + PAD * 0.75 + LINE * (i + 0.75)
            out.append(
                f'<text x="{box.centre_x:.1f}" y="{y:.1f}" text-anchor="middle" '
                f'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{FONT:g}"{weight} '
                f'fill="#212121">{escape(text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def save_svg(project: Project, path: str | os.PathLike[str], expand_nested: bool = False) -> None:
    atomic_write(path, to_svg(project.graph, expand_nested).encode("utf-8"))
