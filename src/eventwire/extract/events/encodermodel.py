"""The optional third member of the type ensemble: a linear head over sentence-encoder vectors.

It reads two MiniLM vectors (:mod:`eventwire.nlp.encoder`): the sentence's and that of the words around
the relation (:func:`~eventwire.extract.events.classifier.relation_words`), concatenated (768 numbers),
through a multinomial logistic regression. Its log-probabilities are mixed with the relation model's
(weight ``encoder_weight`` in the head's metadata). The head file (``data/plover-encoder.npz``, about
50 kB) votes only when asked (``EventConfig.encoder``) and the encoder is installed
(``make install-encoder``); otherwise the relation model decides alone, as before. In 5-fold cross-validation on PLV it adds about 4 points of root
macro-F1 (docs/models.md).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

ENCODER_MODEL_NAME = "plover-encoder.npz"
CACHE_SIZE = 2048  # texts whose vectors are kept: a sentence's candidates share its vector


@dataclass
class EncoderHead:
    labels: list[str]
    weights: np.ndarray  # (768, labels)
    bias: np.ndarray  # (labels,)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def weight(self) -> float:
        return float(self.meta.get("encoder_weight", 0.0))

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        import numpy as np

        z = vector @ self.weights + self.bias
        z = np.exp(z - z.max())
        z /= z.sum()
        return {label: float(p) for label, p in zip(self.labels, z, strict=True)}

    def save(self, path: str | Path) -> None:
        import numpy as np

        np.savez_compressed(path, labels=np.array(self.labels), weights=self.weights.astype(np.float32),
                            bias=self.bias.astype(np.float32), meta=np.array(json.dumps(self.meta, sort_keys=True)))


def read_encoder_head(path: str | Path) -> EncoderHead:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return EncoderHead(labels=[str(x) for x in data["labels"]], weights=data["weights"], bias=data["bias"],
                           meta=json.loads(str(data["meta"])))


_cache: OrderedDict[str, Any] = OrderedDict()


def vectors(texts: list[str]) -> np.ndarray | None:
    """Encoder vectors of ``texts`` (the last ``CACHE_SIZE`` kept), or None when the encoder is not
    installed. Texts not cached are encoded in one batch, however many."""
    import numpy as np

    from eventwire.nlp.encoder import load_encoder

    encoder = load_encoder()
    if encoder is None:
        return None
    missing = [t for t in dict.fromkeys(texts) if t not in _cache]
    fresh = dict(zip(missing, encoder.encode(missing), strict=True)) if missing else {}
    out = np.stack([fresh[t] if t in fresh else _cache[t] for t in texts])
    for text, vec in fresh.items():
        _cache[text] = vec
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return out


def relation_vectors(sentences: list[str], windows: list[str]) -> np.ndarray | None:
    """The head's input for each relation: [sentence vector; relation-window vector]."""
    import numpy as np

    both = vectors(list(sentences) + list(windows))
    if both is None:
        return None
    return np.hstack([both[: len(sentences)], both[len(sentences) :]])


def fit_encoder_head(x: np.ndarray, labels: list[str], c: float, sample_weight: list[float],
                     encoder_weight: float, meta: dict[str, Any] | None = None, max_iter: int = 3000) -> EncoderHead:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from eventwire.nlp.encoder import MODEL_ID

    clf = LogisticRegression(C=c, max_iter=max_iter, class_weight="balanced")
    clf.fit(x, labels, sample_weight=np.asarray(sample_weight))
    return EncoderHead(labels=[str(c) for c in clf.classes_], weights=clf.coef_.T.astype(np.float32),
                       bias=clf.intercept_.astype(np.float32),
                       meta={**(meta or {}), "encoder": MODEL_ID, "encoder_weight": encoder_weight, "c": c})


__all__ = ["ENCODER_MODEL_NAME", "EncoderHead", "fit_encoder_head", "read_encoder_head", "relation_vectors",
           "vectors"]
