"""Server-Sent Events fan-out with gapless resume. No Kafka here: the pipeline feeds `Hub.publish`
with each record's (partition, offset) and value.

Event ids are offset vectors — `0:13,1:7` means "everything before offset 13 of partition 0 and
offset 7 of partition 1 has been sent" — so a client reconnecting with `Last-Event-ID` gets exactly
the records it missed, from whichever worker it reaches, even after a restart: an event is new to
the client iff its offset is >= the vector's entry for its partition.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any

import orjson

Vector = dict[int, int]
log = logging.getLogger(__name__)


def encode_vector(vec: Vector) -> str:
    return ",".join(f"{p}:{o}" for p, o in sorted(vec.items()))


def decode_vector(text: str | None) -> Vector | None:
    """None when absent or unreadable (the client then starts live)."""
    if not text:
        return None
    out: Vector = {}
    try:
        for part in text.split(","):
            p, o = part.split(":")
            out[int(p)] = int(o)
    except ValueError:
        return None
    return out


def format_event(data: Any, event_id: str | None = None, event: str | None = None, raw: bytes | None = None) -> bytes:
    """One SSE frame; `data` is JSON-encoded on one line (JSON never holds a raw newline). `raw`,
    when given, is `data` already encoded (the record's own bytes: no re-encoding per record)."""
    head = (f"id: {event_id}\n" if event_id is not None else "") + (f"event: {event}\n" if event else "")
    if raw is None or b"\n" in raw or b"\r" in raw:  # a pretty-printed record would break the frame
        raw = orjson.dumps(data)
    return head.encode() + b"data: " + raw + b"\n\n"


class Item:
    """One published record. Its dict and SSE frame are made on first use: with no client
    connected (the usual worker) a record costs no decode and no encode — a twentieth of a busy
    worker's time went to decoding alerts nobody was following."""

    __slots__ = ("partition", "offset", "event_id", "_value", "_raw", "_frame")

    def __init__(self, partition: int, offset: int, value: dict[str, Any] | None, event_id: str,
                 raw: bytes | None = None) -> None:
        self.partition, self.offset, self.event_id = partition, offset, event_id  # event_id: the vector after it
        self._value, self._raw, self._frame = value, raw, None

    @property
    def value(self) -> dict[str, Any]:
        """The record; {} when its bytes are not a JSON object (logged once, sent to nobody)."""
        if self._value is None:
            try:
                value = orjson.loads(self._raw or b"null")
            except orjson.JSONDecodeError:
                value = None
            if not isinstance(value, dict):
                log.warning("undecodable record at %d@%d: not sent", self.partition, self.offset)
                value = {}
            self._value = value
        return self._value

    @property
    def frame(self) -> bytes:
        """The SSE frame, encoded once for every client."""
        if self._frame is None:
            self._frame = format_event(self.value, self.event_id, raw=self._raw)
        return self._frame

    @property
    def sendable(self) -> bool:
        return bool(self.value) or self._raw is None


class Hub:
    """Fan-out of one topic to many SSE clients, with a replay buffer of the last `size` records."""

    def __init__(self, size: int = 20000, queue_size: int = 10000) -> None:
        self.buffer: deque[Item] = deque(maxlen=size)
        self.vector: Vector = {}
        self.queue_size = queue_size
        self.clients: set[asyncio.Queue[Item | None]] = set()
        self.published = 0

    def publish(self, partition: int, offset: int, value: dict[str, Any] | None = None, raw: bytes | None = None) -> None:
        """A record: its dict, or its JSON bytes `raw` alone (decoded only if some client reads it)."""
        if value is None and raw is None:
            raise ValueError("publish needs a value or its raw bytes")
        self.vector[partition] = offset + 1
        item = Item(partition, offset, value, encode_vector(self.vector), raw)
        self.buffer.append(item)
        self.published += 1
        for q in list(self.clients):
            try:
                q.put_nowait(item)
            except asyncio.QueueFull:  # too slow: cut it off; it resumes from its Last-Event-ID
                self.clients.discard(q)
                while not q.empty():  # make room for the end marker: the buffer has these for the resume
                    q.get_nowait()
                q.put_nowait(None)

    def backlog(self, after: Vector | None, last: int = 0) -> list[Item]:
        """What a (re)connecting client needs: items past its vector, or the newest `last` ones."""
        if after is None:
            return list(self.buffer)[-last:] if last > 0 else []
        return [i for i in self.buffer if i.offset >= after.get(i.partition, 0)]

    async def stream(self, after: Vector | None, keep: Callable[[dict[str, Any]], bool], last: int = 0,
                     heartbeat: float = 15.0) -> AsyncIterator[bytes]:
        """SSE frames for one client: its backlog, then live items, with heartbeats. A client whose
        filter skips records still learns its position: an id-only frame (which sets the browser's
        Last-Event-ID and fires no event) follows the backlog and stands in for a heartbeat when
        skipped records moved it, so a reconnect resumes from there, not live with a gap."""
        q: asyncio.Queue[Item | None] = asyncio.Queue(self.queue_size)
        self.clients.add(q)  # subscribe first: nothing published between backlog and live is lost
        try:
            sent: Vector = dict(self.vector if after is None else after)
            yield b"retry: 2000\n\n"
            for item in self.backlog(after, last):
                sent[item.partition] = item.offset + 1
                if item.sendable and keep(item.value):
                    yield item.frame
            yield _position(sent)
            moved = False  # skipped records advanced `sent` since the client last heard an id
            while True:
                try:
                    item = await asyncio.wait_for(q.get(), heartbeat)
                except asyncio.TimeoutError:
                    yield _position(sent) if moved else b": keep-alive\n\n"
                    moved = False
                    continue
                if item is None:
                    return
                if item.offset < sent.get(item.partition, 0):
                    continue  # already in the backlog
                sent[item.partition] = item.offset + 1
                if item.sendable and keep(item.value):
                    moved = False
                    yield item.frame
                else:
                    moved = True
        finally:
            self.clients.discard(q)


def _position(sent: Vector) -> bytes:
    """An id-only frame: the client's resume point. "0:0" (from the start of the replay buffer)
    when nothing was published yet, since an empty id would clear the browser's Last-Event-ID."""
    return b"id: " + (encode_vector(sent) or "0:0").encode() + b"\n\n"
