"""Per-host politeness: at most K requests in flight and a minimum gap between request starts,
plus the host-wide pause a 429/503 Retry-After asks for.

Many feeds share a host (one outlet, many sections); the publisher sees the host's load, not
the feed's, so limits and back-off are per host.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlsplit

__all__ = ["HostLimiter", "host_of"]


def host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
        return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")
    except ValueError:
        return ""


class _Host:
    __slots__ = ("semaphore", "next_start", "users")

    def __init__(self, concurrency: int) -> None:
        self.semaphore = asyncio.Semaphore(concurrency)
        self.next_start = 0.0
        self.users = 0


class HostLimiter:
    """`async with limiter.slot(url): ...` waits for the host's turn. `pause_host` backs a host off."""

    def __init__(self, concurrency: int = 2, min_gap: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.concurrency = max(1, concurrency)
        self.min_gap = max(0.0, min_gap)
        self.clock = clock
        self._hosts: dict[str, _Host] = {}
        self.paused_until: dict[str, float] = {}  # host -> wall-clock time (Retry-After)

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        key = host_of(url)
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(self.concurrency)
        host.users += 1
        try:
            async with host.semaphore:
                now = self.clock()
                start = max(now, host.next_start)
                host.next_start = start + self.min_gap
                if start > now:
                    await asyncio.sleep(start - now)
                yield
        finally:
            host.users -= 1
            if host.users == 0 and host.next_start <= self.clock():
                del self._hosts[key]  # forget idle hosts: 10,000 feeds, thousands of hosts

    def pause_host(self, url: str, until: float) -> None:
        key = host_of(url)
        self.paused_until[key] = max(until, self.paused_until.get(key, 0.0))

    def paused(self, url: str, now: float) -> float:
        """Wall-clock time before which the host must not be polled (0 when it may)."""
        key = host_of(url)
        until = self.paused_until.get(key, 0.0)
        if until and until <= now:
            del self.paused_until[key]
            return 0.0
        return until
