"""Rules for calendar expressions that name their date: "Dec. 7, 2021", "June", "2019", "the 1990s",
"the third quarter", "this summer", "Christmas".

A month-day or month without a year takes its year from the document date and the governing verb's
tense ("met in June" written in March is last June).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.extract.time.calendar import (
    add_quarters,
    add_seasons,
    month_day_near,
    month_value,
    month_year_near,
    quarter_of,
    safe_date,
    season_of,
    shift_value,
)
from eventwire.extract.time.core import Context, Resolution, Rule, TokenView, unanchored
from eventwire.extract.time.lexicon import (
    DAY_NUMBER,
    MONTH,
    ORDINAL,
    ORDINALS,
    POSITION_MOD,
    POSITION_MODS,
    SEASONS,
    SPOKEN_YEAR,
    WEEKDAY,
    YEAR,
    month_number,
    spoken_year,
)

DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                    "final": 4, "last": 4}
# Words after which a bare season or month name is a time, not a verb or a noun ("prices fall").
TIME_PREPOSITIONS = {"in", "during", "by", "until", "till", "since", "through", "throughout", "over", "before",
                     "after", "this", "last", "next", "early", "late", "mid", "of", "from", "to", "between",
                     "and", "or", "the", "that", "each", "every", "past", "on", "around"}


def position_mod(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(text.lower().split())
    return POSITION_MODS.get(key) or POSITION_MODS.get(key.rstrip("-"))


def _year_of(m: re.Match, group: str = "year") -> int | None:
    raw = m.groupdict().get(group)
    if not raw:
        return None
    return int(raw) if raw.isdigit() else spoken_year(raw)


def _relative_year(word: str | None, ctx: Context) -> int | None:
    if not word or ctx.dct is None:
        return None
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[word.lower()]


# --- month and day --------------------------------------------------------------------------------

def resolve_month_day(m: re.Match, ctx: Context) -> Resolution | None:
    month = month_number(m.group("mon"))
    day = int(re.match(r"\d+", m.group("day")).group())
    mod = position_mod(m.groupdict().get("pos"))
    year = _year_of(m)
    if year is not None:
        d = safe_date(year, month, day)
        return Resolution("DATE", d.isoformat(), mod) if d else None
    if ctx.dct is None:
        return unanchored("DATE", mod)
    if safe_date(2000, month, day) is None:
        return None
    # A weekday next to the date ("Monday, Oct. 26") picks the year in which they agree.
    weekday = m.groupdict().get("wd")
    if weekday:
        from eventwire.extract.time.lexicon import WEEKDAYS

        wanted = WEEKDAYS[weekday.lower()]
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            d = safe_date(y, month, day)
            if d and d.weekday() == wanted:
                return Resolution("DATE", d.isoformat(), mod)
    rel = " ".join((m.groupdict().get("rel") or "").lower().split())
    direction = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(rel)
    d = month_day_near(ctx.dct, month, day, direction or ctx.direction())
    return Resolution("DATE", d.isoformat(), mod) if d else None


def resolve_week_of(m: re.Match, ctx: Context) -> Resolution | None:
    """'the week of March 6': the ISO week holding that day."""
    day = resolve_month_day(m, ctx)
    if day is None or day.value is None:
        return day
    from eventwire.extract.time.calendar import week_value

    return Resolution("DATE", week_value(date.fromisoformat(day.value)))


def resolve_month_year(m: re.Match, ctx: Context) -> Resolution | None:
    month = month_number(m.group("mon"))
    year = _year_of(m)
    if year is None:
        year = _relative_year(m.groupdict().get("yrel"), ctx)
        if year is None:
            return unanchored("DATE")
    return Resolution("DATE", month_value(year, month), position_mod(m.groupdict().get("pos")))


def resolve_month(m: re.Match, ctx: Context) -> Resolution | None:
    month = month_number(m.group("mon"))
    mod = position_mod(m.groupdict().get("pos"))
    if ctx.dct is None:
        return unanchored("DATE", mod)
    rel = " ".join((m.group("rel") or "").lower().split())
    dct = ctx.dct
    if rel in ("last", "this past", "the past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = month_year_near(dct, month, ctx.direction())
    return Resolution("DATE", month_value(year, month), mod)


def check_month_word(m: re.Match, view: TokenView) -> bool:
    """'May' and 'March' are often a modal verb, a verb or a surname."""
    word = m.group("mon")
    if word.lower() not in ("may", "march") or m.groupdict().get("rel") or m.groupdict().get("pos"):
        return True
    tokens = view.tokens(m.start("mon"), m.end("mon"))
    if not tokens or tokens[0].tag_ == "MD" or tokens[0].ent_type_ in ("PERSON", "ORG"):
        return False
    return view.previous_word(m.start()) in TIME_PREPOSITIONS


# --- years, decades, centuries ----------------------------------------------------------------------

def resolve_year(m: re.Match, ctx: Context) -> Resolution | None:
    year = _year_of(m)
    if year is None:
        return None
    return Resolution("DATE", f"{year:04d}", position_mod(m.groupdict().get("pos")))


def check_year(m: re.Match, view: TokenView) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 people", "1990 shares")."""
    if m.groupdict().get("pre") or m.groupdict().get("pos") or not m.group("year").isdigit():
        return True
    tokens = view.tokens(m.start("year"), m.end("year"))
    if not tokens:
        return False
    token = tokens[0]
    if token.ent_type_ == "DATE":
        return True
    if token.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") and token.dep_ == "nummod":
        return False
    if token.dep_ == "nummod" and token.head.tag_ == "NNS":
        return False
    following = view.next_token(m.end())
    if following is not None and following.lower_ in ("%", "percent", "million", "billion", "feet", "meters",
                                                        "miles", "people", "points", "shares", "troops"):
        return False
    return True


