"""What the poller remembers about one feed between polls (and across restarts).

The Faust poller keeps one `FeedState` per feed in a table with a changelog; tests and the
benchmark keep them in a dict. Both sit behind the `StateStore` protocol.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["FeedState", "MemoryStore", "StateStore"]


@dataclass(slots=True)
class FeedState:
    """One feed's polling state. `url` is where we fetch it now (a 301/308 changes it)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    next_poll: float = 0.0
    interval: float | None = None  # learnt interval before jitter
    polls: int = 0
    emitted: int = 0
    errors: int = 0
    consecutive_errors: int = 0
    last_status: int | None = None
    last_error: str | None = None
    last_polled: float | None = None
    last_success: float | None = None
    warning: str | None = None  # recoverable problem seen in the last parsed body
    unhealthy: bool = False
    disabled: str | None = None  # why polling stopped (410 Gone); None while active
    # entry id -> [content digest, last time the feed listed it]; ids expire when long gone
    seen: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def health(self) -> str:
        """disabled | unhealthy | failing | ok | new: what `newsstream feeds list` shows."""
        if self.disabled:
            return "disabled"
        if self.unhealthy:
            return "unhealthy"
        if self.consecutive_errors:
            return "failing"
        return "ok" if self.last_success is not None else "new"

    @property
    def first_poll(self) -> bool:
        return self.last_success is None and not self.seen

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "FeedState":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def forget_expired(self, now: float, ttl: float, max_seen: int) -> None:
        """Drop ids the feed stopped listing more than `ttl` seconds ago; keep at most `max_seen`."""
        if self.seen:
            self.seen = {k: v for k, v in self.seen.items() if now - float(v[1]) <= ttl}
        overflow = len(self.seen) - max_seen
        if overflow > 0:
            oldest = sorted(self.seen, key=lambda k: float(self.seen[k][1]))[:overflow]
            for key in oldest:
                del self.seen[key]


class StateStore(Protocol):
    """Where feed states live, keyed by the feed's registry URL."""

    def get(self, key: str) -> FeedState | None: ...

    def put(self, key: str, state: FeedState) -> None: ...


class MemoryStore:
    """A dict-backed `StateStore` (tests, benchmark, `poll --no-kafka`-style use)."""

    def __init__(self) -> None:
        self.data: dict[str, FeedState] = {}

    def get(self, key: str) -> FeedState | None:
        return self.data.get(key)

    def put(self, key: str, state: FeedState) -> None:
        self.data[key] = state
