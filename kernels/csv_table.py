"""CSV tables: the columns of a .csv file described, and the file read as features and a target.

    table = describe_csv(path)      # header, rows, each column: number or text, its distinct texts
    x, y, classes = read_csv(path, target="species", features=["length", "colour"])

A table has a header row. With no choice of columns, every column but the target (default the
last) is a feature and must hold numbers. Chosen feature columns may hold text: each becomes
one-hot columns, one per distinct value in sorted order (``colour=blue``, ``colour=red``). A
text target becomes class labels 0..k-1, ``classes`` naming them in sorted order.
Two passes over the file: the first describes it, the second fills arrays allocated once.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph_core.errors import DataError
from graph_core.messages import Message
from graph_core.model import DTYPE

#: Limits of a .csv data file: its size, its columns and the length of one cell.
MAX_CSV_BYTES = 1 << 30
MAX_CSV_COLUMNS = 100_000
MAX_CSV_FIELD = 1 << 16
#: Most distinct texts a target column may hold (its classes), and a feature column (its one-hot columns).
MAX_CLASSES = 10_000
MAX_ONE_HOT = 256
_FLOAT32_MAX = float(np.finfo(np.float32).max)


@dataclass(frozen=True)
class CsvColumn:
    """One column: ``kind`` ``"number"`` or ``"text"`` (some non-empty cell is not a number).

    ``values``: a text column's distinct texts, sorted, when there are at most :data:`MAX_CLASSES`
    (else empty); ``distinct`` their count (``MAX_CLASSES + 1`` for more). ``first_text``: the line and
    cell of the first text, ``first_empty``: the line of the first empty cell, or None.
    """

    name: str
    kind: str
    values: tuple[str, ...] = ()
    distinct: int = 0
    first_text: tuple[int, str] | None = None
    first_empty: int | None = None

    @property
    def one_hot(self) -> tuple[str, ...]:
        """The names of the columns this one becomes as a feature: itself, or ``name=value`` per value."""
        return tuple(f"{self.name}={v}" for v in self.values) if self.kind == "text" else (self.name,)


@dataclass(frozen=True)
class CsvTable:
    path: Path
    columns: tuple[CsvColumn, ...]
    rows: int

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> CsvColumn:
        for c in self.columns:
            if c.name == name:
                return c
        raise DataError(
            Message("{source} has no column {target!r}; it has {names}", source=self.path, target=name,
                    names=", ".join(self.names[:20]))
        )  # fmt: skip


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` of the non-blank rows; ``DataError`` for text that is not a CSV table."""
    csv.field_size_limit(MAX_CSV_FIELD)
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            for row in reader:
                if len(row) > MAX_CSV_COLUMNS:
                    raise DataError(
                        Message("{path} line {line} has {count:,} columns; Layerwire reads at most {most:,}",
                                path=path, line=reader.line_num, count=len(row), most=MAX_CSV_COLUMNS)
                    )  # fmt: skip
                if any(cell.strip() for cell in row):
                    yield reader.line_num, row
    except UnicodeDecodeError:
        raise DataError(Message("{path} is not UTF-8 text", path=path)) from None
    except csv.Error as exc:
        raise DataError(Message("{path} is not a readable CSV table ({error})", path=path, error=str(exc))) from None


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def describe_csv(path: Path | str) -> CsvTable:
    """The header, the number of data rows and each column's kind and distinct texts (one pass)."""
    from graph_core.model import readable_bytes

    path = Path(path)
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise DataError(
            Message("{path} is {size}; Layerwire reads CSV files of at most {most} (use .npy or .npz for more)",
                    path=path, size=readable_bytes(size), most=readable_bytes(MAX_CSV_BYTES))
        )  # fmt: skip
    rows = _csv_rows(path)
    first = next(rows, None)
    header = [] if first is None else [h.strip() for h in first[1]]
    seen: list[set[str]] = [set() for _ in header]
    first_text: list[tuple[int, str] | None] = [None] * len(header)
    first_empty: list[int | None] = [None] * len(header)
    count = 0
    for line, row in rows:
        if len(row) != len(header):
            raise DataError(
                Message("{path} line {line}: expected {want} values as in the header; found {found}", path=path,
                        line=line, want=len(header), found=len(row))
            )  # fmt: skip
        count += 1
        for c, cell in enumerate(row):
            cell = cell.strip()
            if not cell:
                if first_empty[c] is None:
                    first_empty[c] = line
                continue
            if len(seen[c]) <= MAX_CLASSES:
                seen[c].add(cell)
            if first_text[c] is None and not _is_number(cell):
                first_text[c] = (line, cell)
    if first is None or count < 1:
        raise DataError(Message("{path} needs a header row and at least one row of data", path=path))
    columns = []
    for c, name in enumerate(header):
        if first_text[c] is None:
            columns.append(CsvColumn(name, "number", first_empty=first_empty[c]))
            continue
        values = tuple(sorted(seen[c])) if len(seen[c]) <= MAX_CLASSES else ()
        columns.append(CsvColumn(name, "text", values, len(seen[c]), first_text[c], first_empty[c]))
    return CsvTable(path, tuple(columns), count)


