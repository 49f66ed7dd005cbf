"""Grouping stage on hand-made articles: same story together, others apart, order never matters."""

from __future__ import annotations

import random
from datetime import date

import pytest

from eventwire.group import FeatureWeights, build_dendrogram, group_documents
from eventwire.group.features import date_features, lead, lead_month, name_features
from eventwire.records import Article

QUAKE_A = Article(
    id="a1",
    title="Magnitude 6.1 earthquake strikes Qeshm island off southern Iran",
    text=(
        "A magnitude 6.1 earthquake struck Qeshm island in the Persian Gulf on Sunday, November 27, 2005, "
        "killing ten people in the villages of Zirang and Tonban, Iranian state television said. "
        "Rescue teams from the Red Crescent reached the island by boat."
    ),
)
QUAKE_B = Article(
    id="a2",
    title="Ten killed as quake hits Iran's Qeshm island",
    text=(
        "Ten people were killed when an earthquake of magnitude 6.1 hit Qeshm island off the southern coast "
        "of Iran on November 27, 2005, state television reported. The Red Crescent sent rescue teams by boat "
        "to the villages of Zirang and Tonban."
    ),
)
ELECTION = Article(
    id="b1",
    title="Turkmenistan votes in parliamentary election",
    text=(
        "Voters in Turkmenistan went to the polls for a parliamentary election that Western observers "
        "dismissed as neither free nor fair. President Gurbanguly Berdymukhamedov cast his ballot in Ashgabat."
    ),
)
COACH = Article(
    id="c1",
    title="76ers fire coach Maurice Cheeks",
    text=(
        "The Philadelphia 76ers fired head coach Maurice Cheeks after a 9-14 start to the season. "
        "General manager Ed Stefanski said assistant Tony DiLeo would take over the Sixers."
    ),
)


def test_reworded_copies_share_a_group_and_unrelated_stories_do_not():
    labels = group_documents([QUAKE_A, ELECTION, QUAKE_B, COACH])
    assert labels[0] == labels[2]
    assert len({labels[0], labels[1], labels[3]}) == 3


def test_labels_follow_the_smallest_article_id():
    labels = group_documents([COACH, QUAKE_B, ELECTION, QUAKE_A])
    # Groups in order of smallest id: {a1, a2} -> 0, {b1} -> 1, {c1} -> 2.
    assert labels == [2, 0, 1, 0]


def test_same_set_in_any_order_gives_the_same_partition():
    docs = [QUAKE_A, QUAKE_B, ELECTION, COACH]
    expected = dict(zip((d.id for d in docs), group_documents(docs), strict=True))
    rng = random.Random(7)
    for _ in range(5):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        got = dict(zip((d.id for d in shuffled), group_documents(shuffled), strict=True))
        assert got == expected


def test_deterministic_across_calls():
    docs = [QUAKE_A, ELECTION, QUAKE_B, COACH]
    assert group_documents(docs) == group_documents(list(docs))


def test_threshold_extremes():
    docs = [QUAKE_A, QUAKE_B, ELECTION, COACH]
    assert group_documents(docs, threshold=0.0) == [0, 1, 2, 3]
    assert group_documents(docs, threshold=1.5) == [0, 0, 0, 0]
    with pytest.raises(ValueError):
        group_documents(docs, threshold=-0.1)


def test_tiny_inputs():
    assert group_documents([]) == []
    assert group_documents([ELECTION]) == [0]
    # No feature at all (empty texts) must not crash; identical empty docs are indistinguishable.
    assert group_documents([Article(id="x", text=""), Article(id="y", text="")], threshold=0.5) == [0, 1]


def test_one_dendrogram_cut_at_many_thresholds_matches_fresh_grouping():
    docs = [QUAKE_A, QUAKE_B, ELECTION, COACH]
    dendrogram = build_dendrogram(docs)
    for t in (0.2, 0.5, 0.8, 0.95):
        assert dendrogram.cut(t) == group_documents(docs, threshold=t)


