"""The wrappers in the training engine: sequences of any length both ways, a softmax on every step as an output,
and training that lowers the loss."""

from __future__ import annotations

import numpy as np

from graph_core.builder import ModelBuilder
from graph_core.graph import Graph
from graph_core.model import ensure_weights
from graph_core.reference import forward
from graph_core.settings import TrainingSettings
from kernels.datasets import Dataset
from kernels.executor import predict
from kernels.stepper import default_targets
from kernels.training import Trainer, infer_losses


def tagger(steps: int | None = None) -> Graph:
    """A tag for every step of a sequence (of any length: ``steps`` None): an LSTM read both ways, a softmax Dense on
    each step."""
    b = ModelBuilder("tagger")
    x = b.add("Bidirectional", b.input((steps, 3), name="x"), units=4, return_sequences=True, merge_mode="ave")
    b.add("TimeDistributed", x, units=3, activation="softmax", name="tags")
    graph = b.done(layout=False)
    ensure_weights(graph, seed=2)
    return graph


def test_sequences_of_any_length_run_as_the_reference_runs_them() -> None:
    graph = tagger()
    for steps in (2, 7):
        xs = {"x": np.random.default_rng(steps).normal(size=(5, steps, 3)).astype(np.float32)}
        got, want = predict(graph, xs, batch_size=3)["tags"], forward(graph, xs)["tags"]
        assert got.shape == (5, steps, 3)
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=2e-6)


def test_a_softmax_on_every_step_is_taken_as_probabilities() -> None:
    graph = tagger(6)
    (loss,) = infer_losses(graph, TrainingSettings(), {"tags": np.zeros((4, 6), np.int64)})
    assert (loss.name, loss.from_logits) == ("sparse_categorical_crossentropy", False)
    targets = default_targets(graph)["tags"]  # the step-through's: a label per step, class 0
    assert targets.shape == (1, 6) and targets.dtype == np.int64


def test_training_learns_the_tags() -> None:
    """The tag of a step is whether the sequence's sum after it is positive: only the backward direction sees it."""
    graph = tagger()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 6, 3)).astype(np.float32)
    after = np.cumsum(x.sum(-1)[:, ::-1], axis=1)[:, ::-1] - x.sum(-1)
    y = (after > 0).astype(np.int64) + (after > 2)
    settings = TrainingSettings(optimizer="adam", learning_rate=0.02, batch_size=32, epochs=12, shuffle=False,
                                loss="sparse_categorical_crossentropy")  # fmt: skip
    epochs = Trainer(graph, settings, Dataset({"x": x}, {"tags": y})).fit().epochs
    assert epochs[-1]["loss"] < 0.7 * epochs[0]["loss"]
