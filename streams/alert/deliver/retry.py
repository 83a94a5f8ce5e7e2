"""Retry schedule for webhook deliveries: exponential backoff with a cap, Retry-After honoured. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    base: float = 2.0  # seconds before the first retry
    cap: float = 600.0
    max_attempts: int = 8  # attempts in all, the first included

    def delay(self, attempts: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait after `attempts` failed attempts; None when they are exhausted.

        A receiver's Retry-After wins over the backoff (capped, so a hostile header cannot park
        a delivery for a year)."""
        if attempts >= self.max_attempts:
            return None
        if retry_after is not None:
            return min(max(0.0, retry_after), self.cap)
        return min(self.base * (2 ** max(0, attempts - 1)), self.cap)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from `now`: delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():  # ASCII digits only: "²" and "٣" are digits to str.isdigit, not to float()
        return float(value) if value.isascii() else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)
