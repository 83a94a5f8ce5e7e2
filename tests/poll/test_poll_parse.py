"""parse_feed on real-world RSS/Atom files, a JSON Feed fixture, and garbage."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest

from streams.errors import FeedParseError
from streams.models import FeedRef
from streams.poll.parse import item_id, parse_feed

FEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feeds"
FETCHED = "2025-05-07T09:30:00Z"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")


def _real_feed_files() -> list[Path]:
    return sorted([*FEEDS_DIR.glob("rss-parser/*.rss"), *FEEDS_DIR.glob("rss-parser/*.atom"), *FEEDS_DIR.glob("feedjira/*.xml")])


REAL_FILES = _real_feed_files()
needs_real_feeds = pytest.mark.skipif(
    not REAL_FILES, reason=f"real-world feed samples not found under {FEEDS_DIR} (shared data not mounted)"
)


def feed_for(name: str, lang: str | None = "xx") -> FeedRef:
    return FeedRef(url=f"https://feeds.example/{name}", source="Example", lang=lang)


@needs_real_feeds
def test_real_feed_corpus_is_the_expected_one() -> None:
    assert len(REAL_FILES) >= 15, [p.name for p in REAL_FILES]


@needs_real_feeds
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_feed_yields_items_with_stable_ids(path: Path) -> None:
    body = path.read_bytes()
    feed = feed_for(path.name)
    items = parse_feed(body, {}, feed, FETCHED)
    assert items, f"{path.name}: no entries"
    for item in items:
        assert re.fullmatch(r"[0-9a-f]{20}", item.id)
        assert item.title.strip(), f"{path.name}: entry without title"
        assert item.feed_url == feed.url and item.source == "Example" and item.fetched_at == FETCHED
        assert item.published is None or ISO_Z.match(item.published), item.published
        assert item.lang is None or re.fullmatch(r"[a-z]{2}", item.lang)
    assert len({i.id for i in items}) == len(items), "ids collide within one feed"
    again = parse_feed(body, {}, feed, "2030-01-01T00:00:00Z")
    assert [i.id for i in again] == [i.id for i in items]


@needs_real_feeds
def test_ids_are_scoped_to_the_feed() -> None:
    body = (FEEDS_DIR / "rss-parser" / "guardian.rss").read_bytes()
    a = parse_feed(body, {}, feed_for("a"), FETCHED)
    b = parse_feed(body, {}, feed_for("b"), FETCHED)
    assert [i.url for i in a] == [i.url for i in b]
    assert not {i.id for i in a} & {i.id for i in b}
    assert a[0].id == item_id("https://feeds.example/a", a[0].url)  # guid == link in this feed


@needs_real_feeds
def test_guardian_fields() -> None:
    items = parse_feed((FEEDS_DIR / "rss-parser" / "guardian.rss").read_bytes(), {}, feed_for("g"), FETCHED)
    first = items[0]
    assert first.title.startswith("Trump State of the Union")
    assert first.url.startswith("https://www.theguardian.com/")
    assert first.lang == "en"  # <language>en-gb</language>
    assert first.published and first.published.startswith("2018-0")
    assert first.categories and first.summary


@needs_real_feeds
def test_content_encoded_and_lang_fallback() -> None:
    items = parse_feed((FEEDS_DIR / "rss-parser" / "content-encoded.rss").read_bytes(), {}, feed_for("c", "de"), FETCHED)
    assert all(i.content for i in items)
    assert all(i.lang == "de" for i in items)  # the feed declares no language: config wins


@needs_real_feeds
def test_atom_content_and_recoverable_bozo() -> None:
    # TechCrunch.xml has whitespace before the XML declaration: feedparser flags bozo, entries stay
    items = parse_feed((FEEDS_DIR / "feedjira" / "TechCrunch.xml").read_bytes(), {}, feed_for("t"), FETCHED)
    assert len(items) == 20
    atom = parse_feed((FEEDS_DIR / "rss-parser" / "heise.atom").read_bytes(), {}, feed_for("h"), FETCHED)
    assert atom and atom[0].published and atom[0].url.startswith("http")


@needs_real_feeds
def test_entry_cap() -> None:
    body = (FEEDS_DIR / "rss-parser" / "guardian.rss").read_bytes()
    assert len(parse_feed(body, {}, feed_for("g"), FETCHED, max_entries=5)) == 5


def test_id_falls_back_to_title_and_date_hash() -> None:
    body = (
        b'<rss version="2.0"><channel><title>x</title>'
        b"<item><title>No link here</title><pubDate>Wed, 07 May 2025 09:30:00 GMT</pubDate>"
        b"<description>d</description></item></channel></rss>"
    )
    feed = feed_for("nolink")
    [item] = parse_feed(body, {}, feed, FETCHED)
    assert item.url == ""
    assert item.published == "2025-05-07T09:30:00Z"
    assert item.id == parse_feed(body, {}, feed, FETCHED)[0].id
    changed = parse_feed(body.replace(b"No link here", b"Other title"), {}, feed, FETCHED)
    assert changed[0].id != item.id


def test_charset_from_headers_is_respected() -> None:
    body = '<rss version="2.0"><channel><title>x</title><item><title>Café crème</title><link>https://e.example/1</link></item></channel></rss>'.encode("latin-1")
    [item] = parse_feed(body, {"Content-Type": "application/rss+xml; charset=ISO-8859-1"}, feed_for("l1"), FETCHED)
    assert item.title == "Café crème"


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example JSON feed",
    "language": "fr-FR",
    "items": [
        {
            "id": "https://json.example/a",
            "url": "https://json.example/a",
            "title": "Premier article",
            "summary": "Un résumé.",
            "content_html": "<p>Le <b>contenu</b>.</p>",
            "date_published": "2025-05-07T11:30:00+02:00",
            "tags": ["politique", "europe", "politique"],
        },
        {"id": 42, "content_text": "Untitled note with a numeric id", "date_modified": "2025-05-07T10:00:00Z"},
        {"url": "https://json.example/c", "title": "No id, link instead", "language": "de"},
        {"id": "empty"},  # nothing usable: skipped
        "not an object",
    ],
}


@pytest.mark.parametrize("content_type", ["application/feed+json", "", "application/octet-stream"])
def test_json_feed(content_type: str) -> None:
    body = orjson.dumps(JSON_FEED)
    feed = feed_for("json", lang="en")
    items = parse_feed(body, {"Content-Type": content_type} if content_type else {}, feed, FETCHED)
    assert [i.title for i in items] == ["Premier article", "", "No id, link instead"]
    a, b, c = items
    assert a.id == item_id(feed.url, "https://json.example/a")
    assert a.published == "2025-05-07T09:30:00Z"  # converted to UTC
    assert a.content == "<p>Le <b>contenu</b>.</p>" and a.summary == "Un résumé."
    assert a.categories == ["politique", "europe"] and a.lang == "fr"
    assert b.id == item_id(feed.url, "42") and b.content.startswith("Untitled") and b.url == ""
    assert c.id == item_id(feed.url, "https://json.example/c") and c.lang == "de" and c.published is None


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\x01\x02garbage\xff\xfe not a feed at all",
        b"<html><head><title>Hi</title></head><body><p>Just a web page</p></body></html>",
        b"",
        b"{not json",
        b'{"version": "x", "no_items": true}',
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>cut off',
        b"<?xml version='1.0'?><note><to>Tove</to></note>",
    ],
    ids=["binary", "html", "empty", "bad-json", "json-without-items", "truncated-empty", "other-xml"],
)
def test_garbage_raises_feed_parse_error(body: bytes) -> None:
    with pytest.raises(FeedParseError):
        parse_feed(body, {}, feed_for("junk"), FETCHED)


def test_html_page_served_as_html_is_an_error() -> None:
    body = b"<!doctype html><html><body><h1>Login</h1></body></html>"
    with pytest.raises(FeedParseError, match="junk"):
        parse_feed(body, {"Content-Type": "text/html; charset=utf-8"}, feed_for("junk"), FETCHED)


def test_rss_served_with_wrong_content_type_still_parses() -> None:
    body = b'<rss version="2.0"><channel><item><title>T</title><link>https://e.example/t</link></item></channel></rss>'
    assert len(parse_feed(body, {"Content-Type": "text/html"}, feed_for("wrongct"), FETCHED)) == 1


def test_truncated_feed_keeps_recoverable_entries() -> None:
    body = b'<rss version="2.0"><channel><item><title>Survivor</title><link>https://e.example/s</link></item><item><title>cut'
    items = parse_feed(body, {}, feed_for("trunc"), FETCHED)
    assert items and items[0].title == "Survivor"


def test_valid_empty_feed_is_not_an_error() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>quiet</title></channel></rss>'
    assert parse_feed(body, {}, feed_for("empty"), FETCHED) == []


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"])
def test_json_feed_date_outside_years_1_to_9999_in_utc_is_no_date(date: str) -> None:
    body = orjson.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "title": "Old page", "date_published": date},
        {"id": "2", "title": "Real story", "date_published": "2025-05-07T11:30:00+02:00"}]})
    items = parse_feed(body, {"Content-Type": "application/feed+json"}, feed_for("json"), FETCHED)
    assert [(i.title, i.published) for i in items] == [("Old page", None), ("Real story", "2025-05-07T09:30:00Z")]


@pytest.mark.parametrize("content_type", ["application/feed+json", ""])
def test_json_feed_with_utf8_bom(content_type: str) -> None:
    body = b"\xef\xbb\xbf" + orjson.dumps(JSON_FEED)
    items = parse_feed(body, {"Content-Type": content_type} if content_type else {}, feed_for("json"), FETCHED)
    assert [i.title for i in items] == ["Premier article", "", "No id, link instead"]


RELATIVE = {  # one entry with a relative link, one with absolute link and guid; fast path and feedparser
    "rss": b'<rss version="2.0"><channel><title>x</title><item><title>R</title><link>story/1.html</link></item>'
           b"<item><title>A</title><link>https://e.example/a</link><guid>https://e.example/a</guid></item></channel></rss>",
    "atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>R</title><link href="story/1.html"/>'
            b'<id>story/1.html</id></entry><entry><title>A</title><link href="https://e.example/a"/>'
            b"<id>https://e.example/a</id></entry></feed>",
}


@pytest.mark.parametrize("kind", sorted(RELATIVE))
@pytest.mark.parametrize(("location", "expected"), [
    ("/other/feed.xml", "https://feeds.example/other/story/1.html"),
    ("https://cdn.example/x/feed.xml", "https://cdn.example/x/story/1.html"),
    ("http://[bad", "https://feeds.example/story/1.html"),
])
def test_relative_content_location_resolves_against_the_feed_url(kind: str, location: str, expected: str) -> None:
    items = parse_feed(RELATIVE[kind], {"Content-Location": location}, feed_for("rel"), FETCHED)
    assert items[0].url == expected


@pytest.mark.parametrize("kind", sorted(RELATIVE))
def test_links_resolve_against_the_url_after_redirects_ids_of_absolute_ones_unchanged(kind: str) -> None:
    feed = feed_for("rel")
    direct = parse_feed(RELATIVE[kind], {}, feed, FETCHED)
    moved = parse_feed(RELATIVE[kind], {}, feed, FETCHED, url="https://www.new.example/section/rss.xml")
    assert [i.url for i in direct] == ["https://feeds.example/story/1.html", "https://e.example/a"]
    assert [i.url for i in moved] == ["https://www.new.example/section/story/1.html", "https://e.example/a"]
    assert moved[1].id == direct[1].id == item_id(feed.url, "https://e.example/a")
    assert {i.feed_url for i in moved} == {feed.url}
