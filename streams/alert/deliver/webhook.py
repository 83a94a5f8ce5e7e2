"""Webhook delivery following Standard Webhooks (https://www.standardwebhooks.com/).

    webhook-id         stable per delivery: the same on every retry, so receivers can deduplicate
    webhook-timestamp  integer seconds of this attempt
    webhook-signature  "v1," + base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}")), key = base64 after "whsec_"

`sign`/`verify` and the body builders are pure; `WebhookClient` does the HTTP (aiohttp) behind the
feeds' SSRF guard and classifies each answer as ok / retry / gone / fail, never raising for a
receiver's behaviour.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import orjson

from streams.alert.deliver.retry import parse_retry_after
from streams.alert.deliver.slack import slack_message
from streams.alert.subscriptions import secret_key
from streams.errors import BlockedURLError, FetchError
from streams.models import iso
from streams.poll.guard import GuardedResolver, check_url

TOLERANCE = 5 * 60  # seconds a receiver should accept between webhook-timestamp and its clock


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value for one attempt."""
    mac = hmac.new(secret_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> bool:
    """What a receiver does: any listed v1 signature matches and the timestamp is recent."""
    lower = {k.lower(): v for k, v in headers.items()}
    try:
        msg_id, ts = lower["webhook-id"], int(lower["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - ts) > TOLERANCE:
        return False
    expected = sign(secret, msg_id, ts, body).split(",", 1)[1]
    return any(part.startswith("v1,") and hmac.compare_digest(part[3:], expected)
               for part in lower.get("webhook-signature", "").split())


def standard_body(alerts: list[dict[str, Any]], now: float) -> bytes:
    """One alert: `{type: "alert.<kind>", timestamp, data: alert}`; a coalesced batch:
    `{type: "alert.batch", timestamp, data: {story_id, headline, link, count, alerts}}`."""
    if len(alerts) == 1:
        return orjson.dumps({"type": f"alert.{alerts[0]['kind']}", "timestamp": iso(now), "data": alerts[0]})
    last = alerts[-1]
    data = {"story_id": last["story_id"], "headline": last["headline"], "link": last.get("link", ""),
            "count": len(alerts), "alerts": alerts}
    return orjson.dumps({"type": "alert.batch", "timestamp": iso(now), "data": data})


def render_body(fmt: str, alerts: list[dict[str, Any]], now: float) -> bytes:
    return orjson.dumps(slack_message(alerts)) if fmt == "slack" else standard_body(alerts, now)


@dataclass(frozen=True, slots=True)
class Result:
    """How one attempt ended. kind: ok | retry | gone (410) | fail (permanent: no retry)."""

    kind: str
    status: int | None = None
    retry_after: float | None = None
    reason: str = ""


def classify(status: int, retry_after: str | None, now: float) -> Result:
    if 200 <= status < 300:
        return Result("ok", status)
    if status == 410:
        return Result("gone", status, reason="receiver answered 410 Gone")
    if status == 429 or status >= 500 or status == 408:
        return Result("retry", status, parse_retry_after(retry_after, now), f"HTTP {status}")
    return Result("fail", status, reason=f"HTTP {status}")


class WebhookClient:
    """Signs and POSTs deliveries. One aiohttp session (and connection pool) per worker."""

    def __init__(self, timeout: float = 10.0, allow_private: bool = False, user_agent: str = "newsstream") -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.user_agent = user_agent
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(resolver=GuardedResolver(self.allow_private), limit=256)
            self._session = aiohttp.ClientSession(connector=connector,
                                                  timeout=aiohttp.ClientTimeout(total=self.timeout))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, url: str, secret: str, msg_id: str, body: bytes, now: float | None = None) -> Result:
        ts = int(time.time() if now is None else now)
        headers = {
            "content-type": "application/json",
            "user-agent": self.user_agent,
            "webhook-id": msg_id,
            "webhook-timestamp": str(ts),
            "webhook-signature": sign(secret, msg_id, ts, body),
        }
        try:
            await check_url(url, self.allow_private)
            async with self._client().post(url, data=body, headers=headers, allow_redirects=False) as resp:
                await resp.read()
                return classify(resp.status, resp.headers.get("Retry-After"), float(ts))
        except BlockedURLError as exc:
            return Result("fail", reason=f"blocked: {exc}")
        except FetchError as exc:
            return Result("retry", reason=str(exc))
        except asyncio.TimeoutError:
            return Result("retry", reason=f"timeout after {self.timeout}s")
        except aiohttp.ClientError as exc:
            return Result("retry", reason=f"{type(exc).__name__}: {exc}")
