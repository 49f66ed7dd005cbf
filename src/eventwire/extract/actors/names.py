"""Document-level repairs of names and descriptions: what the tagger mislabels, shortens or leaves as a
title, resolved against the article's other mentions and the KB (stop 11's blind-audit families).

Each function reads one mention and the registry of the article's entities built so far; none changes a
feature of the trained models.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from eventwire.extract.actors.entities import PERSON_TITLES, Coding, EntityRegistry, fill_entity
from eventwire.kb import TITLE_SECTORS
from eventwire.nlp import entity_spans
from eventwire.nlp.table import token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.kb import KnowledgeBase
    from eventwire.records import Entity

# Nouns in TITLE_SECTORS that name an institution or a group, not one person.
INSTITUTION_NOUNS = {
    "government", "administration", "ministry", "cabinet", "regime", "authority", "army", "military", "navy",
    "police", "court", "parliament", "party", "opposition", "company", "firm", "bank", "newspaper", "church",
    "embassy", "consulate", "presidency", "force", "legislature", "assembly", "media", "corporation",
    "business", "tribunal", "judiciary", "battalion", "brigade", "aircraft", "state-department", "people",
    "civilian", "jury",
}
# Singular role nouns that describe a person (an unnamed source when no name is attached).
PERSON_ROLES = {w for w in TITLE_SECTORS if not w.endswith("s")} - INSTITUTION_NOUNS

# Last words of company names: "Mahan Air", "Ford Motor Company", "Toyota Motors".
# ("Bank" and "Group" are left out: "the West Bank", "the Group of Seven".)
COMPANY_NAME_WORDS = {"air", "airlines", "airways", "inc", "inc.", "ltd", "ltd.", "corp", "corp.", "corporation",
                      "company", "motors", "holdings", "plc", "llc"}


# Names of media, policies and diseases that parsers and the KB take for parties: platforms are not
# journalists, a policy or a virus receives nothing.
# (Compared without "the".)
NOT_PARTIES = {"social media", "brexit", "brexit movement", "corona", "coronavirus", "covid-19", "covid", "virus"}
NOT_PARTY_HEADS = {phrase.split()[-1] for phrase in NOT_PARTIES}
# Heads that name a state's own governing body: "their government" is the state itself.
STATE_BODY_NOUNS = {"government", "administration", "regime", "authorities", "state"}
# Words of titles that come before a name and are no given name ("Grand Master", "Dr.").
PERSON_TITLE_WORDS = PERSON_TITLES | {"master", "grandmaster", "grand", "sir", "dame", "lord", "lady", "rev",
                                      "father", "imam", "rabbi"}

# Head nouns of named bodies a bare definite description takes up again ("the US Embassy ... The embassy").
NAMED_INSTITUTION_HEADS = {"embassy", "consulate", "ministry", "party", "court", "army", "agency", "commission",
                           "council", "committee", "department", "company"}


def named_institution(tok: Token, registry: EntityRegistry) -> Entity | None:
    """The organisation last named before a bare "the embassy" whose name has that head word, when the
    description adds nothing of its own (no modifier, possessor or "of" phrase)."""
    lefts = list(tok.lefts)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in lefts) or any(
            c.dep_ in {"amod", "compound", "poss", "nmod"} for c in lefts):
        return None
    if any(c.dep_ == "prep" and c.lower_ in {"of", "for"} for c in tok.children):
        return None
    word = tok.lemma_.lower()
    best, best_start = None, -1
    for ent in registry.entities.values():
        if ent.kind != "ORG" or word not in ent.name.lower().split():
            continue
        before = [start for start, _ in ent.mentions if start < tok.idx]
        if before and max(before) > best_start:
            best, best_start = ent, max(before)
    return best


# Nouns for the one who did it; once the article names that person, each of them is the person.
PERPETRATOR_NOUNS = {"gunman", "shooter", "attacker", "assailant", "perpetrator", "suspect", "killer", "bomber"}
IDENTIFYING_VERBS = {"identify", "name"}


def name_the_perpetrator(doc: Doc, registry: EntityRegistry) -> None:
    """"officials identified the suspect as 21-year-old Patrick Crusius": every bare "a gunman", "the
    suspected gunman", "the suspect" of the article, before or after, is Crusius (when only one person is
    so identified)."""
    lemmas = token_table(doc).lemma  # one pass over the document's arrays, shared with the quote stage
    named: set[str] = set()
    for i in (i for i, lemma in enumerate(lemmas) if lemma in IDENTIFYING_VERBS):
        tok = doc[i]
        if tok.pos_ != "VERB":
            continue
        if not any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in PERPETRATOR_NOUNS for c in tok.children):
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                person = next((registry.entity_of(o) for o in prep.children if o.dep_ == "pobj"), None)
                if person is not None and person.kind == "PERSON":
                    named.add(person.id)
    if len(named) != 1:
        return
    person = registry.entities[named.pop()]
    for tok in (doc[i] for i, lemma in enumerate(lemmas) if lemma in PERPETRATOR_NOUNS):
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in PERPETRATOR_NOUNS and (
                registry.entity_of(tok) is None) and all(
                c.dep_ == "det" or c.lower_ in {"suspected", "alleged", "lone"} for c in tok.lefts):
            registry.add_mention(person, [tok])
            sector = TITLE_SECTORS.get(tok.lemma_.lower())
            if sector is not None:  # "gunman": the manual's UAF, unidentified armed forces
                fill_entity(person, Coding(None, sector, [f"sector:perpetrator:{tok.lemma_.lower()}"]))


# Offices with one holder per country at a time, as the KB's roles name them ("President of France").
SINGLE_HOLDER_OFFICES = {"president", "prime minister", "chancellor", "premier"}


def office_holder(kb, registry: EntityRegistry, tok: Token, country: str | None, when: date | None) -> Entity | None:
    """The person the KB has in this office of this country on the article's date, if the article names
    that person; else None."""
    office = role_key(tok)
    if country is None or office not in SINGLE_HOLDER_OFFICES:
        return None
    holders = {role.name for roles in kb.people.values() for role in roles
               if role.country == country and role.valid_on(when) and role.sector == "GOV"
               and role.role.lower().startswith(office + " of ")}
    if len(holders) != 1:
        return None
    return registry.person_named(holders.pop())


def apposed_role(span: Span) -> bool:
    """A name of two or more proper nouns followed by a person's role in apposition."""
    if len(span) < 2 or not all(t.pos_ == "PROPN" for t in span):
        return False
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in PERSON_ROLES
               for c in span.root.children)


