"""Clusterer state: restore from snapshots, dormancy, revival, merges, bounded index and snapshots."""

from __future__ import annotations

import dataclasses
import random

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.cluster import ClusterParams, StoryClusterer
from streams.cluster.story import MAX_STORY_TERMS, SNAPSHOT_ARTICLES, norm, snapshot, snapshot_json
from streams.models import Article, Entity, Story, iso, parse_iso, to_dict

T0 = 1_750_000_000.0
WORDS = ("moscow putin xi talks drone attack flood brazil rain rescue bank rates inflation cut apple chip "
         "launch election vote result court ruling strike union wage storm coast evacuate quake italy").split()


def stream(n: int, seed: int = 7, hours: float = 48.0, stories: int = 40) -> list[Article]:
    """Headlines from `stories` latent events (3 words each + a shared-word tail), times spread over `hours`."""
    rng = random.Random(seed)
    events = [rng.sample(WORDS, 3) + [f"name{e}"] for e in range(stories)]
    out = []
    for i in range(n):
        e = rng.randrange(stories)
        words = rng.sample(events[e], 3) + rng.sample(WORDS, 1)
        when = T0 + hours * 3600 * (i / n) + rng.uniform(-1800, 1800)
        src = f"s{rng.randrange(30)}"
        out.append(Article(id=f"a{seed}-{i}", url=f"https://{src}.example/{i}", source=src.upper(), source_id=src,
                           title=" ".join(words).title(), text="", published=iso(when), lang="en",
                           entities=[Entity(f"Name{e}", "PERSON")] if rng.random() < 0.5 else []))
    return out


def roundtrip(stories: list[Story]) -> list[Story]:
    """What the Faust table gives back: JSON and back (floats included)."""
    return [Story.from_dict(orjson.loads(orjson.dumps(to_dict(s)))) for s in stories]


def final_story_of(clusterer: StoryClusterer, articles: list[Article]) -> dict[str, str]:
    return {a.id: clusterer.story_of(a.id) or "?" for a in articles}


def test_a_restore_pauses_every_so_many_stories_for_a_thread_to_hand_the_gil_over():
    """Compiled code never drops the GIL by itself: the worker's restore thread relies on `pause`."""
    from streams.cluster.assign import PAUSE_EVERY

    stories = [Story(id=f"st-{i}", lang="en", headline=f"h{i}", created_at=iso(T0), updated_at=iso(T0 + i),
                     article_ids=[f"a{i}"], terms={f"w{i}": 1.0}, seq=i + 1, article_count=1)
               for i in range(2 * PAUSE_EVERY + 5)]
    calls = []
    restored = StoryClusterer()
    restored.restore(stories, pause=lambda: calls.append(len(restored)))
    assert calls == [PAUSE_EVERY, 2 * PAUSE_EVERY] and len(restored) == len(stories)

def test_restore_from_snapshots_gives_the_same_decisions_as_an_uninterrupted_run():
    items = stream(1200)
    live = StoryClusterer()
    for a in items[:600]:
        live.assign(a)
    restored = StoryClusterer()
    restored.restore(roundtrip(live.stories()))
    for a in items[600:]:
        x, y = live.assign(a), restored.assign(a)
        assert (x.story.id, x.created, x.new_source, [m.id for m in x.merged]) == \
               (y.story.id, y.created, y.new_source, [m.id for m in y.merged]), a.id
        assert x.score == y.score
    assert final_story_of(live, items) == final_story_of(restored, items)


def test_a_merge_keeps_the_bigger_story_and_a_source_is_new_only_to_all_it_merged():
    """The smaller story is folded into the bigger (an established story keeps its id); the article's
    source is new only if neither its story nor a story merged with it had it."""
    items = stream(1500, seed=3)
    c = StoryClusterer(ClusterParams(merge_threshold=0.2))
    merges = runner_up_kept = new_sources = 0
    for a in items:
        before = {s.id: (s.article_count, set(s.sources)) for s in c.stories()}
        r = c.assign(a)
        if r.created or r.duplicate:
            continue
        involved = [r.story.id, *(m.id for m in r.merged)]
        assert r.new_source == all(a.source_id not in before[sid][1] for sid in involved), a.id
        new_sources += r.new_source
        for m in r.merged:
            merges += 1
            kept, gone = before[r.story.id][0], before[m.id][0]
            # the article joined one of the two first: the kept one is at least as big, counting it
            assert kept + 1 >= gone, (a.id, kept, gone)
            runner_up_kept += kept >= gone + 2  # only the runner-up can be this much bigger
            assert r.story.article_count == kept + gone + 1
    assert merges and runner_up_kept and new_sources


def test_restore_recognises_redelivered_articles():
    items = stream(50)
    live = StoryClusterer()
    for a in items:
        live.assign(a)
    restored = StoryClusterer()
    restored.restore(roundtrip(live.stories()))
    assert all(restored.assign(a).duplicate for a in items)


