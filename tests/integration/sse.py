"""A minimal blocking SSE client for tests: read events with their ids, resume with Last-Event-ID."""

from __future__ import annotations

import http.client
import json
import socket
from typing import Any


def read_events(port: int, path: str, n: int, last_event_id: str | None = None, timeout: float = 10.0) -> list[tuple[str | None, Any]]:
    """Up to `n` (id, data) events; stops early when nothing arrives for `timeout` seconds."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept": "text/event-stream"}
    if last_event_id:
        headers["Last-Event-ID"] = last_event_id
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    assert resp.status == 200, resp.status
    assert resp.getheader("Content-Type", "").startswith("text/event-stream")
    events: list[tuple[str | None, Any]] = []
    event_id, data = None, []
    try:
        while len(events) < n:
            line = resp.fp.readline()
            if not line:
                break
            text = line.decode().rstrip("\n")
            if text.startswith("id: "):
                event_id = text[4:]
            elif text.startswith("data: "):
                data.append(text[6:])
            elif text == "":
                if data:
                    events.append((event_id, json.loads("\n".join(data))))
                event_id, data = None, []
    except (socket.timeout, TimeoutError):
        pass
    finally:
        conn.close()
    return events
