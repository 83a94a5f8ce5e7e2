"""Plain aiokafka clients for the processes that are not Faust workers: poller, replay, alerts.

Topics are created here with their partition counts and cleanup policies before anything writes
to them, instead of relying on broker auto-creation (1 partition, no compaction).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

import faust
import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError

from streams.errors import BrokerError
from streams.pipeline import topics
from streams.pipeline.records import to_record

log = logging.getLogger("newsstream.kafka")

_TOPIC_EXISTS = 36


async def ensure_topics(bootstrap: str, partitions: int, replication: int = 1, timeout: float = 60.0) -> None:
    """Create the pipeline topics if missing (idempotent; existing topics are left as they are)."""
    deadline = asyncio.get_running_loop().time() + timeout
    warned = False
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
        try:
            await admin.start()
            existing = set(await admin.list_topics())
            missing = [
                NewTopic(spec.name, num_partitions=partitions, replication_factor=replication,
                         topic_configs=topics.topic_config(spec))
                for spec in topics.SPECS if spec.name not in existing
            ]
            if missing:
                resp = await admin.create_topics(missing)
                for name, code, *_ in getattr(resp, "topic_errors", ()):
                    if code not in (0, _TOPIC_EXISTS):
                        raise BrokerError(f"cannot create topic {name}: error code {code}")
                log.info("created topics %s", [t.name for t in missing])
            # Another process may have created them an instant ago: wait for leaders either way.
            await _wait_for_leaders(admin, [spec.name for spec in topics.SPECS], deadline)
            return
        except KafkaConnectionError as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise BrokerError(f"Kafka at {bootstrap} is not reachable (waited {timeout:.0f} s): {exc}") from exc
            if not warned:
                log.warning("Kafka at %s is not reachable yet; retrying for up to %.0f s", bootstrap, timeout)
                warned = True
            await asyncio.sleep(1.0)
        finally:
            await admin.close()


async def _wait_for_leaders(admin: AIOKafkaAdminClient, names: list[str], deadline: float) -> None:
    """New partitions have no leader for a moment; clients that start then log NotLeader errors."""
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        described = await admin.describe_topics(names)
        if all(t.get("error_code", 0) == 0 and t.get("partitions")
               and all(p.get("leader", -1) >= 0 for p in t["partitions"]) for t in described):
            return
        await asyncio.sleep(0.2)


class Publisher:
    """Sends domain objects as their typed records; batches through aiokafka's accumulator."""

    def __init__(self, bootstrap: str) -> None:
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
            linger_ms=5, max_batch_size=256 * 1024, compression_type=None,
        )

    async def start(self) -> None:
        await self._producer.start()

    async def stop(self) -> None:
        await self._producer.stop()

    async def send(self, topic: str, key: str, model: Any) -> None:
        record: faust.Record = to_record(model)
        await self._producer.send(topic, key=key.encode(), value=record.dumps())

    async def send_many(self, topic: str, items: Iterable[tuple[str, Any]]) -> int:
        """Queue every item, then wait for all acks: one round trip per batch, not per item."""
        futures = []
        for key, model in items:
            value = to_record(model).dumps()
            futures.append(await self._producer.send(topic, key=key.encode(), value=value))
        if futures:
            await asyncio.gather(*futures)
        return len(futures)

    async def __aenter__(self) -> "Publisher":
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


async def consume_json(
    bootstrap: str, topic: str, *, from_beginning: bool, timeout: float | None, group: str | None = None
) -> AsyncIterator[dict[str, Any]]:
    """Yield decoded JSON values of `topic` until `timeout` seconds pass (None: forever)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=group is not None,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    # Every await is bounded: an aiokafka consumer can stall in start/getmany/stop (seen in tests,
    # not explained), and a bounded read must end when its caller said.
    try:
        await asyncio.wait_for(consumer.start(), 30.0)
    except (asyncio.TimeoutError, KafkaError) as exc:
        with contextlib.suppress(asyncio.TimeoutError, KafkaError):
            await asyncio.wait_for(consumer.stop(), 10.0)
        reason = "no answer within 30 s" if isinstance(exc, asyncio.TimeoutError) else str(exc)
        raise BrokerError(f"consuming {topic} from {bootstrap}: {reason}") from exc
    loop = asyncio.get_running_loop()
    deadline = None if timeout is None else loop.time() + timeout
    try:
        while deadline is None or loop.time() < deadline:
            wait_ms = 500 if deadline is None else max(1, int(min(0.5, deadline - loop.time()) * 1000))
            try:
                batches = await asyncio.wait_for(consumer.getmany(timeout_ms=wait_ms), wait_ms / 1000 + 5.0)
            except asyncio.TimeoutError:
                log.warning("consuming %s: a fetch overran its timeout; retrying", topic)
                continue
            for batch in batches.values():
                for msg in batch:
                    try:
                        yield orjson.loads(msg.value)
                    except orjson.JSONDecodeError:
                        log.warning("skipping undecodable record at %s[%d]@%d", msg.topic, msg.partition, msg.offset)
    except KafkaError as exc:
        raise BrokerError(f"consuming {topic} failed: {exc}") from exc
    finally:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(consumer.stop(), 10.0)
