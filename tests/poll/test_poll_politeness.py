"""Being careful with publishers: floors, Retry-After per host, per-host limits, moves, caps."""

from __future__ import annotations

import asyncio
import time

from aiohttp import web

from streams.models import FeedRef
from streams.poll.fetch import Fetcher
from streams.poll.hosts import HostLimiter, host_of
from streams.poll.poller import Poller
from streams.poll.schedule import Policy
from tests.poll.test_poll_poller import NOW, Sink, first, make, ref

P = Policy(jitter=0)


async def test_cache_control_and_ttl_are_floors(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    site.headers["/a.xml"] = {"Cache-Control": "max-age=7200"}
    site.raw["/ttl.xml"] = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><ttl>180</ttl>'
                            b"<item><title>x</title><guid>x</guid></item></channel></rss>")
    poller = make([ref(base, "/a.xml"), ref(base, "/ttl.xml")], Sink(), fetcher, policy=P, clock=lambda: NOW)
    await poller.poll_all()
    assert poller.store.get(f"{base}/a.xml").next_poll == NOW + 7200
    assert poller.store.get(f"{base}/ttl.xml").next_poll == NOW + 180 * 60
    await poller.poll_once(ref(base, "/a.xml"))  # a 304 keeps honouring the header
    assert site.statuses[-1] == 304 and poller.store.get(f"{base}/a.xml").next_poll == NOW + 7200


async def test_retry_after_pushes_back_every_feed_of_that_host(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.broken["/busy.xml"] = 429
    site.headers["/busy.xml"] = {"Retry-After": "3600"}
    site.feeds["/other.xml"] = [("g1", "Other")]
    other_host = base.replace("127.0.0.1", "localhost")  # same server, another host name
    site.feeds["/third.xml"] = [("g3", "Third")]
    feeds = [ref(base, "/busy.xml"), ref(base, "/other.xml"), ref(other_host, "/third.xml")]
    poller = make(feeds, Sink(), fetcher, policy=P, clock=lambda: NOW)
    await poller.poll_once(feeds[0])
    st = poller.store.get(feeds[0].url)
    assert st.next_poll == NOW + 3600 and st.last_status == 429
    due, _ = poller._due(NOW)
    assert due == [feeds[2].url], "the paused host's other feed waits, another host does not"
    assert poller._planned[feeds[1].url] == NOW + 3600


async def test_per_host_concurrency_and_minimum_gap(serve, allow_private: None) -> None:
    active, peak, starts = 0, 0, []

    async def slow(request: web.Request) -> web.Response:
        nonlocal active, peak
        starts.append(time.monotonic())
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.15)
        active -= 1
        return web.Response(body=b'<rss version="2.0"><channel><title>t</title></channel></rss>')

    app = web.Application()
    app.router.add_get("/{n}", slow)
    base = await serve(app)
    feeds = [FeedRef(url=f"{base}/{n}", source="S") for n in range(6)]
    async with Fetcher() as fetcher:
        poller = Poller(feeds, Sink(), fetcher=fetcher, limiter=HostLimiter(concurrency=2, min_gap=0.05),
                        concurrency=10)
        await poller.poll_all()
    assert peak == 2
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.045, gaps


async def test_permanent_redirect_updates_the_stored_url(serve, fetcher: Fetcher) -> None:
    hits: list[str] = []
    rss = b'<rss version="2.0"><channel><title>t</title><item><title>a</title><guid>a</guid></item></channel></rss>'

    async def handle(request: web.Request) -> web.Response:
        hits.append(request.path)
        if request.path == "/old":
            return web.Response(status=301, headers={"Location": "/new"})
        if request.path == "/temp":
            return web.Response(status=302, headers={"Location": "/new"})
        return web.Response(body=rss)

    app = web.Application()
    app.router.add_get("/{p}", handle)
    base = await serve(app)
    sink = Sink()
    poller = make([ref(base, "/old"), ref(base, "/temp")], sink, fetcher)
    await poller.poll_all()
    await poller.poll_all()
    assert poller.store.get(f"{base}/old").url == f"{base}/new"
    assert poller.store.get(f"{base}/temp").url == f"{base}/temp"
    assert hits.count("/old") == 1 and hits.count("/temp") == 2
    ids = {i.feed_url for i in sink.items}
    assert ids == {f"{base}/old", f"{base}/temp"}, "items stay scoped to the registered feed"


async def test_entries_cap_per_fetch(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [(f"g{n}", f"Item {n}") for n in range(20)]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher, max_entries=4)
    assert await poller.poll_once(first(poller)) == 4
    assert sink.titles == [f"Item {n}" for n in range(4)]


async def test_json_feed_is_polled_like_any_other(serve, fetcher: Fetcher) -> None:
    doc = (b'{"version":"https://jsonfeed.org/version/1.1","title":"J","language":"en-GB","items":['
           b'{"id":"1","url":"https://j.example/1","title":"One","content_html":"<p>x</p>",'
           b'"date_published":"2025-05-07T09:00:00Z","language":"de"},'
           b'{"id":"2","url":"https://j.example/2","title":"Two","content_text":"y"}]}')

    async def handle(request: web.Request) -> web.Response:
        return web.Response(body=doc, content_type="application/feed+json")

    app = web.Application()
    app.router.add_get("/feed.json", handle)
    base = await serve(app)
    sink = Sink()
    poller = make([ref(base, "/feed.json")], sink, fetcher)
    assert await poller.poll_once(first(poller)) == 2
    one, two = sink.items
    assert (one.title, one.lang, one.published) == ("One", "de", "2025-05-07T09:00:00Z")
    assert (two.title, two.lang, two.content) == ("Two", "en", "y")
    assert await poller.poll_once(first(poller)) == 0


def test_host_of() -> None:
    assert host_of("https://Feeds.BBCi.co.uk/news/rss.xml") == "feeds.bbci.co.uk"
    assert host_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"


async def test_re_added_feed_while_in_flight_is_planned_again(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    poller = make([ref(base, "/a.xml")], Sink(), fetcher, policy=Policy(min_interval=0.05, default_interval=0.05,
                                                                          max_interval=0.05, jitter=0))
    task = asyncio.create_task(poller.run())
    await asyncio.sleep(0.02)
    poller.remove(f"{base}/a.xml")  # a rebalance flip-flop while the first poll runs
    poller.add(ref(base, "/a.xml"))
    await asyncio.sleep(0.4)
    await poller.stop()
    await asyncio.wait_for(task, 2)
    assert len(site.requests) >= 3, "the feed kept its schedule"


async def test_redirect_into_private_network_is_a_recorded_error(serve, monkeypatch) -> None:
    async def hop(request: web.Request) -> web.Response:
        return web.Response(status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    app = web.Application()
    app.router.add_get("/feed", hop)
    base = await serve(app)
    monkeypatch.setattr("streams.poll.fetch.check_url", _trust_first_hop(base))
    async with Fetcher(allow_private=False) as fetcher:
        poller = make([ref(base, "/feed")], Sink(), fetcher)
        assert await poller.poll_once(first(poller)) == 0
        st = poller.store.get(first(poller).url)
    assert st.consecutive_errors == 1 and "169.254.169.254" in st.last_error
    assert st.url == f"{base}/feed", "a refused redirect does not move the feed"


def _trust_first_hop(base: str):
    """The origin is our loopback test server (trusted); every other hop goes through the guard."""
    from streams.poll.guard import check_url

    async def guarded(url: str, allow_private: bool) -> None:
        if not url.startswith(base):
            await check_url(url, allow_private)

    return guarded
