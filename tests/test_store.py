"""Store: migrations, idempotent saves, atomic replacement, and queries, on hand-built results.

`sample_results()` is also the input of the export golden tests (tests/test_export.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventwire.records import (
    Actor,
    Article,
    ArticleResult,
    Entity,
    Event,
    IngestError,
    Place,
    Quote,
    Sentence,
    TimeExpression,
    stable_id,
)
from eventwire.store import Store, StoreError, date_bounds
from eventwire.store.rows import COLUMNS
from eventwire.store.schema import MIGRATIONS

DATA_TABLES = ("articles", "sentences", "events", "quotes", "actors", "places", "times", "event_groups")


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    begin = text.index(needle, start)
    return begin, begin + len(needle)


def sentences_of(text: str, parts: list[str]) -> list[Sentence]:
    result = []
    for index, part in enumerate(parts):
        begin, end = span_of(text, part)
        result.append(Sentence(index, begin, end, part))
    return result


def actor(text: str, needle: str, name: str | None, country: str | None, sector: str | None,
          entity_id: str | None, start: int = 0) -> Actor:
    return Actor(needle, span_of(text, needle, start), name, country, sector, entity_id)


def result_a() -> ArticleResult:
    """A phone call with actor, recipient, place and day date; a mobilisation with a month date; a quote."""
    parts = [
        "Joe Biden spoke with Vladimir Putin by phone from Wilmington on 30 December 2021.",
        '"We will respond decisively," Biden said.',
        "Russia massed troops near Ukraine in December 2021.",
    ]
    text = " ".join(parts)
    article = Article(
        id="a-call", text=text, title="Biden and Putin talk", url="https://example.org/call",
        pub_date=date(2021, 12, 30), date_source="cli", source="call.txt", metadata={"lang": "en", "n": 1},
    )
    sentences = sentences_of(text, parts)
    biden = actor(text, "Joe Biden", "Joe Biden", "USA", "GOV", "e1")
    putin = actor(text, "Vladimir Putin", "Vladimir Putin", "RUS", "GOV", "e2")
    russia = actor(text, "Russia", "Russia", "RUS", None, "e3")
    wilmington = Place("Wilmington", span_of(text, "Wilmington"), 4145381, 39.74595, -75.54659, "USA", "DE",
                       "city", 0, 0.9, ["gazetteer"])
    ukraine = Place("Ukraine", span_of(text, "Ukraine"), 690791, 49.0, 32.0, "UKR", None, "country", 2, 0.75)
    call = Event(
        id=stable_id("a-call", "0", "spoke", prefix="ev"), article_id="a-call", sentence_index=0,
        sentence=parts[0], event_type="CONSULT", trigger_text="spoke", trigger_span=span_of(text, "spoke"),
        actor=biden, recipient=putin, mode="phone", contexts=["military", "diplomatic"], quad=1,
        cameo_root="04", intensity=1.0, date="2021-12-30", date_precision="day",
        date_span=span_of(text, "30 December 2021"), location=wilmington, confidence=0.85671,
        reasons=["trigger:spoke", "actor:nsubj"],
    )
    massing = Event(
        id=stable_id("a-call", "2", "massed", prefix="ev"), article_id="a-call", sentence_index=2,
        sentence=parts[2], event_type="MOBILIZE", trigger_text="massed", trigger_span=span_of(text, "massed"),
        actor=russia, quad=4, cameo_root="15", intensity=-6.5, date="2021-12", date_precision="month",
        date_span=span_of(text, "December 2021", len(parts[0])), location=ukraine, confidence=0.61234,
        reasons=["trigger:massed"],
    )
    speaker = actor(text, "Biden", "Joe Biden", "USA", "GOV", "e1", len(parts[0]))
    quote = Quote(
        id=stable_id("a-call", "q1", prefix="q"), article_id="a-call", speaker=speaker, cue_text="said",
        cue_span=span_of(text, "said"), content_text="We will respond decisively,",
        content_span=span_of(text, "We will respond decisively,"), kind="direct", sentence_index=1,
        confidence=0.9, reasons=["cue:said"],
    )
    entities = [
        Entity("e1", "Joe Biden", "PERSON", "USA", "GOV", [biden.span, speaker.span], ["kb:leader"]),
        Entity("e2", "Vladimir Putin", "PERSON", "RUS", "GOV", [putin.span]),
        Entity("e3", "Russia", "GPE", "RUS", None, [russia.span]),
    ]
    times = [
        TimeExpression("30 December 2021", call.date_span, "DATE", "2021-12-30", "day", sentence_index=0),
        TimeExpression("December 2021", massing.date_span, "DATE", "2021-12", "month", sentence_index=2),
    ]
    return ArticleResult(article, sentences, entities, times, [wilmington, ukraine], [call, massing], [quote])


def result_b() -> ArticleResult:
    """An earlier article: a future threat, year date, unicode and CSV-hostile punctuation."""
    text = 'Ukraine’s president, Volodymyr Zelenskyy, warned that Russia "may invade" next year.'
    article = Article(id="b-warn", text=text, title="Zelenskyy warns, again", url="https://example.org/warn",
                      pub_date=date(2021, 12, 29), date_source="metadata", source="feed.xml#3")
    zelenskyy = actor(text, "Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "UKR", "GOV", "e1")
    russia = actor(text, "Russia", "Russia", "RUS", None, "e2")
    threat = Event(
        id=stable_id("b-warn", "0", "warned", prefix="ev"), article_id="b-warn", sentence_index=0, sentence=text,
        event_type="THREATEN", trigger_text="warned", trigger_span=span_of(text, "warned"), actor=zelenskyy,
        recipient=russia, quad=3, cameo_root="13", intensity=-4, date="2022", date_precision="year",
        date_span=span_of(text, "next year"), modality="future", confidence=0.5,
        reasons=["trigger:warned", "modal:may"],
    )
    entities = [Entity("e1", "Volodymyr Zelenskyy", "PERSON", "UKR", "GOV", [zelenskyy.span]),
                Entity("e2", "Russia", "GPE", "RUS", None, [russia.span])]
    times = [TimeExpression("next year", threat.date_span, "DATE", "2022", "year", sentence_index=0)]
    return ArticleResult(article, [Sentence(0, 0, len(text), text)], entities, times, [], [threat], [])


def result_c() -> ArticleResult:
    """No publication date, an unnamed actor, no event date."""
    text = "Protesters rallied outside the parliament."
    article = Article(id="c-protest", text=text)
    protest = Event(
        id=stable_id("c-protest", "0", "rallied", prefix="ev"), article_id="c-protest", sentence_index=0,
        sentence=text, event_type="PROTEST", trigger_text="rallied", trigger_span=span_of(text, "rallied"),
        actor=Actor("Protesters", span_of(text, "Protesters")), confidence=0.4,
    )
    return ArticleResult(article, [Sentence(0, 0, len(text), text)], events=[protest])


def sample_results() -> list[ArticleResult]:
    return [result_a(), result_b(), result_c()]


def dump(store: Store) -> dict[str, list[tuple]]:
    return {table: store.dump_table(table) for table in DATA_TABLES}


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture()
def filled(db_path: Path) -> Iterator[Store]:
    """A store of the sample results that the test may change."""
    with Store(db_path) as store:
        store.save_many(sample_results())
    store = Store(db_path)
    yield store
    store.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store of the sample results shared by the read-only query tests."""
    with Store(tmp_path_factory.mktemp("loaded") / "loaded.duckdb") as store:
        store.save_many(sample_results())
        yield store


