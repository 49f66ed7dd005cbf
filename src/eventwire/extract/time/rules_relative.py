"""Rules for expressions anchored on the document date: "today", "tonight", "Wednesday", "last week",
"earlier this year", "the beginning of the month", "that day", "6am"."""

from __future__ import annotations

import re
from datetime import timedelta

from eventwire.extract.time.calendar import (
    add_months,
    add_quarters,
    add_seasons,
    month_value,
    quarter_of,
    season_of,
    shift_value,
    week_value,
    weekday_after,
    weekday_before,
)
from eventwire.extract.time.core import Context, Resolution, Rule, unanchored
from eventwire.extract.time.lexicon import (
    DAY_NUMBER,
    MONTH,
    PARTS_OF_DAY,
    POSITION_MOD,
    WEEKDAY,
    WEEKDAYS,
    month_number,
)
from eventwire.extract.time.rules_calendar import position_mod
from eventwire.nlp import doc_text

DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                "the day after tomorrow": 2}
_POD = r"(?:morning|afternoon|evening|night)"


def _with_part_of_day(day_value: str, part: str | None) -> Resolution:
    if part:
        return Resolution("TIME", f"{day_value}T{PARTS_OF_DAY[part.lower()]}")
    return Resolution("DATE", day_value)


def resolve_deictic_day(m: re.Match, ctx: Context) -> Resolution | None:
    word = " ".join(m.group("word").lower().split())
    pos = (m.group("pos") or "").lower()
    mod = {"early": "START", "earlier": "START", "late": "END", "later": "END"}.get(pos)
    part = m.group("pod") or ("night" if word == "tonight" else None)
    if ctx.dct is None:
        return unanchored("TIME" if part else "DATE", mod)
    day = ctx.dct + timedelta(days=DEICTIC_DAYS[word])
    res = _with_part_of_day(day.isoformat(), part)
    res.mod = mod
    return res


def resolve_part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    if ctx.dct is None:
        return unanchored("TIME")
    rel = m.group("rel").lower()
    part = m.group("pod").lower()
    day = ctx.dct - timedelta(days=1) if rel == "last" else ctx.dct
    if rel == "last" and part != "night":
        return None  # "last morning" is not an expression; "last evening" rarely is
    return _with_part_of_day(day.isoformat(), part)


def resolve_weekday(m: re.Match, ctx: Context) -> Resolution | None:
    weekday = WEEKDAYS[m.group("wd").lower()]
    part = m.group("pod")
    pos = (m.group("pos") or "").lower()
    mod = {"early": "START", "late": "END"}.get(pos)
    if ctx.dct is None:
        return unanchored("TIME" if part else "DATE", mod)
    rel = " ".join((m.group("rel") or "").lower().split())
    if rel in ("last", "past", "previous", "this past", "the previous"):
        day = weekday_before(ctx.dct, weekday, include_anchor=False)
    elif rel in ("next", "coming", "this coming"):
        day = weekday_after(ctx.dct, weekday, include_anchor=False)
    elif rel == "the following" and ctx.last_value and re.match(r"\d{4}-\d\d-\d\d", ctx.last_value):
        from datetime import date

        day = weekday_after(date.fromisoformat(ctx.last_value[:10]), weekday, include_anchor=False)
    elif doc_text(ctx.doc)[ctx.end:ctx.end + 2] not in ("'s", "’s") and (ctx.tense == "future" or ctx.leans_forward()):
        day = weekday_after(ctx.dct, weekday, include_anchor=True)
    else:
        # Past tense, or no tense to go by: news reports mostly look back.
        day = weekday_before(ctx.dct, weekday, include_anchor=True)
    res = _with_part_of_day(day.isoformat(), part)
    res.mod = mod
    return res


def _unit_value(unit: str, offset: int, ctx: Context) -> str | None:
    dct = ctx.dct
    if unit == "day":
        return (dct + timedelta(days=offset)).isoformat()
    if unit in ("week", "weekend"):
        value = week_value(dct + timedelta(weeks=offset))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return month_value(*add_months(dct.year, dct.month, offset))
    if unit == "quarter":
        year, quarter = add_quarters(dct.year, quarter_of(dct), offset)
        return f"{year:04d}-Q{quarter}"
    if unit == "year":
        return f"{dct.year + offset:04d}"
    if unit == "decade":
        return f"{dct.year // 10 + offset:03d}"
    if unit == "century":
        return f"{dct.year // 100 + offset:02d}"
    if unit in ("spring", "summer", "fall", "autumn", "winter"):
        year, season = add_seasons(*season_of(dct), offset)
        return f"{year:04d}-{season}"
    return None


