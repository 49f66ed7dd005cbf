"""Export stage: stored events (and quotes) as PLOVER JSON Lines, CSV or Parquet.

``plover-jsonl`` writes each ``Event.to_dict(article)`` record as one line; ``csv`` and ``parquet``
write the flat columns of `eventwire.export.flatten`. Records come out in the store's order (article
publication date, article id, sentence, event id), so the same database always gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.export.flatten import (
    EVENT_COLUMNS,
    GROUP_COLUMNS,
    QUOTE_COLUMNS,
    flatten_event,
    flatten_quote,
)
from eventwire.export.writers import ExportError, check_destination, write_csv, write_jsonl, write_parquet

if TYPE_CHECKING:
    from eventwire.store import Store

FORMATS = ("plover-jsonl", "csv", "parquet")
# "jsonl" is accepted everywhere as a plain name for the JSON Lines format.
_ALIASES = {"jsonl": "plover-jsonl"}


def normalise_format(fmt: str) -> str:
    name = _ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if name not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return name


def group_records(records: Iterable[dict[str, Any]], groups: Mapping[str, str]) -> list[dict[str, Any]]:
    """One record per group of events (``groups``: event id -> group id; others stand alone).

    The group's first event in store order represents it, with a ``group`` object added that lists
    every member event and article.
    """
    members: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        members.setdefault(groups.get(record["id"], record["id"]), []).append(record)
    grouped = []
    for group_id, group in members.items():
        representative = dict(group[0])
        representative["group"] = {
            "id": group_id,
            "size": len(group),
            "event_ids": [r["id"] for r in group],
            "article_ids": list(dict.fromkeys(r["article_id"] for r in group)),
        }
        grouped.append(representative)
    return grouped


def write_events(
    records: Sequence[dict[str, Any]], fmt: str, out: str | Path, *, grouped: bool = False
) -> int:
    """Write event records (as returned by ``Store.events``) to ``out``; returns how many.

    Flat formats add the group columns when ``grouped`` or when records carry a ``group``.
    """
    fmt = normalise_format(fmt)
    if fmt == "plover-jsonl":
        return write_jsonl(records, out)
    columns = EVENT_COLUMNS
    if grouped or any("group" in record for record in records):
        columns = EVENT_COLUMNS + GROUP_COLUMNS
    rows = [flatten_event(record) for record in records]
    if fmt == "csv":
        return write_csv(rows, columns, out)
    return write_parquet(rows, columns, out)


def export(store: Store, fmt: str, out: str | Path, grouped: bool = False, **filters: Any) -> int:
    """Export the store's events to ``out`` in ``fmt`` (one of FORMATS); returns records written.

    ``grouped`` writes one record per group of events saved by the group stage. ``filters`` are
    passed to ``Store.events`` (actor, event_type, since, until, limit).
    """
    normalise_format(fmt)
    check_destination(out)  # before the query, so a bad path fails fast
    records = store.events(**filters)
    if grouped:
        records = group_records(records, store.event_groups())
    return write_events(records, fmt, out, grouped=grouped)


def export_quotes(store: Store, fmt: str, out: str | Path, **filters: Any) -> int:
    """Export the store's quotes (``Quote.to_dict(article)`` records); ``filters`` go to
    ``Store.quotes`` (speaker, about, limit)."""
    fmt = normalise_format(fmt)
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
    "QUOTE_COLUMNS",
    "ExportError",
    "export",
    "export_quotes",
    "group_records",
    "write_events",
]
