"""Trained PLOVER type classifier: a linear model over parse and lexicon features of one relation.

The input is a sentence, the character spans of the source and target (either may be missing) and the
lexicon trigger that proposed the event (may be missing). The features say what a coder reads:

* the trigger's lemma, lexicon type and mode, and the lexicon types of every trigger in the sentence;
* the dependency path between the source and target heads (its lemmas, its top, the verbs governing each
  side, the preposition that attaches the target);
* the words inside the source and target spans ("protesters", "sanctions");
* the sentence's lemmas and lemma bigrams, and character 4-grams of the main predicate's lemma (so "shelled"
  and "shelling" share evidence);
* negation and modal words near the predicate.

The model (``data/plover-type.npz``) stores its labels, feature vocabulary, weights and provenance as plain
numpy arrays (no pickle): it loads in milliseconds and scores a relation with one sparse dot product.
An opt-in second model over the surface words around the relation (``data/plover-words.npz``, off by
default; :mod:`eventwire.extract.events.wordmodel`) can vote beside it: :class:`TypeEnsemble` mixes their
log-probabilities. ``eventwire train events`` rebuilds them (:mod:`eventwire.extract.events.training`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.extract.events.triggers import lexicon
from eventwire.kb import TITLE_SECTORS

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span, Token

    from eventwire.extract.events.encodermodel import EncoderHead
    from eventwire.extract.events.triggers import Trigger
    from eventwire.extract.events.wordmodel import WordModel

CharSpan = tuple[int, int]
MODEL_NAME = "plover-type.npz"
WORD_MODEL_NAME = "plover-words.npz"
# The label for "the lexicon fired but this is not an event" (only from project-written examples).
NOT_EVENT = "NONE"
# PLV's merged class, which the model predicts: the manual's CONCEDE and RETREAT are one label, YIELD.
YIELD = "YIELD"
PLV_MERGED = {"CONCEDE": YIELD, "RETREAT": YIELD}
MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall"}
STOP = {"the", "a", "an", "of", "to", "in", "and", "or", "on", "for", "at", "by", "with", "from", "as", "that",
        "this", "be", "have", "it", "its", "their", "his", "her", "'s", "which", "who", "-pron-"}


@dataclass
class TypeModel:
    labels: list[str]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, features: list[str]) -> dict[str, float]:
        import numpy as np

        rows = sorted({self.vocabulary[f] for f in features if f in self.vocabulary})
        # Binary features, L2-normalised over the features the model knows (as in training).
        scale = 1.0 / np.sqrt(len(rows)) if rows else 0.0
        logits = self.bias + scale * self.weights[rows].sum(axis=0)
        logits = logits - logits.max()
        exp = np.exp(logits)
        probs = exp / exp.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def save(self, path: str | Path) -> None:
        save_linear(path, self.labels, self.vocabulary, self.weights, self.bias, self.meta)


def label_columns(classifier: Any) -> tuple[np.ndarray, np.ndarray]:
    """(weights (features, labels), bias) of a fitted scikit-learn linear classifier, one column per label:
    binary problems come back as a single column, which is split into two opposite halves."""
    import numpy as np

    weights, bias = classifier.coef_.T, classifier.intercept_
    if len(classifier.classes_) == 2:
        weights = np.hstack([-weights, weights]) / 2
        bias = np.array([-bias[0], bias[0]]) / 2
    return weights, bias


def save_linear(path: str | Path, labels: list[str], vocabulary: dict[str, int], weights: np.ndarray,
                bias: np.ndarray, meta: dict[str, Any], **arrays: np.ndarray) -> None:
    """A linear model as plain numpy arrays (no pickle): labels, the terms in row order, float32 weights and
    bias, JSON provenance, and any ``arrays`` a model adds (the word model's idf)."""
    import numpy as np

    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    np.savez_compressed(
        path,
        labels=np.array(labels),
        terms=np.array(terms),
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        meta=np.array(json.dumps(meta, sort_keys=True)),
        **{name: array.astype(np.float32) for name, array in arrays.items()},
    )


def load_linear(path: str | Path) -> dict[str, Any]:
    """What :func:`save_linear` wrote, as keyword arguments of the model's dataclass."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        fields: dict[str, Any] = {name: data[name] for name in data.files if name not in {"labels", "terms", "meta"}}
        fields["labels"] = [str(label) for label in data["labels"]]
        fields["vocabulary"] = {str(t): i for i, t in enumerate(data["terms"])}
        fields["meta"] = json.loads(str(data["meta"]))
    return fields


def mix(relation: dict[str, float], words: dict[str, float], word_weight: float) -> dict[str, float]:
    """The normalised geometric mixture of two label distributions: (1 - w) log p_rel + w log p_words."""
    import math

    logits = {
        label: (1.0 - word_weight) * math.log(p + 1e-9) + word_weight * math.log(words.get(label, 0.0) + 1e-9)
        for label, p in relation.items()
    }
    top = max(logits.values())
    exp = {label: math.exp(v - top) for label, v in logits.items()}
    total = sum(exp.values())
    return {label: v / total for label, v in exp.items()}


@dataclass
class TypeEnsemble:
    """The relation model and, when shipped, the word model, mixed with the trained ``word_weight``; and,
    when both its head is shipped and the sentence encoder is installed, the encoder head
    (:mod:`~eventwire.extract.events.encodermodel`), mixed in last with its ``encoder_weight``."""

    relation: TypeModel
    words: WordModel | None = None
    encoder: EncoderHead | None = None

    @property
    def labels(self) -> list[str]:
        return self.relation.labels

    @property
    def word_weight(self) -> float:
        return float(self.words.meta.get("word_weight", 0.0)) if self.words is not None else 0.0

    @property
    def uses_encoder(self) -> bool:
        return self.encoder is not None and self.encoder.weight > 0.0

    def probabilities(self, features: list[str], text: str, sentence: str | None = None,
                      vector: np.ndarray | None = None) -> dict[str, float]:
        """Label probabilities of one relation: its ``features``, its ``text`` (:func:`relation_words`) and,
        for the encoder head, its ``sentence`` (or the head's input ``vector``, computed already)."""
        probabilities = self.relation.probabilities(features)
        if self.words is not None and self.word_weight > 0.0:
            probabilities = mix(probabilities, self.words.probabilities(text), self.word_weight)
        if self.uses_encoder and (vector is not None or sentence is not None):
            if vector is None:
                from eventwire.extract.events.encodermodel import relation_vectors

                both = relation_vectors([sentence], [text])
                vector = both[0] if both is not None else None
            if vector is not None:
                probabilities = mix(probabilities, self.encoder.probabilities(vector), self.encoder.weight)
        return probabilities


def decide_type(
    probabilities: dict[str, float], lexicon_type: str | None, allowed: set[str] | None = None
) -> tuple[str, float, list[str]]:
    """(label, probability, reasons): the model's most probable allowed label.

    The model already reads the lexicon's type as a feature; letting the lexicon veto unsure model
    answers was measured and lost on both dev sets (docs/models.md), so the model decides and the reasons
    say when it disagreed with the lexicon. ``lexicon_type`` is in the model's label space.
    """
    candidates = {k: v for k, v in probabilities.items() if allowed is None or k in allowed}
    label = max(candidates, key=candidates.__getitem__)
    reasons = [f"model:{label}:{candidates[label]:.2f}"]
    if lexicon_type is not None and lexicon_type != label:
        reasons.append(f"type:model-overrides-lexicon:{lexicon_type}")
    return label, candidates[label], reasons


def relation_words(sent: Span, source: CharSpan | None, target: CharSpan | None, trigger: Trigger | None,
                   sentence_triggers: list[Trigger] | None = None) -> str:
    """What the word model reads of one relation (:func:`~eventwire.extract.events.wordmodel.relation_text`)."""
    from eventwire.extract.events.wordmodel import relation_text

    trigger_span = (trigger.token.idx, trigger.token.idx + len(trigger.token.text)) if trigger is not None else None
    own = trigger.token.i if trigger is not None else None
    others = sorted({t.token.idx for t in sentence_triggers or () if t.token.i != own})
    return relation_text(sent, [source, target, trigger_span], others)


def model_label(trigger: Trigger | None) -> str | None:
    """The lexicon type of a trigger in the model's label space (PLV's YIELD for CONCEDE and RETREAT)."""
    if trigger is None:
        return None
    return PLV_MERGED.get(trigger.entry.event_type, trigger.entry.event_type)


def read_model(path: str | Path) -> TypeModel:
    return TypeModel(**load_linear(path))


@lru_cache(maxsize=1)
def shipped_model() -> TypeEnsemble | None:
    """The models shipped in the package, or None if the relation model is absent (the coder then uses the
    lexicon alone). Without the word model the relation model decides alone; the encoder head joins only
    when the sentence encoder is installed (``make install-encoder``)."""
    from eventwire.extract.events.encodermodel import ENCODER_MODEL_NAME, read_encoder_head
    from eventwire.extract.events.wordmodel import read_word_model
    from eventwire.nlp.encoder import available

    data = resources.files("eventwire.extract.events").joinpath("data")
    relation, words = data.joinpath(MODEL_NAME), data.joinpath(WORD_MODEL_NAME)
    head = data.joinpath(ENCODER_MODEL_NAME)
    if not relation.is_file():
        return None
    with resources.as_file(relation) as path:
        ensemble = TypeEnsemble(read_model(path))
    if words.is_file():
        with resources.as_file(words) as path:
            ensemble.words = read_word_model(path)
    if head.is_file() and available():
        with resources.as_file(head) as path:
            ensemble.encoder = read_encoder_head(path)
    return ensemble


# --- features ------------------------------------------------------------------------------------------


def _lemma(tok: Token) -> str:
    return tok.lower_ if tok.pos_ == "PROPN" else tok.lemma_.lower()


def _tokens(sent: Span, span: CharSpan | None) -> Span | None:
    if span is None:
        return None
    tokens = sent.doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens if tokens is not None and len(tokens) else None


# The length of an ancestor chain. The root's head is itself, and the shipped weights were trained on
# chains that repeat the root up to this length, so a root predicate is its own first ancestors
# ("anc=" and "anclex1=" features) and a participant at the root governs itself. Changing that needs a
# retrained model (`make model`), not only this function.
CHAIN_LENGTH = 60


def _chain(token: Token) -> list[Token]:
    chain = [token]
    while len(chain) < CHAIN_LENGTH:
        chain.append(chain[-1].head)
    return chain


def _path(source: Token, target: Token) -> tuple[list[Token], Token | None]:
    """Tokens strictly between the two heads on the dependency path, and the path's top."""
    up, down = _chain(source), _chain(target)
    down_ids = {t.i: n for n, t in enumerate(down)}
    for n, tok in enumerate(up):
        if tok.i in down_ids:
            between = up[1:n] + ([tok] if tok.i not in (source.i, target.i) else [])
            between += list(reversed(down[1 : down_ids[tok.i]]))
            return between, tok
    return [], None


@lru_cache(maxsize=1)
def extended_lexicon() -> dict[tuple[str, str], str]:
    """(lemma, pos) -> PLOVER type: the wide word list used only as evidence (never to propose events)."""
    import csv

    text = resources.files("eventwire.extract.events").joinpath("data", "lexicon-extended.tsv").read_text("utf-8")
    rows = csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    next(rows)  # header
    return {(row[0], row[1]): row[2] for row in rows if len(row) >= 3}


def _entry_type(tok: Token) -> str | None:
    """The type the strict trigger lexicon, else the extended word list, gives a word (no syntax checks)."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else None
    if pos is None:
        return None
    key = (tok.lemma_.lower(), pos)
    entry = lexicon().get(key)
    return entry.event_type if entry is not None else extended_lexicon().get(key)


def _participant_kind(head: Token) -> str:
    """Entity label, or ACTOR for role and group nouns ("troops", "officials", "police"), else the POS."""
    if head.ent_type_:
        return head.ent_type_
    if head.lemma_.lower() in TITLE_SECTORS or head.lower_ in TITLE_SECTORS:
        return "ACTOR"
    return head.pos_


def _first_predicate(token: Token) -> Token | None:
    for tok in _chain(token)[1:]:
        if tok.pos_ in {"VERB", "NOUN"} and tok.dep_ != "compound":
            return tok
    return None


def relation_features(
    sent: Span,
    source: CharSpan | None,
    target: CharSpan | None,
    trigger: Trigger | None,
    sentence_triggers: list[Trigger] | None = None,
) -> list[str]:
    """The features of the relation from ``source`` to ``target`` proposed by ``trigger``."""
    features: list[str] = []
    add = features.append
    source_tokens, target_tokens = _tokens(sent, source), _tokens(sent, target)
    inside = {t.i for span in (source_tokens, target_tokens) if span is not None for t in span}

    # The sentence's words, outside the participants.
    words = [_lemma(t) for t in sent if t.is_alpha and t.i not in inside]
    for w in words:
        if w not in STOP:
            add(f"w={w}")
    for a, b in zip(words, words[1:], strict=False):
        add(f"b={a}_{b}")
    for span, role in ((source_tokens, "s"), (target_tokens, "t")):
        if span is None:
            # No "implicit participant" feature: the pipeline often leaves an uncoded recipient out, and
            # the non-event examples rarely mark one, so it would teach "no target, no event".
            continue
        for tok in span:
            if tok.is_alpha and _lemma(tok) not in STOP:
                add(f"{role}w={_lemma(tok)}")
        add(f"{role}ent={_participant_kind(span.root)}")

    # The parse between the participants.
    predicate: Token | None = None
    if source_tokens is not None and target_tokens is not None:
        between, top = _path(source_tokens.root, target_tokens.root)
        for tok in between:
            add(f"p={_lemma(tok)}")
            add(f"pd={tok.dep_}:{_lemma(tok)}")
            entry_type = _entry_type(tok)
            if entry_type is not None:  # lexicon words on the path, whatever the trigger patterns said
                add(f"plex={entry_type}")
        if top is not None and top.i not in inside:
            add(f"top={_lemma(top)}")
            predicate = top
        add(f"tdep={target_tokens.root.dep_}")
        if target_tokens.root.dep_ == "pobj":
            add(f"tprep={target_tokens.root.head.lower_}")
            add(f"tprep={target_tokens.root.head.lower_}+{_lemma(target_tokens.root.head.head)}")
    for span, role in ((source_tokens, "s"), (target_tokens, "t")):
        if span is not None:
            governor = _first_predicate(span.root)
            if governor is not None:
                add(f"{role}gov={_lemma(governor)}")
                predicate = predicate or governor

    # The lexicon's view.
    for other in sentence_triggers or []:
        add(f"lex={other.entry.event_type}")
    if trigger is not None:
        predicate = trigger.token
        add(f"trig={trigger.entry.lemma}")
        add(f"trigtype={trigger.entry.event_type}")
        add(f"trigmode={trigger.entry.event_type}:{trigger.entry.mode or '-'}")
        if trigger.predicate is not trigger.token:
            add(f"light={_lemma(trigger.predicate)}+{trigger.entry.lemma}")
    else:
        add("trig=none")
    if predicate is not None:
        lemma = _lemma(predicate)
        add(f"pred={lemma}")
        predicate_type = _entry_type(predicate)
        if predicate_type is not None:
            add(f"predlex={predicate_type}")
        padded = f"<{lemma}>"
        for i in range(len(padded) - 3):
            add(f"c4={padded[i : i + 4]}")
        for depth, ancestor in enumerate(_chain(predicate)[1:4], start=1):
            # What the predicate hangs from: "threatened to impose sanctions", "called for talks".
            add(f"anc={_lemma(ancestor)}")
            entry_type = _entry_type(ancestor)
            if entry_type is not None:
                add(f"anclex={entry_type}")
                if depth == 1:
                    add(f"anclex1={entry_type}")
        for child in predicate.children:
            if child.dep_ == "neg":
                add("neg")
            elif child.lower_ in MODALS:
                add(f"modal={child.lower_}")
            elif child.dep_ in {"prt", "prep"}:
                add(f"predprep={lemma}+{child.lower_}")
    return features
