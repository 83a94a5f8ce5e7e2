"""Two Faust hops doing nothing: the ceiling the pipeline's plumbing sets on this box.

The live pipeline is two Faust hops (news.raw → process agent → news.articles, re-keyed by the
clustering shard → stories agent → news.stories). This app is the same plumbing with no work: the
same consumer class and producer settings as `streams.pipeline.app`, batches of
`Settings.batch_size` from `take_events`, records sent straight to the producer, the second topic
keyed by one shard as uci-dev's English is. `bench/pipeline.py` starts it as
`python bench/faust_hops.py worker` (environment: HOPS_BROKER, HOPS_APP, HOPS_TOPICS=in,mid,out,
HOPS_DIR) and times N records from `in` to `out` in the same run as the raw pass-through.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import faust  # noqa: E402

from streams.pipeline.consumer import BatchDeliveringConsumer  # noqa: E402
from streams.settings import Settings  # noqa: E402

SHARD = b"en"  # the second hop's key: one clustering shard, one partition, as the stories agent reads it

settings = Settings()
source, middle, sink = os.environ.get("HOPS_TOPICS", "hops.in,hops.mid,hops.out").split(",")
app = faust.App(
    os.environ.get("HOPS_APP", "bench-hops"),
    broker=f"kafka://{os.environ.get('HOPS_BROKER', '127.0.0.1:9092')}",
    datadir=os.environ.get("HOPS_DIR", "/tmp/bench-hops"),
    web_enabled=False,
    topic_partitions=4,
    key_serializer="raw",
    value_serializer="raw",
    consumer_auto_offset_reset="earliest",
    stream_wait_empty=False,
    producer_acks=-1,
    producer_linger_ms=5,
    producer_max_batch_size=1024 * 1024,
    autodiscover=False,
)
app.transport.Consumer = BatchDeliveringConsumer


async def _forward(stream, topic: str, key: bytes | None) -> None:
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        sent = [await app.producer.send(topic, key or e.message.key, e.message.value, None, None, None)
                for e in events]
        for fut in sent:
            await fut


@app.agent(app.topic(source))
async def first_hop(stream) -> None:
    await _forward(stream, middle, SHARD)


@app.agent(app.topic(middle))
async def second_hop(stream) -> None:
    await _forward(stream, sink, None)


if __name__ == "__main__":
    app.main()
