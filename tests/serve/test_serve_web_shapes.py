"""Pure pieces of the web server: metrics text, OpenAPI, dashboard assets, story filters and timelines."""

from streams.alert.filters import Filter, Subject
from streams.models import Article, Entity, SourceSeen, Story
from streams.serve import story_detail, story_page
from streams.serve.dashboard import CSP, asset
from streams.serve.metrics import Metrics
from streams.serve.openapi import openapi


def test_metrics_render_prometheus_text():
    m = Metrics()
    m.inc("newsstream_alerts_total", "Alerts", kind="source_joined")
    m.inc("newsstream_alerts_total", "Alerts", kind="source_joined")
    m.set("newsstream_consumer_lag", "Lag", 3, topic='we"ird', partition="0")
    text = m.render()
    assert "# TYPE newsstream_alerts_total counter" in text
    assert 'newsstream_alerts_total{kind="source_joined"} 2' in text
    assert 'newsstream_consumer_lag{partition="0",topic="we\\"ird"} 3' in text


def test_openapi_documents_every_route():
    paths = openapi("http://x")["paths"]
    for p in ("/stories", "/stories/{id}", "/articles/{id}", "/subscriptions", "/subscriptions/{id}",
              "/alerts/stream", "/health", "/ready", "/metrics"):
        assert p in paths
    assert paths["/subscriptions"]["post"]["security"] == [{"bearer": []}]


def test_dashboard_never_renders_feed_text_as_html():
    js = asset("app.js").decode()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
    assert "textContent" in js
    html = asset("index.html").decode()
    assert '<script src="/static/app.js"' in html and "<script>" not in html  # no inline script: CSP holds
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def story(i: int, sources: list[str], status: str = "active", headline: str = "h") -> Story:
    return Story(id=f"s{i}", lang="en", headline=headline, created_at="2025-01-01T00:00:00Z",
                 updated_at=f"2025-01-0{i}T00:00:00Z", status=status,
                 sources={s: SourceSeen(s.title(), f"2025-01-01T0{j}:00:00Z", f"a{i}{j}") for j, s in enumerate(sources)},
                 article_ids=[f"a{i}{j}" for j in range(len(sources))], entities=["Xi Jinping"] if i == 2 else [])


def test_story_page_filters_and_hides_inactive():
    stories = [story(1, ["a"]), story(2, ["a", "b"], headline="Xi lands in Moscow"), story(3, ["c"], status="merged")]
    flt = Filter.parse({"keywords": "moscow"})
    assert [s["id"] for s in story_page(stories)["stories"]] == ["s2", "s1"]
    assert [s["id"] for s in story_page(stories, keep=lambda s: flt.matches(Subject.of_story(s)))["stories"]] == ["s2"]
    assert [s["id"] for s in story_page(stories, include_inactive=True)["stories"]] == ["s3", "s2", "s1"]
    ent = Filter.parse({"entities": ["xi jinping"], "sources": {"exclude": ["A"]}})
    assert not ent.matches(Subject.of_story(stories[1]))


def test_story_detail_has_article_timeline():
    s = story(2, ["a", "b"])
    arts = {"a20": Article(id="a20", url="https://a/1", source="A", source_id="a", title="t1", text="x" * 10,
                           published="2025-01-01T00:00:00Z", lang="en", entities=[Entity("Xi Jinping", "PERSON")],
                           keywords=["moscow"])}
    d = story_detail(s, arts.get)
    assert [t["source"] for t in d["timeline"]] == ["A", "B"]
    first = next(a for a in d["article_timeline"] if a["id"] == "a20")
    assert first["entities"] == [{"text": "Xi Jinping", "type": "PERSON"}] and "text" not in first
    assert {"id": "a21"} in d["article_timeline"]  # unknown here: listed by id
