"""Store queries of the group stage: near-duplicate signatures and components, event groups, and
grouped event records with their counts. Mixed into `eventwire.store.Store`.

Group counts are computed when read, from the member rows, so they are never stale:

- ``num_mentions``: articles reporting the event (repeated references inside one article count once;
  ``num_records`` counts every sentence-level record);
- ``num_articles``: distinct articles once near-duplicate copies are counted as one;
- ``num_sources``: distinct web hosts of the reporting articles (an article without a URL counts as
  its own source);
- ``first_seen`` / ``last_seen``: earliest and latest publication date of the reporting articles.

The representative record is the most confident member from an original (not a near-duplicate
copy), then the earliest published, then the smallest id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.)?([^/:?#]+)"

_GROUP_STATS = f"""
SELECT g.group_id,
       count(*) AS num_records,
       count(DISTINCT g.article_id) AS num_mentions,
       count(DISTINCT coalesce(d.canonical_id, g.article_id)) AS num_articles,
       count(DISTINCT coalesce(nullif(lower(regexp_extract(a.url, '{_HOST}', 1)), ''), a.id)) AS num_sources,
       min(a.pub_date) AS first_seen,
       max(a.pub_date) AS last_seen,
       first(e.id ORDER BY (coalesce(d.canonical_id, g.article_id) <> g.article_id), e.confidence DESC,
             a.pub_date NULLS LAST, e.id) AS representative_id,
       list(e.id ORDER BY a.pub_date NULLS LAST, e.article_id, e.sentence_index, e.id) AS event_ids,
       list(DISTINCT g.article_id ORDER BY g.article_id) AS article_ids
FROM event_groups g
JOIN events e ON e.id = g.event_id
JOIN articles a ON a.id = g.article_id
LEFT JOIN near_duplicates d ON d.article_id = g.article_id
"""

_MENTION_COLUMNS = """
SELECT e.id, e.article_id, e.event_type, e.modality,
       e.actor_country, e.actor_sector, coalesce(e.actor_name, e.actor_text), ak.kind,
       e.recipient_country, e.recipient_sector, coalesce(e.recipient_name, e.recipient_text), rk.kind,
       e.date, e.date_precision, e.location_country
FROM events e
LEFT JOIN actors ak ON ak.article_id = e.article_id
     AND ak.entity_id = json_extract_string(e.record, '$.actor.entity_id')
LEFT JOIN actors rk ON rk.article_id = e.article_id
     AND rk.entity_id = json_extract_string(e.record, '$.recipient.entity_id')
