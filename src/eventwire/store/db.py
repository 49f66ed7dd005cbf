"""The DuckDB store: one file holds articles and everything extracted from them.

Saving an article replaces all of its rows in one transaction, so re-running a corpus never
duplicates anything and a failure half-way keeps the previous rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from eventwire.records import SCHEMA_VERSION, ArticleResult, IngestError
from eventwire.store.grouping import GroupTables
from eventwire.store.rows import COLUMNS, date_bounds, result_rows
from eventwire.store.schema import ARTICLE_TABLES, MIGRATIONS

if TYPE_CHECKING:
    import duckdb

# Name under which rows being inserted are shown to DuckDB (see `Store._insert`).
_ARROW_VIEW = "_eventwire_insert_rows"

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS schema_info (key VARCHAR PRIMARY KEY, value VARCHAR);
"""

_EVENT_ORDER = "a.pub_date NULLS LAST, e.article_id, e.sentence_index, e.id"
_QUOTE_ORDER = "a.pub_date NULLS LAST, q.article_id, q.sentence_index, q.id"

COUNTED_TABLES = ("articles", "events", "quotes", "actors", "places")


class StoreError(Exception):
    """The database cannot be opened or does not match this version of eventwire."""


class Store(GroupTables):
    """A DuckDB database of extracted records. Use as a context manager::

        with Store("eventwire.duckdb") as store:
            store.save(result)
            store.events(actor="Putin")
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.is_file():
            raise StoreError(f"no database at {self.path}")
        if not self.path.parent.is_dir():
            raise StoreError(f"cannot create database {self.path}: directory {self.path.parent} does not exist")
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        try:
            if read_only:
                self._check_schema()
            else:
                self._migrate()
        except BaseException:
            self.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"database {self.path} is closed")
        return self._con

    # -- schema ----------------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement and fetch all of it: DuckDB refuses further work on the connection
        while a result is partly read (as ``fetchone`` leaves it)."""
        return self.con.execute(sql, list(params)).fetchall()

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]

    def _migrate(self) -> None:
        self.con.execute(_BOOTSTRAP)
        self._check_record_version(write_if_missing=True)
        applied = set(self.applied_migrations())
        for migration in MIGRATIONS:
            if migration.name in applied:
                continue
            with self._transaction():
                self.con.execute(migration.sql)
                self.con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [migration.name])

    def _check_schema(self) -> None:
        tables = {row[0] for row in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "schema_migrations" not in tables:
            raise StoreError(f"{self.path} is not an eventwire database")
        self._check_record_version(write_if_missing=False)
        missing = [m.name for m in MIGRATIONS if m.name not in set(self.applied_migrations())]
        if missing:
            raise StoreError(
                f"{self.path} lacks migrations {missing}; open it once without read_only to upgrade it"
            )

    def _check_record_version(self, write_if_missing: bool) -> None:
        rows = self._query("SELECT value FROM schema_info WHERE key = 'record_schema_version'")
        if not rows:
            if write_if_missing:
                self.con.execute(
                    "INSERT INTO schema_info VALUES ('record_schema_version', ?)", [str(SCHEMA_VERSION)]
                )
            return
        if rows[0][0] != str(SCHEMA_VERSION):
            raise StoreError(
                f"{self.path} holds records of schema version {rows[0][0]}, this eventwire writes version "
                f"{SCHEMA_VERSION}; write into a new database"
            )

    # -- writing ---------------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    def _insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert rows through an Arrow table: values never enter the SQL text, and DuckDB reads
        Arrow columns about four times faster than it binds the same values as ``?`` parameters."""
        if not rows:
            return
        columns = COLUMNS[table]
        names = ", ".join(columns)
        self._with_rows(columns, rows, f"INSERT INTO {table} ({names}) SELECT {names} FROM {_ARROW_VIEW}")

    def _with_rows(self, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], sql: str) -> None:
        """Run ``sql`` with ``rows`` readable as the table named `_ARROW_VIEW`."""
        import pyarrow as pa

        values_by_column = zip(*rows, strict=True)
        data = pa.table({name: pa.array(values) for name, values in zip(columns, values_by_column, strict=True)})
        self.con.register(_ARROW_VIEW, data)  # replaces a view left by a failed statement
        self.con.execute(sql)
        # Not in a `finally`: after a failed statement the transaction is aborted and unregister fails.
        self.con.unregister(_ARROW_VIEW)

    def save(self, result: ArticleResult) -> None:
        """Replace every stored row of ``result.article.id`` with the rows of ``result``.

        One transaction: on any failure the previous rows of that article stay as they were. Groups
        of the article's events (`save_event_groups`) are dropped, as they may name stale events.
        """
        with self._transaction():
            self._replace([result])

    def save_many(self, results: Iterable[ArticleResult], batch_size: int = 64) -> int:
        """Save results as `save` does, ``batch_size`` articles per transaction and per statement
        (each DuckDB statement costs milliseconds, whatever its size). If a batch fails it is redone
        one article at a time, so every article before the failing one is kept and the failure is
        raised. Returns how many results were saved.
        """
        saved = 0
        batch: list[ArticleResult] = []
        for result in results:  # streamed: the pipeline yields results lazily
            batch.append(result)
            if len(batch) >= batch_size:
                saved += self._save_batch(batch)
                batch = []
        if batch:
            saved += self._save_batch(batch)
        return saved

    def _save_batch(self, batch: list[ArticleResult]) -> int:
        import duckdb

        try:
            with self._transaction():
                self._replace(batch)
        except (duckdb.Error, ValueError, TypeError):  # TypeError, ArrowInvalid: malformed records
            for result in batch:
                self.save(result)
        return len(batch)

    def _replace(self, results: Sequence[ArticleResult]) -> None:
        """Delete the stored rows of these articles and insert theirs (call inside a transaction)."""
        latest = {result.article.id: result for result in results}  # a later copy of an article wins
        ids = list(latest)
        stored = self._query("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        if stored:  # new articles have no rows to delete: one look-up instead of eight DELETEs
            stored_ids = [row[0] for row in stored]
            self._mark_for_regroup(stored_ids)
            for table, key in ARTICLE_TABLES.items():
                self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [stored_ids])
        rows_by_table: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        for result in latest.values():
            for table, rows in result_rows(result).items():
                rows_by_table[table].extend(rows)
        for table, rows in rows_by_table.items():
            self._insert(table, rows)

    def save_event_groups(self, groups: Mapping[str, str]) -> None:
        """Record which events report the same happening: ``{event_id: group_id}``.

        Replaces all previous groups. Event ids not in the store are ignored.
        """
        with self._transaction():
            self.con.execute("DELETE FROM event_groups")
            if groups:
                self._with_rows(
                    ("event_id", "group_id"),
                    sorted(groups.items()),
                    "INSERT INTO event_groups (event_id, article_id, group_id) SELECT g.event_id, e.article_id, g.group_id "
                    f"FROM {_ARROW_VIEW} g JOIN events e ON e.id = g.event_id",
                )

    def record_run_errors(
        self, errors: Iterable[IngestError], *, label: str = "", articles: int = 0
    ) -> int:
        """Log one run (with its wall-clock start) and its per-item errors; returns the run id."""
        with self._transaction():
            run_id = int(
                self._query("INSERT INTO runs (label, articles) VALUES (?, ?) RETURNING run_id", [label, articles])[0][0]
            )
            error_rows = [(run_id, i, e.source, e.reason) for i, e in enumerate(errors)]
            if error_rows:
                self.con.executemany("INSERT INTO errors VALUES (?, ?, ?, ?)", error_rows)
        return run_id

    # -- reading ---------------------------------------------------------------------------------

    def events(
        self,
        actor: str | None = None,
        event_type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Event records (``Event.to_dict(article)``), oldest article first.

        ``actor`` matches, case-insensitively, part of the actor's or recipient's name or text, or
        their whole country code. ``since``/``until`` take ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` and
        compare with the first day of the event's (possibly partial) date; ``until`` includes its
        whole period, and events without a date are left out when either is given.
        """
        return [json.loads(row[0]) for row in self._event_rows(actor, event_type, since, until, limit)]

    def event_groups(self) -> dict[str, str]:
        """``{event_id: group_id}`` as saved by `save_event_groups`."""
        return dict(self.con.execute("SELECT event_id, group_id FROM event_groups").fetchall())

    def _event_rows(
        self,
        actor: str | None,
        event_type: str | None,
        since: str | None,
        until: str | None,
        limit: int | None,
    ) -> list[tuple[Any, ...]]:
        where: list[str] = []
        params: list[Any] = []
        if actor:
            clause, clause_params = _party_match(actor, ("e.actor", "e.recipient"))
            where.append(clause)
            params += clause_params
        if event_type:
            where.append("upper(e.event_type) = ?")
            params.append(event_type.strip().upper())
        if since:
            where.append("e.date_first_day >= ?")
            params.append(_bound(since, "since")[0])
        if until:
            where.append("e.date_first_day <= ?")
            params.append(_bound(until, "until")[1])
        sql = "SELECT e.record FROM events e JOIN articles a ON a.id = e.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_EVENT_ORDER}"
        sql += _limit_clause(limit, params)
        return self.con.execute(sql, params).fetchall()

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        limit: int | None = None,
        cue_classes: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Quote records (``Quote.to_dict(article)``), oldest article first.

        ``speaker`` matches like the ``actor`` filter of `events`; ``about`` is a case-insensitive
        substring of the quoted content; ``cue_classes`` keeps only those classes (speech, thought, act).
        """
        where: list[str] = []
        params: list[Any] = []
        if cue_classes is not None:
            where.append("coalesce(json_extract_string(q.record, '$.cue_class'), 'speech') IN "
                         "(SELECT unnest(?::VARCHAR[]))")
            params.append(list(cue_classes))
        if speaker:
            clause, clause_params = _party_match(speaker, ("q.speaker",))
            where.append(clause)
            params += clause_params
        if about:
            where.append("contains(lower(q.content), ?)")
            params.append(about.strip().lower())
        sql = "SELECT q.record FROM quotes q JOIN articles a ON a.id = q.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_QUOTE_ORDER}"
        sql += _limit_clause(limit, params)
        return [json.loads(row[0]) for row in self.con.execute(sql, params).fetchall()]

    def articles(self) -> list[dict[str, Any]]:
        """Stored articles without their text, by publication date then id."""
        rows = self.con.execute(
            "SELECT id, title, url, pub_date, date_source, source FROM articles ORDER BY pub_date NULLS LAST, id"
        ).fetchall()
        keys = ("id", "title", "url", "pub_date", "date_source", "source")
        return [
            dict(zip(keys, (*row[:3], row[3].isoformat() if row[3] else None, *row[4:]), strict=True))
            for row in rows
        ]

    def run_errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Errors of one run (default: the latest)."""
        if run_id is None:
            run_id = self._query("SELECT max(run_id) FROM runs")[0][0]
            if run_id is None:
                return []
        rows = self.con.execute(
            "SELECT source, reason FROM errors WHERE run_id = ? ORDER BY ordinal", [run_id]
        ).fetchall()
        return [{"source": source, "reason": reason} for source, reason in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        counts: dict[str, int] = {}
        for table in COUNTED_TABLES:
            counts[table] = int(self._query(f"SELECT count(*) FROM {table}")[0][0])
        return counts

    def dump_table(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of one table, sorted on all columns (for comparisons and debugging)."""
        known = set(COLUMNS) | set(ARTICLE_TABLES) | {"runs", "errors", "schema_migrations", "schema_info",
                                                      "pending_regroup"}
        if table not in known:
            raise ValueError(f"unknown table {table!r}; known: {sorted(known)}")
        return self.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


class _Transaction:
    """BEGIN on enter; COMMIT on success, ROLLBACK on any exception."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def __enter__(self) -> None:
        self._con.execute("BEGIN TRANSACTION")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._con.execute("COMMIT")
        else:
            self._con.execute("ROLLBACK")


def _party_match(query: str, prefixes: Sequence[str]) -> tuple[str, list[Any]]:
    """SQL matching part of a name or mention text, or the whole country code, of any prefix."""
    needle = query.strip().lower()
    country = query.strip().upper()
    clauses: list[str] = []
    params: list[Any] = []
    for prefix in prefixes:
        clauses += [
            f"contains(lower({prefix}_name), ?)",
            f"contains(lower({prefix}_text), ?)",
            f"upper({prefix}_country) = ?",
        ]
        params += [needle, needle, country]
    return "(" + " OR ".join(clauses) + ")", params


def _bound(value: str, name: str) -> tuple[Any, Any]:
    bounds = date_bounds(value)
    if bounds is None:
        raise ValueError(f"{name} must be a date like 2021-12-30, 2021-12 or 2021, got {value!r}")
    return bounds


def _limit_clause(limit: int | None, params: list[Any]) -> str:
    if limit is None:
        return ""
    if limit < 0:
        raise ValueError(f"limit must be zero or more, got {limit}")
    params.append(int(limit))
    return " LIMIT ?"
