"""Actor stage: document-level entities and the resolution of argument phrases to coded actors.

``resolve_entities(doc, pub_date)`` walks the parsed article once, in order: it clusters name variants
("Joe Biden" ... "Biden"), links appositions and role descriptions ("the president of the United
States, Joe Biden"; "his Russian counterpart, Vladimir Putin"), resolves pronouns and role nouns to
earlier entities, and codes every entity with an ISO-3166 alpha-3 country (or IGO/NGO) and a PLOVER
sector, recording the evidence as reason codes. Events and quotes then ask ``DocEntities.actor_for``
for the actor behind an argument token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from eventwire.extract.actors.context import (
    APPOSITION_REASON,
    CONTEXT_REASON,
    WEAK_COUNTRY_REASONS,
    article_country,
    code_from_context,
)
from eventwire.extract.actors.entities import (
    CANDIDACY_TITLES,
    OFFICE_GONE_WORDS,
    Coding,
    EntityRegistry,
    clean_name_span,
    code_descriptor,
    fill_entity,
)
from eventwire.extract.actors.names import (
    COMPANY_NAME_WORDS,
    NAMED_INSTITUTION_HEADS,
    PERSON_ROLES,
    STATE_BODY_NOUNS,
    apposed_role,
    country_after,
    has_own_descriptor,
    name_the_perpetrator,
    name_with_its_remit,
    named_institution,
    names_no_party,
    nationality_and_name,
    office_holder,
    person_not_place,
    role_key,
    surname_partner,
    trailing_person_name,
    with_generational_suffix,
    with_given_name,
)
from eventwire.extract.quotes.marks import inside, quoted_regions
from eventwire.kb import TITLE_SECTORS, compound_title_sector, get_kb, normalise
from eventwire.nlp import doc_text, entity_spans, sentence_of
from eventwire.records import Actor, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SINGULAR_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUN_GENDER = {"she": "F", "her": "F", "hers": "F", "herself": "F", "he": "M", "him": "M", "his": "M",
                  "himself": "M"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
NEUTER_PRONOUNS = {"it", "its"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PAIR_NOUNS = {"leader", "leaders", "side", "sides", "country", "countries", "president", "presidents"}
LEADER_PAIR_NOUNS = {"leader", "leaders", "president", "presidents"}
# KB role titles of heads of state or government ("Vice President" is not one).
LEADER_ROLE = re.compile(r"(?<!vice )\b(president|prime minister|chancellor|premier|king|queen|emir|"
                         r"supreme leader|head of state|head of government)\b", re.IGNORECASE)


@dataclass
class DocEntities:
    doc: Doc
    registry: EntityRegistry
    pairs: dict[int, tuple[str, str]] = field(default_factory=dict)  # token -> two entity ids
    quotes: list[tuple[int, int]] = field(default_factory=list)
    # The country that dominates the article's coded mentions, if one does (:mod:`.context`).
    context_country: str | None = None

    @property
    def entities(self) -> list[Entity]:
        return list(self.registry.entities.values())

    def entity(self, entity_id: str | None) -> Entity | None:
        return self.registry.entities.get(entity_id) if entity_id else None

    def pair_for(self, token: Token) -> tuple[Entity, Entity] | None:
        ids = self.pairs.get(token.i)
        if ids is None:
            return None
        a, b = self.entity(ids[0]), self.entity(ids[1])
        return (a, b) if a and b else None

    def actor_for(self, token: Token) -> Actor | None:
        """The coded actor behind an argument's head token, or None when it is not an actor."""
        reg = self.registry
        span_tokens = _phrase_tokens(token)
        if span_tokens[-1].pos_ == "PROPN" and (longer := name_with_its_remit(
                self.doc[span_tokens[0].i : span_tokens[-1].i + 1])) is not None:
            span_tokens = list(longer)  # "the United States District Court for the Southern District of ..."
        text = _span_text(self.doc, span_tokens)
        span = (span_tokens[0].idx, span_tokens[-1].idx + len(span_tokens[-1].text))
        if names_no_party(token):
            return None  # "Social media have been struggling to censor ...", "his support for Brexit"
        ent = reg.entity_of(token)
        reasons: list[str] = []
        if ent is None and token.pos_ in {"ADJ", "PROPN", "NOUN"}:
            iso = reg.kb.demonym(token.text) or reg.kb.country(token.text)
            if iso is not None and token.dep_ in {"amod", "compound", "nmod", "poss"}:
                # "Russian invasion", "US officials'": a nationality word codes the country alone.
                name = reg.kb.country_names.get(iso, token.text)
                return Actor(text=token.text, span=(token.idx, token.idx + len(token.text)), name=name,
                             country=iso, reasons=[f"country:demonym:{token.text}"])
            if iso is not None and token.tag_ in {"NNS", "NNPS"} and token.text[:1].isupper():
                # "Palestinians protested": a people as a group of civilians. "Ethnic Albanians" in
                # Serbia are no Albanian actor: the ethnicity does not give the country (CAMEO codes them
                # by where they live), so only the sector stands.
                ethnic = any(c.lower_ == "ethnic" for c in token.lefts)
                return Actor(text=text, span=span, name=text, country=None if ethnic else iso, sector="CVL",
                             reasons=["group:ethnic" if ethnic else f"group:demonym:{token.text}"])
        if ent is None:
            # A coded descriptor phrase with no entity: "US officials", "Russian troops". Only role and
            # group nouns qualify; "the independence of Ukraine" is left to the caller to look inside.
            if token.lemma_.lower() not in TITLE_SECTORS and token.lower_ not in TITLE_SECTORS:
                return None
            coding = code_descriptor(reg.kb, token)
            if coding.country is None and token.lemma_.lower() not in OTHER_SIDE_NOUNS:
                # "his Administration", "the Trump administration": the possessor's, or the named leader's.
                owner = next((c for c in token.children if c.dep_ == "poss" or (
                    c.dep_ == "compound" and (named := reg.entity_of(c)) is not None and named.kind == "PERSON")), None)
                owner_ent = reg.entity_of(owner) if owner is not None else None
                if owner_ent is not None and owner_ent.country is not None:
                    # "his Administration" -> the possessor's country.
                    coding.country = owner_ent.country
                    coding.reasons.append(f"country:possessor:{owner_ent.name}")
                elif owner is not None and owner.lower_ in GROUP_POSSESSIVES:
                    # "Chinese citizens have criticized their government", "representatives from Iran
                    # acknowledged their government had shot down ...": the subject whose "their" it is.
                    found = self._clause_subject_country(token)
                    if found is not None:
                        coding.country = found.country
                        coding.reasons.append(f"country:possessor-subject:{found.name}")
            if coding.country is None and token.lemma_.lower() in STATE_BODY_NOUNS:
                # "the government of Abdrabbuh Mansur Hadi": the leader's state.
                leader = next((reg.entity_of(o) for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                               for o in p.children if o.dep_ == "pobj"), None)
                if leader is not None and leader.kind == "PERSON" and leader.country is not None:
                    coding.country = leader.country
                    coding.reasons.append(f"country:possessor:{leader.name}")
            if coding.country is None and (land := self._possessed_country(token)) is not None:
                coding.country = land.country
                coding.reasons.append(f"country:of-possessed-country:{land.name}")
            if coding.country is None and coding.sector is None:
                return None
            name = text
            if coding.country in reg.kb.country_names and token.lemma_.lower() in STATE_BODY_NOUNS and any(
                    r.startswith(("country:possessor", "country:of-possessed")) for r in coding.reasons):
                # "their government" (the Iranian representatives'): the state itself, by its name.
                name = reg.kb.country_names[coding.country]
            return Actor(text=text, span=span, name=name, country=coding.country, sector=coding.sector,
                         reasons=["descriptor", *coding.reasons])
        if token.lower_ in SINGULAR_PERSON_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS:
            reasons.append("coref:pronoun")
        # A descriptor on this very phrase ("Russian troops" vs the country) refines the sector.
        sector = ent.sector
        country = ent.country
        if token.pos_ in {"NOUN"} and token.lemma_.lower() in TITLE_SECTORS and ent.kind in {"GPE", "NORP"}:
            sector = TITLE_SECTORS[token.lemma_.lower()]
            reasons.append(f"sector:title:{token.lemma_.lower()}")
        context = [r for r in ent.reasons[3:] if r.startswith(WEAK_COUNTRY_REASONS)]
        return Actor(text=text, span=span, name=ent.name, country=country, sector=sector, entity_id=ent.id,
                     reasons=[*reasons, *ent.reasons[:3], *context])

    def in_context(self, actor: Actor | None, head: Token | None) -> Actor | None:
        """An event participant coded with a sector but no country ("the government", "Police", "a federal
        judge", "the Reform Party") takes the article's country when one dominates: the issue's third kind
        of evidence, context, after the KB and the phrase's words, with the reason
        ``country:article-context:ISO``. Not a post abroad ("the embassy"), and not a phrase with a name the
        KB could not code ("Artsakh soldiers"): its words point elsewhere. Applied once the participants are
        chosen, so it never decides which words are a participant."""
        if actor is None or actor.country is not None or actor.sector is None:
            return actor
        if head is not None and head.lemma_.lower() in NOT_FROM_CONTEXT:
            return actor
        # A modifier's siblings are its phrase too: "a United States military airstrike".
        words = [*head.lefts, *(head.head.lefts if head.dep_ in {"amod", "compound", "nmod"} else ())] if head else []
        # (A proper name's own words are no such name: "Judge Amy Berman Jackson".)
        if head is not None and actor.entity_id is None and head.pos_ != "PROPN" and any(
                t.pos_ == "PROPN" for t in words):
            # Unless the name is a coded organisation's ("several state Constitution parties" beside "the
            # national Constitution Party").
            names = [t.text for t in words if t.pos_ == "PROPN"]
            kin = next((e for e in self.registry.entities.values()
                        if e.kind == "ORG" and all(n in e.name.split() for n in names)), None)
            if kin is None:
                return actor
            if kin.country is not None and not any(r.startswith(WEAK_COUNTRY_REASONS) for r in kin.reasons):
                return replace(actor, country=kin.country,
                               reasons=[*actor.reasons, f"country:named-like:{kin.name}"])
        if self.context_country is None:
            # "government forces began deploying" in a story split between Turkey and Syria: the government
            # the article last named with its country ("the Syrian government", "Assad's government").
            named = self._last_named_government(head) if head is not None else None
            if named is None:
                return actor
            return replace(actor, country=named.country,
                           reasons=[*actor.reasons, f"{GOVERNMENT_REASON}:{named.country}"])
        return replace(actor, country=self.context_country,
                       reasons=[*actor.reasons, f"{CONTEXT_REASON}:{self.context_country}"])

    def _last_named_government(self, head: Token) -> Actor | None:
        """For a bare "government" phrase ("government forces", "the government"): the last earlier
        "government" of the article coded with a country by its own words or possessor."""
        if not (head.lemma_.lower() == "government" or any(
                c.lower_ == "government" and c.dep_ in {"compound", "amod"} for c in head.lefts)):
            return None
        for token in reversed(head.doc[: head.left_edge.i]):
            if token.lemma_.lower() == "government" and token.pos_ == "NOUN" and token.dep_ != "compound":
                found = self.actor_for(token)
                if found is not None and found.country is not None:
                    return found
        return None

    def _possessed_country(self, token: Token) -> Entity | None:
        """The entity whose country "the people of his country" names: the possessor of "country"."""
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for land in prep.children:
                if land.dep_ == "pobj" and land.lemma_.lower() in {"country", "nation", "homeland"}:
                    owner = next((c for c in land.children if c.dep_ == "poss"), None)
                    ent = self.registry.entity_of(owner) if owner is not None else None
                    if ent is not None and ent.country is not None:
                        return ent
        return None

    def _clause_subject_country(self, token: Token) -> Actor | None:
        """The country-coded actor of the nearest subject above ``token``'s clause (up to two clauses up)."""
        verb = token.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        phrase = {t.i for t in token.subtree}
        for _ in range(3):
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i not in phrase), None)
            if subject is not None:
                # "representatives from Iran": the group's country, from its own "from"/"of" phrase too.
                heads = [subject, *(o for p in subject.children if p.dep_ == "prep" and p.lower_ in {"from", "of"}
                                    for o in p.children if o.dep_ == "pobj")]
                for head in heads:
                    found = self.actor_for(head) if head.lower_ not in GROUP_POSSESSIVES else None
                    if found is not None and found.country is not None:
                        return found
                return None
            if verb.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None


