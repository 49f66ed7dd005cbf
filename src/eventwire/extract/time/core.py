"""The small types the recogniser's rules share: a rule, the context it resolves in, its result."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from eventwire.extract.time.tense import tense_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A match may not start inside a word or a number, nor end inside one ("1990s", "1,990.5").
LEFT_EDGE = r"(?<![\w$£€'])"
RIGHT_EDGE = r"(?!\w|[.,]\d)"
FORWARD_WORDS = {"until", "till", "through", "thru", "by", "to", "effective", "payable", "record", "expire",
                 "expires", "deadline", "starting", "beginning", "from"}


@dataclass
class Resolution:
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    mod: str | None = None
    anchored: bool = True
    # False for values copied from an earlier mention ("a year earlier"): later anaphora should still
    # refer to the date the text is about, not to the comparison period.
    is_reference: bool = True


@dataclass
class Context:
    """What a rule may look at when it normalises one match."""

    doc: Doc
    dct: date | None
    start: int
    end: int
    last_value: str | None = None  # the latest calendar value before this match (for "that day")

    @cached_property
    def tense(self) -> str | None:
        return tense_at(self.doc, self.start, self.end)

    def direction(self, present_means: str | None = None) -> str | None:
        """past / future for choosing between calendar candidates; present tense maps to ``present_means``.

        Deadlines and effective dates ("payable Dec. 7", "extended to Nov. 20", "through January") hang off
        a past-tense verb but usually lie ahead, so after such words the nearest candidate wins (None).
        """
        before = re.search(r"([A-Za-z]+)\W*$", self.doc.text[max(0, self.start - 30):self.start])
        if before and before.group(1).lower() in FORWARD_WORDS:
            return None
        t = self.tense
        if t == "present":
            return present_means
        return t


Resolver = Callable[[re.Match, Context], Resolution | None]
Checker = Callable[[re.Match, "TokenView"], bool]


@dataclass(frozen=True)
class Rule:
    code: str  # short reason code, e.g. "date.month_day"
    pattern: str
    resolve: Resolver
    check: Checker | None = None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(LEFT_EDGE + "(?:" + self.pattern + ")" + RIGHT_EDGE, re.IGNORECASE)


@dataclass
class TokenView:
    """Token-level evidence for filtering candidates: tags, entities and neighbours of a char span."""

    doc: Doc
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [t.idx for t in self.doc]

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def previous_word(self, start: int) -> str:
        import bisect

        i = bisect.bisect_left(self._starts, start) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return self.doc[i].lower_ if i >= 0 else ""

    def next_token(self, end: int) -> Token | None:
        import bisect

        i = bisect.bisect_left(self._starts, end)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return self.doc[i] if i < len(self.doc) else None


def unanchored(kind: str, mod: str | None = None) -> Resolution:
    """A relative expression whose value needs the document date, which is unknown."""
    return Resolution(kind, None, mod, anchored=False)
