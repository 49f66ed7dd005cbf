"""Ingest stage: every format, titles, dates, stable ids, directory walks and bad input."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import IngestConfig, article_id, iter_articles, parse_date
from eventwire.records import Article, IngestError, stable_id

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "biden-putin-call.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEED_TITLE = "Biden and Putin will talk again today amid fears over a possible Russian invasion of Ukraine."


def split(items) -> tuple[list[Article], list[IngestError]]:
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def only_article(items) -> Article:
    articles, errors = split(items)
    assert errors == []
    assert len(articles) == 1
    return articles[0]


def only_error(items) -> IngestError:
    articles, errors = split(items)
    assert articles == []
    assert len(errors) == 1
    return errors[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text and the seed -------------------------------------------------------------------


def test_seed_title_repeat_dropped_and_sidecar_metadata():
    article = only_article(iter_articles([SEED]))
    assert article.title == SEED_TITLE
    assert article.text.startswith("The White House confirmed a new telephone dialogue")
    assert SEED_TITLE not in article.text
    assert article.pub_date == date(2021, 12, 30)
    assert article.date_source == "sidecar"
    assert article.metadata["source_id"] == "seed-biden-putin-call"
    assert article.metadata["language"] == "en"
    assert "date_note" in article.metadata
    # No url: the id is the hash of the text, not of the file name or the sidecar's id.
    assert article.id == article_id("", article.text)
    # The body is the file's text verbatim (non-breaking spaces and all), so offsets mean the same.
    raw = SEED.read_text(encoding="utf-8")
    assert raw.endswith(article.text + "\n") or raw.endswith(article.text)
    assert "\u00a0" in article.text
    assert "\n\n" in article.text  # paragraphs stay separated by blank lines


def test_seed_directory_does_not_ingest_sidecar_as_article(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    shutil.copy(SEED.with_suffix(".json"), tmp_path / SEED.with_suffix(".json").name)
    articles, errors = split(iter_articles([tmp_path]))
    assert errors == []
    assert [a.source for a in articles] == [str(tmp_path / SEED.name)]
    assert articles[0].id == only_article(iter_articles([SEED])).id  # same content, same id
    # Naming the sidecar explicitly beside its text does not make a second article or an error.
    both = [tmp_path / SEED.name, tmp_path / SEED.with_suffix(".json").name]
    assert split(iter_articles(both)) == (articles, [])


def test_symlink_loop_and_broken_link_are_errors(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "absent.txt")
    write(tmp_path / "ok.txt", "Still read.")
    articles, errors = split(iter_articles([tmp_path, tmp_path / "dangling.txt"]))
    assert [a.text for a in articles] == ["Still read."]
    assert errors and all(e.reason for e in errors)
    assert errors[-1] == IngestError(str(tmp_path / "dangling.txt"), "broken symbolic link (its target does not exist)")


def test_cli_date_wins_over_sidecar():
    article = only_article(iter_articles([SEED], date=date(2022, 1, 5)))
    assert article.pub_date == date(2022, 1, 5)
    assert article.date_source == "cli"
    assert article.metadata["source_date"] == "2021-12-30"


def test_first_line_is_title_only_when_blank_line_follows(tmp_path):
    titled = only_article(iter_articles([write(tmp_path / "a.txt", "Title here\n\nBody one.\n\nBody two.\n")]))
    assert (titled.title, titled.text) == ("Title here", "Body one.\n\nBody two.")
    untitled = only_article(iter_articles([write(tmp_path / "b.txt", "Line one.\nLine two.\n\nPara two.\n")]))
    assert (untitled.title, untitled.text) == ("", "Line one.\nLine two.\n\nPara two.")
    assert untitled.date_source == "unknown" and untitled.pub_date is None


def test_overlong_first_line_is_a_lead_not_a_title(tmp_path):
    lead = "A lead paragraph " * 10
    config = IngestConfig(max_title_chars=50)
    article = only_article(iter_articles([write(tmp_path / "a.txt", lead + "\n\nMore.\n")], config=config))
    assert article.title == ""
    assert article.text.startswith("A lead paragraph")


def test_markdown_heading_title(tmp_path):
    article = only_article(iter_articles([write(tmp_path / "a.md", "# Talks end\n\nThe talks ended on Friday.\n")]))
    assert article.title == "Talks end"
    assert article.text == "The talks ended on Friday."


def test_line_endings_and_bom_normalised(tmp_path):
    path = write(tmp_path / "crlf.txt", "\ufeffHeadline\r\n\r\nFirst para.\r\n\r\nSecond\rpara.\r\n".encode())
    article = only_article(iter_articles([path]))
    assert article.title == "Headline"
    assert article.text == "First para.\n\nSecond\npara."
    assert "encoding" not in article.metadata


def test_unbalanced_quotes_are_ingested_unchanged(tmp_path):
    body = 'He said "we will not retreat, and left.\n\nShe replied: \u201cnever\u201d \u201cagain.'
    article = only_article(iter_articles([write(tmp_path / "q.txt", "Quotes \"open\n\n" + body)]))
    assert (article.title, article.text) == ('Quotes "open', body)
    record = only_article(iter_articles([write(tmp_path / "q.jsonl", json.dumps({"text": body}))]))
    assert record.text == body


def test_malformed_sidecar_reports_error_but_keeps_article(tmp_path):
    text = write(tmp_path / "story.txt", "Story\n\nSomething happened.\n")
    write(tmp_path / "story.json", "{not json")
    articles, errors = split(iter_articles([tmp_path]))
    assert [a.text for a in articles] == ["Something happened."]
    assert len(errors) == 1
    assert errors[0].source == str(text.with_suffix(".json"))
    assert "sidecar" in errors[0].reason


def test_sidecar_url_gives_url_id_and_unparseable_date_is_kept(tmp_path):
    write(tmp_path / "s.txt", "Body text only.\n")
    write(tmp_path / "s.json", json.dumps({"url": "https://x.example/s", "date": "sometime soon"}))
    article = only_article(iter_articles([tmp_path / "s.txt"]))
    assert article.id == stable_id("https://x.example/s", prefix="a")
    assert article.url == "https://x.example/s"
    assert article.pub_date is None and article.date_source == "unknown"
    assert article.metadata["unparsed_date"] == "sometime soon"


# --- JSON and JSONL ----------------------------------------------------------------------------


def test_jsonl_broken_line_among_good_ones():
    path = FIXTURES / "articles.jsonl"
    articles, errors = split(iter_articles([path]))
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3"]
    first, third = articles
    assert first.title == "Protests in the capital"
    assert first.id == stable_id("https://news.example.org/protests", prefix="a")
    assert first.metadata == {"section": "world", "source_id": "src-1"}
    assert (first.pub_date, first.date_source) == (date(2020, 5, 4), "metadata")
    assert third.pub_date == date(2020, 5, 11)  # from "published", RFC 2822
    assert third.text == "The prime minister called an early election.\n\nVoting will take place in June."
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:6"]
    assert "malformed JSON" in errors[0].reason
    assert "no text" in errors[1].reason
    assert "expected a JSON object" in errors[2].reason


def test_json_single_object_and_list(tmp_path):
    single = write(tmp_path / "one.json", json.dumps({"title": "T", "text": "Alpha happened.", "pubDate": "2021-02-03"}))
    article = only_article(iter_articles([single]))
    assert (article.title, article.text, article.pub_date) == ("T", "Alpha happened.", date(2021, 2, 3))
    many = write(tmp_path / "many.json", json.dumps([{"text": "Beta."}, {"text": 5}, {"text": "Gamma."}]))
    articles, errors = split(iter_articles([many]))
    assert [a.text for a in articles] == ["Beta.", "Gamma."]
    assert [(e.source, "must be a string" in e.reason) for e in errors] == [(f"{many}[1]", True)]


def test_malformed_json_file(tmp_path):
    error = only_error(iter_articles([write(tmp_path / "bad.json", '{"text": "unterminated')]))
    assert "malformed JSON" in error.reason


def test_jsonl_oversized_line_skipped_and_rest_read(tmp_path):
    lines = [json.dumps({"text": "x" * 500}), json.dumps({"text": "Short and fine."})]
    path = write(tmp_path / "big.jsonl", "\n".join(lines) + "\n")
    articles, errors = split(iter_articles([path], config=IngestConfig(max_article_bytes=200)))
    assert [a.text for a in articles] == ["Short and fine."]
    assert [e.source for e in errors] == [f"{path}:1"]
    assert "too large" in errors[0].reason


# --- HTML ---------------------------------------------------------------------------------------


def test_html_page_text_and_metadata():
    article = only_article(iter_articles([FIXTURES / "page.html"]))
    assert article.title == "Talks resume in Geneva"
    assert article.url == "https://news.example.org/2022/01/10/talks-resume-geneva"
    assert article.id == stable_id(article.url, prefix="a")
    assert (article.pub_date, article.date_source) == (date(2022, 1, 10), "metadata")
    assert article.text.startswith("Diplomats from the United States and Russia met in Geneva")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.text.count("\n\n") == 2  # three paragraphs


def test_html_metadata_date_beats_sidecar_but_cli_beats_both(tmp_path):
    page = tmp_path / "page.html"
    shutil.copy(FIXTURES / "page.html", page)
    write(tmp_path / "page.json", json.dumps({"date": "2000-01-01", "desk": "europe"}))
    article = only_article(iter_articles([tmp_path]))
    assert (article.pub_date, article.date_source) == (date(2022, 1, 10), "metadata")
    assert article.metadata["desk"] == "europe"
    forced = only_article(iter_articles([tmp_path], date=date(2023, 3, 3)))
    assert (forced.pub_date, forced.date_source) == (date(2023, 3, 3), "cli")


def test_html_without_article_body_is_an_error():
    error = only_error(iter_articles([FIXTURES / "nav_only.html"]))
    assert error.source == str(FIXTURES / "nav_only.html")
    assert "no article body" in error.reason


# --- feeds --------------------------------------------------------------------------------------


def test_rss_entries_content_summary_and_dates():
    path = FIXTURES / "feed.rss"
    articles, errors = split(iter_articles([path]))
    first, second = articles
    assert first.title == "Ceasefire agreed in the north"
    assert first.url == "https://news.example.org/2022/03/01/ceasefire"
    # Full content wins over the summary; tags and scripts are stripped, paragraphs kept.
    assert first.text == "Both sides agreed to a ceasefire on Tuesday, the mediators said.\n\nMonitors will arrive next week."
    # 23:30 at -05:00 is already 2 March in UTC; the publisher's own day is kept.
    assert (first.pub_date, first.date_source) == (date(2022, 3, 1), "metadata")
    assert first.metadata["source_id"] == "urn:example:1001"
    assert first.metadata["feed_title"] == "Example World Feed"
    assert first.source == f"{path}#1"
    assert second.text == "The interior minister resigned on Wednesday & left the cabinet."
    assert [(e.source, "no text" in e.reason) for e in errors] == [(f"{path}#3", True)]


def test_atom_feed_and_xml_feed_sniffing(tmp_path):
    article = only_article(iter_articles([FIXTURES / "feed.atom"]))
    assert (article.title, article.pub_date) == ("Summit postponed", date(2022, 4, 5))
    as_xml = tmp_path / "feed.xml"
    shutil.copy(FIXTURES / "feed.atom", as_xml)
    assert only_article(iter_articles([as_xml])).id == article.id
    not_feed = write(tmp_path / "data.xml", "<?xml version='1.0'?><inventory><item/></inventory>")
    assert "not an RSS/Atom feed" in only_error(iter_articles([not_feed])).reason
    # Inside a directory a non-feed XML is a stray file: skipped without an error.
    assert split(iter_articles([tmp_path])) == ([only_article(iter_articles([as_xml]))], [])


def test_malformed_feed_is_an_error(tmp_path):
    error = only_error(iter_articles([write(tmp_path / "bad.rss", "this is <<< not a feed at all")]))
    assert "malformed feed" in error.reason
    truncated = write(tmp_path / "cut.rss", "<rss version='2.0'><channel><item><title>Cut</title><description>Half")
    articles, errors = split(iter_articles([truncated]))
    assert articles == [] and len(errors) == 1 and errors[0].source == f"{truncated}#1"


# --- ids, dates, directories ---------------------------------------------------------------------


def test_same_content_same_id_regardless_of_file(tmp_path):
    one = only_article(iter_articles([write(tmp_path / "x" / "one.txt", "Title\n\nThe army withdrew.\n\nTalks began.\n")]))
    two = only_article(iter_articles([write(tmp_path / "y" / "two.md", "Title\n\nThe army withdrew.\nTalks began.")]))
    assert one.id == two.id  # whitespace differences do not change the id
    other = only_article(iter_articles([write(tmp_path / "z.txt", "Title\n\nThe army advanced.\n")]))
    assert other.id != one.id
    from_jsonl = only_article(iter_articles([write(tmp_path / "c.jsonl", json.dumps({"id": "q", "text": "The army withdrew. Talks began."}))]))
    assert from_jsonl.id == one.id and from_jsonl.metadata["source_id"] == "q"


def test_url_id_ignores_text_and_explicit_id(tmp_path):
    records = [
        {"id": "one", "url": "https://x.example/a", "text": "First version."},
        {"id": "two", "url": "https://x.example/a", "text": "Corrected version."},
    ]
    path = write(tmp_path / "u.jsonl", "\n".join(json.dumps(r) for r in records))
    first, second = split(iter_articles([path]))[0]
    assert first.id == second.id == stable_id("https://x.example/a", prefix="a")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-12-30", date(2021, 12, 30)),
        ("2021-12-30T23:10:00+09:00", date(2021, 12, 30)),
        ("2021-12-30T23:10:00Z", date(2021, 12, 30)),
        ("Thu, 30 Dec 2021 10:00:00 -0500", date(2021, 12, 30)),
        ("December 30, 2021", date(2021, 12, 30)),
        ("2021", None),
        ("March 5", None),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_formats(raw, expected):
    assert parse_date(raw) == expected


def test_directories_recursive_sorted_hidden_and_unknown_skipped(tmp_path):
    write(tmp_path / "b" / "deep" / "z.txt", "Zed happened.")
    write(tmp_path / "a.txt", "Ay happened.")
    write(tmp_path / "b" / "c.md", "Cee happened.")
    write(tmp_path / ".hidden" / "h.txt", "Hidden dir.")
    write(tmp_path / "b" / ".h.txt", "Hidden file.")
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    articles, errors = split(iter_articles([tmp_path]))
    assert errors == []
    assert [a.text for a in articles] == ["Ay happened.", "Cee happened.", "Zed happened."]
    # The same file named again is read once.
    assert len(split(iter_articles([tmp_path, tmp_path / "a.txt"]))[0]) == 3
    error = only_error(iter_articles([tmp_path / "notes.pdf"]))
    assert "unsupported file type '.pdf'" in error.reason


# --- bad input ----------------------------------------------------------------------------------


def test_missing_path_and_iteration_continues(tmp_path):
    good = write(tmp_path / "good.txt", "Fine.")
    articles, errors = split(iter_articles([tmp_path / "missing.txt", good]))
    assert [a.text for a in articles] == ["Fine."]
    assert errors == [IngestError(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_empty_and_whitespace_files(tmp_path):
    assert "empty file" in only_error(iter_articles([write(tmp_path / "e.txt", "")])).reason
    assert "empty file" in only_error(iter_articles([write(tmp_path / "e.jsonl", "")])).reason
    assert "only whitespace" in only_error(iter_articles([write(tmp_path / "w.txt", " \n\n\t\n")])).reason
    # A lone line is the text, not a title without a body.
    lone = only_article(iter_articles([write(tmp_path / "t.txt", "Only a line\n\n\n")]))
    assert (lone.title, lone.text) == ("", "Only a line")
    assert "no article text" in only_error(iter_articles([write(tmp_path / "j.json", '{"text": " \\n "}')])).reason


def test_binary_files_are_errors(tmp_path):
    nul = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert "binary file" in only_error(iter_articles([nul])).reason
    controls = write(tmp_path / "noise.html", bytes(range(1, 9)) * 50)
    assert "binary file" in only_error(iter_articles([controls])).reason


def test_latin1_file_is_read_with_encoding_recorded(tmp_path):
    text = "Bogot\u00e1\n\nEl presidente se reuni\u00f3 con la ministra en Bogot\u00e1."
    article = only_article(iter_articles([write(tmp_path / "l1.txt", text.encode("latin-1"))]))
    assert article.title == "Bogot\u00e1"
    assert article.text == "El presidente se reuni\u00f3 con la ministra en Bogot\u00e1."
    assert article.metadata["encoding"] in ("cp1252", "latin-1")


def test_utf16_file_with_bom_is_text(tmp_path):
    article = only_article(iter_articles([write(tmp_path / "u16.txt", "Talks resumed.".encode("utf-16"))]))
    assert (article.text, article.metadata["encoding"]) == ("Talks resumed.", "utf-16")


def test_giant_file_and_article_limits(tmp_path):
    config = IngestConfig(max_file_bytes=100)
    big = write(tmp_path / "big.txt", "word " * 100)
    error = only_error(iter_articles([big], config=config))
    assert error.reason == "file too large: 500 bytes (limit 100 bytes)"
    small = write(tmp_path / "small.txt", "word " * 10)
    assert only_article(iter_articles([small], config=config)).text == ("word " * 10).strip()
    text_limit = IngestConfig(max_article_bytes=20)
    error = only_error(iter_articles([small], config=text_limit))
    assert "article too large" in error.reason


def test_mixed_bad_inputs_never_raise(tmp_path):
    paths = [
        write(tmp_path / "a.html", "<html><body><div><p>unclosed <b>tags <i>everywhere"),
        write(tmp_path / "b.rss", b"\xff\xfe\x00garbage"),
        write(tmp_path / "c.json", b"\x00\x01\x02"),
        write(tmp_path / "d.jsonl", b'{"text": "ok"}\n\xff\xfe{bad\n'),
        tmp_path / "nowhere",
        write(tmp_path / "e.txt", "Survivor text."),
    ]
    articles, errors = split(iter_articles(paths))
    assert [a.text for a in articles] == ["ok", "Survivor text."]
    assert all(e.reason for e in errors)
    assert {Path(e.source.split(":")[0]).name for e in errors} == {"a.html", "b.rss", "c.json", "d.jsonl", "nowhere"}