# The country of a bare "government" phrase taken from the government the article last named with one.
GOVERNMENT_REASON = "country:last-named-government"
# Possessives of a group or a state: whose government "their government" is, the clause's subject says.
GROUP_POSSESSIVES = {"their", "its", "our"}
# Role nouns naming the other side: "his counterpart", "their counterparts" are never the possessor's own.
OTHER_SIDE_NOUNS = {"counterpart", "counterparts"}
# Posts that serve abroad: "the embassy" in a story about Britain is usually another country's.
FOREIGN_POSTS = {"embassy", "consulate", "ambassador", "envoy", "diplomat", "consul", "emissary", "mission",
                 "delegation", "delegate"}
# Heads whose country the article's context never gives.
NOT_FROM_CONTEXT = FOREIGN_POSTS | OTHER_SIDE_NOUNS


def _phrase_tokens(token: Token) -> list[Token]:
    """The noun phrase headed by ``token``, without trailing relative clauses or appositions."""
    if token.pos_ == "PRON":
        return [token]
    keep = [token]
    for child in token.lefts:
        if child.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"}:
            keep.extend(child.subtree)
    for child in token.rights:
        if child.dep_ in {"prep"} and child.lower_ in {"of", "for"}:
            if token.pos_ == "PROPN" and not any(o.pos_ == "PROPN" for o in child.children):
                break  # "Bank of America", but not "(convicted) Blankenship of misdemeanor conspiracy"
            tail = list(child.subtree)
            if child.lower_ == "for" and not any(t.pos_ == "PROPN" for t in tail):
                break  # "the Minister for Foreign Affairs", not "the staff for their swift response"
            # "the president of France", not "the president of not wanting to face questions ...".
            if len(tail) <= 8 and not any(t.pos_ in {"VERB", "AUX"} or t.is_quote for t in tail):
                keep.extend(tail)
            break
        if child.dep_ == "case" or (child.dep_ == "compound"):
            keep.extend(child.subtree)
    keep = sorted({t.i: t for t in keep if not t.is_space}.values(), key=lambda t: t.i)
    while keep and keep[0].is_punct:
        keep.pop(0)
    while keep and keep[-1].is_punct:
        keep.pop()
    # Appositions attached deep inside the phrase would make it jump over commas; cut at the first comma.
    cut = [t for t in keep if t.text == ","]
    if cut:
        keep = [t for t in keep if t.i < cut[0].i] or [token]
    return keep or [token]


