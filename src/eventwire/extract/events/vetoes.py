"""Sense vetoes applied after the type classifier: readings of a candidate that the Wikinews audits found
to be no event of the coded type (docs/benchmarks.md, rounds 8, 9 and 11).

They run after classification, not in the trigger finder, because the trigger finder is shared with
training: its examples, and so the shipped weights, stay as they are. Each veto returns a reason code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp import first_conjunct, sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.extract.events.triggers import Trigger

# Talking to the press or to an audience is a statement, not a consultation between actors ("spoke to
# Wikinews", "told reporters", "With Wikinews, Collins discusses ...", "speak to a political convention").
AUDIENCE_WORDS = {"press", "reporters", "reporter", "journalists", "journalist", "media", "interviewer",
                  "newspaper", "television", "radio", "broadcaster", "wikinews", "cnn", "bbc", "reuters", "afp",
                  "ap", "podcast", "audience", "viewers", "listeners", "readers", "crowd", "supporters",
                  "convention", "rally", "graduates", "delegates"}
# Habitual or generic statements ("has always condemned any form of violence") report no event.
HABITUAL_ADVERBS = {"always", "usually", "generally", "often", "traditionally", "typically", "normally"}
# Deploying or massing needs something military ("deploy CentOS Stream" is software, "has amassed 1,217
# pledged delegates" a primary count).
DEPLOYABLE = {"troops", "troop", "soldiers", "forces", "force", "army", "military", "police", "guard", "guards",
              "warships", "ships", "jets", "aircraft", "tanks", "missiles", "units", "battalion", "battalions",
              "brigade", "brigades", "marines", "personnel", "officers", "reinforcements", "peacekeepers",
              "submarines", "destroyers", "carrier", "drones", "weapons", "artillery", "navy", "paratroopers"}
MASS_VERBS = {"amass", "mass", "muster"}
DEPLOY_VERBS = {"deploy", "dispatch", "send", "station", "redeploy", "mobilize", "mobilise", *MASS_VERBS}
# Talking or discussing with no one named is a statement, not a consultation ("Tseng discussed his plans
# for Melbourne", "the people in the community are discussing"); two sides ("the leaders talked") or a
# named partner ("spoke with Erdogan") give the event its recipient and keep it.
SPEECH_WITHOUT_PARTNER = {"discuss", "talk", "speak", "chat", "converse"}
# A candidate leaving a race is campaign news, no RETREAT ("withdrew her name from consideration to be
# Biden's running mate", "withdrew before the primaries").
RACE_WORDS = {"race", "campaign", "candidacy", "consideration", "nomination", "primary", "primaries", "election",
              "contest", "running", "ticket", "bid", "caucus", "caucuses"}
PRIMARY_WORDS = {"primary", "primaries", "caucus", "caucuses"}
WITHDRAW_WORDS = {"withdraw", "withdrawal", "drop", "quit", "exit"}
# Speaking at a think tank or a university is a speech, not a consultation.
SPEECH_WORDS = {"talk", "speak", "speech", "address", "lecture", "remark", "remarks"}
SPEECH_VENUES = {"tank", "institute", "university", "college", "school", "academy", "forum", "club", "foundation"}
# What a document allows is no event: "a proposed bill that would have allowed China to extradite ...",
# "memoranda in which Turkey and Libya ... allowed Turkish army deployments".
PERMIT_VERBS = {"allow", "permit", "authorize", "authorise", "enable", "let"}
DOCUMENT_NOUNS = {"bill", "law", "laws", "legislation", "proposal", "plan", "memorandum", "memoranda", "agreement",
                  "deal", "treaty", "accord", "pact", "amendment", "provision", "clause", "rule", "regulation",
                  "resolution", "decree", "act", "ordinance", "measure", "mou", "framework", "constitution"}


def talks_to_media(tok: Token) -> bool:
    """"spoke to reporters", "talks with CNN", "discusses ... with Wikinews"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "with"}:
            for obj in prep.children:
                words = {t.lower_ for t in obj.subtree}
                if obj.lower_ in AUDIENCE_WORDS or any(w.endswith("news") for w in words) or (
                        obj.ent_type_ == "ORG" and words & AUDIENCE_WORDS):
                    return True
    return False


