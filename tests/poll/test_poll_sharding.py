"""Two poller processes on the real broker: each feed polled by exactly one; the registry is live.

Each poller says who it is in its User-Agent (contact URL), so the loopback feed server can
tell which process fetched which feed.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import defaultdict
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiokafka.partitioner import murmur2

from tests.integration.helpers import REPO, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration


class Site:
    """RSS per path; records (time, path, poller) for every request."""

    def __init__(self) -> None:
        self.hits: list[tuple[float, str, str]] = []
        self.conditional: list[bool] = []  # per request: did it carry our ETag back?
        self.gone: set[str] = set()  # paths answering 410
        self.started = time.time()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                agent = self.headers.get("User-Agent", "")
                outer.hits.append((time.monotonic(), self.path, agent.rsplit("/", 1)[-1].rstrip(")")))
                if self.path in outer.gone:
                    self.send_response(410)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                outer.conditional.append(self.headers.get("If-None-Match") == f'"{self.path}"')
                if outer.conditional[-1]:
                    self.send_response(304)
                    self.end_headers()
                    return
                items = "".join(
                    f"<item><title>{self.path} story {i}</title><link>https://x.example{self.path}/{i}</link>"
                    f"<pubDate>{formatdate(outer.started - 30 * i, usegmt=True)}</pubDate></item>" for i in range(3))
                body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                        f"<language>en</language>{items}</channel></rss>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", f'"{self.path}"')
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def polls(self, path: str) -> int:
        return sum(1 for _, p, _ in list(self.hits) if p == path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def pollers_since(self, t0: float) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for t, path, who in list(self.hits):
            if t >= t0:
                out[path].add(who)
        return out


def _partition(url: str, partitions: int = 2) -> int:
    """news.feeds partition of `url` (Kafka's default partitioner), as pipeline_env's 2 partitions."""
    return (murmur2(url.encode()) & 0x7FFFFFFF) % partitions


def cli(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "streams.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_pollers_share_the_feeds_and_follow_the_registry(kafka, tmp_path: Path) -> None:
    site = Site()
    paths = [f"/f{n}.xml" for n in range(8)]
    while len({_partition(site.url(p)) for p in paths}) < 2:  # the site's port decides; both must own feeds
        paths.append(f"/f{len(paths)}.xml")
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n" + "".join(f"  - url: {site.url(p)}\n    source: Outlet {p[2]}\n" for p in paths))
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_POLL_MIN_INTERVAL="1", NEWSSTREAM_POLL_MAX_INTERVAL="2",
                       NEWSSTREAM_POLL_INTERVAL="1", NEWSSTREAM_POLL_HOST_GAP="0",
                       NEWSSTREAM_POLL_HOST_CONCURRENCY="8")
    args = ["poll", "--feeds", str(feeds), "--loglevel", "info"]
    a = newsstream([*args, "--data-dir", str(tmp_path / "a")], {**env, "NEWSSTREAM_CONTACT_URL": "poller/A"},
                   log=tmp_path / "a.log")
    b = None
    try:
        wait_for(lambda: len(site.pollers_since(0)) == len(paths), 60, "poller A to poll all feeds", [a])
        b = newsstream([*args, "--data-dir", str(tmp_path / "b")], {**env, "NEWSSTREAM_CONTACT_URL": "poller/B"},
                       log=tmp_path / "b.log")

        def shared_out() -> bool:
            """In the last 5 s every feed was polled, each by one worker, and both workers poll."""
            window = site.pollers_since(time.monotonic() - 5)
            return (set(window) == set(paths) and all(len(who) == 1 for who in window.values())
                    and {w for who in window.values() for w in who} == {"A", "B"})

        try:
            wait_for(shared_out, 120, "the rebalance to settle with both workers polling", [a, b])
        except AssertionError as exc:
            tails = "\n".join(f"--- {n}.log\n" + (tmp_path / f"{n}.log").read_text()[-2500:] for n in "ab")
            raise AssertionError(f"{exc}; last 10 s: {dict(site.pollers_since(time.monotonic() - 10))}\n{tails}") from None
        t0 = time.monotonic()
        time.sleep(6)  # then a fresh window, checked strictly
        window = site.pollers_since(t0)
        assert set(window) == set(paths), "every feed keeps being polled"
        assert all(len(who) == 1 for who in window.values()), f"a feed polled by two workers: {window}"
        assert {w for who in window.values() for w in who} == {"A", "B"}, "both workers poll"

        # Registry changes reach the running workers, no restart.
        cli(["feeds", "add", site.url("/new.xml"), "--source", "Newcomer", "--category", "world"], env)
        wait_for(lambda: "/new.xml" in site.pollers_since(0), 30, "the added feed to be polled", [a, b])
        removed_at = time.monotonic()
        cli(["feeds", "remove", site.url("/f0.xml")], env)
        wait_for(lambda: time.monotonic() - removed_at > 5 and "/f0.xml" not in site.pollers_since(
            time.monotonic() - 4), 30, "the removed feed to stop being polled", [a, b])
        listing = cli(["feeds", "list"], env)
        assert "Newcomer" in listing and "/f0.xml" not in listing
        again = subprocess.run([sys.executable, "-m", "streams.cli", "feeds", "remove", site.url("/f0.xml")],
                               env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
        assert again.returncode == 2 and "is not a registered feed" in again.stderr, again.stderr
        assert listing.count("ok ") >= len(paths), listing

        # One worker leaves: the other takes over its feeds without a gap in schedule.
        assert stop(b) == 0
        b = None
        time.sleep(2)
        t2 = time.monotonic()
        wait_for(lambda: len(site.pollers_since(t2)) == len(paths), 60, "A to poll every feed again", [a])
        assert {w for who in site.pollers_since(t2).values() for w in who} == {"A"}
    finally:
        if b is not None:
            stop(b)
        assert stop(a) == 0, (tmp_path / "a.log").read_text()[-3000:]


def test_restart_resumes_state_and_opml_round_trip(kafka, tmp_path: Path) -> None:
    """A restarted poller polls conditionally and re-emits nothing; OPML import/export via the CLI."""
    import asyncio

    from aiokafka import AIOKafkaConsumer, TopicPartition

    site = Site()
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n" + "".join(f"  - url: {site.url(p)}\n    source: Outlet {p}\n"
                                           for p in ("/a.xml", "/b.xml", "/gone.xml")))
    site.gone.add("/gone.xml")
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_POLL_MIN_INTERVAL="1", NEWSSTREAM_POLL_MAX_INTERVAL="1",
                       NEWSSTREAM_POLL_INTERVAL="1", NEWSSTREAM_POLL_HOST_GAP="0")
    opml = tmp_path / "more.opml"
    opml.write_text(f'<opml version="2.0"><head/><body><outline text="Tech"><outline type="rss" text="C" '
                    f'xmlUrl="{site.url("/c.xml")}"/></outline></body></opml>')
    prefix = env["NEWSSTREAM_TOPIC_PREFIX"]

    def raw_items() -> int:
        """Records ever written to news.raw: end minus beginning offsets of every partition."""
        async def count() -> int:
            consumer = AIOKafkaConsumer(bootstrap_servers=kafka.bootstrap)
            await consumer.start()
            try:
                tps = [TopicPartition(prefix + "news.raw", p) for p in range(int(env["NEWSSTREAM_PARTITIONS"]))]
                ends, starts = await consumer.end_offsets(tps), await consumer.beginning_offsets(tps)
                return sum(ends[tp] - starts[tp] for tp in tps)
            finally:
                await consumer.stop()
        return asyncio.run(count())

    args = ["poll", "--feeds", str(feeds), "--data-dir", str(tmp_path / "p")]
    p = newsstream(args, env, log=tmp_path / "p1.log")
    try:
        wait_for(lambda: site.polls("/a.xml") >= 2 and site.polls("/b.xml") >= 2, 60, "two polls each", [p])
        cli(["feeds", "import", str(opml)], env)
        wait_for(lambda: site.polls("/c.xml") >= 2, 30, "the imported feed to be polled", [p])
        listing = cli(["feeds", "list"], env)
        assert "disabled  next" in listing and "gone: HTTP 410" in listing, listing
        assert site.polls("/gone.xml") == 1, "a 410 feed is not polled again"
        site.gone.clear()  # the publisher brings it back; registering it again re-enables it
        cli(["feeds", "add", site.url("/gone.xml"), "--source", "Outlet /gone.xml"], env)
        wait_for(lambda: site.polls("/gone.xml") >= 2, 30, "the re-registered feed to be polled", [p])
    finally:
        assert stop(p) == 0, (tmp_path / "p1.log").read_text()[-3000:]
    assert raw_items() == 12
    exported = cli(["feeds", "export"], env)
    assert all(site.url(x) in exported for x in ("/a.xml", "/b.xml", "/c.xml")) and 'category="Tech"' in exported

    before = len(site.hits)
    p = newsstream(args, env, log=tmp_path / "p2.log")
    try:
        wait_for(lambda: all(sum(1 for _, q, _ in site.hits[before:] if q == x) >= 2
                             for x in ("/a.xml", "/b.xml", "/c.xml", "/gone.xml")), 60, "polls after restart", [p])
    finally:
        assert stop(p) == 0, (tmp_path / "p2.log").read_text()[-3000:]
    assert all(site.conditional[before:]), "after a restart every request is conditional"
    assert raw_items() == 12, "nothing re-emitted after the restart"
