"""Export: byte-for-byte golden files for a hand-built store, Parquet read back, and bad paths.

To regenerate the golden files after an intended format change, run
    EVENTWIRE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export.py
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.export import (
    EVENT_COLUMNS,
    FORMATS,
    GDELT_COLUMNS,
    QUOTE_COLUMNS,
    ExportError,
    export,
    export_quotes,
)
from eventwire.export.flatten import format_cell
from eventwire.store import Store
from test_store import result_a, result_b, sample_results

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("EVENTWIRE_UPDATE_GOLDEN") == "1"


def check_golden(produced: Path, golden_name: str) -> None:
    golden = GOLDEN / golden_name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(produced.read_bytes())
    assert golden.is_file(), f"missing {golden}; run with EVENTWIRE_UPDATE_GOLDEN=1 to create it"
    assert produced.read_bytes() == golden.read_bytes(), f"{golden_name} differs from the golden file"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    with Store(path) as opened:
        opened.save_many(sample_results())
        events = opened.events()
        # The call (a-call) and the threat (b-warn) grouped, as the group stage would.
        opened.save_event_groups({events[0]["id"]: "g-dec", events[1]["id"]: "g-dec"})
        yield opened


def golden_csv_rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((GOLDEN / name).read_text(encoding="utf-8"))))


def test_formats() -> None:
    assert FORMATS == ("plover-jsonl", "csv", "parquet", "gdelt-tsv")


def test_jsonl_golden(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(store, "plover-jsonl", out) == 4
    check_golden(out, "events.jsonl")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert list(first)[:8] == ["id", "article_id", "event_type", "mode", "contexts", "quad", "cameo_root",
                                "intensity"]
    assert first == result_a().events[0].to_dict(result_a().article)


def test_csv_golden(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store, "csv", out) == 4
    check_golden(out, "events.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    threat = rows[0]
    assert threat["sentence"] == result_b().article.text  # quotes, commas and ’ survive
    assert threat["intensity"] == "-4.0"  # an int intensity is written as a float
    assert rows[1]["contexts"] == "military;diplomatic"
    assert rows[1]["location_lat"] == "39.74595" and rows[1]["confidence"] == "0.857"
    assert rows[3]["actor_name"] == "" and rows[3]["pub_date"] == ""


def test_grouped_golden(store: Store, tmp_path: Path) -> None:
    out_jsonl, out_csv = tmp_path / "grouped.jsonl", tmp_path / "grouped.csv"
    assert export(store, "jsonl", out_jsonl, grouped=True) == 3
    assert export(store, "csv", out_csv, grouped=True) == 3
    check_golden(out_jsonl, "events.grouped.jsonl")
    check_golden(out_csv, "events.grouped.csv")
    records = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    groups = [r["group"] for r in records]
    assert [g["num_records"] for g in groups] == [2, 1, 1]
    assert groups[0]["article_ids"] == ["a-call", "b-warn"]
    assert [g["num_mentions"] for g in groups] == [2, 1, 1]
    # Two articles of two hosts (example.org for both: one source); first and last publication days.
    assert (groups[0]["num_sources"], groups[0]["first_seen"], groups[0]["last_seen"]) == (1, "2021-12-29", "2021-12-30")
    # The representative is the most confident member, not the first in store order.
    assert records[0]["id"] == groups[0]["event_ids"][1] and records[0]["event_type"] == "CONSULT"
    # The protest (no group saved for it) stands alone with counts of one.
    assert groups[2]["id"] is None and groups[2]["num_articles"] == 1


def test_gdelt_tsv_golden(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt-tsv", out) == 3  # always one row per group
    check_golden(out, "events.gdelt.tsv")
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == len(GDELT_COLUMNS) == 61 for row in rows)
    call = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert call["GLOBALEVENTID"] == "g-dec"
    assert (call["Actor1Code"], call["Actor1CountryCode"], call["Actor2Name"]) == ("USAGOV", "USA", "VLADIMIR PUTIN")
    assert (call["NumMentions"], call["NumSources"], call["NumArticles"]) == ("2", "1", "2")
    assert call["EventRootCode"] == "04" and call["QuadClass"] == "1"
    assert call["DATEADDED"] == "20211229000000" and call["SOURCEURL"] == "https://example.org/call"
    mobilize = dict(zip(GDELT_COLUMNS, rows[1], strict=True))
    # A month-precision date gives its first day; the location fills ActionGeo (a country: type 1).
    assert (mobilize["Day"], mobilize["MonthYear"]) == ("20211201", "202112")
    assert (mobilize["ActionGeo_Type"], mobilize["ActionGeo_CountryCode"], mobilize["ActionGeo_FeatureID"]) == (
        "1", "UKR", "690791")
    protest = dict(zip(GDELT_COLUMNS, rows[2], strict=True))
    assert protest["Day"] == "" and protest["NumMentions"] == "1"


def test_gdelt_tsv_is_for_events_only(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="events only"):
        export_quotes(store, "gdelt-tsv", tmp_path / "q.tsv")


def test_parquet_matches_golden_csv(store: Store, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export(store, "parquet", out) == 4
    table = pq.read_table(out)
    assert table.schema.field("quad").type == pa.int64()
    assert table.schema.field("location_lat").type == pa.float64()
    assert table.schema.field("date_inherited").type == pa.bool_()
    assert table.schema.field("actor_start").type == pa.int64()
    golden = golden_csv_rows("events.csv")
    assert table.column_names == golden[0] == [name for name, _ in EVENT_COLUMNS]
    read_back = [[format_cell(value) for value in row.values()] for row in table.to_pylist()]
    assert read_back == golden[1:]


def test_filters_pass_through(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "putin.jsonl"
    assert export(store, "plover-jsonl", out, actor="putin") == 1
    assert json.loads(out.read_text(encoding="utf-8"))["event_type"] == "CONSULT"


def test_quotes_goldens(store: Store, tmp_path: Path) -> None:
    out_jsonl, out_csv, out_parquet = tmp_path / "q.jsonl", tmp_path / "q.csv", tmp_path / "q.parquet"
    assert export_quotes(store, "jsonl", out_jsonl) == 1
    assert export_quotes(store, "csv", out_csv) == 1
    assert export_quotes(store, "parquet", out_parquet) == 1
    check_golden(out_jsonl, "quotes.jsonl")
    check_golden(out_csv, "quotes.csv")
    import pyarrow.parquet as pq

    rows = [[format_cell(v) for v in row.values()] for row in pq.read_table(out_parquet).to_pylist()]
    assert rows == golden_csv_rows("quotes.csv")[1:]
    assert golden_csv_rows("quotes.csv")[0] == [name for name, _ in QUOTE_COLUMNS]


def test_export_is_deterministic(store: Store, tmp_path: Path) -> None:
    for fmt in ("plover-jsonl", "csv"):
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        export(store, fmt, first)
        export(store, fmt, second)
        assert first.read_bytes() == second.read_bytes()


def test_bad_destinations(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export(store, "csv", tmp_path / "nowhere" / "events.csv")
    with pytest.raises(ExportError, match="is a directory"):
        export(store, "csv", tmp_path)
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(store, "xml", tmp_path / "events.xml")
    assert list(tmp_path.glob(".*.tmp")) == []  # no temporary files left behind


def test_unwritable_directory(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permission bits do not stop root (CI containers), so the access check is stubbed.
    monkeypatch.setattr("eventwire.export.writers.os.access", lambda path, mode: False)
    with pytest.raises(ExportError, match="is not writable"):
        export(store, "parquet", tmp_path / "events.parquet")


def test_os_error_while_writing_is_an_export_error(store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("eventwire.export.writers.os.replace", refuse)
    with pytest.raises(ExportError, match="cannot write .*events.csv: Permission denied"):
        export(store, "csv", tmp_path / "events.csv")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_partial_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    bad_records = [{"id": "x", "value": object()}]  # not JSON-serialisable: fails mid-write
    from eventwire.export import write_events

    with pytest.raises(TypeError):
        write_events(bad_records, "plover-jsonl", out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert list(tmp_path.glob(".*.tmp")) == []
