"""The agents: decode, call the pure stages (`streams.flow`), send. Nothing else lives here.

    news.raw ──process (clean+tag)──▶ news.articles ──stories (cluster+alert)──▶ news.stories
        └─▶ news.raw.dlq                   └─▶ news.articles.dlq              ├─▶ news.alerts
                                                                              ├─▶ table `articles`
                                                                              └─▶ table `seen`
Stories past `retention_days` are deleted from the tables with their articles (a tombstone on
news.stories); a story keeps stored only the articles its snapshot lists.

Both agents batch with `take()`: Faust's per-event overhead dominates otherwise (and the worker's
consumer hands each fetched batch to the streams in one task: `consumer`). clean+tag runs in
a helper process (`offload`), the one stage with no state, so a worker uses a second core.
Concurrency stays 1 (faust-streaming #606 loses offsets with concurrency > 1). Values travel as
plain JSON bytes (`codec`), ~10× cheaper than `faust.Record` per message. A record that cannot be decoded, or that
makes a stage raise, goes to the stage's dead-letter topic: an agent that raises in Faust stops
consuming, silently, so nothing may escape the loop. Every send of a batch is acknowledged before
the batch's offsets can be committed (at-least-once; redeliveries are recognised downstream).
Records and table changelogs go straight to the producer (`_publish`, `tablesync.write`): Faust's
`Topic.send` wraps each in a FutureMessage with callbacks and sensors, and inside a stream (without
`force=True`, which the rare dead-letter sends keep) would hold it until commit time.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from functools import partial
from typing import Any

import orjson

from streams.cluster import background
from streams.cluster.story import SNAPSHOT_ARTICLES, snapshot_json, unlisted
from streams.errors import InputError, PoisonRecord
from streams.flow import StoryStage
from streams.models import Article, Story
from streams.pipeline import topics
from streams.pipeline.app import app, settings
from streams.pipeline.codec import decode, encode
from streams.pipeline.live import metrics
from streams.pipeline.offload import DROPPED, FAILED, OK, Offload
from streams.pipeline.tables import (ARTICLE_TEXT_CHARS, articles_table, load_story, seen_table, stored_seen,
                                     stored_stories, stories_table)
from streams.pipeline.tablesync import event_context, write

log = logging.getLogger("newsstream.agents")
DLQ_OVERHEAD = 16 * 1024  # headers and batch framing, below the producer's request limit

raw_topic = app.topic(topics.RAW, value_serializer="raw")
articles_topic = app.topic(topics.ARTICLES, value_serializer="raw")
raw_dlq = app.topic(topics.RAW_DLQ, value_serializer="raw")
articles_dlq = app.topic(topics.ARTICLES_DLQ, value_serializer="raw")

async def dead_letter(topic: Any, event: Any, stage: str, error: str) -> Any:
    """The original bytes, untouched, with why and where in headers; returns the send future. A
    record the broker took but our producer cannot send whole (over `producer_max_request_size`:
    the send raised, and the agent stopped) keeps its first bytes and says its size."""
    msg = event.message
    log.warning("%s: record %s[%d]@%d to dead letters: %s", stage, msg.topic, msg.partition, msg.offset, error)
    headers = [("error", error[:1000].encode()), ("stage", stage.encode()), ("topic", msg.topic.encode()),
               ("partition", str(msg.partition).encode()), ("offset", str(msg.offset).encode())]
    value = msg.value
    room = app.conf.producer_max_request_size - DLQ_OVERHEAD - len(msg.key or b"")
    if value is not None and len(value) > room:
        headers.append(("truncated_from", str(len(value)).encode()))
        value = value[:room]
    return await topic.send(key=msg.key, value=value, headers=headers, force=True)


async def _publish(topic: str, key: bytes, value: bytes, headers: list[tuple[str, bytes]] | None = None) -> Any:
    """Straight to the producer; returns the delivery future. Faust's `Topic.send` wraps every
    record in a FutureMessage with callbacks and sensors: a tenth of the worker's time in bursts."""
    return await app.producer.send(topic, key, value, None, None, headers)


async def _handled(call: Any, event: Any, dlq: Any, stage: str, pending: list[Any]) -> Any:
    """`call()`, or None: poison and stage failures go to `dlq` (the send future joins `pending`),
    since an exception escaping an agent loop stops the stream."""
    try:
        return call()
    except PoisonRecord as exc:
        reason = str(exc)
    except InputError as exc:  # valid record, nothing usable in it (e.g. no title)
        log.info("%s: dropped record at offset %d: %s", stage, event.message.offset, exc)
        return None
    except Exception as exc:  # noqa: BLE001 — a stage bug must not stop the stream
        log.exception("%s failed on offset %d", stage, event.message.offset)
        reason = f"{type(exc).__name__}: {exc}"
    pending.append(await dead_letter(dlq, event, stage, reason))
    return None


offload = Offload(settings.clean_processes)


