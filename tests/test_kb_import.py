"""`eventwire kb import`: Wikidata dump lines and SPARQL JSON into the user's KB, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.kb import KnowledgeBase, get_kb
from eventwire.kb.wikidata import WikidataImportError, import_files, read_roles, sector_of, wikidata_date

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
DUMP = FIXTURES / "dump-lines.json"
SPARQL = FIXTURES / "sparql-results.json"


@pytest.fixture
def kb_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "kb"
    monkeypatch.setenv("EVENTWIRE_KB_DIR", str(directory))
    get_kb.cache_clear()
    yield directory
    get_kb.cache_clear()


def test_dump_lines_give_dated_roles_with_countries_from_positions():
    roles, skipped = read_roles(DUMP)
    by_name = {r.name: r for r in roles}
    testova = by_name["Alexandra Testova"]
    # The position's jurisdiction (P1001 -> Q159 -> P298) gives the country; qualifiers give the dates.
    assert (testova.kb_id, testova.country, testova.sector) == ("Q900000001", "RUS", "GOV")
    assert (testova.start, testova.end) == (date(2022, 3, 1), date(2024, 6, 15))
    assert testova.aliases == ("Testova", "A. Testova")
    # P17 of the position; a year-precision start becomes 1 January; a general is MIL.
    examplov = by_name["Boris Examplov"]
    assert (examplov.country, examplov.sector, examplov.start, examplov.end) == ("RUS", "MIL", date(2019, 1, 1), None)
    # Testova's honorary chair has no jurisdiction and she has no citizenship claim: skipped, not guessed.
    assert skipped == 1 and len(roles) == 2


def test_sparql_results_give_one_role_per_binding():
    roles, skipped = read_roles(SPARQL)
    assert skipped == 0
    placeholder, sample = roles
    assert (placeholder.kb_id, placeholder.country, placeholder.role) == ("Q900000003", "USA", "Prime Minister of Freedonia")
    assert placeholder.aliases == ("Placeholder", "M. Placeholder") and placeholder.end is None
    assert (sample.country, sample.sector, sample.end) == ("USA", "JUD", date(2020, 5, 1))


def test_imported_people_are_known_on_their_dates_only(kb_dir: Path):
    report = import_files([DUMP, SPARQL])
    assert (report.people, report.roles, report.skipped_roles) == (4, 4, 1)
    assert Path(report.written_to) == kb_dir / "people.tsv"
    kb = KnowledgeBase()
    role = kb.person("Testova", date(2023, 5, 1))
    assert role is not None and (role.name, role.country, role.kb_id) == ("Alexandra Testova", "RUS", "Q900000001")
    assert kb.person("Alexandra Testova", date(2025, 1, 1)) is None  # after the end of the role
    assert kb.person_country("Alexandra Testova") == "RUS"
    # The shipped people are still there.
    assert kb.person("Vladimir Putin", date(2021, 12, 30)) is not None


def test_reimport_replaces_instead_of_duplicating(kb_dir: Path):
    import_files([DUMP])
    first = (kb_dir / "people.tsv").read_bytes()
    again = import_files([DUMP])
    assert again.replaced_people == 2
    assert (kb_dir / "people.tsv").read_bytes() == first
    import_files([SPARQL])  # other people are added beside
    assert len(KnowledgeBase().people["testova"]) == 1


def test_malformed_dump_line_names_the_line_and_writes_nothing(kb_dir: Path, tmp_path: Path):
    import_files([SPARQL])
    before = (kb_dir / "people.tsv").read_bytes()
    lines = DUMP.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3][:40]  # a truncated entity
    broken = tmp_path / "broken.json"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(WikidataImportError, match=r"broken\.json:4: broken JSON"):
        import_files([DUMP, broken])
    assert (kb_dir / "people.tsv").read_bytes() == before  # nothing half-imported
    assert not list(kb_dir.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace('"country": {"type": "literal", "value": "USA"},', ""), r"binding 1: missing variable \?country"),
        (lambda s: s.replace("entity/Q900000004", "entity/P31"), r"binding 2: \?person is not a Wikidata entity"),
        (lambda s: s.replace("2015-05-01T00:00:00Z", "May 2015"), r"binding 2: unreadable date"),
        (lambda s: s.replace('"value": "usa"', '"value": "US"'), r"binding 2: \?country must be an ISO alpha-3"),
    ],
)
def test_malformed_sparql_binding_is_a_clear_error(kb_dir: Path, tmp_path: Path, change, message):
    broken = tmp_path / "sparql.json"
    broken.write_text(change(SPARQL.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(WikidataImportError, match=message):
        import_files([broken])
    assert not (kb_dir / "people.tsv").exists()


def test_helpers():
    assert wikidata_date("+2021-01-20T00:00:00Z", "x") == date(2021, 1, 20)
    assert wikidata_date("-0044-03-15T00:00:00Z", "x") is None  # BCE
    assert wikidata_date(None, "x") is None
    assert sector_of("Member of the Parliament of Ukraine") == "LEG"
    assert sector_of("Minister of Defence") == "GOV"


def test_cli_import_and_the_pipeline_codes_the_imported_person(kb_dir: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["kb", "import", str(DUMP)]) == 0
    assert "imported 2 roles of 2 people" in capsys.readouterr().out
    get_kb.cache_clear()
    import eventwire

    result = eventwire.analyse_text("Alexandra Testova met Antony Blinken in Geneva on Monday.", date="2023-05-01")
    testova = next(e for e in result.entities if e.name == "Alexandra Testova")
    assert (testova.country, testova.sector, testova.kb_id) == ("RUS", "GOV", "Q900000001")
    assert main(["kb", "import", str(FIXTURES / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
