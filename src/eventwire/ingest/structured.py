"""JSON (one object or a list) and JSON Lines files of article records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.ingest.build import Found, finish, split_record
from eventwire.ingest.config import IngestConfig
from eventwire.ingest.textio import IngestProblem, check_not_binary, decode_bytes, read_limited
from eventwire.records import Article, IngestError

_CHUNK = 1 << 16


def record_to_article(
    obj: Any, source: str, cli_date: date | None, config: IngestConfig, encoding: str = "utf-8"
) -> Article | IngestError:
    if not isinstance(obj, dict):
        return IngestError(source, f"expected a JSON object with a 'text' field, got {type(obj).__name__}")
    fields = split_record(obj)
    if fields.text is None:
        return IngestError(source, "record has no text (missing or empty 'text' field)")
    if not isinstance(fields.text, str):
        return IngestError(source, f"record 'text' must be a string, got {type(fields.text).__name__}")
    found = Found(
        text=fields.text, source=source, title=fields.title, url=fields.url, metadata_date=fields.date,
        metadata=fields.metadata,
    )
    if fields.source_id is not None:
        found.metadata["source_id"] = fields.source_id
    if encoding != "utf-8":
        found.metadata["encoding"] = encoding
    return finish(found, cli_date, config)


def read_json(path: Path, cli_date: date | None, config: IngestConfig) -> Iterator[Article | IngestError]:
    data = read_limited(path, config)
    check_not_binary(data, config)
    decoded = decode_bytes(data)
    try:
        parsed = json.loads(decoded.text.removeprefix("\ufeff"))
    except json.JSONDecodeError as err:
        raise IngestProblem(f"malformed JSON: {err}") from err
    if isinstance(parsed, list):
        if not parsed:
            raise IngestProblem("JSON list holds no records")
        for index, obj in enumerate(parsed):
            yield record_to_article(obj, f"{path}[{index}]", cli_date, config, decoded.encoding)
    else:
        yield record_to_article(parsed, str(path), cli_date, config, decoded.encoding)


def read_jsonl(path: Path, cli_date: date | None, config: IngestConfig) -> Iterator[Article | IngestError]:
    """Streamed line by line, so a large JSONL corpus never sits in memory; each line is its own item."""
    if path.stat().st_size == 0:
        raise IngestProblem("empty file (0 bytes)")
    with path.open("rb") as handle:
        for lineno, line in _limited_lines(handle, config.max_article_bytes):
            source = f"{path}:{lineno}"
            if line is None:
                yield IngestError(source, f"line too large (over {config.max_article_bytes:,} bytes)")
                continue
            if not line.strip():
                continue
            if b"\x00" in line:
                yield IngestError(source, "binary data (NUL bytes) in line, not JSON")
                continue
            decoded = decode_bytes(line)
            try:
                obj = json.loads(decoded.text.removeprefix("\ufeff"))
            except json.JSONDecodeError as err:
                yield IngestError(source, f"malformed JSON line: {err}")
                continue
            yield record_to_article(obj, source, cli_date, config, decoded.encoding)


def _limited_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; a line over ``limit`` bytes comes back as None and is skipped unread."""
    lineno = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = handle.readline(_CHUNK)
            yield lineno, None
            continue
        yield lineno, line
