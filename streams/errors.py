"""The exception tree. Foreign errors (aiohttp, feedparser, Kafka) are converted once, at the edge.

    NewsstreamError
    ├── ConfigError            bad settings or feeds/subscriptions file
    ├── InputError             a record or archive line that cannot be used (reported, skipped)
    ├── FetchError             a feed could not be fetched
    │   ├── BlockedURLError    URL resolves to a private/loopback/link-local address (SSRF guard)
    │   └── ResponseTooLarge   body exceeded the size cap
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


class FetchError(NewsstreamError):
    """A feed fetch failed (network, HTTP status, timeout)."""


class BlockedURLError(FetchError):
    """The URL points into a private network and private networks are not allowed."""


class ResponseTooLarge(FetchError):
    """The response body exceeded the configured cap; the download was aborted."""


class FeedParseError(NewsstreamError):
    """The fetched body could not be parsed as RSS, Atom or JSON Feed."""


class BrokerError(NewsstreamError):
    """The embedded Kafka broker could not be resolved, formatted or started."""


__all__ = [
    "NewsstreamError",
    "ConfigError",
    "InputError",
    "FetchError",
    "BlockedURLError",
    "ResponseTooLarge",
    "FeedParseError",
    "BrokerError",
]
