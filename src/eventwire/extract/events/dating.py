"""The event's own date (from the time expression its trigger governs) and its modality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventwire.extract.time.lexicon import MONTHS
from eventwire.extract.time.tense import REPORTING_VERBS
from eventwire.nlp import first_conjunct
from eventwire.records import Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.extract.events.triggers import Trigger

HISTORICAL_AFTER = timedelta(days=7)  # events dated over a week before publication are "historical"
FUTURE_CUES = {"will", "shall", "'ll"}
HYPOTHETICAL_CUES = {"could", "might", "may", "would", "should", "must", "can"}
PLAN_VERBS = {"plan", "schedule", "expect", "intend", "set", "prepare", "aim", "hope", "want", "seek"}
NEGATIONS = {"not", "n't", "never", "no"}
REQUEST_VERBS = {"urge", "ask", "call", "demand", "request", "press", "push", "order", "tell", "encourage",
                 "invite", "appeal", "implore", "beg", "pressure", "force", "persuade", "recommend", "advise",
                 "propose", "suggest", "want", "expect", "pay", "bribe", "hire"}
# Public calls "for" something: what they call for is not (yet) done.
PUBLIC_CALLS = {"call", "appeal", "press", "push", "clamour", "clamor", "campaign", "rally"}
# Paying someone to act asks for the act: its purpose clause is not (yet) done.
PAYING_VERBS = {"pay", "bribe", "hire"}
PRECISION_RANK = {"day": 4, "time": 4, "month": 3, "year": 2}
# Verbs that report rather than go on with a story: their time is the report's ("said" on publication).
NARRATIVE_BREAKERS = REPORTING_VERBS | {"note"}


@dataclass
class Dating:
    value: str | None
    precision: str
    inherited: bool
    span: Span | None = None
    reasons: list[str] = field(default_factory=list)

    def as_date(self) -> date | None:
        if not self.value:
            return None
        try:
            parts = self.value.split("T")[0].split("-")
            if len(parts) == 3 and all(p.isdigit() for p in parts):
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            if len(parts) == 2 and all(p.isdigit() for p in parts):
                return date(int(parts[0]), int(parts[1]), 1)
            if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) == 4:
                return date(int(parts[0]), 1, 1)
        except ValueError:
            return None
        return None


def _precision(t: TimeExpression) -> str:
    if t.precision in {"day", "time"}:
        return "day"
    if t.precision in {"month", "year"}:
        return t.precision
    return "unknown"


MODIFIER_CLAUSES = {"relcl", "acl"}


def _governs(pred: Token, t: TimeExpression) -> bool:
    """The time lies in ``pred``'s subtree, and not inside a clause that modifies some other noun of it
    ("warrants for 36 people believed to have been involved in the assassination ... in January": January
    dates the assassination). A clause on ``pred`` itself ("the agreement signed on Monday") does date it."""
    for tok in pred.subtree:
        if not t.span[0] <= tok.idx < t.span[1]:
            continue
        current = tok
        while current.i != pred.i and not (current.dep_ in MODIFIER_CLAUSES and current.head.i != pred.i):
            current = current.head
        if current.i == pred.i:
            return True
    return False


def _in_modifier_clause(pred: Token) -> bool:
    """The verb tells a relative or participial clause ("the memoranda ... in which Turkey and Libya
    agreed"): background to its noun, not dated by the main clause's time."""
    return first_conjunct(pred).dep_ in MODIFIER_CLAUSES


# A month and year in an article's title ("On the campaign trail in the USA, September 2020").
TITLE_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{4})\b")


def title_period(title: str | None, pub_date: date | None) -> Dating | None:
    """The month a digest's title names, when it is before the month of publication: the time frame of
    what the article tells without a date of its own ("On the campaign trail in the USA, September 2020",
    published on 29 October). None for the publication's own month or a later one."""
    if not title or pub_date is None:
        return None
    match = TITLE_MONTH.search(title)
    if match is None:
        return None
    year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
    if (year, month) >= (pub_date.year, pub_date.month):
        return None
    return Dating(f"{year:04d}-{month:02d}", "month", False, None, [f"date:title:{match.group(0)}"])


