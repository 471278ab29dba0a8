"""Reading ``.npy`` and ``.npz`` files that may be hostile: sizes checked before anything is allocated.

    arrays = read_npz(path, limit=1 << 30)    # {name: array}
    array = read_npy(path, limit=1 << 30)

``np.load`` trusts the file: an ``.npy`` header can promise 10^15 values, and an
``.npz`` member can inflate from kilobytes to gigabytes. Here the header of every
array is parsed first (without pickle: object and structured dtypes are refused), its
size computed from the shape with Python integers and compared to ``limit`` and to
the bytes actually present, and only then is the data read — exactly that many bytes.
Archive members must be plain ``name.npy`` entries (no folders, no ``..``, no absolute
paths), unencrypted, at most :data:`MAX_MEMBERS` of them. Every failure is one
:class:`~graph_core.errors.DataError` whose message says what was expected and found,
with the size when a size is the reason.
"""

from __future__ import annotations

import math
import os
import tokenize
import zipfile
import zlib
from pathlib import Path
from typing import IO

import numpy as np
import numpy.lib.format as npy_format

from graph_core.errors import DataError
from graph_core.io.safe_read import opened
from graph_core.messages import Message
from graph_core.model import readable_bytes

#: Default ceiling of the bytes of all arrays of one file.
MAX_ARRAY_BYTES = 4 << 30
MAX_MEMBERS = 1024
MAX_HEADER = 10_000
#: A member this many times larger than its compressed size (and over the floor) is a zip bomb.
MAX_EXPANSION = 1000
BOMB_FLOOR = 64 << 20
NUMERIC_KINDS = "biuf"

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
               RuntimeError, zlib.error)  # fmt: skip


def _header(f: IO[bytes], where: str) -> tuple[tuple[int, ...], bool, np.dtype]:
    """``(shape, fortran_order, dtype)`` from an ``.npy`` header, refusing what is not plain numbers."""
    try:
        version = npy_format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = npy_format.read_array_header_1_0(f, max_header_size=MAX_HEADER)
        elif version in ((2, 0), (3, 0)):
            shape, fortran, dtype = npy_format.read_array_header_2_0(f, max_header_size=MAX_HEADER)
        else:
            raise DataError(
                Message(
                    "{where}: expected .npy format version 1, 2 or 3; found {version}", where=where, version=version
                )
            )
    except DataError:
        raise
    except (ValueError, OSError, EOFError, SyntaxError, TypeError, KeyError, zlib.error, tokenize.TokenError) as exc:
        # numpy tokenizes the header's text: a damaged one can fail there too
        raise DataError(
            Message("{where} is not a readable .npy array ({error})", where=where, error=str(exc)[:120])
        ) from None
    if dtype.hasobject:
        raise DataError(
            Message(
                "{where} holds object arrays (Python objects, which would need pickle); expected numbers. Sequences "
                "of different lengths are saved so: pad them to one length (as keras.utils.pad_sequences does)",
                where=where,
            )
        )
    if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise DataError(
            Message("{where}: expected an array of numbers; found dtype {dtype}", where=where, dtype=str(dtype))
        )
    if not all(isinstance(d, int) and d >= 0 for d in shape):
        raise DataError(
            Message("{where}: the header's shape {shape!r} is not a list of sizes", where=where, shape=shape)
        )
    return tuple(shape), bool(fortran), dtype


def _read_exactly(f: IO[bytes], nbytes: int, where: str) -> bytes:
    data = bytearray()
    while len(data) < nbytes:
        chunk = f.read(min(nbytes - len(data), 64 << 20))
        if not chunk:
            break
        data += chunk
    if len(data) != nbytes:
        raise DataError(
            Message("{where} is truncated: the header promises {size:,} bytes; the file holds {held:,}", where=where,
                    size=nbytes, held=len(data))
        )  # fmt: skip
    return bytes(data)


def _read_array(f: IO[bytes], where: str, available: int, limit: int) -> np.ndarray:
    """One array from ``f``, whose data part may be at most ``available`` bytes long."""
    start = f.tell() if f.seekable() else 0
    shape, fortran, dtype = _header(f, where)
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > limit:
        raise DataError(
            Message("{where}: the array {shape} of {dtype} would take {size}; Layerwire reads at most {most}",
                    where=where, shape=shape, dtype=str(dtype), size=readable_bytes(nbytes), most=readable_bytes(limit))
        )  # fmt: skip
    header_len = (f.tell() - start) if f.seekable() else 0
    if nbytes > available - header_len:
        raise DataError(
            Message("{where}: the header promises {shape} of {dtype} ({size:,} bytes); the file holds only {held:,}",
                    where=where, shape=shape, dtype=str(dtype), size=nbytes, held=max(0, available - header_len))
        )  # fmt: skip
    array = np.frombuffer(_read_exactly(f, nbytes, where), dtype=dtype)
    array = array.reshape(shape[::-1]).transpose() if fortran else array.reshape(shape)
    return array.copy()  # writable, native order and owning its memory


def read_npy(path: str | os.PathLike[str], limit: int = MAX_ARRAY_BYTES) -> np.ndarray:
    """The array of an ``.npy`` file; ``DataError`` for a damaged, hostile or too large one."""
    path = Path(path)
    with opened(path, DataError) as (f, size):
        return _read_array(f, str(path), size, limit)


def _member_name(info: zipfile.ZipInfo, where: str) -> str:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or ":" in name or len(parts) > 1 or not name.endswith(".npy"):
        raise DataError(
            Message("{where}: expected members named NAME.npy; found {name!r} (refused)", where=where, name=name[:80])
        )
    if info.flag_bits & 0x1:
        raise DataError(Message("{where}: the member {name!r} is encrypted", where=where, name=name))
    return name[: -len(".npy")]


def read_npz(path: str | os.PathLike[str], limit: int = MAX_ARRAY_BYTES) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` file by name; member sizes are checked before any is read."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise DataError(Message("{path} does not exist", path=path))
    if path.is_dir():
        raise DataError(Message("{path} is a folder, not a file", path=path))
    out: dict[str, np.ndarray] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise DataError(
                    Message("{where} holds {count:,} arrays; Layerwire reads at most {most}", where=where,
                            count=len(infos), most=MAX_MEMBERS)
                )  # fmt: skip
            names = [_member_name(info, where) for info in infos]
            if len(set(names)) != len(names):
                raise DataError(Message("{where} holds an array name twice", where=where))
            total = sum(info.file_size for info in infos)
            if total > limit:
                raise DataError(
                    Message("{where}: its arrays would take {size} uncompressed; Layerwire reads at most {most}",
                            where=where, size=readable_bytes(total), most=readable_bytes(limit))
                )  # fmt: skip
            for info in infos:
                if info.file_size > BOMB_FLOOR and info.file_size > MAX_EXPANSION * max(info.compress_size, 1):
                    raise DataError(
                        Message("{where}: {name} claims {size} from {compressed:,} compressed bytes; refusing a likely "
                                "zip bomb", where=where, name=info.filename, size=readable_bytes(info.file_size),
                                compressed=info.compress_size)
                    )  # fmt: skip
            for info, name in zip(infos, names, strict=True):
                with zf.open(info) as f:  # zipfile stops at file_size and checks the CRC
                    out[name] = _read_array(f, f"{where}[{name!r}]", info.file_size, limit)
    except DataError:
        raise
    except _ZIP_ERRORS as exc:
        raise DataError(
            Message("{where} is not a readable .npz archive ({error})", where=where, error=str(exc)[:120])
        ) from None
    return out
