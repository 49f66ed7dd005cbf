"""Toponym resolution: score gazetteer candidates by prior (population, feature type) and article context.

Every mention first gets its best candidate by prior alone; then the article's *country focus* (how much
each country, and each first-level division, is talked about by the other mentions) and proximity to the
other resolved places re-rank the candidates, twice. Each mention is scored with the context of the
*other* names only (leave-one-out), so "Georgia" cannot vote for its own reading. All mentions of one name
share one reading (one sense per discourse), and a "City, State" pattern restricts the candidates of every
mention of that city.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from eventwire.extract.places.gazetteer import GazEntry, haversine_km

FEATURE_PRIOR = {"country": 3.0, "continent": 3.0, "region": 2.5, "admin1": 1.0, "admin2": 0.5, "city": 0.0,
                 "facility": 0.0}
COUNTY_POPULATION = 50_000  # US counties come without a population
NAMESAKE_BONUS = 2.5  # "New York": the city that dominates the state named like it
NAMESAKE_SHARE = 0.2
LOC_CITY_PENALTY = 1.5  # spaCy LOC names are mostly natural features and regions, seldom towns
CAPITAL_BONUS = 2.0
COUNTRY_FOCUS_WEIGHT = 2.5
ADMIN1_FOCUS_WEIGHT = 2.0
PROXIMITY_BONUS = 1.5
PROXIMITY_KM = 150.0
CONTEXT_ROUNDS = 2
# Admin-1 populations are sums over the gazetteer's populated places, which double count city districts.
ADMIN1_POPULATION_DAMPING = 0.5


@dataclass
class Constraint:
    """Where a "City, State" / "City, Country" pattern puts a mention."""

    country2: str
    admin1: str | None = None
    region: GazEntry | None = None  # a division without an admin1 code: match by distance
    reason: str = "pattern:city-state"
    any_feature: bool = False  # "Queensland, Australia" narrows a division too, not only towns and counties


@dataclass
class Mention:
    key: str  # normalised name: mentions with the same key share a reading
    text: str
    start: int
    end: int
    label: str
    sentence_index: int
    candidates: list[tuple[GazEntry, bool]] = field(default_factory=list)
    modifier: str | None = None
    constraint: Constraint | None = None
    reasons: list[str] = field(default_factory=list)
    # set by resolve()
    best: GazEntry | None = None
    probability: float = 0.0
    resolution_reasons: list[str] = field(default_factory=list)


def prior_score(entry: GazEntry, via_alt: bool) -> tuple[float, list[str]]:
    population = entry.population * (ADMIN1_POPULATION_DAMPING if entry.feature == "admin1" else 1.0)
    if entry.feature == "admin2" and not population:
        population = COUNTY_POPULATION
    score = math.log10(max(population, 0) + 10) + FEATURE_PRIOR.get(entry.feature, 0.0)
    reasons = ["gaz:population"]
    if entry.feature in ("country", "admin1", "continent", "region"):
        reasons.append(f"gaz:{entry.feature}")
    if entry.capital:
        score += CAPITAL_BONUS
        reasons.append("gaz:capital")
    if via_alt:
        score -= 1.5 if entry.population < 1_000_000 else 0.5
        reasons.append("gaz:alt-name")
    return score, reasons


def satisfies(entry: GazEntry, constraint: Constraint) -> bool:
    if entry.country2 != constraint.country2:
        return False
    if constraint.any_feature:
        return True
    if entry.feature not in ("city", "admin2"):
        return False
    if constraint.admin1 is not None:
        return entry.admin1 == constraint.admin1
    if constraint.region is not None:
        if entry.lat is None or constraint.region.lat is None:
            return False
        return haversine_km(entry.lat, entry.lon, constraint.region.lat, constraint.region.lon) < 400
    return True


@dataclass
class _Focus:
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[float, float, float]] = field(default_factory=list)
    total: float = 0.0


def _contribution(entry: GazEntry, weight: float, focus: _Focus) -> None:
    if entry.country2:
        focus.countries[entry.country2] += weight
        focus.total += weight
    if entry.country2 and entry.admin1 and entry.feature in ("city", "admin1"):
        focus.admin1s[(entry.country2, entry.admin1)] += weight
    if entry.feature in ("city", "facility"):
        focus.points.append((entry.lat, entry.lon, weight))


def _focus_by_key(
    mentions: list[Mention],
    country_votes: dict[str, float] | None = None,
    admin1_votes: dict[tuple[str, str], float] | None = None,
) -> dict[str, _Focus]:
    """For each name, the focus computed from all the *other* names' current readings, plus the article's
    nationality words ("Jordanian officials" make Karak the Jordanian one) and the divisions named inside
    organisation names ("Kentucky State Police")."""
    keys = {m.key for m in mentions}
    focus = {k: _Focus() for k in keys}
    for country2, weight in (country_votes or {}).items():
        for k in keys:
            focus[k].countries[country2] += weight
            focus[k].total += weight
    for (country2, admin1), weight in (admin1_votes or {}).items():
        for k in keys:
            focus[k].countries[country2] += weight
            focus[k].total += weight
            if admin1:
                focus[k].admin1s[(country2, admin1)] += weight
    for m in mentions:
        if m.best is None:
            continue
        weight = max(m.probability, 0.2)
        for k in keys:
            if k != m.key:
                _contribution(m.best, weight, focus[k])
    return focus


def context_score(entry: GazEntry, focus: _Focus) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if focus.total > 0 and entry.country2:
        share = focus.countries.get(entry.country2, 0.0) / focus.total
        if share > 0:
            score += COUNTRY_FOCUS_WEIGHT * share
            if share >= 0.2:
                reasons.append("ctx:country-focus")
    if entry.country2 and entry.admin1 and entry.feature in ("city", "admin1"):
        weight = focus.admin1s.get((entry.country2, entry.admin1), 0.0)
        if weight > 0:
            score += ADMIN1_FOCUS_WEIGHT * min(1.0, weight)
            reasons.append("ctx:admin1-focus")
    if entry.feature == "city" and focus.points and entry.lat is not None:
        near = sum(w for lat, lon, w in focus.points if haversine_km(entry.lat, entry.lon, lat, lon) < PROXIMITY_KM)
        if near > 0:
            score += PROXIMITY_BONUS * min(1.0, near)
            reasons.append("ctx:proximity")
    return score, reasons


def _choose(mention_group: list[Mention], focus: _Focus | None) -> None:
    # The candidates of the most reliable mention: a relabelled ORG/PERSON name keeps primary names only,
    # a GPE/LOC mention of the same name also has the alternate names ("Karak" for Al-Karak).
    head = next((m for m in mention_group if m.label != "RELABEL"), mention_group[0])
    candidates = head.candidates
    constraint = next((m.constraint for m in mention_group if m.constraint is not None), None)
    if constraint is not None:
        candidates = [(e, alt) for e, alt in candidates if satisfies(e, constraint)]
    if any(not alt and e.feature in ("country", "continent") for e, alt in candidates):
        # "Mexico" is the country: a city that has it only as an alternate name (Mexico City) is no reading.
        candidates = [(e, alt) for e, alt in candidates if not alt]
    divisions = {
        (e.country2, e.admin1): e.population * ADMIN1_POPULATION_DAMPING for e, _ in candidates if e.feature == "admin1"
    }
    scored = []
    for entry, via_alt in candidates:
        score, reasons = prior_score(entry, via_alt)
        if entry.feature == "city":
            division = divisions.get((entry.country2, entry.admin1))
            if division and entry.population >= NAMESAKE_SHARE * division:
                score += NAMESAKE_BONUS
                reasons.append("gaz:namesake-city")
            if head.label == "LOC":
                score -= LOC_CITY_PENALTY
        if focus is not None:
            extra, extra_reasons = context_score(entry, focus)
            score += extra
            reasons += extra_reasons
        if constraint is not None:
            reasons.append(constraint.reason)
        scored.append((score, entry, reasons))
    if not scored:
        for m in mention_group:
            m.best, m.probability, m.resolution_reasons = None, 0.0, []
        return
    scored.sort(key=lambda s: (-s[0], -s[1].population))
    top = scored[0][0]
    total = sum(math.exp(s - top) for s, _, _ in scored)
    probability = 1.0 / total
    for m in mention_group:
        m.best, m.probability = scored[0][1], probability
        m.resolution_reasons = list(scored[0][2]) + (["doc:one-sense"] if len(mention_group) > 1 else [])


def resolve(
    mentions: list[Mention],
    country_votes: dict[str, float] | None = None,
    admin1_votes: dict[tuple[str, str], float] | None = None,
) -> None:
    """Pick ``best`` for every mention in place (None when no candidate fits). ``country_votes`` (alpha-2
    code -> weight) and ``admin1_votes`` ((alpha-2, admin1 code or "") -> weight) are context from outside the
    place names, such as nationality words and divisions named in organisation names."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    for group in groups.values():
        _choose(group, None)
    for _ in range(CONTEXT_ROUNDS):
        focus = _focus_by_key(mentions, country_votes, admin1_votes)
        for key, group in groups.items():
            _choose(group, focus[key])
