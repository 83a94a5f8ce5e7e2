"""Clean + tag in a helper process, so a worker uses a second core.

The stage is pure and keeps no state between items, and it is about a fifth of a busy worker's
time. Everything else (Faust, the broker clients, clustering and its tables) must stay in the
worker's one thread, so this is the piece that can move: the agent hands a batch of raw values to
the helper and, while it works, the loop runs the stories agent. `clean_processes = 0` runs the
same function inline. Values cross as bytes (the topic's JSON) in and out: no records are pickled.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from streams.errors import InputError, PoisonRecord
from streams.flow import Process, shard_key
from streams.models import RawItem
from streams.pipeline.codec import decode, encode

log = logging.getLogger("newsstream.offload")

OK, DROPPED, POISON, FAILED = "ok", "dropped", "poison", "failed"
Result = tuple[str, str, bytes]  # (OK, shard key, article JSON) | (DROPPED|POISON|FAILED, reason, b"")

_step: Process | None = None


def process_values(values: list[bytes], now: float) -> list[Result]:
    """Each `news.raw` value → its article, keyed by clustering shard, or why there is none. Never
    raises for one item: a bad record must not cost the batch."""
    global _step
    if _step is None:
        _step = Process()
    out: list[Result] = []
    for value in values:
        try:
            article = _step(decode(RawItem, value), now)
        except PoisonRecord as exc:
            out.append((POISON, str(exc), b""))
        except InputError as exc:  # valid record, nothing usable in it (e.g. no title)
            out.append((DROPPED, str(exc), b""))
        except Exception as exc:  # noqa: BLE001 — a stage bug goes to dead letters, with its trace
            out.append((FAILED, f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}", b""))
        else:
            out.append((OK, shard_key(article), encode(article)))
    return out


def _start_helper() -> None:  # pragma: no cover - runs in the helper
    """The helper dies with the worker, even one killed with SIGKILL, and warms the stage up."""
    from streams.broker import die_with_parent

    die_with_parent()
    process_values([], 0.0)


class Offload:
    """`await run(values, now)`: `process_values` in a helper process (or inline with 0)."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    async def run(self, values: list[bytes], now: float) -> list[Result]:
        if self.processes <= 0:
            return process_values(values, now)
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            try:
                if self._pool is None:
                    # spawn, not fork: the worker has threads (Faust's consumer), which fork would copy
                    self._pool = ProcessPoolExecutor(self.processes, mp_context=get_context("spawn"),
                                                     initializer=_start_helper)
                return await loop.run_in_executor(self._pool, process_values, values, now)
            except BrokenProcessPool:
                log.error("clean+tag helper process died (attempt %d); starting a new one", attempt)
                self.close()
            except Exception:  # noqa: BLE001 — cannot start or reach a helper: never stop the agent
                log.exception("clean+tag helper unavailable: this batch runs in the worker")
                self.close()
                break
        else:
            log.error("clean+tag helper keeps dying: this batch runs in the worker")
        return process_values(values, now)

    def close(self) -> None:
        """Stop the helper now, even mid-batch: `shutdown` alone lets a running batch finish, and
        the interpreter's exit then waits for it (a worker's SIGTERM took as long as the batch).
        The batch is not lost: its offsets are not committed, so it is read again."""
        if self._pool is not None:
            for proc in list(getattr(self._pool, "_processes", {}).values()):  # no public handle to them
                proc.terminate()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
