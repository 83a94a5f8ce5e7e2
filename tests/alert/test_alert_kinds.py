"""Alert kinds and content: source_joined once per (story, source), story_developing at N sources
within the window, optional story_created, story_merged per story folded in; every alert carries
what a subscriber needs."""

from streams.alert import SOURCE_JOINED, STORY_CREATED, STORY_DEVELOPING, STORY_MERGED, AlertParams, alert_id, alerts_for
from streams.cluster import ClusterParams, StoryClusterer
from streams.models import Article

TITLE = "Xi Jinping arrives in Moscow for talks with Putin"


def art(i: int, source: str, minute: int) -> Article:
    return Article(id=f"a{i}", url=f"https://{source}.example/{i}", source=f"{source.title()} News", source_id=source,
                   title=TITLE, text="Xi Jinping and Vladimir Putin meet in Moscow.", published=f"2025-05-07T10:{minute:02d}:00Z",
                   lang="en", keywords=["moscow", "talks"], category="world")


def run(articles: list[Article], params: AlertParams) -> list:
    c = StoryClusterer()
    out = []
    for a in articles:
        out += alerts_for(c.assign(a), a, now=1_746_612_000, params=params)
    return out


def test_developing_fires_once_at_the_third_source_within_the_window():
    params = AlertParams(developing_sources=3, developing_window=3600, api_base="http://api.test")
    alerts = run([art(1, "alpha", 0), art(2, "beta", 5), art(3, "gamma", 10), art(4, "delta", 15)], params)
    kinds = [a.kind for a in alerts]
    assert kinds.count(SOURCE_JOINED) == 3
    assert kinds.count(STORY_DEVELOPING) == 1
    dev = next(a for a in alerts if a.kind == STORY_DEVELOPING)
    assert dev.source == "Gamma News" and len(dev.sources) == 3
    assert dev.link.startswith("http://api.test/stories/")
    assert [s.source_id for s in dev.sources_seen] == ["alpha", "beta", "gamma"]
    assert dev.sources_seen[0].first_seen == "2025-05-07T10:00:00Z"
    assert dev.article.id == "a3" and dev.category == "world" and dev.lang == "en"


def test_developing_needs_the_sources_inside_the_window():
    params = AlertParams(developing_sources=3, developing_window=60)  # one minute; sources 5 minutes apart
    alerts = run([art(1, "alpha", 0), art(2, "beta", 5), art(3, "gamma", 10)], params)
    assert STORY_DEVELOPING not in [a.kind for a in alerts]


def test_developing_fires_once_when_a_late_polled_older_article_completes_the_window():
    """Feeds are polled late: the third source's article can be older than the others'. The window
    it completes does not end at its time, and a fourth source does not fire it again."""
    params = AlertParams(developing_sources=3, developing_window=3600)
    alerts = run([art(1, "beta", 50), art(2, "gamma", 55), art(3, "alpha", 0), art(4, "delta", 58)], params)
    developing = [a for a in alerts if a.kind == STORY_DEVELOPING]
    assert [a.source_id for a in developing] == ["alpha"]
    late = run([art(1, "beta", 50), art(2, "gamma", 55), art(3, "alpha", 0)], AlertParams(developing_window=60 * 54))
    assert STORY_DEVELOPING not in [a.kind for a in late]  # 10:00 to 10:55 is past a 54-minute window


def test_story_created_is_optional():
    assert run([art(1, "alpha", 0)], AlertParams()) == []
    created = run([art(1, "alpha", 0)], AlertParams(story_created=True))
    assert [a.kind for a in created] == [STORY_CREATED] and created[0].sources == ["Alpha News"]


def test_alert_ids_are_distinct_per_kind_and_source():
    alerts = run([art(1, "alpha", 0), art(2, "beta", 1), art(3, "gamma", 2)], AlertParams(story_created=True))
    ids = [a.alert_id for a in alerts]
    assert len(ids) == len(set(ids)) == 4  # created + 2 joins + developing


def test_a_big_story_lists_its_first_and_latest_sources_and_counts_all():
    """A full source list made every alert O(sources): 10 KB an alert in a 300-source story."""
    from streams.alert.deliver.slack import slack_message
    from streams.alert.filters import Filter, Subject
    from streams.models import to_dict

    names = [f"src{i:02d}" for i in range(40)]
    alerts = run([art(i, name, i) for i, name in enumerate(names)], AlertParams())
    last = [a for a in alerts if a.kind == SOURCE_JOINED][-1]
    assert last.sources_total == 40 and last.source_id == "src39"
    assert [s.source_id for s in last.sources_seen] == names[:10] + names[25:]
    assert last.sources == [f"{n.title()} News" for n in names[:10] + names[25:]]
    small = [a for a in alerts if a.kind == SOURCE_JOINED][5]
    assert small.sources_total == len(small.sources_seen) == 7  # short lists stay whole
    assert Filter.parse({"min_sources": 40}).matches(Subject.of_alert(last))
    assert not Filter.parse({"min_sources": 41}).matches(Subject.of_alert(last))
    assert "now 40 sources" in slack_message([to_dict(last)])["text"]


def test_a_merge_alerts_once_for_each_story_folded_in():
    from tests.cluster.test_state import stream  # a synthetic stream with merges at this threshold

    c = StoryClusterer(ClusterParams(merge_threshold=0.2))
    merges = 0
    for a in stream(1500, seed=3):
        r = c.assign(a)
        alerts = alerts_for(r, a, now=1_746_612_000, params=AlertParams(api_base="http://api.test"))
        merged = [x for x in alerts if x.kind == STORY_MERGED]
        # about the story that kept going (its id, link, sources), naming the one folded in
        assert [(x.story_id, x.merged_from) for x in merged] == [(r.story.id, g.id) for g in r.merged], a.id
        for x in merged:
            assert x.alert_id == alert_id(r.story.id, STORY_MERGED, x.merged_from)
            assert x.link == f"http://api.test/stories/{r.story.id}" and x.sources_total == len(r.story.sources)
            assert x.article.id == a.id
        assert all(x.merged_from is None for x in alerts if x.kind != STORY_MERGED)
        off = alerts_for(r, a, now=1_746_612_000, params=AlertParams(api_base="http://api.test", story_merged=False))
        assert off == [x for x in alerts if x.kind != STORY_MERGED]
        merges += len(merged)
    assert merges
