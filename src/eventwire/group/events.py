"""Cross-article event grouping: event records that report the same happening share a group.

Two event records can only share a group when they have the same *group key*:

- the same PLOVER type;
- the same reality class: real (asserted, future, historical), hypothetical, or negated, so "could
  impose sanctions" never joins the sanctions that were imposed;
- the same parties, each keyed by its country and sector code when it has one (so "the White House"
  and "Joe Biden" both key as ``USA/GOV``), else by its name. For symmetric types (CONSULT, AGREE,
  COOPERATE) the pair is unordered: "Biden and Putin will talk" and "Putin and Biden will talk" agree.

Within a key, records are linked in date order (single linkage with a cap), on each record's own
date, as an interval (a day, or a whole month for month precision); records dated only by year, or
not at all, stay alone. A record joins an open group when:

- it starts at most ``gap_days`` after the group's latest end (reports of one day differ by time zone);
- it starts at most ``max_span_days`` after the group's first start (an ongoing story does not grow
  into one endless group), or lies inside the group's first interval;
- places agree: a record located in another country than the group's records does not join;
- persons agree: when both name a person on the same side, it is the same person (a Blinken–Zelensky
  call does not join a Biden–Zelensky call on the same day, though both key as USA/GOV–UKR/GOV).

Everything depends only on the set of records (sorted by date, then id), never on arrival order; the
store regroups only the keys that new or re-saved articles touch (`eventwire.group.stage`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from eventwire.records import stable_id

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_REALITY = {"asserted": "real", "future": "real", "historical": "real", "hypothetical": "hypothetical",
            "negated": "negated"}


@dataclass(frozen=True)
class GroupingConfig:
    """Event grouping settings (see the module docstring).

    ``gap_days`` = 1: one day of slack between reports of one event. ``max_span_days`` = 7: a group
    covers at most a week from its first record.
    """

    gap_days: int = 1
    max_span_days: int = 7


@dataclass(frozen=True)
class Party:
    """What grouping needs to know of an actor or recipient."""

    code: str | None  # "USA/GOV", "RUS", "/MIL" ... or None when uncoded
    name: str  # lowercased name (or text)
    person: bool = False

    @property
    def key(self) -> str:
        return self.code or f"name:{self.name}"


@dataclass(frozen=True)
class EventMention:
    """One stored event record, reduced to what grouping compares."""

    id: str
    article_id: str
    event_type: str
    modality: str
    actor: Party | None
    recipient: Party | None
    date: str | None
    date_precision: str
    location_country: str | None = None


def party_code(country: str | None, sector: str | None) -> str | None:
    if not country and not sector:
        return None
    return f"{country or ''}/{sector or ''}"


def _sides(mention: EventMention) -> tuple[Party | None, Party | None]:
    a, b = mention.actor, mention.recipient
    if mention.event_type in SYMMETRIC_TYPES:
        order = sorted([a, b], key=lambda p: ("", "") if p is None else (p.key, p.name))
        return order[0], order[1]
    return a, b


def group_key(mention: EventMention) -> str:
    """The key two records must share to be grouped (see the module docstring)."""
    a, b = _sides(mention)
    reality = _REALITY.get(mention.modality, mention.modality)
    return "|".join((mention.event_type, reality, a.key if a else "-", b.key if b else "-"))


def date_interval(value: str | None, precision: str) -> tuple[date, date] | None:
    """First and last day covered by a day- or month-precision date; None otherwise."""
    if not value:
        return None
    try:
        if precision == "day":
            day = date.fromisoformat(value[:10])
            return day, day
        if precision == "month":
            first = date.fromisoformat(value[:7] + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
    except ValueError:
        return None
    return None


@dataclass
class _OpenGroup:
    first: EventMention
    start: date
    first_end: date
    end: date
    countries: set[str] = field(default_factory=set)
    persons: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    members: list[str] = field(default_factory=list)

    def accepts(self, mention: EventMention, start: date, end: date, config: GroupingConfig) -> bool:
        if (start - self.end).days > config.gap_days:
            return False
        inside_first = start >= self.start and end <= self.first_end
        if (start - self.start).days > config.max_span_days and not inside_first:
            return False
        if mention.location_country and self.countries - {mention.location_country}:
            return False
        for side, party in enumerate(_sides(mention)):
            if party is not None and party.person and self.persons[side] - {party.name}:
                return False
        return True

    def add(self, mention: EventMention, end: date) -> None:
        self.members.append(mention.id)
        self.end = max(self.end, end)
        if mention.location_country:
            self.countries.add(mention.location_country)
        for side, party in enumerate(_sides(mention)):
            if party is not None and party.person:
                self.persons[side].add(party.name)


def link(mentions: Iterable[EventMention], config: GroupingConfig | None = None) -> dict[str, str]:
    """``{event_id: group_id}`` for ``mentions`` (every record gets a group, singletons included)."""
    config = config or GroupingConfig()
    by_key: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_key.setdefault(group_key(mention), []).append(mention)
    groups: dict[str, str] = {}
    for key in sorted(by_key):
        groups.update(_link_key(key, by_key[key], config))
    return groups


def _link_key(key: str, mentions: Sequence[EventMention], config: GroupingConfig) -> dict[str, str]:
    dated: list[tuple[date, date, EventMention]] = []
    groups: dict[str, str] = {}
    for mention in mentions:
        interval = date_interval(mention.date, mention.date_precision)
        if interval is None:
            groups[mention.id] = stable_id(key, mention.id, prefix="g")
        else:
            dated.append((interval[0], interval[1], mention))
    dated.sort(key=lambda item: (item[0], item[1], item[2].id))
    open_groups: list[_OpenGroup] = []
    for start, end, mention in dated:
        candidates = [g for g in open_groups if g.accepts(mention, start, end, config)]
        if candidates:
            # The group whose latest report is nearest; ties go to the older group.
            target = max(candidates, key=lambda g: (g.end, -open_groups.index(g)))
        else:
            target = _OpenGroup(first=mention, start=start, first_end=end, end=end)
            open_groups.append(target)
        target.add(mention, end)
    for group in open_groups:
        group_id = stable_id(key, group.first.id, prefix="g")
        for member in group.members:
            groups[member] = group_id
    return groups
