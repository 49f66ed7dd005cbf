"""Hand-audit helper: fixed-seed draws and scoring of judged samples."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate import audit


def _events(n):
    return [{"id": f"ev{i}", "sentence": f"s{i}", "event_type": "ACCUSE", "title": "t", "pub_date": "2020-01-01",
             "trigger": {"text": "accused"}, "actor": {"text": "Iran", "name": "Iran", "country": "IRN"},
             "recipient": None, "date": "2020-01-01", "modality": "asserted", "confidence": 0.9}
            for i in range(n)]


def test_draw_is_fixed_by_seed_and_leaves_judgements_empty():
    first = audit.draw(_events(100), 10, seed=7)
    assert [r["event_id"] for r in first] == [r["event_id"] for r in audit.draw(_events(100), 10, seed=7)]
    assert [r["event_id"] for r in first] != [r["event_id"] for r in audit.draw(_events(100), 10, seed=8)]
    assert len(first) == 10 and all(r[k] is None for r in first for k in audit.JUDGEMENTS)
    assert first[0]["actor"] == "Iran [Iran; IRN]" and first[0]["trigger"] == "accused"


def test_score_counts_only_fully_right_events(tmp_path):
    rows = audit.draw(_events(4), 4, seed=1)
    marks = [(True, True, True, True), (True, False, True, True), (False, True, True, False), (True, True, True, True)]
    for row, (t, a, r, d) in zip(rows, marks, strict=True):
        row.update(type_ok=t, actor_ok=a, recipient_ok=r, date_ok=d)
    path = tmp_path / "judged.jsonl"
    audit.write_sample(rows, path)
    scores = audit.score(path)
    assert scores["judged"] == 4 and scores["correct_type_and_actors"] == 0.5
    assert scores["type_ok"] == 0.75 and scores["date_ok"] == 0.75


def test_unjudged_file_is_an_error(tmp_path):
    path = tmp_path / "raw.jsonl"
    path.write_text(json.dumps(audit.draw(_events(2), 2, seed=1)[0]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no fully judged rows"):
        audit.score(path)


def test_committed_audits_are_fully_judged():
    from pathlib import Path

    files = sorted((Path(__file__).parent.parent / "docs" / "audit").glob("wikinews-round*.jsonl"))
    assert len(files) >= 4
    for path in files:
        scores = audit.score(path)
        assert scores["n"] == scores["judged"] == 60