def resolve_decade(m: re.Match, ctx: Context) -> Resolution | None:
    digits = m.groupdict().get("dec")
    if digits:
        prefix = digits[:3]
    else:
        short = m.groupdict().get("short")
        if short:
            prefix = "19" + short[0]
        else:
            prefix = "19" + str(DECADE_WORDS[m.group("word").lower()])
    return Resolution("DATE", prefix, position_mod(m.groupdict().get("pos")))


def resolve_century(m: re.Match, ctx: Context) -> Resolution | None:
    raw = m.group("ord").lower()
    n = ORDINALS.get(raw) or int(re.match(r"\d+", raw).group())
    return Resolution("DATE", f"{n - 1:02d}", position_mod(m.groupdict().get("pos")))


def resolve_iso(m: re.Match, ctx: Context) -> Resolution | None:
    d = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    clock = m.groupdict().get("clock")
    if clock:
        return Resolution("TIME", f"{d.isoformat()}T{clock[:5]}")
    return Resolution("DATE", d.isoformat())


def resolve_us_numeric(m: re.Match, ctx: Context) -> Resolution | None:
    year = int(m.group("y"))
    if year < 100:
        year += 2000 if year < 50 else 1900
    d = safe_date(year, int(m.group("m")), int(m.group("d")))
    return Resolution("DATE", d.isoformat()) if d else None


# --- quarters, halves, seasons -----------------------------------------------------------------------

def _quarter_year(m: re.Match, ctx: Context, quarter: int) -> int | None:
    year = _year_of(m)
    if year is None:
        year = _relative_year(m.groupdict().get("yrel") or m.groupdict().get("yown"), ctx)
    if year is None and m.groupdict().get("yp"):
        year = int(m.group("yp"))
    if year is None:
        inline = re.search(rf"\b({YEAR})\b", m.group(0))  # "the 1988 second quarter"
        year = int(inline.group(1)) if inline else None
    if year is not None:
        return year
    # A quarter without a year is read against the article's date, not an earlier quarter the text mentioned
    # ("third-quarter net" after "the third quarter of 1984" is this year's).
    if ctx.dct is None:
        return None
    # A quarter that has not started yet is last year's, unless the sentence looks ahead.
    if quarter > quarter_of(ctx.dct) and ctx.direction("present") != "future":
        return ctx.dct.year - 1
    return ctx.dct.year


