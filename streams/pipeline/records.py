"""Typed records at every topic boundary (faust.Record, orjson codec), mirroring `streams.models`.

The pure stages work on the dataclasses; agents convert with `to_record` / `to_model` here, at
the edge, so nothing else depends on Faust.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional

import faust
import orjson
from faust.serializers import codecs

from streams import models


class OrjsonCodec(codecs.Codec):
    """orjson for every record: ~5× faster than the stdlib json codec Faust defaults to."""

    def _dumps(self, obj: Any) -> bytes:
        return orjson.dumps(obj, default=_default)

    def _loads(self, s: bytes) -> Any:
        return orjson.loads(s)


def _default(obj: Any) -> Any:
    if isinstance(obj, faust.Record):
        return obj.asdict()
    raise TypeError(f"cannot serialise {type(obj).__name__}")


codecs.register("orjson", OrjsonCodec())


class _Base(faust.Record, abstract=True, serializer="orjson", include_metadata=False):
    pass


class FeedRecord(_Base):
    """`news.feeds` value (compacted, key = feed url)."""

    url: str
    source: str
    category: Optional[str] = None
    lang: Optional[str] = None


class FeedStateRecord(_Base):
    """Poller table `feed_state` value (key = feed url; changelog `<app>-poller-feed_state-changelog`).

    Mirrors `streams.poll.state.FeedState`: validators, schedule, health, seen entry ids.
    """

    url: str
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    body_hash: Optional[str] = None
    next_poll: float = 0.0
    interval: Optional[float] = None
    polls: int = 0
    emitted: int = 0
    errors: int = 0
    consecutive_errors: int = 0
    last_status: Optional[int] = None
    last_error: Optional[str] = None
    last_polled: Optional[float] = None
    last_success: Optional[float] = None
    warning: Optional[str] = None
    unhealthy: bool = False
    disabled: Optional[str] = None
    seen: Dict[str, List[Any]] = {}


class RawItemRecord(_Base):
    """`news.raw` value (key = item id)."""

    id: str
    feed_url: str
    source: str
    url: str
    title: str
    summary: str = ""
    content: str = ""
    published: Optional[str] = None
    fetched_at: Optional[str] = None
    lang: Optional[str] = None
    categories: List[str] = []
    update: bool = False


class EntityRecord(_Base):
    text: str
    type: str


class ArticleRecord(_Base):
    """`news.articles` value (key = clustering shard key: the language)."""

    id: str
    url: str
    source: str
    source_id: str
    title: str
    text: str
    published: str
    lang: str
    entities: List[EntityRecord] = []
    keywords: List[str] = []
    category: Optional[str] = None
    duplicate_of: Optional[str] = None
    feed_url: str = ""


class SourceSeenRecord(_Base):
    source: str
    first_seen: str
    article_id: str


class StoryRecord(_Base):
    """`news.stories` value (compacted, key = story id) and the `stories` table value."""

    id: str
    lang: str
    headline: str
    created_at: str
    updated_at: str
    sources: Dict[str, SourceSeenRecord] = {}
    article_ids: List[str] = []
    terms: Dict[str, float] = {}
    entities: List[str] = []
    keywords: List[str] = []
    status: str = "active"
    seq: int = 0
    merged_into: Optional[str] = None
    article_count: int = 0


class AlertArticleRecord(_Base):
    id: str
    url: str
    title: str
    published: str


class AlertSourceRecord(_Base):
    source: str
    source_id: str
    first_seen: str
    article_id: str


class AlertRecord(_Base):
    """`news.alerts` value (key = story id)."""

    alert_id: str
    kind: str
    story_id: str
    headline: str
    source: str
    sources: List[str]
    article: AlertArticleRecord
    created_at: str
    source_id: str = ""
    lang: str = ""
    category: Optional[str] = None
    sources_seen: List[AlertSourceRecord] = []
    entities: List[str] = []
    keywords: List[str] = []
    link: str = ""
    sources_total: int = 0
    merged_from: Optional[str] = None


_RECORD_FOR: dict[type, type[faust.Record]] = {
    models.FeedRef: FeedRecord,
    models.RawItem: RawItemRecord,
    models.Article: ArticleRecord,
    models.Story: StoryRecord,
    models.Alert: AlertRecord,
}


def to_record(model: Any) -> faust.Record:
    """Domain dataclass → its faust.Record."""
    return _RECORD_FOR[type(model)].from_data(dataclasses.asdict(model))


def plain(value: Any) -> Any:
    """A record (with nested records) as plain dicts/lists, e.g. for JSON responses."""
    if isinstance(value, faust.Record):
        return {k: plain(v) for k, v in value.asdict().items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def to_model(record: faust.Record, model_cls: type) -> Any:
    """faust.Record → domain dataclass."""
    data = plain(record)
    from_dict = getattr(model_cls, "from_dict", None)
    return from_dict(data) if from_dict else model_cls(**data)
