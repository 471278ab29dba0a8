"""Compiled training steps: the same arithmetic as the Python loop, one call for a span of batches."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from graph_core.settings import TrainingSettings
from kernels import compiled, training
from kernels.datasets import Dataset
from kernels.training import Callbacks, Trainer, TrainingDiverged
from tests.kernels import graphs


def _fit(name: str, compile_steps: bool, **settings):  # type: ignore[no-untyped-def]
    graph, losses = graphs.ALL[name]()
    graphs.weighted(graph)
    xs, ys = graphs.data(graph, losses, 200, seed=5)
    options = dict(epochs=2, batch_size=16, seed=3, loss=tuple(spec.name for spec in losses),
                   from_logits=losses[0].from_logits)  # fmt: skip
    options.update(settings)
    trainer = Trainer(graph, TrainingSettings(**options), Dataset(xs, ys), compile_steps=compile_steps)
    batches: list[tuple[int, int, float]] = []
    history = trainer.fit(Callbacks(on_batch=lambda e, b, loss: batches.append((e, b, loss))))
    return trainer, history, batches


@pytest.mark.parametrize(  # every layer type, shared layers, several outputs, every rule
    ("name", "optimizer"),
    [("chain", "adam"), ("shared_multi", "sgd"), ("merges", "rmsprop"), ("rank3", "adagrad"),
     ("output_fanout", "adamw"), ("convnet", "sgd"), ("transposed", "adam"), ("depthwise", "rmsprop"),
     ("sequence", "adagrad"), ("shared_conv", "adamw"), ("winograd", "adam"), ("wrappers", "adam")],
)  # fmt: skip
def test_compiled_steps_train_exactly_like_the_python_loop(
    name: str, optimizer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training, "GATHER_PARALLEL_MIN", 0)  # threads share every gather, as for large inputs
    runs = [_fit(name, compile_steps, optimizer=optimizer, momentum=0.5 if optimizer != "adam" else 0.0)
            for compile_steps in (False, True)]  # fmt: skip
    (python, h_python, b_python), (fast, h_fast, b_fast) = runs
    assert fast._steps is not None and python._steps is None
    assert h_fast.epochs == h_python.epochs  # losses and metrics, to the last bit
    assert b_fast == b_python  # every batch's loss, in order; 200 samples: 12 batches of 16 and one of 8
    assert len(b_fast) == 2 * 13
    for layer, ws in python.trained_weights().items():
        for weight, want in ws.items():
            np.testing.assert_array_equal(fast.trained_weights()[layer][weight], want, err_msg=f"{layer}/{weight}")
    assert fast.optimizer.iterations == python.optimizer.iterations == 26


def test_a_diverging_compiled_run_names_the_same_batch() -> None:
    messages = []
    for compile_steps in (False, True):
        with pytest.raises(TrainingDiverged) as caught:
            _fit("chain", compile_steps, optimizer="sgd", learning_rate=1e30, epochs=3)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "epoch" in messages[0]


def test_spans_of_batches_still_stop_where_asked() -> None:
    graph, losses = graphs.ALL["chain"]()
    graphs.weighted(graph)
    xs, ys = graphs.data(graph, losses, 320, seed=1)
    settings = TrainingSettings(epochs=50, batch_size=32, loss=(losses[0].name,), from_logits=losses[0].from_logits)
    trainer = Trainer(graph, settings, Dataset(xs, ys), compile_steps=True)
    seen: list[int] = []

    def on_batches(epoch: int, first: int, batch_losses: np.ndarray) -> None:
        seen.extend(epoch * 10 + first + i for i in range(len(batch_losses)))
        if epoch == 2:
            trainer.stop()

    history = trainer.fit(Callbacks(on_batches=on_batches, batches_interval=0.0))
    assert history.stopped and 2 <= len(history.epochs) < 50  # within a span (10 ms) of the request
    assert seen == list(range(len(seen))) == list(range(trainer.optimizer.iterations))  # each batch, once
    assert trainer._span > 1  # the spans grew past one batch a call


def test_the_python_loop_decides_when_compiling_pays(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LAYERWIRE_CACHE_DIR", str(tmp_path))  # a machine that has compiled nothing yet
    monkeypatch.delenv("LAYERWIRE_COMPILE_STEPS")  # the tests' setting: the trainer decides
    monkeypatch.setattr(compiled, "_modules", {})
    graph, losses = graphs.ALL["chain"]()
    graphs.weighted(graph)
    xs, ys = graphs.data(graph, losses, 64, seed=2)
    settings = TrainingSettings(epochs=40, batch_size=16, loss=(losses[0].name,), from_logits=losses[0].from_logits)
    short = Trainer(graph, settings, Dataset(xs, ys))
    short.fit()  # 160 batches: far less than compiling costs
    assert short._steps is None
    monkeypatch.setattr(training, "PROBE_SECONDS", 0.0)
    monkeypatch.setattr(training, "COMPILE_WORTH_SECONDS", 0.0)  # as if the run were long
    long = Trainer(graph, settings, Dataset(xs, ys))
    long.fit()  # a worker compiles the steps while the Python loop trains on
    assert long._compiling is not None or long._steps is not None
    if long._compiling is not None:
        long._compiling.join()
        long.fit()  # switches to them at its first batch
    assert long._steps is not None and long._steps.ready
    run = long._steps.kernel_call()[0]
    assert not run.stats.cache_misses and sum(run.stats.cache_hits.values()) == 1  # compiled by a worker process
    assert len(list((tmp_path / "steps").glob("steps_*.py"))) == 1
    monkeypatch.setattr(training, "COMPILE_WORTH_SECONDS", 1e9)
    again = Trainer(graph, settings, Dataset(xs, ys))  # compiled on this machine already: used at once
    again.fit()
    assert again._steps is not None


def test_steps_that_cannot_be_compiled_leave_the_python_loop_to_train(monkeypatch: pytest.MonkeyPatch) -> None:
    from numba.core.errors import TypingError

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise TypingError("cannot type this plan")

    monkeypatch.setattr(compiled.CompiledSteps, "run", refuse)
    trainer, history, batches = _fit("chain", True, optimizer="sgd")
    assert trainer._steps is None and len(history.epochs) == 2 and len(batches) == 26


def test_a_damaged_generated_module_is_written_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LAYERWIRE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(compiled, "_modules", {})
    _fit("chain", True, optimizer="sgd", epochs=1)
    (module,) = (tmp_path / "steps").glob("steps_*.py")
    module.write_text("def run(:\n")  # a disk error, a crash mid-write by another tool...
    monkeypatch.setattr(compiled, "_modules", {})
    trainer, history, _ = _fit("chain", True, optimizer="sgd", epochs=1)
    assert trainer._steps is not None and len(history.epochs) == 1
    assert module.read_text().startswith('"""Generated by kernels/compiled.py')
