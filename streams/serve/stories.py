"""Story and article JSON for the API: summaries for lists, a timeline for one story. Pure functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streams.cluster import source_names
from streams.models import Article, Story


def story_summary(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "headline": story.headline,
        "lang": story.lang,
        "sources": source_names(story),
        "articles": story.article_count,
        "entities": story.entities,
        "keywords": story.keywords,
        "created_at": story.created_at,
        "updated_at": story.updated_at,
        "status": story.status,
        "merged_into": story.merged_into,  # status "merged": the story that now holds its articles
        "timeline": _timeline(story),
    }


def _timeline(story: Story) -> list[dict[str, Any]]:
    return [{"source": s.source, "source_id": sid, "first_seen": s.first_seen, "article_id": s.article_id}
            for sid, s in sorted(story.sources.items(), key=lambda kv: (kv[1].first_seen, kv[0]))]


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "url": article.url, "source": article.source, "source_id": article.source_id,
        "title": article.title, "published": article.published, "lang": article.lang,
        "entities": [{"text": e.text, "type": e.type} for e in article.entities],
        "keywords": article.keywords, "category": article.category, "duplicate_of": article.duplicate_of,
        "text": article.text,
    }


def story_detail(story: Story, article: Callable[[str], Article | None] = lambda _id: None) -> dict[str, Any]:
    """Summary plus the timeline: each source (who joined when) and each article with its time,
    entities and keywords (when the article is known to this worker); a story of more than
    `cluster.story.SNAPSHOT_ARTICLES` articles lists its newest."""
    out = story_summary(story)
    out["article_ids"] = list(story.article_ids)
    items = []
    for aid in story.article_ids:
        a = article(aid)
        if a is None:
            items.append({"id": aid})
            continue
        entry = article_json(a)
        entry.pop("text", None)
        items.append(entry)
    items.sort(key=lambda x: (x.get("published") or "", x["id"]))
    out["article_timeline"] = items
    return out


def story_page(stories: list[Story], *, limit: int = 50, offset: int = 0, min_sources: int = 1,
               keep: Callable[[Story], bool] | None = None, include_inactive: bool = False) -> dict[str, Any]:
    """Active stories, most recently updated first, filtered and paginated (the API bounds `limit`;
    a worker merging the others' pages asks each for more than one page)."""
    limit = max(1, limit)
    offset = max(0, offset)
    chosen = [s for s in stories if len(s.sources) >= min_sources
              and (include_inactive or s.status == "active") and (keep is None or keep(s))]
    chosen.sort(key=lambda s: (s.updated_at, s.id), reverse=True)
    return {
        "total": len(chosen),
        "offset": offset,
        "limit": limit,
        "stories": [story_summary(s) for s in chosen[offset: offset + limit]],
    }
