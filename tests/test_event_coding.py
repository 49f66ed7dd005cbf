"""Event coder: modality, modes, the trained type classifier and its training data."""

from __future__ import annotations

import time
from datetime import date

import pytest

PUB = date(2021, 12, 30)


@pytest.fixture(scope="module")
def code():
    from eventwire.extract.events import EventConfig
    from eventwire.pipeline import extract_text

    # These tests read how the coder types and fills each candidate, so events without a recipient stay in;
    # test_dyadic_events_need_a_recipient covers the default that drops them.
    every_candidate = EventConfig(require_recipient=False)

    def run(text: str):
        return extract_text(text, pub_date=PUB, events_config=every_candidate)

    return run


def _only(result, event_type):
    found = [e for e in result.events if e.event_type == event_type]
    assert found, f"no {event_type}: {[(e.event_type, e.trigger_text) for e in result.events]}"
    return found[0]


def test_negated_attack(code):
    e = _only(code("Russian troops did not attack Ukrainian positions on Tuesday, the ministry said."), "ASSAULT")
    assert e.modality == "negated"
    assert e.actor.country == "RUS" and e.recipient is not None and e.recipient.country == "UKR"


def test_hypothetical_sanctions_are_coerce_restrict(code):
    # CAMEO 163 "Impose embargo, boycott, or sanctions" is COERCE/restrict in CAMEO2PLOVER.
    e = _only(code("The European Union could impose sanctions on Belarus if the crackdown continues."), "COERCE")
    assert e.modality == "hypothetical"
    assert e.mode == "restrict"
    assert (e.actor.country, e.recipient.country) == ("IGO", "BLR")


def test_future_meeting(code):
    result = code("French President Emmanuel Macron will meet German Chancellor Olaf Scholz in Berlin next week.")
    e = _only(result, "CONSULT")
    assert e.modality == "future"
    assert e.actor.country == "FRA"


def test_historical_meeting(code):
    e = _only(code("Macron met Merkel last June in Paris."), "CONSULT")
    assert e.modality == "historical" and e.date == "2021-06"


def test_reported_speech_codes_the_reported_event(code):
    result = code("The Foreign Ministry said Iran had accused Israel of attacking its nuclear facility.")
    e = _only(result, "ACCUSE")
    assert (e.actor.country, e.recipient.country) == ("IRN", "ISR")
    assert e.mode == "allege"
    assert any(q.speaker is not None and q.speaker.text == "The Foreign Ministry" for q in result.quotes)


def test_non_event_sentence_yields_nothing(code):
    result = code("Shares in the carmaker rose 3 percent on Tuesday after strong quarterly sales in China.")
    assert result.events == []


def test_every_event_says_why(code):
    result = code("Kenya recalled its ambassador to Somalia on Monday after a row over maritime borders.")
    e = _only(result, "SANCTION")
    assert e.mode == "withdraw"
    assert any(r.startswith("lex:") for r in e.reasons)
    assert any(r.startswith("model:") for r in e.reasons)
    assert 0.0 < e.confidence <= 1.0


# --- the shipped model ---------------------------------------------------------------------------------


def test_shipped_model_is_small_fast_and_documented():
    from eventwire.extract.events import classifier
    from eventwire.extract.events.training import model_path

    path = model_path()
    assert path.is_file() and path.stat().st_size < 5_000_000
    started = time.perf_counter()
    model = classifier.read_model(path)
    assert time.perf_counter() - started < 1.0
    assert {"PLV_train.tsv", "plover-examples.tsv"} <= set(model.meta["sources"])
    assert "NONE" in model.labels and "YIELD" in model.labels and "ASSAULT" in model.labels
    assert model.weights.shape == (len(model.vocabulary), len(model.labels))


def test_model_round_trip_and_allowed_labels(tmp_path):
    from eventwire.extract.events.classifier import decide_type
    from eventwire.extract.events.training import fit

    features = [["w=bomb", "w=city"], ["w=bomb", "w=village"], ["w=meet", "w=talks"], ["w=meet", "w=visit"],
                ["w=score", "w=goal"], ["w=score", "w=match"]]
    labels = ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT", "NONE", "NONE"]
    model = fit(features, labels, meta={"sources": {"toy": "0"}})

    def predict(words, allowed=None):
        return decide_type(model.probabilities(words), None, allowed)[0]

    assert predict(["w=bomb"]) == "ASSAULT"
    assert predict(["w=score"]) == "NONE"
    assert predict(["w=score"], allowed={"ASSAULT", "CONSULT"}) in {"ASSAULT", "CONSULT"}
    model.save(tmp_path / "m.npz")
    from eventwire.extract.events.classifier import read_model

    again = read_model(tmp_path / "m.npz")
    assert again.labels == model.labels and again.meta["sources"] == {"toy": "0"}
    assert again.probabilities(["w=meet"]) == pytest.approx(model.probabilities(["w=meet"]), abs=1e-6)


def test_cross_validation_scores_only_the_gold_rows():
    from eventwire.extract.events.training import cross_validate

    features = [[f"w={label.lower()}", f"n={i}"] for i in range(10) for label in ("BOMB", "MEET")]
    texts = [f"Troops {f[0][2:]}ed the town on day {i}." for i, f in enumerate(features)]
    labels = ["ASSAULT" if f[0] == "w=bomb" else "CONSULT" for f in features]
    extra = [["w=bomb"], ["w=meet"]]
    from eventwire.extract.events.training import TrainConfig

    for config in (TrainConfig(), TrainConfig(word_weight=0.6)):  # the relation model alone, and with words
        predictions = cross_validate(features, texts, labels, extra, ["Rebels bombed it.", "Leaders meet."],
                                     ["ASSAULT", "CONSULT"], folds=5, config=config)
        assert len(predictions) == len(features)
        assert [max(p, key=p.get) for p in predictions] == labels


# --- training data -------------------------------------------------------------------------------------


def test_marked_spans_nest_and_trim():
    from eventwire.extract.events.training import marked_spans

    plain, spans = marked_spans("<s>The LNA </s> shelled <t>the port of <s>Tripoli</s></t>.")
    assert plain == "The LNA  shelled the port of Tripoli."
    assert [plain[a:b] for a, b in spans["s"]] == ["The LNA", "Tripoli"]
    assert [plain[a:b] for a, b in spans["t"]] == ["the port of Tripoli"]


