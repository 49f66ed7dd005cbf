"""PolNeAR suite: scores the quotation stage (``Quote`` records) against PolNeAR attribution gold.

Layout: a split directory (``dev/`` or ``train/``) holds ``text/NAME.txt`` and
``attributions/NAME_ANNOTATOR.ann`` (brat standoff); ``metadata.tsv`` beside the split (or inside it)
gives each NAME's ``publication_date``. Given the corpus root instead of a split, the ``dev`` split is used.

Gold. An ``E`` line ``Attribution:T4 Content:T3 Cue:T2 Source:T1`` (or ``Attribution-no-source:Tn`` with
no Source) is one attribution; ``Content2`` adds a second content part to the same relation. The gold
spans of each type are the distinct Source, Cue and Content arguments of those relations (a Source shared
by several relations counts once); the handful of span annotations that belong to no relation, and the
``Discard``/``Discuss`` labels, are ignored. A span may be discontinuous (``start end;start end``, in any
order): exact-span scores compare its outer extent, overlap scores its fragments.

Several annotators. A few articles were annotated by every annotator (for agreement studies); the suite
uses one file per article deterministically, the first annotator suffix in sorted order, never the
union (which would count near-duplicate relations several times).

Scores (precision over predictions, recall over gold, micro-averaged over documents):
``source_f1`` / ``cue_f1`` / ``content_f1``: exact spans (predicted ``speaker.span``, ``cue_span``,
``content_span``); ``content_overlap_f1``: a predicted content matches a gold content it overlaps;
``relation_overlap_f1``: a predicted quote matches a gold relation when the contents overlap and the
speaker span overlaps the gold Source (or both have none). Overlap matching is one-to-one (maximum
bipartite matching), so one long prediction cannot match several gold items.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.evaluate import GoldFormatError
from eventwire.evaluate.metrics import PRF, ErrorLog, spans_overlap

if TYPE_CHECKING:
    from eventwire.records import Quote

KEYS = (
    "n_docs", "n_gold_relations", "n_pred_quotes",
    "source_f1", "cue_f1", "content_f1",
    "content_overlap_f1", "content_overlap_precision", "content_overlap_recall",
    "relation_overlap_f1", "relation_overlap_precision", "relation_overlap_recall",
    "seconds_per_doc",
)

Span = tuple[int, int]
Fragments = tuple[Span, ...]

ROLES = ("Source", "Cue", "Content")
RELATION_TYPES = ("Attribution", "Attribution-no-source")
# brat lines this suite does not need: notes, attributes, relations, normalisations, equivalences.
IGNORED_KINDS = ("#", "A", "R", "M", "N", "*")
_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")
_ANNOTATION_ID = re.compile(r"^(?:[TERAMN]\d+|#\d*|\*)\t")


@dataclass
class TextBound:
    id: str
    label: str
    fragments: Fragments
    line: int


@dataclass
class GoldRelation:
    id: str
    content: Fragments
    source: Fragments | None
    cue: Fragments | None
    line: int


@dataclass
class PolnearDocument:
    name: str
    text_path: Path
    ann_path: Path
    text: str
    pub_date: date | None = None
    relations: list[GoldRelation] = field(default_factory=list)

    def gold_spans(self, role: str) -> list[Fragments]:
        """Distinct gold spans of one role (Source, Cue or Content), in text order."""
        seen: dict[Fragments, None] = {}
        for rel in self.relations:
            value = {"Source": rel.source, "Cue": rel.cue, "Content": rel.content}[role]
            if value:
                seen.setdefault(value, None)
        return sorted(seen, key=lambda f: (_extent(f), f))


def _extent(fragments: Fragments) -> Span:
    return min(s for s, _ in fragments), max(e for _, e in fragments)


def _parse_fragments(raw: str) -> Fragments:
    pairs = []
    for part in raw.split(";"):
        start, end = part.split()
        pairs.append((int(start), int(end)))
    return tuple(sorted(pairs))


def parse_ann(path: str | Path, text: str) -> list[GoldRelation]:
    """Read one brat ``.ann`` file against its text; raise GoldFormatError (file, line) when unusable."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(path, f"cannot read: {exc}") from exc
    textbounds: dict[str, TextBound] = {}
    events: list[tuple[str, list[tuple[str, str]], int]] = []
    pending = 0  # characters of a T line's quoted text still to come on the next lines (text with newlines)
    for number, line in enumerate(raw.split("\n"), start=1):
        if pending > 0 and not _ANNOTATION_ID.match(line):
            pending -= len(line) + 1
            continue
        pending = 0
        if not line.strip() or (line.startswith(IGNORED_KINDS) and _ANNOTATION_ID.match(line)):
            continue
        if line.startswith("T"):
            match = _TEXTBOUND.match(line)
            if match is None:
                raise GoldFormatError(path, f"malformed text-bound line {line[:60]!r}", number)
            tid, label, spans, quoted = match.groups()
            fragments = _parse_fragments(spans)
            for start, end in fragments:
                if start > end:
                    raise GoldFormatError(path, f"{tid}: span {start}-{end} ends before it starts", number)
                if end > len(text):
                    raise GoldFormatError(
                        path, f"{tid}: span {start}-{end} runs past the text ({len(text)} characters)", number
                    )
            # brat joins fragments with a space; a text containing newlines continues on the next lines.
            expected = sum(e - s for s, e in fragments) + len(fragments) - 1
            pending = expected - len(quoted or "")
            textbounds[tid] = TextBound(tid, label, fragments, number)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2 or not re.fullmatch(r"E\d+", parts[0]):
                raise GoldFormatError(path, f"malformed event line {line[:60]!r}", number)
            args = []
            for item in parts[1].split():
                role, sep, ref = item.partition(":")
                if not sep or not role or not re.fullmatch(r"T\d+", ref):
                    raise GoldFormatError(path, f"{parts[0]}: malformed argument {item!r}", number)
                args.append((role, ref))
            if not args:
                raise GoldFormatError(path, f"{parts[0]}: event without arguments", number)
            events.append((parts[0], args, number))
        else:
            raise GoldFormatError(path, f"unrecognised line {line[:60]!r}", number)
    return _relations(path, textbounds, events)


