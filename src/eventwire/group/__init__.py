"""Grouping stage: which articles report the same real-world event (documents, `cluster`), which
articles are near-duplicate copies (`duplicates`), and which event records report the same happening
(`events`, run over the store by `stage`).

Documents: TF-IDF vectors (sublinear tf) over content words, capitalised names and date/number
expressions, and over the names and dates of the lead (see ``features``), cosine distance,
average-linkage agglomerative clustering cut at a threshold (see ``cluster``). Deterministic and
independent of input order.

``DEFAULT_THRESHOLD`` = 0.83 is what 5-fold cross-validation over ECB+ dev topics picks (held-out
doc B-cubed F1 0.947, ARI 0.935); the protocol, the command and the numbers are in
``eventwire.evaluate.ecbplus``::

    .venv/bin/python -m eventwire.evaluate.ecbplus ../shared/gold/ecbplus --cv 5
"""

from eventwire.group.cluster import DEFAULT_THRESHOLD, build_dendrogram, group_documents
from eventwire.group.features import FeatureWeights

__all__ = ["DEFAULT_THRESHOLD", "FeatureWeights", "build_dendrogram", "group_documents"]