def test_project_examples_are_balanced_and_valid():
    from eventwire.extract.events.plover import PLOVER_TYPES
    from eventwire.extract.events.training import project_examples

    examples = project_examples()
    counts = {}
    for e in examples:
        counts[e.label] = counts.get(e.label, 0) + 1
    allowed = set(PLOVER_TYPES) | {"YIELD", "NONE"}
    assert set(counts) <= allowed
    # Every type the model predicts is represented, and non-events are a real share.
    for event_type in set(PLOVER_TYPES) - {"CONCEDE", "RETREAT"}:
        assert counts.get(event_type, 0) >= 20, event_type
    assert counts.get("NONE", 0) >= 50
    assert all(e.sentence and "<s>" not in e.sentence for e in examples)


def test_training_file_errors_name_the_line(tmp_path):
    from eventwire.extract.events.training import TrainingDataError, read_marked_tsv

    bad = tmp_path / "bad.tsv"
    bad.write_text("sentence_id\tmarked\n1\tx\n", encoding="utf-8")
    with pytest.raises(TrainingDataError, match="missing column"):
        read_marked_tsv(bad, "event_type")


# --- sense rules found by the Wikinews audits (docs/audit) ----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        ("Trump attacked Biden for accumulating wealth since leaving office.", "ACCUSE", "USA", "USA"),
        ("The Turkish foreign ministry called for a safe zone east of the Euphrates.", "REQUEST", "TUR", None),
        # Signing concludes an agreement: SUPPORT in the manual; only a promise to sign is AGREE (stop 10).
        ("Israel and the United Arab Emirates signed a peace agreement on Tuesday.", "SUPPORT", "ISR", "ARE"),
        ("Israel and the United Arab Emirates will sign a peace agreement next week.", "AGREE", "ISR", "ARE"),
        ("Athens expelled the Libyan ambassador to Greece over the agreement.", "SANCTION", "GRC", "LBY"),
        ("Kenya recalled its ambassador to Somalia on Monday.", "SANCTION", "KEN", "SOM"),
        ("Russia deployed troops to the border with Ukraine.", "MOBILIZE", "RUS", "UKR"),
        # A verdict is SANCTION/convict, never the model's ACCUSE; a Moscow court is Russian and judicial.
        ("A federal jury in New York convicted Michael Avenatti on Friday.", "SANCTION", None, None),
        ("A Moscow court sentenced Alexei Navalny to three and a half years in prison.", "SANCTION", "RUS", None),
    ],
)
def test_sense_rules_type_and_participants(code, sentence, event_type, actor, recipient):
    e = _only(code(sentence), event_type)
    assert e.actor.country == actor
    assert (e.recipient.country if e.recipient else None) == recipient


@pytest.mark.parametrize(
    "sentence",
    [
        "The government of Burundi announced the cause of death as a cardiac arrest.",
        "Last Friday, the Tunisian Prime Minister signed a decree banning the niqab.",
        "Did the Iranian Chess Federation ever support you?",
        "President Donald Trump held three campaign rallies in Pennsylvania on Saturday.",
        "President Donald Trump visited Walter Reed Hospital last November.",
        "President Donald Trump warned that Joe Biden could destroy the economy with tax increases.",
        "According to a statement released by President Erdogan's office, the operation will continue.",
        "According to NPR, Joe Biden has amassed 1,217 pledged delegates so far.",
        # What a document allows is no event (round 12).
        "The proposed bill would have allowed China to extradite accused criminals from Hong Kong.",
        # A candidate leaving a race, and a speech at a think tank (census of stop 6).
        "Senator Amy Klobuchar withdrew her name from consideration to be Biden's running mate.",
        "Senator Kamala Harris withdrew before the primaries.",
        "In his talk at the Atlantic Council think tank on Tuesday, Mitsotakis reaffirmed his position.",
    ],
)
def test_audit_non_events_yield_nothing(code, sentence):
    assert code(sentence).events == []


def test_verdicts_code_the_court_and_the_convicted(code):
    e = _only(code("A Moscow court sentenced Alexei Navalny to three and a half years in prison."), "SANCTION")
    assert (e.mode, e.actor.sector, e.recipient.text) == ("convict", "JUD", "Alexei Navalny")
    assert "type:sense-rule" in e.reasons
    e = _only(code("A federal jury convicted Michael Avenatti on Friday."), "SANCTION")
    assert e.actor.sector == "JUD"


def test_possible_invasion_is_hypothetical(code):
    e = _only(code("Biden and Putin will talk amid fears over a possible Russian invasion of Ukraine."), "ASSAULT")
    assert e.modality == "hypothetical" and e.actor.country == "RUS" and e.recipient.country == "UKR"


def test_untagged_proper_name_is_a_named_uncoded_recipient(code):
    # spaCy's small model does not tag "Pelosi" here; the recipient is still named, without a code.
    e = _only(code("President Donald Trump congratulated Pelosi on Thursday."), "SUPPORT")
    assert e.recipient is not None and e.recipient.text == "Pelosi" and e.recipient.country is None
    assert "arg:uncoded-proper-name" in e.recipient.reasons


def test_pronouns_agree_in_gender_and_object_control_picks_the_doer(code):
    result = code("Joe Biden met Angela Merkel in Berlin. She urged Vladimir Putin to withdraw his troops.")
    request = _only(result, "REQUEST")
    assert request.actor.name == "Angela Merkel" and request.recipient.name == "Vladimir Putin"
    withdrawal = _only(result, "RETREAT")
    # Putin would withdraw; asked for, not done.
    assert withdrawal.actor.name == "Vladimir Putin" and withdrawal.modality == "hypothetical"


def test_given_name_gender():
    from eventwire.kb import get_kb

    kb = get_kb()
    assert kb.gender("Sviatlana Tsikhanouskaya") == "F" and kb.gender("Joe Biden") == "M"
    assert kb.gender("Jean Castex") is None  # listed under both: unknown


def test_the_two_presidents_are_the_latest_pair_of_leaders(code):
    # A minister's call with a president comes in between; "the two presidents" are Biden and Putin.
    result = code("Biden and Putin spoke in June. On Wednesday, Antony Blinken had a call with Volodymyr Zelensky. "
                  "The two presidents last met on December 7.")
    meetings = [e for e in result.events if e.event_type == "CONSULT" and e.date == "2021-12-07"]
    assert meetings, [(e.event_type, e.trigger_text, e.date) for e in result.events]
    assert {meetings[0].actor.name, meetings[0].recipient.name} == {"Joe Biden", "Vladimir Putin"}


