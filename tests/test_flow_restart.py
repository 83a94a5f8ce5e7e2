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


def _headlines(rows: list[tuple[str, str, str, str]]) -> list[Article]:
    """(id, url, published, title) → articles, one outlet per URL host."""
    process = Process()
    return [process(item_from_json({"id": i, "url": url, "source": url.split("/")[2], "published": at,
                                    "title": title, "lang": "en"}), parse_iso(at) or 0.0)
            for i, url, at, title in rows]


def _grouped(result: dict[str, set[str]]) -> list[list[str]]:
    return sorted(sorted(ids) for ids in result.values())


def test_a_restored_stage_revives_no_story_the_uninterrupted_one_had_let_go():
    """A dormant story past revival leaves the index at a sweep; a restore from the table (which
    keeps dormant stories for 30 days) must leave it out too, or a late article revives it."""
    articles = _headlines([
        ("x1", "https://a.test/x1", "2024-01-01T00:00:00Z", "Volcano eruption in Iceland forces Grindavik evacuation"),
        ("x2", "https://b.test/x2", "2024-01-01T01:00:00Z", "Iceland volcano eruption: Grindavik evacuation ordered"),
        ("y1", "https://c.test/y1", "2024-01-05T06:00:00Z", "Central bank raises interest rates amid inflation worries"),
        ("z1", "https://d.test/z1", "2024-01-15T06:00:00Z", "Football club sacks manager after cup defeat"),
        ("x3", "https://e.test/x3", "2024-01-14T18:00:00Z", "Grindavik evacuation after Iceland volcano eruption"),
    ])
    expected = run(articles)
    assert ["x3"] in _grouped(expected)  # 14 days on: not revived
    assert _grouped(run(articles, 4)) == _grouped(expected)


def test_a_restored_stage_sweeps_where_the_uninterrupted_one_did_after_a_repeat():
    """An exact repeat changes no story but moves stream time (the stage sweeps on it): the
    restore takes stream time from the duplicate index as well as from the stories."""
    articles = _headlines([
        ("s1", "https://a.test/s1", "2024-01-01T04:30:00Z", "Volcano eruption in Iceland forces evacuation of central town"),
        ("d1", "https://b.test/d1", "2024-01-03T12:00:00Z", "Central bank raises interest rates amid inflation worries"),
        ("d2", "https://b.test/d1", "2024-01-05T04:10:00Z", "Central bank raises interest rates amid inflation worries"),
        ("n1", "https://c.test/n1", "2024-01-05T04:50:00Z", "Central bank economists volcano"),
    ])
    expected = run(articles)
    assert ["d1", "n1"] in _grouped(expected)
    assert _grouped(run(articles, 3)) == _grouped(expected)
