from streams.models import SourceSeen, Story
from streams.serve import story_detail, story_page


def story(i: int, updated: str, sources: int) -> Story:
    return Story(id=f"s{i}", lang="en", headline=f"h{i}", created_at="2025-01-01T00:00:00Z", updated_at=updated,
                 sources={f"src{j}": SourceSeen(f"Source {j}", f"2025-01-01T0{j}:00:00Z", f"a{j}") for j in range(sources)},
                 article_ids=[f"a{j}" for j in range(sources)])


def test_page_sorts_by_update_filters_and_paginates():
    stories = [story(1, "2025-01-02T00:00:00Z", 1), story(2, "2025-01-03T00:00:00Z", 2), story(3, "2025-01-01T00:00:00Z", 3)]
    page = story_page(stories, limit=2)
    assert [s["id"] for s in page["stories"]] == ["s2", "s1"] and page["total"] == 3
    assert [s["id"] for s in story_page(stories, limit=2, offset=2)["stories"]] == ["s3"]
    assert [s["id"] for s in story_page(stories, min_sources=2)["stories"]] == ["s2", "s3"]


def test_detail_has_timeline_in_first_seen_order():
    d = story_detail(story(1, "2025-01-02T00:00:00Z", 3))
    assert [t["source"] for t in d["timeline"]] == ["Source 0", "Source 1", "Source 2"]
    assert d["sources"] == ["Source 0", "Source 1", "Source 2"]
