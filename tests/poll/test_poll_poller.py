"""Poller against a live loopback feed site: dedup across polls, failure isolation, run/stop."""

from __future__ import annotations

import asyncio
import logging

import pytest

from streams.models import FeedRef, RawItem
from streams.poll.fetch import Fetcher
from streams.poll.poller import Poller


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
    def titles(self) -> list[str]:
        return [i.title for batch in self.batches for i in batch]


def ref(base: str, path: str, source: str = "Test Outlet") -> FeedRef:
    return FeedRef(url=f"{base}{path}", source=source, lang="en")


async def test_second_poll_of_unchanged_feed_emits_nothing(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First"), ("g2", "Second")]
    sink = Sink()
    poller = Poller([ref(base, "/a.xml")], sink, fetcher=fetcher, clock=lambda: 1_746_610_200.0)
    assert await poller.poll_once(poller.feeds[0]) == 2
    assert sink.titles == ["First", "Second"]
    assert {i.fetched_at for i in sink.batches[0]} == {"2025-05-07T09:30:00Z"}
    assert await poller.poll_once(poller.feeds[0]) == 0
    assert len(sink.batches) == 1
    assert site.requests[1][1] is not None, "second poll should be conditional (If-None-Match)"


async def test_seen_ids_dedupe_even_without_conditional_get(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.etags = False
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    poller = Poller([ref(base, "/a.xml")], sink, fetcher=fetcher)
    feed = poller.feeds[0]
    assert await poller.poll_once(feed) == 1
    assert await poller.poll_once(feed) == 0

    site.feeds["/a.xml"].insert(0, ("g3", "Breaking"))
    assert await poller.poll_once(feed) == 1
    assert await poller.poll_once(feed) == 0
    assert sink.titles == ["First", "Breaking"]
    assert poller.state[feed.url].emitted == 2 and poller.state[feed.url].errors == 0


async def test_new_entry_emitted_once_with_etags(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    poller = Poller([ref(base, "/a.xml")], sink, fetcher=fetcher)
    feed = poller.feeds[0]
    await poller.poll_once(feed)
    site.feeds["/a.xml"].insert(0, ("g2", "Update"))
    assert await poller.poll_once(feed) == 1
    assert await poller.poll_once(feed) == 0
    assert sink.titles == ["First", "Update"]


async def test_failing_feed_counted_and_logged(feed_site, fetcher: Fetcher, caplog: pytest.LogCaptureFixture) -> None:
    site, base = feed_site
    site.broken["/down.xml"] = 503
    poller = Poller([ref(base, "/down.xml")], Sink(), fetcher=fetcher)
    with caplog.at_level(logging.WARNING, logger="newsstream.poll"):
        assert await poller.poll_once(poller.feeds[0]) == 0
        assert await poller.poll_once(poller.feeds[0]) == 0
    assert poller.errors == {f"{base}/down.xml": 2}
    assert poller.state[f"{base}/down.xml"].consecutive_errors == 2
    assert "503" in caplog.text


async def test_one_failing_feed_does_not_stop_others(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/good.xml"] = [("g1", "Good news")]
    site.feeds["/junk.xml"] = []
    site.broken["/down.xml"] = 500
    feeds = [ref(base, "/down.xml"), ref(base, "/missing.xml"), ref(base, "/good.xml", "Good Outlet")]
    sink = Sink()
    poller = Poller(feeds, sink, fetcher=fetcher, interval=60)
    task = asyncio.create_task(poller.run())
    try:
        async with asyncio.timeout(5):
            while not sink.batches:
                await asyncio.sleep(0.02)
    finally:
        await poller.stop()
        await asyncio.wait_for(task, 2)
    assert sink.titles == ["Good news"]
    assert sink.batches[0][0].source == "Good Outlet"
    assert poller.errors[f"{base}/down.xml"] >= 1 and poller.errors[f"{base}/missing.xml"] >= 1
    assert poller.errors[f"{base}/good.xml"] == 0


async def test_sink_failure_does_not_lose_items(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    sink.fail = True
    poller = Poller([ref(base, "/a.xml")], sink, fetcher=fetcher)
    with pytest.raises(RuntimeError, match="sink down"):
        await poller.poll_once(poller.feeds[0])
    sink.fail = False
    assert await poller.poll_once(poller.feeds[0]) == 1, "items must be offered again after a sink failure"
    assert sink.titles == ["First"]


async def test_run_polls_immediately_then_every_interval(feed_site, fetcher: Fetcher) -> None:
    site, base = feed_site
    site.feeds["/a.xml"] = [("g1", "First")]
    sink = Sink()
    poller = Poller([ref(base, "/a.xml")], sink, fetcher=fetcher, interval=0.1)
    task = asyncio.create_task(poller.run())
    await asyncio.sleep(0.05)
    assert len(site.requests) == 1, "first poll should happen right away"
    site.feeds["/a.xml"].insert(0, ("g2", "Later"))
    await asyncio.sleep(0.4)
    await poller.stop()
    await asyncio.wait_for(task, 2)
    assert task.done() and task.exception() is None
    assert 3 <= len(site.requests) <= 7
    assert sink.titles == ["First", "Later"]
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
    sink = Sink()
    poller = Poller([ref(base, f"/{n}.xml") for n in range(10)], sink, fetcher=fetcher, concurrency=3)
    assert await poller.poll_all() == 10
    assert peak == 3