def person_not_place(kb: KnowledgeBase, registry: EntityRegistry, span: Span) -> bool:
    """A name the tagger took for a place or an organisation that is the name or surname of a person the
    article already named, and nothing the KB files as a country or organisation."""
    return (registry.person_named(span.text, misspelt=True) is not None and kb.country(span.text) is None
            and kb.organisation(span.text) is None and kb.capital(span.text) is None)


def trailing_person_name(kb: KnowledgeBase, span: Span) -> Span | None:
    """The "Bernie Sanders" of an organisation span "Vermont Bernie Sanders": its last two words are a
    known given name and a capitalised surname, and the KB knows no organisation by the whole span."""
    if len(span) < 3 or kb.organisation(span.text) is not None:
        return None
    given, surname = span[-2], span[-1]
    if given.pos_ != "PROPN" or surname.pos_ != "PROPN" or not surname.text[:1].isupper():
        return None
    if given.text.lower() not in kb.given_names or span[-3].pos_ != "PROPN":
        return None
    return span.doc[span.end - 2 : span.end]


# Words a compound title is made of: "the Prime Minister" is Matovič's title, not a description of him.
TITLE_COMPOUNDS = {"prime", "deputy", "vice", "foreign", "defence", "defense", "finance", "interior", "chief",
                   "first", "attorney", "general", "secretary", "state", "supreme", "crown"}


def role_key(tok: Token) -> str:
    """The role a title noun names, with the title words before it: "prime minister" (not "minister":
    a deputy prime minister or a finance minister is someone else)."""
    words = [c.lower_ for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.lower_ in TITLE_COMPOUNDS]
    return " ".join([*words, tok.lemma_.lower()])


def has_own_descriptor(tok: Token) -> bool:
    return any(c.dep_ in {"amod", "compound"} and c.lower_ not in TITLE_COMPOUNDS for c in tok.lefts)


