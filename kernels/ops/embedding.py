"""The embedding family's op: Embedding, a row of its table per token id.

Forward: ``y[r] = embeddings[id[r]]`` for each of the batch's ``samples × steps`` ids, a
copy of rows. Backward: the table's gradient as a scatter-add, ``grad[id[r]] += g[r]``, in
the order of the ids (a token met twice adds twice); the table's other rows get zeros, so
the optimizer updates the whole table as Keras's does. The ids come from an int32 Input
buffer, or a float32 one (the guide's ``keras.Input(shape=(None,))``), checked to be
whole and in range before a batch runs; the kernels clamp them anyway, so a bad id can
never read outside the table.
"""

from __future__ import annotations

from typing import Any

from numba import njit

from kernels.config import JIT
from kernels.ops.base import BindCall, Op, PlanCall


@njit(**JIT)
def _row(ids, r, rows):  # type: ignore[no-untyped-def]
    i = int(ids[r])
    return 0 if i < 0 else (rows - 1 if i >= rows else i)


@njit(**JIT)
def embedding_forward(ids, table, y):  # type: ignore[no-untyped-def]
    """``y[r, :] = table[ids[r], :]``; ``ids`` 1-D, ``y`` ``(len(ids), dim)``."""
    rows, dim = table.shape
    for r in range(ids.shape[0]):
        src, dst = table[_row(ids, r, rows)], y[r]
        for k in range(dim):
            dst[k] = src[k]


@njit(**JIT)
def embedding_backward(ids, g, grad, acc):  # type: ignore[no-untyped-def]
    """``grad (+)= Σ_r onehot(ids[r]) ⊗ g[r]``: zeros first unless another call of the layer wrote already."""
    rows, dim = grad.shape
    if not acc:
        grad[...] = 0
    for r in range(ids.shape[0]):
        src, dst = g[r], grad[_row(ids, r, rows)]
        for k in range(dim):
            dst[k] += src[k]


class EmbeddingOp(Op):
    def plan(self, p: PlanCall) -> dict[str, Any]:
        return {"dim": p.config["output_dim"]}

    def bind(self, b: BindCall) -> None:
        dim = b.attrs["dim"]
        ids, y2 = b.x[0].reshape(-1), b.y.reshape(-1, dim)
        b.forward(embedding_forward, ids, b.weight("embeddings"), y2)
        if b.g is not None:
            b.backward(embedding_backward, ids, b.g.reshape(-1, dim), b.grad("embeddings"), b.step.acc_weights)


OPS = {"Embedding": EmbeddingOp()}
