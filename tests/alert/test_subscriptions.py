import pytest

from streams.alert.subscriptions import file_changes, load_subscriptions, parse_subscription
from streams.errors import ConfigError

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_file_loads_and_validates(tmp_path):
    path = tmp_path / "subs.yaml"
    path.write_text(f"""subscriptions:
  - id: newsroom
    url: https://hooks.example.com/x
    secret: {SECRET}
    format: slack
    filters: {{keywords: "xi putin", min_sources: 2}}
  - id: sse-only
    filters: {{languages: [en]}}
""")
    subs = load_subscriptions(path)
    assert [s.id for s in subs] == ["newsroom", "sse-only"]
    assert subs[0].format == "slack" and subs[0].origin == "file" and subs[1].url is None
    assert load_subscriptions(tmp_path / "missing.yaml") == []


@pytest.mark.parametrize("text", ["- id: newsroom\n", "subscription:\n  - id: newsroom\n",
                                  "subscriptions: []\nsubscritions:\n  - id: newsroom\n", "subscriptions: 5\n"])
def test_a_file_of_another_shape_is_refused_not_read_as_none(tmp_path, text):
    """Read as no subscriptions, a typo would have deleted every file subscription."""
    path = tmp_path / "subs.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError):
        load_subscriptions(path)
    path.write_text("# none yet\n")
    assert load_subscriptions(path) == []
    path.write_text("subscriptions:\n")
    assert load_subscriptions(path) == []


@pytest.mark.parametrize("obj", [
    {"id": "x", "url": "https://h.example/", "secret": "nope"},
    {"id": "x", "url": "https://h.example/"},  # webhook without secret
    {"id": "x", "url": "ftp://h.example/", "secret": SECRET},
    {"id": "bad id!", "secret": SECRET},
    {"id": "x", "format": "teams"},
    {"id": "x", "filters": {"colour": "red"}},
    {"id": "x", "surprise": 1},
    {"id": "x", "url": "https://h.example/", "secret": "whsec_c2hvcnQ="},  # too short a key
])
def test_bad_subscriptions_are_refused(obj):
    with pytest.raises(ConfigError):
        parse_subscription(obj)


def test_public_view_hides_the_secret_and_the_urls_path():
    url = "https://user:pw@hooks.slack.example/services/T000/B000/XXXXSECRET"
    sub = parse_subscription({"id": "x", "url": url, "secret": SECRET})
    assert sub.public()["secret"] == "whsec_…"
    assert sub.public()["url"] == "https://hooks.slack.example/…"  # the path is the Slack credential
    assert sub.public(full_url=True)["url"] == url and sub.public(full_url=True)["secret"] == "whsec_…"


def test_file_changes_touch_only_what_changed_and_only_file_entries():
    a = parse_subscription({"id": "a", "filters": {"languages": ["en"]}}, origin="file")
    b = parse_subscription({"id": "b"}, origin="file")
    api = parse_subscription({"id": "api1"}, origin="api")
    a2 = parse_subscription({"id": "a", "filters": {"languages": ["de"]}}, origin="file")
    upserts, deletions = file_changes({"a": a, "b": b, "api1": api}, [a2])
    assert [s.id for s in upserts] == ["a"] and deletions == ["b"]
    assert file_changes({"a": a}, [a]) == ([], [])


def test_coalescing_window_per_subscription():
    assert parse_subscription({"id": "x", "coalesce": 30}).coalesce == 30.0
    assert parse_subscription({"id": "x"}).coalesce is None
    for bad in (-1, 7200, "10", True):
        with pytest.raises(ConfigError):
            parse_subscription({"id": "x", "coalesce": bad})


def test_a_missing_id_is_named_as_missing():
    with pytest.raises(ConfigError, match="'id' is required"):
        parse_subscription({"filters": {"languages": ["en"]}})
