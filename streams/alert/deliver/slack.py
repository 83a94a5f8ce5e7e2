"""Slack-compatible incoming-webhook payloads (`text` + Block Kit `blocks`). Pure.

Feed text is escaped for Slack's mrkdwn (&, <, >), so a headline cannot forge a link or mention;
a feed's URL, placed inside `<url|label>`, has the characters that would end it percent-encoded.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

_LINK_BREAKING = re.compile(r"[\s|<>\x00-\x1f\x7f]")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link_target(url: str) -> str | None:
    """`url` made safe inside Slack's `<url|label>`, or None for a scheme that is not http(s):
    a feed's link like `https://x/a><!channel> <https://y|Click` must stay one link, to x."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    return escape(_LINK_BREAKING.sub(lambda m: quote(m.group(), safe=""), url))


def _count(a: dict[str, Any]) -> int:
    """All the story's sources: an alert lists only the first and latest of a long list."""
    return max(a.get("sources_total") or 0, len(a.get("sources") or []))


def _line(a: dict[str, Any]) -> str:
    if a["kind"] == "story_developing":
        return f"Developing: {_count(a)} sources"
    if a["kind"] == "story_created":
        return f"New story from {escape(a.get('source', ''))}"
    if a["kind"] == "story_merged":
        return f"Merged with story {escape(a.get('merged_from') or '')}"
    return f"{escape(a.get('source', ''))} joined"


def slack_message(alerts: list[dict[str, Any]]) -> dict[str, Any]:
    """One message for one alert or a coalesced batch of one story's alerts."""
    last = alerts[-1]
    headline = escape(last.get("headline", ""))
    link = link_target(last.get("link") or "")
    names = last.get("sources") or []
    sources = ", ".join(escape(s) for s in names) + (", …" if _count(last) > len(names) else "")
    joined = "; ".join(_line(a) for a in alerts)
    text = f"{joined}: {headline} — now {_count(last)} sources ({sources})"
    title = f"<{link}|{headline}>" if link else f"*{headline}*"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"{title}\n{joined}"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"Sources: {sources}"}]},
    ]
    for a in alerts:
        art = a.get("article") or {}
        url = link_target(art.get("url") or "")
        if url:
            blocks.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": f"<{url}|{escape(art.get('title', ''))}> — {escape(a.get('source', ''))}"}]})
    return {"text": text, "blocks": blocks[:50]}
