"""Geoparsing suite: toponym recognition and resolution against LGL/TR-News or GeoWebNews XML.

Two gold formats are read, detected from the first ``<toponym>``:

* LGL / TR-News: ``<article>`` with ``<text>`` and ``<toponym>`` entries holding ``<phrase>``, ``<start>``,
  ``<end>`` and ``<gaztag geonameid=..>`` with ``<lat>``, ``<lon>`` and ``<country geonameid=..>``. Every
  toponym counts, including adjectives TR-News annotates ("Turkish"), which the places stage deliberately
  does not return, so its toponym recall has a ceiling below 1.
* GeoWebNews: ``<toponym>`` entries with ``<extractedName>``, ``<type>``, ``<modifierType>``, ``<start>``,
  ``<end>``, ``<geonamesID>``, ``<latitude>``, ``<longitude>``. Counted as toponyms (``TOPONYM_TYPES``):
  Literal, Mixed, Metonymic, Literal_Modifier, Non_Literal_Modifier and Embedded_Literal, except those with
  ``modifierType`` Adjective ("Russian"). Left out: Demonym, Language, Homonym, Non_Toponym, the
  Literal/Non_Lit_Expression types (common nouns such as "citizens"), Coercion (organisations and buildings
  such as "United Nations") and Embedded_Non_Lit (a place inside an organisation name, "Council of Europe").
  The gold country is that of the gold GeoNames id when the gazetteer holds it.

Offsets: TR-News spans drift by a few characters; a span whose text is not its phrase moves to the nearest
copy of the phrase within 64 characters. GeoWebNews toponyms with negative offsets (in the title, which is
not part of ``<text>``) are skipped. Offsets past the text that cannot be realigned raise GoldFormatError.

Metrics: ``toponym_f1`` (a predicted span matches one gold span it overlaps, one-to-one, in text order);
over matched gold toponyms, ``accuracy_161km`` (those with coordinates: the prediction's point lies within
161 km; a prediction without coordinates is wrong) and ``country_accuracy`` (those with a known country).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate import GoldFormatError
from eventwire.evaluate.metrics import PRF, ErrorLog, spans_overlap

KEYS = (
    "n_docs",
    "n_gold",
    "toponym_precision",
    "toponym_recall",
    "toponym_f1",
    "accuracy_161km",
    "country_accuracy",
    "n_resolvable",
    "seconds_per_doc",
)
ACCURACY_KM = 161.0
TOPONYM_TYPES = frozenset(
    {"Literal", "Mixed", "Metonymic", "Literal_Modifier", "Non_Literal_Modifier", "Embedded_Literal"}
)


@dataclass
class GoldToponym:
    name: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO alpha-3
    geonameid: int | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    url: str = ""  # the article's address when the corpus gives it (LGL, TR-News): a real article carries it


# ---------------------------------------------------------------- loading


def _parse_with_lines(path: Path) -> tuple[ET.Element, dict[int, int]]:
    """Parse the XML and remember the line where each element starts (for error messages)."""
    from xml.parsers import expat

    lines: dict[int, int] = {}
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[id(builder.start(tag, attrs))] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        with path.open("rb") as fh:
            parser.ParseFile(fh)
        root = builder.close()
    except expat.ExpatError as exc:
        raise GoldFormatError(path, f"broken XML: {expat.ErrorString(exc.code)}", exc.lineno) from exc
    except AssertionError as exc:  # TreeBuilder: no root element
        raise GoldFormatError(path, "broken XML: no root element") from exc
    except OSError as exc:
        raise GoldFormatError(path, f"cannot read: {exc}") from exc
    return root, lines


def detect_format(root: ET.Element) -> str:
    """``"lgl"`` (LGL/TR-News) or ``"geowebnews"``."""
    for toponym in root.iter("toponym"):
        if toponym.find("gaztag") is not None or toponym.find("phrase") is not None:
            return "lgl"
        if toponym.find("extractedName") is not None or toponym.find("type") is not None:
            return "geowebnews"
    return "lgl"


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _float(text: str | None) -> float | None:
    try:
        return float((text or "").strip())
    except ValueError:
        return None


def load_gold(path: str | Path, limit: int | None = None) -> tuple[str, list[GoldDoc]]:
    """Read a gold file: (format, documents). Raises GoldFormatError on broken XML or offsets."""
    path = Path(path)
    root, lines = _parse_with_lines(path)
    if root.tag != "articles":
        raise GoldFormatError(path, f"expected <articles> as the root element, found <{root.tag}>", 1)
    kind = detect_format(root)
    docs: list[GoldDoc] = []
    for n, article in enumerate(root.iter("article")):
        if limit is not None and len(docs) >= limit:
            break
        text_element = article.find("text")
        if text_element is None:
            raise GoldFormatError(path, "article without <text>", lines.get(id(article)))
        text = text_element.text or ""
        doc = GoldDoc(id=article.get("docid") or article.get("file") or str(n), text=text,
                      url=(article.findtext("url") or "").strip())
        for toponym in article.iter("toponym"):
            gold = _lgl_toponym(toponym) if kind == "lgl" else _geowebnews_toponym(toponym)
            if gold is None:
                continue
            line = lines.get(id(toponym))
            if gold.start < 0 and gold.end <= 0:
                continue  # GeoWebNews: negative offsets point into the title, which is not the text
            _realign(gold, text)
            if gold.start < 0 or gold.end > len(text) or gold.start >= gold.end:
                raise GoldFormatError(
                    path, f"toponym {gold.name!r} offsets {gold.start}-{gold.end} outside the text "
                    f"({len(text)} characters) of article {doc.id}", line,
                )
            doc.toponyms.append(gold)
        docs.append(doc)
    return kind, docs


REALIGN_WINDOW = 64


def _realign(gold: GoldToponym, text: str) -> None:
    """TR-News offsets drift by a few characters: move the span to the nearest copy of its phrase."""
    if not gold.name or text[gold.start:gold.end] == gold.name:
        return
    low = max(0, gold.start - REALIGN_WINDOW)
    window = text[low:gold.end + REALIGN_WINDOW]
    best = None
    found = window.find(gold.name)
    while found != -1:
        if best is None or abs(low + found - gold.start) < abs(best - gold.start):
            best = low + found
        found = window.find(gold.name, found + 1)
    if best is not None:
        gold.start, gold.end = best, best + len(gold.name)


def _offsets(toponym: ET.Element) -> tuple[int, int]:
    start, end = _int(toponym.findtext("start")), _int(toponym.findtext("end"))
    return (start if start is not None else -1), (end if end is not None else -1)


def _lgl_toponym(toponym: ET.Element) -> GoldToponym:
    start, end = _offsets(toponym)
    gold = GoldToponym(name=(toponym.findtext("phrase") or "").strip(), start=start, end=end)
    gaztag = toponym.find("gaztag")
    if gaztag is not None:
        gold.geonameid = _int(gaztag.get("geonameid"))
        gold.lat, gold.lon = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
        country = gaztag.find("country")
        if country is not None:
            gold.country = _country_alpha3(_int(country.get("geonameid")), (country.text or "").strip())
    return gold


def _geowebnews_toponym(toponym: ET.Element) -> GoldToponym | None:
    if (toponym.findtext("type") or "").strip() not in TOPONYM_TYPES:
        return None
    if (toponym.findtext("modifierType") or "").strip() == "Adjective":
        return None
    start, end = _offsets(toponym)
    gold = GoldToponym(name=(toponym.findtext("extractedName") or "").strip(), start=start, end=end)
    gold.geonameid = _int(toponym.findtext("geonamesID"))
    gold.lat, gold.lon = _float(toponym.findtext("latitude")), _float(toponym.findtext("longitude"))
    if gold.geonameid is not None:
        gold.country = _country_alpha3(gold.geonameid, "")
    return gold


def _country_alpha3(geonameid: int | None, name: str) -> str | None:
    from eventwire.extract.places import load_gazetteer

    gazetteer = load_gazetteer()
    if geonameid is not None:
        entry = gazetteer.by_geonameid(geonameid)
        if entry is not None and entry.country:
            return entry.country
    if name:
        for entry, via_alt in gazetteer.lookup(name):
            if entry.feature == "country" and not via_alt:
                return entry.country
    return None


# ---------------------------------------------------------------- scoring


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping spans, greedily in text order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in sorted(enumerate(gold), key=lambda x: x[1]):
        for pi, p in sorted(enumerate(pred), key=lambda x: x[1]):
            if pi not in used and spans_overlap(g, p):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def evaluate(path: str | Path, limit: int | None = None, errors_path: str | Path | None = None) -> dict[str, Any]:
    from eventwire.extract.places import extract_places, load_gazetteer
    from eventwire.extract.places.gazetteer import haversine_km
    from eventwire.nlp import load_nlp

    _, docs = load_gold(path, limit)
    nlp = load_nlp()
    load_gazetteer()  # built or opened before the clock starts
    errors = ErrorLog(errors_path)
    spans = PRF()
    within = with_coords = right_country = with_country = 0
    started = time.perf_counter()
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        places = extract_places(parsed, url=doc.url)
        gold_spans = [(t.start, t.end) for t in doc.toponyms]
        pairs = match_spans(gold_spans, [p.span for p in places])
        spans.add(PRF(tp=len(pairs), fp=len(places) - len(pairs), fn=len(gold_spans) - len(pairs)))
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        for gi, gold in enumerate(doc.toponyms):
            if gi not in matched_gold:
                errors.add(doc=doc.id, kind="missed", gold=gold.name, span=[gold.start, gold.end])
        for pi, place in enumerate(places):
            if pi not in matched_pred:
                errors.add(doc=doc.id, kind="spurious", pred=place.name, span=list(place.span), feature=place.feature)
        for gi, pi in pairs:
            gold, place = doc.toponyms[gi], places[pi]
            distance = None
            if gold.lat is not None and gold.lon is not None:
                with_coords += 1
                if place.lat is not None and place.lon is not None:
                    distance = haversine_km(gold.lat, gold.lon, place.lat, place.lon)
                    within += distance <= ACCURACY_KM
            if gold.country is not None:
                with_country += 1
                right_country += place.country == gold.country
            if (distance is None and gold.lat is not None) or (distance or 0) > ACCURACY_KM or (
                gold.country is not None and place.country != gold.country
            ):
                errors.add(
                    doc=doc.id, kind="wrong", gold=gold.name, span=[gold.start, gold.end],
                    gold_country=gold.country, gold_geonameid=gold.geonameid, gold_point=[gold.lat, gold.lon],
                    pred=place.name, pred_country=place.country, pred_geonameid=place.geonameid,
                    pred_point=[place.lat, place.lon], pred_feature=place.feature,
                    km=round(distance) if distance is not None else None, reasons=place.reasons,
                )
    elapsed = time.perf_counter() - started
    errors.write()
    return {
        "n_docs": len(docs),
        "n_gold": sum(len(d.toponyms) for d in docs),
        "toponym_precision": round(spans.precision, 4),
        "toponym_recall": round(spans.recall, 4),
        "toponym_f1": round(spans.f1, 4),
        "accuracy_161km": round(within / with_coords, 4) if with_coords else 0.0,
        "country_accuracy": round(right_country / with_country, 4) if with_country else 0.0,
        "n_resolvable": with_coords,
        "seconds_per_doc": round(elapsed / len(docs), 4) if docs else 0.0,
    }
