# cython: annotation_typing=False
"""The story reducer: pure functions from (story, article) to the next story. No I/O, no clock.

A story's `terms` is its centroid: the sum of its articles' normalised TF-IDF vectors (weighed when
each article arrived), capped to the heaviest `MAX_STORY_TERMS`. It is stored in the snapshot, so a
restored story scores exactly like the live one did, and a snapshot stays bounded.
The one piece of state here is `snapshot_json`'s bounded cache of encoded sources (an encoding
shortcut: its output is byte-for-byte `orjson.dumps(snapshot(...))`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections import OrderedDict
from itertools import islice
from operator import itemgetter

import orjson

from streams.models import Article, SourceSeen, Story

MAX_STORY_TERMS = 64  # centroid terms kept per story: bounds memory, table values and index postings
# Article ids a snapshot lists (the newest; `article_count` counts them all). Every change rewrites a
# story's snapshot, so without a bound a long-running story costs O(size) per article and its value
# outgrows what the codec reads back (512 KiB) and the broker takes (1 MiB): a story of ~6,000
# articles would be lost at the next restore. 1,000 ids stay near 100 KB and cover any redelivery
# (only the newest, uncommitted articles come back after a crash).
SNAPSHOT_ARTICLES = 1000
MAX_STORY_ENTITIES = 12
MAX_STORY_KEYWORDS = 12


def story_id_for(article_id: str) -> str:
    """Deterministic: a replay of the same input creates the same story ids."""
    return "st-" + hashlib.sha1(article_id.encode()).hexdigest()[:16]


def new_story(article: Article, vec: dict[str, float], seq: int) -> Story:
    story = Story(
        id=story_id_for(article.id),
        lang=article.lang,
        headline=article.title,
        created_at=article.published,
        updated_at=article.published,
    )
    add_article(story, article, vec, seq)
    return story


def add_article(story: Story, article: Article, vec: dict[str, float], seq: int) -> tuple[list[str], list[str]]:
    """Fold one article into the story (mutates it); returns the centroid terms (added, removed)."""
    story.article_ids.append(article.id)
    story.article_count += 1
    story.seq = seq
    if article.source_id not in story.sources:
        story.sources[article.source_id] = SourceSeen(article.source, article.published, article.id)
    # `updated_at` (the newest article's time) is kept by the clusterer, which compares times as numbers
    if article.published < story.created_at:
        story.created_at = article.published
    if article.entities and len(story.entities) < MAX_STORY_ENTITIES:
        story.entities = _merge_ranked(story.entities, [e.text for e in article.entities], MAX_STORY_ENTITIES)
    if article.keywords and len(story.keywords) < MAX_STORY_KEYWORDS:
        story.keywords = _merge_ranked(story.keywords, article.keywords, MAX_STORY_KEYWORDS)
    return add_vectors(story.terms, vec, MAX_STORY_TERMS)


def merge_into(target: Story, other: Story, seq: int) -> tuple[list[str], list[str]]:
    """Fold story `other` into `target` (which keeps its id); `other` is left empty, marked merged.
    Returns the target's centroid terms (added, removed)."""
    target.article_ids.extend(other.article_ids)
    target.article_count += other.article_count
    target.seq = seq
    # only sources new to the target need the (first seen, id) order, which is their insertion order;
    # a big merged story shares most of them, and sorting all of them dominated the merge
    fresh = []
    for sid, seen in other.sources.items():
        mine = target.sources.get(sid)
        if mine is None:
            fresh.append((seen.first_seen, sid, seen))
        elif (seen.first_seen, seen.article_id) < (mine.first_seen, mine.article_id):
            target.sources[sid] = seen
    fresh.sort(key=itemgetter(0, 1))
    for _, sid, seen in fresh:
        target.sources[sid] = seen
    _forget(target.id)  # entries may have changed in place: `snapshot_json` encodes afresh
    target.created_at = min(target.created_at, other.created_at)
    target.entities = _merge_ranked(target.entities, other.entities, MAX_STORY_ENTITIES)
    target.keywords = _merge_ranked(target.keywords, other.keywords, MAX_STORY_KEYWORDS)
    other.article_ids = []
    other.article_count = 0
    other.status = "merged"
    other.merged_into = target.id
    other.seq = seq
    return add_vectors(target.terms, other.terms, MAX_STORY_TERMS)


def snapshot(story: Story, fresh: set[str] | frozenset[str] = frozenset()) -> Story:
    """The story as stored and published: its newest `SNAPSHOT_ARTICLES` article ids listed, and
    every id of `fresh` (the articles it gained since its last snapshot) it holds. A merge appends
    the other story's ids, which can push a just-joined article out of the newest: listed anyway,
    every article is in the snapshot written when it joined."""
    ids = story.article_ids
    if len(ids) <= SNAPSHOT_ARTICLES:
        return story
    kept = ids[-SNAPSHOT_ARTICLES:]
    missing = fresh.difference(kept) if fresh else ()
    if missing:
        kept = [aid for aid in ids[:-SNAPSHOT_ARTICLES] if aid in missing] + kept
    return dataclasses.replace(story, article_ids=kept)


