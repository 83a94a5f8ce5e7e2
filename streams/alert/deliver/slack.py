"""Slack-compatible incoming-webhook payloads (`text` + Block Kit `blocks`). Pure.

Feed text is escaped for Slack's mrkdwn (&, <, >), so a headline cannot forge a link or mention.
"""

from __future__ import annotations

from typing import Any


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
    link = last.get("link") or ""
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
        if art.get("url"):
            blocks.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": f"<{art['url']}|{escape(art.get('title', ''))}> — {escape(a.get('source', ''))}"}]})
    return {"text": text, "blocks": blocks[:50]}
