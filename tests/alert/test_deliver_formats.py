"""Standard Webhooks signatures, Slack payloads, SSE framing and resume vectors."""

import asyncio
import base64
import hashlib
import hmac

import orjson

from streams.alert.deliver.slack import slack_message
from streams.alert.deliver.sse import Hub, decode_vector, encode_vector, format_event
from streams.alert.deliver.webhook import classify, sign, standard_body, verify

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_signature_is_standard_webhooks_v1():
    body = b'{"type":"alert.source_joined"}'
    sig = sign(SECRET, "msg_1", 1700000000, body)
    key = base64.b64decode(SECRET[6:])
    expected = base64.b64encode(hmac.new(key, b"msg_1.1700000000." + body, hashlib.sha256).digest()).decode()
    assert sig == "v1," + expected
    headers = {"webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": f"v1,bogus {sig}"}
    assert verify(SECRET, headers, body, now=1700000100)
    assert not verify(SECRET, headers, body + b" ", now=1700000100)
    assert not verify(SECRET, headers, body, now=1700009999)  # too old: replay protection


def test_known_vector_from_the_spec():
    # Standard Webhooks reference test vector.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body) == \
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def alerts(n):
    return [{"alert_id": f"al-{i}", "kind": "source_joined", "story_id": "st", "headline": "<b>Xi</b> & co",
             "source": f"S{i}", "sources": [f"S{j}" for j in range(i + 1)], "link": "http://api/stories/st",
             "article": {"url": f"https://x/{i}", "title": "t<script>"}} for i in range(n)]


def test_standard_body_single_and_batch():
    one = orjson.loads(standard_body(alerts(1), 0))
    assert one["type"] == "alert.source_joined" and one["data"]["alert_id"] == "al-0"
    many = orjson.loads(standard_body(alerts(3), 0))
    assert many["type"] == "alert.batch" and many["data"]["count"] == 3
    assert [a["alert_id"] for a in many["data"]["alerts"]] == ["al-0", "al-1", "al-2"]


def test_slack_message_has_text_and_blocks_and_escapes():
    msg = slack_message(alerts(2))
    assert msg["text"] and msg["blocks"][0]["type"] == "section"
    dumped = orjson.dumps(msg).decode()
    assert "<b>" not in dumped and "&lt;b&gt;Xi&lt;/b&gt; &amp; co" in dumped and "<script>" not in dumped


def test_a_feed_link_cannot_close_its_slack_link_or_mention_the_channel():
    url = "https://evil.example/x><!channel> <https://bank.example/login|Click"
    alert = {"kind": "source_joined", "headline": "Quake", "source": "Evil", "sources": ["A", "Evil"],
             "sources_total": 2, "link": "http://api.test/stories/st-1",
             "article": {"url": url, "title": "Quake"}}
    line = slack_message([alert])["blocks"][-1]["elements"][0]["text"]
    assert line.startswith("<https://evil.example/x%3E%3C!channel%3E%20%3Chttps://bank.example/login%7CClick|Quake>")
    assert line.count("<") == 1 and line.count("|") == 1  # one link, no mention
    alert["article"] = {"url": "javascript:alert(1)", "title": "Quake"}
    assert "javascript" not in orjson.dumps(slack_message([alert])).decode()


def test_slack_message_names_the_story_a_merge_folded_in():
    merged = {"kind": "story_merged", "merged_from": "st-<b>", "headline": "Xi in Moscow", "sources": ["A", "B"],
              "sources_total": 2, "link": "http://api.test/stories/st-a", "source": "B"}
    assert "Merged with story st-&lt;b&gt;" in slack_message([merged])["text"]


def test_classify_answers():
    assert classify(204, None, 0).kind == "ok"
    assert classify(410, None, 0).kind == "gone"
    assert classify(503, None, 0).kind == "retry"
    r = classify(429, "12", 0)
    assert r.kind == "retry" and r.retry_after == 12.0
    assert classify(400, None, 0).kind == "fail"


def test_sse_frames_and_vectors():
    assert format_event({"a": "x\ny"}, "0:1", "alert") == b'id: 0:1\nevent: alert\ndata: {"a":"x\\ny"}\n\n'
    assert decode_vector(encode_vector({1: 7, 0: 13})) == {0: 13, 1: 7}
    assert decode_vector("garbage") is None


