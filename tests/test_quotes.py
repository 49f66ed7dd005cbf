"""Quotation stage on hand-built sentences: marks, direct/indirect/mixed quotes, speakers, the model."""

from __future__ import annotations

import json
import time

import pytest

import eventwire
from eventwire.extract.quotes.marks import quoted_regions
from eventwire.extract.quotes.model import MODEL_PATH, load_model

PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "it", "who", "which", "that"}


def analyse(text: str):
    return eventwire.analyse_text(text, date="2021-12-30")


def quotes_with(result, fragment: str):
    return [q for q in result.quotes if fragment in q.content_text]


def check_invariants(result) -> None:
    text = result.article.text
    for q in result.quotes:
        start, end = q.content_span
        assert text[start:end] == q.content_text and q.content_text.strip()
        assert 0 < q.confidence <= 1 and q.kind in {"direct", "mixed", "indirect"}
        if q.cue_span is not None:
            assert text[q.cue_span[0] : q.cue_span[1]] == q.cue_text
        if q.speaker is not None:
            assert q.speaker.name and q.speaker.name.lower() not in PRONOUNS
            s0, s1 = q.speaker.span
            assert text[s0:s1] == q.speaker.text


# ------------------------------------------------------------------------------------------- marks

def test_regions_pair_curly_and_straight_marks():
    text = "He said \u201cwe will win\u201d and then \"we will not lose\" again."
    assert [text[s:e] for s, e in quoted_regions(text)] == ["we will win", "we will not lose"]


def test_unbalanced_marks_never_raise():
    for text in ['He said "we will win.', 'Oops" closing only.', "\u201d\u201c\u201d", '"', "\u201cA\u201c B \u201d C\u201d"]:
        quoted_regions(text)  # no exception
    result = analyse('The minister said "we will never surrender.\n\nTalks resumed on Monday in Geneva.')
    check_invariants(result)


def test_quote_spanning_paragraphs_is_one_region():
    text = ("\u201cWe will not stop until the job is done.\n\n"
            "\u201cAnd we will keep going next year,\u201d Jones said.")
    regions = quoted_regions(text)
    assert len(regions) == 1
    s, e = regions[0]
    assert text[s:e].startswith("We will not stop") and text[s:e].endswith("next year,")


def test_quote_spanning_paragraphs_attributed_to_the_later_cue():
    text = ("Mayor Anne Jones spoke to reporters on Monday.\n\n"
            "\u201cWe will not stop until the job is done.\n\n"
            "\u201cAnd we will keep going next year,\u201d Jones said.")
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "We will not stop")
    assert found and "keep going next year" in found[0].content_text
    assert found[0].speaker is not None and found[0].speaker.name == "Anne Jones"


def test_nested_quotes():
    text = "Smith said, \u201cThe general told me \u2018we will hold the city\u2019 before he left.\u201d"
    regions = quoted_regions(text)
    assert any("we will hold the city" in text[s:e] for s, e in regions)
    result = analyse(text)
    check_invariants(result)
    outer = quotes_with(result, "we will hold the city")
    assert outer and any(q.speaker is not None and q.speaker.name == "Smith" for q in outer)


# -------------------------------------------------------------------------------------- attribution

@pytest.mark.parametrize("open_mark,close_mark", [("\u201c", "\u201d"), ('"', '"')])
def test_direct_quote_curly_and_straight(open_mark, close_mark):
    text = f"{open_mark}We will win this election,{close_mark} Senator Mary Jones told reporters on Tuesday."
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "We will win this election")
    assert len(found) == 1
    assert found[0].speaker is not None and found[0].speaker.name == "Mary Jones"
    assert found[0].kind == "direct" and found[0].cue_text == "told"


def test_indirect_speech_said_that():
    result = analyse("Prime Minister John Smith said that taxes will rise next year.")
    check_invariants(result)
    found = quotes_with(result, "taxes will rise next year")
    assert len(found) == 1
    q = found[0]
    assert q.kind == "indirect" and q.cue_text == "said" and q.speaker.name == "John Smith"
    assert q.content_text.startswith("that taxes")


def test_indirect_speech_without_that_and_pronoun_speaker():
    text = ("Angela Merkel met the French president in Paris on Monday. "
            "She told reporters the two countries would work together on energy.")
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "would work together on energy")
    assert found and found[0].speaker is not None and found[0].speaker.name == "Angela Merkel"
    assert found[0].speaker.text == "She"


def test_belief_verbs_are_attributions():
    result = analyse("Governor Tom Wolf believes the new bridge will open by June.")
    check_invariants(result)
    found = quotes_with(result, "the new bridge will open by June")
    assert found and found[0].speaker.name == "Tom Wolf" and found[0].cue_text == "believes"


def test_according_to():
    result = analyse("The economy will grow by three percent next year, according to the central bank.")
    check_invariants(result)
    found = quotes_with(result, "economy will grow")
    assert len(found) == 1
    q = found[0]
    assert q.speaker is not None and "central bank" in q.speaker.text
    assert "according" not in q.content_text and q.cue_text == ""


def test_unnamed_plural_sources():
    result = analyse("The talks collapsed late on Friday, sources said.")
    check_invariants(result)
    found = quotes_with(result, "talks collapsed")
    assert found and found[0].speaker is not None and found[0].speaker.name == "sources"


def test_colon_introduced_quote():
    text = "The foreign minister, Anna Berg, said: \u201cThere will be no negotiations under threat.\u201d"
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "There will be no negotiations under threat")
    assert len(found) == 1
    assert found[0].speaker is not None and found[0].speaker.name == "Anna Berg"


