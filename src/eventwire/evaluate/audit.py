"""Hand audit of stored events: draw a fixed-seed random sample, judge it by hand, score the judgements.

``draw`` writes one JSON object per sampled event with what a judge needs (sentence, type, mode, actor,
recipient, date, modality, article title and publication date) and empty judgement fields:

* ``type_ok``: the sentence reports an event of this PLOVER type (true/false);
* ``actor_ok`` / ``recipient_ok``: the coded actor and recipient are the right participants (a missing
  recipient is right when the sentence names none);
* ``date_ok``: the event's date is right (or rightly unknown);
* ``note``: free text.

``score`` reads the judged file back: the share of events right in type and both participants (the
acceptance figure), and the share right on each field.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

JUDGEMENTS = ("type_ok", "actor_ok", "recipient_ok", "date_ok")


def _party(party: dict[str, Any] | None) -> str | None:
    if not party:
        return None
    code = "/".join(x for x in (party.get("country"), party.get("sector")) if x)
    return f"{party.get('text')} [{party.get('name') or '?'}; {code or 'uncoded'}]"


def draw(events: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` events chosen at random with ``seed`` (the list order must be stable: the store's is)."""
    chosen = random.Random(seed).sample(range(len(events)), min(n, len(events)))
    sample = []
    for index in sorted(chosen):
        event = events[index]
        sample.append({
            "event_id": event["id"],
            "article_title": event.get("title"),
            "pub_date": event.get("pub_date"),
            "sentence": event["sentence"],
            "trigger": (event.get("trigger") or {}).get("text"),
            "event_type": event["event_type"],
            "mode": event.get("mode"),
            "actor": _party(event.get("actor")),
            "recipient": _party(event.get("recipient")),
            "date": event.get("date"),
            "modality": event.get("modality"),
            "confidence": event.get("confidence"),
            **{key: None for key in JUDGEMENTS},
            "note": "",
        })
    return sample


def write_sample(sample: list[dict[str, Any]], path: str | Path) -> None:
    Path(path).write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in sample), encoding="utf-8")


def score(path: str | Path) -> dict[str, Any]:
    """Shares of judged events right overall (type, actor and recipient) and on each field."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    judged = [r for r in rows if all(isinstance(r.get(k), bool) for k in JUDGEMENTS)]
    if not judged:
        raise ValueError(f"{path}: no fully judged rows (fields {', '.join(JUDGEMENTS)} must be true/false)")
    result: dict[str, Any] = {"n": len(rows), "judged": len(judged)}
    result["correct_type_and_actors"] = round(
        sum(r["type_ok"] and r["actor_ok"] and r["recipient_ok"] for r in judged) / len(judged), 3
    )
    for key in JUDGEMENTS:
        result[key] = round(sum(r[key] for r in judged) / len(judged), 3)
    by_type: dict[str, list[bool]] = {}
    for r in judged:
        by_type.setdefault(r["event_type"], []).append(r["type_ok"])
    result["type_ok_by_type"] = {t: f"{sum(v)}/{len(v)}" for t, v in sorted(by_type.items())}
    return result
