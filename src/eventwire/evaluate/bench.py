"""``eventwire bench``: throughput of the full pipeline, per stage, beside spaCy alone on the same texts.

One run: the articles are read with ``iter_articles`` (time spent inside the reader is the ``ingest``
stage), parsed and extracted by ``process_articles`` (its ``StageTimer`` gives parse, actors, time,
places, events and quotes) and saved with ``Store.save_many`` per batch (``store``) into a temporary
DuckDB file unless ``db_path`` is given, then grouped (near-duplicates and event groups, ``group``) as
``eventwire run`` does. The same texts also go through a fresh copy of the model exactly as shipped
(``load_stock_model()``: spaCy alone, without eventwire's paragraph rule or its cached attribute ruler
and lemmatizer), what any pipeline on this model would pay: batch by batch, right after the pipeline's own batch,
on its own clock, so that both passes see the same machine (speed drifts within a run on a shared
machine). Before either clock starts the models are loaded and one short text goes through every stage,
so that lazily loaded resources (knowledge base, gazetteer) are start-up cost, reported as
``warmup_seconds``, not throughput.

``tokens`` are spaCy tokens of the texts; ``peak_rss_mb`` is the process's peak resident memory at the
end of the run (``getrusage``) less the spaCy-only copy's footprint measured when it was loaded, so it
includes whatever the process did before the bench. Timings are wall-clock: other load on the machine
shows up in them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

KEYS = (
    "articles",
    "tokens",
    "seconds",
    "articles_per_s",
    "tokens_per_s",
    "peak_rss_mb",
    "spacy_only_articles_per_s",
    "stage_seconds",
)
# Touches every stage once (a person, two countries, a city, a date, an event and a quote).
WARMUP_TEXT = (
    "President Joe Biden spoke with Russian President Vladimir Putin by phone on Thursday, the White House "
    'said. "We discussed Ukraine," Biden told reporters in Wilmington, Delaware.'
)
BENCH_STAGES = ("ingest", "parse", "actors", "time", "places", "events", "quotes", "store", "group")


def current_rss_mb() -> float:
    """Resident memory now (Linux /proc; 0 where unavailable)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(
    path: str | Path | Iterable[str | Path],
    limit: int | None = None,
    batch_size: int = 16,
    db_path: str | Path | None = None,
) -> dict[str, Any]:
    """Run the whole pipeline over the articles at ``path`` (file, directory or several) and time it."""
    from eventwire.nlp import load_nlp
    from eventwire.pipeline import extract_text

    warm_started = time.perf_counter()
    load_nlp()
    extract_text(WARMUP_TEXT, pub_date="2021-12-30")
    warmup_seconds = time.perf_counter() - warm_started
    if db_path is not None:
        result = _bench(path, limit, batch_size, Path(db_path))
    else:
        with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as folder:
            result = _bench(path, limit, batch_size, Path(folder) / "bench.duckdb")
    result["warmup_seconds"] = round(warmup_seconds, 3)
    return result


def _bench(path: Any, limit: int | None, batch_size: int, db_path: Path) -> dict[str, Any]:
    from eventwire.group.stage import update_store
    from eventwire.ingest import iter_articles
    from eventwire.nlp import load_stock_model
    from eventwire.pipeline import StageTimer, process_articles
    from eventwire.records import Article, ArticleResult, IngestError
    from eventwire.store import Store

    timer = StageTimer()
    texts: list[str] = []
    ingest_errors: list[IngestError] = []

    def timed_articles() -> Iterator[Article]:
        items = iter(iter_articles(path))
        while limit is None or len(texts) < limit:
            with timer.stage("ingest"):
                item = next(items, None)
            if item is None:
                return
            if isinstance(item, IngestError):
                ingest_errors.append(item)
                continue
            texts.append(item.text)
            yield item

    # spaCy alone runs on a fresh copy of the stock model (reusing the pipeline's would hand it caches
    # already warmed on these very texts), batch by batch right after the pipeline's own batch, so
    # that both see the same machine: on a shared machine, speed drifts within a run.
    rss_before_copy = current_rss_mb()
    nlp = load_stock_model()
    nlp("Warm-up.")
    copy_mb = max(0.0, current_rss_mb() - rss_before_copy)
    spacy_seconds = 0.0
    tokens = 0
    parsed_by_spacy = 0

    def spacy_alone(upto: int) -> None:
        nonlocal spacy_seconds, tokens, parsed_by_spacy
        spacy_started = time.perf_counter()
        tokens += sum(len(doc) for doc in nlp.pipe(texts[parsed_by_spacy:upto], batch_size=batch_size))
        spacy_seconds += time.perf_counter() - spacy_started
        parsed_by_spacy = upto

    started = time.perf_counter()
    with Store(db_path) as store:
        pending: list[ArticleResult] = []
        for result in process_articles(timed_articles(), batch_size=batch_size, timer=timer):
            pending.append(result)
            if len(pending) >= batch_size:
                with timer.stage("store"):
                    store.save_many(pending, batch_size=batch_size)
                pending.clear()
                spacy_alone(len(texts))
        if pending:
            with timer.stage("store"):
                store.save_many(pending, batch_size=batch_size)
        with timer.stage("group"):  # as `eventwire run` does after saving
            grouping = update_store(store)
        spacy_alone(len(texts))
    seconds = time.perf_counter() - started - spacy_seconds
    # The process's peak, less the spaCy-only copy's own footprint (measured when it was loaded).
    peak_mb = peak_rss_mb() - copy_mb

    return {
        "articles": len(texts),
        "tokens": tokens,
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 2) if seconds else 0.0,
        "tokens_per_s": round(tokens / seconds, 1) if seconds else 0.0,
        "peak_rss_mb": round(peak_mb, 1),
        "spacy_only_articles_per_s": round(len(texts) / spacy_seconds, 2) if spacy_seconds else 0.0,
        "stage_seconds": {stage: round(timer.seconds.get(stage, 0.0), 3) for stage in BENCH_STAGES},
        "near_duplicates": grouping.near_duplicates,
        "ingest_errors": len(ingest_errors),
        "batch_size": batch_size,
    }


def format_bench(result: dict[str, Any]) -> str:
    """A readable table of a :func:`run_bench` result."""
    seconds = result.get("seconds") or 0.0
    lines = [
        f"articles          {result['articles']:>10}",
        f"tokens            {result['tokens']:>10}",
        f"seconds           {seconds:>10.2f}",
        f"articles/s        {result['articles_per_s']:>10.2f}"
        f"   (spaCy alone: {result['spacy_only_articles_per_s']:.2f})",
        f"tokens/s          {result['tokens_per_s']:>10.0f}",
        f"peak RSS (MB)     {result['peak_rss_mb']:>10.1f}",
    ]
    if "warmup_seconds" in result:
        lines.append(
            f"warm-up seconds   {result['warmup_seconds']:>10.2f}   (model and resources, not counted)"
        )
    if result.get("ingest_errors"):
        lines.append(f"ingest errors     {result['ingest_errors']:>10}")
    lines += ["", f"{'stage':<10}{'seconds':>10}{'share':>8}"]
    stages = result.get("stage_seconds", {})
    for stage in BENCH_STAGES:
        value = stages.get(stage, 0.0)
        share = value / seconds if seconds else 0.0
        lines.append(f"{stage:<10}{value:>10.2f}{share:>8.1%}")
    return "\n".join(lines)
