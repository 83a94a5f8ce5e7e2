"""Duplicate detection across articles: the same item through several feeds, and syndicated copies.

    exact  same canonical URL, or same publisher and same normalised content: processed once
    near   another outlet's copy of the same text (wire story republished): marked `duplicate_of`,
           still clustered, so that outlet still joins the story

Near-duplicates use a bottom-k MinHash of word 3-shingles: one CRC per shingle (deterministic
across processes, unlike `hash()`), the k smallest values as the sketch, Jaccard estimated from
the union's k smallest. Only the few smallest values are indexed (pigeonhole: copies above the
threshold share one of them with high probability), so memory stays ~250 bytes an article.
Headline-only items are too short for shingles: they match on exact content only.

Pure and bounded: no clock (article time or the caller's `now`), entries expire after `ttl_s` of
article time and beyond `max_items`. Restorable: with `journal=True` the index lists what changed
(`changes()`), the live agent persists it, and `restore()` rebuilds the same index after a crash or
rebalance; without it, a repeat of an item seen before the restart would be clustered twice.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import re
import zlib
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from streams.models import Article, parse_iso
from streams.words import plain_words

K = 32  # sketch size: the Jaccard estimate has a standard error of about 0.08 at J = 0.6
INDEXED = 8  # smallest sketch values that are looked up; P(miss | J=0.6) ≈ 0.4**8
SHINGLE = 3
MIN_SHINGLES = 24  # below this a text is a headline or a teaser: exact matching only
MIN_EXACT_WORDS = 6  # "Video", "Live updates": same words, not the same article
_TEXT_CHARS = 6000
_URL_RE = re.compile(r"^https?://[^/\s]+\.[^/\s]+")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Verdict for an article that was seen before (as `of`)."""

    of: str
    exact: bool  # True: the same item again (skip it); False: another outlet's copy
    similarity: float  # estimated Jaccard of word 3-shingles (1.0 for exact matches)


@dataclass(slots=True)
class _Entry:
    id: str
    when: float
    keys: tuple[str, ...]
    sketch: bytes
    seq: int  # insertion order: expiry and first-key-wins depend on it


def _sketch(words: list[str]) -> list[int]:
    """The K smallest CRC-32 values of the text's word 3-shingles (sorted), [] when too short."""
    if len(words) < MIN_SHINGLES + SHINGLE - 1:
        return []
    hashes = {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}
    return heapq.nsmallest(K, hashes)


def jaccard(a: list[int] | array, b: list[int] | array) -> float:
    """Bottom-k estimate: of the union's k smallest values, the share present in both sketches."""
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(K, sa | sb)
    return sum(1 for h in union if h in sa and h in sb) / len(union) if union else 0.0


