"""The agents: decode, call the pure stages (`streams.flow`), send. Nothing else lives here.

    news.raw ──process (clean+tag)──▶ news.articles ──stories (cluster+alert)──▶ news.stories
                                                                          └────▶ news.alerts
Both agents batch with `take()`: Faust's per-event overhead dominates otherwise. Concurrency stays
1 (faust-streaming #606 loses offsets with concurrency > 1).
"""

from __future__ import annotations

import contextlib
import logging
import time
import weakref
from collections.abc import Iterator
from typing import Any

from aiokafka.partitioner import murmur2
from faust import streams as faust_streams

from streams.cluster import ClusterParams
from streams.errors import InputError
from streams.flow import Process, StoryStage
from streams.models import Article, RawItem, Story
from streams.pipeline import topics
from streams.pipeline.app import app, settings
from streams.pipeline.records import AlertRecord, ArticleRecord, RawItemRecord, StoryRecord, to_model, to_record

log = logging.getLogger("newsstream.agents")

raw_topic = app.topic(topics.RAW, value_type=RawItemRecord)
articles_topic = app.topic(topics.ARTICLES, value_type=ArticleRecord)
stories_topic = app.topic(topics.STORIES, value_type=StoryRecord)
alerts_topic = app.topic(topics.ALERTS, value_type=AlertRecord)

stories_table = app.Table("stories", value_type=StoryRecord, partitions=settings.partitions)


def shard_key(article: Article) -> str:
    """The clustering shard: articles that could share a story must meet in one partition."""
    return article.lang or "und"


def shard_partition(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner picks for `key` (murmur2, as aiokafka)."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


@contextlib.contextmanager
def event_context(event: Any) -> Iterator[None]:
    """Make `event` current so table writes after `take_events()` go to its partition's changelog
    (Faust only sets this context for one-at-a-time iteration)."""
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)


@app.agent(raw_topic)
async def process(stream: Any) -> None:
    step = Process()
    async for batch in stream.take(settings.batch_size, within=settings.batch_within):
        now = time.time()
        for record in batch:
            try:
                article = step(to_model(record, RawItem), now)
            except InputError as exc:
                log.warning("dropped raw item %s: %s", getattr(record, "id", "?"), exc)
                continue
            await articles_topic.send(key=shard_key(article), value=to_record(article))


class _Stages:
    """The worker's StoryStage, rebuilt from the table whenever partitions move."""

    def __init__(self) -> None:
        self.stage: StoryStage | None = None

    def invalidate(self, *args: Any, **kwargs: Any) -> None:
        self.stage = None

    def get(self) -> StoryStage:
        if self.stage is None:
            mine = {tp.partition for tp in app.consumer.assignment() if tp.topic == topics.ARTICLES}
            stories = [
                to_model(rec, Story) for rec in stories_table.values()
                if shard_partition(rec.lang or "und", settings.partitions) in mine
            ]
            self.stage = StoryStage(ClusterParams(), stories)
            log.info("cluster state rebuilt: %d stories for partitions %s", len(stories), sorted(mine))
        return self.stage


_stages = _Stages()


@app.on_partitions_revoked.connect
async def _on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
    _stages.invalidate()


@app.on_partitions_assigned.connect
async def _on_assigned(sender: Any, assigned: Any, **kwargs: Any) -> None:
    _stages.invalidate()


@app.agent(articles_topic)
async def stories(stream: Any) -> None:
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        stage = _stages.get()
        now = time.time()
        touched: dict[str, tuple[Any, Story]] = {}
        pending = []
        for event in events:
            outcome = stage(to_model(event.value, Article), now)
            if outcome.assignment.duplicate:
                continue
            story = outcome.story
            touched[story.id] = (event, story)
            for alert in outcome.alerts:
                pending.append(await alerts_topic.send(key=story.id, value=to_record(alert)))
        for fut in pending:  # alerts acked before the state that says they were sent
            await fut
        for event, story in touched.values():
            record = to_record(story)
            with event_context(event):
                stories_table[story.id] = record
            await stories_topic.send(key=story.id, value=record)
