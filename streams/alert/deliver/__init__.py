"""Delivery channels: Standard Webhooks (`webhook`), Slack payloads (`slack`), Server-Sent Events
(`sse`), and the retry schedule (`retry`). Pure except `WebhookClient`, which does the HTTP."""

from streams.alert.deliver.retry import RetryPolicy, parse_retry_after
from streams.alert.deliver.slack import slack_message
from streams.alert.deliver.sse import Hub, decode_vector, encode_vector, format_event
from streams.alert.deliver.webhook import Result, WebhookClient, classify, render_body, sign, standard_body, verify

__all__ = ["Hub", "Result", "RetryPolicy", "WebhookClient", "classify", "decode_vector", "encode_vector",
           "format_event", "parse_retry_after", "render_body", "sign", "slack_message", "standard_body", "verify"]
