"""Metrics shared by the evaluation suites."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class PRF:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Iterable[Hashable] | None = None) -> float:
    """Macro-averaged F1 over ``labels`` (default: the classes present in gold)."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    classes = sorted(set(gold) if labels is None else set(labels), key=str)
    if not classes:
        return 0.0
    scores = []
    for c in classes:
        s = PRF()
        for g, p in zip(gold, pred, strict=True):
            if p == c and g == c:
                s.tp += 1
            elif p == c:
                s.fp += 1
            elif g == c:
                s.fn += 1
        scores.append(s.f1)
    return sum(scores) / len(scores)


def accuracy(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def token_f1(pred: str | None, gold: str | None) -> float:
    """Bag-of-tokens overlap F1 between two strings (case-insensitive)."""
    p = Counter((pred or "").lower().split())
    g = Counter((gold or "").lower().split())
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision = common / sum(p.values())
    recall = common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def bcubed_f1(gold: dict[Hashable, Hashable], pred: dict[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a clustering; both map item -> cluster id over the same items."""
    items = list(gold)
    if set(items) != set(pred):
        raise ValueError("gold and predicted clusterings cover different items")
    if not items:
        return 0.0, 0.0, 0.0
    gold_members: dict[Hashable, set] = defaultdict(set)
    pred_members: dict[Hashable, set] = defaultdict(set)
    for i in items:
        gold_members[gold[i]].add(i)
        pred_members[pred[i]].add(i)
    p_sum = r_sum = 0.0
    for i in items:
        g, p = gold_members[gold[i]], pred_members[pred[i]]
        common = len(g & p)
        p_sum += common / len(p)
        r_sum += common / len(g)
    precision, recall = p_sum / len(items), r_sum / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(gold: dict[Hashable, Hashable], pred: dict[Hashable, Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie) of two clusterings of the same items."""
    items = list(gold)
    n = len(items)
    if n < 2:
        return 1.0

    def comb2(k: int) -> float:
        return k * (k - 1) / 2

    contingency = Counter((gold[i], pred[i]) for i in items)
    sum_cells = sum(comb2(v) for v in contingency.values())
    sum_gold = sum(comb2(v) for v in Counter(gold[i] for i in items).values())
    sum_pred = sum(comb2(v) for v in Counter(pred[i] for i in items).values())
    expected = sum_gold * sum_pred / comb2(n)
    maximum = (sum_gold + sum_pred) / 2
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)


class ErrorLog:
    """Collects mistakes and writes them as JSONL when a path was given."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self.rows: list[dict[str, Any]] = []

    def add(self, **row: Any) -> None:
        if self.path is not None:
            self.rows.append(row)

    def write(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("w", encoding="utf-8") as fh:
            for row in self.rows:
                fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
