"""DemoFeedServer: valid RSS that parse_feed reads, progressive release, conditional GET."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from streams.demo import DemoFeedServer, demo_feeds_yaml, load_demo_data
from streams.errors import FetchError
from streams.models import RawItem
from streams.poll import Fetcher, Poller, load_feeds, parse_feed

FETCHED = "2025-05-07T09:30:00Z"


class FakeClock:
    def __init__(self, now: float = 1_746_610_200.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    f = Fetcher(allow_private=True, total_timeout=5)  # the demo server lives on loopback
    yield f
    await f.close()


async def fetch_items(fetcher: Fetcher, server: DemoFeedServer) -> list[RawItem]:
    items: list[RawItem] = []
    for feed in server.feeds():
        result = await fetcher.fetch(feed.url)
        assert result.headers["content-type"].startswith("application/rss+xml")
        items += parse_feed(result.body, result.headers, feed, FETCHED)
    return items


def test_sample_data_shape() -> None:
    outlets, items = load_demo_data()
    assert len(outlets) == 5
    assert 18 <= len(items) <= 30
    assert all(0 <= i.offset <= 60 for i in items)
    stories: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.story:
            stories[item.story].add(item.outlet)
    assert len(stories) >= 6
    assert all(2 <= len(outs) <= 4 for outs in stories.values()), stories
    assert sum(1 for i in items if not i.story) >= 3, "want unrelated single items too"
    xi_stories = {i.story for i in items if i.story and "Xi" in f"{i.title} {i.summary}" and "Moscow" in i.summary}
    assert len(xi_stories) >= 2, "two stories from the Xi-in-Moscow scenario"
    assert len({i.title for i in items}) == len(items), "each outlet words its story differently"
    assert min(i.offset for i in items) == 0 and max(i.offset for i in items) > 30


async def test_serves_rss_that_parse_feed_reads(fetcher: Fetcher) -> None:
    clock = FakeClock()
    async with DemoFeedServer(clock=clock) as server:
        clock.now += 60
        items = await fetch_items(fetcher, server)
    _, demo = load_demo_data()
    assert len(items) == len(demo)
    by_title = {i.title: i for i in items}
    xi = by_title["Xi Jinping lands in Moscow for talks with Putin"]
    assert xi.source == "Atlas Wire" and xi.lang == "en"
    assert xi.url == "https://atlas-wire.example/news/xi-moscow-atlas"
    assert xi.published == "2025-05-07T09:30:00Z"  # server start + offset 0
    assert "Putin" in xi.summary and xi.categories == ["World", "Russia", "China"]
    later = by_title["Kyiv criticises Xi's Moscow trip while Beijing urges calm"]
    assert later.published == "2025-05-07T09:30:35Z"  # start + 35 s
    assert len({i.id for i in items}) == len(items)


async def test_items_appear_over_time(fetcher: Fetcher) -> None:
    clock = FakeClock()
    async with DemoFeedServer(clock=clock) as server:
        counts = []
        for _ in range(4):
            counts.append(len(await fetch_items(fetcher, server)))
            clock.now += 20
    assert counts[0] >= 1 and counts == sorted(counts) and counts[0] < counts[1] < counts[-1]
    assert counts[-1] == len(load_demo_data()[1])


async def test_speed_up_releases_whole_timeline_quickly(fetcher: Fetcher) -> None:
    async with DemoFeedServer(speed=100) as server:  # 60 demo seconds in 0.6 real seconds
        early = await fetch_items(fetcher, server)
        await asyncio.sleep(0.7)
        late = await fetch_items(fetcher, server)
    total = len(load_demo_data()[1])
    assert 1 <= len(early) < total
    assert len(late) == total
    assert {i.id for i in early} <= {i.id for i in late}


async def test_conditional_get_and_304(fetcher: Fetcher) -> None:
    clock = FakeClock()
    async with DemoFeedServer(clock=clock) as server:
        feed = server.feeds()[0]
        first = await fetcher.fetch(feed.url)
        assert first.etag and first.last_modified
        again = await fetcher.fetch(feed.url, etag=first.etag)
        assert again.not_modified and again.body == b""
        by_date = await fetcher.fetch(feed.url, last_modified=first.last_modified)
        assert by_date.not_modified
        clock.now += 60  # more items released: validators change
        changed = await fetcher.fetch(feed.url, etag=first.etag, last_modified=first.last_modified)
        assert changed.status == 200 and changed.etag != first.etag
        assert len(parse_feed(changed.body, changed.headers, feed, FETCHED)) > len(
            parse_feed(first.body, first.headers, feed, FETCHED)
        )


async def test_unknown_feed_is_404(fetcher: Fetcher) -> None:
    async with DemoFeedServer() as server:
        with pytest.raises(FetchError, match="404"):
            await fetcher.fetch(f"{server.base_url}/feeds/no-such-outlet.xml")


async def test_feeds_and_yaml_round_trip(tmp_path: Path, fetcher: Fetcher) -> None:
    async with DemoFeedServer() as server:
        feeds = server.feeds()
        assert [f.source for f in feeds] == [
            "Meridian Times", "Northwind Post", "Harbor Daily", "Atlas Wire", "Quill Gazette"
        ]
        assert all(f.url.startswith("http://127.0.0.1:") and f.url.endswith(".xml") for f in feeds)
        path = tmp_path / "feeds.yaml"
        path.write_text(demo_feeds_yaml(server.base_url), encoding="utf-8")
        assert load_feeds(path) == feeds
        served = await fetcher.fetch(f"{server.base_url}/feeds.yaml")
        assert served.body.decode() == demo_feeds_yaml(server.base_url)


def test_feeds_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="before start"):
        DemoFeedServer().feeds()


async def test_poller_collects_every_demo_item_exactly_once(fetcher: Fetcher) -> None:
    clock = FakeClock()
    emitted: list[RawItem] = []

    async def sink(items: list[RawItem]) -> None:
        emitted.extend(items)

    async with DemoFeedServer(clock=clock) as server:
        poller = Poller(server.feeds(), sink, fetcher=fetcher)
        for _ in range(7):
            await poller.poll_all()
            clock.now += 10
        await poller.poll_all()
    assert len(emitted) == len(load_demo_data()[1])
    assert len({i.id for i in emitted}) == len(emitted)
    assert not any(poller.errors.values())