def _agrees_with_someone(tok: Token) -> bool:
    """"Carroll agreed with La Riva": concurring with a view, with no commitment ("agreed to", "agreed on",
    "agreed that", an object) that would make it an agreement."""
    if tok.lemma_.lower() != "agree":
        return False
    children = list(tok.children)
    if any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in children):
        return False
    preps = {c.lower_ for c in children if c.dep_ == "prep"}
    return "with" in preps and not preps & {"to", "on", "upon"}


def _permitted_by_document(pred: Token) -> bool:
    """The action is the object or complement of "allow"/"permit" in a clause about a document."""
    permit = pred.head if pred.dep_ in {"ccomp", "xcomp", "dobj"} else None
    if permit is None or permit.lemma_.lower() not in PERMIT_VERBS:
        return False
    clause = first_conjunct(permit)  # "agreed on borders and allowed deployments": the first verb's clause
    subject = next((c for c in permit.children if c.dep_ == "nsubj"), None)
    holders = [clause.head] if clause.dep_ == "relcl" else []
    if subject is not None:
        holders.append(subject)
    return any(h.lemma_.lower() in DOCUMENT_NOUNS or h.lower_ in DOCUMENT_NOUNS for h in holders)


def _leaves_a_race(pred: Token, tok: Token) -> bool:
    """What is left ("from the race", "her candidacy") is a race, or the withdrawal comes before the
    primaries; "withdrew troops ahead of the election" is no candidate's exit."""
    if tok.lemma_.lower() not in WITHDRAW_WORDS and pred.lemma_.lower() not in WITHDRAW_WORDS:
        return False
    for head in {pred, tok}:
        for c in head.children:
            words = {t.lemma_.lower() for t in c.subtree}
            if (c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "from")) and words & RACE_WORDS:
                return True
            if c.dep_ == "prep" and c.lower_ == "before" and words & PRIMARY_WORDS:
                return True
    return False


def _a_persons_bare_withdrawal(tok: Token) -> bool:
    """"before her withdrawal": a person's withdrawal with nothing withdrawn and nowhere left is an exit from
    a race (a person withdraws no troops; "his withdrawal from the talks" names what is left)."""
    if tok.lemma_.lower() not in {"withdrawal"} or tok.pos_ != "NOUN":
        return False
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ not in {"his", "her"} and owner.ent_type_ != "PERSON":
        return False
    return not any(c.dep_ == "prep" and c.lower_ in {"of", "from"} for c in tok.children)


def _speech_at_a_venue(pred: Token, tok: Token) -> bool:
    """"his talk at the United States think tank", "speaking to the Atlantic Council think tank"."""
    for head in {pred, tok}:
        if head.lemma_.lower() not in SPEECH_WORDS:
            continue
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"at", "to", "before"}:
                if any(t.lower_ in SPEECH_VENUES for o in prep.children for t in o.subtree):
                    return True
                if prep.lower_ != "at":
                    continue
                # The parser may hang the venue elsewhere ("talk at the United States think tank Atlantic
                # Council's headquarters"): read the words right after "at", up to a comma or a person.
                for t in prep.doc[prep.i + 1 : min(prep.i + 9, sentence_of(prep)[1])]:
                    if t.is_punct or t.ent_type_ == "PERSON":
                        break
                    if t.lower_ in SPEECH_VENUES:
                        return True
    return False


# Support verbs whose present tense states a standing relation ("the rebels are backed by Iran", "Cyprus,
# which Turkey does not recognize", "the party supports the Democratic ticket"), not an act of support.
STANCE_VERBS = {"support", "back", "recognize", "recognise", "favor", "favour"}
PRESENT_TAGS = {"VBZ", "VBP"}
OPPOSE_VERBS = {"oppose"}
# Saying one supports something is the act of expressing it ("Russia said it supports the plan").
REPORTING_VERBS = {"say", "announce", "declare", "state", "confirm", "reiterate", "insist", "stress", "tell",
                   "write", "tweet", "add", "affirm", "reaffirm", "emphasize", "emphasise", "vow", "pledge"}