def _relations(
    path: Path, textbounds: dict[str, TextBound], events: list[tuple[str, list[tuple[str, str]], int]]
) -> list[GoldRelation]:
    relations = []
    for eid, args, number in events:
        trigger_type = args[0][0]
        if trigger_type not in RELATION_TYPES:
            continue
        by_role: dict[str, list[Span]] = {}
        for role, ref in args[1:]:
            if ref not in textbounds:
                raise GoldFormatError(path, f"{eid}: argument {role}:{ref} names no text-bound annotation", number)
            base = role.rstrip("0123456789")  # Content2 is a second part of the same content
            if base in ROLES:
                by_role.setdefault(base, []).extend(textbounds[ref].fragments)
        if not by_role.get("Content"):
            continue  # nothing to match a quote against
        source = tuple(sorted(by_role["Source"])) if by_role.get("Source") else None
        cue = tuple(sorted(by_role["Cue"])) if by_role.get("Cue") else None
        relations.append(GoldRelation(eid, tuple(sorted(by_role["Content"])), source, cue, number))
    return relations


def read_metadata(path: Path) -> dict[str, date]:
    """``filename -> publication_date`` from PolNeAR's metadata.tsv (rows with no usable date are left out)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t")
            if not reader.fieldnames or not {"filename", "publication_date"} <= set(reader.fieldnames):
                raise GoldFormatError(path, "metadata needs filename and publication_date columns", 1)
            dates = {}
            for row in reader:
                try:
                    dates[row["filename"]] = date.fromisoformat((row["publication_date"] or "")[:10])
                except ValueError:
                    continue
            return dates
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(path, f"cannot read: {exc}") from exc


def _split_dir(path: Path) -> Path:
    if (path / "text").is_dir() and (path / "attributions").is_dir():
        return path
    if (path / "dev" / "text").is_dir():
        return path / "dev"
    raise GoldFormatError(path, "expected a PolNeAR split with text/ and attributions/ (or a root with dev/)")


def document_pairs(path: str | Path) -> list[tuple[str, Path, Path]]:
    """``(name, text file, annotation file)`` per annotated article, sorted by name; one annotator each."""
    split = _split_dir(Path(path))
    annotations: dict[str, list[Path]] = {}
    for ann in (split / "attributions").glob("*.ann"):
        name = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(name, []).append(ann)
    pairs = []
    for text_path in sorted((split / "text").glob("*.txt")):
        files = sorted(annotations.get(text_path.stem, []))
        if files:  # an article with no annotation file was not annotated: nothing to score
            pairs.append((text_path.stem, text_path, files[0]))
    if not pairs:
        raise GoldFormatError(split, "no text file with a matching .ann file")
    return pairs


def load_documents(path: str | Path, limit: int | None = None) -> list[PolnearDocument]:
    path = Path(path)
    split = _split_dir(path)
    pairs = document_pairs(split)
    if limit is not None:
        pairs = pairs[:limit]
    metadata = next((m for m in (split / "metadata.tsv", split.parent / "metadata.tsv") if m.is_file()), None)
    dates = read_metadata(metadata) if metadata else {}
    documents = []
    for name, text_path, ann_path in pairs:
        try:
            # newline="" keeps any \r so brat's character offsets stay valid.
            with text_path.open(encoding="utf-8", newline="") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldFormatError(text_path, f"cannot read: {exc}") from exc
        relations = parse_ann(ann_path, text)
        documents.append(PolnearDocument(name, text_path, ann_path, text, dates.get(name), relations))
    return documents


def max_matching(
    n_pred: int, n_gold: int, compatible: Callable[[int, int], bool], weight: Callable[[int, int], int]
) -> dict[int, int]:
    """Maximum one-to-one matching (pred index -> gold index), trying heavier pairs first (Kuhn's algorithm)."""
    candidates = [
        sorted((g for g in range(n_gold) if compatible(p, g)), key=lambda g, p=p: -weight(p, g))
        for p in range(n_pred)
    ]
    gold_to_pred: dict[int, int] = {}

    def augment(p: int, visited: set[int]) -> bool:
        for g in candidates[p]:
            if g in visited:
                continue
            visited.add(g)
            if g not in gold_to_pred or augment(gold_to_pred[g], visited):
                gold_to_pred[g] = p
                return True
        return False

    for p in range(n_pred):
        augment(p, set())
    return {p: g for g, p in gold_to_pred.items()}


def _overlap(span: Span, fragments: Fragments) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in fragments)