def _chosen(table: CsvTable, target: str | None, features: Sequence[str] | None) -> tuple[int, list[int]]:
    """The target's index and the features' indices (in the file's order), or the message why not."""
    path, names = table.path, table.names
    if target is not None:
        table.column(target)
    if len(names) < 2:
        raise DataError(
            Message("{path} needs feature columns and a target column; found {count} column", path=path,
                    count=len(names))
        )  # fmt: skip
    t = names.index(target) if target is not None else len(names) - 1
    if features is None:
        picked = [c for c in range(len(names)) if c != t]
        for c in picked:  # without a choice, features are numbers, as they always were
            if table.columns[c].first_text is not None:
                line, cell = table.columns[c].first_text  # type: ignore[misc]
                raise DataError(
                    Message("{path} line {line}, column {column!r}: expected a number; found {cell!r}", path=path,
                            line=line, column=names[c], cell=cell[:40])
                )  # fmt: skip
    else:
        wanted = {table.column(name).name for name in features}
        picked = [c for c, name in enumerate(names) if name in wanted and c != t]
        if not picked:
            raise DataError(
                Message("{path}: no feature column is left besides the target {target!r}; choose at least one",
                        path=path, target=names[t])
            )  # fmt: skip
    for c in [*picked, t]:
        col = table.columns[c]
        if col.first_empty is not None:
            raise DataError(
                Message("{path} line {line}, column {column!r}: the value is empty", path=path, line=col.first_empty,
                        column=col.name)
            )  # fmt: skip
        if c != t and col.kind == "text" and col.distinct > MAX_ONE_HOT:
            held = f"{col.distinct:,}" if col.distinct <= MAX_CLASSES else Message("more than {most:,}",
                                                                                    most=MAX_CLASSES)  # fmt: skip
            raise DataError(
                Message("{path}: column {column!r} holds {count} different texts; one-hot columns are made for at "
                        "most {most}", path=path, column=col.name, count=held, most=MAX_ONE_HOT)
            )  # fmt: skip
    target_col = table.columns[t]
    if target_col.kind == "text" and target_col.distinct > MAX_CLASSES:
        raise DataError(
            Message("{path}: the target column {column!r} holds more than {most:,} different texts; expected "
                    "numbers or at most {most:,} class names", path=path, column=target_col.name, most=MAX_CLASSES)
        )  # fmt: skip
    return t, picked


def feature_names(table: CsvTable, target: str | None, features: Sequence[str] | None) -> list[str]:
    """The names of the columns the features become, in order (one-hot ones as ``name=value``)."""
    _, picked = _chosen(table, target, features)
    return [n for c in picked for n in table.columns[c].one_hot]


def read_csv(path: Path | str, target: str | None = None, features: Sequence[str] | None = None,
             limit: int | None = None) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:  # fmt: skip
    """``(x float32 (rows, width), y, classes)``: ``y`` int64 labels (a text target's, named by ``classes``;
    whole numbers) or float32 values. ``limit``: the most bytes ``x`` may take."""
    from graph_core.model import readable_bytes

    table = describe_csv(path)
    path = table.path
    t, picked = _chosen(table, target, features)
    width = sum(len(table.columns[c].one_hot) for c in picked)
    nbytes = table.rows * width * np.dtype(DTYPE).itemsize
    if limit is not None and nbytes > limit:
        raise DataError(
            Message("{path}: {rows:,} rows of {features:,} features would take {size}; Layerwire reads at most {most}",
                    path=path, rows=table.rows, features=width, size=readable_bytes(nbytes),
                    most=readable_bytes(limit))
        )  # fmt: skip
    starts, at = {}, 0
    for c in picked:
        starts[c], at = at, at + len(table.columns[c].one_hot)
    hot = {c: {v: k for k, v in enumerate(table.columns[c].values)} for c in picked if table.columns[c].kind == "text"}
    x = np.zeros((table.rows, width), DTYPE)
    y_cells: list[str] = []
    rows = _csv_rows(path)
    next(rows)
    for r, (line, row) in enumerate(rows):
        if r >= table.rows or len(row) != len(table.columns):
            raise DataError(Message("{path} changed while it was read", path=path))
        y_cells.append(row[t].strip())
        for c in picked:
            cell = row[c].strip()
            if c in hot:
                k = hot[c].get(cell)
                if k is None:
                    raise DataError(Message("{path} changed while it was read", path=path))
                x[r, starts[c] + k] = 1.0
                continue
            v = float(cell)
            if not np.isfinite(v) or abs(v) > _FLOAT32_MAX:
                raise DataError(
                    Message("{path} line {line}, column {column!r}: expected a finite number; found {cell!r}",
                            path=path, line=line, column=table.columns[c].name, cell=cell[:40])
                )  # fmt: skip
            x[r, starts[c]] = v
    if len(y_cells) != table.rows:
        raise DataError(Message("{path} changed while it was read", path=path))
    target_col = table.columns[t]
    if target_col.kind == "text":  # class names in sorted order
        index = {name: k for k, name in enumerate(target_col.values)}
        return x, np.array([index[c] for c in y_cells], np.int64), target_col.values
    yv = np.array([float(c) for c in y_cells])
    if not np.isfinite(yv).all():
        raise DataError(
            Message("{path}: the target column {column!r} holds NaN or infinite values", path=path,
                    column=target_col.name)
        )  # fmt: skip
    return x, labels_or_values(yv), ()


def labels_or_values(col: np.ndarray) -> np.ndarray:
    """Whole-number targets become int64 labels, others stay float32 values."""
    if col.dtype.kind in "iub":
        return col.astype(np.int64)
    if np.all(col == np.round(col)) and np.abs(col).max(initial=0) < 2**31:
        return col.astype(np.int64)
    return col.astype(DTYPE)
