"""The recurrent family's op: SimpleRNN, LSTM and GRU, forward and backward through time.

Every per-step array is batch-major, one row per (sample ``i``, time ``t``) at ``i·steps + t``,
the rows of the input ``x2`` ``(samples·steps, features)``, so the products over all steps
are single products with no copies:

    forward   G = x2 · W                         the input side of every step's gates
              per step: G[t] += h · U (+ biases), gates activated in place
    backward  dW = x2ᵀ · DX,  dx2 = DX · Wᵀ,  dU = Hᵀ · DR    after the walk back through time

``H`` holds the state *entering* each step (zero for the first, or the initial state wired
in), ``C`` the LSTM's cell after each step and ``TC`` its activation; with ``go_backwards``
step ``s`` reads time ``steps − 1 − s`` and the sequence given out is in the order read, as
Keras's. With ``return_state`` the final states are written to outputs of their own; their
gradients start the walk back (added to the last step's), and the walk ends with the
gradients of the initial states where they are wired in.

The recurrence is where the time goes: at batch 32 each step is a (32 × units)·(units ×
gates·units) product and a few thousand activations. The samples are split between the
threads once, and each thread walks every step for its own samples, its products reading
its rows of ``H`` (a stride of ``steps`` rows) and its gates going through
:mod:`kernels.vmath`, so no thread waits for another between steps. Backward walks the
steps from the last the same way: the gradient reaching each step's state (from the output
and from the next step) becomes the gates' gradients, ``DX`` on the input side and ``DR``
on the recurrent one (the same array but for GRU, whose candidate sees ``r ⊙ (h·U)``), and
the gradient into the previous state is the thread's rows of ``DR[t] · Uᵀ``.

Gate order and formulas are Keras's (see :mod:`graph_core.layers.recurrent`); float64
arrays (the finite-difference tests) take the same path with exact math and ``np.dot``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit, prange, types
from numba.extending import overload

from graph_core.layers.recurrent import GATES
from kernels import activations as act
from kernels import vmath
from kernels.activations import LINEAR, RELU, SIGMOID, TANH, act_scalar, dact_scalar
from kernels.config import JIT, PJIT
from kernels.gemm import _product, chunk_rows, matmul_deep, matmul_nt, transpose
from kernels.ops.base import BindCall, Op, PlanCall

SIMPLE, LSTM, GRU = 0, 1, 2
KINDS = {"SimpleRNN": SIMPLE, "LSTM": LSTM, "GRU": GRU}


def rows_product(af, ao, a_row, b, cf, co, c_row, i0, i1, acc):  # type: ignore[no-untyped-def]
    """Rows ``i0:i1`` of C (+)= A · b, ``A[i, p] = af[ao + i·a_row + p]``, ``C[i, j] = cf[co + i·c_row + j]``: one
    time step's rows of the batch-major arrays; numba only."""


@overload(rows_product, jit_options=JIT)
def _rows_product(af, ao, a_row, b, cf, co, c_row, i0, i1, acc):  # type: ignore[no-untyped-def]
    if af.dtype == b.dtype == cf.dtype == types.float32:

        def tiles(af, ao, a_row, b, cf, co, c_row, i0, i1, acc):  # type: ignore[no-untyped-def]
            depth, cols = b.shape
            _product(af[ao:], a_row, 1, b.reshape(-1), cols, cf[co:], c_row, i0, i1, depth, cols, acc)

        return tiles

    def loops(af, ao, a_row, b, cf, co, c_row, i0, i1, acc):  # type: ignore[no-untyped-def]
        depth, cols = b.shape
        for i in range(i0, i1):
            row = np.dot(af[ao + i * a_row : ao + i * a_row + depth], b)
            out = cf[co + i * c_row : co + i * c_row + cols]
            if acc:
                out += row
            else:
                out[:] = row

    return loops


@njit(**JIT)
def _activate(v, code):  # type: ignore[no-untyped-def]
    """``v = activation(v)`` in place (a 1-D view, so its indices start at 0: with an offset LLVM cannot rule
    out a negative index, keeps numba's wraparound and the loop does not vectorise)."""
    if code == SIGMOID:
        for k in range(v.size):
            v[k] = vmath.sigmoid(v[k])
    elif code == TANH:
        for k in range(v.size):
            v[k] = vmath.tanh(v[k])
    elif code == RELU:
        for k in range(v.size):
            v[k] = max(v[k], v.dtype.type(0))
    elif code != LINEAR:
        for k in range(v.size):
            v[k] = act_scalar(v[k], code)


