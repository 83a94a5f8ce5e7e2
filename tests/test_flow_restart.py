"""A StoryStage restored from what the live agent persists (story snapshots, the duplicate index)
decides exactly as one that never stopped: the property the kill -9 tests check on Kafka, here
at chosen cut points over a real stream with exact repeats, near copies and merges."""

from __future__ import annotations

import json

from streams.archive import item_from_json, other_outlet
from streams.cluster import ClusterParams
from streams.errors import InputError
from streams.flow import Process, StoryStage
from streams.models import Article, Story, parse_iso
from streams.pipeline.codec import decode, encode
from tests.conftest import shared_path

COPIES = 3  # as tests/integration/test_crash.py: other outlets' copies make sources join


def replay(name: str = "uci-dev.jsonl", copies: int = COPIES) -> list[Article]:
    rows = [json.loads(ln) for ln in shared_path("data", "eval", name).read_text().splitlines() if ln]
    process, out = Process(), []
    for copy in range(copies):
        for d in rows:
            if copy:
                d = {**d, "id": f"c{copy}-{d['id']}", "url": other_outlet(d["url"], copy),
                     "source": f"{d['source']} ({copy})"}
            try:
                out.append(process(item_from_json(d), parse_iso(d["published"]) or 0.0))  # now: no clamping
            except InputError:
                pass
    return out


def run(articles: list[Article], cut: int | None = None, params: ClusterParams | None = None) -> dict[str, set[str]]:
    """Story id → article ids; at `cut` the stage is dropped and rebuilt from its persisted state."""
    table: dict[str, bytes] = {}

    def load(story_id: str) -> Story | None:  # as the live agent reads its table
        return decode(Story, table[story_id]) if story_id in table else None

    stage = StoryStage(params, journal=True, load=load)
    seen: dict[str, dict] = {}
    latest = 0.0
    for i, article in enumerate(articles):
        if i == cut:
            stories = [decode(Story, raw) for raw in table.values()]
            stage = StoryStage(params, [s for s in stories if s.status in ("active", "dormant")],
                               (list(seen.values()), latest), journal=True, load=load)
        outcome = stage(decode(Article, encode(article)), 0.0)
        for story in (outcome.story, *outcome.assignment.merged, *stage.dormant):
            table[story.id] = encode(story)
        stage.dormant = []
        entries, gone = stage.duplicates.changes()
        seen.update((e["id"], e) for e in entries)
        for aid in gone:
            seen.pop(aid, None)
        latest = stage.duplicates.latest
    stories = [decode(Story, raw) for raw in table.values()]
    return {s.id: set(s.article_ids) for s in stories if s.status != "merged"}


def test_a_restored_stage_regroups_nothing():
    articles = replay()
    expected = run(articles)
    listed = [a for ids in expected.values() for a in ids]
    assert len(listed) == len(set(listed)) and len(listed) > 10_000 - 50
    # Cuts where a stage that forgot its duplicate index listed repeats twice and regrouped ~1,000.
    for cut in (4000, 9000):
        assert sorted(map(sorted, run(articles, cut).values())) == sorted(map(sorted, expected.values())), cut


def test_a_restored_stage_puts_to_sleep_and_revives_alike():
    """A month of French full texts: stories go dormant and (with a loose revival rule, so that
    some do) come back; cut anywhere, the restored stage decides the same."""
    articles = replay("rpm2-fr-dev.jsonl", 1)
    loose = ClusterParams(revive_cosine=0.3, revive_days=60)
    expected = run(articles, params=loose)
    assert expected != run(articles)  # revival changed something: the path is exercised
    for cut in (120, 250, 330):
        assert sorted(map(sorted, run(articles, cut, loose).values())) == sorted(map(sorted, expected.values())), cut
