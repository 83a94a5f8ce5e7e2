"""The archive format (JSON lines) that `replay`, `cluster` and `evaluate` read.

One object a line: {"id","url","source","title","text","published","lang"} (plus "story" in
labelled files). Each line becomes a RawItem, exactly as if a poller had fetched it. Exported
datasets name fields their own way, so the usual other names are read too (`ALIASES`: "body",
"content", "summary" or "description" for the text, "headline" for the title, "published_at",
"date" or "timestamp" for the time), and a time may be a number (Unix seconds, or milliseconds).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

import orjson

from streams.clean.clean import item_time
from streams.errors import InputError
from streams.models import RawItem

REQUIRED = ("id", "title")
# field → the other names it is read from when it is absent or empty (first non-empty wins)
ALIASES = {
    "title": ("headline",),
    "text": ("body", "content", "summary", "description"),
    "published": ("published_at", "date", "timestamp"),
}
MS_THRESHOLD = 1e11  # a numeric time above this is in milliseconds (1e11 s is the year 5138)


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
    if isinstance(obj.get("id"), int) and not isinstance(obj["id"], bool):
        obj["id"] = str(obj["id"])  # numeric ids are common in exported datasets
    for key, others in ALIASES.items():
        if not obj.get(key):  # another name only when it holds a usable value (a feed's content list is not one)
            obj[key] = next((obj[o] for o in others if _usable(obj.get(o), key == "published")), obj.get(key))
    when = obj.get("published")
    if isinstance(when, (int, float)) and not isinstance(when, bool):
        obj["published"] = _iso(when / 1000.0 if abs(when) > MS_THRESHOLD else float(when))
    for key in REQUIRED:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key!r} must be a string")
        if not value or not value.strip():
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


def _usable(value: object, numeric: bool) -> bool:
    """A non-blank string, or (`numeric`: a time) a number."""
    if isinstance(value, str):
        return bool(value.strip())
    return numeric and isinstance(value, (int, float)) and not isinstance(value, bool)


def _iso(ts: float) -> str | None:
    """Unix seconds as the archive's UTC ISO form; None (undated) when out of range."""
    try:
        return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def read_archive(path: Path | str) -> Iterator[ArchiveLine]:
    """Yield every non-blank line: an item, or the reason it is unusable (never raises for a bad line;
    raises `InputError` when the file itself cannot be read)."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        if fh.peek(2)[:2] == b"\x1f\x8b":
            raise InputError(f"{path} is gzip-compressed: decompress it first (gunzip)")
        for lineno, line in enumerate(fh, 1):
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a UTF-8 byte order mark
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
            story = obj.get("story")
            if isinstance(story, int) and not isinstance(story, bool):
                story = str(story)  # numeric labels are labels too
            elif story is not None and not isinstance(story, str):
                yield ArchiveLine(lineno, None, InputError("'story' must be a string or an integer"))
                continue
            yield ArchiveLine(lineno, item, story=story)


OUTLIER_S = 4 * 86400.0  # a lone date this far ahead of the stream, which comes back behind it: wrong


def dated(lines: Iterable[ArchiveLine], undated: list[int],
          ahead: list[int] | None = None) -> Iterator[tuple[ArchiveLine, float]]:
    """Each line with the clock it is judged at: the item's own time, else the newest time seen
    before it. An undated item is placed where it arrives in the stream, not at today's date, which
    would move the stream clock years ahead and put every story to sleep. Lines before the first
    dated one wait for it (today's date only if no line has one); `undated` gets their line numbers.
    So does a wrong date: one more than `OUTLIER_S` ahead of the clock whose next dated line comes
    back behind it (a 2034 placeholder in a 2014 file) is judged at the clock, where the cleaner
    clamps it, as live it would be clamped at the fetch time; `ahead` gets its line number."""
    latest: float | None = None
    pending: list[tuple[ArchiveLine, float | None]] = []  # held: before the first date, or behind `suspect`
    suspect: float | None = None  # pending[0]'s date, far ahead of the clock: wrong or a jump?
    for line in lines:
        ts = None
        if line.item is not None:
            ts = item_time(line.item.published, line.item.fetched_at)
            if ts is None:
                undated.append(line.lineno)
        if ts is not None and suspect is not None:
            if ts < suspect - OUTLIER_S:  # the stream comes back: a wrong date, judged at the clock
                if ahead is not None:
                    ahead.append(pending[0][0].lineno)
                pending[0] = (pending[0][0], None)
            else:
                latest = suspect
            suspect = None
            yield from _flush(pending, latest)
        if ts is not None and latest is not None and ts > latest + OUTLIER_S and suspect is None:
            yield from _flush(pending, latest)
            suspect = ts
        elif ts is not None and (latest is None or ts > latest):
            latest = ts
        pending.append((line, ts))
        if latest is not None and suspect is None:
            yield from _flush(pending, latest)
    if suspect is not None:
        latest = suspect  # nothing after it: the stream's last word
    yield from _flush(pending, time.time() if latest is None else latest)


def _flush(pending: list[tuple[ArchiveLine, float | None]], clock: float) -> Iterator[tuple[ArchiveLine, float]]:
    for line, ts in pending:
        yield line, clock if ts is None else ts
    pending.clear()


def usable(path: Path | str, lines: Iterable[ArchiveLine],
           say: Callable[[str], None]) -> Iterator[tuple[RawItem, int, str | None, float]]:
    """What an offline command reads: each usable line's (item, line number, label, clock) (`dated`).
    Unusable lines are reported through `say` as `FILE:LINE: skipped: reason`, and the undated
    ones in one warning at the end: a file of undated headlines is not an error."""
    undated: list[int] = []
    ahead: list[int] = []
    for line, now in dated(lines, undated, ahead):
        if line.item is None:
            say(f"{path}:{line.lineno}: skipped: {line.error}")
            continue
        yield line.item, line.lineno, line.story, now
    if undated:
        say(f"{path}: {len(undated)} articles without a usable 'published' date (line {_first(undated)}) were "
            "placed at the stream's time: the newest date before them (or the file's first)")
    if ahead:
        say(f"{path}: {len(ahead)} articles dated days ahead of the articles around them (line {_first(ahead)}) "
            "were placed at the stream's time, as dates in the future are when polled")


def _first(linenos: list[int]) -> str:
    """The first few line numbers of a warning: "3, 8, 12, 40, 41, …"."""
    return ", ".join(map(str, linenos[:5])) + (", …" if len(linenos) > 5 else "")


@contextmanager
def output(out: Path, source: Path) -> Iterator[IO[bytes]]:
    """Where an offline command writes its lines: `-` is stdout; a file is written beside `out`
    and renamed over it only when the command succeeds, so a failed run keeps the old file and
    `--out` naming the input is refused rather than truncating it."""
    if str(out) == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    try:
        same = out.exists() and source.exists() and out.samefile(source)
    except OSError:
        same = False
    if same:
        raise InputError(f"--out {out} is the input file: choose another path")
    if out.is_dir():
        raise InputError(f"cannot write {out}: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would have created it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as fh:
            yield fh
        try:
            os.replace(tmp, out)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def other_outlet(url: str, copy: int) -> str:
    """The same path on another publisher's domain (`https://www.reuters.com/x` →
    `https://reuters-1.test/x`): replaying an archive again as other outlets (benchmarks, crash
    tests) gives new articles that join the same stories, not exact duplicates the cleaner drops."""
    scheme, _, rest = url.partition("://")
    host, _, path = rest.partition("/")
    labels = host.split(".")
    name = labels[-2] if len(labels) >= 2 else labels[0]
    return f"{scheme}://{name}-{copy}.test/{path}"
