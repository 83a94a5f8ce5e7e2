"""Subscriptions: who wants which alerts, where, in which format. Pure (parsing and validation).

File (`config/subscriptions.yaml`, or `newsstream run --subscriptions PATH`)::

    subscriptions:
      - id: newsroom
        url: https://hooks.example.com/newsstream     # omit for an SSE-only subscription
        secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw   # Standard Webhooks secret (base64 after whsec_)
        format: standard                              # or slack
        coalesce: 30                                  # optional: batch a story's joins for 30 s
        filters: {keywords: "xi putin", min_sources: 2}

The REST API takes the same object as JSON. `origin` says where a subscription came from, so a
file reload removes only what the file used to define.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from streams.alert.filters import Filter
from streams.errors import ConfigError

FORMATS = ("standard", "slack")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
FIELDS = {"id", "url", "secret", "format", "filters", "coalesce", "disabled", "origin", "created_at"}


@dataclass(slots=True)
class Subscription:
    id: str
    url: str | None = None
    secret: str | None = None
    format: str = "standard"
    filters: dict[str, Any] = field(default_factory=dict)
    coalesce: float | None = None  # seconds a story's joins are batched; None: the worker's default
    disabled: str | None = None  # why deliveries stopped (e.g. the receiver answered 410)
    origin: str = "api"  # api | file
    created_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def public(self, full_url: bool = False) -> dict[str, Any]:
        """As the API shows it: the secret never, and the URL's path only to the token holder:
        many receivers (Slack, Discord, chat tools) put their credential in it."""
        out = self.to_dict()
        out["secret"] = "whsec_…" if self.secret else None
        if self.url and not full_url:
            parts = urlsplit(self.url)
            out["url"] = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/…"
        return out

    @property
    def active(self) -> bool:
        return self.disabled is None


def secret_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_` secret: the base64 after the prefix (Standard Webhooks)."""
    if not secret.startswith("whsec_"):
        raise ConfigError("secret must start with 'whsec_' (Standard Webhooks)")
    try:
        key = base64.b64decode(secret[len("whsec_"):], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConfigError("secret after 'whsec_' must be base64") from exc
    if not 24 <= len(key) <= 64:
        raise ConfigError("secret must decode to 24..64 bytes")
    return key


def parse_subscription(obj: Any, origin: str = "api", created_at: str = "") -> Subscription:
    """Validate one subscription object; raises `ConfigError` naming the problem."""
    if not isinstance(obj, dict):
        raise ConfigError(f"a subscription must be an object, got {type(obj).__name__}")
    unknown = set(obj) - FIELDS
    if unknown:
        raise ConfigError(f"subscription: unknown field(s) {sorted(unknown)}")
    sid = obj.get("id")
    if sid is None:
        raise ConfigError("subscription: 'id' is required")
    if not isinstance(sid, str) or not ID_RE.match(sid):
        raise ConfigError(f"subscription id must match {ID_RE.pattern}, got {sid!r}")
    url = obj.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url)):
        raise ConfigError(f"subscription {sid}: url must be http(s)://…, got {url!r}")
    secret = obj.get("secret")
    if url is not None and not secret:
        raise ConfigError(f"subscription {sid}: a webhook url needs a whsec_ secret")
    if secret is not None:
        if not isinstance(secret, str):
            raise ConfigError(f"subscription {sid}: secret must be a string")
        try:
            secret_key(secret)
        except ConfigError as exc:
            raise ConfigError(f"subscription {sid}: {exc}") from exc
    fmt = obj.get("format") or "standard"
    if fmt not in FORMATS:
        raise ConfigError(f"subscription {sid}: format must be one of {FORMATS}, got {fmt!r}")
    filters = obj.get("filters") or {}
    if not isinstance(filters, dict):
        raise ConfigError(f"subscription {sid}: filters must be a mapping")
    try:
        Filter.parse(filters)
    except ConfigError as exc:
        raise ConfigError(f"subscription {sid}: {exc}") from exc
    coalesce = obj.get("coalesce")
    if coalesce is not None and (isinstance(coalesce, bool) or not isinstance(coalesce, (int, float))
                                 or not 0 <= coalesce <= 3600):
        raise ConfigError(f"subscription {sid}: coalesce must be seconds between 0 and 3600, got {coalesce!r}")
    return Subscription(id=sid, url=url, secret=secret, format=fmt, filters=filters,
                        coalesce=None if coalesce is None else float(coalesce), disabled=obj.get("disabled"), origin=obj.get("origin") or origin,
                        created_at=obj.get("created_at") or created_at)


def load_subscriptions(path: Path, created_at: str = "") -> list[Subscription]:
    """The subscriptions of a file; a missing file is an empty list (subscriptions are optional)."""
    if not path.exists():
        return []
    try:
        doc = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read subscriptions: {exc}") from exc
    # Only an empty document or an empty list means "none": any other shape (a bare list, a
    # misspelt key) is refused, or the watcher would delete every file subscription on a typo.
    if not isinstance(doc, dict) or set(doc) - {"subscriptions"}:
        raise ConfigError(f"{path}: expected `subscriptions: [...]` and nothing else at the top level")
    items = doc.get("subscriptions")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ConfigError(f"{path}: expected `subscriptions: [...]`")
    subs = [parse_subscription(obj, origin="file", created_at=created_at) for obj in items]
    ids = [s.id for s in subs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"{path}: duplicate subscription id(s) {dupes}")
    return subs


def file_changes(current: dict[str, Subscription], wanted: list[Subscription]) -> tuple[list[Subscription], list[str]]:
    """What to write so the stored subscriptions match the file: (upserts, deletions).

    Only file-defined subscriptions are deleted; an API subscription with the same id as a file
    entry is replaced by the file's. A subscription the receiver disabled (410) stays disabled
    until its definition changes."""
    upserts = []
    for sub in wanted:
        old = current.get(sub.id)
        if old is not None and _same(old, sub):
            continue
        upserts.append(sub)
    wanted_ids = {s.id for s in wanted}
    deletions = [sid for sid, s in current.items() if s.origin == "file" and sid not in wanted_ids]
    return upserts, deletions


def _same(a: Subscription, b: Subscription) -> bool:
    return (a.url, a.secret, a.format, a.filters, a.coalesce, a.origin) == \
        (b.url, b.secret, b.format, b.filters, b.coalesce, b.origin)
