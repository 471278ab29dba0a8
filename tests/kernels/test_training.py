"""fit / evaluate / predict on real data sets, callbacks, pause and stop, divergence."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from graph_core.graph import Graph
from graph_core.model import ensure_weights, output_names
from graph_core.reference import forward as reference_forward
from graph_core.settings import TrainingSettings
from kernels.datasets import Dataset, load_dataset
from kernels.executor import predict
from kernels.training import Callbacks, Trainer, TrainingDiverged
from tests.kernels import naive


def mlp(inputs: int = 2, outputs: int = 2, hidden: int = 64, activation: str = "linear", extra: bool = False) -> Graph:
    b = ModelBuilder()
    x = b.input((inputs,))
    x = b.add("Dense", x, units=hidden, activation="relu")
    if extra:
        x = b.add("BatchNormalization", x)
        x = b.add("Dropout", x, rate=0.2)
    x = b.add("Dense", x, units=hidden, activation="relu")
    b.add("Dense", x, units=outputs, activation=activation)
    return b.done(layout=False)


ADAM = TrainingSettings(optimizer="adam", learning_rate=0.01, epochs=60)


@pytest.mark.parametrize("name", ["spiral", "moons", "circles", "xor", "blobs"])
def test_two_d_sets_reach_97_percent_training_accuracy(name: str) -> None:
    graph = mlp(outputs=3 if name == "blobs" else 2)
    data = load_dataset(name, graph)
    trainer = Trainer(graph, ADAM, data)
    history = trainer.fit()
    assert trainer.losses[0].name == "sparse_categorical_crossentropy" and trainer.losses[0].from_logits
    assert history.epochs[-1]["loss"] < history.epochs[0]["loss"]
    assert trainer.evaluate()["accuracy"] >= 0.97


def test_digits_reach_95_percent_validation_accuracy() -> None:
    graph = mlp(inputs=64, outputs=10, activation="softmax")
    data = load_dataset("digits", graph)
    settings = TrainingSettings(optimizer="adam", epochs=25, validation_split=0.2)
    history = Trainer(graph, settings, data).fit()
    assert set(history.epochs[-1]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.epochs[-1]["val_accuracy"] >= 0.95


def test_regression_reports_mae_and_learns_the_sine() -> None:
    graph = mlp(inputs=1, outputs=1, hidden=32)
    data = load_dataset("sine", graph)
    trainer = Trainer(graph, TrainingSettings(optimizer="adam", learning_rate=0.01, epochs=60), data)
    history = trainer.fit()
    assert trainer.losses[0].name == "mse"
    assert set(history.epochs[0]) == {"loss", "mae"}
    assert history.epochs[-1]["loss"] < 0.01


def test_evaluate_matches_the_numpy_reference() -> None:
    graph = mlp(extra=True, activation="softmax")
    data = load_dataset("moons", graph, samples=300)
    trainer = Trainer(graph, TrainingSettings(optimizer="sgd", epochs=3, batch_size=16), data)
    trainer.fit()
    logs = trainer.evaluate()
    trainer.apply_weights()
    probs = reference_forward(graph, data.x)["dense_2"]
    labels = data.y["dense_2"]
    assert logs["loss"] == pytest.approx(naive.loss("sparse_categorical_crossentropy", probs, labels), rel=1e-4)
    assert logs["accuracy"] == pytest.approx(naive.metric("sparse", probs, labels))
    np.testing.assert_allclose(trainer.predict(data.x)["dense_2"], probs, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(predict(graph, data.x)["dense_2"], probs, rtol=1e-4, atol=1e-6)


def test_same_seed_same_weights_and_graph_untouched_until_applied() -> None:
    results = []
    for _ in range(2):
        graph = mlp(extra=True)
        data = load_dataset("spiral", graph, samples=200)
        trainer = Trainer(graph, TrainingSettings(epochs=2, seed=5), data)
        before = graph.layers["dense"].weights["kernel"].copy()
        trainer.fit()
        np.testing.assert_array_equal(graph.layers["dense"].weights["kernel"], before)
        results.append(trainer.trained_weights())
    for layer, ws in results[0].items():
        for name, w in ws.items():
            np.testing.assert_array_equal(w, results[1][layer][name])


def test_callbacks_see_every_batch_and_epoch() -> None:
    graph = mlp(hidden=8)
    data = load_dataset("xor", graph, samples=100)
    batches: list[tuple[int, int, float]] = []
    epochs: list[tuple[int, dict]] = []
    settings = TrainingSettings(epochs=3, batch_size=32, validation_split=0.2)
    Trainer(graph, settings, data).fit(Callbacks(lambda e, b, loss: batches.append((e, b, loss)),
                                                 lambda e, logs: epochs.append((e, logs))))  # fmt: skip
    assert [(e, b) for e, b, _ in batches] == [(e, b) for e in range(3) for b in range(3)]  # 80 samples: 32+32+16
    assert [e for e, _ in epochs] == [0, 1, 2]
    assert "val_accuracy" in epochs[0][1]


@pytest.mark.parametrize("interval", [0.0, 10.0])  # a call after every batch; only at the end of each epoch
def test_batch_losses_in_bulk_are_the_losses_of_every_batch(interval: float) -> None:
    graph = mlp(hidden=8)
    data = load_dataset("xor", graph, samples=200)
    single: list[tuple[int, int, float]] = []
    bulk: list[tuple[int, int, float]] = []
    calls: list[int] = []

    def on_batches(epoch: int, first: int, losses: np.ndarray) -> None:
        calls.append(len(losses))
        bulk.extend((epoch, first + i, float(v)) for i, v in enumerate(losses))

    callbacks = Callbacks(on_batch=lambda e, b, loss: single.append((e, b, loss)), on_batches=on_batches,
                          batches_interval=interval)  # fmt: skip
    Trainer(graph, TrainingSettings(epochs=3, batch_size=32), data).fit(callbacks)
    assert bulk == single and len(single) == 3 * 7  # 200 samples: 6 batches of 32 and one of 8
    assert calls == ([1] * 21 if interval == 0.0 else [7, 7, 7])


def test_a_stopped_run_hands_over_its_last_batches() -> None:
    graph = mlp(hidden=8)
    data = load_dataset("xor", graph, samples=320)
    trainer = Trainer(graph, TrainingSettings(epochs=5, batch_size=32), data)
    seen: list[int] = []

    def on_batch(epoch: int, batch: int, loss: float) -> None:
        if epoch == 1 and batch == 3:
            trainer.stop()

    def on_batches(epoch: int, first: int, losses: np.ndarray) -> None:
        seen.extend(epoch * 10 + first + i for i in range(len(losses)))

    history = trainer.fit(Callbacks(on_batch=on_batch, on_batches=on_batches, batches_interval=10.0))
    assert history.stopped and seen == list(range(14))  # epoch 0's ten batches, then epoch 1's first four


def test_stop_from_a_callback_and_pause_from_another_thread() -> None:
    graph = mlp(hidden=8)
    data = load_dataset("xor", graph, samples=320)
    trainer = Trainer(graph, TrainingSettings(epochs=1000, batch_size=32), data)
    seen: list[int] = []

    def on_batch(epoch: int, batch: int, loss: float) -> None:
        seen.append(epoch * 10 + batch)
        if len(seen) == 5:
            trainer.pause()
            threading.Timer(0.2, trainer.resume).start()
        if len(seen) == 25:
            trainer.stop()

    paused_at: list[int] = []
    start = time.perf_counter()
    history = trainer.fit(Callbacks(on_batch=on_batch, on_pause=lambda: paused_at.append(len(seen))))
    assert history.stopped and len(seen) == 25 and len(history.epochs) == 2
    assert time.perf_counter() - start >= 0.2
    assert paused_at == [5]  # told once, still between the fifth and sixth batch
    assert 0.15 <= trainer.paused_seconds < 5  # how long fit waited


def test_stop_while_paused_ends_fit() -> None:
    graph = mlp(hidden=8)
    trainer = Trainer(graph, TrainingSettings(epochs=1000), load_dataset("xor", graph, samples=64))
    trainer.pause()
    worker = threading.Thread(target=trainer.fit)
    worker.start()
    time.sleep(0.1)
    assert worker.is_alive()
    trainer.stop()
    worker.join(5)
    assert not worker.is_alive()


def test_divergence_names_epoch_and_batch() -> None:
    graph = mlp(inputs=1, outputs=1, hidden=16)
    data = load_dataset("sine", graph)
    trainer = Trainer(graph, TrainingSettings(optimizer="sgd", learning_rate=1e6, epochs=5), data)
    with pytest.raises(TrainingDiverged, match=r"at epoch \d+, batch \d+"):
        trainer.fit()


def test_several_outputs_one_loss_for_all_and_one_each() -> None:
    b = ModelBuilder()
    x = b.input((2,))
    h = b.add("Dense", x, units=16, activation="tanh")
    b.add("Dense", h, units=2, name="cls")
    b.add("Dense", h, units=1, name="reg")
    graph = b.done(layout=False)
    rng = np.random.default_rng(0)
    xs = rng.standard_normal((64, 2)).astype(np.float32)
    data = Dataset({"input_layer": xs}, {"cls": (xs[:, 0] > 0).astype(np.int64), "reg": xs[:, :1] * 2})
    with pytest.raises(DataError, match="must be whole numbers; found 0.25"):
        Trainer(graph, TrainingSettings(loss="sparse_categorical_crossentropy"), data)  # reg has 1 unit
    trainer = Trainer(graph, TrainingSettings(loss={"cls": "sparse_categorical_crossentropy", "reg": "huber"},
                                              epochs=2), data)  # fmt: skip
    logs = trainer.fit().epochs[-1]
    assert set(logs) == {"loss", "cls_loss", "reg_loss", "cls_accuracy", "reg_mae"}
    assert logs["loss"] == pytest.approx(logs["cls_loss"] + logs["reg_loss"], rel=1e-6)


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        (np.zeros((10, 3)), np.zeros(10, np.int64), r"expects samples of shape \(2,\); found samples of shape \(3,\)"),
        (np.zeros((10, 2)), np.full(10, 5), "must be from 0 to 1 .*found labels from 5 to 5"),
        (np.full((10, 2), np.nan), np.zeros(10, np.int64), "NaN"),
        (np.zeros((10, 2)), np.zeros(9, np.int64), "10 samples but 9 targets"),
        (np.array([["a", "b"]] * 10), np.zeros(10, np.int64), "must be numbers"),
    ],
)
def test_data_that_does_not_fit_is_refused(x: np.ndarray, y: np.ndarray, message: str) -> None:
    graph = mlp(hidden=4)
    with pytest.raises(DataError, match=message):
        Trainer(graph, TrainingSettings(), Dataset({"input_layer": x}, {"dense_2": y}))


def test_an_input_that_leads_to_no_output_takes_data_and_changes_nothing() -> None:
    """As in Keras: the model takes the unused input's data; training and predictions ignore it."""

    def build(with_unused: bool) -> Graph:
        b = ModelBuilder("m")
        if with_unused:
            b.input((4,), name="a")
        x = b.add("Dense", b.input((6,), name="c"), units=8, activation="relu", name="d1")
        b.add("Dense", x, units=3, name="d2")
        graph = b.done()
        ensure_weights(graph, seed=3)
        return graph

    rng = np.random.default_rng(1)
    c = rng.standard_normal((48, 6)).astype(np.float32)
    y = rng.integers(0, 3, 48)
    settings = TrainingSettings(optimizer="adam", epochs=2, batch_size=16, loss="sparse_categorical_crossentropy",
                                from_logits=True)  # fmt: skip
    trained = []
    for a in (None, np.zeros((48, 4), np.float32), rng.standard_normal((48, 4)).astype(np.float32) * 1e3):
        graph = build(a is not None)
        assert graph.analysis().valid and len(graph.analysis().unused_inputs) == (a is not None)
        xs = {"c": c} if a is None else {"a": a, "c": c}
        trainer = Trainer(graph, settings, Dataset(xs, {"d2": y}))
        history = trainer.fit()
        trained.append((history.epochs, trainer.weights, trainer.predict(xs)["d2"]))
    for epochs, weights, predicted in trained[1:]:
        assert epochs == trained[0][0]
        for layer in ("d1", "d2"):
            for name, value in weights[layer].items():
                np.testing.assert_array_equal(value, trained[0][1][layer][name])
        np.testing.assert_array_equal(predicted, trained[0][2])
    with pytest.raises(DataError, match="a"):  # its data is still required, as Keras requires it
        Trainer(build(True), settings, Dataset({"c": c}, {"d2": y}))


