"""TimeML / TempEval-3 suite: scores the time stage (``extract_times``) against TIMEX3 gold.

Each ``.tml`` file gives the document date in ``<DCT><TIMEX3 value=...>`` and the gold expressions as
TIMEX3 tags inside ``<TEXT>``. The plain text of TEXT (tags stripped) is parsed with the project's spaCy
model and the predicted spans are compared with the gold offsets in that same text, TempEval-3 style:
strict = same offsets, relaxed = overlap (one-to-one), and value / type F1 count a relaxed match as a true
positive only when the attribute agrees (precision over predictions, recall over gold).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.evaluate import GoldFormatError
from eventwire.evaluate.metrics import PRF, ErrorLog, spans_overlap

KEYS = (
    "n_docs", "n_gold", "n_pred", "strict_f1", "relaxed_f1", "relaxed_precision", "relaxed_recall",
    "value_f1", "type_f1", "seconds_per_doc",
)


@dataclass
class GoldTimex:
    tid: str
    span: tuple[int, int]
    text: str
    type: str
    value: str | None
    mod: str | None = None


@dataclass
class TimeMLDocument:
    path: Path
    dct: date
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def _line_of(raw: str, needle: str) -> int | None:
    index = raw.find(needle)
    return raw.count("\n", 0, index) + 1 if index >= 0 else None


def _flatten(element, parts: list[str], offset: list[int], timexes: list[GoldTimex]) -> None:
    """Append the element's text to ``parts`` and record TIMEX3 offsets (descendants included)."""
    start = offset[0]
    if element.text:
        parts.append(element.text)
        offset[0] += len(element.text)
    for child in element:
        _flatten(child, parts, offset, timexes)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    if element.tag == "TIMEX3":
        if element.get("functionInDocument") == "CREATION_TIME":
            return  # the document date is context, not something to find
        timexes.append(
            GoldTimex(
                tid=element.get("tid", ""),
                span=(start, offset[0]),
                text="",  # filled in from the full text by the caller
                type=element.get("type", ""),
                value=element.get("value"),
                mod=element.get("mod"),
            )
        )


def load_tml(path: str | Path) -> TimeMLDocument:
    """Read one TimeML file; raise GoldFormatError (file and line) when it cannot be used."""
    import xml.etree.ElementTree as ET

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(path, f"cannot read: {exc}") from exc
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise GoldFormatError(path, f"broken XML: {exc}", line) from exc
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        raise GoldFormatError(path, "no <DCT><TIMEX3> document creation time", _line_of(raw, "<DCT") or 1)
    dct_raw = dct_timex.get("value") or ""
    try:
        dct = date.fromisoformat(dct_raw[:10])
    except ValueError as exc:
        raise GoldFormatError(path, f"DCT value {dct_raw!r} is not a date", _line_of(raw, "<DCT")) from exc
    text_element = root.find("TEXT")
    if text_element is None:
        raise GoldFormatError(path, "no <TEXT> element", None)
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    # The TEXT element's own text starts at offset 0; its tail is outside.
    _flatten(text_element, parts, [0], timexes)
    text = "".join(parts)
    kept = []
    for t in timexes:
        if t.span[1] <= t.span[0]:
            continue
        t.text = text[t.span[0]:t.span[1]]
        kept.append(t)
    return TimeMLDocument(path=path, dct=dct, text=text, timexes=sorted(kept, key=lambda t: t.span))


