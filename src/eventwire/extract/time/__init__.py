"""Time-expression stage: find TIMEX3-style dates, times, durations and sets in a parsed article and
normalise them against the publication date.

Recognition is a set of regex rules over the document text (``rules_calendar``, ``rules_relative``,
``rules_spans``), filtered with the spaCy tags where a word is ambiguous ("May", "fall", "2000 people");
normalisation uses the governing verb's tense (``tense``) to choose between past and future readings.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.nlp import doc_text, sentence_bounds
from eventwire.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.extract.time.core import Rule

__all__ = ["extract_times"]


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    from eventwire.extract.time import rules_calendar, rules_relative, rules_spans

    return tuple(rules_calendar.RULES + rules_relative.RULES + rules_spans.RULES)


def _candidates(text: str, view) -> list[tuple[int, int, Rule, re.Match]]:
    """All rule matches, then the longest non-overlapping ones (earlier rules win ties)."""
    found = []
    for order, rule in enumerate(_rules()):
        for m in rule.regex.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), order, rule, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _, rule, m in found:
        if any(start < e and s < end for s, e in taken):
            continue
        if rule.check is not None and not rule.check(m, view):
            continue
        taken.append((start, end))
        chosen.append((start, end, rule, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


def extract_times(doc: Doc, pub_date: date | None) -> list[TimeExpression]:
    """Time expressions in ``doc`` with TIMEX3 values resolved against ``pub_date``.

    Without a ``pub_date`` the expressions that need one keep their type but get ``value=None`` and
    ``anchored=False``.
    """
    from eventwire.extract.time.calendar import precision_of
    from eventwire.extract.time.core import Context, TokenView

    text = doc_text(doc)
    view = TokenView(doc)
    sentence_starts = [b[2] for b in sentence_bounds(doc)]
    last_value: str | None = None
    results: list[TimeExpression] = []
    for start, end, rule, m in _candidates(text, view):
        ctx = Context(doc=doc, dct=pub_date, start=start, end=end, last_value=last_value)
        resolution = rule.resolve(m, ctx)
        if resolution is None:
            continue
        value = resolution.value
        if resolution.end is not None and start < resolution.end < end:
            end = len(text[:resolution.end].rstrip())
        if value and resolution.is_reference and resolution.type in ("DATE", "TIME") and re.match(r"\d{4}", value):
            last_value = value
        results.append(
            TimeExpression(
                text=text[start:end],
                span=(start, end),
                type=resolution.type,
                value=value,
                precision=precision_of(value),
                anchored=resolution.anchored,
                sentence_index=max(0, bisect.bisect_right(sentence_starts, start) - 1),
                mod=resolution.mod,
                reasons=[rule.code] + ([f"tense.{ctx.tense}"] if "tense" in ctx.__dict__ else []),
            )
        )
    return results
