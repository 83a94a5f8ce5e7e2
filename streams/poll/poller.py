"""The polling loop: fetch each feed when its schedule says, emit only new or changed entries.

One scheduler task keeps a heap of (next poll, feed); due feeds run under a global concurrency
bound and the per-host limiter, so one slow or broken feed never delays or stops the others.
State lives behind `StateStore` (a Faust table in production, a dict in tests) and is written
only after `emit` returned: if the sink fails, the next poll offers the same entries again.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace

from streams.errors import FeedGone, FeedParseError, FetchError, RateLimited
from streams.models import FeedRef, RawItem, iso, parse_iso
from streams.poll.fetch import Fetcher, FetchResult
from streams.poll.hosts import HostLimiter
from streams.poll.parse import DEFAULT_MAX_ENTRIES, ParsedFeed, parse
from streams.poll.schedule import Policy, next_poll, retry_after
from streams.poll.state import FeedState, MemoryStore, StateStore

__all__ = ["Poller"]

log = logging.getLogger("newsstream.poll")

Emit = Callable[[list[RawItem]], Awaitable[None]]


def _digest(item: RawItem) -> str:
    """What counts as "the entry changed": its title or body."""
    return hashlib.sha1(f"{item.title}\0{item.content or item.summary}".encode()).hexdigest()[:16]


class Poller:
    """Poll registered feeds forever (`run`), or one at a time (`poll_once`), passing new items to `emit`.

    Feeds can be added and removed while running (`add`, `remove`, `release`).
    """

    def __init__(
        self,
        feeds: Iterable[FeedRef],
        emit: Emit,
        *,
        fetcher: Fetcher,
        store: StateStore | None = None,
        policy: Policy | None = None,
        limiter: HostLimiter | None = None,
        clock: Callable[[], float] = time.time,
        concurrency: int = 64,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        first_poll_max: int = 30,
        seen_ttl: float = 30 * 24 * 3600.0,
        max_seen: int = 2000,
        rng: random.Random | None = None,
    ) -> None:
        self.feeds: dict[str, FeedRef] = {}
        self.emit = emit
        self.fetcher = fetcher
        self.store: StateStore = store if store is not None else MemoryStore()
        self.policy = policy or Policy()
        self.limiter = limiter or HostLimiter()
        self.clock = clock
        self.concurrency = concurrency
        self.max_entries = max_entries
        self.first_poll_max = first_poll_max
        self.seen_ttl = seen_ttl
        self.max_seen = max(max_seen, max_entries)
        self.rng = rng
        self._heap: list[tuple[float, int, str]] = []
        self._planned: dict[str, float] = {}  # url -> time of its live heap entry
        self._seq = 0
        self._inflight: dict[str, asyncio.Task[int]] = {}
        self._wake = asyncio.Event()
        self._stopped = asyncio.Event()
        for feed in feeds:
            self.add(feed)

    @property
    def errors(self) -> dict[str, int]:
        """Failed polls per registered feed url (for logs and health output)."""
        return {url: st.errors if (st := self.store.get(url)) is not None else 0 for url in self.feeds}

    # -- registry ------------------------------------------------------------------------------
    def add(self, feed: FeedRef) -> None:
        """Register (or update) a feed; it is polled when its stored state says, else now."""
        known = feed.url in self.feeds
        self.feeds[feed.url] = feed
        if not known:
            st = self.store.get(feed.url)
            self._plan(feed.url, st.next_poll if st is not None else 0.0)

    def remove(self, url: str) -> None:
        """Stop polling `url` (its state stays in the store). An in-flight poll completes."""
        self.feeds.pop(url, None)
        self._planned.pop(url, None)

    async def release(self, urls: Iterable[str]) -> None:
        """Remove `urls` and wait until none of them is being polled (rebalance: no double polls)."""
        urls = list(urls)
        for url in urls:
            self.remove(url)
        tasks = [t for u in urls if (t := self._inflight.get(u)) is not None]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def wake(self, url: str) -> None:
        """Poll `url` as soon as possible (e.g. a disabled feed registered again)."""
        if url in self.feeds and url not in self._inflight:
            self._plan(url, 0.0)

    def _plan(self, url: str, when: float) -> None:
        self._seq += 1
        self._planned[url] = when
        heapq.heappush(self._heap, (when, self._seq, url))
        self._wake.set()

    # -- one poll --------------------------------------------------------------------------------
    async def poll_once(self, feed: FeedRef) -> int:
        """Fetch and parse `feed` once; emit its new and changed entries. Returns how many.

        Fetch and parse failures are recorded in the feed's state and give 0; they never
        propagate. Failures of `emit` itself do propagate, and leave the state unchanged.
        """
        st = self.store.get(feed.url) or FeedState(url=feed.url)
        if st.disabled:
            return 0
        st = replace(st, seen=dict(st.seen))  # never mutate what the store handed out
        now = self.clock()
        st.polls += 1
        st.last_polled = now
        try:
            async with self.limiter.slot(st.url):
                result = await self.fetcher.fetch(st.url, etag=st.etag, last_modified=st.last_modified)
        except FeedGone as exc:
            st.disabled, st.last_status, st.last_error = f"gone: {exc}", exc.status, str(exc)
            log.warning("feed %s disabled: %s", feed.url, exc)
            self.store.put(feed.url, st)
            return 0
        except RateLimited as exc:
            wait = retry_after(exc.retry_after, now)
            wait = self.policy.error_base if wait is None else min(wait, self.policy.max_interval)
            self.limiter.pause_host(st.url, now + wait)
            log.warning("host of %s asks us to wait %.0fs (HTTP %d)", feed.url, wait, exc.status)
            return self._failed(feed, st, exc, now, not_before=now + wait)
        except FetchError as exc:
            return self._failed(feed, st, exc, now)
        if result.moved_to and result.moved_to != st.url:
            log.warning("feed %s moved permanently: %s -> %s", feed.url, st.url, result.moved_to)
            st.url = result.moved_to
        st.last_status = result.status
        if result.not_modified or self._unchanged(st, result):
            return self._succeeded(feed, st, result, now, None)
        try:
            parsed = parse(result.body, result.headers, feed, iso(now), max_entries=self.max_entries, url=result.url)
        except FeedParseError as exc:
            return self._failed(feed, st, exc, now)
        except Exception as exc:  # noqa: BLE001 - a parser bug on one body: recorded and backed off like bad XML
            log.exception("parsing %s crashed", feed.url)
            return self._failed(feed, st, FeedParseError(f"parser crashed: {type(exc).__name__}: {exc}"), now)
        items = self._select(st, parsed.items, now)
        if items:
            await self.emit(items)
        st.emitted += len(items)
        st.body_hash = hashlib.sha1(result.body).hexdigest()[:16]
        st.warning = parsed.warning
        st.forget_expired(now, self.seen_ttl, self.max_seen)
        self._succeeded(feed, st, result, now, parsed)
        log.info("poll %s: %d entries, %d emitted", feed.url, len(parsed.items), len(items))
        return len(items)

    @staticmethod
    def _unchanged(st: FeedState, result: FetchResult) -> bool:
        """A 200 that is a 304 in disguise: the very same bytes. Not a same validator: servers that
        ignore If-None-Match often send a fixed ETag or Last-Modified with new entries."""
        return st.body_hash is not None and hashlib.sha1(result.body).hexdigest()[:16] == st.body_hash

    def _select(self, st: FeedState, parsed: list[RawItem], now: float) -> list[RawItem]:
        """New entries (capped on a first poll) and changed ones (marked `update`); marks all seen."""
        first = st.first_poll
        fresh: dict[str, RawItem] = {}
        updates: dict[str, RawItem] = {}
        done: set[str] = set()
        for item in parsed:
            if item.id in done:
                continue  # a feed listing one entry twice: the first copy counts, always the same one
            done.add(item.id)
            digest = _digest(item)
            known = st.seen.get(item.id)
            if known is None:
                fresh[item.id] = item
            elif known[0] != digest:
                updates[item.id] = replace(item, update=True)
            st.seen[item.id] = [digest, now]
        new = list(fresh.values())
        if first and len(new) > self.first_poll_max:  # a long backlog: only the most recent
            ranked = sorted(enumerate(new), key=lambda p: (-(parse_iso(p[1].published) or 0.0), p[0]))
            keep = {i for i, _ in ranked[: self.first_poll_max]}
            new = [item for i, item in enumerate(new) if i in keep]
        return new + list(updates.values())

    def _succeeded(self, feed: FeedRef, st: FeedState, result: FetchResult, now: float,
                   parsed: ParsedFeed | None) -> int:
        st.etag = result.etag or (st.etag if result.not_modified else None)
        st.last_modified = result.last_modified or (st.last_modified if result.not_modified else None)
        if st.unhealthy:
            log.warning("feed %s healthy again", feed.url)
        st.consecutive_errors, st.unhealthy, st.last_error = 0, False, None
        st.last_success = now
        published = [p for i in parsed.items if (p := parse_iso(i.published)) is not None] if parsed else []
        st.next_poll, st.interval = next_poll(
            now, self.policy, published=published, headers=result.headers,
            ttl_minutes=parsed.ttl_minutes if parsed else None,
            previous_interval=st.interval if parsed is None else None,
            not_before=self.limiter.paused(st.url, now), rng=self.rng,
        )
        self.store.put(feed.url, st)
        return 0

    def _failed(self, feed: FeedRef, st: FeedState, exc: Exception, now: float, not_before: float = 0.0) -> int:
        st.errors += 1
        st.consecutive_errors += 1
        st.last_error = str(exc)[:500]
        st.last_status = getattr(exc, "status", None)
        if st.consecutive_errors >= self.policy.unhealthy_after and not st.unhealthy:
            st.unhealthy = True
            log.warning("feed %s unhealthy after %d failures in a row", feed.url, st.consecutive_errors)
        log.warning("poll %s failed (%d in a row): %s", feed.url, st.consecutive_errors, exc)
        st.next_poll, _ = next_poll(now, self.policy, consecutive_errors=st.consecutive_errors,
                                    not_before=max(not_before, self.limiter.paused(st.url, now)), rng=self.rng)
        self.store.put(feed.url, st)
        return 0

    # -- the loop ------------------------------------------------------------------------------
    async def _poll_guarded(self, feed: FeedRef) -> int:
        try:
            return await self.poll_once(feed)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a bug or sink failure must not kill the loop
            log.exception("poll %s crashed; retrying later", feed.url)
            return 0

    async def poll_all(self) -> int:
        """Poll every registered feed once, concurrently (bounded); returns the total emitted."""
        sem = asyncio.Semaphore(self.concurrency)

        async def one(feed: FeedRef) -> int:
            async with sem:
                return await self._poll_guarded(feed)

        return sum(await asyncio.gather(*(one(f) for f in list(self.feeds.values()))))

    def _due(self, now: float) -> tuple[list[str], float | None]:
        """Pop the feeds due at `now`; also the time the next one will be due."""
        due = []
        while self._heap and self._heap[0][0] <= now:
            when, _, url = heapq.heappop(self._heap)
            if self._planned.get(url) != when or url not in self.feeds:
                continue  # superseded or removed
            del self._planned[url]
            if url in self._inflight:
                continue  # running: `_run_one` plans its next poll when it ends
            st = self.store.get(url)
            paused = self.limiter.paused(st.url if st is not None else url, now)
            if paused > now:
                self._plan(url, paused)
                continue
            due.append(url)
        return due, (self._heap[0][0] if self._heap else None)

    async def _run_one(self, url: str, sem: asyncio.Semaphore) -> int:
        try:
            return await self._poll_guarded(self.feeds[url])
        finally:
            sem.release()
            self._inflight.pop(url, None)
            if url in self.feeds and url not in self._planned:
                st, now = self.store.get(url), self.clock()
                if st is None or not st.disabled:  # a crash left no new plan: retry later, not at once
                    self._plan(url, st.next_poll if st is not None and st.next_poll > now
                               else now + self.policy.error_base)

    async def run(self) -> None:
        """Poll due feeds until `stop()`; feeds added meanwhile join the schedule."""
        log.info("polling %d feeds", len(self.feeds))
        sem = asyncio.Semaphore(self.concurrency)
        try:
            while not self._stopped.is_set():
                due, upcoming = self._due(self.clock())
                for url in due:
                    await sem.acquire()
                    if self._stopped.is_set():
                        sem.release()
                        break
                    if url not in self.feeds:
                        sem.release()
                        continue
                    self._inflight[url] = asyncio.create_task(self._run_one(url, sem), name=f"poll:{url}")
                self._wake.clear()
                timeout = 5.0 if upcoming is None else min(5.0, max(0.0, upcoming - self.clock()))
                if due and timeout == 0.0:
                    continue
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=max(timeout, 0.01))
                except TimeoutError:
                    pass
        finally:
            tasks = list(self._inflight.values())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def stop(self) -> None:
        """End `run()`; in-flight polls are cancelled. The fetcher stays open: the caller owns it."""
        self._stopped.set()
        self._wake.set()
