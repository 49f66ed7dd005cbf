"""Document-level entities: collect name mentions, cluster name variants, code country and sector."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from eventwire.kb import TITLE_SECTORS, KnowledgeBase, compound_title_sector, normalise
from eventwire.nlp import entity_spans
from eventwire.records import Entity, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART"}
PERSON_TITLES = {
    "president", "mr", "mrs", "ms", "dr", "prime", "minister", "secretary", "senator", "general", "gen",
    "king", "queen", "prince", "chancellor", "governor", "mayor", "pope", "sheikh", "ayatollah", "sen",
    "rep", "vice", "foreign", "defence", "defense", "state", "spokesman", "spokeswoman",
}


@dataclass
class Coding:
    country: str | None = None
    sector: str | None = None
    reasons: list[str] = field(default_factory=list)

    def fill(self, other: Coding) -> None:
        """Take the other's values where ours are missing (first evidence wins)."""
        if self.country is None and other.country is not None:
            self.country = other.country
            self.reasons += [r for r in other.reasons if r.startswith(("country", "kb", "metonym"))]
        if self.sector is None and other.sector is not None:
            self.sector = other.sector
            self.reasons += [r for r in other.reasons if r.startswith(("sector", "kb", "metonym"))]


# The words that overrule a KB role valid on the date. "then" ("then-newly elected President Zelensky") and
# "outgoing" describe someone who may still hold the office.
OFFICE_GONE_WORDS = {"former", "ex", "ex-", "late", "ousted", "deposed", "exiled", "retired"}
# A former candidate held no office by being one ("former presidential candidate Elizabeth Warren").
CANDIDACY_TITLES = {"candidate", "nominee", "contender", "hopeful"}

PLACE_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "within", "across", "around", "throughout"}


def code_name(kb: KnowledgeBase, text: str, label: str, when: date | None) -> Coding:
    """Country and sector of a proper name from the knowledge base alone."""
    if label == "PERSON" and (role := kb.person(text, when)) is not None:
        return Coding(role.country, role.sector, [f"kb:person:{role.name}"])
    if label == "PERSON" and (country := kb.person_country(text)) is not None:
        # A known person out of office keeps a nationality, without a sector ("Biden" in 2020).
        return Coding(country, None, [f"kb:person-out-of-role:{text}"])
    if (org := kb.organisation(text)) is not None:
        return Coding(org.country, org.sector, [f"kb:org:{org.name}"])
    if (iso := kb.country(text)) is not None and label != "PERSON":
        return Coding(iso, None, [f"country:name:{text}"])
    if (iso := kb.capital(text)) is not None and label != "PERSON":
        return Coding(iso, "GOV", [f"metonym:capital:{text}"])
    if (iso := kb.demonym(text)) is not None and label != "PERSON":
        return Coding(iso, None, [f"country:demonym:{text}"])
    return Coding()


