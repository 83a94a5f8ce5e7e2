"""Retention on the live worker: stories idle past `retention_days` leave the tables with their
articles, `news.stories` carries a tombstone for each, and a restart does not bring them back."""

from __future__ import annotations

import asyncio
import json
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.integration.helpers import free_port, newsstream, pipeline_env, read_topic, stop, wait_for
from tests.integration.test_workers_api import status_of

pytestmark = pytest.mark.integration

DAY0 = datetime(2025, 3, 1, 8, tzinfo=timezone.utc)
STORIES = {  # key: (day, headline); three outlets each, an hour apart
    "quake": (0, "Earthquake strikes central Italy near Norcia"),
    "chip": (6, "Apple unveils its new M5 chip in Cupertino"),
    "flood": (40, "Floods force thousands from their homes in Porto Alegre"),
}


def lines(key: str) -> list[dict]:
    day, title = STORIES[key]
    return [{"id": f"https://outlet{i}.example/{key}-{i}", "url": f"https://outlet{i}.example/{key}-{i}",
             "source": f"Outlet {i}", "title": f"{title} ({i})" if i else title, "text": "", "lang": "en",
             "published": (DAY0 + timedelta(days=day, hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ")} for i in range(3)]


def write(path: Path, keys: list[str]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for key in keys for line in lines(key)))
    return path


def article_status(port: int, aid: str) -> int:
    return status_of(f"http://127.0.0.1:{port}/articles/{urllib.parse.quote(aid, safe='')}")[0]


def held(port: int, key: str) -> str | None:
    """The id of the story serving the three articles of `key`, all of them served too; or None.
    (Which article starts a story depends on how news.raw's partitions interleave.)"""
    ids = sorted(line["id"] for line in lines(key))
    page = status_of(f"http://127.0.0.1:{port}/stories?limit=50")[1]
    for story in page.get("stories", []):
        code, body = status_of(f"http://127.0.0.1:{port}/stories/{story['id']}")
        if code == 200 and sorted(body["article_ids"]) == ids:
            return story["id"] if all(article_status(port, aid) == 200 for aid in ids) else None
    return None


def gone(port: int, story_id: str, key: str) -> bool:
    return status_of(f"http://127.0.0.1:{port}/stories/{story_id}")[0] == 404 and all(
        article_status(port, line["id"]) == 404 for line in lines(key))


def test_stories_past_retention_leave_the_tables_and_news_stories(kafka, tmp_path):
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_STORE="rocksdb://", NEWSSTREAM_RETENTION_DAYS="30")
    port = free_port()
    args = ["worker", "--web-port", str(port), "--data-dir", str(tmp_path / "w")]
    worker = newsstream(args, env, log=tmp_path / "worker1.log")
    try:
        # day 0, then day 6: the quake story goes dormant (stored), the chip story stays in memory
        sid = {}
        for key in ("quake", "chip"):
            assert newsstream(["replay", str(write(tmp_path / f"{key}.jsonl", [key])), "-q"], env).wait(60) == 0
            sid[key] = wait_for(lambda key=key: held(port, key), 90, f"the {key} story served", [worker])
        # day 40: the quake story (dormant since day 0) is deleted from storage; the chip story
        # goes dormant and is deleted in the same sweep, from memory
        assert newsstream(["replay", str(write(tmp_path / "b.jsonl", ["flood"])), "-q"], env).wait(60) == 0
        flood = wait_for(lambda: held(port, "flood"), 90, "the day-40 story served", [worker])
        wait_for(lambda: gone(port, sid["quake"], "quake") and gone(port, sid["chip"], "chip"), 30,
                 "the old stories deleted", [worker])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
            metrics = resp.read().decode()
    finally:
        assert stop(worker) == 0, (tmp_path / "worker1.log").read_text()[-3000:]

    assert "\nnewsstream_stories_deleted_total 2" in metrics
    assert "\nnewsstream_stories 1\n" in metrics and "\nnewsstream_stories_active 1\n" in metrics  # the flood story

    latest: dict[bytes, bytes | None] = {}
    for record in asyncio.run(read_topic(kafka.bootstrap, env["NEWSSTREAM_TOPIC_PREFIX"] + "news.stories")):
        latest[record.key] = record.value
    assert {k for k, v in latest.items() if v is None} == {sid["quake"].encode(), sid["chip"].encode()}
    assert latest[flood.encode()] is not None

    worker = newsstream(args, env, log=tmp_path / "worker2.log")  # restored from the changelogs and RocksDB
    try:
        assert wait_for(lambda: held(port, "flood"), 90, "the day-40 story served after a restart", [worker]) == flood
        assert gone(port, sid["quake"], "quake") and gone(port, sid["chip"], "chip")
    finally:
        assert stop(worker) == 0, (tmp_path / "worker2.log").read_text()[-3000:]
