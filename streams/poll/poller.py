"""The polling loop: fetch every feed on a schedule and emit only entries not seen before.

State (validators, seen ids, error counts) lives in memory: after a restart the first poll
re-emits what the feeds currently list, and downstream stages deduplicate by item id.
Each feed is its own task, so one slow or broken feed never delays or stops the others.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from streams.errors import FeedParseError, FetchError
from streams.models import FeedRef, RawItem, iso
from streams.poll.fetch import Fetcher
from streams.poll.parse import DEFAULT_MAX_ENTRIES, parse_feed

__all__ = ["FeedState", "Poller"]

log = logging.getLogger("newsstream.poll")

Emit = Callable[[list[RawItem]], Awaitable[None]]


@dataclass(slots=True)
class FeedState:
    """What we remember about one feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    seen: dict[str, None] = field(default_factory=dict)  # insertion-ordered set, bounded
    polls: int = 0
    emitted: int = 0
    errors: int = 0
    consecutive_errors: int = 0
    last_error: str | None = None
    last_success: float | None = None


class Poller:
    """Poll `feeds` forever (`run`) or one at a time (`poll_once`), passing new items to `emit`.

    Items are marked seen, and the feed's ETag/Last-Modified stored, only after `emit`
    returned: if the sink fails, the next poll offers the same items again.
    """

    def __init__(
        self,
        feeds: list[FeedRef],
        emit: Emit,
        *,
        fetcher: Fetcher,
        interval: float = 300.0,
        clock: Callable[[], float] = time.time,
        concurrency: int = 16,
        jitter: float = 0.1,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_seen: int = 5000,
    ) -> None:
        self.feeds = list(feeds)
        self.emit = emit
        self.fetcher = fetcher
        self.interval = interval
        self.clock = clock
        self.jitter = jitter
        self.max_entries = max_entries
        self.max_seen = max(max_seen, max_entries)
        self.state: dict[str, FeedState] = {}
        self._semaphore = asyncio.Semaphore(concurrency)
        self._tasks: list[asyncio.Task[None]] = []
        self._stopped = asyncio.Event()

    def _state(self, feed: FeedRef) -> FeedState:
        return self.state.setdefault(feed.url, FeedState())

    @property
    def errors(self) -> dict[str, int]:
        """Error count per feed URL (for logs and health output)."""
        return {url: st.errors for url, st in self.state.items()}

    async def poll_once(self, feed: FeedRef) -> int:
        """Fetch and parse `feed` once; emit its unseen items. Returns how many were emitted.

        Fetch and parse failures are logged and counted and give 0; they never propagate.
        Failures of `emit` itself do propagate: they are the sink's problem, not the feed's.
        """
        st = self._state(feed)
        st.polls += 1
        try:
            result = await self.fetcher.fetch(feed.url, etag=st.etag, last_modified=st.last_modified)
            if result.not_modified:
                self._succeeded(st)
                return 0
            items = parse_feed(
                result.body, result.headers, feed, iso(self.clock()), max_entries=self.max_entries
            )
        except (FetchError, FeedParseError) as exc:
            st.errors += 1
            st.consecutive_errors += 1
            st.last_error = str(exc)
            log.warning("poll %s failed (%d in a row): %s", feed.url, st.consecutive_errors, exc)
            return 0
        fresh: dict[str, RawItem] = {}
        for item in items:
            if item.id not in st.seen:
                fresh.setdefault(item.id, item)
        if fresh:
            await self.emit(list(fresh.values()))
        st.etag, st.last_modified = result.etag, result.last_modified
        self._remember(st, fresh)
        st.emitted += len(fresh)
        self._succeeded(st)
        log.info("poll %s: %d entries, %d new", feed.url, len(items), len(fresh))
        return len(fresh)

    def _remember(self, st: FeedState, fresh: dict[str, RawItem]) -> None:
        st.seen.update(dict.fromkeys(fresh))
        overflow = len(st.seen) - self.max_seen
        if overflow > 0:  # forget the oldest ids; they have long left the feed
            for key in list(st.seen)[:overflow]:
                del st.seen[key]

    def _succeeded(self, st: FeedState) -> None:
        st.consecutive_errors = 0
        st.last_success = self.clock()

    async def _poll_guarded(self, feed: FeedRef) -> None:
        async with self._semaphore:
            try:
                await self.poll_once(feed)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - a bug or sink failure must not kill the loop
                st = self._state(feed)
                st.errors += 1
                st.consecutive_errors += 1
                st.last_error = repr(exc)
                log.exception("poll %s crashed", feed.url)

    def _next_delay(self) -> float:
        spread = self.interval * self.jitter
        return max(0.0, self.interval + random.uniform(-spread, spread))

    async def _feed_loop(self, feed: FeedRef) -> None:
        while not self._stopped.is_set():
            await self._poll_guarded(feed)
            try:
                await asyncio.wait_for(self._stopped.wait(), timeout=self._next_delay())
            except TimeoutError:
                continue

    async def poll_all(self) -> int:
        """Poll every feed once, concurrently (bounded); returns the total emitted."""
        before = sum(st.emitted for st in self.state.values())
        await asyncio.gather(*(self._poll_guarded(f) for f in self.feeds))
        return sum(st.emitted for st in self.state.values()) - before

    async def run(self) -> None:
        """Poll all feeds now, then every `interval` (± jitter) each, until `stop()`.

        Concurrency is bounded by a semaphore shared by all feed tasks.
        """
        log.info("polling %d feeds every %.0fs", len(self.feeds), self.interval)
        self._tasks = [asyncio.create_task(self._feed_loop(f), name=f"poll:{f.url}") for f in self.feeds]
        try:
            await self._stopped.wait()
        finally:
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks = []

    async def stop(self) -> None:
        """End `run()` and wait for its feed tasks; in-flight polls are cancelled.

        Stopping is final for this Poller. The fetcher stays open: the caller owns it.
        """
        self._stopped.set()
        me = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not me]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
