"""The built-in sets of token ids: brackets (order matters) and the Keras guide's tickets; token ids from files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from graph_core.examples import build
from graph_core.graph import Graph
from graph_core.settings import TrainingSettings
from kernels.datasets import BUILTIN, load_dataset, make_builtin, make_tickets
from kernels.training import Trainer


def balanced(text: str) -> bool:
    """The plain definition: no prefix closes more brackets than it opened, and all are closed."""
    depth = 0
    for c in text:
        depth += 1 if c == "(" else -1
        if depth < 0:
            return False
    return depth == 0


def as_text(ids: np.ndarray) -> str:
    return "".join("()"[i] for i in ids)


def brackets_model(reader: str = "LSTM") -> Graph:
    """ids -> Embedding(2, 8) -> LSTM(16) -> Dense(1, sigmoid); ``reader="bag"`` averages the embeddings instead
    (a bag of words: it sees which tokens occur, not in which order)."""
    b = ModelBuilder("brackets")
    x = b.add("InputLayer", shape=(20,), dtype="int32", name="brackets")
    x = b.add("Embedding", x, input_dim=2, output_dim=8)
    if reader == "bag":
        x = b.add("GlobalAveragePooling1D", x)
        x = b.add("Dense", x, units=16, activation="relu")
    else:
        x = b.add(reader, x, units=16)
    b.add("Dense", x, units=1, activation="sigmoid", name="balanced")
    return b.done(layout=False)


def test_brackets_are_token_ids_labelled_by_whether_they_balance() -> None:
    x, y, about = make_builtin("brackets", seed=5)
    assert x.dtype == np.int32 and x.shape == (BUILTIN["brackets"][1], 20) and y.dtype == np.int64
    assert set(np.unique(x)) == {0, 1} and (x.sum(axis=1) == 10).all()  # ten of each: counts tell nothing
    texts = [as_text(row) for row in x]
    assert y.tolist() == [int(balanced(t)) for t in texts]
    assert y.tolist() == [1, 0] * (len(y) // 2)  # alternating, so a validation split of the tail has both
    assert len(set(texts)) > 0.95 * len(texts)
    # the unbalanced ones of every fourth sample dip below zero once, inside: they start with ( and end with )
    near = x[1::4]
    assert (near[:, 0] == 0).all() and (near[:, -1] == 1).all()
    assert about.startswith("brackets: strings of 20 brackets")
    again, labels, _ = make_builtin("brackets", seed=5)
    np.testing.assert_array_equal(again, x)
    np.testing.assert_array_equal(labels, y)
    assert not np.array_equal(make_builtin("brackets", seed=6)[0], x)
    small, small_y, _ = make_builtin("brackets", samples=7, seed=5)
    assert small.shape == (7, 20) and small_y.tolist() == [int(balanced(as_text(r))) for r in small]


def test_brackets_for_a_model_are_keyed_and_carry_their_characters() -> None:
    data = load_dataset("brackets", brackets_model(), samples=40)
    assert list(data.x) == ["brackets"] and list(data.y) == ["balanced"]
    assert data.tokens == {"brackets": ("(", ")")}
    assert data.x["brackets"].dtype == np.int32
    assert "40 samples, input brackets (20,), target balanced: labels 0..1" in data.description
    train, val = data.split(0.25)
    assert train.tokens == val.tokens == data.tokens and len(val) == 10


def _fit(graph: Graph, epochs: int) -> tuple[float, float]:
    """(validation accuracy after training, seconds of training) on brackets."""
    data = load_dataset("brackets", graph)
    settings = TrainingSettings(optimizer="adam", learning_rate=0.01, batch_size=32, epochs=epochs,
                                validation_split=0.2)  # fmt: skip
    trainer = Trainer(graph, settings, data)
    trainer.prepare()  # compiling, the first time on a machine, is not training
    history = trainer.fit()
    return history.epochs[-1]["val_accuracy"], sum(history.seconds)


def test_an_lstm_learns_brackets_and_a_bag_of_words_cannot() -> None:
    accuracy, _ = _fit(brackets_model(), epochs=5)
    assert accuracy >= 0.97, accuracy  # 1.0 after three epochs of 1,600 strings (about half a second)
    bag, _ = _fit(brackets_model("bag"), epochs=5)
    assert bag <= 0.55, bag  # every string holds ten of each: the average embedding is the same for all


def test_tickets_as_in_the_guide() -> None:
    x, y, about = make_tickets(seed=2)
    assert {k: (v.dtype, v.shape) for k, v in x.items()} == {
        "title": (np.int32, (1280, 10)), "body": (np.int32, (1280, 100)), "tags": (np.float32, (1280, 12))}  # fmt: skip
    assert {k: (v.dtype, v.shape) for k, v in y.items()} == {
        "priority": (np.float32, (1280, 1)), "department": (np.float32, (1280, 4))}  # fmt: skip
    assert 0 <= x["title"].min() and x["body"].max() <= 9999 and x["body"].max() > 9900
    assert set(np.unique(x["tags"])) == set(np.unique(y["department"])) == {0.0, 1.0}
    assert 0 <= y["priority"].min() and y["priority"].max() < 1
    assert about.startswith("tickets: the Keras guide's random support tickets")
    again, _, _ = make_tickets(seed=2)
    np.testing.assert_array_equal(again["body"], x["body"])
    assert not np.array_equal(make_tickets(seed=3)[0]["body"], x["body"])
    assert len(make_tickets(samples=64)[0]["title"]) == 64


def test_the_ticket_example_trains_on_tickets_with_the_guides_losses() -> None:
    project = build("tickets")
    settings = TrainingSettings.from_dict(project.training)
    assert settings.data == "tickets"
    data = load_dataset(settings.data, project.graph, seed=settings.seed)
    assert list(data.x) == ["title", "body", "tags"] and list(data.y) == ["priority", "department"]
    history = Trainer(project.graph, settings, data).fit()
    logs = history.epochs
    assert len(logs) == 2
    for log in logs:  # loss_weights [1.0, 0.2], each output's loss reported unweighted
        assert log["loss"] == pytest.approx(log["priority_loss"] + 0.2 * log["department_loss"], rel=1e-4)
    # random targets: binary cross-entropy near ln 2; two departments of four on average, each costing ln 4
    assert logs[-1]["priority_loss"] == pytest.approx(np.log(2), abs=0.03)
    assert logs[-1]["department_loss"] == pytest.approx(2 * np.log(4), abs=0.3)
    assert logs[-1]["loss"] < logs[0]["loss"]


def test_tickets_for_a_model_with_other_names_or_fewer_inputs() -> None:
    with pytest.raises(DataError, match=r"The tickets data has inputs title, body, tags and targets priority, "
                                        r"department; the model has inputs brackets and outputs balanced"):  # fmt: skip
        load_dataset("tickets", brackets_model())
    b = ModelBuilder("title_only")
    x = b.add("InputLayer", shape=(None,), name="title")
    x = b.add("LSTM", b.add("Embedding", x, input_dim=10000, output_dim=4), units=4)
    b.add("Dense", x, units=4, name="department")
    data = load_dataset("tickets", b.done(layout=False), samples=32)
    assert list(data.x) == ["title"] and list(data.y) == ["department"]


def id_model(input_dim: int = 50) -> Graph:
    b = ModelBuilder("ids")
    x = b.add("InputLayer", shape=(None,), dtype="int32", name="words")
    x = b.add("LSTM", b.add("Embedding", x, input_dim=input_dim, output_dim=8), units=8)
    b.add("Dense", x, units=3, name="topic")
    return b.done(layout=False)


def test_token_ids_from_an_npz_train_a_token_model(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 50, (96, 12)).astype(np.int64)
    topic = ids[:, 0] % 3  # the first word names the topic
    np.savez(tmp_path / "words.npz", words=ids, topic=topic)
    graph = id_model()
    data = load_dataset(str(tmp_path / "words.npz"), graph)
    assert data.x["words"].dtype == np.int64 and data.inputs_for(graph)["words"].dtype == np.int32
    settings = TrainingSettings(optimizer="adam", learning_rate=0.01, epochs=3, batch_size=16)
    history = Trainer(graph, settings, data).fit()
    assert history.epochs[-1]["loss"] < history.epochs[0]["loss"]
    np.savez(tmp_path / "xy.npz", x=ids.astype(np.int32), y=topic)  # x and y: the same, for a one-input model
    assert load_dataset(str(tmp_path / "xy.npz"), graph).x["words"].shape == (96, 12)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (np.full((8, 5), 1.5), r"Input 'words' takes token ids \(int32\); received an array of float64"),
        (np.full((8, 5), 50), r"embedding \(Embedding\) takes token ids from 0 to 49 .*; the data holds 50"),
        (np.full((8, 5), -1), r"takes token ids from 0 to 49 \(input_dim=50\); the data holds -1"),
    ],
)
def test_bad_token_ids_are_refused_with_one_message(tmp_path: Path, words: np.ndarray, message: str) -> None:
    np.savez(tmp_path / "bad.npz", words=words, topic=np.zeros(8, np.int64))
    graph = id_model()
    data = load_dataset(str(tmp_path / "bad.npz"), graph)
    with pytest.raises(DataError, match=message):
        Trainer(graph, TrainingSettings(), data)


def test_ragged_sequences_are_refused_with_a_hint_to_pad(tmp_path: Path) -> None:
    ragged = np.empty(2, dtype=object)
    ragged[0], ragged[1] = [1, 2, 3], [4]
    np.savez(tmp_path / "ragged.npz", words=ragged, topic=np.zeros(2, np.int64))
    with pytest.raises(DataError, match=r"ragged.npz\['words'\] holds object arrays .* pad them to one length"):
        load_dataset(str(tmp_path / "ragged.npz"), id_model())
