"""The processing path shared by the live agents and the offline CLI, so both decide alike.

    RawItem ─Process─▶ Article ─StoryStage─▶ (Assignment, [Alert])
             clean+tag                cluster+alert
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from streams.alert import alerts_for
from streams.clean import Cleaner, DuplicateIndex
from streams.cluster import Assignment, ClusterParams, StoryClusterer
from streams.cluster.retention import Retention
from streams.models import Alert, Article, RawItem, Story, parse_iso
from streams.tag import Tagger


def shard_key(item: Article | Story) -> str:
    """The clustering shard of an article or story: all that could share a story meet in one
    (a Kafka partition live)."""
    return item.lang or "und"


class Process:
    """clean → tag. Raises `InputError` for an item with nothing usable in it."""

    def __init__(self) -> None:
        self.clean = Cleaner()
        self.tag = Tagger()

    def __call__(self, raw: RawItem, now: float) -> Article:
        return self.tag(self.clean(raw, now))


@dataclass(slots=True)
class Outcome:
    assignment: Assignment
    alerts: list[Alert]

    @property
    def story(self) -> Story:
        return self.assignment.story


class StoryStage:
    """cluster → alert over one shard of articles (one language, or one Kafka partition)."""

    def __init__(self, params: ClusterParams | None = None, stories: list[Story] | None = None,
                 seen: tuple[list[dict], float] | None = None, journal: bool = False,
                 load: Callable[[str], Story | None] | None = None, retention: float = 0.0,
                 pause: Callable[[], None] | None = None) -> None:
        """`stories` (active, dormant and merged) and `seen` (the duplicate index's entries and
        latest time) restore a stage; with `journal` the index records its changes for the caller
        to persist. `load` fetches a stored story (the live agent's table) for revival; without it
        the stage keeps the stories it puts to sleep itself (offline runs). With `retention`
        (seconds), stories out of memory that long after their newest article are listed in
        `expired` for the caller to delete. `pause` goes to the clusterer's `restore`."""
        self.clusterer = StoryClusterer(params)
        self._load = load
        self._asleep: dict[str, Story] = {}  # without `load`: every story this stage put to sleep
        self.clusterer.load = self._stored
        self.duplicates = DuplicateIndex(journal=journal)
        if seen is not None:
            self.duplicates.restore(*seen)
        # snapshots the restore had to repair (a crash mid-write left an article in two stories):
        # the caller persists them once
        # Stream time as the last sweep saw it: repeats count (they sweep, and change no story)
        times = [parse_iso(s.updated_at) or 0.0 for s in stories or ()] + ([seen[1]] if seen and seen[1] else [])
        latest = max(times, default=None)
        self._swept_hour = None if latest is None else int(latest // 3600)
        self.repaired: list[Story] = self.clusterer.restore(stories, pause, latest) if stories else []
        # Stories that went dormant (left memory); the live agent persists and clears this list.
        self.dormant: list[Story] = []
        # Ids of stories past `retention` (dormant and beyond revival, or merged away); the live
        # agent deletes them from its tables and clears this list.
        self.expired: list[str] = []
        self._retention = Retention(retention)
        for story in stories or ():
            if story.status in ("dormant", "merged"):
                self._retention.add(story.id, parse_iso(story.updated_at) or 0.0)

    def __call__(self, article: Article, now: float) -> Outcome:
        self._sweep(parse_iso(article.published))
        dup = self.duplicates.add(article, now)
        if dup is not None:
            article.duplicate_of = dup.of
            if dup.exact and self.clusterer.story_of(dup.of) is not None:
                # The same item again: assigning under the original's id is a recognised redelivery.
                original = self.clusterer.assign(dataclasses.replace(article, id=dup.of))
                return Outcome(original, [])
        assignment = self.clusterer.assign(article)  # a near copy still counts as its outlet joining
        for gone in assignment.merged:
            self._retention.add(gone.id, parse_iso(gone.updated_at) or 0.0)
        return Outcome(assignment, alerts_for(assignment, article, now))

    def _sweep(self, when: float | None) -> None:
        """Idle stories leave memory whenever stream time enters a new hour: a point that depends
        only on the input, so a restored stage sweeps where an uninterrupted one would, and the
        offline CLI decides exactly as the live agent."""
        if when is None:
            return
        hour = int(when // 3600)
        if self._swept_hour is None or hour > self._swept_hour:
            if self._swept_hour is not None:
                gone = self.clusterer.sweep(when)
                self.dormant.extend(gone)
                if self._load is None:
                    self._asleep.update((s.id, s) for s in gone)
                for story in gone:
                    self._retention.add(story.id, parse_iso(story.updated_at) or 0.0)
                # a story revived since it was listed is in memory again: kept
                expired = [sid for sid in self._retention.due(when) if sid not in self.clusterer]
                self.expired.extend(expired)
                for sid in expired:
                    self._asleep.pop(sid, None)
            self._swept_hour = hour

    def _stored(self, story_id: str) -> Story | None:
        """A story put to sleep: kept here offline; live, from the ones not yet persisted, else storage."""
        if self._load is None:
            return self._asleep.get(story_id)
        pending = next((s for s in self.dormant if s.id == story_id), None)
        return pending if pending is not None else self._load(story_id)
