"""Preparing the engine (kernels/prepare.py): kernels a plan lacks, compiled in worker processes into numba's cache."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest

from graph_core.examples import build
from graph_core.io import files
from graph_core.settings import TrainingSettings
from kernels import prepare
from kernels.datasets import load_dataset
from kernels.training import Trainer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def probe_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A fresh module of cached kernels (its cache beside it, in ``tmp_path``), importable here and by workers."""
    (tmp_path / "lw_prepare_probe.py").write_text(textwrap.dedent("""
        from numba import njit

        @njit(cache=True)
        def twice(x):
            return x * 2

        @njit(cache=True)
        def total(x):
            return twice(x).sum()
    """))  # fmt: skip
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    module = importlib.import_module("lw_prepare_probe")
    yield module
    sys.modules.pop("lw_prepare_probe", None)


def test_workers_compile_what_is_missing_into_the_cache(probe_module) -> None:  # type: ignore[no-untyped-def]
    x32, x64 = np.ones(3, np.float32), np.ones((2, 2))
    calls = [(probe_module.total, (x32,)), (probe_module.total, (np.zeros(5, np.float32),)),
             (probe_module.twice, (x64,)), (len, (x64,))]  # fmt: skip
    todo = prepare.missing(calls)
    assert [(fn.py_func.__name__, len(sig)) for fn, sig in todo] == [("total", 1), ("twice", 1)]  # one per type
    assert _size(probe_module.total) > _size(probe_module.twice)  # its callee's code counts: it goes first
    seen: list[tuple[int, int]] = []
    assert prepare.prepare(todo, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert sorted(seen) == [(1, 2), (2, 2)]
    assert prepare.missing(calls) == []  # on disk now, though this process compiled nothing
    assert not probe_module.total.overloads
    assert probe_module.total(x32) == 6.0 and probe_module.twice(x64).sum() == 8.0
    assert sum(probe_module.total.stats.cache_hits.values()) == 1  # loaded, not compiled
    assert prepare.missing([(probe_module.total, (np.ones(3, np.int64),))])  # a new type is missing again


def _size(fn) -> int:  # type: ignore[no-untyped-def]
    return prepare._size(fn.py_func, prepare._overloads(), set())


def test_a_kernel_a_worker_cannot_compile_is_left_to_its_call(probe_module) -> None:  # type: ignore[no-untyped-def]
    todo = prepare.missing([(probe_module.twice, (None,))])  # numba types it, then cannot compile it
    assert prepare.prepare(todo, workers=1)
    with pytest.raises(Exception, match="(?i)typ"):
        probe_module.twice(None)


def test_a_worker_that_prints_neither_hangs_nor_miscounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a library prints in a worker (numba's cache log, dumps...) cannot pass for an answer or fill the pipe."""
    (tmp_path / "lw_prepare_noisy.py").write_text("from numba import njit\n\nprint('noise ' * 50_000)\n\n\n"
                                                  "@njit(cache=True)\ndef grow(x):\n    print('more noise')\n"
                                                  "    return x + 1\n")  # fmt: skip
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    module = importlib.import_module("lw_prepare_noisy")
    try:
        todo = prepare.missing([(module.grow, (np.ones(2, dtype),)) for dtype in (np.int32, np.int64, np.float32)])
        seen: list[tuple[int, int]] = []
        worker = threading.Thread(target=prepare.prepare, args=(todo, 1, lambda *done: seen.append(done)))
        worker.start()
        worker.join(timeout=240)
        assert not worker.is_alive()
        assert seen == [(1, 3), (2, 3), (3, 3)] and prepare.missing([(module.grow, (np.ones(2, np.int32),))]) == []
    finally:
        sys.modules.pop("lw_prepare_noisy", None)


def test_a_trainer_prepares_once_and_then_has_nothing_left() -> None:
    project = build("digits_convnet")
    settings = TrainingSettings.from_dict(project.training)
    data = load_dataset("digits", project.graph)
    Trainer(project.graph, settings, data).prepare()
    again = Trainer(project.graph, settings.replace(optimizer="rmsprop"), data)
    assert [fn.py_func.__name__ for fn, _ in again.kernels_to_compile()] in ([], ["_update"])  # only a new rule's
    again.prepare()
    again.fit()
    assert Trainer(project.graph, settings.replace(optimizer="rmsprop"), data).kernels_to_compile() == []


def test_the_first_train_on_a_fresh_machine_says_it_prepares_the_engine(tmp_path: Path) -> None:
    model = tmp_path / "spiral.lwire"
    files.save(build("spiral"), model)
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba"), "LAYERWIRE_CACHE_DIR": str(tmp_path / "lw")}

    def train() -> subprocess.CompletedProcess[str]:
        args = [sys.executable, str(ROOT / "main.py"), "train", str(model), "--data", "spiral", "--epochs", "1"]
        return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)

    first = train()
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert lines[0].startswith("preparing the engine for this machine: compiling ") and lines[-1].startswith("engine ")
    assert "epoch 1/1" in first.stdout
    second = train()
    assert second.returncode == 0 and second.stderr == "", second.stderr


_SAVER = """
import sys
from numba.core.caching import IndexDataCacheFile
import kernels.config  # noqa: F401 - makes the saves exclusive
cache = IndexDataCacheFile(sys.argv[1], "race", ("stamp", 1))
for i in range(150):
    key = f"{sys.argv[2]}-{i}"
    cache.save(key, key)
"""


def _race(folder: Path) -> tuple[int, bool]:
    """Two processes saving 150 entries each into one index at once: (entries kept, each with its own data)."""
    procs = [subprocess.Popen([sys.executable, "-c", _SAVER, str(folder), name], cwd=ROOT) for name in "ab"]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    from numba.core.caching import IndexDataCacheFile

    cache = IndexDataCacheFile(str(folder), "race", ("stamp", 1))
    index = cache._load_index()
    return len(index), all(cache.load(key) == key for key in index)


def test_two_processes_saving_to_one_index_keep_every_entry_and_its_own_data(tmp_path: Path) -> None:
    """numba's cache index is read, added to and written back whole: two processes saving 150 entries each
    at once, unlocked, kept 158-175 of the 300 here, some naming the other's data. Locked, all 300 stay,
    each with its own data."""
    assert _race(tmp_path) == (300, True)
