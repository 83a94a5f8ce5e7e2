"""Faust's Kafka consumer with one delivery task per fetched batch instead of four tasks per message.

Faust's `Consumer._drain_messages` hands each message to the streams through
`wait_first(callback(message), suspend_flow.wait())`, so that a delivery blocked on a full stream
buffer still gives way to a rebalance or a stop. `wait_first` wraps each of those, plus the
consumer's `stopped` and `crashed` events, in a task and cancels the losers: four tasks and an
`asyncio.wait` per message, ~18 % of the worker's CPU per article in bench/pipeline.py. Here the
fetch stays outside, as in Faust (cancelling a fetch would drop records aiokafka has already handed
over), and the fetched batch is delivered by one coroutine under one `wait_first`. If the flow is
suspended (a rebalance), the generation changes or the consumer stops, the rest of the batch is
dropped undelivered, its read offsets not advanced, and it is read again from the committed
offsets (at-least-once).
"""

from __future__ import annotations

import asyncio
from typing import Any

from faust.transport.consumer import CONSUMER_FETCHING
from faust.transport.drivers.aiokafka import Consumer as AIOKafkaConsumer
from faust.types import TP

YIELD_EVERY = 100  # messages delivered between yields to the loop (as Faust's own drain)


class BatchDeliveringConsumer(AIOKafkaConsumer):
    """The aiokafka-driver consumer with a batch-at-a-time drain loop."""

    async def _drain_messages(self, fetcher: Any) -> None:  # pragma: no cover - runs in every worker
        consumer_stopped, fetcher_stopped = self._stopped.is_set, fetcher._stopped.is_set
        try:
            while not (consumer_stopped() or fetcher_stopped()):
                self.diag.set_flag(CONSUMER_FETCHING)
                batch = [pair async for pair in self.getmany(timeout=1.0)]
                generation = self.app.consumer_generation_id
                await self.sleep(0)
                if batch and not self.should_stop:
                    await self.wait_first(self._deliver(batch, generation), self.suspend_flow.wait())
                self.diag.unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                self.log.info("Broker stopped consumer, shutting down...")
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                self.log.info("Consumer shutting down for user cancel.")
                return
            raise
        except Exception as exc:
            self.log.exception("Drain messages raised: %r", exc)
            raise
        finally:
            self.diag.unset_flag(CONSUMER_FETCHING)

    async def _deliver(self, batch: list[tuple[TP, Any]], generation: int) -> None:
        """Faust's per-message body: skip what was read already, record gaps in acked topics,
        commit every `commit_every` acks, hand the message to the streams, advance the read offset;
        stop where Faust's `getmany` would (the flow stopped or the generation changed)."""
        read_offset, app = self._read_offset, self.app
        callback, commit_every = self.callback, self._commit_every
        acks_enabled_for = app.topics.acks_enabled_for
        since_yield = 0
        for tp, message in batch:
            if not self.flow_active or app.consumer_generation_id != generation:
                return
            since_yield += 1
            if since_yield > YIELD_EVERY:
                await asyncio.sleep(0)
                since_yield = 0
            offset = message.offset
            r_offset = read_offset[tp]
            if r_offset is not None and offset < r_offset:
                continue
            if r_offset and offset - r_offset > 1 and acks_enabled_for(message.topic):
                await asyncio.shield(self._add_gap(tp, r_offset + 1, offset))
            if commit_every is not None and self._n_acked >= commit_every:
                self._n_acked = 0
                await asyncio.shield(self.commit())  # Faust commits outside the cancellable part
            await callback(message)
            read_offset[tp] = offset
