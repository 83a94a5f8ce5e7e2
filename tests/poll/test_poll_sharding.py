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

from tests.integration.helpers import REPO, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration


class Site:
    """RSS per path; records (time, path, poller) for every request."""

    def __init__(self) -> None:
        self.hits: list[tuple[float, str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                agent = self.headers.get("User-Agent", "")
                outer.hits.append((time.monotonic(), self.path, agent.rsplit("/", 1)[-1].rstrip(")")))
                items = "".join(
                    f"<item><title>{self.path} story {i}</title><link>https://x.example{self.path}/{i}</link>"
                    f"<pubDate>{formatdate(time.time() - 30 * i, usegmt=True)}</pubDate></item>" for i in range(3))
                body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                        f"<language>en</language>{items}</channel></rss>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def pollers_since(self, t0: float) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for t, path, who in list(self.hits):
            if t >= t0:
                out[path].add(who)
        return out


def cli(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "streams.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_pollers_share_the_feeds_and_follow_the_registry(kafka, tmp_path: Path) -> None:
    site = Site()
    paths = [f"/f{n}.xml" for n in range(8)]
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
        wait_for(lambda: len(site.pollers_since(0)) == 8, 60, "poller A to poll all feeds", [a])
        b = newsstream([*args, "--data-dir", str(tmp_path / "b")], {**env, "NEWSSTREAM_CONTACT_URL": "poller/B"},
                       log=tmp_path / "b.log")
        wait_for(lambda: any("B" in w for w in site.pollers_since(0).values()), 60, "poller B to take feeds", [a, b])
        time.sleep(4)  # let the rebalance settle, then watch a window
        t0 = time.monotonic()
        time.sleep(6)
        window = site.pollers_since(t0)
        assert set(window) == set(paths), "every feed keeps being polled"
        assert all(len(who) == 1 for who in window.values()), f"a feed polled by two workers: {window}"
        assert {w for who in window.values() for w in who} == {"A", "B"}, "both workers poll"

        # Registry changes reach the running workers, no restart.
        cli(["feeds", "add", site.url("/new.xml"), "--source", "Newcomer", "--category", "world"], env)
        wait_for(lambda: "/new.xml" in site.pollers_since(0), 30, "the added feed to be polled", [a, b])
        cli(["feeds", "remove", site.url("/f0.xml")], env)
        time.sleep(3)
        t1 = time.monotonic()
        time.sleep(4)
        assert "/f0.xml" not in site.pollers_since(t1), "a removed feed is not polled any more"
        listing = cli(["feeds", "list"], env)
        assert "Newcomer" in listing and "/f0.xml" not in listing
        assert listing.count("ok ") >= 8, listing

        # One worker leaves: the other takes over its feeds without a gap in schedule.
        assert stop(b) == 0
        b = None
        time.sleep(2)
        t2 = time.monotonic()
        wait_for(lambda: len(site.pollers_since(t2)) == 8, 60, "A to poll every feed again", [a])
        assert {w for who in site.pollers_since(t2).values() for w in who} == {"A"}
    finally:
        if b is not None:
            stop(b)
        assert stop(a) == 0, (tmp_path / "a.log").read_text()[-3000:]
