"""Flatten nested event and quote records into typed columns for CSV and Parquet.

The column lists are the contract of the flat formats: append new columns at the end.
"""

from __future__ import annotations

from typing import Any

# Column kinds: "str", "int", "float", "bool". Lists (contexts, reasons, ids) are joined by ";".
Column = tuple[str, str]

LIST_SEPARATOR = ";"


def _party_columns(prefix: str) -> list[Column]:
    return [
        (f"{prefix}_text", "str"),
        (f"{prefix}_name", "str"),
        (f"{prefix}_country", "str"),
        (f"{prefix}_sector", "str"),
        (f"{prefix}_start", "int"),
        (f"{prefix}_end", "int"),
        (f"{prefix}_entity_id", "str"),
    ]


EVENT_COLUMNS: tuple[Column, ...] = (
    ("id", "str"),
    ("article_id", "str"),
    ("event_type", "str"),
    ("mode", "str"),
    ("contexts", "str"),
    ("quad", "int"),
    ("cameo_root", "str"),
    ("intensity", "float"),
    *_party_columns("actor"),
    *_party_columns("recipient"),
    ("date", "str"),
    ("date_precision", "str"),
    ("date_inherited", "bool"),
    ("date_span_start", "int"),
    ("date_span_end", "int"),
    ("modality", "str"),
    ("location_name", "str"),
    ("location_lat", "float"),
    ("location_lon", "float"),
    ("location_country", "str"),
    ("location_geonameid", "int"),
    ("location_admin1", "str"),
    ("location_feature", "str"),
    ("location_precision", "str"),
    ("sentence_index", "int"),
    ("sentence", "str"),
    ("trigger_text", "str"),
    ("trigger_start", "int"),
    ("trigger_end", "int"),
    ("confidence", "float"),
    ("reasons", "str"),
    ("pub_date", "str"),
    ("url", "str"),
    ("title", "str"),
    ("actor_kb_id", "str"),
    ("recipient_kb_id", "str"),
)

# Extra columns of grouped exports (one row per group of events reporting the same happening).
GROUP_COLUMNS: tuple[Column, ...] = (
    ("group_id", "str"),
    ("group_size", "int"),
    ("group_event_ids", "str"),
    ("group_article_ids", "str"),
    ("group_num_mentions", "int"),
    ("group_num_articles", "int"),
    ("group_num_sources", "int"),
    ("group_first_seen", "str"),
    ("group_last_seen", "str"),
)

QUOTE_COLUMNS: tuple[Column, ...] = (
    ("id", "str"),
    ("article_id", "str"),
    ("kind", "str"),
    *_party_columns("speaker"),
    ("cue_text", "str"),
    ("cue_start", "int"),
    ("cue_end", "int"),
    ("content_text", "str"),
    ("content_start", "int"),
    ("content_end", "int"),
    ("sentence_index", "int"),
    ("confidence", "float"),
    ("event_id", "str"),
    ("reasons", "str"),
    ("pub_date", "str"),
    ("url", "str"),
    ("title", "str"),
    ("cue_class", "str"),
    ("speaker_kb_id", "str"),
)


def _joined(values: Any) -> str | None:
    if values is None:
        return None
    return LIST_SEPARATOR.join(str(v) for v in values)


def _span(span: Any, index: int) -> int | None:
    return span[index] if span else None


def _party(prefix: str, party: dict[str, Any] | None) -> dict[str, Any]:
    party = party or {}
    span = party.get("span")
    return {
        f"{prefix}_text": party.get("text"),
        f"{prefix}_name": party.get("name"),
        f"{prefix}_country": party.get("country"),
        f"{prefix}_sector": party.get("sector"),
        f"{prefix}_start": _span(span, 0),
        f"{prefix}_end": _span(span, 1),
        f"{prefix}_entity_id": party.get("entity_id"),
    }


