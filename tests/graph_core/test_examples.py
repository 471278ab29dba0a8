"""The example files in resources/examples are exactly what graph_core.examples builds."""

import pytest

from graph_core.examples import EXAMPLES, EXAMPLES_DIR, build, shipped
from graph_core.io import files
from graph_core.settings import TrainingSettings


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_committed_file_is_the_built_one(tmp_path, name):
    path = tmp_path / f"{name}.lwire"
    files.save(shipped(name), path)
    assert (EXAMPLES_DIR / f"{name}.lwire").read_bytes() == path.read_bytes(), "run python -m graph_core.examples"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("moons_classifier", "moons"),
        ("xor_classifier", "xor"),
        ("sine_regression", "sine"),
        ("digits_classifier", "digits"),
    ],
)
def test_teaching_examples_carry_training_settings(name, data):
    project = build(name)
    settings = TrainingSettings.from_dict(project.training)
    assert settings.data == data
    assert settings.loss is not None
    assert project.graph.analysis().valid
