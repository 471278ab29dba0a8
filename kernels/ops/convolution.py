"""The convolution family's ops: Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D.

Every pass of Conv and Conv2DTranspose is one :func:`~kernels.implicit_gemm.gathered`
product, with offset tables made once per batch size (a Conv1D is a Conv2D one row high):

* Conv forward: rows are output positions, taps ``(kh, kw, c)``, ``B`` the kernel as
  Keras stores it, ``(kh * kw * in, filters)``: ``z = A @ kernel``, then bias and activation.
  A padded input is copied into a buffer whose borders stay zero.
* Conv kernel gradient: the same two tables with their roles swapped: rows are taps,
  the shared dimension the output positions, ``B`` the output's gradient.
* Conv input gradient: a convolution of the output's gradient, placed ``strides`` apart
  in a zero buffer (``dzs``), with the kernel turned round (``flip``: taps reversed,
  in and out swapped), computed only at the input's positions.
* Conv2DTranspose forward is that input gradient's computation on its own input, and its
  backward passes are a Conv's forward and kernel gradient on the output's gradient.

A Conv2D with a 3×3 kernel, strides 1, no dilation and 8 or more channels in and out goes
by Winograd's tiles instead (:mod:`kernels.winograd`): F(4×4, 3×3) where it saves at least a
quarter of F(2×2, 3×3)'s products, F(2×2, 3×3) otherwise; a relu is applied as the tiles are
written out.

DepthwiseConv2D convolves each channel alone (plain loops, channels innermost);
SeparableConv2D is a depthwise pass into a buffer, then Dense's kernels for the 1x1
pointwise product, bias and activation.

Threads split the rows of each product (no two write the same values, so the results do
not depend on their number); the depthwise passes split the batch's samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit, prange

from graph_core.graph import Layer
from graph_core.layers.convolution import Axis, geometry
from kernels import activations as act
from kernels import winograd
from kernels.activations import LINEAR, act_rows, dact_rows
from kernels.config import JIT, PJIT
from kernels.gemm import chunk_rows
from kernels.implicit_gemm import gathered, offsets
from kernels.ops import core
from kernels.ops.base import BindCall, Op, PlanCall
from kernels.spatial import crop_into, place

# =========================================================================== geometry


@dataclass(frozen=True)
class Window:
    """A 2-D window's geometry (a 1-D one is one row high): input, output, kernel, strides, dilation, padding."""

    h: int
    w: int
    c: int
    oh: int
    ow: int
    f: int
    kh: int
    kw: int
    sh: int
    sw: int
    dh: int
    dw: int
    top: int  # Conv: zeros above the input; Conv2DTranspose: rows cut off the full output's top
    left: int
    bottom: int  # Conv: zeros below; Conv2DTranspose: rows cut off the bottom (negative: zeros added)
    right: int

    @property
    def taps(self) -> int:
        return self.kh * self.kw

    @property
    def padded(self) -> tuple[int, int]:
        """The padded input's rows and columns (a Conv's view of its input)."""
        return self.h + self.top + self.bottom, self.w + self.left + self.right

    @property
    def needs_padding(self) -> bool:
        return bool(self.top or self.bottom or self.left or self.right)


def window_of(type_name: str, config: dict[str, Any], in_shape: tuple[int, ...], filters: int) -> Window:
    """The geometry of a layer on a per-sample input shape; 1-D layers get a first axis of size 1."""
    axes = geometry(type_name, config, (None, *in_shape))
    if len(axes) == 1:
        axes = (Axis(1, 1, 1, 1, 1, 0, 0), *axes)
    a, b = axes
    return Window(a.size, b.size, in_shape[-1], a.out, b.out, filters, a.kernel, b.kernel, a.stride, b.stride,
                  a.dilation, b.dilation, a.before, b.before, a.after, b.after)  # fmt: skip


# =========================================================================== helper kernels


@njit(**JIT)
def flip(w, out):  # type: ignore[no-untyped-def]
    """``out[kh', kw', o, i] = w[KH-1-kh', KW-1-kw', i, o]``: the kernel turned round, in and out swapped."""
    kh, kw, ci, co = w.shape
    for a in range(kh):
        for b in range(kw):
            for i in range(ci):
                for o in range(co):
                    out[kh - 1 - a, kw - 1 - b, o, i] = w[a, b, i, o]


