"""The optional sentence encoder (numpy all-MiniLM-L6-v2) and the type classifier's encoder head."""

from __future__ import annotations

import pytest

from eventwire.nlp import encoder

pytestmark = pytest.mark.skipif(not encoder.available(), reason="the encoder is not installed (make install-encoder)")

SENTENCE = "Biden warned Putin of severe economic measures if Russia invades Ukraine."
# sentence-transformers 5 with torch computed these first 8 dimensions for SENTENCE (normalised, mean-pooled).
REFERENCE = [0.01371, 0.03954, 0.06118, 0.07014, -0.01494, -0.0231, 0.0287, -0.01001]


def test_numpy_forward_pass_matches_sentence_transformers():
    import numpy as np

    vector = encoder.load_encoder().encode([SENTENCE])[0]
    assert vector.shape == (384,)
    assert np.allclose(vector[:8], REFERENCE, atol=2e-4)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


def test_batches_and_padding_do_not_change_a_vector():
    import numpy as np

    model = encoder.load_encoder()
    alone = model.encode(["Talks resumed."])[0]
    batched = model.encode([SENTENCE * 3, "Talks resumed.", ""])
    assert np.allclose(batched[1], alone, atol=1e-5)
    assert np.isfinite(batched).all()  # an empty text still gets its [CLS] [SEP] vector


def test_paraphrases_are_closer_than_unrelated_sentences():
    model = encoder.load_encoder()
    a, b, c = model.encode(["Russia attacked Ukrainian positions.", "Russian forces shelled Ukraine's lines.",
                            "The museum opened a new exhibition of paintings."])
    assert float(a @ b) > float(a @ c) + 0.2


def test_the_switch_turns_the_encoder_off(monkeypatch):
    monkeypatch.setenv(encoder.SWITCH, "off")
    assert not encoder.available()


def test_the_news_pipeline_never_calls_the_encoder(monkeypatch):
    from eventwire.extract.events import encodermodel
    from eventwire.extract.events.classifier import shipped_model
    from eventwire.pipeline import extract_text

    model = shipped_model()
    assert model is not None and model.uses_encoder  # the head is shipped and the encoder installed

    def refuse(*_args, **_kwargs):
        raise AssertionError("the pipeline asked the encoder")

    monkeypatch.setattr(encodermodel, "relation_vectors", refuse)
    text = "Through a video call, Biden warned Putin that Washington would respond with strong economic measures."
    assert [e.event_type for e in extract_text(text, pub_date="2021-12-30").events] == ["THREATEN"]


def test_relation_coding_asks_the_encoder_only_where_no_trigger_links_the_participants(monkeypatch):
    from eventwire.extract.events import encodermodel
    from eventwire.extract.events.classifier import shipped_model
    from eventwire.extract.events.relation import LINKED, classify_relation
    from eventwire.nlp import load_nlp

    asked: list[list[str]] = []
    real = encodermodel.relation_vectors

    def counting(sentences, texts):
        asked.append(list(sentences))
        return real(sentences, texts)

    monkeypatch.setattr(encodermodel, "relation_vectors", counting)
    nlp, model = load_nlp(), shipped_model()
    linked = nlp("Russia attacked Ukraine on Thursday.")
    label, _, reasons = classify_relation(linked[:], (0, 6), (16, 23), model)
    assert label == "ASSAULT" and LINKED in reasons and "relation:encoder-voted" not in reasons and not asked
    unlinked = nlp("Officials in Kenya and Somalia exchanged views on the border dispute.")
    _, _, reasons = classify_relation(unlinked[:], (13, 18), (23, 30), model)
    assert "relation:no-trigger" in reasons and "relation:encoder-voted" in reasons and len(asked) == 1
    _, _, reasons = classify_relation(unlinked[:], (13, 18), (23, 30), model, encoder=False)
    assert "relation:encoder-voted" not in reasons and len(asked) == 1


def test_cached_vectors_stay_right_past_the_cache_size(monkeypatch):
    import numpy as np

    from eventwire.extract.events import encodermodel

    monkeypatch.setattr(encodermodel, "CACHE_SIZE", 2)
    monkeypatch.setattr(encodermodel, "_cache", encodermodel.OrderedDict())
    texts = ["Talks resumed.", "Troops withdrew.", "Sanctions were lifted.", "Talks resumed."]
    got = encodermodel.vectors(texts)
    assert np.allclose(got, encoder.load_encoder().encode(texts), atol=1e-6)
    assert len(encodermodel._cache) == 2
    again = encodermodel.vectors(["Talks resumed."])  # evicted, encoded again
    assert np.allclose(again[0], got[0], atol=1e-6)
