"""The group stage over a store: near-duplicate articles, then event groups, incrementally.

`update_store` runs after articles are saved (``eventwire run`` calls it). It only touches what is
new: articles without a MinHash signature are signed and compared with every stored article through
the LSH band table; event records without a group are grouped together with the stored records of
the same group keys. Articles saved again (a re-run, an updated version) leave their components and
group keys in ``pending_regroup``, and those are redone from the stored rows. The result equals a
from-scratch grouping of the whole store, whatever order the articles arrived in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from eventwire.group.duplicates import (
    DuplicateConfig,
    band_keys,
    canonical_key,
    components,
    from_blob,
    signature,
    similarity,
    to_blob,
)
from eventwire.group.events import EventMention, GroupingConfig, Party, group_key, link, party_code

if TYPE_CHECKING:
    from eventwire.store import Store


@dataclass
class GroupReport:
    signed: int = 0  # articles signed in this update
    near_duplicates: int = 0  # of the articles (re)considered, how many are copies of another
    regrouped_keys: int = 0
    grouped_events: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def update_store(
    store: Store, duplicates: DuplicateConfig | None = None, grouping: GroupingConfig | None = None
) -> GroupReport:
    """Bring near-duplicate links and event groups up to date with the stored articles."""
    report = GroupReport()
    update_near_duplicates(store, duplicates or DuplicateConfig(), report)
    update_event_groups(store, grouping or GroupingConfig(), report)
    return report


def update_near_duplicates(store: Store, config: DuplicateConfig, report: GroupReport | None = None) -> None:
    report = report or GroupReport()
    new = store.articles_without_signature()
    signature_rows, band_rows = [], []
    for article_id, text, _ in new:
        hashvalues, n_shingles = signature(text or "")
        signature_rows.append((article_id, to_blob(hashvalues), n_shingles))
        band_rows.extend((article_id, key) for key in band_keys(hashvalues))
    if signature_rows:
        store.save_signatures(signature_rows, band_rows)
    report.signed = len(signature_rows)
    new_ids = [row[0] for row in new]
    pending = store.pending("component")
    if not new_ids and not pending:
        return
    # Everything connected to a new article, plus the components re-saved articles belonged to.
    touched = {b for _, b in store.band_candidates(new_ids)}
    affected = set(new_ids) | touched | set(store.component_members(store.canonical_ids(touched) | pending))
    signatures = store.signatures(affected)
    edges, nearest = _verified_edges(store, signatures, config)
    canonical = components({a: signatures[a][2] for a in signatures}, edges)
    rows = []
    for article_id in sorted(signatures):
        best = nearest.get(article_id)
        rows.append((article_id, canonical[article_id], best[0] if best else None, best[1] if best else None))
    store.replace_near_duplicates(rows)
    report.near_duplicates = sum(1 for a, c, _, _ in rows if a != c)


def _verified_edges(
    store: Store, signatures: dict[str, tuple[bytes, int, date | None]], config: DuplicateConfig
) -> tuple[list[tuple[str, str]], dict[str, tuple[str, float]]]:
    """Band candidates among ``signatures`` whose estimated Jaccard passes the threshold, and each
    article's most similar passing neighbour (ties: the canonical-first one)."""
    edges: list[tuple[str, str]] = []
    nearest: dict[str, tuple[str, float]] = {}
    values = {a: from_blob(blob) for a, (blob, _, _) in signatures.items()}
    for a, b in store.band_candidates(signatures):
        if b not in signatures or a >= b:
            continue
        if min(signatures[a][1], signatures[b][1]) < config.min_shingles:
            continue
        score = similarity(values[a], values[b])
        if score < config.threshold:
            continue
        edges.append((a, b))
        for x, y in ((a, b), (b, a)):
            current = nearest.get(x)
            candidate_key = (-score, canonical_key(y, signatures[y][2]))
            if current is None or candidate_key < (-current[1], canonical_key(current[0], signatures[current[0]][2])):
                nearest[x] = (y, round(score, 4))
    return edges, nearest


def update_event_groups(store: Store, config: GroupingConfig, report: GroupReport | None = None) -> None:
    report = report or GroupReport()
    new = [mention_from_row(row) for row in store.ungrouped_event_rows()]
    keys = {group_key(m) for m in new} | store.pending("group")
    if not keys:
        return
    mentions = {m.id: m for m in (mention_from_row(row) for row in store.event_rows_for_keys(keys))}
    mentions.update({m.id: m for m in new})
    relevant = [m for m in mentions.values() if group_key(m) in keys]
    groups = link(relevant, config)
    store.replace_event_groups(keys, {m.id: (groups[m.id], group_key(m)) for m in relevant})
    report.regrouped_keys = len(keys)
    report.grouped_events = len(relevant)


def mention_from_row(row: tuple[Any, ...]) -> EventMention:
    """An `EventMention` from a row of the store's mention query (see ``store.grouping``)."""
    (event_id, article_id, event_type, modality, a_country, a_sector, a_name, a_kind,
     r_country, r_sector, r_name, r_kind, when, precision, location_country) = row
    return EventMention(
        id=event_id,
        article_id=article_id,
        event_type=event_type or "",
        modality=modality or "asserted",
        actor=_party(a_country, a_sector, a_name, a_kind),
        recipient=_party(r_country, r_sector, r_name, r_kind),
        date=when,
        date_precision=precision or "unknown",
        location_country=location_country,
    )


def _party(country: str | None, sector: str | None, name: str | None, kind: str | None) -> Party | None:
    if not (country or sector or name):
        return None
    return Party(code=party_code(country, sector), name=(name or "").strip().lower(), person=kind == "PERSON")