ANAPHORIC_RELS = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1, "the previous": -1, "the prior": -1}
UNIT_CODE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE"}


def _anaphoric(unit: str, offset: int, ctx: Context) -> str | None:
    """'that year', 'the next day': relative to the last date the text mentioned."""
    base = ctx.last_value
    if not base:
        return None
    granularity = {"day": 10, "month": 7, "year": 4}.get(unit)
    if granularity is None or len(base) < granularity or not re.match(r"\d{4}-?\d?\d?-?\d?\d?$", base[:granularity]):
        return None
    value = base[:granularity]
    return shift_value(value, offset, UNIT_CODE[unit]) if offset else value


def resolve_unit_relative(m: re.Match, ctx: Context) -> Resolution | None:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    mod = position_mod(m.group("pos"))
    if rel == "the" and mod is None:
        return None  # "the month" alone is not a date
    if rel in ANAPHORIC_RELS and unit in ("day", "month", "year"):
        value = _anaphoric(unit, ANAPHORIC_RELS[rel], ctx)
        if value is not None:
            return Resolution("DATE", value, mod)
        if ctx.dct is None:
            return unanchored("DATE", mod)
        if unit == "day" or rel in ("that", "the same", "that same"):
            return None  # nothing to refer back to
        # "the next year" with no earlier date in the text: count from the document date.
    if ctx.dct is None:
        return unanchored("DATE", mod)
    if rel in ("last", "past", "previous", "the previous", "the last", "the past"):
        offset = -1
    elif rel in ("next", "coming", "the coming", "the next", "the following", "the prior"):
        offset = 1 if rel != "the prior" else -1
    else:  # this, the current, the present, the, current
        offset = 0
    if unit == "day" and offset == 0:
        return None
    value = _unit_value(unit, offset, ctx)
    return Resolution("DATE", value, mod) if value else None


def resolve_unit_end(m: re.Match, ctx: Context) -> Resolution | None:
    """'year-end', 'year's end', 'month-end': the current unit, mod END."""
    if ctx.dct is None:
        return unanchored("DATE", "END")
    unit = m.group("unit").lower()
    return Resolution("DATE", _unit_value(unit, 0, ctx), "END")


def resolve_weekend(m: re.Match, ctx: Context) -> Resolution | None:
    """'the weekend': the one just past, or the coming one when the verb looks ahead."""
    if ctx.dct is None:
        return unanchored("DATE")
    if ctx.dct.weekday() >= 5:
        anchor = ctx.dct
    elif ctx.tense == "future":
        anchor = weekday_after(ctx.dct, 5, include_anchor=True)
    else:
        anchor = weekday_before(ctx.dct, 5, include_anchor=True)
    return Resolution("DATE", week_value(anchor) + "-WE")


def resolve_anaphoric_part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    """'that night', 'the next morning': a part of the day the text last talked about (or the one after)."""
    base = ctx.last_value
    if not base or not re.match(r"\d{4}-\d\d-\d\d", base):
        return None if ctx.dct is not None else unanchored("TIME")
    from datetime import date

    rel = " ".join(m.group("rel").lower().split())
    day = date.fromisoformat(base[:10]) + timedelta(days=0 if rel in ("that", "that same", "the same") else 1)
    return Resolution("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[m.group('pod').lower()]}", is_reference=False)


def resolve_clock_in_part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    """'4 in the morning', '8 o'clock in the evening': a clock time whose half of the day is spelled out."""
    hour, minute = int(m.group("h")), int(m.group("min") or 0)
    part = m.group("pod").lower()
    if not 1 <= hour <= 12 or minute > 59:
        return None
    if part != "morning" and hour != 12:
        hour += 12
    elif part == "morning" and hour == 12:
        hour = 0
    if ctx.dct is None:
        return unanchored("TIME")
    return Resolution("TIME", f"{ctx.dct.isoformat()}T{hour:02d}:{minute:02d}")