def resolve_quarter(m: re.Match, ctx: Context) -> Resolution | None:
    quarter = QUARTER_ORDINALS[m.group("ord").lower()]
    year = _quarter_year(m, ctx, quarter)
    if year is None:
        return unanchored("DATE")
    text = m.group(0).lower()
    if "year-ago" in text or "year-earlier" in text or "last year's" in text:
        return Resolution("DATE", f"{year - 1:04d}-Q{quarter}", is_reference=False)
    return Resolution("DATE", f"{year:04d}-Q{quarter}")


def resolve_half(m: re.Match, ctx: Context) -> Resolution | None:
    half = 1 if m.group("ord").lower() == "first" else 2
    year = _year_of(m) or _relative_year(m.groupdict().get("yrel"), ctx)
    if year is None:
        if ctx.dct is None:
            return unanchored("DATE")
        year = ctx.dct.year
    return Resolution("DATE", f"{year:04d}-H{half}")


def resolve_season(m: re.Match, ctx: Context) -> Resolution | None:
    season = SEASONS[m.group("season").lower()]
    mod = position_mod(m.groupdict().get("pos") or m.groupdict().get("pos2"))
    year = _year_of(m)
    if year is not None:
        return Resolution("DATE", f"{year:04d}-{season}", mod)
    if ctx.dct is None:
        return unanchored("DATE", mod)
    rel = " ".join((m.group("rel") or "").lower().split())
    now_year, now_season = season_of(ctx.dct)
    candidates = [add_seasons(now_year, now_season, k) for k in range(-4, 5)]
    same_kind = [(k - 4, c) for k, c in enumerate(candidates) if c[1] == season]
    if rel in ("last", "this past"):
        k, (year, _) = max((k, c) for k, c in same_kind if k < 0)
    elif rel in ("next", "this coming"):
        k, (year, _) = min((k, c) for k, c in same_kind if k > 0)
    else:
        direction = ctx.direction() if rel != "this" else None
        pool = [(k, c) for k, c in same_kind if (direction != "past" or k <= 0) and (direction != "future" or k >= 0)]
        k, (year, _) = min(pool, key=lambda kc: abs(kc[0]))
    return Resolution("DATE", f"{year:04d}-{season}", mod)


def check_season(m: re.Match, view: TokenView) -> bool:
    if m.groupdict().get("year") or m.groupdict().get("pos"):
        return True
    rel = (m.groupdict().get("rel") or "").lower()
    following = view.next_token(m.end())
    # "the fall of the Wall", "the spring in prices": a noun, not a season
    if rel in ("", "the", "that") and following is not None and following.lower_ in ("of", "in", "from", "to"):
        return False
    return bool(rel) or view.previous_word(m.start()) in TIME_PREPOSITIONS


# --- holidays ---------------------------------------------------------------------------------------

