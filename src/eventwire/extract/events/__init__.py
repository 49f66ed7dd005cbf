"""Event stage: PLOVER event records from triggers, parse arguments, dates and modality.

First version (lexicon + dependency patterns); the event-coding issue replaces the trigger classifier
behind ``find_triggers`` while keeping this record-building code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.extract.events.arguments import find_arguments
from eventwire.extract.events.dating import date_event, modality_for
from eventwire.extract.events.plover import CAMEO_ROOT, QUAD, contexts_for, intensity
from eventwire.extract.events.triggers import Trigger, find_triggers, mode_for
from eventwire.records import Article, Event, Place, TimeExpression, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.extract.actors import DocEntities


def extract_events(
    doc: Doc,
    article: Article,
    entities: DocEntities,
    times: list[TimeExpression],
    places: list[Place],
) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple] = set()
    for index, sent in enumerate(doc.sents):
        for trigger in find_triggers(sent):
            event = _build_event(doc, article, entities, times, places, index, sent, trigger)
            if event is None:
                continue
            key = (event.event_type, event.trigger_span,
                   event.actor.entity_id if event.actor else None)
            if key in seen:
                continue
            seen.add(key)
            events.append(event)
    return events


def _build_event(doc, article, entities, times, places, index, sent, trigger: Trigger) -> Event | None:
    args = find_arguments(trigger, entities)
    if args.actor is None or (args.actor.country is None and args.actor.entity_id is None):
        return None  # an event needs an identifiable actor
    if args.recipient is not None and args.recipient.entity_id and args.recipient.entity_id == args.actor.entity_id:
        args.recipient = None
    event_type = trigger.entry.event_type
    mode = mode_for(trigger)
    sent_times = [t for t in times if t.sentence_index == index]
    dating = date_event(trigger, sent_times, article.pub_date)
    modality, modality_reasons = modality_for(trigger, dating, article.pub_date)
    location = _location(trigger, places, index)
    reasons = [*trigger.reasons, *args.reasons, *dating.reasons, *modality_reasons]
    confidence = 0.45 + (0.2 if args.actor.country else 0.0) + (0.15 if args.recipient else 0.0)
    confidence += 0.1 if trigger.token.pos_ == "VERB" or trigger.predicate is not trigger.token else 0.0
    trigger_start = trigger.token.idx
    # Hyphenated lexicon entries ("face-to-face") span several tokens.
    trigger_len = len(trigger.entry.lemma) if "-" in trigger.entry.lemma else len(trigger.token.text)
    event_id = stable_id(article.id, str(trigger.token.idx), event_type, prefix="ev")
    return Event(
        id=event_id,
        article_id=article.id,
        sentence_index=index,
        sentence=sent.text.strip(),
        event_type=event_type,
        trigger_text=doc[trigger.token.i : trigger.token.i + 5].text[:trigger_len],
        trigger_span=(trigger_start, trigger_start + trigger_len),
        actor=args.actor,
        recipient=args.recipient,
        mode=mode,
        contexts=contexts_for(sent.text),
        quad=QUAD[event_type],
        cameo_root=CAMEO_ROOT[event_type],
        intensity=intensity(event_type, mode),
        date=dating.value,
        date_precision=dating.precision,
        date_inherited=dating.inherited,
        date_span=dating.span,
        modality=modality,
        location=location,
        confidence=min(confidence, 0.95),
        reasons=reasons,
    )


def _location(trigger: Trigger, places: list[Place], sentence_index: int) -> Place | None:
    """The place the trigger governs through a locative preposition ("talks in Geneva"), else none."""
    pred = trigger.predicate
    for token in (trigger.token, pred):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near", "outside", "inside"}:
                for obj in prep.children:
                    for place in places:
                        if place.sentence_index == sentence_index and place.span[0] <= obj.idx < place.span[1]:
                            if place.feature in {"city", "admin1", "region"}:
                                return place
    return None


__all__ = ["extract_events"]
