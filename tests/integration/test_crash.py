"""kill -9 of the worker mid-replay: every article in exactly one story, the same stories as an
uninterrupted run over the same article order, and no (story, source) alert lost."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path

import pytest

from streams.archive import other_outlet, read_archive
from streams.flow import StoryStage
from streams.models import Article, Story
from streams.offline import repeat_groups, score
from streams.pipeline.codec import decode
from tests.conftest import shared_path
from tests.integration.helpers import free_port, get_json, newsstream, pipeline_env, read_topic, stop, wait_for

pytestmark = pytest.mark.integration

COPIES = 3  # uci-dev three times (the copies from other outlets): > 10,000 articles


def write_replay(path: Path) -> set[str]:
    lines = [json.loads(ln) for ln in shared_path("data", "eval", "uci-dev.jsonl").read_text().splitlines() if ln.strip()]
    ids = set()
    with path.open("w") as fh:
        for copy in range(COPIES):
            for d in lines:
                if copy:
                    d = {**d, "id": f"c{copy}-{d['id']}", "url": other_outlet(d["url"], copy),
                         "source": f"{d['source']} ({copy})"}
                ids.add(d["id"])
                fh.write(json.dumps(d) + "\n")
    return ids


def live_stories(port: int) -> list[dict]:
    """Every story the worker holds, whatever its status."""
    stories: list[dict] = []
    while True:
        page = get_json(f"http://127.0.0.1:{port}/stories?limit=500&offset={len(stories)}&status=all")
        stories += [get_json(f"http://127.0.0.1:{port}/stories/{s['id']}") for s in page["stories"]]
        if len(stories) >= page["total"] or not page["stories"]:
            return stories


def articles_listed(port: int) -> int:
    """Articles in the stories this worker holds itself (`scope=local`: not the other workers')."""
    page = get_json(f"http://127.0.0.1:{port}/stories?limit=500&status=all&scope=local")
    total, seen = page["total"], page["stories"]
    while len(seen) < total:
        seen += get_json(f"http://127.0.0.1:{port}/stories?limit=500&offset={len(seen)}&status=all&scope=local")["stories"]
    return sum(s["articles"] for s in seen)


def all_listed(groups: dict[str, set[str]], members: dict[str, str]) -> bool:
    """One id of each group of exact repeats is in a story (which one depends on arrival order)."""
    return len(members) >= len(groups) and all(not group.isdisjoint(members) for group in groups.values())


def membership(stories: list[dict]) -> tuple[dict[str, str], set[str]]:
    """article id → story id (merged stories' articles live on in the story they were merged into),
    and the ids found in more than one story."""
    members: dict[str, str] = {}
    doubles: set[str] = set()
    for story in stories:
        if story.get("status") == "merged":
            continue
        for aid in story["article_ids"]:
            if aid in members:
                doubles.add(aid)
            members[aid] = story["id"]
    return members, doubles


def test_kill_9_mid_replay_rederives_the_same_stories(kafka, tmp_path):
    replay = tmp_path / "replay.jsonl"
    ids = write_replay(replay)
    groups = repeat_groups(line.item for line in read_archive(replay) if line.item is not None)
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_PARTITIONS="2")
    prefix = env["NEWSSTREAM_TOPIC_PREFIX"]
    port = free_port()
    args = ["worker", "--web-port", str(port), "--data-dir", str(tmp_path / "w")]
    worker = newsstream(args, env, log=tmp_path / "worker1.log")
    try:
        wait_for(lambda: get_json(f"http://127.0.0.1:{port}/health"), 60, "worker up", [worker])
        assert newsstream(["replay", str(replay), "-q"], env).wait(120) == 0
        wait_for(lambda: articles_listed(port) > len(ids) // 3, 120, "a third clustered", [worker])
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    worker = newsstream(args, env, log=tmp_path / "worker2.log")
    try:
        def done():  # exact duplicates (same URL, or same outlet and text) are recognised, not re-listed
            stories = live_stories(port)
            members, doubles = membership(stories)
            return stories if all_listed(groups, members) and not doubles else None

        try:
            stories = wait_for(done, 420, "every article clustered, each in one story", [worker])
        except AssertionError:
            stories = live_stories(port)
            members, doubles = membership(stories)
            missing = sorted(first for first, group in groups.items() if not group & set(members))
            raise AssertionError(f"{len(groups) - len(missing)}/{len(groups)} listed (missing e.g. {missing[:5]}); "
                                 f"in two stories: {sorted(doubles)[:10]}") from None
        members, _ = membership(stories)
    finally:
        assert stop(worker) == 0, (tmp_path / "worker2.log").read_text()[-3000:]

    check_rederived(kafka.bootstrap, prefix, ids, members, "kill -9 and restart", stories)


def test_two_workers_one_killed_hands_its_partitions_over(kafka, tmp_path):
    """Two workers share the partitions; the one holding the stories is killed mid-replay and the
    other takes its partitions over (after the session timeout), with the same guarantees."""
    replay = tmp_path / "replay.jsonl"
    ids = write_replay(replay)
    groups = repeat_groups(line.item for line in read_archive(replay) if line.item is not None)
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_PARTITIONS="2")
    ports = [free_port(), free_port()]
    workers = [newsstream(["worker", "--web-port", str(port), "--data-dir", str(tmp_path / f"w{n}")], env,
                          log=tmp_path / f"worker{n}.log") for n, port in enumerate(ports)]
    survivor = None
    try:
        for port in ports:
            wait_for(lambda port=port: get_json(f"http://127.0.0.1:{port}/health"), 60, "worker up", workers)
        assert newsstream(["replay", str(replay), "-q"], env).wait(120) == 0
        wait_for(lambda: sum(articles_listed(p) for p in ports) > len(ids) // 3, 120, "a third clustered", workers)
        # Kill the worker holding the stories (one language: one partition, one owner).
        victim = max(range(2), key=lambda n: articles_listed(ports[n]))
        os.kill(workers[victim].pid, signal.SIGKILL)
        workers[victim].wait(10)
        survivor = 1 - victim
        port = ports[survivor]

        def done():
            stories = live_stories(port)
            members, doubles = membership(stories)
            return stories if all_listed(groups, members) and not doubles else None

        try:
            stories = wait_for(done, 420, "the survivor to hold every article, each in one story", [workers[survivor]])
        except AssertionError:
            members, doubles = membership(live_stories(port))
            missing = sorted(first for first, group in groups.items() if not group & set(members))
            raise AssertionError(f"{len(groups) - len(missing)}/{len(groups)} listed (missing e.g. {missing[:5]}); "
                                 f"in two stories: {sorted(doubles)[:10]}") from None
        members, _ = membership(stories)
    finally:
        for n, w in enumerate(workers):
            if w.poll() is None:
                assert stop(w) == 0, (tmp_path / f"worker{n}.log").read_text()[-3000:]

    check_rederived(kafka.bootstrap, env["NEWSSTREAM_TOPIC_PREFIX"], ids, members, "two workers, one kill -9", stories)


def check_rederived(bootstrap: str, prefix: str, ids: set[str], members: dict[str, str], label: str,
                    stories: list[dict]) -> None:
    """The live result against an uninterrupted run over the order the stories agent saw, and
    news.stories against the table."""
    # news.stories is not behind the table: each stored story's latest record is its snapshot.
    latest = {m.key.decode(): m.value for m in asyncio.run(read_topic(bootstrap, prefix + "news.stories"))}
    fields = {"status": "status", "article_ids": "article_ids", "article_count": "articles",
              "merged_into": "merged_into", "updated_at": "updated_at"}  # snapshot → API
    behind = [s["id"] for s in stories if latest.get(s["id"]) is None
              or [json.loads(latest[s["id"]]).get(f) for f in fields] != [s.get(f) for f in fields.values()]]
    assert not behind, f"{len(behind)} of {len(stories)} stories differ on news.stories from the table: {behind[:5]}"
    ghosts = [sid for sid, raw in latest.items() if raw is not None and sid not in {s["id"] for s in stories}]
    # Nothing invented; none in two stories (waited for above).
    assert set(members) <= ids

    # An uninterrupted run over the order the stories agent saw (first delivery of each article wins).
    records = asyncio.run(read_topic(bootstrap, prefix + "news.articles"))
    expected: dict[str, str] = {}
    duplicates: set[str] = set()
    final: dict[str, Story] = {}
    expected_pairs: set[tuple[str, str]] = set()
    stages: dict[int, StoryStage] = {}
    for msg in records:
        article = decode(Article, msg.value)
        if article.id in expected:
            continue  # at-least-once redelivery after the kill
        outcome = stages.setdefault(msg.partition, StoryStage())(article, 0.0)
        expected[article.id] = outcome.story.id
        if outcome.assignment.duplicate:
            duplicates.add(article.id)
        expected_pairs.update((a.story_id, a.source) for a in outcome.alerts if a.kind == "source_joined")
        for story in (outcome.story, *outcome.assignment.merged):
            final[story.id] = story  # the object is the story's live state: merges move articles later
    for stage in stages.values():
        final.update((s.id, s) for s in stage.dormant)
    expected.update({a: s.id for s in final.values() if s.status != "merged" for a in s.article_ids})
    # No article lost: each is listed in its story, or is an exact duplicate of one that is.
    assert set(expected) == ids
    assert ids - set(members) <= duplicates
    compared = sorted(a for a in members if a not in duplicates)
    agreement = score([members[a] for a in compared], [expected[a] for a in compared])
    differ = sorted(a for a in compared if {b for b in compared if members[b] == members[a]}
                    != {b for b in compared if expected[b] == expected[a]})
    # Usually equal. Without Kafka transactions the kill can land between two story writes of one
    # batch; restore repairs that (no article lost or doubled) but may regroup a handful.
    assert len(differ) <= max(10, len(compared) // 500), (
        f"{len(differ)} of {len(compared)} articles grouped differently from an uninterrupted run "
        f"(BCubed F1 {agreement.bcubed_f1:.4f}): {differ[:8]}")

    # Every (story, source) pair got its source_joined alert; duplicates only with the same alert_id.
    alerts = [json.loads(m.value) for m in asyncio.run(read_topic(bootstrap, prefix + "news.alerts"))]
    by_pair: dict[tuple[str, str], set[str]] = {}
    for alert in alerts:
        if alert["kind"] == "source_joined":
            by_pair.setdefault((alert["story_id"], alert["source"]), set()).add(alert["alert_id"])
    assert all(len(v) == 1 for v in by_pair.values()), "one alert_id per (story, source)"
    # Not one lost: every alert an uninterrupted run raises was raised (redeliveries only repeat ids).
    lost = expected_pairs - set(by_pair)
    assert not lost, f"{len(lost)} source_joined alerts lost, e.g. {sorted(lost)[:5]}"
    assert len(expected_pairs) > 100
    print(f"\n{label}: {len(ids)} sent, {len(records)} records on news.articles "
          f"({len(records) - len(expected)} redelivered), {len(ids - set(members) - duplicates)} lost, "
          f"0 in two stories, {len(duplicates)} exact duplicates recognised, {len(differ)} regrouped, "
          f"{len(expected_pairs)} source_joined pairs all alerted, {len(alerts)} alerts; news.stories "
          f"matches the table for all {len(stories)} stories ({len(ghosts)} more only on the topic)")
