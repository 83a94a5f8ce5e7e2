"""A worker restart on the same broker recovers its stories from the changelog and re-derives nothing twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest

from tests.integration.helpers import (all_stories, free_port, get_json, newsstream, pipeline_env, read_topic, stop,
                                       wait_for)

pytestmark = pytest.mark.integration

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "restart.jsonl"


def ids_in(path: Path) -> list[str]:
    import json

    return [json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()]


def covered(port: int, ids: set[str]):
    stories = all_stories(port)
    seen = [a for s in stories for a in s["article_ids"]]
    return stories if ids <= set(seen) else None


def snapshots_sent(bootstrap: str, env: dict[str, str]) -> Counter:
    """Records on news.stories per story id."""
    return Counter(m.key.decode() for m in asyncio.run(read_topic(bootstrap, env["NEWSSTREAM_TOPIC_PREFIX"] + "news.stories")))


@pytest.mark.parametrize("store", ["memory://", "rocksdb://"])
def test_restart_keeps_stories_and_recognises_seen_articles(kafka, tmp_path, store):
    """With the store of tests and the store of deployments (RocksDB, on disk across the restart)."""
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_STORE=store)
    lines = FIXTURE.read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "all.jsonl"
    first.write_text("\n".join(lines[:10]) + "\n")
    second.write_text("\n".join(lines) + "\n")
    port = free_port()
    args = ["worker", "--web-port", str(port), "--data-dir", str(tmp_path / "w")]

    worker = newsstream(args, env, log=tmp_path / "worker1.log")
    try:
        assert newsstream(["replay", str(first), "-q"], env).wait(60) == 0
        before = wait_for(lambda: covered(port, set(ids_in(first))), 90, "first half clustered", [worker])
    finally:
        assert stop(worker) == 0, (tmp_path / "worker1.log").read_text()[-3000:]
    before_map = {s["id"]: sorted(s["article_ids"]) for s in before}
    assert len(before_map) < 10  # some stories gained several articles

    worker = newsstream(args, env, log=tmp_path / "worker2.log")
    try:
        recovered = wait_for(lambda: all_stories(port) if len(all_stories(port)) >= len(before_map) else None,
                             90, "stories recovered after restart", [worker])
        assert {s["id"]: sorted(s["article_ids"]) for s in recovered} == before_map
        sent = snapshots_sent(kafka.bootstrap, env)
        # Replaying everything: the first ten are redeliveries, the rest are new.
        assert newsstream(["replay", str(second), "-q"], env).wait(60) == 0
        after = wait_for(lambda: covered(port, set(ids_in(second))), 90, "all articles clustered", [worker])
        # A redelivery sends its story's snapshot again: a crash between the table write and the
        # news.stories send would otherwise have left the topic behind the table for good.
        def again() -> Counter | None:
            now = snapshots_sent(kafka.bootstrap, env)
            return now if all(now[sid] > sent[sid] for sid in before_map) else None

        resent = wait_for(again, 30, "snapshots sent again", [worker])
        assert get_json(f"http://127.0.0.1:{port}/health")["status"] == "ok"
    finally:
        assert stop(worker) == 0, (tmp_path / "worker2.log").read_text()[-3000:]

    seen = [a for s in after for a in s["article_ids"]]
    assert sorted(seen) == sorted(ids_in(second)), "every article in exactly one story"
    after_map = {s["id"]: s for s in after}
    for sid, arts in before_map.items():  # old stories kept their ids and articles
        assert set(arts) <= set(after_map[sid]["article_ids"])
    grown = [sid for sid in before_map if len(after_map[sid]["article_ids"]) > len(before_map[sid])]
    assert grown, "new articles joined stories recovered from the changelog"
    assert len(grown) < len(before_map), "some stories only saw redeliveries (the snapshot check needs one)"
    print(f"\nrestart ({store}): {len(before_map)} stories, {len(grown)} grew; snapshots sent before/after "
          f"the redeliveries: {sum(sent.values())}/{sum(resent.values())}")
