"""GDELT 2.0-style event table: one tab-separated row per event group, no header, 61 columns.

The columns and their order are GDELT 2.0's event table (``GLOBALEVENTID`` ... ``SOURCEURL``), so
tools written for GDELT read the file. How each column is filled (docs/schema.md has the table):

- ``GLOBALEVENTID``: the event group id (``g...``), or the event id for an event not grouped yet.
- ``Day``/``MonthYear``/``Year``/``FractionDate``: the event's own date (not the publication date);
  a month-precision date gives its first day (GDELT has no partial dates); no date: empty.
- ``Actor1Code``: country code + sector (CAMEO-style actor code, e.g. ``USAGOV``); ``Actor1Name``:
  the resolved name, upper case; ``Actor1CountryCode``: ISO-3166 alpha-3 (GDELT also uses CAMEO
  country codes, which are alpha-3 for countries); ``Actor1Type1Code``: the PLOVER sector. Known
  group, ethnic and religion codes are left empty. Actor 2 is the recipient.
- ``IsRootEvent``: 1 when the record comes from the article's first sentence.
- ``EventCode``/``EventBaseCode``/``EventRootCode``: the CAMEO root of the PLOVER type (eventwire
  codes PLOVER types, which map to CAMEO roots only).
- ``QuadClass``: the quad class; ``GoldsteinScale``: the PLOVER conflict-cooperation intensity
  (-10..10, the same scale and sign).
- ``NumMentions``/``NumSources``/``NumArticles``: the group's counts (`eventwire.store.grouping`);
  ``AvgTone``: empty (no tone model).
- ``Actor1Geo_*``/``Actor2Geo_*``: empty; ``ActionGeo_*``: the event's location. Type follows GDELT
  (1 country, 2 US state, 3 US city, 4 world city, 5 world state); ``CountryCode`` is ISO alpha-3,
  not FIPS; ``FeatureID`` is the GeoNames id.
- ``DATEADDED``: the group's first publication date as ``YYYYMMDD000000``; ``SOURCEURL``: the URL of
  the representative record's article.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)


def _actor(prefix: str, party: dict[str, Any] | None) -> dict[str, Any]:
    party = party or {}
    country, sector = party.get("country") or "", party.get("sector") or ""
    name = party.get("name") or party.get("text") or ""
    return {
        f"{prefix}Code": f"{country}{sector}",
        f"{prefix}Name": name.upper(),
        f"{prefix}CountryCode": country,
        f"{prefix}Type1Code": sector,
    }


def _event_day(record: dict[str, Any]) -> date | None:
    value = record.get("date")
    if not value or record.get("date_precision") not in ("day", "month"):
        return None
    try:
        return date.fromisoformat(value[:10] if len(value) >= 10 else value[:7] + "-01")
    except ValueError:
        return None


def _geo_type(location: dict[str, Any]) -> int:
    precision, country = location.get("precision"), location.get("country")
    if precision == "city":
        return 3 if country == "USA" else 4
    if precision == "region":
        return 2 if country == "USA" else 5
    return 1


def gdelt_row(record: dict[str, Any]) -> dict[str, Any]:
    """The GDELT columns of one (grouped) event record."""
    group = record.get("group") or {}
    day = _event_day(record)
    location = record.get("location") or {}
    first_seen = group.get("first_seen") or record.get("pub_date")
    row: dict[str, Any] = {
        "GLOBALEVENTID": group.get("id") or record.get("id"),
        "Day": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4) if day else None,
        **_actor("Actor1", record.get("actor")),
        **_actor("Actor2", record.get("recipient")),
        "IsRootEvent": 1 if record.get("sentence_index") == 0 else 0,
        "EventCode": record.get("cameo_root"),
        "EventBaseCode": record.get("cameo_root"),
        "EventRootCode": record.get("cameo_root"),
        "QuadClass": record.get("quad"),
        "GoldsteinScale": record.get("intensity"),
        "NumMentions": group.get("num_mentions", 1),
        "NumSources": group.get("num_sources", 1),
        "NumArticles": group.get("num_articles", 1),
        "DATEADDED": first_seen.replace("-", "") + "000000" if first_seen else None,
        "SOURCEURL": record.get("url") or None,
    }
    if location:
        row.update({
            "ActionGeo_Type": _geo_type(location),
            "ActionGeo_FullName": location.get("name"),
            "ActionGeo_CountryCode": location.get("country"),
            "ActionGeo_ADM1Code": location.get("admin1"),
            "ActionGeo_Lat": location.get("lat"),
            "ActionGeo_Long": location.get("lon"),
            "ActionGeo_FeatureID": location.get("geonameid"),
        })
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    # Tabs and line breaks would break the row.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_gdelt_tsv(records: Sequence[dict[str, Any]], out: str | Path) -> int:
    """Grouped event records as GDELT 2.0 event rows (tab-separated, no header, ``\\n`` line ends)."""
    from eventwire.export.writers import write_text

    def write(handle) -> None:
        for record in records:
            row = gdelt_row(record)
            handle.write("\t".join(_cell(row.get(column)) for column in GDELT_COLUMNS) + "\n")

    write_text(out, write)
    return len(records)
