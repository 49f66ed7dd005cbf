"""Unit tests for actors, events and quotes on short hand-written texts."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.extract.events import EventConfig
from eventwire.kb import get_kb
from eventwire.pipeline import extract_text as _extract_text


def extract_text(text, **kwargs):
    """These tests read how actors and recipients are coded, so events without a recipient stay in (the
    default that drops them is tested in test_event_coding.py)."""
    return _extract_text(text, events_config=EventConfig(require_recipient=False), **kwargs)


def test_kb_roles_are_date_checked():
    kb = get_kb()
    assert kb.person("Joe Biden", date(2021, 6, 1)).role.startswith("President")
    assert kb.person("Biden", date(2016, 6, 1)).role.startswith("Vice President")
    assert kb.person("Biden", date(2005, 6, 1)) is None
    assert kb.person("Vladimir Putin", date(2021, 1, 1)).country == "RUS"
    assert kb.country("the U.S.") == "USA" and kb.demonym("Russian") == "RUS"
    assert kb.organisation("the Kremlin").sector == "GOV"
    assert kb.country("us") is None  # a pronoun, not the country


def test_historical_leaders_are_dated():
    kb = get_kb()
    assert kb.person("Bush", date(1990, 6, 1)).name == "George H. W. Bush"
    assert kb.person("Bush", date(2003, 6, 1)).name == "George W. Bush"
    assert kb.person("Bush", date(1985, 6, 1)).role.startswith("Vice President")
    assert kb.person("Gorbachev", date(1987, 6, 1)).country == "RUS"  # the Soviet Union, coded as the GSR does
    assert kb.person("Ronald Reagan", date(2016, 6, 1)) is None and kb.person_country("Reagan") == "USA"
    assert kb.person("Donald Tusk", date(2016, 6, 1)).country == "IGO"  # European Council, between his Polish terms
    assert kb.person("Donald Tusk", date(2024, 6, 1)).country == "POL"
    assert kb.person("Sharon", date(2003, 6, 1)) is None  # a first name too: only the full name is an alias
    assert kb.organisation("European Community").country == "IGO"
    # Foreign and defence ministers, with gaps: Qin Gang, not Wang Yi, was China's foreign minister in early 2023.
    assert kb.person("Wang Yi", date(2023, 3, 1)) is None
    assert kb.person("Qin Gang", date(2023, 3, 1)).role == "Chinese Foreign Minister"
    assert (kb.person("Pistorius", date(2024, 1, 1)).country, kb.person("Pistorius", date(2024, 1, 1)).sector) == (
        "DEU", "MIL")


def test_historical_and_descriptor_actors_are_coded():
    r = extract_text("President Bush has threatened further action against Russia.", pub_date="1991-12-01")
    threat = next(e for e in r.events if e.event_type == "THREATEN")
    assert (threat.actor.country, threat.actor.sector) == ("USA", "GOV")
    r = extract_text("Ivory Coast rebels on Friday again rejected a Senegalese peace plan.", pub_date="2003-01-10")
    reject = next(e for e in r.events if e.event_type == "REJECT")
    assert (reject.actor.country, reject.actor.sector) == ("CIV", "REB")  # spaCy tags "Ivory Coast" LOC


def test_name_variants_cluster_into_one_entity():
    r = extract_text("Joe Biden met Emmanuel Macron in Paris. Later Biden said the talks went well.",
                     pub_date="2021-06-10")
    biden = [e for e in r.entities if e.name == "Joe Biden"]
    assert len(biden) == 1 and len(biden[0].mentions) >= 2
    assert biden[0].country == "USA" and biden[0].sector == "GOV"


def test_metonyms_and_descriptors_are_coded():
    r = extract_text("The Kremlin rejected the proposal. Russian troops attacked the town. "
                     "US officials condemned the attack.", pub_date="2022-03-01")
    by_type = {e.event_type: e for e in r.events}
    assert by_type["REJECT"].actor.country == "RUS" and by_type["REJECT"].actor.sector == "GOV"
    assert by_type["ASSAULT"].actor.country == "RUS" and by_type["ASSAULT"].actor.sector == "MIL"
    assert by_type["ACCUSE"].actor.country == "USA"


def test_cities_are_not_promoted_to_national_actors():
    r = extract_text("The mayor of Springfield criticized the governor. Residents of Springfield protested.",
                     pub_date="2021-05-05")
    assert any(p.name == "Springfield" and p.feature == "city" for p in r.places)  # a place ...
    assert not any("Springfield" in e.name for e in r.entities)  # ... never a national actor
    assert not any(e.actor.country == "USA" for e in r.events)


def test_pronoun_speaker_resolves_to_named_person():
    r = extract_text('Angela Merkel spoke to reporters. "We will not give in," she said.', pub_date="2020-01-10")
    quote = next(q for q in r.quotes if "give in" in q.content_text)
    assert quote.speaker is not None and quote.speaker.name == "Angela Merkel"
    assert quote.speaker.text == "she"


def test_it_resolves_to_the_country_of_the_reporting_clause():
    r = extract_text("Switzerland said today it had expelled two Russian diplomats for spying.", pub_date="2021-05-05")
    expel = next(e for e in r.events if e.event_type == "SANCTION")
    assert (expel.actor.text, expel.actor.country) == ("it", "CHE")
    assert "coref:pronoun" in expel.actor.reasons
    assert expel.recipient.country == "RUS"


def test_it_stays_unresolved_when_expletive_or_not_a_collective():
    r = extract_text("Russia massed troops on the border. It is unclear whether Putin will attack Ukraine.",
                     pub_date="2022-02-01")
    assert not any(a.text == "it" for e in r.events for a in (e.actor, e.recipient) if a is not None)
    r = extract_text("Joe Biden said it would be a mistake to impose sanctions.", pub_date="2022-02-01")
    assert not any(e.actor is not None and e.actor.text == "it" for e in r.events)


def test_its_in_a_verbless_sentence_ends():
    # A headline has no verb above "its": the climb must stop at the root (it used to loop forever).
    r = extract_text("Russia and its allies. NATO, its members and its partners.", pub_date="2022-02-01")
    assert r.events == []


def test_title_words_code_a_person_the_kb_does_not_know():
    r = extract_text("German Foreign Minister Oskar Fischer will visit Albania in June.", pub_date="1990-01-05")
    visit = next(e for e in r.events if e.event_type == "CONSULT")
    assert (visit.actor.country, visit.actor.sector) == ("DEU", "GOV")
    assert visit.recipient.country == "ALB"


@pytest.mark.parametrize(("sentence", "country", "sector"), [
    ("Attorney General William Barr refused to hand over the documents.", None, "JUD"),  # no general
    ("Solicitor General Jose Calida accused the network of violating its franchise.", None, "JUD"),
    ("Hong Kong Chief Executive Carrie Lam rejected the demands of the protesters.", "CHN", "GOV"),
    ("General Mark Milley visited troops in Kabul.", None, "MIL"),
])
def test_compound_titles_take_the_sector_of_the_whole_title(sentence, country, sector):
    event = extract_text(sentence, pub_date="2019-06-01").events[0]
    assert (event.actor.country, event.actor.sector) == (country, sector)


def test_former_officials_are_elites_not_government():
    r = extract_text("Former Vice President Joe Biden criticized Trump over the tariffs.", pub_date="2020-10-01")
    accuse = next(e for e in r.events if e.event_type == "ACCUSE")
    assert (accuse.actor.country, accuse.actor.sector) == ("USA", "ELI")  # no office in 2020
    r = extract_text("Ousted President Askar Akayev has agreed to resign.", pub_date="2005-04-04")
    # The KB's role runs to the formal resignation (2005-04-11); the text's "ousted" wins over it.
    assert r.events and (r.events[0].actor.country, r.events[0].actor.sector) == ("KGZ", "ELI")
    # ... but "then-" is no "former": the president was newly elected then, and still is.
    r = extract_text("Trump called then-newly elected President Zelensky in July. Zelensky said he felt no pressure.",
                     pub_date="2019-09-26")
    assert {(e.name, e.sector) for e in r.entities if e.kind == "PERSON"} >= {("Volodymyr Zelensky", "GOV")}


@pytest.mark.parametrize(("sentence", "vetoed_type"), [
    ("Collins spoke to Wikinews in July about his campaign.", "CONSULT"),
    ("With Wikinews, Senator Collins discusses his background and the pandemic.", "CONSULT"),
    ("Prime Minister Boris Johnson talked to reporters outside Downing Street.", "CONSULT"),
    ("Senator Carroll agreed with La Riva, saying that jobs are more important.", "AGREE"),
    ("The Georgian Tennis Federation has always condemned any form of violence.", "ACCUSE"),
    ("Users who cannot deploy CentOS Stream will lose support, Red Hat said.", "MOBILIZE"),
    ("Mayor Wayne Tseng discussed his plans for leading Melbourne.", "CONSULT"),
])
def test_readings_the_audits_found_to_be_no_event_are_vetoed(sentence, vetoed_type):
    assert not [e for e in extract_text(sentence, pub_date="2020-08-01").events if e.event_type == vetoed_type]


@pytest.mark.parametrize(("sentence", "event_type"), [
    ("Russia and Ukraine agreed on a ceasefire on Monday.", "AGREE"),
    ("Iran agreed with the IAEA to allow inspections.", "AGREE"),
    ("Russia deployed 100,000 troops near the border with Ukraine.", "MOBILIZE"),
    ("Biden spoke with Putin by phone on Thursday.", "CONSULT"),
])
def test_vetoes_leave_real_events_alone(sentence, event_type):
    assert [e for e in extract_text(sentence, pub_date="2021-12-30").events if e.event_type == event_type]


def test_a_people_as_actor_is_a_civilian_group():
    r = extract_text("Palestinians of the West Bank went on strike on Monday to protest against the settlements.",
                     pub_date="1990-01-05")
    protest = next(e for e in r.events if e.event_type == "PROTEST")
    assert (protest.actor.country, protest.actor.sector) == ("PSE", "CVL")
    r = extract_text("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", pub_date="1990-01-05")
    protest = next(e for e in r.events if e.event_type == "PROTEST")
    # The ethnicity is no country (not ALB); where they live is (stop 8: located civilian groups).
    assert (protest.actor.country, protest.actor.sector) == ("SRB", "CVL")


def test_unbalanced_quotes_do_not_break_extraction():
    text = 'The minister said "we will act now. Nobody answered.\n\nThe army said "it is "ready".'
    r = extract_text(text, pub_date="2021-01-01")
    assert {q.speaker.name for q in r.quotes} == {"The minister", "The army"}
    assert len(r.quotes) == 2  # the nested mark does not make a second copy of the army's statement
    for q in r.quotes:
        assert text[q.content_span[0]:q.content_span[1]] == q.content_text


def test_indirect_and_according_to():
    r = extract_text("Joe Biden said that the United States would support Ukraine. "
                     "According to Vladimir Putin, the talks were useful.", pub_date="2021-12-01")
    by_speaker = {q.speaker.name: q for q in r.quotes}
    assert by_speaker["Joe Biden"].kind == "indirect"
    assert by_speaker["Joe Biden"].content_text == "that the United States would support Ukraine"
    assert by_speaker["Vladimir Putin"].content_text == "the talks were useful"
    assert "cue:according-to" in by_speaker["Vladimir Putin"].reasons


@pytest.mark.parametrize(
    ("sentence", "event_type", "modality"),
    [
        ("Joe Biden will meet Vladimir Putin in Geneva next week.", "CONSULT", "future"),
        ("Joe Biden did not meet Vladimir Putin.", "CONSULT", "negated"),
        ("If Russia invades Ukraine, Joe Biden could impose sanctions on Russia.", "COERCE", "hypothetical"),
        ("Russia deployed troops to the border with Ukraine.", "MOBILIZE", "asserted"),
    ],
)
def test_event_type_and_modality(sentence, event_type, modality):
    r = extract_text(sentence, pub_date="2021-12-01")
    matches = [e for e in r.events if e.event_type == event_type]
    assert matches, [(e.event_type, e.modality) for e in r.events]
    assert matches[0].modality == modality


def test_event_dated_by_its_own_expression():
    r = extract_text("Vladimir Putin met Xi Jinping last June.", pub_date="2021-12-30")
    e = next(e for e in r.events if e.event_type == "CONSULT")
    assert e.date == "2021-06" and e.date_precision == "month" and not e.date_inherited
    assert e.modality == "historical"


def test_a_narrative_past_takes_the_date_of_the_sentence_before():
    text = ("Joe Biden and Vladimir Putin held a video call on December 7. In the call, Biden warned Putin that "
            "Washington would respond with strong economic measures. Putin rejected the warning. Washington "
            "has warned Moscow that it is ready to apply new sanctions.")
    events = extract_text(text, pub_date="2021-12-30").events
    warned = [e for e in events if e.event_type == "THREATEN"]
    # The simple past goes on with the story of the call of December 7 (the same two leaders) ...
    assert (warned[0].date, warned[0].modality, warned[0].date_inherited) == ("2021-12-07", "historical", False)
    assert "date:previous-sentence:December 7" in warned[0].reasons
    # ... and so does the next one, in a chain ...
    assert next(e for e in events if e.event_type == "REJECT").date == "2021-12-07"
    # ... but a present perfect is news of today, dated by publication.
    assert (warned[1].date, warned[1].date_inherited) == ("2021-12-30", True)


def test_a_narrative_date_needs_a_shared_participant_and_a_past_day():
    # Other actors: no continuing story (on Wikinews, any date of the sentence before was right 3 times in 9).
    events = extract_text("Turkey and Libya signed a maritime deal on November 27. Greece expelled the Libyan "
                          "ambassador.", pub_date="2019-12-07").events
    assert next(e for e in events if e.event_type == "SANCTION").date == "2019-12-07"
    # A story's time carries two sentences at most.
    events = extract_text("Joe Biden and Vladimir Putin held a video call on December 7. Biden warned Putin of "
                          "sanctions. Putin rejected the warning. Putin accused Biden of lying. Biden criticized "
                          "Putin.", pub_date="2021-12-30").events
    dates = {e.event_type: e.date for e in events}
    assert (dates["THREATEN"], dates["REJECT"]) == ("2021-12-07", "2021-12-07")
    assert dates["ACCUSE"] == "2021-12-30"
    # A future date is no setting for a past act.
    events = extract_text("Biden will meet Putin on January 10. Biden warned Putin of sanctions.",
                          pub_date="2021-12-30").events
    assert next(e for e in events if e.event_type == "THREATEN").date == "2021-12-30"


def test_undated_article_leaves_event_date_unknown():
    r = extract_text("Vladimir Putin met Xi Jinping on Monday.")
    e = next(e for e in r.events if e.event_type == "CONSULT")
    assert e.date is None and e.date_precision == "unknown"


def test_public_api_survives_its_own_imports():
    # Importing the eventwire.extract subpackage binds "extract" on the package: the API is analyse_text.
    import eventwire

    first = eventwire.analyse_text("NATO condemned Russia on Monday.", date="2021-12-30")
    second = eventwire.analyse_text("NATO condemned Russia on Monday.", date="2021-12-30")
    assert callable(eventwire.analyse_text)
    assert [e.event_type for e in first.events] == [e.event_type for e in second.events] == ["ACCUSE"]


def test_an_act_recommended_or_demanded_in_a_that_clause_is_not_asserted():
    r = extract_text("Prime Minister Abdul-Mahdi recommended that United States troops withdraw from Iraq.",
                     pub_date="2020-01-06")
    retreat = next(e for e in r.events if e.event_type == "RETREAT")
    assert retreat.modality == "hypothetical" and "modality:requested" in retreat.reasons
    r = extract_text("Russia said that its troops withdrew from the border.", pub_date="2020-01-06")
    assert next(e for e in r.events if e.event_type == "RETREAT").modality == "asserted"


def test_counted_objects_and_protests_in_a_country():
    r = extract_text("Afghan rebels have kidnapped up to 16 Russian civilian advisers from a town bazaar.",
                     pub_date="1987-05-01")
    kidnap = next(e for e in r.events if e.trigger_text == "kidnapped")
    assert kidnap.recipient is not None and kidnap.recipient.country == "RUS"  # "up to" is no particle
    r = extract_text("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", pub_date="1990-09-01")
    protest = next(e for e in r.events if e.event_type == "PROTEST")
    assert protest.recipient is not None and protest.recipient.country == "SRB"  # against the government there
    r = extract_text("French farmers demonstrated on Tuesday in France.", pub_date="2024-01-30")
    protests = [e for e in r.events if e.event_type == "PROTEST"]
    assert protests and all(e.recipient is None for e in protests)  # their own country is no target


def test_a_pronoun_prefers_a_name_of_its_gender_over_a_nearer_unknown_one():
    # spaCy tags "Twitter" a person here; "her" is the mayor, whose given name says she is a woman.
    r = extract_text("President Trump lashed out at the capital city's Democratic mayor Muriel Bowser on Twitter, "
                     "accusing her of not doing her job.", pub_date="2020-06-01")
    accuse = next(e for e in r.events if e.event_type == "ACCUSE")
    assert accuse.recipient is not None and accuse.recipient.name == "Muriel Bowser"


def test_former_in_an_apposed_title_and_a_known_person_tagged_as_organisation():
    r = extract_text("Former Vice President Joe Biden debated President Donald Trump on Thursday. "
                     "The former president, Barack Obama, criticized Trump's response to the pandemic.",
                     pub_date="2020-10-23")
    by_name = {e.name: e for e in r.entities}
    assert (by_name["Joe Biden"].country, by_name["Joe Biden"].sector) == ("USA", "ELI")  # not GOV from "President"
    assert by_name["Barack Obama"].sector == "ELI"
    accuse = next(e for e in r.events if e.event_type == "ACCUSE")
    # spaCy tags this "Trump" ORG; the KB knows the name as a person
    assert accuse.recipient.name == "Donald Trump" and accuse.recipient.sector == "GOV"


def test_candidates_are_party_actors():
    r = extract_text("Democratic presidential nominee Joe Biden criticized Trump on Friday.", pub_date="2020-10-23")
    e = next(e for e in r.events if e.event_type == "ACCUSE")
    assert (e.actor.country, e.actor.sector) == ("USA", "PTY")


def test_the_president_is_the_last_person_titled_president():
    text = ("On Monday, Judge Victor Marrero issued a ruling against President Donald Trump. President Trump sued "
            "the district attorney to block the release, but Judge Marrero dismissed the president's lawsuit. The "
            "president's legal team appealed the decision to the Second Circuit Court of Appeals.")
    r = extract_text(text, pub_date="2019-10-08")
    appeal = next(e for e in r.events if e.trigger_text == "appealed")
    assert (appeal.actor.text, appeal.actor.name, appeal.actor.country) == ("The president's", "Donald Trump", "USA")
    # A role with its own "of" phrase is another person: no coreference.
    other = extract_text("President Donald Trump spoke. The president of Ukraine accused Russia of aggression.",
                         pub_date="2019-10-08")
    accuse = next(e for e in other.events if e.event_type == "ACCUSE")
    assert accuse.actor.name != "Donald Trump"


@pytest.mark.parametrize(("sentence", "role", "country"), [
    ("Chinese citizens have criticized their government's initial response to the outbreak.", "recipient", "CHN"),
    ('On Saturday, representatives from Iran acknowledged their government had "unintentionally" shot down a '
     "Ukrainian passenger jet near Tehran.", "actor", "IRN"),
])
def test_their_government_is_the_government_of_the_clauses_subject(sentence, role, country):
    event = next(e for e in extract_text(sentence, pub_date="2020-01-11").events
                 if "government" in (getattr(e, role).text if getattr(e, role) else ""))
    party = getattr(event, role)
    assert party.country == country and party.sector == "GOV"
    assert any(r.startswith("country:possessor-subject:") for r in party.reasons)


def test_counterparts_are_the_other_side_not_the_possessors_own():
    r = extract_text("US officials have held consultations with their counterparts in Europe.", pub_date="2021-12-30")
    consult = next(e for e in r.events if e.event_type == "CONSULT")
    assert consult.recipient.text == "their counterparts" and consult.recipient.country is None


def test_a_role_in_apposition_gives_the_name_its_country():
    r = extract_text("The Taliban met on Monday with Zalmay Khalilzad, a US peace envoy, in Qatar.",
                     pub_date="2019-02-25")
    meeting = next(e for e in r.events if e.event_type == "CONSULT")
    assert (meeting.recipient.name, meeting.recipient.country) == ("Zalmay Khalilzad", "USA")


def test_a_person_nothing_else_codes_takes_the_dominant_country_of_the_article():
    text = ("President Donald Trump and Joe Biden met voters in the United States on Monday. Biden visited "
            "Washington. Trump criticized Biden. Trump also attacked Matt Drudge as a consistent opponent.")
    r = extract_text(text, pub_date="2020-09-10")
    attack = next(e for e in r.events if e.recipient is not None and e.recipient.name == "Matt Drudge")
    assert attack.recipient.country == "USA"
    assert any(reason.startswith("country:article-context:USA") for reason in attack.recipient.reasons)
    assert "recipient:country:article-context:USA" in attack.reasons  # said on the stored record
    # Not enough to make a private person an event's actor, and no country without a dominant one.
    assert not any(e.actor.name == "Matt Drudge" for e in r.events)
    assert next(e for e in r.entities if e.name == "Matt Drudge").country == "USA"
    alone = extract_text("Matt Drudge criticized Jane Smith.", pub_date="2020-09-10")
    assert {e.name: e.country for e in alone.entities if e.kind == "PERSON"} == {"Matt Drudge": None, "Jane Smith": None}


@pytest.mark.parametrize(("name", "country", "sector"), [
    ("Interpol", "IGO", "COP"), ("the European Court of Justice", "IGO", "JUD"), ("the European Parliament", "IGO", "LEG"),
    ("the World Health Organization", "IGO", "MED"), ("Reuters", "GBR", "JRN"),
])
def test_organisations_take_the_plover_manuals_sectors(name, country, sector):
    # The manual's table: MED is health, JRN journalists and media.
    org = get_kb().organisation(name.removeprefix("the "))
    assert org is not None and (org.country, org.sector) == (country, sector)


def test_gunmen_are_unidentified_armed_forces_and_journalists_jrn():
    from eventwire.kb import TITLE_SECTORS

    assert (TITLE_SECTORS["gunman"], TITLE_SECTORS["gunmen"], TITLE_SECTORS["journalists"]) == ("UAF", "UAF", "JRN")
    r = extract_text("On Saturday morning, a gunman shot shoppers at a Walmart store in El Paso.", pub_date="2019-08-04")
    assert next(e for e in r.events if e.event_type == "ASSAULT").actor.sector == "UAF"


def test_context_never_recodes_a_country_or_organisation_tagged_as_a_person():
    from types import SimpleNamespace

    from eventwire.extract.actors import code_from_context
    from eventwire.records import Entity

    usa = Entity(id="e1", name="United States", kind="GPE", country="USA", mentions=[(0, 1)] * 4)
    niger = Entity(id="e2", name="Niger", kind="PERSON")  # "Niger's capital", tagged PERSON
    blake = Entity(id="e3", name="Jacob Blake", kind="PERSON")
    registry = SimpleNamespace(kb=get_kb(), entities={e.id: e for e in (usa, niger, blake)},
                               doc=SimpleNamespace(ents=[]), token_entity={})
    code_from_context(registry)
    assert (niger.country, blake.country) == (None, "USA")


def test_an_untagged_name_the_kb_knows_is_coded():
    r = extract_text("Leaders of African Union (AU) member states met in Niamey for an AU summit.", pub_date="2019-07-08")
    meeting = next(e for e in r.events if e.event_type == "CONSULT")
    assert (meeting.recipient.name, meeting.recipient.country, meeting.recipient.sector) == ("African Union", "IGO", "GOV")


# --- stop 10: what two blind audit judges found (docs/audit/wikinews-blind-round18-*) -------------------

US_STORY = ("President Donald Trump spoke in the United States on Monday. Trump met voters in the United States. "
            "The United States will vote in November. ")


def test_a_sector_only_participant_takes_the_dominant_country_with_a_reason():
    r = extract_text(US_STORY + "Police arrested twelve protesters on Tuesday.", pub_date="2020-09-10")
    arrest = next(e for e in r.events if e.event_type == "COERCE")
    assert (arrest.actor.text, arrest.actor.country, arrest.actor.sector) == ("Police", "USA", "COP")
    assert "country:article-context:USA" in arrest.actor.reasons
    assert "actor:country:article-context:USA" in arrest.reasons  # said on the stored record
    # No dominant country, no context: the sector stands alone.
    alone = extract_text("Police arrested twelve protesters on Tuesday.", pub_date="2020-09-10")
    assert next(e for e in alone.events if e.event_type == "COERCE").actor.country is None


def test_context_skips_posts_abroad_and_phrases_with_an_uncoded_name():
    r = extract_text(US_STORY + "Trump urged the embassy to reconsider.", pub_date="2020-09-10")
    urged = next(e for e in r.events if e.event_type == "REQUEST")
    assert urged.recipient.text == "the embassy" and urged.recipient.country is None
    r = extract_text(US_STORY + "Turkey claimed to have killed about 2,300 Artsakh soldiers.", pub_date="2020-09-10")
    killed = next(e for e in r.events if e.event_type == "ASSAULT")
    assert killed.recipient.country is None  # "Artsakh" names where they are from, not the story's country


def test_place_names_count_for_their_country_in_the_article_context():
    text = ("Bernie Sanders won the Nevada caucuses. Nevada voted on Saturday. Turnout in Nevada was high, and "
            "Sanders thanked Nevada.")
    r = extract_text(text, pub_date="2020-02-23")
    assert next(e for e in r.entities if e.name == "Bernie Sanders").country == "USA"


def test_a_surname_the_tagger_missed_links_to_the_person_the_article_named():
    r = extract_text(US_STORY + "Biden visited the family of Jacob Blake and spoke to Blake on the phone.",
                     pub_date="2020-09-10")
    call = next(e for e in r.events if e.trigger_text == "spoke")
    assert (call.recipient.text, call.recipient.name, call.recipient.country) == ("Blake", "Jacob Blake", "USA")


def test_an_embedded_subject_pronoun_takes_the_highest_person_of_its_sentence():
    text = ('Former prosecutor Elie Honig said the call was bad. "The only conclusion is that Trump\'s White House '
            'staff think he could resign," tweeted Ken Gude.')
    r = extract_text(text, pub_date="2019-09-30")
    resign = next(e for e in r.events if e.event_type == "RETREAT")
    assert resign.actor.name == "Donald Trump" and resign.modality == "hypothetical"
    # A main clause's subject pronoun still takes the salient subject: "After talks with Putin, he said".
    r = extract_text("Joe Biden flew to Geneva. After talks with Vladimir Putin, he criticized Russia.",
                     pub_date="2021-06-17")
    assert next(e for e in r.events if e.event_type == "ACCUSE").actor.name == "Joe Biden"


def test_a_campaign_is_a_party_of_its_candidates_country_and_never_its_own_target():
    r = extract_text(US_STORY + "The Trump campaign criticized Joe Biden for not denouncing Antifa.",
                     pub_date="2020-09-10")
    criticism = next(e for e in r.events if e.event_type == "ACCUSE")
    assert (criticism.actor.text, criticism.actor.name) == ("The Trump campaign", "Donald Trump campaign")
    assert (criticism.actor.country, criticism.actor.sector, criticism.actor.kb_id) == ("USA", "PTY", None)
    r = extract_text("NBC News reported that Elizabeth Warren would be suspending her campaign.",
                     pub_date="2020-03-05")
    assert not any(e.event_type == "SANCTION" for e in r.events)


def test_a_company_described_by_a_nationality_is_the_company_not_the_state():
    # The tagger calls "Mahan Air" a facility; the adjective's country goes to the airline (BUS).
    r = extract_text("Germany on Monday banned Iranian airline Mahan Air from flying in the European nation.",
                     pub_date="2019-01-22")
    ban = next(e for e in r.events if e.event_type == "COERCE")
    assert (ban.recipient.name, ban.recipient.country, ban.recipient.sector) == ("Mahan Air", "IRN", "BUS")
    r = extract_text("Manafort was sentenced by Judge Amy Berman Jackson to 73 months in prison.", pub_date="2019-03-14")
    sentence = next(e for e in r.events if e.event_type == "SANCTION")
    assert (sentence.actor.name, sentence.actor.sector) == ("Amy Berman Jackson", "JUD")


def test_a_bare_senate_or_congress_is_the_storys_country_when_written_as_a_common_noun():
    story = ("Argentine President Alberto Fernandez spoke in Argentina. Argentina voted. Fernandez met "
             "Argentina's governors. ")
    r = extract_text(story + "In 2018 the Argentine congress approved a bill, but the senate rejected it.",
                     pub_date="2020-11-18")
    assert {e.name.lower(): e.country for e in r.entities if e.kind == "ORG"}.get("senate") == "ARG"
    uk = extract_text("British Prime Minister Boris Johnson met Theresa May in Britain. Britain talked. "
                      "The British government criticized Congress.", pub_date="2020-01-10")
    assert next(e for e in uk.entities if e.name == "Congress").country == "USA"  # capitalised: the KB's
    # Capitalised in a story of a country with a Senate and a Congress, and nothing else American named.
    ph = extract_text("Philippine President Rodrigo Duterte spoke in Manila. The Philippines voted. Duterte met "
                      "Filipino governors. The Senate and Congress opened hearings on the franchise.",
                      pub_date="2020-05-06")
    assert {e.name: e.country for e in ph.entities if e.kind == "ORG"}.get("Senate") == "PHL"


def test_a_whole_name_the_kb_knows_beats_its_parts():
    r = extract_text("On Wednesday, the United States House of Representatives impeached President Donald Trump.",
                     pub_date="2019-12-19")
    impeachment = next(e for e in r.events if e.event_type == "ACCUSE")
    assert (impeachment.actor.text, impeachment.actor.country, impeachment.actor.sector) == (
        "United States House of Representatives", "USA", "LEG")
