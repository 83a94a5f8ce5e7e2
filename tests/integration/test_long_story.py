"""A long-running story: its snapshot lists the newest articles and counts them all, so the value
stays bounded (it is rewritten on every change) and reads back after a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.cluster.story import SNAPSHOT_ARTICLES
from tests.integration.test_retention import article_status
from tests.integration.helpers import all_stories, free_port, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration

N = SNAPSHOT_ARTICLES + 300


def write_archive(path: Path) -> list[str]:
    """`N` reports of one event from 40 outlets, minutes apart, each worded a little differently."""
    ids = []
    with path.open("w") as f:
        for i in range(N):
            aid = f"https://outlet{i % 40}.example/world/xi-jinping-moscow-{i:05d}"
            ids.append(aid)
            f.write(json.dumps({"id": aid, "url": aid, "source": f"Outlet {i % 40}",
                                "title": f"Xi Jinping in Moscow for talks with Putin, update {i}",
                                "text": "", "published": f"2025-05-07T{9 + i // 600:02d}:{i // 10 % 60:02d}:{i % 10:02d}Z",
                                "lang": "en"}) + "\n")
    return ids


def one_story(port: int, count: int):
    stories = all_stories(port)
    return stories[0] if len(stories) == 1 and stories[0]["articles"] >= count else None


def test_a_story_of_more_articles_than_a_snapshot_lists_survives_a_restart(kafka, tmp_path):
    env = pipeline_env(kafka.bootstrap)
    ids = write_archive(tmp_path / "long.jsonl")
    port = free_port()
    args = ["worker", "--web-port", str(port), "--data-dir", str(tmp_path / "w")]
    worker = newsstream(args, env, log=tmp_path / "worker1.log")
    try:
        assert newsstream(["replay", str(tmp_path / "long.jsonl"), "-q"], env).wait(60) == 0
        story = wait_for(lambda: one_story(port, N), 120, f"{N} articles in one story", [worker])
        # the articles table keeps what the snapshot lists: the older ones left it as they were pushed out
        unlisted = sorted(set(ids) - set(story["article_ids"]))
        served = [article_status(port, aid) for aid in unlisted[:5] + story["article_ids"][:3]]
    finally:
        assert stop(worker) == 0, (tmp_path / "worker1.log").read_text()[-3000:]
    assert story["articles"] == N
    assert len(story["article_ids"]) == SNAPSHOT_ARTICLES
    assert set(story["article_ids"]) < set(ids)  # the newest in arrival order (news.raw's partitions interleave)
    assert len(story["sources"]) == 40
    assert len(unlisted) == N - SNAPSHOT_ARTICLES and served == [404] * 5 + [200] * 3

    worker = newsstream(args, env, log=tmp_path / "worker2.log")
    try:
        again = wait_for(lambda: one_story(port, N), 90, "the story recovered after the restart", [worker])
        served = [article_status(port, unlisted[-1]), article_status(port, again["article_ids"][-1])]
    finally:
        assert stop(worker) == 0, (tmp_path / "worker2.log").read_text()[-3000:]
    assert again["articles"] == N and again["id"] == story["id"]
    assert sorted(again["article_ids"]) == sorted(story["article_ids"])
    assert served == [404, 200]
