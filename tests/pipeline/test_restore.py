"""Rebuilding a partition's stage from the table: dormant and merged stories are read only as far
as a restore needs them, and the stage decides as one restored from whole snapshots."""

from __future__ import annotations

import asyncio
import gc
import time

from streams.cluster import ClusterParams
from streams.cluster.story import snapshot_json
from streams.flow import StoryStage
from streams.models import Article, Entity, Story, iso
from streams.pipeline import tables
from streams.pipeline.codec import decode

T0 = 1_750_000_000.0


def quake(aid: str, source: str, hours: float, title: str = "Earthquake strikes central Italy near Norcia") -> Article:
    return Article(id=aid, url=f"https://{source}.example/{aid}", source=source.upper(), source_id=source, title=title,
                   text="", published=iso(T0 + hours * 3600), lang="en", entities=[Entity("Norcia", "GPE")])


def test_a_dormant_story_is_read_without_its_sources_and_articles_and_revives_alike():
    live = StoryStage(ClusterParams(idle_hours=24))
    for i, source in enumerate("abc"):
        live(quake(f"q{i}", source, i), 0.0)
    live(quake("x", "z", 30, "Apple unveils new chip"), 0.0)
    [asleep] = live.dormant
    stored = {s.id: snapshot_json(s) for s in [asleep, *live.clusterer.stories()]}

    light = tables.restorable(stored[asleep.id])
    assert (light.id, light.status, light.updated_at, light.seq, light.terms) == \
        (asleep.id, "dormant", asleep.updated_at, asleep.seq, asleep.terms)
    assert light.sources == {} and light.article_ids == []
    active = next(sid for sid in stored if sid != asleep.id)
    assert tables.restorable(stored[active]) == decode(Story, stored[active])  # active: whole

    def restored(read) -> StoryStage:
        return StoryStage(ClusterParams(idle_hours=24), [read(raw) for raw in stored.values()],
                          load=lambda sid: decode(Story, stored[sid]) if sid in stored else None)

    back = [stage(quake("q9", "d", 7 * 24), 0.0) for stage in (restored(lambda r: decode(Story, r)),
                                                               restored(tables.restorable))]
    assert back[0].story.id == back[1].story.id == asleep.id
    assert back[1].story.sources.keys() == {"a", "b", "c", "d"} and back[1].story.article_count == 4
    assert [a.kind for a in back[1].alerts] == [a.kind for a in back[0].alerts] == ["source_joined"]


def test_a_merged_pointer_keeps_where_it_points():
    raw = snapshot_json(Story(id="st-m", lang="en", headline="h", created_at=iso(T0), updated_at=iso(T0),
                              status="merged", merged_into="st-x", seq=7))
    light = tables.restorable(raw)
    assert (light.status, light.merged_into, light.seq) == ("merged", "st-x", 7)
    assert tables.restorable(b"not json") is None


def test_brief_reads_partition_and_status_as_a_full_decode_would():
    import json

    def expected(story: Story) -> tuple[int, str]:
        return tables.shard_partition(story.lang or "und", tables.settings.partitions), story.status

    stories = [Story(id=f"st-{i}", lang=lang, headline=title, created_at=iso(T0), updated_at=iso(T0), status=status,
                     terms={"status": 1.0, "active": 0.5})
               for i, (lang, status, title) in enumerate([
                   ("en", "active", "Quake"), ("fr", "dormant", 'Un titre avec "status":"active" dedans'),
                   ("", "merged", "no language"), ("ru", "dormant", '"lang":"en" in a headline'),
                   ("zh", "active", "习近平抵达莫斯科")])]
    for story in stories:
        raw = snapshot_json(story)
        assert tables.brief(raw) == expected(story), story
        spaced = json.dumps(json.loads(raw), indent=1, ensure_ascii=False).encode()  # another writer's JSON
        assert tables.brief(spaced) == expected(story), story
    assert tables.brief(b"not json") == (-1, "")


def _stored(n: int) -> list[Story]:
    """n distinct active stories, as the table holds them after a day of news."""
    return [Story(id=f"st-{i}", lang="en", headline=f"h{i}", created_at=iso(T0 + i), updated_at=iso(T0 + i),
                  article_ids=[f"a{i}"], terms={f"w{(i * 7 + k) % 5000}": 1.0 / (k + 1) for k in range(40)},
                  seq=i + 1, article_count=1)
            for i in range(n)]


async def test_a_partition_is_rebuilt_without_stopping_the_event_loop(monkeypatch):
    """A worker handed a big partition keeps heartbeating and serving while it rebuilds: the
    loop's longest stall stays a fraction of the build (it would be all of it, synchronous)."""
    from streams.pipeline import agents

    stories = _stored(40_000)
    shards = agents._Shards()
    reads = []

    async def stored_stories() -> dict[int, list[Story]]:  # the table read, done here by hand
        reads.append(1)
        return {0: list(stories)}

    async def stored_seen() -> dict[int, tuple[list[dict], float]]:
        return {}

    monkeypatch.setattr(agents, "stored_stories", stored_stories)
    monkeypatch.setattr(agents, "stored_seen", stored_seen)
    stalls: list[float] = []
    done = False

    async def ticker() -> None:
        while not done:
            t = time.monotonic()
            await asyncio.sleep(0.002)
            stalls.append(time.monotonic() - t)

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    gc.disable()  # a full collection stops every thread, whoever triggers it: not what is measured here
    try:
        started = time.monotonic()
        stage = await shards.get(0)
        took = time.monotonic() - started
    finally:
        gc.enable()
    done = True
    await tick
    assert len(stage.clusterer) == 40_000 and shards.stages[0] is stage and reads == [1]
    assert "newsstream_rebuilds_total" in agents.metrics.render()
    assert max(stalls) < took / 3, (max(stalls), took)


async def test_a_rebalance_during_the_rebuild_makes_it_read_the_tables_again(monkeypatch):
    from streams.pipeline import agents

    shards = agents._Shards()
    reads: list[int] = []

    async def stored_stories() -> dict[int, list[Story]]:
        reads.append(1)
        return {0: _stored(2 if len(reads) == 1 else 3)}  # the second read sees what the rebalance brought

    async def stored_seen() -> dict[int, tuple[list[dict], float]]:
        return {}

    loop = asyncio.get_running_loop()
    real = agents.build_stage

    async def _drop() -> None:
        shards.drop({1})

    def build(stories, seen):
        if len(reads) == 1:
            asyncio.run_coroutine_threadsafe(_drop(), loop)  # revoked while this thread builds
            time.sleep(0.05)
        return real(stories, seen)

    monkeypatch.setattr(agents, "stored_stories", stored_stories)
    monkeypatch.setattr(agents, "stored_seen", stored_seen)
    monkeypatch.setattr(agents, "build_stage", build)
    stage = await shards.get(0)
    assert len(reads) == 2 and len(stage.clusterer) == 3