def _two_heads() -> Graph:
    b = ModelBuilder("two_heads")
    x = b.add("Dense", b.input((5,), name="x"), units=6, activation="tanh", name="trunk")
    b.add("Dense", x, units=1, name="priority")
    b.add("Dense", x, units=3, name="department")
    graph = b.done()
    ensure_weights(graph, seed=2)
    return graph


@pytest.mark.parametrize("compiled", [False, True])
def test_loss_weights_weigh_the_total_and_each_output_reports_its_own_loss(compiled: bool) -> None:
    rng = np.random.default_rng(4)
    x = rng.standard_normal((40, 5)).astype(np.float32)
    ys = {"priority": rng.standard_normal((40, 1)).astype(np.float32), "department": rng.integers(0, 3, 40)}
    base = TrainingSettings(optimizer="sgd", learning_rate=0.05, batch_size=8, epochs=2, shuffle=False,
                            loss={"priority": "mse", "department": "sparse_categorical_crossentropy"},
                            from_logits=True)  # fmt: skip
    runs = {}
    for weights in (None, {"priority": 1.0, "department": 0.0}, [0.5, 2.0]):
        graph = _two_heads()
        before = {k: v.copy() for k, v in graph.layers["department"].weights.items()}
        trainer = Trainer(graph, base.replace(loss_weights=weights), Dataset({"x": x}, ys), compile_steps=compiled)
        history = trainer.fit()
        runs[str(weights)] = (history, trainer, before)
    # A zero weight: that head learns nothing (as in Keras); the others train as without it.
    history, trainer, before = runs[str({"priority": 1.0, "department": 0.0})]
    for name, value in before.items():
        np.testing.assert_array_equal(trainer.weights["department"][name], value)
    logs = history.epochs[-1]
    assert set(logs) >= {"loss", "priority_loss", "department_loss", "department_accuracy"}
    assert logs["loss"] == pytest.approx(logs["priority_loss"])  # 1 x priority + 0 x department
    assert logs["department_loss"] > 0.1  # reported, unweighted
    # Weights 0.5 and 2: the total is the weighted sum of the reported (unweighted) losses.
    logs = runs["[0.5, 2.0]"][0].epochs[-1]
    assert logs["loss"] == pytest.approx(0.5 * logs["priority_loss"] + 2.0 * logs["department_loss"], rel=1e-6)
    evaluated = runs["[0.5, 2.0]"][1].evaluate()
    assert evaluated["loss"] == pytest.approx(0.5 * evaluated["priority_loss"] + 2 * evaluated["department_loss"])
    # and the gradient follows: different weights, different training
    weighted, plain = (runs[key][1].weights["trunk"]["kernel"] for key in ("[0.5, 2.0]", "None"))
    assert not np.allclose(weighted, plain)


