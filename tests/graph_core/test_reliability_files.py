"""Saving never makes a file that cannot be opened again, and every writer is atomic."""

import os

import pytest

from graph_core import edits
from graph_core.examples import build
from graph_core.io import files
from graph_core.io.interop import EXPORT_FORMATS, export_model
from graph_core.model import ensure_weights


def test_weights_made_stale_by_a_change_of_units_are_not_saved(tmp_path):
    project = build("spiral")
    ensure_weights(project.graph)
    edits.SetConfig("dense", {"units": 3}).apply(project.graph)  # the kernel is now (2, 64) for 3 units
    path = tmp_path / "changed.lwire"
    files.save(project, path)
    reloaded = files.load(path)  # found by the stateful document test: this used to be refused
    assert "dense" not in files.project_to_dict(reloaded)["weights"]
    assert "dense_1" not in files.project_to_dict(reloaded)["weights"]  # its input width changed too
    assert "dense_2" in files.project_to_dict(reloaded)["weights"]
    assert files.dumps(reloaded) == path.read_text()


@pytest.mark.parametrize("fmt", [*EXPORT_FORMATS, "lwire"])
def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch, fmt):
    target = tmp_path / f"model.{fmt}"
    target.write_bytes(b"previous")

    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        if fmt == "lwire":
            files.save(build("spiral"), target)
        else:
            export_model(build("spiral"), fmt, target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("value", [[], {}, ["relu"], 3, 1.5])
def test_an_activation_of_the_wrong_type_is_one_file_format_error(value):
    # found by the fuzz test: a list made the activation lookup raise TypeError (an internal error)
    import json

    from graph_core.errors import FileFormatError
    from graph_core.examples import EXAMPLES_DIR

    doc = json.loads((EXAMPLES_DIR / "spiral.lwire").read_text())
    doc["model"]["layers"][3]["config"]["activation"] = value
    with pytest.raises(FileFormatError, match="activation"):
        files.loads(json.dumps(doc))
