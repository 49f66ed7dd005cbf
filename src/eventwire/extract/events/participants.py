"""Named participants the tagger cut or missed, read off the parse: titled names ("Judge Amy Berman
Jackson"), whole names the KB knows ("the United States House of Representatives"), surnames of the
article's people, candidates' campaigns, the second of two coordinated nationalities ("US and Russian
officials"), objects the parser split in two ("two people smugglers"). Used by :mod:`.arguments`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.extract.actors import WEAK_COUNTRY_REASONS
from eventwire.extract.actors.entities import code_descriptor
from eventwire.kb import TITLE_SECTORS
from eventwire.nlp import doc_text
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.extract.actors import DocEntities

CAMPAIGN_NOUNS = {"campaign"}


def proper_name_run(head: Token) -> tuple[str, tuple[int, int]] | None:
    """The proper-noun compounds before ``head``, the head and a proper "of" phrase after it, when there
    is more than the head: "United States House of Representatives"."""
    left = head
    while (prev := head.doc[left.i - 1] if left.i > 0 else None) is not None and prev.pos_ == "PROPN" and (
            prev.head.i == head.i or prev.head.i == left.i) and prev.dep_ in {"compound", "nmod"}:
        left = prev
    right = head
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if of is not None else None
    if obj is not None and obj.i == of.i + 1:
        right = obj
    if left.i == right.i:
        return None
    start, end = left.idx, right.idx + len(right.text)
    return doc_text(head.doc)[start:end], (start, end)


# Words before a company's name that TITLE_SECTORS does not list: "airline Mahan Air", "carrier Aeroflot".
COMPANY_WORDS = {"airline", "carrier", "airliner", "shipper", "automaker", "carmaker", "retailer", "conglomerate"}


def titled_untagged_name(entities: DocEntities, head: Token) -> Actor | None:
    """"Judge Amy Berman Jackson", "Governor Ricardo Rosselló Nevares" when the tagger missed the name's last
    word: the named person, coded by the title before the name (not the bare title "Judge"); "Iranian
    airline Mahan Air", which the tagger took for a facility: the named company, of its adjective's
    country (not the state of Iran)."""
    compounds = [c for c in head.lefts if c.dep_ == "compound"]
    titles = [i for i, c in enumerate(compounds) if c.lemma_.lower() in TITLE_SECTORS or c.lemma_.lower() in COMPANY_WORDS]
    if not titles:
        return None
    title = compounds[titles[-1]].lemma_.lower()
    name = [c for c in compounds[titles[-1] + 1 :] if c.pos_ == "PROPN"] + [head]
    if len(name) < 2:
        return None  # a title and one word may name an office, not a person ("Senate President")
    coding = code_descriptor(entities.registry.kb, head)
    if title in COMPANY_WORDS:
        coding.sector, coding.reasons = "BUS", [*coding.reasons, f"sector:title:{title}"]
    if coding.sector is None:
        return None
    start = compounds[0].left_edge.idx  # with the compound's own modifiers: "Iranian airline"
    end = head.idx + len(head.text)
    text = doc_text(head.doc)[start:end]
    person = " ".join(t.text for t in name)
    return Actor(text=text, span=(start, end), name=person, country=coding.country, sector=coding.sector,
                 reasons=["arg:titled-untagged-name", *coding.reasons])


def named_person(entities: DocEntities, text: str, start: int) -> Actor | None:
    """The article's person known by this name or surname, for a mention the tagger did not tag."""
    person = entities.registry.person_named(text, misspelt=True)
    if person is None:
        return None
    context = [r for r in person.reasons if r.startswith(WEAK_COUNTRY_REASONS)]
    return Actor(text=text, span=(start, start + len(text)), name=person.name, country=person.country,
                 sector=person.sector, entity_id=person.id, reasons=["arg:untagged-name", *context])


def campaign_of(entities: DocEntities, head: Token) -> Actor | None:
    """"The Trump campaign", "his campaign": a candidate's campaign organisation acts as a party (PTY) of
    the candidate's country, not as the candidate (who may hold office: GOV). It is no entity of its own
    (nor the candidate's KB entry); :func:`same_side` knows it is the candidate's."""
    owner = next((c for c in head.children if c.dep_ in {"compound", "poss"}), None)
    person = entities.actor_for(owner) if owner is not None else None
    if person is None or person.entity_id is None:
        return None
    entity = entities.entity(person.entity_id)
    if entity is None or entity.kind != "PERSON":
        return None
    start = min(t.idx for t in head.subtree if t.i <= head.i)
    end = head.idx + len(head.text)
    context = [r for r in person.reasons if r.startswith(WEAK_COUNTRY_REASONS)]
    return Actor(text=doc_text(head.doc)[start:end], span=(start, end), name=f"{entity.name} campaign",
                 country=person.country, sector="PTY", reasons=[f"{CAMPAIGN_REASON}{entity.name}", *context])


CAMPAIGN_REASON = "arg:campaign-of:"


def same_side(actor: Actor, other: Actor) -> bool:
    """One participant twice: the same entity, or a candidate and their own campaign ("Warren would be
    suspending her campaign")."""
    if actor.entity_id is not None and actor.entity_id == other.entity_id:
        return True
    return any(r == f"{CAMPAIGN_REASON}{b.name}" for a, b in ((actor, other), (other, actor)) for r in a.reasons)

# Modifiers of a noun that name its participant ("a Russian attack", "US officials").
MODIFIER_DEPS = {"amod", "compound", "nmod"}


def coordinated_modifier(entities: DocEntities, head: Token, actor: Actor) -> Actor | None:
    """The second of two coordinated nationality modifiers of one plural noun, coded with another country
    than the first (the actor)."""
    if head.tag_ not in {"NNS", "NNPS"}:
        return None
    for modifier in head.children:
        if modifier.dep_ not in MODIFIER_DEPS:
            continue
        for other in modifier.children:
            if other.dep_ != "conj":
                continue
            kb = entities.registry.kb
            iso = kb.demonym(other.text) or kb.country(other.text)
            if iso is not None and iso != actor.country:
                return Actor(text=other.text, span=(other.idx, other.idx + len(other.text)),
                             name=kb.country_names.get(iso, other.text), country=iso,
                             reasons=[f"country:demonym:{other.text}"])
    return None


def names_itself(entities: DocEntities, pred: Token, actor: Actor) -> bool:
    """A proper-name possessor in the verb's own phrase is the same entity as the actor."""
    if actor.entity_id is None:
        return False
    surname = actor.name.split()[-1] if actor.name else None
    for tok in pred.subtree:
        if tok.dep_ == "poss" and tok.pos_ == "PROPN":
            owner = entities.registry.entity_of(tok)
            if (owner is not None and owner.id == actor.entity_id) or (owner is None and tok.text == surname):
                return True  # (an untagged "May's" may be read as the month by the tagger)
    return False


def split_object(obj: Token) -> Token:
    """The parser sometimes splits a compound object in two ("sentenced two people smugglers": "people"
    the object and "smugglers" the verb's object or conjunct): the noun right after it is the head."""
    doc = obj.doc
    nxt = doc[obj.i + 1] if obj.i + 1 < len(doc) else None
    if (obj.dep_ == "dobj" and nxt is not None and nxt.dep_ in {"dobj", "conj"} and nxt.head.i == obj.head.i
            and nxt.pos_ == "NOUN"):
        return nxt
    return obj