class DuplicateIndex:
    """`add(article, now)` → `Duplicate` or None; remembers new articles and near copies."""

    def __init__(self, ttl_s: float = 2 * 86400.0, max_items: int = 100_000, threshold: float = 0.6,
                 journal: bool = False) -> None:
        self.ttl_s = ttl_s
        self.max_items = max_items
        self.threshold = threshold
        self._keys: dict[str, str] = {}  # url / content key → article id (the original)
        self._postings: dict[int, list[str]] = {}  # indexed sketch value → ids
        self._entries: dict[str, _Entry] = {}
        self._order: deque[str] = deque()  # insertion order, for expiry
        self._root: dict[str, str] = {}  # near copy → original, so chains point at the first
        self._latest = 0.0
        self._seq = 0
        self._journal = journal
        self._dirty: set[str] = set()  # entries created or changed since `changes()` (journal only)
        self._gone: list[str] = []  # entries forgotten since `changes()` (journal only)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, article: Article, now: float) -> Duplicate | None:
        """Classify `article` against what was seen, then remember it unless it is an exact repeat."""
        when = parse_iso(article.published) or now
        self._latest = max(self._latest, when)
        self._expire()
        words = plain_words(f"{article.title}\n{article.text[:_TEXT_CHARS]}".casefold())
        digest = hashlib.blake2b(" ".join(words).encode(), digest_size=12).hexdigest() if words else ""
        url_key = "u:" + article.url if _URL_RE.match(article.url) else ""
        own_key = f"c:{article.source_id}:{digest}" if len(words) >= MIN_EXACT_WORDS else ""
        if article.id in self._entries:  # redelivery of an item we hold: the same verdict again
            root = self._root.get(article.id)
            return Duplicate(root, False, self.threshold) if root else None
        id_key = "i:" + article.id  # an exact repeat's own id: its later copies (new URL) follow it
        for key in (id_key, url_key, own_key):
            original = self._keys.get(key) if key else None
            if original is not None and original != article.id:
                entry = self._entries.get(original)
                if key != id_key and entry is not None and id_key not in self._keys:
                    self._keys[id_key] = original
                    entry.keys += (id_key,)  # forgotten with the original
                    if self._journal:
                        self._dirty.add(original)
                return Duplicate(self._root.get(original, original), True, 1.0)
        sketch = _sketch(words)
        verdict = self._near(sketch) if sketch else None
        keys = tuple(k for k in (url_key, own_key) if k)
        self._seq += 1
        self._remember(_Entry(article.id, when, keys, array("I", sketch).tobytes(), self._seq), sketch)
        if verdict is not None:
            self._root[article.id] = verdict.of
        if self._journal:
            self._dirty.add(article.id)
        return verdict

    # -- persistence ---------------------------------------------------------------------------
    @property
    def latest(self) -> float:
        """The newest article time seen (repeats included): expiry is measured from it."""
        return self._latest

    def changes(self) -> tuple[list[dict[str, Any]], list[str]]:
        """Entries created or changed since the last call (as `restore()` takes them) and the ids
        forgotten since; both lists are then cleared. Needs `journal=True`."""
        entries = [self._export(self._entries[aid]) for aid in sorted(self._dirty) if aid in self._entries]
        gone = self._gone
        self._dirty, self._gone = set(), []
        return entries, gone

    def restore(self, entries: Iterable[dict[str, Any]], latest: float = 0.0) -> None:
        """Rebuild from persisted entries (any order) and the persisted `latest`: the index then
        classifies as the one that wrote them did."""
        for d in sorted(entries, key=lambda d: d["seq"]):
            sketch = base64.b64decode(d["sketch"])
            entry = _Entry(d["id"], d["when"], tuple(d["keys"]), sketch, d["seq"])
            self._remember(entry, array("I", sketch).tolist())
            if d.get("root"):
                self._root[entry.id] = d["root"]
            self._seq = max(self._seq, entry.seq)
            self._latest = max(self._latest, entry.when)
        self._latest = max(self._latest, latest)

    def _export(self, entry: _Entry) -> dict[str, Any]:
        return {"id": entry.id, "when": entry.when, "keys": list(entry.keys), "seq": entry.seq,
                "sketch": base64.b64encode(entry.sketch).decode(), "root": self._root.get(entry.id)}

    def _near(self, sketch: list[int]) -> Duplicate | None:
        hits: dict[str, int] = {}
        for value in sketch[:INDEXED]:
            for aid in self._postings.get(value, ()):
                hits[aid] = hits.get(aid, 0) + 1
        best: Duplicate | None = None
        for aid in sorted(hits, key=lambda a: (-hits[a], a))[:20]:
            other = array("I")
            other.frombytes(self._entries[aid].sketch)
            sim = jaccard(sketch, other)
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = Duplicate(self._root.get(aid, aid), False, sim)
        return best

    def _remember(self, entry: _Entry, sketch: list[int]) -> None:
        self._entries[entry.id] = entry
        self._order.append(entry.id)
        for key in entry.keys:
            self._keys.setdefault(key, entry.id)
        for value in sketch[:INDEXED]:
            self._postings.setdefault(value, []).append(entry.id)

    def _expire(self) -> None:
        cutoff = self._latest - self.ttl_s
        while self._order and (len(self._order) >= self.max_items or self._entries[self._order[0]].when < cutoff):
            self._forget(self._entries.pop(self._order.popleft()))

    def _forget(self, entry: _Entry) -> None:
        for key in entry.keys:
            if self._keys.get(key) == entry.id:
                del self._keys[key]
        sketch = array("I")
        sketch.frombytes(entry.sketch)
        for value in sketch[:INDEXED]:
            ids = self._postings.get(value)
            if ids is not None:
                if entry.id in ids:
                    ids.remove(entry.id)
                if not ids:
                    del self._postings[value]
        self._root.pop(entry.id, None)
        if self._journal:
            self._dirty.discard(entry.id)
            self._gone.append(entry.id)


__all__ = ["Duplicate", "DuplicateIndex", "jaccard"]