def date_event(trigger: Trigger, sentence_times: list[TimeExpression], pub_date: date | None,
               settings: list[Dating] | None = None, period: Dating | None = None) -> Dating:
    """The event's date: a time expression of its own sentence (the one its trigger governs first), else,
    for a simple past that goes on with the story of a dated event of the sentence before (``settings``:
    their datings), that date ("The last meeting between the two leaders occurred on December 7. Through a
    video call, Biden warned Putin ..."), else, for an event told in the past, the month the article's title
    names (``period``, :func:`title_period`), else the publication date."""
    usable = [t for t in sentence_times if t.type in {"DATE", "TIME"} and t.value and _precision(t) != "unknown"]
    governed = [t for t in usable if _governs(trigger.predicate, t) or _governs(trigger.token, t)]
    # A relative clause's act takes no time from the main clause ("denounced on Wednesday the memoranda in
    # which they agreed ...").
    background = trigger.predicate.pos_ in {"VERB", "AUX"} and _in_modifier_clause(trigger.predicate)
    pool = governed or ([] if background else usable)
    if pool:
        best = max(pool, key=lambda t: (PRECISION_RANK.get(_precision(t), 0), -abs(t.span[0] - trigger.token.idx)))
        value = best.value.split("T")[0] if best.value else None
        return Dating(value, _precision(best), False, best.span,
                      [f"date:own:{'governed' if governed else 'sentence'}:{best.text}"])
    narrative = _narrative_date(trigger, settings or [], pub_date)
    if narrative is not None:
        return narrative
    if period is not None and _told_in_the_past(trigger.predicate):
        return period
    if pub_date is not None:
        return Dating(pub_date.isoformat(), "day", True, None, ["date:inherited:publication"])
    return Dating(None, "unknown", True, None, ["date:unknown"])


def _told_in_the_past(pred: Token) -> bool:
    """A simple past, or a past auxiliary ("had met", "was arrested"); not "will", "would" or a present."""
    auxiliaries = [c for c in pred.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False
    return pred.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def _narrative_date(trigger: Trigger, settings: list[Dating], pub_date: date | None) -> Dating | None:
    """A setting's day or month, when it is before publication and this event is told in the simple past with
    no time of its own. Anything else (a present perfect, a future, a reporting verb) keeps the publication
    date: on Wikinews, taking any date of the sentence before was right 3 times in 9."""
    pred = trigger.predicate
    if pub_date is None or pred.tag_ != "VBD" or pred.lemma_.lower() in NARRATIVE_BREAKERS:
        return None
    if any(c.dep_ in {"aux", "auxpass"} for c in pred.children):
        return None  # "had agreed", "was expected", "did not": no plain narrative past
    candidates = [s for s in settings if s.precision in {"day", "month"} and (when := s.as_date()) is not None
                  and when < pub_date]
    if not candidates:
        return None
    best = max(candidates, key=lambda s: PRECISION_RANK[s.precision])
    told, *rest = best.reasons
    return Dating(best.value, best.precision, False, best.span, [f"date:previous-sentence:{told}", *rest])


# Verbs that report as often as they ask: "Ford told The Verge" a fact, "suggested that Iran was behind it".
REPORT_OR_ASK = {"tell", "suggest"}
FINITE_TAGS = {"VBZ", "VBD", "VBP"}


def _told_as_fact(pred: Token) -> bool:
    """A tensed clause under "tell"/"suggest" is what was said, not what was asked for."""
    if pred.head.lemma_.lower() not in REPORT_OR_ASK:
        return False
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS | {"MD"} for c in pred.children) or (
        pred.tag_ in {"VBZ", "VBD"})


