"""A real HTTP server on 127.0.0.1 for the download tests, and small files in the formats of the known sets.

    with FileServer() as server:
        server.files["mnist.npz"] = mnist_npz()          # served whole, with its Content-Length
        server.drop["mnist.npz"] = 1000                  # or: its length promised, 1000 bytes sent, then closed
        server.stall["mnist.npz"] = 1000                 # or: 1000 bytes sent, then nothing until the server stops
        os.environ["LAYERWIRE_DATA_MIRROR"] = server.url
        server.requests                                  # the paths asked for, in order

The fake files are valid: ``mnist.npz`` in keras.datasets layout, Fashion-MNIST's four gzipped IDX
files, and CIFAR-10's ``.tar.gz`` whose batches are pickled as Python 2 pickled them (the real archive's
form: byte strings, ``numpy.core.multiarray._reconstruct``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import struct
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np


class FileServer:
    """Serves ``files`` by name under ``url``; see the module docstring."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.drop: dict[str, int] = {}
        self.stall: dict[str, int] = {}
        self.requests: list[str] = []
        self.sent: dict[str, int] = {}  # bytes of the body written so far, by name
        self.release = threading.Event()  # ends the stalls
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                name = self.path.rsplit("/", 1)[-1]
                server.requests.append(self.path)
                body = server.files.get(name)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                cut = server.drop.get(name, server.stall.get(name, len(body)))
                self.wfile.write(body[:cut])
                self.wfile.flush()
                server.sent[name] = cut
                if name in server.stall:
                    server.release.wait(30)
                self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> FileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- the files


def digits(n: int, seed: int, shape: tuple[int, ...] = (28, 28)) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random uint8 images (with 0 and 255 in each) and their labels, 0..9 in turn."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 256, (n, *shape), dtype=np.uint8)
    x.reshape(n, -1)[:, 0], x.reshape(n, -1)[:, 1] = 0, 255
    return x, (np.arange(n) % 10).astype(np.uint8)


def mnist_npz(train: int = 20, test: int = 7) -> bytes:
    (x_train, y_train), (x_test, y_test) = digits(train, 1), digits(test, 2)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return buffer.getvalue()


def idx_gz(a: np.ndarray) -> bytes:
    """An unsigned-byte IDX file, gzipped."""
    header = bytes([0, 0, 0x08, a.ndim]) + b"".join(struct.pack(">I", d) for d in a.shape)
    return gzip.compress(header + a.astype(np.uint8).tobytes())


def fashion_files(train: int = 20, test: int = 7) -> dict[str, bytes]:
    (x_train, y_train), (x_test, y_test) = digits(train, 3), digits(test, 4)
    return {
        "train-labels-idx1-ubyte.gz": idx_gz(y_train),
        "train-images-idx3-ubyte.gz": idx_gz(x_train),
        "t10k-labels-idx1-ubyte.gz": idx_gz(y_test),
        "t10k-images-idx3-ubyte.gz": idx_gz(x_test),
    }


def _py2_str(b: bytes) -> bytes:
    return b"U" + bytes([len(b)]) + b if len(b) < 256 else b"T" + struct.pack("<i", len(b)) + b


def _py2_int(v: int) -> bytes:
    return b"K" + bytes([v]) if 0 <= v < 256 else b"J" + struct.pack("<i", v)  # BININT1 or BININT


def py2_batch(data: np.ndarray, labels: list[int], extra: bytes = b"") -> bytes:
    """A CIFAR batch pickled as Python 2 did (protocol 2): ``{'batch_label', 'labels', 'data', 'filenames'}``."""
    rows, cols = data.shape
    shape = _py2_int(rows) + b"M" + struct.pack("<H", cols) + b"\x86"
    dtype = (b"cnumpy\ndtype\n" + _py2_str(b"u1") + _py2_int(0) + _py2_int(1) + b"\x87R(" + _py2_int(3)
             + _py2_str(b"|") + b"NNN" + _py2_int(-1) + _py2_int(-1) + _py2_int(0) + b"tb")  # fmt: skip
    array = (b"cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\n" + _py2_int(0) + b"\x85" + _py2_str(b"b")
             + b"\x87R(" + _py2_int(1) + shape + dtype + b"\x89" + _py2_str(data.tobytes()) + b"tb")  # fmt: skip
    names = b"](" + b"".join(_py2_str(f"{i}.png".encode()) for i in range(rows)) + b"e"
    return (b"\x80\x02}(" + _py2_str(b"batch_label") + _py2_str(b"a batch") + _py2_str(b"labels") + b"]("
            + b"".join(_py2_int(int(v)) for v in labels) + b"e" + _py2_str(b"data") + array
            + _py2_str(b"filenames") + names + extra + b"u.")  # fmt: skip


def cifar_images(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` images as CIFAR stores them, ``(n, 3072)`` uint8 (channel planes of 32x32), and labels."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 3072), dtype=np.uint8), (np.arange(n) % 10)


def cifar_tar_gz(per_batch: int = 4, test: int = 5, batch: bytes | None = None) -> bytes:
    """CIFAR-10's archive with five training batches and a test batch (``batch`` replaces the first's bytes)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
        for k, name in enumerate(names):
            data, labels = cifar_images(test if name == "test_batch" else per_batch, k)
            raw = py2_batch(data, labels.tolist()) if batch is None or k else batch
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return buffer.getvalue()
