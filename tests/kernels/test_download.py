"""Known data sets fetched from a real HTTP server on 127.0.0.1: downloaded once, checked, cached, refused
with one clear line when the network, the server or the file is not as expected; no internet needed."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from graph_core.errors import DownloadCancelled, DownloadError
from kernels import download
from kernels.download import KNOWN, Progress
from tests.data_server import cifar_tar_gz, fashion_files, mnist_npz, sha256

MNIST = mnist_npz()


def left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_the_addresses_and_hashes_are_kerass(monkeypatch) -> None:
    monkeypatch.delenv("LAYERWIRE_DATA_MIRROR")
    mnist, cifar = KNOWN["mnist"][0], KNOWN["cifar10"][0]
    assert download.address(mnist) == "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
    assert mnist.sha256 == "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
    assert download.address(cifar) == "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
    assert cifar.sha256 == "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
    fashion = ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
               "t10k-images-idx3-ubyte.gz"]  # fmt: skip
    assert [f.name for f in KNOWN["fashion_mnist"]] == fashion
    assert all(len(f.sha256) == 64 for files in KNOWN.values() for f in files)


def test_a_download_is_kept_and_the_second_call_asks_nothing(file_server, caches) -> None:
    file_server.files["mnist.npz"] = MNIST
    seen: list[Progress] = []
    paths = download.fetch("mnist", progress=seen.append, hashes={"mnist.npz": sha256(MNIST)})
    assert paths == [caches[0] / "mnist" / "mnist.npz"] and paths[0].read_bytes() == MNIST
    assert file_server.requests == ["/mnist.npz"]
    assert seen[0].received == 0 and seen[-1].received == seen[-1].total == len(MNIST)
    assert [p.received for p in seen] == sorted(p.received for p in seen)
    assert seen[0].url == file_server.url + "mnist.npz" and (seen[0].index, seen[0].count) == (0, 1)
    assert left_in(caches[0]) == ["mnist.npz"]  # no temporary file beside it
    stat = paths[0].stat()  # hashed as it came in: finding it in the cache does not read it again
    assert download._digests[(str(paths[0]), stat.st_size, stat.st_mtime_ns)] == sha256(MNIST)
    assert download.fetch("mnist", hashes={"mnist.npz": sha256(MNIST)}) == paths
    assert download.missing("mnist", {"mnist.npz": sha256(MNIST)}) == []
    assert file_server.requests == ["/mnist.npz"]


def test_a_set_of_several_files_reports_each(file_server, caches) -> None:
    files = fashion_files()
    file_server.files.update(files)
    seen: list[Progress] = []
    paths = download.fetch("fashion_mnist", progress=seen.append, hashes={k: sha256(v) for k, v in files.items()})
    assert [p.name for p in paths] == [f.name for f in KNOWN["fashion_mnist"]]
    assert sorted({(p.file, p.index, p.count) for p in seen}) == sorted(
        (f.name, i, 4) for i, f in enumerate(KNOWN["fashion_mnist"]))  # fmt: skip
    assert len(file_server.requests) == 4


@pytest.mark.parametrize("where", ["datasets/cifar-10-batches-py-target_archive",  # Keras 3
                                   "datasets/cifar-10-batches-py.tar.gz"])  # Keras 2, early Keras 3  # fmt: skip
def test_a_file_in_kerass_cache_is_used_without_downloading(file_server, caches, where: str) -> None:
    archive = cifar_tar_gz()
    keras_file = caches[1] / where
    keras_file.parent.mkdir(parents=True)
    keras_file.write_bytes(archive)
    file_server.files["cifar-10-python.tar.gz"] = archive
    assert download.fetch("cifar10", hashes={"cifar-10-python.tar.gz": sha256(archive)}) == [keras_file]
    assert file_server.requests == [] and left_in(caches[0]) == []


def test_a_wrong_file_in_kerass_cache_is_passed_over_and_left_alone(file_server, caches) -> None:
    keras_file = caches[1] / "datasets" / "mnist.npz"
    keras_file.parent.mkdir(parents=True)
    keras_file.write_bytes(b"not mnist")
    file_server.files["mnist.npz"] = MNIST
    assert download.fetch("mnist", hashes={"mnist.npz": sha256(MNIST)}) == [caches[0] / "mnist" / "mnist.npz"]
    assert file_server.requests == ["/mnist.npz"] and keras_file.read_bytes() == b"not mnist"


def test_a_missing_file_says_the_address_and_the_answer(file_server, caches) -> None:
    with pytest.raises(DownloadError) as caught:
        download.fetch("mnist")
    assert str(caught.value) == f"Cannot download mnist.npz: {file_server.url}mnist.npz answered 404 Not Found"
    assert left_in(caches[0]) == []


def test_a_connection_dropped_mid_file_keeps_nothing(file_server, caches) -> None:
    file_server.files["mnist.npz"], file_server.drop["mnist.npz"] = MNIST, 5000
    with pytest.raises(DownloadError) as caught:
        download.fetch("mnist", hashes={"mnist.npz": sha256(MNIST)})
    assert str(caught.value) == (f"The connection to {file_server.url}mnist.npz dropped after 5,000 of {len(MNIST):,} "
                                 "bytes; nothing was kept, try again")  # fmt: skip
    assert left_in(caches[0]) == []


def test_a_file_with_the_wrong_hash_is_deleted_and_refused(file_server, caches) -> None:
    file_server.files["mnist.npz"] = MNIST  # not Keras's MNIST: the production hash refuses it
    with pytest.raises(DownloadError) as caught:
        download.fetch("mnist")
    assert str(caught.value) == (f"mnist.npz from {file_server.url}mnist.npz is not the file expected (SHA-256 "
                                 f"{sha256(MNIST)}, expected {KNOWN['mnist'][0].sha256}); it was deleted")  # fmt: skip
    assert left_in(caches[0]) == []


def test_a_file_put_by_hand_is_checked_too(caches) -> None:
    placed = caches[0] / "mnist" / "mnist.npz"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(b"something else")
    with pytest.raises(DownloadError, match=r"mnist\.npz is not the file expected \(SHA-256 [0-9a-f]{64}, expected "
                       r"731c5ac6.*\); it was deleted"):  # fmt: skip
        download.missing("mnist")
    assert not placed.exists()


def test_cancel_stops_at_once_and_keeps_nothing(file_server, caches) -> None:
    file_server.files["mnist.npz"], file_server.stall["mnist.npz"] = MNIST, 4000  # then silent: only a cancel ends it
    cancel, outcome = threading.Event(), []

    def run() -> None:
        try:
            download.fetch("mnist", cancel=cancel, hashes={"mnist.npz": sha256(MNIST)})
        except DownloadCancelled as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 10
    while file_server.sent.get("mnist.npz") != 4000 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # the bytes sent are received: the download waits on a silent server
    assert [p.suffix for p in (caches[0] / "mnist").iterdir()] == [".part"]
    began = time.monotonic()
    cancel.set()
    thread.join(5)
    assert not thread.is_alive() and time.monotonic() - began < 1.0, "a silent server does not delay a cancel"
    assert outcome == ["The download of mnist.npz was cancelled; nothing was kept"]
    assert left_in(caches[0]) == []


def test_no_network_says_so_in_one_line_and_where_to_put_the_file(caches, monkeypatch) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("LAYERWIRE_DATA_MIRROR", f"http://127.0.0.1:{port}")
    with pytest.raises(DownloadError) as caught:
        download.fetch("mnist")
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"Cannot download mnist.npz: http://127.0.0.1:{port}/mnist.npz cannot be reached (")
    assert text.endswith(f"put mnist.npz in {caches[0] / 'mnist'} by hand (a copy Keras made, "
                         f"{caches[1] / 'datasets' / 'mnist.npz'}, is used too) and try again")  # fmt: skip
    assert left_in(caches[0]) == []


def test_the_mirror_replaces_the_base_address(file_server, caches, monkeypatch) -> None:
    monkeypatch.setenv("LAYERWIRE_DATA_MIRROR", file_server.url + "datasets/keras")  # with or without a final slash
    file_server.files["mnist.npz"] = MNIST
    download.fetch("mnist", hashes={"mnist.npz": sha256(MNIST)})
    assert file_server.requests == ["/datasets/keras/mnist.npz"]


def test_the_data_folder_follows_the_platform_and_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("LAYERWIRE_DATA_DIR", raising=False)
    monkeypatch.delenv("KERAS_HOME", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert download.data_dir() == tmp_path / "layerwire" / "datasets"
    assert download.keras_dir() == Path.home() / ".keras"
    monkeypatch.setenv("LAYERWIRE_DATA_DIR", str(tmp_path / "mine"))
    assert download.set_dir("cifar10") == tmp_path / "mine" / "cifar10"


def test_an_unwritable_data_folder_says_what_to_do(file_server, caches, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("LAYERWIRE_DATA_DIR", str(blocker / "below"))
    with pytest.raises(DownloadError, match="Cannot write to the data folder .*; set LAYERWIRE_DATA_DIR"):
        download.fetch("mnist")
