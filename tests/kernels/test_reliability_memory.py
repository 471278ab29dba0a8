"""The memory guard: training that would not fit is refused before anything is allocated."""

import numpy as np
import pytest

import main
from graph_core.builder import ModelBuilder
from graph_core.errors import InsufficientMemory
from graph_core.settings import TrainingSettings
from kernels import memory
from kernels.datasets import Dataset
from kernels.training import Trainer


def wide_model(units: int):
    b = ModelBuilder("wide")
    x = b.input((2,))
    h = b.add("Dense", x, units=units, activation="relu")
    b.add("Dense", h, units=2)
    return b.done()


def test_meminfo_and_sysconf_give_a_figure():
    room = memory.available_memory()
    assert room is not None and room > 1 << 20


def test_environment_limit_lowers_the_figure(monkeypatch):
    monkeypatch.setenv(memory.LIMIT_ENV, "10M")
    assert memory.available_memory() == 10 << 20
    monkeypatch.setenv(memory.LIMIT_ENV, "nonsense")
    assert memory.available_memory() > 10 << 20


@pytest.mark.parametrize("text,size", [("512", 512), ("2K", 2048), ("1.5G", 3 << 29), ("3MiB", 3 << 20)])
def test_parse_size(text, size):
    assert memory.parse_size(text) == size


def test_estimate_counts_each_part():
    graph = wide_model(64)
    settings = TrainingSettings(optimizer="adam", batch_size=10)
    est = memory.estimate_training_memory(graph, settings, samples=100, data=1000)
    params = 2 * 64 + 64 + 64 * 2 + 2
    assert est.weights == 2 * 4 * params
    assert est.gradients == 4 * params
    assert est.optimizer == 2 * 4 * params
    # training, batch 10: the input (2), the hidden layer's value and gradient (2 x 64: relu's derivative needs
    # no pre-activation), the output's value and gradient (2 x 2), its targets (2); evaluation, batch 100: input,
    # hidden, output, targets
    assert est.activations == 4 * ((2 + 2 * 64 + 2 * 2 + 2) * 10 + (2 + 64 + 2 + 2) * 100)
    assert est.total == est.weights + est.gradients + est.optimizer + est.activations + 1000 + memory.BASE_BYTES


def data(n: int) -> Dataset:
    return Dataset({"input_layer": np.zeros((n, 2), np.float32)}, {"dense_1": np.zeros(n, np.int64)})


def test_trainer_refuses_over_a_lowered_limit(monkeypatch):
    monkeypatch.setenv(memory.LIMIT_ENV, "100M")
    graph = wide_model(4096)
    Trainer(graph, TrainingSettings(batch_size=32), data(2000))  # fits
    with pytest.raises(InsufficientMemory) as info:
        Trainer(wide_model(4096), TrainingSettings(batch_size=2000), data(2000))
    message = str(info.value)
    assert "Training would need about" in message and "100.0 MB available" in message
    assert "batch size 2000" in message


def test_a_huge_batch_on_a_wide_layer_is_refused_on_this_machine():
    # 20,000 samples x 10^6 units x 4 bytes x 3 buffers = 240 GB of activations: no machine here has that.
    graph = wide_model(1_000_000)
    with pytest.raises(InsufficientMemory, match="activations"):
        Trainer(graph, TrainingSettings(batch_size=20_000), data(20_000))
    assert not graph.layers["dense"].weights  # refused before the weights were drawn


def test_train_command_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    from graph_core.io import files
    from graph_core.io.files import Project

    model = tmp_path / "wide.lwire"
    files.save(Project(wide_model(4096)), model)
    monkeypatch.setenv(memory.LIMIT_ENV, "50M")
    out = tmp_path / "trained.lwire"
    code = main.main(["train", str(model), "--data", "spiral", "--batch-size", "1000", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Training would need about" in err
    assert not out.exists()
