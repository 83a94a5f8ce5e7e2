"""load_feeds: the YAML feeds file and its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.errors import ConfigError
from streams.models import FeedRef
from streams.poll import load_feeds


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
feeds:
  - url: https://meridian.example/rss
    source: Meridian Times
    category: world
    lang: en
  - {url: "http://northwind.example/feed.xml", source: Northwind Post}
""",
    )
    assert load_feeds(path) == [
        FeedRef("https://meridian.example/rss", "Meridian Times", "world", "en"),
        FeedRef("http://northwind.example/feed.xml", "Northwind Post", None, None),
    ]
    assert load_feeds(str(path)) == load_feeds(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found.*nope.yaml"):
        load_feeds(tmp_path / "nope.yaml")


def test_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_feeds(write(tmp_path, "feeds:\n  - url: [unclosed\n"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feeds:\n  - source: Meridian\n", r"feed #1: missing url"),
        ("feeds:\n  - url: https://a.example/rss\n", r"feed #1: missing source"),
        ("feeds:\n  - {url: https://a.example/rss, source: A}\n  - {}\n", r"feed #2: missing url and source"),
        ("feeds:\n  - {url: '', source: A}\n", r"'url' must be a non-empty string"),
        ("feeds:\n  - {url: ftp://a.example/rss, source: A}\n", r"absolute http\(s\) URL"),
        ("feeds:\n  - {url: a.example/rss, source: A}\n", r"absolute http\(s\) URL"),
        ("feeds:\n  - {url: 'http://[bad.example/rss', source: A}\n", r"feed #1: url must be .* 'http://\[bad.example/rss'"),
        ("feeds:\n  - https://a.example/rss\n", r"expected a mapping"),
        ("- {url: https://a.example/rss, source: A}\n", r"top-level 'feeds:' list"),
        ("", r"top-level 'feeds:' list"),
        ("feeds:\n  - {url: https://a.example/rss, source: A}\n  - {url: https://a.example/rss, source: B}\n", "duplicate"),
    ],
)
def test_bad_entries(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_feeds(write(tmp_path, text))
