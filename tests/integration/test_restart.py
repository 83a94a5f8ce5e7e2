"""A worker restart on the same broker recovers its stories from the changelog and re-derives nothing twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.helpers import all_stories, free_port, get_json, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "restart.jsonl"


def ids_in(path: Path) -> list[str]:
    import json

    return [json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()]


def covered(port: int, ids: set[str]):
    stories = all_stories(port)
    seen = [a for s in stories for a in s["article_ids"]]
    return stories if ids <= set(seen) else None


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
        # Replaying everything: the first ten are redeliveries, the rest are new.
        assert newsstream(["replay", str(second), "-q"], env).wait(60) == 0
        after = wait_for(lambda: covered(port, set(ids_in(second))), 90, "all articles clustered", [worker])
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