def _touches(span: Span, fragments: Fragments) -> bool:
    return any(spans_overlap(span, f) for f in fragments)


@dataclass
class Scores:
    source: PRF = field(default_factory=PRF)
    cue: PRF = field(default_factory=PRF)
    content: PRF = field(default_factory=PRF)
    content_overlap: PRF = field(default_factory=PRF)
    relation_overlap: PRF = field(default_factory=PRF)

    def add(self, other: Scores) -> None:
        for name in ("source", "cue", "content", "content_overlap", "relation_overlap"):
            getattr(self, name).add(getattr(other, name))


def _exact(gold: Sequence[Fragments], predicted: set[Span]) -> PRF:
    gold_extents = {_extent(f) for f in gold}
    tp = len(gold_extents & predicted)
    return PRF(tp=tp, fp=len(predicted) - tp, fn=len(gold_extents) - tp)


def _source_agrees(quote: Quote, rel: GoldRelation) -> bool:
    if rel.source is None or quote.speaker is None:
        return rel.source is None and quote.speaker is None
    return _touches(tuple(quote.speaker.span), rel.source)


def score_document(doc: PolnearDocument, quotes: Sequence[Quote], errors: ErrorLog | None = None) -> Scores:
    """Score one article's predicted quotes against its gold relations."""
    errors = errors or ErrorLog(None)
    scores = Scores()
    sources = {tuple(q.speaker.span) for q in quotes if q.speaker is not None}
    cues = {tuple(q.cue_span) for q in quotes if q.cue_span is not None}
    contents = sorted({tuple(q.content_span) for q in quotes})
    scores.source = _exact(doc.gold_spans("Source"), sources)
    scores.cue = _exact(doc.gold_spans("Cue"), cues)
    gold_contents = doc.gold_spans("Content")
    scores.content = _exact(gold_contents, set(contents))

    content_pairs = max_matching(
        len(contents), len(gold_contents),
        lambda p, g: _touches(contents[p], gold_contents[g]),
        lambda p, g: _overlap(contents[p], gold_contents[g]),
    )
    tp = len(content_pairs)
    scores.content_overlap = PRF(tp=tp, fp=len(contents) - tp, fn=len(gold_contents) - tp)

    rels = doc.relations
    relation_pairs = max_matching(
        len(quotes), len(rels),
        lambda p, g: _touches(tuple(quotes[p].content_span), rels[g].content) and _source_agrees(quotes[p], rels[g]),
        lambda p, g: _overlap(tuple(quotes[p].content_span), rels[g].content),
    )
    tp = len(relation_pairs)
    scores.relation_overlap = PRF(tp=tp, fp=len(quotes) - tp, fn=len(rels) - tp)
    _log_errors(doc, quotes, relation_pairs, errors)
    return scores


