"""Optimizer steps against Keras 3's update rules, written out in numpy (float64)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.settings import TrainingSettings
from kernels.datasets import Dataset
from kernels.executor import Executor, weights_of
from kernels.optimizers import Optimizer
from kernels.plan import LossSpec, compile_plan
from kernels.training import Trainer
from tests.kernels import graphs


class KerasRule:
    """One optimizer's update, as Keras 3 writes it, in float64 numpy."""

    def __init__(self, kind: str, lr: float, momentum: float = 0.0, nesterov: bool = False) -> None:
        self.kind, self.lr, self.m, self.nesterov = kind, lr, momentum, nesterov
        self.state: dict[str, list[np.ndarray]] = {}
        self.t = 0

    def begin(self) -> None:
        self.t += 1

    def update(self, key: str, w: np.ndarray, g: np.ndarray) -> np.ndarray:
        st = self.state.setdefault(key, [np.zeros_like(w), np.zeros_like(w)])
        if self.kind == "adagrad" and self.t == 1:
            st[0][...] = 0.1
        lr = self.lr
        if self.kind == "sgd":
            if self.m == 0:
                return w - lr * g
            st[0] = self.m * st[0] - lr * g
            return w + (self.m * st[0] - lr * g if self.nesterov else st[0])
        if self.kind in ("adam", "adamw"):
            if self.kind == "adamw":
                w = w - w * 0.004 * lr
            alpha = lr * math.sqrt(1 - 0.999**self.t) / (1 - 0.9**self.t)
            st[0] += (g - st[0]) * (1 - 0.9)
            st[1] += (g * g - st[1]) * (1 - 0.999)
            return w - alpha * st[0] / (np.sqrt(st[1]) + 1e-7)
        if self.kind == "rmsprop":
            st[0] = 0.9 * st[0] + 0.1 * g * g
            inc = lr * g / np.sqrt(st[0] + 1e-7)
            if self.m > 0:
                st[1] = self.m * st[1] + inc
                return w - st[1]
            return w - inc
        st[0] += g * g
        return w - lr * g / np.sqrt(st[0] + 1e-7)


@pytest.mark.parametrize(
    ("kind", "momentum", "nesterov"),
    [("sgd", 0.0, False), ("sgd", 0.9, False), ("sgd", 0.9, True), ("adam", 0, False), ("adamw", 0, False),
     ("rmsprop", 0.0, False), ("rmsprop", 0.5, False), ("adagrad", 0, False)],
)  # fmt: skip
def test_kernel_follows_keras_rule(kind: str, momentum: float, nesterov: bool) -> None:
    rng = np.random.default_rng(0)
    w = rng.standard_normal((50, 20)).astype(np.float32)
    g = np.zeros_like(w)
    opt = Optimizer(TrainingSettings(optimizer=kind, learning_rate=0.05, momentum=momentum, nesterov=nesterov))
    opt.add("w", w, g)
    rule = KerasRule(kind, 0.05, momentum, nesterov)
    expect = w.astype(np.float64)
    for _ in range(5):
        g[...] = rng.standard_normal(g.shape)
        total = g.astype(np.float64)
        opt.step()
        rule.begin()
        expect = rule.update("w", expect, total)
    np.testing.assert_allclose(w, expect, rtol=2e-5, atol=2e-6)


def _data(graph, losses, n=8):  # type: ignore[no-untyped-def]
    xs, ys = graphs.data(graph, losses, n, seed=9)
    return Dataset(xs, ys)


@pytest.mark.parametrize(
    ("kind", "momentum", "nesterov"), [("sgd", 0.0, False), ("sgd", 0.9, False), ("sgd", 0.8, True), ("adam", 0, False)]
)
def test_fit_on_shared_multi_output_model_gives_keras_weights(kind: str, momentum: float, nesterov: bool) -> None:
    """Three full-batch steps on two inputs, two outputs and a shared Dense."""
    graph, losses = graphs.shared_multi()
    graphs.weighted(graph)
    data = _data(graph, losses)
    settings = TrainingSettings(
        optimizer=kind, learning_rate=0.1, momentum=momentum, nesterov=nesterov, batch_size=8, epochs=3,
        shuffle=False, loss=tuple(spec.name for spec in losses), from_logits=None,
    )  # fmt: skip
    trainer = Trainer(graph, settings, data)
    assert [spec.from_logits for spec in trainer.losses] == [True, False]

    # expected: gradients from the float64 executor, updates by the rule
    plan = compile_plan(graph, losses, training=True)
    ex = Executor(plan, weights_of(graph, plan, np.float64), dtype=np.float64)
    b = ex.bind(8)
    for name, arr in b.inputs.items():
        arr[...] = data.x[name]
    for name, arr in b.targets.items():
        arr[...] = data.y[name].reshape(arr.shape)
    rule = KerasRule(kind, 0.1, momentum, nesterov)
    for _ in range(3):
        ex.forward(b)
        ex.loss(b)
        ex.backward(b)
        rule.begin()
        for (layer, name), g in ex.grads.items():
            w = ex.weights[layer][name]
            w[...] = rule.update(f"{layer}/{name}", w, g)

    history = trainer.fit()
    assert len(history.epochs) == 3
    assert set(history.epochs[0]) == {"loss", "classes_loss", "flag_loss", "classes_accuracy", "flag_accuracy"}
    for layer, ws in ex.weights.items():
        for name, want in ws.items():
            np.testing.assert_allclose(
                trainer.weights[layer][name], want, rtol=1e-4, atol=1e-5, err_msg=f"{layer}/{name}"
            )
    # the shared layer is one set of weights, updated once per step with both calls' gradients
    assert list(trainer.weights["shared"]) == ["kernel", "bias"]


