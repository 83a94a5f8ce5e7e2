"""The RSS fast path gives exactly feedparser's items, or declines."""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.models import FeedRef
from streams.poll import parse as parse_module
from streams.poll.fastrss import rss_entries
from streams.poll.parse import parse
from tests.conftest import SHARED

FEED = FeedRef(url="https://feeds.example/news/rss.xml", source="Example", lang="xx")
NS = ('xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:media="http://search.yahoo.com/mrss/"')


def via_feedparser(body: bytes, headers: dict[str, str] | None = None):
    original = parse_module.rss_entries
    parse_module.rss_entries = lambda *args: None
    try:
        return parse(body, headers or {}, FEED, "2025-05-07T09:30:00Z")
    finally:
        parse_module.rss_entries = original


def assert_same(body: bytes, headers: dict[str, str] | None = None, *, must_accept: bool = True) -> None:
    accepted = rss_entries(body, {k.lower(): v for k, v in (headers or {}).items()}, FEED.url) is not None
    if must_accept:
        assert accepted, body[:300]
    fast, slow = parse(body, headers or {}, FEED, "2025-05-07T09:30:00Z"), via_feedparser(body, headers)
    assert fast.items == slow.items
    assert fast.ttl_minutes == slow.ttl_minutes


def rss(items: str, channel: str = "", decl: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (f'{decl}<rss version="2.0" {NS}><channel><title>T</title><link>https://feeds.example/</link>'
            f"{channel}{items}</channel></rss>").encode()


SAMPLES = {
    "plain": rss("<item><title>Xi arrives in Moscow</title><link>https://n.example/a</link><guid>https://n.example/a"
                 "</guid><pubDate>Wed, 07 May 2025 09:30:00 GMT</pubDate><description>Talks begin.</description>"
                 "<category>World</category><category>Russia</category></item>", "<language>en-gb</language><ttl>15</ttl>"),
    "cdata_html": rss("<item><title><![CDATA[Markets & <b>bonds</b>]]></title><link>https://n.example/b</link>"
                      "<description><![CDATA[<p>Prices <em>fell</em>.</p>]]></description>"
                      "<content:encoded><![CDATA[<div><p>Long text</p><script>x()</script></div>]]></content:encoded>"
                      "<pubDate>Tue, 06 May 2025 23:59:59 +0200</pubDate></item>"),
    "escaped_html_and_entities": rss("<item><title>Angie&#8217;s List &amp; more</title><link>https://n.example/c"
                                     "</link><description>&lt;p&gt;Escaped&lt;/p&gt; text</description></item>"),
    "relative_link_and_guid_permalink": rss("<item><title>R</title><link>/2025/r</link></item>"
                                            "<item><title>G</title><guid>https://n.example/g</guid></item>"
                                            '<item><title>N</title><guid isPermaLink="false">tag:n,2025:1</guid></item>'),
    "dc_date_only": rss("<item><title>D</title><link>https://n.example/d</link>"
                        "<dc:date>2025-05-07T09:30:00Z</dc:date><dc:creator>Reporter</dc:creator></item>"),
    "whitespace_and_media_thumbnail": rss("<item>\n <title>\n  Spaced  \n</title>\n <link> https://n.example/s </link>"
                                          '<media:thumbnail url="https://i.example/x.jpg"/>\n'
                                          "<description>\n  Summary\n</description></item>"),
    "no_declaration": rss("<item><title>No decl</title><link>https://n.example/n</link></item>", decl=""),
    "empty_channel": rss(""),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_fast_path_matches_feedparser(name: str) -> None:
    assert_same(SAMPLES[name])


def test_declines_what_it_does_not_model() -> None:
    assert rss_entries(SAMPLES["plain"], {"content-type": "text/xml; charset=iso-8859-1"}, FEED.url) is None
    assert rss_entries(b"\n" + SAMPLES["plain"], {}, FEED.url) is None  # feedparser reports a bozo
    assert rss_entries(SAMPLES["plain"].replace(b"GMT</pubDate>", b"GMT</pubDate><itunes:summary "
                                                b'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">s'
                                                b"</itunes:summary>"), {}, FEED.url) is None
    assert rss_entries(SAMPLES["plain"].replace(b"Wed, 07 May 2025 09:30:00 GMT", b"yesterday"), {}, FEED.url) is None
    assert rss_entries(b'<feed xmlns="http://www.w3.org/2005/Atom"/>', {}, FEED.url) is None
    assert rss_entries(SAMPLES["plain"][:-20], {}, FEED.url) is None  # truncated: feedparser recovers what it can


@pytest.mark.skipif(not (SHARED / "data" / "feeds").exists(), reason="../shared/data/feeds not found")
@pytest.mark.parametrize("path", sorted((SHARED / "data" / "feeds").glob("*/*.*")), ids=lambda p: p.name)
def test_real_feeds_same_or_declined(path: Path) -> None:
    assert_same(path.read_bytes(), must_accept=False)


_NOT_XML = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_NOT_XML), max_size=40)


