"""Turn one ArticleResult into table rows (plain tuples in column order), and date helpers."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from typing import Any

from eventwire.records import Actor, ArticleResult

# Column order of the tuples built by `result_rows`; inserts name these columns explicitly.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "url", "pub_date", "date_source", "source", "text", "metadata"),
    "sentences": ("article_id", "sentence_index", "start_char", "end_char"),
    "events": (
        "id", "article_id", "sentence_index", "event_type", "mode", "quad", "cameo_root", "intensity",
        "actor_text", "actor_name", "actor_country", "actor_sector",
        "recipient_text", "recipient_name", "recipient_country", "recipient_sector",
        "date", "date_first_day", "date_precision", "modality", "location_name", "location_country",
        "confidence", "record",
    ),
    "quotes": (
        "id", "article_id", "sentence_index", "speaker_text", "speaker_name", "speaker_country", "kind",
        "content", "event_id", "confidence", "record",
    ),
    "actors": ("article_id", "entity_id", "name", "kind", "country", "sector", "mentions", "reasons", "kb_id"),
    "places": (
        "article_id", "ordinal", "name", "geonameid", "lat", "lon", "country", "admin1", "feature",
        "span_start", "span_end", "sentence_index", "confidence", "reasons",
    ),
    "times": (
        "article_id", "ordinal", "text", "type", "value", "precision", "span_start", "span_end",
        "sentence_index", "record",
    ),
}

# A date or partial date, optionally followed by a time ("2021-12-30T10:00").
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")


def to_json(value: Any) -> str:
    """Compact, key-order-preserving JSON; the same value always gives the same text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of an ISO date or partial date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``).

    Returns None for anything else (durations, vague references, malformed text).
    """
    if not value:
        return None
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        exact = date(year, month, day)
        return exact, exact
    except ValueError:
        return None


def _actor_columns(actor: Actor | None) -> tuple[str | None, str | None, str | None, str | None]:
    if actor is None:
        return None, None, None, None
    return actor.text, actor.name, actor.country, actor.sector


def result_rows(result: ArticleResult) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for every per-article table, in the column order of `schema.py`."""
    article = result.article
    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [
            (
                article.id,
                article.title,
                article.url,
                article.pub_date,
                article.date_source,
                article.source,
                article.text,
                to_json(article.metadata),
            )
        ],
        "sentences": [(article.id, s.index, s.start, s.end) for s in result.sentences],
    }
    rows["events"] = []
    for event in result.events:
        bounds = date_bounds(event.date)
        location = event.location
        rows["events"].append(
            (
                event.id,
                article.id,
                event.sentence_index,
                event.event_type,
                event.mode,
                event.quad,
                event.cameo_root,
                event.intensity,
                *_actor_columns(event.actor),
                *_actor_columns(event.recipient),
                event.date,
                bounds[0] if bounds else None,
                event.date_precision,
                event.modality,
                location.name if location else None,
                location.country if location else None,
                round(event.confidence, 3),
                to_json(event.to_dict(article)),
            )
        )
    rows["quotes"] = [
        (
            quote.id,
            article.id,
            quote.sentence_index,
            *_actor_columns(quote.speaker)[:3],
            quote.kind,
            quote.content_text,
            quote.event_id,
            round(quote.confidence, 3),
            to_json(quote.to_dict(article)),
        )
        for quote in result.quotes
    ]
    rows["actors"] = [
        (
            article.id,
            entity.id,
            entity.name,
            entity.kind,
            entity.country,
            entity.sector,
            to_json([list(span) for span in entity.mentions]),
            to_json(list(entity.reasons)),
            entity.kb_id,
        )
        for entity in result.entities
    ]
    rows["places"] = [
        (
            article.id,
            ordinal,
            place.name,
            place.geonameid,
            place.lat,
            place.lon,
            place.country,
            place.admin1,
            place.feature,
            place.span[0],
            place.span[1],
            place.sentence_index,
            round(place.confidence, 3),
            to_json(list(place.reasons)),
        )
        for ordinal, place in enumerate(result.places)
    ]
    rows["times"] = [
        (
            article.id,
            ordinal,
            timex.text,
            timex.type,
            timex.value,
            timex.precision,
            timex.span[0],
            timex.span[1],
            timex.sentence_index,
            to_json(timex.to_dict()),
        )
        for ordinal, timex in enumerate(result.times)
    ]
    return rows
