"""Find PLOVER event triggers in a parsed sentence with the shipped lexicon and dependency patterns."""

from __future__ import annotations

import csv
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Verbs that carry an event noun as their object: "hold talks", "had a telephone conversation".
LIGHT_VERBS = {"hold", "have", "make", "conduct", "carry", "launch", "stage", "impose", "issue", "express",
               "reiterate", "offer", "give", "provide", "announce", "pledge", "sign", "reach", "begin", "start",
               "seek", "deliver", "extend", "voice", "file", "level", "slap", "mount", "continue", "host"}
PHONE_WORDS = {"telephone", "phone", "video", "videoconference", "call"}
# Nouns whose event reading needs an explicit military word nearby ("military concentration").
NEEDS_MILITARY = {"concentration", "deployment", "build-up", "buildup", "mass"}
SUBJECTS = {"nsubj", "nsubjpass"}
MILITARY_WORDS = {"military", "troops", "troop", "forces", "soldiers", "army", "tanks", "weapons", "missiles"}


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    event_type: str
    mode: str | None
    needs: tuple[str, ...]


@dataclass
class Trigger:
    token: Token  # the word that names the event
    predicate: Token  # the word whose arguments are the event's arguments (the light verb, or itself)
    entry: Entry
    reasons: list[str]
    # Set by a sense rule that read the parse ("attacked Biden for ..." is verbal): the classifier may still
    # reject the candidate, but not retype it.
    sense_fixed: bool = False
    # Proposed by the extended word list, not the strict lexicon (:func:`find_word_list_triggers`): the
    # classifier reads it as a sentence with no trigger, and the event stands only if it agrees.
    word_list: bool = False


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], Entry]:
    text = resources.files("eventwire.extract.events").joinpath("data", "triggers.tsv").read_text("utf-8")
    table: dict[tuple[str, str], Entry] = {}
    for row in csv.reader(text.splitlines(), delimiter="\t"):
        if not row or row[0].startswith("#"):
            continue
        lemma, pos, event_type, mode, needs = (row + [""] * 5)[:5]
        table[(lemma, pos)] = Entry(lemma, pos, event_type, mode or None,
                                    tuple(n for n in needs.split("|") if n and n != "-"))
    return table


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.lower_


def find_triggers(sent: Span) -> list[Trigger]:
    lex = lexicon()
    found: list[Trigger] = []
    consumed: set[int] = set()
    for tok in sent:
        if tok.i in consumed:
            continue
        lemma = _lemma(tok)
        if tok.pos_ in {"VERB"}:
            # Light verb + event noun: the noun names the event, the verb carries its arguments.
            if lemma in LIGHT_VERBS:
                obj = next((c for c in tok.children if c.dep_ in {"dobj", "attr"}), None)
                # The event noun is the object, or a noun inside it ("held their first face-to-face last June").
                candidates = [obj, *(t for t in obj.subtree if t is not obj)] if obj is not None else []
                hit = next((c for c in candidates if c.pos_ in {"NOUN", "PROPN"}
                            and (e := lex.get((_noun_lemma(c), "NOUN"))) is not None and _noun_ok(c, e)), None)
                if hit is not None:
                    noun_entry = lex[(_noun_lemma(hit), "NOUN")]
                    found.append(Trigger(hit, tok, noun_entry, [f"lex:light-verb:{lemma}+{_noun_lemma(hit)}"]))
                    width = 5 if "-" in noun_entry.lemma else 1  # hyphenated nouns span several tokens
                    consumed.update(range(hit.i, hit.i + width))
                    continue
            entry = lex.get((lemma, "VERB"))
            if entry is not None and _verb_ok(tok, entry):
                if entry.lemma == "attack" and _verbal_attack(tok):
                    found.append(Trigger(tok, tok, VERBAL_ATTACK, ["lex:verb:attack:verbal"], sense_fixed=True))
                else:
                    found.append(Trigger(tok, tok, entry, [f"lex:verb:{lemma}"]))
        elif tok.pos_ in {"NOUN", "PROPN"}:
            entry = lex.get((_noun_lemma(tok), "NOUN"))
            if entry is not None and _noun_ok(tok, entry):
                verb = _governing_light_verb(tok)
                if verb is not None:
                    found.append(Trigger(tok, verb, entry, [f"lex:light-verb:{verb.lemma_.lower()}+{entry.lemma}"]))
                    consumed.update(range(tok.i, tok.i + (5 if "-" in entry.lemma else 1)))
                elif _noun_is_event_argument(tok):
                    found.append(Trigger(tok, tok, entry, [f"lex:noun:{_noun_lemma(tok)}"]))
    return _fix_senses(found)


