"""Story JSON for the API: summaries for lists, a timeline for one story. Pure functions."""

from __future__ import annotations

from typing import Any

from streams.cluster import source_names
from streams.models import Story


def story_summary(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "headline": story.headline,
        "lang": story.lang,
        "sources": source_names(story),
        "articles": len(story.article_ids),
        "entities": story.entities,
        "keywords": story.keywords,
        "created_at": story.created_at,
        "updated_at": story.updated_at,
        "status": story.status,
    }


def story_detail(story: Story) -> dict[str, Any]:
    """Summary plus the timeline of sources (who joined when, with which article)."""
    out = story_summary(story)
    out["timeline"] = [
        {"source": s.source, "source_id": sid, "first_seen": s.first_seen, "article_id": s.article_id}
        for sid, s in sorted(story.sources.items(), key=lambda kv: (kv[1].first_seen, kv[0]))
    ]
    out["article_ids"] = list(story.article_ids)
    return out


def story_page(stories: list[Story], *, limit: int = 50, offset: int = 0, min_sources: int = 1) -> dict[str, Any]:
    """Active stories, most recently updated first, paginated."""
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    chosen = [s for s in stories if len(s.sources) >= min_sources]
    chosen.sort(key=lambda s: (s.updated_at, s.id), reverse=True)
    return {
        "total": len(chosen),
        "offset": offset,
        "limit": limit,
        "stories": [story_summary(s) for s in chosen[offset: offset + limit]],
    }
