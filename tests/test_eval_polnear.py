"""PolNeAR suite: brat parsing, the scorer's arithmetic on hand-made gold, and one short real run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluate import GoldFormatError, polnear, run_suite
from eventwire.records import Actor, ArticleResult, Quote

TEXT = (
    'Smith said that taxes will rise. "We will win," Jones told reporters. '
    "It was reported that the plan failed.\nBrown added that talks\ncontinue."
)


def span(needle: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(needle, start)
    return i, i + len(needle)


def tline(tid: str, label: str, *needles: str) -> str:
    spans = [span(n) for n in needles]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(TEXT[s:e] for s, e in spans)}"


# Three relations with a source, one without (E3); E4's content holds a newline, so its T line continues.
GOLD_ANN = "\n".join([
    tline("T1", "Source", "Smith"),
    tline("T2", "Cue", "said"),
    tline("T3", "Content", "that taxes will rise"),
    tline("T4", "Attribution", "said"),
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    tline("T5", "Source", "Jones"),
    tline("T6", "Cue", "told"),
    tline("T7", "Content", '"We will win,"'),
    tline("T8", "Attribution", "told"),
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    tline("T9", "Cue", "was reported"),
    tline("T10", "Content", "that the plan failed"),
    tline("T11", "Attribution-no-source", "was reported"),
    "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
    "#1\tAnnotatorNotes T10\ta note the suite ignores",
    tline("T12", "Source", "Brown"),
    tline("T13", "Cue", "added"),
    tline("T14", "Content", "that talks\ncontinue"),
    "E4\tAttribution:T13 Source:T12 Cue:T13 Content:T14",
    "",
])


def write_split(root: Path, ann: str = GOLD_ANN, name: str = "site_2016-09-01_a-story") -> Path:
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / f"{name}_aaaa.ann").write_text(ann, encoding="utf-8")
    (root / "metadata.tsv").write_text(
        f"compartment\tfilename\tpublication_date\ndev\t{name}\t2016-09-01\n", encoding="utf-8"
    )
    return split


def quote(content: str, speaker: str | None, cue: str | None, start: int = 0) -> Quote:
    content_span = span(content, start)
    return Quote(
        id="q", article_id="a",
        speaker=Actor(text=speaker, span=span(speaker), name=speaker) if speaker else None,
        cue_text=cue or "", cue_span=span(cue) if cue else None,
        content_text=content, content_span=content_span, kind="indirect",
    )


PERFECT = [
    quote("that taxes will rise", "Smith", "said"),
    quote('"We will win,"', "Jones", "told"),
    quote("that the plan failed", None, "was reported"),
    quote("that talks\ncontinue", "Brown", "added"),
]


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace the pipeline with one that returns the quotes a test sets, recording what it was given."""
    state: dict = {"quotes": [], "articles": []}

    def process_articles(articles, batch_size=16, timer=None):
        for article in articles:
            state["articles"].append(article)
            yield ArticleResult(article=article, quotes=list(state["quotes"]))

    monkeypatch.setattr("eventwire.pipeline.process_articles", process_articles)
    return state


def test_parse_brat_gold(tmp_path):
    split = write_split(tmp_path)
    (split / "attributions" / "site_2016-09-01_a-story_zzzz.ann").write_text("garbage line\n", encoding="utf-8")
    docs = polnear.load_documents(tmp_path)  # the root resolves to dev/; the first annotator file is used
    assert len(docs) == 1
    doc = docs[0]
    assert doc.ann_path.name.endswith("_aaaa.ann")
    assert doc.pub_date == date(2016, 9, 1)
    assert [r.id for r in doc.relations] == ["E1", "E2", "E3", "E4"]
    assert doc.relations[2].source is None
    assert doc.relations[3].content == (span("that talks\ncontinue"),)
    assert len(doc.gold_spans("Source")) == 3 and len(doc.gold_spans("Cue")) == 4


def test_discontinuous_content_and_content2(tmp_path):
    ann = "\n".join([
        tline("T1", "Source", "Jones"),
        tline("T2", "Cue", "told"),
        tline("T3", "Content", "taxes will rise", '"We will win,"'),
        tline("T4", "Content", "the plan failed"),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3 Content2:T4",
    ])
    doc = polnear.load_documents(write_split(tmp_path, ann))[0]
    (relation,) = doc.relations
    assert relation.content == (span("taxes will rise"), span('"We will win,"'), span("the plan failed"))
    # Exact match compares the outer extent of the fragments.
    outer = (span("taxes will rise")[0], span("the plan failed")[1])
    content = Quote(id="q", article_id="a", speaker=Actor("Jones", span("Jones")), cue_text="told",
                    cue_span=span("told"), content_text="", content_span=outer, kind="direct")
    scores = polnear.score_document(doc, [content])
    assert scores.content.f1 == 1.0 and scores.relation_overlap.f1 == 1.0
    # A prediction in the gap between fragments ("Jones told reporters. It") overlaps no fragment.
    gap = Quote(id="q", article_id="a", speaker=Actor("Jones", span("Jones")), cue_text="", cue_span=None,
                content_text="", content_span=span("reporters. It"), kind="direct")
    assert polnear.score_document(doc, [gap]).content_overlap.tp == 0


