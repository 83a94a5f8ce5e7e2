"""Table writes from `take_events()` batches that are durable before the batch is acknowledged.

1. `write` (the stories agent): sets the store and sends the changelog record straight to the
   producer, to the partition given; the agent awaits the futures before its batch is acknowledged.
   Faust's own path (`table[k] = v`) sends each record through a buffer behind a FutureMessage,
   callbacks and sensors, drained one at a time. Both need a "current event" (its partition picks
   the RocksDB database), which Faust sets only for one-at-a-time iteration: `event_context`.
2. `changelog_flushed` (agents that keep `table[k] = v`): before committing offsets Faust flushes
   its producer buffer, but that flush gives up after 0.1 s without progress
   (faust/transport/producer.py `flush_atmost`): under load offsets could be committed while a
   batch's changelog records still sat in the buffer, and a kill -9 then lost table writes whose
   input would never be redelivered. It waits until the buffer is empty; the commit's own aiokafka
   flush covers the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Iterator
from typing import Any

from faust import streams as faust_streams


@contextlib.contextmanager
def event_context(event: Any) -> Iterator[None]:
    """Make `event` current: Faust's RocksDB store picks a write's partition database from it."""
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)


class _Message:
    __slots__ = ("partition",)

    def __init__(self, partition: int) -> None:
        self.partition = partition


class _At:
    """A stand-in current event, for writes made outside any stream (the poller's loop)."""

    __slots__ = ("message", "__weakref__")

    def __init__(self, partition: int) -> None:
        self.message = _Message(partition)


@contextlib.contextmanager
def partition_context(partition: int) -> Iterator[None]:
    """As `event_context`, for a write with no event: RocksDB files the key under `partition`
    (it must be the changelog record's), where the memory store needs nothing and RocksDB asserts."""
    at = _At(partition)  # held here: the context keeps only a weak reference
    with event_context(at):
        yield


async def write(app: Any, table: Any, key: str, value: bytes | None, partition: int) -> Any:
    """`table[key] = value` (None deletes) with its changelog record sent straight to the producer,
    to `partition`; returns the delivery future. Call it inside `event_context` of an event of that
    partition (the RocksDB store files the key under the current event's partition). The store's
    persisted offset (RocksDB: where a restart resumes reading the changelog) follows each
    acknowledged record, as Faust's own does."""
    if value is None:
        table.data.pop(key, None)
    else:
        table.data[key] = value
    raw_key = app.serializers.dumps_key(table.key_type, key, serializer=table.key_serializer)  # as recovery reads it
    fut = await app.producer.send(table.changelog_topic.get_topic_name(), raw_key, value, partition, None, None)
    fut.add_done_callback(lambda done: _persisted(table, done))
    return fut


def _persisted(table: Any, fut: Any) -> None:
    if not fut.cancelled() and fut.exception() is None:
        meta = fut.result()
        table.data.set_persisted_offset(meta.topic_partition, meta.offset)


async def changelog_flushed(app: Any, poll: float = 0.005) -> None:
    """Return once every table write made so far has left Faust's producer buffer."""
    buffer = app.producer.buffer
    while buffer.size:
        await asyncio.sleep(poll)