@pytest.mark.parametrize(
    ("sentence", "event_type", "recipient", "reason"),
    [
        # The target of the announced action, inside the infinitive.
        ("Putin offered to negotiate with the president of Armenia on Monday.", "AGREE", "ARM", "xcomp:with"),
        ("Pakistan threatened to cut diplomatic ties with Israel over the visit.", "THREATEN", "ISR",
         "xcomp:dobj:with"),
        # The condition of a threat, hung on the threatened action.
        ("Russia threatened to stop the arms talks if the United States deploys new missiles in Europe.",
         "THREATEN", "USA", "clause"),
        # A material act in a country (never a city).
        ("Turkey lifted a curfew in Syria on Sunday.", "CONCEDE", "SYR", "in-country"),
        # "rulers" is a government role noun.
        ("Berlin rejected the demands by Belarus's rulers for economic aid.", "REJECT", "BLR", "dobj"),
    ],
)
def test_recipients_beyond_the_direct_object(code, sentence, event_type, recipient, reason):
    e = _only(code(sentence), event_type)
    assert e.recipient is not None and e.recipient.country == recipient
    assert f"arg:recipient:{reason}" in e.reasons


def test_a_city_an_act_happens_in_is_not_its_recipient(code):
    e = _only(code("Afghan rebels attacked a checkpoint in Kabul on Tuesday."), "ASSAULT")
    assert e.actor is not None and e.actor.country == "AFG"
    assert e.recipient is None or "Kabul" not in e.recipient.text
    assert "arg:recipient:in-country" not in e.reasons


def test_place_phrases_neither_code_nor_receive(code):
    # "its embassy in Israel" is Serbia's; Tel Aviv after "from" is a place, not Israel's government.
    e = _only(code("Serbia agreed to move its embassy in Israel from Tel Aviv to Jerusalem."), "AGREE")
    assert e.actor.country == "SRB"
    assert e.recipient is None or (e.recipient.country != "SRB" and "Tel Aviv" not in e.recipient.text)
    # A bare object of the announced action counts only with a country: no requested party is named here.
    request = _only(code("The foreign minister said Mexico would seek to extradite the gunman to face charges in "
                         "Mexico."), "REQUEST")
    assert "arg:recipient:xcomp:dobj" not in request.reasons


# --- conventions applied after the models ----------------------------------------------------------------


def test_requested_action_keeps_its_lexicon_type(code):
    withdrawal = _only(code("She urged Vladimir Putin to withdraw his troops from the border."), "RETREAT")
    assert "type:embedded-action" in withdrawal.reasons and withdrawal.modality == "hypothetical"


def test_a_meeting_the_models_call_an_agreement_stays_consult(monkeypatch):
    from eventwire.extract import events
    from eventwire.pipeline import extract_text

    class SaysAgree:  # a stand-in model with PLV's reading of "will meet"
        labels = ["AGREE", "CONSULT", "NONE"]
        words = None

        def probabilities(self, features, text):
            return {"AGREE": 0.7, "CONSULT": 0.25, "NONE": 0.05}

    monkeypatch.setattr(events, "shipped_model", lambda: SaysAgree())
    meeting = extract_text("Joe Biden will meet Vladimir Putin in Geneva next week.", pub_date=PUB).events
    assert [(e.event_type, e.modality) for e in meeting] == [("CONSULT", "future")]
    assert "type:meeting-is-consult" in meeting[0].reasons
    promise = extract_text("Joe Biden agreed to meet Vladimir Putin in Geneva.", pub_date=PUB).events
    # An agreement in the sentence: the rule stays out. The agreement is AGREE; the meeting it promises
    # keeps its lexicon type, in the future (stop 10, "modality:promised").
    assert all("type:meeting-is-consult" not in e.reasons for e in promise)
    found = {(e.event_type, e.trigger_text, e.modality) for e in promise}
    assert {("AGREE", "agreed", "asserted"), ("CONSULT", "meet", "future")} <= found


def test_dyadic_events_need_a_recipient():
    from eventwire.extract.events import EventConfig
    from eventwire.pipeline import extract_text

    text = "The ministry called for calm. Russia massed troops near the border. Iran accused Israel of the attack."
    default = {e.event_type for e in extract_text(text, pub_date=PUB).events}
    assert default == {"MOBILIZE", "ACCUSE"}  # the request with no one asked is dropped; a build-up stands alone
    every = extract_text(text, pub_date=PUB, events_config=EventConfig(require_recipient=False)).events
    assert {e.event_type for e in every} == {"REQUEST", "MOBILIZE", "ACCUSE"}
    assert next(e for e in every if e.event_type == "REQUEST").recipient is None


def test_round12_participants():
    from eventwire.pipeline import extract_text

    def events(text, when):
        return extract_text(text, pub_date=when)

    # The forces a governor deploys are the means, not a recipient; a MOBILIZE stands alone.
    e = _only(events("Wisconsin Governor Tony Evers deployed the national guard.", "2020-08-26"), "MOBILIZE")
    assert e.recipient is None and e.actor.sector == "GOV"
    # Civilians leaving their homes are no political RETREAT; the request to leave is the event.
    found = events("Prime Minister Hubert Minnis urged residents to evacuate.", "2019-09-01").events
    assert [x.event_type for x in found] == ["REQUEST"]
    # A comparison names no recipient, and a REQUEST with none is dropped.
    assert events("Hawkins called for the decriminalization of drugs like Portugal.", "2020-10-10").events == []
    # A retired general is an elite, not the military; a former candidate keeps the party, not ELI.
    # A pardon is CONCEDE (the manual: "formal pardons ... should be coded as CONCEDE"), not a release.
    e = _only(events("Retired general Michael Flynn was pardoned by Trump.", "2020-11-26"), "CONCEDE")
    assert e.recipient.sector == "ELI" and "type:pardon-is-concede" in e.reasons
    e = _only(events("Former presidential candidate Elizabeth Warren commended Biden for his empathy.", "2020-04-16"),
              "SUPPORT")
    assert e.actor.sector == "PTY"


def test_withdrawals_and_talks_that_stay_events(code):
    found = code("Russia withdrew its troops from Syria ahead of the election.").events
    # No race: not vetoed. (The model reads this withdrawal as SANCTION, which is PLV's reading too.)
    assert [(e.event_type in {"RETREAT", "SANCTION"}, e.recipient.country) for e in found] == [(True, "SYR")]
    e = _only(code("Putin spoke with Erdogan at the summit."), "CONSULT")
    assert e.recipient.text == "Erdogan"  # a summit is no speech venue


def test_round13_non_actors_are_no_recipients(code):
    # A platform is where a statement is made; the possessor of the praised act is the recipient.
    e = _only(code("Biden praised Warren's endorsement on Twitter on Friday."), "SUPPORT")
    assert e.recipient.text.startswith("Warren")
    # A time phrase holds no actor ("1625 UTC"), and calling an election declares a winner, no request.
    assert code("At around 11:25am US east coast time (1625 UTC), the Associated Press called the election "
                "for Biden.").events == []


