"""PLOVER mode of an event, from the manual's mode definitions (PLOVER_structured_codebook.csv).

The lexicon entry of the trigger names a mode when the word itself decides it ("airstrike": aerial); when
the type came from the classifier, or the entry has no mode, the words of the trigger's phrase are matched
against the cue lists below (the mode definitions of the codebook, as words a news report uses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from eventwire.extract.events.triggers import Trigger

# (type, mode) -> cue lemmas; checked in order, first hit wins.
MODE_CUES: dict[str, list[tuple[str, set[str]]]] = {
    "CONSULT": [
        ("phone", {"phone", "telephone", "call", "video", "videoconference", "virtual", "virtually"}),
        ("third-party", {"mediate", "mediator", "mediation", "broker", "facilitate"}),
        ("multilateral", {"multilateral", "multilaterally", "conference", "forum", "g20", "g7", "g-20", "assembly"}),
        ("visit", {"visit", "host", "trip", "travel", "arrive", "face-to-face", "in-person", "tour", "summit"}),
    ],
    "RETREAT": [
        ("release", {"release", "free", "freed", "hand", "return"}),
        ("ceasefire", {"ceasefire", "truce", "cease-fire", "armistice"}),
        ("disarm", {"disarm", "disarmament", "decommission", "demobilize"}),
        ("resign", {"resign", "resignation", "step", "quit"}),
        ("access", {"access", "corridor", "reopen", "allow"}),
        ("withdraw", {"withdraw", "withdrawal", "pull", "retreat", "evacuate"}),
    ],
    "REQUEST": [
        ("assist", {"aid", "assistance", "help", "support", "funding", "loan", "relief"}),
        ("meet", {"meeting", "talks", "meet", "negotiation", "dialogue", "summit"}),
        ("yield", {"release", "withdraw", "ceasefire", "resign", "surrender", "step"}),
        ("change", {"reform", "change", "policy", "investigation", "probe", "halt", "stop", "end"}),
    ],
    "REJECT": [
        # A dismissed lawsuit or appeal refuses the change it sought, whatever else the sentence names.
        ("change", {"lawsuit", "suit", "appeal", "petition", "complaint"}),
        ("assist", {"aid", "assistance", "help", "support"}),
        ("meet", {"meeting", "talks", "meet", "negotiation", "dialogue"}),
        ("yield", {"release", "withdraw", "ceasefire", "resign", "surrender", "step"}),
        ("change", {"reform", "change", "policy", "proposal", "plan", "demand", "request", "deal", "bill"}),
    ],
    "ACCUSE": [
        ("investigate", {"investigate", "investigation", "probe", "inquiry", "audit", "examine"}),
        ("allege", {"accuse", "allege", "allegation", "charge", "blame", "sue", "lawsuit", "indict"}),
        ("disapprove", {"criticize", "criticise", "condemn", "denounce", "criticism", "slam", "deplore",
                        "attack", "blast", "rebuke"}),
    ],
    "THREATEN": [
        ("restrict", {"sanction", "sanctions", "economic", "measure", "measures", "tariff", "embargo",
                      "consequence", "consequences", "cost", "costs"}),
        ("violence", {"attack", "strike", "force", "military", "war", "kill", "bomb", "retaliate"}),
        ("ban", {"ban", "outlaw", "prohibit"}),
        ("arrest", {"arrest", "detain", "prosecute", "jail"}),
        ("expel", {"expel", "deport"}),
        ("relations", {"relations", "ties", "diplomatic", "embassy", "ambassador"}),
        ("territory", {"annex", "seize", "territory", "occupy"}),
    ],
    "PROTEST": [
        ("riot", {"riot", "rioter", "clash", "looting", "unrest"}),
        ("hunger", {"hunger"}),
        ("strike", {"strike", "walkout", "stoppage"}),
        ("boycott", {"boycott"}),
        ("obstruct", {"blockade", "block", "sit-in", "occupy", "barricade"}),
        ("demo", {"protest", "demonstrate", "demonstration", "rally", "march", "protester", "demonstrator"}),
    ],
    "SANCTION": [
        ("convict", {"convict", "sentence", "guilty", "jail", "conviction", "verdict"}),
        ("expel", {"expel", "expulsion", "persona"}),
        ("withdraw", {"recall", "suspend", "sever", "cut", "freeze", "break"}),
        ("discontinue", {"halt", "cancel", "terminate", "discontinue", "end"}),
    ],
    "MOBILIZE": [
        ("police", {"police", "riot", "gendarme"}),
        ("militia", {"militia", "militiaman", "paramilitary"}),
        ("weapons", {"missile", "weapon", "tank", "warship", "artillery", "jet", "nuclear"}),
        ("troops", {"troops", "troop", "soldier", "forces", "army", "force", "military", "battalion"}),
    ],
    "COERCE": [
        ("arrest", {"arrest", "detain", "detention", "custody", "apprehend", "round"}),
        ("curfew", {"curfew"}),
        ("martial-law", {"martial", "emergency"}),
        ("deport", {"deport", "deportation", "expel"}),
        ("censor", {"censor", "block", "shut", "ban", "censorship"}),
        ("seize", {"seize", "confiscate", "raid", "seizure", "freeze"}),
        ("cyber", {"cyber", "cyberattack", "hack", "hacker"}),
        ("restrict", {"restrict", "restriction", "lockdown", "ban", "crackdown", "suspend", "prorogue",
                      "prorogation"}),
    ],
    "ASSAULT": [
        ("suicide-attack", {"suicide"}),
        ("drone", {"drone"}),
        ("aerial", {"airstrike", "air", "bomb", "bombing", "bombard", "warplane", "jet", "helicopter"}),
        ("heavy-weapons", {"shell", "shelling", "artillery", "rocket", "mortar", "missile", "tank"}),
        ("explosives", {"explosion", "explosive", "blast", "ied", "car-bomb", "grenade", "detonate"}),
        ("firearms", {"shoot", "shot", "gunman", "gunfire", "gun", "rifle", "sniper", "gunmen"}),
        ("abduct", {"abduct", "kidnap", "hostage", "abduction", "kidnapping"}),
        ("assassinate", {"assassinate", "assassination"}),
        ("torture", {"torture"}),
        ("sexual", {"rape", "sexual"}),
        ("massacre", {"massacre", "slaughter"}),
        ("crowd-control", {"tear", "rubber", "water", "cannon", "baton"}),
        ("beat", {"beat", "batter"}),
    ],
}


def mode_for_type(event_type: str, trigger: Trigger, sent: Span) -> tuple[str | None, str | None]:
    """(mode, reason) for an event of ``event_type`` proposed by ``trigger`` in ``sent``."""
    if event_type == "ASSAULT" and trigger.token.lemma_.lower() == "shoot" and any(
            c.dep_ == "prt" and c.lower_ == "down" for c in trigger.token.children):
        # "shot down a passenger jet": aircraft fall to missiles and anti-aircraft guns, not to small arms.
        return "heavy-weapons", "mode:shot-down"
    if trigger.entry.event_type == event_type and trigger.entry.mode:
        return trigger.entry.mode, f"mode:lexicon:{trigger.entry.lemma}"
    cues = MODE_CUES.get(event_type)
    if not cues:
        return None, None
    # The trigger's own phrase first, then the rest of the sentence.
    near = {t.lemma_.lower() for t in trigger.predicate.subtree} | {trigger.token.lemma_.lower()}
    near |= {t.lower_ for t in trigger.predicate.subtree}
    for words, scope in ((near, "phrase"), ({t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}, "sentence")):
        for mode, cue_words in cues:
            hit = cue_words & words
            if hit:
                return mode, f"mode:{scope}:{sorted(hit)[0]}"
    return None, None