@njit(**JIT)
def _bias_act(z, y, bias, act_code, r0, r1):  # type: ignore[no-untyped-def]
    m = z.shape[1]
    if bias.shape[0] == m:
        for i in range(r0, r1):
            for j in range(m):
                z[i, j] += bias[j]
    if act_code != LINEAR:
        act_rows(z, y, r0, r1, act_code)


@njit(**PJIT)
def conv_product(src, rows_at, taps, kernel, bias, z, y, act_code, chunks):  # type: ignore[no-untyped-def]
    """``z = A @ kernel + bias``, ``y = activation(z)``, ``A[r, p] = src[rows_at[r] + taps[p]]`` (flat src)."""
    m = z.shape[1]
    n = z.shape[0]
    zf, kf = z.reshape(-1), kernel.reshape(-1)
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        gathered(src, rows_at, taps, kf, m, zf, r0, r1, False)
        _bias_act(z, y, bias, act_code, r0, r1)


@njit(**PJIT)
def conv_grads(src, rows_at, taps, z, y, g, act_code, gw, gb, acc_w, chunks):  # type: ignore[no-untyped-def]
    """g <- dL/dz (through the activation), then the bias gradient and ``gw (+)= A.T @ g``.

    ``A[r, p] = src[rows_at[r] + taps[p]]``; ``gw (len(taps), g columns)`` by rows of taps.
    """
    n, m = g.shape
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        dact_rows(z, y, g, r0, r1, act_code)
    if gb.shape[0] == m:
        core._bias_grad(g, gb, acc_w)
    gf, wf = g.reshape(-1), gw.reshape(-1)
    k = taps.shape[0]
    for t in prange(chunks):
        k0, k1 = chunk_rows(k, chunks, t)
        gathered(src, taps, rows_at, gf, m, wf, k0, k1, acc_w)


@njit(**PJIT)
def gathered_rows(src, rows_at, taps, b, out, acc, chunks):  # type: ignore[no-untyped-def]
    """``out (+)= A @ b`` with ``A[r, p] = src[rows_at[r] + taps[p]]``, rows split between threads."""
    n, m = out.shape
    of, bf = out.reshape(-1), b.reshape(-1)
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        gathered(src, rows_at, taps, bf, m, of, r0, r1, acc)


# =========================================================================== Conv1D, Conv2D


class ConvOp(Op):
    """Conv1D and Conv2D (see the module docstring)."""

    def output_activation(self, layer: Layer) -> str | None:
        return layer.config["activation"]

    def plan(self, p: PlanCall) -> dict[str, Any]:
        c = p.config
        win = window_of(p.layer.type, c, p.in_shape, c["filters"])
        code = act.code(c["activation"])
        attrs: dict[str, Any] = {"window": win, "act": code, "act_backward": LINEAR if p.fused else code,
                                 "use_bias": c["use_bias"], "padded": None, "z": None, "dzs": None,
                                 "flip": None}  # fmt: skip
        if winograd_fits(win):
            return _plan_winograd(p, win, attrs)
        if win.needs_padding:
            attrs["padded"] = p.keep((*win.padded, win.c), zeroed=True)
        if p.training and not act.derivative_from_output(attrs["act_backward"]):
            attrs["z"] = p.keep(p.out_shape)  # the pre-activation, for an activation whose derivative needs it
        if p.training and p.input_grads[0]:
            attrs["dzs"] = p.keep(_stuffed_shape(win), zeroed=True)
            attrs["flip"] = p.keep((win.kh, win.kw, win.f, win.c), batch_major=False)
        return attrs

    def bind(self, b: BindCall) -> None:
        at, win = b.attrs, b.attrs["window"]
        if at.get("winograd"):
            _bind_winograd(b)
            return
        n = b.batch
        x4 = b.x[0].reshape(n, win.h, win.w, win.c)
        hp, wp = win.padded
        src4 = x4 if at["padded"] is None else b.buffer(at["padded"]).reshape(n, hp, wp, win.c)
        rows_at = offsets((n, hp * wp * win.c), (win.oh, win.sh * wp * win.c), (win.ow, win.sw * win.c))
        taps = offsets((win.kh, win.dh * wp * win.c), (win.kw, win.dw * win.c), (win.c, 1))
        y2 = b.y.reshape(-1, win.f)
        z2 = b.buffer(at["z"]).reshape(-1, win.f) if at["z"] is not None else y2
        kernel = b.weight("kernel").reshape(-1, win.f)
        bias = b.weight("bias", at["use_bias"])
        chunks = b.chunks(y2.shape[0] * taps.shape[0] * win.f)
        if at["padded"] is not None:
            b.forward(place, x4, src4, win.top, win.left, 1, 1, b.chunks())
        flat = src4.reshape(-1)
        b.forward(conv_product, flat, rows_at, taps, kernel, bias, z2, y2, at["act"], chunks)
        if b.g is None:
            return
        g2 = b.g.reshape(-1, win.f)
        gw = b.grad("kernel").reshape(-1, win.f)
        gb = b.grad("bias", at["use_bias"])
        b.backward(conv_grads, flat, rows_at, taps, z2, y2, g2, at["act_backward"], gw, gb, b.step.acc_weights, chunks)
        dx = b.dxs[0]
        if dx is None:
            return
        # dL/dx: a convolution of the gradient placed strides apart, with the kernel turned round
        ls, ws = _stuffed_shape(win)[:2]
        dzs = b.buffer(at["dzs"]).reshape(n, ls, ws, win.f)
        flipped = b.buffer(at["flip"])
        b.backward(place, b.g.reshape(n, win.oh, win.ow, win.f), dzs, (win.kh - 1) * win.dh, (win.kw - 1) * win.dw,
                   win.sh, win.sw, b.chunks())  # fmt: skip
        b.backward(flip, b.weight("kernel").reshape(win.kh, win.kw, win.c, win.f), flipped)
        rows_dx = offsets((n, ls * ws * win.f), (win.h, ws * win.f), (win.w, win.f)) + (win.top * ws + win.left) * win.f
        taps_dx = offsets((win.kh, win.dh * ws * win.f), (win.kw, win.dw * win.f), (win.f, 1))
        b.backward(gathered_rows, dzs.reshape(-1), rows_dx, taps_dx, flipped.reshape(-1, win.c),
                   dx.reshape(-1, win.c), b.acc_in(0), b.chunks(dx.size * win.taps * win.f))  # fmt: skip


