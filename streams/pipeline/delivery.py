"""Alert delivery: match subscriptions, coalesce, sign and POST, retry, dead-letter. Also the
tasks that keep `streams.pipeline.live` current.

    news.alerts ──agent `deliveries`──▶ table `deliveries` (key = story id: co-partitioned with the
                                         alerts; one StoryOutbox per story, changelog = restart-safe)
    timer `pump` ── seal due batches ─▶ POST (Standard Webhooks / Slack) ─▶ ok: drop
                                                     ├─ 5xx/429/timeout: retry later (Retry-After)
                                                     ├─ 410: disable the subscription, dead-letter
                                                     └─ exhausted / 4xx / blocked: news.alerts.dlq
    config/subscriptions.yaml ──watcher (leader)──▶ news.subscriptions

Tables use the producer's key partitioner (`use_partitioner`), so the pump can write outside an
event and every write still lands in the story's partition.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import orjson
from aiokafka.partitioner import murmur2

from streams.alert import AlertParams, configure
from streams.alert.deliver.retry import RetryPolicy
from streams.alert.deliver.webhook import Result, WebhookClient, render_body
from streams.alert.outbox import Batch, StoryOutbox
from streams.alert.subscriptions import file_changes, load_subscriptions
from streams.errors import ConfigError, PoisonRecord
from streams.models import Alert, iso
from streams.pipeline import topics
from streams.pipeline.app import app, settings
from streams.pipeline.codec import from_obj, load_json
from streams.pipeline.live import metrics, registry, tails
from streams.pipeline.tablesync import changelog_flushed, partition_context

log = logging.getLogger("newsstream.delivery")

configure(AlertParams(developing_sources=settings.alert_developing_sources,
                      developing_window=settings.alert_developing_window,
                      story_created=settings.alert_story_created, story_merged=settings.alert_story_merged,
                      api_base=settings.api_base))

alerts_in = app.topic(topics.ALERTS, value_serializer="raw")
dlq_topic = app.topic(topics.ALERTS_DLQ, value_serializer="raw")
# Keys are the story id's bytes (key_type=bytes: the raw codec): the producer's partitioner then puts
# a story's changelog records in its news.alerts partition, which the worker owning it restores.
# JSON keys ('"st-1"') hashed elsewhere for 3 stories in 4, and a restart lost their pending deliveries.
outbox_table = app.Table("deliveries", key_type=bytes, value_type=bytes, partitions=settings.partitions,
                         use_partitioner=True)

policy = RetryPolicy(settings.webhook_retry_base, settings.webhook_retry_cap, settings.webhook_max_attempts)
client = WebhookClient(settings.webhook_timeout, settings.allow_private_networks, settings.http_user_agent)
MAX_IN_FLIGHT = 128


def _kind(event: Any) -> str:
    """The alert's kind from its `kind` header ("unknown" for records written without one)."""
    headers = event.message.headers or ()
    for name, value in headers.items() if isinstance(headers, dict) else headers:
        if name == "kind" and value:
            return value.decode("utf-8", "replace")
    return "unknown"


def load_box(story_id: str) -> StoryOutbox:
    raw = outbox_table.get(story_id.encode())
    return StoryOutbox.from_dict(orjson.loads(raw)) if raw else StoryOutbox(story_id)


def save_box(box: StoryOutbox) -> None:
    # Also from the pump's tasks, where no event is current: the RocksDB store (deployments) files
    # the key under this partition, the changelog record's, and refused the write without it.
    with partition_context(_partition_of(box.story_id)):
        outbox_table[box.story_id.encode()] = orjson.dumps(box.to_dict())
    pump.note(box)


async def outbox_metadata() -> None:
    """Wait until the producer knows the outbox changelog's partitions. `use_partitioner` writes ask
    the producer's metadata without fetching it, and a changelog topic created at startup can be
    missing from it: the write then raises (and the agent crashes on every batch)."""
    await app.producer._ensure_producer().partitions_for(outbox_table.changelog_topic.get_topic_name())


@app.agent(alerts_in)
async def deliveries(stream: Any) -> None:
    """Queue each alert for every matching webhook subscription, once per (subscription, alert)."""
    await outbox_metadata()
    # Match nothing against a half-loaded registry: wait for the subscriptions topic, and briefly
    # for the leader's first pass over the subscriptions file.
    await tails["subscriptions"].caught_up.wait()
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(watcher.applied.wait(), 5.0)
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        now = time.time()
        # Most alerts match no webhook (or there are none): decoding one costs more than the rest
        # of its way here, so without webhooks only the `kind` header is read.
        decode_all = registry.has_webhooks()
        for event in events:
            if not decode_all:
                metrics.inc("newsstream_alerts_total", "Alerts read from news.alerts", kind=_kind(event))
                continue
            try:
                plain = load_json(event.value)
                alert = from_obj(Alert, plain)
            except PoisonRecord as exc:
                key = event.message.key or b""
                await dlq_topic.send(key=key, value=orjson.dumps(
                    {"reason": f"unreadable alert: {exc}", "subscription": "", "story_id": key.decode("utf-8", "replace"),
                     "alert_ids": [], "alerts": [], "failed_at": iso(now)}))
                continue
            metrics.inc("newsstream_alerts_total", "Alerts read from news.alerts", kind=alert.kind)
            subs = registry.webhooks_for(alert)
            if not subs:
                continue
            box = load_box(alert.story_id)
            window = settings.alert_coalesce_window
            if any([box.add(plain, sub.id, now, window if sub.coalesce is None else sub.coalesce) for sub in subs]):
                save_box(box)
        await changelog_flushed(app)
        pump.wake.set()


