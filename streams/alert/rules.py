"""Alert rules: which story changes subscribers hear about. Pure: `now` is passed in."""

from __future__ import annotations

import hashlib

from streams.cluster import Assignment, source_names
from streams.models import Alert, AlertArticle, Article, iso

SOURCE_JOINED = "source_joined"


def alert_id(story_id: str, kind: str, key: str) -> str:
    """Deterministic per (story, kind, key): a redelivered alert carries the same id."""
    return "al-" + hashlib.sha1(f"{story_id}|{kind}|{key}".encode()).hexdigest()[:20]


def alerts_for(assignment: Assignment, article: Article, now: float) -> list[Alert]:
    """`source_joined` when a story gains its first article from a publisher it did not have.

    Never for the story's first source, never for a redelivered article.
    """
    if assignment.created or assignment.duplicate or not assignment.new_source:
        return []
    story = assignment.story
    return [
        Alert(
            alert_id=alert_id(story.id, SOURCE_JOINED, article.source_id),
            kind=SOURCE_JOINED,
            story_id=story.id,
            headline=story.headline,
            source=article.source,
            sources=source_names(story),
            article=AlertArticle(id=article.id, url=article.url, title=article.title, published=article.published),
            created_at=iso(now),
        )
    ]
