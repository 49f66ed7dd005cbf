"""Parse time inside the pipeline against the same parse alone, interleaved batch by batch.

A check on `eventwire bench` (docs/benchmarks.md, Throughput): the same loop as the bench, over the
whole Wikinews corpus, with or without saving to a temporary DuckDB store. Prints the two parse times.

    .venv/bin/python scripts/parse_gap.py store      # or: nostore
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from eventwire.ingest import iter_articles
from eventwire.nlp import load_nlp
from eventwire.pipeline import StageTimer, extract_text, process_articles
from eventwire.records import Article
from eventwire.store import Store

CORPUS = "../shared/corpus/wikinews-2019-2020.jsonl"
BATCH = 16


def main(mode: str) -> None:
    articles = [a for a in iter_articles(CORPUS) if isinstance(a, Article)]
    load_nlp()
    extract_text("President Joe Biden spoke with Putin.", pub_date="2021-12-30")
    alone_nlp = load_nlp.__wrapped__()  # a fresh copy, as the bench uses
    alone_nlp("Warm-up.")
    timer, alone_seconds, texts = StageTimer(), 0.0, []

    def feed():
        for article in articles:
            texts.append(article.text)
            yield article

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "gap.duckdb") as store:
        pending, parsed_alone = [], 0
        for result in process_articles(feed(), batch_size=BATCH, timer=timer):
            pending.append(result)
            if len(pending) >= BATCH:
                if mode == "store":
                    store.save_many(pending, batch_size=BATCH)
                pending.clear()
                started = time.perf_counter()
                sum(len(doc) for doc in alone_nlp.pipe(texts[parsed_alone:], batch_size=BATCH))
                alone_seconds += time.perf_counter() - started
                parsed_alone = len(texts)
    print(f"{mode}: pipeline parse {timer.seconds['parse']:.1f} s, alone {alone_seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "store")