def tml_files(path: str | Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    files = sorted(path.rglob("*.tml"))
    if not files:
        raise GoldFormatError(path, "no .tml files found")
    return files


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one relaxed alignment (pred index -> gold index): exact offsets first, then largest overlap."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            if gi not in used and p == g:
                pairs[pi] = gi
                used.add(gi)
                break
    for pi, p in enumerate(pred):
        if pi in pairs:
            continue
        best, best_overlap = None, 0
        for gi, g in enumerate(gold):
            if gi in used or not spans_overlap(p, g):
                continue
            overlap = min(p[1], g[1]) - max(p[0], g[0])
            if overlap > best_overlap:
                best, best_overlap = gi, overlap
        if best is not None:
            pairs[pi] = best
            used.add(best)
    return pairs


@dataclass
class Scores:
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    type: PRF = field(default_factory=PRF)


def score_document(gold: list[GoldTimex], predicted: list, doc_name: str, errors: ErrorLog) -> Scores:
    """Score one document's predictions (TimeExpression records) against its gold TIMEX3s."""
    scores = Scores()
    pairs = _match([g.span for g in gold], [tuple(p.span) for p in predicted])
    strict_tp = sum(1 for pi, gi in pairs.items() if tuple(predicted[pi].span) == gold[gi].span)
    value_tp = sum(1 for pi, gi in pairs.items() if predicted[pi].value == gold[gi].value)
    type_tp = sum(1 for pi, gi in pairs.items() if predicted[pi].type == gold[gi].type)
    n_pred, n_gold = len(predicted), len(gold)
    for prf, tp in ((scores.strict, strict_tp), (scores.relaxed, len(pairs)), (scores.value, value_tp),
                    (scores.type, type_tp)):
        prf.add(PRF(tp=tp, fp=n_pred - tp, fn=n_gold - tp))

    def gold_row(g: GoldTimex) -> dict[str, Any]:
        return {"text": g.text, "span": list(g.span), "type": g.type, "value": g.value, "mod": g.mod}

    def pred_row(p) -> dict[str, Any]:
        return {"text": p.text, "span": list(p.span), "type": p.type, "value": p.value, "mod": p.mod,
                "reasons": list(p.reasons)}

    matched_gold = set(pairs.values())
    for pi, p in enumerate(predicted):
        if pi not in pairs:
            errors.add(doc=doc_name, kind="spurious", gold=None, predicted=pred_row(p))
            continue
        g = gold[pairs[pi]]
        if p.value != g.value or p.type != g.type or tuple(p.span) != g.span:
            kind = "value" if p.value != g.value else "type" if p.type != g.type else "extent"
            errors.add(doc=doc_name, kind=kind, gold=gold_row(g), predicted=pred_row(p))
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            errors.add(doc=doc_name, kind="missed", gold=gold_row(g), predicted=None)
    return scores


def evaluate(path: str | Path, limit: int | None = None, errors_path: str | Path | None = None) -> dict[str, Any]:
    """Run the real time stage over a directory (or file) of TimeML documents and score it."""
    from eventwire.extract.time import extract_times
    from eventwire.nlp import load_nlp

    files = tml_files(path)
    if limit is not None:
        files = files[:limit]
    documents = [load_tml(f) for f in files]
    nlp = load_nlp()
    errors = ErrorLog(errors_path)
    total = Scores()
    started = time.perf_counter()
    n_pred = 0
    for gold_doc, doc in zip(documents, nlp.pipe([d.text for d in documents], batch_size=16), strict=True):
        predicted = extract_times(doc, gold_doc.dct)
        n_pred += len(predicted)
        doc_scores = score_document(gold_doc.timexes, predicted, gold_doc.path.name, errors)
        for name in ("strict", "relaxed", "value", "type"):
            getattr(total, name).add(getattr(doc_scores, name))
    elapsed = time.perf_counter() - started
    errors.write()
    return {
        "n_docs": len(documents),
        "n_gold": sum(len(d.timexes) for d in documents),
        "n_pred": n_pred,
        "strict_f1": round(total.strict.f1, 4),
        "relaxed_f1": round(total.relaxed.f1, 4),
        "relaxed_precision": round(total.relaxed.precision, 4),
        "relaxed_recall": round(total.relaxed.recall, 4),
        "value_f1": round(total.value.f1, 4),
        "type_f1": round(total.type.f1, 4),
        "seconds_per_doc": round(elapsed / len(documents), 4) if documents else 0.0,
    }
