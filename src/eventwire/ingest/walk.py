"""Walking the given paths and sending each file to the reader for its format."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from eventwire.ingest.config import IngestConfig
from eventwire.ingest.plain import is_sidecar, read_plain
from eventwire.ingest.structured import read_json, read_jsonl
from eventwire.ingest.textio import IngestProblem
from eventwire.ingest.web import looks_like_feed, read_feed, read_html
from eventwire.records import Article, IngestError

Item = Article | IngestError
Reader = Callable[[Path, date | None, IngestConfig], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,  # only when it is a feed (checked before reading)
}


def iter_articles(
    paths: Iterable[str | Path] | str | Path,
    date: date | None = None,
    config: IngestConfig | None = None,
) -> Iterator[Item]:
    """Articles from files and directories, with an IngestError for each item that cannot be read.

    Directories are walked recursively in sorted order, skipping hidden files and folders and files of
    unsupported types; a path named explicitly with an unsupported type is reported. ``date`` (the
    user's --date) overrides every publication date found in the input. Never raises for bad input.
    """
    config = config or IngestConfig()
    cli_date = date.date() if isinstance(date, datetime) else date
    if isinstance(paths, str | Path):
        paths = [paths]
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, IngestError):
                    yield file
                else:
                    yield from _read_file(file, cli_date, config, seen, explicit=False)
        elif path.is_file():
            yield from _read_file(path, cli_date, config, seen, explicit=True)
        elif path.is_symlink():
            yield IngestError(str(path), "broken symbolic link (its target does not exist)")
        elif path.exists():
            yield IngestError(str(path), "not a regular file or directory")
        else:
            yield IngestError(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Path | IngestError]:
    unreadable: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        yield from _folder_errors(unreadable)
        # Sorted in place, hidden ones removed: os.walk then descends deterministically.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(folder) / name
    yield from _folder_errors(unreadable)


def _folder_errors(unreadable: list[OSError]) -> Iterator[IngestError]:
    for err in unreadable:
        yield IngestError(str(err.filename), f"cannot read directory: {err.strerror or err}")
    unreadable.clear()


def _read_file(path: Path, cli_date: date | None, config: IngestConfig, seen: set[Path], explicit: bool) -> Iterator[Item]:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as err:  # symlink loops
        yield IngestError(str(path), f"cannot resolve path: {err}")
        return
    if resolved in seen:
        return  # named twice (or inside a named directory too): read once
    seen.add(resolved)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        if explicit:
            supported = ", ".join(sorted(READERS))
            yield IngestError(str(path), f"unsupported file type '{suffix or path.name}' (supported: {supported})")
        return
    if suffix == ".json" and is_sidecar(path):
        return  # metadata for NAME.txt/.md/.html, read with it
    if suffix == ".xml" and not looks_like_feed(path, config):
        if explicit:
            yield IngestError(str(path), "XML file is not an RSS/Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
        return
    try:
        yield from reader(path, cli_date, config)
    except IngestProblem as problem:
        yield IngestError(str(path), str(problem))
    except OSError as err:
        yield IngestError(str(path), f"cannot read file: {err.strerror or err}")
    except Exception as err:  # a reader bug or a library failure must not end the whole run
        yield IngestError(str(path), f"unexpected {type(err).__name__} while reading: {err}")