@pytest.mark.parametrize(("sentence", "event_type"), [
    # A topic's modifier ("supports LGBT rights" in the present is a standing stance: no event since stop 10).
    ("Senator Elizabeth Warren supported LGBT rights in a speech on Friday.", "SUPPORT"),
    ("President Biden would not say whether he supported Court packing.", "SUPPORT"),
    ("The Green Party endorsed the Green New Deal.", "SUPPORT"),  # an uncoded name of a policy
    ("Senator Bernie Sanders called for the nationalization of the Federal Reserve.", "REQUEST"),
    ("Secretary of State Mike Pompeo spoke, defending Trump's America First foreign policy.", "SUPPORT"),
])
def test_issues_and_places_are_no_recipients(code, sentence, event_type):
    assert _only(code(sentence), event_type).recipient is None


def test_the_author_of_an_issue_is_its_recipient(code):
    e = _only(code("Iranian Foreign Minister Mohammad Javad Zarif has condemned a U.S. Supreme Court decision."),
              "ACCUSE")
    assert (e.recipient.country, e.recipient.sector) == ("USA", "JUD")
    e = _only(code("The United States defended the right of Russian troops to fire on militants."), "SUPPORT")
    assert e.recipient.country == "RUS"


def test_companies_and_police_need_a_state_party(code):
    assert code("Red Hat discussed the change with the CentOS Governing Board.").events == []
    assert code("American companies signed agreements with Chinese firms.").events == []
    # An IGO the KB files as a business is no company.
    assert _only(code("The IMF criticized the opposition."), "ACCUSE").actor.country == "IGO"
    assert not [e for e in code("Officers traveled to Canada and interviewed her friends.").events
                if e.event_type == "CONSULT"]
    e = _only(code("Police officers met with the interior minister on Monday."), "CONSULT")
    assert e.recipient.sector == "GOV"


def test_a_restriction_is_no_concession_unless_eased(code):
    e = _only(code("Democrats criticized Trump's ban on travel from China."), "COERCE")
    assert (e.trigger_text, e.mode, e.recipient.country) == ("ban", "ban", "CHN")
    found = code("President Trump lifted the ban on travel from China.").events
    assert [e.event_type for e in found] == ["CONCEDE"]  # the lifting, and no restriction beside it
    # A lifted ban may read as easing: the rule does not force it back to COERCE.
    found = code("Britain lifted its ban on Russian oil imports.").events
    assert [e.event_type for e in found if e.trigger_text == "ban"] == ["CONCEDE"]


def test_leaving_an_organisation_or_treaty_is_sanction_withdraw(code):
    e = _only(code("Trump withdrew the United States from the nuclear treaty with Iran."), "SANCTION")
    assert (e.mode, e.recipient.country) == ("withdraw", "IRN")
    assert "type:leaves-an-organisation" in e.reasons
    e = _only(code("Johnson promised to complete the withdrawal of the United Kingdom from the European Union."),
              "SANCTION")
    assert e.recipient.country == "IGO"
    # Forces leaving a territory stay a retreat (or PLV's SANCTION reading), never "leaves-an-organisation".
    found = code("Russia withdrew its troops from Syria.").events
    assert found and not any("type:leaves-an-organisation" in e.reasons for e in found)
    # "pulled out of": spaCy hangs "of" on "out".
    e = _only(code("The United States pulled out of the Paris Agreement."), "SANCTION")
    assert "type:leaves-an-organisation" in e.reasons
    # A place in an agreement's name is no party to it.
    e = _only(code("Trump withdrew the United States from the Paris climate agreement."), "SANCTION")
    assert e.recipient is None or e.recipient.country != "FRA"


def test_the_victim_of_a_passive_verb_is_the_target_of_its_agent(code):
    found = code("General Qasem Soleimani was killed by a United States airstrike in Iraq.").events
    airstrike = next(e for e in found if e.trigger_text == "airstrike")
    assert (airstrike.actor.country, airstrike.recipient.text) == ("USA", "General Qasem Soleimani")
    assert "arg:recipient:victim-of-agent" in airstrike.reasons  # not Iraq, where it happened


def test_a_warning_about_a_third_party_is_no_threat(code):
    found = code("Intelligence officials warned the administration that Giuliani could be a conduit for "
                 "Russian disinformation.").events
    assert not [e for e in found if e.event_type == "THREATEN"]
    e = _only(code("Biden warned Putin that Washington would respond with strong economic measures."), "THREATEN")
    assert e.recipient.name == "Vladimir Putin"
    # The recipient's side and an alliance are no third party.
    for sentence in ("Biden warned Putin that Russia would pay a heavy price.",
                     "The United States warned Russia that NATO would respond forcefully."):
        assert _only(code(sentence), "THREATEN").recipient.country == "RUS"


def test_an_option_considered_is_hypothetical_and_pledges_are_one_sided(code):
    e = _only(code("Several state parties were considering severing their ties with the Republican Party."),
              "SANCTION")
    assert e.modality == "hypothetical" and "modality:considered" in e.reasons
    e = _only(code("China, Iran, and Russia have pledged funds for the reconstruction."), "AGREE")
    assert e.recipient is None  # three donors, not two sides
    e = _only(code("Russia and China made a pledge to support Iran."), "AGREE")
    assert e.recipient is None or e.recipient.country != "CHN"
    # A belief's clause is no option weighed: the attack stays asserted.
    e = _only(code("Officials think Iran attacked the tanker."), "ASSAULT")
    assert e.modality == "asserted"


def test_a_chamber_president_is_a_legislator_and_new_given_names(code):
    e = _only(code("Senate President Thomas Rivera Schatz filed a lawsuit against the governor."), "ACCUSE")
    assert e.actor.sector == "LEG"
    from eventwire.kb import get_kb

    assert [get_kb().gender(n) for n in ("Spike Cohen", "Kanye West", "Jo Jorgensen")] == ["M", "M", None]


def test_a_talk_at_a_think_tank_the_parser_hangs_elsewhere_is_a_speech(code):
    found = code("Greek Prime Minister Kyriakos Mitsotakis visited Washington this week. In his Tuesday "
                 "live-streamed talk at the United States think tank Atlantic Council's Washington headquarters, "
                 "Mitsotakis reaffirmed that the project is important.").events
    # Without the veto the talk is a CONSULT with "the United States"; the visit stays.
    assert [e.trigger_text for e in found if e.event_type == "CONSULT"] == ["visited"]
    # Only "at" introduces a venue: what follows "to" is whom one speaks to.
    for sentence in ("Biden spoke to Putin about the university exchange program.",
                     "Macron talked to Putin on the sidelines of the forum."):
        assert _only(code(sentence), "CONSULT").recipient.name == "Vladimir Putin"


