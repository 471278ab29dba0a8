"""The summary matches Keras 3's output character for character."""

import re
from pathlib import Path

from graph_core.builder import ModelBuilder
from graph_core.summary import readable_memory_size, summary_text
from tests.graph_core.helpers import mnist

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "keras-functional-api-intro.ko.md"

SEED = """\
Model: "mnist_model"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ input_layer_5 (InputLayer)           │ (None, 784)                 │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_10 (Dense)                     │ (None, 64)                  │          50,240 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_11 (Dense)                     │ (None, 64)                  │           4,160 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_12 (Dense)                     │ (None, 10)                  │             650 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 55,050 (215.04 KB)
 Trainable params: 55,050 (215.04 KB)
 Non-trainable params: 0 (0.00 B)
"""


def test_the_seed_summary_exactly():
    g = mnist(("input_layer_5", "dense_10", "dense_11", "dense_12"))
    assert summary_text(g) == SEED


def test_the_seed_summary_matches_the_reference_document():
    if not REFERENCE.exists():  # the document lives beside the repository, in shared/
        return
    text = REFERENCE.read_text(encoding="utf-8")
    block = re.search(r'```plain\n(Model: "mnist_model"\n.*?)```', text, re.S)
    assert block is not None
    assert block.group(1) == SEED


def two_tower():
    b = ModelBuilder("two_tower")
    a = b.input((4,), name="a")
    c = b.input((4,), name="b")
    s1 = b.add("Dense", a, units=8, name="shared")
    s2 = b.call("shared", c)
    x = b.add("Concatenate", s1, s2, name="concat")
    b.add("Dense", x, units=1, name="out")
    return b.done()


def test_functional_summary_with_connected_to():
    # Rendered by Keras's rich table algorithm for this model (2 inputs, shared Dense, Concatenate).
    expected = """\
Model: "two_tower"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ a (InputLayer)                │ (None, 4)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ b (InputLayer)                │ (None, 4)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ shared (Dense)                │ (None, 8)                 │              40 │ a[0][0], b[0][0]           │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ concat (Concatenate)          │ (None, 16)                │               0 │ shared[0][0], shared[1][0] │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ out (Dense)                   │ (None, 1)                 │              17 │ concat[0][0]               │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 57 (228.00 B)
 Trainable params: 57 (228.00 B)
 Non-trainable params: 0 (0.00 B)
"""
    assert summary_text(two_tower()) == expected


def test_long_cells_wrap_by_words_and_cut_long_words():
    # Checked against rich's own rendering of the same table: words wrap at spaces,
    # a word longer than its cell is cut with "…", and a tall cell makes its row tall.
    b = ModelBuilder("wrap")
    x = b.input((64,), name="an_input_with_a_rather_long_name")
    y = b.add("BatchNormalization", x, name="batch_normalization_of_the_features")
    b.add("Add", x, y, name="add")
    lines = summary_text(b.done()).splitlines()
    assert all(len(line) == 108 for line in lines[1:-3])
    assert lines[7:10] == [
        "│ batch_normalization_of_the_f… │ (None, 64)                │             256 │ an_input_with_a_rather_lo… │",
        "│ (BatchNormalization)          │                           │                 │                            │",
        "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    ]
    assert lines[10:12] == [
        "│ add (Add)                     │ (None, 64)                │               0 │ an_input_with_a_rather_lo… │",
        "│                               │                           │                 │ batch_normalization_of_th… │",
    ]


def test_batch_normalization_counts_moving_statistics_as_non_trainable():
    b = ModelBuilder("bn")
    x = b.input((10,))
    b.add("BatchNormalization", x)
    text = summary_text(b.done())
    assert " Total params: 40 (160.00 B)" in text
    assert " Trainable params: 20 (80.00 B)" in text
    assert " Non-trainable params: 20 (80.00 B)" in text


def test_keras_layer_order_deepest_first():
    # Keras orders by depth from the outputs: the longer branch's input comes first.
    b = ModelBuilder("order")
    short = b.input((4,), name="short")
    long_ = b.input((4,), name="long")
    x = b.add("Dense", long_, units=4, name="l1")
    x = b.add("Dense", x, units=4, name="l2")
    b.add("Add", short, x, name="join")
    names = [line.split()[1] for line in summary_text(b.done()).splitlines() if line.startswith("│ ") and "(" in line]
    assert names == ["long", "l1", "short", "l2", "join"]


def test_invalid_graph_still_summarises():
    g = mnist()
    from graph_core import edits

    edits.Disconnect(g.nodes_of_layer("dense_1")[0], 0).apply(g)
    text = summary_text(g)
    assert "0 (unbuilt)" in text and "?" in text


def test_readable_memory_size():
    assert readable_memory_size(0) == "0.00 B"
    assert readable_memory_size(1024) == "1.00 KB"
    assert readable_memory_size(836_939 * 4) == "3.19 MB"


def test_a_thousand_layers_deep():
    import sys

    b = ModelBuilder("deep")
    x = b.input((4,))
    for _ in range(1000):
        x = b.add("Dense", x, units=4)
    graph = b.done(layout=False)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150)  # the summary needs no recursion at all
    try:
        text = summary_text(graph)
    finally:
        sys.setrecursionlimit(limit)
    assert " Total params: 20,000 (78.12 KB)" in text
