"""Near-duplicate articles and cross-article event groups: unit tests on hand-built records, and the
store-level stage (incremental = from scratch, order-independent, re-saves)."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from eventwire.group.duplicates import DuplicateConfig, components, shingles, signature, similarity
from eventwire.group.events import EventMention, GroupingConfig, Party, date_interval, group_key, link
from eventwire.group.stage import update_store
from eventwire.records import Actor, Article, ArticleResult, Entity, Event, Sentence, stable_id
from eventwire.store import Store

STORY = (
    "The foreign ministers of France and Germany met in Berlin on Tuesday to prepare a summit on energy "
    "prices. They agreed on a joint plan to store more gas before the winter and to share reserves if "
    "supplies from the east stop. The ministers said the plan would be presented to the other member "
    "states next week, and that talks with Norway on new pipelines would continue in January."
)
UNRELATED = (
    "Heavy rain flooded the coastal towns of the region overnight, and rescue teams evacuated hundreds of "
    "residents from their homes. The weather service expects more storms until the end of the week."
)


def reworded(text: str) -> str:
    """A syndicated copy: new lead words, a few words changed, a credit line added."""
    return ("BERLIN (Wire) - " + text.replace("prepare", "plan").replace("stop", "halt")
            + " Reporting by the Wire news desk.")


# -- near-duplicates ----------------------------------------------------------------------------


def test_shingles_are_lowercased_word_trigrams() -> None:
    assert shingles("The cat, the CAT sat.") == {b"the cat the", b"cat the cat", b"the cat sat"}
    assert shingles("") == set()


def test_signature_similarity_separates_copies_from_other_stories() -> None:
    original, _ = signature(STORY)
    assert similarity(original, signature(STORY)[0]) == 1.0
    assert similarity(original, signature(reworded(STORY))[0]) >= DuplicateConfig().threshold
    assert similarity(original, signature(UNRELATED)[0]) < 0.2


def test_components_pick_the_earliest_article_whatever_the_edge_order() -> None:
    nodes = {"c": date(2021, 1, 3), "a": date(2021, 1, 2), "b": None, "d": date(2021, 1, 1)}
    edges = [("c", "a"), ("a", "b")]
    for permutation in itertools.permutations(edges):
        assert components(nodes, permutation) == {"a": "a", "b": "a", "c": "a", "d": "d"}
    # An undated article is canonical only when no member has a date.
    assert components({"x": None, "y": None}, [("y", "x")]) == {"x": "x", "y": "x"}


# -- event grouping (pure) ----------------------------------------------------------------------

BIDEN = Party("USA/GOV", "joe biden", person=True)
BLINKEN = Party("USA/GOV", "antony blinken", person=True)
PUTIN = Party("RUS/GOV", "vladimir putin", person=True)
KREMLIN = Party("RUS/GOV", "kremlin")


def mention(event_id: str, event_type: str = "CONSULT", actor: Party | None = BIDEN, recipient: Party | None = PUTIN,
            when: str | None = "2021-12-30", precision: str = "day", modality: str = "asserted",
            place: str | None = None) -> EventMention:
    return EventMention(event_id, f"art-{event_id}", event_type, modality, actor, recipient, when, precision, place)


def test_symmetric_types_ignore_the_order_of_the_parties() -> None:
    assert group_key(mention("a")) == group_key(mention("b", actor=PUTIN, recipient=BIDEN))
    threat, reversed_threat = mention("c", "THREATEN"), mention("d", "THREATEN", actor=PUTIN, recipient=BIDEN)
    assert group_key(threat) != group_key(reversed_threat)


def test_reality_classes_are_kept_apart() -> None:
    assert group_key(mention("a", modality="future")) == group_key(mention("b", modality="asserted"))
    assert group_key(mention("c", modality="hypothetical")) != group_key(mention("d"))
    assert group_key(mention("e", modality="negated")) != group_key(mention("f"))


def test_reports_a_day_apart_join_and_a_week_later_do_not() -> None:
    groups = link([mention("a"), mention("b", when="2021-12-31"), mention("c", when="2022-01-09")])
    assert groups["a"] == groups["b"] != groups["c"]


def test_a_chain_stops_at_the_maximum_span() -> None:
    days = [f"2021-12-{d:02d}" for d in range(1, 12)]
    groups = link([mention(str(i), when=d) for i, d in enumerate(days)], GroupingConfig(gap_days=1, max_span_days=7))
    assert len({groups[str(i)] for i in range(8)}) == 1
    assert groups["8"] != groups["0"]


def test_a_day_inside_a_month_joins_the_month_report() -> None:
    groups = link([mention("june", when="2021-06", precision="month"), mention("day", when="2021-06-16")])
    assert groups["june"] == groups["day"]


def test_year_or_missing_dates_stay_alone() -> None:
    groups = link([mention("a", when="2021", precision="year"), mention("b", when="2021", precision="year"),
                   mention("c", when=None, precision="unknown")])
    assert len(set(groups.values())) == 3
    assert date_interval("2021-02", "month") == (date(2021, 2, 1), date(2021, 2, 28))


def test_different_persons_or_countries_of_place_do_not_join() -> None:
    groups = link([mention("biden"), mention("blinken", actor=BLINKEN), mention("kremlin", recipient=KREMLIN)])
    # Same USA/GOV-RUS/GOV key; Blinken is another person, the Kremlin no person at all.
    assert groups["biden"] == groups["kremlin"] != groups["blinken"]
    placed = link([mention("geneva", place="CHE"), mention("brussels", place="BEL"), mention("nowhere")])
    assert placed["geneva"] != placed["brussels"]
    assert placed["nowhere"] in (placed["geneva"], placed["brussels"])


def test_link_is_independent_of_input_order() -> None:
    mentions = [mention("a"), mention("b", when="2021-12-31"), mention("c", actor=BLINKEN),
                mention("d", when="2022-01-01"), mention("e", "THREATEN")]
    expected = link(mentions)
    for permutation in itertools.permutations(mentions):
        assert link(permutation) == expected


# -- the stage over a store ---------------------------------------------------------------------


def article_result(article_id: str, text: str, pub: date, url: str, event_date: str | None = "2021-12-30",
                   actor_name: str = "Joe Biden") -> ArticleResult:
    """An article whose first sentence holds one CONSULT event between two coded persons."""
    first = text.split(". ")[0] + "."
    article = Article(id=article_id, text=text, title="", url=url, pub_date=pub)
    biden = Actor(actor_name, (0, 3), actor_name, "USA", "GOV", "p1")
    putin = Actor("Vladimir Putin", (4, 7), "Vladimir Putin", "RUS", "GOV", "p2")
    event = Event(id=stable_id(article_id, "call", prefix="ev"), article_id=article_id, sentence_index=0,
                  sentence=first, event_type="CONSULT", trigger_text="met", trigger_span=(8, 11), actor=biden,
                  recipient=putin, date=event_date, date_precision="day" if event_date else "unknown",
                  confidence=0.8)
    entities = [Entity("p1", actor_name, "PERSON", "USA", "GOV"), Entity("p2", "Vladimir Putin", "PERSON", "RUS", "GOV")]
    return ArticleResult(article, [Sentence(0, 0, len(first), first)], entities, events=[event])


def corpus() -> list[ArticleResult]:
    return [
        article_result("orig", STORY, date(2021, 12, 30), "https://news.example.com/a"),
        article_result("copy", reworded(STORY), date(2021, 12, 31), "https://www.wire.example.net/b"),
        article_result("other", UNRELATED, date(2021, 12, 30), "https://third.example.org/c"),
        article_result("later", UNRELATED + " More rain is due.", date(2022, 2, 1), "https://third.example.org/d",
                       event_date="2022-02-01"),
    ]


def snapshot(store: Store) -> tuple:
    return (store.dump_table("near_duplicates"), store.dump_table("event_groups"),
            sorted(store.group_stats().items()))


def test_incremental_runs_equal_one_batch_in_any_order(tmp_path: Path) -> None:
    with Store(tmp_path / "batch.duckdb") as store:
        store.save_many(corpus())
        report = update_store(store)
        expected = snapshot(store)
    assert report.signed == 4 and report.near_duplicates == 2  # the copy, and the longer rain report
    for n, order in enumerate([[3, 2, 1, 0], [1, 3, 0, 2]]):
        with Store(tmp_path / f"inc{n}.duckdb") as store:
            for index in order:
                store.save(corpus()[index])
                update_store(store)
            assert snapshot(store) == expected


def test_group_counts_and_near_duplicate_flags(tmp_path: Path) -> None:
    with Store(tmp_path / "g.duckdb") as store:
        store.save_many(corpus())
        update_store(store)
        duplicates = store.near_duplicates()
        assert duplicates["copy"]["canonical_id"] == "orig" and duplicates["copy"]["similarity"] >= 0.5
        assert duplicates["later"]["canonical_id"] == "other"
        assert "orig" not in duplicates
        grouped = store.grouped_events()
        call = grouped[0]["group"]
        # Three articles report the 30-31 December meeting; the copy is not a new article.
        assert (call["num_mentions"], call["num_articles"], call["num_sources"]) == (3, 2, 3)
        assert (call["first_seen"], call["last_seen"]) == ("2021-12-30", "2021-12-31")
        assert grouped[0]["article_id"] == "orig"  # the representative comes from an original
        assert grouped[1]["group"]["num_mentions"] == 1  # February is another meeting
        assert store.grouped_events(actor="nobody") == []


def test_resaving_an_article_regroups_what_it_touched(tmp_path: Path) -> None:
    with Store(tmp_path / "r.duckdb") as store:
        store.save_many(corpus())
        update_store(store)
        # The copy is replaced by a different story about another meeting: its links must go.
        store.save(article_result("copy", UNRELATED.replace("rain", "snow") + " Roads are closed.",
                                  date(2021, 12, 31), "https://www.wire.example.net/b", actor_name="Antony Blinken"))
        update_store(store)
        # It now copies the rain story (one word changed), not the meeting story.
        assert store.near_duplicates()["copy"]["canonical_id"] == "other"
        stats = store.group_stats()
        assert sorted(s["num_mentions"] for s in stats.values()) == [1, 1, 2]
        assert store.pending("group") == set() and store.pending("component") == set()


def test_update_on_an_empty_or_grouped_store_does_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as store:
        assert update_store(store).to_dict() == {"signed": 0, "near_duplicates": 0, "regrouped_keys": 0,
                                                 "grouped_events": 0}
        store.save_many(corpus())
        update_store(store)
        before = snapshot(store)
        again = update_store(store)
        assert (again.signed, again.regrouped_keys) == (0, 0)
        assert snapshot(store) == before


@pytest.mark.parametrize("text", ["", "Short.", "x " * 5])
def test_tiny_articles_are_never_near_duplicates(tmp_path: Path, text: str) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        store.save(article_result("one", text, date(2021, 1, 1), ""))
        store.save(article_result("two", text, date(2021, 1, 2), ""))
        update_store(store)
        assert store.near_duplicates() == {}
