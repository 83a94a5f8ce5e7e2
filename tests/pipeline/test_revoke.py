"""A partition revoked while its batch waits for the broker: the rebalance does not wait for the
batch (`stream_wait_empty=False`), so the batch must end cleanly and leave the table writes to the
new owner, which replays it from the uncommitted offsets."""

from __future__ import annotations

import asyncio
import time

from faust.types import TP

from streams.models import Article
from streams.pipeline import agents, topics
from streams.pipeline.codec import encode


class _Message:
    def __init__(self, partition: int, offset: int, value: bytes) -> None:
        self.topic, self.partition, self.offset, self.key, self.value = topics.ARTICLES, partition, offset, b"en", value


class _Event:
    def __init__(self, partition: int, offset: int, value: bytes) -> None:
        self.message, self.value = _Message(partition, offset, value), value


async def test_a_batch_revoked_while_it_waits_for_its_sends_ends_without_writing_the_tables(monkeypatch):
    loop = asyncio.get_running_loop()
    acks: list[asyncio.Future] = []
    published: list[str] = []
    writes: list[str] = []

    async def publish(topic, key, value, headers=None):
        published.append(topic)
        acks.append(loop.create_future())
        return acks[-1]

    async def write(app, table, key, value, partition):
        writes.append(table.name)
        done = loop.create_future()
        done.set_result(None)
        return done

    async def nothing_stored():
        return {}

    monkeypatch.setattr(agents, "_publish", publish)
    monkeypatch.setattr(agents, "write", write)
    monkeypatch.setattr(agents, "stored_stories", nothing_stored)
    monkeypatch.setattr(agents, "stored_seen", nothing_stored)
    monkeypatch.setattr(agents, "shards", agents._Shards())
    article = Article(id="a1", url="https://a.example/1", source="A", source_id="a.example", lang="en",
                      title="Xi Jinping arrives in Moscow for talks with Putin", text="", published="2025-05-07T10:00:00Z")
    stage = await agents.shards.get(0)
    batch = asyncio.ensure_future(agents._cluster(stage, 0, [_Event(0, 0, encode(article))], time.time()))
    while topics.STORIES not in published:  # the batch now waits for its sends' acks
        await asyncio.sleep(0.01)
    await agents._on_revoked(None, revoked={TP(topics.ARTICLES, 0)})
    for ack in acks:
        ack.set_result(None)
    await asyncio.wait_for(batch, 5)  # it raised KeyError here, after writing some of the tables
    assert writes == []
