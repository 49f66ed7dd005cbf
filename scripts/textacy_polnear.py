"""Score textacy 0.13's rule-based direct_quotations on a PolNeAR split with eventwire's own scorer.

Reference measurement for docs/benchmarks.md, not part of eventwire (textacy is not a dependency).
Set-up, in a separate virtualenv that sees eventwire's environment::

    python -m venv /tmp/tx && SP=$(/tmp/tx/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    printf '%s\n' "$PWD/.venv/lib/python3.11/site-packages" "$PWD/src" > "$SP/eventwire.pth"
    /tmp/tx/bin/pip install --no-deps textacy==0.13.0
    /tmp/tx/bin/pip install cachetools cytoolz jellyfish pyphen networkx 'floret~=0.10.0'
    /tmp/tx/bin/python scripts/textacy_polnear.py ../shared/gold/polnear/dev --json /tmp/textacy-dev.json

Each textacy DQTriple(speaker tokens, cue tokens, content span) becomes an eventwire ``Quote``:
  speaker.span = (first speaker token start, last speaker token end)  -- outer char extent
  cue_span     = (first cue token start, last cue token end)          -- outer char extent
  content_span = content Span's char extent, i.e. *including* the opening/closing quotation marks
                 (textacy's content is doc[open_quote_i : close_quote_i + 1])
and is scored by eventwire.evaluate.polnear.score_document, micro-averaged exactly like
eventwire.evaluate.polnear.evaluate().  Documents where textacy raises (odd number of quotation-mark
tokens) produce no quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import textacy
from textacy.extract.triples import direct_quotations

from eventwire.evaluate.metrics import ErrorLog
from eventwire.evaluate.polnear import Scores, _extent, load_documents, score_document
from eventwire.evaluate.polnear import summarise as polnear_summary
from eventwire.nlp import load_nlp
from eventwire.records import Actor, Quote

DEFAULT_SPLIT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "polnear" / "dev"
QUOTE_CHARS = "\"'“”‘’«»`"
PRONOUNS = {
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this", "that",
    "these", "those", "who", "whom", "which", "one", "someone", "somebody", "everyone", "anyone",
    "nobody", "some", "many", "others", "both", "all", "each", "few", "several",
}


def extent(tokens) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def to_quotes(doc_name: str, text: str, triples, strip_marks: bool = False) -> list[Quote]:
    quotes = []
    for n, (speaker, cue, content) in enumerate(triples):
        s_span = extent(speaker)
        c_span = extent(cue)
        if strip_marks and len(content) > 2:
            content = content[1:-1]
        q_span = (content.start_char, content.end_char)
        quotes.append(Quote(
            id=f"{doc_name}-tq{n}", article_id=doc_name,
            speaker=Actor(text=text[s_span[0]:s_span[1]], span=s_span, name=text[s_span[0]:s_span[1]]),
            cue_text=text[c_span[0]:c_span[1]], cue_span=c_span,
            content_text=text[q_span[0]:q_span[1]], content_span=q_span,
            kind="direct", reasons=["textacy:direct_quotations"],
        ))
    return quotes


def summarise(total: Scores, documents, predictions) -> dict:
    return {
        **polnear_summary(total, documents, predictions),
        "source_prf": [round(total.source.precision, 4), round(total.source.recall, 4)],
        "cue_prf": [round(total.cue.precision, 4), round(total.cue.recall, 4)],
        "content_prf": [round(total.content.precision, 4), round(total.content.recall, 4)],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default=str(DEFAULT_SPLIT))
    ap.add_argument("--errors", default=None, help="write eventwire-style error JSONL here")
    ap.add_argument("--json", default=None, help="write the result dict here")
    args = ap.parse_args()

    documents = load_documents(args.split)
    nlp = load_nlp()
    started = time.perf_counter()
    raised: dict[str, str] = {}
    triples_per_doc = []
    speaker_tokens = []
    for d, doc in zip(documents, nlp.pipe((d.text for d in documents), batch_size=8), strict=True):
        try:
            triples = list(direct_quotations(doc))
        except ValueError as exc:  # unbalanced quotation marks: textacy bails out on the whole doc
            raised[d.name] = str(exc)
            triples = []
        triples_per_doc.append(triples)
        speaker_tokens.extend(t.speaker for t in triples)
    elapsed = time.perf_counter() - started

    results = {}
    for label, strip in (("with_quote_marks", False), ("without_quote_marks", True)):
        errors = ErrorLog(args.errors if (args.errors and not strip) else None)
        predictions = [to_quotes(d.name, d.text, tr, strip) for d, tr in zip(documents, triples_per_doc, strict=True)]
        total = Scores()
        for d, quotes in zip(documents, predictions, strict=True):
            total.add(score_document(d, quotes, errors))
        errors.write()
        results[label] = summarise(total, documents, predictions)

    # Pronoun speakers: a single-token speaker tagged PRON (or in a closed pronoun list).
    n_spk = len(speaker_tokens)
    pron = [
        " ".join(t.text for t in toks) for toks in speaker_tokens
        if len(toks) == 1 and (toks[0].pos_ == "PRON" or toks[0].lower_ in PRONOUNS)
    ]
    any_pron = sum(1 for toks in speaker_tokens if any(t.pos_ == "PRON" for t in toks))
    # Gold check: does PolNeAR gold content start/end with a quotation mark?
    gold_contents = [(d, _extent(f)) for d in documents for f in d.gold_spans("Content")]
    starts_q = sum(1 for d, (s, e) in gold_contents if d.text[s:e][:1] in QUOTE_CHARS)
    ends_q = sum(1 for d, (s, e) in gold_contents if d.text[s:e].rstrip()[-1:] in QUOTE_CHARS)

    out = {
        "textacy_version": textacy.__version__,
        "spacy_model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "pipeline": nlp.pipe_names,
        "split": str(Path(args.split).resolve()),
        "n_docs": len(documents),
        "n_docs_raised": len(raised),
        "docs_raised": sorted(raised),
        "n_docs_with_any_quote": sum(1 for t in triples_per_doc if t),
        "seconds_per_doc_parse_and_extract": round(elapsed / len(documents), 4),
        "scores": results,
        "n_pred_speakers": n_spk,
        "n_pronoun_speakers_single_token": len(pron),
        "share_pronoun_speakers": round(len(pron) / n_spk, 4) if n_spk else 0.0,
        "n_speakers_containing_a_PRON_token": any_pron,
        "pronoun_speaker_texts": dict(Counter(p.lower() for p in pron).most_common()),
        "gold_contents": len(gold_contents),
        "gold_contents_starting_with_quote_mark": starts_q,
        "gold_contents_ending_with_quote_mark": ends_q,
    }
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(f"raised ({len(raised)}): " + "; ".join(f"{k}: {v[:40]}" for k, v in sorted(raised.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