# -- schema and migrations ------------------------------------------------------------------------


def test_columns_match_schema(db_path: Path) -> None:
    with Store(db_path) as store:
        for table, columns in COLUMNS.items():
            described = store.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            assert tuple(name for (name,) in described) == columns, table


def test_migrations_applied_once(db_path: Path) -> None:
    with Store(db_path) as store:
        first = store.dump_table("schema_migrations")
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
    with Store(db_path) as store:
        assert store.dump_table("schema_migrations") == first  # same rows, same applied_at


def test_old_database_gets_only_missing_migrations(db_path: Path) -> None:
    import duckdb

    from eventwire.store.db import _BOOTSTRAP

    con = duckdb.connect(str(db_path))
    con.execute(_BOOTSTRAP)
    con.execute(MIGRATIONS[0].sql)
    con.execute("INSERT INTO schema_migrations VALUES (?, TIMESTAMP '2020-01-01 00:00:00')", [MIGRATIONS[0].name])
    con.execute("INSERT INTO articles (id, title) VALUES ('old', 'kept')")
    con.close()
    with Store(db_path) as store:
        rows = dict(store.dump_table("schema_migrations"))
        assert set(rows) == {m.name for m in MIGRATIONS}
        assert str(rows[MIGRATIONS[0].name]) == "2020-01-01 00:00:00"  # not re-applied
        assert store.counts()["articles"] == 1
        store.save(result_b())  # later tables usable
        assert store.counts()["articles"] == 2


