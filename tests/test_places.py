"""Places stage: gazetteer index, toponym recognition and context-aware resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SMALL_GAZETTEER
from eventwire.extract.places import Gazetteer, extract_places, load_gazetteer, normalize_name
from eventwire.extract.places.resolve import Mention, resolve

SMALL = SMALL_GAZETTEER
pytestmark = pytest.mark.usefixtures("small_gazetteer")



@pytest.fixture()
def gaz() -> Gazetteer:
    return load_gazetteer()


def places_of(nlp, text: str):
    return extract_places(nlp(text))


def by_name(places, name: str):
    found = [p for p in places if p.name == name]
    assert found, f"{name!r} not among {[p.name for p in places]}"
    return found


def test_rebuild_from_scratch_and_damaged_cache(tmp_path):
    from eventwire.extract.places.gazetteer import cache_path

    damaged = cache_path(tmp_path, SMALL)
    damaged.write_bytes(b"not a database")  # a half-written or foreign file is replaced, not trusted
    gazetteer = load_gazetteer(tmp_path, SMALL)
    assert gazetteer.path == damaged and damaged.stat().st_size > 1_000_000
    geneva = [e for e, _ in gazetteer.lookup("Genève") if e.feature == "city"]
    assert max(geneva, key=lambda e: e.population).country == "CHE"
    ukraine = gazetteer.country("UA")
    assert ukraine is not None and ukraine.country == "UKR" and ukraine.feature == "country"
    texas = gazetteer.admin1("US", "TX")
    assert texas is not None and 25 < texas.lat < 37 and -107 < texas.lon < -93


def test_rebuild_is_keyed_by_population_floor(small_gazetteer_dir):
    # The session fixture ran rebuild() into a fresh temporary directory.
    paths = list(small_gazetteer_dir.glob("*.sqlite"))
    assert len(paths) == 1 and "p15000" in paths[0].name
    assert load_gazetteer().path == paths[0]


def test_normalize_name():
    assert normalize_name("the U.S.") == "us"
    assert normalize_name("Genève") == "geneve"
    assert normalize_name("Russia’s") == "russia"


def test_country_aliases_resolve_to_alpha3(gaz):
    for name, code in (("U.S.", "USA"), ("Britain", "GBR"), ("Czech Republic", "CZE"), ("Kiev", "UKR")):
        assert any(e.country == code for e, _ in gaz.lookup(name)), name


def test_paris_texas_by_context(nlp):
    text = ("Storms damaged homes in Tyler, Longview and Paris on Monday. Officials in Texas said Paris was hit "
            "hardest, and Dallas sent crews.")
    for paris in by_name(places_of(nlp, text), "Paris"):
        assert (paris.country, paris.admin1, paris.feature) == ("USA", "TX", "city")
        assert "ctx:admin1-focus" in paris.reasons


def test_paris_france_by_default(nlp):
    paris = by_name(places_of(nlp, "Paris is the capital of France, and ministers met there on Monday."), "Paris")[0]
    assert paris.country == "FRA" and paris.feature == "city"
    assert abs(paris.lat - 48.85) < 0.1


def test_georgia_country_with_tbilisi_context(nlp):
    text = "Georgia's president met officials in Tbilisi on Monday after talks with Russia about the regions."
    georgia = by_name(places_of(nlp, text), "Georgia")[0]
    assert (georgia.country, georgia.feature) == ("GEO", "country")


def test_georgia_state_with_atlanta_context(nlp):
    text = "Voters in Georgia lined up for hours in Atlanta and Savannah on Tuesday, as in much of the United States."
    georgia = by_name(places_of(nlp, text), "Georgia")[0]
    assert (georgia.country, georgia.admin1, georgia.feature) == ("USA", "GA", "admin1")


def test_resolution_uses_the_other_names_only(gaz):
    """Without spaCy: the same Georgia mention flips with its neighbours."""

    def mention(name: str, start: int) -> Mention:
        return Mention(key=normalize_name(name), text=name, start=start, end=start + len(name), label="GPE",
                       sentence_index=0, candidates=gaz.lookup(name))

    alone = [mention("Georgia", 0)]
    with_tbilisi = [mention("Georgia", 0), mention("Tbilisi", 20)]
    with_atlanta = [mention("Georgia", 0), mention("Atlanta", 20), mention("Savannah", 40)]
    for mentions in (alone, with_tbilisi, with_atlanta):
        resolve(mentions)
    assert alone[0].best.feature == "country"  # a bare name that is a country: the country
    assert with_tbilisi[0].best.country == "GEO"
    assert (with_atlanta[0].best.country, with_atlanta[0].best.feature) == ("USA", "admin1")


def test_demonyms_are_not_places(nlp):
    places = places_of(nlp, "Russian troops and Ukrainian soldiers clashed near the border with Ukraine, "
                            "the Americans said.")
    names = {p.name for p in places}
    assert not names & {"Russian", "Ukrainian", "Americans"}
    ukraine = by_name(places, "Ukraine")[0]
    assert ukraine.feature == "country" and ukraine.country == "UKR"


def test_unknown_places_get_no_coordinates(nlp):
    places = places_of(nlp, "The delegation travelled to Zorblaxville and then to Quendor Heights.")
    assert not [p for p in places if p.name == "Zorblaxville"]  # no evidence that it is a place at all
    for place in places:
        assert place.lat is None and place.lon is None and place.geonameid is None
        assert "gaz:unknown" in place.reasons


def test_city_state_pattern_with_ap_abbreviation(nlp):
    places = places_of(nlp, "A man from Springfield, Ill., was arrested in Chicago on Friday.")
    springfield = by_name(places, "Springfield")[0]
    assert (springfield.country, springfield.admin1) == ("USA", "IL")
    assert "pattern:city-state" in springfield.reasons


def test_direction_word_makes_a_region(nlp):
    place = by_name(places_of(nlp, "Fighting continued in eastern Ukraine on Sunday."), "eastern Ukraine")[0]
    assert (place.feature, place.country, place.geonameid) == ("region", "UKR", None)
    assert place.span[1] - place.span[0] == len("eastern Ukraine")


def test_seed_article(nlp):
    text = (Path(__file__).resolve().parents[1] / "examples" / "biden-putin-call.txt").read_text(encoding="utf-8")
    places = extract_places(nlp(text))
    for place in places:
        assert text[place.span[0]:place.span[1]] == place.name
        assert 0.0 <= place.confidence <= 1.0
    assert {(p.country, p.feature) for p in by_name(places, "Geneva")} == {("CHE", "city")}
    assert {(p.country, p.feature) for p in by_name(places, "Brussels")} == {("BEL", "city")}
    assert {(p.country, p.feature) for p in by_name(places, "Ukraine")} == {("UKR", "country")}
    assert all(p.feature != "city" for p in places if p.country == "UKR")
    for name, code in (("Poland", "POL"), ("Romania", "ROU"), ("Latvia", "LVA")):
        assert {(p.country, p.feature) for p in by_name(places, name)} == {(code, "country")}
    assert not [p for p in places if "White House" in p.name or "Kremlin" in p.name]
    assert all(p.country == "USA" for p in by_name(places, "Washington"))
    assert not [p for p in places if p.name in ("Russian", "Ukrainian", "European")]


def test_division_type_word_is_dropped_for_lookup(gaz):
    from eventwire.extract.places.extract import _make_mention

    text = "Floods hit Sichuan province on Monday."
    mention = _make_mention(text, gaz, "Sichuan province", text.index("Sichuan"), "GPE", [0])
    assert mention is not None and mention.key == "sichuan"
    assert {e.country for e, _ in mention.candidates} == {"CHN"}
    # A city is never found this way: "Orange County" must not become the city of Orange.
    county = _make_mention("Orange County", gaz, "Orange County", 0, "GPE", [0])
    assert county is None or all(e.feature != "city" for e, _ in county.candidates)


def test_nationality_words_set_the_country_focus(nlp):
    text = ("Jordanian security forces killed gunmen in Karak on Sunday. Jordanian officials said the Karak "
            "castle was retaken.")
    for karak in by_name(places_of(nlp, text), "Karak"):
        assert karak.country == "JOR" and "ctx:country-focus" in karak.reasons


def test_seed_border_with_ukraine_is_the_country_not_a_point(nlp):
    text = (Path(__file__).resolve().parents[1] / "examples" / "biden-putin-call.txt").read_text(encoding="utf-8")
    places = extract_places(nlp(text))
    at = text.index("the border with Ukraine") + len("the border with ")
    covering = [p for p in places if p.span[0] <= at < p.span[1]]
    assert covering and all(p.feature == "country" and p.country == "UKR" for p in covering)
    assert not [p for p in places if "border" in p.name.lower()]


def test_airport_beats_small_namesake_town(nlp):
    """Heathrow is the London airport (facility table), not Heathrow, Florida."""
    for text in ("Fog disrupted flights at Heathrow on Saturday.",
                 "Cabin crew based at Heathrow Airport said they would strike."):
        place = [p for p in places_of(nlp, text) if "Heathrow" in p.name][0]
        assert (place.country, place.admin1, place.feature) == ("GBR", "ENG", "city")
        assert "gaz:facility" in place.reasons and abs(place.lat - 51.47) < 0.1


def test_facility_table_is_in_the_gazetteer(gaz):
    entries = [e for e, _ in gaz.lookup("Champs-Élysées") if e.feature == "facility"]
    assert entries and entries[0].country == "FRA"
    assert not [e for e, _ in gaz.lookup("Charles de Gaulle") if e.feature == "facility"]  # a person's name alone


def test_us_county_gets_its_states_point(nlp):
    place = by_name(places_of(nlp, "A fire destroyed a barn in Metcalfe County, Ky., on Tuesday."), "Metcalfe County")[0]
    assert (place.country, place.admin1, place.feature, place.geonameid) == ("USA", "KY", "region", None)
    assert place.lat is not None and 36.4 < place.lat < 39.2 and -89.6 < place.lon < -81.9
    assert "gaz:point-of-state" in place.reasons


def test_dateline_state_abbreviation_without_period(nlp):
    text = "EDMONTON, Ky (WBKO) -- One of the biggest fires in county history burned on Tuesday."
    places = places_of(nlp, text)
    edmonton = by_name(places, "EDMONTON")[0]
    assert (edmonton.country, edmonton.admin1) == ("USA", "KY")  # never Edmonton, Alberta
    assert by_name(places, "Ky")[0].admin1 == "KY"
    from eventwire.extract.places.extract import _ABBREVIATION

    assert _ABBREVIATION.match("Paris, Miss Jones", len("Paris")) is None  # a word, not Mississippi
    assert _ABBREVIATION.match("Boston, Mass Avenue", len("Boston")) is None


def test_relabelled_mention_does_not_hide_alternate_names(gaz):
    """One sense per discourse takes the candidates of a GPE mention, not of an ORG-relabelled one, which
    keeps primary names only (Karak, Jordan is an alternate name in GeoNames)."""
    relabelled = Mention(key="karak", text="Karak", start=0, end=5, label="RELABEL", sentence_index=0,
                         candidates=[(e, alt) for e, alt in gaz.lookup("Karak") if not alt])
    tagged = Mention(key="karak", text="Karak", start=40, end=45, label="GPE", sentence_index=1,
                     candidates=gaz.lookup("Karak"))
    jordan = Mention(key="jordan", text="Jordan", start=60, end=66, label="GPE", sentence_index=1,
                     candidates=gaz.lookup("Jordan"))
    resolve([relabelled, tagged, jordan], {"JO": 1.0})
    assert relabelled.best is not None and relabelled.best.country == "JOR"
    assert tagged.best == relabelled.best


def test_country_name_is_not_read_as_a_city_by_alternate_name(gaz):
    def mention(name: str, start: int) -> Mention:
        return Mention(key=normalize_name(name), text=name, start=start, end=start + len(name), label="GPE",
                       sentence_index=0, candidates=gaz.lookup(name))

    mentions = [mention("Puebla", 0), mention("Mexico", 20), mention("Mexico City", 40)]
    resolve(mentions)
    assert (mentions[1].best.country, mentions[1].best.feature) == ("MEX", "country")


def test_organisations_vote_for_their_division(nlp, gaz):
    from eventwire.extract.places.extract import _organisation_votes

    doc = nlp("Ontario Provincial Police and Brant OPP officers attended. The Washington Post and the "
              "Kentucky State Police reported it.")
    votes = _organisation_votes(doc, doc.text, gaz)
    assert votes.get(("CA", "08"), 0) > 0 and votes.get(("US", "KY"), 0) > 0
    assert ("US", "WA") not in votes  # "the Washington Post": the city, not the state

    def london() -> list[Mention]:
        return [Mention(key="london", text="London", start=0, end=6, label="GPE", sentence_index=0,
                        candidates=gaz.lookup("London"))]

    alone, ontario = london(), london()
    resolve(alone)
    resolve(ontario, admin1_votes={("CA", "08"): 1.0})
    assert alone[0].best.country == "GBR"
    assert (ontario[0].best.country, ontario[0].best.admin1) == ("CAN", "08")


def test_division_points_come_from_the_table(gaz):
    """Divisions keep their reference point (GeoNames-style centre), not the midpoint of their towns."""
    for name, lat, lon in (("Ontario", 49.25, -84.5), ("British Columbia", 54.0, -125.0), ("Queensland", -20.0, 145.0)):
        entry = next(e for e, _ in gaz.lookup(name) if e.feature == "admin1")
        assert abs(entry.lat - lat) < 0.5 and abs(entry.lon - lon) < 0.5, name
    assert any(e.feature == "admin1" and e.country == "CHN" for e, _ in gaz.lookup("Guizhou"))


def test_cache_key_follows_the_index_format(tmp_path, monkeypatch):
    from eventwire.extract.places import gazetteer

    before = gazetteer.cache_path(tmp_path, SMALL)
    monkeypatch.setattr(gazetteer, "INDEX_FORMAT", gazetteer.INDEX_FORMAT + 1)
    assert gazetteer.cache_path(tmp_path, SMALL) != before


def test_publication_country_and_site_name():
    from eventwire.extract.places.publication import publication_country, site_name

    assert publication_country("https://www.enfield-today.co.uk/news/1") == "GB"
    assert publication_country("http://www.cbc.ca/news") == "CA"
    assert publication_country("https://example.tv/x") is None  # sold as a generic name
    assert publication_country("https://www.reuters.com/x") is None
    assert publication_country("not a url") is None and publication_country("") is None
    assert site_name("http://edmontonjournal.com/news/a") == "edmontonjournal"
    assert site_name("https://www.enfield-today.co.uk/a") == "enfield-today"


def test_publication_votes_read_a_town_in_the_site_name(gaz):
    from eventwire.extract.places.publication import publication_votes

    votes = publication_votes("http://www.edmontonjournal.com/story", gaz)
    assert votes == {("CA", "01"): 0.5}  # Edmonton, Alberta; .com gives no country
    assert publication_votes("https://www.bbc.com/news", gaz) == {}
    assert publication_votes("", gaz) == {}


def test_publication_domain_sets_the_focus(nlp):
    # Without other evidence Edmonton is the Canadian city; a British local paper means the London one.
    text = "A student from Edmonton has won a scholarship for an internship."
    assert by_name(extract_places(nlp(text)), "Edmonton")[0].country == "CAN"
    british = extract_places(nlp(text), url="https://www.northlondonnews.co.uk/a")
    assert by_name(british, "Edmonton")[0].country == "GBR"


def test_canadian_province_abbreviation(nlp):
    places = places_of(nlp, "Lucy was born in Churchill, Man. and flown to the hospital in Winnipeg.")
    man = [p for p in places if p.name.startswith("Man")]
    assert man and (man[0].country, man[0].admin1, man[0].feature) == ("CAN", "03", "admin1")  # never Man, Ivory Coast


def test_division_followed_by_its_country(nlp):
    text = "Georgia was named the state champion for Queensland, Australia, before moving to Red Deer, Alberta."
    queensland = by_name(places_of(nlp, text), "Queensland")[0]
    assert (queensland.country, queensland.feature) == ("AUS", "admin1")  # not the hamlet in Alberta
    assert "pattern:division-country" in queensland.reasons


def test_county_with_state_abbreviation_narrows_the_county(nlp):
    place = by_name(places_of(nlp, "LAUREL COUNTY, Ky. (WKYT) - A man died in a crash on Thursday."), "LAUREL COUNTY")
    assert place and (place[0].country, place[0].admin1) == ("USA", "KY")


def test_division_named_after_its_seat_town_outside_the_us(nlp):
    text = "Landslides buried homes in Kisumu county, Kenya, on Sunday."
    county = by_name(places_of(nlp, text), "Kisumu county")
    assert (county[0].country, county[0].feature, county[0].geonameid) == ("KEN", "region", None)
    assert county[0].lat is not None  # the seat town's point
    assert "mod:county-of" in county[0].reasons


def test_facility_is_not_a_small_town_of_the_same_name(nlp):
    places = places_of(nlp, "More than 200 people attended the rally in Victoria Park in Toronto on Saturday.")
    assert not [p for p in places if p.name == "Victoria Park" and p.country == "HKG"]
