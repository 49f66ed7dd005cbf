"""Publication dates from metadata strings: ISO dates and datetimes, RFC 2822, and other full dates."""

from __future__ import annotations

import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

# Two defaults that differ in every field: a string that leaves year, month or day out parses
# differently under each, which tells a partial date ("2021", "March 5") from a full one.
_DEFAULT_A = datetime(1901, 1, 1)
_DEFAULT_B = datetime(1902, 2, 2)


def parse_date(value: Any) -> date | None:
    """A calendar date from a metadata value, or None when it is missing, partial or unreadable.

    A datetime with a timezone keeps its own local calendar day (the day the publisher printed),
    rather than being shifted to UTC.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    for parse in (_iso, _rfc2822, _dateutil):
        parsed = parse(text)
        if parsed is not None:
            return parsed
    return None


def _iso(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _rfc2822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _dateutil(text: str) -> date | None:
    from dateutil import parser

    try:
        first = parser.parse(text, default=_DEFAULT_A)
        second = parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if first.date() != second.date():
        return None  # some of year/month/day came from the default: a partial date
    return first.date()