# Calls in the simple present are positions held ("Collins ... calls on Washington to remain neutral").
CALL_VERBS = {"call", "urge", "demand"}


def _standing_call(pred: Token) -> bool:
    """A call verb in the simple present with no auxiliary at all (not even "does"), not under a reporting
    verb: :func:`_standing_relation` for calls."""
    return not any(c.dep_ in {"aux", "auxpass"} for c in pred.children) and _standing_relation(pred, CALL_VERBS)


def _standing_relation(pred: Token, verbs: set[str] = STANCE_VERBS) -> bool:
    """A support verb (or another stance verb) in the simple present: passive ("is supported by"), in a
    relative clause, or on its own, unless a reporting verb makes it a statement of support."""
    if pred.pos_ != "VERB" or pred.lemma_.lower() not in verbs:
        return False
    auxiliaries = [c for c in pred.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" or a.lemma_.lower() in {"have", "will"} for a in auxiliaries):
        return False
    passive = next((a for a in auxiliaries if a.dep_ == "auxpass"), None)
    if passive is not None:
        return passive.tag_ in PRESENT_TAGS
    do = next((a for a in auxiliaries if a.lemma_.lower() == "do"), None)
    if pred.tag_ not in PRESENT_TAGS and not (do is not None and do.tag_ in PRESENT_TAGS):
        return False
    if pred.dep_ == "relcl":
        return True
    clause = first_conjunct(pred)
    return not (clause.dep_ in {"ccomp", "parataxis"} and clause.head.lemma_.lower() in REPORTING_VERBS)


# Help in an election is votes and campaigning, not the manual's AID ("Sanders was aided by the support of
# younger voters", "nominated the ticket to assist President Trump's re-election").
ELECTORAL_WORDS = {"election", "re-election", "reelection", "campaign", "candidacy", "nomination", "primary",
                   "caucus", "vote", "votes", "voter", "voters", "ballot", "ticket", "race", "bid"}
NON_DONORS = {"support", "backing", "vote", "votes", "turnout", "endorsement", "popularity"}


def _electoral_help(pred: Token) -> bool:
    """Help whose object is an election or whose giver is a vote tally, not a transfer of aid."""
    for c in pred.children:
        if c.dep_ in {"dobj", "xcomp"} and {t.lower_ for t in c.subtree} & ELECTORAL_WORDS:
            return True
        if c.dep_ == "agent" and any(o.dep_ == "pobj" and o.lemma_.lower() in NON_DONORS for o in c.children):
            return True
    return False


def _calls_a_race(pred: Token) -> bool:
    """"the AP called Nevada for Biden": a projection of an election's winner, not a request."""
    if pred.lemma_.lower() != "call":
        return False
    place = any(c.dep_ == "dobj" and c.ent_type_ == "GPE" for c in pred.children)
    return place and any(c.dep_ == "prep" and c.lower_ == "for" for c in pred.children)


def _first_acquaintance(pred: Token) -> bool:
    """"Walker first met Hawkins in 2014": how two people came to know each other (between state parties,
    "the two presidents first met in person last June" is their first summit, and stays)."""
    return pred.lemma_.lower() == "meet" and any(c.dep_ == "advmod" and c.lower_ == "first" for c in pred.children)


# What is sought in a race is no request to anyone ("three candidates sought the party's nomination").
SOUGHT_IN_A_RACE = {"nomination", "candidacy", "endorsement", "votes", "vote", "seat", "office"}
# Asking people to pray or mourn is a pastoral appeal, not a political request.
DEVOTIONS = {"pray", "mourn", "prayer", "prayers"}


def _seeks_in_a_race(pred: Token) -> bool:
    return pred.lemma_.lower() in {"seek", "want"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SOUGHT_IN_A_RACE for c in pred.children)


def _asks_for_devotion(pred: Token) -> bool:
    return any(c.dep_ in {"xcomp", "ccomp", "dobj"} and c.lemma_.lower() in DEVOTIONS for c in pred.children)


# "These ministers should seek forgiveness", "the US ought to withdraw": someone's opinion of what a party
# should do, no act of that party (a meeting that "should" happen is expected: CONSULT is left alone).
OPINION_MODALS = {"should", "ought"}
# "Trump's White House staff want him to resign": what one party wishes another would do.
WISH_VERBS = {"want", "wish", "hope", "prefer", "like"}


def _opinion(pred: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in OPINION_MODALS for c in pred.children)


def _wished_of_another(pred: Token) -> bool:
    """The act is the complement of a wish about someone else ("want him to resign"), not the wisher's own
    plan ("wants to meet Putin")."""
    head = pred.head
    if pred.dep_ not in {"xcomp", "ccomp"} or head.i == pred.i or head.lemma_.lower() not in WISH_VERBS:
        return False
    own_subject = any(c.dep_ == "nsubj" for c in pred.children)
    object_of_wish = any(c.dep_ == "dobj" for c in head.children)
    return own_subject or object_of_wish


def veto(event_type: str, trigger: Trigger, has_recipient: bool = True, state_party: bool = True) -> str | None:
    """The reason code of a veto that applies to this reading of the trigger, else None. ``state_party``:
    some participant is coded with a sector of the state."""
    tok, pred = trigger.token, trigger.predicate
    if event_type != "CONSULT" and pred.pos_ in {"VERB", "AUX"} and _opinion(pred):
        return "veto:opinion"  # ("the talks should resume on Monday" is an expected meeting)
    if pred.pos_ in {"VERB", "AUX"} and _wished_of_another(pred):
        return "veto:wished-of-another"
    if event_type == "CONSULT" and not state_party and _first_acquaintance(pred):
        return "veto:first-acquaintance"
    if event_type == "REQUEST" and (_seeks_in_a_race(pred) or _asks_for_devotion(pred)):
        return "veto:campaign-or-devotion"
    if event_type == "CONSULT" and (talks_to_media(pred) or talks_to_media(tok)):
        return "veto:talks-to-media"
    if event_type == "CONSULT" and not has_recipient and tok.lemma_.lower() in SPEECH_WITHOUT_PARTNER:
        return "veto:talk-with-no-counterpart"
    if event_type == "CONSULT" and _speech_at_a_venue(pred, tok):
        return "veto:speech-at-a-venue"
    if _leaves_a_race(pred, tok):  # whatever the type: the model reads some as SANCTION or CONCEDE
        return "veto:leaves-a-race"
    if event_type == "RETREAT" and _a_persons_bare_withdrawal(tok):
        return "veto:leaves-a-race"
    if event_type in {"AGREE", "SUPPORT"} and _agrees_with_someone(pred):
        return "veto:agrees-with-a-view"
    if event_type == "REQUEST" and _calls_a_race(pred):
        return "veto:election-call"
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in pred.children):
        return "veto:habitual"
    if _permitted_by_document(pred) or (tok is not pred and _permitted_by_document(tok)):
        return "veto:permitted-by-a-document"
    if event_type == "SUPPORT" and tok is pred and _standing_relation(pred):
        return "veto:standing-relation"
    if event_type == "REJECT" and tok is pred and _standing_relation(pred, OPPOSE_VERBS):
        return "veto:standing-relation"  # "the candidate opposes intervention": a position held
    if event_type == "REQUEST" and tok is pred and _standing_call(pred):
        return "veto:standing-call"
    if event_type == "AID" and _electoral_help(pred):
        return "veto:electoral-help"
    if event_type == "MOBILIZE" and pred.lemma_.lower() in DEPLOY_VERBS:
        objects = [c for c in pred.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not objects and pred.lemma_.lower() in MASS_VERBS:
            # The parser may miss the object ("has amassed 1,217 pledged delegates"): read the clause.
            objects = [c for c in pred.children if c.dep_ not in {"nsubj", "aux", "punct"}]
        if objects and not any(t.lower_ in DEPLOYABLE for o in objects for t in o.subtree):
            return "veto:nothing-military-deployed"
    return None


__all__ = ["veto", "talks_to_media"]