@njit(**JIT)
def _derivative(z, y, out, code):  # type: ignore[no-untyped-def]
    """``out`` = the activation's derivative at pre-activation ``z`` with output ``y`` (1-D views)."""
    one = y.dtype.type(1)
    if code == SIGMOID:
        for k in range(out.size):
            out[k] = y[k] * (one - y[k])
    elif code == TANH:
        for k in range(out.size):
            out[k] = one - y[k] * y[k]
    elif code == LINEAR:
        for k in range(out.size):
            out[k] = one
    else:
        for k in range(out.size):
            out[k] = dact_scalar(z[k], y[k], code)


@njit(**JIT)
def _forward_rows(kind, x2, w, u, bias, steps, backwards, code, rec_code, g, pre, keep_pre, hs, cs, tc, hc, hu, y,
                  sequences, h0, c0, initial, h_last, c_last, states, i0, i1):  # type: ignore[no-untyped-def]  # fmt: skip
    """Samples ``i0:i1`` through every step, filling ``g`` with their activated gates. Each step's input
    projection is made just before its gates read it (still in the cache). Gates are cut into views
    (``p[:units]``...) whose loops vectorise. The states start at ``h0``, ``c0`` where ``initial``, and end in
    ``h_last``, ``c_last`` where ``states``."""
    features = x2.shape[1]
    units, width = u.shape
    hf, xf, gf_, huf = hs.reshape(-1), x2.reshape(-1), g.reshape(-1), hu.reshape(-1)
    zero, one = np.zeros(units, hs.dtype), hs.dtype.type(1)
    b0, b1 = bias[0], bias[bias.shape[0] - 1]
    for s in range(steps):
        t = steps - 1 - s if backwards else s
        t_prev = t + 1 if backwards else t - 1
        rows_product(xf, t * features, steps * features, w, gf_, t * width, steps * width, i0, i1, False)
        if s == 0 and initial:
            for i in range(i0, i1):
                hs[i * steps + t, :] = h0[i]
            rows_product(h0.reshape(-1), 0, units, u, huf, 0, width, i0, i1, False)
        elif s == 0:
            for i in range(i0, i1):
                hs[i * steps + t, :] = 0
                hu[i, :] = 0
        else:
            rows_product(hf, t * units, steps * units, u, huf, 0, width, i0, i1, False)
        for i in range(i0, i1):
            r = i * steps + t
            p, rec, h_prev = g[r], hu[i], hs[r]
            if kind == GRU:
                for k in range(width):
                    rec[k] += b1[k]
                zr, cand, rec_cand = p[: 2 * units], p[2 * units :], rec[2 * units :]
                for k in range(2 * units):
                    zr[k] += b0[k] + rec[k]
                b0c = b0[2 * units :]
                if keep_pre:
                    pre[r, : 2 * units] = zr
                _activate(zr, rec_code)
                gate, keep = p[units : 2 * units], hc[r]
                keep[:] = rec_cand
                for k in range(units):
                    cand[k] += b0c[k] + gate[k] * rec_cand[k]
                if keep_pre:
                    pre[r, 2 * units :] = cand
                _activate(cand, code)
                h = rec[:units]  # the new state, kept there until it is stored below
                for k in range(units):
                    gz = zr[k]
                    h[k] = gz * h_prev[k] + (one - gz) * cand[k]
            else:
                for k in range(width):
                    p[k] += b0[k] + rec[k]
                if keep_pre:
                    pre[r, :] = p
                if kind == SIMPLE:
                    _activate(p, code)
                    h = p
                else:
                    gi, gf, gc, go = p[:units], p[units : 2 * units], p[2 * units : 3 * units], p[3 * units :]
                    _activate(p[: 2 * units], rec_code)
                    _activate(gc, code)
                    _activate(go, rec_code)
                    c, a = cs[r], tc[r]
                    c_prev = cs[i * steps + t_prev] if s > 0 else c0[i] if initial else zero
                    for k in range(units):
                        c[k] = gf[k] * c_prev[k] + gi[k] * gc[k]
                    a[:] = c
                    _activate(a, code)
                    h = rec[:units]
                    for k in range(units):
                        h[k] = go[k] * a[k]
            if s + 1 < steps:
                t_next = t - 1 if backwards else t + 1
                hs[i * steps + t_next, :] = h
            if sequences:
                y[i, s, :] = h
            elif s + 1 == steps:
                y[i, 0, :] = h
            if states and s + 1 == steps:
                h_last[i, :] = h
                if kind == LSTM:
                    c_last[i, :] = cs[r]


