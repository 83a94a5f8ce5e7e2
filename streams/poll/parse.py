"""Turn fetched feed bytes (RSS, Atom, JSON Feed) into `RawItem`s with stable, feed-scoped ids.

feedparser only ever sees bytes plus the response headers: given a URL it would fetch by
itself (bypassing the SSRF guard and size cap), and given a str it would lose the charset
information in the XML declaration and Content-Type.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import feedparser
import orjson

from streams.errors import FeedParseError
from streams.models import FeedRef, RawItem, iso, parse_iso
from streams.poll.fastrss import rss_entries

__all__ = ["ParsedFeed", "parse", "parse_feed", "item_id"]

log = logging.getLogger("newsstream.poll")

DEFAULT_MAX_ENTRIES = 200
# Header/charset complaints that do not mean the XML itself is broken.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def item_id(feed_url: str, entry_id: str) -> str:
    """Scope an entry id to its feed: two feeds may reuse the same guid for different stories."""
    return hashlib.sha1(f"{feed_url}\n{entry_id}".encode()).hexdigest()[:20]


def _fallback_id(title: str, published: str) -> str:
    """Id of an entry with neither guid nor link: title and the date as written (both RSS parsers keep it)."""
    return hashlib.sha1(f"{title}{published}".encode()).hexdigest()


def _lang(value: Any, default: str | None) -> str | None:
    """'en-GB' → 'en'; anything that is not a 2-letter code falls back to the feed config."""
    if isinstance(value, str):
        code = value.strip().replace("_", "-").split("-", 1)[0].lower()
        if len(code) == 2 and code.isalpha():
            return code
    return default


def _struct_to_iso(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    try:
        return iso(calendar.timegm(value))
    except (OverflowError, ValueError, OSError):
        return None


def _iso_or_none(value: str) -> str | None:
    """A JSON Feed date as UTC ISO; None when unreadable or outside years 1-9999 once in UTC."""
    try:
        seconds = parse_iso(value)
        return iso(seconds) if seconds is not None else None
    except (OverflowError, ValueError, OSError):
        return None


def _dedup(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _is_json(body: bytes, headers: dict[str, str]) -> bool:
    ctype = headers.get("content-type", "").lower()
    if "json" in ctype:
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


@dataclass(slots=True)
class ParsedFeed:
    """Entries of one body plus what the scheduler wants from it: RSS `<ttl>` and any warning."""

    items: list[RawItem] = field(default_factory=list)
    ttl_minutes: int | None = None
    warning: str | None = None  # a recoverable problem (feedparser bozo) the entries survived
    truncated: int = 0  # entries dropped by the per-fetch cap


def parse_feed(
    body: bytes,
    headers: dict[str, str],
    feed: FeedRef,
    fetched_at: str,
    *,
    max_entries: int = DEFAULT_MAX_ENTRIES,
    url: str | None = None,
) -> list[RawItem]:
    """The items of `parse(...)`; see there."""
    return parse(body, headers, feed, fetched_at, max_entries=max_entries, url=url).items


def _ttl(value: Any) -> int | None:
    try:
        ttl = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return ttl if ttl > 0 else None


# A DOCTYPE in the prolog (before the root element), with its internal subset if any.
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL)


def strip_doctype(body: bytes) -> bytes:
    """Drop the DOCTYPE: feeds never need one, and its entity declarations are how billion-laughs
    (expat expands ~1M nested entities in seconds before its amplification limit stops it) and
    external-entity (XXE) attacks get in. Undefined entity references then fail strict parsing
    and feedparser's loose parser keeps them as text."""
    if b"<!DOCTYPE" not in body[:65536]:  # XML spells it in capitals; the prolog comes first
        return body
    match = _DOCTYPE_RE.search(body, 0, 1 << 20)
    if match is None:
        return body
    root = re.search(rb"<[A-Za-z]", body[:match.start()])
    if root is not None:  # a DOCTYPE after the root element is content, not a prolog
        return body
    return body[:match.start()] + body[match.end():]


def _base(url: str, location: str | None) -> str:
    """The document's URL for relative links: Content-Location, which may be relative, resolved against `url`."""
    try:
        return urljoin(url, location.strip()) if location and location.strip() else url
    except ValueError:  # Content-Location: http://[bad
        return url


