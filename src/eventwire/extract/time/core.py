"""The small types the recogniser's rules share: a rule, the context it resolves in, its result."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from eventwire.extract.time.tense import governing_verb, tense_at
from eventwire.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A match may not start inside a word or a number, nor end inside one ("1990s", "1,990.5").
LEFT_EDGE = r"(?<![\w$£€'])"
RIGHT_EDGE = r"(?!\w|[.,]\d)"
FORWARD_WORDS = {"until", "till", "through", "thru", "by", "to", "effective", "payable", "record", "expire",
                 "expires", "deadline", "starting", "beginning", "from"}

# Verbs whose object or complement is set for a later day ("scheduled a news conference Thursday").
SCHEDULING_VERBS = {"schedule", "reschedule", "postpone", "slate", "adjourn", "defer"}
INTENTION_VERBS = {"plan", "intend", "expect", "hope", "aim"}
# "could" and "can" are left out: "could not be located Wednesday" is the past of "can". "would" is the
# reported future ("said the father would be travelling Thursday"); "would have" looks back (leans_forward).
TENTATIVE_MODALS = {"might", "may", "should", "would"}


@dataclass
class Resolution:
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    mod: str | None = None
    anchored: bool = True
    # False for values copied from an earlier mention ("a year earlier"): later anaphora should still
    # refer to the date the text is about, not to the comparison period.
    is_reference: bool = True
    # Where the expression really ends when the rule's match runs past it ("three days| later").
    end: int | None = None


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

    @cached_property
    def after_since(self) -> bool:
        """After "since" ("searching since shortly after the Oct. 23 slaying"), with no verb or clause break
        between: the time lies before the sentence's now. Read off the words, as the parser often hangs
        "since" and the phrase after it off the verb separately."""
        span = self.doc.char_span(self.start, self.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        for token in reversed(self.doc[max(0, span.start - 6):span.start]):
            if token.lower_ == "since":
                return True
            if token.pos_ in ("VERB", "AUX") or token.is_punct:
                return False
        return False

    def direction(self, present_means: str | None = None) -> str | None:
        """past / future for choosing between calendar candidates; present tense maps to ``present_means``.

        Deadlines and effective dates ("payable Dec. 7", "extended to Nov. 20", "through January") hang off
        a past-tense verb but usually lie ahead, so after such words the nearest candidate wins (None).
        """
        before = re.search(r"([A-Za-z]+)\W*$", doc_text(self.doc)[max(0, self.start - 30):self.start])
        if before and before.group(1).lower() in FORWARD_WORDS:
            return None
        if self.after_since:
            return "past"
        t = self.tense
        if t == "present":
            return present_means
        return t

    def leans_forward(self) -> bool:
        """Cues that a weekday named alone lies ahead whatever the verb's tense: a deadline or earliest-date
        phrase ("until Tuesday", "as early as Friday"), a tentative modal ("might come Tuesday"), a verb of
        scheduling ("has scheduled a news conference Thursday") or a present-tense plan ("plans to ...")."""
        verb = governing_verb(self.doc, self.start, self.end)
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"} if verb is not None else set()
        if aux & {"had", "'d"} or (aux & TENTATIVE_MODALS and "have" in aux):
            return False  # "Until Thursday, they had not ...", "may have been responsible": perfects look back
        before = " ".join(re.findall(r"[a-z']+", doc_text(self.doc)[max(0, self.start - 40):self.start].lower())[-4:])
        if re.search(r"(?:\b(?:until|till|by|through|effective|expires?|deadline|starting)|\bas (?:soon|early) as"
                     r"|\bno later than|\bnot before)(?: (?:on|late|early|noon|midnight))?$", before):
            return True
        if verb is None:
            return False
        if verb.lemma_.lower() in SCHEDULING_VERBS:
            return True
        if verb.lemma_.lower() in INTENTION_VERBS and verb.tag_ in ("VBZ", "VBP", "VBG"):
            return True  # "On Tuesday, the league plans to ..." (but "planned ... on Friday" is when it was planned)
        return bool(aux & TENTATIVE_MODALS)


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
        # A lookahead on the possible first letters lets the scan give up at most word starts before it
        # tries the rule's long alternation (a third less time; the matches are the same). It comes before
        # the left-edge lookbehind: both test the same position, and the one-character test fails sooner
        # (another 10% off the scan).
        first = first_characters(self.pattern)
        guard = "(?=[" + "".join(c if c == DIGIT else re.escape(c) for c in sorted(first)) + "])" if first else ""
        return re.compile(guard + LEFT_EDGE + "(?:" + self.pattern + ")" + RIGHT_EDGE, re.IGNORECASE)


# In the sets of first characters: any decimal digit (``\d``), which is more than 0-9 in Unicode patterns.
DIGIT = "\\d"


def first_characters(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` (case-insensitive) can start with (:data:`DIGIT` for any
    decimal digit), or None when that is not a small known set (a leading \\w, a dot, an optional start)."""
    try:
        from re import _constants, _parser  # Python 3.11+: the parser behind re.compile
    except ImportError:  # pragma: no cover - other interpreters
        return None
    try:
        chars, can_be_empty = _first_of(list(_parser.parse("(?:" + pattern + ")", re.IGNORECASE)), _constants)
    except Exception:  # noqa: BLE001 - an unexpected parse shape only costs the optimisation
        return None
    if chars is None or can_be_empty:
        return None
    return frozenset(chars | {c.upper() for c in chars if c != DIGIT} | {c.lower() for c in chars if c != DIGIT})


def _first_of(items: list, c) -> tuple[set[str] | None, bool]:
    """(first characters, can the sequence match empty) of parsed regex items; None when unknown."""
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return chars | {chr(av)}, False
        if op is c.IN:
            for set_op, set_av in av:
                if set_op is c.LITERAL:
                    chars.add(chr(set_av))
                elif set_op is c.RANGE and set_av[1] - set_av[0] <= 200:
                    chars.update(chr(code) for code in range(set_av[0], set_av[1] + 1))
                elif set_op is c.CATEGORY and set_av is c.CATEGORY_DIGIT:
                    chars.add(DIGIT)  # every Unicode decimal digit, as \d matches "४५" too
                else:
                    return None, False
            return chars, False
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width: the next item decides
        if op is c.SUBPATTERN:
            alternatives = [list(av[-1])]
        elif op is c.BRANCH:
            alternatives = [list(alt) for alt in av[1]]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            alternatives = [list(av[2])]
        elif op is c.GROUPREF_EXISTS:  # (?(name)yes|no): either branch may come first
            alternatives = [list(av[1]), list(av[2]) if av[2] is not None else []]
        else:
            return None, False
        can_be_empty = op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0
        if not alternatives[-1]:
            can_be_empty, alternatives = True, alternatives[:-1]  # a missing "no" branch matches empty
        for alternative in alternatives:
            sub, empty = _first_of(alternative, c)
            if sub is None:
                return None, False
            chars |= sub
            can_be_empty = can_be_empty or empty
        if not can_be_empty:
            return chars, False
    return chars, True


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
