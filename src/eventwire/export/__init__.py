"""Export stage: stored events (and quotes) as PLOVER JSON Lines, CSV, Parquet or GDELT-style TSV.

``plover-jsonl`` writes each ``Event.to_dict(article)`` record as one line; ``csv`` and ``parquet``
write the flat columns of `eventwire.export.flatten`; ``gdelt-tsv`` writes GDELT 2.0 event rows, one
per event group (`eventwire.export.gdelt`). Records come out in the store's order (article
publication date, article id, sentence, event id), so the same database always gives the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.export.flatten import (
    EVENT_COLUMNS,
    GROUP_COLUMNS,
    QUOTE_COLUMNS,
    flatten_event,
    flatten_quote,
)
from eventwire.export.gdelt import GDELT_COLUMNS, write_gdelt_tsv
from eventwire.export.writers import ExportError, check_destination, write_csv, write_jsonl, write_parquet

if TYPE_CHECKING:
    from eventwire.store import Store

FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt-tsv")
# "jsonl" is accepted everywhere as a plain name for the JSON Lines format.
_ALIASES = {"jsonl": "plover-jsonl", "gdelt": "gdelt-tsv"}
# Formats of event records only.
EVENT_ONLY_FORMATS = ("gdelt-tsv",)


def normalise_format(fmt: str) -> str:
    name = _ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if name not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return name


def write_events(
    records: Sequence[dict[str, Any]], fmt: str, out: str | Path, *, grouped: bool = False
) -> int:
    """Write event records (as returned by ``Store.events``) to ``out``; returns how many.

    Flat formats add the group columns when ``grouped`` or when records carry a ``group``.
    """
    fmt = normalise_format(fmt)
    if fmt == "plover-jsonl":
        return write_jsonl(records, out)
    if fmt == "gdelt-tsv":
        return write_gdelt_tsv(records, out)
    columns = EVENT_COLUMNS
    if grouped or any("group" in record for record in records):
        columns = EVENT_COLUMNS + GROUP_COLUMNS
    rows = [flatten_event(record) for record in records]
    if fmt == "csv":
        return write_csv(rows, columns, out)
    return write_parquet(rows, columns, out)


def export(store: Store, fmt: str, out: str | Path, grouped: bool = False, **filters: Any) -> int:
    """Export the store's events to ``out`` in ``fmt`` (one of FORMATS); returns records written.

    ``grouped`` writes one record per event group (`Store.grouped_events`), with the group's counts;
    ``gdelt-tsv`` is always grouped. ``filters`` are passed to ``Store.events`` (actor, event_type,
    since, until, limit).
    """
    fmt = normalise_format(fmt)
    check_destination(out)  # before the query, so a bad path fails fast
    grouped = grouped or fmt == "gdelt-tsv"
    records = store.grouped_events(**filters) if grouped else store.events(**filters)
    return write_events(records, fmt, out, grouped=grouped)


def export_quotes(store: Store, fmt: str, out: str | Path, **filters: Any) -> int:
    """Export the store's quotes (``Quote.to_dict(article)`` records); ``filters`` go to
    ``Store.quotes`` (speaker, about, limit, cue_classes)."""
    fmt = normalise_format(fmt)
    if fmt in EVENT_ONLY_FORMATS:
        raise ExportError(f"{fmt} holds events only; export quotes as plover-jsonl, csv or parquet")
    check_destination(out)
    records = store.quotes(**filters)
    if fmt == "plover-jsonl":
        return write_jsonl(records, out)
    rows = [flatten_quote(record) for record in records]
    if fmt == "csv":
        return write_csv(rows, QUOTE_COLUMNS, out)
    return write_parquet(rows, QUOTE_COLUMNS, out)


__all__ = [
    "EVENT_COLUMNS",
    "FORMATS",
    "GDELT_COLUMNS",
    "QUOTE_COLUMNS",
    "ExportError",
    "export",
    "export_quotes",
    "write_events",
]
