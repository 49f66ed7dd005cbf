"""Calendar arithmetic on dates and TIMEX3 value strings (pure functions, no parsing of text)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.extract.time.lexicon import MONTH_SEASON, SEASON_ORDER


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    iso_year, week, _ = d.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def add_quarters(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def season_of(d: date) -> tuple[int, str]:
    """The season a date is in; December belongs to the winter of the following year's start."""
    season = MONTH_SEASON[d.month]
    year = d.year + 1 if d.month == 12 else d.year
    return year, season


def add_seasons(year: int, season: str, delta: int) -> tuple[int, str]:
    index = year * 4 + SEASON_ORDER.index(season) + delta
    return index // 4, SEASON_ORDER[index % 4]


def weekday_before(anchor: date, weekday: int, include_anchor: bool) -> date:
    """The latest date with ``weekday`` on or before (or strictly before) ``anchor``."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and not include_anchor:
        back = 7
    return anchor - timedelta(days=back)


def weekday_after(anchor: date, weekday: int, include_anchor: bool) -> date:
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and not include_anchor:
        ahead = 7
    return anchor + timedelta(days=ahead)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _choose(candidates: list[tuple[int, object]], direction: str | None, window: int) -> object:
    """Pick among (signed distance from the anchor, candidate): the nearest one on the tense's side of the
    anchor when that one is within ``window``, otherwise the nearest overall (ties go to the past)."""
    if direction in ("past", "future"):
        side = [c for c in candidates if (c[0] <= 0 if direction == "past" else c[0] >= 0) and abs(c[0]) <= window]
        if side:
            return min(side, key=lambda c: abs(c[0]))[1]
    return min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))[1]


# How far the tense may pull a month or month-day away from the nearest candidate. A past-tense verb next to
# a date that lies a month ahead but eleven months back usually belongs to a plan or a deadline ("talks were
# set for March 12", "the deal was to close in April"), so beyond ten months the nearest candidate wins.
TENSE_WINDOW_MONTHS = 10


def month_day_near(anchor: date, month: int, day: int, direction: str | None) -> date | None:
    """The year for a month-day written without one: the candidate nearest the anchor, moved to the side
    the tense points to when that stays within ten months ("December 30" written on 3 January is last
    year's; "met on Nov. 10" written on 2 November is still this year's if the tense parse is off)."""
    candidates = [c for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (c := safe_date(y, month, day))]
    if not candidates:
        return None
    return _choose([((c - anchor).days, c) for c in candidates], direction, window=TENSE_WINDOW_MONTHS * 31)


def month_year_near(anchor: date, month: int, direction: str | None) -> int:
    """The year of a bare month name, chosen like ``month_day_near`` with months as the distance."""
    candidates = [((y * 12 + month) - (anchor.year * 12 + anchor.month), y)
                  for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _choose(candidates, direction, window=TENSE_WINDOW_MONTHS)


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """Shift a calendar TIMEX3 value by ``amount`` units, keeping its granularity where it can."""
    m = re.fullmatch(r"(\d{4})(.*)", value)
    if not m:
        return None
    year, rest = int(m.group(1)), m.group(2)
    if unit == "Y":
        return f"{year + amount:04d}{rest}"
    if unit == "DE" and not rest:
        return f"{year + 10 * amount:04d}"
    day = re.fullmatch(r"-(\d\d)-(\d\d)(T.*)?", rest)
    if day:
        d = safe_date(year, int(day.group(1)), int(day.group(2)))
        if d is None:
            return None
        days = {"D": 1, "W": 7}.get(unit)
        if days:
            return day_value(d + timedelta(days=amount * days)) + (day.group(3) or "")
        if unit in ("M", "Q"):
            y, mo = add_months(d.year, d.month, amount * (3 if unit == "Q" else 1))
            moved = safe_date(y, mo, min(d.day, 28)) if safe_date(y, mo, d.day) is None else safe_date(y, mo, d.day)
            return day_value(moved) if moved else None
        return None
    month = re.fullmatch(r"-(\d\d)", rest)
    if month and unit in ("M", "Q"):
        y, mo = add_months(year, int(month.group(1)), amount * (3 if unit == "Q" else 1))
        return month_value(y, mo)
    quarter = re.fullmatch(r"-Q(\d)", rest)
    if quarter and unit in ("Q", "M"):
        if unit == "M" and amount % 3:
            return None
        y, q = add_quarters(year, int(quarter.group(1)), amount if unit == "Q" else amount // 3)
        return f"{y:04d}-Q{q}"
    week = re.fullmatch(r"-W(\d\d)", rest)
    if week and unit in ("W", "D"):
        if unit == "D" and amount % 7:
            return None
        monday = date.fromisocalendar(year, int(week.group(1)), 1)
        return week_value(monday + timedelta(days=amount * (7 if unit == "W" else 1)))
    return None


def precision_of(value: str | None) -> str:
    """The finest calendar unit a value pins down, in the record's vocabulary.

    Weeks, quarters, halves and seasons are reported at the coarsest unit they fully determine.
    """
    if value is None:
        return "unknown"
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return "vague"
    if value.startswith("P"):
        return "duration"
    if re.fullmatch(r"\d{4}-\d\d-\d\dT.+", value):
        return "time"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    week = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        sunday = monday + timedelta(days=6)
        return "month" if monday.month == sunday.month else "year"
    if re.fullmatch(r"\d{4}(?:-(?:Q\d|H\d|SP|SU|FA|WI))?", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if re.fullmatch(r"\d{2}", value):
        return "century"
    return "unknown"
