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

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
