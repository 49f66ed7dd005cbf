"""Event stage: PLOVER event records from triggers, parse arguments, the type classifier, dates and modality.

1. The lexicon and dependency patterns propose candidate events (:func:`find_triggers`): a sentence
   without a candidate yields nothing, so ordinary news sentences stay out. The extended word list adds
   weaker candidates (:func:`find_word_list_triggers`), kept only when the classifier confirms them.
2. The parse gives each candidate its actor and recipient (:func:`find_arguments`); a candidate without an
   identifiable actor is dropped.
3. The trained classifier (:mod:`.classifier`) reads the sentence, the trigger and both participants and
   gives the type; it may also say NONE ("the lexicon fired, but this is no event"), which drops the
   candidate. Without a shipped model the lexicon's type stands.
4. Mode (:mod:`.modes`), date and modality (:mod:`.dating`), contexts and the manual's scores follow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire.extract.actors import WEAK_COUNTRY_REASONS
from eventwire.extract.events.arguments import FORCES, find_arguments, organisation_left
from eventwire.extract.events.classifier import (
    NOT_EVENT,
    PLV_MERGED,
    YIELD,
    decide_type,
    model_label,
    relation_features,
    relation_words,
    shipped_model,
)
from eventwire.extract.events.clauses import claimed_by, subject_of
from eventwire.extract.events.dating import Dating, date_event, modality_for, title_period
from eventwire.extract.events.modes import mode_for_type
from eventwire.extract.events.participants import same_side
from eventwire.extract.events.plover import CAMEO_ROOT, QUAD, contexts_for, intensity
from eventwire.extract.events.readings import (
    backs_with_arms,
    terms_of,
    without_proven_allegations,
    yielded_to,
)
from eventwire.extract.events.triggers import (
    AGREEMENT_NOUNS,
    VIOLENCE_WORDS,
    Trigger,
    find_triggers,
    find_word_list_triggers,
)
from eventwire.extract.events.vetoes import veto
from eventwire.kb import TITLE_SECTORS
from eventwire.records import Article, Event, Place, TimeExpression, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.extract.actors import DocEntities


@dataclass(frozen=True)
class EventConfig:
    """What the event stage keeps; the defaults favour precision, as ICEWS and PETRARCH do.

    require_recipient: an event of a dyadic type (every type but ``monadic_types``) needs a recipient the
        parse can name (True). The Wikinews audits found 32% of the records without one right against 68% of
        those with one (rounds 8-11, docs/benchmarks.md); a request, an accusation or a meeting with no one
        on the other side was mostly an opinion, a generic remark or no political event at all.
    monadic_types: the types whose events stand without a recipient (MOBILIZE, RETREAT): a troop build-up
        or a withdrawal is an event even when the sentence names no one it is aimed at; not when the actor
        is a civilian group ("urged residents to evacuate": the event is the request).
    word_list: the extended word list proposes candidates too, kept only when the model confirms their
        type with coded participants (True; docs/models.md).
    """

    require_recipient: bool = True
    word_list: bool = True
    monadic_types: frozenset[str] = frozenset({"MOBILIZE", "RETREAT"})


DEFAULT_CONFIG = EventConfig()


def extract_events(
    doc: Doc,
    article: Article,
    entities: DocEntities,
    times: list[TimeExpression],
    places: list[Place],
    config: EventConfig = DEFAULT_CONFIG,
) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple] = set()
    # The events of the sentence before, which may set the time of this one's story ("The last meeting
    # between the two leaders occurred on December 7. Through a video call, Biden warned Putin ...").
    built: list[Event] = []
    period = title_period(article.title, article.pub_date)  # a digest's month, for undated past events
    for index, sent in enumerate(doc.sents):
        own = [t for t in times if t.sentence_index == index]
        previous, built = built, []
        if sent.text.strip().rstrip('"\u201d\'').endswith("?"):
            continue  # a question reports no event ("Did the federation ever support you?")
        triggers = find_triggers(sent)
        candidates = triggers + (find_word_list_triggers(sent, triggers) if config.word_list else [])
        for trigger in candidates:
            event = _build_event(doc, article, entities, own, previous, places, index, sent, trigger, triggers,
                                 period)
            if event is None:
                continue
            if config.require_recipient and event.recipient is None and (
                    event.event_type not in config.monadic_types or event.actor.sector == "CVL"):
                continue
            key = (event.event_type, event.trigger_span,
                   event.actor.entity_id if event.actor else None)
            if key in seen:
                continue
            seen.add(key)
            events.append(event)
            built.append(event)  # only a kept event may set the time of the next sentence
    return without_proven_allegations(events)


# The classifier must be at least this sure that a candidate is no event to drop it.
NOT_EVENT_MIN = 0.5
# A word-list candidate stands only when the model gives the word list's type at least this probability.
WORD_LIST_MIN = 0.85
# Lexicon modes of a restriction (COERCE "ban", "sanctions", "curfew"), and the verbs that ease one.
RESTRICTION_MODES = {"ban", "restrict", "curfew"}
EASING_LEMMAS = {"lift", "ease", "relax", "end", "scrap", "repeal", "remove", "drop", "suspend", "loosen", "waive",
                 "rescind", "revoke", "overturn", "cancel"}
PARDON_LEMMAS = {"pardon"}  # the strict lexicon's only pardon, acquittal or amnesty trigger
# Sectors of the state: a company's event needs one of them on the other side, and so does a meeting
# (CONSULT) of police or civilians.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
PRIVATE_VISITORS = {"COP", "CVL"}


# Modality reasons of an action the sentence only asks for or fears ("urged Putin to withdraw", "fears of a
# possible invasion"): the sentence's other words describe the request or the fear, not the action.
EMBEDDED_ACTION = {"modality:requested", "modality:unreal-modifier", "modality:promised", "modality:threatened"}


def classify(sent, trigger: Trigger, triggers: list[Trigger], actor, recipient,
             embedded: bool = False) -> tuple[str | None, float, list[str]]:
    """(PLOVER type or None for "no event", probability, reasons) of one candidate. An ``embedded`` action
    keeps its lexicon type: the models may reject it, not retype it.

    The optional encoder head never votes here: it reads only relations no trigger links
    (``relation.ENCODER_GATE``), and a candidate's participants are read off its trigger."""
    model = shipped_model()
    if model is None:
        return trigger.entry.event_type, 0.0, ["type:lexicon"]
    source, target = actor.span if actor else None, recipient.span if recipient else None
    if trigger.word_list:
        return _classify_word_list(model, sent, trigger, triggers, actor, recipient)
    probabilities = _probabilities(model, sent, source, target, trigger, triggers)
    if probabilities.get(NOT_EVENT, 0.0) >= NOT_EVENT_MIN:
        return None, probabilities[NOT_EVENT], [f"model:{NOT_EVENT}:{probabilities[NOT_EVENT]:.2f}"]
    if trigger.sense_fixed:
        return trigger.entry.event_type, 1.0 - probabilities.get(NOT_EVENT, 0.0), ["type:sense-rule"]
    if embedded:
        return trigger.entry.event_type, 1.0 - probabilities.get(NOT_EVENT, 0.0), ["type:embedded-action"]
    allowed = {label for label in model.labels if label != NOT_EVENT}
    label, probability, reasons = decide_type(probabilities, model_label(trigger), allowed)
    if label != model_label(trigger) and _type_of_a_denied_neighbour(trigger, triggers, label):
        # "did not concede ... and vowed to keep fighting": the model gave the vow the type of the act the
        # sentence denies next to it; the vow itself is no such act.
        return None, probability, [*reasons, "veto:type-of-a-denied-conjunct"]
    if label == "AGREE" and trigger.entry.event_type == "CONSULT" and not any(
            t.entry.event_type == "AGREE" for t in triggers):
        # The project's convention (docs/models.md): a meeting, even a scheduled one, is CONSULT (modality
        # future); only a promise or agreement to meet is AGREE. PLV labels "will meet" AGREE, and the
        # models learnt it from there.
        label, reasons = "CONSULT", [*reasons, "type:meeting-is-consult"]
    if (label not in {trigger.entry.event_type, "THREATEN"} and trigger.entry.mode in RESTRICTION_MODES
            and not _eased(trigger.token)):
        # "Trump's ban on travel" is a restriction (COERCE), or the threat of one ("will extend the curfew"),
        # whatever the sentence's other words suggest; only a lifted, eased or ended one may read otherwise.
        label, reasons = trigger.entry.event_type, [*reasons, "type:restriction-not-eased"]
    if trigger.token.lemma_.lower() == "arrest" and trigger.token.head.lemma_.lower() == "warrant" and (
            trigger.token.dep_ in {"compound", "nmod", "amod"}):
        # An arrest warrant threatens an arrest; it makes none (the project's examples: "issued an arrest
        # warrant for Putin" is THREATEN/arrest). The model had read "issued arrest warrants on 36 people"
        # as the arrest itself.
        label, reasons = "THREATEN", [*reasons, "type:warrant-is-a-threat"]
    if label == "SANCTION" and _withdraws_forces(trigger):
        # "Russia withdrew its troops from Ukraine": the manual's RETREAT ("a military retreat from ...
        # territory"); SANCTION/withdraw is leaving an organisation or taking back aid or diplomats.
        label, reasons = "RETREAT", [*reasons, "type:forces-withdrawn-is-retreat"]
    if label == "ASSAULT" and _attacked_for_doing(trigger):
        # "Blankenship attacked the media for maintaining the status quo": one attacks with words for what
        # the other did (the sense rule catches it only when the tagger calls the subject a person).
        label, reasons = "ACCUSE", [*reasons, "type:attacked-for-is-verbal"]
    if label not in {"REJECT", None} and _dismisses_a_case(trigger):
        # "Judge Marrero dismissed the president's lawsuit": a court turning a case down rejects it; the
        # model read the legal words as an accusation.
        label, reasons = "REJECT", [*reasons, "type:dismissed-case-is-reject"]
    if label == YIELD:
        label, split = split_yield(trigger)
        reasons = [*reasons, *split]
    return label, probability, reasons


