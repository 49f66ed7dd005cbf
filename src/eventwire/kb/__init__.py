"""Knowledge base: countries, demonyms, capitals, organisations and people with dated roles.

The data are reviewed TSV files in ``kb/data`` (shipped with the package), plus country names from
pycountry, plus the people a user imported from Wikidata (``eventwire kb import``, see ``wikidata.py``),
kept in ``people.tsv`` under the user's KB directory (``$EVENTWIRE_KB_DIR``, default
``~/.local/share/eventwire/kb``). Lookups are case-insensitive and ignore dots and a leading "the"
("the U.S." == "US").
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Role nouns and titles -> PLOVER sector. Order matters only for readability.
TITLE_SECTORS: dict[str, str] = {
    **dict.fromkeys(
        "president vice-president premier chancellor minister ministers secretary secretaries "
        "government governments administration spokesman spokeswoman spokesperson official officials "
        "diplomat diplomats ambassador ambassadors envoy envoys negotiator negotiators counterpart "
        "counterparts leader leaders king queen prince emir sultan sheikh governor governors mayor "
        "ministry cabinet regime authorities authority state-department embassy consulate "
        "presidency monarch ayatollah ruler rulers adviser advisers advisor advisors".split(),
        "GOV",
    ),
    **dict.fromkeys(
        "army military troops soldiers soldier forces force navy air-force general generals commander "
        "commanders militaries marines warplanes jets aircraft sailors battalion brigade".split(),
        "MIL",
    ),
    **dict.fromkeys("police policeman policemen officer officers cop cops gendarmes".split(), "COP"),
    **dict.fromkeys("court courts judge judges prosecutor prosecutors tribunal judiciary jury juries".split(),
                    "JUD"),
    **dict.fromkeys(
        "parliament parliamentary lawmaker lawmakers legislator legislators senator senators congressman "
        "congresswoman congress legislature mp mps deputies assembly".split(),
        "LEG",
    ),
    **dict.fromkeys(
        "rebel rebels insurgent insurgents militants militant guerrillas guerrilla separatists "
        "separatist jihadists jihadist terrorists terrorist militia militias".split(),
        "REB",
    ),
    # The manual's sector table: UAF is "unidentified armed forces ('unknown gunmen')"; a gunman is no rebel.
    **dict.fromkeys("gunmen gunman".split(), "UAF"),
    **dict.fromkeys("party parties nominee nominees candidate candidates".split(), "PTY"),
    **dict.fromkeys("opposition dissident dissidents".split(), "OPP"),
    **dict.fromkeys(
        "company companies firm firms bank banks corporation business businesses investors executive "
        "executives ceo".split(),
        "BUS",
    ),
    # The manual's JRN ("journalists, newspapers, radio, television, web sites"); its MED is health.
    **dict.fromkeys("newspaper journalist journalists reporter reporters media broadcaster".split(), "JRN"),
    **dict.fromkeys("church priest bishop pope imam cleric clerics rabbi".split(), "REL"),
    # The manual's CRM: "individual criminals and criminal gangs".
    **dict.fromkeys("smuggler smugglers trafficker traffickers criminal criminals gang gangs cartel cartels "
                    "mafia kidnapper kidnappers robber robbers".split(), "CRM"),
    **dict.fromkeys(
        "protesters protester demonstrators demonstrator civilians civilian residents people villagers "
        "citizens students student workers activists activist voters refugees migrants individuals nationals "
        "tourists".split(),
        "CVL",
    ),
}

# Two-word titles whose last word alone would mislead: an attorney general is no general.
COMPOUND_TITLE_SECTORS: dict[tuple[str, str], str] = {
    ("attorney", "general"): "JUD", ("solicitor", "general"): "JUD", ("advocate", "general"): "JUD",
    ("surgeon", "general"): "GOV", ("inspector", "general"): "GOV", ("secretary", "general"): "GOV",
    ("governor", "general"): "GOV", ("postmaster", "general"): "GOV", ("auditor", "general"): "GOV",
    ("chief", "justice"): "JUD", ("chief", "minister"): "GOV", ("first", "minister"): "GOV",
    ("district", "attorney"): "JUD", ("state", "attorney"): "JUD", ("us", "attorney"): "JUD",  # prosecutors
    # A chamber's president or speaker is a legislator: "Senate President Thomas Rivera Schatz". (Not an
    # assembly's president: the UN General Assembly's is a diplomat.)
    ("senate", "president"): "LEG", ("parliament", "president"): "LEG", ("senate", "speaker"): "LEG",
    ("house", "speaker"): "LEG", ("assembly", "speaker"): "LEG", ("parliament", "speaker"): "LEG",
    # Leaders of a faith are clergy, not government: "church leaders".
    **{(faith, leader): "REL" for faith in ("church", "religious", "faith", "muslim", "christian", "jewish")
       for leader in ("leader", "leaders")},
}


def compound_title_sector(words: list[str]) -> str | None:
    """The sector of a title ending in a known two-word title ("US Attorney General" -> JUD), else None."""
    lowered = [w.lower().rstrip(".") for w in words]
    for first, second in zip(lowered, lowered[1:], strict=False):
        if (first, second) in COMPOUND_TITLE_SECTORS:
            return COMPOUND_TITLE_SECTORS[(first, second)]
    return None


def normalise(name: str) -> str:
    """Key for name lookups: casefolded, dots and a leading article removed, spaces collapsed."""
    key = name.replace(".", "").replace("\u2019", "'").strip().casefold()
    if key.startswith("the "):
        key = key[4:]
    return " ".join(key.split())


@dataclass(frozen=True)
class PersonRole:
    name: str
    country: str
    sector: str
    role: str
    start: date | None
    end: date | None
    kb_id: str = ""  # Wikidata id for imported people, else "ew:person:<slug>"

    def valid_on(self, when: date | None) -> bool:
        if when is None:
            return self.end is None  # without an article date only current roles are trusted
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class OrgEntry:
    name: str
    country: str
    sector: str


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("eventwire.kb").joinpath("data", filename).read_text(encoding="utf-8")
    return tsv_rows(text)


def tsv_rows(text: str) -> list[list[str]]:
    return [row for row in csv.reader(text.splitlines(), delimiter="\t") if row and not row[0].startswith("#")]


def user_kb_dir() -> Path:
    """Where `eventwire kb import` writes: ``$EVENTWIRE_KB_DIR``, else ``~/.local/share/eventwire/kb``."""
    env = os.environ.get("EVENTWIRE_KB_DIR")
    return Path(env) if env else Path.home() / ".local" / "share" / "eventwire" / "kb"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")


def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


class KnowledgeBase:
    """In-memory indexes over the shipped data files."""

    def __init__(self) -> None:
        self.countries: dict[str, str] = {}  # name -> iso3
        self.demonyms: dict[str, str] = {}  # adjective / people -> iso3
        self.capitals: dict[str, str] = {}  # capital -> iso3
        self.country_names: dict[str, str] = {}  # iso3 -> display name
        self.orgs: dict[str, OrgEntry] = {}
        self.people: dict[str, list[PersonRole]] = {}
        self.given_names: dict[str, str] = {}  # given name -> F or M (names listed under both are left out)
        # Dependencies -> the state the PLOVER manual folds them into (data/dependencies.tsv).
        self.folded: dict[str, str] = {row[0]: row[1] for row in _rows("dependencies.tsv")}
        self._load_countries()
        self._load_orgs()
        self._load_people()
        self._load_given_names()

    def _load_countries(self) -> None:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    self.countries.setdefault(normalise(value), self.fold(c.alpha_3))
            self.country_names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
        for row in _rows("countries.tsv"):
            own_code, names, demonyms, capitals = (row + ["", "", "", ""])[:4]
            iso3 = self.fold(own_code)
            names_list = [n for n in names.split("|") if n]
            for n in names_list:
                self.countries[normalise(n)] = iso3
            if names_list and iso3 == own_code:
                self.country_names[iso3] = names_list[0]
            for d in filter(None, demonyms.split("|")):
                self.demonyms[normalise(d)] = iso3
            for cap in filter(None, capitals.split("|")):
                self.capitals[normalise(cap)] = iso3

    def _load_orgs(self) -> None:
        for row in _rows("organisations.tsv"):
            names, country, sector = row[0], self.fold(row[1]), row[2]
            aliases = names.split("|")
            entry = OrgEntry(aliases[0], country, sector)
            for alias in aliases:
                self.orgs[normalise(alias)] = entry

    def _load_people(self) -> None:
        imported = user_kb_dir() / "people.tsv"
        rows = _rows("people.tsv")
        if imported.is_file():
            # Imported roles come after the shipped ones: the reviewed table wins a tie on a date.
            rows += tsv_rows(imported.read_text(encoding="utf-8"))
        for row in rows:
            name, aliases, country, sector, role, start, end, kb_id = (row + [""] * 8)[:8]
            country = self.fold(country)
            person = PersonRole(name, country, sector, role, _parse_date(start), _parse_date(end),
                                kb_id or f"ew:person:{slug(name)}")
            for alias in [name, *filter(None, aliases.split("|"))]:
                self.people.setdefault(normalise(alias), []).append(person)

    def _load_given_names(self) -> None:
        seen: dict[str, set[str]] = {}
        for gender, names in _rows("given_names.tsv"):
            for name in names.split():
                seen.setdefault(name.lower(), set()).add(gender)
        self.given_names = {name: genders.pop() for name, genders in seen.items() if len(genders) == 1}

    # --- lookups -------------------------------------------------------------------------------
    def fold(self, iso3: str) -> str:
        """The state a dependency's actors are coded with ("PRI" -> "USA"), else ``iso3`` itself."""
        return self.folded.get(iso3, iso3)

    def gender(self, name: str) -> str | None:
        """F or M from a person's given name (the first word), else None."""
        first = name.split()[0].lower() if name.split() else ""
        return self.given_names.get(first)

    @staticmethod
    def _usable(text: str) -> bool:
        # "us", "it", "may": short lowercase words are pronouns or verbs, never names.
        return bool(text.strip()) and not (text.islower() and len(text) <= 3)

    def country(self, name: str) -> str | None:
        return self.countries.get(normalise(name)) if self._usable(name) else None

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(normalise(word)) if self._usable(word) else None

    def capital(self, name: str) -> str | None:
        return self.capitals.get(normalise(name)) if self._usable(name) else None

    def organisation(self, name: str) -> OrgEntry | None:
        return self.orgs.get(normalise(name)) if self._usable(name) else None

    def person(self, name: str, when: date | None = None) -> PersonRole | None:
        """The role of a known person valid on ``when`` (the article's date), else None."""
        roles = self.people.get(normalise(name), []) if self._usable(name) else []
        valid = [r for r in roles if r.valid_on(when)]
        return valid[0] if valid else None

    def person_country(self, name: str) -> str | None:
        """The one country all of a known person's roles share, whatever the date, else None."""
        roles = self.people.get(normalise(name), []) if self._usable(name) else []
        countries = {r.country for r in roles}
        return countries.pop() if len(countries) == 1 else None

    def kb_id(self, reasons: list[str], country: str | None) -> str | None:
        """The KB entry behind an entity's coding, read from its reason codes (first match wins)."""
        for reason in reasons:
            kind, _, value = reason.partition(":")
            if reason.startswith(("kb:person:", "kb:person-out-of-role:")):
                roles = self.people.get(normalise(value.partition(":")[2]))
                if roles:
                    return roles[0].kb_id
            elif reason.startswith("kb:org:"):
                return f"ew:org:{slug(value.partition(':')[2])}"
            elif reason.startswith(("country:name:", "metonym:capital:")) and country:
                return f"iso3166:{country}"
        return None

    def known_person(self, name: str) -> str | None:
        """Canonical name of a known person, whatever the date (for name clustering)."""
        roles = self.people.get(normalise(name))
        return roles[0].name if roles else None

    def lookup(self, name: str, when: date | None = None) -> dict[str, object]:
        """Everything the KB knows about a name (for `eventwire kb lookup`)."""
        found: dict[str, object] = {"query": name, "date": when.isoformat() if when else None}
        if (iso := self.country(name)) is not None:
            found["country"] = iso
        if (iso := self.demonym(name)) is not None:
            found["demonym_of"] = iso
        if (iso := self.capital(name)) is not None:
            found["capital_of"] = iso
        if (org := self.organisation(name)) is not None:
            found["organisation"] = {"name": org.name, "country": org.country, "sector": org.sector}
        roles = self.people.get(normalise(name), [])
        if roles:
            found["roles"] = [
                {
                    "name": r.name,
                    "kb_id": r.kb_id,
                    "country": r.country,
                    "sector": r.sector,
                    "role": r.role,
                    "from": r.start.isoformat() if r.start else None,
                    "until": r.end.isoformat() if r.end else None,
                    "valid_on_date": r.valid_on(when),
                }
                for r in roles
            ]
        return found


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    return KnowledgeBase()