def test_means_venues_and_relatives_are_not_the_named_recipient(code):
    # The person extradited is moved, not asked: with no one named to ask, no recipient.
    found = code("The foreign minister said Mexico would seek to extradite the gunman to face charges.").events
    assert [e.recipient for e in found if e.trigger_text == "extradite"] == [None]
    # The actor's own air force is the means of its airstrikes.
    found = code("Saudi Arabia started providing airstrikes with the Royal Saudi Air Force.").events
    assert [e.recipient for e in found if e.trigger_text == "airstrikes"] == [None]
    # A venue holds no participant (the soldiers buried there are not whom Trump refused).
    e = _only(code("During a 2018 trip to France, President Donald Trump refused to visit a cemetery "
                   "of U.S. soldiers killed during the World War I Battle of Belleau Wood."), "REJECT")
    assert e.recipient is None
    # A named person's relative is the relative, of the person's country.
    e = _only(code("Police arrested Joe Biden's son on Monday."), "COERCE")
    assert (e.recipient.text, e.recipient.country, e.recipient.sector) == ("Joe Biden's son", "USA", "CVL")


def test_word_list_candidates_add_recall_only_when_the_model_confirms(code):
    from eventwire.extract.events import EventConfig
    from eventwire.pipeline import extract_text

    # "halt" is in the extended word list, not the strict lexicon: the model confirms its SANCTION.
    halted = "Japan said on Tuesday it had halted economic aid to Serbia in line with Western efforts."
    e = _only(code(halted), "SANCTION")
    assert any(r.startswith("lex:word-list:verb:halt") for r in e.reasons)
    assert "type:model-agrees-with-word-list" in e.reasons
    assert e.actor.country == "JPN" and e.recipient.country == "SRB"
    # Turned off, the word list proposes nothing.
    off = extract_text(halted, pub_date=PUB, events_config=EventConfig(require_recipient=False, word_list=False))
    assert not [x for x in off.events if x.event_type == "SANCTION"]
    # A word-list candidate needs a recipient coded with a country or a sector ("the convention" is not).
    cancelled = code("Trump cancelled the in-person convention planned for Jacksonville.")
    assert not [x for x in cancelled.events if any(r.startswith("lex:word-list") for r in x.reasons)]


def test_word_list_types_of_yield_propose_nothing_and_plv_features_ignore_the_list():
    from eventwire.extract.events.classifier import relation_features
    from eventwire.extract.events.triggers import find_triggers, find_word_list_triggers
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    returned = nlp("Two days later, the president returned to the campaign trail with a rally in Florida.")
    sent = returned[:]
    assert not find_word_list_triggers(sent, find_triggers(sent))  # "return" is RETREAT in the list: silent
    halted = nlp("Japan halted economic aid to Serbia.")
    sent = halted[:]
    strict = find_triggers(sent)
    listed = find_word_list_triggers(sent, strict)
    assert [t.token.lower_ for t in listed] == ["halted"] and listed[0].word_list
    # The classifier's features still see a sentence without a trigger (PLV rows are featurised this way).
    features = relation_features(sent, (0, 5), (29, 35), None, strict)
    assert "trig=none" in features and "trigtype=SANCTION" not in features and "lex=SANCTION" not in features


def test_located_civilians_adjectives_and_civilian_words(code):
    # A civilian group with no country of its own takes the country the event happens in (CAMEO's usage).
    protest = _only(code("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia, Belgrade radio said."),
                    "PROTEST")
    assert (protest.actor.country, protest.actor.sector) == ("SRB", "CVL")
    assert any(r.startswith("country:located-in:") for r in protest.actor.reasons)
    killed = _only(code("Serb forces killed three ethnic Albanians in a gunbattle in southeastern Serbia."), "ASSAULT")
    assert (killed.recipient.country, killed.recipient.sector) == ("SRB", "CVL")
    # Without a place, the group stays without a country.
    bare = _only(code("Ethnic Albanians protested against the government on Tuesday."), "PROTEST")
    assert bare.actor.country is None
    # An adjective is a participant only through its country: "an official protest" has no official as its
    # actor ("lodge" is no light verb of the lexicon, so the protest here has no actor at all).
    lodged = code("Serbia lodged an official protest with Albania on Tuesday.")
    assert not [e for e in lodged.events if e.actor.text == "official"]
    # "civilian" before a title: not officials.
    kidnapped = _only(code("Afghan rebels have kidnapped 16 Russian civilian advisers from a town bazaar."), "ASSAULT")
    assert (kidnapped.recipient.country, kidnapped.recipient.sector) == ("RUS", "CVL")


def test_putin_was_prime_minister_before_he_was_president():
    from eventwire.extract.events import EventConfig
    from eventwire.pipeline import extract_text

    text = "On September 29, Putin offered to negotiate with the president of Armenia."
    events = extract_text(text, pub_date=date(1999, 10, 1), events_config=EventConfig(require_recipient=False)).events
    assert events and all((e.actor.country, e.actor.sector) == ("RUS", "GOV") for e in events)
    earlier = extract_text(text, pub_date=date(1998, 10, 1), events_config=EventConfig(require_recipient=False)).events
    assert all(e.actor.sector != "GOV" for e in earlier)  # no role yet in 1998: the KB dates roles


@pytest.mark.parametrize(("sentence", "event_type", "recipient"), [
    # The tagger calls both an organisation; the gazetteer knows them as places' own names.
    ("The foreign ministers agreed to a future meet on Crete.", "AGREE", None),
    ("Police arrested a 36-year-old Cheltenham man on suspicion of conspiracy to burgle.", "COERCE", None),
    # A person is never taken for a town, and an untagged name stays a named recipient.
    ("President Donald Trump congratulated Pelosi.", "SUPPORT", "Pelosi"),
])
def test_names_the_gazetteer_knows_as_towns_are_places_not_recipients(code, sentence, event_type, recipient):
    found = _only(code(sentence), event_type).recipient
    assert (found.text if found else None) == recipient


@pytest.mark.parametrize(("sentence", "event_type", "actor", "recipient"), [
    # A past-tense conjunct the parser hangs from an infinitive or a modal's verb shares the finite verb's
    # subject: Raab spoke with Pompeo, not the embassy; Hawkins asked voters, not Trump.
    ("Foreign Secretary Dominic Raab urged the embassy to reconsider and spoke with US Secretary of State "
     "Mike Pompeo about the case.", "CONSULT", "Foreign Secretary Dominic Raab", "US Secretary of State Mike Pompeo"),
    ("Green Party candidate Howie Hawkins predicted President Trump would lose in a landslide and asked voters "
     "to vote for him.", "REQUEST", "Green Party candidate Howie Hawkins", "voters"),
    # An infinitive's own conjunct keeps the controlled subject: Putin would withdraw and return home.
    ("Biden urged Putin to withdraw his troops and return them home.", "RETREAT", "Putin", None),
])
def test_a_finite_conjunct_of_an_infinitive_shares_the_finite_verbs_subject(code, sentence, event_type, actor,
                                                                              recipient):
    event = _only(code(sentence), event_type)
    assert event.actor.text == actor
    assert (event.recipient.text if event.recipient else None) == recipient


