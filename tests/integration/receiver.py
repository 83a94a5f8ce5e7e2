"""A real HTTP webhook receiver on loopback for the delivery tests and the benchmark.

Each path has a script of statuses (the last one repeats), played per path or per webhook-id: `{"/ok": [200], "/flaky": [500, 500, 200],
"/down": [500], "/gone": [410]}`. Every request is recorded with its headers and body.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    at: float


class Receiver:
    def __init__(self, scripts: dict[str, list[int]], retry_after: str | None = None, per_id: bool = False) -> None:
        self.scripts = scripts
        self.per_id = per_id  # play each path's script per webhook-id instead of per path
        self.retry_after = retry_after
        self.requests: list[Received] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with outer.lock:
                    wid = self.headers.get("webhook-id")
                    n = sum(1 for r in outer.requests if r.path == self.path
                            and (not outer.per_id or r.headers.get("webhook-id") == wid))
                    script = outer.scripts.get(self.path, [404])
                    status = script[min(n, len(script) - 1)]
                    outer.requests.append(Received(self.path, dict(self.headers.items()), body, status, time.time()))
                self.send_response(status)
                if status in (429, 503) and outer.retry_after:
                    self.send_header("Retry-After", outer.retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def at(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
