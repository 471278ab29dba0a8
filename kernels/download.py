"""The files of the data sets people know, downloaded once from the addresses Keras uses, checked, cached.

    paths = fetch("mnist", progress=show, cancel=event)    # [Path]: local files whose SHA-256 was checked

A file is looked for first in Layerwire's data folder, one sub-folder per set (``LAYERWIRE_DATA_DIR``;
by default the platform's cache folder: ``~/.cache/layerwire/datasets`` on Linux,
``~/Library/Caches/layerwire/datasets`` on macOS, ``%LOCALAPPDATA%\\layerwire\\datasets`` on Windows),
then where Keras keeps it (``KERAS_HOME``, by default ``~/.keras``, under ``datasets/``). A file found is
used when its SHA-256 is the one in :data:`KNOWN`; one in Layerwire's folder that is not is deleted and
refused, one of Keras's is left alone and passed over. Missing files are downloaded from Keras's
address, or from ``LAYERWIRE_DATA_MIRROR`` (a base address that replaces Keras's; the mirror holds the
files under their own names, side by side).

A download streams into a temporary file in the data folder, hashing as it goes, and takes the file's
name only once it is complete and its SHA-256 is right: an error, a wrong hash, a cancel or Ctrl+C
removes the temporary file, so no half-written file ever has the final name. ``progress`` is called on
the downloading thread as bytes arrive; ``cancel`` (a ``threading.Event``) may be set from any other
thread and stops a transfer within a tenth of a second, even while the server sends nothing (a thread
still connecting, which has written nothing, stops when the connection is made or times out).
Failures raise :class:`~graph_core.errors.DownloadError` with one line: no network (and where to put
the file by hand), an address that answers an HTTP error, a connection dropped mid-file (bytes received
of bytes expected), a wrong SHA-256 (expected, received, where the file came from), a cancel
(:class:`~graph_core.errors.DownloadCancelled`).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import socket
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_core.errors import DownloadCancelled, DownloadError
from graph_core.messages import Message
from graph_core.model import readable_bytes

#: Seconds without a byte from the server (connecting or mid-file) before a download is given up.
TIMEOUT = 30.0
#: Most bytes read at a time; between two reads the cancel flag is looked at.
CHUNK = 1 << 16
#: The most bytes a download may bring (CIFAR-10's archive is 163 MB): a wrong address cannot fill the disk.
MAX_DOWNLOAD_BYTES = 1 << 30
USER_AGENT = "Layerwire (data sets by name)"

_KERAS_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
_CIFAR_BASE = "https://www.cs.toronto.edu/~kriz/"


@dataclass(frozen=True)
class RemoteFile:
    """One file of a known set: its name (at the address and in the cache), SHA-256, Keras's address of
    the folder holding it, and where Keras's ``get_file`` keeps it (relative to ``KERAS_HOME``)."""

    name: str
    sha256: str
    base: str
    keras_paths: tuple[str, ...]


@dataclass(frozen=True)
class Progress:
    """How far a download is: ``received`` bytes of ``file`` from ``url`` (of ``total`` when the server
    says), the ``index``-th (from 0) of ``count`` files being downloaded."""

    file: str
    url: str
    index: int
    count: int
    received: int
    total: int | None


def _fashion(name: str, sha256: str) -> RemoteFile:
    return RemoteFile(name, sha256, _KERAS_BASE, (f"datasets/fashion-mnist/{name}",))


