"""GSR suite: PLOVER gold-standard records (openeventdata/PLOVER) -> event type and actor coding.

Gold: JSON lines, one record per sentence with ``id``, ``date``, ``event``, ``eventText``, ``text``,
``source``, ``target`` and ``textInfo.markup`` (one record has the markup string as ``textInfo`` itself):
"(SRC: Libya) has (EVT: offered) to (TAR: Great Britain) ...". The ``DOCUMENT`` record (file
documentation) is skipped. Choices made reading it:

* Labels: the file uses PLOVER 0.5 names; DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE and
  FIGHT->ASSAULT map them to the current types (``OLD_LABELS``).
* Actors: ``source``/``target`` are lists of ``{actorText, code, sector}``; a plain string (``"diplomatic"``,
  ``""``) or a missing field means no coded actor. Codes are CAMEO country codes, ISO-3166 alpha-3 except
  a few (``CAMEO_TO_ISO``: ITL, JAP, VTN, ...), plus IGO/NGO. Sectors carry CAMEO ethnic/religious suffixes
  ("CVLalb", "ELIyor"); only the three-letter PLOVER sector is compared.
* The main event is the predicted event that best matches gold: one of the gold type first; among those,
  or else among all, one whose trigger word appears in the gold event words (``eventText`` and the
  markup's ``EVT`` spans); else the first event. A record without predicted events is wrong throughout.
* ``event_accuracy``: the main event's type equals the gold type.
* ``source_country_accuracy``: the main event's actor country equals any gold source code (over records
  with a coded source). ``target_country_accuracy`` likewise for its recipient, over records with a coded
  gold target. ``*_sector_accuracy``: the actor's (recipient's) sector equals the sector of any gold actor
  that has one, over records where some gold actor has a sector.

Each record's text is run through ``extract_text`` with its ``date`` as publication date.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate import GoldFormatError, iter_json_objects
from eventwire.evaluate.metrics import ErrorLog

SCORE_KEYS = (
    "event_accuracy",
    "source_country_accuracy",
    "target_country_accuracy",
    "source_sector_accuracy",
    "target_sector_accuracy",
)
KEYS = ("n", *SCORE_KEYS, "seconds", "events")
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO country codes that differ from ISO-3166 alpha-3.
CAMEO_TO_ISO = {
    "ITL": "ITA",
    "JAP": "JPN",
    "VTN": "VNM",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "UK": "GBR",
}
EVT_MARK = re.compile(r"\(EVT:\s*([^)}]*)[)}]")  # one record closes with "}"
WORD = re.compile(r"[\w'-]+")


@dataclass
class GoldActor:
    text: str
    code: str | None
    sector: str | None


@dataclass
class GoldRecord:
    id: str
    line: int
    text: str
    date: str | None
    event: str
    event_words: set[str]
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)


def _actors(value: Any) -> list[GoldActor]:
    if not isinstance(value, list):
        return []  # a string ("diplomatic", "") or null: no coded actor
    actors = []
    for item in value:
        if isinstance(item, dict):
            code = str(item.get("code") or "").strip().upper() or None
            sector = str(item.get("sector") or "").strip()[:3].upper() or None
            actors.append(
                GoldActor(str(item.get("actorText") or ""), CAMEO_TO_ISO.get(code or "", code), sector)
            )
        elif isinstance(item, str) and item.strip():
            actors.append(GoldActor(item.strip(), None, None))
    return actors


def _event_words(record: dict[str, Any]) -> set[str]:
    info = record.get("textInfo")
    # Usually {"markup": ...}; one record has the markup string itself.
    markup = str(info.get("markup") or "") if isinstance(info, dict) else str(info or "")
    text = " ".join([str(record.get("eventText") or ""), *EVT_MARK.findall(markup)])
    return {w.lower() for w in WORD.findall(text)}


def load_gold(path: str | Path) -> list[GoldRecord]:
    path = Path(path)
    records: list[GoldRecord] = []
    for number, record in iter_json_objects(path):
        event = str(record.get("event") or "").strip().upper()
        if event == "DOCUMENT":
            continue
        if not event or not isinstance(record.get("text"), str):
            raise GoldFormatError(path, "record lacks 'event' or 'text'", number)
        records.append(
            GoldRecord(
                id=str(record.get("id") or number),
                line=number,
                text=record["text"],
                date=str(record["date"]) if record.get("date") else None,
                event=OLD_LABELS.get(event, event),
                event_words=_event_words(record),
                sources=_actors(record.get("source")),
                targets=_actors(record.get("target")),
            )
        )
    return records


def main_event(events: list, gold: GoldRecord) -> Any:
    """The predicted event that best matches the gold record (see the module docstring)."""
    if not events:
        return None
    same_type = [e for e in events if e.event_type == gold.event]
    pool = same_type or events

    def overlaps(event: Any) -> bool:
        return bool({w.lower() for w in WORD.findall(event.trigger_text)} & gold.event_words)

    return next((e for e in pool if overlaps(e)), pool[0])


@dataclass
class _Tally:
    right: int = 0
    total: int = 0

    def add(self, correct: bool) -> None:
        self.total += 1
        self.right += int(correct)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


def evaluate(
    path: str | Path, limit: int | None = None, errors_path: str | Path | None = None, monadic: bool = False
) -> dict[str, Any]:
    """Score the pipeline's main event per record; ``monadic`` keeps events of dyadic types without a
    recipient, which the pipeline's default drops (:class:`eventwire.extract.events.EventConfig`)."""
    from eventwire.extract.events import EventConfig
    from eventwire.pipeline import extract_text

    events_config = EventConfig(require_recipient=not monadic)

    gold = load_gold(path)
    if limit is not None:
        gold = gold[:limit]
    errors = ErrorLog(errors_path)
    started = time.perf_counter()
    tallies = {key: _Tally() for key in SCORE_KEYS}
    for record in gold:
        try:
            result = extract_text(record.text, pub_date=record.date, events_config=events_config)
        except ValueError:  # an unreadable date: run undated rather than drop the record
            result = extract_text(record.text, events_config=events_config)
        event = main_event(result.events, record)
        actor = event.actor if event else None
        recipient = event.recipient if event else None
        checks: dict[str, bool] = {"event_accuracy": event is not None and event.event_type == record.event}
        for role, gold_actors, pred in (
            ("source", record.sources, actor),
            ("target", record.targets, recipient),
        ):
            codes = {a.code for a in gold_actors if a.code}
            sectors = {a.sector for a in gold_actors if a.sector}
            if codes:
                checks[f"{role}_country_accuracy"] = pred is not None and pred.country in codes
            if sectors:
                checks[f"{role}_sector_accuracy"] = pred is not None and pred.sector in sectors
        for key, correct in checks.items():
            tallies[key].add(correct)
        if not all(checks.values()):
            errors.add(
                id=record.id,
                line=record.line,
                text=record.text,
                gold_event=record.event,
                pred_event=event.event_type if event else None,
                trigger=event.trigger_text if event else None,
                all_events=[(e.event_type, e.trigger_text) for e in result.events],
                gold_source=[vars(a) for a in record.sources],
                gold_target=[vars(a) for a in record.targets],
                pred_actor=actor.to_dict() if actor else None,
                pred_recipient=recipient.to_dict() if recipient else None,
                wrong=[k for k, v in checks.items() if not v],
            )
    errors.write()
    scores: dict[str, Any] = {"n": len(gold)}
    scores.update({key: round(t.value, 4) for key, t in tallies.items()})
    scores["seconds"] = round(time.perf_counter() - started, 1)
    scores["events"] = "every coded candidate" if monadic else "pipeline default"
    return scores