def flatten_event(record: dict[str, Any]) -> dict[str, Any]:
    """One ``Event.to_dict(article)`` record (optionally with a ``group``) as flat typed values."""
    location = record.get("location") or {}
    trigger = record.get("trigger") or {}
    date_span = record.get("date_span")
    flat = {
        "id": record.get("id"),
        "article_id": record.get("article_id"),
        "event_type": record.get("event_type"),
        "mode": record.get("mode"),
        "contexts": _joined(record.get("contexts")),
        "quad": record.get("quad"),
        "cameo_root": record.get("cameo_root"),
        "intensity": record.get("intensity"),
        **_party("actor", record.get("actor")),
        **_party("recipient", record.get("recipient")),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "date_inherited": record.get("date_inherited"),
        "date_span_start": _span(date_span, 0),
        "date_span_end": _span(date_span, 1),
        "modality": record.get("modality"),
        "location_name": location.get("name"),
        "location_lat": location.get("lat"),
        "location_lon": location.get("lon"),
        "location_country": location.get("country"),
        "location_geonameid": location.get("geonameid"),
        "location_admin1": location.get("admin1"),
        "location_feature": location.get("feature"),
        "location_precision": location.get("precision"),
        "sentence_index": record.get("sentence_index"),
        "sentence": record.get("sentence"),
        "trigger_text": trigger.get("text"),
        "trigger_start": _span(trigger.get("span"), 0),
        "trigger_end": _span(trigger.get("span"), 1),
        "confidence": record.get("confidence"),
        "reasons": _joined(record.get("reasons")),
        "pub_date": record.get("pub_date"),
        "url": record.get("url"),
        "title": record.get("title"),
        "actor_kb_id": (record.get("actor") or {}).get("kb_id"),
        "recipient_kb_id": (record.get("recipient") or {}).get("kb_id"),
    }
    group = record.get("group")
    if group is not None:
        flat.update(
            group_id=group.get("id"),
            group_size=group.get("num_records", group.get("size")),
            group_event_ids=_joined(group.get("event_ids")),
            group_article_ids=_joined(group.get("article_ids")),
            group_num_mentions=group.get("num_mentions"),
            group_num_articles=group.get("num_articles"),
            group_num_sources=group.get("num_sources"),
            group_first_seen=group.get("first_seen"),
            group_last_seen=group.get("last_seen"),
        )
    return flat


def flatten_quote(record: dict[str, Any]) -> dict[str, Any]:
    """One ``Quote.to_dict(article)`` record as flat typed values."""
    cue = record.get("cue") or {}
    content = record.get("content") or {}
    return {
        "id": record.get("id"),
        "article_id": record.get("article_id"),
        "kind": record.get("kind"),
        **_party("speaker", record.get("speaker")),
        "cue_text": cue.get("text"),
        "cue_start": _span(cue.get("span"), 0),
        "cue_end": _span(cue.get("span"), 1),
        "content_text": content.get("text"),
        "content_start": _span(content.get("span"), 0),
        "content_end": _span(content.get("span"), 1),
        "sentence_index": record.get("sentence_index"),
        "confidence": record.get("confidence"),
        "event_id": record.get("event_id"),
        "reasons": _joined(record.get("reasons")),
        "pub_date": record.get("pub_date"),
        "url": record.get("url"),
        "title": record.get("title"),
        "cue_class": record.get("cue_class"),
        "speaker_kb_id": (record.get("speaker") or {}).get("kb_id"),
    }


def format_cell(value: Any) -> str:
    """Text of one flat value: the same value always gives the same text, on every platform."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # repr gives the shortest round-tripping digits, so rounding first fixes the width.
        return repr(round(value, 6))
    return str(value)


def _coerce(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    if kind == "bool":
        return bool(value)
    return str(value)


def typed_row(flat: dict[str, Any], columns: tuple[Column, ...]) -> list[Any]:
    """Values of ``flat`` in column order, each coerced to its column's kind (an int intensity
    becomes a float), so CSV and Parquet show the same value the same way."""
    return [_coerce(flat.get(name), kind) for name, kind in columns]