@njit(**PJIT)
def recurrent_forward(kind, x2, w, u, bias, steps, backwards, code, rec_code, g, pre, keep_pre, hs, cs, tc, hc, hu,
                      y, sequences, h0, c0, initial, h_last, c_last, states, chunks):  # type: ignore[no-untyped-def]  # fmt: skip
    """The layer over a batch: ``x2`` ``(samples·steps, features)``, ``bias`` ``(1 or 2, gates·units)``; fills
    ``g`` (the activated gates), ``hs``, ``cs``, ``tc``, ``hc`` (GRU: ``h·U`` + bias of the candidate), ``pre``
    (where an activation's derivative needs its input) and ``y`` (``(samples, steps or 1, units)``). With
    ``initial`` the states start at ``h0``, ``c0`` ``(samples, units)``; with ``states`` the final ones are
    written to ``h_last``, ``c_last``."""
    n = x2.shape[0] // steps
    if chunks == 1:
        _forward_rows(kind, x2, w, u, bias, steps, backwards, code, rec_code, g, pre, keep_pre, hs, cs, tc, hc, hu, y,
                      sequences, h0, c0, initial, h_last, c_last, states, 0, n)  # fmt: skip
        return
    for part in prange(chunks):
        i0, i1 = chunk_rows(n, chunks, part)
        _forward_rows(kind, x2, w, u, bias, steps, backwards, code, rec_code, g, pre, keep_pre, hs, cs, tc, hc, hu, y,
                      sequences, h0, c0, initial, h_last, c_last, states, i0, i1)  # fmt: skip