def _easter(year: int) -> date:
    """Anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    d = first + timedelta(days=(weekday - first.weekday()) % 7)
    if n > 0:
        return d + timedelta(weeks=n - 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS = {
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "easter sunday": _easter,
    # US general elections: the Tuesday after the first Monday of November
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": _easter,
}


def resolve_holiday(m: re.Match, ctx: Context) -> Resolution | None:
    make = HOLIDAYS[" ".join(m.group("name").lower().split()).replace("’", "'")]
    year = _year_of(m)
    if year is None:
        if ctx.dct is None:
            return unanchored("DATE")
        candidates = [make(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
        rel = (m.group("rel") or "").lower()
        direction = {"last": "past", "next": "future"}.get(rel) or ctx.direction("future")
        if rel in ("last", "next"):  # "last Thanksgiving": the latest one before the article, never its own day
            pool = [c for c in candidates if (c < ctx.dct if rel == "last" else c > ctx.dct)]
            chosen = min(pool, key=lambda c: abs((c - ctx.dct).days))
            return Resolution("DATE", chosen.isoformat())
        pool = [c for c in candidates if (direction != "past" or c <= ctx.dct) and (direction != "future" or c >= ctx.dct)]
        chosen = min(pool or candidates, key=lambda c: abs((c - ctx.dct).days))
        return Resolution("DATE", chosen.isoformat())
    return Resolution("DATE", make(year).isoformat())


# --- anaphoric financial periods ("the year-ago quarter") ------------------------------------------

def resolve_period(m: re.Match, ctx: Context) -> Resolution | None:
    text = m.group(0).lower()
    base = ctx.last_value if ctx.last_value and re.match(r"\d{4}-Q\d$", ctx.last_value) else None
    if base is not None and ctx.dct is not None and base > f"{ctx.dct.year:04d}-Q{quarter_of(ctx.dct)}":
        base = None  # a quarter still ahead (a forecast) is not the period being reported on
    if ctx.dct is not None and re.search(r"\bcurrent\b", text) and not re.search(r"year-|year ago|last year", text):
        return Resolution("DATE", f"{ctx.dct.year:04d}-Q{quarter_of(ctx.dct)}")  # "the current quarter"
    if base is None:
        if ctx.dct is None:
            return unanchored("DATE")
        # "the latest quarter", "the quarter": the last one completed before the article
        year, quarter = add_quarters(ctx.dct.year, quarter_of(ctx.dct), -1)
        base = f"{year:04d}-Q{quarter}"
    explicit = re.search(r"\b(\d{4})\b", text)
    if explicit:
        base = explicit.group(1) + base[4:]
    if re.search(r"year-ago|year-earlier|year ago|year earlier|last year", text):
        return Resolution("DATE", shift_value(base, -1, "Y"), is_reference=False)
    return Resolution("DATE", base)


def check_period(m: re.Match, view: TokenView) -> bool:
    """'the period' alone is too vague; it needs a word that makes it a reporting period."""
    if m.group("kind").lower() == "quarter":
        return True
    return bool(re.search(r"year-ago|year-earlier|latest|comparable|corresponding|same|\d{4}|year ago|last year",
                          m.group(0).lower()))


_OWNER = rf"(?:the|this|last|next|(?P<yown>this|last|next)\s+year['’]s|(?P<yp>{YEAR})'s)"
_QUARTER_ADJ = (r"(?:fiscal|calendar|current|latest|year-ago|year-earlier|same|comparable|corresponding|previous|"
                r"preceding|prior|past|recent|just-ended|just-completed)")
_OF_YEAR = rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>{YEAR}|{SPOKEN_YEAR})|(?P<yrel>this|last|next)\s+year))"

RULES: list[Rule] = [
    Rule(
        "date.month_day",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<pos>{POSITION_MOD})\s*)?(?:(?P<rel>this\s+past|this\s+coming|last|next)\s+)?"
        rf"(?P<mon>{MONTH})\s*(?P<day>{DAY_NUMBER})\b"
        rf"(?:,?\s*(?P<year>{YEAR})\b)?",
        resolve_month_day,
    ),
    Rule(
        "date.week_of",
        rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s*(?P<day>{DAY_NUMBER})\b(?:,?\s*(?P<year>{YEAR})\b)?",
        resolve_week_of,
    ),
    Rule(
        "date.day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY_NUMBER})\s+(?:of\s+)?(?P<mon>{MONTH})"
        rf"(?:,?\s*(?P<year>{YEAR})\b)?",
        resolve_month_day,
    ),
    Rule(
        "date.month_year",
        rf"(?:(?P<pos>{POSITION_MOD})\s*)?(?P<mon>{MONTH})(?:,|\s+of)?\s+(?:(?P<year>{YEAR}|{SPOKEN_YEAR})"
        rf"|(?P<yrel>this|last|next)\s+year)",
        resolve_month_year,
    ),
    Rule(
        "date.month",
        rf"(?:(?P<pos>{POSITION_MOD})\s*)?(?:(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+coming|this|last|next)"
        rf"\s+)?(?P<mon>{MONTH})",
        resolve_month,
        check_month_word,
    ),
    Rule(
        "date.year",
        rf"(?:(?P<pos>{POSITION_MOD})\s*)?(?:(?P<pre>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year|"
        rf"FY)\s*)?(?P<year>{YEAR}|{SPOKEN_YEAR})",
        resolve_year,
        check_year,
    ),
    Rule(
        "date.decade",
        rf"(?:the\s+)?(?:(?P<pos>{POSITION_MOD})\s*)?(?:(?P<dec>(?:1[6-9]|20)\d0)'?s|'(?P<short>\d0)s|"
        rf"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        resolve_decade,
        lambda m, view: (not m.groupdict().get("word") or m.group(0).lower().startswith("the")
                         or view.previous_word(m.start()) in ("the", "early", "late", "mid")),
    ),
    Rule("date.century", rf"(?:the\s+)?(?:(?P<pos>{POSITION_MOD})\s*)?(?P<ord>{ORDINAL})[- ]century", resolve_century),
    Rule("date.iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<clock>\d\d:\d\d(?::\d\d)?))?", resolve_iso),
    Rule("date.numeric", r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)", resolve_us_numeric),
    Rule(
        "date.quarter",
        rf"(?:{_OWNER}\s+)?(?:(?:{_QUARTER_ADJ}|{YEAR})\s+)*(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
        rf"(?:\s+fiscal)?\s+quarter{_OF_YEAR}?",
        resolve_quarter,
    ),
    Rule(
        # adjectival "third-quarter profit": the determiner belongs to the noun
        "date.quarter_adjective",
        rf"(?:{_QUARTER_ADJ}\s+)*(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?:-fiscal)?-quarter",
        resolve_quarter,
    ),
    Rule(
        "date.period",
        r"(?:the|this|that|its|last\s+year's)\s+(?:(?:latest|current|most\s+recent|year-ago|year-earlier|"
        r"comparable|corresponding|same|previous|prior|just-ended|fiscal|\d{4})\s+)*(?P<kind>quarter|period)"
        r"(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?|year-(?:ago|earlier)(?P<kind2>)",
        resolve_period,
        lambda m, view: m.groupdict().get("kind2") is not None or check_period(m, view),
    ),
    Rule(
        "date.half",
        rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half(?:{_OF_YEAR}|\s+of\s+the\s+year)?",
        resolve_half,
        lambda m, view: bool(m.groupdict().get("year") or m.groupdict().get("yrel") or "year" in m.group(0).lower()
                             or view.next_token(m.end()) is None or not view.next_token(m.end()).is_alpha
                             or view.next_token(m.end()).lower_ in ("of", "and", "to", "in", "when", "as")),
    ),
    Rule(
        "date.season",
        rf"(?:(?P<pos>{POSITION_MOD})\s*)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|that)\s+)?"
        rf"(?:(?P<pos2>early|late|mid-?)\s*)?(?P<season>spring|summer|fall|autumn|winter)"
        rf"(?:\s+of\s+(?P<year>{YEAR}|{SPOKEN_YEAR}))?",
        resolve_season,
        check_season,
    ),
    Rule(
        "date.holiday",
        r"(?:(?P<rel>last|next|this)\s+)?(?P<name>election\s+day|christmas\s+eve|christmas\s+day|christmas|new\s+year['’]s\s+(?:eve|day)|independence\s+day|"
        r"the\s+fourth\s+of\s+july|halloween|valentine['’]s\s+day|thanksgiving\s+day|thanksgiving|labor\s+day|"
        rf"memorial\s+day|easter\s+sunday|easter)(?:,?\s+(?P<year>{YEAR}))?",
        resolve_holiday,
    ),
]
