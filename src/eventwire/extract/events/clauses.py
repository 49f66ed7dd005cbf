"""Who does a verb whose subject is not its own child: implicit subjects through coordination, control
("urged Putin to withdraw", "called on Russia to withdraw", "paid bounties to the Taliban to kill") and
relative clauses. Used by :mod:`.arguments`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp import first_conjunct

if TYPE_CHECKING:
    from spacy.tokens import Token


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, passive?) of a verb, climbing through xcomp/conj/relcl/advcl for implicit subjects."""
    current = verb
    for _ in range(4):
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        passive = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return pobj, True
        subj = next((c for c in current.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is not None:
            return subj, False
        if passive is not None:
            return None, True
        if current.dep_ == "relcl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head, False
        above = _finite_conjunct_host(current)
        if above is not None:
            current = above
            continue
        if current.dep_ in {"xcomp", "advcl"} and current.head.i != current.i:
            # "called on Russia to withdraw", "paid bounties to the Taliban to kill": the one asked or paid.
            preps = PREP_CONTROLLERS.get(current.head.lemma_.lower(), set())
            controller = next((o for p in current.head.children if p.dep_ == "prep" and p.lower_ in preps
                               for o in p.children if o.dep_ == "pobj"), None)
            if controller is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
                return controller, False
        if current.dep_ == "xcomp" and current.head.i != current.i:
            # Object control: "urged Putin to withdraw": Putin, not the urger, would withdraw.
            controller = next((c for c in current.head.children if c.dep_ in {"dobj", "dative"}), None)
            if controller is not None:
                return controller, False
        # "France is ready to contribute troops": the adjective's subject is the infinitive's ("was unable to
        # negotiate a deal" reports no negotiation, and modality has no cue for it: no subject).
        if current.dep_ == "acomp" and current.lemma_.lower() in UNABLE_ADJECTIVES:
            break
        if current.dep_ in {"xcomp", "conj", "advcl", "acl", "pcomp", "acomp"} and current.head.i != current.i:
            current = current.head
            continue
        break
    return None, False


FINITE_PAST_OR_PRESENT = {"VBD", "VBZ"}
# Verbs whose infinitive is done by the object of a preposition: the one called on, appealed to or paid.
PREP_CONTROLLERS = {"call": {"on", "upon"}, "appeal": {"to"}, "plead": {"with"}, "pay": {"to"}, "offer": {"to"}}
UNABLE_ADJECTIVES = {"unable", "unwilling", "reluctant", "hesitant", "loath", "powerless", "afraid", "unlikely"}


def _finite_conjunct_host(verb: Token) -> Token | None:
    """The finite verb a finite conjunct really shares its subject with, when the parser hangs it from an
    infinitive or a modal's verb: in "Raab urged the embassy to reconsider and spoke with Pompeo" and
    "Hawkins predicted Trump would lose and asked voters ...", "spoke" and "asked" are past-tense forms, so
    they cannot be coordinated with "to reconsider" or "would lose": their subject is the urger's or
    the predictor's, not the embassy or Trump. None when the conjunct is not such a case."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in FINITE_PAST_OR_PRESENT or head.tag_ != "VB" or head.i == verb.i:
        return None
    if not any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in head.children):
        return None
    above = head.head
    while above.tag_ not in FINITE_PAST_OR_PRESENT and above.head.i != above.i:
        above = above.head
    return above if above.i != head.i and above.tag_ in FINITE_PAST_OR_PRESENT else None


# Verbs whose clause is only a claim: "Tamim claimed Houthis have attacked journalists", "The Atlantic
# claimed that ... Trump refused to visit a cemetery", "Bolton claims Trump asked Xi for help".
CLAIM_VERBS = {"claim", "allege"}


def claimed_by(pred: Token) -> Token | None:
    """The claiming verb whose clause ``pred`` is (through coordination), else None."""
    clause = first_conjunct(pred)
    if clause.dep_ == "ccomp" and clause.head.i != clause.i and clause.head.lemma_.lower() in CLAIM_VERBS:
        return clause.head
    return None