def code_descriptor(kb: KnowledgeBase, head: Token) -> Coding:
    """Code a noun phrase from its words: "Russian President", "US officials", "the Kremlin",
    "a senior White House official", "the president of the United States"."""
    coding = Coding()
    # Not through a place phrase: "its embassy in Israel" is not Israeli, "troops in Syria" not Syrian.
    placed = {t.i for p in head.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPOSITIONS for t in p.subtree}
    words = [t for t in head.subtree if not t.is_punct and t.i not in placed]
    indices = {t.i for t in words}
    head_is_title = head.lemma_.lower() in TITLE_SECTORS
    first, last = head.left_edge.i, head.right_edge.i
    for ent_start, ent_end, ent_label, ent_text in entity_spans(head.doc):
        if ent_end <= first or ent_start > last:
            continue  # outside the phrase: neither holds the head nor lies inside it
        inside_phrase = all(i in indices for i in range(ent_start, ent_end))
        # Multi-word organisation names in or around the phrase ("White House official").
        if (ent_start <= head.i < ent_end or inside_phrase) and (org := kb.organisation(ent_text)) is not None:
            coding.fill(Coding(org.country, None, [f"kb:org:{org.name}"]))
            if not head_is_title:
                coding.fill(Coding(None, org.sector, [f"sector:org:{org.name}"]))
        # Country names spanning several tokens ("the United States", "South Korea").
        if ent_label in {"GPE", "NORP", "LOC"} and inside_phrase:  # spaCy often tags "Ivory Coast" LOC
            if (iso := kb.country(ent_text) or kb.demonym(ent_text)) is not None:
                coding.fill(Coding(iso, None, [f"country:descriptor:{ent_text}"]))
    for t in words:
        if t.i == head.i:
            continue
        if (iso := kb.demonym(t.text) or kb.country(t.text)) is not None:
            coding.fill(Coding(iso, None, [f"country:descriptor:{t.text}"]))
        elif (iso := kb.capital(t.text)) is not None and t.dep_ in {"compound", "poss", "nmod"}:
            # "a Moscow court" is Russian and judicial: a titled head keeps its own sector.
            head_titled = head.lemma_.lower() in TITLE_SECTORS
            coding.fill(Coding(iso, None if head_titled else "GOV", [f"metonym:capital:{t.text}"]))
        elif (iso := kb.capital(t.text)) is not None and head_is_title and t.dep_ == "pobj" and (
                t.head.lower_ == "of" and t.head.head.i == head.i):
            # "the mayor of London": the title's own country, not the capital as a state actor.
            coding.fill(Coding(iso, None, [f"country:title-of-capital:{t.text}"]))
    sector = compound_title_sector([t.text for t in head.lefts if t.dep_ == "compound"] + [head.text]) or (
        TITLE_SECTORS.get(head.lemma_.lower()) or TITLE_SECTORS.get(head.text.lower()))
    gone = next((c.lower_ for c in head.lefts if c.dep_ in {"amod", "advmod"} and c.lower_ in OFFICE_GONE_WORDS
                 and head.lemma_.lower() not in CANDIDACY_TITLES), None)
    civilian = next((c for c in head.lefts if c.dep_ in {"amod", "compound"} and c.lower_ == "civilian"), None)
    if sector is not None and gone is not None:
        # "Former Vice President, Joe Biden": the office is gone, so an elite (CAMEO's ELI), as for titles.
        coding.fill(Coding(None, "ELI", ["sector:former-title", f"sector:former-word:{gone}"]))
    elif sector is not None and civilian is not None and sector in {"GOV", "MIL", "COP"}:
        # "16 Russian civilian advisers", "civilian staff": the word says they are not officials.
        coding.fill(Coding(None, "CVL", ["sector:civilian-modifier", f"sector:title:{head.lemma_.lower()}"]))
    elif sector is not None:
        coding.fill(Coding(None, sector, [f"sector:title:{head.lemma_.lower()}"]))
    else:
        for t in words:
            s = TITLE_SECTORS.get(t.lemma_.lower())
            if s is not None and t.dep_ in {"compound", "amod"}:
                coding.fill(Coding(None, s, [f"sector:title:{t.lemma_.lower()}"]))
                break
    return coding


def clean_name_span(span: Span) -> Span | None:
    """Trim quotes, possessives and stray leading words that NER swept into a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].pos_ in {"VERB", "ADP", "SCONJ"}):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end] if start < end else None


def _one_edit_apart(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbouring letters turns ``a`` into ``b``, the first
    letter kept."""
    if a == b or abs(len(a) - len(b)) > 1 or a[:1] != b[:1]:
        return False  # a different first letter is another name ("Powell", "Howell")
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1:]


# Head words of the names of state bodies: "National Telecommunications Commission", "Ministry of Health".
STATE_INSTITUTION_WORDS = {"commission", "ministry", "department", "agency", "bureau", "directorate",
                           "inspectorate"}


