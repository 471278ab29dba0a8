"""Damaged files through every command: one line on stderr, a non-zero exit, nothing written.

Mutations of valid files (truncation, flipped bytes, changed JSON values and types) are
run in-process through ``main.main`` so that hundreds of cases take seconds.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from graph_core import files
from graph_core.errors import FileFormatError

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "shared_layer.lwire"
VALID = EXAMPLE.read_bytes()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _keras_bytes() -> bytes:
    import tempfile

    from graph_core.examples import build
    from graph_core.keras_format import save_keras

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.keras"
        save_keras(build("shared_layer"), path)
        return path.read_bytes()


KERAS = _keras_bytes()


def check_refused_or_fine(capsys, tmp_path: Path, data: bytes, suffix: str = ".lwire") -> None:
    model = tmp_path / f"fuzzed{suffix}"
    model.write_bytes(data)
    x = tmp_path / "x.npz"
    np.savez(x, left=np.zeros((2, 16), np.float32), right=np.zeros((2, 16), np.float32))
    for args in (
        ["summary", str(model)],
        ["import", str(model), "-o", str(tmp_path / "out.lwire")],
        ["export", str(model), "--format", "onnx", "-o", str(tmp_path / "out.onnx")],
        ["predict", str(model), "--input", str(x), "-o", str(tmp_path / "out.npz"), "--reference"],
    ):
        capsys.readouterr()
        code = main.main(args)
        out, err = capsys.readouterr()
        if code != 0:
            assert err.count("\n") == 1 and err.startswith("layerwire: error: "), err
            assert "internal error" not in err, err
        written = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out"))
        assert code == 0 or not written, (args, written)
        for p in tmp_path.iterdir():
            if p.name.startswith("out"):
                p.unlink()


@FUZZ
@given(cut=st.integers(0, len(VALID) - 1))
def test_truncated(capsys, tmp_path, cut):
    check_refused_or_fine(capsys, tmp_path, VALID[:cut])


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_flipped_bytes(capsys, tmp_path, flips):
    data = bytearray(VALID)
    for index, value in flips:
        data[index] = value
    check_refused_or_fine(capsys, tmp_path, bytes(data))


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False), st.text(max_size=8),
    st.lists(st.integers(-3, 3), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*prefix, i))


DOCUMENT = json.loads(VALID)
PATHS = [p for p in paths(DOCUMENT) if p and not (len(p) > 2 and p[0] == "weights" and p[-1] == "data")]


@FUZZ
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES), min_size=1, max_size=3))
def test_changed_json_values_and_types(capsys, tmp_path, changes):
    doc = json.loads(VALID)
    for path, value in changes:
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    check_refused_or_fine(capsys, tmp_path, json.dumps(doc).encode())


@FUZZ
@given(cut=st.integers(0, len(KERAS) - 1))
def test_truncated_keras_files(capsys, tmp_path, cut):
    check_refused_or_fine(capsys, tmp_path, KERAS[:cut], ".keras")


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(KERAS) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_flipped_bytes_in_keras_files(capsys, tmp_path, flips):
    data = bytearray(KERAS)
    for index, value in flips:
        data[index] = value
    check_refused_or_fine(capsys, tmp_path, bytes(data), ".keras")


@pytest.mark.parametrize("cut", [0, 1, 100, len(VALID) // 2, len(VALID) - 2])
def test_loader_gives_only_file_format_errors(cut):
    with pytest.raises(FileFormatError):
        files.loads(VALID[:cut])
