"""Alerts reaching subscribers, live: the demo scenario on the embedded broker with real webhook
receivers on loopback, the dashboard in headless Chromium, SSE resume and the REST API.

One demo run (module fixture) serves every test here; the dashboard test runs first, while the
demo is still releasing items.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from streams.alert.deliver.webhook import verify
from streams.demo.server import MAX_OFFSET
from tests.integration.helpers import REPO, free_port, get_json, newsstream, pipeline_env, stop, wait_for
from tests.integration.receiver import Receiver
from tests.integration.sse import read_events

pytestmark = pytest.mark.integration

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
TOKEN = "test-token"
ARTIFACTS = REPO / ".artifacts"
SCRIPTS = {"/ok": [200], "/flaky": [500, 500, 200], "/down": [500], "/gone": [410], "/slack": [200]}
MAX_ATTEMPTS = 3
SPEED = 2.0  # the demo timeline: MAX_OFFSET seconds at speed 1


class Demo:
    def __init__(self, proc, port: int, env: dict[str, str], rx: Receiver, tmp: Path) -> None:
        self.proc, self.port, self.env, self.rx, self.tmp = proc, port, env, rx, tmp

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def kafka_json(self, topic: str, timeout: float = 5.0) -> list[dict]:
        from streams.pipeline.clients import consume_json

        async def main() -> list[dict]:
            return [r async for r in consume_json(self.env["KAFKA_BOOTSTRAP_SERVERS"],
                                                  self.env["NEWSSTREAM_TOPIC_PREFIX"] + topic,
                                                  from_beginning=True, timeout=timeout)]
        return asyncio.run(main())


@pytest.fixture(scope="module")
def demo(kafka, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("alerts")
    with Receiver(SCRIPTS, per_id=True) as rx:
        subs = tmp / "subscriptions.yaml"
        subs.write_text("subscriptions:\n" + "".join(
            f'  - {{id: {name}, url: "{rx.url("/" + name)}", secret: "{SECRET}"'
            f'{", format: slack" if name == "slack" else ""}}}\n' for name in ("ok", "flaky", "down", "gone", "slack"))
            + '  - {id: xi-only, filters: {keywords: "xi|putin|moscow", kinds: [source_joined]}}\n')
        port = free_port()
        env = pipeline_env(kafka.bootstrap, NEWSSTREAM_API_TOKEN=TOKEN, NEWSSTREAM_ALERT_COALESCE_WINDOW="1",
                           NEWSSTREAM_WEBHOOK_RETRY_BASE="0.3", NEWSSTREAM_WEBHOOK_MAX_ATTEMPTS=str(MAX_ATTEMPTS))
        proc = newsstream(["demo", "--broker", kafka.bootstrap, "--web-port", str(port), "--speed", str(SPEED),
                           "--poll-interval", "1", "--subscriptions", str(subs), "--data-dir", str(tmp / "d")],
                          env, log=tmp / "demo.log")
        try:
            wait_for(lambda: get_json(f"http://127.0.0.1:{port}/health"), 90, "the worker's web server", [proc])
            demo = Demo(proc, port, env, rx, tmp)
            demo.timeline_ends = time.monotonic() + MAX_OFFSET / SPEED  # the feed server started before the web server
            yield demo
        finally:
            rc = stop(proc)
            assert rc == 0, (tmp / "demo.log").read_text()[-3000:]


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.skip("Debian's chromium is not installed (make test-deps installs it as root)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright (Python) is not installed: pip install -e '.[dev]'")
    return path


def test_dashboard_shows_the_xi_story_live_and_escapes_feed_text(demo):
    chromium = _chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            resp = page.goto(demo.url("/"))
            assert "script-src 'self'" in resp.headers["content-security-policy"]
            xi = page.locator("li.story", has_text="Xi Jinping").filter(has_text="Atlas Wire").filter(has_text="Meridian Times")
            xi.first.wait_for(timeout=90_000)
            page.locator("li.alert", has_text="joined").first.wait_for(timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

            # The XSS probe: a feed title that is markup once the cleaner unescapes it. Its text is a
            # full text's length: sharing only the name, it starts a story of its own (a summary
            # would be taken as a headline and join the Xi story on the full name).
            probe = demo.tmp / "probe.jsonl"
            title = ("&lt;img src=x onerror=window.__xss=1&gt;&lt;script&gt;window.__xss=2&lt;/script&gt; "
                     "Xi Jinping probe headline")
            probe.write_text(json.dumps({"id": "probe-1", "url": "https://probe.example/xss", "source": "Probe Wire",
                                         "title": title, "text": " ".join(["A probe article about nothing in particular."] * 8),
                                         "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "lang": "en"}))
            replay = subprocess.run([sys.executable, "-m", "streams.cli", "replay", str(probe), "-q"], env=demo.env,
                                    cwd=REPO, capture_output=True, text=True, timeout=60)
            assert replay.returncode == 0, replay.stderr
            card = page.locator("li.story", has_text="probe headline")
            card.first.wait_for(timeout=60_000)
            assert "<script>window.__xss=2</script>" in card.first.inner_text()  # shown as text
            assert page.evaluate("typeof window.__xss") == "undefined" and dialogs == []
            assert page.locator("li.story img").count() == 0 and page.locator("#stories script").count() == 0
            page.screenshot(path=str(ARTIFACTS / "dashboard-xss-probe.png"), full_page=True)
        finally:
            browser.close()


def _all_alerts(demo: Demo) -> list[dict]:
    """Every alert of the scenario, once the demo has released everything and alerts stopped coming."""
    # First the demo's whole timeline: under load the pipeline can pause long enough mid-way for
    # the count below to look settled.
    wait_for(lambda: time.monotonic() > demo.timeline_ends, MAX_OFFSET / SPEED + 5, "the demo timeline", [demo.proc])
    counts: list[int] = []

    def settled():
        counts.append(len(demo.kafka_json("news.alerts", timeout=2.0)))
        return len(counts) >= 3 and counts[-1] == counts[-2] == counts[-3] and counts[-1] > 3

    wait_for(settled, 150, "the demo's alerts to settle", [demo.proc])
    return demo.kafka_json("news.alerts", timeout=2.0)


def _alert_ids(body: bytes) -> list[str]:
    doc = json.loads(body)
    data = doc["data"]
    return [a["alert_id"] for a in data["alerts"]] if doc["type"] == "alert.batch" else [data["alert_id"]]


def test_every_alert_is_delivered_signed_once(demo):
    alerts = _all_alerts(demo)
    kinds = {a["kind"] for a in alerts}
    assert {"source_joined", "story_developing"} <= kinds
    expected = {a["alert_id"] for a in alerts}
    wait_for(lambda: {i for r in demo.rx.at("/ok") for i in _alert_ids(r.body)} >= expected, 30,
             "every alert at /ok", [demo.proc])
    got = demo.rx.at("/ok")
    assert {i for r in got for i in _alert_ids(r.body)} <= {a["alert_id"] for a in _all_alerts(demo)}
    for r in got:
        assert verify(SECRET, r.headers, r.body), r.headers
        assert r.headers["content-type"] == "application/json"
    # Each alert in exactly one delivery (webhook-id). A delivery may arrive again only whole, under
    # its id (a retry after a lost answer: receivers deduplicate by webhook-id, as the spec says).
    bodies: dict[str, bytes] = {}
    for r in got:
        assert bodies.setdefault(r.headers["webhook-id"], r.body) == r.body, "one webhook-id, two bodies"
    ids = [i for body in bodies.values() for i in _alert_ids(body)]
    twice = [(wid, _alert_ids(body)) for wid, body in bodies.items() if any(ids.count(i) > 1 for i in _alert_ids(body))]
    assert len(ids) == len(set(ids)), f"alerts in two deliveries: {twice}"
    assert len(bodies) >= len(got) - 1, "more than one delivery to /ok repeated"  # it always answers 200
    xi = [json.loads(r.body) for r in got if b"Xi Jinping" in r.body]
    assert xi, "no delivery about the Xi story"
    sample = xi[0]["data"]["alerts"][0] if xi[0]["type"] == "alert.batch" else xi[0]["data"]
    assert sample["link"].endswith("/stories/" + sample["story_id"])
    assert sample["sources_seen"][0]["first_seen"] and sample["entities"] and sample["keywords"]
    assert get_json(sample["link"])["id"] == sample["story_id"]


def test_retries_after_500_keep_the_webhook_id(demo):
    wait_for(lambda: any(r.status == 200 for r in demo.rx.at("/flaky")), 60, "a flaky delivery to succeed", [demo.proc])
    flaky = demo.rx.at("/flaky")
    first = next(r.headers["webhook-id"] for r in flaky if r.status == 200)
    same = [r for r in flaky if r.headers["webhook-id"] == first]
    assert [r.status for r in same] == [500, 500, 200]  # the receiver fails each delivery twice
    assert all(verify(SECRET, r.headers, r.body) for r in same)
    # Backed off: 0.3 s then 0.6 s. Measured over both retries, since a receiver starved under load
    # can handle the first attempt late (after the client timed out and retried).
    timeline = [(round(r.at - flaky[0].at, 3), r.status, r.headers["webhook-id"][-8:]) for r in flaky]
    assert same[2].at - same[0].at >= 0.6, f"retried too soon; /flaky requests (s, status, id): {timeline}"
    by_id: dict[str, set[str]] = {}
    for r in flaky:
        by_id.setdefault(r.headers["webhook-id"], set()).update(_alert_ids(r.body))
    all_ids = [i for s in by_id.values() for i in s]
    assert len(all_ids) == len(set(all_ids))  # one webhook-id per distinct set of alerts


def test_exhausted_deliveries_go_to_the_dlq_and_410_disables(demo):
    def dead():
        recs = demo.kafka_json("news.alerts.dlq", timeout=2.0)
        return [r for r in recs if r["subscription"] == "down"]

    dlq = wait_for(dead, 60, "dead letters for the failing receiver", [demo.proc])
    rec = dlq[0]
    assert rec["reason"].startswith("retries exhausted") and rec["attempts"] == MAX_ATTEMPTS
    assert rec["last_status"] == 500 and rec["alerts"] and rec["webhook_id"].startswith("msg_")
    tries = [r for r in demo.rx.at("/down") if r.headers["webhook-id"] == rec["webhook_id"]]
    assert len(tries) == MAX_ATTEMPTS

    sub = wait_for(lambda: get_json(demo.url("/subscriptions/gone"))["disabled"], 60, "the 410 subscription disabled")
    assert "410" in sub
    time.sleep(2)  # deliveries already in flight when the first 410 came back may still arrive
    sent = len(demo.rx.at("/gone"))
    time.sleep(3)
    assert len(demo.rx.at("/gone")) == sent  # nothing sent after the 410
    assert all(r.status == 410 for r in demo.rx.at("/gone"))


def test_slack_format(demo):
    wait_for(lambda: demo.rx.at("/slack"), 60, "a Slack delivery", [demo.proc])
    msg = json.loads(demo.rx.at("/slack")[0].body)
    assert msg["text"] and msg["blocks"][0]["type"] == "section"


def test_sse_resumes_without_gaps(demo):
    alerts = _all_alerts(demo)
    everything = read_events(demo.port, "/alerts/stream", n=len(alerts), last_event_id="0:0,1:0", timeout=5)
    assert sorted(a["alert_id"] for _, a in everything) == sorted(a["alert_id"] for a in alerts)
    first = read_events(demo.port, "/alerts/stream", n=3, last_event_id="0:0,1:0")
    rest = read_events(demo.port, "/alerts/stream", n=len(alerts), last_event_id=first[-1][0], timeout=4)
    resumed = [a["alert_id"] for _, a in first + rest]
    assert resumed == [a["alert_id"] for _, a in everything]  # same order, no gap, no repeat
    xi_only = read_events(demo.port, "/alerts/stream?subscription=xi-only", n=100, last_event_id="0:0,1:0", timeout=4)
    assert xi_only and all(a["kind"] == "source_joined" for _, a in xi_only)
    assert len(xi_only) < len(everything)


def test_api_stories_articles_subscriptions_and_operations(demo):
    page = wait_for(lambda: (p := get_json(demo.url("/stories?keywords=xi&min_sources=2")))["stories"] and p, 120,
                    "a two-source story about Xi", [demo.proc])
    assert page["stories"] and all(len(s["sources"]) >= 2 for s in page["stories"])
    assert all("xi" in " ".join([s["headline"], *s["keywords"], *s["entities"]]).lower().split() for s in page["stories"])
    story = get_json(demo.url(f"/stories/{page['stories'][0]['id']}"))
    assert len(story["timeline"]) >= 2 and story["article_timeline"][0]["entities"] is not None
    article = get_json(demo.url(f"/articles/{story['article_ids'][0]}"))
    assert article["id"] == story["article_ids"][0] and article["title"]

    body = json.dumps({"id": "api-sub", "filters": {"entities": ["Xi Jinping"]}}).encode()

    def call(method: str, path: str, data: bytes | None = None, token: str | None = None) -> tuple[int, dict]:
        req = urllib.request.Request(demo.url(path), data=data, method=method,
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": f"Bearer {token}"} if token else {})})
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    assert call("POST", "/subscriptions", body)[0] == 401
    assert call("POST", "/subscriptions", body, token="wrong")[0] == 401
    # Out-of-range paging is the client's error, as the OpenAPI document says (limit 1..500).
    for bad in ("limit=abc", "limit=0", "limit=501", "offset=-5", "offset=1.5"):
        status, error = call("GET", f"/stories?{bad}")
        assert status == 400 and bad.split("=")[0] in error["error"], (bad, error)
    assert call("GET", "/alerts/stream?last=x")[0] == 400
    assert call("GET", "/stories?status=dormant")[0] == 400  # active or all: not silently active
    # Unknown routes and methods are JSON errors too, as every other API error.
    assert call("GET", "/no-such-thing") == (404, {"error": "not found", "path": "/no-such-thing"})
    assert call("PUT", "/stories")[0] == 405
    assert call("POST", "/subscriptions", b'{"id": "x", "filters": {"colour": 1}}', token=TOKEN)[0] == 400
    # Webhook targets: file: and other schemes never (private addresses are allowed in this test env).
    assert call("POST", "/subscriptions", b'{"id": "f", "url": "file:///etc/passwd", "secret": "s"}',
                token=TOKEN)[0] == 400
    assert call("POST", "/subscriptions", b'{"id": "big", "filters": {"keywords": "' + b"x" * 100_000 + b'"}}',
                token=TOKEN)[0] == 413
    status, created = call("POST", "/subscriptions", body, token=TOKEN)
    assert status == 201 and created["origin"] == "api"
    assert call("POST", "/subscriptions", body, token=TOKEN)[0] == 409
    assert "api-sub" in {s["id"] for s in get_json(demo.url("/subscriptions"))["subscriptions"]}
    assert get_json(demo.url("/subscriptions/api-sub"))["filters"] == {"entities": ["Xi Jinping"]}
    assert read_events(demo.port, "/alerts/stream?subscription=api-sub", n=1, last_event_id="0:0,1:0", timeout=5)
    assert call("DELETE", "/subscriptions/api-sub")[0] == 401
    assert call("DELETE", "/subscriptions/api-sub", token=TOKEN)[0] == 200
    assert call("GET", "/subscriptions/api-sub")[0] == 404

    # The subscriptions file is watched: an edit applies without a restart, both ways.
    subs_file = demo.tmp / "subscriptions.yaml"
    original = subs_file.read_text()
    subs_file.write_text(original + '  - {id: file-added, filters: {languages: [en]}}\n')
    wait_for(lambda: call("GET", "/subscriptions/file-added")[0] == 200, 30, "the file's new subscription", [demo.proc])
    assert get_json(demo.url("/subscriptions/file-added"))["origin"] == "file"
    subs_file.write_text(original)
    wait_for(lambda: call("GET", "/subscriptions/file-added")[0] == 404, 30, "the removal from the file", [demo.proc])
    # A bad edit is not applied (the file's subscriptions stay as they were) and the API says why.
    before = {s["id"] for s in get_json(demo.url("/subscriptions"))["subscriptions"]}
    subs_file.write_text(original + '  - {id: bad-entry, filters: {min_sources: two}}\n')
    listing = wait_for(lambda: (b := get_json(demo.url("/subscriptions"))).get("file_error") and b, 30,
                       "the file's error in GET /subscriptions", [demo.proc])
    assert "bad-entry" in listing["file_error"] and {s["id"] for s in listing["subscriptions"]} == before
    subs_file.write_text(original)
    wait_for(lambda: "file_error" not in get_json(demo.url("/subscriptions")), 30, "the error to clear", [demo.proc])

    ready = get_json(demo.url("/ready"))
    assert ready["ready"] and ready["broker"] and ready["partitions"]
    with urllib.request.urlopen(demo.url("/metrics"), timeout=5) as resp:
        text = resp.read().decode()
    for name in ("newsstream_stories_active", "newsstream_alerts_total", "newsstream_webhook_deliveries_total",
                 "newsstream_webhook_failures_total", "newsstream_consumer_lag", "newsstream_topic_messages_in_total"):
        assert f"\n{name}" in text or text.startswith(name) or f"# TYPE {name}" in text, name
    spec = get_json(demo.url("/openapi.json"))
    assert spec["openapi"].startswith("3.") and "/subscriptions" in spec["paths"]
