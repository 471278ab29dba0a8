"""Hostile data files: refused with one DataError before memory is allocated, never a crash or a hang."""

import gzip
import io
import zipfile
from pathlib import Path

import numpy as np
import numpy.lib.format as npy_format
import pytest

from graph_core.errors import DataError
from graph_core.io import safe_arrays
from kernels.datasets import load_dataset, read_idx


def npy_header(shape, dtype="<f4") -> bytes:
    buf = io.BytesIO()
    npy_format.write_array_header_1_0(buf, {"descr": dtype, "fortran_order": False, "shape": shape})
    return buf.getvalue()


def test_a_huge_npy_header_is_refused_with_its_size(tmp_path: Path):
    path = tmp_path / "huge.npy"
    path.write_bytes(npy_header((10**12, 784)))  # 3 PB promised, nothing present
    with pytest.raises(DataError, match=r"would take .*PB"):
        load_dataset(str(path))


def test_a_lying_npy_header_is_refused(tmp_path: Path):
    path = tmp_path / "short.npy"
    path.write_bytes(npy_header((1000, 3)) + b"\0" * 40)
    with pytest.raises(DataError, match="holds only"):
        load_dataset(str(path))


@pytest.mark.parametrize("values", [[1.0, np.nan], [np.inf, 2.0]])
def test_nan_and_inf_are_refused(tmp_path: Path, values):
    path = tmp_path / "nan.npy"
    np.save(path, np.array([values, [1.0, 0.0]], np.float32))
    with pytest.raises(DataError, match="NaN or infinite"):
        load_dataset(str(path))


def test_structured_and_complex_arrays_are_refused(tmp_path: Path):
    np.save(tmp_path / "s.npy", np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")]))
    np.save(tmp_path / "c.npy", np.zeros((3, 2), np.complex64))
    for name in ("s.npy", "c.npy"):
        with pytest.raises(DataError, match="expected an array of numbers"):
            load_dataset(str(tmp_path / name))


def write_zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> None:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_an_npz_zip_bomb_is_refused_before_reading(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(safe_arrays, "BOMB_FLOOR", 1 << 20)
    monkeypatch.setattr(safe_arrays, "MAX_EXPANSION", 100)
    path = tmp_path / "bomb.npz"
    zeros = npy_header((8 << 20,), "|u1") + bytes(8 << 20)
    write_zip(path, {"x.npy": zeros, "y.npy": npy_header((1,), "|u1") + b"\0"}, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 100_000
    with pytest.raises(DataError, match="zip bomb"):
        load_dataset(str(path))


def test_npz_members_larger_than_the_limit_are_refused_with_the_size(tmp_path: Path):
    path = tmp_path / "big.npz"
    write_zip(path, {"x.npy": npy_header((1 << 20,), "|u1") + bytes(1 << 20)}, zipfile.ZIP_DEFLATED)
    with pytest.raises(DataError, match=r"1\.0 MB uncompressed"):
        safe_arrays.read_npz(path, limit=1 << 19)


def test_an_npz_member_whose_header_lies_is_refused(tmp_path: Path):
    path = tmp_path / "lie.npz"
    write_zip(path, {"x.npy": npy_header((10**9, 10**3)) + bytes(64)})
    with pytest.raises(DataError, match="would take"):
        load_dataset(str(path))
    write_zip(path, {"x.npy": npy_header((100, 10)) + bytes(64)})
    with pytest.raises(DataError, match="holds only"):
        load_dataset(str(path))


@pytest.mark.parametrize("name", ["../evil.npy", "/abs.npy", "dir/x.npy", "x.pkl", "C:x.npy"])
def test_npz_members_outside_the_archive_or_not_npy_are_refused(tmp_path: Path, name):
    path = tmp_path / "paths.npz"
    buf = io.BytesIO()
    np.save(buf, np.zeros(2))
    write_zip(path, {name: buf.getvalue()})
    with pytest.raises(DataError, match="refused"):
        load_dataset(str(path))


def test_too_many_npz_members_are_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(safe_arrays, "MAX_MEMBERS", 4)
    path = tmp_path / "many.npz"
    np.savez(path, **{f"a{i}": np.zeros(1) for i in range(5)})
    with pytest.raises(DataError, match="at most 4"):
        load_dataset(str(path))


def test_a_csv_with_too_many_columns_is_refused(tmp_path: Path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(200_000)) + "\n" + "1," * 199_999 + "1\n")
    with pytest.raises(DataError, match="200,000 columns"):
        load_dataset(str(path))


def test_a_csv_with_a_huge_cell_is_refused(tmp_path: Path):
    path = tmp_path / "text.csv"
    path.write_text("a,b\n" + "x" * 200_000 + ",1\n")
    with pytest.raises(DataError, match="not a readable CSV"):
        load_dataset(str(path))


@pytest.mark.parametrize("cell,reason", [("hello", "expected a number"), ("nan", "finite"), ("1e999", "finite"),
                                         ("1e39", "finite")])  # fmt: skip
def test_csv_cells_that_are_not_finite_numbers_are_refused(tmp_path: Path, cell, reason):
    path = tmp_path / "t.csv"
    path.write_text(f"a,b,label\n1,{cell},0\n2,3,1\n")
    with pytest.raises(DataError, match=reason):
        load_dataset(str(path))


def test_a_csv_of_binary_junk_is_refused(tmp_path: Path):
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(DataError):
        load_dataset(str(path))


def idx_header(dims, code=0x08) -> bytes:
    return bytes([0, 0, code, len(dims)]) + b"".join(d.to_bytes(4, "big") for d in dims)


def test_an_idx_header_promising_terabytes_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(idx_header((2**31, 2**16, 2**16), 0x0E))
    with pytest.raises(DataError, match=r"header promises .*PB|EB"):
        read_idx(path)


def test_an_idx_header_that_lies_about_the_file_size_is_refused(tmp_path: Path):
    path = tmp_path / "t-images-idx3-ubyte"
    path.write_bytes(idx_header((60000, 28, 28)) + bytes(100))
    with pytest.raises(DataError, match="the file holds 100"):
        read_idx(path)
    path.write_bytes(idx_header((2, 2, 2)) + bytes(100))
    with pytest.raises(DataError, match="the file holds more"):
        read_idx(path)


def test_a_gzipped_idx_bomb_is_read_only_as_far_as_the_limit(tmp_path: Path):
    path = tmp_path / "bomb-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(idx_header((64, 1024, 1024)) + bytes(64 << 20), compresslevel=1))
    with pytest.raises(DataError, match="at most 1.0 MB"):
        read_idx(path, limit=1 << 20)


def test_damaged_gzip_is_refused(tmp_path: Path):
    path = tmp_path / "d-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(idx_header((2, 2, 2)) + bytes(8))[:-12] + b"garbage!")
    with pytest.raises(DataError):
        read_idx(path)
