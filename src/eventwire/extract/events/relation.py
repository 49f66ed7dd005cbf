"""PLOVER type of the relation between a given source and target in a parsed sentence.

Used where the participants are already known (the PLV suite gives them): the question is only which
event links them. First version, lexicon + parse only (no trained model): the candidates are the lexicon
triggers of :func:`~eventwire.extract.events.triggers.find_triggers`, and the choice among them is, in order

1. a trigger on the dependency path between the source head and the target head ("A *condemned* B"),
   the one nearest the path's top (the main predicate linking them);
2. a trigger governing the source head (an ancestor of it: "A, *accused* by ..., B");
3. the trigger nearest (in tokens) to the source and target.

Triggers whose word lies inside the source or target span ("<t>the bombing of ...</t>") are only used
when no other trigger exists. Without any trigger the answer is ``None``.

Spans are ``(start, end)`` character offsets into ``sent.doc.text`` (the sentence's document).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.extract.events.plover import QUAD
from eventwire.extract.events.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extract.events.classifier import TypeEnsemble

CharSpan = tuple[int, int]

# The reason of a relation whose participants a lexicon trigger links: a trigger on the dependency path
# between the source and target heads.
LINKED = "relation:path"
# ENCODER_GATE: the optional encoder head (make install-encoder) votes only on relations that no lexicon
# trigger links: no trigger on the path between the participants, only one that governs or lies near
# them, or none at all. Where a trigger links them, the relation model reads the trigger, its path and its
# lexicon entry, and the encoder's reading of the whole sentence mostly adds PLV's sentence-level
# conventions ("could not agree" as REJECT, "agreed on a border" as SUPPORT), which retyped right news
# events in the Wikinews census. The news pipeline reads a candidate's participants off its trigger, so
# there the encoder never votes; it codes relations whose participants are given (PLV, `eventwire code`).


def code_relation(
    sent: Span, source: CharSpan | None, target: CharSpan | None
) -> tuple[str | None, int | None, list[str]]:
    """(PLOVER type, quad class, reasons) of the event linking ``source`` to ``target`` in ``sent``.

    Either span may be None (an implicit participant); the rules that need it are then skipped.
    """
    chosen, _, reasons = choose_trigger(sent, source, target)
    if chosen is None:
        return None, None, reasons
    event_type = chosen.entry.event_type
    return event_type, QUAD[event_type], [*reasons, *chosen.reasons]


def classify_relation(
    sent: Span, source: CharSpan | None, target: CharSpan | None, model: TypeEnsemble | None,
    encoder: bool = True,
) -> tuple[str | None, float, list[str]]:
    """(label, probability, reasons) from the trained classifier, over event labels only (no NONE).

    The label is in the model's label set (PLV's: YIELD for CONCEDE and RETREAT). Without a model this
    is the lexicon answer of :func:`code_relation` with probability 0. When the encoder is installed and
    ``encoder`` is left on, its head votes on relations no trigger links (:data:`ENCODER_GATE`); the
    reasons then say ``relation:encoder-voted``.
    """
    from eventwire.extract.events.classifier import NOT_EVENT, decide_type, model_label

    if model is None:
        chosen, _, reasons = choose_trigger(sent, source, target)
        return (chosen.entry.event_type if chosen else None), 0.0, [*reasons, *(chosen.reasons if chosen else [])]
    features, words, chosen, reasons = relation_inputs(sent, source, target)
    allowed = {label for label in model.labels if label != NOT_EVENT}
    voted = encoder and model.uses_encoder and LINKED not in reasons  # ENCODER_GATE
    probabilities = model.probabilities(features, words, sent.text if voted else None)
    label, probability, decided = decide_type(probabilities, model_label(chosen), allowed)
    return label, probability, [*reasons, *(chosen.reasons if chosen else []), *decided,
                                *(["relation:encoder-voted"] if voted else [])]


def relation_inputs(
    sent: Span, source: CharSpan | None, target: CharSpan | None
) -> tuple[list[str], str, Trigger | None, list[str]]:
    """(relation-model features, word-model text, the lexicon trigger chosen for the relation, reasons): what
    training, the PLV suite and :func:`classify_relation` all feed the models, computed one way."""
    from eventwire.extract.events.classifier import relation_features, relation_words

    chosen, triggers, reasons = choose_trigger(sent, source, target)
    return (relation_features(sent, source, target, chosen, triggers),
            relation_words(sent, source, target, chosen, triggers), chosen, reasons)


def choose_trigger(
    sent: Span, source: CharSpan | None, target: CharSpan | None
) -> tuple[Trigger | None, list[Trigger], list[str]]:
    """(the trigger linking the two, all triggers of the sentence, reasons), by the rules above."""
    triggers = find_triggers(sent)
    if not triggers:
        return None, [], ["relation:no-trigger"]
    source_head = _head(sent, source)
    target_head = _head(sent, target)
    inside = _span_tokens(sent, source) | _span_tokens(sent, target)
    outside = [t for t in triggers if t.token.i not in inside]
    pool = outside or triggers
    reasons = [] if outside else ["relation:trigger-inside-argument"]

    chosen: Trigger | None = None
    if source_head is not None and target_head is not None:
        chosen = _on_path(pool, source_head, target_head)
        if chosen is not None:
            reasons.append(LINKED)
    if chosen is None:
        for head, role in ((source_head, "source"), (target_head, "target")):
            if head is not None:
                chosen = _governing(pool, head)
                if chosen is not None:
                    reasons.append(f"relation:governs-{role}")
                    break
    if chosen is None:
        anchors = [h.i for h in (source_head, target_head) if h is not None] or [sent.root.i]
        chosen = min(pool, key=lambda t: (min(abs(t.token.i - a) for a in anchors), t.token.i))
        reasons.append("relation:nearest")
    return chosen, triggers, reasons


def _head(sent: Span, span: CharSpan | None) -> Token | None:
    """The syntactic head of a character span (expanded to whole tokens), or None."""
    if span is None:
        return None
    tokens = sent.doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    return tokens.root


def _span_tokens(sent: Span, span: CharSpan | None) -> set[int]:
    if span is None:
        return set()
    tokens = sent.doc.char_span(span[0], span[1], alignment_mode="expand")
    return {t.i for t in tokens} if tokens is not None else set()


def _ancestor_chain(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:  # compare indices: spaCy makes a new Token on each access
        chain.append(chain[-1].head)
    return chain


def _on_path(triggers: list[Trigger], source: Token, target: Token) -> Trigger | None:
    up = _ancestor_chain(source)
    down = _ancestor_chain(target)
    down_ids = [t.i for t in down]
    top = next((t for t in up if t.i in down_ids), None)
    if top is None:  # different sentences: no path
        return None
    up_part = [t.i for t in up[: [t.i for t in up].index(top.i) + 1]]
    down_part = down_ids[: down_ids.index(top.i)]
    # Distance from the path's top: the main predicate joining the two wins over embedded ones.
    depth = {i: n for n, i in enumerate(reversed(up_part))}
    for n, i in enumerate(reversed(down_part), start=1):
        depth.setdefault(i, n)
    best: tuple[int, Trigger] | None = None
    for trigger in triggers:
        hits = [depth[t.i] for t in (trigger.predicate, trigger.token) if t.i in depth]
        if hits and (best is None or min(hits) < best[0]):
            best = (min(hits), trigger)
    return best[1] if best else None


def _governing(triggers: list[Trigger], head: Token) -> Trigger | None:
    """The trigger nearest above ``head`` in the tree."""
    chain = [t.i for t in _ancestor_chain(head)[1:]]
    best: tuple[int, Trigger] | None = None
    for trigger in triggers:
        hits = [chain.index(t.i) for t in (trigger.predicate, trigger.token) if t.i in chain]
        if hits and (best is None or min(hits) < best[0]):
            best = (min(hits), trigger)
    return best[1] if best else None