def test_every_article_is_in_exactly_one_story_through_merges():
    items = stream(1500, seed=3)
    c = StoryClusterer(ClusterParams(merge_threshold=0.2))
    merged = []
    for a in items:
        merged += c.assign(a).merged
    assert merged, "the stream should make some stories converge"
    assert all(m.status == "merged" and m.article_ids == [] and m.merged_into for m in merged)
    owned = [aid for s in c.stories() for aid in s.article_ids]
    assert sorted(owned) == sorted(a.id for a in items)


def test_idle_stories_go_dormant_and_can_be_revived():
    c = StoryClusterer(ClusterParams(idle_hours=24))
    old = c.assign(Article(id="o", url="", source="A", source_id="a", title="Earthquake strikes central Italy",
                           text="", published=iso(T0), lang="en")).story
    c.assign(Article(id="n", url="", source="B", source_id="b", title="Apple unveils new chip", text="",
                     published=iso(T0 + 30 * 3600), lang="en"))
    assert c.sweep() == [old] and old.status == "dormant"
    assert c.sweep() == [] and c.story_of("o") is None and len(c) == 1
    c.revive(old)
    assert old.status == "active" and c.story_of("o") == old.id
    joined = c.assign(Article(id="o2", url="", source="C", source_id="c", title="Earthquake strikes central Italy",
                              text="", published=iso(T0 + 31 * 3600), lang="en"))
    assert joined.story.id == old.id


def test_sweep_with_a_clock_time():
    c = StoryClusterer(ClusterParams(idle_hours=1))
    c.assign(Article(id="x", url="", source="A", source_id="a", title="Storm hits coast", text="",
                     published=iso(T0), lang="en"))
    assert c.sweep(T0 + 1800) == []
    assert [s.id for s in c.sweep(T0 + 7200)] != []


