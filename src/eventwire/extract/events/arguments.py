"""Actor and recipient of a trigger, read from the dependency parse and resolved to coded actors."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from eventwire.extract.actors.names import names_no_party
from eventwire.extract.events.clauses import subject_of
from eventwire.extract.events.participants import (
    CAMPAIGN_NOUNS,
    MODIFIER_DEPS,
    campaign_of,
    coordinated_modifier,
    named_person,
    names_itself,
    proper_name_run,
    split_object,
    titled_untagged_name,
)
from eventwire.nlp import doc_text
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.extract.actors import DocEntities
    from eventwire.extract.events.triggers import Trigger

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
RECIPIENT_PREPS = ("with", "to", "against", "on", "for", "at", "from", "between", "toward", "towards")
# Types whose "X and Y" subject is one side each (reciprocal); others code both as actors, first kept.
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
# One-sided commitments: "China, Iran and Russia have pledged funds" are three donors, not two sides.
UNILATERAL_PROMISES = {"pledge", "promise", "vow", "offer"}
# Noun events whose "of X" names the target, not the doer ("invasion of Ukraine").
OF_IS_RECIPIENT = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE"}
# Verbs whose object is a topic, not a participant ("discuss the issues").
TOPIC_OBJECT_VERBS = {"discuss", "address", "consider"}
# Verbs whose object is the thing wanted: a party inside it may grant it ("sought the party's nomination"),
# but the object itself is not asked ("sought a more federal European Union").
SOUGHT_OBJECT_VERBS = {"seek", "want", "desire"}


MOVES_FORCES = {"MOBILIZE", "RETREAT", "AID"}
TRANSFER_VERBS = {"extradite"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
FORCES = {"troops", "soldiers", "forces", "warships", "tanks", "missiles", "jets", "units", "battalions",
          "police", "officers", "reinforcements", "weapons", "ships", "aircraft", "personnel"}
ENVOYS = {"ambassador", "envoy", "diplomat", "charge", "consul", "representative", "emissary"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "along", "within", "into", "throughout"}
# A comparison names no participant: "decriminalization of drugs like Portugal".
COMPARISON_PREPS = {"like", "unlike", "than", "as"}
PLACE_PREPS = {"to", "from", "at", "into", "toward", "towards"}
# Material acts whose target may be the country they take place in ("lifted a curfew in Montenegro").
# A protest in a country with no named target is against its government (CAMEO's convention, and the GSR's).
LOCATED_TARGET_TYPES = {"CONCEDE", "COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "AID", "RETREAT", "PROTEST"}


@dataclass
class Arguments:
    actor: Actor | None = None
    recipient: Actor | None = None
    reasons: list[str] = field(default_factory=list)


# Entity types that never name an actor, nor hold one below them: "(1625 UTC)", "the Eighteenth Amendment to
# the United States Constitution" (a law, not the United States).
NON_ACTOR_ENTITY_TYPES = {"DATE", "TIME", "LAW", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"}
# Where a statement is made, not to whom: "praised Warren's endorsement on Twitter".
PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "tiktok", "telegram", "weibo", "wechat", "whatsapp",
             "snapchat", "reddit", "linkedin", "television", "tv", "radio", "website", "blog", "podcast"}
MEDIUM_PREPS = {"on", "via", "through", "over"}
# Nouns of time hold no actor either: "at around 11:25am US east coast time (1625 UTC)".
TIME_NOUNS = {"time", "hour", "hours", "minute", "day", "week", "month", "year", "morning", "afternoon", "evening",
              "night", "noon", "midnight", "date", "period", "season", "term", "era", "decade", "century"}
REGION_NOUNS = {"province", "region", "territory", "state", "republic", "enclave", "area", "border", "part"}
PLACE_ENTITY_TYPES = {"GPE", "LOC", "FAC"}
PARTY_PREPS = {"with", "between", "against", "to"}
# Heads (lemmas) of issues, documents and venues: an uncoded name in them is a topic, a cause or a place, not a
# participant ("endorsed the Green New Deal", "the America First foreign policy", "a Walmart store").
# TOPIC_HEADS are about their modifiers: "supported LGBT rights", "Court packing".
TOPIC_HEADS = {"right", "packing", "nationalization", "nationalisation", "privatization", "privatisation",
               "legalization", "legalisation",
               # A law's modifier says whose law it is, not who takes part: "clarifications of EU law".
               "law", "legislation", "regulation"}
# VENUE_HEADS hold no participant at all: "shot shoppers at a Walmart store", "refused to visit a cemetery of
# U.S. soldiers" (an attack on a venue is against the country it is in, which the in-country rule finds).
VENUE_HEADS = {"store", "shop", "restaurant", "mall", "hotel", "cemetery", "memorial", "monument", "museum",
               "stadium", "church", "mosque", "temple", "synagogue"}
ISSUE_HEADS = TOPIC_HEADS | VENUE_HEADS | {
    "policy", "amendment", "law", "bill", "decision", "ruling", "reform", "agenda", "program", "programme",
    "ideology", "doctrine", "idea", "principle", "value", "issue", "deal", "constitution", "video", "post", "tweet",
    "message"}
NAMED_ISSUE_HEADS = {"deal", "amendment", "constitution", "policy", "doctrine", "agenda"}
# A relative is not the person named as their kin: "an investigation of Joe Biden's son" (a named kin only:
# "his son" is left as it was).
# Heads that only count or gather their "of" phrase: "a group of Moroccan diplomats" acts as the diplomats.
COLLECTIVE_HEADS = {"group", "delegation", "team", "contingent", "band", "number", "dozen", "hundred",
                    "thousand", "handful", "crowd", "gang"}
INDEFINITE_PARTIES = ("another ", "any ", "other ", "some ", "anyone", "anybody", "someone", "somebody")
# Verbs of coming and going: who comes "for talks" takes part in them.
MOTION_VERBS = {"return", "travel", "arrive", "come", "go", "fly", "head", "gather", "convene", "meet", "sit"}
MEMBER_HEADS = {"country", "member", "state", "nation", "government", "ally"}
KIN_NOUNS = {"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "child", "children",
             "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter", "widow"}


def _resolve(entities: DocEntities, token: Token, depth: int = 4) -> Actor | None:
    """The actor in a phrase: its head if coded, else the first coded word below it."""
    lemma = token.lemma_.lower()
    if names_no_party(token):
        return None  # "support for the Brexit movement", "forgiveness from corona": nothing below either
    if token.pos_ in {"NOUN", "NUM"} and lemma in COLLECTIVE_HEADS:
        # The counted or gathered people are the participant, at the depth of the head word ("Hundreds"
        # is tagged CARDINAL).
        members = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]
        if members:
            return _resolve(entities, members[0], depth)
    if token.ent_type_ in NON_ACTOR_ENTITY_TYPES or (token.text.islower() and token.lower_ in TIME_NOUNS):
        return None
    if token.pos_ == "NOUN" and lemma in CAMPAIGN_NOUNS:
        campaign = campaign_of(entities, token)
        if campaign is not None:
            return campaign
    # A proper name is an issue only when its head says so ("the Green New Deal"): "Bill" or "Post" may be
    # a person or a newspaper.
    issue = lemma in ISSUE_HEADS and (token.pos_ != "PROPN" or lemma in NAMED_ISSUE_HEADS)
    actor = entities.actor_for(token)
    # An uncoded place is where something happens, not who takes part ("agreed to a future meet on Crete",
    # "a Texas man"); a coded one stands for its state ("Moscow", "Ukraine").
    uncoded_place = token.ent_type_ in PLACE_ENTITY_TYPES or _named_like_a_town(token, actor)
    if actor is not None and not (uncoded_place and not (actor.country or actor.sector)):
        # An uncoded name whose head is an issue is a policy's name: "the Green New Deal".
        return None if issue and not (actor.country or actor.sector) else actor
    if actor is None and token.pos_ == "PROPN" and token.ent_type_ in {"", "ORG", "FAC"}:
        titled = titled_untagged_name(entities, token)
        if titled is not None:
            return titled
    if actor is None and token.pos_ == "PROPN" and token.ent_type_ in {"", "ORG"}:
        # "the United States House of Representatives", tagged as "the United States" and an untagged
        # "House": the whole name, if the KB knows it, before its parts.
        whole = proper_name_run(token)
        known = entities.registry.kb.organisation(whole[0]) if whole is not None else None
        if known is not None:
            return _kb_organisation(whole[0], whole[1][0], known, "arg:whole-name")
    if depth == 0 or (token.pos_ == "NOUN" and lemma in VENUE_HEADS):
        return None
    if token.pos_ == "NOUN" and token.lower_ in KIN_NOUNS and any(
            c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children):
        return _relative(entities, token)
    # Below an issue, only a coded actor is a participant: the author of "a U.S. Supreme Court decision" or
    # "Trump's America First policy", not "the Top Two election policy". A topic's modifiers are what it is
    # about ("LGBT rights", "Court packing"); only its parties ("a deal with Iran") and a coded "of" ("the
    # right of Russian troops to fire") may name one.
    topic = lemma in TOPIC_HEADS
    # A name in apposition beats a possessor: "his main rival Joe Biden" is Biden, not "his".
    order = {"appos": 0, "compound": 1, "amod": 2, "nmod": 3, "prep": 4, "pobj": 5, "conj": 6, "poss": 7}
    # Never through a place phrase: "a checkpoint in Kabul" is no act against the Afghan government.
    children = sorted((c for c in token.children if c.dep_ in order
                       and not (c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS | COMPARISON_PREPS)
                       and not (topic and c.dep_ != "conj" and c.lower_ not in PARTY_PREPS | {"of"})
                       and not _through_a_platform(c)),
                      key=lambda c: order[c.dep_])
    for child in children:
        found = _resolve(entities, child, depth - 1)
        if found is not None and issue and not (found.country or found.sector):
            continue  # an uncoded name in an issue is its topic: "the Top Two election policy"
        if found is not None and found.country == "IGO" and lemma in MEMBER_HEADS and child.dep_ in MODIFIER_DEPS:
            continue  # "a single EU country", "NATO members": a member, not the organisation itself
        if found is not None and child.dep_ in MODIFIER_DEPS and (found.country is None) != (found.sector is None):
            # "a United States military airstrike", "a Russian military convoy": the country and the sector
            # word are sibling modifiers; the country's actor takes the sector.
            other = next((a for c in children if c.dep_ in MODIFIER_DEPS and c.i != child.i
                          and (a := _resolve(entities, c, depth - 1)) is not None
                          and (a.country is None) != (a.sector is None) and (a.country is None) != (found.country is None)),
                         None)
            if other is not None:
                nation, sector = (found, other) if found.country is not None else (other, found)
                return replace(nation, sector=sector.sector,
                               reasons=[*nation.reasons, f"sector:sibling-modifier:{sector.text.lower()}"])
        if found is not None:
            return found
    if token.pos_ == "NOUN" and token.text[:1].isupper() and not token.ent_type_:
        # The tagger's common noun "Trump" (sentence-initial, untagged) after the article named Donald Trump.
        person = named_person(entities, token.text, token.idx)
        if person is not None:
            return person
    if token.pos_ == "PROPN" and token.ent_type_ in {"", "PERSON", "ORG"} and not issue and not uncoded_place:
        # A proper name the tagger missed ("congratulated Pelosi"): named, uncoded. Never enough to make
        # an event's actor (the event stage wants a coded actor), but a recipient worth naming.
        first = min((t.i for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i), default=token.i)
        text = token.doc[first : token.i + 1].text  # a span's text, not the whole document's
        start = token.doc[first].idx
        person = named_person(entities, text, start)
        if person is not None:  # "spoke to Blake": the tagger missed a name the article has used
            return person
        known = entities.registry.kb.organisation(text)
        if known is not None:  # "for an AU summit": the tagger missed a name the KB knows
            return _kb_organisation(text, start, known, "arg:untagged-name")
        return Actor(text=text, span=(start, start + len(text)), name=text, reasons=["arg:uncoded-proper-name"])
    return None


def _kb_organisation(text: str, start: int, known, reason: str) -> Actor:
    """The actor of a name the tagger missed or split, coded by the KB's organisation entry."""
    return Actor(text=text, span=(start, start + len(text)), name=known.name, country=known.country,
                 sector=known.sector, reasons=[reason, f"kb:organisation:{known.name}"])