def test_an_arrest_warrant_threatens_an_arrest(code):
    warrants = _only(code("On Monday, Iran issued arrest warrants on 36 people believed to have been involved in "
                          "the assassination of the general Qasem Soleimani."), "THREATEN")
    assert warrants.mode == "arrest" and "type:warrant-is-a-threat" in warrants.reasons
    arrest = _only(code("Police arrested the opposition leader in Minsk."), "COERCE")
    assert arrest.mode == "arrest"


# --- stop 10: what two blind audit judges found (docs/audit/wikinews-blind-round18-*) -------------------


def test_a_signed_agreement_says_why_it_is_support(code):
    e = _only(code("On November 27, Turkey and Libya signed a maritime border agreement."), "SUPPORT")
    assert "type:signed-agreement-is-support" in e.reasons
    assert _only(code("Turkey and Libya reached an agreement on maritime borders."), "AGREE")


@pytest.mark.parametrize(
    "sentence",
    [
        "According to al-Eryani, the rebels are backed by Iran.",
        "They asked Carrie Lam, who is supported by the mainland Chinese government, to resign.",
        "They invited the countries to open dialogue, with the exception of Cyprus, which Turkey does not recognize.",
        "In swing states, the party supports the Democratic Party's presidential ticket.",
    ],
)
def test_a_standing_relation_in_the_present_is_no_support_event(code, sentence):
    assert not any(e.event_type == "SUPPORT" for e in code(sentence).events)


def test_saying_one_supports_is_an_act_of_support(code):
    e = _only(code("Russia said on Monday that it supports the Syrian government."), "SUPPORT")
    assert "veto:standing-relation" not in e.reasons and e.actor.country == "RUS"
    assert _only(code("Turkey supported the Syrian rebels in 2019."), "SUPPORT").recipient.country == "SYR"


def test_a_group_of_people_acts_as_the_people(code):
    e = _only(code("A group of Moroccan diplomats held their first meeting with President Obama."), "CONSULT")
    assert (e.actor.text, e.actor.country, e.actor.sector) == ("Moroccan diplomats", "MAR", "GOV")
    e = _only(code("Hundreds of Palestinians protested against Israel."), "PROTEST")
    assert (e.actor.country, e.actor.sector, e.recipient.country) == ("PSE", "CVL", "ISR")


def test_ready_to_act_shares_the_subject_and_unable_to_act_names_no_one():
    from eventwire.extract.events.clauses import subject_of
    from eventwire.nlp import load_nlp

    doc = load_nlp()("France is ready to contribute troops, but Britain was unable to negotiate a deal.")
    contribute = next(t for t in doc if t.lemma_ == "contribute")
    negotiate = next(t for t in doc if t.lemma_ == "negotiate")
    assert subject_of(contribute)[0].text == "France"
    assert subject_of(negotiate)[0] is None


def test_attacked_for_doing_is_verbal_whoever_the_tagger_thinks_attacked(code):
    # A group is no PERSON, so the sense rule does not fire; the model reads an attack.
    e = _only(code("Republican senators attacked the media for maintaining the status quo."), "ACCUSE")
    assert e.mode == "disapprove" and "type:attacked-for-is-verbal" in e.reasons
    # Weapons make it an attack: "for" alone does not.
    assert _only(code("Rebels attacked the army base for hours, firing rockets."), "ASSAULT")


def test_a_digest_titled_with_an_earlier_month_dates_its_past_events_in_that_month():
    from eventwire.extract.events.dating import title_period
    from eventwire.pipeline import extract_text

    text = "Joe Biden accused Donald Trump of lying. Biden will meet Angela Merkel."
    r = extract_text(text, pub_date="2020-10-29", title="On the campaign trail in the USA, September 2020")
    accused = _only(r, "ACCUSE")
    assert (accused.date, accused.date_precision, accused.modality) == ("2020-09", "month", "historical")
    assert "date:title:September 2020" in accused.reasons
    assert _only(r, "CONSULT").date == "2020-10-29"  # a future meeting keeps the publication's date
    # The publication's own month (or a later one) says nothing the publication date does not.
    assert title_period("Biden wins the November 2020 election", date(2020, 11, 10)) is None
    assert title_period("Polls for the December 2020 runoff", date(2020, 11, 10)) is None
    assert title_period("A quiet day in parliament", date(2020, 11, 10)) is None


@pytest.mark.parametrize(("sentence", "event_type", "modality", "reason"), [
    # Promised or threatened actions are not done; a retreat agreed to stays the AGREE's RETREAT content.
    ("Russia agreed to withdraw its troops from Ukraine.", "RETREAT", "future", "modality:promised"),
    ("Israel pledged to release 100 Palestinian prisoners.", "RETREAT", "future", "modality:promised"),
    ("Putin agreed to meet Biden in Geneva.", "CONSULT", "future", "modality:promised"),
    # An announced withdrawal moves no troops yet: the manual codes the announcement CONCEDE ("announced ...
    # would withdraw troops" is RETREAT + future, coded CONCEDE), made when announced.
    ("On Sunday, the United States announced a complete withdrawal of its troops from Syria.", "CONCEDE",
     "asserted", "type:announced-retreat-is-concede"),
])
def test_promised_threatened_and_announced_actions_are_not_asserted(code, sentence, event_type, modality, reason):
    e = _only(code(sentence), event_type)
    assert e.modality == modality and reason in e.reasons


def test_withdrawing_troops_is_retreat_and_leaving_a_body_sanction(code):
    e = _only(code("Russia withdrew its troops from Ukraine."), "RETREAT")
    assert "type:forces-withdrawn-is-retreat" in e.reasons and e.modality == "asserted"
    assert _only(code("Kenya withdrew its ambassador from Somalia."), "SANCTION").recipient.country == "SOM"


def test_a_country_and_a_sector_word_modifying_one_noun_code_one_actor(code):
    e = _only(code("A Russian military convoy attacked Ukrainian positions."), "ASSAULT")
    assert (e.actor.country, e.actor.sector) == ("RUS", "MIL")
    assert any(r.startswith("sector:sibling-modifier:") for r in e.actor.reasons)
    r = code("Qasem Soleimani was Iranian. He was killed last week by a United States military airstrike in Iraq.")
    killed = next(e for e in r.events if e.trigger_text == "killed")
    assert (killed.actor.country, killed.actor.sector) == ("USA", "MIL")


