"""What a run leaves in the project: its history entry, and the weight shapes that say whether its weights still fit."""

from __future__ import annotations

import math
from typing import Any

from graph_core.graph import Graph
from graph_core.nesting import has_nested, inline
from gui.training.worker import TrainingWorker


def finite_logs(logs: dict[str, float]) -> dict[str, float | None]:
    """Logs fit for JSON: NaN and infinities become null."""
    return {k: (float(v) if math.isfinite(v) else None) for k, v in logs.items()}


def weight_shapes(graph: Graph) -> dict[str, Any]:
    """``{layer: [(weight name, shape)...] or None}`` of a valid graph, else ``{}``; a nested model's layers by path
    (``encoder/dense``), so a change inside it shows too."""
    analysis = graph.analysis()
    if not analysis.valid:
        return {}
    specs = (inline(graph) if has_nested(graph) else graph).analysis().weight_specs
    return {k: None if v is None else [(s.name, s.shape) for s in v] for k, v in specs.items()}


def worker_history(worker: TrainingWorker, status: str) -> dict[str, Any]:
    """The project-history entry of a finished run."""
    return {
        "settings": worker.settings.to_dict(),
        "data": worker.settings.data or worker.data.name,
        "epochs": [finite_logs(logs) for logs in worker.epochs],
        "stopped": status != "finished",
        "status": status,
    }
