"""`eventwire kb import`: people with dated roles from Wikidata JSON, into the user's KB directory.

Two input formats, detected from the content:

* **Dump lines**, as in Wikidata's JSON dumps (one entity object per line, optionally inside the dump's
  ``[`` ... ``]`` with trailing commas; ``.gz`` files are read as such). Persons are entities with
  "position held" (P39) statements; each statement gives one role, dated by its "start time" (P580)
  and "end time" (P582) qualifiers. A role's country is the position's "applies to jurisdiction"
  (P1001) or "country" (P17), else the person's citizenship (P27), read as ISO alpha-3 from the
  country entity's P298. So the file must hold the position and country entities as well as the
  people (a dump slice or a ``wbgetentities`` export does).
* **SPARQL JSON results** (``{"head": ..., "results": {"bindings": [...]}}``) of a query with the
  variables ``person`` (entity URI), ``personLabel``, ``positionLabel`` and ``country`` (ISO alpha-3,
  P298), and optionally ``start``, ``end`` (dates), ``aliases`` ("|"-separated) and ``sector``. One
  binding is one role. docs/schema.md has a query that produces this.

Sector: the ``sector`` variable if given, else from the position's name (judges JUD, generals and
commanders MIL, members of parliament and senators LEG, party leaders PTY, else GOV).

All or nothing: any malformed line or binding raises `WikidataImportError` naming the file and line,
and nothing is written. Roles whose country cannot be resolved are skipped and counted. The result
merges into ``people.tsv`` of `eventwire.kb.user_kb_dir`: people imported again replace their earlier
rows, and the file is replaced in one rename. A new process sees the imported people.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.kb import tsv_rows, user_kb_dir

PEOPLE_FILE = "people.tsv"
HEADER = "# name\taliases (|)\tcountry\tsector\trole\tfrom\tuntil\tkb_id (imported by eventwire kb import)\n"
_QID = re.compile(r"^Q\d+$")
_SECTOR_WORDS = (
    (re.compile(r"\b(judge|justice|court|prosecutor)\b", re.I), "JUD"),
    (re.compile(r"\b(general|admiral|commander|chief of (the )?(general )?staff|marshal)\b", re.I), "MIL"),
    (re.compile(r"\b(member of (the )?parliament|senator|representative|deputy|legislat|speaker of)", re.I), "LEG"),
    (re.compile(r"\b(party (leader|chair)|leader of the .* party|secretary[- ]general of the .* party)", re.I), "PTY"),
)


class WikidataImportError(ValueError):
    """The input cannot be imported; nothing was written."""


@dataclass(frozen=True)
class ImportedRole:
    kb_id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: date | None
    end: date | None

    def row(self) -> list[str]:
        return [self.name, "|".join(self.aliases), self.country, self.sector, self.role,
                self.start.isoformat() if self.start else "", self.end.isoformat() if self.end else "",
                self.kb_id]


@dataclass
class ImportReport:
    people: int = 0
    roles: int = 0
    skipped_roles: int = 0  # no resolvable country
    written_to: str = ""
    replaced_people: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def sector_of(position: str) -> str:
    for pattern, sector in _SECTOR_WORDS:
        if pattern.search(position):
            return sector
    return "GOV"


def wikidata_date(value: Any, where: str) -> date | None:
    """A date from Wikidata's ``+2021-01-20T00:00:00Z`` (or SPARQL's ``2021-01-20T00:00:00Z``); year or
    month precision comes with zeros, which become the first day; BCE dates give None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise WikidataImportError(f"{where}: a date must be a string, got {value!r}")
    match = re.match(r"^([+-]?)(\d{1,4})-(\d\d)-(\d\d)", value.strip())
    if match is None:
        raise WikidataImportError(f"{where}: unreadable date {value!r}")
    if match.group(1) == "-":
        return None
    year, month, day = (int(g) for g in match.groups()[1:])
    try:
        return date(year, month or 1, day or 1)
    except ValueError as exc:
        raise WikidataImportError(f"{where}: impossible date {value!r}") from exc