def _aux_words(pred: Token) -> set[str]:
    words = {c.lower_ for c in pred.children if c.dep_ in {"aux", "auxpass", "neg"}}
    head = pred
    # "plans to meet", "is expected to meet": the governing verb's lemma is a cue too.
    if pred.dep_ == "xcomp":
        head = pred.head
        words |= {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass", "neg"}}
        words.add("lemma:" + head.lemma_.lower())
    elif pred.dep_ == "ccomp" and pred.head.lemma_.lower() in REQUEST_VERBS and not _told_as_fact(pred):
        # "recommended that US troops withdraw", "demanded that control be taken away": asked for.
        words.add("lemma:" + pred.head.lemma_.lower())
    elif pred.dep_ == "advcl" and pred.head.lemma_.lower() in PAYING_VERBS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
        # "paying bounties to the Taliban to kill American soldiers": paid for, not (yet) done.
        words.add("lemma:" + pred.head.lemma_.lower())
    elif pred.dep_ in {"ccomp", "advcl"} and pred.head.lemma_.lower() in PROMISE_VERBS | THREAT_VERBS:
        # "agreed for the Syrian Army to deploy", "agreed that troops would leave": promised.
        words.add("lemma:" + pred.head.lemma_.lower())
    return words


# Verbs whose complement is an action promised (future) or threatened (hypothetical), not done:
# "agreed to deploy troops", "pledged to withdraw", "threatened to cut supplies".
PROMISE_VERBS = {"agree", "promise", "pledge", "vow", "commit", "undertake", "decide", "offer"}
THREAT_VERBS = {"threaten"}
# Verbs that announce a material act to come: "announced a complete withdrawal" moves no troops yet (the
# manual's RETREAT has "immediate (not simply promised) material consequences").
ANNOUNCING_VERBS = {"announce", "order", "plan", "promise", "pledge"}
ANNOUNCED_TYPES = {"RETREAT", "MOBILIZE"}


# Modifiers and heads that make a noun event possible rather than real.
UNREAL_MODIFIERS = {"possible", "potential", "feared", "threatened", "planned", "proposed", "would-be",
                    "prospective", "imminent", "hypothetical", "likely", "eventual"}
UNREAL_HEADS = {"fear", "threat", "risk", "prospect", "possibility", "danger", "plan", "warning", "spectre",
                "specter", "likelihood", "chance"}


# Weighing an option is no act yet: "were considering severing their ties", "weighs imposing sanctions".
CONSIDER_VERBS = {"consider", "weigh", "mull", "contemplate", "ponder", "think", "explore"}


def _only_considered(pred: Token) -> bool:
    """The act is the gerund or infinitive a verb of weighing takes ("considering severing", "thinking
    about leaving"); a belief's clause ("officials think Iran attacked") stays as it is."""
    if pred.dep_ in {"xcomp", "dobj"} and pred.tag_ in {"VBG", "VB"}:
        head = pred.head
    elif pred.dep_ == "pcomp" and pred.head.dep_ == "prep" and pred.head.lower_ in {"about", "of"}:
        head = pred.head.head
    else:
        return False
    return head.i != pred.i and head.lemma_.lower() in CONSIDER_VERBS


# Nouns of an aim: "his efforts to complete the withdrawal" is not (yet) a withdrawal. ("An attempt to"
# is left out: an attempted act happened.)
GOAL_NOUNS = {"effort", "bid", "push", "drive", "plan", "goal", "aim", "quest", "intention", "intent", "ambition",
              "proposal", "hope", "desire"}


def _aimed_at(token: Token) -> bool:
    """The act is what an aim's infinitive does ("efforts to complete the withdrawal", "a bid to unseat"), or
    a "for ... to" clause ("for the army to deploy"): intended, not done."""
    current = token
    for _ in range(3):
        if current.dep_ == "acl" and current.tag_ == "VB" and current.head.lemma_.lower() in GOAL_NOUNS:
            return True
        clause = current.head if current.dep_ == "conj" and current.head.tag_ == "VB" else current
        children = {(c.dep_, c.lower_) for c in clause.children}
        if clause.tag_ == "VB" and ("mark", "for") in children and ("aux", "to") in children:
            return True  # "an agreement ... for the Syrian Army to enter and deploy": what it is for
        if current.dep_ not in {"dobj", "xcomp", "pobj", "prep"} or current.head.i == current.i:
            return False
        current = current.head
    return False


# Verbs whose clause is what was said (a "claimed" future is left hypothetical).
SAYING_VERBS = (REPORTING_VERBS - {"claim"}) | {"declare", "tweet"}


def _reported(pred: Token) -> bool:
    """The verb is the clause a saying verb reports ("said that X would ..."), with no condition on it."""
    clause = first_conjunct(pred)
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SAYING_VERBS:
        return False
    return not any(c.dep_ in {"advcl", "mark"} and c.lower_ in {"if", "unless"} or any(
        m.lower_ in {"if", "unless"} for m in c.children if m.dep_ == "mark") for c in clause.children)


def _came_before(token: Token) -> bool:
    """A noun event after "following" or "after": the other event follows it, so it has happened."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in {"following", "after"}


def _not_until(pred: Token) -> bool:
    """"didn't endorse her until July": the negation dates the act, it does not deny it."""
    return any(c.dep_ in {"prep", "mark"} and c.lower_ in {"until", "till", "untill"} for c in pred.children)


def modality_for(trigger: Trigger, dating: Dating, pub_date: date | None) -> tuple[str, list[str]]:
    pred = trigger.predicate if trigger.predicate.pos_ in {"VERB", "AUX"} else trigger.token.head
    words = _aux_words(pred)
    if trigger.token is not pred:
        words |= {c.lower_ for c in trigger.token.children if c.dep_ in {"neg", "det"} and c.lower_ == "no"}
    if words & NEGATIONS and not _not_until(pred):
        return "negated", ["modality:negation"]
    if trigger.token is not trigger.predicate or trigger.token.pos_ == "NOUN":
        # "a possible Russian invasion", "fears of an attack", "the threat of sanctions": not (yet) real.
        noun = trigger.token
        if any(c.lower_ in UNREAL_MODIFIERS for c in noun.children if c.dep_ in {"amod", "compound"}):
            return "hypothetical", ["modality:unreal-modifier"]
        if noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in UNREAL_HEADS:
            return "hypothetical", [f"modality:{noun.head.head.lemma_.lower()}-of"]
        if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in PUBLIC_CALLS:
            # "called for Rosselló's resignation": demanded. ("asked for Bolton's resignation, and Bolton
            # tendered it": a superior's request, often granted in the same breath, is left as it is.)
            return "hypothetical", ["modality:requested"]
    clause = pred
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in clause.children):
            return "hypothetical", ["modality:conditional"]
        if clause.head.i == clause.i:  # the root (spaCy makes a new Token per access)
            break
        clause = clause.head
    if _only_considered(pred):
        return "hypothetical", ["modality:considered"]
    if any(w.startswith("lemma:") and w[6:] in REQUEST_VERBS for w in words):
        # "urged Putin to withdraw": asked for, not (yet) done.
        return "hypothetical", ["modality:requested"]
    if any(w.startswith("lemma:") and w[6:] in THREAT_VERBS for w in words):
        return "hypothetical", ["modality:threatened"]
    if any(w.startswith("lemma:") and w[6:] in PROMISE_VERBS for w in words):
        return "future", ["modality:promised"]
    if _aimed_at(trigger.token):
        return "future", ["modality:aimed-at"]
    if (trigger.token.i != pred.i and trigger.token.pos_ == "NOUN" and pred.lemma_.lower() in ANNOUNCING_VERBS
            and trigger.entry.event_type in ANNOUNCED_TYPES):
        return "future", ["modality:announced"]
    if words & FUTURE_CUES or any(w.startswith("lemma:") and w[6:] in PLAN_VERBS for w in words):
        return "future", ["modality:future-cue"]
    if words & HYPOTHETICAL_CUES == {"would"} and _reported(pred):
        # "the minister said the government would pressure ...": the reported "will", an intention.
        return "future", ["modality:reported-would"]
    if words & HYPOTHETICAL_CUES:
        return "hypothetical", ["modality:modal"]
    when = dating.as_date()
    if _came_before(trigger.token):
        # "a by-election tomorrow following the resignation of ...": what the main event follows is done.
        return "asserted", ["modality:came-before"]
    if when is not None and pub_date is not None and not dating.inherited:
        if dating.precision == "day" and when > pub_date:
            return "future", ["modality:date-after-publication"]
        end_of_period = when
        if dating.precision == "month":
            end_of_period = (when.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        elif dating.precision == "year":
            end_of_period = when.replace(month=12, day=31)
        if end_of_period < pub_date - HISTORICAL_AFTER:
            return "historical", ["modality:date-before-publication"]
    return "asserted", []
