"""Dormant stories that may develop again, indexed by a few of their heaviest terms.

A story idle past `idle_hours` leaves memory (its snapshot stays in the table/topic); a trial that
resumes or a crisis that flares up a week later should bring it back, not start a second story.
Only the story id, its newest article time and its `TERMS` heaviest centroid terms stay here
(~0.7 KB a story); the story itself is loaded on demand. Lookups are independent of insertion
order (every posting of a term is read; a term carried by more than `COMMON` dormant stories
fetches nothing), so an index rebuilt from dormant snapshots answers exactly as the live one did.
"""

from __future__ import annotations

from streams.cluster.story import norm
from streams.models import Story

TERMS = 8  # centroid terms a dormant story is listed under
COMMON = 256  # a term in more dormant stories than this is too common to fetch candidates


class DormantIndex:
    __slots__ = ("postings", "entries")

    def __init__(self) -> None:
        self.postings: dict[str, dict[str, float]] = {}  # term → story id → normalised centroid weight
        self.entries: dict[str, tuple[float, tuple[str, ...]]] = {}  # story id → (newest, terms)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, story: Story, newest: float) -> None:
        self.remove(story.id)
        scale = 1.0 / norm(story.terms)
        top = sorted(story.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS]
        for term, weight in top:
            self.postings.setdefault(term, {})[story.id] = weight * scale
        self.entries[story.id] = (newest, tuple(t for t, _ in top))

    def remove(self, sid: str) -> None:
        entry = self.entries.pop(sid, None)
        for term in entry[1] if entry else ():
            ids = self.postings.get(term)
            if ids is not None:
                ids.pop(sid, None)
                if not ids:
                    del self.postings[term]

    def candidates(self, vec: dict[str, float], since: float, limit: int) -> list[str]:
        """Up to `limit` dormant stories (newest article at or after `since`) by partial dot product
        with `vec` over their listed terms, best first (ties by id)."""
        hits: dict[str, float] = {}
        for term, w in vec.items():
            ids = self.postings.get(term)
            if ids and len(ids) <= COMMON:
                for sid, x in ids.items():
                    hits[sid] = hits.get(sid, 0.0) + w * x
        entries = self.entries
        ranked = sorted((-dot, sid) for sid, dot in hits.items() if entries[sid][0] >= since)
        return [sid for _, sid in ranked[:limit]]

    def expire(self, before: float) -> None:
        """Forget stories whose newest article is older than `before` (memory only: `candidates`
        already skips them, so when this runs changes no decision)."""
        for sid in [sid for sid, (newest, _) in self.entries.items() if newest < before]:
            self.remove(sid)