@app.agent(raw_topic)
async def process(stream: Any) -> None:
    """clean + tag, in a helper process (`offload`): the loop runs the stories agent meanwhile."""
    await offload.run([], 0.0)  # start the helper now, not when the first batch is waiting
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        results = await offload.run([event.value for event in events], time.time())
        pending = []
        for event, (status, detail, value) in zip(events, results, strict=True):
            if status == OK:
                pending.append(await _publish(topics.ARTICLES, detail.encode(), value))
            elif status == DROPPED:
                log.info("process: dropped record at offset %d: %s", event.message.offset, detail)
            else:
                if status == FAILED:
                    log.error("process failed on offset %d: %s", event.message.offset, detail)
                pending.append(await dead_letter(raw_dlq, event, "process", detail.split("\n", 1)[0]))
        for fut in pending:
            await fut


@app.on_before_shutdown.connect
async def _stop_offload(sender: Any, **kwargs: Any) -> None:
    offload.close()


class _Shards:
    """One StoryStage per `news.articles` partition, rebuilt from the table when first needed.

    Per partition, not per worker: a stage's decisions then depend only on that partition's
    order, whichever worker owns it, and all its stories' changelog writes share its partition.
    """

    def __init__(self) -> None:
        self.stages: dict[int, StoryStage] = {}
        # partition → story id → how many of its oldest article ids left its listing (`unlisted`)
        self.unlisted: dict[int, dict[str, int]] = {}
        # the tables read once for every partition still to be rebuilt (stories, duplicate index)
        self._stored: tuple[dict[int, list[Story]], dict[int, tuple[list[dict], float]]] | None = None
        self._generation = 0  # rebalances seen: a read or build that spans one is done again

    def drop(self, partitions: set[int] | None = None) -> None:
        for p in list(self.stages) if partitions is None else partitions:
            self.stages.pop(p, None)
            self.unlisted.pop(p, None)
        self._stored = None  # a rebalance changes what the tables hold: read them again
        self._generation += 1

    async def get(self, partition: int) -> StoryStage:
        stage = self.stages.get(partition)
        if stage is None:
            started = time.monotonic()
            while True:
                generation = self._generation
                if self._stored is None:
                    stored = (await stored_stories(), await stored_seen())
                    if generation != self._generation:
                        continue  # a rebalance during the read: what the tables hold changed
                    self._stored = stored
                stories = self._stored[0].pop(partition, [])
                seen = self._stored[1].pop(partition, ([], 0.0))
                stage = await asyncio.to_thread(build_stage, stories, seen)
                if generation == self._generation:
                    break  # else a rebalance came while building (`drop` cleared the read): again
            self.stages[partition] = stage
            self.unlisted[partition] = {}
            took = time.monotonic() - started
            metrics.inc("newsstream_rebuilds_total", "Partitions whose cluster state was rebuilt from the tables")
            metrics.inc("newsstream_rebuild_seconds_total", "Time spent rebuilding cluster state", took)
            log.info("partition %d: cluster state rebuilt from %d stored stories, %d duplicate-index entries "
                     "in %.1f s", partition, len(stories), len(seen[0]), took)
        return stage


def build_stage(stories: list[Story], seen: tuple[list[dict], float]) -> StoryStage:
    """A partition's stage from what its tables hold. ~22 µs a stored story, synchronous pure code:
    `_Shards` runs it in a thread, so a big partition (seconds) does not stop the event loop, where
    heartbeats, the other agent and the API keep running. The interpreter hands the GIL over every
    5 ms; the compiled clusterer does at each `pause` (`time.sleep(0)` releases it)."""
    return StoryStage(settings.cluster_params, stories, seen, journal=True, load=load_story,
                      retention=settings.retention_days * 86400.0, pause=_let_others_run)


def _let_others_run() -> None:
    time.sleep(0)


async def _save_seen(stage: StoryStage, partition: int) -> list[Any]:
    """The duplicate index's changes since the last batch; returns the changelog futures."""
    entries, gone = stage.duplicates.changes()
    writes = [await write(app, seen_table, e["id"], orjson.dumps({**e, "partition": partition}), partition)
              for e in entries]
    writes += [await write(app, seen_table, aid, None, partition) for aid in gone if aid in seen_table]
    meta = orjson.dumps({"partition": partition, "latest": stage.duplicates.latest})
    writes.append(await write(app, seen_table, f"~{partition}", meta, partition))
    return writes


shards = _Shards()


@app.on_partitions_revoked.connect
async def _on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
    shards.drop({tp.partition for tp in revoked if tp.topic == topics.ARTICLES})


@app.agent(articles_topic)
async def stories(stream: Any) -> None:
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        by_partition: dict[int, list[Any]] = {}
        for event in events:
            by_partition.setdefault(event.message.partition, []).append(event)
        for partition, batch in by_partition.items():
            await _cluster(await shards.get(partition), partition, batch, time.time())


