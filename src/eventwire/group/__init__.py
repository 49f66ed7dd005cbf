"""Grouping stage: which articles report the same real-world event.

TF-IDF vectors (sublinear tf) over content words, capitalised names and date/number expressions
(see ``features``), cosine distance, average-linkage agglomerative clustering cut at a threshold
(see ``cluster``). Deterministic and independent of input order.
"""

from eventwire.group.cluster import DEFAULT_THRESHOLD, build_dendrogram, group_documents
from eventwire.group.features import FeatureWeights

__all__ = ["DEFAULT_THRESHOLD", "FeatureWeights", "build_dendrogram", "group_documents"]
