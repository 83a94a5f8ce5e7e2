"""The worker's web server (Faust's aiohttp): health and the story API over the local table.

Each worker serves the stories of the partitions it owns; with one shard key per language that is
every story of those languages.
"""

from __future__ import annotations

from typing import Any

from streams.models import Story
from streams.pipeline.agents import stories_table
from streams.pipeline.app import app
from streams.pipeline.records import to_model
from streams.serve import story_detail, story_page


def _int(request: Any, name: str, default: int) -> int:
    try:
        return int(request.query.get(name, default))
    except (TypeError, ValueError):
        return default


@app.page("/health")
async def health(web: Any, request: Any) -> Any:
    return web.json({"status": "ok"})


@app.page("/stories")
async def list_stories(web: Any, request: Any) -> Any:
    stories = [to_model(rec, Story) for rec in stories_table.values()]
    page = story_page(stories, limit=_int(request, "limit", 50), offset=_int(request, "offset", 0),
                      min_sources=_int(request, "min_sources", 1))
    return web.json(page)


@app.page("/stories/{story_id}")
async def get_story(web: Any, request: Any, story_id: str) -> Any:
    record = stories_table.get(story_id)
    if record is None:
        return web.json({"error": "not found", "id": story_id}, status=404)
    return web.json(story_detail(to_model(record, Story)))