# =========================================================================== 3×3 convolutions by Winograd


def winograd_fits(win: Window) -> bool:
    """3×3, strides 1, no dilation, enough channels for its products to pay: :mod:`kernels.winograd`."""
    return (win.kh, win.kw, win.sh, win.sw, win.dh, win.dw) == (3, 3, 1, 1, 1, 1) and win.c >= 8 and win.f >= 8


def winograd_step(rows: int, cols: int) -> int:
    """Outputs per tile side for an output of ``rows`` x ``cols``: 4 (F(4×4, 3×3), 36 products per tile) where
    that needs less than three quarters of the products of 2 (F(2×2, 3×3), 16 per tile); its transforms cost
    more per output, which eats a smaller saving (measured on the toy ResNet: its 28×28 layer gains, the 9×9
    ones, at 81%, lose)."""
    th2, tw2 = winograd.tiles(rows, cols, 2)
    th4, tw4 = winograd.tiles(rows, cols, 4)
    return 4 if 4 * th4 * tw4 * 36 < 3 * th2 * tw2 * 16 else 2


def _winograd_room(rows: int, cols: int, top: int, left: int, out_rows: int, out_cols: int) -> tuple[int, int]:
    """Rows and columns of a buffer holding an image of ``rows`` x ``cols`` at ``(top, left)`` with room for every
    tile of an ``out_rows`` x ``out_cols`` output (:func:`kernels.winograd.convolve`)."""
    step = winograd_step(out_rows, out_cols)
    th, tw = winograd.tiles(out_rows, out_cols, step)
    return max(top + rows, step * th + 2), max(left + cols, step * tw + 2)


