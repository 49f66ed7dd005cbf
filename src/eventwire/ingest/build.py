"""Turning what a reader found into an Article: ids, date precedence, size and emptiness checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from eventwire.ingest.config import IngestConfig
from eventwire.ingest.dates import parse_date
from eventwire.ingest.textio import normalise_text
from eventwire.records import Article, IngestError, stable_id

# Field names that carry the main Article fields in JSON records, sidecars and feeds.
TEXT_FIELDS = ("text",)
TITLE_FIELDS = ("title",)
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("date", "published", "pubDate", "pub_date")
ID_FIELDS = ("id",)


@dataclass
class Found:
    """An article as a reader found it, before ids and dates are settled."""

    text: str
    source: str
    title: str = ""
    url: str = ""
    metadata_date: Any = None  # the date written in the document or its record
    sidecar_date: Any = None  # the date in a NAME.json beside NAME.txt
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecordFields:
    """The main fields of a JSON object; everything else stays as metadata."""

    text: Any = None
    title: str = ""
    url: str = ""
    date: Any = None
    source_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def split_record(obj: dict[str, Any]) -> RecordFields:
    fields = RecordFields()
    used: set[str] = set()

    def first(names: tuple[str, ...]) -> Any:
        for name in names:
            if obj.get(name) not in (None, ""):
                used.add(name)
                return obj[name]
        return None

    fields.text = first(TEXT_FIELDS)
    fields.title = _as_str(first(TITLE_FIELDS))
    fields.url = _as_str(first(URL_FIELDS))
    fields.date = first(DATE_FIELDS)
    source_id = first(ID_FIELDS)
    fields.source_id = None if source_id is None else str(source_id)
    # Empty alternatives (e.g. "link": "" beside "url") are dropped with the used ones.
    skipped = set(TEXT_FIELDS + TITLE_FIELDS + URL_FIELDS + DATE_FIELDS + ID_FIELDS)
    fields.metadata = {k: v for k, v in obj.items() if k not in used and not (k in skipped and v in (None, ""))}
    return fields


def _as_str(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def article_id(url: str, text: str) -> str:
    """The article id: a hash of the url when there is one, else of the whitespace-normalised text.

    Never of the path or of an id given in the input, so the same article read again (from another
    file, another format, or with different paragraph spacing) gets the same id and replaces the
    earlier copy in the store instead of duplicating it.
    """
    if url.strip():
        return stable_id(url.strip(), prefix="a")
    return stable_id(" ".join(text.split()), prefix="a")


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def drop_repeated_title(text: str, title: str) -> str:
    """Remove the title when it is also the first line of the body (as in copied wire stories)."""
    stripped = text.lstrip("\n")
    first_line, _, rest = stripped.partition("\n")
    if title and _same_line(first_line, title):
        return rest.lstrip("\n")
    return text


def finish(found: Found, cli_date: date | None, config: IngestConfig) -> Article | IngestError:
    text = normalise_text(found.text)
    # Outer blank space carries nothing; stripping it before offsets exist is harmless.
    text = text.strip("\n").rstrip()
    if not text.strip():
        return IngestError(found.source, "no article text (empty after reading)")
    size = len(text.encode("utf-8"))
    if size > config.max_article_bytes:
        return IngestError(
            found.source, f"article too large: {size:,} bytes of text (limit {config.max_article_bytes:,} bytes)"
        )
    metadata = dict(found.metadata)
    pub_date, date_source = _settle_date(found, cli_date, metadata)
    url = found.url.strip()
    return Article(
        id=article_id(url, text),
        text=text,
        title=" ".join(found.title.split()),
        url=url,
        pub_date=pub_date,
        date_source=date_source,
        source=found.source,
        metadata=metadata,
    )


def _settle_date(found: Found, cli_date: date | None, metadata: dict[str, Any]) -> tuple[date | None, str]:
    """Precedence: the --date given by the user, the document's own metadata, the sidecar, unknown."""
    candidates: list[tuple[Any, str]] = [(found.metadata_date, "metadata"), (found.sidecar_date, "sidecar")]
    parsed: list[tuple[date, str]] = []
    for raw, origin in candidates:
        if raw in (None, ""):
            continue
        value = parse_date(raw)
        if value is None:
            metadata.setdefault("unparsed_date", str(raw))
        else:
            parsed.append((value, origin))
    if cli_date is not None:
        if parsed:
            metadata.setdefault("source_date", parsed[0][0].isoformat())
        return (cli_date.date() if isinstance(cli_date, datetime) else cli_date), "cli"
    if parsed:
        return parsed[0]
    return None, "unknown"
