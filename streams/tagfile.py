"""`newsstream tag FILE.jsonl --out OUT.jsonl`: clean + tag an archive offline and show the result.

Per usable input line one JSON object, what `news.articles` carries for it, so a user can see why an
article was tagged (and later clustered) as it was:
`{"id","lang","source","title","text","entities":[{"text","type"}],"keywords","category","duplicate_of"}`.
Unusable lines are reported on stderr as `FILE:LINE: skipped: reason` and left out.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from streams.archive import output, read_archive, usable
from streams.clean import Cleaner, DuplicateIndex
from streams.errors import InputError
from streams.models import Article
from streams.tag import Tagger


def tagged_record(article: Article) -> dict[str, Any]:
    """The user-facing view of one tagged article."""
    return {
        "id": article.id,
        "lang": article.lang,
        "source": article.source,
        "title": article.title,
        "text": article.text,
        "entities": [{"text": e.text, "type": e.type} for e in article.entities],
        "keywords": article.keywords,
        "category": article.category,
        "duplicate_of": article.duplicate_of,
    }


def tag_archive(path: Path | str, err: IO[str] = sys.stderr) -> Iterator[Article]:
    """Clean, tag and de-duplicate every usable line of an archive, in input order."""
    # Cleaner + Tagger as `flow.Process` chains them, without importing the cluster stage.
    clean, tag, duplicates = Cleaner(), Tagger(), DuplicateIndex()
    # Archived items are judged at their own time, so future-date handling does not depend on today.
    for item, lineno, _story, now in usable(path, read_archive(path), lambda message: print(message, file=err)):
        try:
            article = tag(clean(item, now))
        except InputError as exc:
            print(f"{path}:{lineno}: skipped: {exc}", file=err)
            continue
        dup = duplicates.add(article, now)
        article.duplicate_of = dup.of if dup else None
        yield article


def run_tag(path: Path, out: Path, err: IO[str] = sys.stderr) -> int:
    """Write the tagged records of `path` to `out`; the summary goes to `err`. Exit status 0
    (`InputError` when no line is usable: `out` is then left as it was)."""
    started = time.perf_counter()
    n = dups = 0
    with output(out, path) as fh:
        for article in tag_archive(path, err=err):
            fh.write(orjson.dumps(tagged_record(article)) + b"\n")
            n += 1
            dups += article.duplicate_of is not None
        if n == 0:
            raise InputError(f"no usable articles in {path}")
    elapsed = time.perf_counter() - started
    print(f"tagged {n} articles ({dups} duplicates) in {elapsed:.2f}s", file=err)
    return 0


__all__ = ["run_tag", "tag_archive", "tagged_record"]
