"""Byte-level reading: size limits, binary detection, decoding, text normalisation, HTML to text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from eventwire.ingest.config import IngestConfig


class IngestProblem(Exception):
    """A per-item failure with a reason meant for the user (becomes an IngestError)."""


@dataclass
class DecodedText:
    text: str
    encoding: str  # the codec that decoded it: utf-8, utf-16, cp1252 or latin-1


# Bytes that never appear in text files: all C0 controls except tab, LF, VT, FF, CR and ESC; plus DEL.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_BINARY_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS) + b"\x7f"


def read_limited(path: Path, config: IngestConfig) -> bytes:
    """Read a whole file, refusing files over the size limit before reading them."""
    size = path.stat().st_size
    if size > config.max_file_bytes:
        raise IngestProblem(f"file too large: {size:,} bytes (limit {config.max_file_bytes:,} bytes)")
    if size == 0:
        raise IngestProblem("empty file (0 bytes)")
    return path.read_bytes()


def check_not_binary(data: bytes, config: IngestConfig) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text is full of NUL bytes but is still text
    if b"\x00" in data:
        raise IngestProblem("binary file (contains NUL bytes), not text")
    sample = data[: config.binary_sample_bytes]
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if sample and controls / len(sample) > config.binary_control_ratio:
        raise IngestProblem(f"binary file ({controls} control bytes in the first {len(sample)}), not text")


def decode_bytes(data: bytes) -> DecodedText:
    """UTF-8 first (the norm), then Windows-1252, then Latin-1 (which accepts any byte)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as err:
            raise IngestProblem(f"undecodable UTF-16 text: {err}") from err
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise IngestProblem("undecodable text")  # unreachable: latin-1 decodes every byte


def normalise_text(text: str) -> str:
    """Unify line endings and drop a byte-order mark; nothing else changes, so offsets stay meaningful."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff")


def read_text_file(path: Path, config: IngestConfig) -> DecodedText:
    """Read, check and decode a text file; raises IngestProblem with a specific reason."""
    data = read_limited(path, config)
    check_not_binary(data, config)
    decoded = decode_bytes(data)
    decoded.text = normalise_text(decoded.text)
    if not decoded.text.strip():
        raise IngestProblem("file has no text (only whitespace)")
    return decoded


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
    "table", "section", "article", "header", "footer", "pre", "hr", "dd", "dt", "figure", "figcaption",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextCollector(HTMLParser):
    """Collects visible text; block elements become paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """A small HTML-to-text for feed entries: paragraphs separated by blank lines, spaces collapsed.

    (trafilatura is built for whole pages and drops short fragments such as feed summaries.)
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    paragraphs = ("".join(collector.parts)).split("\n\n")
    cleaned = (" ".join(p.split()) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)
