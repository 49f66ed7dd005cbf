"""Integration: the seed, two reworded copies of it and one unrelated article, through `eventwire run`.

The copies are flagged near-duplicates of the seed, and the scheduled Biden–Putin call is one event
group reported by three articles, whichever order the files are read in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED
from eventwire.cli import main
from eventwire.store import Store

LAST_PARAGRAPH = "Ukraine has already monopolized the conversation"


def syndicated_copy(text: str) -> str:
    """A wire copy: a new headline, words changed, the last paragraph cut, a credit line added."""
    body = text.split("\n", 1)[1]
    body = body[: body.index(LAST_PARAGRAPH)]
    for old, new in (("telephone", "phone"), ("the White House reported", "the White House said"),
                     ("Precisely this Wednesday", "On Wednesday"), ("intensified", "grown more frequent")):
        body = body.replace(old, new)
    return "US and Russian leaders to speak by phone as Ukraine tensions rise\n\n" + body + "\n(Reporting by the wire desk.)\n"


def updated_version(text: str) -> str:
    """A later update of the seed: a dateline, one paragraph rewritten, one sentence added."""
    text = text.replace("Biden and Putin held their first face-to-face last June to bring positions closer.",
                        "The two presidents first met in person last June, in a summit meant to bring positions closer.")
    return "WASHINGTON - " + text + "\nThis story has been updated with comments from officials.\n"


@pytest.fixture(scope="module")
def grouped_db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    seed = SEED.read_text(encoding="utf-8")
    unrelated = json.loads((shared_dir / "corpus" / "wikinews-2019-2020.jsonl").read_text(encoding="utf-8")
                           .splitlines()[0])
    folder = tmp_path_factory.mktemp("seed-copies")
    (folder / "a-seed.txt").write_text(seed, encoding="utf-8")
    (folder / "b-wire-copy.txt").write_text(syndicated_copy(seed), encoding="utf-8")
    (folder / "c-updated.txt").write_text(updated_version(seed), encoding="utf-8")
    (folder / "d-unrelated.txt").write_text(unrelated["title"] + "\n\n" + unrelated["text"], encoding="utf-8")
    db = folder / "grouped.duckdb"
    assert main(["run", str(folder), "--db", str(db), "--date", "2021-12-30", "--quiet"]) == 0
    return db


def scheduled_calls(store: Store) -> list[dict]:
    return [r for r in store.grouped_events(event_type="CONSULT", actor="Putin")
            if r["date"] == "2021-12-30" and r["modality"] == "future"]


def test_copies_are_flagged_near_duplicates_of_one_canonical_article(grouped_db: Path) -> None:
    with Store(grouped_db, read_only=True) as store:
        sources = {a["id"]: Path(a["source"]).name for a in store.articles()}
        flagged = {sources[a]: sources[d["canonical_id"]] for a, d in store.near_duplicates().items()}
    # Same publication date: the canonical article is the one with the smallest id, one of the three.
    canonical = set(flagged.values())
    assert len(canonical) == 1 and canonical < {"a-seed.txt", "b-wire-copy.txt", "c-updated.txt"}
    assert set(flagged) == {"a-seed.txt", "b-wire-copy.txt", "c-updated.txt"} - canonical
    assert "d-unrelated.txt" not in flagged


def test_the_scheduled_call_is_one_group_with_three_mentions(grouped_db: Path) -> None:
    with Store(grouped_db, read_only=True) as store:
        calls = scheduled_calls(store)
    assert len(calls) == 1, [c["group"] for c in calls]
    group = calls[0]["group"]
    assert group["num_mentions"] == 3 and len(group["article_ids"]) == 3
    assert group["num_articles"] == 1  # three reports of one story
    assert {calls[0]["actor"]["name"], calls[0]["recipient"]["name"]} == {"Joe Biden", "Vladimir Putin"}


def test_the_earlier_calls_are_groups_of_their_own(grouped_db: Path) -> None:
    with Store(grouped_db, read_only=True) as store:
        records = store.grouped_events(event_type="CONSULT", actor="Putin")
    by_date = {r["date"]: r["group"] for r in records if r["modality"] == "historical"}
    assert by_date["2021-12-07"]["num_mentions"] == 3
    assert by_date["2021-06"]["num_mentions"] == 3


def test_grouping_does_not_depend_on_file_order(grouped_db: Path, tmp_path: Path) -> None:
    folder = grouped_db.parent
    reordered = tmp_path / "reordered.duckdb"
    # One file per run, in reverse order: incremental grouping must land on the same groups.
    for name in ("d-unrelated.txt", "c-updated.txt", "b-wire-copy.txt", "a-seed.txt"):
        assert main(["run", str(folder / name), "--db", str(reordered), "--date", "2021-12-30", "--quiet"]) == 0
    with Store(grouped_db, read_only=True) as first, Store(reordered, read_only=True) as second:
        assert first.dump_table("event_groups") == second.dump_table("event_groups")
        assert first.dump_table("near_duplicates") == second.dump_table("near_duplicates")
