"""Cluster stage: articles → developing stories (pure; no Kafka, no clock)."""

from streams.cluster.assign import Assignment, ClusterParams, StoryClusterer
from streams.cluster.decide import Decision
from streams.cluster.story import source_names, story_id_for

__all__ = ["Assignment", "ClusterParams", "Decision", "StoryClusterer", "source_names", "story_id_for"]
