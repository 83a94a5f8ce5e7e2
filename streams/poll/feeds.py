"""Read the feeds file (YAML): the list of outlets the poller watches.

Validation happens here, at startup, so a typo fails loudly with the entry number rather
than surfacing later as a feed that silently never polls.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from streams.errors import ConfigError
from streams.models import FeedRef

__all__ = ["load_feeds", "feeds_from_data"]

log = logging.getLogger("newsstream.poll")


def load_feeds(path: str | Path) -> list[FeedRef]:
    """Load ``feeds: [{url, source, category?, lang?}, ...]`` from a YAML file.

    Raises `ConfigError` for a missing/unreadable file, invalid YAML, or a bad entry.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"feeds file not found: {p}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read feeds file {p}: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"feeds file {p} is not valid YAML: {exc}") from exc
    return feeds_from_data(data, origin=str(p))


def _optional_str(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string, got {value!r}")
    return value.strip()


def feeds_from_data(data: Any, origin: str = "feeds") -> list[FeedRef]:
    """Validate already-parsed YAML/JSON data; shared by `load_feeds` and tests/demo."""
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
        raise ConfigError(f"{origin}: expected a top-level 'feeds:' list of {{url, source}} entries")
    feeds: list[FeedRef] = []
    seen: set[str] = set()
    for n, entry in enumerate(data["feeds"], start=1):
        where = f"{origin}: feed #{n}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected a mapping with 'url' and 'source', got {entry!r}")
        url = _optional_str(entry, "url", where)
        source = _optional_str(entry, "source", where)
        if url is None or source is None:
            missing = " and ".join(k for k, v in (("url", url), ("source", source)) if v is None)
            raise ConfigError(f"{where}: missing {missing}")
        try:
            parts = urlsplit(url)
        except ValueError as exc:  # http://[bad.example/rss
            raise ConfigError(f"{where}: url must be an absolute http(s) URL, got {url!r} ({exc})") from exc
        if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
            raise ConfigError(f"{where}: url must be an absolute http(s) URL, got {url!r}")
        if url in seen:
            raise ConfigError(f"{where}: duplicate url {url!r}")
        seen.add(url)
        unknown = set(entry) - {"url", "source", "category", "lang"}
        if unknown:
            log.warning("%s: ignoring unknown keys %s", where, sorted(unknown))
        feeds.append(
            FeedRef(
                url=url,
                source=source,
                category=_optional_str(entry, "category", where),
                lang=_optional_str(entry, "lang", where),
            )
        )
    return feeds
