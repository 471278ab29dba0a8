"""The recurrent family's op: SimpleRNN, LSTM and GRU, forward and backward through time.

Forward: one product for the input projections of every step, ``XP = X · W`` over the
batch's ``samples × steps`` rows; then the recurrence, a small product ``h · U`` per step
and the gates elementwise. What the backward pass needs is kept time-major, one
``(samples, ·)`` slab per step: the state after each step ``H`` (``H[0]`` the zero start),
the cell ``C`` and ``act(C)`` (LSTM), the gates before and after their activations, and
``h · U + b_rec`` (GRU). Backward walks the steps from the last: the gradient reaching each
step's state (from the output and from the next step) becomes the gates' gradients ``DX``
(input side, batch-major rows, so ``dW = Xᵀ · DX`` and ``dX = DX · Wᵀ`` are single
products) and ``DR`` (recurrent side, ``dU = Σ H[s]ᵀ · DR[s]`` as one product), and the
gradient into the previous state ``DR[s] · Uᵀ``. Gate order and formulas are Keras's (see
:mod:`graph_core.layers.recurrent`); with ``go_backwards`` step ``s`` reads time
``steps − 1 − s`` and the sequence given out is in the order read, as Keras's.
"""

from __future__ import annotations

from typing import Any

from numba import njit

from graph_core.layers.recurrent import GATES
from kernels import activations as act
from kernels.activations import act_scalar, dact_scalar
from kernels.config import JIT
from kernels.gemm import matmul, matmul_nt, matmul_tn, transpose
from kernels.ops.base import BindCall, Op, PlanCall

SIMPLE, LSTM, GRU = 0, 1, 2
KINDS = {"SimpleRNN": SIMPLE, "LSTM": LSTM, "GRU": GRU}


@njit(**JIT)
def recurrent_forward(kind, x2, w, u, bias, steps, backwards, code, rec_code, xp, hs, cs, pre, post, hu, tc,
                      y, sequences):  # type: ignore[no-untyped-def]  # fmt: skip
    """The layer over a batch: ``x2`` ``(samples·steps, features)``, ``bias`` ``(rows, gates·units)``; fills the
    kept slabs and ``y`` (``(samples, steps, units)`` with ``sequences``, else ``(samples, 1, units)``)."""
    n = x2.shape[0] // steps
    units = u.shape[0]
    width = u.shape[1]
    matmul(x2, w, xp, 0, x2.shape[0], False)
    hs[0][...] = 0
    cs[0][...] = 0
    for s in range(steps):
        t = steps - 1 - s if backwards else s
        matmul(hs[s], u, hu[s], 0, n, False)
        for i in range(n):
            row = xp[i * steps + t]
            h_prev, h = hs[s][i], hs[s + 1][i]
            p, q, r = pre[s][i], post[s][i], hu[s][i]
            if kind == GRU:
                for k in range(width):
                    r[k] += bias[1, k]
                for k in range(2 * units):
                    p[k] = row[k] + bias[0, k] + r[k]
                    q[k] = act_scalar(p[k], rec_code)
                for k in range(units):
                    p[2 * units + k] = row[2 * units + k] + bias[0, 2 * units + k] + q[units + k] * r[2 * units + k]
                    q[2 * units + k] = act_scalar(p[2 * units + k], code)
                    z = q[k]
                    h[k] = z * h_prev[k] + (1 - z) * q[2 * units + k]
            else:
                for k in range(width):
                    p[k] = row[k] + bias[0, k] + r[k]
                if kind == SIMPLE:
                    for k in range(units):
                        q[k] = act_scalar(p[k], code)
                        h[k] = q[k]
                else:
                    c_prev, c, tcs = cs[s][i], cs[s + 1][i], tc[s][i]
                    for k in range(width):
                        q[k] = act_scalar(p[k], code if units * 2 <= k < units * 3 else rec_code)
                    for k in range(units):
                        c[k] = q[units + k] * c_prev[k] + q[k] * q[2 * units + k]
                        tcs[k] = act_scalar(c[k], code)
                        h[k] = q[3 * units + k] * tcs[k]
    for i in range(n):
        if sequences:
            for s in range(steps):
                y[i, s, :] = hs[s + 1][i]
        else:
            y[i, 0, :] = hs[steps][i]


