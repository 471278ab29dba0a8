"""Fuzzing every command with damaged models and data files: exit 0, or one line on stderr, exit 1/2, nothing written.

Mutations (truncation, flipped bytes, changed JSON values and types) of a valid ``.lwire``,
``.keras`` and of valid ``.npz``/``.npy``/``.csv``/IDX data files go through ``summary``,
``import``, ``export`` (every format), ``predict``, ``train`` (-o .lwire and .keras) and
``evaluate``, in-process through ``main.main`` so hundreds of cases take seconds. The
memory limit is lowered so that a mutation that makes a layer huge is refused quickly.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from graph_core.examples import build
from graph_core.io.interop import EXPORT_FORMATS, EXPORT_SUFFIXES
from kernels.memory import LIMIT_ENV

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
SPIRAL = (EXAMPLES / "spiral.lwire").read_bytes()
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _keras_spiral() -> bytes:
    from graph_core.io.keras_format import keras_bytes

    return keras_bytes(build("spiral"))


KERAS = _keras_spiral()


def _data_files() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2)).astype(np.float32)
    y = rng.integers(0, 2, 40)
    npz, npy = io.BytesIO(), io.BytesIO()
    np.savez_compressed(npz, x=x, y=y)
    np.save(npy, np.column_stack([x, y]).astype(np.float32))
    csv = "a,b,label\n" + "".join(f"{a:.3f},{b:.3f},{int(c)}\n" for (a, b), c in zip(x, y, strict=True))
    return {"d.npz": npz.getvalue(), "d.npy": npy.getvalue(), "d.csv": csv.encode()}


DATA = _data_files()
IDX_IMAGES = bytes([0, 0, 8, 2, 0, 0, 0, 40, 0, 0, 0, 2]) + bytes(np.random.default_rng(1).integers(0, 255, 80))
IDX_LABELS = bytes([0, 0, 8, 1, 0, 0, 0, 40]) + bytes([0, 1] * 20)


@pytest.fixture(autouse=True)
def _small_memory(monkeypatch):
    monkeypatch.setenv(LIMIT_ENV, "1G")


def run(capsys, args: list[str], outputs: list[Path]) -> None:
    """One command: success, or one line on stderr and none of ``outputs`` written."""
    for p in outputs:
        p.unlink(missing_ok=True)
    capsys.readouterr()
    code = main.main(args)  # looked up at call time: the control test counts the calls
    _, err = capsys.readouterr()
    if code != 0:
        assert code in (1, 2), (args, code, err)
        assert err.count("\n") == 1 and err.startswith("layerwire: error: "), (args, err)
        assert "internal error" not in err, (args, err)
        written = [p.name for p in outputs if p.exists()]
        assert not written, (args, written)
    leftovers = [p.name for p in outputs[0].parent.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]
    assert not leftovers, (args, leftovers)


def every_command(capsys, tmp: Path, model: Path, data: Path) -> None:
    x = tmp / "x.npy"
    np.save(x, np.zeros((3, 2), np.float32))
    for fmt in (*EXPORT_FORMATS, "png"):
        out = tmp / f"out_{fmt}{EXPORT_SUFFIXES[fmt][0]}"
        run(capsys, ["export", str(model), "--format", fmt, "-o", str(out)], [out])
    run(capsys, ["summary", str(model)], [tmp / "none"])
    run(capsys, ["import", str(model), "-o", str(tmp / "out.lwire")], [tmp / "out.lwire"])
    run(capsys, ["predict", str(model), "--input", str(x), "-o", str(tmp / "y.npy")], [tmp / "y.npy"])
    for suffix in (".lwire", ".keras"):
        out = tmp / f"trained{suffix}"
        run(capsys, ["train", str(model), "--data", str(data), "--epochs", "1", "-o", str(out)], [out])
    run(capsys, ["evaluate", str(model), "--data", str(data)], [tmp / "none"])


def mutate(data: bytes, flips: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for index, value in flips:
        out[index % len(out)] = value
    return bytes(out[:cut] if cut is not None else out)


FLIPS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=6)


@FUZZ
@given(flips=FLIPS, cut=st.none() | st.integers(0, len(SPIRAL) - 1))
def test_damaged_projects_through_every_command(capsys, tmp_path, flips, cut):
    model = tmp_path / "m.lwire"
    model.write_bytes(mutate(SPIRAL, flips, cut))
    (tmp_path / "d.npz").write_bytes(DATA["d.npz"])
    every_command(capsys, tmp_path, model, tmp_path / "d.npz")


@FUZZ
@given(flips=FLIPS, cut=st.none() | st.integers(0, len(KERAS) - 1))
def test_damaged_keras_files_through_every_command(capsys, tmp_path, flips, cut):
    model = tmp_path / "m.keras"
    model.write_bytes(mutate(KERAS, flips, cut))
    (tmp_path / "d.npz").write_bytes(DATA["d.npz"])
    every_command(capsys, tmp_path, model, tmp_path / "d.npz")


def json_paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from json_paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from json_paths(v, (*prefix, i))


DOC = json.loads(SPIRAL)
PATHS = [p for p in json_paths(DOC) if p and not (p[0] == "weights" and p[-1] == "data")]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False),
                   st.text(max_size=6), st.lists(st.integers(-2, 70), max_size=3),
                   st.sampled_from([10**12, 2**31, 0, -1, "relu", "Dense", [2], {"units": 3}]))  # fmt: skip


@FUZZ
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=3))
def test_changed_json_values_through_every_command(capsys, tmp_path, changes):
    doc = json.loads(SPIRAL)
    for path, value in changes:
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    model = tmp_path / "m.lwire"
    model.write_text(json.dumps(doc))
    (tmp_path / "d.npz").write_bytes(DATA["d.npz"])
    every_command(capsys, tmp_path, model, tmp_path / "d.npz")


@FUZZ
@given(name=st.sampled_from(sorted(DATA)), flips=FLIPS, cut=st.none() | st.integers(0, 2000))
def test_damaged_data_files_through_train_evaluate_and_predict(capsys, tmp_path, name, flips, cut):
    data = tmp_path / name
    data.write_bytes(mutate(DATA[name], flips, cut))
    model = tmp_path / "m.lwire"
    model.write_bytes(SPIRAL)
    out = tmp_path / "trained.lwire"
    run(capsys, ["train", str(model), "--data", str(data), "--epochs", "1", "-o", str(out)], [out])
    run(capsys, ["evaluate", str(model), "--data", str(data)], [tmp_path / "none"])
    if name != "d.csv":
        run(capsys, ["predict", str(model), "--input", str(data), "-o", str(tmp_path / "y.npz")], [tmp_path / "y.npz"])


@FUZZ
@given(which=st.booleans(), flips=FLIPS, cut=st.none() | st.integers(0, 100), gz=st.booleans())
def test_damaged_idx_files_through_train(capsys, tmp_path, which, flips, cut, gz):
    images, labels = IDX_IMAGES, IDX_LABELS
    if which:
        images = mutate(images, flips, cut)
    else:
        labels = mutate(labels, flips, cut)
    suffix = ".gz" if gz else ""
    pack = gzip.compress if gz else bytes
    (tmp_path / f"train-images-idx3-ubyte{suffix}").write_bytes(pack(images))
    (tmp_path / f"train-labels-idx1-ubyte{suffix}").write_bytes(pack(labels))
    model = tmp_path / "m.lwire"
    model.write_bytes(SPIRAL)
    out = tmp_path / "trained.lwire"
    data = tmp_path / f"train-images-idx3-ubyte{suffix}"
    run(capsys, ["train", str(model), "--data", str(data), "--epochs", "1", "-o", str(out)], [out])


def test_the_undamaged_files_pass_every_command(capsys, tmp_path, monkeypatch):
    """The control: without damage every command succeeds, so the fuzz tests above exercise real work."""
    codes = []
    real = main.main
    monkeypatch.setattr(main, "main", lambda args: codes.append((args[0], args[2:4], real(args))) or codes[-1][2])
    for name, data in (("m.lwire", SPIRAL), ("m.keras", KERAS)):
        (tmp_path / name).write_bytes(data)
        (tmp_path / "d.npz").write_bytes(DATA["d.npz"])
        every_command(capsys, tmp_path, tmp_path / name, tmp_path / "d.npz")
    for name in DATA:
        (tmp_path / name).write_bytes(DATA[name])
        run(capsys, ["evaluate", str(tmp_path / "m.lwire"), "--data", str(tmp_path / name)], [tmp_path / "none"])
    failed = [c for c in codes if c[2] != 0]
    assert not failed and len(codes) == 2 * (len(EXPORT_FORMATS) + 1 + 6) + len(DATA)


def test_a_npy_header_that_does_not_tokenize_is_refused(tmp_path):
    """Found by the fuzz test: numpy tokenizes the header, and an unclosed bracket raised TokenError."""
    import io

    from graph_core.errors import DataError
    from graph_core.io.safe_arrays import read_npy

    buffer = io.BytesIO()
    np.save(buffer, np.zeros((3, 4), np.float32))
    data = bytearray(buffer.getvalue())
    data[data.index(b"}")] = ord("(")
    path = tmp_path / "bad.npy"
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="not a readable .npy array"):
        read_npy(path, 1 << 30)
