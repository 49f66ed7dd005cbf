"""The publication's own focus, read from the article's URL: weak context for resolving place names.

Local papers write "London" for their own London and name themselves after their town; national
sites sit under their country's domain. Two cues, each as strong as one nationality word:

- the country-code top-level domain (``.co.uk`` -> GB, ``.ca`` -> CA); codes that sell as generic
  names (``.tv``, ``.io``, ``.fm``, ...) are ignored;
- a place name at the start of the site's name ("edmontonjournal.com", "enfield-today.co.uk",
  "amarillo.com"): a city of at least ``MIN_POPULATION`` (or a first-level division) whose name,
  written without spaces, begins a hyphen-separated part of the site name, the longest match first,
  at least ``MIN_NAME_LENGTH`` letters; within the domain's country when it has one, else the most
  populous.

The votes only add to the article's country and division focus (`resolve.resolve`); they never
create a place mention.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from eventwire.extract.places.gazetteer import Gazetteer

PUBLICATION_WEIGHT = 0.5
MIN_POPULATION = 20_000
MIN_NAME_LENGTH = 5
# Country codes sold as generic names (and .eu, .su): no country focus.
GENERIC_CCTLDS = frozenset({"tv", "io", "fm", "am", "co", "me", "ly", "cc", "ai", "ws", "to", "gg", "la", "nu",
                            "eu", "su", "ac", "sh", "vc", "gl", "is", "it"})
# "it" is Italy, but as many sites use .it for words ("visit.it") as for Italy: left out deliberately.
SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "news", "or", "ne", "go"})
_CCTLD_ALIASES = {"uk": "GB"}


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip() if "//" in url else f"//{url.strip()}").hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def publication_country(url: str) -> str | None:
    """Alpha-2 country of the URL's country-code domain, if it has a usable one."""
    labels = _host(url).split(".")
    if len(labels) < 2:
        return None
    tld = labels[-1]
    if len(tld) != 2 or not tld.isalpha() or tld in GENERIC_CCTLDS:
        return None
    return _CCTLD_ALIASES.get(tld, tld.upper())


def site_name(url: str) -> str:
    """The registered name of the site: "edmontonjournal" for www.edmontonjournal.com."""
    labels = _host(url).split(".")
    if len(labels) < 2:
        return ""
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2]


def publication_votes(url: str, gaz: Gazetteer) -> dict[tuple[str, str], float]:
    """(alpha-2, admin1 or "") -> weight, from the URL (see the module docstring)."""
    votes: dict[tuple[str, str], float] = {}
    if not url:
        return votes
    country = publication_country(url)
    if country:
        votes[(country, "")] = PUBLICATION_WEIGHT
    place = _place_in_site_name(site_name(url), country, gaz)
    if place is not None:
        key = (place[0], place[1] or "")
        votes[key] = votes.get(key, 0.0) + PUBLICATION_WEIGHT
    return votes


def _place_in_site_name(name: str, country: str | None, gaz: Gazetteer) -> tuple[str, str | None] | None:
    for part in name.split("-"):
        for length in range(len(part), MIN_NAME_LENGTH - 1, -1):
            entries = [
                e for e, via_alt in gaz.lookup(part[:length])
                if not via_alt and e.country2
                and (e.feature == "admin1" or (e.feature == "city" and e.population >= MIN_POPULATION))
                and (country is None or e.country2 == country)
            ]
            if entries:
                best = max(entries, key=lambda e: e.population)
                return best.country2, best.admin1
    return None