@njit(**JIT)
def recurrent_backward(kind, x2, w, wt, u, ut, steps, backwards, code, rec_code, hs, cs, pre, post, hu, tc, g,
                       sequences, dxp, dr, dh, dc, gw, gu, gb, use_bias, acc_weights, dx2, want_dx,
                       acc_dx):  # type: ignore[no-untyped-def]  # fmt: skip
    """Backward through time for :func:`recurrent_forward`'s batch; ``g`` is dL/dy; the weights' gradients are
    written (or added, ``acc_weights``), dL/dx too where wanted."""
    n = x2.shape[0] // steps
    units = u.shape[0]
    width = u.shape[1]
    transpose(u, ut, 0, units)
    dh[...] = 0
    dc[...] = 0
    for s in range(steps - 1, -1, -1):
        t = steps - 1 - s if backwards else s
        for i in range(n):
            d = dh[i]
            if sequences:
                for k in range(units):
                    d[k] += g[i, s, k]
            elif s == steps - 1:
                for k in range(units):
                    d[k] += g[i, 0, k]
            p, q, drow, xrow = pre[s][i], post[s][i], dr[s][i], dxp[i * steps + t]
            if kind == SIMPLE:
                for k in range(units):
                    v = d[k] * dact_scalar(p[k], q[k], code)
                    drow[k] = v
                    xrow[k] = v
            elif kind == LSTM:
                c, c_prev, tcs, dcs = cs[s + 1][i], cs[s][i], tc[s][i], dc[i]
                for k in range(units):
                    gi, gf, gc, go = q[k], q[units + k], q[2 * units + k], q[3 * units + k]
                    dct = dcs[k] + d[k] * go * dact_scalar(c[k], tcs[k], code)
                    drow[k] = dct * gc * dact_scalar(p[k], gi, rec_code)
                    drow[units + k] = dct * c_prev[k] * dact_scalar(p[units + k], gf, rec_code)
                    drow[2 * units + k] = dct * gi * dact_scalar(p[2 * units + k], gc, code)
                    drow[3 * units + k] = d[k] * tcs[k] * dact_scalar(p[3 * units + k], go, rec_code)
                    dcs[k] = dct * gf
                for k in range(width):
                    xrow[k] = drow[k]
            else:
                h_prev, r = hs[s][i], hu[s][i]
                for k in range(units):
                    z, gate, cand = q[k], q[units + k], q[2 * units + k]
                    dpre_h = d[k] * (1 - z) * dact_scalar(p[2 * units + k], cand, code)
                    xrow[2 * units + k] = dpre_h
                    drow[2 * units + k] = dpre_h * gate
                    v = d[k] * (h_prev[k] - cand) * dact_scalar(p[k], z, rec_code)
                    xrow[k] = v
                    drow[k] = v
                    v = dpre_h * r[2 * units + k] * dact_scalar(p[units + k], gate, rec_code)
                    xrow[units + k] = v
                    drow[units + k] = v
                    d[k] = d[k] * z  # the direct path into the previous state; U's path is added below
        if kind != GRU:
            dh[...] = 0
        matmul_nt(dr[s], u, ut, dh, 0, n, True)
    rows = n * steps
    matmul_tn(x2, dxp, gw, 0, x2.shape[1], acc_weights)
    matmul_tn(hs[:steps].reshape(rows, units), dr.reshape(rows, width), gu, 0, units, acc_weights)
    if use_bias:
        if not acc_weights:
            gb[...] = 0
        flat = dr.reshape(rows, width)
        for j in range(rows):
            for k in range(width):
                gb[0, k] += dxp[j, k]
                if kind == GRU:
                    gb[1, k] += flat[j, k]
    if want_dx:
        transpose(w, wt, 0, w.shape[0])
        matmul_nt(dxp, w, wt, dx2, 0, rows, acc_dx)


class RecurrentOp(Op):
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def plan(self, p: PlanCall) -> dict[str, Any]:
        c = p.config
        steps, features = p.in_shape
        return {
            "kind": KINDS[self.kind],
            "steps": steps,
            "features": features,
            "units": c["units"],
            "gates": GATES[self.kind],
            "code": act.code(c["activation"]),
            "rec_code": act.code(c.get("recurrent_activation", "sigmoid")),
            "backwards": c["go_backwards"],
            "sequences": c["return_sequences"],
            "use_bias": c["use_bias"],
        }

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        n, steps, units, width = b.batch, at["steps"], at["units"], at["gates"] * at["units"]
        x2 = b.x[0].reshape(n * steps, at["features"])
        w, u = b.weight("kernel"), b.weight("recurrent_kernel")
        rows = 2 if at["kind"] == GRU else 1
        bias = b.weight("bias").reshape(rows, width) if at["use_bias"] else b.temp((rows, width))
        xp = b.temp((n * steps, width))
        hs, cs = b.temp((steps + 1, n, units)), b.temp((steps + 1, n, units))
        pre, post, hu = b.temp((steps, n, width)), b.temp((steps, n, width)), b.temp((steps, n, width))
        tc = b.temp((steps, n, units))
        y = b.y.reshape(n, steps if at["sequences"] else 1, units)
        b.forward(recurrent_forward, at["kind"], x2, w, u, bias, steps, at["backwards"], at["code"], at["rec_code"],
                  xp, hs, cs, pre, post, hu, tc, y, at["sequences"])  # fmt: skip
        if b.g is None:
            return
        g = b.g.reshape(y.shape)
        dx = b.dxs[0]
        gb = b.grad("bias").reshape(rows, width) if at["use_bias"] else b.temp((rows, width))
        b.backward(recurrent_backward, at["kind"], x2, w, b.temp((width, at["features"])), u, b.temp((width, units)),
                   steps, at["backwards"], at["code"], at["rec_code"], hs, cs, pre, post, hu, tc, g, at["sequences"],
                   b.temp((n * steps, width)), b.temp((steps, n, width)), b.temp((n, units)), b.temp((n, units)),
                   b.grad("kernel"), b.grad("recurrent_kernel"), gb, at["use_bias"], b.step.acc_weights,
                   dx.reshape(n * steps, at["features"]) if dx is not None else b.temp((1, 1)), dx is not None,
                   b.acc_in(0))  # fmt: skip


OPS = {kind: RecurrentOp(kind) for kind in KINDS}
