"""The opt-in word model of the type ensemble: its text window, TF-IDF weighting, fitting and mixing."""

from __future__ import annotations

import math

import pytest

from eventwire.extract.events.classifier import TypeEnsemble, mix
from eventwire.extract.events.wordmodel import fit_word_model, read_word_model, relation_text, sentence_terms


def test_terms_are_lowercased_words_of_two_letters_and_their_pairs():
    terms = sentence_terms("Russia shelled a Ukrainian town; Russia denied it.")
    assert terms["russia"] == 2 and terms["russia shelled"] == 1 and terms["ukrainian town"] == 1
    assert "a" not in terms  # one-letter tokens are not terms
    assert "shelled ukrainian" in terms  # pairs are of adjacent kept tokens


@pytest.fixture(scope="module")
def sentence(nlp):
    doc = nlp("After the summit in Vienna on Monday, she urged Vladimir Putin to withdraw his troops from the border.")
    return doc, next(iter(doc.sents))


def _span(doc, word):
    start = doc.text.index(word)
    return start, start + len(word)


def test_window_keeps_six_words_each_side(sentence):
    doc, sent = sentence
    putin, troops = _span(doc, "Vladimir Putin"), _span(doc, "troops")
    text = relation_text(sent, [putin, troops, None])
    assert text == "in Vienna on Monday, she urged Vladimir Putin to withdraw his troops from the border."


def test_window_stops_at_another_trigger(sentence):
    doc, sent = sentence
    putin, withdraw = _span(doc, "Vladimir Putin"), _span(doc, "withdraw")
    urged = doc.text.index("urged")
    assert relation_text(sent, [putin, withdraw], others=[urged]) == " Vladimir Putin to withdraw his troops from the border."
    summit = doc.text.index("summit")
    # A trigger between the participants belongs to the relation and stays.
    assert "urged" in relation_text(sent, [_span(doc, "she"), withdraw], others=[urged, summit])


def test_no_span_reads_the_whole_sentence(sentence):
    _, sent = sentence
    assert relation_text(sent, [None, None]) == sent.text


def test_tf_idf_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["Rebels shelled the town", "Leaders met in the town and met again", "Rebels met leaders"]
    model = fit_word_model(texts, ["ASSAULT", "CONSULT", "CONSULT"], c=1.0)
    reference = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    query = "leaders met the rebels and met"
    expected = reference.transform([query]).toarray()[0]
    rows, values = model.vector(query)
    ours = {sorted(model.vocabulary, key=model.vocabulary.__getitem__)[r]: v for r, v in zip(rows, values, strict=True)}
    theirs = {t: expected[i] for t, i in reference.vocabulary_.items() if expected[i]}
    assert ours.keys() == theirs.keys()
    assert all(ours[t] == pytest.approx(theirs[t], abs=1e-6) for t in ours)


def test_fit_predict_and_round_trip(tmp_path):
    texts = ["troops shelled the village", "artillery shelled the city", "the ministers met for talks",
             "leaders held talks in Geneva", "the team scored a goal", "the striker scored twice"]
    labels = ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT", "NONE", "NONE"]
    model = fit_word_model(texts, labels, c=20.0, meta={"word_weight": 0.6})
    probabilities = model.probabilities("rebels shelled the town")
    assert max(probabilities, key=probabilities.get) == "ASSAULT"
    assert sum(probabilities.values()) == pytest.approx(1.0)
    model.save(tmp_path / "w.npz")
    again = read_word_model(tmp_path / "w.npz")
    assert again.meta["word_weight"] == 0.6
    assert again.probabilities("talks in Vienna") == pytest.approx(model.probabilities("talks in Vienna"), abs=1e-6)
    assert model.probabilities("zzz qqq") == pytest.approx(again.probabilities(""), abs=1e-6)  # no known term: bias


def test_mix_is_a_normalised_weighted_geometric_mean():
    relation = {"ASSAULT": 0.6, "CONSULT": 0.3, "NONE": 0.1}
    words = {"ASSAULT": 0.2, "CONSULT": 0.7, "NONE": 0.1}
    assert mix(relation, words, 0.0) == pytest.approx(relation)
    mixed = mix(relation, words, 0.6)
    assert sum(mixed.values()) == pytest.approx(1.0)
    ratio = math.exp(0.4 * math.log(0.6 / 0.3) + 0.6 * math.log(0.2 / 0.7))
    assert mixed["ASSAULT"] / mixed["CONSULT"] == pytest.approx(ratio)
    assert max(mixed, key=mixed.get) == "CONSULT"


def test_ensemble_without_word_model_is_the_relation_model():
    from eventwire.extract.events.training import TrainConfig, fit_ensemble

    features = [["w=bomb"], ["w=shell"], ["w=meet"], ["w=talks"]]
    texts = ["they bombed it", "they shelled it", "they met", "they held talks"]
    labels = ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT"]
    alone = fit_ensemble(features, texts, labels, TrainConfig(), [1.0] * 4)
    assert alone.words is None  # the default trains no word model
    assert alone.probabilities(["w=bomb"], "they met") == alone.relation.probabilities(["w=bomb"])
    both = fit_ensemble(features, texts, labels, TrainConfig(word_weight=0.6), [1.0] * 4)
    assert isinstance(both, TypeEnsemble) and both.word_weight == 0.6
    # The word model now has a say: the same features read with different words score differently.
    assert both.probabilities(["w=bomb"], "they met") != both.probabilities(["w=bomb"], "they bombed it")
