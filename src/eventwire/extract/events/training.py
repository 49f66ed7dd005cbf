"""Training data and fitting for the PLOVER type classifier (:mod:`eventwire.extract.events.classifier`).

Two sources, both sentences with the source marked ``<s>..</s>`` and the target ``<t>..</t>``:

* PLV (``PLV_train.tsv``: columns ``marked_sentence`` and ``gold_root``), where CONCEDE and RETREAT are
  one class, YIELD;
* the project's own examples (``data/plover-examples.tsv`` in this package: ``marked_sentence``,
  ``event_type``, ``mode``), written from the PLOVER manual, including ``NONE`` rows (trigger-like words
  in sentences that report no political event).

The model predicts YIELD for both CONCEDE and RETREAT (the PLV convention); the event stage splits it back
with the lexicon. ``fit`` needs scikit-learn, which only training imports.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.extract.events.classifier import (
    NOT_EVENT,
    PLV_MERGED,
    WORD_MODEL_NAME,
    TypeEnsemble,
    TypeModel,
    label_columns,
)
from eventwire.extract.events.encodermodel import ENCODER_MODEL_NAME

if TYPE_CHECKING:
    from spacy.language import Language

CharSpan = tuple[int, int]
TAG = re.compile(r"</?[st]>")
EXAMPLES_NAME = "plover-examples.tsv"


@dataclass
class Example:
    """One marked sentence with its label, ready to featurise."""

    id: str
    sentence: str
    label: str
    source_spans: list[CharSpan] = field(default_factory=list)
    target_spans: list[CharSpan] = field(default_factory=list)

    @property
    def source(self) -> CharSpan | None:
        return self.source_spans[0] if self.source_spans else None

    @property
    def target(self) -> CharSpan | None:
        return self.target_spans[0] if self.target_spans else None


class TrainingDataError(ValueError):
    pass


def marked_spans(marked: str) -> tuple[str, dict[str, list[CharSpan]]]:
    """The plain sentence and the character spans of each ``<s>``/``<t>`` mark in it (tags may nest)."""
    plain = ""
    opened: dict[str, list[int]] = {"s": [], "t": []}
    spans: dict[str, list[CharSpan]] = {"s": [], "t": []}
    position = 0
    for match in TAG.finditer(marked):
        plain += marked[position : match.start()]
        position = match.end()
        tag = match.group()
        role = tag.strip("</>")
        if not tag.startswith("</"):
            opened[role].append(len(plain))
        elif opened[role]:
            spans[role].append(_trim(plain, opened[role].pop(), len(plain)))
    plain += marked[position:]
    for role in spans:
        spans[role].sort()
    return plain, spans


def _trim(text: str, start: int, end: int) -> CharSpan:
    """Marks often include a trailing space ("<s>The LNA </s>"): spans cover words only."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_marked_tsv(path: str | Path, label_column: str) -> list[Example]:
    """Examples from a TSV with a ``marked_sentence`` column and a label column."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TrainingDataError(f"{path}: cannot read: {exc}") from exc
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for column in ("marked_sentence", label_column):
        if column not in (reader.fieldnames or []):
            raise TrainingDataError(f"{path}:1: missing column {column!r}")
    examples = []
    for row in reader:
        if row.get("marked_sentence") is None or not row.get(label_column):
            raise TrainingDataError(f"{path}:{reader.line_num}: row has fewer fields than the header")
        plain, spans = marked_spans(row["marked_sentence"])
        label = row[label_column].strip().upper()
        examples.append(Example(id=row.get("sentence_id") or str(reader.line_num), sentence=plain,
                                label=PLV_MERGED.get(label, label), source_spans=spans["s"],
                                target_spans=spans["t"]))
    return examples


def project_examples_path() -> Path:
    return Path(str(resources.files("eventwire.extract.events").joinpath("data", EXAMPLES_NAME)))


def project_examples(path: str | Path | None = None) -> list[Example]:
    return read_marked_tsv(path or project_examples_path(), "event_type")


def plv_examples(path: str | Path) -> list[Example]:
    """PLV rows as training examples, read by the PLV suite's own reader (one parser for one format)."""
    from eventwire.evaluate.plv import load_gold

    return [Example(id=g.id, sentence=g.sentence, label=PLV_MERGED.get(g.root, g.root), source_spans=g.source_spans,
                    target_spans=g.target_spans) for g in load_gold(path)]


