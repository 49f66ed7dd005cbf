"""Writers for JSON Lines, CSV and Parquet. Output is deterministic: same records, same bytes
(Parquet: same values; its footer names the pyarrow version).

Each file is written to a temporary sibling and renamed into place, so a failed export never
leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eventwire.export.flatten import Column, format_cell, typed_row


class ExportError(Exception):
    """The export cannot be written (bad format, missing or unwritable destination)."""


def check_destination(out: str | Path) -> Path:
    """Fail early, with a clear message, when ``out`` cannot be written."""
    path = Path(out)
    parent = path.parent
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory")
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path}: directory {parent} is not writable")
    return path


@contextmanager
def _atomic_path(out: str | Path) -> Iterator[Path]:
    """A temporary path beside ``out``, renamed onto ``out`` if the block succeeds."""
    path = check_destination(out)
    # A plain sibling name (not mkstemp) so the file gets the usual umask permissions.
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_text(out: str | Path, write: Callable[[IO[str]], None]) -> None:
    with _atomic_path(out) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        write(handle)


def write_jsonl(records: Sequence[dict[str, Any]], out: str | Path) -> int:
    """One JSON object per line, keys in record order, UTF-8 text kept as is."""

    def write(handle: IO[str]) -> None:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    write_text(out, write)
    return len(records)


def write_csv(rows: Sequence[dict[str, Any]], columns: tuple[Column, ...], out: str | Path) -> int:
    """Flat rows as CSV with a header; empty cell for a missing value, ``\\n`` line ends."""

    def write(handle: IO[str]) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([format_cell(value) for value in typed_row(row, columns)])

    write_text(out, write)
    return len(rows)


def write_parquet(rows: Sequence[dict[str, Any]], columns: tuple[Column, ...], out: str | Path) -> int:
    """Flat rows as a typed Parquet table (int64, float64, bool, string columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    typed = [typed_row(row, columns) for row in rows]
    arrays = [
        pa.array([row[i] for row in typed], type=arrow_types[kind]) for i, (_, kind) in enumerate(columns)
    ]
    table = pa.Table.from_arrays(arrays, names=[name for name, _ in columns])
    with _atomic_path(out) as tmp:
        pq.write_table(table, tmp)
    return len(rows)