def parse(
    body: bytes,
    headers: dict[str, str],
    feed: FeedRef,
    fetched_at: str,
    *,
    max_entries: int = DEFAULT_MAX_ENTRIES,
    url: str | None = None,
) -> ParsedFeed:
    """Parse one fetched body. Raises `FeedParseError` when nothing usable comes out.

    Relative links resolve against `url`, where the body came from after redirects (default
    `feed.url`), or against its Content-Location; ids stay scoped to `feed.url`.

    A recoverable feedparser `bozo` (say, whitespace before the XML declaration) keeps its
    entries and is reported as `warning`; only "no entries and broken" is an error. At most
    `max_entries` are returned, in feed order (feeds list newest first), so one huge feed
    cannot flood the pipeline.
    """
    lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if _is_json(body, lower):
        return _parse_json_feed(body, feed, fetched_at, max_entries)
    lower["content-location"] = _base(url or feed.url, lower.get("content-location"))  # feedparser reads it too
    body = strip_doctype(body)
    fast = rss_entries(body, lower, lower["content-location"])
    if fast is not None:
        channel, fast_entries = fast
        lang = _lang(channel["language"], feed.lang)
        items = [i for e in fast_entries[:max_entries] if (i := _from_entry(e, feed, fetched_at, lang)) is not None]
        return ParsedFeed(items, _ttl(channel["ttl"]), None, max(0, len(fast_entries) - max_entries))
    # Sanitizing and rewriting links inside bodies is the cleaner's job (html → text drops
    # scripts and links alike); skipping them here saves a third of feedparser's time.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=lower, sanitize_html=False,
                              resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN_BOZO):
        problem = None
    if not entries:
        if problem is not None or not parsed.get("version"):
            raise FeedParseError(f"{feed.url}: no entries in unusable feed ({problem or 'not RSS/Atom'})")
        return ParsedFeed(ttl_minutes=_ttl(parsed.get("feed", {}).get("ttl")))
    warning = None
    if problem is not None:
        warning = f"recoverable feed problem: {type(problem).__name__}: {problem}"[:300]
        log.debug("%s: %s", feed.url, warning)
    lang = _lang(parsed.get("feed", {}).get("language"), feed.lang)
    items: list[RawItem] = []
    for entry in entries[:max_entries]:
        item = _from_entry(entry, feed, fetched_at, lang)
        if item is not None:
            items.append(item)
    return ParsedFeed(items, _ttl(parsed.get("feed", {}).get("ttl")), warning,
                      max(0, len(entries) - max_entries))


def _from_entry(entry: Any, feed: FeedRef, fetched_at: str, lang: str | None) -> RawItem | None:
    title = (entry.get("title") or "").strip()
    link = (entry.get("link") or "").strip()
    summary = entry.get("summary") or ""
    contents = entry.get("content") or []
    content = (contents[0].get("value") or "") if contents else ""
    if not (title or link or summary or content):
        return None  # nothing a reader could use
    entry_id = (entry.get("id") or entry.get("guid") or "").strip() or link
    if not entry_id:
        entry_id = _fallback_id(title, dict.get(entry, "published") or dict.get(entry, "updated") or "")
    # dict.get: FeedParserDict's own lookup aliases updated→published with a DeprecationWarning
    published = _struct_to_iso(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))
    return RawItem(
        id=item_id(feed.url, entry_id),
        feed_url=feed.url,
        source=feed.source,
        url=link,
        title=title,
        summary=summary,
        content=content,
        published=published,
        fetched_at=fetched_at,
        lang=lang,
        categories=_dedup([t.get("term") or "" for t in entry.get("tags") or []]),
    )


def _parse_json_feed(body: bytes, feed: FeedRef, fetched_at: str, max_entries: int) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1); item `language` (1.1) wins over the feed's."""
    try:
        doc = orjson.loads(body.removeprefix(b"\xef\xbb\xbf"))  # a UTF-8 BOM is legal, orjson refuses it
    except orjson.JSONDecodeError as exc:
        raise FeedParseError(f"{feed.url}: invalid JSON feed: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedParseError(f"{feed.url}: JSON document has no 'items' list, not a JSON Feed")
    lang = _lang(doc.get("language"), feed.lang)
    items: list[RawItem] = []
    for raw in doc["items"][:max_entries]:
        if not isinstance(raw, dict):
            continue
        title = str(raw.get("title") or "").strip()
        link = str(raw.get("url") or raw.get("external_url") or "").strip()
        summary = str(raw.get("summary") or "")
        # content_text is plain text: escaped, so its "List<String>" is not read as a tag
        content = str(raw.get("content_html") or "") or str(raw.get("content_text") or "").replace(
            "&", "&amp;").replace("<", "&lt;")
        if not (title or link or summary or content):
            continue
        date = raw.get("date_published") or raw.get("date_modified")
        entry_id = str(raw.get("id") or "").strip() or link or _fallback_id(title, str(date or ""))
        tags = raw.get("tags") if isinstance(raw.get("tags"), list) else []
        items.append(
            RawItem(
                id=item_id(feed.url, entry_id),
                feed_url=feed.url,
                source=feed.source,
                url=link,
                title=title,
                summary=summary,
                content=content,
                published=_iso_or_none(date) if isinstance(date, str) else None,
                fetched_at=fetched_at,
                lang=_lang(raw.get("language"), lang),
                categories=_dedup([str(t) for t in tags]),
            )
        )
    return ParsedFeed(items, truncated=max(0, len(doc["items"]) - max_entries))