def featurise(nlp: Language, examples: list[Example], batch_size: int = 64) -> tuple[list[list[str]], list[str]]:
    """(relation features, relation-window text) of each example, parsed once, the lexicon trigger chosen as
    at run time."""
    from eventwire.extract.events.relation import relation_inputs

    features, texts = [], []
    for example, doc in zip(examples, nlp.pipe((e.sentence for e in examples), batch_size=batch_size), strict=True):
        row, words, _, _ = relation_inputs(doc[:], example.source, example.target)
        features.append(row)
        texts.append(words)
    return features, texts


def encoder_inputs(sentences: list[str], texts: list[str], config: TrainConfig):
    """The encoder head's input vectors, or None when the head is off or the encoder is not installed."""
    if config.encoder_weight <= 0.0:
        return None
    from eventwire.extract.events.encodermodel import relation_vectors

    return relation_vectors(sentences, texts)


@dataclass
class TrainConfig:
    """Documented defaults: chosen by 5-fold cross-validation on PLV_train (see docs/models.md)."""

    c: float = 100.0  # inverse L2 strength of the logistic regression (features are L2-normalised)
    class_weight: str | None = "balanced"  # macro-F1 is the target: rare types weigh as much as common
    min_count: int = 1  # features seen fewer times in training are dropped
    project_weight: float = 0.2  # weight of each project-written typed example relative to a PLV row
    none_weight: float = 1.0  # weight of each project-written non-event (NONE) example
    max_iter: int = 3000
    word_c: float = 20.0  # inverse L2 strength of the word model (TF-IDF rows are L2-normalised)
    # The word model's share of the mixed log-probabilities. 0 (the default) trains and ships no word model:
    # at 0.6 it gained about 3 points of PLV macro-F1 in CV but lost precision on audited Wikinews events
    # (docs/models.md), so it is opt-in.
    word_weight: float = 0.0
    # The encoder head (used only where the sentence encoder is installed): its share of the mixed
    # log-probabilities and its inverse L2 strength, chosen by 5-fold CV on PLV (docs/models.md).
    encoder_weight: float = 0.5
    encoder_c: float = 10.0


def fit(features: list[list[str]], labels: list[str], config: TrainConfig | None = None,
        meta: dict[str, Any] | None = None, sample_weight: list[float] | None = None) -> TypeModel:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    config = config or TrainConfig()
    counts: dict[str, int] = {}
    for row in features:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= config.min_count))}
    matrix = _matrix(features, vocabulary)
    model = LogisticRegression(C=config.c, max_iter=config.max_iter, class_weight=config.class_weight)
    model.fit(matrix, labels, sample_weight=sample_weight)
    weights, bias = label_columns(model)
    labels_out = [str(c) for c in model.classes_]
    # Drop features whose weights are all negligible: smaller file, same predictions to 3 decimals.
    keep = np.abs(weights).max(axis=1) > 1e-4
    kept_terms = [t for t, k in zip(sorted(vocabulary, key=vocabulary.__getitem__), keep, strict=True) if k]
    return TypeModel(
        labels=labels_out,
        vocabulary={t: i for i, t in enumerate(kept_terms)},
        weights=weights[keep].astype(np.float32),
        bias=bias.astype(np.float32),
        meta={**(meta or {}), "config": config.__dict__, "features": len(kept_terms)},
    )


