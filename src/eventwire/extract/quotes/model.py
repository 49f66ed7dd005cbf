"""Learned attribution cues and content spans, trained on PolNeAR train.

Two small logistic-regression models over spaCy parse features, stored as plain feature weights in
``data/attribution_model.json`` (well under 5 MB, loads in a few milliseconds, no scikit-learn at run
time):

* ``cue``: is this token the head of an attribution cue? Candidates are verbs, nouns, adjectives,
  "according" (of "according to") and a colon. PolNeAR's notion of attribution is broad (speech,
  writing, belief, intention, evidence: "said", "believes", "wants", "shows", "called for").
* ``content``: given a cue, which of a few parse-derived candidate spans is its content (the cue's
  clausal complement or object, the clause it is inserted in, the quoted region beside it, the rest
  of the sentence after a colon, ...). The highest-scoring candidate wins.

Rebuild (needs scikit-learn, as in the project's dependencies; parsing the 840 training articles and
fitting take about five minutes on 2 CPU cores; the defaults ``cue_c=0.3, content_c=1.0`` reproduce the
shipped file, chosen on PolNeAR dev)::

    eventwire train quotes --polnear ../shared/gold/polnear/train     # or: make model

which calls :func:`train_model` on ``train/text`` + ``train/attributions`` (one annotator per article,
as the evaluation suite reads them) and writes the JSON file beside this module.
"""

from __future__ import annotations

import bisect
import json
import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.nlp import sentence_of
from eventwire.nlp.table import TokenTable, token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL_PATH = Path(__file__).parent / "data" / "attribution_model.json"
CUE_POS = {"VERB", "NOUN", "ADJ", "AUX"}
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "advcl", "acomp", "csubj", "parataxis", "npadvmod",
                "acl", "relcl", "dative", "nsubjpass"}
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}
QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb\u201e'\u2018\u2019"

Cand = tuple[str, int, int]  # (candidate kind, first token index, last token index inclusive)


# ----------------------------------------------------------------------------------------------- cues

class QuotedRegions(list):
    """The quoted regions of a document, sorted and disjoint as ``marks.quoted_regions`` makes them, with
    bisect look-ups for the questions every cue candidate asks (a plain scan per token was most of the
    quote stage's time). A list of (start, end) still: callers may iterate it as before; should the
    regions overlap or come unsorted, the look-ups fall back to a scan and stay exact."""

    def __init__(self, regions: list[tuple[int, int]]):
        super().__init__(regions)
        self.starts = [s for s, _ in regions]
        self.ends = [e for _, e in regions]
        self.disjoint = all(s <= e for s, e in regions) and all(
            regions[i][1] <= regions[i + 1][0] for i in range(len(regions) - 1))

    def contains(self, x: int) -> bool:
        """Some region has start <= x < end."""
        if not self.disjoint:
            return any(s <= x < e for s, e in self)
        k = bisect.bisect_right(self.starts, x) - 1
        return k >= 0 and x < self.ends[k]

    def ends_within(self, x: int, width: int, min_start: int) -> bool:
        """Some region ends at most ``width`` chars before x and starts at or after ``min_start``."""
        if not self.disjoint:
            return any(0 <= x - e <= width and s >= min_start for s, e in self)
        lo, hi = bisect.bisect_left(self.ends, x - width), bisect.bisect_right(self.ends, x)
        return any(self.starts[k] >= min_start for k in range(lo, hi))

    def starts_within(self, x: int, width: int) -> bool:
        """Some region starts at most ``width`` chars after x."""
        if not self.disjoint:
            return any(0 <= s - x <= width for s, _ in self)
        return bisect.bisect_left(self.starts, x) < bisect.bisect_right(self.starts, x + width)

    def overlaps(self, a: int, b: int) -> bool:
        """Some region overlaps [a, b)."""
        if not self.disjoint:
            return any(s < b and a < e for s, e in self)
        k = bisect.bisect_right(self.ends, a)
        return k < len(self.starts) and self.starts[k] < b


def _indexed(regions: list[tuple[int, int]]) -> QuotedRegions:
    return regions if isinstance(regions, QuotedRegions) else QuotedRegions(regions)


