"""The other workers' answers, so that any worker's API serves every story.

A worker holds the stories (and their articles) of the partitions it owns: with one shard key per
language, all of a language's stories live in one worker. A story or article this worker lacks is
therefore asked of the others, and a story list merges every worker's page. The peers are the
workers of the consumer group's last assignment: Faust passes each worker's `worker_url` (its
canonical URL) through the group. A peer answers from its own partitions only (`scope=local`),
so a question travels one hop and never loops.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

import aiohttp

from streams.pipeline.app import app

log = logging.getLogger("newsstream.peers")

SCOPE = "scope"
LOCAL = "local"  # `?scope=local`: this worker's partitions only
TIMEOUT = 3.0  # seconds a peer may take; past it the answer is marked incomplete
LOCAL_LIMIT = 10_000  # page size a peer may be asked for: the merged page needs offset + limit of each


def peers() -> list[str]:
    """Base URLs of the other workers in the group (empty with one worker, or before assignment)."""
    own = str(app.conf.canonical_url)
    return sorted(url for url in app.assignor.tables_metadata() if url != own)


async def ask(path: str, query: Mapping[str, str]) -> tuple[list[tuple[int, Any]], list[str]]:
    """GET `path` with `query` and `scope=local` from every peer at once: the (status, JSON body)
    answers, and the peers that did not answer (unreachable, timed out, not JSON)."""
    urls = peers()
    if not urls:
        return [], []
    params = {**query, SCOPE: LOCAL}
    results = await asyncio.gather(*(_get(base, path, params) for base in urls))
    answers = [r for r in results if r is not None]
    failed = [base for base, r in zip(urls, results, strict=True) if r is None]
    return answers, failed


async def _get(base: str, path: str, params: dict[str, str]) -> tuple[int, Any] | None:
    try:
        async with app.http_client.get(base.rstrip("/") + path, params=params,
                                       timeout=aiohttp.ClientTimeout(total=TIMEOUT)) as resp:
            return resp.status, await resp.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        log.warning("worker %s did not answer %s: %s", base, path, exc or type(exc).__name__)
        return None


def merge_pages(pages: list[dict[str, Any]], offset: int, limit: int) -> dict[str, Any]:
    """One story page from each worker's first `offset + limit` stories: newest update first, as
    each worker orders its own. A story two workers list (a partition changing hands between
    their answers) is counted once, as of its newest update."""
    best: dict[str, dict[str, Any]] = {}
    total = 0
    for page in pages:
        total += page["total"]
        for story in page["stories"]:
            have = best.get(story["id"])
            if have is not None:
                total -= 1
                if have["updated_at"] >= story["updated_at"]:
                    continue
            best[story["id"]] = story
    chosen = sorted(best.values(), key=lambda s: (s["updated_at"], s["id"]), reverse=True)
    return {"total": total, "offset": offset, "limit": limit, "stories": chosen[offset: offset + limit]}
