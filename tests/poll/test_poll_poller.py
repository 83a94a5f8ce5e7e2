"""Poller against a live loopback feed site: dedup, updates, backlog cap, failures, run/stop."""

from __future__ import annotations

import asyncio
import logging

import pytest

from streams.models import FeedRef, RawItem
from streams.poll.fetch import Fetcher
from streams.poll.hosts import HostLimiter
from streams.poll.parse import item_id
from streams.poll.poller import Poller
from streams.poll.schedule import Policy
from streams.poll.state import MemoryStore

NOW = 1_746_610_200.0  # 2025-05-07T09:30:00Z, the fixture feeds' pubDate


class Sink:
    """Collects emitted batches; can be told to fail to simulate a broken downstream."""

    def __init__(self) -> None:
        self.batches: list[list[RawItem]] = []
        self.fail = False

    async def __call__(self, items: list[RawItem]) -> None:
        if self.fail:
            raise RuntimeError("sink down")
        self.batches.append(items)

    @property
    def items(self) -> list[RawItem]:
        return [i for batch in self.batches for i in batch]

    @property
    def titles(self) -> list[str]:
        return [i.title for i in self.items]


def ref(base: str, path: str, source: str = "Test Outlet") -> FeedRef:
    return FeedRef(url=f"{base}{path}", source=source, lang="en")


def make(feeds, sink, fetcher, **kw) -> Poller:
    kw.setdefault("limiter", HostLimiter(concurrency=8, min_gap=0))
    return Poller(feeds, sink, fetcher=fetcher, **kw)


def first(poller: Poller) -> FeedRef:
    return next(iter(poller.feeds.values()))


