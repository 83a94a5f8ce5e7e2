"""Feed polling: SSRF-guarded fetching, RSS/Atom/JSON Feed parsing, the polling loop."""

from streams.poll.feeds import load_feeds
from streams.poll.fetch import Fetcher, FetchResult
from streams.poll.guard import check_url, private_networks_allowed
from streams.poll.parse import parse_feed
from streams.poll.poller import Poller

__all__ = [
    "Fetcher",
    "FetchResult",
    "parse_feed",
    "Poller",
    "check_url",
    "load_feeds",
    "private_networks_allowed",
]
