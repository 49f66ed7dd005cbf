"""Limits for the ingest stage (one small typed config, passed to :func:`iter_articles`)."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class IngestConfig:
    """Tunable limits; the defaults suit ordinary news articles.

    max_file_bytes: a file bigger than this is reported as an error without being read (20 MB).
        JSONL files are streamed line by line, so for them only ``max_article_bytes`` applies per line.
    max_article_bytes: one article (a JSONL line, or the extracted text of any article, UTF-8 encoded)
        bigger than this is an error (20 MB).
    max_title_chars: the first line of a .txt/.md file is taken as its title only when it is at most
        this long (a longer first line is a lead paragraph, not a headline) (300 characters).
    min_html_words: a web page whose extracted main text has fewer words than this has "no article
        body" (navigation-only pages, error pages) (8 words).
    binary_control_ratio: a file whose first ``binary_sample_bytes`` hold more than this share of
        control bytes (besides tab, newline, carriage return, form feed) is treated as binary (0.05).
    """

    max_file_bytes: int = 20 * MEGABYTE
    max_article_bytes: int = 20 * MEGABYTE
    max_title_chars: int = 300
    min_html_words: int = 8
    binary_control_ratio: float = 0.05
    binary_sample_bytes: int = 8192
