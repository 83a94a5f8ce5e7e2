"""Alert stage: story changes → alerts (pure rules; delivery channels come later)."""

from streams.alert.rules import SOURCE_JOINED, alert_id, alerts_for

__all__ = ["SOURCE_JOINED", "alert_id", "alerts_for"]