def _plan_winograd(p: PlanCall, win: Window, attrs: dict[str, Any]) -> dict[str, Any]:
    positions = (winograd_step(win.oh, win.ow) + 2) ** 2
    attrs.update(winograd=True, positions=positions)
    rows, cols = _winograd_room(win.h, win.w, win.top, win.left, win.oh, win.ow)
    if win.needs_padding or (rows, cols) != (win.h, win.w):
        attrs["padded"] = p.keep((rows, cols, win.c), zeroed=True)
    attrs["transformed"] = p.keep((positions, win.c, win.f), batch_major=False)
    if p.training and not act.derivative_from_output(attrs["act_backward"]):
        attrs["z"] = p.keep(p.out_shape)
    if p.training and p.input_grads[0]:
        # dL/dx is the convolution of dL/dy, padded by two all round, with the kernel turned round; its tiles
        # start at the input's place in the padded input, (top, left)
        step = winograd_step(win.h, win.w)
        th, tw = winograd.tiles(win.h, win.w, step)
        rows = max(win.padded[0] + 2, win.top + step * th + 2)
        cols = max(win.padded[1] + 2, win.left + step * tw + 2)
        attrs["dzs"] = p.keep((rows, cols, win.f), zeroed=True)
        dx_positions = (step + 2) ** 2
        attrs["flip_transformed"] = p.keep((dx_positions, win.f, win.c), batch_major=False)
        if dx_positions != 16 or positions != 16:
            attrs["flip"] = p.keep((3, 3, win.f, win.c), batch_major=False)
    return attrs


def _bind_winograd(b: BindCall) -> None:
    at, win = b.attrs, b.attrs["window"]
    n, positions, block = b.batch, at["positions"], winograd.BLOCK
    x4 = b.x[0].reshape(n, win.h, win.w, win.c)
    if at["padded"] is None:
        src4 = x4
    else:
        src4 = b.buffer(at["padded"]).reshape(n, *b.ex.plan.buffers[at["padded"]].shape)
        b.forward(place, x4, src4, win.top, win.left, 1, 1, b.chunks())
    kernel4 = b.weight("kernel").reshape(3, 3, win.c, win.f)
    u = b.buffer(at["transformed"])
    y2 = b.y.reshape(-1, win.f)
    z2 = b.buffer(at["z"]).reshape(-1, win.f) if at["z"] is not None else y2
    z4 = z2.reshape(n, win.oh, win.ow, win.f)
    fused_relu = at["act"] == act.RELU and at["z"] is None  # the output transform ends with max(0, .)
    chunks = b.chunks(y2.shape[0] * 9 * win.c * win.f)
    b.forward(winograd.transform_filters, kernel4, u)
    b.forward(winograd.convolve, src4, 0, 0, u, z4, b.weight("bias", at["use_bias"]), False, fused_relu, chunks,
              b.temp((chunks, positions, block, win.c)), b.temp((chunks, positions, block, win.f)))  # fmt: skip
    if at["act"] != LINEAR and not fused_relu:
        b.forward(_bias_act_rows, z2, y2, b.ex.empty(1), at["act"], b.chunks())
    if b.g is None:
        return
    g2 = b.g.reshape(-1, win.f)
    g4 = g2.reshape(n, win.oh, win.ow, win.f)
    b.backward(_transpose_grads, z2, y2, g2, at["act_backward"], b.grad("bias", at["use_bias"]), b.step.acc_weights,
               b.chunks())  # fmt: skip
    parts = b.temp((chunks, positions, win.c, win.f))
    transformed_grad = b.temp((positions, win.c, win.f))
    deep = winograd.GRADIENT_BLOCK
    b.backward(winograd.kernel_gradient, src4, 0, 0, g4, parts, chunks, b.temp((chunks, positions, deep, win.c)),
               b.temp((chunks, positions, deep, win.f)))  # fmt: skip
    b.backward(winograd.sum_parts, parts, transformed_grad)
    b.backward(winograd.gradient_of_filters, transformed_grad, b.grad("kernel").reshape(3, 3, win.c, win.f),
               b.step.acc_weights)  # fmt: skip
    dx = b.dxs[0]
    if dx is None:
        return
    dzs = b.buffer(at["dzs"]).reshape(n, *b.ex.plan.buffers[at["dzs"]].shape)
    flipped_u = b.buffer(at["flip_transformed"])
    dx_positions = flipped_u.shape[0]
    b.backward(place, g4, dzs, 2, 2, 1, 1, b.chunks())
    if at.get("flip") is None:
        b.backward(winograd.turned_round, u, flipped_u)  # F(2×2)'s transform turned round: the kernel has not moved
    else:
        flipped = b.buffer(at["flip"])
        b.backward(flip, kernel4, flipped)
        b.backward(winograd.transform_filters, flipped, flipped_u)
    dx_chunks = b.chunks(dx.size * 9 * win.f)
    b.backward(winograd.convolve, dzs, win.top, win.left, flipped_u, dx.reshape(n, win.h, win.w, win.c),
               b.ex.empty(1), b.acc_in(0), False, dx_chunks, b.temp((dx_chunks, dx_positions, block, win.f)),
               b.temp((dx_chunks, dx_positions, block, win.c)))  # fmt: skip


