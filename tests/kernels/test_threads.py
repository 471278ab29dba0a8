"""Choosing the number of compute threads while training (``kernels/threads.py``)."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from graph_core.settings import TrainingSettings
from kernels import config, threads
from kernels.datasets import load_dataset
from kernels.threads import ThreadChooser
from kernels.training import Trainer
from tests.kernels.test_training import mlp


class Machine:
    """A clock whose batches take ``cost[threads]`` seconds: what the chooser measures, made exact."""

    def __init__(self, cost: dict[int, float]) -> None:
        self.cost = cost
        self.now = 0.0
        self.threads = 0
        self.history: list[int] = []

    def set_threads(self, n: int) -> None:
        self.threads = n
        self.history.append(n)

    def clock(self) -> float:
        return self.now

    def run(self, chooser: ThreadChooser, batches: int, batch_size: int = 32) -> None:
        for _ in range(batches):
            chooser.before()
            self.now += self.cost[self.threads]
            chooser.after(batch_size)

    def settle(self, chooser: ThreadChooser) -> int:
        """Run batches until the chooser has decided; returns how many it took."""
        count = 0
        while not (chooser.settled and count > threads.WARMUP_BATCHES):
            self.run(chooser, 1)
            count += 1
            assert count < 100_000
        return count


def make(machine: Machine, start: int | None = None) -> ThreadChooser:
    return ThreadChooser(2, start=start, clock=machine.clock, set_threads=machine.set_threads)


@pytest.mark.parametrize(("cost", "chosen"), [({2: 1e-4, 1: 1.6e-4}, 2), ({2: 5e-3, 1: 1.6e-4}, 1)])
def test_keeps_the_faster_setting(cost: dict[int, float], chosen: int) -> None:
    machine = Machine(cost)
    chooser = make(machine)
    assert chooser.options == (2, 1) and machine.threads == 2
    machine.settle(chooser)
    assert chooser.current == chosen == machine.threads
    assert len(chooser.rates[1]) == len(chooser.rates[2]) == threads.ROUNDS


def test_starts_from_the_given_count_and_tries_the_other() -> None:
    machine = Machine({2: 1e-4, 1: 1.6e-4})
    chooser = make(machine, start=1)
    assert chooser.options == (1, 2) and machine.history[0] == 1
    machine.settle(chooser)
    assert chooser.current == 2 and chooser.switches == 1


def test_a_slow_setting_ends_its_segment_early() -> None:
    machine = Machine({2: 0.2, 1: 1e-4})  # two threads are hopeless: another process holds a core
    chooser = make(machine)
    machine.run(chooser, threads.WARMUP_BATCHES + 2)
    assert chooser.rates[2] and machine.threads == 1  # two 0.2 s batches were enough to move on


def test_follows_a_change_of_load() -> None:
    machine = Machine({2: 1e-4, 1: 1.6e-4})
    chooser = make(machine)
    machine.settle(chooser)
    assert chooser.current == 2
    machine.run(chooser, 200_000)  # a minute of training: the re-checks become rare while the choice holds
    trials = len(chooser.rates[1]) - threads.ROUNDS
    assert chooser.current == 2 and 1 <= trials <= 12, trials
    assert chooser.decisions == 1 + trials  # the first choice, then one per re-check
    machine.cost = {2: 5e-3, 1: 1.6e-4}  # something else starts computing
    start = machine.now
    while chooser.current == 2:
        machine.run(chooser, 1)
    assert machine.threads == 1 and machine.now - start <= threads.RECHECK_MAX + 2 * threads.MAX_SEGMENT


def test_a_single_thread_never_measures() -> None:
    machine = Machine({1: 1e-4})
    chooser = ThreadChooser(1, clock=machine.clock, set_threads=machine.set_threads)
    machine.run(chooser, 500)
    assert chooser.settled and chooser.options == (1,) and set(machine.history) == {1}


@pytest.mark.skipif(config.max_threads() < 2, reason="needs two threads")
def test_the_weights_do_not_depend_on_the_threads_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    before = numba.get_num_threads()
    results = []
    for measure in (True, False):
        if measure:  # short segments: both settings train in this run
            monkeypatch.setattr(threads, "SEGMENT_SECONDS", 0.0)
        else:  # never measures: every batch on all threads
            monkeypatch.setattr(threads, "WARMUP_BATCHES", 10**9)
        numba.set_num_threads(config.max_threads())
        graph = mlp()
        data = load_dataset("spiral", graph)
        settings = TrainingSettings(optimizer="adam", learning_rate=0.01, batch_size=32, epochs=4, seed=3)
        trainer = Trainer(graph, settings, data)
        trainer.fit()
        chooser = trainer.threads
        assert chooser is not None
        if measure:
            assert chooser.rates[1] and chooser.rates[config.max_threads()]  # both settings ran
        else:
            assert not any(chooser.rates.values()) and chooser.current == config.max_threads()
        results.append(trainer.trained_weights())
        assert numba.get_num_threads() == config.max_threads()  # the calling thread gets its count back
    numba.set_num_threads(before)
    for layer, ws in results[0].items():
        for name, w in ws.items():
            np.testing.assert_array_equal(w, results[1][layer][name])


def test_a_limit_of_one_thread_is_kept() -> None:
    graph = mlp()
    trainer = Trainer(graph, TrainingSettings(epochs=1), load_dataset("xor", graph), threads=1)
    trainer.fit()
    assert trainer.threads is not None and trainer.threads.options == (1,)
    assert trainer.executor.threads == 1 and trainer.executor.bind(32).chunks == 1
