"""Alert stage: story changes → alerts (pure rules), subscriptions and their filters, coalescing,
and the delivery channels (`streams.alert.deliver`: webhook, Slack, SSE)."""

from streams.alert.rules import (KINDS, SOURCE_JOINED, STORY_CREATED, STORY_DEVELOPING, STORY_MERGED, AlertParams,
                                 alert_id, alerts_for, configure)

__all__ = ["KINDS", "SOURCE_JOINED", "STORY_CREATED", "STORY_DEVELOPING", "STORY_MERGED", "AlertParams", "alert_id",
           "alerts_for", "configure"]