def test_record_schema_version_mismatch_is_refused(db_path: Path) -> None:
    with Store(db_path) as store:
        store.con.execute("UPDATE schema_info SET value = '999' WHERE key = 'record_schema_version'")
    with pytest.raises(StoreError, match="schema version 999"):
        Store(db_path)


def test_bad_paths_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "x.duckdb")
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_read_only_store_queries(filled: Store, db_path: Path) -> None:
    filled.close()
    with Store(db_path, read_only=True) as store:
        assert store.counts()["events"] == 4


# -- saving ---------------------------------------------------------------------------------------


def test_save_twice_is_idempotent(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save_many(sample_results())
        first, first_counts = dump(store), store.counts()
    with Store(db_path) as store:
        store.save_many(sample_results())
        assert dump(store) == first
        assert store.counts() == first_counts
    assert first_counts == {"articles": 3, "events": 4, "quotes": 1, "actors": 5, "places": 2}
    assert len(first["times"]) == 3 and len(first["sentences"]) == 5


def test_changed_result_replaces_rows(filled: Store) -> None:
    before_b = [row for row in filled.dump_table("events") if row[1] == "b-warn"]
    changed = result_a()
    changed.article.title = "Retitled"
    changed.events = changed.events[:1]
    changed.places = changed.places[:1]
    changed.quotes = []
    filled.save(changed)
    assert filled.counts() == {"articles": 3, "events": 3, "quotes": 0, "actors": 5, "places": 1}
    assert [r for r in filled.dump_table("events") if r[1] == "b-warn"] == before_b
    titles = {a["id"]: a["title"] for a in filled.articles()}
    assert titles["a-call"] == "Retitled"
    assert [e["title"] for e in filled.events(event_type="consult")] == ["Retitled"]


def test_failed_save_keeps_previous_rows(filled: Store) -> None:
    import duckdb

    before = dump(filled)
    broken = result_a()
    broken.article.title = "Should not appear"
    broken.events.append(dataclasses.replace(broken.events[0]))  # duplicate primary key
    with pytest.raises(duckdb.ConstraintException):
        filled.save(broken)
    assert dump(filled) == before
    filled.save(result_a())  # the connection is usable after the rollback
    assert dump(filled) == before


def test_save_many_batch_failure_keeps_earlier_articles(db_path: Path) -> None:
    import duckdb

    broken = result_b()
    broken.events.append(dataclasses.replace(broken.events[0]))  # duplicate primary key
    with Store(db_path) as store, pytest.raises(duckdb.ConstraintException):
        store.save_many([result_a(), broken, result_c()], batch_size=8)
    with Store(db_path) as store:
        # The batch was redone one by one: a-call saved, b-warn refused, c-protest never reached.
        assert [a["id"] for a in store.articles()] == ["a-call"]
        assert store.save_many(sample_results(), batch_size=2) == 3
        assert store.counts()["articles"] == 3
        later = result_a()
        later.article.title = "Later copy"
        later.events = later.events[:1]
        assert store.save_many([result_a(), later]) == 2  # one batch, same article twice: the later wins
        assert {a["id"]: a["title"] for a in store.articles()}["a-call"] == "Later copy"
        assert store.counts()["events"] == 3


def test_stored_records_round_trip(filled: Store) -> None:
    a = result_a()
    expected = [event.to_dict(a.article) for event in a.events]
    stored = [record for record in filled.events() if record["article_id"] == "a-call"]
    assert stored == expected
    assert [list(r) for r in stored] == [list(r) for r in expected]  # key order kept
    assert filled.quotes() == [a.quotes[0].to_dict(a.article)]


def test_run_errors_are_kept_apart_from_data(filled: Store) -> None:
    before = dump(filled)
    run_id = filled.record_run_errors([IngestError("bad.html", "no text"), IngestError("x.txt", "empty")],
                                      label="run", articles=3)
    assert filled.run_errors(run_id) == [{"source": "bad.html", "reason": "no text"},
                                         {"source": "x.txt", "reason": "empty"}]
    assert filled.run_errors() == filled.run_errors(run_id)
    assert filled.record_run_errors([]) == run_id + 1
    assert dump(filled) == before


def test_event_groups_saved_and_dropped_on_resave(filled: Store) -> None:
    ids = [e["id"] for e in filled.events()]
    filled.save_event_groups({ids[0]: "g1", ids[1]: "g1", "unknown-event": "g2"})
    assert filled.event_groups() == {ids[0]: "g1", ids[1]: "g1"}
    filled.save(result_a())  # ids[1] belongs to a-call: its group row is stale now
    assert filled.event_groups() == {ids[0]: "g1"}


# -- queries --------------------------------------------------------------------------------------


def test_events_ordered_by_pub_date_then_article_then_sentence(loaded: Store) -> None:
    order = [(e["article_id"], e["sentence_index"], e["event_type"]) for e in loaded.events()]
    assert order == [("b-warn", 0, "THREATEN"), ("a-call", 0, "CONSULT"), ("a-call", 2, "MOBILIZE"),
                     ("c-protest", 0, "PROTEST")]
    assert len(loaded.events(limit=2)) == 2
    assert loaded.events(limit=0) == []


@pytest.mark.parametrize(
    ("actor", "types"),
    [
        ("putin", ["CONSULT"]),  # recipient name, case-insensitive
        ("RUS", ["THREATEN", "CONSULT", "MOBILIZE"]),  # country code, actor or recipient
        ("usa", ["CONSULT"]),
        ("protesters", ["PROTEST"]),  # mention text when there is no name
        ("zelensk", ["THREATEN"]),  # part of a name
        ("Macron", []),
    ],
)
def test_events_actor_filter(loaded: Store, actor: str, types: list[str]) -> None:
    assert [e["event_type"] for e in loaded.events(actor=actor)] == types


def test_events_type_and_date_filters(loaded: Store) -> None:
    assert [e["event_type"] for e in loaded.events(event_type="Mobilize")] == ["MOBILIZE"]
    # "2021-12" starts on 2021-12-01: kept by since=2021-12; the undated event is always left out.
    assert [e["date"] for e in loaded.events(since="2021-12")] == ["2022", "2021-12-30", "2021-12"]
    assert [e["date"] for e in loaded.events(since="2021-12-02")] == ["2022", "2021-12-30"]
    assert [e["date"] for e in loaded.events(until="2021-12-15")] == ["2021-12"]
    assert [e["date"] for e in loaded.events(until="2021")] == ["2021-12-30", "2021-12"]
    assert [e["date"] for e in loaded.events(since="2022-01-01", until="2022-12")] == ["2022"]
    with pytest.raises(ValueError, match="since must be a date"):
        loaded.events(since="last week")


def test_quotes_filters(loaded: Store) -> None:
    assert len(loaded.quotes(speaker="biden")) == 1
    assert len(loaded.quotes(speaker="USA", about="DECISIVELY")) == 1
    assert loaded.quotes(speaker="putin") == []
    # The sample quote is speech: kept unless only acts are asked for.
    assert len(loaded.quotes(cue_classes=("speech", "thought"))) == len(loaded.quotes()) == 1
    assert loaded.quotes(cue_classes=("act",)) == []
    assert loaded.quotes(about="surrender") == []


def test_date_bounds() -> None:
    assert date_bounds("2021-12-30") == (date(2021, 12, 30), date(2021, 12, 30))
    assert date_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_bounds("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert date_bounds("2021-12-30T10:00") == (date(2021, 12, 30), date(2021, 12, 30))
    for bad in (None, "", "P2W", "2021-W52", "2021-13", "PAST_REF"):
        assert date_bounds(bad) is None, bad