class Pump:
    """Seals batches whose window passed and sends due deliveries, many in flight at once.

    `due` indexes the stories with pending work by when they next need the pump, so a tick touches
    only those; a full scan of the table (after recovery, then every `RESCAN` seconds) rebuilds it,
    which also picks up partitions this worker was just given."""

    RESCAN = 30.0

    def __init__(self) -> None:
        self.in_flight: set[str] = set()
        self.wake = asyncio.Event()
        self.sem = asyncio.Semaphore(MAX_IN_FLIGHT)
        self.due: dict[str, float] = {}
        self.scanned = 0.0
        # asyncio keeps only weak references to tasks: an unreferenced send can be garbage-collected
        # mid-request, skipping its settle(), and the batch then went out again at once, uncounted.
        self.tasks: set[asyncio.Future] = set()

    def spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def note(self, box: StoryOutbox) -> None:
        when = box.next_due()
        if when is None:
            self.due.pop(box.story_id, None)
        else:
            self.due[box.story_id] = when

    async def run(self) -> None:
        await app.tables.recovery.completed.wait()  # never act on a half-restored outbox
        await outbox_metadata()
        while True:
            self.wake.clear()
            now = time.time()
            if now - self.scanned > self.RESCAN:
                self.rescan(now)
            self.tick(now)
            try:
                await asyncio.wait_for(self.wake.wait(), 0.25)
            except asyncio.TimeoutError:
                pass

    def rescan(self, now: float) -> None:
        self.scanned = now
        self.due.clear()
        mine = _owned()
        for key, raw in list(outbox_table.items()):
            story_id = key.decode()
            if _partition_of(story_id) not in mine:
                continue  # a partition this worker had before a rebalance: its new owner delivers
            box = StoryOutbox.from_dict(orjson.loads(raw))
            if box.idle(now):
                outbox_table.pop(key, None)
            else:
                self.note(box)

    def tick(self, now: float) -> None:
        for story_id in [sid for sid, when in self.due.items() if when <= now]:
            raw = outbox_table.get(story_id.encode())
            if raw is None:
                self.due.pop(story_id, None)
                continue
            box = StoryOutbox.from_dict(orjson.loads(raw))
            changed = box.seal_due(now)
            for batch in list(box.batches):
                sub = registry.get(batch.sub_id)
                if sub is None or not sub.active or not sub.url:
                    box.batches.remove(batch)
                    self.dead_letter(box.story_id, batch, "subscription deleted" if sub is None
                                     else f"subscription disabled: {sub.disabled or 'no url'}")
                    changed = True
            for batch in box.ready(now):
                if batch.webhook_id not in self.in_flight:
                    self.in_flight.add(batch.webhook_id)
                    self.spawn(self.send(story_id, batch))
            if changed:
                save_box(box)
            elif all(b.webhook_id in self.in_flight for b in box.ready(now)) and box.ready(now):
                self.due[story_id] = now + 1.0  # only in-flight work: settle() re-notes it

    async def send(self, story_id: str, batch: Batch) -> None:
        wid = batch.webhook_id or ""
        try:
            async with self.sem:
                sub = registry.get(batch.sub_id)  # looked up once a slot is free: it may be gone by now
                if sub is None or not sub.active or not sub.url or not sub.secret:
                    return  # the next tick dead-letters the batch
                body = render_body(sub.format, batch.alerts, time.time())
                started = time.monotonic()
                try:
                    result = await client.send(sub.url, sub.secret, wid, body)
                except Exception as exc:  # noqa: BLE001 — unsettled, the batch would be re-sent every second
                    log.exception("webhook %s to %s failed", wid, sub.url)
                    result = Result("retry", reason=f"{type(exc).__name__}: {exc}")
                metrics.inc("newsstream_webhook_seconds_total", "Time spent in webhook requests",
                            time.monotonic() - started)
            await self.settle(story_id, wid, result)
        finally:
            self.in_flight.discard(wid)
            self.wake.set()

    async def settle(self, story_id: str, wid: str, result: Result) -> None:
        """Record an attempt's outcome. Load, change and save the box with no await in between: the
        box holds every subscription's deliveries of the story, settled concurrently, and a copy
        saved after an await undid the others' settles (a delivery sent again at once, even one
        already acknowledged: seen as a retry 29 ms after a 500, and as a second delivery to a 200)."""
        box = load_box(story_id)
        batch = next((b for b in box.batches if b.webhook_id == wid), None)
        if batch is None:
            return
        status = str(result.status or 0)
        gone = None
        metrics.inc("newsstream_webhook_attempts_total", "Webhook attempts by outcome", outcome=result.kind, status=status)
        if result.kind == "ok":
            box.finish(wid)
            metrics.inc("newsstream_webhook_deliveries_total", "Webhook deliveries acknowledged by the receiver")
            metrics.inc("newsstream_webhook_alerts_delivered_total", "Alerts inside acknowledged deliveries",
                        len(batch.alerts))
        elif result.kind == "gone":
            box.finish(wid)
            self.dead_letter(story_id, batch, result.reason, result.status)
            gone = batch.sub_id
        elif result.kind == "retry" and (delay := policy.delay(batch.attempts + 1, result.retry_after)) is not None:
            box.retry(wid, time.time() + delay, result.reason)
            metrics.inc("newsstream_webhook_retries_total", "Webhook attempts to be retried")
        else:
            box.finish(wid)
            reason = result.reason if result.kind == "fail" else f"retries exhausted after {batch.attempts + 1} attempts: {result.reason}"
            batch.attempts += 1
            self.dead_letter(story_id, batch, reason, result.status)
        save_box(box)
        if gone is not None:  # after the save: the registry write awaits the broker
            await registry.disable(gone, result.reason)

    def dead_letter(self, story_id: str, batch: Batch, reason: str, status: int | None = None) -> None:
        metrics.inc("newsstream_webhook_failures_total", "Deliveries given up (sent to news.alerts.dlq)")
        record = {"reason": reason, "subscription": batch.sub_id, "webhook_id": batch.webhook_id,
                  "attempts": batch.attempts, "last_status": status, "last_error": batch.last_error,
                  "story_id": story_id, "alert_ids": batch.alert_ids, "alerts": batch.alerts, "failed_at": iso(time.time())}
        log.warning("delivery %s to %s dead-lettered: %s", batch.webhook_id, batch.sub_id, reason)
        self.spawn(dlq_topic.send(key=story_id.encode(), value=orjson.dumps(record)))


