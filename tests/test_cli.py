"""The CLI end to end: run on good and bad input, idempotent re-runs, queries and exports."""

from __future__ import annotations

import json

import pytest

from conftest import SEED
from eventwire.cli import main


def _tables(db):
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        return {t: store.dump_table(t) for t in ("articles", "events", "quotes", "actors", "places")}


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "seed.duckdb"
    assert main(["run", str(SEED), "--db", str(db), "--date", "2021-12-30", "--quiet"]) == 0
    return db


def test_rerun_is_idempotent(seed_db):
    before = _tables(seed_db)
    assert before["events"] and before["quotes"]
    assert main(["run", str(SEED), "--db", str(seed_db), "--date", "2021-12-30", "--quiet"]) == 0
    assert _tables(seed_db) == before


def test_events_query_and_formats(seed_db, capsys):
    assert main(["events", "--db", str(seed_db), "--type", "CONSULT", "--actor", "Putin", "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert lines and all(r["event_type"] == "CONSULT" for r in lines)
    assert main(["events", "--db", str(seed_db), "--since", "2021-12-01", "--until", "2021-12-10",
                 "--format", "jsonl"]) == 0
    dated = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert dated and all("2021-12-01" <= r["date"] <= "2021-12-10" for r in dated)
    assert main(["events", "--db", str(seed_db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,")


def test_quotes_query(seed_db, capsys):
    assert main(["quotes", "--db", str(seed_db), "--speaker", "Horne", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert len(rows) == 2 and all(r["speaker"]["name"] == "Emily Horne" for r in rows)


@pytest.mark.parametrize("fmt", ["plover-jsonl", "csv", "parquet"])
def test_export(seed_db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    assert main(["export", "--db", str(seed_db), "--format", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    if fmt == "plover-jsonl":
        first = json.loads(out.read_text().splitlines()[0])
        for key in ("id", "article_id", "event_type", "mode", "contexts", "quad", "cameo_root", "intensity",
                    "actor", "recipient", "date", "date_precision", "modality", "location", "sentence",
                    "trigger", "confidence", "reasons", "pub_date", "url", "title"):
            assert key in first


def test_bad_input_is_reported_per_item_and_good_items_are_stored(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\xff" * 50)
    (inputs / "latin1.txt").write_bytes("Le président Emmanuel Macron a rencontré Olaf Scholz à Paris.\n"
                                        "Macron said the talks were useful.".encode("latin-1"))
    (inputs / "mixed.jsonl").write_text(
        json.dumps({"id": "1", "title": "A", "text": "Vladimir Putin met Xi Jinping in Beijing on Monday.",
                    "date": "2022-02-04", "url": "http://example.org/1"}) + "\n"
        + '{"id": "2", "text": "broken\n'
        + json.dumps({"id": "3", "text": 'Joe Biden said "we will respond.', "date": "2022-02-05"}) + "\n"
    )
    (inputs / "nobody.html").write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    db = tmp_path / "bad.duckdb"
    status = main(["run", str(inputs), "--db", str(db), "--quiet"])
    captured = capsys.readouterr()
    assert status == 1  # something failed, and the exit status says so
    for name in ("empty.txt", "binary.txt", "mixed.jsonl:2", "nobody.html"):
        assert name in captured.err, captured.err
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        titles = {a["title"] for a in store.articles()}
        counts = store.counts()
    assert counts["articles"] == 3  # latin1.txt and the two good JSONL lines
    assert "A" in titles
    # A second run over the same input stores nothing twice.
    main(["run", str(inputs), "--db", str(db), "--quiet"])
    with Store(db, read_only=True) as store:
        assert store.counts() == counts


def test_kb_lookup(capsys):
    assert main(["kb", "lookup", "Biden", "--date", "2016-05-01"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert any(r["valid_on_date"] and r["role"].startswith("Vice") for r in found["roles"])


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "none.duckdb" in capsys.readouterr().err
