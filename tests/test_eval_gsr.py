"""GSR suite: gold loading (labels, actor shapes, codes), main-event choice, scorer arithmetic, real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate import GoldFormatError, gsr, run_suite
from eventwire.records import Actor, Article, ArticleResult, Event

DOCUMENT = {"id": "GSR-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "documentation"}


def record(rid: str, event: str, text: str, source, target, event_text: str = "", markup: str = "") -> dict:
    return {
        "id": rid,
        "date": "2000-01-01",
        "event": event,
        "eventText": event_text,
        "text": text,
        "source": source,
        "target": target,
        "textInfo": {"markup": markup},
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


TEXTS = {
    "libya": "Libya offered to hand over two suspects to Great Britain.",
    "serbia": "Serbian forces attacked ethnic Albanians near Pristina.",
    "italy": "Italy suspended its links with Serbia.",
}


@pytest.fixture
def gold_file(tmp_path) -> Path:
    return write_jsonl(
        tmp_path / "gsr.jsonl",
        [
            DOCUMENT,
            record(
                "1",
                "AGREE",
                TEXTS["libya"],
                [{"actorText": "Libya", "code": "LBY"}],
                [{"actorText": "Great Britain", "code": "GBR"}],
                "offered to hand over",
                "(SRC: Libya) (EVT: offered to hand over) two suspects to (TAR: Great Britain).",
            ),
            record(
                "2",
                "FIGHT",
                TEXTS["serbia"],
                [{"actorText": "Serbian forces", "code": "SRB", "sector": "MIL"}],
                [{"actorText": "ethnic Albanians", "code": "SRB", "sector": "CVLalb"}],
                "attacked",
            ),
            record(
                "3",
                "SANCTION",
                TEXTS["italy"],
                [{"actorText": "Italy", "code": "ITL"}],
                "diplomatic",
                "suspended",
            ),
        ],
    )


def event(
    event_type: str,
    trigger: str,
    actor: tuple[str, str | None] | None = None,
    recipient: tuple[str, str | None] | None = None,
    sector: str | None = None,
    recipient_sector: str | None = None,
) -> Event:
    def who(pair, sec):
        return Actor(text="x", span=(0, 1), country=pair[1], sector=sec) if pair else None

    return Event(
        id=f"{event_type}-{trigger}",
        article_id="a",
        sentence_index=0,
        sentence="",
        event_type=event_type,
        trigger_text=trigger,
        trigger_span=(0, 1),
        actor=who(actor, sector),
        recipient=who(recipient, recipient_sector),
    )


def fake_extract(predictions: dict[str, list[Event]]):
    def extract_text(text, pub_date=None, title="", url="", events_config=None):
        assert pub_date == "2000-01-01"  # the record's date is the publication date
        key = next(k for k, t in TEXTS.items() if t == text)
        return ArticleResult(article=Article(id="a", text=text), events=predictions[key])

    return extract_text


# ---------------------------------------------------------------- loading


def test_loader_maps_labels_codes_sectors_and_actor_shapes(gold_file):
    gold = gsr.load_gold(gold_file)
    assert [g.id for g in gold] == ["1", "2", "3"]  # DOCUMENT skipped
    assert gold[1].event == "ASSAULT"  # FIGHT, a PLOVER 0.5 label
    assert gold[1].targets[0].sector == "CVL"  # CAMEO ethnic suffix dropped
    assert (
        gold[2].sources[0].code == "ITA" and gold[2].targets == []
    )  # CAMEO ITL; a string target is no actor
    assert {"offered", "hand", "over"} <= gold[0].event_words


def test_broken_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(
        json.dumps(DOCUMENT) + "\n" + '{"id": "1", "event": "AGREE", "text": "x"\n', encoding="utf-8"
    )
    with pytest.raises(GoldFormatError) as info:
        run_suite("gsr", path)
    assert info.value.line == 2 and "broken.jsonl:2" in str(info.value)


def test_record_without_text_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [{"id": "1", "event": "AGREE"}])
    with pytest.raises(GoldFormatError) as info:
        gsr.load_gold(path)
    assert info.value.line == 1


# ---------------------------------------------------------------- main event and scores


def test_main_event_prefers_type_then_trigger_words(gold_file):
    gold = gsr.load_gold(gold_file)[0]  # AGREE, "offered to hand over"
    other = event("CONSULT", "met")
    agree_elsewhere = event("AGREE", "signed")
    agree_here = event("AGREE", "offered")
    assert gsr.main_event([other, agree_elsewhere, agree_here], gold) is agree_here
    assert gsr.main_event([other, agree_elsewhere], gold) is agree_elsewhere
    assert (
        gsr.main_event([event("CONSULT", "met"), event("REQUEST", "offered")], gold).trigger_text == "offered"
    )
    assert gsr.main_event([], gold) is None


def test_perfect_predictions(monkeypatch, gold_file):
    monkeypatch.setattr(
        "eventwire.pipeline.extract_text",
        fake_extract(
            {
                "libya": [event("AGREE", "offered", ("Libya", "LBY"), ("Great Britain", "GBR"))],
                "serbia": [
                    event(
                        "ASSAULT", "attacked", ("Serbian forces", "SRB"), ("Albanians", "SRB"), "MIL", "CVL"
                    )
                ],
                "italy": [event("SANCTION", "suspended", ("Italy", "ITA"))],
            }
        ),
    )
    scores = gsr.evaluate(gold_file)
    assert set(scores) == set(gsr.KEYS) and scores["n"] == 3
    for key in gsr.SCORE_KEYS:
        assert scores[key] == 1.0, key


def test_wrong_predictions(monkeypatch, gold_file, tmp_path):
    monkeypatch.setattr(
        "eventwire.pipeline.extract_text",
        fake_extract(
            {
                # Right type, right source, wrong target country.
                "libya": [event("AGREE", "offered", ("Libya", "LBY"), ("Egypt", "EGY"))],
                # Wrong type; source right but sector wrong; no recipient.
                "serbia": [event("ACCUSE", "attacked", ("Serbian forces", "SRB"), None, "GOV")],
                # No event at all.
                "italy": [],
            }
        ),
    )
    errors = tmp_path / "errors.jsonl"
    scores = gsr.evaluate(gold_file, errors_path=errors)
    assert scores["event_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["source_country_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["target_country_accuracy"] == 0.0  # over the two records with a coded target
    assert scores["source_sector_accuracy"] == 0.0  # only record 2 has a gold source sector
    assert scores["target_sector_accuracy"] == 0.0
    assert len(errors.read_text().splitlines()) == 3


# ---------------------------------------------------------------- the real pipeline on all GSR records


def test_all_gsr_records(shared_dir):
    gold = shared_dir / "gold" / "plover-gsr" / "PLOVER_GSR_CAMEO.jsonl"
    scores = run_suite("gsr", gold)
    assert scores["n"] == 61 and scores["events"] == "pipeline default"
    # Measured in stop 11 with the default (dyadic events need a recipient; word-list candidates the model
    # confirms; located civilians; coordinated nationalities): event 0.574, source country 0.656, target
    # country 0.528, source sector 0.588, target sector 0.552 (floors a little below; stop 8 measured 0.508 /
    # 0.590 / 0.509 / 0.500 / 0.517 and set 0.49 / 0.57 / 0.49 / 0.48 / 0.49; stop 6 set 0.47 / 0.52 / 0.45 /
    # 0.45 / 0.49; stop 1 set 0.42 / 0.38 / 0.10 / 0.27 / 0.10).
    assert scores["event_accuracy"] >= 0.55
    assert scores["source_country_accuracy"] >= 0.63
    assert scores["target_country_accuracy"] >= 0.51
    assert scores["source_sector_accuracy"] >= 0.56
    assert scores["target_sector_accuracy"] >= 0.53
    # Every coded candidate kept (eval gsr --monadic): measured 0.656 / 0.721 / 0.528 / 0.676 / 0.552
    # in stop 11 (0.623 / 0.705 / 0.509 / 0.647 / 0.517 in stop 8, floored at 0.60 / 0.68 / 0.59).
    candidates = run_suite("gsr", gold, monadic=True)
    assert candidates["event_accuracy"] >= 0.63
    assert candidates["source_country_accuracy"] >= 0.70
    assert candidates["source_sector_accuracy"] >= 0.65
