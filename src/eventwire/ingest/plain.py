"""Plain text and Markdown files, with optional NAME.json sidecar metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from eventwire.ingest.build import Found, RecordFields, drop_repeated_title, finish, split_record
from eventwire.ingest.config import IngestConfig
from eventwire.ingest.textio import IngestProblem, read_limited, read_text_file
from eventwire.records import Article, IngestError

# Document formats that may have a NAME.json sidecar beside them.
SIDECAR_OWNER_SUFFIXES = (".txt", ".md", ".html", ".htm")


def sidecar_for(path: Path) -> Path:
    return path.with_suffix(".json")


def is_sidecar(json_path: Path) -> bool:
    """A NAME.json is a sidecar (metadata, not an article) when a NAME.txt/.md/.html sits beside it."""
    return any(json_path.with_suffix(suffix).is_file() for suffix in SIDECAR_OWNER_SUFFIXES)


def read_sidecar(path: Path, config: IngestConfig) -> tuple[RecordFields | None, IngestError | None]:
    """The sidecar's fields, or an error describing why it could not be used (the article still counts)."""
    sidecar = sidecar_for(path)
    if not sidecar.is_file():
        return None, None
    try:
        obj = json.loads(read_limited(sidecar, config).decode("utf-8-sig"))
    except (IngestProblem, OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return None, IngestError(str(sidecar), f"unusable sidecar metadata ({err}); article read without it")
    if not isinstance(obj, dict):
        return None, IngestError(str(sidecar), "unusable sidecar metadata: expected a JSON object")
    return split_record(obj), None


def split_title(text: str, config: IngestConfig, markdown: bool = False) -> tuple[str, str]:
    """(title, body): the first line is a title when a blank line and then more text follow it
    and it is short enough. A lone line (with or without trailing blank lines) is text, not a title."""
    stripped = text.lstrip("\n")
    first_line, _, rest = stripped.partition("\n")
    next_line, blank_follows, _ = rest.partition("\n")
    if not blank_follows or next_line.strip() or not first_line.strip() or not rest.strip():
        return "", text
    title = first_line.strip()
    if markdown:
        title = title.lstrip("#").strip()
    if len(title) > config.max_title_chars:
        return "", text
    return title, rest.lstrip("\n")


def read_plain(path: Path, cli_date: date | None, config: IngestConfig) -> Iterator[Article | IngestError]:
    decoded = read_text_file(path, config)
    sidecar, sidecar_error = read_sidecar(path, config)
    if sidecar_error is not None:
        yield sidecar_error
    first_line_title, body = split_title(decoded.text, config, markdown=path.suffix.lower() == ".md")
    body = drop_repeated_title(body, first_line_title)
    found = Found(text=body, source=str(path), title=first_line_title)
    if decoded.encoding != "utf-8":
        found.metadata["encoding"] = decoded.encoding
    if sidecar is not None:
        apply_sidecar(found, sidecar)
    yield finish(found, cli_date, config)


def apply_sidecar(found: Found, sidecar: RecordFields, override_title: bool = True) -> None:
    """Sidecar fields fill what the document lacks; its date only ever counts as the sidecar date.

    ``override_title``: a plain text's first line is only a guessed title, so the sidecar's wins; a web
    page's own title is metadata and is kept.
    """
    if sidecar.title:
        found.text = drop_repeated_title(found.text, sidecar.title)
        if override_title or not found.title:
            found.title = sidecar.title
    found.url = found.url or sidecar.url
    found.sidecar_date = sidecar.date
    if sidecar.source_id is not None:
        found.metadata.setdefault("source_id", sidecar.source_id)
    for key, value in sidecar.metadata.items():
        if key != "text":  # a sidecar describes the text; it does not replace it
            found.metadata.setdefault(key, value)
