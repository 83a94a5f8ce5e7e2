"""Real feeds from public test suites (../shared/data/feeds) served on loopback and polled.

What comes out of each: entry count, first title, language, warnings, the RSS <ttl> floor, and
that a second poll (conditional, 304) emits nothing. Served gzip-compressed with an ETag.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest
from aiohttp import web

from streams.models import FeedRef
from streams.poll.fetch import Fetcher
from streams.poll.hosts import HostLimiter
from streams.poll.poller import Poller
from streams.poll.schedule import Policy
from tests.conftest import shared_path
from tests.poll.test_poll_poller import NOW, Sink

# file: (entries, first title starts with, lang, recoverable warning expected)
EXPECTED = {
    "rss-parser/content-encoded.rss": (7, "THE CREATIVE FORAGER", None, False),
    "rss-parser/craigslist.rss": (25, "Bright, Spacious Beautiful Victorian", "en", False),
    "rss-parser/feedburner.atom": (25, "AdWords and DFP Java client library", None, False),
    "rss-parser/guardian.rss": (55, "Trump State of the Union address", "en", False),
    "rss-parser/heise.atom": (15, "Java-Anwendungsserver: Red Hat gibt", None, False),
    "rss-parser/heraldsun.rss": (2, "The First Item", "en", False),
    "rss-parser/instant-article.rss": (1, "My first Instant Article", "en", False),
    "rss-parser/narro.rss": (1, "FAQ for Narro", "en", False),
    "rss-parser/reddit-atom.rss": (24, "The Difficulties in Space", None, False),
    "rss-parser/reddit.rss": (24, "The water is too deep, so he improvises", None, False),
    "rss-parser/uolNoticias.rss": (15, "Ibope: Bolsonaro perde de Haddad", None, False),
    "feedjira/DuplicateContentAtomFeed.xml": (10, "Down time", None, False),
    "feedjira/FeedBurnerXHTML.xml": (10, "Stock Watch: April's Finest", None, False),
    "feedjira/HuffPostCanada.xml": (2, "Winnipeg High School Orders Custom Hijab", "en", False),
    "feedjira/TechCrunch.xml": (20, "Angie’s List Sets Price Range IPO", "en", True),
    "feedjira/TypePadNews.xml": (10, "Spotlight: Friday Favorites!", None, True),
    "feedjira/google_alerts_atom.xml": (20, "Report offers Prediction of Automotive", None, False),
    "feedjira/youtube_atom.xml": (15, "The Google app: Questions Title", None, True),
}


def _type(name: str) -> str:
    return "application/atom+xml" if name.endswith(".atom") else "application/xml"


@pytest.fixture
async def real_site(serve) -> tuple[str, dict[str, int]]:
    root = shared_path("data", "feeds")
    bodies = {rel: (root / rel).read_bytes() for rel in EXPECTED if (root / rel).exists()}
    if len(bodies) != len(EXPECTED):
        pytest.skip(f"some real feeds are missing under {root}")
    hits: dict[str, int] = {}

    async def handle(request: web.Request) -> web.Response:
        rel = request.path.lstrip("/")
        hits[rel] = hits.get(rel, 0) + 1
        body = bodies[rel]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=gzip.compress(body), headers={"ETag": etag, "Content-Encoding": "gzip",
                                                                "Content-Type": _type(rel)})

    app = web.Application()
    app.router.add_get("/{path:.*}", handle)
    return await serve(app), hits


async def test_every_real_feed_polled_from_loopback(real_site, allow_private: None) -> None:
    base, hits = real_site
    feeds = [FeedRef(url=f"{base}/{rel}", source=Path(rel).stem) for rel in EXPECTED]
    sink = Sink()
    async with Fetcher() as fetcher:
        poller = Poller(feeds, sink, fetcher=fetcher, limiter=HostLimiter(8, 0), clock=lambda: NOW,
                        first_poll_max=100, policy=Policy(jitter=0))
        await poller.poll_all()
        by_feed: dict[str, list] = {}
        for item in sink.items:
            by_feed.setdefault(item.feed_url, []).append(item)
        for rel, (count, title, lang, warned) in EXPECTED.items():
            url = f"{base}/{rel}"
            items, st = by_feed.get(url, []), poller.store.get(url)
            assert len(items) == count, rel
            assert len({i.id for i in items}) == count, f"{rel}: ids collide"
            assert items[0].title.startswith(title), (rel, items[0].title)
            assert items[0].lang == lang, rel
            assert (st.warning is not None) == warned, (rel, st.warning)
            assert st.health == "ok" and st.etag, rel
        assert await poller.poll_all() == 0, "second poll: all 304"
    assert set(hits.values()) == {2}
    narro = poller.store.get(f"{base}/rss-parser/narro.rss")
    assert narro.next_poll >= NOW + 20 * 60, "<ttl>20</ttl> is a floor"
    uol = by_feed[f"{base}/rss-parser/uolNoticias.rss"]
    assert any("ç" in i.title or "ã" in i.title for i in uol), "Latin-1/UTF-8 text decoded, not mojibake"
    assert not any("Ã" in i.title for i in uol)
    herald = by_feed[f"{base}/rss-parser/heraldsun.rss"]
    assert all(i.url.startswith("http") for i in herald)
    forager = by_feed[f"{base}/rss-parser/content-encoded.rss"][0]
    assert "<" in forager.content, "content:encoded HTML kept for the cleaner"
    xhtml = by_feed[f"{base}/feedjira/FeedBurnerXHTML.xml"][0]
    assert xhtml.content or xhtml.summary