def _stuffed_shape(win: Window) -> tuple[int, int, int]:
    """The buffer the output's gradient is placed in, strides apart, for the input's gradient of a Conv."""
    hp, wp = win.padded
    return hp + (win.kh - 1) * win.dh, wp + (win.kw - 1) * win.dw, win.f


# =========================================================================== Conv2DTranspose


def _transpose_input_shape(win: Window) -> tuple[int, int]:
    """The buffer a Conv2DTranspose's input is placed in, strides apart (rows, columns)."""
    full_h = (win.h - 1) * win.sh + win.dh * (win.kh - 1) + 1
    full_w = (win.w - 1) * win.sw + win.dw * (win.kw - 1) + 1
    ls = max(win.oh + win.top, full_h) + (win.kh - 1) * win.dh
    ws = max(win.ow + win.left, full_w) + (win.kw - 1) * win.dw
    return ls, ws


def _full_shape(win: Window) -> tuple[int, int]:
    """The full (uncut) output of a Conv2DTranspose, and room for Keras's output inside it."""
    full_h = (win.h - 1) * win.sh + win.dh * (win.kh - 1) + 1
    full_w = (win.w - 1) * win.sw + win.dw * (win.kw - 1) + 1
    return max(full_h, win.oh + win.top), max(full_w, win.ow + win.left)


class TransposeOp(Op):
    """Conv2DTranspose (see the module docstring): the input gradient of a Conv, as a layer."""

    def output_activation(self, layer: Layer) -> str | None:
        return layer.config["activation"]

    def plan(self, p: PlanCall) -> dict[str, Any]:
        c = p.config
        win = window_of("Conv2DTranspose", c, p.in_shape, c["filters"])
        code = act.code(c["activation"])
        ls, ws = _transpose_input_shape(win)
        attrs: dict[str, Any] = {"window": win, "act": code, "act_backward": LINEAR if p.fused else code,
                                 "use_bias": c["use_bias"], "z": None, "full": None}  # fmt: skip
        attrs["stuffed"] = p.keep((ls, ws, win.c), zeroed=True)
        attrs["flip"] = p.keep((win.kh, win.kw, win.c, win.f), batch_major=False)
        if p.training and not act.derivative_from_output(attrs["act_backward"]):
            attrs["z"] = p.keep(p.out_shape)
        if p.training:
            attrs["full"] = p.keep((*_full_shape(win), win.f), zeroed=True)
        return attrs

    def bind(self, b: BindCall) -> None:
        at, win = b.attrs, b.attrs["window"]
        n = b.batch
        ls, ws = _transpose_input_shape(win)
        stuffed = b.buffer(at["stuffed"]).reshape(n, ls, ws, win.c)
        flipped = b.buffer(at["flip"])
        x4 = b.x[0].reshape(n, win.h, win.w, win.c)
        kernel4 = b.weight("kernel").reshape(win.kh, win.kw, win.f, win.c)
        start = (win.top * ws + win.left) * win.c  # where Keras's output begins in the full one
        rows_at = offsets((n, ls * ws * win.c), (win.oh, ws * win.c), (win.ow, win.c)) + start
        taps = offsets((win.kh, win.dh * ws * win.c), (win.kw, win.dw * win.c), (win.c, 1))
        y2 = b.y.reshape(-1, win.f)
        z2 = b.buffer(at["z"]).reshape(-1, win.f) if at["z"] is not None else y2
        bias = b.weight("bias", at["use_bias"])
        b.forward(place, x4, stuffed, (win.kh - 1) * win.dh, (win.kw - 1) * win.dw, win.sh, win.sw, b.chunks())
        b.forward(flip, kernel4, flipped)
        chunks = b.chunks(y2.shape[0] * taps.shape[0] * win.f)
        b.forward(conv_product, stuffed.reshape(-1), rows_at, taps, flipped.reshape(-1, win.f), bias, z2, y2,
                  at["act"], chunks)  # fmt: skip
        if b.g is None:
            return
        # backward: the output's gradient in the full output's frame, read as a Conv reads its input
        fh, fw = _full_shape(win)
        full = b.buffer(at["full"]).reshape(n, fh, fw, win.f)
        g2 = b.g.reshape(-1, win.f)
        rows_in = offsets((n, fh * fw * win.f), (win.h, win.sh * fw * win.f), (win.w, win.sw * win.f))
        taps_in = offsets((win.kh, win.dh * fw * win.f), (win.kw, win.dw * win.f), (win.f, 1))
        gb = b.grad("bias", at["use_bias"])
        b.backward(_transpose_grads, z2, y2, g2, at["act_backward"], gb, b.step.acc_weights, b.chunks())
        b.backward(place, b.g.reshape(n, win.oh, win.ow, win.f), full, win.top, win.left, 1, 1, b.chunks())
        x2 = b.x[0].reshape(-1, win.c)
        gw = b.grad("kernel").reshape(-1, win.c)
        b.backward(_kernel_grad, full.reshape(-1), taps_in, rows_in, x2, gw, b.step.acc_weights,
                   b.chunks(x2.shape[0] * taps_in.shape[0] * win.c))  # fmt: skip
        dx = b.dxs[0]
        if dx is not None:
            b.backward(gathered_rows, full.reshape(-1), rows_in, taps_in, b.weight("kernel").reshape(-1, win.c),
                       dx.reshape(-1, win.c), b.acc_in(0), b.chunks(dx.size * taps_in.shape[0]))  # fmt: skip


