"""Bench: a run over three articles gives every key with sane values; the table shows every stage."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from eventwire.evaluate.bench import BENCH_STAGES, KEYS, format_bench, run_bench
from eventwire.store import Store

ARTICLES = [
    {
        "id": "1",
        "title": "Talks",
        "date": "2021-12-30",
        "url": "https://example.org/1",
        "text": "President Joe Biden spoke with Russian President Vladimir Putin by phone on Thursday. "
        "The two leaders discussed Ukraine, the White House said.",
    },
    {
        "id": "2",
        "title": "Protest",
        "date": "2020-06-01",
        "url": "https://example.org/2",
        "text": "Thousands of people protested in Paris on Saturday against the new security law. "
        "Police arrested 20 demonstrators, officials said.",
    },
    {
        "id": "3",
        "title": "Aid",
        "date": "2019-03-15",
        "url": "https://example.org/3",
        "text": "Japan pledged $10 million in aid to Mozambique after the cyclone. "
        '"We stand with the people of Mozambique," Foreign Minister Taro Kono said.',
    },
]


def test_bench_on_three_articles(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = tmp_path / "bench.duckdb"
    result = run_bench(corpus, batch_size=2, db_path=db)

    assert set(KEYS) <= set(result)
    assert result["articles"] == 3 and result["ingest_errors"] == 0
    # spaCy tokens of the three texts: at least one per whitespace-separated word.
    assert result["tokens"] >= sum(len(a["text"].split()) for a in ARTICLES)
    assert result["seconds"] > 0 and result["articles_per_s"] > 0 and result["spacy_only_articles_per_s"] > 0
    assert (
        abs(result["tokens_per_s"] - result["tokens"] / result["seconds"]) < 0.01 * result["tokens_per_s"] + 1
    )
    assert set(result["stage_seconds"]) == set(BENCH_STAGES)
    assert all(v >= 0 for v in result["stage_seconds"].values())
    assert result["stage_seconds"]["parse"] > 0 and result["stage_seconds"]["store"] > 0
    assert result["stage_seconds"]["group"] > 0 and result["near_duplicates"] >= 0
    assert sum(result["stage_seconds"].values()) <= result["seconds"] + 0.01
    assert 20 < result["peak_rss_mb"] < 100_000
    with Store(db, read_only=True) as store:
        assert len(store.articles()) == 3

    table = format_bench(result)
    assert all(stage in table for stage in BENCH_STAGES) and "articles/s" in table


def test_bench_limit_and_temporary_store(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen: list[Path] = []
    original_init = Store.__init__

    def spy(self, path, **kwargs):
        seen.append(Path(path))
        original_init(self, path, **kwargs)

    monkeypatch.setattr(Store, "__init__", spy)
    result = run_bench(corpus, limit=1)
    assert result["articles"] == 1
    # Without db_path the store is a temporary file, removed afterwards.
    assert len(seen) == 1 and scratch in seen[0].parents
    assert not any(scratch.iterdir())


def test_format_bench_shares():
    result = {
        "articles": 10,
        "tokens": 5000,
        "seconds": 4.0,
        "articles_per_s": 2.5,
        "tokens_per_s": 1250.0,
        "peak_rss_mb": 512.0,
        "spacy_only_articles_per_s": 5.0,
        "stage_seconds": {**dict.fromkeys(BENCH_STAGES, 0.0), "parse": 2.0, "events": 1.0},
    }
    table = format_bench(result)
    lines = {line.split()[0]: line for line in table.splitlines() if line.strip()}
    assert "50.0%" in lines["parse"] and "25.0%" in lines["events"] and "0.0%" in lines["store"]
    assert "spaCy alone: 5.00" in table
