"""Database schema as an ordered list of named migrations.

Each migration runs once, inside a transaction, and is recorded in ``schema_migrations``. Never edit
a migration that has shipped: append a new one instead, so existing databases upgrade in place.
Wall-clock times live only in ``schema_migrations`` and ``runs``, so re-running a corpus leaves every
data table byte-identical.

JSON values (``record``, ``metadata``, ``mentions``, ``reasons``) are VARCHAR holding JSON text: the
JSON type validates on every insert, which tripled save time, and DuckDB's JSON functions
(``record->>'$.actor.name'``) work on VARCHAR as well.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


_CORE = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    url VARCHAR,
    pub_date DATE,
    date_source VARCHAR,
    source VARCHAR,
    text VARCHAR,
    metadata VARCHAR
);
CREATE TABLE sentences (
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    PRIMARY KEY (article_id, sentence_index)
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER,
    event_type VARCHAR,
    mode VARCHAR,
    quad INTEGER,
    cameo_root VARCHAR,
    intensity DOUBLE,
    actor_text VARCHAR,
    actor_name VARCHAR,
    actor_country VARCHAR,
    actor_sector VARCHAR,
    recipient_text VARCHAR,
    recipient_name VARCHAR,
    recipient_country VARCHAR,
    recipient_sector VARCHAR,
    date VARCHAR,
    date_first_day DATE,  -- first day of a partial date, for since/until filters
    date_precision VARCHAR,
    modality VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    confidence DOUBLE,
    record VARCHAR
);
CREATE TABLE quotes (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER,
    speaker_text VARCHAR,
    speaker_name VARCHAR,
    speaker_country VARCHAR,
    kind VARCHAR,
    content VARCHAR,
    event_id VARCHAR,
    confidence DOUBLE,
    record VARCHAR
);
CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    mentions VARCHAR,
    reasons VARCHAR,
    PRIMARY KEY (article_id, entity_id)
);
CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    name VARCHAR,
    geonameid BIGINT,
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,
    admin1 VARCHAR,
    feature VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    sentence_index INTEGER,
    confidence DOUBLE,
    reasons VARCHAR,
    PRIMARY KEY (article_id, ordinal)
);
CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    text VARCHAR,
    type VARCHAR,
    value VARCHAR,
    precision VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    sentence_index INTEGER,
    record VARCHAR,
    PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX quotes_article ON quotes (article_id);
"""

_RUNS = """
CREATE SEQUENCE runs_id_seq START 1;
CREATE TABLE runs (
    run_id BIGINT PRIMARY KEY DEFAULT nextval('runs_id_seq'),
    started_at TIMESTAMP DEFAULT current_timestamp,
    label VARCHAR,
    articles INTEGER
);
CREATE TABLE errors (
    run_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    source VARCHAR,
    reason VARCHAR,
    PRIMARY KEY (run_id, ordinal)
);
"""

# Written by the group stage: events from different articles that report the same happening.
_EVENT_GROUPS = """
CREATE TABLE event_groups (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    group_id VARCHAR NOT NULL
);
"""

# Near-duplicate articles (MinHash signatures and LSH band keys, see `eventwire.group.duplicates`),
# the key each event was grouped under, and the keys and components that re-saved articles leave
# to be regrouped (written by `Store.save`, consumed by `eventwire.group.stage`).
_NEAR_DUPLICATES = """
CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    minhash BLOB NOT NULL,
    shingles INTEGER NOT NULL
);
CREATE TABLE article_bands (
    article_id VARCHAR NOT NULL,
    band_key BIGINT NOT NULL
);
CREATE TABLE near_duplicates (
    article_id VARCHAR PRIMARY KEY,
    canonical_id VARCHAR NOT NULL,  -- the article itself when it has no near-duplicate
    nearest_id VARCHAR,
    similarity DOUBLE
);
ALTER TABLE event_groups ADD COLUMN group_key VARCHAR;
CREATE TABLE pending_regroup (
    kind VARCHAR NOT NULL,  -- 'component' (a canonical article id) or 'group' (a group key)
    key VARCHAR NOT NULL
);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_core_tables", _CORE),
    Migration("0002_runs_and_errors", _RUNS),
    Migration("0003_event_groups", _EVENT_GROUPS),
    Migration("0004_near_duplicates", _NEAR_DUPLICATES),
    Migration("0005_actor_kb_ids", "ALTER TABLE actors ADD COLUMN kb_id VARCHAR;"),
)

# Tables holding one article's rows: `Store.save` replaces all of them at once.
ARTICLE_TABLES: dict[str, str] = {
    "articles": "id",
    "sentences": "article_id",
    "events": "article_id",
    "quotes": "article_id",
    "actors": "article_id",
    "places": "article_id",
    "times": "article_id",
    "event_groups": "article_id",
    "article_signatures": "article_id",
    "article_bands": "article_id",
    "near_duplicates": "article_id",
}