def read_roles(path: str | Path) -> tuple[list[ImportedRole], int]:
    """Roles in one file (either format) and how many roles were skipped for want of a country."""
    path = Path(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
        raise WikidataImportError(f"{path}: cannot read: {exc}") from exc
    stripped = text.lstrip()
    if stripped.startswith("{") and '"results"' in stripped[:2000] and '"head"' in stripped[:2000]:
        return _sparql_roles(path, text), 0
    return _dump_roles(path, text)


def _read_text(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8")


# -- SPARQL JSON -----------------------------------------------------------------------------------


def _sparql_roles(path: Path, text: str) -> list[ImportedRole]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WikidataImportError(f"{path}:{exc.lineno}: broken JSON: {exc.msg}") from exc
    bindings = data.get("results", {}).get("bindings") if isinstance(data, dict) else None
    if not isinstance(bindings, list):
        raise WikidataImportError(f"{path}: no results.bindings list")
    roles = []
    for n, binding in enumerate(bindings, start=1):
        where = f"{path}: binding {n}"
        if not isinstance(binding, dict):
            raise WikidataImportError(f"{where}: not an object")

        def value(key: str, required: bool = False, b: dict = binding, w: str = where) -> str:
            cell = b.get(key)
            if cell is None:
                if required:
                    raise WikidataImportError(f"{w}: missing variable ?{key}")
                return ""
            if not isinstance(cell, dict) or not isinstance(cell.get("value"), str):
                raise WikidataImportError(f"{w}: ?{key} has no string value")
            return cell["value"].strip()

        qid = value("person", required=True).rsplit("/", 1)[-1]
        if not _QID.match(qid):
            raise WikidataImportError(f"{where}: ?person is not a Wikidata entity: {qid!r}")
        country = value("country", required=True).upper()
        if not re.fullmatch(r"[A-Z]{3}", country):
            raise WikidataImportError(f"{where}: ?country must be an ISO alpha-3 code, got {country!r}")
        name, position = value("personLabel", required=True), value("positionLabel", required=True)
        aliases = tuple(a.strip() for a in value("aliases").split("|") if a.strip() and a.strip() != name)
        sector = value("sector").upper() or sector_of(position)
        roles.append(ImportedRole(qid, name, aliases, country, sector, position,
                                  wikidata_date(value("start"), where), wikidata_date(value("end"), where)))
    return roles


# -- dump lines ------------------------------------------------------------------------------------


def _entities(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for line_no, line in enumerate(text.splitlines(), start=1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise WikidataImportError(f"{path}:{line_no}: broken JSON: {exc.msg}") from exc
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise WikidataImportError(f"{path}:{line_no}: not a Wikidata entity (no \"id\")")
        if not isinstance(entity.get("claims", {}), dict):
            raise WikidataImportError(f"{path}:{line_no}: \"claims\" is not an object")
        yield line_no, entity


def _label(entity: dict[str, Any]) -> str:
    label = (entity.get("labels") or {}).get("en") or {}
    return str(label.get("value", "")).strip() if isinstance(label, dict) else ""


def _aliases(entity: dict[str, Any]) -> tuple[str, ...]:
    values = (entity.get("aliases") or {}).get("en") or []
    return tuple(str(a.get("value", "")).strip() for a in values if isinstance(a, dict) and a.get("value"))


def _claim_values(entity: dict[str, Any], prop: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    for statement in entity.get("claims", {}).get(prop, []) or []:
        snak = statement.get("mainsnak", {}) if isinstance(statement, dict) else {}
        value = (snak.get("datavalue") or {}).get("value")
        if value is not None and statement.get("rank") != "deprecated":
            yield value, statement


def _item_ids(entity: dict[str, Any], prop: str) -> list[str]:
    return [v["id"] for v, _ in _claim_values(entity, prop) if isinstance(v, dict) and isinstance(v.get("id"), str)]


def _qualifier_time(statement: dict[str, Any], prop: str, where: str) -> date | None:
    for qualifier in (statement.get("qualifiers") or {}).get(prop, []) or []:
        value = (qualifier.get("datavalue") or {}).get("value") if isinstance(qualifier, dict) else None
        if isinstance(value, dict) and "time" in value:
            return wikidata_date(value["time"], where)
    return None


def _dump_roles(path: Path, text: str) -> tuple[list[ImportedRole], int]:
    entities = list(_entities(path, text))
    alpha3 = {e["id"]: v for _, e in entities for v, _ in _claim_values(e, "P298") if isinstance(v, str)}
    jurisdiction = {e["id"]: (_item_ids(e, "P1001") or _item_ids(e, "P17") or [None])[0] for _, e in entities}
    labels = {e["id"]: _label(e) for _, e in entities}
    roles: list[ImportedRole] = []
    skipped = 0
    for line_no, person in entities:
        statements = list(_claim_values(person, "P39"))
        if not statements:
            continue
        name = labels[person["id"]]
        if not name:
            raise WikidataImportError(f"{path}:{line_no}: person {person['id']} has no English label")
        citizenship = [alpha3[c] for c in _item_ids(person, "P27") if c in alpha3]
        for value, statement in statements:
            where = f"{path}:{line_no}"
            if not isinstance(value, dict) or not isinstance(value.get("id"), str):
                raise WikidataImportError(f"{where}: P39 value is not an item")
            position = value["id"]
            country = alpha3.get(jurisdiction.get(position) or "") or (citizenship[0] if citizenship else None)
            if country is None:
                skipped += 1
                continue
            role = labels.get(position) or position
            roles.append(ImportedRole(person["id"], name, tuple(a for a in _aliases(person) if a != name),
                                      country, sector_of(role), role, _qualifier_time(statement, "P580", where),
                                      _qualifier_time(statement, "P582", where)))
    return roles, skipped


# -- merge into the user's KB ----------------------------------------------------------------------


def import_files(paths: Iterable[str | Path], kb_dir: str | Path | None = None) -> ImportReport:
    """Read every file first (any error: nothing written), then merge into the user's people.tsv."""
    report = ImportReport()
    roles: list[ImportedRole] = []
    for path in paths:
        found, skipped = read_roles(path)
        roles += found
        report.skipped_roles += skipped
    directory = Path(kb_dir) if kb_dir is not None else user_kb_dir()
    target = directory / PEOPLE_FILE
    imported_ids = {r.kb_id for r in roles}
    kept: list[list[str]] = []
    replaced: set[str] = set()
    if target.is_file():
        for row in tsv_rows(target.read_text(encoding="utf-8")):
            row = (row + [""] * 8)[:8]
            if row[7] in imported_ids:
                replaced.add(row[7])
            else:
                kept.append(row)
    report.replaced_people = len(replaced)
    rows = kept + [r.row() for r in sorted(set(roles), key=lambda r: (r.kb_id, r.start or date.min, r.role))]
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{PEOPLE_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(HEADER + "".join("\t".join(_clean(c) for c in row) + "\n" for row in rows), encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    report.people = len(imported_ids)
    report.roles = len(set(roles))
    report.written_to = str(target)
    return report


def _clean(cell: str) -> str:
    """Tabs and line breaks would break the TSV row."""
    return " ".join(cell.split())
