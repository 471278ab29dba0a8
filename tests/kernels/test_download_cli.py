"""``python main.py train MODEL --data mnist`` through a real subprocess and a real HTTP server on 127.0.0.1:
the download's bar on stderr, the checksum refused with one line and exit 1, Ctrl+C with nothing kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph_core.model import readable_bytes
from kernels.download import KNOWN
from tests.data_server import mnist_npz, sha256

ROOT = Path(__file__).resolve().parents[2]
MNIST = mnist_npz(train=40, test=10)
#: main.py's command line in a process whose table of known files expects the small MNIST of the tests.
WITH_TEST_HASHES = f"""
import dataclasses, sys
from kernels import download
download.KNOWN["mnist"] = (dataclasses.replace(download.KNOWN["mnist"][0], sha256={sha256(MNIST)!r}),)
import main
sys.exit(main.main(sys.argv[1:]))
"""


@pytest.fixture
def env(file_server, caches) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {**os.environ, "LAYERWIRE_DATA_MIRROR": file_server.url, "LAYERWIRE_DATA_DIR": str(caches[0]),
            "KERAS_HOME": str(caches[1])}  # fmt: skip


def run(env: dict[str, str], *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command's outputs as written (the bar's carriage returns kept)."""
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, str(ROOT / "main.py"), *args]
    done = subprocess.run(command, capture_output=True, cwd=ROOT, env=env, timeout=300)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_download_with_its_bar_then_training_validates_on_the_test_part(file_server, caches, env) -> None:
    file_server.files["mnist.npz"] = MNIST
    done = run(env, "train", "mnist_model", "--data", "mnist", "--epochs", "1", "--json", "--progress", "on",
               code=WITH_TEST_HASHES)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"downloading mnist.npz from {file_server.url}mnist.npz\n" in done.stderr
    size = readable_bytes(len(MNIST))
    assert f"\r  {size} of {size} {'━' * 30} 100 %\n" in done.stderr
    (epoch,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert {"val_loss", "val_accuracy"} <= set(epoch)  # the 10 test samples, no split asked for
    assert files_in(caches[0]) == ["mnist.npz"]
    again = run(env, "evaluate", "mnist_model", "--data", "mnist", "--json", code=WITH_TEST_HASHES)
    assert again.returncode == 0, again.stderr
    assert "downloading" not in again.stderr and file_server.requests == ["/mnist.npz"]


def test_a_file_with_the_wrong_checksum_is_one_line_and_exit_1(file_server, caches, env) -> None:
    file_server.files["mnist.npz"] = MNIST  # the production hash is Keras's MNIST's
    done = run(env, "train", "mnist_model", "--data", "mnist", "--progress", "off")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"downloading mnist.npz from {file_server.url}mnist.npz"
    assert lines[1:] == [f"layerwire: error: mnist.npz from {file_server.url}mnist.npz is not the file expected "
                         f"(SHA-256 {sha256(MNIST)}, expected {KNOWN['mnist'][0].sha256}); it was deleted"]  # fmt: skip
    assert done.stdout == "" and files_in(caches[0]) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is how a terminal's Ctrl+C reaches a process")
def test_ctrl_c_cancels_the_download_and_keeps_nothing(file_server, caches, env) -> None:
    file_server.files["mnist.npz"], file_server.stall["mnist.npz"] = MNIST, 3000
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", "mnist_model", "--data", "mnist"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)  # fmt: skip
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline().startswith("downloading mnist.npz from ")
        deadline = time.monotonic() + 30
        while file_server.sent.get("mnist.npz") != 3000 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)  # the 3,000 bytes are in the temporary file; the server says nothing more
        assert [p.suffix for p in (caches[0] / "mnist").iterdir()] == [".part"]
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)  # generous: a loaded machine
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.splitlines() == ["layerwire: error: The download of mnist.npz was cancelled; nothing was kept"]
    assert files_in(caches[0]) == []
