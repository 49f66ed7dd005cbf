"""Near-duplicate articles: MinHash signatures (datasketch) and LSH banding kept in the store.

Syndicated copies and updated versions of one story share most of their word 3-grams. Each article
gets a MinHash signature over its word 3-grams (`signature`). Candidate pairs come from LSH banding:
the signature is cut into ``BANDS`` bands of ``ROWS`` values, and two articles that agree on a whole
band are candidates (`band_keys`). A candidate is a near-duplicate when the Jaccard similarity
estimated from the two signatures is at least the threshold (`DuplicateConfig.threshold`).

The band keys live in a table, so a new article is compared with every stored one by one indexed
join, and nothing is recomputed for the articles already stored. With 42 bands of 3 rows, a pair of
Jaccard 0.5 becomes a candidate with probability 0.996 and a pair of Jaccard 0.2 with 0.28 (then
rejected by the estimate).

Near-duplicates form connected components; each component's canonical article is its earliest
published member (undated ones last), then the smallest id, so the result does not depend on the
order in which articles arrived.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NUM_PERM = 126
BANDS = 42
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
# datasketch's default seed; fixed so signatures stored by one run compare with the next run's.
MINHASH_SEED = 1

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class DuplicateConfig:
    """Near-duplicate settings.

    ``threshold``: estimated Jaccard similarity of word 3-gram sets at or above which two articles
    are near-duplicates (0.5: a copy with a new headline and a third of its sentences reworded
    still qualifies; two articles on the same event written independently share far fewer 3-grams).
    ``min_shingles``: articles with fewer 3-grams (a headline, an empty page) are never matched.
    """

    threshold: float = 0.5
    min_shingles: int = 8


def shingles(text: str) -> set[bytes]:
    """The set of lowercased word 3-grams of ``text``."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> tuple[np.ndarray, int]:
    """MinHash signature (``NUM_PERM`` uint64 values) of the word 3-grams, and how many 3-grams."""
    from datasketch import MinHash

    grams = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    if grams:
        minhash.update_batch(sorted(grams))
    return minhash.hashvalues.copy(), len(grams)


def band_keys(hashvalues: np.ndarray) -> list[int]:
    """One 63-bit key per band: equal keys mean (almost surely) equal bands."""
    keys = []
    for band in range(BANDS):
        chunk = hashvalues[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<H{ROWS}Q", band, *(int(v) for v in chunk)), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)  # fits a signed BIGINT
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity estimated from two signatures (share of equal MinHash values)."""
    import numpy as np

    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(hashvalues: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(hashvalues, dtype="<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype="<u8")


def canonical_key(article_id: str, pub_date: date | None) -> tuple[int, str, str]:
    """Sort key: the earliest dated article first, undated ones last, then by id."""
    return (0, pub_date.isoformat(), article_id) if pub_date else (1, "", article_id)


def components(
    nodes: Mapping[str, date | None], edges: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """``{article_id: canonical_id}`` over the connected components of ``edges`` among ``nodes``."""
    parent = {node: node for node in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                # Keep the canonical one as root, so the root is the answer.
                if canonical_key(ra, nodes[ra]) <= canonical_key(rb, nodes[rb]):
                    parent[rb] = ra
                else:
                    parent[ra] = rb
    return {node: find(node) for node in nodes}
