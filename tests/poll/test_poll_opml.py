"""OPML import/export of the registry."""

from __future__ import annotations

import pytest

from streams.errors import ConfigError
from streams.models import FeedRef
from streams.poll.opml import read_opml, write_opml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="World">
    <outline type="rss" text="BBC Europe" xmlUrl="https://feeds.bbci.co.uk/news/world/europe/rss.xml"/>
    <outline type="rss" text="Guardian" title="The Guardian" xmlUrl="https://www.theguardian.com/world/rss" language="en"/>
  </outline>
  <outline type="rss" text="Heise" xmlUrl="https://www.heise.de/rss/heise-atom.xml" category="/technology"/>
  <outline type="rss" text="dup" xmlUrl="https://www.heise.de/rss/heise-atom.xml"/>
  <outline type="rss" text="not http" xmlUrl="file:///etc/passwd"/>
  <outline text="empty folder"/>
</body></opml>"""


def test_read_opml_folders_become_categories() -> None:
    feeds = read_opml(OPML)
    assert feeds == [
        FeedRef("https://feeds.bbci.co.uk/news/world/europe/rss.xml", "BBC Europe", "World"),
        FeedRef("https://www.theguardian.com/world/rss", "The Guardian", "World", "en"),
        FeedRef("https://www.heise.de/rss/heise-atom.xml", "Heise", "technology"),
    ]


def test_round_trip() -> None:
    feeds = read_opml(OPML)
    assert sorted(read_opml(write_opml(feeds)), key=lambda f: f.url) == sorted(feeds, key=lambda f: f.url)
    assert write_opml(feeds).startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')


@pytest.mark.parametrize("data", [b"not xml", b"<rss/>", b'<!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>'])
def test_bad_opml_is_a_config_error(data: bytes) -> None:
    with pytest.raises(ConfigError):
        read_opml(data)


def test_outline_with_unparseable_url_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    data = OPML.replace(b'<outline text="empty folder"/>', b'<outline type="rss" text="Typo" xmlUrl="http://[bad.example/rss"/>')
    assert read_opml(data) == read_opml(OPML)
    assert "skipping outline 'Typo'" in caplog.text
