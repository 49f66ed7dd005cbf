"""Web pages (trafilatura) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.ingest.build import Found, drop_repeated_title, finish
from eventwire.ingest.config import IngestConfig
from eventwire.ingest.dates import parse_date
from eventwire.ingest.plain import apply_sidecar, read_sidecar
from eventwire.ingest.textio import (
    IngestProblem,
    check_not_binary,
    html_to_text,
    read_limited,
    read_text_file,
)
from eventwire.records import Article, IngestError

# Page metadata worth keeping (trafilatura also returns parse trees and the file's own mtime).
_HTML_METADATA_KEYS = ("author", "sitename", "hostname", "description", "language", "categories", "tags")
_FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")


def read_html(path: Path, cli_date: date | None, config: IngestConfig) -> Iterator[Article | IngestError]:
    import trafilatura

    decoded = read_text_file(path, config)
    try:
        document = trafilatura.bare_extraction(
            decoded.text,
            with_metadata=True,
            include_comments=False,
            # Only dates the page declares (meta tags, URL, time elements); a date guessed from the body
            # text is too often some other event's date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # lxml/trafilatura raise many kinds on broken markup
        raise IngestProblem(f"malformed HTML: {type(err).__name__}: {err}") from err
    if document is None:
        raise IngestProblem("no article body in HTML page (nothing extractable)")
    page: dict[str, Any] = document.as_dict()
    raw_text = page.get("text") or ""
    words = len(raw_text.split())
    if words < config.min_html_words:
        raise IngestProblem(
            f"no article body in HTML page (main text has {words} words, need at least {config.min_html_words})"
        )
    # trafilatura puts one paragraph per line; blank lines between them match the plain-text convention.
    text = "\n\n".join(line.strip() for line in raw_text.split("\n") if line.strip())
    title = page.get("title") or ""
    found = Found(
        text=drop_repeated_title(text, title),
        source=str(path),
        title=title,
        url=page.get("url") or "",
        metadata_date=page.get("date"),
        metadata={key: page[key] for key in _HTML_METADATA_KEYS if page.get(key)},
    )
    if decoded.encoding != "utf-8":
        found.metadata["encoding"] = decoded.encoding
    sidecar, sidecar_error = read_sidecar(path, config)
    if sidecar_error is not None:
        yield sidecar_error
    if sidecar is not None:
        apply_sidecar(found, sidecar, override_title=False)
    yield finish(found, cli_date, config)


def looks_like_feed(path: Path, config: IngestConfig) -> bool:
    """Whether an .xml file is an RSS/Atom/RDF feed (judged from its first few kilobytes)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(config.binary_sample_bytes)
    except OSError:
        return False
    lowered = head.decode("latin-1").lower()
    return any(marker in lowered for marker in _FEED_MARKERS)


def read_feed(path: Path, cli_date: date | None, config: IngestConfig) -> Iterator[Article | IngestError]:
    import feedparser

    data = read_limited(path, config)
    check_not_binary(data, config)
    # A file-like object: feedparser never mistakes it for a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.get("bozo"):
            raise IngestProblem(f"malformed feed: {parsed.get('bozo_exception')}")
        raise IngestProblem("feed has no entries")
    feed_title = parsed.feed.get("title", "")
    warning = str(parsed.get("bozo_exception")) if parsed.get("bozo") else ""
    for index, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(entry, f"{path}#{index}", feed_title, warning, cli_date, config)


def _entry_article(
    entry: Any, source: str, feed_title: str, warning: str, cli_date: date | None, config: IngestConfig
) -> Article | IngestError:
    # Full content when the feed carries it, else the summary.
    detail = entry["content"][0] if entry.get("content") else entry.get("summary_detail")
    value = (detail or {}).get("value") or entry.get("summary") or ""
    is_plain = (detail or {}).get("type") == "text/plain"
    text = value if is_plain else html_to_text(value)
    if not text.strip():
        return IngestError(source, "feed entry has no text (no content or summary)")
    metadata: dict[str, Any] = {}
    for key, name in (("id", "source_id"), ("author", "author")):
        if entry.get(key):
            metadata[name] = entry[key]
    if feed_title:
        metadata["feed_title"] = feed_title
    if warning:
        metadata["feed_warning"] = warning
    raw_date = entry.get("published") or entry.get("updated")
    # feedparser's own parse (UTC) is the fallback for date strings our parser does not read.
    parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
    found = Found(
        text=text,
        source=source,
        title=html_to_text(entry.get("title", "")),
        url=entry.get("link", ""),
        metadata_date=raw_date if raw_date and parse_date(raw_date) else parsed_date,
        metadata=metadata,
    )
    return finish(found, cli_date, config)