def _span_text(doc: Doc, tokens: list[Token]) -> str:
    # A Span's text is built from its own tokens; doc.text would rebuild the whole article each call.
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _titled_person(token: Token, registry: EntityRegistry) -> Entity | None:
    """The named person a title word belongs to: "President" in "President Donald Trump", inside the
    name's mention, as its compound or in apposition after it ("Zalmay Khalilzad, a US peace envoy")."""
    for candidate in (token, token.head if token.dep_ in {"compound", "appos"} else None):
        entity = registry.entity_of(candidate) if candidate is not None else None
        if entity is not None and entity.kind == "PERSON":
            return entity
    return None


def _apposed_person(token: Token, registry: EntityRegistry) -> Entity | None:
    """A named person in apposition to a role noun, searched a few levels down (parsers often attach
    the name to the last noun of the role: "The spokeswoman for the Department ..., Emily Horne,"), or
    the name after the role's "from" and its place ("Senator from Vermont Bernie Sanders")."""
    frontier = [(token, 0)]
    while frontier:
        tok, depth = frontier.pop(0)
        for child in tok.children:
            if child.dep_ == "appos" or (depth == 1 and child.dep_ == "pobj" and tok.lower_ == "from"):
                # The second: "Senator from Vermont Bernie Sanders", the state written before the name.
                ent = registry.entity_of(child)
                if ent is not None and ent.kind == "PERSON":
                    return ent
            if depth < 3 and child.dep_ in {"prep", "pobj", "compound"}:
                frontier.append((child, depth + 1))
    return None


