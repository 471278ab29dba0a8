"""How much memory training will take, and how much the machine has — checked before allocating.

    estimate = estimate_training_memory(graph, settings, data)   # bytes by part, from shapes alone
    check_training_memory(graph, settings, data)                  # InsufficientMemory when too much

The estimate adds up, in float32 bytes:

* the weights (once in the graph, once as the trainer's copy),
* the gradient partials (one per thread, as the executor keeps them),
* the optimizer's state (1 slot per weight for sgd/adagrad, 2 for adam/adamw/rmsprop),
* the activations of one training batch (value, pre-activation and gradient of every
  node's output) and of one evaluation batch (values only),
* the data as the trainer prepares it (float32 copies of inputs and targets).

The machine's memory is what the kernel reports as available (``MemAvailable`` in
``/proc/meminfo``, else ``os.sysconf``), further capped by a cgroup (container) limit
when there is one. ``LAYERWIRE_MEMORY_LIMIT`` (bytes, or with a K/M/G suffix) lowers
the limit, for tests and for sharing a machine. Qt-free, like all of ``kernels``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph_core.errors import InsufficientMemory
from graph_core.graph import Graph
from graph_core.messages import Message, join
from graph_core.model import readable_bytes
from graph_core.settings import TrainingSettings

#: Buffers per node output while training: the value, the pre-activation and the gradient.
TRAIN_BUFFERS_PER_VALUE = 3
#: Optimizer state arrays per weight.
OPTIMIZER_SLOTS = {"sgd": 1, "adam": 2, "adamw": 2, "rmsprop": 2, "adagrad": 1}
#: Evaluation runs in batches of at least this many samples (as ``Trainer._evaluate``).
EVAL_BATCH = 256
#: Python, numpy, numba and compiled kernels before any model: a floor added to every estimate.
BASE_BYTES = 64 << 20
FLOAT = 4
LIMIT_ENV = "LAYERWIRE_MEMORY_LIMIT"


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


def data_bytes(x: Mapping[str, np.ndarray], y: Mapping[str, np.ndarray]) -> int:
    """The trainer's float32 copies of inputs and targets (shapes only; nothing is read)."""
    return FLOAT * sum(int(np.prod(a.shape, dtype=np.float64)) for a in (*x.values(), *y.values()))


def estimate_training_memory(
    graph: Graph,
    settings: TrainingSettings,
    samples: int,
    data: int = 0,
    threads: int | None = None,
) -> MemoryEstimate:
    """The estimate for training ``graph`` (valid) on ``samples`` samples taking ``data`` bytes.

    Computed from the graph's shapes alone (Python integers: no overflow, no allocation).
    """
    if threads is None:
        from kernels.config import max_threads

        threads = max_threads()
    analysis = graph.analysis()
    params = sum(s.size for specs in analysis.weight_specs.values() for s in specs or ())
    per_sample = 0
    for node in analysis.order:
        shape = analysis.shapes.get(node)
        if shape is not None:
            per_sample += math.prod(d for d in shape[1:] if d is not None)
    batch = max(1, min(settings.batch_size, samples)) if samples else settings.batch_size
    eval_batch = max(1, min(max(settings.batch_size, EVAL_BATCH), samples)) if samples else EVAL_BATCH
    activations = FLOAT * per_sample * (TRAIN_BUFFERS_PER_VALUE * batch + eval_batch)
    return MemoryEstimate(
        weights=2 * FLOAT * params,
        gradients=FLOAT * params * max(1, threads),
        optimizer=FLOAT * params * OPTIMIZER_SLOTS.get(settings.optimizer, 2),
        activations=activations,
        data=data,
    )


# --------------------------------------------------------------------------- the machine


def parse_size(text: str) -> int:
    """``"512M"`` -> bytes; ``ValueError`` for anything else."""
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = 1
    for suffix, factor in (("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40)):
        if text.endswith(suffix):
            text, scale = text[:-1], factor
            break
    value = float(text)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"expected a positive size; received {text!r}")
    return int(value * scale)


def _meminfo_available(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _sysconf_available() -> int | None:
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def _cgroup_room() -> int | None:
    """What a cgroup v2 (container) memory limit leaves, if one is set."""
    root = Path("/sys/fs/cgroup")
    try:
        limit = (root / "memory.max").read_text().strip()
        if limit == "max":
            return None
        used = int((root / "memory.current").read_text().strip())
        return max(0, int(limit) - used)
    except (OSError, ValueError):
        return None


def available_memory() -> int | None:
    """Bytes a new allocation can count on, or None when the platform does not say.

    ``LAYERWIRE_MEMORY_LIMIT`` caps the answer (an invalid value is ignored).
    """
    candidates = [m for m in (_meminfo_available() or _sysconf_available(), _cgroup_room()) if m is not None]
    override = os.environ.get(LIMIT_ENV)
    if override:
        try:
            candidates.append(parse_size(override))
        except ValueError:
            pass
    return min(candidates) if candidates else None


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
    estimate = estimate_training_memory(graph, settings, _samples(x), data_bytes(x, y))
    room = available_memory() if limit is None else limit
    if room is not None and estimate.total > room:
        raise InsufficientMemory(
            Message("Training would need about {size} of memory ({parts}, batch size {batch_size}); this machine "
                    "has {room} available — use a smaller batch size, fewer units or less data",
                    size=readable_bytes(estimate.total), parts=estimate.describe(), batch_size=settings.batch_size,
                    room=readable_bytes(room))
        )  # fmt: skip
    return estimate
