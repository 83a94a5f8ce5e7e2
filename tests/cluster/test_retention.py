"""Retention: stories out of memory past `retention` are listed for deletion, and a long story's
articles leave storage as its snapshot stops listing them."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.cluster import ClusterParams
from streams.cluster.retention import Retention
from streams.cluster.story import SNAPSHOT_ARTICLES, snapshot, unlisted
from streams.flow import StoryStage
from streams.models import Article, Entity, Story, iso

T0 = 1_750_000_000.0
DAY = 86400.0


def _quake(aid: str, source: str, hours: float, title: str = "Earthquake strikes central Italy near Norcia") -> Article:
    return Article(id=aid, url=f"https://{source}.example/{aid}", source=source.upper(), source_id=source, title=title,
                   text="", published=iso(T0 + hours * 3600), lang="en",
                   entities=[Entity("Norcia", "GPE")] if "Norcia" in title else [])


def test_retention_pops_due_stories_oldest_first_and_a_later_entry_replaces_an_earlier():
    r = Retention(10.0)
    r.add("a", 5.0)
    r.add("b", 1.0)
    r.add("c", 3.0)
    r.add("c", 50.0)  # revived, dormant again: kept by its newer time
    assert r.due(12.0) == ["b"]
    assert r.due(16.0) == ["a"] and len(r) == 1
    assert r.due(59.0) == [] and r.due(61.0) == ["c"] and len(r) == 0
    off = Retention(0.0)
    off.add("a", 0.0)
    assert off.due(1e12) == [] and len(off) == 0


def test_a_dormant_story_is_deleted_retention_after_its_newest_article():
    stage = StoryStage(ClusterParams(idle_hours=24), retention=30 * DAY)
    old = stage(_quake("q1", "a", 0), 0.0).story
    stage(_quake("x", "c", 30, "Apple unveils new chip"), 0.0)
    assert [s.id for s in stage.dormant] == [old.id] and stage.expired == []
    stage(_quake("y", "d", 29 * 24, "Bank of England cuts rates"), 0.0)
    assert stage.expired == []  # 29 days idle: kept
    stage(_quake("z", "e", 30 * 24 + 2, "Storm hits the Brazilian coast"), 0.0)
    assert stage.expired == [old.id]
    stage.expired.clear()
    stage(_quake("z2", "f", 31 * 24 + 2, "Storm hits the Brazilian coast again"), 0.0)
    assert old.id not in stage.expired  # listed once


def test_a_revived_story_is_kept_by_its_new_articles():
    stage = StoryStage(ClusterParams(idle_hours=48), retention=30 * DAY)
    old = stage(_quake("q1", "a", 0), 0.0).story
    stage(_quake("x", "c", 60, "Apple unveils new chip"), 0.0)
    assert old.status == "dormant"
    for day in range(10, 32):  # revived on day 10, and reported daily until day 31
        back = stage(_quake(f"q{day}", f"s{day}", day * 24, "Earthquake strikes central Italy near Norcia again"), 0.0)
        assert back.story.id == old.id and back.story.status == "active"
    assert old.id not in stage.expired  # its entry from going dormant the first time (day 0) is stale
    stage(_quake("y", "d", 60 * 24 + 2, "Bank of England cuts rates"), 0.0)
    assert old.id not in stage.expired
    stage(_quake("z", "e", 61 * 24 + 2, "Storm hits the Brazilian coast"), 0.0)
    assert old.id in stage.expired  # 30 days after day 31


def test_restored_dormant_and_merged_stories_expire_where_the_live_stage_would():
    def stored(sid: str, status: str, day: float) -> Story:
        when = iso(T0 + day * DAY)
        return Story(id=sid, lang="en", headline=sid, created_at=when, updated_at=when, status=status,
                     terms={"quake": 1.0}, article_ids=[] if status == "merged" else [f"{sid}-1"],
                     article_count=0 if status == "merged" else 1, merged_into="st-x" if status == "merged" else None)

    stories = [stored("st-m", "merged", 0), stored("st-d", "dormant", 2), stored("st-late", "dormant", 20)]
    stage = StoryStage(ClusterParams(), stories, retention=30 * DAY)
    stage(_quake("n1", "a", 31 * 24), 0.0)
    assert stage.expired == ["st-m"]
    stage(_quake("n2", "a", 33 * 24), 0.0)
    assert stage.expired == ["st-m", "st-d"]
    assert StoryStage(ClusterParams(), stories).expired == []  # no retention: nothing is ever listed


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_every_article_stays_listed_or_is_unlisted_once(seed):
    """Through joins and merges, an article leaves storage only when no snapshot lists it any more,
    and one the snapshot stops listing leaves (a fresh one deferred to the next batch)."""
    rng = random.Random(seed)
    story = Story(id="st-a", lang="en", headline="h", created_at="2025-05-07T10:00:00Z",
                  updated_at="2025-05-07T10:00:00Z")
    deleted: list[str] = []
    done, n = 0, 0
    for _ in range(rng.randrange(1, 12)):
        fresh: set[str] = set()
        for _ in range(rng.choice((1, 5, 200, 700))):
            story.article_ids.append(f"a{n}")
            fresh.add(f"a{n}")
            n += 1
        if rng.random() < 0.3:  # a story folded in: its ids follow, burying this batch's
            story.article_ids += [f"m{n}-{i}" for i in range(rng.randrange(1, 1500))]
            n += 1
        gone, done = unlisted(story, fresh, done)
        deleted += gone
        listed = set(snapshot(story, fresh).article_ids)
        assert not listed & set(deleted)
        pending = set(story.article_ids[done:len(story.article_ids) - SNAPSHOT_ARTICLES])
        assert set(story.article_ids) == listed | set(deleted) | pending
    gone, done = unlisted(story, set(), done)  # a batch that brought nothing (e.g. it went dormant)
    deleted += gone
    assert len(deleted) == len(set(deleted)) == max(0, len(story.article_ids) - SNAPSHOT_ARTICLES)
    assert set(deleted) | set(snapshot(story).article_ids) == set(story.article_ids)