def _type_of_a_denied_neighbour(trigger: Trigger, triggers: list[Trigger], label: str) -> bool:
    """Another trigger of this type, negated, is this one's conjunct (either way round)."""
    own = trigger.predicate
    for other in triggers:
        pred = other.predicate
        if pred.i == own.i or model_label(other) != label:
            continue
        linked = (own.dep_ == "conj" and own.head.i == pred.i) or (pred.dep_ == "conj" and pred.head.i == own.i)
        if linked and any(c.dep_ == "neg" for c in pred.children):
            return True
    return False


WITHDRAW_LEMMAS = {"withdraw", "pull", "withdrawal", "pullout"}


def _withdraws_forces(trigger: Trigger) -> bool:
    """Withdrawing troops, soldiers or forces: the verb's object, or the noun's "of" phrase."""
    token = trigger.token
    if token.lemma_.lower() not in WITHDRAW_LEMMAS:
        return False
    held = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    held += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    return any(h.lower_ in FORCES for h in held)


DISMISS_LEMMAS = {"dismiss", "reject", "throw", "deny", "strike"}
LEGAL_CASES = {"lawsuit", "suit", "case", "appeal", "petition", "complaint", "charge", "claim", "challenge", "motion",
               "request", "bid"}


PROTESTER_WORDS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators",
                   "marcher", "marchers", "rioter", "rioters"}


