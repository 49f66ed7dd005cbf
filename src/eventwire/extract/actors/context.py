"""Article context: the country that dominates an article's coded mentions, and what it codes.

The issue's third kind of evidence, after the knowledge base and the words of a phrase: a person nothing
else codes, a bare body written as a common noun ("the senate"), and (through
:meth:`eventwire.extract.actors.DocEntities.in_context`) an event participant with a sector and no country
take the article's dominant country, with the reason ``country:article-context:ISO``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.nlp import doc_text

if TYPE_CHECKING:
    from eventwire.extract.actors.entities import EntityRegistry
    from eventwire.records import Entity

# A country stands for the article's context when it has at least this many mentions and this share of all
# the mentions of country-coded entities.
CONTEXT_MIN_MENTIONS = 3
CONTEXT_MIN_SHARE = 0.6
CONTEXT_REASON = "country:article-context"
# A country read off a role in apposition after the name ("Zalmay Khalilzad, a US peace envoy").
APPOSITION_REASON = "country:apposed-role"
# Countries that code a person but do not make them a political actor by themselves.
WEAK_COUNTRY_REASONS = (CONTEXT_REASON, APPOSITION_REASON)


def _title_countries(registry: EntityRegistry, title: str | None) -> list[str]:
    """Countries the headline names, by name or demonym ("..., Philippines dies", "Samoan government ...")."""
    if not title:
        return []
    kb = registry.kb
    words = re.findall(r"[^\W\d_][\w'.-]*", title)
    found: list[str] = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n]).rstrip(".")
            if phrase[:1].isupper() and (iso := kb.country(phrase) or kb.demonym(phrase)) and iso not in found:
                found.append(iso)
    return found


def article_country(registry: EntityRegistry, title: str | None = None) -> str | None:
    """The country that has at least ``CONTEXT_MIN_MENTIONS`` and ``CONTEXT_MIN_SHARE`` of the mentions of
    country-coded entities (a country the headline names counts as one more mention); failing that, of
    those and the place names no entity took; else None."""
    counts: dict[str, int] = {iso: 1 for iso in _title_countries(registry, title)}
    for entity in registry.entities.values():
        # The outlets that report a story are not where it happens ("according to NPR" in a London story).
        if entity.country in registry.kb.country_names and entity.sector != "JRN":
            counts[entity.country] = counts.get(entity.country, 0) + len(entity.mentions)
    country = _dominant(counts)
    if country is not None:
        return country
    # Only then do place names no entity took count for their country ("Nevada", "Tamil Nadu": a story
    # about a caucus that never writes "United States"). First would let Florida outweigh the Bahamas.
    for ent in registry.doc.ents:
        if ent.label_ in {"GPE", "LOC"} and ent.root.i not in registry.token_entity:
            region = _region_country(ent.text)
            if region is not None:
                counts[region] = counts.get(region, 0) + 1
    return _dominant(counts)


def _dominant(counts: dict[str, int]) -> str | None:
    total = sum(counts.values())
    if not total:
        return None
    country, mentions = max(counts.items(), key=lambda item: item[1])
    if mentions < CONTEXT_MIN_MENTIONS or mentions < CONTEXT_MIN_SHARE * total:
        return None
    return country


# Bare names of bodies every state has; the KB files some under one country ("Congress", "Senate").
GENERIC_BODY_NAMES = {"congress", "senate", "house", "parliament", "assembly", "national assembly",
                      "supreme court", "cabinet"}
# Countries whose legislature has a chamber or whole called so in English news: a capitalised "the Senate"
# in a Philippine story that names nothing else American is the Philippine Senate; Britain has neither,
# so "criticized Congress" in a British story stays the US Congress.
HAS_BODY = {
    "senate": {"ARG", "AUS", "BEL", "BOL", "BRA", "CAN", "CHL", "COL", "CZE", "DOM", "FRA", "HTI", "IRL", "ITA",
               "KEN", "LBR", "MEX", "NGA", "NLD", "PAK", "PHL", "POL", "PRY", "ROU", "RWA", "ZAF", "URY", "ESP"},
    "congress": {"ARG", "BRA", "CHL", "COL", "ECU", "ESP", "GTM", "HND", "MEX", "PER", "PHL", "PRY", "SLV", "VEN"},
}
# A place name counts for its country's share of an article when its likeliest reading is this populous.
CONTEXT_REGION_MIN_POPULATION = 100_000


def _region_country(name: str) -> str | None:
    """The country of a place name no entity codes ("Nevada", "Tamil Nadu", "Kenosha"), for the article's
    context only: the gazetteer's most populous entry of that primary name. A region never codes an actor's
    country by itself (users complain of cities promoted to national actors)."""
    from eventwire.extract.places import load_gazetteer

    entries = [entry for entry, alternate in load_gazetteer().lookup(name) if not alternate]
    best = max(entries, key=lambda entry: entry.population, default=None)
    if best is None or best.population < CONTEXT_REGION_MIN_POPULATION:
        return None
    return best.country


def _written_lowercase(registry: EntityRegistry, entity: Entity) -> bool:
    text = doc_text(registry.doc)
    return all(text[start:end][:1].islower() for start, end in entity.mentions) if entity.mentions else False


def code_from_context(registry: EntityRegistry, title: str | None = None) -> str | None:
    """When one country dominates the article's mentions, a person the KB and the text leave without a
    country ("Jacob Blake", "Hunter Biden" in a story about US politics), and a bare body written as a
    common noun ("the senate" in a story about Argentina), take it, with the reason
    ``country:article-context``. The issue's third kind of evidence, after the KB and descriptors; such a
    country never makes an actor political by itself (the event stage asks for more). Returns that
    country (None when no country dominates)."""
    country = article_country(registry, title)
    if country is None:
        return None
    kb = registry.kb
    for entity in registry.entities.values():
        if entity.kind == "ORG" and entity.name.lower().removeprefix("the ") in GENERIC_BODY_NAMES and (
                entity.country not in (None, country)) and (_written_lowercase(registry, entity) or (
                    country in HAS_BODY.get(entity.name.lower().removeprefix("the "), set()) and not any(
                        other.country == entity.country
                        and other.name.lower().removeprefix("the ") not in GENERIC_BODY_NAMES
                        for other in registry.entities.values()))):
            # "the senate", "the Argentine congress" in a story about Argentina are Argentina's, not the US
            # Congress the KB files under the bare name; so is "the Senate" in a Philippine story that names
            # nothing else American ("addressed Congress" in a British story about the US president stays US).
            entity.country = country
            entity.reasons.append(f"{CONTEXT_REASON}:{country}")
            continue
        if entity.kind == "PERSON" and entity.country is None:
            if kb.country(entity.name) or kb.organisation(entity.name):
                continue  # a country or an organisation the tagger took for a person ("Niger's capital")
            entity.country = country
            entity.reasons.append(f"{CONTEXT_REASON}:{country}")
    return country