#: The sets by name: the files Keras's ``keras.datasets.<name>.load_data`` reads, with their SHA-256.
KNOWN: dict[str, tuple[RemoteFile, ...]] = {
    "mnist": (
        RemoteFile(
            "mnist.npz",
            "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
            _KERAS_BASE,
            ("datasets/mnist.npz",),
        ),
    ),  # fmt: skip
    "fashion_mnist": (
        _fashion("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        _fashion("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        _fashion("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        _fashion("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
    ),
    "cifar10": (
        # Keras 3 keeps the archive as "cifar-10-batches-py-target_archive", Keras 2 and early Keras 3 as
        # "cifar-10-batches-py.tar.gz".
        RemoteFile(
            "cifar-10-python.tar.gz",
            "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
            _CIFAR_BASE,
            ("datasets/cifar-10-batches-py-target_archive", "datasets/cifar-10-batches-py.tar.gz"),
        ),
    ),  # fmt: skip
}


# --------------------------------------------------------------------------- where files are


def _platform_cache() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def data_dir() -> Path:
    """Layerwire's data folder: ``LAYERWIRE_DATA_DIR``, else the platform's cache folder's ``layerwire/datasets``."""
    chosen = os.environ.get("LAYERWIRE_DATA_DIR")
    return Path(chosen).expanduser() if chosen else _platform_cache() / "layerwire" / "datasets"


def set_dir(name: str) -> Path:
    """Where the files of the set ``name`` are kept."""
    return data_dir() / name


def keras_dir() -> Path:
    """Keras's own folder: ``KERAS_HOME``, else ``~/.keras``."""
    chosen = os.environ.get("KERAS_HOME")
    return Path(chosen).expanduser() if chosen else Path.home() / ".keras"


def address(file: RemoteFile) -> str:
    """Where ``file`` is downloaded from: ``LAYERWIRE_DATA_MIRROR`` when set, else Keras's address."""
    mirror = os.environ.get("LAYERWIRE_DATA_MIRROR")
    base = mirror.rstrip("/") + "/" if mirror else file.base
    return base + file.name


_digests: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) -> SHA-256: each file is hashed once
_digests_lock = threading.Lock()


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file at ``path`` (remembered while its size and time stay the same)."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _digests_lock:
        known = _digests.get(key)
    if known is not None:
        return known
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    with _digests_lock:
        _digests[key] = h.hexdigest()
    return h.hexdigest()


def _expected(file: RemoteFile, hashes: Mapping[str, str] | None) -> str:
    return hashes.get(file.name, file.sha256) if hashes is not None else file.sha256


def _files(name: str) -> tuple[RemoteFile, ...]:
    if name not in KNOWN:
        raise DownloadError(
            Message("There is no data set {name!r} to download; there are {names}", name=name, names=", ".join(KNOWN))
        )
    return KNOWN[name]


def _find(name: str, file: RemoteFile, sha256: str) -> Path | None:
    """The checked local copy of ``file``: Layerwire's (deleted and refused when its SHA-256 is wrong), else
    Keras's (passed over when wrong), else None."""
    ours = set_dir(name) / file.name
    if ours.is_file():
        received = sha256_of(ours)
        if received != sha256:
            with contextlib.suppress(OSError):
                ours.unlink()
            raise DownloadError(
                Message("{path} is not the file expected (SHA-256 {received}, expected {expected}); it was deleted",
                        path=str(ours), received=received, expected=sha256)
            )  # fmt: skip
        return ours
    for relative in file.keras_paths:
        theirs = keras_dir() / relative
        with contextlib.suppress(OSError):
            if theirs.is_file() and sha256_of(theirs) == sha256:
                return theirs
    return None


def missing(name: str, hashes: Mapping[str, str] | None = None) -> list[RemoteFile]:
    """The files of the set ``name`` that are in neither cache and must be downloaded."""
    return [f for f in _files(name) if _find(name, f, _expected(f, hashes)) is None]


def fetch(
    name: str,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    hashes: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> list[Path]:
    """The local files of the set ``name``, in :data:`KNOWN`'s order, downloading those missing.

    ``hashes`` (file name -> SHA-256) replaces the expected hashes of :data:`KNOWN`, for a mirror that
    holds other files under the same names (the tests' small files).
    """
    files = _files(name)
    found = {f.name: _find(name, f, _expected(f, hashes)) for f in files}
    todo = [f for f in files if found[f.name] is None]
    for index, file in enumerate(todo):
        url, report = address(file), None
        if progress is not None:
            report = _reporter(progress, file.name, url, index, len(todo))
        dest = set_dir(name) / file.name
        download(url, dest, _expected(file, hashes), progress=report, cancel=cancel, timeout=timeout,
                 keras_path=keras_dir() / file.keras_paths[0])  # fmt: skip
        found[file.name] = dest
    return [found[f.name] for f in files]  # type: ignore[misc]


def _reporter(
    progress: Callable[[Progress], None], file: str, url: str, index: int, count: int
) -> Callable[[int, int | None], None]:
    return lambda received, total: progress(Progress(file, url, index, count, received, total))


# --------------------------------------------------------------------------- one download


def download(
    url: str,
    dest: Path,
    sha256: str,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: threading.Event | None = None,
    timeout: float = TIMEOUT,
    keras_path: Path,
) -> None:
    """Download ``url`` to ``dest`` if its SHA-256 is ``sha256``; ``progress(received, total)`` as bytes arrive.

    ``keras_path``: where Keras keeps the file, named in the no-network message beside ``dest``.
    Nothing is left at ``dest`` or beside it unless the whole file arrived and its hash is right.
    """
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise DownloadError(
            Message("Cannot write to the data folder {folder} ({error}); set LAYERWIRE_DATA_DIR to a folder you "
                    "can write to", folder=str(dest.parent), error=exc.strerror or str(exc))
        ) from None  # fmt: skip
    try:
        with os.fdopen(fd, "wb") as out:
            digest = _stream(url, out, dest, progress, cancel, timeout, keras_path)
            out.flush()
            os.fsync(out.fileno())
        if digest != sha256:
            raise DownloadError(
                Message("{file} from {url} is not the file expected (SHA-256 {received}, expected {expected}); it "
                        "was deleted", file=dest.name, url=url, received=digest, expected=sha256)
            )  # fmt: skip
        os.replace(tmp, dest)
        stat = dest.stat()  # hashed as it came: not read again to find it in the cache
        with _digests_lock:
            _digests[(str(dest), stat.st_size, stat.st_mtime_ns)] = digest
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _stream(url: str, out: Any, dest: Path, progress: Callable[[int, int | None], None] | None,
            cancel: threading.Event | None, timeout: float, keras_path: Path) -> str:  # fmt: skip
    """Copy the body at ``url`` into ``out``; its SHA-256."""
    cancelled = Message("The download of {file} was cancelled; nothing was kept", file=dest.name)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise DownloadError(
            Message("Cannot download {file}: {url} answered {code} {reason}", file=dest.name, url=url, code=exc.code,
                    reason=exc.reason)
        ) from None  # fmt: skip
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        if cancel is not None and cancel.is_set():
            raise DownloadCancelled(cancelled) from None
        reason = getattr(exc, "reason", exc)
        raise DownloadError(
            Message("Cannot download {file}: {url} cannot be reached ({reason}). Without a network, put {file} in "
                    "{folder} by hand (a copy Keras made, {keras}, is used too) and try again", file=dest.name,
                    url=url, reason=str(reason), folder=str(dest.parent), keras=str(keras_path))
        ) from None  # fmt: skip
    h = hashlib.sha256()
    received, broken = 0, False
    with response, _closing_on(cancel, response):
        total = _length(response)
        if total is not None and total > MAX_DOWNLOAD_BYTES:
            raise DownloadError(
                Message("{url} would send {size}; a data file may have at most {most}", url=url,
                        size=readable_bytes(total), most=readable_bytes(MAX_DOWNLOAD_BYTES))
            )  # fmt: skip
        if progress is not None:
            progress(0, total)
        while True:
            if cancel is not None and cancel.is_set():
                raise DownloadCancelled(cancelled)
            try:
                chunk = response.read1(CHUNK)  # what has arrived, up to CHUNK: progress as bytes come
            except (OSError, http.client.HTTPException):  # a reset, a timeout, a chunked body cut short
                if cancel is not None and cancel.is_set():  # the cancel watcher shut the socket
                    raise DownloadCancelled(cancelled) from None
                broken = True
                break
            if cancel is not None and cancel.is_set():
                raise DownloadCancelled(cancelled)
            if not chunk:
                break
            received += len(chunk)
            if received > MAX_DOWNLOAD_BYTES:
                raise DownloadError(
                    Message("{url} sends more than {most}, the most a data file may have", url=url,
                            most=readable_bytes(MAX_DOWNLOAD_BYTES))
                )  # fmt: skip
            h.update(chunk)
            out.write(chunk)
            if progress is not None:
                progress(received, total)
    if total is not None and received != total:
        raise DownloadError(
            Message("The connection to {url} dropped after {received:,} of {expected:,} bytes; nothing was kept, "
                    "try again", url=url, received=received, expected=total)
        )  # fmt: skip
    if broken:
        raise DownloadError(
            Message("The connection to {url} dropped after {received:,} bytes; nothing was kept, try again", url=url,
                    received=received)
        )  # fmt: skip
    return h.hexdigest()


def _length(response: Any) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None and int(value) >= 0 else None
    except ValueError:
        return None


@contextlib.contextmanager
def _closing_on(cancel: threading.Event | None, response: Any):  # type: ignore[no-untyped-def]
    """While the body is read, a watcher shuts the connection down as soon as ``cancel`` is set: a read
    waiting on a silent server then returns at once instead of after the timeout."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    if cancel is None or not isinstance(sock, socket.socket):
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if cancel.is_set():
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                return

    watcher = threading.Thread(target=watch, name="download-cancel", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