def _demanded_by_protesters(actor) -> bool:
    """The actor's phrase is a crowd of protesters (not a named group or a state)."""
    return actor is not None and actor.entity_id is None and any(
        word.strip(".,'\"").lower() in PROTESTER_WORDS for word in actor.text.split())


LEGISLATURES = {"parliament", "legislature", "congress", "assembly", "senate", "house", "council"}


def _suspends_a_legislature(trigger: Trigger) -> bool:
    verb = trigger.token
    return verb.lemma_.lower() in {"suspend", "prorogue", "dissolve"} and any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in LEGISLATURES for c in verb.children)


def _dismisses_a_case(trigger: Trigger) -> bool:
    """"dismissed the lawsuit", "threw out the case", "rejected the appeal": the verb's object is a case."""
    verb = trigger.token
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DISMISS_LEMMAS:
        return False
    if verb.lemma_.lower() in {"throw", "strike"} and not any(
            c.dep_ == "prt" and c.lower_ in {"out", "down"} for c in verb.children):
        return False
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in LEGAL_CASES for c in verb.children)


def _attacked_for_doing(trigger: Trigger) -> bool:
    """"attacked X for doing Y" with no word of violence in the sentence."""
    verb = trigger.token
    if verb.lemma_.lower() != "attack" or verb.pos_ != "VERB":
        return False
    reason = any(p.dep_ == "prep" and p.lower_ == "for" and any(c.tag_ == "VBG" for c in p.children)
                 for p in verb.children)
    return reason and not ({t.lower_ for t in verb.sent} & VIOLENCE_WORDS)


