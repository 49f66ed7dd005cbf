"""Relation coding: the PLOVER type of the event linking two given participants in a sentence.

This is PLV's task, and that of an analyst who already knows the dyad (re-coding ICEWS or GDELT records
from their sentence and actors, or checking a hand-coded set): the participants are given, so only the
type is asked. It uses the news pipeline's classifier, plus the optional encoder head where no lexicon
trigger links the two (:data:`~eventwire.extract.events.relation.ENCODER_GATE`).

Each input row is a mapping with ``sentence`` and ``source``/``target``, each either a substring of the
sentence (its first occurrence) or ``[start, end]`` character offsets, or null for an implicit
participant. A bad row gives a row with ``error`` and coding goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.extract.events.plover import CAMEO_ROOT, QUAD

CharSpan = tuple[int, int]
BATCH_SIZE = 64


class RowError(ValueError):
    """A row that cannot be coded, with the reason."""


def participant_span(sentence: str, value: Any, role: str) -> CharSpan | None:
    """Character offsets of a participant given as a substring or as ``[start, end]``."""
    if value is None:
        return None
    if isinstance(value, str):
        start = sentence.find(value) if value.strip() else -1
        if start < 0:
            raise RowError(f"{role} {value!r} is not in the sentence")
        return start, start + len(value)
    if (isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value)
            and 0 <= value[0] < value[1] <= len(sentence)):
        return value[0], value[1]
    raise RowError(f"{role} must be a substring of the sentence, [start, end] offsets or null, not {value!r}")


def parse_jsonl(lines: Iterable[str]) -> Iterator[Any]:
    """The JSON value of each non-blank line; a :class:`RowError` in place of a line that is not JSON."""
    import json

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except ValueError as exc:
            yield RowError(f"line {number}: not JSON ({exc})")


def _checked(row: Any) -> tuple[str, CharSpan | None, CharSpan | None]:
    if isinstance(row, RowError):
        raise row
    if not isinstance(row, dict):
        raise RowError("a row must be a JSON object")
    sentence = row.get("sentence")
    if not isinstance(sentence, str) or not sentence.strip():
        raise RowError("a row needs a non-empty 'sentence'")
    return (sentence, participant_span(sentence, row.get("source"), "source"),
            participant_span(sentence, row.get("target"), "target"))


def code_relations(rows: Iterable[Any], encoder: bool = True) -> Iterator[dict[str, Any]]:
    """Each row with its coding added: ``event_type`` (PLOVER), ``quad_class``, ``cameo_root``,
    ``probability``, ``source_span``, ``target_span`` and ``reasons``; or with ``error``."""
    from eventwire.extract.events import split_yield
    from eventwire.extract.events.classifier import YIELD, shipped_model
    from eventwire.extract.events.relation import choose_trigger, classify_relation
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    model = shipped_model()
    batch: list[tuple[Any, tuple | None, str | None]] = []

    def flush() -> Iterator[dict[str, Any]]:
        docs = iter(nlp.pipe((checked[0] for _, checked, _ in batch if checked is not None), batch_size=BATCH_SIZE))
        for row, checked, error in batch:
            out = dict(row) if isinstance(row, dict) else {} if isinstance(row, RowError) else {"row": row}
            if checked is None:
                yield {**out, "error": error}
                continue
            _, source, target = checked
            sent = next(docs)[:]
            label, probability, reasons = classify_relation(sent, source, target, model, encoder=encoder)
            if label == YIELD:  # PLV's merged class, split as the pipeline splits it
                label, split = split_yield(choose_trigger(sent, source, target)[0])
                reasons = [*reasons, *split]
            yield {**out, "event_type": label, "quad_class": QUAD.get(label) if label else None,
                   "cameo_root": CAMEO_ROOT.get(label) if label else None,
                   "probability": round(probability, 4), "source_span": list(source) if source else None,
                   "target_span": list(target) if target else None, "reasons": reasons}
        batch.clear()

    for row in rows:
        try:
            batch.append((row, _checked(row), None))
        except RowError as exc:
            batch.append((row, None, str(exc)))
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


__all__ = ["RowError", "code_relations", "parse_jsonl", "participant_span"]