async def test_hub_resume_is_gapless_across_partitions():
    hub = Hub(size=100)
    for off in range(3):
        hub.publish(0, off, {"n": f"p0-{off}"})
        hub.publish(1, off, {"n": f"p1-{off}"})
    after = decode_vector(hub.buffer[2].event_id)  # the client saw p0-0, p1-0, p0-1
    stream = hub.stream(after, lambda v: True)
    frames = [await stream.__anext__() for _ in range(5)]  # retry + 3 backlog + its position
    got = [orjson.loads(f.split(b"data: ")[1]) ["n"] for f in frames[1:4]]
    assert got == ["p1-1", "p0-2", "p1-2"]
    assert frames[4] == b"id: 0:3,1:3\n\n"
    nxt = asyncio.ensure_future(stream.__anext__())
    await asyncio.sleep(0)
    hub.publish(0, 3, {"n": "p0-3"})
    assert b"p0-3" in await nxt
    await stream.aclose()
    assert not hub.clients


async def test_a_filtered_client_learns_its_position_so_a_reconnect_misses_nothing():
    """A filter that skips records sends no events, so without an id-only frame the browser would
    reconnect with no Last-Event-ID and start live, losing what was published meanwhile."""
    hub = Hub(size=100)
    hub.publish(0, 0, {"kind": "source_joined"})
    stream = hub.stream(None, lambda v: v["kind"] == "story_developing", heartbeat=0.05)
    assert [await stream.__anext__() for _ in range(2)] == [b"retry: 2000\n\n", b"id: 0:1\n\n"]
    nxt = asyncio.ensure_future(stream.__anext__())
    await asyncio.sleep(0)
    hub.publish(0, 1, {"kind": "source_joined"})  # skipped by its filter
    assert await nxt == b"id: 0:2\n\n"  # the heartbeat carries the position the skip moved
    assert await stream.__anext__() == b": keep-alive\n\n"  # nothing moved since
    await stream.aclose()
    hub.publish(0, 2, {"kind": "story_developing"})  # while it was away
    resumed = hub.stream(decode_vector("0:2"), lambda v: v["kind"] == "story_developing")
    frames = [await resumed.__anext__() for _ in range(2)]
    await resumed.aclose()
    assert b"story_developing" in frames[1]


async def test_a_client_too_slow_is_cut_off_and_resumes_from_the_buffer():
    hub = Hub(size=100, queue_size=2)
    stream = hub.stream({0: 0}, lambda v: True)
    assert await stream.__anext__() == b"retry: 2000\n\n"
    assert await stream.__anext__() == b"id: 0:0\n\n"  # its position after an empty backlog
    waiting = asyncio.ensure_future(stream.__anext__())
    await asyncio.sleep(0)  # the client is subscribed and waiting
    for off in range(5):  # a burst larger than its queue
        hub.publish(0, off, {"n": off})
    try:
        await waiting
        raise AssertionError("the slow client was not cut off")
    except StopAsyncIteration:
        pass  # cut off instead of hanging
    assert not hub.clients
    assert [i.value["n"] for i in hub.backlog({0: 0})] == [0, 1, 2, 3, 4]  # all there for its resume


async def test_hub_decodes_raw_records_only_for_clients_and_skips_undecodable_ones():
    hub = Hub(size=100)
    hub.publish(0, 0, raw=b'{"n":"a"}')
    hub.publish(0, 1, raw=b"not json")
    hub.publish(0, 2, raw=b'{"n":"c"}')
    assert all(item._value is None and item._frame is None for item in hub.buffer)  # nobody asked yet
    stream = hub.stream({0: 0}, lambda v: v["n"] != "x")
    frames = [await stream.__anext__() for _ in range(3)]  # retry + the two readable records
    await stream.aclose()
    assert frames[1] == b'id: 0:1\ndata: {"n":"a"}\n\n'
    assert frames[2] == b'id: 0:3\ndata: {"n":"c"}\n\n'
    assert hub.buffer[1].value == {} and not hub.buffer[1].sendable
