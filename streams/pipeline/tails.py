"""Whole-topic readers outside the consumer group: every worker sees every record of a topic.

The worker's web server needs views no single partition owner has: all subscriptions (to match and
to serve), all alerts (SSE fan-out with resume), all story snapshots (the dashboard's live list),
feed health from the poller's changelog. Each `TopicTail` reads its topic from the beginning with
a group-less aiokafka consumer and hands (partition, offset, key, value) to a callback; `caught_up`
is set once it has read what the topic held when it started.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

log = logging.getLogger("newsstream.tails")

OnRecord = Callable[[int, int, bytes | None, bytes | None], None]


class TopicTail:
    def __init__(self, bootstrap: str, topic: str, on_record: OnRecord) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.on_record = on_record
        self.caught_up = asyncio.Event()
        self.consumer: AIOKafkaConsumer | None = None
        self.records = 0
        self.positions: dict[int, int] = {}  # next offset per partition: a restart resumes here

    async def run(self) -> None:
        """Read forever (until cancelled); waits for the topic to exist, survives broker hiccups."""
        while True:
            try:
                await self._run_once()
            except KafkaError as exc:
                log.warning("tail of %s: %s; retrying", self.topic, exc)
                await asyncio.sleep(2.0)

    async def _run_once(self) -> None:
        # Without a group id aiokafka assigns every partition of a subscribed topic (and waits
        # for the topic to exist); the records are read from the start of retention.
        consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None,
                                    enable_auto_commit=False, auto_offset_reset="earliest")
        await consumer.start()
        self.consumer = consumer
        ends: dict[int, int] | None = None
        try:
            while self.topic not in await consumer.topics():  # e.g. the poller has not run yet
                await asyncio.sleep(5.0)
            consumer.subscribe([self.topic])
            while True:
                batches = await consumer.getmany(timeout_ms=500, max_records=2000)
                for tp, msgs in batches.items():
                    for msg in msgs:
                        if msg.offset < self.positions.get(tp.partition, 0):
                            continue  # read before a reconnect
                        self.records += 1
                        self.positions[tp.partition] = msg.offset + 1
                        self.on_record(tp.partition, msg.offset, msg.key, msg.value)
                if ends is None and consumer.assignment():
                    assigned = sorted(consumer.assignment())
                    ends = {tp.partition: off for tp, off in (await consumer.end_offsets(assigned)).items()}
                if ends is not None and not self.caught_up.is_set() and \
                        all(self.positions.get(p, 0) >= end for p, end in ends.items()):
                    self.caught_up.set()
        finally:
            self.consumer = None
            await consumer.stop()

    async def passed(self, partition: int, offset: int, timeout: float = 10.0) -> bool:
        """Wait until the record at `offset` has been handed to the callback (read-your-writes)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.positions.get(partition, 0) <= offset:
            if loop.time() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    async def reachable(self, timeout: float = 3.0) -> bool:
        """True when the broker answers a metadata request."""
        consumer = self.consumer
        if consumer is None:
            return False
        try:
            await asyncio.wait_for(consumer.topics(), timeout)
            return True
        except (KafkaError, asyncio.TimeoutError):
            return False