def split_yield(trigger: Trigger | None) -> tuple[str, list[str]]:
    """CONCEDE or RETREAT for PLV's merged YIELD class, with reasons: the trigger's lexicon entry says
    which half, else the verbal one (CONCEDE)."""
    if trigger is None:
        return "CONCEDE", []
    if trigger.entry.lemma in PARDON_LEMMAS:
        # The manual: "formal pardons, acquittals, and amnesties ... should be coded as CONCEDE; the
        # actual release or exchange of prisoners ... as RETREAT". The lexicon keeps "pardon" with the
        # releases, whose features the model was trained on; only the split reads it this way.
        return "CONCEDE", ["type:pardon-is-concede"]
    return (trigger.entry.event_type if trigger.entry.event_type in PLV_MERGED else "CONCEDE"), []


def _probabilities(model, sent, source, target, trigger: Trigger | None, triggers: list[Trigger]) -> dict[str, float]:
    """The models' label probabilities for one relation; ``trigger`` None codes it as a sentence without one."""
    features = relation_features(sent, source, target, trigger, triggers)
    # The window text is only worth cutting when the (opt-in) word model will read it.
    words = relation_words(sent, source, target, trigger, triggers) if model.words is not None else ""
    return model.probabilities(features, words)


def _political_country(actor) -> str | None:
    """The actor's country unless only weak evidence gave it (the article's context, a role in apposition
    after the name: ``WEAK_COUNTRY_REASONS``): such a country does not make a person a political actor,
    nor earns confidence."""
    if actor.country is None or any(r.startswith(WEAK_COUNTRY_REASONS) for r in actor.reasons):
        return None
    return actor.country


def _coded_parties(actor, recipient) -> bool:
    """What a word-list candidate needs: an actor with a country and a coded recipient."""
    return (actor is not None and _political_country(actor) is not None and recipient is not None
            and (_political_country(recipient) is not None or recipient.sector is not None))


