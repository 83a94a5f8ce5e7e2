"""Feed polling: schedule, SSRF-guarded fetching, RSS/Atom/JSON Feed parsing, the polling loop.

Pure and Kafka-free; the Faust side (registry, sharding, state tables) is streams/pipeline/polling.py.
"""

from streams.poll.feeds import load_feeds
from streams.poll.fetch import Fetcher, FetchResult
from streams.poll.guard import check_url, private_networks_allowed
from streams.poll.hosts import HostLimiter
from streams.poll.opml import read_opml, write_opml
from streams.poll.parse import ParsedFeed, parse_feed
from streams.poll.poller import Poller
from streams.poll.schedule import Policy, next_poll
from streams.poll.state import FeedState, MemoryStore, StateStore

__all__ = [
    "Fetcher",
    "FetchResult",
    "FeedState",
    "HostLimiter",
    "MemoryStore",
    "ParsedFeed",
    "Policy",
    "Poller",
    "StateStore",
    "check_url",
    "load_feeds",
    "next_poll",
    "parse_feed",
    "private_networks_allowed",
    "read_opml",
    "write_opml",
]