def resolve_entities(doc: Doc, pub_date: date | None, article_key: str = "",
                     headline: str | None = None) -> DocEntities:
    kb = get_kb()
    registry = EntityRegistry(doc, kb, pub_date, article_key or doc_text(doc)[:200])
    result = DocEntities(doc=doc, registry=registry, quotes=quoted_regions(doc_text(doc)))

    # 1. Named mentions, in document order.
    covered = 0  # a name taken into the one before it ("... Court for the Southern District of New York")
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"} or ent.start < covered:
            continue
        span = clean_name_span(ent)
        if span is None:
            continue
        label = ent.label_
        if label in {"PERSON", "ORG"}:
            span = with_given_name(kb, span)  # "Ehasn [Ghaem-Maghami]": the tagger left the given name out
        if label == "ORG" and (longer := name_with_its_remit(span)) is not None:
            span, covered = longer, longer.end
        company = label in {"ORG", "FAC", "GPE", "LOC"} and len(span) > 1 and span[-1].lower_ in COMPANY_NAME_WORDS
        if label == "WORK_OF_ART":
            # Mis-tagged names ("The Biden Administration") count only when the KB knows them.
            if kb.organisation(span.text) is None:
                continue
            label = "ORG"
        if label == "PERSON" and kb.organisation(span.text) is not None:
            label = "ORG"
        elif label == "ORG" and kb.organisation(span.text) is None and kb.known_person(span.text) is not None:
            label = "PERSON"  # the tagger's "Trump" (ORG) in "criticized Trump's response"
        elif company and label != "ORG":
            label = "ORG"  # "Iranian airline Mahan Air", tagged a facility
        elif label == "PERSON" and len(span) == 1 and registry.short_form_of(normalise(span.text)) is not None \
                and registry.person_named(span.text) is None:
            label = "ORG"  # "Mahan's permit" after "Mahan Air"
        elif label == "ORG" and kb.organisation(span.text) is None and apposed_role(span):
            label = "PERSON"  # "Sviatlana Tsikhanouskaya, an opposition candidate", tagged an organisation
        elif label != "PERSON" and person_not_place(kb, registry, span):
            label = "PERSON"  # "Honcharuk filed ..." (GPE) after "Prime Minister Oleksiy Honcharuk"
        elif label == "ORG" and (person_span := trailing_person_name(kb, span)) is not None:
            span, label = person_span, "PERSON"  # "United States Senator from [Vermont Bernie Sanders]"
        if label == "PERSON":
            span = with_generational_suffix(span)  # "Cyrus R. Vance, Jr." is not his father
            partner = surname_partner(kb, span)
            entity = registry.person(span) if partner is None else registry.person_with_surname(span, partner)
            # "German Foreign Minister Oskar Fischer": the title words before the name code a person
            # the KB does not know (or knows for other dates).
            title = _title_coding(kb, span)
            former = next((r.rpartition(":")[2] for r in title.reasons if r.startswith("sector:former-word:")), None)
            if former in OFFICE_GONE_WORDS and entity.sector not in (None, "ELI"):
                # "Ousted President Askar Akayev": the text says the office is gone, whatever the KB's
                # dates say (they may still run to the formal resignation).
                entity.sector = "ELI"
                entity.reasons.append("sector:former-title-over-kb")
            fill_entity(entity, title)
        elif label == "NORP" and nationality_and_name(kb, span):
            entity = registry.named(span, "ORG")  # "Belarusian KGB", tagged as one nationality
        elif label == "NORP":
            continue  # nationality adjectives describe other phrases; handled by descriptors
        else:
            entity = registry.named(span, label)
            if entity is not None and company:
                fill_entity(entity, Coding(None, "BUS", ["sector:company-name"]))
        if entity is not None:
            registry.add_mention(entity, span)

    # 2. Role descriptions linked to names, unnamed sources, pronouns and pairs, sentence by sentence.
    roles: dict[str, str] = {}  # role noun -> entity id (the last one described by it)
    home = article_country(registry, headline)  # from the names so far: what "the president" presides over
    salient_subjects: list[str] = []  # main-clause subjects of earlier sentences, most recent last
    last_pair: tuple[str, str] | None = None
    recent_pairs: list[tuple[str, str]] = []
    for sent in doc.sents:
        sentence_subjects: list[tuple[int, str]] = []
        for tok in sent:
            if tok.is_space or tok.is_punct:
                continue
            lower = tok.lower_
            lemma = tok.lemma_.lower()
            if lower in PLURAL_PRONOUNS or (lemma in PAIR_NOUNS and tok.tag_ in {"NNS", "NNPS"} and _is_pair_np(tok)):
                if last_pair is not None and not inside(result.quotes, tok.idx):
                    result.pairs[tok.i] = last_pair
                    if lemma in LEADER_PAIR_NOUNS:
                        # "the two presidents": the latest pair of heads of state or government,
                        # not a minister's call with a president in between.
                        leaders = [p for p in recent_pairs if all(_is_leader(kb, registry.entities[e], pub_date)
                                                                  for e in p)]
                        if leaders:
                            result.pairs[tok.i] = leaders[-1]
            elif tok.pos_ in {"NOUN", "PROPN"} and lemma in PERSON_ROLES and (titled := _titled_person(tok, registry)):
                # "President Donald Trump": a later "the president" is Trump (until another is so named).
                roles[role_key(tok)] = titled.id
                if tok.dep_ == "appos":
                    # "Zalmay Khalilzad, a US peace envoy": the role gives the name its country, as weak
                    # evidence (APPOSITION_REASON). Taken as a sector, or as enough to make the person an
                    # event's actor, it made 6-7 new Wikinews events, 4 of them wrong ("Carrie Lam, the
                    # chief executive ..." as BUS, "she opposes the police state").
                    described = code_descriptor(kb, tok)
                    if titled.country is None and described.country is not None:
                        fill_entity(titled, Coding(described.country, None, described.reasons))
                        titled.reasons.append(APPOSITION_REASON)
            elif tok.pos_ in {"NOUN", "PROPN"} and lemma in PERSON_ROLES and registry.entity_of(tok) is None:
                named = _apposed_person(tok, registry)
                if named is not None:
                    registry.add_mention(named, [tok])
                    roles[role_key(tok)] = named.id
                    coding = code_descriptor(kb, tok)
                    fill_entity(named, coding)
                elif tok.dep_ in SUBJECT_DEPS | {"dobj", "pobj", "appos", "conj", "poss"}:
                    determiner = next((c.lower_ for c in tok.lefts if c.dep_ in {"det", "poss"}), "")
                    coding = code_descriptor(kb, tok)
                    role = role_key(tok)
                    # "the president of France" is someone else's; "accusing the president of not wanting"
                    # is still the president (the "of" phrase is what he is accused of).
                    bare = not any(c.dep_ == "prep" and c.lower_ == "of" and any(
                        o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"} for o in c.children) for c in tok.children)
                    if (determiner in {"the", "this", "that"} and role in roles and not has_own_descriptor(tok)
                            and bare):
                        registry.add_mention(registry.entities[roles[role]], [tok])
                    elif determiner == "the" and bare and (holder := office_holder(
                            kb, registry, tok, coding.country or (None if has_own_descriptor(tok) else home),
                            pub_date)) is not None:
                        # "the French president's" in 2019: Macron, when the article names him; "the
                        # president" in a US story: the president of the day the article names.
                        registry.add_mention(holder, [tok])
                        roles[role] = holder.id
                    elif (determiner in {"a", "an", "the"} and tok.tag_ == "NN" and coding.country is not None
                          and tok.dep_ != "poss"):
                        phrase = _phrase_tokens(tok)
                        unnamed = registry.unnamed(phrase, coding)
                        registry.add_mention(unnamed, phrase)
                        roles[role] = unnamed.id
            elif (tok.pos_ == "PROPN" and tok.dep_ != "compound" and registry.entity_of(tok) is None
                  and not any(c.dep_ == "compound" for c in tok.children)
                  and (known := registry.person_named(tok.text)) is not None and tok.text[:1].isupper()):
                registry.add_mention(known, [tok])  # "West backed away ..." after "Kanye West", left untagged
            elif (tok.pos_ == "NOUN" and lemma in NAMED_INSTITUTION_HEADS and registry.entity_of(tok) is None
                  and (named_body := named_institution(tok, registry)) is not None):
                registry.add_mention(named_body, [tok])  # "The embassy declined" after "the US Embassy"
            elif tok.pos_ == "PRON" and lower in SINGULAR_PERSON_PRONOUNS:
                target = _antecedent(tok, registry, result.quotes, sentence_subjects, salient_subjects)
                if target is not None:
                    registry.add_mention(registry.entities[target], [tok])
            elif tok.pos_ == "PRON" and lower in NEUTER_PRONOUNS and not inside(result.quotes, tok.idx):
                target = _collective_antecedent(tok, registry, salient_subjects)
                if target is not None:
                    registry.add_mention(registry.entities[target], [tok])
            if tok.dep_ in SUBJECT_DEPS and (eid := registry.token_entity.get(tok.i)):
                if not inside(result.quotes, tok.idx):
                    sentence_subjects.append((tok.i, eid))
            # Coordinated actors ("Biden and Putin") and "X ... with Y" form the pair that
            # "both leaders" / "they" refer to later.
            pair = _pair_here(tok, registry)
            if pair is not None:
                last_pair = pair
                recent_pairs.append(pair)
        root_subject = next(
            (eid for i, eid in sentence_subjects if doc[i].head.dep_ == "ROOT" or doc[i].head == sent.root),
            sentence_subjects[0][1] if sentence_subjects else None,
        )
        if root_subject is not None:
            salient_subjects.append(root_subject)
    name_the_perpetrator(doc, registry)
    result.context_country = code_from_context(registry, headline)
    return result


def _is_leader(kb, entity: Entity, pub_date: date | None) -> bool:
    """A person the KB knows as head of state or government on the article's date."""
    role = kb.person(entity.name, pub_date) if entity.kind == "PERSON" else None
    return role is not None and LEADER_ROLE.search(role.role) is not None


def _is_pair_np(tok: Token) -> bool:
    dets = {c.lower_ for c in tok.lefts}
    return bool(dets & {"both", "two", "the"})


def _pair_here(tok: Token, registry: EntityRegistry) -> tuple[str, str] | None:
    if tok.dep_ == "conj" and tok.head.dep_ in SUBJECT_DEPS:
        a = registry.token_entity.get(tok.head.i)
        b = registry.token_entity.get(tok.i)
        if a and b and a != b:
            return (a, b)
    if tok.dep_ == "pobj" and tok.head.lower_ == "with":
        b = registry.token_entity.get(tok.i)
        verb = tok.head.head
        while verb.dep_ in {"dobj", "pobj", "prep"} and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        a = registry.token_entity.get(subj.i) if subj is not None else None
        ea, eb = registry.entities.get(a or ""), registry.entities.get(b or "")
        if ea and eb and a != b and ea.kind == eb.kind == "PERSON":
            return (a, b)
    return None


def _antecedent(
    pron: Token,
    registry: EntityRegistry,
    quotes: list[tuple[int, int]],
    sentence_subjects: list[tuple[int, str]],
    salient_subjects: list[str],
) -> str | None:
    """Resolve he/she/his/her: subjects prefer the salient subject, other positions the nearest person."""

    wanted = PRONOUN_GENDER.get(pron.lower_)

    def person_like(eid: str) -> bool:
        entity = registry.entities[eid]
        if entity.kind not in {"PERSON", "UNNAMED"}:
            return False
        # "she" never resolves to a man, nor "he" to a woman, when the given name tells.
        known = registry.kb.gender(entity.name) if entity.kind == "PERSON" else None
        return wanted is None or known is None or known == wanted

    in_quote = inside(quotes, pron.idx)
    if pron.dep_ in SUBJECT_DEPS:
        for i, eid in reversed(sentence_subjects):
            if i < pron.i and person_like(eid):
                return eid
        if pron.head.dep_ != "ROOT":
            # The subject of an embedded clause with no person subject before it takes a person its own
            # sentence names first ("The accusation against Biden is that ... he called for ...", "Trump's
            # staff want him to resign"), the one highest in the parse: a main clause's subject pronoun
            # keeps the salient subject of the sentences before.
            found = _highest_person_before(pron, registry, quotes, in_quote, person_like)
            if found is not None:
                return found
        for eid in reversed(salient_subjects[-3:]):
            if person_like(eid):
                return eid
    # Nearest preceding person mention (skipping quoted text unless the pronoun is quoted too). A name whose
    # gender agrees beats a nearer name of unknown gender ("Mayor Muriel Bowser on Twitter, accusing her":
    # spaCy may tag "Twitter" a person).
    nearest = None
    for i in range(pron.i - 1, max(-1, pron.i - 150), -1):
        eid = registry.token_entity.get(i)
        if eid and person_like(eid) and (in_quote or not inside(quotes, pron.doc[i].idx)):
            entity = registry.entities[eid]
            if wanted is None or entity.kind != "PERSON" or registry.kb.gender(entity.name) == wanted:
                return eid  # descriptors ("the spokeswoman") stay nearest-first
            nearest = nearest or eid
    return nearest


def _highest_person_before(pron: Token, registry: EntityRegistry, quotes: list[tuple[int, int]], in_quote: bool,
                           person_like) -> str | None:
    """The person-like entity mentioned before ``pron`` in its sentence whose mention is fewest links below
    the sentence's root (the nearest on a tie), skipping quoted text unless the pronoun is quoted too."""
    best: tuple[int, int, str] | None = None
    for tok in pron.sent:
        if tok.i >= pron.i:
            break
        eid = registry.token_entity.get(tok.i)
        if not eid or not person_like(eid) or (not in_quote and inside(quotes, tok.idx)):
            continue
        depth, node = 0, tok
        while node.head.i != node.i:  # spaCy makes a new Token object on each access: compare indices
            node, depth = node.head, depth + 1
        if best is None or (depth, -tok.i) < best[:2]:
            best = (depth, -tok.i, eid)
    return best[2] if best else None


# Verbs whose "it" subject is usually expletive or a situation ("it is unclear", "it seems", "it takes").
EXPLETIVE_VERBS = {"be", "seem", "appear", "take", "remain", "happen", "matter", "rain", "cost", "mean"}
COLLECTIVE_KINDS = {"GPE", "ORG"}


def _collective_antecedent(pron: Token, registry: EntityRegistry, salient_subjects: list[str]) -> str | None:
    """Resolve "it"/"its" to a country or organisation in the two frames where news writing makes that
    safe: the subject of the clause above ("Japan said it had halted aid", "Israel strengthened its
    forces") and, for a sentence-initial "It", the previous sentence's main subject ("NATO met on
    Monday. It agreed ..."). Anything else stays unresolved: "it" is as often a thing or a situation."""

    def collective(eid: str | None) -> bool:
        entity = registry.entities.get(eid or "")
        return entity is not None and entity.kind in COLLECTIVE_KINDS and (
            entity.country is not None or entity.sector is not None)

    verb = pron.head
    if pron.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in EXPLETIVE_VERBS:
        return None
    if pron.dep_ == "poss":  # "its forces": the clause's verb
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:  # spaCy makes new Token objects
            verb = verb.head
    elif pron.dep_ not in SUBJECT_DEPS:
        return None
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS and c.i != pron.i), None)
        if subject is not None:
            eid = registry.token_entity.get(subject.i)
            return eid if collective(eid) else None
        if current.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or current.head.i == current.i:
            break
        current = current.head
    if pron.dep_ in SUBJECT_DEPS and pron.i == sentence_of(pron)[0] and salient_subjects:
        return salient_subjects[-1] if collective(salient_subjects[-1]) else None
    return None


