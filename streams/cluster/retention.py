"""When a story that left memory is deleted from storage: `retention` after its newest article.

A story idle past `idle_hours` goes dormant and can be revived within `revive_days`; after that no
article can bring it back, yet its snapshot and its articles would stay in the tables (and in the
compacted `news.stories`) forever: an always-on worker's state and restore time would grow with
every story it ever saw. A story folded into another (status "merged") keeps only a pointer, which
outlives its use the same way. This keeps one entry per such story and says which are due.

Times are stream times (the newest article seen), checked at the stage's hourly sweep, so a replay
or a restored stage deletes at the same points as an uninterrupted one.
"""

from __future__ import annotations

import heapq


class Retention:
    """Stories out of memory by their newest article time; `due()` pops those past `seconds`."""

    __slots__ = ("seconds", "_newest", "_heap")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds  # 0: keep forever
        self._newest: dict[str, float] = {}  # story id → the newest article time it is kept by
        self._heap: list[tuple[float, str]] = []  # (newest, story id); entries replaced since are skipped

    def __len__(self) -> int:
        return len(self._newest)

    def add(self, story_id: str, newest: float) -> None:
        """`story_id` left memory (dormant, or merged away) with its newest article at `newest`;
        a later call for the same story (revived, dormant again) replaces the earlier one."""
        if self.seconds <= 0:
            return
        self._newest[story_id] = newest
        heapq.heappush(self._heap, (newest, story_id))

    def due(self, now: float) -> list[str]:
        """Stories whose newest article is `seconds` older than `now`, oldest first; forgotten here.
        The caller skips any revived since (in memory again): it gets a new entry when it sleeps."""
        cutoff = now - self.seconds
        heap, newest = self._heap, self._newest
        out: list[str] = []
        while heap and heap[0][0] < cutoff:
            when, sid = heapq.heappop(heap)
            if newest.get(sid) == when:
                del newest[sid]
                out.append(sid)
        return out
