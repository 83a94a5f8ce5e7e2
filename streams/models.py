"""Domain values that flow through the stages: FeedRef → RawItem → Article → Story → Alert.

Plain dataclasses, so the pure stages (poll parsing, clean, tag, cluster, alert) stay free of
Kafka and Faust; `streams.pipeline.records` mirrors them as `faust.Record`s at topic boundaries.
Times are ISO-8601 UTC strings ("2025-05-07T09:30:00Z") at the edges, because that is what
topic consumers and the archive format read; the clusterer converts them once to epoch seconds.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


def iso(ts: float | datetime) -> str:
    """Format epoch seconds or a datetime as ISO-8601 UTC with a 'Z' suffix."""
    if isinstance(ts, datetime):
        dt = ts.astimezone(timezone.utc) if ts.tzinfo else ts.replace(tzinfo=timezone.utc)
    else:
        dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    # Not strftime("%Y"): it does not zero-pad years below 1000 on glibc, and "1-01-01" does not parse back.
    stamp = f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}"
    return stamp + (f".{dt.microsecond // 1000:03d}Z" if dt.microsecond else "Z")


def parse_iso(value: str | None) -> float | None:
    """Parse an ISO-8601 string to epoch seconds; None when absent or unparseable."""
    if not value:
        return None
    return _parse_iso(value)


@functools.lru_cache(maxsize=65536)  # the same first-seen times are read again for every join
def _parse_iso(value: str) -> float | None:
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def to_dict(value: Any) -> dict[str, Any]:
    """Dataclass → plain dict (nested dataclasses included)."""
    return dataclasses.asdict(value)


@dataclass(slots=True)
class FeedRef:
    """One configured feed: where to poll and which publisher it speaks for."""

    url: str
    source: str
    category: str | None = None
    lang: str | None = None


@dataclass(slots=True)
class RawItem:
    """One polled (or replayed) feed entry, before cleaning. Body fields may hold HTML."""

    id: str  # stable per entry: guid → link → hash(title + published), scoped to the feed
    feed_url: str
    source: str  # publisher display name from the feed config
    url: str
    title: str
    summary: str = ""
    content: str = ""
    published: str | None = None
    fetched_at: str | None = None
    lang: str | None = None  # hint from the feed or archive; the tagger decides
    categories: list[str] = field(default_factory=list)
    update: bool = False  # a re-emission of a seen entry whose title/content changed


@dataclass(slots=True)
class Entity:
    text: str  # normalised form, e.g. "Xi Jinping"
    type: str  # PERSON | ORG | PLACE | MISC


@dataclass(slots=True)
class Article:
    """A cleaned and tagged item: what `news.articles` carries and clustering reads."""

    id: str
    url: str
    source: str  # publisher display name
    source_id: str  # normalised publisher key: one per outlet across its feeds
    title: str
    text: str
    published: str  # ISO-8601 UTC; fetch time when the feed gave none
    lang: str
    entities: list[Entity] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    category: str | None = None
    duplicate_of: str | None = None
    feed_url: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        d = dict(d)
        d["entities"] = [e if isinstance(e, Entity) else Entity(**e) for e in d.get("entities") or ()]
        return cls(**d)


@dataclass(slots=True)
class SourceSeen:
    """When a publisher first appeared in a story, and with which article."""

    source: str
    first_seen: str
    article_id: str


@dataclass(slots=True)
class Story:
    """A developing story: the clusterer's unit of state, snapshotted to `news.stories`."""

    id: str
    lang: str
    headline: str
    created_at: str  # article time of the first article
    updated_at: str  # article time of the newest article
    sources: dict[str, SourceSeen] = field(default_factory=dict)  # keyed by source_id
    article_ids: list[str] = field(default_factory=list)  # in memory all; in a snapshot the newest
    terms: dict[str, float] = field(default_factory=dict)  # centroid: summed TF-IDF weights, capped
    entities: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    status: str = "active"  # active | dormant (idle, out of the clusterer's memory) | merged
    seq: int = 0  # the shard's arrival number of the last change: restore replays index order
    merged_into: str | None = None  # status "merged": the story that absorbed this one (articles too)
    article_count: int = 0  # every article the story holds, listed in `article_ids` or not

    def __post_init__(self) -> None:
        if self.article_count < len(self.article_ids):  # snapshots written before the count existed
            self.article_count = len(self.article_ids)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Story":
        d = dict(d)
        d["sources"] = {k: v if isinstance(v, SourceSeen) else SourceSeen(**v) for k, v in (d.get("sources") or {}).items()}
        return cls(**d)


@dataclass(slots=True)
class AlertArticle:
    id: str
    url: str
    title: str
    published: str


@dataclass(slots=True)
class AlertSource:
    """One source of the story as an alert reports it: who, since when, with which article."""

    source: str
    source_id: str
    first_seen: str
    article_id: str


@dataclass(slots=True)
class Alert:
    """Emitted when a story changes in a way subscribers care about.

    Kinds: `source_joined` (one per (story, source)), `story_developing` (N sources within a
    window), `story_created` (optional), `story_merged` (the story `merged_from` was folded into
    this one, whose id, headline and sources the alert carries). `sources` keeps the display names
    for old consumers; `sources_seen` adds first-seen times. Both list at most the first 10 and the latest 15 to join;
    `sources_total` counts all of them (0 from producers older than the field). `link` is the story
    in the API.
    """

    alert_id: str  # deterministic per (story, kind, key): redeliveries are recognisable
    kind: str
    story_id: str
    headline: str
    source: str
    sources: list[str]
    article: AlertArticle
    created_at: str
    source_id: str = ""
    lang: str = ""
    category: str | None = None
    sources_seen: list[AlertSource] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    link: str = ""
    sources_total: int = 0
    merged_from: str | None = None  # story_merged: the story folded into `story_id`

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Alert":
        d = dict(d)
        if not isinstance(d["article"], AlertArticle):
            d["article"] = AlertArticle(**d["article"])
        d["sources_seen"] = [s if isinstance(s, AlertSource) else AlertSource(**s) for s in d.get("sources_seen") or ()]
        return cls(**d)