# Title words of an office no longer (or soon no longer) held; only OFFICE_GONE_WORDS overrule the KB.
FORMER_WORDS = OFFICE_GONE_WORDS | {"then", "outgoing"}


def _title_coding(kb, span) -> Coding:
    """Country and sector from the title words right before a person's name ("German Foreign Minister",
    "Ousted President"), read from the name's left modifiers only: a relative clause or apposition
    after the name says nothing about the person's own office."""
    head = span.root
    titles = [t for child in head.lefts if child.dep_ in {"compound", "amod", "nmod"} and child.i < span.start
              for t in child.subtree]
    titles += [t for t in span if t.i != head.i and t.lower_.rstrip(".") in TITLE_SECTORS]
    coding = Coding()
    if not any(t.lemma_.lower() in TITLE_SECTORS or t.lower_.rstrip(".") in TITLE_SECTORS for t in titles):
        return coding  # a nationality word alone ("the Russian Putin") is left to the KB
    indices = {t.i for t in titles}
    for ent_start, ent_end, label, ent_text in entity_spans(span.doc):  # "Hong Kong Chief Executive"
        if label in {"GPE", "NORP"} and ent_start in indices and ent_end - ent_start > 1:
            if (iso := kb.country(ent_text) or kb.demonym(ent_text)) is not None:
                coding.fill(Coding(iso, None, [f"country:title:{ent_text}"]))
    for t in titles:
        if (iso := kb.demonym(t.text) or kb.country(t.text)) is not None:
            coding.fill(Coding(iso, None, [f"country:title:{t.text}"]))
    if coding.country is None and (iso_of := country_after(kb, span)) is not None:
        coding.fill(Coding(iso_of[0], None, [f"country:title-of:{iso_of[1]}"]))  # "Prime Minister X of Slovakia"
    former = next((t.lower_ for t in titles if t.lower_ in FORMER_WORDS), None)
    if former is not None and not any(t.lower_ in CANDIDACY_TITLES for t in titles):
        # "former Vice President Joe Biden" holds no office now: an elite (CAMEO's ELI: former officials),
        # never GOV, whatever the office was.
        coding.fill(Coding(None, "ELI", ["sector:former-title", f"sector:former-word:{former}"]))
        return coding
    titles.sort(key=lambda t: t.i)
    compound = compound_title_sector([t.text for t in titles])
    if compound is not None:
        coding.fill(Coding(None, compound, ["sector:compound-title"]))
    for t in reversed(titles):  # the title's head is its last word: "Foreign Minister", "Party nominee"
        if t.lower_ in {"chief", "executive"} and any(w.ent_type_ == "GPE" for w in titles):
            coding.fill(Coding(None, "GOV", ["sector:title:chief-executive-of-a-place"]))
        sector = TITLE_SECTORS.get(t.lemma_.lower()) or TITLE_SECTORS.get(t.lower_.rstrip("."))
        if sector is not None:
            coding.fill(Coding(None, sector, [f"sector:title:{t.lemma_.lower()}"]))
            break
    return coding


__all__ = ["CONTEXT_REASON", "WEAK_COUNTRY_REASONS", "DocEntities", "resolve_entities"]


def attach_kb_ids(entities: list[Entity], actors: list[Actor | None]) -> None:
    """Fill ``kb_id`` of entities from their reason codes, and of actors from their entity."""
    kb = get_kb()
    by_entity: dict[str, str | None] = {}
    for entity in entities:
        entity.kb_id = kb.kb_id(entity.reasons, entity.country)
        by_entity[entity.id] = entity.kb_id
    for actor in actors:
        if actor is not None and actor.entity_id is not None:
            actor.kb_id = by_entity.get(actor.entity_id)