def unlisted(story: Story, fresh: set[str] | frozenset[str], done: int) -> tuple[list[str], int]:
    """Article ids pushed out of the story's snapshot listing (`snapshot(story, fresh)`) since the
    first `done` of its `article_ids` were returned, and the new count: the live agent keeps an
    article stored only while its story lists it, so a story's articles leave storage with it.
    An id of `fresh` is listed anyway this time: it and the ones after it wait for the next call."""
    ids = story.article_ids
    cut = len(ids) - SNAPSHOT_ARTICLES
    done = min(done, len(ids))
    out: list[str] = []
    for i in range(done, cut):
        if ids[i] in fresh:
            return out, i
        out.append(ids[i])
    return out, max(done, cut)


# story id → (its `sources` dict, how many entries were encoded, their JSON), least recent first;
# bounded by bytes (a 1,000-source story holds ~100 KB), not by stories
_sources_json: OrderedDict[str, tuple[dict[str, SourceSeen], int, bytes]] = OrderedDict()
_sources_json_bytes = 0
SOURCES_JSON_BYTES = 64 * 1024 * 1024


def snapshot_json(story: Story, fresh: set[str] | frozenset[str] = frozenset()) -> bytes:
    """`snapshot(story, fresh)` as the JSON `news.stories` and the table carry. `sources` is most of
    a big story's snapshot and was re-encoded on every change (a 1,000-source story is written
    once a batch); its entries are only ever appended, so the encoded object is extended instead.
    A merge, the one change to an existing entry, drops the story's entry (`merge_into`); a story
    rebuilt from storage has a new dict, which is encoded afresh."""
    global _sources_json_bytes
    sources, n = story.sources, len(story.sources)
    cached = _forget(story.id)
    if cached is None or cached[0] is not sources or cached[1] > n:
        body = orjson.dumps(sources)
    elif cached[1] == n:
        body = cached[2]
    else:
        added = orjson.dumps(dict(islice(sources.items(), cached[1], None)))
        body = added if cached[1] == 0 else cached[2][:-1] + b"," + added[1:]
    _sources_json[story.id] = (sources, n, body)
    _sources_json_bytes += len(body)
    while _sources_json_bytes > SOURCES_JSON_BYTES and len(_sources_json) > 1:
        _forget(next(iter(_sources_json)))
    return orjson.dumps(dataclasses.replace(snapshot(story, fresh), sources=orjson.Fragment(body)))


def _forget(story_id: str) -> tuple[dict[str, SourceSeen], int, bytes] | None:
    global _sources_json_bytes
    cached = _sources_json.pop(story_id, None)
    if cached is not None:
        _sources_json_bytes -= len(cached[2])
    return cached


def add_vectors(have: dict[str, float], add: dict[str, float], cap: int) -> tuple[list[str], list[str]]:
    """`have += add` in place, trimmed back to the `cap` heaviest terms once it exceeds cap × 1.25
    (the slack spares most additions a sort). Returns the terms (added, removed)."""
    added = []
    get = have.get
    for term, w in add.items():
        c = get(term)
        if c is None:
            have[term] = w
            added.append(term)
        else:
            have[term] = c + w
    if len(have) <= cap + cap // 4:
        return added, []
    # by weight alone with a C key (big merged stories trim on most joins); the (-weight, term)
    # order is needed only when a tie straddles the cut, which is rare
    ranked = sorted(have.items(), key=itemgetter(1), reverse=True)
    if ranked[cap - 1][1] == ranked[cap][1]:
        ranked.sort(key=lambda kv: (-kv[1], kv[0]))
    trimmed = [t for t, _ in ranked[cap:]]
    for term in trimmed:
        del have[term]
    fresh = set(added)
    return [t for t in added if t in have], [t for t in trimmed if t not in fresh]


def norm(vec: dict[str, float]) -> float:
    return math.hypot(*vec.values()) or 1.0


def _merge_ranked(have: list[str], new: list[str], cap: int) -> list[str]:
    """Keep the first-seen order (the story's early framing), appending unseen items up to `cap`."""
    if len(have) >= cap:
        return have
    out = list(have)
    seen = set(out)
    for item in new:
        if item not in seen:
            out.append(item)
            seen.add(item)
            if len(out) >= cap:
                break
    return out


def source_names(story: Story) -> list[str]:
    """Display names of the story's sources in first-seen order."""
    return [s.source for s in sorted(story.sources.values(), key=lambda s: (s.first_seen, s.source))]
