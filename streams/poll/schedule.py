"""When to poll a feed next: a pure function of what the last poll saw, with `now` passed in.

Inputs are the response headers (Cache-Control max-age, Expires, Retry-After), the feed's RSS
`<ttl>`, the publication times of its entries and the error count. The idea is Miniflux's
entry_frequency: a feed that publishes every ten minutes is polled about that often, a dormant
one rarely; publisher hints are floors (never poll sooner than they ask), errors back off
exponentially, and everything is clamped to [min_interval, max_interval] with jitter so
thousands of feeds never fall into lock-step.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

__all__ = ["Policy", "cache_floor", "entry_interval", "next_poll", "retry_after"]

WEEK = 7 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class Policy:
    """Scheduling knobs; `Settings` builds one (`poll_*` fields)."""

    min_interval: float = 120.0
    max_interval: float = 24 * 3600.0
    default_interval: float = 300.0  # no dated entries to learn from
    entry_factor: float = 0.5  # poll about twice per expected new entry
    jitter: float = 0.1  # ± fraction of the interval
    error_base: float = 60.0  # first retry after an error
    error_cap: float = 6 * 3600.0
    unhealthy_after: int = 5  # consecutive failures
    unhealthy_interval: float = 24 * 3600.0  # still retried, rarely

    def clamp(self, seconds: float) -> float:
        return min(self.max_interval, max(self.min_interval, seconds))


def _http_date(value: str) -> float | None:
    try:
        dt = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return dt.timestamp() if dt is not None else None


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    when = _http_date(text)
    return None if when is None else max(0.0, when - now)


def cache_floor(headers: Mapping[str, str], now: float, ttl_minutes: int | None = None) -> float:
    """The soonest the publisher wants us back, in seconds (0 when it says nothing).

    Cache-Control max-age wins over Expires (RFC 9111); RSS `<ttl>` is in minutes. `no-cache`
    and `no-store` say nothing about *when*, so they give no floor.
    """
    floor = 0.0
    cache_control = headers.get("cache-control", "")
    max_age = None
    for directive in cache_control.lower().split(","):
        name, _, arg = directive.strip().partition("=")
        if name in {"max-age", "s-maxage"} and arg.strip().strip('"').isdigit():
            max_age = max(max_age or 0, int(arg.strip().strip('"')))
    if max_age is not None:
        floor = float(max_age)
    elif headers.get("expires"):
        expires = _http_date(headers["expires"])
        if expires is not None:
            floor = max(0.0, expires - now)
    if ttl_minutes and ttl_minutes > 0:
        floor = max(floor, ttl_minutes * 60.0)
    return floor


def entry_interval(published: Iterable[float], now: float, policy: Policy) -> float:
    """Expected gap between new entries, from the entries the feed lists now.

    Only the last week counts. We see the feed's window, not its history, so the rate is the
    number of recent entries over the span they cover (Miniflux counts a week of stored
    entries; a truncated feed would look dormant that way). Unclamped.
    """
    dated = [p for p in published if p <= now + 300]  # tolerate clocks a little ahead
    if not dated:
        return policy.default_interval
    recent = [p for p in dated if now - p <= WEEK]
    if not recent:
        return policy.max_interval  # dormant: nothing in a week
    span = max(now - min(recent), 60.0)
    return span / len(recent) * policy.entry_factor


def _jittered(seconds: float, policy: Policy, rng: random.Random | None) -> float:
    spread = seconds * policy.jitter
    uniform = (rng or random).uniform
    return max(0.0, seconds + uniform(-spread, spread))


def next_poll(
    now: float,
    policy: Policy,
    *,
    published: Iterable[float] = (),
    headers: Mapping[str, str] | None = None,
    ttl_minutes: int | None = None,
    consecutive_errors: int = 0,
    not_before: float = 0.0,
    previous_interval: float | None = None,
    rng: random.Random | None = None,
) -> tuple[float, float]:
    """(next poll time, chosen interval before jitter).

    After an error: `error_base * 2**(n-1)`, capped, and `unhealthy_interval` once the feed is
    unhealthy. After a 304 (`published` empty, `previous_interval` given) the learnt interval is
    kept. `not_before` (a host's Retry-After) always wins.
    """
    headers = headers or {}
    floor = 0.0
    if consecutive_errors > 0:
        if consecutive_errors >= policy.unhealthy_after:
            interval = policy.unhealthy_interval
        else:
            interval = min(policy.error_cap, policy.error_base * 2 ** (consecutive_errors - 1))
    else:
        published = list(published)
        if published or previous_interval is None:
            interval = policy.clamp(entry_interval(published, now, policy))
        else:
            interval = policy.clamp(previous_interval)
        floor = min(cache_floor(headers, now, ttl_minutes), policy.max_interval)
        interval = max(interval, floor)
    when = max(now + _jittered(interval, policy, rng), now + floor)  # jitter never undercuts a floor
    return max(when, not_before), interval