def _train_steps(graph, losses, xs, ys, batch: int, fused: bool, threads: int, settings: TrainingSettings,
                 steps: int) -> tuple[dict, Executor]:  # type: ignore[no-untyped-def]  # fmt: skip
    """``steps`` training steps on one batch, every layer split between ``threads`` (``fused``: the Dense
    layers' backward passes apply the update); returns the weights and the executor."""
    plan = compile_plan(graph, losses, training=True)
    weights = weights_of(graph, plan)
    ex = Executor(plan, weights, threads=threads, min_parallel_work=0)
    opt = Optimizer(settings)
    for ref in plan.trainable():
        opt.add(f"{ref.layer}/{ref.name}", weights[ref.layer][ref.name], ex.grads[(ref.layer, ref.name)])
    if fused:
        for layer in ex.fusable_layers():
            ex.fuse(layer, {name: opt.hand_over(f"{layer}/{name}") for name in weights[layer]})
    b = ex.bind(batch)
    for name, arr in b.inputs.items():
        arr[...] = xs[name]
    for name, arr in b.targets.items():
        arr[...] = ys[name].reshape(arr.shape)
    for _ in range(steps):
        ex.forward(b)
        ex.loss(b)
        opt.begin()
        ex.backward(b)
        opt.finish()
    return weights, ex


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize(("kind", "momentum"), [("sgd", 0.0), ("sgd", 0.9), ("adamw", 0.0), ("rmsprop", 0.5),
                                                ("adagrad", 0.0)])  # fmt: skip
def test_updates_inside_the_dense_kernels_equal_the_separate_pass(kind: str, momentum: float, threads: int) -> None:
    """The Dense backward pass applying the rule row by row gives the optimizer's own weights, bit for bit."""
    graph, losses = graphs.shared_multi()
    graphs.weighted(graph)
    xs, ys = graphs.data(graph, losses, 40, seed=2)
    settings = TrainingSettings(optimizer=kind, learning_rate=0.05, momentum=momentum)
    separate, _ = _train_steps(graph, losses, xs, ys, 40, False, threads, settings, 3)
    fused_weights, ex = _train_steps(graph, losses, xs, ys, 40, True, threads, settings, 3)
    layers = ex.fusable_layers()
    assert layers and "shared" not in layers  # a layer called twice sums two gradients first
    for layer, ws in separate.items():
        for name, want in ws.items():
            np.testing.assert_array_equal(fused_weights[layer][name], want, err_msg=f"{layer}/{name}")


def test_a_wide_layer_split_along_its_kernel_rows_trains_as_the_separate_pass() -> None:
    """A kernel larger than the batch's activations, updated in the backward pass, is read in
    the forward pass along the rows each thread updates: the same training within rounding."""
    batch = 24
    bld = ModelBuilder("wide")
    x = bld.input((100,))
    x = bld.add("Dense", x, units=40, activation="relu")
    bld.add("Dense", x, units=5)
    graph, losses = bld.done(layout=False), [LossSpec("sparse_categorical_crossentropy", from_logits=True)]
    graphs.weighted(graph)
    xs, ys = graphs.data(graph, losses, batch, seed=5)
    settings = TrainingSettings(optimizer="sgd", learning_rate=0.05, momentum=0.9)
    separate, ex_separate = _train_steps(graph, losses, xs, ys, batch, False, 2, settings, 5)
    split, ex_split = _train_steps(graph, losses, xs, ys, batch, True, 2, settings, 5)
    forwards = [[fn.py_func.__name__ for fn, _ in ex.bind(batch).forward] for ex in (ex_separate, ex_split)]
    assert forwards == [["_forward", "_forward"], ["_forward_split", "_forward"]]  # 100 >= 2 x 24; 40 < 48
    for layer, ws in separate.items():
        for name, want in ws.items():
            np.testing.assert_allclose(split[layer][name], want, rtol=1e-5, atol=1e-6, err_msg=f"{layer}/{name}")