def _classify_word_list(model, sent, trigger: Trigger, triggers: list[Trigger], actor,
                        recipient) -> tuple[str | None, float, list[str]]:
    """A word-list candidate, coded as the models see a sentence with no trigger (the strict lexicon's
    words stay the only trigger features). The word list is weak evidence, so the rest must be strong:
    the model gives the list's type at least ``WORD_LIST_MIN``, the actor has a country and the recipient
    is coded. At 0.5 and without the participant condition, the Wikinews audit found 8 of 23 new events
    right (docs/benchmarks.md)."""
    if not _coded_parties(actor, recipient):
        return None, 0.0, ["type:word-list-needs-coded-participants"]
    probabilities = _probabilities(model, sent, actor.span, recipient.span, None, triggers)
    if probabilities.get(NOT_EVENT, 0.0) >= NOT_EVENT_MIN:
        return None, probabilities[NOT_EVENT], [f"model:{NOT_EVENT}:{probabilities[NOT_EVENT]:.2f}"]
    allowed = {label for label in model.labels if label != NOT_EVENT}
    label, probability, reasons = decide_type(probabilities, None, allowed)
    listed = trigger.entry.event_type
    if label != PLV_MERGED.get(listed, listed) or probability < WORD_LIST_MIN:
        return None, probability, [*reasons, f"type:word-list-unconfirmed:{listed}"]
    return listed, probability, [*reasons, "type:model-agrees-with-word-list"]


# A story's time carries over at most this many sentences past the one that names it.
MAX_DATE_HOPS = 2
TOLD_PREFIXES = ("date:own:governed:", "date:own:sentence:", "date:previous-sentence:")


def _settings(previous_events: list[Event], args) -> list[Dating]:
    """The dates of the previous sentence's kept events that share a participant with this one and were
    dated by the text, not by publication: the time a continuing story is set at. Each carries the words
    that named it and how many sentences it has been carried (``date:hops:N``)."""
    ours = {a.entity_id for a in (args.actor, args.recipient) if a is not None and a.entity_id}
    settings = []
    for event in previous_events:
        theirs = {a.entity_id for a in (event.actor, event.recipient) if a is not None and a.entity_id}
        if not (ours & theirs) or event.date_inherited or not event.date:
            continue
        hops = next((int(r.rsplit(":", 1)[1]) for r in event.reasons if r.startswith("date:hops:")), 0)
        if hops >= MAX_DATE_HOPS:
            continue
        told = next((r[len(p):] for r in event.reasons for p in TOLD_PREFIXES if r.startswith(p)), event.date)
        settings.append(Dating(event.date, event.date_precision, False, event.date_span,
                               [told, f"date:hops:{hops + 1}"]))
    return settings


def _eased(noun) -> bool:
    """A restriction noun governed by an easing verb: "lifted the ban", "an end to sanctions"."""
    return any(t.lemma_.lower() in EASING_LEMMAS for t in [*noun.ancestors][:3])


# Verbs that conclude an agreement, and the modalities under which they are still only promised.
SIGNING_LEMMAS = {"sign", "ink", "ratify", "conclude", "finalize", "finalise", "seal"}
PROMISED = {"future", "hypothetical"}


def _signs_an_agreement(trigger: Trigger) -> bool:
    """"signed a maritime border agreement", "the deal they inked", "the treaty was ratified": an agreement
    concluded, not promised. The lexicon's "sign" already demands an agreement for its object."""
    token = trigger.token
    if token.pos_ == "VERB":
        return token.lemma_.lower() in SIGNING_LEMMAS or (token.lemma_.lower() == "agree" and terms_of(token))
    if token.lemma_.lower() == "signing":
        return True
    if token.lemma_.lower() not in AGREEMENT_NOUNS:
        return False
    head = trigger.predicate if trigger.predicate.i != token.i else token.head
    if head.pos_ == "VERB" and head.lemma_.lower() in SIGNING_LEMMAS and token.dep_ in {"dobj", "nsubjpass"}:
        return True  # "signed a maritime border agreement", "the treaty was ratified"
    # "the agreement signed in Ankara"
    return any(c.dep_ == "acl" and c.lemma_.lower() in SIGNING_LEMMAS for c in token.children)


WARNING_LEMMAS = {"warn", "warning", "caution"}


