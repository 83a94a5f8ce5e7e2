"""The Faust App, and nothing else. Configured from `Settings` (env), because `faust worker`
and our CLI import it by module name in a process whose environment the CLI prepared."""

from __future__ import annotations

import faust

from streams.pipeline import records  # noqa: F401  (registers the orjson codec)
from streams.pipeline.consumer import BatchDeliveringConsumer
from streams.settings import Settings

settings = Settings.load()

app = faust.App(
    settings.topic_prefix + settings.app_id,
    broker=f"kafka://{settings.broker or '127.0.0.1:9092'}",
    store=settings.store,
    datadir=str(settings.data_dir / "worker"),
    web_host=settings.web_host,
    web_bind=settings.web_host,
    web_port=settings.web_port,
    canonical_url=settings.peer_url,  # passed to the other workers through the group (`peers`)
    topic_partitions=settings.partitions,
    topic_replication_factor=settings.replication,
    key_serializer="raw",
    value_serializer="orjson",
    consumer_auto_offset_reset="earliest",
    table_standby_replicas=0,
    # Shutdown must not wait for in-flight batches (a stuck one would hang SIGTERM): their offsets
    # are not committed, so they are redelivered and recognised (at-least-once).
    stream_wait_empty=False,
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=min(3.0, settings.session_timeout / 4),
    producer_acks=-1,
    producer_linger_ms=5,
    producer_max_batch_size=1024 * 1024,
    autodiscover=False,
)
# One delivery task per fetched batch, not four tasks per message (consumer.py): the worker spends
# ~18 % less CPU per article in bench/pipeline.py.
app.transport.Consumer = BatchDeliveringConsumer