def test_loss_weights_train_the_same_in_the_compiled_step_as_kernel_by_kernel() -> None:
    rng = np.random.default_rng(5)
    x = rng.standard_normal((48, 5)).astype(np.float32)
    ys = {"priority": rng.standard_normal((48, 1)).astype(np.float32), "department": rng.integers(0, 3, 48)}
    settings = TrainingSettings(optimizer="adam", batch_size=16, epochs=2, loss_weights=[0.3, 1.7], from_logits=True)
    results = []
    for compiled in (False, True):
        trainer = Trainer(_two_heads(), settings, Dataset({"x": x}, ys), compile_steps=compiled)
        results.append((trainer.fit().epochs, trainer.weights))
    assert results[0][0] == results[1][0]
    for layer, weights in results[0][1].items():
        for name, value in weights.items():
            np.testing.assert_array_equal(results[1][1][layer][name], value)


@pytest.mark.parametrize("loss", ["mse", "categorical_crossentropy"])
def test_targets_of_an_output_of_several_rows_are_gathered_a_sample_at_a_time(loss: str) -> None:
    """An output of shape (3, 2): each sample's six target numbers reach the loss, not a row's two (an
    autoencoder's image output trained on garbage, and reported a loss of almost nothing, before)."""
    b = ModelBuilder()
    b.add("Dense", b.input((3, 4)), units=2, activation="softmax" if loss != "mse" else "linear")
    graph = b.graph
    rng = np.random.default_rng(3)
    x = rng.standard_normal((10, 3, 4)).astype(np.float32)
    y = rng.random((10, 3, 2)).astype(np.float32)
    (name,) = output_names(graph)
    trainer = Trainer(graph, TrainingSettings(loss=loss, batch_size=4), Dataset({"input_layer": x}, {name: y}))
    p = trainer.predict({"input_layer": x})[name]
    want = ((p - y) ** 2).mean() if loss == "mse" else -(y * np.log(p)).sum(-1).mean()
    assert trainer.evaluate()["loss"] == pytest.approx(want, rel=1e-5)
    first = trainer.fit().epochs[0]["loss"]  # the training batches' targets too
    assert np.isfinite(first) and first > 0.5 * want
