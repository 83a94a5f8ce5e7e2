"""Delivery state survives a worker restart: a delivery waiting for its retry (Retry-After) when the
worker stops is retried by the next worker under the same webhook-id, and nothing is sent twice."""

from __future__ import annotations

import asyncio
import base64
import time

import orjson
import pytest

from streams.alert.deliver.webhook import verify
from streams.models import Alert, AlertArticle, iso
from tests.integration.helpers import free_port, get_json, newsstream, pipeline_env, stop, wait_for
from tests.integration.receiver import Receiver

pytestmark = pytest.mark.integration

SECRET = "whsec_" + base64.b64encode(b"restart-secret-restart-secret-32").decode()


def alert(i: int) -> bytes:
    a = Alert(alert_id=f"al-restart-{i}", kind="source_joined", story_id=f"st-restart-{i}", headline=f"Story {i}",
              source="Beta", sources=["Alpha", "Beta"], article=AlertArticle(f"a{i}", f"https://b.example/{i}", "t", iso(0)),
              created_at=iso(time.time()))
    return orjson.dumps(a)


def produce(bootstrap: str, topic: str, values: list[bytes]) -> None:
    from aiokafka import AIOKafkaProducer

    async def main() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
        await producer.start()
        try:
            for v in values:
                await producer.send_and_wait(topic, key=orjson.loads(v)["story_id"].encode(), value=v)
        finally:
            await producer.stop()

    asyncio.run(main())


def test_pending_retry_survives_a_restart(kafka, tmp_path):
    with Receiver({"/hook": [503, 200]}, retry_after="6") as rx:
        subs = tmp_path / "subs.yaml"
        subs.write_text(f'subscriptions:\n  - {{id: hook, url: "{rx.url("/hook")}", secret: "{SECRET}"}}\n')
        port = free_port()
        env = pipeline_env(kafka.bootstrap, NEWSSTREAM_ALERT_COALESCE_WINDOW="0")
        args = ["worker", "--web-port", str(port), "--subscriptions", str(subs), "--data-dir", str(tmp_path / "d")]
        ready = lambda: get_json(f"http://127.0.0.1:{port}/subscriptions")["subscriptions"]  # noqa: E731

        worker = newsstream(args, env, log=tmp_path / "worker1.log")
        try:
            wait_for(ready, 90, "the worker with its subscription", [worker])
            produce(kafka.bootstrap, env["NEWSSTREAM_TOPIC_PREFIX"] + "news.alerts", [alert(1)])
            wait_for(lambda: rx.at("/hook"), 60, "the first attempt", [worker])
        finally:
            assert stop(worker) == 0, (tmp_path / "worker1.log").read_text()[-2000:]
        assert [r.status for r in rx.at("/hook")] == [503]

        worker = newsstream(args, env, log=tmp_path / "worker2.log")
        try:
            wait_for(lambda: len(rx.at("/hook")) >= 2, 120, "the retry after the restart", [worker])
            produce(kafka.bootstrap, env["NEWSSTREAM_TOPIC_PREFIX"] + "news.alerts", [alert(2)])
            wait_for(lambda: len(rx.at("/hook")) >= 3, 60, "a new alert after the restart", [worker])
            time.sleep(3)  # anything sent twice would arrive by now
        finally:
            assert stop(worker) == 0, (tmp_path / "worker2.log").read_text()[-2000:]

    reqs = rx.at("/hook")
    assert [r.status for r in reqs] == [503, 200, 200]
    assert reqs[0].headers["webhook-id"] == reqs[1].headers["webhook-id"] != reqs[2].headers["webhook-id"]
    assert reqs[1].at - reqs[0].at >= 6  # Retry-After honoured
    assert all(verify(SECRET, r.headers, r.body) for r in reqs)
    assert [orjson.loads(r.body)["data"]["alert_id"] for r in reqs] == ["al-restart-1", "al-restart-1", "al-restart-2"]