def test_continuation_after_the_cue_sentence():
    text = "\u201cWe are ready,\u201d Jones said. \u201cThe army is in position and the orders are clear.\u201d"
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "We are ready")
    assert len(found) == 1 and "the orders are clear" in found[0].content_text
    assert found[0].speaker.name == "Jones"
    assert len(quotes_with(result, "the orders are clear")) == 1


def test_scare_quote_fragment_is_attributed():
    text = ("Joe Biden spoke with Vladimir Putin on Tuesday. "
            "Biden warned of \u201cstrong economic measures\u201d if Russia invaded Ukraine.")
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "strong economic measures")
    assert found and found[0].speaker is not None and found[0].speaker.name == "Joe Biden"
    assert found[0].cue_text == "warned" and found[0].kind == "mixed"


def test_quote_with_no_identifiable_speaker_is_kept_with_low_confidence():
    text = ("Heavy rain fell across the region on Monday.\n\n"
            "\u201cNothing will ever be the same again in this valley.\u201d")
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "Nothing will ever be the same again")
    assert len(found) == 1
    assert found[0].speaker is None and found[0].confidence <= 0.35


def test_unnamed_official_keeps_description_and_coding():
    text = ('"We have no plans to publish a draft," a senior White House official said on Thursday.')
    result = analyse(text)
    check_invariants(result)
    found = quotes_with(result, "We have no plans to publish a draft")
    assert found and found[0].speaker.name == "a senior White House official"
    assert found[0].speaker.country == "USA" and found[0].speaker.sector == "GOV"


# ------------------------------------------------------------------------------------------- model

def test_model_file_is_small_and_loads_fast():
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 5_000_000
    load_model.cache_clear()
    started = time.perf_counter()
    model = load_model()
    assert time.perf_counter() - started < 1.0
    assert model is not None and {"cue", "content"} <= set(model)
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["cue"]["w"] and data["content"]["w"]


def test_cue_classes_tell_speech_thought_and_acts_apart(nlp):
    from eventwire.extract.quotes import cue_class

    def cue(text: str, word: str):
        return next(t for t in nlp(text) if t.text == word)

    assert cue_class(cue("He said the deal was bad.", "said"), "indirect") == "speech"
    assert cue_class(cue("She believes the deal is bad.", "believes"), "indirect") == "thought"
    assert cue_class(cue("Trump withdrew the US from the deal.", "withdrew"), "indirect") == "act"
    # Quoted words are speech whatever the verb; so are noun cues.
    assert cue_class(cue("Trump withdrew the US from the deal.", "withdrew"), "direct") == "speech"
    assert cue_class(cue("His claim that the deal was bad was wrong.", "claim"), "indirect") == "speech"


def test_quoted_region_lookups_equal_a_scan():
    import random

    from eventwire.extract.quotes.model import QuotedRegions

    rng = random.Random(7)
    for trial in range(200):
        points = sorted(rng.sample(range(400), 2 * rng.randint(0, 8)))
        regions = [(points[i], points[i + 1]) for i in range(0, len(points), 2)]
        if trial % 5 == 0 and len(regions) > 1:
            regions = [regions[1], regions[0], (regions[0][0], regions[-1][1])]  # unsorted, overlapping
        index = QuotedRegions(regions)
        assert index.disjoint == (trial % 5 != 0 or len(regions) <= 1)
        for x in range(-5, 420, 3):
            assert index.contains(x) == any(s <= x < e for s, e in regions)
            assert index.ends_within(x, 40, x - 100) == any(0 <= x - e <= 40 and s >= x - 100 for s, e in regions)
            assert index.starts_within(x, 40) == any(0 <= s - x <= 40 for s, e in regions)
            assert index.overlaps(x, x + 25) == any(s < x + 25 and x < e for s, e in regions)


def test_cue_candidates_from_arrays_are_the_token_rule_exactly():
    from eventwire.extract.quotes.model import cue_candidate_indices, is_cue_candidate
    from eventwire.nlp import load_nlp

    doc = load_nlp()("Officials said: \u2015 the talks, according to Reuters, were \"useful\". He has been told.  The "
                     "spokeswoman's statement was clear, and the minister could confirm it.")
    assert cue_candidate_indices(doc) == [t.i for t in doc if is_cue_candidate(t)]
    assert any(doc[i].text == ":" for i in cue_candidate_indices(doc))


def test_token_table_holds_the_token_attributes(nlp):
    """The cue model reads a per-document table instead of Token objects: every column must be the Token
    attribute it stands for, or the shipped weights would see other features."""
    from eventwire.nlp.table import token_table

    doc = nlp('"We will not go," U.S. officials told NATO on Tuesday: the talks, he said, had failed.')
    table = token_table(doc)
    assert token_table(doc) is table and len(table) == len(doc)
    for tok in doc:
        i = tok.i
        tense, form = tok.morph.get("Tense"), tok.morph.get("VerbForm")
        assert (table.lower[i], table.lemma[i], table.pos[i], table.tag[i], table.dep[i], table.ent_type[i]) == (
            tok.lower_, tok.lemma_.lower(), tok.pos_, tok.tag_, tok.dep_, tok.ent_type_)
        assert (table.head[i], table.idx[i], table.is_punct[i], table.is_upper[i]) == (
            tok.head.i, tok.idx, tok.is_punct, tok.is_upper)
        assert table.children(i) == [c.i for c in tok.children]
        assert (table.tense[i], table.verb_form[i]) == (tense[0] if tense else "-", form[0] if form else "-")
    assert any(table.tense[i] == "Past" for i in range(len(doc)))