def _warns_of_a_third_party(trigger: Trigger, entities, actor, recipient) -> bool:
    """"Officials warned the administration that Giuliani could be a conduit for disinformation": a warning
    about what a third party may do is no threat. A threat's complement is the actor's own side's action
    ("warned Putin that Washington would respond") or the recipient's fate ("warned Russia it would pay")."""
    pred = trigger.predicate
    if trigger.token.lemma_.lower() not in WARNING_LEMMAS and pred.lemma_.lower() not in WARNING_LEMMAS:
        return False
    for clause in (c for c in pred.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        found = entities.actor_for(subject) if subject is not None else None
        if found is None or found.entity_id is None:
            continue  # an unresolved subject ("the situation could deteriorate") is no evidence either way
        sides = {a.entity_id for a in (actor, recipient) if a is not None and a.entity_id}
        # Only a side's own country counts; the article's context is no evidence of whose side one is on.
        countries = {c for a in (actor, recipient) if a is not None and (c := _political_country(a))}
        # A subject of either side's country is a side ("warned Putin that Russia would pay"), and an
        # alliance speaks for its members ("warned Russia that NATO would respond").
        return found.entity_id not in sides and found.country not in countries | {"IGO"}
    return False


def _commerce(actor, recipient, reasons: list[str]) -> bool:
    """A company acting with no state on the other side ("Red Hat discussed this with the CentOS board",
    "Boeing is collaborating with NASA" while NASA is uncoded, "American companies signed agreements with
    Chinese firms") is commerce, not a political event. An IGO the KB files as a business (the IMF, OPEC)
    is no company."""
    if actor.sector != "BUS" or actor.country == "IGO":
        return False
    if recipient is None:
        return True
    if recipient.sector in STATE_SECTORS:
        return False
    # A country named as the other side (not only where it happened) is its state.
    return not (recipient.country is not None and recipient.sector is None
                and "arg:recipient:in-country" not in reasons)


def _private_visit(actor, recipient, event_type: str) -> bool:
    """Police or civilians meeting no state party are investigating or travelling, not consulting
    ("officers traveled to Canada and interviewed her friends", "spoke with Anne Sacoolas as a suspect",
    "people visiting Hong Kong")."""
    return (event_type == "CONSULT" and actor.sector in PRIVATE_VISITORS
            and (recipient is None or recipient.sector not in STATE_SECTORS))


def _claimer(entities, claim):
    """The coded party that makes a claim (the claiming verb's subject), else None."""
    subject, passive = subject_of(claim)
    if subject is None or passive:
        return None
    found = entities.actor_for(subject)
    if found is None or (_political_country(found) is None and found.sector is None):
        return None
    return found


def _build_event(doc, article, entities, sent_times, previous_events, places, index, sent, trigger: Trigger,
                 triggers: list[Trigger], period: Dating | None = None) -> Event | None:
    args = find_arguments(trigger, entities)
    if args.actor is None or (_political_country(args.actor) is None and args.actor.sector is None):
        # An event needs a political actor: one coded with a country or a sector. Named but uncoded
        # actors (a film, a company abroad, a private person) were most of the false events in the
        # Wikinews audit (docs/benchmarks.md).
        return None
    if args.recipient is not None and same_side(args.actor, args.recipient):
        args.recipient = None
    if trigger.word_list and not _coded_parties(args.actor, args.recipient):
        return None  # checked again in classification; here it saves dating candidates that cannot stand
    if _commerce(args.actor, args.recipient, args.reasons):
        return None
    dating = date_event(trigger, sent_times, article.pub_date, _settings(previous_events, args), period)
    modality, modality_reasons = modality_for(trigger, dating, article.pub_date)
    embedded = any(r in EMBEDDED_ACTION or r.endswith("-of") for r in modality_reasons)
    event_type, probability, type_reasons = classify(sent, trigger, triggers, args.actor, args.recipient,
                                                     embedded=embedded)
    if event_type is None:
        return None
    if event_type == "RETREAT" and modality == "future" and "modality:announced" in modality_reasons:
        # The manual: "Announcements of future retreats should be coded as CONCEDE" ("announced ... would
        # withdraw troops" is RETREAT + future, coded CONCEDE). Only an announcing verb makes it one: the GSR
        # codes a bare "... and will resign" RETREAT, and a retreat agreed to is the AGREE's content.
        event_type, type_reasons = "CONCEDE", [*type_reasons, "type:announced-retreat-is-concede"]
        modality = "asserted"  # the announcement, the concession, is made; the retreat is what it promises
    if event_type == "REQUEST" and _demanded_by_protesters(args.actor):
        # The manual: REQUEST "only applies to verbal demands: demands that take the form of
        # demonstrations, protests, etc. are coded as PROTEST" ("Protesters called for Rosselló's
        # resignation", placards "asking the government to ...").
        event_type, type_reasons = "PROTEST", [*type_reasons, "type:protesters-demand-is-protest"]
    if event_type == "SANCTION" and _suspends_a_legislature(trigger):
        # Proroguing or suspending parliament cuts no tie with another party: a restriction (COERCE).
        event_type, type_reasons = "COERCE", [*type_reasons, "type:suspended-legislature-is-coerce"]
    if event_type == "SUPPORT" and backs_with_arms(trigger):
        # The manual's AID: "military and police assistance including arms and personnel"; SUPPORT is
        # verbal ("started supporting the government of Hadi ..., providing airstrikes").
        event_type, type_reasons = "AID", [*type_reasons, "type:military-backing-is-aid"]
    if event_type == "AGREE" and modality not in PROMISED and _signs_an_agreement(trigger):
        # The manual: SUPPORT covers "ratify, sign, or finalize an agreement or treaty"; only "promises to
        # sign or ratify" are AGREE (CAMEO 057, and PLV labels signings SUPPORT).
        event_type, type_reasons = "SUPPORT", [*type_reasons, "type:signed-agreement-is-support"]
    if args.recipient is None and event_type in {"RETREAT", "CONCEDE"}:
        # "withdrew ... in response to a statement from her brother, King Vajiralongkorn": who it yields to.
        yielded = yielded_to(trigger, entities)
        if yielded is not None and not same_side(yielded, args.actor):
            args.recipient = yielded
            args.reasons.append("arg:recipient:in-response-to")
    claim = claimed_by(trigger.predicate)
    if claim is not None:
        claimer = _claimer(entities, claim)
        if claimer is None:
            return None  # an uncoded party's claim: neither the claimed act nor an accusation we can code
        if not same_side(claimer, args.actor):
            # The manual's ACCUSE/allege: what the sentence reports is the claim, by the claimer, against
            # the claimed actor; the act itself is not asserted.
            event_type, type_reasons = "ACCUSE", [*type_reasons, "type:claimed-act-is-an-allegation"]
            args.actor, args.recipient = claimer, args.actor
            args.reasons.append("arg:actor:claimer")
            modality, modality_reasons = "asserted", ["modality:claim-made"]
            if dating.span is not None and claim.i < trigger.token.i:
                # A time in the claimed clause dates the act, not the claim ("during a 2018 trip").
                dating = Dating(article.pub_date.isoformat(), "day", True, None, ["date:inherited:publication"]) \
                    if article.pub_date else Dating(None, "unknown", True, None, ["date:unknown"])
    state_party = any(p is not None and p.sector in STATE_SECTORS for p in (args.actor, args.recipient))
    if veto(event_type, trigger, has_recipient=args.recipient is not None, state_party=state_party) is not None:
        return None  # a reading the audits found to be no event of this type (see .vetoes)
    if _private_visit(args.actor, args.recipient, event_type):
        return None
    if event_type == "THREATEN" and _warns_of_a_third_party(trigger, entities, args.actor, args.recipient):
        return None
    mode, mode_reason = mode_for_type(event_type, trigger, sent)
    if "type:claimed-act-is-an-allegation" in type_reasons:
        mode, mode_reason = "allege", "mode:claim"
    if event_type == "RETREAT" and mode == "resign" and args.actor.sector == "ELI" and any(
            w in {"former", "ex"} or w.startswith("ex-") for w in args.actor.text.lower().split()):
        # "the former Lord Mayor Robert Doyle resigned": former now, but he held the office he resigned.
        # ("Ousted President Askar Akayev has agreed to resign": out of office already, an elite, as the GSR.)
        office = next((TITLE_SECTORS[w] for w in args.actor.text.lower().split() if w in TITLE_SECTORS), "GOV")
        args.actor = replace(args.actor, sector=office if office != "ELI" else "GOV",
                             reasons=[*args.actor.reasons, "sector:office-resigned"])
    if event_type in {"RETREAT", "CONCEDE", "SANCTION"}:
        left, party = organisation_left(trigger, entities, args.actor)
        if left:  # "withdrew the US from a treaty with Iran", "the withdrawal of the UK from the EU"
            event_type, mode, mode_reason = "SANCTION", "withdraw", "mode:leaves-an-organisation"
            type_reasons = [*type_reasons, "type:leaves-an-organisation"]
            if party is not None and (args.recipient is None or args.recipient.country == args.actor.country):
                args.recipient = party
                args.reasons.append("arg:recipient:organisation-left")
    location = _location(trigger, places, index)
    # A country from weak evidence (the article's context, an apposed role) is said on the record.
    weak = [f"{role}:{r}" for role, party in (("actor", args.actor), ("recipient", args.recipient))
            if party is not None for r in party.reasons if r.startswith(WEAK_COUNTRY_REASONS)]
    reasons = [*trigger.reasons, *type_reasons, *([mode_reason] if mode_reason else []), *args.reasons, *weak,
               *dating.reasons, *modality_reasons]
    # The classifier's probability carries most of it; coded participants and a verbal trigger add.
    confidence = 0.25 + 0.45 * (probability if probability else 0.5)
    confidence += (0.1 if _political_country(args.actor) else 0.0) + (0.1 if args.recipient else 0.0)
    confidence += 0.05 if trigger.token.pos_ == "VERB" or trigger.predicate is not trigger.token else 0.0
    trigger_start = trigger.token.idx
    # Hyphenated lexicon entries ("face-to-face") span several tokens.
    trigger_len = len(trigger.entry.lemma) if "-" in trigger.entry.lemma else len(trigger.token.text)
    event_id = stable_id(article.id, str(trigger.token.idx), event_type, prefix="ev")
    return Event(
        id=event_id,
        article_id=article.id,
        sentence_index=index,
        sentence=sent.text.strip(),
        event_type=event_type,
        trigger_text=doc[trigger.token.i : trigger.token.i + 5].text[:trigger_len],
        trigger_span=(trigger_start, trigger_start + trigger_len),
        actor=args.actor,
        recipient=args.recipient,
        mode=mode,
        contexts=contexts_for(sent.text),
        quad=QUAD[event_type],
        cameo_root=CAMEO_ROOT[event_type],
        intensity=intensity(event_type, mode),
        date=dating.value,
        date_precision=dating.precision,
        date_inherited=dating.inherited,
        date_span=dating.span,
        modality=modality,
        location=location,
        confidence=min(confidence, 0.95),
        reasons=reasons,
    )


def _location(trigger: Trigger, places: list[Place], sentence_index: int) -> Place | None:
    """The place the trigger governs through a locative preposition ("talks in Geneva"), else none."""
    pred = trigger.predicate
    for token in (trigger.token, pred):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near", "outside", "inside"}:
                for obj in prep.children:
                    for place in places:
                        if place.sentence_index == sentence_index and place.span[0] <= obj.idx < place.span[1]:
                            if place.feature in {"city", "admin1", "region"}:
                                return place
    return None


__all__ = ["DEFAULT_CONFIG", "EventConfig", "extract_events", "split_yield"]