def test_perfect_predictions_score_one(tmp_path, fake_pipeline):
    write_split(tmp_path)
    fake_pipeline["quotes"] = PERFECT
    scores = polnear.evaluate(tmp_path / "dev")
    assert set(scores) == set(polnear.KEYS)
    for key in ("source_f1", "cue_f1", "content_f1", "content_overlap_f1", "relation_overlap_f1"):
        assert scores[key] == 1.0, key
    assert scores["n_docs"] == 1 and scores["n_gold_relations"] == 4
    (article,) = fake_pipeline["articles"]
    assert article.text == TEXT and article.pub_date == date(2016, 9, 1)


def test_wrong_predictions_score_lower(tmp_path, fake_pipeline):
    write_split(tmp_path)
    fake_pipeline["quotes"] = [
        quote("taxes will rise", "Smith", "said"),  # content overlaps, not exact; relation right
        quote('"We will win,"', "Smith", "told"),  # exact content, wrong speaker
        quote("reporters", "Jones", None),  # spurious
    ]
    errors = tmp_path / "errors.jsonl"
    scores = polnear.evaluate(tmp_path / "dev", errors_path=errors)
    # content exact: 1 of 3 predictions, 1 of 4 gold
    assert scores["content_f1"] == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4), abs=1e-4)
    assert scores["content_overlap_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["content_overlap_recall"] == 0.5
    assert scores["relation_overlap_precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["relation_overlap_recall"] == 0.25
    # sources {Smith, Jones} vs gold {Smith, Jones, Brown}; cues {said, told} vs 4 gold cues
    assert scores["source_f1"] == pytest.approx(0.8)
    assert scores["cue_f1"] == pytest.approx(2 * 1 * 0.5 / 1.5, abs=1e-4)
    kinds = sorted(json.loads(line)["kind"] for line in errors.read_text().splitlines())
    assert kinds == ["content_extent", "missed", "missed", "spurious", "wrong_source"]


def test_matching_is_one_to_one(tmp_path):
    doc = polnear.load_documents(write_split(tmp_path))[0]
    whole = (0, len(TEXT))
    greedy = Quote(id="q", article_id="a", speaker=None, cue_text="", cue_span=None, content_text=TEXT,
                   content_span=whole, kind="direct")
    scores = polnear.score_document(doc, [greedy])
    assert (scores.content_overlap.tp, scores.content_overlap.fp, scores.content_overlap.fn) == (1, 0, 3)
    # Without a speaker it can only match the source-less gold relation.
    assert scores.relation_overlap.tp == 1


def test_max_matching_finds_the_augmenting_path():
    # pred 0 overlaps gold 0 (heavily) and gold 1; pred 1 overlaps gold 0 only: both must be matched.
    edges = {(0, 0): 5, (0, 1): 1, (1, 0): 1}
    pairs = polnear.max_matching(2, 2, lambda p, g: (p, g) in edges, lambda p, g: edges[(p, g)])
    assert pairs == {0: 1, 1: 0}


@pytest.mark.parametrize(
    ("ann", "line"),
    [
        (tline("T1", "Source", "Smith") + "\nT2\tCue said\tsaid\n", 2),
        (tline("T1", "Source", "Smith") + "\nE1\tAttribution:T1 Source\n", 2),
        ("E1\tAttribution:T1 Source:T9\n" + tline("T1", "Source", "Smith") + "\n", 1),
        ("this is not brat\n", 1),
        (tline("T1", "Source", "Smith") + "\nA stray sentence\n", 2),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path, ann, line):
    write_split(tmp_path, ann)
    with pytest.raises(GoldFormatError) as info:
        polnear.load_documents(tmp_path)
    assert info.value.path.endswith("_aaaa.ann") and info.value.line == line


def test_offsets_past_the_text(tmp_path):
    end = len(TEXT)
    write_split(tmp_path, tline("T1", "Source", "Smith") + f"\nT2\tContent {end - 3} {end + 5}\tinue.\n")
    with pytest.raises(GoldFormatError, match="runs past the text") as info:
        polnear.load_documents(tmp_path)
    assert info.value.line == 2 and "_aaaa.ann:2" in str(info.value)


def test_missing_layout(tmp_path):
    with pytest.raises(GoldFormatError):
        run_suite("polnear", tmp_path)


@pytest.mark.slow
def test_real_pipeline_on_first_dev_docs(shared_dir):
    scores = polnear.evaluate(shared_dir / "gold" / "polnear" / "dev", limit=6)
    assert scores["n_docs"] == 6 and scores["n_gold_relations"] >= 35
    # Measured on these 6 docs (40 gold relations): content overlap 0.761, relation overlap 0.652
    # (learned cues and contents; before them 0.658 / 0.274).
    assert scores["content_overlap_f1"] >= 0.70
    assert scores["relation_overlap_f1"] >= 0.58
