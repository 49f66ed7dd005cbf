"""The second member of the type ensemble: TF-IDF word uni- and bigrams around the relation.

The relation model (:mod:`eventwire.extract.events.classifier`) reads the parse: lemmas, the path between
the participants, the lexicon. This one reads only the surface words from the first to the last of source,
trigger and target, six words either side (:func:`relation_text`), weighted by TF-IDF, with its own
regularisation. The two err differently, and averaging their log-probabilities gained about 3 points of
PLV macro-F1 in 5-fold cross-validation over the relation model alone (docs/models.md).

Tokenisation and weighting are written here rather than taken from scikit-learn's ``TfidfVectorizer`` so
that training and run time compute the very same numbers with numpy alone:

* tokens: runs of two or more word characters, lower-cased; terms: the tokens and adjacent token pairs;
* term weight: (1 + ln count) × idf, with the smoothed idf ln((1 + n) / (1 + df)) + 1 of the training
  sentences; each sentence's vector is L2-normalised over the terms the model knows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span

CharSpan = tuple[int, int]

TOKEN = re.compile(r"\b\w\w+\b")
WORD = re.compile(r"\S+")
# Words kept on each side of the relation. Reading the whole sentence scored the same in cross-validation
# but gave every event of a sentence one type ("a call ... to reiterate support" became two SUPPORTs).
WINDOW_WORDS = 6


def relation_text(sent: Span, spans: list[CharSpan | None], others: list[int] | None = None,
                  words: int = WINDOW_WORDS) -> str:
    """The part of ``sent`` the relation covers: from the first to the last of ``spans`` (source, target,
    trigger; document offsets), widened by ``words`` whitespace-separated words each side, but never past
    the start of another event trigger (``others``, document offsets): its words belong to its own event
    ("urged Putin to withdraw" must not make the withdrawal a request)."""
    text, offset = sent.text, sent.start_char
    present = [(a - offset, b - offset) for a, b in (s for s in spans if s is not None)]
    if not present:
        return text
    start = max(0, min(a for a, _ in present))
    end = min(len(text), max(b for _, b in present))
    before = [m.start() for m in WORD.finditer(text, 0, start)]
    after = [m.end() for m in WORD.finditer(text, end)]
    left = before[-words] if len(before) >= words else 0
    right = after[words - 1] if len(after) >= words else len(text)
    for other in (o - offset for o in others or ()):
        if left <= other < start:  # a trigger before the relation: begin after its word
            match = WORD.match(text, other)
            left = max(left, match.end() if match else other)
        elif end <= other < right:  # one after it: stop before it
            right = other
    return text[left:right]


def sentence_terms(text: str) -> Counter[str]:
    """Counts of the word unigrams and bigrams of ``text``."""
    tokens = [m.group().lower() for m in TOKEN.finditer(text)]
    terms = Counter(tokens)
    terms.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return terms


@dataclass
class WordModel:
    labels: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (features,)
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    meta: dict[str, Any] = field(default_factory=dict)

    def vector(self, text: str | Counter[str]) -> tuple[list[int], list[float]]:
        """(feature rows, TF-IDF values), L2-normalised, of the terms of ``text`` (or its counted terms) the
        model knows."""
        terms = text if isinstance(text, Counter) else sentence_terms(text)
        rows, values = [], []
        for term, count in terms.items():
            row = self.vocabulary.get(term)
            if row is not None:
                rows.append(row)
                values.append((1.0 + math.log(count)) * float(self.idf[row]))
        norm = math.sqrt(sum(v * v for v in values))
        return rows, [v / norm for v in values] if norm else values

    def probabilities(self, text: str) -> dict[str, float]:
        import numpy as np

        rows, values = self.vector(text)
        logits = self.bias + (np.asarray(values, dtype=np.float32) @ self.weights[rows] if rows else 0.0)
        logits = logits - logits.max()
        exp = np.exp(logits)
        probs = exp / exp.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def save(self, path: str | Path) -> None:
        from eventwire.extract.events.classifier import save_linear

        save_linear(path, self.labels, self.vocabulary, self.weights, self.bias, self.meta, idf=self.idf)


def read_word_model(path: str | Path) -> WordModel:
    from eventwire.extract.events.classifier import load_linear

    return WordModel(**load_linear(path))


def fit_word_model(
    texts: list[str],
    labels: list[str],
    c: float,
    sample_weight: list[float] | None = None,
    meta: dict[str, Any] | None = None,
    max_iter: int = 3000,
) -> WordModel:
    """Fit the word model (class-balanced multinomial logistic regression, L2 strength 1/``c``)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from eventwire.extract.events.classifier import label_columns

    counted = [sentence_terms(t) for t in texts]
    df: Counter[str] = Counter()
    for terms in counted:
        df.update(terms.keys())
    vocabulary = {term: i for i, term in enumerate(sorted(df))}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in sorted(df)], dtype=np.float64)
    model = WordModel(labels=[], vocabulary=vocabulary, idf=idf, weights=np.zeros((0, 0)), bias=np.zeros(0))
    indptr, indices, values = [0], [], []
    for terms in counted:
        rows, vals = model.vector(terms)
        order = np.argsort(rows)
        indices.extend(np.asarray(rows)[order].tolist())
        values.extend(np.asarray(vals)[order].tolist())
        indptr.append(len(indices))
    matrix = csr_matrix((values, indices, indptr), shape=(n, len(vocabulary)), dtype=np.float64)
    classifier = LogisticRegression(C=c, max_iter=max_iter, class_weight="balanced")
    classifier.fit(matrix, labels, sample_weight=sample_weight)
    weights, bias = label_columns(classifier)
    return WordModel(
        labels=[str(label) for label in classifier.classes_],
        vocabulary=vocabulary,
        idf=idf.astype(np.float32),
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        meta={**(meta or {}), "c": c, "features": len(vocabulary)},
    )
