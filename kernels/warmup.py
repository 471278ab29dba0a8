"""Warming the engine before it is needed: the editor, at its first start on a machine, compiles the
kernels its first-hour examples train with, in the background, so the first Start trains at once.

:func:`warm_up_tasks` gathers what training the examples below would compile and this machine
has not compiled yet (nothing, once it has); :func:`warm_up` compiles them in worker processes
(:mod:`kernels.prepare`), reporting ``progress(done, total)``. Other models' kernels are
prepared when they first train, as always.
"""

from __future__ import annotations

from collections.abc import Callable

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from kernels import prepare

#: The examples a first hour trains (and the data each trains on): dense layers, relu and tanh,
#: softmax and sigmoid cross-entropy, RMSprop and Adam.
EXAMPLES = (("spiral", "spiral"), ("moons_classifier", "moons"), ("xor_classifier", "xor"))


def warm_up_tasks() -> list[prepare.Task]:
    """The kernels training the first-hour examples needs that this machine has not compiled yet."""
    from kernels.datasets import load_dataset
    from kernels.training import Trainer

    tasks: dict[prepare.Task, None] = {}
    for name, data_name in EXAMPLES:
        project = build(name)
        settings = TrainingSettings.from_dict(project.training) if project.training else TrainingSettings()
        data = load_dataset(settings.data or data_name, project.graph, seed=settings.seed)
        trainer = Trainer(project.graph, settings.replace(data=settings.data or data_name), data)
        tasks.update(dict.fromkeys(trainer.kernels_to_compile()))
    return list(tasks)


def warm_up(progress: Callable[[int, int], None] | None = None) -> int:
    """Compile :func:`warm_up_tasks` on every core; returns how many kernels that was (0: warm already)."""
    tasks = warm_up_tasks()
    if tasks:
        prepare.prepare(tasks, prepare.worker_count(), progress)
    return len(tasks)