def cue_candidate_indices(doc: Doc) -> list[int]:
    """The indices of the tokens :func:`is_cue_candidate` accepts, read from the document's arrays (one
    pass in numpy instead of a Python call per token)."""
    import numpy as np
    from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, POS

    strings = doc.vocab.strings
    arrays = doc.to_array([POS, DEP, IS_SPACE, LOWER, ORTH])
    pos, dep, space, lower, orth = (arrays[:, k] for k in range(5))
    ids = lambda names: np.array([strings[n] for n in names], dtype=arrays.dtype)  # noqa: E731
    special = np.isin(orth, ids([":", "\u2015"])) | (lower == strings["according"])
    auxiliary = (pos == strings["AUX"]) & np.isin(dep, ids(["aux", "auxpass"]))
    keep = ~space.astype(bool) & (special | (~auxiliary & np.isin(pos, ids(sorted(CUE_POS)))))
    return np.flatnonzero(keep).tolist()


def is_cue_candidate(tok: Token) -> bool:
    if tok.is_space:
        return False
    if tok.text in {":", "\u2015"}:
        return True
    if tok.lower_ == "according":
        return True
    if tok.pos_ == "AUX" and tok.dep_ in {"aux", "auxpass"}:
        return False
    return tok.pos_ in CUE_POS


def climb_to_subject(tok: Token, subjects: set[str], climb: set[str], steps: int) -> Token | None:
    """The first subject child of ``tok`` or of the heads it hangs from by a ``climb`` relation."""
    current = tok
    for _ in range(steps):
        subj = next((c for c in current.children if c.dep_ in subjects), None)
        if subj is not None:
            return subj
        if current.dep_ in climb and current.head.i != current.i:
            current = current.head
            continue
        return None
    return None


def _subject_of(tok: Token) -> Token | None:
    # The cue model's feature: its exact relations are part of the trained weights.
    return climb_to_subject(tok, {"nsubj", "nsubjpass", "csubj"}, {"conj", "xcomp", "advcl", "pcomp", "acl"}, 3)


def _table_subject(table: TokenTable, i: int) -> int | None:
    """:func:`_subject_of` over a token table: the same relations and steps, as an index."""
    current = i
    for _ in range(3):
        subj = next((c for c in table.children(current) if table.dep[c] in _SUBJECT_DEPS), None)
        if subj is not None:
            return subj
        if table.dep[current] in _CLIMB_DEPS and table.head[current] != current:
            current = table.head[current]
            continue
        return None
    return None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "acl"})
_LEMMA_CHILD_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "acl", "attr", "advcl", "agent", "dative", "mark"})
_SHAPE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "prep", "advcl"})
_PREV_POS = frozenset({"AUX", "PART", "ADP", "DET"})
_NEXT_POS = frozenset({"ADP", "SCONJ", "DET", "PART"})
_LNEXT_POS = frozenset({"ADP", "SCONJ", "PART", "PUNCT"})
_NOUN_DETS = frozenset({"a", "an", "the", "his", "her", "their", "its"})


