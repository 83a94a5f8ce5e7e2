"""The stories agent's tables, and how they are read: by a stage rebuild, the API and `/metrics`.

    table `stories`  (changelog newsstream-stories-changelog)   story id → snapshot (StoryRecord JSON)
    table `articles` (changelog newsstream-articles-changelog)  article id → article (text trimmed)
    table `seen`     (changelog newsstream-seen-changelog)      article id → duplicate-index entry

All three are co-partitioned with `news.articles` (a story, its articles and their entries live in
the partition of their language). Whoever reads a whole table here (a rebuild, `/stories`, the
`/metrics` counts) yields to the event loop as it reads and decodes no more than it uses: the
active `/stories` listing comes from the stages' memory, the counts from the raw bytes (`brief`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable
from functools import cache
from typing import Any

from aiokafka.partitioner import murmur2
from faust.stores.memory import Store as MemoryStore

from streams.errors import PoisonRecord
from streams.flow import StoryStage, shard_key
from streams.models import Article, Story
from streams.pipeline.app import app, settings
from streams.pipeline.codec import decode, from_obj, load_json

log = logging.getLogger("newsstream.tables")

# Values are the same JSON as the news.stories snapshots (StoryRecord), kept as bytes.
stories_table = app.Table("stories", value_type=bytes, partitions=settings.partitions)
# Each article (text trimmed) for the API: story timelines and `GET /articles/{id}`. Written by the
# stories agent, which has it decoded already, in the event's partition: beside its story.
articles_table = app.Table("articles", value_type=bytes, partitions=settings.partitions)
ARTICLE_TEXT_CHARS = 2000
# The duplicate index of each partition's stage: its entries by article id, plus one `~N` record
# per partition with the newest article time. Restored with the stories, so a repeat of an item
# seen before a crash or rebalance is still recognised (and not clustered twice).
seen_table = app.Table("seen", value_type=bytes, partitions=settings.partitions)


YIELD_EVERY = 1000  # table entries read between yields to the event loop (a rebuild, the API)
_ASLEEP_FIELDS = ("id", "lang", "headline", "created_at", "updated_at", "terms", "status", "seq", "merged_into")
_SEEN_FIELDS = frozenset(("id", "when", "keys", "seq", "sketch"))


async def _scan(table: Any, every: int = YIELD_EVERY) -> AsyncIterator[bytes]:
    """A table's values, yielding to the event loop every `every` of them. Read across awaits, the
    in-memory store's dict must not change size (its references are copied first); RocksDB's
    iterator reads a consistent snapshot."""
    data = table.data
    for n, raw in enumerate(list(data.values()) if isinstance(data, MemoryStore) else data.values(), 1):
        yield raw
        if n % every == 0:
            await asyncio.sleep(0)


@cache
def shard_partition(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner picks for `key` (murmur2, as aiokafka; memoised:
    keys are languages, and a scan of a large table asks for each story's)."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


def load_article(article_id: str) -> Article | None:
    raw = articles_table.get(article_id)
    try:
        return decode(Article, raw) if raw else None
    except PoisonRecord:
        return None


def load_story(story_id: str) -> Story | None:
    """A story from this worker's table, or None (unknown here, or unreadable)."""
    raw = stories_table.get(story_id)
    return None if raw is None else _story(raw)


async def _decoded(wanted: Callable[[tuple[int, str]], bool]) -> list[Story]:
    """The stored stories whose (partition, status) is `wanted`: only those are decoded (`brief`
    picks them from the bytes), and the read yields to the loop as it goes."""
    out: list[Story] = []
    async for raw in _scan(stories_table):
        if wanted(brief(raw)) and (story := _story(raw)) is not None:
            out.append(story)
    return out


async def stored_in(partitions: set[int]) -> list[Story]:
    """Every stored story of `partitions` (active, dormant and merged), decoded."""
    return await _decoded(lambda b: b[0] in partitions)


