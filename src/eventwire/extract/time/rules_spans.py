"""Rules for durations ("two weeks", "just over two hours"), counts back from a date ("three years ago"),
sets ("every week", "daily") and vague references ("now", "recently", "soon")."""

from __future__ import annotations

import math
import re
from datetime import timedelta

from eventwire.extract.time.calendar import (
    add_months,
    add_quarters,
    month_value,
    quarter_of,
    shift_value,
    week_value,
)
from eventwire.extract.time.core import Context, Resolution, Rule, TokenView, unanchored
from eventwire.extract.time.lexicon import (
    MONTH_NAME,
    NUMBER,
    NUMBER_WORD,
    QUANTITY_MOD,
    QUANTITY_MODS,
    UNIT_ANY,
    UNIT_SINGULAR,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    month_number,
    parse_number,
    unit_key,
)
from eventwire.nlp import doc_text

# Smaller unit each unit's fraction is written in ("2 1/2 years" -> P2Y6M).
FRACTION_UNITS = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False), "D": (24, "H", True),
                  "H": (60, "M", True), "M_T": (60, "S", True)}


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration for ``amount`` of ``unit`` (a UNITS key); None amount gives an X."""
    designator, is_time = UNITS[unit]
    if unit == "decade" and amount is not None:
        designator, amount = "Y", amount * 10
    elif unit == "century" and amount is not None:
        designator, amount = "Y", amount * 100
    elif unit == "fortnight" and amount is not None:
        amount *= 2
    elif unit == "weekend":
        designator = "WE"
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{designator}"
    whole = math.floor(amount)
    fraction = amount - whole
    text = f"{prefix}{whole}{designator}" if whole else prefix
    if fraction:
        key = "M_T" if designator == "M" and is_time else designator
        per, small, small_is_time = FRACTION_UNITS.get(key, (None, None, None))
        if per is None:
            return f"{prefix}{amount:g}{designator}"
        part = round(fraction * per)
        if small_is_time and not is_time:
            text += f"T{part}{small}"
        else:
            text += f"{part}{small}"
    return text if text not in ("P", "PT") else f"{prefix}0{designator}"


def _quantity_mod(m: re.Match) -> str | None:
    raw = m.groupdict().get("qmod")
    return QUANTITY_MODS.get(" ".join(raw.lower().split())) if raw else None


def _ago_value(amount: float, unit: str, ctx: Context, base_value: str | None) -> str | None:
    """The date ``amount`` units before (negative amount: after) the document date or ``base_value``."""
    n = int(amount)
    code = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE"}.get(unit)
    if base_value is not None and code:
        return shift_value(base_value, -n, code)
    dct = ctx.dct
    if unit in ("day", "night"):
        return (dct - timedelta(days=n)).isoformat()
    if unit == "week":
        return week_value(dct - timedelta(weeks=n))
    if unit == "month":
        return month_value(*add_months(dct.year, dct.month, -n))
    if unit == "quarter":
        year, q = add_quarters(dct.year, quarter_of(dct), -n)
        return f"{year:04d}-Q{q}"
    if unit == "year":
        return f"{dct.year - n:04d}"
    if unit == "decade":
        return f"{dct.year - 10 * n:04d}"
    if unit in ("hour", "minute"):
        return dct.isoformat()
    return None


def resolve_duration(m: re.Match, ctx: Context) -> Resolution | None:
    amount = parse_number(m.group("num"))
    unit = unit_key(m.group("unit"))
    if unit not in UNITS:
        return None
    if m.groupdict().get("num2"):
        amount = None  # "two or three days": a vague count
    mod = _quantity_mod(m)
    if mod is None and "couple" in m.group("num").lower():
        mod = "APPROX"  # "a couple of years": about two
    tail = " ".join((m.group("tail") or "").lower().split())
    if m.groupdict().get("half"):
        amount = None if amount is None else amount + 0.5
    if not tail or (tail in ("earlier", "later") and unit not in ANCHORED_UNITS):
        # "three days later", "a few hours earlier": TimeML marks the length (P3D) and leaves "later" as a
        # signal; only "a year earlier" and coarser units name the period they reach back to.
        return Resolution("DURATION", duration_value(amount, unit), mod, end=m.start("tail") if tail else None)
    # "three years ago", "a year earlier", "two days later": a date counted from an anchor.
    if amount is None:
        return Resolution("DATE", "FUTURE_REF" if tail in ("later", "from now", "hence") else "PAST_REF", mod)
    if tail in ("earlier", "later"):
        base = ctx.last_value
        if base is not None and unit == "year" and re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", base):
            base = base[:4]  # "a year earlier" after a day mention compares years, not that very day
        if base is None and ctx.dct is None:
            return unanchored("DATE", mod)
        signed = amount if tail == "earlier" else -amount
        if base is not None:
            value = _ago_value(signed, unit, ctx, base)
            if value:
                return Resolution("DATE", value, mod, is_reference=False)
        if ctx.dct is None:
            return unanchored("DATE", mod)
        return Resolution("DATE", _ago_value(signed, unit, ctx, None), mod)
    if ctx.dct is None:
        return unanchored("DATE", mod)
    signed = -amount if tail in ("from now", "hence") else amount
    if unit == "year" and ctx.last_value and re.fullmatch(r"\d{4}-Q\d", ctx.last_value):
        # Earnings reports: "a year ago" after "the third quarter" is that quarter a year earlier.
        return Resolution("DATE", _ago_value(signed, unit, ctx, ctx.last_value), mod, is_reference=False)
    value = _ago_value(signed, unit, ctx, None)
    return Resolution("DATE", value, mod) if value else None


ANCHORED_UNITS = {"year", "quarter", "decade", "century"}


def trim_signal(m: re.Match) -> int:
    """Where a "dur.count" match ends once a trailing "later"/"earlier" is left out for durations."""
    tail = m.groupdict().get("tail") or ""
    if tail and " ".join(tail.lower().split()) in ("earlier", "later") and unit_key(m.group("unit")) not in ANCHORED_UNITS:
        return m.start("tail")
    return m.end()


def check_duration(m: re.Match, view: TokenView) -> bool:
    following = view.next_token(m.end())
    # Ages ("a 30-year-old man") and compound units that are not times ("a one-day-old baby").
    if following is not None and following.lower_ in ("-old", "old"):
        return False
    if doc_text(view.doc)[m.end():m.end() + 4] == "-old":
        return False
    num = m.group("num").lower()
    unit = unit_key(m.group("unit"))
    # "a day" / "an hour" after a count or price are rates ("$5 a day"); "second" is also an ordinal.
    if num in ("a", "an") and not m.groupdict().get("dir") and not m.groupdict().get("qmod"):
        before = view.previous_word(m.start())
        if before and (before[0].isdigit() or before in ("times", "once", "twice", "per", "dollars", "cents")):
            return False
    if unit == "second" and num in ("a", "an"):
        return False
    if unit == "quarter" and num in ("a", "an", "one") and not m.groupdict().get("tail"):
        return False  # "a quarter of the vote"
    return True


def resolve_set(m: re.Match, ctx: Context) -> Resolution | None:
    adverb = (m.groupdict().get("adv") or "").lower()
    if adverb:
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                 "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W",
                 "semiannually": "P6M"}[adverb]
        return Resolution("SET", value)
    unit_word = (m.groupdict().get("unit") or m.groupdict().get("unit2") or "").lower()
    if month_number(unit_word):
        return Resolution("SET", f"XXXX-{month_number(unit_word):02d}")  # "each July"
    if unit_word in WEEKDAYS:
        return Resolution("SET", f"XXXX-WXX-{WEEKDAYS[unit_word] + 1}")
    if unit_word in ("morning", "afternoon", "evening"):
        return Resolution("SET", f"XXXX-XX-XXT{unit_word[:2].upper()}")
    unit = unit_key(unit_word)
    if unit not in UNITS:
        return None
    amount = parse_number(m.group("num")) if m.groupdict().get("num") else 1
    if m.groupdict().get("other"):
        amount = 2
    return Resolution("SET", duration_value(amount, unit))


VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "current": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "sometime soon": "FUTURE_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
}
# Left out on purpose, measured on TimeBank/AQUAINT: "previously", "formerly", "shortly", "presently" and
# the adjectives "recent"/"future" are rarely annotated as times; each cost more precision than it gained.
# So are "former" (a role, "the former president": never annotated in 31 uses) and a bare "soon" (annotated
# in 4 of 16 uses).


def resolve_vague(m: re.Match, ctx: Context) -> Resolution | None:
    words = " ".join(m.group(0).lower().split())
    if words in VAGUE:
        return Resolution("DATE", VAGUE[words])
    # "recent months", "the coming weeks", "recent years"
    return Resolution("DATE", "FUTURE_REF" if "coming" in words or "next" in words else "PAST_REF")


def check_vague(m: re.Match, view: TokenView) -> bool:
    words = " ".join(m.group(0).lower().split())
    tokens = view.tokens(m.start(), m.end())
    if not tokens:
        return False
    if words == "current":
        # an adjective before a noun that can have a time ("current account" is economics, not time)
        return tokens[0].tag_ == "JJ" and tokens[0].head.lower_ not in ("account", "accounts", "affairs", "events")
    if words == "the past":
        following = view.next_token(m.end())
        return following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    return True


DURATION_VERBS_AND_PREPOSITIONS = {"for", "in", "within", "over", "after", "took", "take", "takes", "lasted",
                                   "lasting", "spent", "spend", "spends"}
_VAGUE_WORDS = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in VAGUE), key=len, reverse=True))

RULES: list[Rule] = [
    Rule(
        "dur.count",
        rf"(?:(?P<dir>the\s+(?:past|last|next|first|final|coming|previous|following|remaining|latest|initial|same|"
        rf"better\s+part\s+of\s+the)|the|past|last|next|first|another|an\s+additional)\s+)?"
        rf"(?(dir)|(?:(?P<qmod>{QUANTITY_MOD})\s+)?)(?P<num>{NUMBER})(?:\s+or\s+(?P<num2>{NUMBER}))?\s+"
        rf"(?:(?:more|additional|full|straight|consecutive|long|whole|successive|calendar|fiscal)\s+)?"
        rf"(?P<unit>{UNIT_ANY})(?P<half>\s+and\s+a\s+half)?(?P<tail>\s+(?:ago|earlier|later|from\s+now|hence))?",
        resolve_duration,
        check_duration,
    ),
    Rule(
        # adjectival: "a two-week trip", "the 23-year veteran" (the determiner belongs to the noun)
        "dur.adjective",
        rf"(?P<num>\d+(?:\.\d+)?|{NUMBER_WORD}|one|several|multi)-(?P<unit>{UNIT_SINGULAR})(?P<tail>)",
        resolve_duration,
        check_duration,
    ),
    Rule(
        "dur.bare_plural",
        r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)",
        lambda m, ctx: Resolution("DURATION", duration_value(None, unit_key(m.group("unit")))),
        lambda m, view: view.previous_word(m.start()) in DURATION_VERBS_AND_PREPOSITIONS,
    ),
    Rule(
        "set.every",
        rf"(?P<every>every|each)\s+(?:(?P<other>other|single)\s+)?(?:(?P<num>{NUMBER_WORD}|\d+)\s+)?"
        rf"(?P<unit>{UNIT_ANY}|{WEEKDAY}|morning|afternoon|evening|night|{MONTH_NAME})"
        rf"|(?P<adv>daily|weekly|monthly|yearly|hourly|nightly|biweekly)"
        rf"|(?:once|twice|thrice|(?:{NUMBER_WORD}|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit2>{UNIT_SINGULAR})",
        resolve_set,
    ),
    Rule(
        "vague.range",
        r"(?:recent|coming|next\s+few|past\s+few)\s+(?:days|weeks|months|years|decades)",
        resolve_vague,
    ),
    Rule("vague.ref", _VAGUE_WORDS, resolve_vague, check_vague),
]