# Word-list types that propose no candidate: PLV's merged YIELD class is the one the model gives to
# sentences it cannot place ("returned to the campaign trail", "has access in Mississippi"), so agreement
# with it is no evidence.
WORD_LIST_SILENT_TYPES = {"CONCEDE", "RETREAT"}
WORD_LIST_KEY = "eventwire.word_list_tokens"


@lru_cache(maxsize=1)
def _word_list_lemmas() -> frozenset[str]:
    from eventwire.extract.events.classifier import extended_lexicon

    return frozenset(lemma for lemma, _ in extended_lexicon())


@lru_cache(maxsize=1)
def _word_list_hashes():
    """The word-list lemmas, in lower, capitalised and upper case, as spaCy string hashes (numpy array)."""
    import numpy as np
    from spacy.strings import hash_string

    variants = {v for lemma in _word_list_lemmas() for v in (lemma, lemma.capitalize(), lemma.upper())}
    return np.array(sorted(hash_string(v) for v in variants), dtype=np.uint64)


def _word_list_tokens(doc) -> list[int]:
    """Indices of the doc's verbs and nouns whose lemma is in the word list (any case), found once per doc
    with one array read instead of a Python loop over every token's strings."""
    cached = doc.user_data.get(WORD_LIST_KEY)
    if cached is None:
        import numpy as np
        from spacy.attrs import LEMMA, POS
        from spacy.parts_of_speech import IDS

        rows = doc.to_array([LEMMA, POS])
        hit = np.isin(rows[:, 0], _word_list_hashes().astype(rows.dtype)) & np.isin(
            rows[:, 1], np.array([IDS["VERB"], IDS["NOUN"]], dtype=rows.dtype))
        cached = [int(i) for i in np.flatnonzero(hit)]
        doc.user_data[WORD_LIST_KEY] = cached
    return cached


def find_word_list_triggers(sent: Span, strict: list[Trigger]) -> list[Trigger]:
    """Candidates from the extended word list (``lexicon-extended.tsv``) beyond the strict lexicon: verbs,
    and nouns that are a light verb's object ("granted asylum", "announced a suspension"). Bare nouns
    are left out ("his tax returns", "a press release": the noun senses are too often no event).

    They add recall without changing what the classifier sees: its features read the strict lexicon only,
    so a word-list candidate is coded as a sentence without a trigger (as PLV rows without one are), and
    the pipeline keeps it only when the model is sure of the word list's type (``classify``)."""
    from eventwire.extract.events.classifier import extended_lexicon

    doc = sent.doc
    listed = _word_list_tokens(doc)
    inside = listed[bisect_left(listed, sent.start) : bisect_left(listed, sent.end)]
    if not inside:
        return []
    words = extended_lexicon()
    taken = {t.token.i for t in strict} | {t.predicate.i for t in strict}
    found: list[Trigger] = []
    for i in inside:
        if i in taken:
            continue
        tok = doc[i]  # a verb or noun (see _word_list_tokens)
        lemma = tok.lemma_.lower()
        event_type = words.get((lemma, tok.pos_))
        if event_type is None or event_type in WORD_LIST_SILENT_TYPES:
            continue
        entry = Entry(lemma, tok.pos_, event_type, None, ())
        if tok.pos_ == "VERB":
            found.append(Trigger(tok, tok, entry, [f"lex:word-list:verb:{lemma}"], word_list=True))
            continue
        verb = _governing_light_verb(tok)
        if verb is not None and verb.i not in taken:
            found.append(Trigger(tok, verb, entry, [f"lex:word-list:light-verb:{verb.lemma_.lower()}+{lemma}"],
                                 word_list=True))
    return found


