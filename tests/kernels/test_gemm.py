"""The register-tiled float32 products against numpy (float64) on every kind of edge."""

from __future__ import annotations

import ctypes
import mmap
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import gemm

dims = st.integers(min_value=1, max_value=150)


def _tolerance(depth: int) -> float:
    return 2e-6 * depth + 1e-5


@settings(max_examples=60, deadline=None)
@given(n=dims, k=dims, m=dims, data=st.data())
def test_nn_rows_match_numpy(n: int, k: int, m: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(n * 10_000 + k * 100 + m)
    a = rng.standard_normal((n, k), dtype=np.float32)
    b = rng.standard_normal((k, m), dtype=np.float32)
    c = rng.standard_normal((n, m), dtype=np.float32)
    before = c.copy()
    r0 = data.draw(st.integers(0, n))
    r1 = data.draw(st.integers(r0, n))
    acc = data.draw(st.booleans())
    gemm.nn(a, b, c, r0, r1, acc)
    want = a[r0:r1].astype(np.float64) @ b + (before[r0:r1] if acc else 0)
    np.testing.assert_allclose(c[r0:r1], want, rtol=1e-5, atol=_tolerance(k))
    np.testing.assert_array_equal(c[:r0], before[:r0])  # rows outside the range untouched
    np.testing.assert_array_equal(c[r1:], before[r1:])


@settings(max_examples=60, deadline=None)
@given(n=dims, k=dims, m=dims, data=st.data())
def test_tn_rows_match_numpy(n: int, k: int, m: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(n * 10_000 + k * 100 + m + 1)
    a = rng.standard_normal((n, k), dtype=np.float32)
    b = rng.standard_normal((n, m), dtype=np.float32)
    c = rng.standard_normal((k, m), dtype=np.float32)
    before = c.copy()
    k0 = data.draw(st.integers(0, k))
    k1 = data.draw(st.integers(k0, k))
    acc = data.draw(st.booleans())
    gemm.tn(a, b, c, k0, k1, acc)
    want = a[:, k0:k1].T.astype(np.float64) @ b + (before[k0:k1] if acc else 0)
    np.testing.assert_allclose(c[k0:k1], want, rtol=1e-5, atol=_tolerance(n))
    np.testing.assert_array_equal(c[:k0], before[:k0])
    np.testing.assert_array_equal(c[k1:], before[k1:])


@settings(max_examples=40, deadline=None)
@given(n=dims, k=dims, m=dims, data=st.data())
def test_nn_part_is_what_its_rows_of_the_kernel_add(n: int, k: int, m: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(n * 10_000 + k * 100 + m + 2)
    a = rng.standard_normal((n, k), dtype=np.float32)
    b = rng.standard_normal((k, m), dtype=np.float32)
    c = np.full((n, m), np.nan, np.float32)  # written whole, even for an empty part
    k0 = data.draw(st.integers(0, k))
    k1 = data.draw(st.integers(k0, k))
    gemm.nn_part(a, b, c, k0, k1)
    want = a[:, k0:k1].astype(np.float64) @ b[k0:k1]
    np.testing.assert_allclose(c, want, rtol=1e-5, atol=_tolerance(k1 - k0))


@pytest.mark.parametrize("depth", [gemm.DEPTH - 1, gemm.DEPTH, gemm.DEPTH + 3, 2 * gemm.DEPTH + 5])
def test_blocks_of_the_shared_dimension_add_up(depth: int) -> None:
    rng = np.random.default_rng(depth)
    a = rng.standard_normal((6, depth), dtype=np.float32)
    b = rng.standard_normal((depth, 70), dtype=np.float32)
    c = np.full((6, 70), np.nan, np.float32)  # written, not added to, by the first block
    gemm.nn(a, b, c, 0, 6, False)
    np.testing.assert_allclose(c, a.astype(np.float64) @ b, rtol=1e-5, atol=_tolerance(depth))


@pytest.mark.parametrize("depth", [1, gemm.DEEP_BLOCK - 1, gemm.DEEP_BLOCK, 3 * gemm.DEEP_BLOCK + 5, 3200])
@pytest.mark.parametrize("acc", [False, True])
def test_deep_products_add_their_blocks_into_the_rows_asked(depth: int, acc: bool) -> None:
    rng = np.random.default_rng(depth)
    a = rng.standard_normal((21, depth), dtype=np.float32)
    b = rng.standard_normal((depth, 70), dtype=np.float32)
    c = rng.standard_normal((21, 70), dtype=np.float32)
    before = c.copy()
    gemm.nn_deep(a, b, c, 3, 17, acc)
    want = a[3:17].astype(np.float64) @ b + (before[3:17] if acc else 0)
    np.testing.assert_allclose(c[3:17], want, rtol=1e-5, atol=_tolerance(depth))
    np.testing.assert_array_equal(c[:3], before[:3])
    np.testing.assert_array_equal(c[17:], before[17:])


def test_transpose_rows() -> None:
    w = np.arange(37 * 21, dtype=np.float32).reshape(37, 21)
    wt = np.zeros((21, 37), np.float32)
    gemm.transpose(w, wt, 5, 30)
    np.testing.assert_array_equal(wt[:, 5:30], w[5:30].T)
    assert not wt[:, :5].any() and not wt[:, 30:].any()


def test_float64_goes_to_numpy_with_the_same_meaning() -> None:
    from numba import njit

    @njit
    def run(a, b, c, g, w, wt, d):  # type: ignore[no-untyped-def]
        gemm.matmul(a, b, c, 1, 3, False)
        gemm.matmul_tn(a, g, w, 0, 2, True)
        gemm.matmul_nt(g, b, wt, d, 0, 4, False)

    rng = np.random.default_rng(3)
    for dtype in (np.float32, np.float64):
        a, b, g = (rng.standard_normal(s).astype(dtype) for s in ((4, 5), (5, 3), (4, 3)))
        c, w, d = np.zeros((4, 3), dtype), np.ones((5, 3), dtype), np.zeros((4, 5), dtype)
        wt = np.ascontiguousarray(b.T)  # what the Dense kernel packs before dL/dx
        run(a, b, c, g, w, wt, d)
        np.testing.assert_allclose(c[1:3], a[1:3] @ b, rtol=1e-5)
        assert not c[0].any() and not c[3].any()
        np.testing.assert_allclose(w[:2], 1 + a[:, :2].T @ g, rtol=1e-5)
        np.testing.assert_array_equal(w[2:], 1)
        np.testing.assert_allclose(d, g @ b.T, rtol=1e-5, atol=1e-6)


@pytest.mark.skipif(sys.platform != "linux", reason="mprotect through libc")
def test_masked_lanes_read_nothing_past_the_end() -> None:
    """Matrices that end exactly where an unreadable page starts: a read past the end would crash."""
    page = mmap.PAGESIZE
    region = mmap.mmap(-1, 2 * page)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    base = ctypes.addressof(ctypes.c_char.from_buffer(region))
    assert libc.mprotect(base + page, page, 0) == 0  # PROT_NONE
    try:
        floats = np.frombuffer(region, np.float32, count=page // 4)
        n, k, m = 3, 7, 21  # 21 columns: the last vector has 5 lanes
        b = floats[-k * m :].reshape(k, m)  # ends at the guard page
        b[...] = np.arange(k * m).reshape(k, m) / 100
        a = np.ones((n, k), np.float32)
        c = np.zeros((n, m), np.float32)
        gemm.nn(a, b, c, 0, n, False)
        np.testing.assert_allclose(c, np.ones((n, k)) @ b.astype(np.float64), rtol=1e-6)
        b = b.copy()
        c = floats[-n * m :].reshape(n, m)  # an output that ends there: read and written with masks
        c[...] = 1
        gemm.nn(a, b, c, 0, n, True)
        np.testing.assert_allclose(c, 1 + np.ones((n, k)) @ b.astype(np.float64), rtol=1e-6)
    finally:
        libc.mprotect(base + page, page, 3)  # PROT_READ | PROT_WRITE, so the mapping can be released
        del floats, b, c
        region.close()
