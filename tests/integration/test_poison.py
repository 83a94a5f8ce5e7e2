"""Poison records on the agents' input topics go to dead-letter topics; valid records around them flow on."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from tests.integration.helpers import all_stories, free_port, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "restart.jsonl"
POISON = [
    b"\xff\xfe not utf-8",
    b"{not json",
    b'["an", "array"]',
    b'{"id": "no-other-fields"}',
    b'{"id": 1, "feed_url": "f", "source": "s", "url": "u", "title": "t"}',
    b'{"id": "huge", "feed_url": "f", "source": "s", "url": "u", "title": "' + b"x" * (900 * 1024) + b'"}',
    # the broker takes it, our producer would not (its limit is 1,000,000): the dead letter is cut
    b'{"id": "huger", "feed_url": "f", "source": "s", "url": "u", "title": "' + b"x" * 1_020_000 + b'"}',
]


def raw_item(line: str) -> bytes:
    d = json.loads(line)
    return orjson.dumps({"id": d["id"], "feed_url": "https://x.example/feed", "source": d["source"],
                         "url": d["url"], "title": d["title"], "summary": d.get("text", ""),
                         "published": d.get("published")})


async def produce(bootstrap: str, topic: str, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, max_request_size=8 * 1024 * 1024)
    await producer.start()
    try:
        for i, value in enumerate(values):
            await producer.send_and_wait(topic, key=f"k{i}".encode(), value=value)
    finally:
        await producer.stop()


async def read_all(bootstrap: str, topic: str, want: int, timeout: float = 60) -> list:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                fetch_max_bytes=16 * 1024 * 1024, max_partition_fetch_bytes=16 * 1024 * 1024)
    await consumer.start()
    got: list = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(got) < want and asyncio.get_running_loop().time() < deadline:
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                got.extend(batch)
    finally:
        await consumer.stop()
    return got


def test_poison_goes_to_dead_letters_and_the_stream_continues(kafka, tmp_path):
    env = pipeline_env(kafka.bootstrap)
    prefix = env["NEWSSTREAM_TOPIC_PREFIX"]
    lines = [ln for ln in FIXTURE.read_text().splitlines() if ln.strip()]
    good = [raw_item(ln) for ln in lines]
    ids = {json.loads(ln)["id"] for ln in lines}
    # Poison interleaved with valid items, on both agents' input topics.
    raw_values = [v for pair in zip(good, POISON + [None] * len(good)) for v in pair if v is not None]
    port = free_port()
    worker = newsstream(["worker", "--web-port", str(port), "--data-dir", str(tmp_path / "w")], env,
                        log=tmp_path / "worker.log")
    try:
        wait_for(lambda: all_stories(port) == [] or None, 60, "worker up", [worker])
        asyncio.run(produce(kafka.bootstrap, prefix + "news.raw", raw_values[:len(raw_values) // 2]))
        asyncio.run(produce(kafka.bootstrap, prefix + "news.articles", POISON[:3]))
        asyncio.run(produce(kafka.bootstrap, prefix + "news.raw", raw_values[len(raw_values) // 2:]))

        def clustered():
            seen = {a for s in all_stories(port) for a in s["article_ids"]}
            return seen if len(seen) >= len(ids) else None

        seen = wait_for(clustered, 90, "every valid item clustered despite poison", [worker])
        raw_dlq = asyncio.run(read_all(kafka.bootstrap, prefix + "news.raw.dlq", len(POISON)))
        articles_dlq = asyncio.run(read_all(kafka.bootstrap, prefix + "news.articles.dlq", 3))
        assert worker.poll() is None, "the worker died on poison"
    finally:
        assert stop(worker) == 0, (tmp_path / "worker.log").read_text()[-3000:]

    assert len(seen) == len(ids)  # nothing valid lost (ids are rewritten by the cleaner, count them)
    whole = {m.value for m in raw_dlq if "truncated_from" not in dict(m.headers)}
    assert whole == set(POISON[:-1])  # original bytes, untouched
    cut = [m for m in raw_dlq if "truncated_from" in dict(m.headers)]
    assert len(cut) == 1 and POISON[-1].startswith(cut[0].value) and len(cut[0].value) > 900_000
    assert int(dict(cut[0].headers)["truncated_from"]) == len(POISON[-1])
    assert sorted(m.value for m in articles_dlq) == sorted(POISON[:3])
    for msg in raw_dlq + articles_dlq:
        headers = dict(msg.headers)
        assert headers["error"] and headers["stage"] in (b"process", b"stories")
        assert headers["topic"].decode().endswith(("news.raw", "news.articles"))
        assert int(headers["offset"]) >= 0