# Entries whose type the words settle: the classifier may reject the candidate but not retype it (the
# Wikinews audit found "called for ..." coded SUPPORT and "signed an agreement" SUPPORT).
# A court's verdict is SANCTION/convict, which the classifier read as ACCUSE (PLV has few convictions).
FIXED_SENSES = {("call", "VERB"), ("agreement", "NOUN"), ("deal", "NOUN"), ("accord", "NOUN"),
                ("treaty", "NOUN"), ("sign", "VERB"), ("convict", "VERB"), ("conviction", "NOUN"),
                ("sentence", "VERB"), ("jail", "VERB"), ("imprison", "VERB")}
CALLED_RACES = {"election", "race", "state", "contest", "vote", "primary", "seat", "result", "winner"}
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "mou", "contract", "ceasefire",
                   "truce", "declaration", "protocol", "convention", "deals", "agreements"}
ENACTMENT_NOUNS = {"bill", "law", "decree", "order", "legislation", "budget", "measure", "act", "ordinance"}


def _fix_senses(found: list[Trigger]) -> list[Trigger]:
    for trigger in found:
        if (trigger.entry.lemma, trigger.entry.pos) in FIXED_SENSES:
            trigger.sense_fixed = True
    return found


def _governing_light_verb(tok: Token) -> Token | None:
    """The light verb a noun hangs from through object-like links (parsers vary: dobj, npadvmod, nmod)."""
    current = tok
    for _ in range(3):
        if current.dep_ not in {"dobj", "attr", "npadvmod", "nmod", "oprd", "compound"} or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "VERB":
            return current if current.lemma_.lower() in LIGHT_VERBS else None
    return None


def _noun_lemma(tok: Token) -> str:
    lower = tok.lower_
    if lower in {"talks", "sanctions", "consultations", "negotiations"}:
        return lower
    # Hyphenated nouns come split by the tokenizer ("face-to-face", "build-up").
    if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-":
        joined = tok.doc[tok.i : tok.i + 3].text.lower()
        if joined in {"build-up"}:
            return joined
    if lower == "face" and tok.doc[tok.i : tok.i + 5].text.lower().replace(" ", "") == "face-to-face":
        return "face-to-face"
    return tok.lemma_.lower()


VERBAL_ATTACK = Entry("attack", "VERB", "ACCUSE", "disapprove", ())
VIOLENCE_WORDS = MILITARY_WORDS | {"gunmen", "militants", "rebels", "police", "bomb", "bombs", "rocket", "rockets",
                                   "drone", "drones", "killed", "wounded", "injured", "village", "town", "base",
                                   "convoy", "positions", "city", "knife", "gun", "guns"}
# Places whose visit is no meeting between political actors.
VENUES = {"hospital", "school", "museum", "factory", "plant", "farm", "church", "mosque", "temple", "memorial",
          "cemetery", "exhibition", "zoo", "park", "stadium", "university", "college", "shop", "store", "site",
          "mall", "hotel", "restaurant", "theatre", "theater", "gallery", "clinic", "prison"}
CAMPAIGN_WORDS = {"campaign", "campaigning", "reelection", "re-election", "primary", "primaries", "candidate"}
PEOPLE_ADVISED = {"people", "residents", "public", "citizens", "travellers", "travelers", "motorists", "users"}


def _visits_venue(tok: Token) -> bool:
    """"visited a hospital", "his visit to the museum": the visited thing is a venue, not an actor."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
    return any(o.lemma_.lower() in VENUES or o.ent_type_ == "FAC"
               or any(w.lemma_.lower() in VENUES for w in o.subtree) for o in objects)


def _verbal_attack(tok: Token) -> bool:
    """"Trump attacked Biden for ...": a person attacking a person or a policy with words, no weapons."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "PERSON":
        return False
    return not ({t.lower_ for t in tok.sent} & VIOLENCE_WORDS)


