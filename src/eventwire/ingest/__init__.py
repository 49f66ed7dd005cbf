"""Ingest stage: files and directories of news articles -> :class:`~eventwire.records.Article` records.

Formats: .txt/.md (with an optional NAME.json sidecar), .html/.htm, .json/.jsonl, RSS/Atom feeds.
Bad input becomes an :class:`~eventwire.records.IngestError` item; the iterator itself never raises.
"""

from eventwire.ingest.build import article_id
from eventwire.ingest.config import IngestConfig
from eventwire.ingest.dates import parse_date
from eventwire.ingest.walk import iter_articles

__all__ = ["IngestConfig", "article_id", "iter_articles", "parse_date"]
