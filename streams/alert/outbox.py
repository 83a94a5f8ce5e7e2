"""Per-story delivery state: which alerts each subscription has had, batches waiting out their
coalescing window, and sealed deliveries with their retry schedule. Pure: `now` is passed in.

    alert ──add──▶ open batch (per subscription, per story) ──window──▶ sealed delivery ──▶ send
                          ▲ later joins of the story land here            │ retry: next_at, attempts
                                                                          ▼ done / DLQ: dropped
Storm control without loss: every join of a story within a subscription's coalescing window goes
into one batch, delivered once. `delivered` remembers alert ids per subscription, so a redelivered
alert (at-least-once Kafka) is not sent twice. The whole state of a story is one table value
keyed by story id: co-partitioned with `news.alerts`, restored with its partition.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

KEEP_IDLE = 14 * 24 * 3600.0  # forget a story's delivery memory after this long without alerts


def webhook_id(sub_id: str, alert_ids: list[str]) -> str:
    """Stable per (subscription, set of alerts): the same across retries, distinct for distinct alerts."""
    digest = hashlib.sha256(("|".join([sub_id, *sorted(alert_ids)])).encode()).hexdigest()[:26]
    return "msg_" + digest


@dataclass(slots=True)
class Batch:
    sub_id: str
    alerts: list[dict[str, Any]]
    opened_at: float
    due_at: float
    webhook_id: str | None = None  # set when sealed: the batch then takes no more alerts
    attempts: int = 0
    next_at: float = 0.0
    last_error: str | None = None

    @property
    def sealed(self) -> bool:
        return self.webhook_id is not None

    @property
    def alert_ids(self) -> list[str]:
        return [a["alert_id"] for a in self.alerts]


@dataclass(slots=True)
class StoryOutbox:
    story_id: str
    delivered: dict[str, list[str]] = field(default_factory=dict)  # sub id → alert ids taken in
    batches: list[Batch] = field(default_factory=list)
    touched_at: float = 0.0

    # -- state transitions ---------------------------------------------------------------
    def add(self, alert: dict[str, Any], sub_id: str, now: float, window: float) -> bool:
        """Queue `alert` for `sub_id`; False if that subscription already has it (a redelivery)."""
        seen = self.delivered.setdefault(sub_id, [])
        if alert["alert_id"] in seen:
            return False
        seen.append(alert["alert_id"])
        self.touched_at = now
        for batch in self.batches:
            if batch.sub_id == sub_id and not batch.sealed:
                batch.alerts.append(alert)
                return True
        batch = Batch(sub_id=sub_id, alerts=[alert], opened_at=now, due_at=now + max(0.0, window))
        self.batches.append(batch)
        if window <= 0:
            self._seal(batch, now)
        return True

    def seal_due(self, now: float) -> bool:
        """Close every batch whose window has passed; True if anything changed."""
        changed = False
        for batch in self.batches:
            if not batch.sealed and now >= batch.due_at:
                self._seal(batch, now)
                changed = True
        return changed

    def ready(self, now: float) -> list[Batch]:
        """Sealed deliveries whose next attempt is due."""
        return [b for b in self.batches if b.sealed and b.next_at <= now]

    def finish(self, wid: str) -> Batch | None:
        """Drop a delivery (done, dead-lettered or its subscription gone)."""
        for i, batch in enumerate(self.batches):
            if batch.webhook_id == wid:
                return self.batches.pop(i)
        return None

    def retry(self, wid: str, next_at: float, error: str) -> None:
        for batch in self.batches:
            if batch.webhook_id == wid:
                batch.attempts += 1
                batch.next_at = next_at
                batch.last_error = error

    def drop_subscription(self, sub_id: str) -> list[Batch]:
        """A deleted subscription: its pending batches are returned (for the DLQ) and forgotten."""
        gone = [b for b in self.batches if b.sub_id == sub_id]
        self.batches = [b for b in self.batches if b.sub_id != sub_id]
        self.delivered.pop(sub_id, None)
        return gone

    def next_due(self) -> float | None:
        """When the pump next has work here (a window closing or an attempt due); None: nothing pending."""
        times = [b.next_at if b.sealed else b.due_at for b in self.batches]
        return min(times) if times else None

    def idle(self, now: float) -> bool:
        return not self.batches and now - self.touched_at > KEEP_IDLE

    @staticmethod
    def _seal(batch: Batch, now: float) -> None:
        batch.webhook_id = webhook_id(batch.sub_id, batch.alert_ids)
        batch.next_at = now

    # -- (de)serialisation for the table -------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Shallow and explicit: `dataclasses.asdict` deep-copies every alert, the pump's main cost."""
        return {"story_id": self.story_id, "delivered": self.delivered, "touched_at": self.touched_at,
                "batches": [{f: getattr(b, f) for f in _BATCH_FIELDS} for b in self.batches]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "StoryOutbox":
        return cls(story_id=d["story_id"], delivered={k: list(v) for k, v in (d.get("delivered") or {}).items()},
                   batches=[Batch(**b) for b in d.get("batches") or ()], touched_at=d.get("touched_at", 0.0))


_BATCH_FIELDS = tuple(f.name for f in fields(Batch))
