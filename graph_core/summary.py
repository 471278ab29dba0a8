"""``model.summary()`` as Keras 3 prints it, character for character.

Keras renders its summary with ``rich``; this module reproduces that table without it:
the same column positions, the same way ``rich`` shrinks fixed columns to the table's
width and wraps cell text, the same box characters and the same totals lines. Layers
are listed in the order Keras's ``map_graph`` gives them, and models that are not a
plain chain get the ``Connected to`` column.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_core.graph import Graph
from graph_core.layers import Shape
from graph_core.model import call_indices, param_counts, used_layers

BYTES_PER_PARAM = 4  # float32


@dataclass(frozen=True)
class SummaryRow:
    layer: str
    type: str
    output_shape: str
    params: str
    connected_to: str


def keras_order(graph: Graph) -> tuple[list[str], dict[int, int]]:
    """Layers in Keras's order (deepest first, ties by traversal) and each node's depth.

    Mirrors ``keras/src/ops/function.py::map_graph``: depth 0 at the outputs, a node's
    inputs one deeper, a shared layer as deep as its deepest node.
    """
    analysis = graph.analysis()
    index: dict[str, int] = {}
    finished: set[int] = set()
    post_order: list[int] = []

    for out in analysis.outputs:  # depth-first from each output, inputs in port order, without recursion
        stack: list[tuple[int, bool]] = [(out, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                finished.add(node)
                post_order.append(node)
                continue
            if node in finished:
                continue
            index.setdefault(graph.nodes[node].layer, len(index))
            stack.append((node, True))
            stack.extend((src, False) for src in reversed(graph.sources_of(node)) if src not in finished)

    node_depth: dict[int, int] = {}
    layer_depth: dict[str, int] = {}
    for node in reversed(post_order):
        depth = node_depth.setdefault(node, 0)
        layer = graph.nodes[node].layer
        depth = max(depth, layer_depth.get(layer, 0))
        layer_depth[layer] = depth
        node_depth[node] = depth
        for src in graph.sources_of(node):
            node_depth[src] = max(depth + 1, node_depth.get(src, 0))
    for node in analysis.inputs:  # inputs not connected to outputs still belong to the model
        layer = graph.nodes[node].layer
        if layer not in layer_depth:
            layer_depth[layer] = 0
            index[layer] = -1
            node_depth[node] = 0
    order = sorted(layer_depth, key=lambda name: (-layer_depth[name], index[name]))
    return order, node_depth


def _is_sequential_like(graph: Graph, node_depth: dict[int, int]) -> bool:
    by_depth: dict[int, list[int]] = {}
    for node, depth in node_depth.items():
        by_depth.setdefault(depth, []).append(node)
    for nodes in by_depth.values():
        if len(nodes) > 1 or (len(nodes) == 1 and len(graph.sources_of(nodes[0])) > 1):
            return False
    layers_seen: set[str] = set()
    for node in node_depth:
        layer = graph.nodes[node].layer
        if layer in layers_seen:
            return False  # a shared layer
        layers_seen.add(layer)
    return True


def summary_rows(graph: Graph, expand_nested: bool = False) -> tuple[list[SummaryRow], bool]:
    """One row per layer and whether the model reads as a plain chain.

    ``expand_nested`` (Keras's ``expand_nested=True``) follows a nested model's row with a
    row per layer of it, marked ``   └ `` (three more spaces a level deeper).
    """
    analysis = graph.analysis()
    if analysis.valid:
        order, node_depth = keras_order(graph)
        in_model = set(node_depth)
    else:  # show what there is, in the order it runs
        order = list(dict.fromkeys(graph.nodes[n].layer for n in analysis.order))
        in_model = set(graph.nodes)
        node_depth = {n: 0 for n in graph.nodes}
    sequential = analysis.valid and _is_sequential_like(graph, node_depth)
    call_index = call_indices(graph)
    rows = []
    for name in order:
        layer = graph.layers[name]
        nodes = sorted((n for n in graph.nodes_of_layer(name) if n in in_model), key=call_index.__getitem__)
        shapes = analysis.out_shapes.get(nodes[-1], (None,)) if nodes else (None,)
        specs = analysis.weight_specs.get(name)
        if specs is None:
            params = "0 (unbuilt)" if layer.spec.has_weights else "0"
        else:
            params = f"{param_counts(graph, [name]).total:,}"
        links = [
            f"{graph.nodes[src].layer}[{call_index[src]}][{out}]"
            for node in nodes
            for src, out in graph.values_into(node)
        ]
        rows.append(
            SummaryRow(
                layer=name,
                type=layer.type,
                output_shape=_keras_shapes(shapes),
                params=params,
                connected_to=", ".join(links) if links else "-",
            )
        )
        if expand_nested and layer.inner is not None and layer.inner.analysis().valid:
            rows += _nested_rows(layer.inner, 1)
    return rows, sequential


def _nested_rows(graph: Graph, level: int) -> list[SummaryRow]:
    """The rows of a nested model's layers, as Keras's ``expand_nested`` prints them (not connected to the outer
    model's nodes: ``-``)."""
    analysis = graph.analysis()
    call_index = call_indices(graph)
    rows = []
    for name in keras_order(graph)[0]:
        layer = graph.layers[name]
        nodes = sorted(graph.nodes_of_layer(name), key=lambda n: call_index.get(n, -1))
        rows.append(
            SummaryRow(
                layer=f"{'   ' * level}└ {name}",
                type=layer.type,
                output_shape=_keras_shapes(analysis.out_shapes.get(nodes[-1], (None,))),
                params=f"{param_counts(graph, [name]).total:,}",
                connected_to="-",
            )
        )
        if layer.inner is not None:
            rows += _nested_rows(layer.inner, level + 1)
    return rows


def _keras_shape(shape: Shape | None) -> str:
    if shape is None:
        return "?"
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def _keras_shapes(shapes: tuple[Shape | None, ...]) -> str:
    """One output's shape, or a layer's several in a list: ``[(None, 2), (None, 5)]``."""
    if len(shapes) == 1:
        return _keras_shape(shapes[0])
    return "[" + ", ".join(_keras_shape(s) for s in shapes) + "]"


def readable_memory_size(size: float) -> str:
    """Keras's ``readable_memory_size``: 1024-based units with two decimals."""
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"


# --------------------------------------------------------------------------- rich emulation


def _column_widths(line_length: int, positions: list[float]) -> list[int]:
    """Cell widths (without padding) as rich computes them for Keras's fixed columns."""
    widths, current = [], 0
    for pos in positions:
        width = int(pos * line_length) - current
        widths.append(width + 2)  # rich adds one space of padding on each side
        current += width
    available = line_length - (len(positions) + 1)
    excess = sum(widths) - available
    if excess > 0:  # rich's ratio_reduce with equal ratios
        remaining, ratio_left = excess, len(widths)
        for i in range(len(widths)):
            cut = min(widths[i], round(remaining / ratio_left))
            widths[i] -= cut
            remaining -= cut
            ratio_left -= 1
    elif excess < 0:  # rich's ratio_distribute, proportional to the widths
        extra, total = -excess, sum(widths)
        for i in range(len(widths)):
            share = -(-widths[i] * extra // total) if total else 0
            share = min(share, extra)
            total -= widths[i]
            widths[i] += share
            extra -= share
    return [w - 2 for w in widths]


def _wrap(text: str, width: int) -> list[str]:
    """rich's wrapping for a column with overflow='ellipsis': by words, long words cut with '…'."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        stripped = word.rstrip()
        if len(current) + len(stripped) <= width:
            current += word
        else:
            if current:
                lines.append(current)
            current = word
    lines.append(current)
    out = []
    for line in lines:
        line = line.rstrip()
        if len(line) > width:
            line = line[: max(width - 1, 0)] + "…"
        out.append(line)
    return out


def _words(text: str) -> list[str]:
    words, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] != " ":
            j += 1
        while j < len(text) and text[j] == " ":
            j += 1
        words.append(text[i:j])
        i = j
    return words


def _render_table(header: list[str], rows: list[list[str]], widths: list[int], right: list[bool]) -> list[str]:
    def border(left: str, fill: str, mid: str, end: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + end

    def cells(values: list[str], edge: str) -> list[str]:
        wrapped = [_wrap(v, w) for v, w in zip(values, widths)]
        height = max(len(c) for c in wrapped)
        out = []
        for k in range(height):
            parts = []
            for c, w, r in zip(wrapped, widths, right):
                text = c[k] if k < len(c) else ""
                parts.append(" " + (text.rjust(w) if r else text.ljust(w)) + " ")
            out.append(edge + edge.join(parts) + edge)
        return out

    lines = [border("┏", "━", "┳", "┓"), *cells(header, "┃"), border("┡", "━", "╇", "┩")]
    for i, row in enumerate(rows):
        if i:
            lines.append(border("├", "─", "┼", "┤"))
        lines.extend(cells(row, "│"))
    lines.append(border("└", "─", "┴", "┘"))
    return lines


def summary_text(graph: Graph, line_length: int | None = None, expand_nested: bool = False) -> str:
    """The whole summary as Keras prints it, ending with a newline (``expand_nested``: see :func:`summary_rows`)."""
    rows, sequential = summary_rows(graph, expand_nested)
    if sequential:
        line_length = line_length or 88
        positions = [0.45, 0.80, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
        right = [False, False, True]
    else:
        line_length = line_length or 108
        positions = [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        right = [False, False, True, False]
    table_rows = []
    for r in rows:
        cells = [f"{r.layer} ({r.type})", r.output_shape, r.params]
        if not sequential:
            cells.append(r.connected_to)
        table_rows.append(cells)
    widths = _column_widths(line_length, positions)
    lines = [f'Model: "{graph.name}"', *_render_table(header, table_rows, widths, right)]

    analysis = graph.analysis()
    counts = param_counts(graph, used_layers(graph) if analysis.valid else list(graph.layers))
    trainable, non_trainable, total = counts.trainable, counts.non_trainable, counts.total
    for label, count in (("Total", total), ("Trainable", trainable), ("Non-trainable", non_trainable)):
        lines.append(f" {label} params: {count:,} ({readable_memory_size(count * BYTES_PER_PARAM)})")
    return "\n".join(lines) + "\n"
