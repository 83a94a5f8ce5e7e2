"""The processing path shared by the live agents and the offline CLI, so both decide alike.

    RawItem ─Process─▶ Article ─StoryStage─▶ (Assignment, [Alert])
             clean+tag                cluster+alert
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from streams.alert import alerts_for
from streams.clean import Cleaner, DuplicateIndex
from streams.cluster import Assignment, ClusterParams, StoryClusterer
from streams.models import Alert, Article, RawItem, Story
from streams.tag import Tagger


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

    def __init__(self, params: ClusterParams | None = None, stories: list[Story] | None = None) -> None:
        self.clusterer = StoryClusterer(params)
        self.duplicates = DuplicateIndex()  # in memory: after a restart, copies are clustered as usual
        # snapshots the restore had to repair (a crash mid-write left an article in two stories):
        # the caller persists them once
        self.repaired: list[Story] = self.clusterer.restore(stories) if stories else []

    def __call__(self, article: Article, now: float) -> Outcome:
        dup = self.duplicates.add(article, now)
        if dup is not None:
            article.duplicate_of = dup.of
            if dup.exact and self.clusterer.story_of(dup.of) is not None:
                # The same item again: assigning under the original's id is a recognised redelivery.
                original = self.clusterer.assign(dataclasses.replace(article, id=dup.of))
                return Outcome(original, [])
        assignment = self.clusterer.assign(article)  # a near copy still counts as its outlet joining
        return Outcome(assignment, alerts_for(assignment, article, now))
