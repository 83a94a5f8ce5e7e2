"""The hot-path codec: same JSON as the documented Records, and bad bytes become PoisonRecord."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.errors import PoisonRecord
from streams.models import Alert, AlertArticle, Article, Entity, RawItem, SourceSeen, Story
from streams.pipeline.codec import MAX_RECORD_BYTES, decode, encode
from streams.pipeline.records import to_record

ARTICLE = Article(id="a1", url="https://x.example/a", source="X", source_id="x.example", title="Xi in Moscow",
                  text="Talks with Putin.", published="2025-05-07T09:30:00Z", lang="en",
                  entities=[Entity("Xi Jinping", "PERSON"), Entity("Moscow", "PLACE")], keywords=["xi", "moscow"])
STORY = Story(id="st-1", lang="en", headline="Xi in Moscow", created_at="2025-05-07T09:30:00Z",
              updated_at="2025-05-07T10:00:00Z",
              sources={"x.example": SourceSeen("X", "2025-05-07T09:30:00Z", "a1")}, article_ids=["a1"],
              terms={"xi": 1.5})
ALERT = Alert(alert_id="al-1", kind="source_joined", story_id="st-1", headline="Xi", source="Y", sources=["X", "Y"],
              article=AlertArticle("a2", "https://y.example/b", "Xi lands", "2025-05-07T10:00:00Z"),
              created_at="2025-05-07T10:00:01Z")
RAW = RawItem(id="r1", feed_url="https://x.example/feed", source="X", url="https://x.example/a", title="Xi")


@pytest.mark.parametrize("model", [ARTICLE, STORY, ALERT, RAW], ids=lambda m: type(m).__name__)
def test_encode_is_the_record_json_and_decodes_back(model):
    assert orjson.loads(encode(model)) == orjson.loads(to_record(model).dumps())
    assert decode(type(model), encode(model)) == model


def test_unknown_fields_are_ignored_for_forward_compatibility():
    data = orjson.loads(encode(RAW)) | {"added_in_v2": [1, 2]}
    assert decode(RawItem, orjson.dumps(data)) == RAW


@pytest.mark.parametrize("cls, data, reason", [
    (RawItem, b"not json", "not JSON"),
    (RawItem, b"\xff\xfe{}", "not JSON"),  # invalid UTF-8
    (RawItem, b"[1, 2]", "expected an object"),
    (RawItem, b'{"id": "r1"}', "missing field 'feed_url'"),
    (RawItem, orjson.dumps({**orjson.loads(encode(RAW)), "title": 5}), "RawItem.title: expected str"),
    (Article, orjson.dumps({**orjson.loads(encode(ARTICLE)), "entities": [{"text": "Xi"}]}), "missing field 'type'"),
    (Story, orjson.dumps({**orjson.loads(encode(STORY)), "terms": {"xi": "heavy"}}), "expected int/float"),
    (RawItem, None, "tombstone"),
    (RawItem, b'{"id": "' + b"x" * MAX_RECORD_BYTES + b'"}', "exceeds"),
])
def test_bad_records_are_poison_with_a_reason(cls, data, reason):
    with pytest.raises(PoisonRecord, match=reason):
        decode(cls, data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=512) | st.builds(lambda d: orjson.dumps(d), st.dictionaries(
    st.sampled_from(["id", "feed_url", "source", "url", "title", "summary", "categories"]),
    st.none() | st.text(max_size=20) | st.integers(-2**40, 2**40) | st.lists(st.text(max_size=5), max_size=3))))
def test_decode_either_builds_a_raw_item_or_says_why(data):
    try:
        item = decode(RawItem, data)
    except PoisonRecord as exc:
        assert str(exc)
    else:
        assert isinstance(item.id, str) and isinstance(item.title, str)