def _gold_row(doc: PolnearDocument, rel: GoldRelation) -> dict[str, Any]:
    def part(fragments: Fragments | None) -> dict[str, Any] | None:
        if fragments is None:
            return None
        return {"text": " ".join(doc.text[s:e] for s, e in fragments), "spans": [list(f) for f in fragments]}

    return {"id": rel.id, "line": rel.line, "source": part(rel.source), "cue": part(rel.cue),
            "content": part(rel.content)}


def _pred_row(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "speaker": {"text": speaker.text, "span": list(speaker.span), "name": speaker.name} if speaker else None,
        "cue": {"text": quote.cue_text, "span": list(quote.cue_span) if quote.cue_span else None},
        "content": {"text": quote.content_text, "span": list(quote.content_span)},
        "kind": quote.kind,
        "reasons": list(quote.reasons),
    }


def _log_errors(doc: PolnearDocument, quotes: Sequence[Quote], pairs: dict[int, int], errors: ErrorLog) -> None:
    """Missed gold (or found with the wrong source), spurious predictions, and content-extent differences."""
    if errors.path is None:
        return
    matched_gold = set(pairs.values())
    reported: set[int] = set()
    for gi, rel in enumerate(doc.relations):
        if gi in matched_gold:
            continue
        touching = [pi for pi, q in enumerate(quotes) if pi not in pairs and _touches(tuple(q.content_span), rel.content)]
        if touching:
            best = max(touching, key=lambda pi: _overlap(tuple(quotes[pi].content_span), rel.content))
            reported.add(best)
            errors.add(doc=doc.name, kind="wrong_source", gold=_gold_row(doc, rel), predicted=_pred_row(quotes[best]))
        else:
            errors.add(doc=doc.name, kind="missed", gold=_gold_row(doc, rel), predicted=None)
    for pi, quote in enumerate(quotes):
        if pi in pairs:
            rel = doc.relations[pairs[pi]]
            if tuple(quote.content_span) != _extent(rel.content):
                errors.add(doc=doc.name, kind="content_extent", gold=_gold_row(doc, rel), predicted=_pred_row(quote))
        elif pi not in reported:
            overlaps_gold = any(_touches(tuple(quote.content_span), r.content) for r in doc.relations)
            kind = "duplicate_or_wrong_source" if overlaps_gold else "spurious"
            errors.add(doc=doc.name, kind=kind, gold=None, predicted=_pred_row(quote))


def predict_quotes(documents: Sequence[PolnearDocument], batch_size: int = 16) -> list[list[Quote]]:
    """Run the real pipeline over the gold texts; one list of quotes per document, in order."""
    from eventwire.pipeline import process_articles
    from eventwire.records import Article

    articles = [
        Article(id=d.name, text=d.text, pub_date=d.pub_date, date_source="metadata" if d.pub_date else "unknown",
                source=str(d.text_path))
        for d in documents
    ]
    return [result.quotes for result in process_articles(articles, batch_size=batch_size)]


def evaluate(path: str | Path, limit: int | None = None, errors_path: str | Path | None = None) -> dict[str, Any]:
    """Run the pipeline over a PolNeAR split (the first ``limit`` articles by name) and score its quotes."""
    documents = load_documents(path, limit)
    errors = ErrorLog(errors_path)
    started = time.perf_counter()
    predictions = predict_quotes(documents)
    elapsed = time.perf_counter() - started
    total = Scores()
    for doc, quotes in zip(documents, predictions, strict=True):
        total.add(score_document(doc, quotes, errors))
    errors.write()
    return {**summarise(total, documents, predictions),
            "seconds_per_doc": round(elapsed / len(documents), 4) if documents else 0.0}


def summarise(total: Scores, documents: list, predictions: list) -> dict[str, Any]:
    """The suite's result keys from summed scores (also used by scripts/textacy_polnear.py)."""
    return {
        "n_docs": len(documents),
        "n_gold_relations": sum(len(d.relations) for d in documents),
        "n_pred_quotes": sum(len(q) for q in predictions),
        "source_f1": round(total.source.f1, 4),
        "cue_f1": round(total.cue.f1, 4),
        "content_f1": round(total.content.f1, 4),
        "content_overlap_f1": round(total.content_overlap.f1, 4),
        "content_overlap_precision": round(total.content_overlap.precision, 4),
        "content_overlap_recall": round(total.content_overlap.recall, 4),
        "relation_overlap_f1": round(total.relation_overlap.f1, 4),
        "relation_overlap_precision": round(total.relation_overlap.precision, 4),
        "relation_overlap_recall": round(total.relation_overlap.recall, 4),
    }
