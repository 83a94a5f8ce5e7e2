"""What every worker keeps in memory from whole-topic tails: the subscription registry, the alert and
story SSE hubs, feed health, and the metrics registry. Started as Faust tasks by `streams.pipeline.delivery`.

    news.subscriptions ─tail─▶ Registry   (matching, API reads; writes go to the topic, then here)
    news.alerts        ─tail─▶ alerts Hub (GET /alerts/stream, resume by offset vector)
    news.stories       ─tail─▶ stories Hub + latest snapshot per story (dashboard)
    <poller>-feed_state-changelog ─tail─▶ feed health gauges
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import orjson

from streams.alert.deliver.sse import Hub
from streams.alert.filters import Filter, Subject
from streams.alert.subscriptions import Subscription, parse_subscription
from streams.errors import ConfigError, PoisonRecord
from streams.models import Alert, Story, iso
from streams.pipeline import topics
from streams.pipeline.app import app, settings
from streams.pipeline.codec import from_obj
from streams.pipeline.registry import state_changelog
from streams.pipeline.tails import TopicTail
from streams.serve.metrics import Metrics
from streams.serve.stories import story_summary

log = logging.getLogger("newsstream.live")

metrics = Metrics()
subscriptions_topic = app.topic(topics.SUBSCRIPTIONS, value_serializer="raw")


@dataclass(slots=True)
class Entry:
    sub: Subscription
    filter: Filter


class Registry:
    """Subscriptions by id, with their compiled filters; fed by the compacted topic."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self._disabling: set[str] = set()  # subscriptions whose disabling write is in flight

    def apply(self, key: bytes | None, value: bytes | None) -> None:
        if key is None:
            return
        sid = key.decode("utf-8", "replace")
        if value is None:
            self.entries.pop(sid, None)
            return
        try:
            sub = parse_subscription(orjson.loads(value))
            self.entries[sid] = Entry(sub, Filter.parse(sub.filters))
        except (orjson.JSONDecodeError, ConfigError) as exc:
            log.error("ignoring unreadable subscription %s: %s", sid, exc)

    def get(self, sid: str) -> Subscription | None:
        entry = self.entries.get(sid)
        return entry.sub if entry else None

    def all(self) -> dict[str, Subscription]:
        return {sid: e.sub for sid, e in self.entries.items()}

    def has_webhooks(self) -> bool:
        return any(e.sub.url and e.sub.active for e in self.entries.values())

    def webhooks_for(self, alert: Alert) -> list[Subscription]:
        """Active webhook subscriptions whose filters take `alert`."""
        subject = Subject.of_alert(alert)
        return [e.sub for e in self.entries.values() if e.sub.url and e.sub.active and e.filter.matches(subject)]

    def filter_of(self, sid: str) -> Filter | None:
        entry = self.entries.get(sid)
        return entry.filter if entry else None

    async def put(self, sub: Subscription) -> None:
        """Write through the topic (every worker follows it) and apply here at once."""
        await self._write(sub.id.encode(), orjson.dumps(sub.to_dict()))

    async def delete(self, sid: str) -> None:
        await self._write(sid.encode(), None)

    async def _write(self, key: bytes, value: bytes | None) -> None:
        """Send, then wait for our own tail to read it back: applying only locally would let the
        tail, still behind, re-apply an earlier write over it (a deleted subscription reappearing)."""
        meta = await (await subscriptions_topic.send(key=key, value=value, force=True))
        await tails["subscriptions"].passed(meta.partition, meta.offset)
        self.apply(key, value)

    async def disable(self, sid: str, reason: str) -> None:
        """Once per subscription, also when several deliveries get their 410 at the same time (the
        write takes a broker round trip, during which the subscription still reads as active)."""
        sub = self.get(sid)
        if sub is None or not sub.active or sid in self._disabling:
            return
        self._disabling.add(sid)
        try:
            sub = parse_subscription({**sub.to_dict(), "disabled": f"{reason} at {iso(time.time())}"})
            await self.put(sub)
            metrics.inc("newsstream_subscriptions_disabled_total", "Subscriptions disabled by a 410 answer")
        finally:
            self._disabling.discard(sid)


