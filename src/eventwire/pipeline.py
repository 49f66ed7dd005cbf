"""The extraction pipeline: parsed article -> entities, times, places, events, quotes.

Each stage is a function over typed records; this module only wires them together and times them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from eventwire.records import Article, ArticleResult, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.extract.events import EventConfig

STAGES = ("parse", "actors", "time", "places", "events", "quotes")


class StageTimer:
    """Accumulates wall-clock seconds per named stage (reported by `eventwire bench`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


def coerce_date(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def analyse(article: Article, doc: Doc, timer: StageTimer | None = None,
            events_config: EventConfig | None = None) -> ArticleResult:
    """Run every extractor over one parsed article (``events_config``: the event stage's, default
    :data:`eventwire.extract.events.DEFAULT_CONFIG`)."""
    from eventwire.extract.actors import attach_kb_ids, resolve_entities
    from eventwire.extract.events import DEFAULT_CONFIG, extract_events
    from eventwire.extract.places import extract_places
    from eventwire.extract.quotes import extract_quotes
    from eventwire.extract.time import extract_times
    from eventwire.nlp import doc_text, sentence_bounds

    timer = timer or StageTimer()
    result = ArticleResult(article=article)
    text = doc_text(doc)
    result.sentences = [Sentence(i, start, end, text[start:end])
                        for i, (_, _, start, end) in enumerate(sentence_bounds(doc))]
    with timer.stage("actors"):
        entities = resolve_entities(doc, article.pub_date, headline=article.title)
    result.entities = entities.entities
    with timer.stage("time"):
        result.times = extract_times(doc, article.pub_date)
    with timer.stage("places"):
        result.places = extract_places(doc, url=article.url)
    with timer.stage("events"):
        result.events = extract_events(doc, article, entities, result.times, result.places,
                                       events_config or DEFAULT_CONFIG)
    with timer.stage("quotes"):
        result.quotes = extract_quotes(doc, article, entities, result.events)
    with timer.stage("actors"):
        attach_kb_ids(result.entities, [a for e in result.events for a in (e.actor, e.recipient)]
                      + [q.speaker for q in result.quotes])
    return result


def _freeze_loaded_objects() -> None:
    """Move what is already loaded (the spaCy model, and the KB, gazetteer and model weights once a
    first article has loaded them) out of the garbage collector's sight: otherwise every full
    collection walks those millions of objects again, and the stages that allocate most pay for it."""
    import gc

    gc.collect()  # cheap once the model is frozen; keeps cyclic garbage out of the permanent generation
    gc.freeze()


def process_articles(
    articles: Iterable[Article], batch_size: int = 16, timer: StageTimer | None = None,
    events_config: EventConfig | None = None,
) -> Iterator[ArticleResult]:
    """Parse articles with ``nlp.pipe`` in batches and extract records from each."""
    from eventwire.nlp import load_nlp, remember_text

    nlp = load_nlp()
    _freeze_loaded_objects()
    timer = timer or StageTimer()
    batch: list[Article] = []

    def flush() -> Iterator[ArticleResult]:
        with timer.stage("parse"):
            docs = list(nlp.pipe([a.text for a in batch], batch_size=batch_size))
        for art, doc in zip(batch, docs, strict=True):
            remember_text(doc, art.text)
            yield analyse(art, doc, timer, events_config)
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def extract_text(
    text: str, pub_date: str | date | None = None, title: str = "", url: str = "",
    events_config: EventConfig | None = None,
) -> ArticleResult:
    """Extract records from a single text (the library API behind :func:`eventwire.extract`)."""
    from eventwire.ingest import article_id

    article = Article(
        id=article_id(url, text),  # the id ingest would give the same text, so both routes agree
        text=text,
        title=title,
        url=url,
        pub_date=coerce_date(pub_date),
        date_source="cli" if pub_date else "unknown",
        source="<text>",
    )
    return next(process_articles([article], batch_size=1, events_config=events_config))
