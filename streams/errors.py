"""The exception tree. Foreign errors (aiohttp, feedparser, Kafka) are converted once, at the edge.

    NewsstreamError
    ├── ConfigError            bad settings or feeds/subscriptions file
    ├── InputError             a record or archive line that cannot be used (reported, skipped)
    │   └── PoisonRecord       a topic record that cannot be decoded (→ the stage's dead-letter topic)
    ├── FetchError             a feed could not be fetched
    │   ├── BlockedURLError    URL resolves to a private/loopback/link-local address (SSRF guard)
    │   ├── ResponseTooLarge   body exceeded the size cap
    │   └── HTTPStatusError    the server answered >= 400 (`.status`, `.retry_after`)
    │       ├── FeedGone       410: the feed is disabled
    │       └── RateLimited    429/503: back off the whole host
    ├── FeedParseError         fetched bytes are not a usable feed
    └── BrokerError            the embedded Kafka broker could not be resolved or started
"""

from __future__ import annotations


class NewsstreamError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(NewsstreamError):
    """Settings or a config file are invalid; the message says which key and why."""


class InputError(NewsstreamError):
    """One input record is unusable; callers report it and go on with the rest."""


class PoisonRecord(InputError):
    """A Kafka record that is not valid JSON of the topic's schema; it goes to a dead-letter topic."""


class FetchError(NewsstreamError):
    """A feed fetch failed (network, HTTP status, timeout)."""


class BlockedURLError(FetchError):
    """The URL points into a private network and private networks are not allowed."""


class ResponseTooLarge(FetchError):
    """The response body exceeded the configured cap; the download was aborted."""


class HTTPStatusError(FetchError):
    """The server answered with an error status; `retry_after` is the raw Retry-After header."""

    def __init__(self, message: str, status: int, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class FeedGone(HTTPStatusError):
    """410 Gone: the publisher retired the feed; polling it again is pointless."""


class RateLimited(HTTPStatusError):
    """429 Too Many Requests or 503 Service Unavailable: the host asks us to slow down."""


class FeedParseError(NewsstreamError):
    """The fetched body could not be parsed as RSS, Atom or JSON Feed."""


class BrokerError(NewsstreamError):
    """The embedded Kafka broker could not be resolved, formatted or started."""


__all__ = [
    "NewsstreamError",
    "ConfigError",
    "InputError",
    "PoisonRecord",
    "FetchError",
    "BlockedURLError",
    "ResponseTooLarge",
    "HTTPStatusError",
    "FeedGone",
    "RateLimited",
    "FeedParseError",
    "BrokerError",
]