"""

_GROUP_KEYS = ("num_records", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen")


def _ids_param(ids: Iterable[str]) -> list[list[str]]:
    return [sorted(set(ids))]


class GroupTables:
    """Group-stage reads and writes (needs ``con``, ``_query``, ``_transaction`` and ``_with_rows``)."""

    con: duckdb.DuckDBPyConnection

    # -- near-duplicates -------------------------------------------------------------------------

    def articles_without_signature(self) -> list[tuple[str, str, date | None]]:
        """``(id, text, pub_date)`` of stored articles not yet signed, by id."""
        return self._query(
            "SELECT id, text, pub_date FROM articles WHERE id NOT IN (SELECT article_id FROM article_signatures) "
            "ORDER BY id"
        )

    def save_signatures(self, signatures: Sequence[tuple[str, bytes, int]], bands: Sequence[tuple[str, int]]) -> None:
        """Store ``(article_id, minhash, shingles)`` rows and their ``(article_id, band_key)`` rows."""
        with self._transaction():
            self._insert_rows("article_signatures", ("article_id", "minhash", "shingles"), signatures)
            self._insert_rows("article_bands", ("article_id", "band_key"), bands)

    def _insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            names = ", ".join(columns)
            self._with_rows(columns, rows, f"INSERT INTO {table} ({names}) SELECT {names} FROM _eventwire_insert_rows")

    def band_candidates(self, article_ids: Iterable[str]) -> list[tuple[str, str]]:
        """Pairs ``(a, b)`` with ``a`` in ``article_ids`` that share at least one LSH band."""
        return self._query(
            "SELECT DISTINCT n.article_id, o.article_id FROM article_bands n "
            "JOIN article_bands o ON o.band_key = n.band_key AND o.article_id <> n.article_id "
            "WHERE n.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY ALL",
            _ids_param(article_ids),
        )

    def signatures(self, article_ids: Iterable[str]) -> dict[str, tuple[bytes, int, date | None]]:
        """``{article_id: (minhash, shingles, pub_date)}``."""
        rows = self._query(
            "SELECT s.article_id, s.minhash, s.shingles, a.pub_date FROM article_signatures s "
            "JOIN articles a ON a.id = s.article_id WHERE s.article_id IN (SELECT unnest(?::VARCHAR[]))",
            _ids_param(article_ids),
        )
        return {row[0]: (bytes(row[1]), int(row[2]), row[3]) for row in rows}

    def component_members(self, canonical_ids: Iterable[str]) -> list[str]:
        """Articles whose stored canonical article is one of ``canonical_ids``."""
        rows = self._query(
            "SELECT article_id FROM near_duplicates WHERE canonical_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1",
            _ids_param(canonical_ids),
        )
        return [row[0] for row in rows]

    def canonical_ids(self, article_ids: Iterable[str]) -> set[str]:
        rows = self._query(
            "SELECT DISTINCT canonical_id FROM near_duplicates WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            _ids_param(article_ids),
        )
        return {row[0] for row in rows}

    def replace_near_duplicates(self, rows: Sequence[tuple[str, str, str | None, float | None]]) -> None:
        """Replace the rows ``(article_id, canonical_id, nearest_id, similarity)`` of these articles
        and forget the components waiting to be redone."""
        with self._transaction():
            self.con.execute(
                "DELETE FROM near_duplicates WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                _ids_param(row[0] for row in rows),
            )
            self._insert_rows("near_duplicates", ("article_id", "canonical_id", "nearest_id", "similarity"), rows)
            self.con.execute("DELETE FROM pending_regroup WHERE kind = 'component'")

    def near_duplicates(self) -> dict[str, dict[str, Any]]:
        """``{article_id: {canonical_id, nearest_id, similarity}}`` for articles that are copies of another."""
        rows = self._query(
            "SELECT article_id, canonical_id, nearest_id, similarity FROM near_duplicates "
            "WHERE canonical_id <> article_id ORDER BY article_id"
        )
        return {a: {"canonical_id": c, "nearest_id": n, "similarity": s} for a, c, n, s in rows}

    def pending(self, kind: str) -> set[str]:
        return {row[0] for row in self._query("SELECT DISTINCT key FROM pending_regroup WHERE kind = ?", [kind])}

    def _mark_for_regroup(self, article_ids: Sequence[str]) -> None:
        """Before an article's rows go, note the components and group keys it was part of."""
        ids = _ids_param(article_ids)
        self.con.execute(
            "INSERT INTO pending_regroup SELECT DISTINCT 'component', canonical_id FROM near_duplicates "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", ids,
        )
        self.con.execute(
            "INSERT INTO pending_regroup SELECT DISTINCT 'group', group_key FROM event_groups "
            "WHERE group_key IS NOT NULL AND article_id IN (SELECT unnest(?::VARCHAR[]))", ids,
        )

    # -- event groups ----------------------------------------------------------------------------

    def ungrouped_event_rows(self) -> list[tuple[Any, ...]]:
        """Rows for `eventwire.group.stage` of events that have no group yet."""
        return self._query(_MENTION_COLUMNS + " WHERE e.id NOT IN (SELECT event_id FROM event_groups) ORDER BY e.id")

    def event_rows_for_keys(self, keys: Iterable[str]) -> list[tuple[Any, ...]]:
        """Rows of grouped events whose group key is one of ``keys``."""
        return self._query(
            _MENTION_COLUMNS + " JOIN event_groups g ON g.event_id = e.id "
            "WHERE g.group_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY e.id",
            _ids_param(keys),
        )

    def replace_event_groups(self, keys: Iterable[str], groups: Mapping[str, tuple[str, str]]) -> None:
        """Regroup ``keys``: drop their rows, insert ``{event_id: (group_id, group_key)}``, and forget
        the keys waiting to be redone."""
        with self._transaction():
            self.con.execute(
                "DELETE FROM event_groups WHERE group_key IN (SELECT unnest(?::VARCHAR[]))", _ids_param(keys)
            )
            self.con.execute(
                "DELETE FROM event_groups WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", _ids_param(groups)
            )
            rows = sorted((event_id, group_id, key) for event_id, (group_id, key) in groups.items())
            if rows:
                self._with_rows(
                    ("event_id", "group_id", "group_key"),
                    rows,
                    "INSERT INTO event_groups (event_id, article_id, group_id, group_key) "
                    "SELECT g.event_id, e.article_id, g.group_id, g.group_key "
                    "FROM _eventwire_insert_rows g JOIN events e ON e.id = g.event_id",
                )
            self.con.execute("DELETE FROM pending_regroup WHERE kind = 'group'")

    def group_stats(self, group_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """``{group_id: counts, representative_id, event_ids, article_ids}`` (see the module docstring)."""
        sql, params = _GROUP_STATS, []
        if group_ids is not None:
            sql += " WHERE g.group_id IN (SELECT unnest(?::VARCHAR[]))"
            params = _ids_param(group_ids)
        sql += " GROUP BY g.group_id ORDER BY g.group_id"
        stats: dict[str, dict[str, Any]] = {}
        for row in self._query(sql, params):
            group_id, *values = row
            record = dict(zip((*_GROUP_KEYS, "representative_id", "event_ids", "article_ids"), values, strict=True))
            for key in ("first_seen", "last_seen"):
                record[key] = record[key].isoformat() if record[key] else None
            stats[group_id] = record
        return stats

    def grouped_events(self, **filters: Any) -> list[dict[str, Any]]:
        """One record per event group with at least one member matching ``filters`` (those of
        ``events``): the group's representative record with a ``group`` object added (id, counts,
        member event and article ids). Events not grouped yet stand alone with counts of one article.
        Groups come in the order of their first matching member."""
        members = self.events(**filters)
        groups = dict(self._query(
            "SELECT event_id, group_id FROM event_groups WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            _ids_param(r["id"] for r in members),
        ))
        order = list(dict.fromkeys(groups.get(r["id"], r["id"]) for r in members))
        stats = self.group_stats([g for g in order if g in groups.values()])
        by_id = {r["id"]: r for r in members}
        wanted = [s["representative_id"] for s in stats.values() if s["representative_id"] not in by_id]
        if wanted:
            for row in self._query("SELECT record FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                   _ids_param(wanted)):
                record = json.loads(row[0])
                by_id[record["id"]] = record
        grouped = []
        for group_id in order:
            if group_id in stats:
                info = stats[group_id]
                record = dict(by_id[info["representative_id"]])
                record["group"] = {"id": group_id, **{k: info[k] for k in _GROUP_KEYS},
                                   "event_ids": info["event_ids"], "article_ids": info["article_ids"]}
            else:  # not grouped yet: a group of one
                record = dict(by_id[group_id])
                record["group"] = {"id": None, "num_records": 1, "num_mentions": 1, "num_articles": 1,
                                   "num_sources": 1, "first_seen": record.get("pub_date"),
                                   "last_seen": record.get("pub_date"),
                                   "event_ids": [record["id"]], "article_ids": [record["article_id"]]}
            grouped.append(record)
        return grouped

    # Provided by Store.
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...  # pragma: no cover
    def _transaction(self) -> Any: ...  # pragma: no cover
    def _with_rows(self, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], sql: str) -> None: ...  # pragma: no cover
    def events(self, **filters: Any) -> list[dict[str, Any]]: ...  # pragma: no cover