@njit(**JIT)
def _backward_rows(kind, ut, steps, backwards, code, rec_code, hs, cs, tc, hc, g, pre, keep_pre, dy, sequences, dxp,
                   dr, dh, dc, der, c0, initial, d_last, states, d0, want0, acc0, i0, i1):  # type: ignore[no-untyped-def]  # fmt: skip
    """Samples ``i0:i1`` back through every step: fills their rows of ``dxp`` (and ``dr``, GRU). With ``states``
    the walk starts from the final states' gradients ``d_last`` (h's, LSTM also c's); it ends writing (or
    adding, ``acc0``) the initial states' into ``d0`` where ``want0``."""
    units = ut.shape[1]
    width = ut.shape[0]
    drf = dr.reshape(-1)
    zero, one = np.zeros(units, hs.dtype), hs.dtype.type(1)
    for i in range(i0, i1):
        dh[i, :] = 0
        dc[i, :] = 0
        if states:
            dh[i, :] = d_last[0][i]
            if kind == LSTM:
                dc[i, :] = d_last[1][i]
    for s in range(steps - 1, -1, -1):
        t = steps - 1 - s if backwards else s
        t_prev = t + 1 if backwards else t - 1
        for i in range(i0, i1):
            r = i * steps + t
            d, q, dx, e = dh[i], g[r], dxp[r], der[i]
            z = pre[r] if keep_pre else q
            if sequences:
                dys = dy[i, s]
                for k in range(units):
                    d[k] += dys[k]
            elif s == steps - 1:
                dys = dy[i, 0]
                for k in range(units):
                    d[k] += dys[k]
            if kind == SIMPLE:
                _derivative(z, q, e[:units], code)
                for k in range(units):
                    dx[k] = d[k] * e[k]
            elif kind == LSTM:
                a, dcs = tc[r], dc[i]
                c_prev = cs[i * steps + t_prev] if s > 0 else c0[i] if initial else zero
                gi, gf, gc, go = q[:units], q[units : 2 * units], q[2 * units : 3 * units], q[3 * units :]
                di, df, dg, do = dx[:units], dx[units : 2 * units], dx[2 * units : 3 * units], dx[3 * units :]
                ei, ef, eg, eo, ea = (
                    e[:units],
                    e[units : 2 * units],
                    e[2 * units : 3 * units],
                    e[3 * units : width],
                    e[width:],
                )
                _derivative(z[: 2 * units], q[: 2 * units], e[: 2 * units], rec_code)
                _derivative(z[2 * units : 3 * units], gc, eg, code)
                _derivative(z[3 * units :], go, eo, rec_code)
                _derivative(cs[r], a, ea, code)
                for k in range(units):  # dcs becomes dL/dc of this step
                    dcs[k] += d[k] * go[k] * ea[k]
                for k in range(units):
                    di[k] = dcs[k] * gc[k] * ei[k]
                for k in range(units):
                    df[k] = dcs[k] * c_prev[k] * ef[k]
                for k in range(units):
                    dg[k] = dcs[k] * gi[k] * eg[k]
                for k in range(units):
                    do[k] = d[k] * a[k] * eo[k]
                for k in range(units):  # and then dL/dc of the step before
                    dcs[k] *= gf[k]
            else:
                h_prev, rec, drow = hs[r], hc[r], dr[r]
                gz, gate, cand = q[:units], q[units : 2 * units], q[2 * units :]
                ez, eg, eh = e[:units], e[units : 2 * units], e[2 * units : width]
                dz, dg, dh_ = dx[:units], dx[units : 2 * units], dx[2 * units :]
                rz, rg, rh = drow[:units], drow[units : 2 * units], drow[2 * units :]
                _derivative(z[: 2 * units], q[: 2 * units], e[: 2 * units], rec_code)
                _derivative(z[2 * units :], cand, eh, code)
                for k in range(units):
                    dh_[k] = d[k] * (one - gz[k]) * eh[k]
                for k in range(units):
                    rh[k] = dh_[k] * gate[k]
                for k in range(units):
                    dz[k] = d[k] * (h_prev[k] - cand[k]) * ez[k]
                rz[:] = dz
                for k in range(units):
                    dg[k] = dh_[k] * rec[k] * eg[k]
                rg[:] = dg
                for k in range(units):
                    d[k] *= gz[k]  # the direct path into the previous state; U's path is added below
        if s > 0 or want0[0]:  # the gradient into the state entering the step (the initial one: where wanted)
            rows_product(drf, t * width, steps * width, ut, dh.reshape(-1), 0, units, i0, i1, kind == GRU)
    for k in range(2):
        if want0[k]:
            d_in = dh if k == 0 else dc
            for i in range(i0, i1):
                if acc0[k]:
                    d0[k][i] += d_in[i]
                else:
                    d0[k][i] = d_in[i]


@njit(**PJIT)
def recurrent_backward(kind, x2, xt, w, wt, u, ut, ht, steps, backwards, code, rec_code, hs, cs, tc, hc, g, pre,
                       keep_pre, dy, sequences, dxp, dr, dh, dc, der, gw, gu, gb, use_bias, acc_weights, dx2, want_dx,
                       acc_dx, c0, initial, d_last, states, d0, want0, acc0, chunks):  # type: ignore[no-untyped-def]  # fmt: skip
    """Backward through time for :func:`recurrent_forward`'s batch; ``dy`` is dL/dy; the weights' gradients
    are written (or added, ``acc_weights``), dL/dx too where wanted. ``dr`` is ``dxp`` but for GRU. ``d_last``:
    the final states' gradients, h's and c's ``(samples, units)`` (with ``states``; c's a dummy but for LSTM);
    ``d0`` the same for the initial states', written (added: ``acc0``) where ``want0``; ``c0`` the initial cell
    (LSTM, ``initial``)."""
    rows, features = x2.shape
    n = rows // steps
    units, width = u.shape
    transpose(u, ut, 0, units)
    if want_dx:
        transpose(w, wt, 0, features)
    for part in prange(chunks):
        i0, i1 = chunk_rows(n, chunks, part)
        _backward_rows(kind, ut, steps, backwards, code, rec_code, hs, cs, tc, hc, g, pre, keep_pre, dy, sequences,
                       dxp, dr, dh, dc, der, c0, initial, d_last, states, d0, want0, acc0, i0, i1)  # fmt: skip
    for part in prange(chunks):  # Xᵀ and Hᵀ, so the weights' products read their rows in order
        r0, r1 = chunk_rows(rows, chunks, part)
        transpose(x2, xt, r0, r1)
        transpose(hs, ht, r0, r1)
    for part in prange(chunks):
        k0, k1 = chunk_rows(features, chunks, part)
        matmul_deep(xt, dxp, gw, k0, k1, acc_weights)
        k0, k1 = chunk_rows(units, chunks, part)
        matmul_deep(ht, dr, gu, k0, k1, acc_weights)
        if use_bias:
            c0, c1 = chunk_rows(width, chunks, part)
            _column_sums(dxp, gb[0, c0:c1], c0, acc_weights)
            if kind == GRU:
                _column_sums(dr, gb[1, c0:c1], c0, acc_weights)
        if want_dx:
            r0, r1 = chunk_rows(rows, chunks, part)
            matmul_nt(dxp, w, wt, dx2, r0, r1, acc_dx)


