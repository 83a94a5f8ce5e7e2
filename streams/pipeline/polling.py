"""The poller as a Faust app of its own: feeds sharded by the Kafka partition of their URL.

    news.feeds ──agent `registry`──▶ table `feeds`        (changelog: who is registered)
                                       │ feeds of this worker's partitions
                                       ▼
                          streams.poll.Poller ──▶ news.raw
                                       │ validators, schedule, health, seen ids
                                       ▼
                                 table `feed_state`    (changelog; key = feed url)

A separate app (id `<prefix><app_id>-poller`, no web server) keeps HTTP work off the clustering
worker's event loop. Every poller process joins its consumer group; Kafka assigns each
`news.feeds` partition to one of them, and a process polls exactly the feeds whose URL hashes
to its partitions. On revocation it waits for its in-flight polls of those feeds before the
rebalance completes (no double polling); the new owner recovers both tables from their
changelogs and continues each feed's schedule from its stored `next_poll`.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import faust
from aiokafka.partitioner import murmur2

from streams.models import FeedRef, RawItem
from streams.pipeline import topics
from streams.pipeline.records import FeedRecord, FeedStateRecord, RawItemRecord, plain, to_record
from streams.pipeline.registry import poller_app_id
from streams.pipeline.tablesync import partition_context
from streams.poll.fetch import Fetcher
from streams.poll.hosts import HostLimiter
from streams.poll.poller import Poller
from streams.poll.schedule import Policy
from streams.poll.state import FeedState
from streams.settings import Settings

log = logging.getLogger("newsstream.poller")

settings = Settings.load()

app = faust.App(
    poller_app_id(settings),
    broker=f"kafka://{settings.broker or '127.0.0.1:9092'}",
    store=settings.store,
    datadir=str(settings.data_dir / "poller"),
    web_enabled=False,
    topic_partitions=settings.partitions,
    topic_replication_factor=settings.replication,
    key_serializer="raw",
    value_serializer="orjson",
    consumer_auto_offset_reset="earliest",
    table_standby_replicas=0,
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=min(3.0, settings.session_timeout / 4),
    producer_acks=-1,
    producer_linger_ms=5,
    autodiscover=False,
)

# No value_type: a typed topic refuses tombstones (None), and `feeds remove` writes them.
feeds_topic = app.topic(topics.FEEDS, key_type=str, value_serializer="orjson")
raw_topic = app.topic(topics.RAW, value_type=RawItemRecord)
# Keys are the url's bytes (key_type=bytes: the raw codec), exactly what news.feeds is partitioned by.
registry = app.Table("feeds", key_type=bytes, value_type=FeedRecord, partitions=settings.partitions)
# Written from the polling loop, not from an agent: the producer's partitioner (murmur2 of the
# url, as for news.feeds) picks the changelog partition, so state sits beside its feed.
feed_state = app.Table("feed_state", key_type=bytes, value_type=FeedStateRecord,
                       partitions=settings.partitions, use_partitioner=True)


@functools.lru_cache(maxsize=65536)
def feed_partition(url: str) -> int:
    """The news.feeds partition of `url` (Kafka's default partitioner)."""
    return (murmur2(url.encode()) & 0x7FFFFFFF) % settings.partitions


def policy_from(s: Settings) -> Policy:
    return Policy(
        min_interval=min(s.poll_min_interval, s.poll_interval), max_interval=s.poll_max_interval,
        default_interval=s.poll_interval, entry_factor=s.poll_entry_factor, jitter=s.poll_jitter,
        error_base=min(s.poll_error_base, s.poll_interval), error_cap=s.poll_error_cap,
        unhealthy_after=s.poll_unhealthy_after, unhealthy_interval=s.poll_max_interval,
    )


def fetcher_from(s: Settings) -> Fetcher:
    return Fetcher(s.http_user_agent, connect_timeout=s.poll_connect_timeout, read_timeout=s.poll_read_timeout,
                   total_timeout=s.poll_total_timeout, max_bytes=s.poll_max_bytes,
                   max_redirects=s.poll_max_redirects, allow_private=s.allow_private_networks,
                   max_connections=s.poll_concurrency)


class TableStore:
    """`StateStore` over the `feed_state` table."""

    def get(self, key: str) -> FeedState | None:
        record = feed_state.get(key.encode())
        return None if record is None else FeedState.from_dict(plain(record))

    def put(self, key: str, state: FeedState) -> None:
        # From the polling task, where no event is current: the RocksDB store (deployments)
        # refused the write, so no feed's state was ever kept and every feed was refetched and
        # re-emitted at each retry. Its partition is the changelog record's (the partitioner's).
        with partition_context(feed_partition(key)):
            feed_state[key.encode()] = FeedStateRecord(**state.to_dict())


async def _emit(items: list[RawItem]) -> None:
    """Send and wait for the acks: state says "seen" only for what the broker has."""
    pending = [await raw_topic.send(key=item.id, value=to_record(item)) for item in items]
    for fut in pending:
        await fut


class _Shard:
    """The Poller of this process and the set of feed partitions it owns."""

    def __init__(self) -> None:
        self.poller: Poller | None = None
        self.dirty = True  # registry or assignment changed since the last reconcile

    def owned(self) -> set[int]:
        return {tp.partition for tp in app.consumer.assignment() if tp.topic == topics.FEEDS}

    def reconcile(self) -> None:
        """Poll exactly the registered feeds of owned partitions (after recovery only)."""
        if not self.dirty or self.poller is None or app.rebalancing or app.in_recovery:
            return
        if not app.tables.recovery.completed.is_set():
            return
        self.dirty = False
        mine = self.owned()
        wanted: dict[str, FeedRef] = {}
        for key, record in registry.items():
            url = key.decode()
            if record is not None and feed_partition(url) in mine:
                wanted[url] = FeedRef(url=record.url, source=record.source, category=record.category,
                                      lang=record.lang)
        for url in [u for u in self.poller.feeds if u not in wanted]:
            self.poller.remove(url)
        for url, feed in wanted.items():
            if self.poller.feeds.get(url) != feed:
                self.poller.add(feed)


shard = _Shard()


@app.agent(feeds_topic)
async def follow_registry(stream: Any) -> None:
    """news.feeds → table `feeds`; an explicit (re-)registration re-enables a disabled feed."""
    async for event in stream.events():
        url, record = event.key, event.value
        if isinstance(url, bytes):
            url = url.decode()
        if record is None:
            registry.pop(url.encode(), None)
            shard.dirty = True
            if shard.poller is not None:
                shard.poller.remove(url)
            log.info("feed removed: %s", url)
            continue
        try:
            record = FeedRecord.from_data(record)
        except (TypeError, ValueError, AttributeError) as exc:  # a raising agent would lose the event
            log.warning("ignoring malformed registry record for %s: %s", url, exc)
            continue
        registry[url.encode()] = record
        shard.dirty = True
        state = TableStore().get(url)
        if state is not None and state.disabled:
            state.disabled, state.next_poll = None, 0.0
            TableStore().put(url, state)
            log.warning("feed %s registered again: re-enabled", url)
            shard.reconcile()
            if shard.poller is not None:
                shard.poller.wake(url)
        shard.reconcile()


@app.on_partitions_revoked.connect
async def _on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
    parts = {tp.partition for tp in revoked if tp.topic == topics.FEEDS}
    if shard.poller is not None and parts:
        leaving = [u for u in shard.poller.feeds if feed_partition(u) in parts]
        await shard.poller.release(leaving)
        await app.producer.flush()  # their last state is in the changelog before the new owner reads it
        log.info("released %d feeds of partitions %s", len(leaving), sorted(parts))


@app.on_partitions_assigned.connect
async def _on_assigned(sender: Any, assigned: Any, **kwargs: Any) -> None:
    shard.dirty = True  # the timer adopts the new partitions' feeds once their tables are recovered


@app.timer(interval=1.0)
async def _reconcile() -> None:
    shard.reconcile()


@app.task
async def _poll_forever() -> None:
    fetcher = fetcher_from(settings)
    shard.poller = Poller(
        [], _emit, fetcher=fetcher, store=TableStore(), policy=policy_from(settings),
        limiter=HostLimiter(settings.poll_host_concurrency, settings.poll_host_gap),
        concurrency=settings.poll_concurrency, max_entries=settings.poll_max_entries,
        first_poll_max=settings.poll_first_max, seen_ttl=settings.poll_seen_ttl, max_seen=settings.poll_max_seen,
    )
    try:
        await shard.poller.run()
    finally:
        await fetcher.close()


def run_poller(feeds: list[FeedRef], loglevel: str = "warn") -> None:
    """Publish `feeds` (new or changed ones) to news.feeds, then run the poller worker until
    SIGINT/SIGTERM. The settings must already be exported to the environment."""
    import asyncio

    from faust import Worker

    from streams.pipeline.clients import ensure_topics
    from streams.pipeline.registry import publish_feeds, read_registry

    async def prepare() -> None:
        await ensure_topics(settings.broker, settings.partitions, settings.replication)
        known = await read_registry(settings.broker)
        changed = [f for f in feeds if known.get(f.url) != f]
        if changed:
            await publish_feeds(settings.broker, changed)
        log.warning("registry: %d feeds known, %d published from the feeds file", len(known), len(changed))

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(prepare())
    asyncio.set_event_loop(asyncio.new_event_loop())
    from streams.pipeline.worker import quiet_worker

    quiet_worker(Worker(app, loglevel=loglevel, quiet=True)).execute_from_commandline()
