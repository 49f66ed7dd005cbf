"""A parsed document's token attributes as plain Python lists, read once per document.

spaCy makes a new ``Token`` object on every ``doc[i]``, ``token.head`` or ``token.children`` access and
looks each string attribute up again; feature extractors that visit tens of thousands of tokens per corpus
(the quote stage's cue model) spent most of their time there. :func:`token_table` reads the columns
from ``doc.to_array`` (each distinct string looked up once) and caches them in ``doc.user_data``; each
column holds exactly the ``Token`` attribute named beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TABLE_KEY = "eventwire_token_table"


class TokenTable:
    """Columns indexed by token position (``len(table) == len(doc)``)."""

    __slots__ = ("lower", "lemma", "pos", "tag", "dep", "ent_type", "head", "idx", "is_punct", "is_upper",
                 "tense", "verb_form", "_by_head", "_group_starts")

    lower: list[str]  # token.lower_
    lemma: list[str]  # token.lemma_.lower()
    pos: list[str]  # token.pos_
    tag: list[str]  # token.tag_
    dep: list[str]  # token.dep_
    ent_type: list[str]  # token.ent_type_
    head: list[int]  # token.head.i
    idx: list[int]  # token.idx
    is_punct: list[bool]  # token.is_punct
    is_upper: list[bool]  # token.is_upper
    tense: list[str]  # token.morph.get("Tense")[0], or "-"
    verb_form: list[str]  # token.morph.get("VerbForm")[0], or "-"

    def __init__(self, doc: Doc):
        import numpy as np
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_UPPER, LEMMA, LOWER, MORPH, POS, TAG

        strings = doc.vocab.strings
        arrays = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_UPPER, MORPH])

        def strings_of(column: int, convert=None) -> list:
            # Each distinct hash is looked up once; numpy spreads the strings back over the tokens.
            keys, inverse = np.unique(arrays[:, column], return_inverse=True)
            values = [strings[int(k)] if k else "" for k in keys.tolist()]
            if convert is not None:
                values = [convert(v) for v in values]
            return np.array(values, dtype=object)[inverse.reshape(-1)].tolist()

        n = len(arrays)
        heads = np.arange(n, dtype=np.int64) + arrays[:, 6].astype(np.int64)  # HEAD is relative
        self.lower = strings_of(0)
        self.lemma = strings_of(1, str.lower)
        self.pos = strings_of(2)
        self.tag = strings_of(3)
        self.dep = strings_of(4)
        self.ent_type = strings_of(5)
        self.head = heads.tolist()
        self.idx = arrays[:, 7].tolist()
        self.is_punct = arrays[:, 8].astype(bool).tolist()
        self.is_upper = arrays[:, 9].astype(bool).tolist()
        self.tense = strings_of(10, lambda m: _first_value(m, "Tense"))
        self.verb_form = strings_of(10, lambda m: _first_value(m, "VerbForm"))
        # Children grouped by head, in token order: the children of i are _by_head[starts[i]:starts[i+1]].
        self._by_head = np.argsort(heads, kind="stable").tolist()
        self._group_starts = np.searchsorted(heads[self._by_head], np.arange(n + 1)).tolist() if n else [0]

    def __len__(self) -> int:
        return len(self.head)

    def children(self, i: int) -> list[int]:
        """The indices of ``doc[i].children``, in order."""
        return [c for c in self._by_head[self._group_starts[i]:self._group_starts[i + 1]] if c != i]


def _first_value(morph: str, feature: str) -> str:
    """The first value of ``feature`` in a morphology string ("Tense=Past|VerbForm=Fin"), or "-"."""
    prefix = feature + "="
    for part in morph.split("|"):
        if part.startswith(prefix):
            return part[len(prefix):].split(",")[0]
    return "-"


def token_table(doc: Doc) -> TokenTable:
    """The cached :class:`TokenTable` of ``doc`` (the document must not be changed afterwards)."""
    cached = doc.user_data.get(_TABLE_KEY)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[_TABLE_KEY] = TokenTable(doc)
    return cached