@njit(**PJIT)
def _transpose_grads(z, y, g, act_code, gb, acc_w, chunks):  # type: ignore[no-untyped-def]
    """g <- dL/dz, and the bias gradient."""
    n, m = g.shape
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        dact_rows(z, y, g, r0, r1, act_code)
    if gb.shape[0] == m:
        core._bias_grad(g, gb, acc_w)


@njit(**PJIT)
def _kernel_grad(src, rows_at, taps, b, gw, acc, chunks):  # type: ignore[no-untyped-def]
    """``gw (+)= A @ b``, ``A[r, p] = src[rows_at[r] + taps[p]]``: a kernel's gradient, split by its rows."""
    k, m = gw.shape
    wf, bf = gw.reshape(-1), b.reshape(-1)
    for t in prange(chunks):
        k0, k1 = chunk_rows(k, chunks, t)
        gathered(src, rows_at, taps, bf, m, wf, k0, k1, acc)


# =========================================================================== DepthwiseConv2D


@njit(**PJIT)
def depthwise_forward(xp, kernel, out, sh, sw, dh, dw, chunks):  # type: ignore[no-untyped-def]
    """``out[n, i, j, c*M + m] = Σ xp[n, i*sh + a*dh, j*sw + b*dw, c] · kernel[a, b, c, m]`` (no bias)."""
    n, oh, ow, cm = out.shape
    kh, kw, c, mult = kernel.shape
    for t in prange(chunks):
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            for i in range(oh):
                for j in range(ow):
                    row = out[s, i, j]
                    for q in range(cm):
                        row[q] = 0.0
                    for a in range(kh):
                        for bb in range(kw):
                            src = xp[s, i * sh + a * dh, j * sw + bb * dw]
                            k = kernel[a, bb]
                            for ch in range(c):
                                v = src[ch]
                                for m in range(mult):
                                    row[ch * mult + m] += v * k[ch, m]


@njit(**PJIT)
def depthwise_backward(xp, kernel, g, gw, acc_w, dxp, need_dx, acc_dx, sh, sw, dh, dw, chunks, parts):  # type: ignore[no-untyped-def]
    """The kernel's gradient (threads sum their samples into ``parts``, added up after) and
    ``dxp (+)= dL/d(padded input)`` (each thread its own samples)."""
    n, oh, ow, cm = g.shape
    kh, kw, c, mult = kernel.shape
    for t in prange(chunks):
        part = parts[t]
        part[...] = 0.0
        n0, n1 = chunk_rows(n, chunks, t)
        for s in range(n0, n1):
            if need_dx and not acc_dx:
                dxp[s] = 0.0
            for i in range(oh):
                for j in range(ow):
                    grow = g[s, i, j]
                    for a in range(kh):
                        for bb in range(kw):
                            r, col = i * sh + a * dh, j * sw + bb * dw
                            src = xp[s, r, col]
                            k = kernel[a, bb]
                            pk = part[a, bb]
                            for ch in range(c):
                                v = src[ch]
                                total = 0.0
                                for m in range(mult):
                                    gv = grow[ch * mult + m]
                                    pk[ch, m] += v * gv
                                    total += gv * k[ch, m]
                                if need_dx:
                                    dxp[s, r, col, ch] += total
    for a in range(kh):
        for bb in range(kw):
            for ch in range(c):
                for m in range(mult):
                    total = 0.0
                    for t in range(chunks):
                        total += parts[t, a, bb, ch, m]
                    gw[a, bb, ch, m] = gw[a, bb, ch, m] + total if acc_w else total


