"""The cached attribute ruler and lemmatizer give the stock components' annotations, token for token."""

from __future__ import annotations

import pytest

from eventwire.nlp.attributes import CachedAttributes, index_as_sets, supported

ATTRS = ("ORTH", "TAG", "DEP", "HEAD", "POS", "MORPH", "LEMMA", "ENT_IOB", "ENT_TYPE", "SENT_START")

TEXTS = [
    "Biden and Putin will talk again on Thursday amid fears of a Russian invasion of Ukraine.",
    "There is no deal yet, and there were two calls; it is what it is.",
    "Y'all gon na see it. Let's go! He ai n't here, c'm on, we got ta leave.",
    "  Leading  spaces,\ttabs\n\nand a blank line.\n\n\nThe ministers' meetings were held.",
    "The U.S. Senate voted 51-49; the bills' sponsors said they'd try again in 2022.",
    "",
    "x",
]


@pytest.fixture(scope="module")
def stock():
    from eventwire.nlp import _register_components, load_stock_model

    _register_components()
    nlp = load_stock_model()
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp


def _annotations(doc):
    from spacy.attrs import IDS

    return (doc.to_array([IDS[a] for a in ATTRS]).tolist(), [t.lemma_ for t in doc], [str(t.morph) for t in doc])


def test_pipeline_uses_the_cache(nlp):
    assert "eventwire_attributes" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.get_pipe("eventwire_attributes").enabled


def test_same_annotations_as_the_stock_components(nlp, stock):
    from conftest import SEED

    texts = TEXTS + [SEED.read_text(encoding="utf-8")] + TEXTS  # the second pass reads the warm cache
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
    assert nlp.get_pipe("eventwire_attributes").cache


def test_two_token_patterns_read_the_neighbour(nlp):
    # The same word gets different values after different neighbours, from one warm cache.
    for _ in range(2):
        doc = nlp("There is a plan. He is here. We gon na win. Let's go.")
        by_text = [(t.text, t.pos_, t.lemma_) for t in doc]
        assert by_text[1] == ("is", "VERB", "be")  # after "There": the ruler's expl pattern
        assert by_text[6] == ("is", "AUX", "be")
        assert by_text[10:12] == [("gon", "VERB", "go"), ("na", "PART", "to")]
        assert by_text[15] == ("'s", "PRON", "us")


def test_unsupported_patterns_fall_back_to_the_stock_components(stock):
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}]], {"LEMMA": "abc"})
    assert not supported(ruler.patterns)
    cached = CachedAttributes(ruler, stock.get_pipe("lemmatizer"))
    assert not cached.enabled
    simple = blank.add_pipe("attribute_ruler", name="simple_ruler")
    simple.add([[{"LOWER": "a"}, {"OP": "+"}]], {"LEMMA": "x"})
    assert not supported(simple.patterns)
    simple2 = blank.add_pipe("attribute_ruler", name="simple2")
    simple2.add([[{"LOWER": {"IN": ["a", "b"]}, "TAG": "DT"}]], {"POS": "DET"})
    assert supported(simple2.patterns)


def test_lemma_index_becomes_sets():
    class Lookups:
        def __init__(self):
            from spacy.lookups import Lookups as SpacyLookups

            self.inner = SpacyLookups()
            self.inner.add_table("lemma_index", {"noun": ["cat", "dog"]})

        def get_table(self, name, default=None):
            return self.inner.get_table(name, default)

    class Lemmatizer:
        lookups = Lookups()

    lemmatizer = Lemmatizer()
    index_as_sets(lemmatizer)
    assert lemmatizer.lookups.get_table("lemma_index")["noun"] == frozenset({"cat", "dog"})
