"""How much memory training will take, and how much the machine has — checked before allocating.

    estimate = estimate_training_memory(graph, settings, data)   # bytes by part, from shapes alone
    check_training_memory(graph, settings, data)                  # InsufficientMemory when too much

The estimate adds up, in float32 bytes:

* the weights (once in the graph, once as the trainer's copy) and their gradients,
* the optimizer's state (1 slot per weight for sgd/adagrad, 2 for adam/adamw/rmsprop),
* the buffers of the training plan for one batch (every node's value, gradient and the
  kernels' scratch) and of the inference plan for one evaluation batch,
* the data as the trainer prepares it (float32 copies of inputs and targets; of a streamed folder,
  the decoded batches in flight).

The machine's memory is :func:`graph_core.machine.available_memory`. Qt-free, like all of ``kernels``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from graph_core.errors import InsufficientMemory
from graph_core.graph import Graph
from graph_core.machine import LIMIT_ENV, available_memory, parse_size  # the core refuses weights too large too
from graph_core.messages import Message, join
from graph_core.model import readable_bytes
from graph_core.settings import TrainingSettings

__all__ = ["LIMIT_ENV", "MemoryEstimate", "available_memory", "check_training_memory", "estimate_training_memory",
           "parse_size"]  # fmt: skip

#: Optimizer state arrays per weight.
OPTIMIZER_SLOTS = {"sgd": 1, "adam": 2, "adamw": 2, "rmsprop": 2, "adagrad": 1}
#: Evaluation runs in batches of at least this many samples (as ``Trainer._evaluate``).
EVAL_BATCH = 256
#: Python, numpy, numba and compiled kernels before any model: a floor added to every estimate.
BASE_BYTES = 64 << 20
FLOAT = 4


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes each part of training will take."""

    weights: int
    gradients: int
    optimizer: int
    activations: int
    data: int
    base: int = BASE_BYTES

    @property
    def total(self) -> int:
        return self.weights + self.gradients + self.optimizer + self.activations + self.data + self.base

    def describe(self) -> str:
        parts = (
            (self.weights, Message("weights {size}", size=readable_bytes(self.weights))),
            (self.gradients, Message("gradients {size}", size=readable_bytes(self.gradients))),
            (self.optimizer, Message("optimizer {size}", size=readable_bytes(self.optimizer))),
            (self.activations, Message("activations {size}", size=readable_bytes(self.activations))),
            (self.data, Message("data {size}", size=readable_bytes(self.data))),
        )
        return join(text for size, text in parts if size)


def _samples(arrays: Mapping[str, np.ndarray]) -> int:
    return max((len(a) for a in arrays.values()), default=0)


def data_bytes(x: Mapping[str, np.ndarray], y: Mapping[str, np.ndarray], batch: int = EVAL_BATCH) -> int:
    """The trainer's float32 copies of inputs and targets (shapes only; nothing is read); of a streamed input, the
    decoded batches of ``batch`` samples in flight (:meth:`kernels.streaming.StreamedImages.batch_bytes`)."""
    from kernels.streaming import is_streamed

    arrays = (*x.values(), *y.values())
    held = FLOAT * sum(int(np.prod(a.shape, dtype=np.float64)) for a in arrays if not is_streamed(a))
    return held + sum(a.batch_bytes(batch) for a in arrays if is_streamed(a))  # type: ignore[attr-defined]


def estimate_training_memory(
    graph: Graph,
    settings: TrainingSettings,
    samples: int,
    data: int = 0,
    threads: int | None = None,
    sizes: Mapping[str, tuple[int, ...]] | None = None,
) -> MemoryEstimate:
    """The estimate for training ``graph`` (valid) on ``samples`` samples taking ``data`` bytes (``sizes``: each
    input's sample shape in the data, for Inputs that leave sizes open).

    The activations are the buffers of the training plan at the batch size and of the
    inference plan at the evaluation batch size — every value, gradient and scratch buffer
    the kernels will use (a convolution's padded copies among them) — from shapes alone:
    nothing is allocated. ``threads`` is accepted for callers that pass it; the gradients
    are one set whatever the number of threads.
    """
    from kernels.plan import LossSpec, compile_plan

    analysis = graph.analysis()
    params = sum(s.size for specs in analysis.weight_specs.values() for s in specs or ())
    batch = max(1, min(settings.batch_size, samples)) if samples else settings.batch_size
    eval_batch = max(1, min(max(settings.batch_size, EVAL_BATCH), samples)) if samples else EVAL_BATCH
    train = compile_plan(graph, [LossSpec("mse") for _ in analysis.outputs], training=True, sizes=sizes)
    activations = _buffer_bytes(train, batch) + _buffer_bytes(compile_plan(graph, sizes=sizes), eval_batch)
    return MemoryEstimate(
        weights=2 * FLOAT * params,
        gradients=FLOAT * params,
        optimizer=FLOAT * params * OPTIMIZER_SLOTS.get(settings.optimizer, 2),
        activations=activations,
        data=data,
    )


def _buffer_bytes(plan, batch: int) -> int:  # type: ignore[no-untyped-def]
    """The bytes of a plan's own buffers (views take none) at ``batch`` samples, and its targets."""
    values = sum(math.prod(b.shape) * (batch if b.batch_major else 1) for b in plan.buffers if b.alias is None)
    targets = sum(batch * math.prod(o.shape) for o in plan.outputs)
    return FLOAT * (values + targets)


def check_training_memory(
    graph: Graph,
    settings: TrainingSettings,
    x: Mapping[str, np.ndarray],
    y: Mapping[str, np.ndarray],
    limit: int | None = None,
) -> MemoryEstimate:
    """The estimate; :class:`InsufficientMemory` with the figures when it exceeds ``limit``.

    ``limit`` defaults to :func:`available_memory` (no check when that is unknown).
    """
    from kernels.plan import data_sizes

    batch = max(settings.batch_size, EVAL_BATCH)
    estimate = estimate_training_memory(graph, settings, _samples(x), data_bytes(x, y, batch), sizes=data_sizes(x))
    room = available_memory() if limit is None else limit
    if room is not None and estimate.total > room:
        raise InsufficientMemory(
            Message("Training would need about {size} of memory ({parts}, batch size {batch_size}); this machine "
                    "has {room} available — use a smaller batch size, fewer units or less data",
                    size=readable_bytes(estimate.total), parts=estimate.describe(), batch_size=settings.batch_size,
                    room=readable_bytes(room))
        )  # fmt: skip
    return estimate