def _depthwise_plan(p: PlanCall, win: Window, multiplier: int) -> dict[str, Any]:
    """Scratch for a depthwise pass: the padded input and, training, its gradient."""
    attrs: dict[str, Any] = {"window": win, "multiplier": multiplier, "padded": None, "dpadded": None}
    if win.needs_padding:
        attrs["padded"] = p.keep((*win.padded, win.c), zeroed=True)
        if p.training:
            attrs["dpadded"] = p.keep((*win.padded, win.c))
    return attrs


class DepthwiseOp(Op):
    def output_activation(self, layer: Layer) -> str | None:
        return layer.config["activation"]

    def plan(self, p: PlanCall) -> dict[str, Any]:
        c = p.config
        win = window_of("DepthwiseConv2D", c, p.in_shape, p.in_shape[-1] * c["depth_multiplier"])
        attrs = _depthwise_plan(p, win, c["depth_multiplier"])
        code = act.code(c["activation"])
        attrs.update(act=code, act_backward=LINEAR if p.fused else code, use_bias=c["use_bias"], z=None)
        if p.training and not act.derivative_from_output(attrs["act_backward"]):
            attrs["z"] = p.keep(p.out_shape)
        return attrs

    def bind(self, b: BindCall) -> None:
        at, win = b.attrs, b.attrs["window"]
        y2 = b.y.reshape(-1, win.f)
        z2 = b.buffer(at["z"]).reshape(-1, win.f) if at["z"] is not None else y2
        z4 = z2.reshape(b.batch, win.oh, win.ow, win.f)
        g4 = b.g.reshape(b.batch, win.oh, win.ow, win.f) if b.g is not None else None
        dx = b.dxs[0] if b.g is not None else None
        _bind_depthwise_forward_only(b, "kernel", z4)
        b.forward(_bias_act_rows, z2, y2, b.weight("bias", at["use_bias"]), at["act"], b.chunks())
        if g4 is None:
            return
        b.backward(_transpose_grads, z2, y2, b.g.reshape(-1, win.f), at["act_backward"],
                   b.grad("bias", at["use_bias"]), b.step.acc_weights, b.chunks())  # fmt: skip
        _bind_depthwise_backward(b, "kernel", g4, dx, b.acc_in(0) if dx is not None else False)


@njit(**PJIT)
def _bias_act_rows(z, y, bias, act_code, chunks):  # type: ignore[no-untyped-def]
    n = z.shape[0]
    for t in prange(chunks):
        r0, r1 = chunk_rows(n, chunks, t)
        _bias_act(z, y, bias, act_code, r0, r1)


def _source(b: BindCall) -> tuple[np.ndarray, np.ndarray]:
    """The layer's input (n, h, w, c) and the padded array the depthwise pass reads."""
    at, win = b.attrs, b.attrs["window"]
    x4 = b.x[0].reshape(b.batch, win.h, win.w, win.c)
    if at["padded"] is None:
        return x4, x4
    hp, wp = win.padded
    return x4, b.buffer(at["padded"]).reshape(b.batch, hp, wp, win.c)


def _bind_depthwise_forward_only(b: BindCall, kernel_name: str, out4: np.ndarray) -> None:
    at, win = b.attrs, b.attrs["window"]
    x4, xp = _source(b)
    if at["padded"] is not None:
        b.forward(place, x4, xp, win.top, win.left, 1, 1, b.chunks())
    samples = b.chunks(out4.size * win.taps)
    b.forward(depthwise_forward, xp, b.weight(kernel_name), out4, win.sh, win.sw, win.dh, win.dw, samples)