def _warning_is_threat(tok: Token) -> bool:
    """A warning threatens when aimed at someone ("warned Putin that ...") or when its clause says what the
    warner will do ("warned that it would respond", "warned that if ..., ..."); a warning that a third
    party or a trend could do harm, or safety advice to the public, is no threat."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj.lemma_.lower() not in PEOPLE_ADVISED
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    if any(c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in c.children) for c in clause.children):
        return True
    warner = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    if subject.lower_ in {"we", "i", "it", "they"}:
        return True
    return warner is not None and subject.lower_ == warner.lower_


def _verb_ok(tok: Token, entry: Entry) -> bool:
    if entry.needs:
        preps = {c.lower_ for c in tok.children if c.dep_ in {"prep", "prt", "dative"}}
        if not preps & set(entry.needs):
            return False
    if entry.lemma == "warn":
        return _warning_is_threat(tok)
    if entry.lemma == "call" and any(c.dep_ == "dobj" and c.lemma_.lower() in CALLED_RACES for c in tok.children):
        return False  # "the AP called the election for Biden": a race declared, no request
    if entry.lemma == "rally" and {t.lower_ for t in tok.sent} & CAMPAIGN_WORDS:
        return False
    if entry.lemma == "sign":
        # Signing an agreement is AGREE; signing a bill or decree into force is no event between actors.
        objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        return any(o.lemma_.lower() in AGREEMENT_NOUNS for o in objects) and not any(
            o.lemma_.lower() in ENACTMENT_NOUNS for o in objects)
    if entry.lemma == "visit" and _visits_venue(tok):
        return False
    if entry.lemma in {"release", "free"}:
        # Releasing people is RETREAT; releasing a statement, a book or data is no event.
        return any(c.dep_ in {"dobj", "nsubjpass"} and _is_people(c) for c in tok.children)
    if entry.lemma in {"free", "lift", "ease", "charge", "sentence", "execute", "mass", "back", "march"}:
        return any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children)
    if entry.lemma == "discuss":
        return any(c.dep_ in SUBJECTS for c in tok.children)
    return True


CAPTIVES = {"prisoner", "hostage", "detainee", "captive", "people", "soldier", "journalist", "activist",
            "national", "citizen", "protester", "sailor", "fisherman", "crew", "migrant", "worker", "inmate",
            "man", "woman", "child", "opponent", "dissident", "member", "official", "student", "leader"}


def _is_people(tok: Token) -> bool:
    head = tok
    if head.pos_ == "NUM" or head.lemma_.lower() in {"dozen", "hundred", "thousand", "group", "some"}:
        head = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), head)
        head = next((c for c in head.children if c.dep_ == "pobj"), head)
    return head.ent_type_ in {"PERSON", "NORP"} or head.lemma_.lower() in CAPTIVES or head.lower_ in {"them", "him", "her"}


def _noun_ok(tok: Token, entry: Entry) -> bool:
    lemma = entry.lemma
    if lemma in NEEDS_MILITARY:
        nearby = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.lefts}
        return bool(nearby & MILITARY_WORDS)
    if lemma == "call":
        words = {t.lower_ for t in tok.lefts} | {tok.head.lower_}
        return bool(words & (PHONE_WORDS | {"video", "leaders"}) or tok.dep_ in {"dobj"} and tok.head.lemma_ in {"hold", "have", "make"})
    if lemma == "rally" and {t.lower_ for t in tok.sent} & CAMPAIGN_WORDS:
        return False  # campaign rallies are no protest
    if lemma == "arrest" and any(c.lower_ in {"cardiac", "respiratory", "heart"} for c in tok.children):
        return False
    if lemma == "visit" and _visits_venue(tok):
        return False
    if lemma == "strike":
        return any(t.lower_ in {"workers", "general", "hunger", "union", "unions"} for t in tok.subtree)
    if lemma == "deal":
        return tok.dep_ in {"dobj", "nsubj", "nsubjpass"}
    return True


def _noun_is_event_argument(tok: Token) -> bool:
    # A bare event noun must have a participant attached to it, or be a clause's subject/object.
    if tok.dep_ == "compound":
        return False
    has_participant = any(
        c.dep_ in {"poss", "prep", "compound", "amod"} for c in tok.children
    )
    return has_participant or tok.dep_ in {"nsubj", "nsubjpass", "dobj"}
