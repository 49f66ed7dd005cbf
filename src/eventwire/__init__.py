"""eventwire: political events, quotes, dates and places from news text, with evidence.

The public Python API is :func:`analyse_text` (not ``extract``: that name is the extractor subpackage,
which Python binds on this package once it is imported); heavy imports (spaCy, DuckDB) are deferred until used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from datetime import date

    from eventwire.records import ArticleResult


def analyse_text(text: str, date: str | date | None = None, *, title: str = "", url: str = "", **kwargs: Any) -> ArticleResult:
    """Run the whole extraction pipeline on one text and return its records.

    ``date`` is the publication date (``YYYY-MM-DD`` or a ``datetime.date``); without it relative
    time expressions stay unresolved.
    """
    from eventwire.pipeline import extract_text

    return extract_text(text, pub_date=date, title=title, url=url, **kwargs)


__all__ = ["analyse_text", "__version__"]
