"""PLOVER tables from the manual (../shared/reference/plover/PLOVER_MANUAL.tex, CC BY-SA 4.0):
types, quad classes, CAMEO roots and conflict-cooperation scores."""

from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Quad category as given in each type's section of the manual:
# 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# CAMEO root of each type (the CAMEO2PLOVER table read backwards, taking each type's main root).
CAMEO_ROOT = {
    "REQUEST": "02", "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}

# Conflict-cooperation scores, "PLOVER conflict--cooperation scores" table of the manual.
# The manual prints +3 for bare ACCUSE while all its modes are negative; we read it as -3 (a typo).
INTENSITY = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0,
    "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5, "PROTEST": -5.0,
    "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}
MODE_INTENSITY = {
    ("CONSULT", "visit"): 4.0, ("CONSULT", "third-party"): 1.0, ("CONSULT", "multilateral"): 4.0,
    ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8.0, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10.0,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1.0, ("REQUEST", "yield"): -1.0, ("REQUEST", "meet"): 0.0,
    ("ACCUSE", "disapprove"): -2.0, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2.0, ("REJECT", "yield"): -2.0, ("REJECT", "meet"): -2.0,
    ("THREATEN", "restrict"): -3.0, ("THREATEN", "arrest"): -3.5, ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5, ("THREATEN", "territory"): -4.0, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5.0, ("PROTEST", "riot"): -7.0, ("PROTEST", "strike"): -5.0,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6.0, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6.0,
    ("SANCTION", "discontinue"): -6.0,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6.0,
    ("COERCE", "seize"): -7.0, ("COERCE", "restrict"): -7.0, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7.0,
    ("COERCE", "deport"): -7.0, ("COERCE", "withhold"): -7.0, ("COERCE", "misinformation"): -6.5,
    ("COERCE", "cyber"): -7.0,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8.0, ("ASSAULT", "firearms"): -9.0, ("ASSAULT", "explosives"): -9.0,
    ("ASSAULT", "suicide-attack"): -9.5, ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5, ("ASSAULT", "unconventional"): -10.0,
}

# Sentence words that signal a PLOVER context (first version: keyword evidence; later a classifier).
CONTEXT_KEYWORDS = {
    "military": {"military", "troops", "army", "soldiers", "forces", "weapons", "missile", "missiles", "nato"},
    "diplomatic": {"diplomatic", "diplomacy", "talks", "summit", "ambassador", "embassy", "dialogue", "envoy"},
    "economic": {"economic", "economy", "trade", "tariff", "tariffs", "sanctions", "investment", "gdp", "inflation"},
    "territory": {"border", "borders", "territory", "territorial", "sovereignty", "annexation"},
    "election": {"election", "elections", "vote", "ballot", "campaign", "polls"},
    "legal": {"court", "judge", "lawsuit", "law", "legal", "trial", "convicted"},
    "health": {"virus", "pandemic", "covid-19", "coronavirus", "disease", "vaccine", "outbreak", "epidemic"},
    "terrorism": {"terrorist", "terrorism", "terror", "isis", "al-qaeda", "jihadist"},
    "crime": {"crime", "criminal", "police", "murder", "theft", "robbery"},
    "migration": {"migrants", "refugees", "migration", "asylum"},
    "environment": {"climate", "pollution", "emissions", "environmental"},
    "human_rights": {"human rights"},
    "cbrn": {"nuclear", "chemical weapons", "biological"},
    "cyber": {"cyber", "hacking", "hackers", "cyberattack"},
    "disasters": {"earthquake", "flood", "floods", "hurricane", "wildfire", "explosion", "collapse"},
}


def intensity(event_type: str, mode: str | None) -> float:
    return MODE_INTENSITY.get((event_type, mode or ""), INTENSITY[event_type])


def contexts_for(sentence_text: str) -> list[str]:
    lower = sentence_text.lower()
    words = set(lower.replace(",", " ").replace(".", " ").split())
    found = []
    for context, keys in CONTEXT_KEYWORDS.items():
        if any((k in words) if " " not in k else (k in lower) for k in keys):
            found.append(context)
    return found
