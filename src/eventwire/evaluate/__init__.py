"""Evaluation harness: one module per gold suite, each scoring the real pipeline.

Every suite module exposes ``KEYS`` (the JSON keys it reports) and
``evaluate(path, limit=None, errors_path=None) -> dict``. See docs/evaluation.md.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SUITES = ("plv", "gsr", "polnear", "timeml", "geo", "ecbplus")


class GoldFormatError(ValueError):
    """A gold file that cannot be read: names the file and, when known, the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line


def iter_json_objects(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL gold file; bad lines raise GoldFormatError."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(path, f"cannot read: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(path, f"invalid JSON: {exc.msg}", number) from exc
        if not isinstance(row, dict):
            raise GoldFormatError(path, "expected a JSON object", number)
        yield number, row


def run_suite(
    name: str, path: str | Path, limit: int | None = None, errors_path: str | Path | None = None, **options: Any
) -> dict[str, Any]:
    """Run one suite; ``options`` are suite-specific keywords (``cv``/``seed`` for plv)."""
    if name not in SUITES:
        raise ValueError(f"unknown suite {name!r}; choose one of {', '.join(SUITES)}")
    module = importlib.import_module(f"eventwire.evaluate.{name}")
    path = Path(path)
    if not path.exists():
        raise GoldFormatError(path, "no such file or directory")
    return module.evaluate(path, limit=limit, errors_path=errors_path, **options)
