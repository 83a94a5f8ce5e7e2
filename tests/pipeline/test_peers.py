"""Merging the workers' story pages (`peers.merge_pages`): one ordering, one count per story."""

from streams.pipeline.peers import merge_pages


def story(sid: str, updated: str) -> dict:
    return {"id": sid, "updated_at": updated}


def test_pages_merge_newest_first_and_page_over_the_whole():
    a = {"total": 3, "stories": [story("a3", "2026-01-03"), story("a2", "2026-01-02"), story("a1", "2026-01-01")]}
    b = {"total": 2, "stories": [story("b2", "2026-01-02T12"), story("b1", "2026-01-01T12")]}
    page = merge_pages([a, b], offset=1, limit=3)
    assert [s["id"] for s in page["stories"]] == ["b2", "a2", "b1"]
    assert (page["total"], page["offset"], page["limit"]) == (5, 1, 3)


def test_a_story_two_workers_list_counts_once_as_of_its_newest_update():
    old = {"total": 2, "stories": [story("s", "2026-01-01"), story("x", "2025-12-31")]}
    new = {"total": 1, "stories": [story("s", "2026-01-05")]}
    for pages in ([old, new], [new, old]):
        page = merge_pages(pages, offset=0, limit=10)
        assert page["total"] == 2
        assert page["stories"] == [story("s", "2026-01-05"), story("x", "2025-12-31")]


def test_ties_on_update_time_order_by_id_as_each_worker_does():
    a = {"total": 1, "stories": [story("k1", "2026-01-01")]}
    b = {"total": 1, "stories": [story("k2", "2026-01-01")]}
    assert [s["id"] for s in merge_pages([a, b], 0, 5)["stories"]] == ["k2", "k1"]
