"""The dashboard's story board: snapshots kept as bytes until someone looks, decoded once then."""

from __future__ import annotations

import asyncio

from streams.models import SourceSeen, Story
from streams.pipeline import live
from streams.pipeline.codec import encode


def snapshot(sid: str, status: str = "active", updated: str = "2025-05-07T10:00:00Z") -> bytes:
    return encode(Story(id=sid, lang="en", headline=f"story {sid}", created_at=updated, updated_at=updated,
                        sources={"a.example": SourceSeen("A", updated, "a1")}, article_ids=["a1"], status=status))


def test_snapshots_wait_as_bytes_until_the_dashboard_asks(monkeypatch):
    decoded = []
    real = live.story_summary
    monkeypatch.setattr(live, "story_summary", lambda s: decoded.append(s.id) or real(s))
    board = live.StoryBoard()
    for offset, (sid, status, at) in enumerate([("s1", "active", "2025-05-07T10:00:00Z"),
                                                 ("s2", "active", "2025-05-07T11:00:00Z"),
                                                 ("s1", "active", "2025-05-07T12:00:00Z"),
                                                 ("s3", "active", "2025-05-07T09:00:00Z"),
                                                 ("s3", "merged", "2025-05-07T09:00:00Z")]):
        board.apply(0, offset, sid.encode(), snapshot(sid, status, at))
    board.apply(1, 0, b"bad", b"not json")
    assert decoded == [] and board.hub.vector == {0: 5, 1: 1}
    top = board.top()
    assert [s["id"] for s in top] == ["s1", "s2"] and top[0]["updated_at"] == "2025-05-07T12:00:00Z"
    assert sorted(decoded) == ["s1", "s2", "s3"]  # the newest snapshot of each, once
    assert board.top() == top and len(decoded) == 3


def test_with_live_clients_each_snapshot_is_published_at_once():
    board = live.StoryBoard()
    queue: asyncio.Queue = asyncio.Queue()
    board.hub.clients.add(queue)
    board.apply(0, 7, b"s1", snapshot("s1"))
    item = queue.get_nowait()
    assert item.value["id"] == "s1" and item.offset == 7 and not board.pending
    assert [s["id"] for s in board.top()] == ["s1"]


def test_a_tombstone_removes_a_deleted_story_from_the_board():
    board = live.StoryBoard()
    board.apply(0, 0, b"s1", snapshot("s1"))
    board.apply(0, 1, b"s2", snapshot("s2"))
    assert {s["id"] for s in board.top()} == {"s1", "s2"}
    board.apply(0, 2, b"s3", snapshot("s3"))
    board.apply(0, 3, b"s1", None)  # decoded before: gone from the summaries
    board.apply(0, 4, b"s3", None)  # still bytes: gone before it is ever decoded
    assert [s["id"] for s in board.top()] == ["s2"]


async def test_a_stories_stream_client_misses_no_update_read_while_its_snapshot_is_written(monkeypatch):
    """A big snapshot waits for the socket; an update the tail reads meanwhile must come live."""
    from streams.pipeline import web

    board = live.StoryBoard()
    board.apply(0, 0, b"s1", snapshot("s1", updated="2025-05-07T10:00:00Z"))

    class Response:
        def __init__(self) -> None:
            self.frames: list[bytes] = []

        async def write(self, data: bytes) -> None:
            self.frames.append(data)
            if len(self.frames) == 1:  # the snapshot is being written: the tail reads an update
                await asyncio.sleep(0)
                board.apply(0, 1, b"s1", snapshot("s1", updated="2025-05-07T12:00:00Z"))

    resp = Response()

    async def sse_response(request):
        return resp

    monkeypatch.setattr(web, "board", board)
    monkeypatch.setattr(web, "_sse_response", sse_response)
    task = asyncio.ensure_future(web.stories_stream.get(None, None))
    for _ in range(20):
        await asyncio.sleep(0.01)
    task.cancel()
    assert b"snapshot" in resp.frames[0] and b"2025-05-07T10:00:00Z" in resp.frames[0]
    assert any(b"2025-05-07T12:00:00Z" in f for f in resp.frames[1:])
