from streams.alert import SOURCE_JOINED, alert_id, alerts_for
from streams.cluster import StoryClusterer
from streams.models import Article


def art(i: str, source: str, title: str = "Xi Jinping arrives in Moscow for talks with Putin") -> Article:
    return Article(id=i, url=f"https://{source}.example/{i}", source=f"{source.title()} News", source_id=source,
                   title=title, text="", published=f"2025-05-07T10:0{i}:00Z", lang="en")


def test_first_source_no_alert_second_source_one_alert():
    c = StoryClusterer()
    assert alerts_for(c.assign(art("1", "alpha")), art("1", "alpha"), now=0) == []
    second = art("2", "beta")
    alerts = alerts_for(c.assign(second), second, now=1_746_612_000)
    assert len(alerts) == 1
    a = alerts[0]
    assert a.kind == SOURCE_JOINED and a.source == "Beta News"
    assert a.sources == ["Alpha News", "Beta News"]
    assert a.article.id == "2" and a.article.url == "https://beta.example/2"
    assert a.created_at.endswith("Z")
    third = art("3", "beta")
    assert alerts_for(c.assign(third), third, now=2) == []  # same source again


def test_redelivery_gives_no_second_alert_and_ids_are_stable():
    c = StoryClusterer()
    c.assign(art("1", "alpha"))
    second = art("2", "beta")
    first = alerts_for(c.assign(second), second, now=5)
    assert alerts_for(c.assign(second), second, now=6) == []
    assert first[0].alert_id == alert_id(first[0].story_id, SOURCE_JOINED, "beta")
    assert alert_id("s", SOURCE_JOINED, "a") != alert_id("s", SOURCE_JOINED, "b")
