"""Quotation marks: pair them into quoted regions, tolerating unbalanced marks in real text."""

from __future__ import annotations

import re

OPENING = "\u201c\u00ab\u201e"  # “ « „
CLOSING = "\u201d\u00bb"  # ” »
STRAIGHT = '"'


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of quoted text, marks excluded, paired within each paragraph.

    Curly quotes pair by direction; straight quotes alternate open/close. A paragraph that opens a
    quote without closing it continues into the next paragraph when that one starts with a mark
    (the newspaper convention for multi-paragraph quotes): the region then runs on to the closing mark
    in a later paragraph, as one quotation; otherwise the dangling mark is ignored.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    pos = 0
    for para in re.split(r"(\n\s*\n)", text):
        para_start = pos
        pos += len(para)
        if not para.strip() or para.startswith("\n"):
            continue
        stripped_start = para_start + (len(para) - len(para.lstrip()))
        skip = -1
        if open_at is not None:
            if text[stripped_start : stripped_start + 1] in OPENING + STRAIGHT:
                # Continuation paragraph: the quotation runs on; its reopening mark is not a new quote.
                skip = stripped_start
            else:
                open_at = None  # unbalanced mark: drop it
        for m in re.finditer(r"[\"\u201c\u201d\u00ab\u00bb\u201e]", para):
            i = para_start + m.start()
            if i == skip:
                continue
            ch = m.group()
            if ch in OPENING:
                open_at = i + 1
            elif ch in CLOSING:
                if open_at is None and (i == 0 or text[i - 1] == "\n") and text[i + 1 : i + 2].isalnum():
                    open_at = i + 1  # a closing mark typed at the start of a line opens a quote
                elif open_at is not None:
                    regions.append((open_at, i))
                    open_at = None
            elif open_at is None:
                open_at = i + 1
            else:
                regions.append((open_at, i))
                open_at = None
    if open_at is not None:
        end = _rstrip_end(text, open_at, len(text))
        if end - open_at > 0 and _region_is_plausible(text[open_at:end]):
            regions.append((open_at, end))
    return [(s, e) for s, e in regions if e > s]


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _region_is_plausible(chunk: str) -> bool:
    # A quote left open at the end of a text is kept only when it is short enough to be a quote.
    return len(chunk) < 600


def inside(regions: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(s <= start and end <= e for s, e in regions)
