"""The model's attribute ruler and lemmatizer, with their output cached per token key.

spaCy's rule-based attribute ruler (tag -> POS and morphology, plus exceptions) and lemmatizer run a
Matcher and Python code for every token: on the Wikinews corpus they take about 17 of the parse's
85-90 seconds, more than the parser itself. Their output for a token is a function of a few of its
attributes -- its orth, tag and dependency label, and for the ruler's two-token patterns ("gon na",
"there is") the neighbour's -- so this component keys the output by exactly those attributes and writes
the cached values back with ``Doc.from_array``. Tokens with a new key are run through the stock
components, on a small synthetic doc holding those tokens and the neighbours their patterns look at,
so every value is the stock components' own value (``tests/test_nlp_attributes.py`` compares the two
on real text). If the ruler's patterns ever use something this key does not cover (longer patterns,
other attributes), :func:`supported` says so and the stock components run unchanged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Token attributes the key covers; IS_SPACE is a function of the orth.
_KEYED = {"LOWER", "ORTH", "TAG", "DEP", "IS_SPACE"}
_SEPARATOR = "\n"
_MAX_CACHE = 400_000  # keys; a 300-article corpus makes ~43,000


def _satisfies(constraints: dict[str, Any], values: dict[str, Any]) -> bool:
    """Whether a token with ``values`` meets one Matcher token pattern (the subset the ruler uses)."""
    for attr, wanted in constraints.items():
        value = values[attr]
        if isinstance(wanted, dict):
            for op, arg in wanted.items():
                if op == "IN" and value not in arg:
                    return False
                if op == "NOT_IN" and value in arg:
                    return False
                if op == "REGEX" and not re.search(arg, str(value)):
                    return False
                if op not in ("IN", "NOT_IN", "REGEX"):
                    raise ValueError(op)
        elif value != wanted:
            return False
    return True


def supported(patterns: list[dict[str, Any]]) -> bool:
    """True when every pattern is one or two tokens long and reads only keyed attributes with the
    operators :func:`_satisfies` knows."""
    for entry in patterns:
        for pattern in entry["patterns"]:
            if not 1 <= len(pattern) <= 2:
                return False
            for token in pattern:
                if not set(token) <= _KEYED:
                    return False
                for wanted in token.values():
                    if isinstance(wanted, dict) and not set(wanted) <= {"IN", "NOT_IN", "REGEX"}:
                        return False
    return True


def index_as_sets(lemmatizer: Any) -> None:
    """Make the rule lemmatizer's word index sets: it is shipped as lists (57,528 nouns) and only ever
    tested for membership (``form in index``), so every new word cost a linear scan, ~0.1 ms."""
    table = lemmatizer.lookups.get_table("lemma_index", None) if hasattr(lemmatizer, "lookups") else None
    for pos in list(table.keys()) if table is not None else []:
        if isinstance(table[pos], list):
            table[pos] = frozenset(table[pos])


class CachedAttributes:
    """Runs ``ruler`` then ``lemmatizer`` (the model's own components) through a per-key cache."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple, tuple[int, int, int, int, int]] = {}
        index_as_sets(lemmatizer)
        self.enabled = supported(ruler.patterns)
        if not self.enabled:
            return
        self._strings = ruler.vocab.strings
        # The first tokens of two-token patterns: a token meeting one of them makes its next token's
        # attributes part of its own key, and its own attributes part of the next token's key.
        self._heads = [p[0] for e in ruler.patterns for p in e["patterns"] if len(p) == 2]
        # A token's label matters only through the label tests of the patterns the rest of it meets
        # ("aux" or not): the key holds those tests' outcomes as bits, not the label itself. (A
        # neighbour's label is already in the key through ``before``/``after``.)
        self._label_readers = [
            ({a: v for a, v in p[e.get("index", 0)].items() if a != "DEP"}, {"DEP": p[e.get("index", 0)]["DEP"]})
            for e in ruler.patterns for p in e["patterns"] if "DEP" in p[e.get("index", 0)]
        ]
        # Patterns that set a tag or label (whitespace tokens'): a token the rest of one could match
        # keys on its own label and caches the output tag and label outright.
        self._relabellers = [
            {a: v for a, v in p[e.get("index", 0)].items() if a not in ("DEP", "TAG")}
            for e in ruler.patterns for p in e["patterns"] if {"DEP", "TAG"} & set(e["attrs"])
        ]
        self._regex_memo: dict[tuple[str, int], bool] = {}
        self.enabled = len(self._label_readers) < 63 and not self._opens_pattern_text(_SEPARATOR)

    def _opens_pattern_text(self, text: str) -> bool:
        values = {"LOWER": text.lower(), "ORTH": text, "TAG": "_SP", "DEP": "dep", "IS_SPACE": text.isspace()}
        tails = [p[1] for e in self.ruler.patterns for p in e["patterns"] if len(p) == 2]
        return any(_satisfies(c, values) for c in self._heads + tails)

    def _mask(self, constraints: dict[str, Any], columns: dict[str, Any]) -> Any:
        """Which tokens meet one token pattern, over the doc's attribute columns (string hashes)."""
        import numpy

        mask = numpy.ones(len(columns["ORTH"]), dtype=bool)
        for attr, wanted in constraints.items():
            column = columns[attr]
            if attr == "IS_SPACE":
                mask &= column == int(bool(wanted))
            elif not isinstance(wanted, dict):
                mask &= column == self._strings.add(wanted)
            else:
                for op, arg in wanted.items():
                    if op == "REGEX":
                        mask &= self._regex_mask(arg, column)
                    else:
                        found = numpy.isin(column, [self._strings.add(v) for v in arg])
                        mask &= found if op == "IN" else ~found
        return mask

    def _regex_mask(self, regex: str, column: Any) -> Any:
        import numpy

        values, positions = numpy.unique(column, return_inverse=True)
        hits = []
        for value in values.tolist():
            known = self._regex_memo.get((regex, value))
            if known is None:
                known = self._regex_memo[(regex, value)] = bool(re.search(regex, self._strings[value]))
            hits.append(known)
        return numpy.array(hits, dtype=bool)[positions]

    def _keys(self, doc: Doc) -> tuple[list[tuple], list[int]]:
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG

        array = doc.to_array([ORTH, TAG, DEP, LOWER, IS_SPACE])
        columns = {name: array[:, k] for k, name in enumerate(("ORTH", "TAG", "DEP", "LOWER", "IS_SPACE"))}
        opens_mask = numpy.zeros(len(array), dtype=bool)
        for head in self._heads:
            opens_mask |= self._mask(head, columns)
        label_bits = numpy.zeros(len(array), dtype="int64")
        for bit, (rest, label) in enumerate(self._label_readers):
            label_bits |= (self._mask(rest, columns) & self._mask(label, columns)).astype("int64") << bit
        relabelled_mask = numpy.zeros(len(array), dtype=bool)
        for constraints in self._relabellers:
            relabelled_mask |= self._mask(constraints, columns)
        orths, tags, deps = (array[:, k].tolist() for k in range(3))
        opens, labels, relabelled = opens_mask.tolist(), label_bits.tolist(), relabelled_mask.tolist()
        last = len(orths) - 1
        keys = []
        for i, orth in enumerate(orths):
            before = (orths[i - 1], tags[i - 1], deps[i - 1]) if i and opens[i - 1] else None
            after = (orths[i + 1], tags[i + 1], deps[i + 1]) if opens[i] and i < last else None
            label = ("label", deps[i]) if relabelled[i] else labels[i]
            keys.append((orth, tags[i], label, before, after))
        return keys, deps

    def _compute(self, keys: list[tuple[tuple, int]], vocab: Any) -> None:
        """Fill the cache for ``keys`` by running the stock components on a synthetic doc: each key's
        token between the neighbours its key names, groups kept apart by a separator no pattern reads."""
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
        from spacy.tokens import Doc

        strings = vocab.strings
        words: list[str] = []
        tags: list[str] = []
        deps: list[str] = []
        targets: list[tuple[tuple, int]] = []
        for key, dep in keys:
            orth, tag, _, before, after = key
            if before is not None:
                words.append(strings[before[0]])
                tags.append(strings[before[1]])
                deps.append(strings[before[2]])
            targets.append((key, len(words)))
            words.append(strings[orth])
            tags.append(strings[tag])
            deps.append(strings[dep])
            if after is not None:
                words.append(strings[after[0]])
                tags.append(strings[after[1]])
                deps.append(strings[after[2]])
            words.append(_SEPARATOR)
            tags.append("_SP")
            deps.append("dep")
        doc = Doc(vocab, words=words, spaces=[False] * len(words), tags=tags, deps=deps,
                  heads=list(range(len(words))))
        doc = self.lemmatizer(self.ruler(doc))
        out = doc.to_array([POS, MORPH, LEMMA, TAG, DEP]).tolist()
        if len(self.cache) + len(targets) > _MAX_CACHE:
            self.cache.clear()
        for key, position in targets:
            pos, morph, lemma, new_tag, new_dep = out[position]
            if not isinstance(key[2], tuple):  # no pattern sets this token's tag or label: 0, unchanged
                new_tag = new_dep = 0
            self.cache[key] = (pos, morph, lemma, new_tag, new_dep)

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, POS

        if not self.enabled or not len(doc):
            return self.lemmatizer(self.ruler(doc))
        keys, deps = self._keys(doc)
        missing = list({k: d for k, d in zip(keys, deps, strict=True) if k not in self.cache}.items())
        if missing:
            self._compute(missing, doc.vocab)
        values = [self.cache[k] for k in keys]
        doc.from_array([POS, MORPH, LEMMA], numpy.array([v[:3] for v in values], dtype="uint64"))
        strings = doc.vocab.strings
        for i, value in enumerate(values):
            # Only whitespace tokens get a new tag or label from the ruler.
            if value[3]:
                doc[i].tag_ = strings[value[3]]
            if value[4]:
                doc[i].dep_ = strings[value[4]]
        return doc
