"""The feed registry on Kafka, for the CLI: read compacted topics to their end, publish feeds.

`news.feeds` (key = feed url, value = FeedRecord, a tombstone removes) is what every poller
follows; the poller's `feed_state` changelog holds health and schedule per feed. Both are read
with a group-less consumer from the beginning up to the end offsets taken at the start.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.errors import BrokerError
from streams.models import FeedRef
from streams.pipeline import topics
from streams.pipeline.records import to_record
from streams.settings import Settings

__all__ = ["poller_app_id", "state_changelog", "read_compacted", "read_registry", "publish_feeds", "remove_feeds"]


def poller_app_id(settings: Settings) -> str:
    return settings.topic_prefix + settings.app_id + "-poller"


def state_changelog(settings: Settings) -> str:
    """Faust names a table's changelog `<app id>-<table>-changelog`."""
    return poller_app_id(settings) + "-feed_state-changelog"


async def read_compacted(bootstrap: str, topic: str, timeout: float = 30.0) -> dict[str, Any]:
    """Last value per key (decoded JSON; None for a tombstone) of every partition of `topic`."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    await consumer.start()
    out: dict[str, Any] = {}
    try:
        if topic not in await consumer.topics():
            return out
        consumer.subscribe([topic])  # without a group: every partition is assigned to us
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not consumer.assignment():
            if loop.time() > deadline:
                raise BrokerError(f"no partitions of {topic} assigned")
            await consumer.getmany(timeout_ms=100)
        tps = sorted(consumer.assignment())
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
            if loop.time() > deadline:
                raise BrokerError(f"timed out reading {topic}")
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                for msg in batch:
                    if msg.key is None:
                        continue
                    out[msg.key.decode()] = None if msg.value is None else orjson.loads(msg.value)
    except KafkaError as exc:
        raise BrokerError(f"reading {topic} failed: {exc}") from exc
    finally:
        await consumer.stop()
    return out


async def read_registry(bootstrap: str) -> dict[str, FeedRef]:
    """The registered feeds (tombstones applied)."""
    raw = await read_compacted(bootstrap, topics.FEEDS)
    return {url: FeedRef(url=v["url"], source=v["source"], category=v.get("category"), lang=v.get("lang"))
            for url, v in raw.items() if v is not None}


async def _send(bootstrap: str, messages: Iterable[tuple[str, bytes | None]]) -> int:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        futures = [await producer.send(topics.FEEDS, key=key.encode(), value=value) for key, value in messages]
        await asyncio.gather(*futures)
        return len(futures)
    except KafkaError as exc:
        raise BrokerError(f"writing {topics.FEEDS} failed: {exc}") from exc
    finally:
        await producer.stop()


async def publish_feeds(bootstrap: str, feeds: Iterable[FeedRef]) -> int:
    """Register (or update) feeds; running pollers pick them up without a restart."""
    return await _send(bootstrap, ((f.url, to_record(f).dumps()) for f in feeds))


async def remove_feeds(bootstrap: str, urls: Iterable[str]) -> int:
    """Tombstone feeds in the registry; their poller stops polling them."""
    return await _send(bootstrap, ((u, None) for u in urls))
