"""The one way every format reads a file Layerwire did not write: as hostile, with one clear message.

    raw = read_bytes(path, limit)              # exists, is a file, is readable, is not larger than limit
    with opened(path, DataError) as (f, size): # the same checks, for readers that stream (.npy)
    value = parse_json(raw, where)             # UTF-8 JSON, no NaN or Infinity, bounded nesting

Each failure is one exception of the class the caller names (:class:`FileFormatError` for model
files, :class:`DataError` for data) whose message says what was expected and what was found.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graph_core.errors import FileFormatError, LayerwireError
from graph_core.messages import Message

#: Nesting deeper than this is refused before anything walks it (Keras configs nest about 10 levels).
MAX_JSON_DEPTH = 64


@contextmanager
def opened(path: Path, error: type[LayerwireError] = FileFormatError) -> Iterator[tuple[IO[bytes], int]]:
    """``path`` opened for reading, with its size; ``error`` if it is missing, a folder or unreadable."""
    try:
        if path.is_dir():
            raise error(Message("{path} is a folder, not a file", path=path))
        with open(path, "rb") as f:
            yield f, path.stat().st_size
    except FileNotFoundError:
        raise error(Message("{path} does not exist", path=path)) from None
    except IsADirectoryError:
        raise error(Message("{path} is a folder, not a file", path=path)) from None
    except PermissionError:
        raise error(Message("{path} cannot be read (permission denied)", path=path)) from None
    except OSError as exc:
        raise error(Message("{path} cannot be read ({error})", path=path, error=exc.strerror or exc)) from None


def read_bytes(path: Path, limit: int, error: type[LayerwireError] = FileFormatError) -> bytes:
    """The whole file, if it is at most ``limit`` bytes (checked before reading)."""
    with opened(path, error) as (f, size):
        if size > limit:
            raise error(
                Message("{path} is {mib:,.0f} MiB; Layerwire reads at most {most:,} MiB", path=path, mib=size / 2**20,
                        most=limit >> 20)
            )  # fmt: skip
        return f.read()


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(raw: bytes | str, where: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """JSON from untrusted bytes: no NaN, nesting at most ``max_depth``; one ``FileFormatError`` otherwise."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        value = json.loads(text, parse_constant=_no_constants)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FileFormatError(
            Message("{where}: expected JSON; found text that is not ({error})", where=where, error=str(exc))
        ) from None
    except RecursionError:
        raise FileFormatError(
            Message("{where}: the JSON nests deeper than {depth} levels", where=where, depth=max_depth)
        ) from None
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if depth > max_depth:
            raise FileFormatError(
                Message("{where}: the JSON nests deeper than {depth} levels", where=where, depth=max_depth)
            )
        if isinstance(v, dict):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
    return value