pump = Pump()


def _owned() -> set[int]:
    return {tp.partition for tp in app.consumer.assignment() if tp.topic == topics.ALERTS}


def _partition_of(story_id: str) -> int:
    """The partition of `news.alerts` (and of this table's changelog) that holds a story's state."""
    return (murmur2(story_id.encode()) & 0x7FFFFFFF) % settings.partitions


@app.on_partitions_assigned.connect
async def _on_assigned(sender: Any, assigned: Any, **kwargs: Any) -> None:
    pump.scanned = 0.0  # rebuild the due index from what this worker now owns


@app.on_partitions_revoked.connect
async def _on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
    pump.due.clear()
    pump.scanned = 0.0


@app.task
async def _start_pump() -> None:
    await pump.run()


@app.task
async def _start_tails() -> None:
    """Every whole-topic tail of `streams.pipeline.live`, for the life of the worker."""
    await asyncio.gather(*(tail.run() for tail in tails.values()))


class FileWatcher:
    """Applies the subscriptions file to the topic whenever it changes (leader only)."""

    def __init__(self) -> None:
        self.stamp: tuple[float, int] | None = None
        self.applied = asyncio.Event()  # the file has been applied once
        # Why the file's current version was not applied (the previous one stays in force); shown by
        # GET /subscriptions, since an operator editing the file does not read the worker's log.
        self.error: str | None = None

    async def check(self) -> None:
        path = settings.subscriptions
        try:
            st = path.stat()
            stamp = (st.st_mtime, st.st_size)
        except FileNotFoundError:
            stamp = (0.0, -1)
        if stamp == self.stamp or not tails["subscriptions"].caught_up.is_set():
            return
        try:
            wanted = load_subscriptions(path, created_at=iso(time.time()))
        except ConfigError as exc:
            log.error("subscriptions file not applied: %s", exc)
            self.stamp, self.error = stamp, f"not applied, the previous version stays in force: {exc}"
            return
        self.error = None
        upserts, deletions = file_changes(registry.all(), wanted)
        for sub in upserts:
            await registry.put(sub)
        for sid in deletions:
            await registry.delete(sid)
        if upserts or deletions:
            log.warning("subscriptions file %s: %d added/changed, %d removed", path, len(upserts), len(deletions))
        self.stamp = stamp
        self.applied.set()


watcher = FileWatcher()


@app.timer(1.0, on_leader=True)
async def _watch_subscriptions() -> None:
    await watcher.check()