def test_index_and_snapshots_stay_bounded():
    p = ClusterParams(max_postings=16)
    c = StoryClusterer(p)
    for a in stream(3000, seed=5, stories=400):
        c.assign(a)
    index = c._index["en"]
    assert max(len(ids) for ids in index.postings.values()) <= 16
    assert all(len(s.terms) <= MAX_STORY_TERMS * 5 // 4 for s in c.stories())
    # document frequencies are exactly those of the active stories' centroids
    df: dict[str, int] = {}
    for s in c.stories():
        for t in s.terms:
            df[t] = df.get(t, 0) + 1
    assert index.df == df and index.stories == len(c)


def test_a_story_is_posted_under_exactly_its_weighty_terms():
    """Through joins, merges and dormancy, each posting list holds exactly the active stories whose
    centroid weighs the term at least `post_share` of its norm, with that weight; lighter terms
    still count in the IDF."""
    p = ClusterParams(merge_threshold=0.2)
    c = StoryClusterer(p)
    merged = dormant = 0
    later = [dataclasses.replace(a, published=iso(parse_iso(a.published) + 200 * 3600)) for a in stream(800, seed=4)]
    for i, a in enumerate(stream(800, seed=3) + later):  # 200 h on, the first stories go dormant
        merged += len(c.assign(a).merged)
        if i % 100 == 99:
            dormant += len(c.sweep())
    assert merged and dormant
    index = c._index["en"]
    want: dict[str, dict[str, float]] = {}
    light = 0
    for s in c.stories():
        cut = p.post_share * norm(s.terms)
        for t, w in s.terms.items():
            if w >= cut:
                want.setdefault(t, {})[s.id] = w
            else:
                light += 1
    got = {t: dict([ids]) if isinstance(ids, tuple) else dict(ids) for t, ids in index.postings.items()}
    assert got == want
    assert light, "some centroid terms should be too light to fetch their story"
    assert sum(index.df.values()) == sum(len(s.terms) for s in c.stories())


def _long_story(n: int) -> list[Article]:
    """`n` reports of one event from 50 outlets, with the long ids real feeds give (guid URLs)."""
    return [Article(id=f"https://outlet{i % 50}.example/world/2025/05/07/xi-jinping-moscow-visit-{i:06d}?utm=rss",
                    url=f"https://outlet{i % 50}.example/{i}", source=f"Outlet {i % 50}", source_id=f"outlet{i % 50}",
                    title="Xi Jinping arrives in Moscow for talks with Putin", text="",
                    published=iso(T0 + i * 20.0), lang="en") for i in range(n)]


def test_a_long_running_story_snapshot_lists_its_newest_articles_and_counts_all():
    from streams.pipeline.codec import MAX_RECORD_BYTES, decode, encode

    items = _long_story(7000)
    live = StoryClusterer()
    for a in items:
        live.assign(a)
    [story] = live.stories()
    assert story.article_count == len(story.article_ids) == 7000  # memory keeps every id
    # the whole story would no longer read back: it is what a snapshot must not be
    assert len(encode(story)) > MAX_RECORD_BYTES
    snap = snapshot(story)
    raw = encode(snap)
    assert len(raw) < 200_000
    back = decode(Story, raw)
    assert back.article_count == 7000
    assert back.article_ids == [a.id for a in items[-SNAPSHOT_ARTICLES:]]
    assert story.article_ids is not snap.article_ids and len(story.article_ids) == 7000


def test_a_snapshot_lists_the_articles_a_story_just_gained_even_when_a_merge_buried_them():
    story = Story(id="st-a", lang="en", headline="h", created_at="2025-05-07T10:00:00Z", updated_at="2025-05-07T10:00:00Z",
                  article_ids=[f"a{i}" for i in range(300)] + ["fresh"] + [f"b{i}" for i in range(1200)])  # b*: merged in
    snap = snapshot(story, {"fresh", "a5", "not-here"})
    assert snap.article_ids[:2] == ["a5", "fresh"] and snap.article_ids[2:] == story.article_ids[-SNAPSHOT_ARTICLES:]
    assert snap.article_count == 1501
    assert snapshot(story).article_ids == story.article_ids[-SNAPSHOT_ARTICLES:]


def test_snapshot_json_is_the_snapshot_encoded_through_joins_and_merges():
    """The sources object is extended, not re-encoded; a merge that changed an entry in place (an
    earlier first sighting) must not leave the extended bytes stale."""
    items = stream(1500, seed=3)
    c = StoryClusterer(ClusterParams(merge_threshold=0.2))
    changed_in_place = 0
    for a in items:
        before = {s.id: dict(s.sources) for s in c.stories()}
        r = c.assign(a)
        for story in (r.story, *r.merged):
            assert snapshot_json(story, {a.id}) == orjson.dumps(snapshot(story, {a.id})), a.id
        old = before.get(r.story.id, {})
        changed_in_place += bool(r.merged) and any(old[k] != v for k, v in r.story.sources.items() if k in old)
    assert changed_in_place
    restored = roundtrip([r.story])[0]  # rebuilt from storage (or another shard's): its own dict
    first = next(iter(restored.sources))
    restored.sources[first] = dataclasses.replace(restored.sources[first], source="Renamed")
    assert snapshot_json(restored) == orjson.dumps(snapshot(restored))


def test_snapshot_json_cache_stays_within_its_byte_bound(monkeypatch):
    from streams.cluster import story as story_mod

    monkeypatch.setattr(story_mod, "SOURCES_JSON_BYTES", 20_000)
    c = StoryClusterer()
    for a in stream(1500, seed=5):
        r = c.assign(a)
        assert snapshot_json(r.story) == orjson.dumps(snapshot(r.story))
        assert story_mod._sources_json_bytes == sum(len(v[2]) for v in story_mod._sources_json.values()) <= 20_000
    assert len(story_mod._sources_json) > 1


def test_a_story_restored_from_a_bounded_snapshot_decides_as_before():
    items = _long_story(2500) + stream(200, seed=11)
    live = StoryClusterer()
    for a in items[:2400]:
        live.assign(a)
    restored = StoryClusterer()
    restored.restore(roundtrip([snapshot(s) for s in live.stories()]))
    # a crash redelivers the newest articles: still recognised
    assert all(restored.assign(a).duplicate for a in items[2400 - SNAPSHOT_ARTICLES:2400])
    for a in items[2400:]:
        x, y = live.assign(a), restored.assign(a)
        assert (x.story.id, x.created, x.new_source, x.score) == (y.story.id, y.created, y.new_source, y.score), a.id
    assert {s.id: s.article_count for s in live.stories()} == {s.id: s.article_count for s in restored.stories()}


def test_a_merge_adds_up_the_article_counts():
    c = StoryClusterer()
    for a in stream(3000, seed=3, stories=60):
        c.assign(a)
    assert sum(s.article_count for s in c.stories()) == 3000
    assert all(s.article_count == len(s.article_ids) for s in c.stories())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS),
                          st.integers(0, 96)), min_size=2, max_size=60),
       st.integers(1, 59))
def test_any_stream_restores_exactly_and_assigns_each_article_once(rows, cut):
    items = [Article(id=f"h{i}", url="", source=f"S{i % 5}", source_id=f"s{i % 5}", title=f"{a} {b} {c}",
                     text="", published=iso(T0 + h * 3600), lang="en") for i, (a, b, c, h) in enumerate(rows)]
    cut = min(cut, len(items) - 1)
    live = StoryClusterer(ClusterParams(idle_hours=48))
    for a in items[:cut]:
        live.assign(a)
    live.sweep()
    restored = StoryClusterer(ClusterParams(idle_hours=48))
    restored.restore(roundtrip(live.stories()))
    for a in items[cut:]:
        assert live.assign(a).story.id == restored.assign(a).story.id
    ids = [aid for s in live.stories() for aid in s.article_ids]
    assert len(ids) == len(set(ids))


