"""PLOVER tables from the manual (../shared/reference/plover/PLOVER_MANUAL.tex, CC BY-SA 4.0):
types, quad classes, CAMEO roots and conflict-cooperation scores."""

from __future__ import annotations

import re

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

# Sentence words that signal each of the manual's general contexts ("General contexts" table; keyword
# evidence written from the definitions there; multi-label: every context whose word appears is given).
CONTEXT_KEYWORDS = {
    "military": {"military", "troops", "army", "soldiers", "armed forces", "navy", "air force", "weapons",
                 "missile", "missiles", "nato", "defence ministry", "defense ministry", "warship", "tanks"},
    "intelligence": {"intelligence", "spy", "spies", "espionage", "cia", "kgb", "fsb", "mossad", "mi6", "surveillance"},
    "executive": {"president", "prime minister", "cabinet", "ministry", "minister", "premier", "white house",
                  "kremlin", "administration", "government"},
    "legislative": {"parliament", "parliamentary", "congress", "senate", "lawmakers", "legislators", "legislature",
                    "mps", "bill", "duma", "coalition"},
    "election": {"election", "elections", "vote", "voters", "ballot", "campaign", "polls", "candidate", "referendum"},
    "political_institutions": {"constitution", "constitutional", "party", "parties", "impeachment", "coup",
                               "reshuffle", "dissolve", "opposition"},
    "pro_democracy": {"democracy", "democratic reforms", "democratization", "pro-democracy", "free and fair"},
    "pro_autocracy": {"authoritarian", "autocracy", "dictatorship", "term limits", "junta", "martial law"},
    "economic": {"economic", "economy", "trade", "tariff", "tariffs", "sanctions", "investment", "gdp", "inflation",
                 "finance", "budget", "exports", "imports", "recession", "currency", "imf", "world bank"},
    "legal": {"court", "judge", "lawsuit", "law", "legal", "trial", "convicted", "prosecutor", "prosecutors",
              "supreme court", "verdict", "indictment", "icc"},
    "reparations": {"reparations", "compensation for victims", "restitution"},
    "human_rights": {"human rights"},
    "rights_freedoms": {"freedom of", "press freedom", "civil liberties", "censorship", "journalists",
                        "free speech", "right to protest", "internet shutdown"},
    "repression": {"crackdown", "repression", "riot police", "tear gas", "dissidents", "political prisoners"},
    "human_security": {"food", "water", "housing", "famine", "hunger", "electricity", "fuel shortage", "land"},
    "gender": {"women", "women's", "gender", "girls", "femicide", "sexual violence", "feminist"},
    "lgbt": {"lgbt", "lgbtq", "gay", "lesbian", "transgender", "same-sex"},
    "religion_ethnicity": {"religious", "muslim", "muslims", "christian", "christians", "jewish", "hindu",
                           "ethnic", "mosque", "church", "sectarian", "uighur", "uyghur", "rohingya"},
    "inequality": {"inequality", "poverty", "wealth gap", "discrimination"},
    "diplomatic": {"diplomatic", "diplomacy", "talks", "summit", "ambassador", "embassy", "dialogue", "envoy",
                   "foreign minister", "secretary of state", "negotiations"},
    "territory": {"border", "borders", "territory", "territorial", "sovereignty", "annexation", "annex",
                  "occupied", "secession", "separatist", "separatists"},
    "peacekeeping": {"peacekeeping", "peacekeepers", "peacekeeper", "blue helmets", "monusco", "minusma"},
    "health": {"virus", "pandemic", "covid-19", "coronavirus", "disease", "vaccine", "outbreak", "epidemic",
               "hospital", "ebola", "health"},
    "asylum": {"asylum", "asylum seekers"},
    "migration": {"migrants", "refugees", "migration", "displaced", "immigration", "immigrants"},
    "disasters": {"earthquake", "flood", "floods", "hurricane", "wildfire", "explosion", "collapse", "cyclone",
                  "tsunami", "landslide", "spill", "crash"},
    "natural_resource": {"oil", "gas", "pipeline", "mining", "mine", "minerals", "lithium", "gold", "timber"},
    "environment": {"climate", "pollution", "emissions", "environmental", "deforestation", "carbon"},
    "technology": {"technology", "tech", "artificial intelligence", "semiconductor", "semiconductors", "5g",
                   "satellite", "huawei"},
    "terrorism": {"terrorist", "terrorists", "terrorism", "terror", "isis", "islamic state", "al-qaeda",
                  "al-shabaab", "al shabaab", "boko haram", "jihadist", "jihadists", "taliban"},
    "cbrn": {"nuclear", "chemical weapons", "biological weapons", "radiation", "sarin", "uranium"},
    "cyber": {"cyber", "hacking", "hackers", "cyberattack", "cyberattacks", "ransomware", "malware"},
    "misinformation": {"misinformation", "disinformation", "fake news", "propaganda", "influence operation"},
    "crime": {"crime", "criminal", "criminals", "police", "murder", "theft", "robbery", "gang", "gangs"},
    "corruption": {"corruption", "bribery", "bribes", "bribe", "embezzlement", "graft", "nepotism", "kickbacks"},
    "illegal_drugs": {"drugs", "drug", "cocaine", "heroin", "cartel", "cartels", "narcotics", "fentanyl"},
    "trafficking": {"trafficking", "smuggling", "smugglers", "traffickers", "smuggled"},
}


def intensity(event_type: str, mode: str | None) -> float:
    return MODE_INTENSITY.get((event_type, mode or ""), INTENSITY[event_type])


def contexts_for(sentence_text: str) -> list[str]:
    lower = sentence_text.lower()
    words = set(re.findall(r"[\w-]+", lower))
    found = []
    for context, keys in CONTEXT_KEYWORDS.items():
        if any((k in words) if " " not in k else (k in lower) for k in keys):
            found.append(context)
    return found
