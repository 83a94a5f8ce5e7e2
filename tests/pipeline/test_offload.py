"""clean + tag in a helper process: the same results as inline, one outcome per record, and a
helper that dies is replaced."""

from __future__ import annotations

import os
import signal

import orjson
import pytest

from streams.archive import read_archive
from streams.flow import Process
from streams.models import Article, RawItem
from streams.pipeline import offload as off
from streams.pipeline.codec import decode, encode
from tests.conftest import FIXTURES

NOW = 1_750_000_000.0


def raw_values() -> list[bytes]:
    items = [line.item for line in read_archive(FIXTURES / "multiscript.jsonl") if line.item is not None]
    items.append(RawItem(id="empty", feed_url="https://x.example/feed", source="X", url="https://x.example/e",
                         title="   ", content="<p> </p>"))
    return [encode(item) for item in items] + [b"{not json", orjson.dumps({"id": "no-fields"})]


def test_each_record_gets_its_outcome_in_order():
    values = raw_values()
    results = off.process_values(values, NOW)
    assert len(results) == len(values)
    statuses = [status for status, _, _ in results]
    assert statuses[-4:] == [off.OK, off.DROPPED, off.POISON, off.POISON]
    assert "no title or text" in results[-3][1]
    process = Process()
    for value, (status, key, payload) in zip(values[:-3], results[:-3], strict=True):
        assert status == off.OK
        article = decode(Article, payload)
        assert article == process(decode(RawItem, value), NOW)  # the stage itself, nothing else
        assert key == article.lang and key in ("zh", "ja", "ru", "th", "ar")


def test_a_stage_bug_fails_one_record_not_the_batch(monkeypatch):
    real = Process.__call__

    def buggy(self, raw, now):
        if raw.id.endswith("1"):
            raise RuntimeError("boom")
        return real(self, raw, now)

    monkeypatch.setattr(Process, "__call__", buggy)
    monkeypatch.setattr(off, "_step", None)
    values = raw_values()[:12]
    ids = [decode(RawItem, v).id for v in values]
    results = off.process_values(values, NOW)
    monkeypatch.setattr(off, "_step", None)
    for rid, (status, detail, _) in zip(ids, results, strict=True):
        if rid.endswith("1"):
            assert status == off.FAILED and detail.startswith("RuntimeError: boom") and "Traceback" in detail
        else:
            assert status == off.OK


async def test_the_helper_process_gives_the_inline_results_and_is_replaced_when_it_dies():
    values = raw_values()
    helper = off.Offload(1)
    try:
        assert await helper.run([], 0.0) == []
        (pid,) = list(helper._pool._processes)
        assert pid != os.getpid()
        assert await helper.run(values, NOW) == off.process_values(values, NOW)
        os.kill(pid, signal.SIGKILL)
        assert await helper.run(values, NOW) == off.process_values(values, NOW)  # a new helper, same answers
        assert list(helper._pool._processes) != [pid]
    finally:
        helper.close()


@pytest.mark.parametrize("processes", [0, -1])
async def test_no_helper_runs_inline(processes):
    helper = off.Offload(processes)
    assert await helper.run(raw_values()[:3], NOW) == off.process_values(raw_values()[:3], NOW)
    assert helper._pool is None


async def test_a_helper_that_cannot_start_leaves_the_batch_to_the_worker(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("Too many open files")

    monkeypatch.setattr(off, "ProcessPoolExecutor", refuse)
    helper = off.Offload(1)
    values = raw_values()[:3]
    assert await helper.run(values, NOW) == off.process_values(values, NOW)
    assert helper._pool is None


async def test_closing_stops_the_helper_even_mid_batch():
    """`shutdown(wait=False)` let a running batch finish, and interpreter exit waited for it: a
    worker's SIGTERM took as long as a slow batch."""
    import asyncio
    import time

    helper = off.Offload(1)
    await helper.run([], 0.0)  # the helper is up
    procs = list(helper._pool._processes.values())
    busy = asyncio.get_running_loop().run_in_executor(helper._pool, time.sleep, 30)
    await asyncio.sleep(0.5)  # the helper is in the middle of it
    helper.close()
    for proc in procs:
        proc.join(5)
    assert procs and not any(proc.is_alive() for proc in procs)
    from concurrent.futures.process import BrokenProcessPool

    with pytest.raises(BrokenProcessPool):  # stopped, not finishing the batch
        await asyncio.wait_for(busy, 5)