def _matrix(features: list[list[str]], vocabulary: dict[str, int]):
    """Binary feature rows, L2-normalised (as ``TypeModel.probabilities`` scores them)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for row in features:
        ids = sorted({vocabulary[f] for f in row if f in vocabulary})
        indices.extend(ids)
        values.extend([1.0 / np.sqrt(len(ids))] * len(ids) if ids else [])
        indptr.append(len(indices))
    return csr_matrix((values, indices, indptr), shape=(len(features), len(vocabulary)), dtype=np.float64)


def project_weights(labels: list[str], config: TrainConfig) -> list[float]:
    return [config.none_weight if label == NOT_EVENT else config.project_weight for label in labels]


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fit_ensemble(features: list[list[str]], texts: list[str], labels: list[str], config: TrainConfig,
                 sample_weight: list[float], meta: dict[str, Any] | None = None, vectors=None) -> TypeEnsemble:
    """Every member on the same rows and weights; the word model is skipped when ``word_weight`` is 0, the
    encoder head when no encoder ``vectors`` are given."""
    from eventwire.extract.events.encodermodel import fit_encoder_head
    from eventwire.extract.events.wordmodel import fit_word_model

    ensemble = TypeEnsemble(fit(features, labels, config, meta, sample_weight=sample_weight))
    if config.word_weight > 0.0:
        ensemble.words = fit_word_model(texts, labels, config.word_c, sample_weight=sample_weight,
                                        meta={**(meta or {}), "word_weight": config.word_weight},
                                        max_iter=config.max_iter)
    if vectors is not None:
        ensemble.encoder = fit_encoder_head(vectors, labels, config.encoder_c, sample_weight, config.encoder_weight,
                                            meta, max_iter=config.max_iter)
    return ensemble


def cross_validate(
    features: list[list[str]], texts: list[str], labels: list[str],
    extra_features: list[list[str]], extra_texts: list[str], extra_labels: list[str],
    folds: int = 5, seed: int = 0, config: TrainConfig | None = None,
    sentences: list[str] | None = None, extra_sentences: list[str] | None = None,
    encoder_skips: list[bool] | None = None,
) -> list[dict[str, float]]:
    """Out-of-fold label probabilities for every row (its relation ``features`` and window ``texts``): each
    fold's models are trained on the other folds plus all the extra (project) examples, never scored. With
    the rows' ``sentences`` (and the extras') and the encoder installed, the encoder head votes too, except
    on the rows ``encoder_skips`` marks (those a trigger links, ``relation.ENCODER_GATE``); it is trained on
    every row."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    config = config or TrainConfig()
    vectors = extra_vectors = None
    if sentences is not None and extra_sentences is not None:
        both = encoder_inputs(list(sentences) + list(extra_sentences), list(texts) + list(extra_texts), config)
        if both is not None:
            vectors, extra_vectors = both[: len(sentences)], both[len(sentences) :]
    predictions: list[dict[str, float]] = [{}] * len(features)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in splitter.split(features, labels):
        fold_vectors = None if vectors is None else np.vstack([vectors[train_rows], extra_vectors])
        model = fit_ensemble([features[i] for i in train_rows] + extra_features,
                             [texts[i] for i in train_rows] + extra_texts,
                             [labels[i] for i in train_rows] + extra_labels, config,
                             sample_weight=[1.0] * len(train_rows) + project_weights(extra_labels, config),
                             vectors=fold_vectors)
        for i in test_rows:
            skip = vectors is None or (encoder_skips is not None and encoder_skips[i])
            predictions[i] = model.probabilities(features[i], texts[i], vector=None if skip else vectors[i])
    return predictions


def model_path() -> Path:
    from eventwire.extract.events.classifier import MODEL_NAME

    return Path(str(resources.files("eventwire.extract.events").joinpath("data", MODEL_NAME)))


def train_event_model(
    plv_path: str | Path,
    examples_path: str | Path | None = None,
    out: str | Path | None = None,
    config: TrainConfig | None = None,
) -> dict[str, Any]:
    """Fit the type classifiers on PLV plus the project's examples and write them: the relation model to
    ``out`` (the packaged file by default) and the word model beside it."""
    import time

    from eventwire.nlp import load_nlp

    started = time.perf_counter()
    examples_path = Path(examples_path) if examples_path else project_examples_path()
    plv = plv_examples(plv_path)
    own = project_examples(examples_path)
    nlp = load_nlp()
    features, texts = featurise(nlp, plv + own)
    labels = [e.label for e in plv + own]
    meta = {
        "sources": {Path(plv_path).name: file_digest(plv_path), examples_path.name: file_digest(examples_path)},
        "examples": {"plv": len(plv), "project": len(own)},
        "labels": {label: labels.count(label) for label in sorted(set(labels))},
    }
    config = config or TrainConfig()
    weights = [1.0] * len(plv) + project_weights([e.label for e in own], config)
    vectors = encoder_inputs([e.sentence for e in plv + own], texts, config)
    model = fit_ensemble(features, texts, labels, config, weights, meta, vectors=vectors)
    out = Path(out) if out else model_path()
    model.relation.save(out)
    # The encoder head depends on the data and the encoder only: without the encoder installed, the
    # shipped head is left as it is.
    head_out = out.with_name(ENCODER_MODEL_NAME)
    if model.encoder is not None:
        model.encoder.save(head_out)
    elif config.encoder_weight <= 0.0:
        head_out.unlink(missing_ok=True)
    words_out = out.with_name(WORD_MODEL_NAME)
    if model.words is not None:
        model.words.save(words_out)
    else:
        words_out.unlink(missing_ok=True)
    return {
        "model": str(out),
        "word_model": str(words_out) if model.words is not None else None,
        "examples": len(labels),
        "labels": len(model.labels),
        "features": len(model.relation.vocabulary),
        "word_features": len(model.words.vocabulary) if model.words is not None else 0,
        "encoder_model": str(head_out) if model.encoder is not None else None,
        "bytes": out.stat().st_size + (words_out.stat().st_size if model.words is not None else 0),
        "seconds": round(time.perf_counter() - started, 1),
    }
