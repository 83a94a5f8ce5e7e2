"""The story reducer: pure functions from (story, article) to the next story. No I/O, no clock."""

from __future__ import annotations

import hashlib

from streams.models import Article, SourceSeen, Story

MAX_STORY_TERMS = 120  # centroid terms kept per story: bounds memory and table values
MAX_STORY_ENTITIES = 12
MAX_STORY_KEYWORDS = 12


def story_id_for(article_id: str) -> str:
    """Deterministic: a replay of the same input creates the same story ids."""
    return "st-" + hashlib.sha1(article_id.encode()).hexdigest()[:16]


def new_story(article: Article, counts: dict[str, float]) -> Story:
    story = Story(
        id=story_id_for(article.id),
        lang=article.lang,
        headline=article.title,
        created_at=article.published,
        updated_at=article.published,
    )
    return add_article(story, article, counts)


def add_article(story: Story, article: Article, counts: dict[str, float]) -> Story:
    """Fold one article into the story (mutates and returns it)."""
    story.article_ids.append(article.id)
    if article.source_id not in story.sources:
        story.sources[article.source_id] = SourceSeen(article.source, article.published, article.id)
    if article.published > story.updated_at:
        story.updated_at = article.published
    if article.published < story.created_at:
        story.created_at = article.published
    terms = story.terms
    for term, count in counts.items():
        terms[term] = terms.get(term, 0.0) + count
    if len(terms) > MAX_STORY_TERMS * 2:
        keep = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_STORY_TERMS]
        story.terms = dict(keep)
    story.entities = _merge_ranked(story.entities, [e.text for e in article.entities], MAX_STORY_ENTITIES)
    story.keywords = _merge_ranked(story.keywords, article.keywords, MAX_STORY_KEYWORDS)
    return story


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