@njit(**JIT)
def _column_sums(a, out, c0, acc):  # type: ignore[no-untyped-def]
    """``out (+)= a[:, c0 : c0 + out.size].sum(axis=0)``."""
    if not acc:
        out[:] = 0
    for j in range(a.shape[0]):
        row = a[j, c0 : c0 + out.size]
        for k in range(out.size):
            out[k] += row[k]


def recurrent_attrs(kind: str, config: dict[str, Any], in_shape: tuple[int, ...]) -> dict[str, Any]:
    """What the kernels need of a ``kind`` layer with ``config`` reading ``(steps, features)``."""
    steps, features = in_shape
    code, rec_code = act.code(config["activation"]), act.code(config.get("recurrent_activation", "sigmoid"))
    return {
        "kind": KINDS[kind],
        "steps": steps,
        "features": features,
        "units": config["units"],
        "gates": GATES[kind],
        "code": code,
        "rec_code": rec_code,
        "keep_pre": not (act.derivative_from_output(code) and act.derivative_from_output(rec_code)),
        "backwards": config["go_backwards"],
        "sequences": config["return_sequences"],
        "use_bias": config["use_bias"],
    }


def bind_layer(b: BindCall, at: dict[str, Any], prefix: str, y: np.ndarray, dy: np.ndarray | None,
               add_dx: bool = False, show: bool = False, states: bool = False,
               initial: bool = False) -> None:  # fmt: skip
    """The kernel calls of one recurrent layer reading the step's input: ``at`` from :func:`recurrent_attrs`, its
    weights named ``prefix`` + Keras's name, its output into ``y`` ``(samples, steps or 1, units)`` and, training,
    dL/dy from ``dy``; dL/dx goes to the step's input gradient (``add_dx``: added to it, as another layer of the
    step wrote it first). ``show``: keep the gates and states for :meth:`RecurrentOp.inside`. ``states``: the final
    states go to the step's outputs after the first (their gradients from there); ``initial``: the states start at
    the step's inputs after the first (their gradients go there)."""
    n, steps, features, units = b.batch, at["steps"], at["features"], at["units"]
    width, rows = at["gates"] * units, b.batch * at["steps"]
    kind, gru, lstm = at["kind"], at["kind"] == GRU, at["kind"] == LSTM
    count = 2 if lstm else 1  # the states: h, and the LSTM's c
    none = b.temp((1, units))
    h0, c0 = (b.x[1], b.x[2] if lstm else none) if initial else (none, none)
    h_last, c_last = (b.ys[1], b.ys[2] if lstm else none) if states else (none, none)
    x2 = b.x[0].reshape(rows, features)
    w, u = b.weight(f"{prefix}kernel"), b.weight(f"{prefix}recurrent_kernel")
    bias_rows = 2 if gru else 1
    bias = b.weight(f"{prefix}bias").reshape(bias_rows, width) if at["use_bias"] else b.temp((bias_rows, width))
    g, hs = b.temp((rows, width)), b.temp((rows, units))
    pre = b.temp((rows, width)) if at["keep_pre"] else g
    cs, tc = (b.temp((rows, units)), b.temp((rows, units))) if lstm else (hs, hs)
    hc = b.temp((rows, units)) if gru else hs
    chunks = b.chunks(rows * width * (features + units))
    if show:
        b.show_inside(x=b.x[0], gates=g, states=hs, cells=cs, y=y)
    b.forward(recurrent_forward, kind, x2, w, u, bias, steps, at["backwards"], at["code"], at["rec_code"], g, pre,
              at["keep_pre"], hs, cs, tc, hc, b.temp((n, width)), y, at["sequences"], h0, c0, initial, h_last, c_last,
              states, chunks)  # fmt: skip
    if dy is None:
        return
    # Always two of each (h, c; a dummy c but for LSTM), so the kernels index the tuples alike.
    d_last = (b.gs[1], b.gs[2] if lstm else none) if states else (none, none)
    wanted = [initial and k < count and b.dxs[1 + k] is not None for k in range(2)]
    d0 = tuple(b.dxs[1 + k] if wanted[k] else none for k in range(2))
    want0 = np.array(wanted, np.bool_)
    acc0 = np.array([wanted[k] and b.acc_in(1 + k) for k in range(2)], np.bool_)
    dx = b.dxs[0]
    gb = b.grad(f"{prefix}bias").reshape(bias_rows, width) if at["use_bias"] else b.temp((bias_rows, width))
    dxp = b.temp((rows, width))
    b.backward(recurrent_backward, kind, x2, b.temp((features, rows)), w, b.temp((width, features)), u,
               b.temp((width, units)), b.temp((units, rows)), steps,
               at["backwards"], at["code"], at["rec_code"], hs, cs, tc, hc, g, pre, at["keep_pre"], dy,
               at["sequences"], dxp, b.temp((rows, width)) if gru else dxp, b.temp((n, units)),
               b.temp((n, units)), b.temp((n, width + units)), b.grad(f"{prefix}kernel"),
               b.grad(f"{prefix}recurrent_kernel"), gb, at["use_bias"], b.step.acc_weights,
               dx.reshape(rows, features) if dx is not None else b.temp((1, 1)), dx is not None,
               add_dx or b.acc_in(0), c0, initial, d_last, states, d0, want0, acc0, chunks)  # fmt: skip


