"""Every Kafka topic of newsstream, in one place: name, key, value schema, retention.

| topic           | key            | value (record)  | cleanup  | written by        | read by               |
|-----------------|----------------|-----------------|----------|-------------------|-----------------------|
| news.feeds      | feed url       | FeedRecord      | compact  | poller, CLI       | poller (registry)     |
| news.raw        | item id        | RawItemRecord   | delete   | poller, replay    | process agent         |
| news.articles   | lang (shard)   | ArticleRecord   | delete   | process agent     | stories agent, users  |
| news.stories    | story id       | StoryRecord     | compact  | stories agent     | users (snapshots)     |
| news.alerts     | story id       | AlertRecord     | delete   | stories agent     | `alerts`, subscribers |
| news.alerts.dlq | story id       | AlertDeadLetter | delete   | delivery pump     | operators             |
| news.subscriptions | subscription id | SubscriptionRecord | compact | API, file watcher | every worker (tail) |
| news.raw.dlq    | original key   | original bytes  | delete   | process agent     | operators             |
| news.articles.dlq | original key | original bytes  | delete   | stories agent     | operators             |

Dead-letter records keep the original value bytes untouched; headers say why and where from:
`error` (the reason), `stage`, `topic`, `partition`, `offset`.

`news.feeds` is the feed registry: `newsstream feeds` writes it (a tombstone removes a feed), and
the poller app (`<prefix>newsstream-poller`, streams/pipeline/polling.py) shards polling by its
partitions; its tables `feeds` and `feed_state` (FeedStateRecord) have changelogs
`<prefix>newsstream-poller-{feeds,feed_state}-changelog`, co-partitioned with it (key = url bytes).
A `news.raw` record with `update: true` is a seen entry whose title or content changed.

`news.articles` is keyed by the clustering shard key (the language) so every article that could
join a story meets in one partition, and the `stories`, `articles` and `seen` tables (changelogs
`newsstream-{stories,articles,seen}-changelog`; `seen` is the duplicate index) are co-partitioned
with it. Values are orjson-encoded records
without Faust metadata, i.e. plain JSON objects any consumer can read. A story deleted after
`retention_days` gets a tombstone (null value) on `news.stories` and in the table changelogs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# NEWSSTREAM_TOPIC_PREFIX namespaces every topic, e.g. per test or per tenant on a shared cluster.
PREFIX = os.environ.get("NEWSSTREAM_TOPIC_PREFIX", "")
FEEDS = PREFIX + "news.feeds"
RAW = PREFIX + "news.raw"
ARTICLES = PREFIX + "news.articles"
STORIES = PREFIX + "news.stories"
ALERTS = PREFIX + "news.alerts"
ALERTS_DLQ = PREFIX + "news.alerts.dlq"
SUBSCRIPTIONS = PREFIX + "news.subscriptions"
RAW_DLQ = PREFIX + "news.raw.dlq"
ARTICLES_DLQ = PREFIX + "news.articles.dlq"


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    compacted: bool = False
    retention_ms: int | None = None


SPECS = (
    TopicSpec(FEEDS, compacted=True),
    TopicSpec(RAW, retention_ms=7 * 24 * 3600 * 1000),
    TopicSpec(ARTICLES, retention_ms=7 * 24 * 3600 * 1000),
    TopicSpec(STORIES, compacted=True),
    TopicSpec(ALERTS, retention_ms=30 * 24 * 3600 * 1000),
    TopicSpec(ALERTS_DLQ, retention_ms=30 * 24 * 3600 * 1000),
    TopicSpec(SUBSCRIPTIONS, compacted=True),
    TopicSpec(RAW_DLQ, retention_ms=30 * 24 * 3600 * 1000),
    TopicSpec(ARTICLES_DLQ, retention_ms=30 * 24 * 3600 * 1000),
)


def topic_config(spec: TopicSpec) -> dict[str, str]:
    config = {"cleanup.policy": "compact" if spec.compacted else "delete"}
    if spec.retention_ms is not None:
        config["retention.ms"] = str(spec.retention_ms)
    return config
