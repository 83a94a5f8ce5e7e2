"""Broker outage: the broker is stopped for 60 s while a poller and a worker run, then started
again on the same port and data. Every feed entry published before, during and after the outage
must reach news.raw, none twice, and the worker must cluster them without a restart.

Minutes long, so it runs in `make soak`, not `make test`."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker
from streams.pipeline.clients import consume_json
from tests.integration.helpers import free_port, get_json, newsstream, pipeline_env, stop, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.skipif(
    not os.environ.get("NEWSSTREAM_SOAK"), reason="minutes long: run by `make soak` (NEWSSTREAM_SOAK=1)")]

OUTAGE_S = float(os.environ.get("NEWSSTREAM_SOAK_OUTAGE", "60"))
PER_SECOND = 1.0  # a new entry each second on each feed


class GrowingFeeds:
    """Two feeds that publish an entry every second, listing the newest 200 (more than the test
    publishes, as a real feed lists hours of entries: none scrolls out during the outage)."""

    def __init__(self) -> None:
        self.t0 = time.time()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                n = outer.published()
                items = "".join(
                    f"<item><guid>{self.path}-{i}</guid><title>Feed {self.path[1:]} entry {i} about topic {i}</title>"
                    f"<link>https://x.example{self.path}/{i}</link>"
                    f"<pubDate>{formatdate(outer.t0 + i / PER_SECOND, usegmt=True)}</pubDate></item>"
                    for i in range(n - 1, max(-1, n - 201), -1))
                body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                        f"<language>en</language>{items}</channel></rss>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.frozen: int | None = None

    def published(self) -> int:
        return self.frozen if self.frozen is not None else 1 + int((time.time() - self.t0) * PER_SECOND)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


def raw_titles(bootstrap: str, topic: str) -> list[str]:
    async def main() -> list[str]:
        return [r["title"] async for r in consume_json(bootstrap, topic, from_beginning=True, timeout=3.0)]
    return asyncio.run(main())


def test_pollers_and_worker_ride_out_a_60s_broker_outage(tmp_path: Path) -> None:
    broker = EmbeddedBroker(tmp_path / "kafka", port=free_port())
    broker.start()
    site = GrowingFeeds()
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n" + "".join(f"  - url: {site.url(p)}\n    source: Outlet {p[1:]}\n" for p in ("/a", "/b")))
    env = pipeline_env(broker.bootstrap, NEWSSTREAM_POLL_MIN_INTERVAL="1", NEWSSTREAM_POLL_MAX_INTERVAL="2",
                       NEWSSTREAM_POLL_INTERVAL="1", NEWSSTREAM_POLL_HOST_GAP="0", NEWSSTREAM_POLL_FIRST_MAX="200")
    raw = env["NEWSSTREAM_TOPIC_PREFIX"] + "news.raw"
    port = free_port()
    poller = newsstream(["poll", "--feeds", str(feeds), "--data-dir", str(tmp_path / "p"), "--loglevel", "info"], env, log=tmp_path / "poll.log")
    worker = newsstream(["worker", "--web-port", str(port), "--data-dir", str(tmp_path / "w")], env,
                        log=tmp_path / "worker.log")
    try:
        wait_for(lambda: get_json(f"http://127.0.0.1:{port}/health"), 90, "worker up", [worker, poller])
        wait_for(lambda: len(raw_titles(broker.bootstrap, raw)) >= 10, 90, "entries flowing", [worker, poller])

        broker.stop()
        time.sleep(OUTAGE_S)  # entries keep appearing on the feeds meanwhile
        assert poller.poll() is None and worker.poll() is None, "a process died during the outage"
        broker.start()
        site.frozen = site.published()  # from now on nothing new: every entry so far must arrive
        expected = {f"Feed {f} entry {i} about topic {i}" for f in "ab" for i in range(site.frozen)}

        def arrived() -> bool:
            return expected <= set(raw_titles(broker.bootstrap, raw))

        wait_for(arrived, 180, "every entry published before, during and after the outage in news.raw",
                 [worker, poller])
        titles = raw_titles(broker.bootstrap, raw)
        doubles = len(titles) - len(set(titles))
        print(f"\noutage: {len(expected)} entries published, {len(set(titles))} in news.raw, {doubles} twice")
        assert doubles == 0, f"{doubles} entries emitted twice"

        def clustered() -> bool:
            page = get_json(f"http://127.0.0.1:{port}/stories?limit=500&status=all")
            return sum(s["articles"] for s in page["stories"]) >= len(expected)

        wait_for(clustered, 180, "the worker to cluster every entry after reconnecting", [worker])
    finally:
        for proc, log in ((worker, "worker.log"), (poller, "poll.log")):
            if stop(proc) != 0:
                print((tmp_path / log).read_text()[-3000:])
        broker.stop()
        site.httpd.shutdown()