class EntityRegistry:
    """Builds entities in document order and remembers which token belongs to which entity."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, when: date | None, article_key: str):
        self.doc = doc
        self.kb = kb
        self.when = when
        self.article_key = article_key
        self.entities: dict[str, Entity] = {}
        self.token_entity: dict[int, str] = {}
        self._by_key: dict[str, str] = {}  # normalised name or surname -> entity id

    def _new(self, name: str, kind: str, coding: Coding) -> Entity:
        ent = Entity(
            id=stable_id(self.article_key, kind, normalise(name), prefix="e"),
            name=name,
            kind=kind,
            country=coding.country,
            sector=coding.sector,
            reasons=list(coding.reasons),
        )
        self.entities[ent.id] = ent
        return ent

    def add_mention(self, entity: Entity, tokens: Span | list[Token]) -> None:
        toks = list(tokens)
        if not toks:
            return
        span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
        if span not in entity.mentions:
            entity.mentions.append(span)
        for t in toks:
            self.token_entity.setdefault(t.i, entity.id)

    def person(self, span: Span) -> Entity:
        tokens = [t for t in span if t.text.lower().rstrip(".") not in PERSON_TITLES] or list(span)
        # Words, not tokens: "Ghaem-Maghami" is one surname, not a first and a last name.
        words, start = [], tokens[0].i
        for k, tok in enumerate(tokens):
            if tok.whitespace_ or k == len(tokens) - 1 or tokens[k + 1].i != tok.i + 1:
                words.append(tok.doc[start : tok.i + 1])
                if k + 1 < len(tokens):
                    start = tokens[k + 1].i
        name = " ".join(w.text for w in words)
        return self._person_words(name, words)

    def person_with_surname(self, span: Span, surname: Token) -> Entity:
        """"David" in "David and Louise Turpin": the given name with the coordinated name's surname."""
        return self._person_words(f"{span.text} {surname.text}", [span[0], surname])

    def _person_words(self, name: str, tokens: list) -> Entity:
        # A surname alone may name a known person ("Biden"); a full name must match as a whole
        # ("Michelle Obama" is not Barack Obama).
        canonical = self.kb.known_person(name) or (
            self.kb.known_person(tokens[-1].text) if len(tokens) == 1 else None)
        keys = [normalise(name), normalise(tokens[-1].text)]
        if canonical:
            keys.insert(0, normalise(canonical))
        surname_key = normalise(tokens[-1].text)
        if len(tokens) == 1 and not canonical and not any(key in self._by_key for key in keys):
            # "Osama was killed" after "Osama bin Laden"; "Hosni's" after "Hosni Mubarak"; a misspelt surname.
            known = self._given_name_of(tokens[0].text) or self.person_named(name, misspelt=True)
            if known is not None:
                self.add_key(normalise(name), known)
                return known
        for key in keys:
            if key in self._by_key:
                ent = self.entities[self._by_key[key]]
                if key == surname_key and len(tokens) > 1 and len(ent.name.split()) > 1 and key != normalise(name):
                    continue  # two full names sharing a surname are two people
                if len(name) > len(ent.name) and not canonical and ent.name in name:
                    ent.name = name  # the fuller variant becomes the display name
                break
        else:
            coding = code_name(self.kb, canonical or name, "PERSON", self.when)
            ent = self._new(canonical or name, "PERSON", coding)
        for key in keys:
            self._by_key.setdefault(key, ent.id)
        return ent

    def _the_one(self, kind: str, fits) -> Entity | None:
        """The one entity of ``kind`` whose name ``fits`` (None if none or several)."""
        matches = {eid for eid in self._by_key.values()
                   if (ent := self.entities[eid]).kind == kind and fits(ent.name)}
        return self.entities[matches.pop()] if len(matches) == 1 else None

    def _given_name_of(self, word: str) -> Entity | None:
        """The one person of the article whose full name starts with ``word``."""
        first = normalise(word)
        return self._the_one("PERSON", lambda name: len(name.split()) > 1 and normalise(name.split()[0]) == first)

    def short_form_of(self, key: str) -> Entity | None:
        """The one organisation of the article whose longer name starts with these words."""
        return self._the_one("ORG", lambda name: normalise(name).startswith(key + " "))

    def add_key(self, key: str, entity: Entity) -> None:
        self._by_key.setdefault(key, entity.id)

    def named(self, span: Span, kind: str) -> Entity | None:
        coding = code_name(self.kb, span.text, kind, self.when)
        if kind == "ORG" and coding.country is None:
            coding = code_descriptor(self.kb, span.root)
            head = span.root.lemma_.lower()
            if coding.sector is None and head in STATE_INSTITUTION_WORDS and span.root.text[:1].isupper():
                # "The National Telecommunications Commission": a named state body; its country comes from
                # its words or, at the event, from the article's context.
                coding.sector = "GOV"
                coding.reasons.append(f"sector:institution-name:{head}")
        if kind in {"GPE", "LOC", "FAC"} and coding.country is None:
            return None  # a city or region is a place (places stage), not promoted to an actor
        org = self.kb.organisation(span.text)
        key = normalise(org.name if org is not None else span.text)  # "the Kremlin" == "Kremlin"
        if key in self._by_key:
            return self.entities[self._by_key[key]]
        if coding.country is None and (fuller := self.short_form_of(key)) is not None:
            self._by_key[key] = fuller.id  # "Mahan's permit" after "Iranian airline Mahan Air"
            return fuller
        if org is None and (spelled := self._spelled_out(span.text)) is not None:
            self._by_key[key] = spelled.id  # "the NTC" after "The National Telecommunications Commission (NTC)"
            return spelled
        name = span.text[4:] if span.text.lower().startswith("the ") else span.text
        ent = self._new(name, kind, coding)
        self._by_key[key] = ent.id
        return ent

    def _spelled_out(self, acronym: str) -> Entity | None:
        """The organisation named earlier whose capitalised words' initials spell ``acronym``."""
        if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        for ent in self.entities.values():
            words = [w for w in ent.name.split() if w[:1].isupper() and w.lower() not in {"the", "of", "and", "for"}]
            if ent.kind == "ORG" and len(words) == len(acronym) and "".join(w[0] for w in words) == acronym:
                return ent
        return None

    def unnamed(self, tokens: list[Token], coding: Coding) -> Entity:
        """Unnamed sources ("a senior White House official") are entities too, matched by their words."""
        words = [t.text for t in tokens if t.lower_ not in {"a", "an", "the", "this", "that"} and not t.is_punct]
        key = "unnamed:" + normalise(" ".join(words))
        if key in self._by_key:
            return self.entities[self._by_key[key]]
        ent = self._new(" ".join(t.text for t in tokens), "UNNAMED", coding)
        ent.reasons.append("unnamed-source")
        self._by_key[key] = ent.id
        return ent

    def person_named(self, name: str, misspelt: bool = False) -> Entity | None:
        """The article's person already known by this full name or surname ("Blake" after "Jacob Blake");
        with ``misspelt``, also a surname one edit or one swap of letters away ("Pierliusi" after "Pedro
        Pierluisi"), when exactly one person's is."""
        key = normalise(name)
        eid = self._by_key.get(key)
        ent = self.entities.get(eid) if eid else None
        if ent is not None and ent.kind == "PERSON":
            return ent
        if not misspelt or len(key) < 6 or " " in key:
            return None
        near = {eid for other, eid in self._by_key.items()
                if " " not in other and self.entities[eid].kind == "PERSON" and _one_edit_apart(key, other)}
        return self.entities[near.pop()] if len(near) == 1 else None

    def entity_of(self, token: Token) -> Entity | None:
        eid = self.token_entity.get(token.i)
        return self.entities.get(eid) if eid else None


def fill_entity(entity: Entity, coding: Coding) -> None:
    """Give an entity the country and sector it lacks from a coding, with the coding's reasons."""
    if entity.country is None and coding.country is not None:
        entity.country = coding.country
        entity.reasons.append("descriptor:" + ",".join(coding.reasons))
    if entity.sector is None and coding.sector is not None:
        entity.sector = coding.sector
        entity.reasons.append("descriptor-sector")
