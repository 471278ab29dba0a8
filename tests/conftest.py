"""Shared test set-up: Qt runs offscreen in every test, whatever the machine has."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Autosaves and the error log go to a temporary folder, never the user's application data.
os.environ.setdefault("LAYERWIRE_APP_DATA", tempfile.mkdtemp(prefix="layerwire-test-appdata-"))
# Compiled training steps (kernels/compiled.py) too: every test session compiles afresh, and only
# the tests that ask for them get them (a long run would otherwise compile in the middle of a test).
if "LAYERWIRE_CACHE_DIR" not in os.environ:
    os.environ["LAYERWIRE_CACHE_DIR"] = tempfile.mkdtemp(prefix="layerwire-test-cache-")
    atexit.register(shutil.rmtree, os.environ["LAYERWIRE_CACHE_DIR"], ignore_errors=True)
os.environ.setdefault("LAYERWIRE_COMPILE_STEPS", "0")
# Editors started by the tests do not warm the engine in the background (tests/gui/test_warmup.py does).
os.environ.setdefault("LAYERWIRE_NO_WARMUP", "1")
# Known data sets (kernels/download.py) are never fetched from the internet nor put in the user's cache: a
# test that downloads serves the files itself (the file_server fixture); any other download finds no server.
os.environ["LAYERWIRE_DATA_DIR"] = tempfile.mkdtemp(prefix="layerwire-test-data-")
atexit.register(shutil.rmtree, os.environ["LAYERWIRE_DATA_DIR"], ignore_errors=True)
os.environ["LAYERWIRE_DATA_MIRROR"] = "http://127.0.0.1:9/"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture
def caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Layerwire's data folder and Keras's folder (``KERAS_HOME``), both empty, in the test's own folder."""
    ours, keras = tmp_path / "data", tmp_path / "keras"
    monkeypatch.setenv("LAYERWIRE_DATA_DIR", str(ours))
    monkeypatch.setenv("KERAS_HOME", str(keras))
    return ours, keras


@pytest.fixture
def file_server(caches, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A real HTTP server on 127.0.0.1 (tests/data_server.py) that ``LAYERWIRE_DATA_MIRROR`` points to."""
    from tests.data_server import FileServer

    with FileServer() as server:
        monkeypatch.setenv("LAYERWIRE_DATA_MIRROR", server.url)
        yield server