async def _cluster(stage: StoryStage, partition: int, events: list[Any], now: float) -> None:
    """Cluster one partition's events; alerts and story snapshots are acked before the tables are
    written (the state that says they were sent)."""
    touched: dict[str, Story] = {s.id: s for s in stage.repaired}  # restore's repairs, persisted once
    stage.repaired = []
    pending = []
    articles: list[Article] = []
    for event in events:
        article = await _handled(partial(decode, Article, event.value), event, articles_dlq, "stories", pending)
        if article is None:
            continue
        power = stage.clusterer.params.background
        if not background.ready(article.lang, power):  # a language's first article: its prior is built off the loop
            await asyncio.to_thread(background.prior, article.lang, power)
        outcome = await _handled(partial(stage, article, now), event, articles_dlq, "stories", pending)
        if outcome is None:
            continue
        articles.append(article)
        if outcome.assignment.duplicate:
            continue
        touched[outcome.story.id] = outcome.story
        for gone in outcome.assignment.merged:
            touched[gone.id] = gone
        for alert in outcome.alerts:
            pending.append(await _publish(topics.ALERTS, alert.story_id.encode(), encode(alert),
                                          [("kind", alert.kind.encode())]))
    for gone in stage.dormant:
        touched[gone.id] = gone
    stage.dormant = []
    expired, stage.expired = {sid: touched.pop(sid, None) for sid in stage.expired}, []
    # Every story and article of this stage lives in this partition (and its changelogs' partition).
    fresh: dict[str, set[str]] = {}  # story → the batch's articles it now holds (after merges)
    held: set[str] = set()
    for article in articles:
        sid = stage.clusterer.story_of(article.id)
        if sid is not None:
            fresh.setdefault(sid, set()).add(article.id)
            held.add(article.id)
    snapshots = {sid: snapshot_json(story, fresh.get(sid, frozenset())) for sid, story in touched.items()}
    # The topics hear first, news.stories' deletions (tombstones) included, and are acknowledged with
    # the alerts: a crash before the table writes re-derives this batch from the older table and sends
    # the same records again. The other way round, a story merged away, put to sleep or deleted in
    # this batch would stay on the topic as it was, since the redelivered articles are recognised.
    pending += [await _publish(topics.STORIES, sid.encode(), raw) for sid, raw in snapshots.items()]
    pending += [await _publish(topics.STORIES, sid.encode(), None) for sid in expired]
    for fut in pending:
        await fut
    if shards.stages.get(partition) is not stage:
        # Revoked meanwhile (a rebalance does not wait for this batch): its new owner replays the
        # batch, whose offsets are not committed, and writes these tables; writing them here too
        # would race its recovery.
        log.info("partition %d revoked during a batch: its table writes are left to the new owner", partition)
        return
    unlisted = shards.unlisted.setdefault(partition, {})  # held: a revocation during the writes drops it
    with event_context(events[-1]):
        writes = [await write(app, stories_table, sid, raw, partition) for sid, raw in snapshots.items()]
        for article in articles:
            # stored while its story lists it; an exact copy under another id is in no story: not stored
            if article.id in held:
                raw = encode(dataclasses.replace(article, text=article.text[:ARTICLE_TEXT_CHARS]))
                writes.append(await write(app, articles_table, article.id, raw, partition))
        writes += await _save_seen(stage, partition)
        writes += await _forget(unlisted, touched, fresh, expired, partition)
    metrics.inc("newsstream_articles_total", "Articles out of clean+tag (into clustering)", len(articles))
    for fut in writes:
        await fut


async def _forget(unlisted_from: dict[str, int], touched: dict[str, Story], fresh: dict[str, set[str]],
                  expired: dict[str, Story | None], partition: int) -> list[Any]:
    """Deletes from the tables: the articles a story no longer lists (a long story's oldest), and
    stories past retention with the articles they list. Returns the changelog futures."""
    writes = []
    for sid, story in touched.items():
        if len(story.article_ids) > SNAPSHOT_ARTICLES:
            gone, unlisted_from[sid] = unlisted(story, fresh.get(sid, frozenset()), unlisted_from.get(sid, 0))
            writes += [await write(app, articles_table, aid, None, partition) for aid in gone]
        if story.status != "active":  # out of memory: read back as its snapshot lists it, if revived
            unlisted_from.pop(sid, None)
    for sid, story in expired.items():  # news.stories has its tombstone already (`_cluster`)
        unlisted_from.pop(sid, None)
        story = story or load_story(sid)
        for aid in story.article_ids if story is not None else ():
            writes.append(await write(app, articles_table, aid, None, partition))
        writes.append(await write(app, stories_table, sid, None, partition))
    if expired:
        log.info("partition %d: %d stories past retention deleted", partition, len(expired))
        metrics.inc("newsstream_stories_deleted_total", "Stories deleted after retention_days", len(expired))
    return writes