def _bind_depthwise_backward(b: BindCall, kernel_name: str, g4: np.ndarray, dx: np.ndarray | None, acc: bool) -> None:
    """Kernel gradient and input gradient of a depthwise pass whose output's gradient is ``g4``.

    Without padding the input's gradient goes straight into ``dx``; with padding into the
    padded buffer, whose inside is then written or added into ``dx``.
    """
    at, win = b.attrs, b.attrs["window"]
    n = b.batch
    _, xp = _source(b)
    samples = b.chunks(g4.size * win.taps)
    parts = b.temp((samples, win.kh, win.kw, win.c, at["multiplier"]))
    kernel, gw, acc_w = b.weight(kernel_name), b.grad(kernel_name), b.step.acc_weights
    window = (win.sh, win.sw, win.dh, win.dw)
    if dx is None:
        b.backward(depthwise_backward, xp, kernel, g4, gw, acc_w, b.ex.empty(4), False, False, *window, samples, parts)
        return
    dx4 = dx.reshape(n, win.h, win.w, win.c)
    if at["dpadded"] is None:
        b.backward(depthwise_backward, xp, kernel, g4, gw, acc_w, dx4, True, acc, *window, samples, parts)
        return
    hp, wp = win.padded
    dxp = b.buffer(at["dpadded"]).reshape(n, hp, wp, win.c)
    b.backward(depthwise_backward, xp, kernel, g4, gw, acc_w, dxp, True, False, *window, samples, parts)
    b.backward(crop_into, dxp, dx4, win.top, win.left, acc, b.chunks())


# =========================================================================== SeparableConv2D


class SeparableOp(Op):
    """A depthwise pass into a buffer, then Dense's kernels for the pointwise product, bias and activation."""

    def output_activation(self, layer: Layer) -> str | None:
        return layer.config["activation"]

    def plan(self, p: PlanCall) -> dict[str, Any]:
        c = p.config
        mult = c["depth_multiplier"]
        win = window_of("SeparableConv2D", c, p.in_shape, p.in_shape[-1] * mult)
        attrs = _depthwise_plan(p, win, mult)
        code = act.code(c["activation"])
        attrs.update(act=code, act_backward=LINEAR if p.fused else code, use_bias=c["use_bias"], z=None,
                     filters=c["filters"])  # fmt: skip
        attrs["depthwise"] = p.keep((win.oh, win.ow, win.f))
        if p.training:
            attrs["ddepthwise"] = p.keep((win.oh, win.ow, win.f))
            if not act.derivative_from_output(attrs["act_backward"]):
                attrs["z"] = p.keep(p.out_shape)
        return attrs

    def bind(self, b: BindCall) -> None:
        at, win = b.attrs, b.attrs["window"]
        n, filters = b.batch, at["filters"]
        t4 = b.buffer(at["depthwise"]).reshape(n, win.oh, win.ow, win.f)
        _bind_depthwise_forward_only(b, "depthwise_kernel", t4)
        t2 = t4.reshape(-1, win.f)
        y2 = b.y.reshape(-1, filters)
        z2 = b.buffer(at["z"]).reshape(-1, filters) if at["z"] is not None else y2
        pointwise = b.weight("pointwise_kernel").reshape(win.f, filters)
        bias = b.weight("bias", at["use_bias"])
        chunks = b.chunks(t2.shape[0] * win.f * filters)
        b.forward(core._forward, t2, pointwise, bias, z2, y2, at["act"], chunks)
        if b.g is None:
            return
        dt2 = b.buffer(at["ddepthwise"]).reshape(-1, win.f)
        wt = b.ex.transpose_scratch(b.layer, pointwise)
        ex = b.ex
        b.backward(core._backward, t2, pointwise, wt, z2, y2, b.g.reshape(-1, filters), at["act_backward"],
                   b.grad("pointwise_kernel").reshape(win.f, filters), b.grad("bias", at["use_bias"]),
                   b.step.acc_weights, dt2, True, False, chunks, bias, core.NO_UPDATE, (ex.empty(1),) * 4,
                   ex.no_constants)  # fmt: skip
        dx = b.dxs[0]
        _bind_depthwise_backward(b, "depthwise_kernel", dt2.reshape(n, win.oh, win.ow, win.f), dx,
                                 b.acc_in(0) if dx is not None else False)  # fmt: skip


OPS = {
    "Conv1D": ConvOp(),
    "Conv2D": ConvOp(),
    "Conv2DTranspose": TransposeOp(),
    "DepthwiseConv2D": DepthwiseOp(),
    "SeparableConv2D": SeparableOp(),
}
