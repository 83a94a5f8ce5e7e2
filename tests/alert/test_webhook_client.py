"""WebhookClient against a real receiver on loopback: signed POSTs, answers classified, SSRF guard."""

import asyncio

from streams.alert.deliver.webhook import WebhookClient, verify
from tests.integration.receiver import Receiver

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


async def test_signed_post_and_answers():
    with Receiver({"/ok": [204], "/busy": [429], "/gone": [410], "/bad": [400], "/err": [502]}, retry_after="7") as rx:
        client = WebhookClient(timeout=5, allow_private=True)
        try:
            ok = await client.send(rx.url("/ok"), SECRET, "msg_1", b'{"a":1}')
            busy = await client.send(rx.url("/busy"), SECRET, "msg_2", b"{}")
            gone = await client.send(rx.url("/gone"), SECRET, "msg_3", b"{}")
            bad = await client.send(rx.url("/bad"), SECRET, "msg_4", b"{}")
            err = await client.send(rx.url("/err"), SECRET, "msg_5", b"{}")
        finally:
            await client.close()
    assert ok.kind == "ok" and busy.kind == "retry" and busy.retry_after == 7.0
    assert gone.kind == "gone" and bad.kind == "fail" and err.kind == "retry"
    [req] = rx.at("/ok")
    assert req.body == b'{"a":1}' and req.headers["webhook-id"] == "msg_1"
    assert verify(SECRET, req.headers, req.body)


async def test_private_targets_are_refused_unless_allowed():
    client = WebhookClient(timeout=2, allow_private=False)
    try:
        for url in ("http://127.0.0.1:9/x", "http://169.254.169.254/latest", "http://[::1]/x", "file:///etc/passwd"):
            r = await client.send(url, SECRET, "msg", b"{}")
            assert r.kind == "fail" and r.reason.startswith("blocked"), (url, r)
    finally:
        await client.close()


async def test_timeouts_and_refused_connections_are_retried():
    client = WebhookClient(timeout=0.5, allow_private=True)
    server = await asyncio.start_server(lambda r, w: asyncio.sleep(5), "127.0.0.1", 0)  # accepts, never answers
    port = server.sockets[0].getsockname()[1]
    try:
        slow = await client.send(f"http://127.0.0.1:{port}/", SECRET, "msg", b"{}")
        server.close()
        await server.wait_closed()
        refused = await client.send(f"http://127.0.0.1:{port}/", SECRET, "msg", b"{}")
    finally:
        await client.close()
    assert slow.kind == "retry" and "timeout" in slow.reason
    assert refused.kind == "retry"
