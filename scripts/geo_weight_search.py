"""Grid search over the toponym resolver's context weights, scored on both geo gold sets.

How the weights in ``eventwire.extract.places.resolve`` were checked: they are chosen on GeoWebNews
and TR-News is read as a held-out check (neither is the held-out LGL set). Each document is parsed
once; every configuration then re-runs only the places stage. Prints one JSON line per configuration:
``{"cfg": {...}, "GeoWebNews": [acc@161km, country acc], "TR-News": [...]}``.

    .venv/bin/python scripts/geo_weight_search.py ../shared/gold/geo > /tmp/geo-weights.jsonl
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from eventwire.evaluate.geo import ACCURACY_KM, load_gold, match_spans
from eventwire.extract.places import extract_places, load_gazetteer
from eventwire.extract.places import resolve as resolver
from eventwire.extract.places.gazetteer import haversine_km
from eventwire.nlp import load_nlp

GRID = {
    "CAPITAL_BONUS": [1.0, 1.5, 2.0],
    "COUNTRY_FOCUS_WEIGHT": [2.5, 3.25, 4.0],
    "ADMIN1_FOCUS_WEIGHT": [2.0, 3.0],
}


def score(parsed_docs) -> tuple[float, float]:
    within = with_coords = right_country = with_country = 0
    for gold_doc, parsed in parsed_docs:
        places = extract_places(parsed, url=gold_doc.url)
        for gi, pi in match_spans([(t.start, t.end) for t in gold_doc.toponyms], [p.span for p in places]):
            gold, place = gold_doc.toponyms[gi], places[pi]
            if gold.lat is not None:
                with_coords += 1
                if place.lat is not None:
                    within += haversine_km(gold.lat, gold.lon, place.lat, place.lon) <= ACCURACY_KM
            if gold.country is not None:
                with_country += 1
                right_country += place.country == gold.country
    return round(within / with_coords, 4), round(right_country / with_country, 4)


def main(gold_dir: str) -> None:
    nlp = load_nlp()
    load_gazetteer()
    corpora = {}
    for name in ("GeoWebNews", "TR-News"):
        _, docs = load_gold(Path(gold_dir) / f"{name}.xml")
        corpora[name] = list(zip(docs, nlp.pipe(d.text for d in docs), strict=True))
    for values in itertools.product(*GRID.values()):
        config = dict(zip(GRID, values, strict=True))
        for key, value in config.items():
            setattr(resolver, key, value)
        print(json.dumps({"cfg": config, **{name: score(docs) for name, docs in corpora.items()}}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/gold/geo")