def resolve_clock(m: re.Match, ctx: Context) -> Resolution | None:
    word = (m.groupdict().get("word") or "").lower()
    if word:
        hour, minute = (12, 0) if word in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(m.group("h")), int(m.group("min") or 0)
        ampm = (m.group("ampm") or "").lower().replace(".", "")
        if hour > 24 or minute > 59 or (ampm and not 1 <= hour <= 12):
            return None
        if ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    if ctx.dct is None:
        return unanchored("TIME")
    day = ctx.dct
    anchor_word = (m.groupdict().get("day") or "").lower()
    month_word, month_day = m.groupdict().get("mon"), m.groupdict().get("mday")
    if anchor_word in DEICTIC_DAYS:
        day = ctx.dct + timedelta(days=DEICTIC_DAYS[anchor_word])
    elif anchor_word in WEEKDAYS:
        if ctx.tense == "future" or ctx.leans_forward():  # as for a weekday alone: "until 9 a.m. Tuesday"
            day = weekday_after(ctx.dct, WEEKDAYS[anchor_word], include_anchor=True)
        else:
            day = weekday_before(ctx.dct, WEEKDAYS[anchor_word], include_anchor=True)
    elif month_word:
        from eventwire.extract.time.calendar import month_day_near

        mday = int(re.match(r"\d+", month_day).group())
        found = month_day_near(ctx.dct, month_number(month_word), mday, ctx.direction())
        day = found or day
    if hour == 24:
        return Resolution("TIME", f"{(day + timedelta(days=1)).isoformat()}T00:00")
    return Resolution("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}")


_DAY_ANCHOR = rf"(?:\s+(?:on\s+)?(?P<day>today|tonight|yesterday|tomorrow|{WEEKDAY})|,?\s+(?P<mon>{MONTH})\s*(?P<mday>{DAY_NUMBER})\b)?"
_TZ = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT|local\s+time|\(\d{4}\s+GMT\)))?"

RULES: list[Rule] = [
    Rule(
        "rel.deictic_day",
        rf"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        rf"today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{_POD}))?",
        resolve_deictic_day,
    ),
    Rule("rel.part_of_day", rf"(?P<rel>this|last)\s+(?P<pod>{_POD})", resolve_part_of_day),
    Rule(
        "rel.weekday",
        rf"(?:(?P<pos>early|late)\s+)?(?:(?P<rel>this\s+past|this\s+coming|the\s+following|the\s+previous|this|last|"
        rf"next|past|coming|previous)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{_POD}))?",
        resolve_weekday,
    ),
    Rule(
        "rel.unit",
        rf"(?:(?P<pos>{POSITION_MOD})\s*)?(?P<rel>the\s+current|the\s+present|the\s+previous|the\s+last|the\s+past|"
        rf"the\s+next|the\s+coming|the\s+same|that\s+same|the\s+following|the\s+prior|this|last|next|past|coming|previous|"
        rf"current|that|the)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>weekend|week|month|quarter|year|decade|century|day)",
        resolve_unit_relative,
        # "the month" alone is not a date; "the beginning of the month" is
        lambda m, view: bool(m.group("pos")) or " ".join(m.group("rel").lower().split()) != "the",
    ),
    Rule("rel.weekend", r"the\s+weekend", resolve_weekend),
    Rule("rel.unit_end", r"(?:the\s+)?(?P<unit>year|month)(?:-|\s+|'s\s+)end", resolve_unit_end),
    Rule(
        "rel.clock",
        rf"(?P<h>\d{{1,2}})(?:[:.](?P<min>\d\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b){_TZ}{_DAY_ANCHOR}",
        resolve_clock,
    ),
    Rule(
        "rel.anaphoric_part_of_day",
        rf"(?P<rel>that\s+same|that|the\s+same|the\s+next|the\s+following)\s+(?P<pod>{_POD})",
        resolve_anaphoric_part_of_day,
    ),
    Rule(
        "rel.clock_part_of_day",
        r"(?P<h>\d{1,2})(?:[:.](?P<min>\d\d))?\s+(?:o['’]clock\s+)?in\s+the\s+(?P<pod>morning|afternoon|evening)",
        resolve_clock_in_part_of_day,
    ),
    Rule("rel.noon", rf"(?P<word>noon|midday|midnight){_DAY_ANCHOR}", resolve_clock),
]
