"""Test helpers: a loopback feed server, child processes of the real CLI, waiting on the web API."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from aiokafka import AIOKafkaConsumer

from streams.broker import free_port

REPO = Path(__file__).resolve().parents[2]


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """RSS 2.0 with content:encoded, as news sites publish it."""
    parts = [f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
             f"<guid>{escape(i['link'])}</guid><pubDate>{i.get('pubDate', format_datetime(datetime.now(timezone.utc)))}</pubDate>"
             f"<description>{escape(i.get('summary', ''))}</description>"
             f"<content:encoded><![CDATA[{i.get('content', '')}]]></content:encoded></item>" for i in items]
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
            f"<link>https://example.org/</link><description>test</description><language>en</language>"
            f"{''.join(parts)}</channel></rss>").encode()


class FeedServer:
    """Serves fixed bodies by path on 127.0.0.1 from a thread (real HTTP for the pollers)."""

    def __init__(self, routes: dict[str, bytes]) -> None:
        self.routes = routes
        self.hits: dict[str, int] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                body = outer.routes.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def __enter__(self) -> "FeedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def pipeline_env(bootstrap: str, **extra: str) -> dict[str, str]:
    """A private namespace of topics per test: one broker serves the whole session."""
    return {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "NEWSSTREAM_TOPIC_PREFIX": f"t{uuid.uuid4().hex[:8]}.",
            "NEWSSTREAM_ALLOW_PRIVATE_NETWORKS": "1", "NEWSSTREAM_PARTITIONS": "2", **extra}


def newsstream(args: list[str], env: dict[str, str], log: Path | None = None, **kw: Any) -> subprocess.Popen:
    out = open(log, "ab") if log else subprocess.PIPE
    return subprocess.Popen([sys.executable, "-m", "streams.cli", *args], env=env, stdout=out,
                            stderr=subprocess.STDOUT if log else subprocess.PIPE, cwd=REPO, **kw)


def stop(proc: subprocess.Popen, timeout: float = 40.0) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.loads(resp.read())


def wait_for(check: Callable[[], Any], timeout: float, what: str, procs: list[subprocess.Popen] = ()) -> Any:
    """Poll `check` until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while time.monotonic() < deadline:
        for p in procs:
            assert p.poll() is None, f"process {p.args} exited with {p.returncode} while waiting for {what}"
        try:
            value = check()
            if value:
                return value
        except (OSError, urllib.error.URLError, ValueError) as exc:
            last_exc = exc
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last error: {last_exc})")


def all_stories(port: int) -> list[dict[str, Any]]:
    page = get_json(f"http://127.0.0.1:{port}/stories?limit=500")
    return [get_json(f"http://127.0.0.1:{port}/stories/{s['id']}") for s in page["stories"]]


async def read_topic(bootstrap: str, topic: str) -> list:
    """Every record of `topic`, per partition in offset order."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    try:
        parts = consumer.assignment() or set()
        while not parts:
            await asyncio.sleep(0.1)
            parts = consumer.assignment()
        end = await consumer.end_offsets(list(parts))
        out: list = []

        async def behind() -> bool:
            return any([await consumer.position(tp) < end[tp] for tp in parts])

        while await behind():
            for batch in (await consumer.getmany(timeout_ms=500, max_records=5000)).values():
                out.extend(batch)
        return sorted(out, key=lambda m: (m.partition, m.offset))
    finally:
        await consumer.stop()


__all__ = ["FeedServer", "rss", "pipeline_env", "newsstream", "stop", "get_json", "wait_for", "all_stories", "free_port",
           "read_topic"]
