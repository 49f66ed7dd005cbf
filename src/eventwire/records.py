"""Typed records that flow between the pipeline stages.

Every span is a ``(start, end)`` pair of character offsets into ``Article.text``.
``to_dict`` gives the JSON shape used by the store and the exports (see docs/schema.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]

SCHEMA_VERSION = 1

# Event modality values (PLOVER auxiliary modes plus the default).
MODALITIES = ("asserted", "future", "historical", "hypothetical", "negated")
DATE_PRECISIONS = ("day", "month", "year", "unknown")


def stable_id(*parts: str, prefix: str = "") -> str:
    """A short, deterministic id: same inputs, same id, in every process."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}{digest}"


@dataclass
class Article:
    """One input document after ingest."""

    id: str
    text: str
    title: str = ""
    url: str = ""
    pub_date: date | None = None
    # Where pub_date came from: "cli", "metadata", "sidecar" or "unknown".
    date_source: str = "unknown"
    source: str = ""  # path (and line or entry) the article was read from
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "pub_date": self.pub_date.isoformat() if self.pub_date else None,
            "date_source": self.date_source,
            "source": self.source,
            "text": self.text,
            "metadata": self.metadata,
        }


@dataclass
class IngestError:
    """A per-item failure: the run reports it and goes on."""

    source: str
    reason: str


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """A document-level entity: all mentions of one person, organisation or place."""

    id: str
    name: str  # canonical (longest proper) name, or a description for unnamed sources
    kind: str  # PERSON, ORG, GPE, NORP, LOC, UNNAMED
    country: str | None = None  # ISO-3166 alpha-3, or IGO/NGO/MNC/...
    sector: str | None = None  # PLOVER sector: GOV, MIL, ...
    mentions: list[Span] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # The knowledge-base entry it matched: a Wikidata id ("Q7747") for imported people, "ew:person:...",
    # "ew:org:..." for the shipped tables, "iso3166:RUS" for a country (or its capital as metonym).
    kb_id: str | None = None


@dataclass
class Actor:
    """A mention as used in a record (event actor/recipient, quote speaker), resolved to an entity."""

    text: str
    span: Span
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    entity_id: str | None = None
    reasons: list[str] = field(default_factory=list)
    kb_id: str | None = None  # the entity's knowledge-base entry (see Entity.kb_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "kb_id": self.kb_id,
            "span": list(self.span),
            "entity_id": self.entity_id,
        }


@dataclass
class TimeExpression:
    text: str
    span: Span
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TIMEX3 value, e.g. 2021-12-30, 2021-06, P2W, PAST_REF; None if unresolved
    precision: str = "unknown"  # day, month, year, decade, century, time, duration, vague, unknown
    anchored: bool = True  # False when the value needed a document date that was unknown
    sentence_index: int = -1
    mod: str | None = None  # TIMEX3 mod: START, END, MID, APPROX, ...
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Place:
    name: str
    span: Span
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO-3166 alpha-3
    admin1: str | None = None
    feature: str | None = None  # city, admin1, country, region, continent
    sentence_index: int = -1
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def precision(self) -> str:
        return {"city": "city", "admin1": "region", "region": "region"}.get(self.feature or "", "country")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "span": list(self.span),
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "feature": self.feature,
            "precision": self.precision,
            "sentence_index": self.sentence_index,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Event:
    id: str
    article_id: str
    sentence_index: int
    sentence: str
    event_type: str  # one of the 16 PLOVER types
    trigger_text: str
    trigger_span: Span
    actor: Actor | None = None
    recipient: Actor | None = None
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    quad: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    cameo_root: str | None = None  # two-digit CAMEO root, e.g. "04"
    intensity: float | None = None  # PLOVER conflict-cooperation score, -10..10
    date: str | None = None  # ISO date or partial date (YYYY-MM, YYYY)
    date_precision: str = "unknown"
    date_inherited: bool = False  # True when the date is the publication date, not the event's own words
    date_span: Span | None = None
    modality: str = "asserted"
    location: Place | None = None
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def to_dict(self, article: Article | None = None) -> dict[str, Any]:
        d = {
            "id": self.id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "quad": self.quad,
            "cameo_root": self.cameo_root,
            "intensity": self.intensity,
            "actor": self.actor.to_dict() if self.actor else None,
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_inherited": self.date_inherited,
            "date_span": list(self.date_span) if self.date_span else None,
            "modality": self.modality,
            "location": self.location.to_dict() if self.location else None,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "trigger": {"text": self.trigger_text, "span": list(self.trigger_span)},
            "confidence": round(self.confidence, 3),
            "reasons": list(self.reasons),
        }
        if article is not None:
            d["pub_date"] = article.pub_date.isoformat() if article.pub_date else None
            d["url"] = article.url
            d["title"] = article.title
        return d


@dataclass
class Quote:
    id: str
    article_id: str
    speaker: Actor | None
    cue_text: str
    cue_span: Span | None
    content_text: str
    content_span: Span
    kind: str  # direct, indirect, mixed
    sentence_index: int = -1
    confidence: float = 0.0
    event_id: str | None = None
    reasons: list[str] = field(default_factory=list)
    # speech ("said", quotations), thought ("believes") or act ("withdrew"): see extract.quotes.cue_class
    cue_class: str = "speech"

    def to_dict(self, article: Article | None = None) -> dict[str, Any]:
        d = {
            "id": self.id,
            "article_id": self.article_id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": {"text": self.cue_text, "span": list(self.cue_span) if self.cue_span else None},
            "content": {"text": self.content_text, "span": list(self.content_span)},
            "kind": self.kind,
            "cue_class": self.cue_class,
            "sentence_index": self.sentence_index,
            "confidence": round(self.confidence, 3),
            "event_id": self.event_id,
            "reasons": list(self.reasons),
        }
        if article is not None:
            d["pub_date"] = article.pub_date.isoformat() if article.pub_date else None
            d["url"] = article.url
            d["title"] = article.title
        return d


@dataclass
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
