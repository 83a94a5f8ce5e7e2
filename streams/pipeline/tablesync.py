"""Two gaps between Faust tables and `take_events()` batches, closed here for every agent.

1. Faust sets the "current event" (whose partition a table write's changelog record goes to)
   only for one-at-a-time iteration: `event_context` sets it for a batch's event.
2. Before committing offsets Faust flushes its producer buffer, but that flush gives up after
   0.1 s without progress (faust/transport/producer.py `flush_atmost`): under load offsets can be
   committed while the batch's changelog records still sit in the buffer, and a kill -9 then
   loses table writes whose input will never be redelivered. `changelog_flushed` waits until the
   buffer is empty before the batch is acknowledged; the commit's own aiokafka flush covers the rest.
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
    """Make `event` current so table writes go to its partition's changelog."""
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)


async def changelog_flushed(app: Any, poll: float = 0.005) -> None:
    """Return once every table write made so far has left Faust's producer buffer."""
    buffer = app.producer.buffer
    while buffer.size:
        await asyncio.sleep(poll)
