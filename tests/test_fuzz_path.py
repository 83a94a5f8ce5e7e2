"""Fuzzing the whole pure path, parse → clean → tag → cluster → alert, on generated feed entries.

Whatever the entries hold (markup, entities, control characters, odd dates, huge or empty fields),
the path either uses an item or rejects it with a named error, never crashes, keeps its output
bounded, and puts every used article in exactly one story. `FUZZ_EXAMPLES` sets the budget
(`make soak` raises it); the count run is printed for the report.
"""

from __future__ import annotations

import os
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.errors import FeedParseError, InputError
from streams.flow import Process, StoryStage
from streams.models import FeedRef
from streams.poll.parse import parse

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
RAN = {"examples": 0, "items": 0}

WORDS = ["Xi", "Putin", "Moscow", "talks", "<b>", "</p>", "&amp;", "&#0;", "\x00", "\u202e", "é", "日本",
         "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "LEAVE A REPLY", "Read also:", " ", "\n"]
text = st.lists(st.sampled_from(WORDS) | st.text(max_size=30), max_size=40).map(" ".join)
date = st.sampled_from(["Wed, 07 May 2025 09:30:00 GMT", "2025-05-07T09:30:00Z", "yesterday", "",
                        "Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 01 Jan 1970 00:00:00 GMT"])
entry = st.fixed_dictionaries({"title": text, "description": text, "link": st.sampled_from(
    ["https://a.example/x", "https://b.example/y?utm_source=z", "", "javascript:alert(1)", "//c.example/z"]),
    "guid": st.text(max_size=20), "pubDate": date})


def rss(entries: list[dict[str, str]]) -> bytes:
    items = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in e.items()) + "</item>" for e in entries)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode(
        "utf-8", "surrogatepass")


PROCESS = Process()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, min_size=1, max_size=6))
def test_generated_entries_flow_through_or_are_rejected_by_name(entries):
    try:
        body = rss(entries)
    except UnicodeEncodeError:
        return  # not encodable as a feed at all
    feed = FeedRef(url="https://feeds.example/rss", source="Fuzz Daily")
    stage = StoryStage()
    try:
        items = parse(body, {"content-type": "application/rss+xml"}, feed, "2025-05-07T10:00:00Z").items
    except FeedParseError:
        return
    RAN["examples"] += 1
    placed: dict[str, str] = {}
    for item in items:
        try:
            article = PROCESS(item, 1746612000.0)
        except InputError:
            continue
        RAN["items"] += 1
        assert len(article.title) <= 1000 and len(article.text) <= 200_000
        assert "<script" not in article.title and "<script" not in article.text
        outcome = stage(article, 1746612000.0)
        for gone in outcome.assignment.merged:  # a story merged away hands its articles on
            placed = {aid: gone.merged_into if sid == gone.id else sid for aid, sid in placed.items()}
        placed.setdefault(article.id, outcome.story.id)
        assert outcome.story.id == placed[article.id]  # a repeat lands where the first did
    members = [a for s in stage.clusterer.stories() for a in s.article_ids]
    assert len(members) == len(set(members))
    assert set(members) <= set(placed)


def teardown_module(module):
    print(f"\nfuzzed parse→clean→tag→cluster: {RAN['examples']} feeds, {RAN['items']} articles")