def test_names_and_dates_tell_two_similar_events_apart():
    # Same kind of event, same words; only names, numbers and dates differ.
    other_quake = Article(
        id="a3",
        title="Magnitude 5.2 earthquake strikes Bam in southeastern Iran",
        text=(
            "A magnitude 5.2 earthquake struck Bam in Kerman province on Tuesday, March 3, 2009, "
            "injuring three people, Iranian state television said. Rescue teams from the Red Crescent "
            "reached the town."
        ),
    )
    docs = [QUAKE_A, QUAKE_B, other_quake]
    words_only = FeatureWeights(words=1.0, names=0.0, dates=0.0, lead_names=0.0, lead_dates=0.0)
    full = build_dendrogram(docs)
    plain = build_dendrogram(docs, words_only)
    # The heights at which the odd quake joins: higher (farther) with name and date features.
    assert full.linkage is not None and plain.linkage is not None
    assert full.linkage[-1, 2] > plain.linkage[-1, 2]
    # At a cut between the two heights, only the name and date features keep the events apart.
    assert group_documents(docs, threshold=0.72, weights=words_only) == [0, 0, 0]
    assert group_documents(docs, threshold=0.72) == [0, 0, 1]


def test_name_features_keep_phrases_and_skip_sentence_initial_common_words():
    features = name_features("The Bank of England raised rates. He said Lindsay Lohan checked in.")
    assert "bank_england" in features
    assert "lindsay_lohan" in features
    assert "the" not in features and "he" not in features


def test_date_features_read_tokenised_numbers_and_dates():
    features = date_features("27 NOVEMBER, 2005: a magnitude 6. 1 quake; 2, 000 homeless. May 2, 2013")
    assert "num:6.1" in features
    assert "num:2000" in features
    assert "md:november_27" in features
    assert "my:november_2005" in features
    assert "my:may_2013" in features
    assert "year:2013" in features


def test_lead_month_prefers_the_publication_date():
    dated = Article(id="d", text="Posted: May 24, 2005. Cheeks returns.", pub_date=date(2008, 12, 13))
    assert lead_month(dated) == 2008 * 12 + 11
    assert lead_month(Article(id="e", text="Posted: May 24, 2005. Cheeks returns.")) == 2005 * 12 + 4
    assert lead_month(Article(id="f", text="No date here.")) is None


def test_date_conflict_splits_otherwise_identical_stories():
    text = "Storm floods the coastal town of Galveston, police said, and hundreds were evacuated."
    docs = [
        Article(id="s1", text=text, pub_date=date(2008, 9, 13)),
        Article(id="s2", text=text, pub_date=date(2017, 8, 27)),
    ]
    assert group_documents(docs, threshold=0.5) == [0, 0]
    split = FeatureWeights(date_conflict=1.0)
    assert group_documents(docs, threshold=0.5, weights=split) == [0, 1]


def test_lead_is_the_title_and_first_sentences():
    text = "Klitschko stops Thompson\nKlitschko stopped Tony Thompson on Saturday. He kept his titles. Background follows."
    assert lead(text, 3) == "Klitschko stops Thompson\nKlitschko stopped Tony Thompson on Saturday.\nHe kept his titles."
    assert lead("One sentence only", 3) == "One sentence only"


def test_the_lead_tells_apart_two_events_with_the_same_background():
    # Two title defences against different challengers; the second half of each is the same background.
    background = (" Klitschko has held the heavyweight titles since 2006 and defended them many times in Germany. "
                  "Promoters said the champion would fight again next year in Mannheim or Hamburg at the arena.")
    rahman = Article(id="r1", text="Klitschko stops Rahman in seventh round in Mannheim. Rahman was floored twice."
                     + background)
    rahman_again = Article(id="r2", text="Rahman stopped by Klitschko in the seventh round. The referee ended it."
                           + background)
    thompson = Article(id="t1", text="Klitschko stops Thompson in sixth round in Bern. Thompson retired on his stool."
                       + background)
    no_lead = FeatureWeights(lead_names=0.0, lead_dates=0.0)
    docs = [rahman, rahman_again, thompson]
    with_lead = build_dendrogram(docs).linkage
    without = build_dendrogram(docs, no_lead).linkage
    assert with_lead is not None and without is not None
    # The odd one out joins farther away when the leads count on their own.
    assert with_lead[-1, 2] > without[-1, 2]
    assert group_documents(docs, threshold=(with_lead[-1, 2] + without[-1, 2]) / 2) == [0, 0, 1]
