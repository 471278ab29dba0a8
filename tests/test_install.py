"""The wheel: what ``pip install layerwire`` gives works from any folder, carries its resources and installs
no generic top-level names beyond the ones the design has."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL = {"main.py", "graph_core", "kernels", "gui", "layerwire_resources"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "layerwire"  # a clean copy: no build/ left from another build
    ignore = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".*cache*",
                                    ".hypothesis", "*.nbi", "*.nbc")  # fmt: skip
    shutil.copytree(ROOT, source, ignore=ignore)
    done = subprocess.run(  # pip builds it as `pip install .` would, with setuptools from the index
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("layerwire-*.whl")
    return built


def test_the_wheel_holds_the_packages_the_resources_and_the_commands(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        entry_points = next(zf.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == TOP_LEVEL  # no tests, no tools, nothing else at the top of site-packages
    packages = {str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/**/__init__.py")} - {"tests", "resources"}
    packages = {p for p in packages if p.split("/")[0] in TOP_LEVEL}
    assert {p for p in packages if f"{p}/__init__.py" not in names} == set()  # every subpackage travels
    for resource in ("examples/mnist_model.lwire", "lessons/01_first_model.json", "layer_help.json",
                     "translations/layerwire_ko.qm", "icons/layerwire.svg"):  # fmt: skip
        assert f"layerwire_resources/{resource}" in names
    assert "layerwire = main:cli" in entry_points and "layerwire-editor = main:editor" in entry_points


def test_the_wheel_installs_in_a_fresh_venv_and_works_from_an_empty_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # with its dependencies, as `pip install layerwire` would (from pip's cache when the machine has them)
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True,
                          timeout=1200)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    empty = tmp_path / "anywhere"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    where = subprocess.run([str(python), "-c", "import graph_core.resources as r; print(r.RESOURCES)"],
                           cwd=empty, env=env, capture_output=True, text=True)  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the wheel's own copy, not the checkout
    layerwire = str(venv / "bin" / "layerwire")
    summary = subprocess.run([layerwire, "summary", "mnist_model"], cwd=empty, env=env, capture_output=True,
                             text=True, timeout=300)  # fmt: skip
    assert summary.returncode == 0, summary.stderr
    assert 'Model: "mnist_model"' in summary.stdout and "Total params: 55,050" in summary.stdout
    wrong = subprocess.run([layerwire, "export", "mnist_model"], cwd=empty, env=env, capture_output=True, text=True,
                           timeout=120)  # fmt: skip
    assert wrong.returncode == 2 and "(see layerwire export --help)" in wrong.stderr