async def active_stories(partitions: set[int], stages: dict[int, StoryStage]) -> list[Story]:
    """The active stories of `partitions`: from their stages, in memory (nothing decoded); from the
    table for a partition with no stage yet (no article since it was assigned)."""
    out: list[Story] = []
    unbuilt = set()
    for p in partitions:
        stage = stages.get(p)
        if stage is None:
            unbuilt.add(p)
        else:
            out.extend(stage.clusterer.stories())
    if unbuilt:
        wanted = {(p, "active") for p in unbuilt}
        out += await _decoded(wanted.__contains__)
    return out


async def story_counts(partitions: set[int]) -> Counter[str]:
    """Stored stories of `partitions` by status, read without decoding them (`brief`: ~3 µs a
    story against ~110 µs decoded), yielding to the loop as it reads."""
    counts: Counter[str] = Counter()
    async for raw in _scan(stories_table, 20 * YIELD_EVERY):
        partition, status = brief(raw)
        if partition in partitions:
            counts[status] += 1
    return counts


def brief(raw: bytes) -> tuple[int, str]:
    """(partition, status) of a stored story without decoding it. Snapshots are orjson-encoded
    `Story` dataclasses: `lang` is the second field, near the start, and `"status":"active"` cannot
    occur inside a JSON string (its quotes would be escaped). Anything else is parsed."""
    at = raw.find(b'"lang":"', 0, 200)
    end = raw.find(b'"', at + 8) if at >= 0 else -1
    if end < 0:
        try:
            obj = load_json(raw)
        except PoisonRecord:
            return -1, ""
        obj = obj if isinstance(obj, dict) else {}
        lang, status = obj.get("lang"), obj.get("status")
        lang = lang if isinstance(lang, str) else ""
        return shard_partition(lang or "und", settings.partitions), status if isinstance(status, str) else ""
    lang = raw[at + 8:end].decode("utf-8", "replace")
    for status in ("active", "dormant", "merged"):
        if b'"status":"' + status.encode() + b'"' in raw:
            break
    else:
        status = ""
    return shard_partition(lang or "und", settings.partitions), status


def _story(raw: bytes) -> Story | None:
    try:
        return decode(Story, raw)
    except PoisonRecord as exc:
        log.error("unreadable story in table: %s", exc)
        return None


def restorable(raw: bytes) -> Story | None:
    """A stored story as a restore needs it: whole if active; a dormant or merged one only as the
    revival index and retention read it (id, times, centroid): its sources and article ids, most
    of a big snapshot's bytes and decode time, are read again if it is revived or deleted."""
    try:
        obj = load_json(raw)
        if isinstance(obj, dict) and obj.get("status") in ("dormant", "merged"):
            obj = {k: obj[k] for k in _ASLEEP_FIELDS if k in obj}
        return from_obj(Story, obj)
    except PoisonRecord as exc:
        log.error("unreadable story in table: %s", exc)
        return None


async def stored_stories() -> dict[int, list[Story]]:
    """Every stored story by partition, in one pass for all of this worker's partitions (a
    rebalance hands several over at once), yielding to the loop as it reads: a large table then
    costs time, not the heartbeats that keep this worker in its group."""
    out: dict[int, list[Story]] = {}
    async for raw in _scan(stories_table):
        story = restorable(raw)
        if story is not None:
            out.setdefault(shard_partition(shard_key(story), settings.partitions), []).append(story)
    return out


async def stored_seen() -> dict[int, tuple[list[dict], float]]:
    """Each partition's persisted duplicate-index entries and newest article time, in one pass."""
    entries: dict[int, list[dict]] = {}
    latest: dict[int, float] = {}
    async for raw in _scan(seen_table):
        try:
            entry = load_json(raw)
        except PoisonRecord as exc:
            log.error("unreadable duplicate-index entry: %s", exc)
            continue
        partition = entry.get("partition") if isinstance(entry, dict) else None
        if not isinstance(partition, int):
            continue
        if "latest" in entry:
            latest[partition] = entry["latest"]
        elif _SEEN_FIELDS <= entry.keys():
            entries.setdefault(partition, []).append(entry)
    return {p: (entries.get(p, []), latest.get(p, 0.0)) for p in entries.keys() | latest.keys()}
