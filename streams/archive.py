"""The archive format (JSON lines) that `replay`, `cluster` and `evaluate` read.

One object a line: {"id","url","source","title","text","published","lang"} (plus "story" in
labelled files). Each line becomes a RawItem, exactly as if a poller had fetched it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from streams.errors import InputError
from streams.models import RawItem

REQUIRED = ("id", "title")


@dataclass(slots=True)
class ArchiveLine:
    lineno: int
    item: RawItem | None
    error: InputError | None = None
    story: str | None = None  # gold label, when the file has one


def item_from_json(obj: object) -> RawItem:
    """Validate one decoded archive object and turn it into a RawItem."""
    if not isinstance(obj, dict):
        raise InputError("not a JSON object")
    for key in REQUIRED:
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise InputError(f"missing or empty {key!r}")
    for key in ("url", "source", "text", "published", "lang"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(f"{key!r} must be a string")
    source = obj.get("source") or ""
    url = obj.get("url") or ""
    return RawItem(
        id=obj["id"],
        feed_url=f"archive:{source}",
        source=source,
        url=url,
        title=obj["title"],
        content=obj.get("text") or "",
        published=obj.get("published"),
        lang=obj.get("lang"),
    )


def read_archive(path: Path | str) -> Iterator[ArchiveLine]:
    """Yield every non-blank line: an item, or the reason it is unusable (never raises for a bad line;
    raises `InputError` when the file itself cannot be read)."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield ArchiveLine(lineno, None, InputError(f"invalid JSON: {exc}"))
                continue
            try:
                item = item_from_json(obj)
            except InputError as exc:
                yield ArchiveLine(lineno, None, exc)
                continue
            story = obj.get("story") if isinstance(obj.get("story"), str) else None
            yield ArchiveLine(lineno, item, story=story)


def other_outlet(url: str, copy: int) -> str:
    """The same path on another publisher's domain (`https://www.reuters.com/x` →
    `https://reuters-1.test/x`): replaying an archive again as other outlets (benchmarks, crash
    tests) gives new articles that join the same stories, not exact duplicates the cleaner drops."""
    scheme, _, rest = url.partition("://")
    host, _, path = rest.partition("/")
    labels = host.split(".")
    name = labels[-2] if len(labels) >= 2 else labels[0]
    return f"{scheme}://{name}-{copy}.test/{path}"
