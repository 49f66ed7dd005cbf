"""PLV suite: marked-sentence spans, gold loading errors, scorer arithmetic, the relation coder, real rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.evaluate import GoldFormatError, plv, run_suite
from eventwire.extract.events import relation
from eventwire.records import Actor, Article, ArticleResult, Event

HEADER = "sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tgold_root"


def row(sid: str, marked: str, root: str, quad: int) -> str:
    plain = re.sub(r"</?[st]>", "", marked)
    source = re.search(r"<s>(.*?)</s>", marked)
    target = re.search(r"<t>(.*?)</t>", marked)
    return "\t".join(
        [
            sid,
            plain,
            marked,
            source.group(1) if source else "An actor",
            target.group(1) if target else "a recipient",
            str(quad),
            root,
        ]
    )


def write_gold(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- loading


def test_marked_spans_nested_repeated_and_trailing_space():
    plain, spans = plv.marked_spans("<s><t>Iraqi</t> fighters </s>hit <t>Mosul</t> and <t>Mosul</t>'s edge.")
    assert plain == "Iraqi fighters hit Mosul and Mosul's edge."
    assert [plain[a:b] for a, b in spans["s"]] == ["Iraqi fighters"]  # trailing space trimmed
    assert [plain[a:b] for a, b in spans["t"]] == ["Iraqi", "Mosul", "Mosul"]


def test_unmarked_role_has_no_span(tmp_path):
    gold = plv.load_gold(
        write_gold(tmp_path / "g.tsv", [row("1", "<s>Egypt</s> lifted the curfew.", "YIELD", 2)])
    )
    assert gold[0].source_span == (0, 5) and gold[0].target_span is None and gold[0].target == "a recipient"


def test_missing_column_names_file_and_line(tmp_path):
    path = write_gold(
        tmp_path / "bad.tsv",
        ["1\tA met B.\t<s>A</s> met <t>B</t>.\tA\tB\t1"],
        header="sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta",
    )
    with pytest.raises(GoldFormatError) as info:
        plv.load_gold(path)
    assert info.value.line == 1 and "gold_root" in str(info.value) and "bad.tsv:1" in str(info.value)


def test_bad_quad_value_names_its_line(tmp_path):
    path = write_gold(
        tmp_path / "bad.tsv",
        [
            row("1", "<s>A</s> met <t>B</t>.", "CONSULT", 1),
            row("2", "<s>A</s> hit <t>B</t>.", "ASSAULT", 1).replace("\t1\tASSAULT", "\tfour\tASSAULT"),
        ],
    )
    with pytest.raises(GoldFormatError) as info:
        run_suite("plv", path)
    assert info.value.line == 3 and "bad.tsv:3" in str(info.value)


# ---------------------------------------------------------------- scorer arithmetic


def fake_result(text: str, actor: str | None, recipient: str | None) -> ArticleResult:
    def mention(word: str | None) -> Actor | None:
        if word is None:
            return None
        start = text.index(word)
        return Actor(text=word, span=(start, start + len(word)))

    event = Event(
        id="e",
        article_id="a",
        sentence_index=0,
        sentence=text,
        event_type="CONSULT",
        trigger_text="x",
        trigger_span=(0, 1),
        actor=mention(actor),
        recipient=mention(recipient),
    )
    return ArticleResult(article=Article(id="a", text=text), events=[event])


@pytest.fixture
def three_rows(tmp_path) -> Path:
    return write_gold(
        tmp_path / "gold.tsv",
        [
            row("1", "<s>Iran</s> condemned <t>the United States</t>.", "ACCUSE", 3),
            row("2", "<s>Serbia</s> lifted the curfew in <t>Montenegro</t>.", "YIELD", 2),
            row("3", "<s>Russia</s> met <t>China</t>.", "CONSULT", 1),
        ],
    )


def test_perfect_predictions_score_one(monkeypatch, three_rows):
    answers = {"Iran": ("ACCUSE", 3), "Serbia": ("RETREAT", 2), "Russia": ("CONSULT", 1)}  # RETREAT is YIELD
    monkeypatch.setattr(
        relation, "classify_relation", lambda sent, s, t, model, encoder=False: (answers[sent.doc.text.split()[0]][0], 0.9, [])
    )
    arguments = {
        "Iran": ("Iran", "the United States"),
        "Serbia": ("Serbia", "Montenegro"),
        "Russia": ("Russia", "China"),
    }
    monkeypatch.setattr(
        "eventwire.pipeline.analyse",
        lambda article, doc, timer=None, events_config=None: fake_result(article.text, *arguments[article.text.split()[0]]),
    )
    scores = plv.evaluate(three_rows)
    assert set(plv.KEYS) == set(scores)
    assert scores["n"] == 3
    for key in ("root_accuracy", "root_macro_f1", "quad_macro_f1", "source_span_f1", "target_span_f1"):
        assert scores[key] == 1.0, key


def test_wrong_and_partial_predictions(monkeypatch, three_rows, tmp_path):
    # Row 1 right, row 2 wrong type (and quad), row 3 no trigger at all.
    answers = {"Iran": ("ACCUSE", 3), "Serbia": ("ASSAULT", 4), "Russia": (None, None)}
    monkeypatch.setattr(
        relation, "classify_relation", lambda sent, s, t, model, encoder=False: (answers[sent.doc.text.split()[0]][0], 0.9, [])
    )
    # Actor right on row 1 only; recipient "United States" vs gold "the United States": F1 = 0.8.
    arguments = {"Iran": ("Iran", "United States"), "Serbia": (None, None), "Russia": ("China", None)}
    monkeypatch.setattr(
        "eventwire.pipeline.analyse",
        lambda article, doc, timer=None, events_config=None: fake_result(article.text, *arguments[article.text.split()[0]]),
    )
    errors = tmp_path / "errors.jsonl"
    scores = plv.evaluate(three_rows, errors_path=errors)
    assert scores["root_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    # Classes in gold: ACCUSE F1 1, YIELD F1 0, CONSULT F1 0 -> 1/3.
    assert scores["root_macro_f1"] == pytest.approx(1 / 3, abs=1e-3)
    # Quads 3, 2, 1 against 3, 4, None: only class 3 right.
    assert scores["quad_macro_f1"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["source_span_f1"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["target_span_f1"] == pytest.approx(0.8 / 3, abs=1e-3)
    assert len(errors.read_text().splitlines()) == 3  # row 1 is in the log for its recipient


def test_limit(monkeypatch, three_rows):
    monkeypatch.setattr(relation, "classify_relation", lambda sent, s, t, model, encoder=False: ("ACCUSE", 0.9, []))
    monkeypatch.setattr(
        "eventwire.pipeline.analyse", lambda article, doc, timer=None, events_config=None: fake_result(article.text, None, None)
    )
    scores = plv.evaluate(three_rows, limit=1)
    assert scores["n"] == 1 and scores["root_accuracy"] == 1.0 and scores["source_span_f1"] == 0.0


# ---------------------------------------------------------------- the relation coder on real parses


def span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_code_relation_simple_verb(nlp):
    text = "Russia attacked Ukraine."
    event_type, quad, reasons = relation.code_relation(
        nlp(text)[:], span(text, "Russia"), span(text, "Ukraine")
    )
    assert (event_type, quad) == ("ASSAULT", 4) and "relation:path" in reasons


def test_code_relation_prefers_main_predicate_on_path(nlp):
    # "attack" is on the path too, but "condemned" is what links Iran to the embassy attack's target.
    text = "Iran condemned the attack on the embassy."
    event_type, quad, _ = relation.code_relation(nlp(text)[:], span(text, "Iran"), span(text, "the embassy"))
    assert (event_type, quad) == ("ACCUSE", 3)


def test_code_relation_without_trigger(nlp):
    text = "The weather in Paris was mild."
    assert relation.code_relation(nlp(text)[:], span(text, "The weather"), span(text, "Paris"))[:2] == (
        None,
        None,
    )


def test_code_relation_with_implicit_target(nlp):
    text = "Egypt lifted the state of emergency."
    event_type, quad, _ = relation.code_relation(nlp(text)[:], span(text, "Egypt"), None)
    assert event_type in {"CONCEDE", "RETREAT"} and quad is not None


# ---------------------------------------------------------------- the real pipeline on PLV


def test_first_plv_rows_with_the_shipped_model(shared_dir):
    scores = run_suite("plv", shared_dir / "gold" / "plv" / "PLV_train.tsv", limit=40)
    assert scores["n"] == 40 and scores["mode"] == "shipped model"
    # The shipped model was trained on this file, and the result must say so: only --cv scores count.
    assert scores["trained_on_gold"] is True
    # Span F1 is the pipeline's own extraction (no model fit to these spans). Over every coded candidate
    # it measured 0.45 / 0.19 (floors 0.40 / 0.15; 0.35 / 0.12 before stop 6's actor work).
    candidates = run_suite("plv", shared_dir / "gold" / "plv" / "PLV_train.tsv", limit=40, monadic=True)
    assert candidates["span_events"] == "every coded candidate"
    assert candidates["source_span_f1"] >= 0.40
    assert candidates["target_span_f1"] >= 0.15
    # The pipeline's default drops dyadic events with no recipient (EventConfig.require_recipient, a
    # precision choice from the Wikinews audits), and their actor spans with them: measured 0.21 / 0.19.
    # Lowered on purpose from 0.35 / 0.12 in stop 6; the argument extraction itself is scored above.
    assert scores["span_events"] == "pipeline default"
    assert scores["source_span_f1"] >= 0.18
    assert scores["target_span_f1"] >= 0.15


def test_plv_five_fold_cross_validation_floor(shared_dir):
    scores = run_suite("plv", shared_dir / "gold" / "plv" / "PLV_train.tsv", cv=5, encoder=False)
    assert scores["mode"] == "5-fold cross-validation" and not scores["trained_on_gold"]
    assert scores["encoder"] is None and scores["encoder_relations"] == 0
    # Measured (seed 0): root macro-F1 0.762, quad macro-F1 0.881, root accuracy 0.791 (floors a bit below).
    assert scores["root_macro_f1"] >= 0.74
    assert scores["quad_macro_f1"] >= 0.86
    assert scores["root_accuracy"] >= 0.77


def test_plv_five_fold_cross_validation_with_the_encoder_head(shared_dir):
    from eventwire.nlp.encoder import available

    if not available():
        pytest.skip("the sentence encoder is not installed (make install-encoder)")
    # The default where the encoder is installed (make test installs it): the head votes on the relations
    # no lexicon trigger links (relation.ENCODER_GATE), 377 of the 1,050 rows.
    scores = run_suite("plv", shared_dir / "gold" / "plv" / "PLV_train.tsv", cv=5)
    assert scores["mode"] == "5-fold cross-validation, encoder head on relations no trigger links"
    assert scores["encoder"] and 340 <= scores["encoder_relations"] <= 410
    # Measured (seed 0): root macro-F1 0.8016, quad macro-F1 0.8964, root accuracy 0.8229. The root floor
    # sits 0.005 below the measured value (and so below #4's 0.80): float differences between machines
    # move the encoder's vectors, and a fold's model with them (docs/models.md).
    assert scores["root_macro_f1"] >= 0.795
    assert scores["quad_macro_f1"] >= 0.89
    assert scores["root_accuracy"] >= 0.815