class StoryBoard:
    """Latest snapshot per story (all partitions) for the dashboard, plus its live hub.

    Lazy: a snapshot is decoded when the live hub has clients, or when the dashboard next asks for
    `top()`; until then only its bytes are kept (the newest per story). Decoding every snapshot of
    a 1,000-source story as it passed (~3 ms each) had cost the worker more than clustering it."""

    def __init__(self) -> None:
        self.latest: dict[str, dict[str, Any]] = {}  # active stories' summaries, as of the last top()
        self.pending: dict[str, tuple[int, int, bytes]] = {}  # story id → newest undecoded snapshot
        self.hub = Hub(size=2000)

    def apply(self, partition: int, offset: int, key: bytes | None, value: bytes | None) -> None:
        if value is None:  # a tombstone: the story was deleted (past retention)
            if key is not None:
                sid = key.decode("utf-8", "replace")
                self.pending.pop(sid, None)
                self.latest.pop(sid, None)
            return
        if self.hub.clients or key is None:
            summary = self._summary(partition, offset, value)
            if summary is not None:
                self._keep(summary)
                self.pending.pop(summary["id"], None)
                self.hub.publish(partition, offset, summary)
            return
        self.hub.vector[partition] = offset + 1
        self.pending[key.decode("utf-8", "replace")] = (partition, offset, value)

    def top(self, n: int = 100) -> list[dict[str, Any]]:
        for partition, offset, value in self.pending.values():
            summary = self._summary(partition, offset, value)
            if summary is not None:
                self._keep(summary)
        self.pending.clear()
        return sorted(self.latest.values(), key=lambda s: (s["updated_at"], s["id"]), reverse=True)[:n]

    def _keep(self, summary: dict[str, Any]) -> None:
        if summary["status"] == "active":
            self.latest[summary["id"]] = summary
        else:
            self.latest.pop(summary["id"], None)

    @staticmethod
    def _summary(partition: int, offset: int, value: bytes) -> dict[str, Any] | None:
        try:
            return story_summary(from_obj(Story, orjson.loads(value)))
        except (orjson.JSONDecodeError, PoisonRecord) as exc:
            log.warning("unreadable story snapshot at %d@%d: %s", partition, offset, exc)
            return None


registry = Registry()
alerts_hub = Hub()
board = StoryBoard()
feed_health: dict[str, dict[str, Any]] = {}


def _on_alert(partition: int, offset: int, key: bytes | None, value: bytes | None) -> None:
    if value is not None:  # decoded by the hub only when a client follows the stream
        alerts_hub.publish(partition, offset, raw=value)


def _on_feed_state(partition: int, offset: int, key: bytes | None, value: bytes | None) -> None:
    if key is None:
        return
    url = key.decode("utf-8", "replace")
    if value is None:
        feed_health.pop(url, None)
        return
    try:
        feed_health[url] = orjson.loads(value)
    except orjson.JSONDecodeError:
        return


tails = {
    "subscriptions": TopicTail(settings.broker, topics.SUBSCRIPTIONS, lambda p, o, k, v: registry.apply(k, v)),
    "alerts": TopicTail(settings.broker, topics.ALERTS, _on_alert),
    "stories": TopicTail(settings.broker, topics.STORIES, board.apply),
    "feed_state": TopicTail(settings.broker, state_changelog(settings), _on_feed_state),
}


def feed_states() -> dict[str, int]:
    """Feeds per health state, as `newsstream feeds list` names them."""
    out = {"ok": 0, "failing": 0, "unhealthy": 0, "disabled": 0}
    for st in feed_health.values():
        if st.get("disabled"):
            out["disabled"] += 1
        elif st.get("unhealthy"):
            out["unhealthy"] += 1
        elif st.get("consecutive_errors"):
            out["failing"] += 1
        else:
            out["ok"] += 1
    return out
