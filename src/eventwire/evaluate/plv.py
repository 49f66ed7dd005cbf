"""PLV suite: PLOVER root type, quad class and source/target spans of single sentences.

Gold: a TSV with columns ``sentence``, ``marked_sentence``, ``source``, ``target``, ``gold_penta``,
``gold_root`` (``sentence_id`` is optional). ``marked_sentence`` is the sentence with the source wrapped in
``<s>..</s>`` and the target in ``<t>..</t>``; a role may be marked twice (the first mark is the one used)
or not at all (the gold then reads "An actor" / "a recipient": an implicit participant). Tags may nest.

Metrics:

* ``root_accuracy`` and ``root_macro_f1`` (over the classes present in gold): the gold source and target
  spans are given to :func:`~eventwire.extract.events.relation.code_relation`, which codes the relation
  between them. PLV merges CONCEDE and RETREAT as YIELD, so both predictions count as YIELD. A sentence
  without any trigger gets no label, which is wrong for every class.
* ``quad_macro_f1``: ``gold_penta`` in this data is 1..4 with the same meaning as ``plover.QUAD`` (1 verbal
  cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict; the name is from the paper's
  five classes, of which 0 "neutral" does not occur). The predicted type is mapped through ``plover.QUAD``
  exactly as the pipeline writes ``Event.quad``. Note the one convention clash: PLV puts every YIELD in
  class 2, while the manual (and so ``QUAD``) puts CONCEDE in 1 and RETREAT in 2.
* ``source_span_f1`` / ``target_span_f1``: the pipeline's own extraction, given the bare sentence with no
  hints. Among its events, the one whose actor and recipient overlap the gold source and target most
  (sum of the two token F1s, first event on ties) is taken, and the token-overlap F1 of its actor text with
  the gold source, and of its recipient text with the gold target, are averaged. The selection looks at
  gold, so these are upper bounds on "the event the system would report". Averages run over the rows whose
  role is marked in the sentence (implicit participants have no span to find); a row with no event scores 0.

Sentences are parsed once (``nlp.pipe``) and the same parse feeds both the relation coder and the pipeline.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate import GoldFormatError
from eventwire.evaluate.metrics import ErrorLog, accuracy, macro_f1, token_f1
from eventwire.extract.events.classifier import PLV_MERGED, YIELD
from eventwire.extract.events.plover import QUAD
from eventwire.extract.events.training import marked_spans

KEYS = (
    "n",
    "root_accuracy",
    "root_macro_f1",
    "quad_macro_f1",
    "source_span_f1",
    "target_span_f1",
    "seconds",
    "span_events",
    "mode",
    "trained_on_gold",
    "encoder",
    "encoder_relations",
)
REQUIRED_COLUMNS = ("gold_root", "gold_penta", "source", "target", "sentence", "marked_sentence")
# PLV's merged class: the manual's CONCEDE and RETREAT.
NO_LABEL = "NONE"
PLV_QUAD = 2  # PLV puts every YIELD in material cooperation
BATCH_SIZE = 64

CharSpan = tuple[int, int]


@dataclass
class GoldRelation:
    id: str
    line: int
    sentence: str
    source: str
    target: str
    root: str
    quad: int
    source_spans: list[CharSpan] = field(default_factory=list)
    target_spans: list[CharSpan] = field(default_factory=list)

    @property
    def source_span(self) -> CharSpan | None:
        return self.source_spans[0] if self.source_spans else None

    @property
    def target_span(self) -> CharSpan | None:
        return self.target_spans[0] if self.target_spans else None


def load_gold(path: str | Path) -> list[GoldRelation]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(path, f"cannot read: {exc}") from exc
    lines = text.splitlines()
    if not lines:
        raise GoldFormatError(path, "empty file", 1)
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise GoldFormatError(path, f"missing column(s) {', '.join(missing)} in the header", 1)
    rows: list[GoldRelation] = []
    for row in reader:
        number = reader.line_num  # blank lines are skipped by the reader but still counted here
        if any(row.get(c) is None for c in REQUIRED_COLUMNS):
            raise GoldFormatError(path, "row has fewer fields than the header", number)
        try:
            quad = int(row["gold_penta"])
        except ValueError as exc:
            raise GoldFormatError(
                path, f"gold_penta {row['gold_penta']!r} is not an integer", number
            ) from exc
        # Offsets come from the marked copy, so its plain text is the sentence scored (in the released
        # file it equals the ``sentence`` column on every row).
        plain, spans = marked_spans(row["marked_sentence"])
        rows.append(
            GoldRelation(
                id=row.get("sentence_id") or str(number),
                line=number,
                sentence=plain,
                source=row["source"],
                target=row["target"],
                root=row["gold_root"].strip().upper(),
                quad=quad,
                source_spans=spans["s"],
                target_spans=spans["t"],
            )
        )
    return rows


def _best_event(events: list, gold: GoldRelation) -> tuple[Any, float, float]:
    """The event whose actor and recipient overlap the gold participants most, with both F1s."""
    best = (None, 0.0, 0.0)
    best_total = -1.0
    for event in events:
        s = token_f1(event.actor.text if event.actor else None, gold.source) if gold.source_spans else 0.0
        t = (
            token_f1(event.recipient.text if event.recipient else None, gold.target)
            if gold.target_spans
            else 0.0
        )
        if s + t > best_total:
            best, best_total = (event, s, t), s + t
    return best


def evaluate(
    path: str | Path,
    limit: int | None = None,
    errors_path: str | Path | None = None,
    cv: int | None = None,
    seed: int = 0,
    word_weight: float | None = None,
    monadic: bool = False,
    encoder: bool | None = None,
) -> dict[str, Any]:
    """Score the relation coder and the pipeline on ``path``.

    The span scores read the pipeline's events; ``monadic`` keeps those of dyadic types without a recipient
    too (the pipeline's default drops them, see :class:`eventwire.extract.events.EventConfig`).

    With ``cv=k`` the type labels come from k-fold cross-validation: each fold is coded by a model trained
    on the other folds plus the project's own examples (never scored). Without it, the shipped model codes
    every row; when the shipped model was trained on this very file the result says so (``trained_on_gold``).
    """
    from eventwire.extract.events import EventConfig
    from eventwire.extract.events.classifier import shipped_model
    from eventwire.extract.events.relation import classify_relation
    from eventwire.extract.events.training import (
        TrainConfig,
        cross_validate,
        featurise,
        file_digest,
        project_examples,
    )
    from eventwire.nlp import load_nlp
    from eventwire.nlp.encoder import available
    from eventwire.pipeline import analyse
    from eventwire.records import Article, stable_id

    events_config = EventConfig(require_recipient=not monadic)
    if encoder and not available():
        raise ValueError("--encoder needs the sentence encoder: make install-encoder (docs/models.md)")
    # By default the relation coder uses the encoder when it is installed, as `eventwire code` does.
    encoder = available() if encoder is None else encoder
    gold = load_gold(path)
    if limit is not None:
        gold = gold[:limit]
    errors = ErrorLog(errors_path)
    nlp = load_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe((g.sentence for g in gold), batch_size=BATCH_SIZE))
    model = shipped_model()

    coded: list[tuple[str | None, float, list[str]]]
    if cv:
        from eventwire.extract.events.classifier import decide_type, model_label
        from eventwire.extract.events.relation import LINKED, relation_inputs

        features, texts, lexicon_labels, linked = [], [], [], []
        for item, doc in zip(gold, docs, strict=True):
            row_features, words, trigger, reasons = relation_inputs(doc[:], item.source_span, item.target_span)
            features.append(row_features)
            texts.append(words)
            lexicon_labels.append(model_label(trigger))
            linked.append(LINKED in reasons)
        extra = project_examples()
        labels = [PLV_MERGED.get(g.root, g.root) for g in gold]
        extra_features, extra_texts = featurise(nlp, extra)
        config = TrainConfig(word_weight=word_weight) if word_weight is not None else TrainConfig()
        out_of_fold = cross_validate(features, texts, labels, extra_features, extra_texts,
                                     [e.label for e in extra], folds=cv, seed=seed, config=config,
                                     sentences=[g.sentence for g in gold] if encoder else None,
                                     extra_sentences=[e.sentence for e in extra] if encoder else None,
                                     encoder_skips=linked)
        # The same decision as the pipeline's (model, or the lexicon where the model is unsure), over the
        # event labels only.
        allowed = set(labels) | {YIELD}
        coded = [decide_type(p, lex, allowed) for p, lex in zip(out_of_fold, lexicon_labels, strict=True)]
        if encoder:
            coded = [(label, p, [*reasons, "relation:encoder-voted"]) if not link else (label, p, reasons)
                     for (label, p, reasons), link in zip(coded, linked, strict=True)]
    else:
        # The whole row is one relation, even when the parser splits it in two: doc[:].
        coded = [classify_relation(doc[:], g.source_span, g.target_span, model, encoder=encoder)
                 for g, doc in zip(gold, docs, strict=True)]

    gold_roots: list[str] = []
    pred_roots: list[str] = []
    gold_quads: list[int] = []
    pred_quads: list[int | None] = []
    source_scores: list[float] = []
    target_scores: list[float] = []
    for item, doc, (event_type, _, reasons) in zip(gold, docs, coded, strict=True):
        label = PLV_MERGED.get(event_type, event_type) if event_type else NO_LABEL
        quad = PLV_QUAD if label == YIELD else QUAD.get(label)
        gold_roots.append(item.root)
        pred_roots.append(label)
        gold_quads.append(item.quad)
        pred_quads.append(quad)

        article = Article(
            id=stable_id("plv", item.id, prefix="a"), text=item.sentence, source=f"{path}:{item.line}"
        )
        result = analyse(article, doc, events_config=events_config)
        event, source_f1, target_f1 = _best_event(result.events, item)
        if item.source_spans:
            source_scores.append(source_f1)
        if item.target_spans:
            target_scores.append(target_f1)

        if label != item.root or quad != item.quad or source_f1 < 1.0 or target_f1 < 1.0:
            errors.add(
                id=item.id,
                line=item.line,
                sentence=item.sentence,
                gold_root=item.root,
                pred_root=label,
                gold_quad=item.quad,
                pred_quad=quad,
                reasons=reasons,
                gold_source=item.source,
                gold_target=item.target,
                pred_event=event.event_type if event else None,
                pred_actor=event.actor.text if event and event.actor else None,
                pred_recipient=event.recipient.text if event and event.recipient else None,
                source_f1=round(source_f1, 3),
                target_f1=round(target_f1, 3),
            )
    errors.write()
    trained_on_gold = bool(
        not cv and model is not None and file_digest(path) in model.relation.meta.get("sources", {}).values()
    )
    return {
        "n": len(gold),
        "root_accuracy": round(accuracy(gold_roots, pred_roots), 4),
        "root_macro_f1": round(macro_f1(gold_roots, pred_roots), 4),
        "quad_macro_f1": round(macro_f1(gold_quads, pred_quads), 4),
        "source_span_f1": round(_mean(source_scores), 4),
        "target_span_f1": round(_mean(target_scores), 4),
        "seconds": round(time.perf_counter() - started, 1),
        "span_events": "every coded candidate" if monadic else "pipeline default",
        "mode": (f"{cv}-fold cross-validation" + (f", word model at {word_weight}" if word_weight else "")
                 + (", encoder head on relations no trigger links" if encoder else "")) if cv
        else ("shipped model" if model else "lexicon"),
        "trained_on_gold": trained_on_gold,
        # The optional sentence encoder's head, when installed, votes on the relations no trigger links.
        "encoder": _encoder_in_use(model, cv, encoder),
        "encoder_relations": sum("relation:encoder-voted" in r for _, _, r in coded),
    }


def _encoder_in_use(model, cv: int | None, encoder: bool) -> str | None:
    from eventwire.extract.events.training import TrainConfig
    from eventwire.nlp.encoder import MODEL_ID

    if not encoder:
        return None
    if cv:
        return MODEL_ID if TrainConfig().encoder_weight > 0.0 else None
    return MODEL_ID if model is not None and model.uses_encoder else None


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