@pytest.mark.parametrize("sentence, trigger, veto", [
    ("Sanders was aided by the support of younger voters in the caucus.", "aided", "electoral-help"),
    ("The party nominated the ticket to assist President Trump's re-election.", "assist", "electoral-help"),
    ("Later in the day, the AP also called Nevada for Biden.", "called", "election-call"),
    ("Pierce called for an end to the drug war, with which Hawkins somewhat agreed.", "agreed", "agrees-with"),
])
def test_senses_that_are_no_event(code, sentence, trigger, veto):
    assert not [e for e in code(sentence).events if e.trigger_text == trigger], veto


def test_not_until_dates_the_act_instead_of_denying_it(code):
    e = _only(code("US Senator Bernie Sanders continued his bid against Hillary Clinton until June and didn't endorse "
                   "her until July."), "SUPPORT")
    assert e.modality != "negated"


def test_an_aim_is_not_yet_the_act(code):
    result = code("Johnson asked for prorogation to prevent interference in his efforts to complete the withdrawal "
                  "of the United Kingdom from the European Union.")
    e = next(e for e in result.events if e.trigger_text == "withdrawal")
    assert e.modality == "future" and "modality:aimed-at" in e.reasons


def test_deals_between_two_states_are_theirs_not_the_announcers(code):
    e = _only(code("On Friday, the Trump administration announced a deal between Israel and Bahrain."), "AGREE")
    assert (e.actor.country, e.recipient.country) == ("ISR", "BHR")
    assert "arg:pair:between-not-announcer" in e.reasons


def test_they_with_an_object_does_not_split_into_both_sides(code):
    text = ("Turkey and Libya signed a maritime deal in November. To resolve differences, they invited the "
            "countries to open dialogue, with the exception of Cyprus.")
    for e in code(text).events:
        if e.trigger_text == "invited":
            assert e.recipient is None or e.recipient.country not in {"LBY", "CYP"}


def test_split_objects_members_and_laws(code):
    e = _only(code("Turkey sentenced two people smugglers to four years in prison."), "SANCTION")
    assert e.recipient.text == "smugglers" and e.recipient.sector == "CRM"
    e = _only(code("Belarus's KGB arrested 33 Russian individuals on Wednesday."), "COERCE")
    assert (e.recipient.country, e.recipient.sector) == ("RUS", "CVL")
    for e in code("Austria's Supreme Court asked the ECJ for clarifications of EU law.").events:
        assert e.recipient is None or e.recipient.country != "IGO" or e.recipient.name != "European Union"
    for e in code('She wrote that "a single EU country could demand that Facebook take down a post."').events:
        assert e.actor is None or e.actor.name != "European Union"


def test_a_statement_told_to_a_reporter_is_no_request(code):
    e = _only(code('"Ford Motor Company is fully cooperating with the US government," the company told The Verge.'),
              "COOPERATE")
    assert e.modality == "asserted"


def test_an_act_paid_for_or_called_for_is_done_by_the_one_paid_or_called_on(code):
    e = _only(code("Russian agents were paying bounties to the Taliban to kill American soldiers."), "ASSAULT")
    assert e.actor.name == "Taliban" and e.modality == "hypothetical"
    e = next(e for e in code("UN Secretary-General Antonio Guterres called on Russia to withdraw its troops from "
                             "Ukraine.").events if e.trigger_text == "withdraw")
    assert e.actor.country == "RUS" and e.modality == "hypothetical"


def test_a_vow_beside_a_denied_concession_is_not_a_concession(code):
    result = code("The president did not concede defeat in his statement, however, and vowed to keep fighting "
                  "with court cases.")
    assert [e.modality for e in result.events if e.event_type == "CONCEDE"] == ["negated"]


def test_a_call_in_the_simple_present_is_a_position_unless_reported(code):
    assert not code("Green Party candidate Howie Hawkins opposes intervention and calls on Washington to remain "
                    "neutral.").events
    assert _only(code("UN Secretary-General Antonio Guterres calls on Russia to withdraw, a spokesman said."),
                 "REQUEST")


def test_what_is_sought_is_not_whom_it_is_asked_of(code):
    assert [e.recipient for e in code("French President Jacques Chirac sought a more federal European "
                                      "Union.").events if e.event_type == "REQUEST"] in ([], [None])
    e = _only(code("Ukraine sought the European Union's help with the gas dispute."), "REQUEST")
    assert e.recipient is not None and e.recipient.name == "European Union"  # the possessor of what is sought


def test_a_for_to_clause_is_what_an_agreement_is_for(code):
    e = _only(code("Turkey and Russia agreed on a plan for Russian troops to deploy along the border."), "MOBILIZE")
    assert e.modality == "future" and "modality:aimed-at" in e.reasons


def test_an_inherited_subject_named_as_another_in_the_phrase_is_dropped(code):
    result = code("Theresa May appointed him Foreign Secretary, which he served as until 2018, resigning in "
                  "protest to May's negotiated Brexit agreement.")
    assert not [e for e in result.events if e.trigger_text == "resigning" and e.actor is not None
                and e.actor.name == "Theresa May"]


def test_two_coordinated_nationalities_of_one_group_are_both_sides(code):
    e = _only(code("US and Russian officials met in Geneva on Monday."), "CONSULT")
    assert (e.actor.country, e.recipient.country) == ("USA", "RUS")
    assert "arg:recipient:coordinated-nationality" in e.reasons


def test_those_who_come_for_talks_hold_them(code):
    e = _only(code("U.S. and Russian negotiators return to Geneva this week for talks on missiles."), "CONSULT")
    assert (e.actor.country, e.recipient.country) == ("USA", "RUS") and "arg:actor:came-for" in e.reasons


@pytest.mark.parametrize("sentence, trigger", [
    ("Green Party candidate Howie Hawkins first met socialist candidate Angela Walker in 2014.", "met"),
    ("For vice president, three candidates sought the Reform Party's nomination.", "sought"),
    ("Bishop Allan Casicas asked Filipinos to pray for the repose of his soul.", "asked"),
    ("Senator Elizabeth Warren did not endorse another candidate before the primary.", "endorse"),
])
def test_acquaintances_nominations_prayers_and_no_one_in_particular_are_no_events(sentence, trigger):
    from eventwire.pipeline import extract_text

    assert not [e for e in extract_text(sentence, pub_date=PUB).events if e.trigger_text == trigger]


def test_two_presidents_first_meeting_stays_a_consultation(code):
    e = _only(code("US President Joe Biden and Russian President Vladimir Putin first met in person last June, "
                   "in a summit in Geneva."), "CONSULT")
    assert e.recipient is not None