def cue_features(tok: Token, regions: list[tuple[int, int]]) -> list[str]:
    """The cue model's features of one candidate token. Read from the document's :func:`token_table`
    (the cue model visits tens of thousands of tokens per corpus); each value is the ``Token``
    attribute the trained weights were learned from."""
    regions = _indexed(regions)
    t = token_table(tok.doc)
    i = tok.i
    lemma, pos, dep, idx = t.lemma[i], t.pos[i], t.dep[i], t.idx[i]
    h = t.head[i]
    in_quote = regions.contains(idx)
    f = [
        f"l={lemma}", f"p={pos}", f"t={t.tag[i]}", f"d={dep}", f"lp={lemma}|{pos}",
        f"ld={lemma}|{dep}", f"hp={t.pos[h]}|{dep}", f"hl={t.lemma[h]}|{dep}",
        f"q={in_quote}", f"qp={in_quote}|{pos}",
    ]
    deps = set()
    children = t.children(i)
    for c in children:
        d = t.dep[c]
        if d == "prep":
            f.append(f"prep={lemma}|{t.lower[c]}")
            f.append(f"prepw={t.lower[c]}")
        if d in _LEMMA_CHILD_DEPS:
            f.append(f"lc={lemma}|{d}")
        if d == "ccomp":
            mark = next((t.lower[m] for m in t.children(c) if t.dep[m] == "mark"), "-")
            f.append(f"ccmark={mark}")
            f.append(f"ccpos={'before' if c < i else 'after'}")
            f.append(f"lcpos={lemma}|{'before' if c < i else 'after'}")
        if d == "punct" and t.lower[c] in QUOTE_CHARS:  # punctuation has no case: lower_ is the text
            f.append("childquote")
        deps.add(d)
    for d in sorted(deps):
        f.append(f"c={d}")
    f.append(f"cs={'+'.join(sorted(deps & _SHAPE_DEPS))}")
    subj = _table_subject(t, i)
    if subj is not None:
        subj_ent = t.ent_type[subj]
        f.append("subj")
        f.append(f"sp={t.pos[subj]}")
        f.append(f"se={subj_ent or '-'}")
        f.append(f"sl={t.lower[subj] if t.lower[subj] in PRONOUNS else t.pos[subj]}")
        f.append(f"lse={lemma}|{subj_ent or t.pos[subj]}")
    else:
        f.append("nosubj")
        f.append(f"lns={lemma}")
    if any(t.dep[c] == "poss" for c in children):
        f.append("poss")
    prev = i - 1 if i > 0 else None
    nxt = i + 1 if i + 1 < len(t) else None
    if prev is None:
        f.append("prev=^")
    else:
        f.append(f"prev={t.lower[prev] if t.is_punct[prev] or t.pos[prev] in _PREV_POS else t.pos[prev]}")
    if nxt is None:
        f.append("next=$")
    else:
        f.append(f"next={t.lower[nxt] if t.is_punct[nxt] or t.pos[nxt] in _NEXT_POS else t.pos[nxt]}")
        f.append(f"lnext={lemma}|{t.lower[nxt] if t.pos[nxt] in _LNEXT_POS else t.pos[nxt]}")
    f.append(f"m={t.tense[i]}|{t.verb_form[i]}")
    sent_first, _, sent_start_char, sent_end_char = sentence_of(tok)
    if t.lower[i] == ":":
        f.append(f"colon_prev={t.pos[prev] if prev is not None else '^'}|{t.is_upper[prev] if prev is not None else '-'}")
        f.append(f"colon_sentpos={i - sent_first}")
    if t.lower[i] == "according":
        f.append("according")
    f.append(f"root={dep == 'ROOT'}")
    f.append(f"path={dep}|{t.dep[h]}")
    f.append(f"lq={lemma}|{in_quote}")
    before = regions.ends_within(idx, 40, sent_start_char - 400)
    after = regions.starts_within(idx, 40)
    f.append(f"region={before}|{after}")
    f.append(f"lregion={lemma}|{before}|{after}")
    f.append(f"sentquote={regions.overlaps(sent_start_char, sent_end_char)}")
    if subj is not None:
        kind = "pron" if t.pos[subj] == "PRON" else t.ent_type[subj] or t.tag[subj]
        f.append(f"lsk={lemma}|{kind}")
        f.append(f"dsk={dep}|{kind}")
    if pos == "NOUN":
        det = next((t.lower[c] for c in children if t.dep[c] in {"det", "poss"}), "-")
        f.append(f"ndet={lemma}|{det if det in _NOUN_DETS else 'x'}")
    return f


# ----------------------------------------------------------------------------------------- contents

def _span_of(tokens: list[Token]) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].i, tokens[-1].i


def _subtree(tok: Token) -> list[Token]:
    return list(tok.subtree)


