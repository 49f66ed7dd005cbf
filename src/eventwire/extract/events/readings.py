"""Readings of a coded event that the PLOVER manual settles beyond its trigger: arms given as backing are
AID, terms agreed in a concluded deal are the deal's, a yielding act answers whom it responds to, and an
allegation beside the conviction the article reports is not coded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.extract.events.triggers import AGREEMENT_NOUNS

if TYPE_CHECKING:
    from eventwire.extract.actors import DocEntities
    from eventwire.extract.events.triggers import Trigger
    from eventwire.records import Actor, Event

PROVIDING_LEMMAS = {"provide", "send", "supply", "deliver", "give", "lend"}
MILITARY_MEANS = {"airstrike", "airstrikes", "troop", "troops", "weapon", "weapons", "arm", "arms", "ammunition",
                  "soldier", "soldiers", "jet", "jets", "missile", "missiles", "drone", "drones", "tank", "tanks",
                  "warplane", "warplanes", "artillery", "munitions"}


def backs_with_arms(trigger: Trigger) -> bool:
    """Backing given with arms or forces: a providing clause beside the support ("started supporting the
    government of Hadi ..., providing airstrikes") whose object is a military means."""
    pred = trigger.predicate
    hosts = [pred] + ([pred.head] if pred.dep_ in {"xcomp", "ccomp", "conj"} and pred.head.i != pred.i else [])
    for host in hosts:
        for clause in host.children:
            if clause.dep_ in {"advcl", "conj", "xcomp"} and clause.lemma_.lower() in PROVIDING_LEMMAS and any(
                    o.dep_ == "dobj" and o.lemma_.lower() in MILITARY_MEANS for o in clause.children):
                return True
    return False


CONCLUDED = AGREEMENT_NOUNS | {"memoranda"}


def terms_of(verb) -> bool:
    """"the memoranda in which Turkey and Libya agreed on maritime borders", "In the November 27 deal, they
    agreed on a line": what was agreed in a concluded agreement, its terms."""
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in CONCLUDED:
        return True
    return any(c.dep_ == "prep" and c.lower_ in {"in", "under"} and any(
        o.dep_ == "pobj" and o.lemma_.lower() in CONCLUDED for o in c.children) for c in verb.children)


RESPONSE_NOUNS = {"response", "compliance", "deference", "reply", "answer", "obedience"}
DEMAND_NOUNS = {"statement", "demand", "request", "order", "call", "command", "pressure", "criticism", "ultimatum"}


def yielded_to(trigger: Trigger, entities: DocEntities) -> Actor | None:
    """The party a yielding act answers: "in response to a statement from King X", "in compliance with the
    court's order", "in response to Beijing's demands"."""
    for prep in (t for t in trigger.predicate.subtree if t.dep_ == "prep" and t.lower_ in {"in", "under"}):
        for noun in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in RESPONSE_NOUNS):
            for cue in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"to", "with"}):
                for what in (o for o in cue.children if o.dep_ == "pobj"):
                    candidates = [what]
                    if what.lemma_.lower() in DEMAND_NOUNS:
                        candidates = [c for c in what.children if c.dep_ == "poss"] + [
                            o for p in what.children if p.dep_ == "prep" and p.lower_ in {"from", "by"}
                            for o in p.children if o.dep_ == "pobj"]
                    for candidate in candidates:
                        candidate = next((a for a in candidate.children if a.dep_ == "appos"), candidate)
                        found = entities.actor_for(candidate)
                        if found is not None and (found.country is not None or found.sector is not None):
                            return found
    return None


def without_proven_allegations(events: list[Event]) -> list[Event]:
    """The manual: "When an accusation or allegation is also reported alongside a formal conviction, ACCUSE
    'allege' should not be coded" (the prosecution's charges beside the jury's verdict)."""
    convicted = {e.recipient.entity_id for e in events
                 if e.event_type == "SANCTION" and e.mode == "convict" and e.recipient is not None
                 and e.recipient.entity_id and e.modality in {"asserted", "historical"}}
    return [e for e in events if not (e.event_type == "ACCUSE" and e.mode == "allege" and e.recipient is not None
                                      and e.recipient.entity_id in convicted)]