class RecurrentOp(Op):
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def plan(self, p: PlanCall) -> dict[str, Any]:
        return recurrent_attrs(self.kind, p.config, p.in_shape)

    def bind(self, b: BindCall) -> None:
        at = b.attrs
        y = b.y.reshape(b.batch, at["steps"] if at["sequences"] else 1, at["units"])
        bind_layer(b, at, "", y, b.g.reshape(y.shape) if b.g is not None else None, show=True,
                   states=len(b.ys) > 1, initial=len(b.x) > 1)  # fmt: skip

    def inside(self, attrs: dict[str, Any], shown: dict[str, np.ndarray], sample: int) -> dict[str, np.ndarray]:
        """Per step, in the order read (``(steps, ·)``): the time each reads (``position``), the input ``x``, each gate
        after its activation (LSTM
        ``i f g o``, GRU ``z r hh``; none for SimpleRNN), the cell ``c`` after the step (LSTM) and the state ``h``
        after the step."""
        steps, units, kind = attrs["steps"], attrs["units"], attrs["kind"]
        order = np.arange(steps)[::-1] if attrs["backwards"] else np.arange(steps)  # the time each step reads
        rows = sample * steps + order
        out = {"position": order, "x": shown["x"][sample][order]}
        gates = shown["gates"][rows]
        for k, name in enumerate(GATE_NAMES[kind]):
            out[name] = gates[:, k * units : (k + 1) * units]
        if kind == LSTM:
            out["c"] = shown["cells"][rows]
        entering = shown["states"][rows]  # the state entering each step; the last step's result is the output
        y = shown["y"][sample]
        out["h"] = y.copy() if attrs["sequences"] else np.concatenate([entering[1:], y[-1:]])
        return {k: np.array(v) for k, v in out.items()}


#: The gates :meth:`RecurrentOp.inside` names, in Keras's order of the kernel's columns.
GATE_NAMES = {SIMPLE: (), LSTM: ("i", "f", "g", "o"), GRU: ("z", "r", "hh")}
OPS = {kind: RecurrentOp(kind) for kind in KINDS}
