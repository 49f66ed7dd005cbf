"""The tense of the verb that governs a time expression, read off the spaCy parse.

"will meet on Monday" -> future, "met on Monday" -> past. Returns "past", "future", "present" or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "ll"}
# Verbs whose infinitive complement lies ahead: "plans to meet on Monday".
FUTURE_GOVERNORS = {
    "plan", "expect", "schedule", "intend", "hope", "want", "aim", "propose", "prepare", "set", "due",
    "go", "seek", "promise", "vow", "threaten", "agree", "decide", "try", "wish", "need", "likely",
}
# Present-tense reporting verbs describe past speech in news ("Biden says Monday ...").
REPORTING_VERBS = {"say", "tell", "report", "announce", "confirm", "claim", "state", "add", "write"}
MAX_CLIMB = 8


def governing_verb(doc: Doc, start_char: int, end_char: int) -> Token | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxiliaries}
    if aux_words & FUTURE_AUXILIARIES or verb.lower_ in FUTURE_AUXILIARIES:
        return "future"
    if verb.tag_ == "VB" and "to" in aux_words:
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in FUTURE_GOVERNORS:
            return "future"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX", "ADJ") and depth < 3:
            return verb_tense(head, depth + 1)
        return None
    if any(a.tag_ == "VBD" for a in auxiliaries):
        # "was scheduled to", "were expected" still point forward; other past auxiliaries do not.
        if verb.lemma_.lower() in FUTURE_GOVERNORS and any(c.dep_ == "xcomp" for c in verb.children):
            return "future"
        return "past"
    if aux_words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN":
        return "past"
    if aux_words & {"would", "could", "might", "may", "should", "must", "can"}:
        return None
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        return "present" if auxiliaries else "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "past" if verb.lemma_.lower() in REPORTING_VERBS else "present"
    if verb.tag_ == "VBG":
        if any(a.tag_ == "VBD" for a in auxiliaries):
            return "past"
        if auxiliaries:
            return "present"
    if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl") and verb.head.i != verb.i and depth < 3:
        return verb_tense(verb.head, depth + 1)
    return None


def tense_at(doc: Doc, start_char: int, end_char: int) -> str | None:
    verb = governing_verb(doc, start_char, end_char)
    return verb_tense(verb) if verb is not None else None