async def test_second_poll_of_unchanged_feed_emits_nothing(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First"), ("g2", "Second")]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher, clock=lambda: NOW)
    assert await poller.poll_once(first(poller)) == 2
    assert sink.titles == ["First", "Second"]
    assert {i.fetched_at for i in sink.batches[0]} == {"2025-05-07T09:30:00Z"}
    assert await poller.poll_once(first(poller)) == 0
    assert len(sink.batches) == 1
    assert site.requests[1][1] is not None, "second poll should be conditional (If-None-Match)"
    assert site.statuses[-1] == 304


async def test_unchanged_body_without_validators_emits_nothing(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.etags = False
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    feed = first(poller)
    assert await poller.poll_once(feed) == 1
    assert await poller.poll_once(feed) == 0  # same bytes: not even parsed
    site.feeds["/a.xml"].insert(0, ("g3", "Breaking"))
    assert await poller.poll_once(feed) == 1
    assert await poller.poll_once(feed) == 0
    assert sink.titles == ["First", "Breaking"]
    st = poller.store.get(feed.url)
    assert st.emitted == 2 and st.errors == 0 and st.health == "ok"


@pytest.mark.parametrize("validator", [{"ETag": '"static"'}, {"Last-Modified": "Wed, 07 May 2025 09:00:00 GMT"}])
async def test_new_entries_under_a_validator_that_never_changes_are_emitted(feed_site, fetcher: Fetcher,
                                                                              validator: dict[str, str]) -> None:
    """A server that ignores conditional requests and sends a fixed ETag or Last-Modified: only the
    same bytes mean nothing changed."""
    site, base = feed_site
    site.etags = False
    site.headers["/a.xml"] = validator
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    feed = first(poller)
    assert await poller.poll_once(feed) == 1
    site.feeds["/a.xml"].insert(0, ("g2", "Breaking"))
    assert await poller.poll_once(feed) == 1
    assert sink.titles == ["First", "Breaking"]


async def test_changed_entry_is_emitted_once_as_update(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "Quake hits coast")]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    feed = first(poller)
    await poller.poll_once(feed)
    site.feeds["/a.xml"] = [("g2", "New story"), ("g1", "Quake hits coast, dozens dead")]
    assert await poller.poll_once(feed) == 2
    assert await poller.poll_once(feed) == 0
    new, update = sink.batches[1]
    assert (new.title, new.update) == ("New story", False)
    assert (update.title, update.update) == ("Quake hits coast, dozens dead", True)
    assert update.id == sink.batches[0][0].id, "an update keeps the entry's id"


async def test_first_poll_of_long_backlog_emits_only_most_recent(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [(f"g{n}", f"Item {n}") for n in range(50)]
    site.dates = {f"g{n}": NOW - n * 600 for n in range(50)}  # g0 newest
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher, first_poll_max=5)
    feed = first(poller)
    assert await poller.poll_once(feed) == 5
    assert sink.titles == [f"Item {n}" for n in range(5)]
    site.feeds["/a.xml"].insert(0, ("new", "Fresh"))
    assert await poller.poll_once(feed) == 1, "older backlog entries are seen, not new"
    assert sink.titles[-1] == "Fresh"


async def test_state_survives_a_restart(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    store, sink = MemoryStore(), Sink()
    await make([ref(base, "/a.xml")], sink, fetcher, store=store).poll_once(ref(base, "/a.xml"))
    site.etags = False  # even an unconditional 200 re-emits nothing
    site.feeds["/a.xml"].append(("g0", "Older"))
    again = make([ref(base, "/a.xml")], sink, fetcher, store=store)
    assert again._planned[f"{base}/a.xml"] == store.get(f"{base}/a.xml").next_poll > 0
    assert await again.poll_once(ref(base, "/a.xml")) == 1
    assert sink.titles == ["First", "Older"]


async def test_failing_feed_backs_off_then_turns_unhealthy(feed_site, fetcher: Fetcher,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    site, base = feed_site
    site.broken["/down.xml"] = 500
    clock = [NOW]
    policy = Policy(error_base=60, error_cap=3600, unhealthy_after=3, unhealthy_interval=86400, jitter=0)
    poller = make([ref(base, "/down.xml")], Sink(), fetcher, policy=policy, clock=lambda: clock[0])
    feed = first(poller)
    gaps = []
    with caplog.at_level(logging.WARNING, logger="newsstream.poll"):
        for _ in range(4):
            assert await poller.poll_once(feed) == 0
            st = poller.store.get(feed.url)
            gaps.append(st.next_poll - clock[0])
            clock[0] = st.next_poll
    assert gaps == [60, 120, 86400, 86400]
    assert st.consecutive_errors == 4 and st.unhealthy and st.health == "unhealthy" and st.last_status == 500
    assert "500" in caplog.text and "unhealthy" in caplog.text
    site.broken.clear()
    site.feeds["/down.xml"] = [("g1", "Back")]
    assert await poller.poll_once(feed) == 1
    assert poller.store.get(feed.url).health == "ok"


async def test_gone_feed_is_disabled(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.broken["/old.xml"] = 410
    poller = make([ref(base, "/old.xml")], Sink(), fetcher)
    feed = first(poller)
    await poller.poll_once(feed)
    await poller.poll_once(feed)
    assert len(site.requests) == 1, "a disabled feed is not fetched again"
    assert poller.store.get(feed.url).health == "disabled"


async def test_unparseable_body_is_a_recorded_error(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.raw["/junk.xml"] = b"<html><body>We moved!</body></html>"
    poller = make([ref(base, "/junk.xml")], Sink(), fetcher)
    assert await poller.poll_once(first(poller)) == 0
    st = poller.store.get(first(poller).url)
    assert st.consecutive_errors == 1 and "no entries" in st.last_error


async def test_recoverable_bozo_keeps_entries_and_records_warning(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "Fine"), ("g2", "Also fine")]
    site.raw["/a.xml"] = site.rss("/a.xml").replace(b"</channel></rss>", b"<item><title>cut off")
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    assert await poller.poll_once(first(poller)) >= 2
    assert poller.store.get(first(poller).url).warning.startswith("recoverable")


async def test_one_failing_feed_does_not_stop_others(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/good.xml"] = [("g1", "Good news")]
    site.broken["/down.xml"] = 500
    feeds = [ref(base, "/down.xml"), ref(base, "/missing.xml"), ref(base, "/good.xml", "Good Outlet")]
    sink = Sink()
    poller = make(feeds, sink, fetcher)
    task = asyncio.create_task(poller.run())
    try:
        async with asyncio.timeout(5):
            while not sink.batches or len(site.requests) < 3:
                await asyncio.sleep(0.02)
    finally:
        await poller.stop()
        await asyncio.wait_for(task, 2)
    assert sink.titles == ["Good news"]
    assert sink.batches[0][0].source == "Good Outlet"
    errors = {url: poller.store.get(url).errors for url in poller.feeds}
    assert errors[f"{base}/down.xml"] == 1 and errors[f"{base}/missing.xml"] == 1
    assert errors[f"{base}/good.xml"] == 0


async def test_sink_failure_does_not_lose_items(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    sink.fail = True
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    with pytest.raises(RuntimeError, match="sink down"):
        await poller.poll_once(first(poller))
    sink.fail = False
    assert await poller.poll_once(first(poller)) == 1, "items must be offered again after a sink failure"
    assert sink.titles == ["First"]


async def test_run_follows_the_schedule_and_registry_changes(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    site.feeds["/b.xml"] = [("b1", "Bee")]
    sink = Sink()
    policy = Policy(min_interval=0.1, default_interval=0.1, max_interval=0.2, jitter=0)
    poller = make([ref(base, "/a.xml")], sink, fetcher, policy=policy)
    task = asyncio.create_task(poller.run())
    await asyncio.sleep(0.05)
    assert len(site.requests) == 1, "first poll should happen right away"
    site.feeds["/a.xml"].insert(0, ("g2", "Later"))
    poller.add(ref(base, "/b.xml"))  # joins without a restart
    await asyncio.sleep(0.45)
    await poller.release([f"{base}/a.xml"])
    n_a = sum(1 for p, _ in site.requests if p == "/a.xml")
    await asyncio.sleep(0.3)
    await poller.stop()
    await asyncio.wait_for(task, 2)
    assert task.done() and task.exception() is None
    assert 3 <= n_a <= 7
    assert sum(1 for p, _ in site.requests if p == "/a.xml") == n_a, "released feed no longer polled"
    assert sorted(sink.titles) == ["Bee", "First", "Later"]
    count = len(site.requests)
    await asyncio.sleep(0.25)
    assert len(site.requests) == count, "no polling after stop()"


async def test_concurrency_is_bounded(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    active = 0
    peak = 0
    original = fetcher.fetch

    async def counting_fetch(url: str, **kwargs: object):
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        try:
            await asyncio.sleep(0.02)
            return await original(url, **kwargs)
        finally:
            active -= 1

    fetcher.fetch = counting_fetch  # type: ignore[method-assign]
    for n in range(10):
        site.feeds[f"/{n}.xml"] = [(f"g{n}", f"Item {n}")]
    poller = make([ref(base, f"/{n}.xml") for n in range(10)], Sink(), fetcher, concurrency=3)
    assert await poller.poll_all() == 10
    assert peak == 3


async def test_entry_listed_twice_with_different_text_is_not_an_update_every_poll(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.etags = False
    site.feeds["/a.xml"] = [("g1", "Version A"), ("g1", "Version B")]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    feed = first(poller)
    assert await poller.poll_once(feed) == 1
    site.feeds["/a.xml"].append(("g2", "Another"))  # the body changes, g1's copies do not
    assert await poller.poll_once(feed) == 1
    assert sink.titles == ["Version A", "Another"]


async def test_feed_switching_parser_does_not_re_emit_its_entries(feed_site, fetcher: Fetcher) -> None:
    """An item with <media:content> sends the whole feed to feedparser: guids like "100234" keep their ids."""
    site, base = feed_site
    site.feeds["/a.xml"] = [("100234", "Story A"), ("100235", "Story B")]
    sink = Sink()
    poller = make([ref(base, "/a.xml")], sink, fetcher)
    feed = first(poller)
    assert await poller.poll_once(feed) == 2  # the fast path
    photo = ('<item><title>Story C</title><guid>100236</guid><media:content xmlns:media='
             '"http://search.yahoo.com/mrss/" url="https://img.example/c.jpg"/></item>')
    site.raw["/a.xml"] = site.rss("/a.xml").replace(b"<item>", photo.encode() + b"<item>", 1)  # feedparser
    assert await poller.poll_once(feed) == 1
    assert sink.titles == ["Story A", "Story B", "Story C"]


async def test_parser_crash_is_a_recorded_error_with_backoff(feed_site, fetcher: Fetcher,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args, **kwargs):
        raise OverflowError("date value out of range")

    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    monkeypatch.setattr("streams.poll.poller.parse", crash)
    poller = make([ref(base, "/a.xml")], Sink(), fetcher, clock=lambda: NOW)
    assert await poller.poll_once(first(poller)) == 0
    st = poller.store.get(first(poller).url)
    assert st.consecutive_errors == 1 and "OverflowError: date value out of range" in st.last_error
    assert st.next_poll > NOW


async def test_links_resolve_against_where_a_redirect_led(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.broken["/old.xml"] = 302
    site.headers["/old.xml"] = {"Location": "/new/feed.xml"}
    site.raw["/new/feed.xml"] = (b'<rss version="2.0"><channel><title>x</title><item><title>R</title><link>story-1.html'
                                 b"</link></item><item><title>A</title><guid>https://e.example/a</guid></item></channel></rss>")
    sink = Sink()
    poller = make([ref(base, "/old.xml")], sink, fetcher)
    assert await poller.poll_once(first(poller)) == 2
    assert [i.url for i in sink.items] == [f"{base}/new/story-1.html", "https://e.example/a"]
    assert sink.items[1].id == item_id(f"{base}/old.xml", "https://e.example/a"), "ids stay scoped to the feed"