def _relative(entities: DocEntities, kin: Token) -> Actor:
    """"Joe Biden's son": named by the phrase, a private person (CVL) of the possessor's country."""
    owner = next(c for c in kin.children if c.dep_ == "poss" and c.pos_ == "PROPN")
    found = entities.actor_for(owner)
    start, end = kin.left_edge.idx, kin.idx + len(kin.text)
    text = doc_text(kin.doc)[start:end]
    return Actor(text=text, span=(start, end), name=text, country=found.country if found else None,
                 sector="CVL", reasons=["arg:relative-of-a-named-person"])


def _named_like_a_town(token: Token, actor: Actor | None) -> bool:
    """An uncoded name the tagger calls an organisation (or nothing) that the gazetteer knows as a place's
    own name: "Crete" and "Cheltenham" in "a meet on Crete", "a Cheltenham man" were tagged ORG. A
    person's name is never taken for a town."""
    if actor is None or actor.country or actor.sector or token.ent_type_ not in {"ORG", "NORP", ""}:
        return False
    if token.pos_ != "PROPN":
        return False
    from eventwire.extract.places import load_gazetteer

    return any(not alternate for _, alternate in load_gazetteer().lookup(actor.name))


def _counted_object(verb: Token) -> Token | None:
    """The object of "kidnapped up to 16 Russian advisers", which the parser reads as a particle "up" and a
    prepositional phrase "to ... advisers": a counted noun after "up to" is the object."""
    for particle in (c for c in verb.children if c.dep_ == "prt" and c.lower_ == "up"):
        for prep in (c for c in particle.children if c.dep_ == "prep" and c.lower_ == "to"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if any(c.dep_ == "nummod" for c in obj.children):
                    return obj
    return None


def _through_a_platform(prep: Token) -> bool:
    """"on Twitter", "on television": the medium of a statement."""
    return prep.dep_ == "prep" and prep.lower_ in MEDIUM_PREPS and any(
        o.dep_ == "pobj" and o.lower_ in PLATFORMS for o in prep.children)


# "with the exception of Cyprus": the one left out is no party.
EXCLUDED = {"exception", "exclusion"}


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[tuple[str, Token]]:
    found = []
    for prep in token.children:
        if _through_a_platform(prep):
            continue
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ in {"pobj", "pcomp"} and obj.lemma_.lower() not in EXCLUDED:
                    found.append((prep.lower_, obj))
        elif prep.dep_ == "dative" and prep.pos_ in {"PROPN", "NOUN", "PRON"}:
            found.append(("to", prep))
    return found


def find_arguments(trigger: Trigger, entities: DocEntities) -> Arguments:
    args = Arguments()
    event_type = trigger.entry.event_type
    noun, pred = trigger.token, trigger.predicate

    reciprocal = event_type in RECIPROCAL and not {pred.lemma_.lower(), noun.lemma_.lower()} & UNILATERAL_PROMISES
    if pred.pos_ == "VERB":
        subj, passive = subject_of(pred)
        if passive:
            target = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
            if target is not None and target.lower_ in RELATIVE_PRONOUNS and pred.dep_ == "relcl":
                target = pred.head  # "Carrie Lam, who is supported by Beijing": the relative's antecedent
            if target is not None and target.lower_ == "it" and event_type == "REJECT":
                target = None  # "a bill ..., but it was dismissed by the senate": the thing rejected
            if target is not None:
                args.recipient = _resolve(entities, target)
                args.reasons.append("arg:recipient:nsubjpass")
        if subj is not None:
            pair = entities.pair_for(subj)
            if pair is not None:
                args.actor = _pair_actor(entities, subj, pair[0])
                if reciprocal and (pred.lemma_.lower() in TOPIC_OBJECT_VERBS
                                   or not any(c.dep_ in {"dobj", "dative"} for c in pred.children)):
                    # "they met", "they discussed the efforts"; but "they invited the countries": the
                    # object is the other side.
                    args.recipient = _pair_actor(entities, subj, pair[1])
                args.reasons.append("arg:actor:pair")
            else:
                args.actor = _resolve(entities, subj, depth=1)
                args.reasons.append("arg:actor:agent" if passive else "arg:actor:nsubj")
                if args.actor is not None and subj.head.i != pred.i and names_itself(entities, pred, args.actor):
                    # "Theresa May appointed him ..., resigning in protest to May's agreement": a subject
                    # the participle only inherits is not the one its own phrase names as someone else.
                    args.actor = None
                    args.reasons.append("arg:actor:inherited-subject-named-in-phrase")
                conj = next((c for c in subj.children if c.dep_ == "conj"), None)
                if conj is not None and reciprocal and args.recipient is None:
                    other = _resolve(entities, conj, depth=1)
                    if other is not None:
                        args.recipient = other
                        args.reasons.append("arg:recipient:conj")
                if reciprocal and args.recipient is None and args.actor is not None:
                    other = coordinated_modifier(entities, subj, args.actor)
                    if other is not None:  # "the Turkish and Greek sides agreed", "US and Russian officials met"
                        args.recipient = other
                        args.reasons.append("arg:recipient:coordinated-nationality")
        if args.recipient is None and noun is pred and pred.lemma_.lower() not in TOPIC_OBJECT_VERBS:
            obj = next((c for c in pred.children if c.dep_ in {"dobj", "dative"}), None) or _counted_object(pred)
            if obj is not None:
                obj = split_object(obj)
            if obj is not None and (event_type == "MOBILIZE" or (obj.lower_ in FORCES and event_type in MOVES_FORCES)
                                    or pred.lemma_.lower() in TRANSFER_VERBS):
                # "deployed troops to ...", "deployed the national guard": the forces moved are the means,
                # not the recipient; so is the person extradited ("seek to extradite the gunman").
                obj = None
            if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and pred.dep_ == "relcl":
                obj = pred.head  # "Cyprus, which Turkey does not recognize": the relative's antecedent
            if obj is not None and obj.lemma_.lower() in ENVOYS and not _has_nationality(obj, entities):
                # "recalled its ambassador to Somalia": the host country is the recipient, not the envoy.
                # The parser hangs "to Somalia" on the envoy or on the verb; without a host, no recipient.
                hosts = _prep_objects(obj, ("to", "from", "in")) + _prep_objects(pred, ("to", "from"))
                obj = hosts[0][1] if hosts else None
            if obj is not None and pred.lemma_.lower() in SOUGHT_OBJECT_VERBS and entities.actor_for(obj) is not None:
                obj = None  # "sought a more federal European Union": what is sought, not whom it is asked of
            if obj is not None:
                args.recipient = _resolve(entities, obj, depth=2)
                if args.recipient is not None:
                    args.reasons.append("arg:recipient:dobj")

    # Noun triggers (alone or under a light verb): possessors, nationality words, "of", "between" ...
    if noun is not pred or pred.pos_ != "VERB":
        if args.actor is not None and event_type in RECIPROCAL:
            # "the Trump administration announced deals between Israel and Bahrain": the parties the
            # noun names, not the announcer.
            for obj in (o for p in noun.children if p.dep_ == "prep" and p.lower_ == "between"
                        for o in p.children if o.dep_ == "pobj"):
                other = next((c for c in obj.children if c.dep_ == "conj"), None)
                first, second = _resolve(entities, obj, depth=1), (
                    _resolve(entities, other, depth=1) if other is not None else None)
                if first is not None and second is not None:
                    args.actor, args.recipient = first, second
                    args.reasons = [r for r in args.reasons if not r.startswith(("arg:actor:", "arg:recipient:"))]
                    args.reasons.append("arg:pair:between-not-announcer")
                    break
        if args.actor is None and noun.dep_ == "pobj" and noun.head.lower_ == "for" and (
                noun.head.head.lemma_.lower() in MOTION_VERBS):
            # "negotiators return to Geneva for talks": those who come for the talks hold them.
            mover, _ = subject_of(noun.head.head)
            if mover is not None:
                args.actor = _resolve(entities, mover, depth=1)
                if args.actor is not None:
                    args.reasons.append("arg:actor:came-for")
                    if event_type in RECIPROCAL and args.recipient is None:
                        args.recipient = coordinated_modifier(entities, mover, args.actor)
                        if args.recipient is not None:
                            args.reasons.append("arg:recipient:coordinated-nationality")
        if args.actor is None:
            # "a videoconference of two hours between both leaders": the pair names both sides.
            betweens = [o for p in noun.subtree if p.dep_ == "prep" and p.lower_ == "between"
                        for o in p.children if o.dep_ == "pobj"]
            for obj in betweens:
                pair = entities.pair_for(obj)
                if pair is not None:
                    args.actor = _pair_actor(entities, obj, pair[0])
                    args.recipient = _pair_actor(entities, obj, pair[1])
                    args.reasons.append("arg:pair:between")
                    break
        if args.actor is None:
            # Prefer a participant coded with a country ("military concentration of Russia": Russia).
            options = [(c.dep_, c, _resolve(entities, c, depth=0)) for c in noun.children
                       if c.dep_ in {"poss", "amod", "compound", "nmod"}]
            options += [(f"{p}", o, _resolve(entities, o)) for p, o in _prep_objects(noun, ("of", "by"))
                        if not (p == "of" and event_type in OF_IS_RECIPIENT)]
            # An adjective names a participant only through its country ("a Russian attack"), never as a
            # title word ("an official protest" was coded as an unnamed official).
            options = [(d, t, a) for d, t, a in options
                       if a is not None and not (d == "amod" and t.pos_ == "ADJ" and a.country is None)]
            options.sort(key=lambda dta: dta[2].country is None)
            if options:
                dep, token, args.actor = options[0]
                args.reasons.append(f"arg:actor:{dep}")
                other = next((c for c in token.children if c.dep_ == "conj"), None)
                if other is not None and event_type in RECIPROCAL:
                    # "the meeting of Cyprus, Greece and Israel": the next member is the other side.
                    args.recipient = _resolve(entities, other, depth=1)
                    if args.recipient is not None:
                        args.reasons.append("arg:recipient:conj")
        for prep, obj in _prep_objects(noun, ("of", *RECIPIENT_PREPS)):
            pair = entities.pair_for(obj)
            if prep == "between" and pair is not None and args.actor is None:
                args.actor = _pair_actor(entities, obj, pair[0])
                args.recipient = _pair_actor(entities, obj, pair[1])
                args.reasons.append("arg:pair:between")
                break
            if args.recipient is not None:
                break
            if prep == "of" and event_type not in OF_IS_RECIPIENT:
                continue  # "concentration of Russia": the doer, already taken as the actor above
            found = _resolve(entities, obj)
            if _means_not_party(prep, found, args.actor, event_type):
                continue
            if found is not None:
                args.recipient = found
                args.reasons.append(f"arg:recipient:{prep}")

    if args.recipient is None and (pred is not noun or pred.pos_ == "VERB"):
        for prep, obj in _prep_objects(pred, RECIPIENT_PREPS):
            found = _resolve(entities, obj)
            if _means_not_party(prep, found, args.actor, event_type):
                continue
            if found is not None:
                args.recipient = found
                args.reasons.append(f"arg:recipient:{prep}")
                break
    if args.recipient is None and pred.pos_ == "VERB":
        found, how = _complement_target(pred, entities, args.actor)
        if found is not None:
            args.recipient = found
            args.reasons.append(f"arg:recipient:{how}")
    if args.recipient is None and pred.pos_ == "VERB" and event_type == "THREATEN":
        args.recipient = _clause_target(pred, entities)
        if args.recipient is not None:
            args.reasons.append("arg:recipient:clause")
    if args.recipient is None and noun is pred and noun.pos_ == "NOUN" and event_type in {"ASSAULT", "COERCE"}:
        found = _passive_victim(noun, entities)
        if found is not None:
            args.recipient = found
            args.reasons.append("arg:recipient:victim-of-agent")
    if args.recipient is None and event_type in LOCATED_TARGET_TYPES:
        found = _country_in(pred if pred.pos_ == "VERB" else noun, entities, args.actor)
        if found is not None:
            args.recipient = found
            args.reasons.append("arg:recipient:in-country")
    if args.recipient is None and event_type == "RETREAT" and pred.pos_ == "VERB" and args.actor is not None:
        # "recommended the United States troops in Iraq withdraw": the country the forces are in is left.
        mover, _ = subject_of(pred)
        for _, obj in _prep_objects(mover, ("in",)) if mover is not None else ():
            found = _resolve(entities, obj, depth=1)
            if found is not None and found.country is not None and found.country != args.actor.country:
                args.recipient = found
                args.reasons.append("arg:recipient:forces-in")
                break
    _locate_civilians(args, pred if pred.pos_ == "VERB" else noun, entities)
    if args.recipient is not None and args.recipient.entity_id is None and \
            args.recipient.text.lower().startswith(INDEFINITE_PARTIES):
        # "did not endorse another candidate": no one in particular is no recipient.
        args.recipient = None
        args.reasons.append("arg:recipient:indefinite")
    for role in ("actor", "recipient"):
        party = getattr(args, role)
        if party is not None and party.country is None:
            words = noun.doc.char_span(*party.span, alignment_mode="expand")
            setattr(args, role, entities.in_context(party, words.root if words is not None else None))
    return args


def _locate_civilians(args: Arguments, head: Token, entities: DocEntities) -> None:
    """A civilian group the text gives no country ("ethnic Albanians", "protesters") takes the country the
    event happens in, as CAMEO codes people by where they live: "Up to 100 ethnic Albanians demonstrated
    in Serbia" is SRB/CVL, and so are those killed "in a gunbattle in southeastern Serbia". The group keeps
    its own words; the reasons say where the country came from."""
    for role in ("actor", "recipient"):
        party = getattr(args, role)
        if party is None or party.country is not None or party.sector != "CVL":
            continue
        settings = [head, *(obj for _, obj in _prep_objects(head, ("in",)))]
        place = next((p for p in (_country_in(h, entities, None) for h in settings) if p is not None), None)
        if place is None:
            continue
        setattr(args, role, replace(party, country=place.country,
                                    reasons=[*party.reasons, f"country:located-in:{place.text}"]))
        args.reasons.append(f"arg:{role}:located-in")


def _passive_victim(noun: Token, entities: DocEntities) -> Actor | None:
    """"He was killed by a United States airstrike in Iraq": the one the passive verb happened to, whose
    agent is the trigger, is its target (not the country it took place in)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "agent":
        return None
    verb = noun.head.head
    victim = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return _resolve(entities, victim, depth=1) if victim is not None else None


def _means_not_party(prep: str, found: Actor | None, actor: Actor | None, event_type: str) -> bool:
    """"providing airstrikes with the Royal Saudi Air Force": the actor's own forces after "with" are its
    means, not the other side (except in reciprocal types, where "with" names the partner)."""
    return (prep == "with" and event_type not in RECIPROCAL and found is not None and actor is not None
            and found.sector == "MIL" and found.country is not None and found.country == actor.country
            and actor.sector != "MIL")


def _other_party(found: Actor | None, actor: Actor | None) -> bool:
    """A recipient worth keeping: coded, and not the actor again ("offered to hand over its nationals")."""
    if found is None or not (found.country or found.sector):
        return False
    if actor is None:
        return True
    if found.entity_id is not None and found.entity_id == actor.entity_id:
        return False
    if found.country is not None and found.country == actor.country:
        return False  # "agreed to move its embassy": the actor's own side
    return (found.country, found.sector) != (actor.country, actor.sector)


def _complement_target(verb: Token, entities: DocEntities, actor: Actor | None) -> tuple[Actor | None, str]:
    """The target of the action a verb announces in its infinitive: "offered to negotiate with Armenia",
    "threatened to break relations with Russia", "threatened to impose restrictions against German goods"."""
    for complement in (c for c in verb.children if c.dep_ == "xcomp"):
        verbs = [complement, *(c for c in complement.children if c.dep_ in {"xcomp", "conj"})]
        for current in verbs:
            for prep, obj in _prep_objects(current, RECIPIENT_PREPS):
                found = _resolve(entities, obj, depth=2)
                if _other_party(found, actor) and not (prep in PLACE_PREPS and _is_capital_as_place(found)):
                    return found, f"xcomp:{prep}"
            obj = next((c for c in current.children if c.dep_ in {"dobj", "dative"}), None)
            if obj is None or obj.lower_ in FORCES:
                continue
            for prep, inner in _prep_objects(obj, RECIPIENT_PREPS):
                found = _resolve(entities, inner, depth=2)
                if _other_party(found, actor):
                    return found, f"xcomp:dobj:{prep}"
            if current.lemma_.lower() not in TOPIC_OBJECT_VERBS | TRANSFER_VERBS:
                # Only a country-coded object: "seek to extradite the gunman" names no requested party.
                found = _resolve(entities, obj, depth=1)
                if _other_party(found, actor) and found is not None and found.country is not None:
                    return found, "xcomp:dobj"
    return None, ""


def _is_capital_as_place(found: Actor | None) -> bool:
    """"move its embassy from Tel Aviv": a capital after a motion preposition is a place, not its government."""
    return found is not None and any(r.startswith("metonym:capital") for r in found.reasons)


def _country_in(head: Token, entities: DocEntities, actor: Actor | None) -> Actor | None:
    """"lifted a curfew in Montenegro": for material acts, a country (never a city) the act takes place in."""
    holders = [head, *(c for c in head.children if c.dep_ in {"dobj", "nsubjpass"})]
    for holder in holders:
        for _, obj in _prep_objects(holder, ("in", "inside", "within")):
            # "in Montenegro province": the compound of a region word; "in the US capital city" is a city.
            found = _resolve(entities, obj, depth=1 if obj.lemma_.lower() in REGION_NOUNS else 0)
            if (found is not None and found.country and found.sector is None and _other_party(found, actor)
                    and entities.registry.kb.country(found.name or found.text) == found.country):
                return found
    return None


def _has_nationality(envoy: Token, entities: DocEntities) -> bool:
    """"the Libyan ambassador": the envoy names its own country, which is then the recipient."""
    return any(c.dep_ in {"amod", "compound", "poss"} and (a := entities.actor_for(c)) is not None
               and a.country is not None and c.lower_ not in {"its", "their", "his", "her"}
               for c in envoy.children)


def _pair_actor(entities: DocEntities, token: Token, entity) -> Actor:
    start = token.idx
    return Actor(text=token.text, span=(start, start + len(token.text)), name=entity.name,
                 country=entity.country, sector=entity.sector, entity_id=entity.id,
                 reasons=["coref:pair", *entity.reasons[:2]])


def _clause_target(verb: Token, entities: DocEntities) -> Actor | None:
    """Target of a warning: the subject of its complement or conditional clause, also when the clause
    hangs on the threatened action ("threatened to stop talks if the United States goes ahead")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    heads += [c for h in heads[1:] for c in h.children if c.dep_ == "xcomp"]
    for clause in (c for h in heads for c in h.children):
        if clause.dep_ in {"ccomp", "advcl"}:
            for tok in clause.subtree:
                if tok.dep_ in SUBJECTS:
                    found = entities.actor_for(tok)
                    if found is not None and found.country is not None:
                        return found
    return None


# Leaving an organisation or an agreement is SANCTION/withdraw, not RETREAT (the manual's SANCTION table:
# "withdraw oneself ... from a group, mediation activity, organization"; RETREAT is leaving territory).
LEAVE_LEMMAS = {"withdraw", "withdrawal", "pull", "exit", "quit", "leave"}
BODY_NOUNS = {"treaty", "agreement", "accord", "deal", "pact", "talks", "negotiation", "negotiations", "union",
              "alliance", "organization", "organisation", "bloc", "coalition", "council", "convention", "protocol",
              "framework", "commission", "league", "partnership", "membership", "community", "process", "forum"}


def organisation_left(trigger: Trigger, entities: DocEntities, actor: Actor | None) -> tuple[bool, Actor | None]:
    """(does the trigger leave an organisation or agreement?, the party left: the agreement's partner ("a
    treaty with Iran") or the organisation itself ("the European Union"), if coded and not the actor's side)."""
    tok, pred = trigger.token, trigger.predicate
    if not {tok.lemma_.lower(), pred.lemma_.lower()} & LEAVE_LEMMAS:
        return False, None
    for head in dict.fromkeys((pred, tok)):
        if any(c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in FORCES for c in head.children):
            return False, None  # "withdrew troops from the mission": forces, a RETREAT
        # "pulled out of the Paris Agreement": spaCy hangs "of" on the particle "out".
        outs = [c for c in head.children if c.lower_ == "out"]
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"]
        preps += [p for o in outs for p in (o, *o.children) if p.dep_ == "prep" and p.lower_ == "of"]
        for body in (o for prep in preps for o in prep.children if o.dep_ == "pobj"):
            if body.lemma_.lower() not in BODY_NOUNS and body.ent_type_ != "ORG":
                continue
            # The partner named with "with" or "between", else the body itself when it is coded (the
            # European Union); never a place in its name ("the Paris climate agreement" is no France).
            partners = [found for _, o in _prep_objects(body, ("with", "between"))
                        if (found := _resolve(entities, o, depth=1)) is not None]
            party = partners[0] if partners else entities.actor_for(body)
            return True, party if _other_party(party, actor) else None
    return False, None