def region_tokens(doc: Doc, regions: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Quoted regions as (start char, end char, first token incl. marks, last token incl. marks)."""
    out = []
    for start, end in regions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        first, last = span[0].i, span[-1].i
        lo = first - 1 if first > 0 and doc[first - 1].text in QUOTE_CHARS else first
        hi = last + 1 if last + 1 < len(doc) and doc[last + 1].text in QUOTE_CHARS else last
        out.append((start, end, lo, hi))
    return out


def content_candidates(cue: Token, rtoks: list[tuple[int, int, int, int]]) -> list[Cand]:
    """Parse-derived candidate content spans for one cue token, as (kind, first, last) token indices."""
    first_token, end_token, _, _ = sentence_of(cue)
    sent = cue.doc[first_token:end_token]
    out: dict[tuple[int, int], str] = {}

    def add(kind: str, tokens: list[Token]) -> None:
        span = _span_of(tokens)
        if span is None or span[1] - span[0] > 250:
            return
        if span[0] <= cue.i <= span[1] and kind not in {"head-minus", "sent-minus", "region"}:
            return
        out.setdefault(span, kind)

    own = {t.i for t in cue.subtree}
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS:
            add(f"child:{child.dep_}", _subtree(child))
        elif child.dep_ == "prep":
            objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            for obj in objs:
                add(f"prep:{child.lower_ if child.lower_ in {'for', 'on', 'to', 'about', 'of', 'in', 'at', 'that'} else 'x'}", _subtree(obj))
        elif child.dep_ in {"agent"}:
            continue
    # The clause the cue is inserted into ("..., he said, ..."; "according to X, ...").
    head = cue.head
    if cue.lower_ == "according" or cue.dep_ in {"parataxis", "advcl", "prep", "ccomp", "conj", "relcl"}:
        if head.i != cue.i:
            add("head-minus", [t for t in head.subtree if t.i not in own and sentence_of(t)[0] == sent.start])
    # Everything after the cue in its sentence (colon quotes, "X said Y" with a broken parse).
    if cue.text in {":", "\u2015"} or cue.dep_ == "ROOT":
        lefts = {c.i for c in cue.lefts}
        add("after", [t for t in sent if t.i > cue.i and t.i not in lefts])
    # Everything before the cue's own phrase, for a cue at the end of its sentence.
    left = min(own)
    subj = _subject_of(cue)
    stop = min(left, subj.left_edge.i) if subj is not None else left
    before = list(cue.doc[sent.start : max(sent.start, min(stop, sent.end))])
    if len(before) >= 3:
        add("before", before)
    if cue.lower_ == "according":
        add("sent-minus", [t for t in sent if t.i not in own])
    # A quotation beside the cue, possibly running over several sentences or paragraphs.
    for start, end, lo, hi in rtoks:
        near = (0 <= cue.idx - end <= 60) or (0 <= start - (cue.idx + len(cue.text)) <= 60) or lo <= cue.i <= hi
        if not near:
            continue
        if not (lo <= cue.i <= hi):
            out.setdefault((lo, hi), "region")
    return [(kind, a, b) for (a, b), kind in out.items()]


def content_features(cue: Token, cand: Cand, regions: list[tuple[int, int]]) -> list[str]:
    kind, a, b = cand
    doc = cue.doc
    lemma = cue.lemma_.lower()
    n = b - a + 1
    size = "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21-40" if n <= 40 else "41+"
    side = "before" if b < cue.i else "after" if a > cue.i else "around"
    first, last = doc[a], doc[b]
    start_char, end_char = first.idx, last.idx + len(last.text)
    quoted = any(s <= start_char + 1 and end_char - 1 <= e for s, e in regions)
    f = [
        f"k={kind}", f"kl={kind}|{lemma}", f"kp={kind}|{cue.pos_}", f"n={size}", f"kn={kind}|{size}",
        f"side={side}", f"ks={kind}|{side}", f"f={first.lower_ if first.pos_ in {'SCONJ', 'PUNCT', 'DET', 'PART', 'ADP'} else first.pos_}",
        f"kf={kind}|{first.pos_}", f"quoted={quoted}", f"kq={kind}|{quoted}",
        f"cued={cue.dep_}|{kind}", f"multisent={sentence_of(doc[a])[0] != sentence_of(doc[b])[0]}",
        f"hasverb={any(t.pos_ in {'VERB', 'AUX'} for t in doc[a : b + 1])}",
        f"khv={kind}|{any(t.pos_ in {'VERB', 'AUX'} for t in doc[a : b + 1])}",
    ]
    if cue.text == ":" or cue.lower_ == "according":
        f.append(f"special={cue.lower_}|{kind}")
    gap = cue.i - b - 1 if b < cue.i else a - cue.i - 1 if a > cue.i else 0
    gap_bucket = "0" if gap <= 0 else "1-3" if gap <= 3 else "4-8" if gap <= 8 else "9+"
    f.append(f"gap={gap_bucket}")
    f.append(f"kgap={kind}|{side}|{gap_bucket}")
    if kind.startswith("prep:"):
        f.append(f"prepl={lemma}|{kind}")
    return f


# ------------------------------------------------------------------------------------------ scoring

@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> dict | None:
    model_path = Path(path) if path else MODEL_PATH
    if not model_path.is_file():
        return None
    with model_path.open(encoding="utf-8") as fh:
        return json.load(fh)


def probability(part: dict, features: list[str]) -> float:
    # An unknown feature adds 0.0, which leaves the sum as it was: the same value as skipping it, faster.
    z = part["b"] + sum(map(part["w"].get, features, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# ----------------------------------------------------------------------------------------- training

def _gold_cue_tokens(doc: Doc, relations) -> dict[int, list]:
    """Token index -> gold relations whose cue covers that candidate token."""
    out: dict[int, list] = {}
    for rel in relations:
        if rel.cue is None:
            continue
        for s, e in rel.cue:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                if is_cue_candidate(tok):
                    out.setdefault(tok.i, []).append(rel)
    return out


def _jaccard(a: tuple[int, int], fragments) -> float:
    inter = sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in fragments)
    total = (a[1] - a[0]) + sum(e - s for s, e in fragments) - inter
    return inter / total if total > 0 else 0.0


def training_rows(docs_and_gold) -> tuple[list, list, list, list]:
    from eventwire.extract.quotes.marks import quoted_regions

    cue_x, cue_y, con_x, con_y = [], [], [], []
    for doc, relations in docs_and_gold:
        regions = QuotedRegions(quoted_regions(doc.text))
        rtoks = region_tokens(doc, regions)
        gold = _gold_cue_tokens(doc, relations)
        for tok in doc:
            if not is_cue_candidate(tok):
                continue
            cue_x.append(cue_features(tok, regions))
            cue_y.append(1 if tok.i in gold else 0)
            if tok.i not in gold:
                continue
            cands = content_candidates(tok, rtoks)
            if not cands:
                continue
            scored = []
            for cand in cands:
                chars = (doc[cand[1]].idx, doc[cand[2]].idx + len(doc[cand[2]].text))
                scored.append(max(_jaccard(chars, rel.content) for rel in gold[tok.i]))
            best = max(range(len(cands)), key=lambda i: scored[i])
            for i, cand in enumerate(cands):
                con_x.append(content_features(tok, cand, regions))
                con_y.append(1 if i == best and scored[i] >= 0.3 else 0)
    return cue_x, cue_y, con_x, con_y


def _fit(rows: list[list[str]], labels: list[int], c: float, min_count: int = 3) -> dict:
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in rows for f in set(row))  # rare features only bloat the file
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in row if counts[f] >= min_count} for row in rows]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear wants 32-bit sparse indices
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-3}
    return {"b": round(float(clf.intercept_[0]), 4), "w": weights}


def train_model(train_dir: str | Path, out: str | Path | None = None, docs: list | None = None,
                cue_c: float = 0.3, content_c: float = 1.0) -> dict:
    """Train both models on a PolNeAR split (``docs``: optional pre-parsed ``(Doc, relations)`` pairs)."""
    if docs is None:
        from eventwire.evaluate import polnear
        from eventwire.nlp import load_nlp

        gold = polnear.load_documents(train_dir)
        nlp = load_nlp()
        docs = list(zip(nlp.pipe([d.text for d in gold], batch_size=16), [d.relations for d in gold], strict=True))
    cue_x, cue_y, con_x, con_y = training_rows(docs)
    model = {
        "version": 1,
        "trained_on": "/".join(Path(train_dir).resolve().parts[-2:]),  # "polnear/train", not a machine's path
        "cue": _fit(cue_x, cue_y, cue_c),
        "content": _fit(con_x, con_y, content_c),
    }
    path = Path(out) if out else MODEL_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    load_model.cache_clear()
    return model


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    import sys

    target = sys.argv[1] if len(sys.argv) > 1 else "../shared/gold/polnear/train"
    trained = train_model(target)
    print(f"cue features: {len(trained['cue']['w'])}, content features: {len(trained['content']['w'])}")