def test_restore_repairs_a_partial_write_that_left_an_article_in_two_stories():
    items = stream(1500, seed=3)
    c = StoryClusterer(ClusterParams(merge_threshold=0.2))
    stale = None
    for a in items:
        snapshot = {s.id: roundtrip([s])[0] for s in c.stories()} if stale is None else {}
        r = c.assign(a)
        if r.merged and stale is None:
            stale = snapshot[r.merged[0].id]  # the merged story's snapshot was never rewritten
    assert stale is not None and stale.status == "active"
    tables = roundtrip(c.stories()) + [stale]
    restored = StoryClusterer()
    repaired = restored.restore(tables)
    assert [s.id for s in repaired] == [stale.id]
    owned = [aid for s in restored.stories() for aid in s.article_ids]
    assert sorted(owned) == sorted(a.id for a in items)


def _quake(aid: str, source: str, hours: float, title: str = "Earthquake strikes central Italy near Norcia") -> Article:
    return Article(id=aid, url=f"https://{source}.example/{aid}", source=source.upper(), source_id=source, title=title,
                   text="", published=iso(T0 + hours * 3600), lang="en",
                   entities=[Entity("Norcia", "GPE")] if "Norcia" in title else [])


def test_a_dormant_story_that_develops_again_is_revived():
    """A week after it went quiet, the same event again: the old story comes back (same id, a
    source_joined-worthy new source), while a weak match still starts a story of its own."""
    from streams.flow import StoryStage

    stage = StoryStage(ClusterParams(idle_hours=24))
    old = stage(_quake("q1", "a", 0), 0.0).story
    stage(_quake("q2", "b", 1), 0.0)
    stage(_quake("x", "c", 30, "Apple unveils new chip"), 0.0)  # stream time moves on: q-story sleeps
    assert [s.id for s in stage.dormant] == [old.id] and old.status == "dormant"
    weak = stage(_quake("w", "d", 7 * 24, "Italy wins the rugby final"), 0.0)
    assert weak.assignment.created
    back = stage(_quake("q3", "e", 7 * 24 + 1, "Earthquake strikes central Italy near Norcia again"), 0.0)
    assert back.story.id == old.id and back.story.status == "active" and not back.assignment.created
    assert back.assignment.new_source and [a.kind for a in back.alerts] == ["source_joined"]
    assert stage.clusterer.story_of("q1") == old.id  # its articles are in memory again


def test_past_the_window_but_not_yet_dormant_a_strong_match_still_continues_the_story():
    """Between the join window (72 h) and the sweep (96 h) a story can neither be joined nor revived:
    a strong match there continues it, as a revival would a day later; a weak one starts afresh."""
    c = StoryClusterer()
    old = c.assign(_quake("q1", "a", 0)).story
    weak = c.assign(_quake("w", "d", 80, "Italy wins the rugby final in Rome"))
    assert weak.created
    back = c.assign(_quake("q2", "b", 80))
    assert not back.created and back.story.id == old.id and back.new_source
    assert c.story_of("q2") == old.id


def test_dormant_stories_past_revive_days_start_afresh():
    from streams.flow import StoryStage

    stage = StoryStage(ClusterParams(idle_hours=24, revive_days=3))
    old = stage(_quake("q1", "a", 0), 0.0).story
    stage(_quake("x", "c", 30, "Apple unveils new chip"), 0.0)
    late = stage(_quake("q3", "e", 5 * 24), 0.0)
    assert late.assignment.created and late.story.id != old.id


def test_a_restored_clusterer_revives_what_the_live_one_would():
    """Dormant snapshots restore the revival index: the same article revives the same story."""
    params = ClusterParams(idle_hours=24)
    live = StoryClusterer(params)
    asleep: dict[str, Story] = {}
    live.load = asleep.get
    live.assign(_quake("q1", "a", 0))
    live.assign(_quake("x", "c", 30, "Apple unveils new chip"))
    asleep.update((s.id, s) for s in live.sweep())
    snapshots = roundtrip(live.stories() + list(asleep.values()))
    restored = StoryClusterer(params)
    stored = {s.id: s for s in snapshots}
    restored.load = stored.get
    restored.restore(snapshots)
    article = _quake("q3", "e", 6 * 24)
    a, b = live.assign(article), restored.assign(article)
    assert not a.created and a.story.id == b.story.id and not b.created
    assert sorted(a.story.article_ids) == sorted(b.story.article_ids) == ["q1", "q3"]
