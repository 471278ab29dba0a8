"""Winograd's F(2×2, 3×3) and F(4×4, 3×3) (kernels/winograd.py, kernels/winograd4.py) against a float64
convolution, and the planner's choice between them."""

from __future__ import annotations

import numpy as np
import pytest

from kernels import winograd
from kernels.ops.convolution import winograd_step
from kernels.plan import compile_plan
from tests.kernels import graphs

SIZES = [(2, 7, 6, 3, 5), (1, 6, 7, 20, 70), (2, 18, 18, 32, 64)]  # (n, rows, columns, C, F): ragged tiles, lanes


def _source(x: np.ndarray, step: int) -> np.ndarray:
    """``x`` at the top left of a zeroed buffer with room for every tile."""
    n, h, w, c = x.shape
    th, tw = winograd.tiles(h - 2, w - 2, step)
    src = np.zeros((n, max(h, step * th + 2), max(w, step * tw + 2), c), x.dtype)
    src[:, :h, :w] = x
    return src


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("positions", [16, 36])
@pytest.mark.parametrize("size", SIZES)
def test_convolution_and_kernel_gradient_match_the_reference(positions, dtype, size) -> None:
    n, h, w, c, f = size
    step = 2 if positions == 16 else 4
    rng = np.random.default_rng(sum(size))
    x = rng.standard_normal((n, h, w, c))
    kernel = rng.standard_normal((3, 3, c, f))
    bias = rng.standard_normal(f)
    oh, ow = h - 2, w - 2
    taps = [(a, b) for a in range(3) for b in range(3)]
    want = sum(np.einsum("nijc,cf->nijf", x[:, a : a + oh, b : b + ow], kernel[a, b]) for a, b in taps) + bias
    tol = 2e-5 if dtype == np.float32 and positions == 36 else 2e-6 if dtype == np.float32 else 1e-12

    src = _source(x.astype(dtype), step)
    u = np.empty((positions, c, f), dtype)
    winograd.transform_filters(kernel.astype(dtype), u)
    chunks, block = 2, winograd.BLOCK
    v, m = np.empty((chunks, positions, block, c), dtype), np.empty((chunks, positions, block, f), dtype)
    out = np.empty((n, oh, ow, f), dtype)
    winograd.convolve(src, 0, 0, u, out, bias.astype(dtype), False, False, chunks, v, m)
    scale = np.abs(want).max()
    np.testing.assert_allclose(out, want, atol=tol * scale)
    winograd.convolve(src, 0, 0, u, out, bias.astype(dtype), True, True, chunks, v, m)  # adds, then max(0, .)
    np.testing.assert_allclose(out, np.maximum(2 * want, 0), atol=2 * tol * scale)

    g = rng.standard_normal((n, oh, ow, f))
    deep = winograd.GRADIENT_BLOCK
    parts = np.empty((chunks, positions, c, f), dtype)
    winograd.kernel_gradient(src, 0, 0, g.astype(dtype), parts, chunks, np.empty((chunks, positions, deep, c), dtype),
                             np.empty((chunks, positions, deep, f), dtype))  # fmt: skip
    du = np.empty((positions, c, f), dtype)
    winograd.sum_parts(parts, du)
    gw = np.empty((3, 3, c, f), dtype)
    winograd.gradient_of_filters(du, gw, False)
    want_gw = np.stack([np.stack([np.einsum("nijc,nijf->cf", x[:, a : a + oh, b : b + ow], g) for b in range(3)])
                        for a in range(3)])  # fmt: skip
    np.testing.assert_allclose(gw, want_gw, atol=tol * np.abs(want_gw).max())


@pytest.mark.parametrize(
    ("rows", "cols", "step"), [(2, 2, 2), (6, 5, 2), (9, 9, 2), (8, 7, 4), (28, 28, 4), (32, 32, 4)]
)
def test_larger_tiles_where_they_need_far_fewer_products(rows, cols, step) -> None:
    assert winograd_step(rows, cols) == step


def test_the_test_graph_plans_both_tile_sizes_both_ways() -> None:
    graph, losses = graphs.winograd()
    plan = compile_plan(graph, losses, training=True)
    convs = [s.attrs for s in plan.steps if s.attrs.get("winograd")]
    assert {a["positions"] for a in convs} == {16, 36}
    dx = [a for a in convs if a["dzs"] is not None]
    assert {a.get("flip") is None for a in dx} == {True, False}  # the forward transform turned round, and not
