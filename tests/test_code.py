"""`eventwire code`: PLOVER types of relations whose participants are given."""

from __future__ import annotations

import json

import pytest

from eventwire.cli import main
from eventwire.extract.events.coding import RowError, code_relations, parse_jsonl, participant_span


def test_a_participant_is_a_substring_offsets_or_null():
    sentence = "Russia attacked Ukraine."
    assert participant_span(sentence, "Ukraine", "target") == (16, 23)
    assert participant_span(sentence, [0, 6], "source") == (0, 6)
    assert participant_span(sentence, None, "target") is None
    for bad in ("Kyiv", "", [5, 2], [0, 99], "x".join("ab"), 3):
        with pytest.raises(RowError):
            participant_span(sentence, bad, "source")


def test_malformed_lines_become_error_rows_in_place():
    rows = list(parse_jsonl(['{"sentence": "a"}', "", "{not json", "[1, 2]"]))
    assert rows[0] == {"sentence": "a"} and isinstance(rows[1], RowError) and rows[2] == [1, 2]
    assert "line 3" in str(rows[1])


def test_relations_are_coded_with_plover_cameo_and_quad_and_bad_rows_do_not_stop_the_run():
    rows = [
        {"id": "r1", "sentence": "Russia attacked Ukraine on Thursday.", "source": "Russia", "target": "Ukraine"},
        RowError("line 2: not JSON"),
        {"id": "r3", "sentence": "Putin released the prisoners to Ukraine.", "source": "Putin", "target": "Kyiv"},
        {"id": "r4", "sentence": "The United States condemned North Korea's missile test.",
         "source": [0, 17], "target": "North Korea"},
        "a bare string",
    ]
    out = list(code_relations(rows))
    assert [r.get("id") for r in out] == ["r1", None, "r3", "r4", None]
    first, fourth = out[0], out[3]
    assert (first["event_type"], first["cameo_root"], first["quad_class"]) == ("ASSAULT", "18", 4)
    assert first["source_span"] == [0, 6] and first["target_span"] == [16, 23] and "relation:path" in first["reasons"]
    assert fourth["event_type"] == "ACCUSE" and fourth["cameo_root"] == "11"
    assert out[1]["error"] == "line 2: not JSON"
    assert "not in the sentence" in out[2]["error"] and "event_type" not in out[2]
    assert "JSON object" in out[4]["error"] and out[4]["row"] == "a bare string"


def test_the_yield_class_is_split_by_the_trigger():
    # PLV's YIELD merges the two; "release" is a RETREAT entry of the lexicon, "concede" a CONCEDE one.
    out = list(code_relations([
        {"sentence": "Israel released 20 Palestinian prisoners to the Palestinian Authority.", "source": "Israel",
         "target": "the Palestinian Authority"},
        {"sentence": "The government of Sudan conceded to the protesters' demands.",
         "source": "The government of Sudan", "target": "the protesters"},
    ]))
    assert [(r["event_type"], r["cameo_root"]) for r in out] == [("RETREAT", "08"), ("CONCEDE", "08")]
    assert all(any(reason.startswith("model:YIELD") for reason in r["reasons"]) for r in out)
    # A pardon is CONCEDE, as in the pipeline (the lexicon keeps "pardon" with the releases).
    pardon = next(code_relations([{"sentence": "President Trump pardoned Michael Flynn on Wednesday.",
                                   "source": "President Trump", "target": "Michael Flynn"}]))
    assert pardon["event_type"] == "CONCEDE" and "type:pardon-is-concede" in pardon["reasons"]


def test_the_code_command_writes_jsonl_and_exits_1_when_a_row_failed(tmp_path, capsys):
    source = tmp_path / "rows.jsonl"
    source.write_text(
        json.dumps({"sentence": "Russia attacked Ukraine.", "source": "Russia", "target": "Ukraine"}) + "\n"
        + "{broken\n", encoding="utf-8")
    out = tmp_path / "coded.jsonl"
    assert main(["code", str(source), "--out", str(out), "--no-encoder"]) == 1
    coded = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert coded[0]["event_type"] == "ASSAULT" and "relation:encoder-voted" not in coded[0]["reasons"]
    assert "not JSON" in coded[1]["error"]
    assert "1 row(s) could not be coded" in capsys.readouterr().err
    source.write_text(json.dumps({"sentence": "Russia attacked Ukraine.", "source": "Russia", "target": "Ukraine"}),
                      encoding="utf-8")
    assert main(["code", str(source), "--out", str(out)]) == 0