def country_after(kb, span) -> tuple[str, str] | None:
    """(ISO code, name) of a country named right after a titled name: "... Igor Matovič of the Slovak
    Republic", "President Emmanuel Macron of France"."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ != "of":
        return None
    for ent_start, _, label, ent_text in entity_spans(doc):
        if label == "GPE" and span.end < ent_start <= span.end + 2 and all(
                doc[k].lower_ == "the" for k in range(span.end + 1, ent_start)):
            name = ent_text[4:] if ent_text.lower().startswith("the ") else ent_text
            iso = kb.country(name)
            return (iso, name) if iso is not None else None
    return None


def surname_partner(kb: KnowledgeBase, span: Span) -> Token | None:
    """The surname a lone given name shares with the full name it is coordinated with ("David and Louise
    Turpin", "Bill and Hillary Clinton"): the last word of the next name, else None."""
    doc = span.doc
    if len(span) != 1 or span.end + 1 >= len(doc) or doc[span.end].lower_ not in {"and", "&"}:
        return None
    if kb.gender(span.text) is None or kb.known_person(span.text):
        return None
    partner = next((e for e in doc.ents if e.start == span.end + 1), None)
    if partner is None or partner.label_ != "PERSON" or len(partner) < 2:
        return None
    return partner[-1]


def name_with_its_remit(span: Span) -> Span | None:
    """An organisation's name that goes on with "for" and a capitalised name: "the United States District
    Court for the Southern District of New York", "the Office for Civil Rights". None when it does not."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].lower_ != "for" or span[-1].is_punct:
        return None
    k = end + 1
    if doc[k].lower_ == "the":
        k += 1
    last = None
    while k < len(doc) and (doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN"
                            or doc[k].lower_ in {"of", "and"} and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()):
        if doc[k].pos_ == "PROPN":
            last = k
        k += 1
    if last is None:
        return None
    return doc[span.start : last + 1]


GENERATIONAL_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def with_generational_suffix(span: Span) -> Span:
    """The person's name with the "Jr." (", Jr.", "III") the tagger left after it: a father and a son share
    the rest of the name."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in GENERATIONAL_SUFFIXES:
        return doc[span.start : end + 2]
    if end < len(doc) and doc[end].lower_ in GENERATIONAL_SUFFIXES and doc[end].text[:1].isupper():
        return doc[span.start : end + 1]
    return span


def with_given_name(kb: KnowledgeBase, span: Span) -> Span:
    """A surname the tagger took alone, with the capitalised word before it that names the same person
    ("Iranian Grand Master Ehasn [Ghaem-Maghami]"): a proper-noun compound of the name that is no title,
    nationality or country, itself preceded by a title or a nationality."""
    doc = span.doc
    one_word = all(not t.whitespace_ for t in span[:-1])  # "Ghaem-Maghami" is three tokens
    if not one_word or span.start == 0:
        return span
    given = doc[span.start - 1]
    if not (given.pos_ == "PROPN" and given.dep_ == "compound" and span.start <= given.head.i < span.end
            and given.text[:1].isupper() and given.text.isalpha()):
        return span
    word = given.text.lower().rstrip(".")
    if word in TITLE_SECTORS or word in PERSON_TITLE_WORDS or kb.demonym(given.text) or kb.country(given.text):
        return span
    before = doc[span.start - 2] if span.start >= 2 else None
    if before is None or not (before.lower_ in TITLE_SECTORS or before.lower_.rstrip(".") in PERSON_TITLE_WORDS
                              or kb.demonym(before.text)):
        return span
    return doc[span.start - 1 : span.end]


def names_no_party(token: Token) -> bool:
    """The phrase up to its head is a medium, policy or virus that is no party (``NOT_PARTIES``)."""
    if token.lower_ not in NOT_PARTY_HEADS:
        return False
    words = [t.lower_ for t in token.lefts if t.dep_ in {"compound", "amod", "det"} for t in t.subtree]
    return " ".join(w for w in [*words, token.lower_] if w != "the") in NOT_PARTIES


def nationality_and_name(kb: KnowledgeBase, span: Span) -> bool:
    """A nationality followed by a body's proper name in one span: "Belarusian KGB"."""
    return (len(span) >= 2 and kb.demonym(span[0].text) is not None and span[-1].pos_ == "PROPN"
            and kb.demonym(span[-1].text) is None and kb.country(span[-1].text) is None)
