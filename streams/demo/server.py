"""Offline demo: a local HTTP server that publishes sample news as RSS, a little at a time.

Newcomers (and end-to-end tests) can watch stories form without network access: each
item in ``feeds/items.yaml`` carries a release offset, and an outlet's feed lists only the
items already released. The server behaves like a polite real feed (ETag, Last-Modified,
304) so the poller's conditional-GET path is exercised too.
"""

from __future__ import annotations

import hashlib
import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

from streams.errors import ConfigError
from streams.models import FeedRef

__all__ = ["DemoFeedServer", "DemoItem", "Outlet", "demo_feeds_yaml", "load_demo_data"]

log = logging.getLogger("newsstream.demo")

MAX_OFFSET = 60


@dataclass(frozen=True, slots=True)
class Outlet:
    slug: str
    name: str
    category: str | None = None
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class DemoItem:
    id: str
    outlet: str  # outlet slug
    offset: float  # seconds after server start (at speed 1) when the item appears
    title: str
    summary: str
    story: str | None = None  # documentation only; never rendered
    categories: list[str] = field(default_factory=list)


def load_demo_data(path: str | Path | None = None) -> tuple[list[Outlet], list[DemoItem]]:
    """Read and validate the sample items (the packaged ``feeds/items.yaml`` by default)."""
    if path is None:
        text = resources.files("streams.demo").joinpath("feeds/items.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    try:
        data: Any = yaml.safe_load(text)
        outlets = [Outlet(**o) for o in data["outlets"]]
        items = [DemoItem(**i) for i in data["items"]]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"demo items file is malformed: {exc!r}") from exc
    slugs = {o.slug for o in outlets}
    for item in items:
        if item.outlet not in slugs:
            raise ConfigError(f"demo item {item.id!r}: unknown outlet {item.outlet!r}")
        if not 0 <= item.offset <= MAX_OFFSET:
            raise ConfigError(f"demo item {item.id!r}: offset {item.offset} outside 0..{MAX_OFFSET}")
    if len({i.id for i in items}) != len(items):
        raise ConfigError("demo items file has duplicate item ids")
    return outlets, items


def demo_feeds_yaml(base_url: str, outlets: list[Outlet] | None = None) -> str:
    """A feeds file (the format `load_feeds` reads) for a demo server at `base_url`."""
    if outlets is None:
        outlets = load_demo_data()[0]
    feeds = []
    for o in outlets:
        entry = {"url": f"{base_url.rstrip('/')}/feeds/{o.slug}.xml", "source": o.name}
        if o.category:
            entry["category"] = o.category
        entry["lang"] = o.lang
        feeds.append(entry)
    return yaml.safe_dump({"feeds": feeds}, sort_keys=False, allow_unicode=True)


def _http_date(ts: float) -> str:
    return format_datetime(datetime.fromtimestamp(int(ts), tz=timezone.utc), usegmt=True)


class DemoFeedServer:
    """aiohttp server on loopback serving ``/feeds/<slug>.xml`` for each demo outlet.

    `speed` compresses the timeline (speed=60: the whole minute in one second). An item's
    pubDate is the moment it appeared: start + offset / speed (= start + offset at speed 1).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        speed: float = 1.0,
        clock: Callable[[], float] = time.time,
        items_path: str | Path | None = None,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.host, self.port, self.speed, self.clock = host, port, speed, clock
        self.outlets, self.items = load_demo_data(items_path)
        self._by_slug = {o.slug: o for o in self.outlets}
        self._runner: web.AppRunner | None = None
        self.started: float | None = None
        self.base_url: str | None = None

    async def start(self) -> str:
        """Bind, start the clock, and return the base URL (``http://127.0.0.1:<port>``)."""
        app = web.Application()
        app.router.add_get("/feeds/{slug}.xml", self._handle_feed)
        app.router.add_get("/feeds.yaml", self._handle_feeds_yaml)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        port = self._runner.addresses[0][1]
        self.started = self.clock()
        self.base_url = f"http://{self.host}:{port}"
        log.info("demo feeds at %s/feeds/<slug>.xml (speed x%g)", self.base_url, self.speed)
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DemoFeedServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def feeds(self) -> list[FeedRef]:
        """FeedRefs for every outlet (source = outlet name); only valid after `start()`."""
        if self.base_url is None:
            raise RuntimeError("DemoFeedServer.feeds() called before start()")
        return [
            FeedRef(url=f"{self.base_url}/feeds/{o.slug}.xml", source=o.name, category=o.category, lang=o.lang)
            for o in self.outlets
        ]

    def elapsed(self) -> float:
        """Demo seconds since start (real seconds × speed)."""
        return 0.0 if self.started is None else (self.clock() - self.started) * self.speed

    def released(self, slug: str) -> list[DemoItem]:
        """Items of outlet `slug` visible now, newest first (as real feeds list them)."""
        now = self.elapsed()
        visible = [i for i in self.items if i.outlet == slug and i.offset <= now]
        return sorted(visible, key=lambda i: i.offset, reverse=True)

    def _published(self, item: DemoItem) -> float:
        assert self.started is not None
        return self.started + item.offset / self.speed

    def render(self, outlet: Outlet, items: list[DemoItem]) -> bytes:
        """RSS 2.0 document for `outlet` listing `items`."""
        updated = max((self._published(i) for i in items), default=self.started or 0.0)
        rss = ET.Element("rss", version="2.0")
        channel = ET.SubElement(rss, "channel")
        home = f"https://{outlet.slug}.example/"
        for tag, text in (
            ("title", outlet.name),
            ("link", home),
            ("description", f"{outlet.name} (newsstream demo outlet; all items are fictional samples)"),
            ("language", outlet.lang),
            ("lastBuildDate", _http_date(updated)),
        ):
            ET.SubElement(channel, tag).text = text
        for item in items:
            node = ET.SubElement(channel, "item")
            link = f"{home}news/{item.id}"
            ET.SubElement(node, "title").text = item.title
            ET.SubElement(node, "link").text = link
            ET.SubElement(node, "guid", isPermaLink="true").text = link
            ET.SubElement(node, "description").text = " ".join(item.summary.split())
            ET.SubElement(node, "pubDate").text = _http_date(self._published(item))
            for cat in item.categories:
                ET.SubElement(node, "category").text = cat
        return ET.tostring(rss, encoding="utf-8", xml_declaration=True)

    async def _handle_feed(self, request: web.Request) -> web.StreamResponse:
        outlet = self._by_slug.get(request.match_info["slug"])
        if outlet is None:
            raise web.HTTPNotFound(text="unknown demo feed\n")
        items = self.released(outlet.slug)
        body = self.render(outlet, items)
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        modified = int(max((self._published(i) for i in items), default=self.started or 0.0))
        headers = {"ETag": etag, "Last-Modified": _http_date(modified), "Cache-Control": "no-cache"}
        if _not_modified(request, etag, modified):
            return web.Response(status=304, headers=headers)
        return web.Response(body=body, headers=headers, content_type="application/rss+xml", charset="utf-8")

    async def _handle_feeds_yaml(self, request: web.Request) -> web.Response:
        assert self.base_url is not None
        return web.Response(text=demo_feeds_yaml(self.base_url, self.outlets), content_type="text/yaml")


def _not_modified(request: web.Request, etag: str, modified: int) -> bool:
    """RFC 9110 precedence: If-None-Match decides when present, else If-Modified-Since."""
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = request.headers.get("If-Modified-Since")
    if ims:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        return modified <= since.timestamp()
    return False