@settings(max_examples=200, deadline=None)
@given(title=text, summary=text, guid=text, category=text, seconds=st.integers(0, 2_000_000_000))
def test_generated_items_match_feedparser(title: str, summary: str, guid: str, category: str, seconds: int) -> None:
    item = (f"<item><title>{escape(title)}</title><link>https://n.example/x</link><guid isPermaLink=\"false\">"
            f"{escape(guid)}</guid><description>{escape(summary)}</description><category>{escape(category)}"
            f"</category><pubDate>{formatdate(seconds, usegmt=True)}</pubDate></item>")
    assert_same(rss(item))


@pytest.mark.parametrize("item", [
    "<guid>100234</guid>", "<guid>/a/b</guid>", "<guid>//cdn.example/x</guid>", "<guid>https:///n.example/x</guid>",
    "<guid>http://[bad</guid>", "<guid isPermaLink='True'>x</guid>", "<guid IsPermaLink='false'>x</guid>",
    "<link>l</link><guid>100</guid>", "<link>https:////n.example/x</link>", "<link>http://[bad</link><guid>g</guid>",
])
def test_guids_and_links_resolve_as_in_feedparser(item: str) -> None:
    """A feed switches parser when one item gains an element we do not model: ids must not change."""
    assert_same(rss(f"<item><title>A</title>{item}</item>"))


@pytest.mark.parametrize("date", ["pubDate", "dc:date"])
def test_entries_without_guid_or_link_get_distinct_ids_equal_to_feedparsers(date: str) -> None:
    """A daily "Daily briefing" with no guid/link: its id hashes title and date, whichever parser ran."""
    days = ["Mon, 05 May 2025 06:00:00 GMT", "Tue, 06 May 2025 06:00:00 GMT"] if date == "pubDate" else \
        ["2025-05-05T06:00:00Z", "2025-05-06T06:00:00Z"]
    body = rss("".join(f"<item><title>Daily briefing</title><description>{n}</description><{date}>{day}</{date}></item>"
                       for n, day in enumerate(days)))
    assert_same(body)
    assert len({i.id for i in parse(body, {}, FEED, "2025-05-07T09:30:00Z").items}) == 2


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"])
def test_date_outside_years_1_to_9999_in_utc_is_no_date(date: str) -> None:
    """.NET's DateTime.MinValue with an offset: the item has no date, the feed does not fail."""
    body = rss(f"<item><title>A</title><link>https://n.example/a</link><dc:date>{date}</dc:date></item>")
    assert_same(body, must_accept=False)
    assert [i.published for i in parse(body, {}, FEED, "2025-05-07T09:30:00Z").items] == [None]


@pytest.mark.parametrize(("zone", "accepted"), [("+02:00", True), ("-05:30", True), ("+0200", True),
                                                ("GMT+02:00", False), ("GMT+0200", False), ("+2:00", False)])
def test_pubdate_zone_with_colon_is_read_as_feedparser_reads_it(zone: str, accepted: bool) -> None:
    """parsedate_tz takes a zone it cannot read for UTC: "+02:00" put items two hours late."""
    body = rss(f"<item><title>A</title><link>https://n.example/a</link><pubDate>Tue, 06 May 2025 10:00:00 {zone}</pubDate></item>")
    assert (rss_entries(body, {}, FEED.url) is not None) == accepted
    assert_same(body, must_accept=accepted)


@pytest.mark.parametrize(("tag", "attr"), [("<rss", "xml:base"), ("<channel", "xml:base"), ("<item", "xml:base"),
                                           ("<link>2025", "xml:base"), ("<guid", "xml:base"), ("<item", "base")])
def test_xml_base_sends_the_feed_to_feedparser(tag: str, attr: str) -> None:
    """feedparser resolves relative links and guids against xml:base; the fast path does not model it."""
    body = rss("<item><title>R</title><link>2025/05/post.html</link><guid>2025/05/post.html</guid></item>")
    at = body.index(tag.encode()) + len(tag.split(">")[0])
    body = body[:at] + f' {attr}="https://www.example.org/blog/"'.encode() + body[at:]
    assert rss_entries(body, {}, FEED.url) is None
    assert_same(body, must_accept=False)


@pytest.mark.parametrize("place", ["after-channel", "second-channel"])
def test_items_outside_the_channel_send_the_feed_to_feedparser(place: str) -> None:
    """Malformed or RSS 1.0-style feeds put <item>s beside <channel>; feedparser keeps them."""
    items = "<item><title>A</title><link>https://n.example/a</link></item>"
    outside = items if place == "after-channel" else f"<channel><title>2</title>{items}</channel>"
    body = rss("").replace(b"</channel>", f"</channel>{outside}".encode())
    assert rss_entries(body, {}, FEED.url) is None
    assert [i.title for i in parse(body, {}, FEED, "2025-05-07T09:30:00Z").items] == ["A"]
