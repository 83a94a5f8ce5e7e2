"""OPML 2.0 import/export of the feed registry: how feed readers hand subscriptions to each other.

`<outline type="rss" xmlUrl=... text=...>`; an outline's `category` attribute, or the text of
the folder outline it sits in, becomes the feed's category. Parsed with the stdlib's expat,
which refuses external entities, so an OPML file cannot make us read files or the network.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from urllib.parse import SplitResult, urlsplit

from streams.errors import ConfigError
from streams.models import FeedRef

__all__ = ["read_opml", "write_opml"]

log = logging.getLogger("newsstream.poll")


def _split(url: str, title: str) -> SplitResult | None:
    """urlsplit, or None for a URL it rejects (http://[bad): that outline is skipped like a non-http one."""
    try:
        return urlsplit(url)
    except ValueError as exc:
        log.warning("OPML: skipping outline %r: invalid xmlUrl %r (%s)", title, url, exc)
        return None


def read_opml(data: bytes) -> list[FeedRef]:
    """Every feed outline of an OPML document (duplicates dropped). Raises `ConfigError`."""
    if b"<!DOCTYPE" in data[:2048].upper() or b"<!ENTITY" in data.upper():
        raise ConfigError("OPML with a DOCTYPE/ENTITY declaration refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ConfigError(f"not valid OPML/XML: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError("not an OPML document (no <opml><body>)")
    feeds: dict[str, FeedRef] = {}

    def walk(node: ET.Element, folder: str | None) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or "").strip()
            title = (outline.get("title") or outline.get("text") or "").strip()
            parts = _split(url, title) if url else None
            if parts is not None and parts.scheme.lower() in {"http", "https"} and parts.hostname and url not in feeds:
                category = (outline.get("category") or "").strip().strip("/") or folder
                lang = (outline.get("language") or "").strip() or None
                feeds[url] = FeedRef(url=url, source=title or parts.hostname, category=category, lang=lang)
            walk(outline, title or folder if not url else folder)

    walk(body, None)
    return list(feeds.values())


def write_opml(feeds: list[FeedRef], title: str = "newsstream feeds") -> bytes:
    """An OPML 2.0 document with one outline per feed, grouped by nothing (category as attribute)."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for feed in sorted(feeds, key=lambda f: (f.source.lower(), f.url)):
        attrs = {"type": "rss", "text": feed.source, "title": feed.source, "xmlUrl": feed.url}
        if feed.category:
            attrs["category"] = feed.category
        if feed.lang:
            attrs["language"] = feed.lang
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode()