@pytest.mark.parametrize(("sentence", "event_type", "mode", "reason"), [
    # A court turning a case down rejects the change it sought.
    ("President Trump sued the prosecutor to block the release of his tax returns, but Judge Victor Marrero "
     "dismissed the president's lawsuit.", "REJECT", "change", "type:dismissed-case-is-reject"),
    # The manual: "announced ... would withdraw troops" is RETREAT + future and is coded CONCEDE.
    ("On Sunday, the United States announced a complete withdrawal of its troops from northern Syria.", "CONCEDE",
     None, "type:announced-retreat-is-concede"),
    # Proroguing parliament cuts no tie with another party: a restriction.
    ("Queen Elizabeth II suspended parliament at the behest of Prime Minister Boris Johnson on September 10.",
     "COERCE", "restrict", "type:suspended-legislature-is-coerce"),
])
def test_type_rules_from_the_manual(code, sentence, event_type, mode, reason):
    e = _only(code(sentence), event_type)
    assert e.mode == mode and reason in e.reasons and e.modality in {"asserted", "historical"}


def test_a_persons_bare_withdrawal_and_what_an_event_follows(code):
    assert not [e for e in code("US Senator Kamala Harris's poll numbers dropped before her withdrawal.").events
                if e.trigger_text == "withdrawal"]
    result = code("Tomorrow, voters in Groom go to the polls in a by-election following the resignation of "
                  "Liberal National MP John McVeigh.")
    assert [e.modality for e in result.events if e.trigger_text == "resignation"] == ["asserted"]


def test_a_demand_by_protesters_is_a_protest_and_what_they_call_for_is_asked(code):
    # The manual: "demands that take the form of demonstrations, protests, etc. are coded as PROTEST".
    result = code("Puerto Rican protesters called for Governor Ricardo Rosselló's resignation on Monday.")
    e = _only(result, "PROTEST")
    assert "type:protesters-demand-is-protest" in e.reasons
    assert [e.modality for e in result.events if e.trigger_text == "resignation"] in ([], ["hypothetical"])


def test_a_reported_would_is_an_intention_and_forces_leave_where_they_are(code):
    e = _only(code("Russian Foreign Minister Sergei Lavrov said Russia would expel two US diplomats."), "SANCTION")
    assert e.modality == "future" and "modality:reported-would" in e.reasons
    e = _only(code("Lavrov said Russia would expel two US diplomats if Washington did not apologise."), "SANCTION")
    assert e.modality == "hypothetical"
    e = _only(code("Iraq's prime minister recommended the United States troops in Iraq withdraw."), "RETREAT")
    assert e.recipient is not None and e.recipient.country == "IRQ"


# --- stop 12: claims, opinions, wishes, concluded terms, yielding, relative clauses ------------------------


def _coded(text: str, pub=None):
    from datetime import date

    from eventwire.extract.events import EventConfig
    from eventwire.pipeline import extract_text

    return extract_text(text, pub_date=pub or date(2020, 7, 25),
                        events_config=EventConfig(require_recipient=False)).events


def test_a_claimed_act_is_the_claimers_allegation():
    events = _coded("Former national security adviser John Bolton claims President Donald Trump asked Chinese "
                    "President Xi Jinping for help in the 2020 election.")
    claim = [e for e in events if e.trigger_text == "asked"]
    assert claim and claim[0].event_type == "ACCUSE" and claim[0].mode == "allege"
    assert claim[0].actor.name == "John Bolton" and claim[0].recipient.name == "Donald Trump"
    assert claim[0].modality == "asserted"


def test_an_opinion_and_a_wish_about_another_are_no_acts():
    assert not [e for e in _coded("US Senator Ted Cruz said Iran should release the detained sailors.")
                if e.trigger_text == "release"]
    assert not [e for e in _coded("President Donald Trump's staff want him to resign, a former official said.")
                if e.trigger_text == "resign"]


def test_terms_agreed_in_a_concluded_deal_are_support():
    events = _coded("In the November 27 deal, Turkey and Libya agreed on a line as their shared maritime border.",
                    __import__("datetime").date(2020, 1, 11))
    agreed = [e for e in events if e.trigger_text == "agreed"]
    assert agreed and agreed[0].event_type == "SUPPORT"


def test_a_yielding_act_answers_the_party_it_responds_to():
    from datetime import date

    events = _coded("Ukrainian President Volodymyr Zelensky apologized on Monday in response to a demand from "
                    "Russian President Vladimir Putin.", date(2019, 2, 11))
    apologized = [e for e in events if e.trigger_text == "apologized"]
    assert apologized and apologized[0].event_type == "CONCEDE"
    assert apologized[0].recipient.name == "Vladimir Putin"
    events = _coded("Pakistani Prime Minister Imran Khan resigned in response to a demand from the Supreme Court "
                    "of Pakistan.", date(2019, 2, 11))
    resigned = [e for e in events if e.trigger_text == "resigned"]
    assert resigned and resigned[0].recipient is not None and resigned[0].recipient.sector == "JUD"


def test_a_time_in_a_clause_on_another_noun_does_not_date_the_event():
    from datetime import date

    events = _coded("On Monday, Iranian news agency Fars reported Iran issued arrest warrants on 36 people believed "
                    "to have been involved in the assassination of Qasem Soleimani in January.", date(2020, 7, 2))
    warrants = [e for e in events if e.trigger_text in {"arrest", "warrants", "issued"}]
    assert warrants and all(e.date == "2020-06-29" for e in warrants)


def test_a_former_office_holders_resignation_is_made_in_office():
    from datetime import date

    events = _coded("The former Lord Mayor of Melbourne Robert Doyle resigned from his position in 2018.",
                    date(2020, 10, 22))
    resigned = [e for e in events if e.trigger_text == "resigned"]
    assert resigned and resigned[0].actor.sector == "GOV"


def test_it_rejected_is_the_thing_not_a_party():
    from datetime import date

    events = _coded("In 2018 the Argentine Congress approved a bill legalising abortion, but it was dismissed by "
                    "the Argentine Senate.", date(2020, 3, 4))
    assert not [e for e in events if e.trigger_text == "dismissed" and e.recipient is not None]


def test_an_allegation_beside_the_conviction_is_not_coded():
    from datetime import date

    text = ("Yesterday, a United States federal jury convicted lawyer Michael Avenatti of attempted extortion. "
            "The United States government accused Avenatti of trying to pressure Nike for millions of dollars.")
    events = _coded(text, date(2020, 2, 15))
    assert [e.event_type for e in events if e.trigger_text == "convicted"] == ["SANCTION"]
    assert not [e for e in events if e.event_type == "ACCUSE" and e.mode == "allege"]
    alone = _coded("The United States government accused lawyer Michael Avenatti of trying to pressure Nike.",
                   date(2020, 2, 15))
    assert [e.mode for e in alone if e.event_type == "ACCUSE"] == ["allege"]  # no conviction: coded
