"""BatchDeliveringConsumer: Faust's per-message delivery rules, one task per fetched batch."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import faust
from faust.types import TP

from streams.pipeline.consumer import BatchDeliveringConsumer

TP0, TP1 = TP("news.raw", 0), TP("news.raw", 1)


def make_consumer() -> BatchDeliveringConsumer:
    app = faust.App("test-consumer", broker="kafka://127.0.0.1:1", autodiscover=False)
    app.transport.Consumer = BatchDeliveringConsumer
    consumer = app.consumer
    assert isinstance(consumer, BatchDeliveringConsumer)
    return consumer


def fetched(*pairs):
    return [(tp, SimpleNamespace(topic=tp.topic, partition=tp.partition, offset=offset)) for tp, offset in pairs]


async def test_a_batch_is_delivered_in_order_skipping_what_was_read_already():
    consumer = make_consumer()
    delivered = []

    async def callback(message):
        delivered.append((message.partition, message.offset))

    consumer.callback = callback
    consumer._read_offset[TP1] = 7  # partition 1 was read up to 7: 5 and 6 are redeliveries
    await consumer._deliver(fetched((TP0, 0), (TP1, 5), (TP0, 1), (TP1, 6), (TP1, 7), (TP1, 8), (TP0, 2)),
                            consumer.app.consumer_generation_id)
    assert delivered == [(0, 0), (0, 1), (1, 7), (1, 8), (0, 2)]
    assert consumer._read_offset[TP0] == 2 and consumer._read_offset[TP1] == 8


async def test_a_suspended_flow_stops_the_batch_and_leaves_the_rest_unread():
    """A rebalance sets `suspend_flow`: what is left of the batch is neither delivered nor marked
    read, so it is fetched again from the committed offsets."""
    consumer = make_consumer()
    delivered = []

    async def callback(message):
        delivered.append(message.offset)
        if message.offset == 2:
            consumer.suspend_flow.set()
            await asyncio.sleep(1)  # a delivery blocked on a full stream buffer

    consumer.callback = callback
    batch = fetched(*((TP0, o) for o in range(10)))
    result = await consumer.wait_first(consumer._deliver(batch, consumer.app.consumer_generation_id),
                                       consumer.suspend_flow.wait())
    assert not result.stopped and len(result.done) == 1  # the suspension won; the batch was cancelled
    assert delivered == [0, 1, 2]
    assert consumer._read_offset[TP0] == 1


async def test_a_new_generation_ends_the_batch_as_fausts_getmany_would():
    consumer = make_consumer()
    app = consumer.app
    delivered = []

    async def callback(message):
        delivered.append(message.offset)
        if message.offset == 1:
            app.consumer_generation_id += 1  # a rebalance completed meanwhile

    consumer.callback = callback
    await consumer._deliver(fetched(*((TP0, o) for o in range(5))), app.consumer_generation_id)
    assert delivered == [0, 1] and consumer._read_offset[TP0] == 1
