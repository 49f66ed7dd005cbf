"""Word lists and regex building blocks for the time-expression recogniser.

Every pattern fragment here is meant to be embedded in larger patterns compiled with ``re.IGNORECASE``;
month names are wrapped in ``(?-i:...)`` so that the modal "may" and the verb "march" stay out.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# Abbreviations need their full stop (or a following day number) to count: "Jan" alone is often a name.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Season of each month (northern hemisphere, as TimeML's news corpora assume).
MONTH_SEASON = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                9: "FA", 10: "FA", 11: "FA"}
SEASON_ORDER = ("WI", "SP", "SU", "FA")
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
}
# Vague quantities: the value keeps an X ("several years" -> PXY).
VAGUE_QUANTITIES = ("a couple of", "a couple", "couple of", "a few", "few", "several", "some", "many",
                    "a number of", "numerous", "dozens of", "hundreds of", "a dozen", "countless")

# unit word -> (ISO 8601 designator, True when it belongs after the "T" of a duration)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "millennium": ("ML", False),
}

# Modifiers in front of durations/dates, longest first; the TIMEX3 mod they give.
QUANTITY_MODS = {
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN", "a little over": "MORE_THAN",
    "a little more than": "MORE_THAN", "slightly more than": "MORE_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "upwards of": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "under": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN", "barely": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "about": "APPROX", "around": "APPROX",
    "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX", "close to": "APPROX",
    "an estimated": "APPROX",
}
# Position words in front of a date ("early June", "the end of the month").
POSITION_MODS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the first days of": "START", "the dawn of": "START",
    "late": "END", "later": "END", "the end of": "END", "the close of": "END", "the last days of": "END",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "the mid-": "MID", "the mid": "MID",
}


def alternation(words, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first so that the regex engine prefers them."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


_ONE_TO_NINE = [w for w, n in ONES.items() if 1 <= n <= 9]
NUMBER_WORD = (
    rf"(?:(?:{alternation(TENS)})(?:[- ](?:{alternation(_ONE_TO_NINE)}))?|{alternation(o for o in ONES if o != 'zero')})"
)
# A count: digits (with an optional half), number words, "a"/"an", or a vague quantity.
NUMBER = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2|\s+and\s+a\s+half)?|(?:{NUMBER_WORD})(?:\s+and\s+a\s+half)?"
    rf"|a\s+hundred|one\s+hundred|a\s+half|half\s+a|half\s+an|a|an|{alternation(VAGUE_QUANTITIES)})"
)
MONTH_NAME = rf"(?-i:{alternation([m.capitalize() for m in MONTHS] + [m.upper() for m in MONTHS])})"
MONTH_ABBR = rf"(?-i:{alternation([m.capitalize() for m in MONTH_ABBREVIATIONS])})\."
MONTH = rf"(?:{MONTH_NAME}|{MONTH_ABBR})"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})"
UNIT_SINGULAR = alternation(UNITS)
UNIT_PLURAL = "seconds|minutes|hours|days|nights|weeks|weekends|fortnights|months|quarters|years|decades|centuries|millennia"
UNIT_ANY = rf"(?:{UNIT_PLURAL}|{UNIT_SINGULAR})"
QUANTITY_MOD = rf"(?:{alternation(QUANTITY_MODS)})"
POSITION_MOD = rf"(?:{alternation(POSITION_MODS)})"
ORDINAL = rf"(?:{alternation(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))"
DAY_NUMBER = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)[- ](?:{alternation(TENS)})(?:[- ](?:{alternation(_ONE_TO_NINE)}))?"
    r"|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
)


def unit_key(word: str) -> str:
    """Normalise a unit word ("Years", "centuries") to its UNITS key."""
    w = word.lower()
    irregular = {"centuries": "century", "millennia": "millennium"}
    if w in irregular:
        return irregular[w]
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return w


def parse_number(text: str) -> float | None:
    """The number a count phrase means; None for vague quantities ("several")."""
    t = " ".join(text.lower().replace("-", " ").split())
    half = 0.0
    for suffix in (" 1/2", " and a half"):
        if t.endswith(suffix):
            t, half = t[: -len(suffix)], 0.5
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t in ("a", "an"):
        return 1 + half
    if t in ("a couple of", "a couple", "couple of"):
        return 2 + half  # "a couple of years" is read as two (with mod APPROX)
    if t in ("a hundred", "one hundred"):
        return 100 + half
    if t in VAGUE_QUANTITIES:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total = 0
    for word in t.split():
        if word in TENS:
            total += TENS[word]
        elif word in ONES:
            total += ONES[word]
        else:
            return None
    return total + half


def spoken_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand one' -> 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(ONES.get(w, 0) for w in rest)
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}.get(words[0])
    if century is None:
        return None
    rest = 0
    for w in words[1:]:
        rest += TENS.get(w, ONES.get(w, 0))
    return century + rest


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS.get(w)
