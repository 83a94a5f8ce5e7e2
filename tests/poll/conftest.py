"""Shared fixtures for poll tests: a real aiohttp server on loopback and a tiny RSS feed site."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from streams.poll.fetch import Fetcher

Serve = Callable[[web.Application], Awaitable[str]]


@pytest.fixture
def allow_private(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1, which the SSRF guard refuses unless explicitly allowed."""
    monkeypatch.setenv("NEWSSTREAM_ALLOW_PRIVATE_NETWORKS", "1")


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    """Start aiohttp apps on 127.0.0.1 (free port); returns the base URL. Cleaned up after."""
    runners: list[web.AppRunner] = []

    async def _serve(app: web.Application) -> str:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        runners.append(runner)
        return f"http://127.0.0.1:{runner.addresses[0][1]}"

    yield _serve
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
async def fetcher(allow_private: None) -> AsyncIterator[Fetcher]:
    f = Fetcher(connect_timeout=2, read_timeout=2, total_timeout=5)
    yield f
    await f.close()


@dataclass
class FeedSite:
    """Mutable RSS feeds keyed by path; honours If-None-Match unless `etags` is False."""

    feeds: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # path -> [(guid, title)]
    broken: dict[str, int] = field(default_factory=dict)  # path -> HTTP status to fail with
    etags: bool = True
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, If-None-Match)
    statuses: list[int] = field(default_factory=list)
    dates: dict[str, float] = field(default_factory=dict)  # guid -> pubDate (default: 2025-05-07 09:30)
    raw: dict[str, bytes] = field(default_factory=dict)  # path -> body served as is
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # path -> extra response headers

    def rss(self, path: str) -> bytes:
        items = "".join(
            f"<item><title>{title}</title><link>https://news.example{path}/{guid}</link>"
            f"<guid>{guid}</guid><pubDate>{self._date(guid)}</pubDate></item>"
            for guid, title in self.feeds[path]
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test {path}</title><link>https://news.example/</link><language>en-gb</language>"
            f"{items}</channel></rss>"
        ).encode()

    def _date(self, guid: str) -> str:
        from email.utils import formatdate

        return formatdate(self.dates[guid], usegmt=True) if guid in self.dates else "Wed, 07 May 2025 09:30:00 GMT"

    async def handle(self, request: web.Request) -> web.Response:
        response = self._respond(request)
        self.statuses.append(response.status)
        return response

    def _respond(self, request: web.Request) -> web.Response:
        path = request.path
        self.requests.append((path, request.headers.get("If-None-Match")))
        extra = self.headers.get(path, {})
        if path in self.broken:
            return web.Response(status=self.broken[path], text="broken", headers=extra)
        if path not in self.feeds and path not in self.raw:
            return web.Response(status=404, text="not found")
        body = self.raw[path] if path in self.raw else self.rss(path)
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        if self.etags and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag, **extra})
        headers = {"ETag": etag, **extra} if self.etags else extra
        return web.Response(body=body, headers=headers, content_type="application/rss+xml")


@pytest.fixture
async def feed_site(serve: Serve) -> tuple[FeedSite, str]:
    site = FeedSite()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", site.handle)
    return site, await serve(app)
