"""The `run`/`demo` supervisor stops what it started, however it is asked to, and notices deaths."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from streams.runner import Supervisor, print_alerts, stop_child
from streams.settings import Settings

STUBBORN = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(60)"


def stubborn() -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    return proc


def test_a_second_signal_while_stopping_kills_the_child_instead_of_waiting():
    proc, asked = stubborn(), time.monotonic() + 0.3
    started = time.monotonic()
    stop_child(proc, timeout=30.0, hurry=lambda: time.monotonic() > asked)
    assert proc.poll() is not None and time.monotonic() - started < 5.0


def test_a_child_ignoring_sigterm_is_killed_after_the_timeout():
    proc = stubborn()
    started = time.monotonic()
    stop_child(proc, timeout=0.5)
    assert proc.poll() is not None and time.monotonic() - started < 5.0


def test_the_embedded_broker_exiting_ends_the_run(tmp_path):
    sup = Supervisor(Settings(data_dir=tmp_path), tmp_path / "feeds.yaml")
    assert sup.dead_child() is None
    gone = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    gone.wait()
    sup.broker = SimpleNamespace(proc=gone, log_path=tmp_path / "broker.log")  # as EmbeddedBroker has them
    assert sup.dead_child() == f"the embedded Kafka exited with 3; see {tmp_path / 'broker.log'}"


async def test_ctrl_c_while_waiting_for_an_unreachable_broker_stops_at_once(tmp_path):
    sup = Supervisor(Settings(data_dir=tmp_path, broker="127.0.0.1:1"), Path("feeds.yaml"))
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(0.5, stop.set)
    started = time.monotonic()
    await asyncio.wait_for(print_alerts(sup, stop), 20)  # ensure_topics alone waits 60 s
    assert time.monotonic() - started < 10 and not sup.children


def test_one_embedded_broker_per_data_dir(tmp_path):
    """A second broker on the same KRaft log disturbed the first's controller before Kafka's own
    lock stopped it: the second is refused before it writes anything."""
    import pytest

    from streams.broker import EmbeddedBroker
    from streams.errors import BrokerError

    first, second = EmbeddedBroker(tmp_path), EmbeddedBroker(tmp_path)
    first._take_lock()
    with pytest.raises(BrokerError, match="another embedded Kafka is running"):
        second._take_lock()
    first.stop()  # nothing running: releases the lock all the same
    second._take_lock()
    second.kill()


async def test_following_alerts_keeps_one_stop_waiter(monkeypatch, tmp_path):
    """A new `stop.wait()` task each second piled up ~86,000 pending tasks a day."""
    from streams.pipeline import clients

    async def no_alerts():
        await asyncio.Event().wait()
        yield {}

    async def topics_exist(*args, **kwargs):
        return None

    monkeypatch.setattr(clients, "ensure_topics", topics_exist)
    monkeypatch.setattr(clients, "consume_json", lambda *args, **kwargs: no_alerts())
    sup = Supervisor(Settings(data_dir=tmp_path, broker="127.0.0.1:1"), Path("feeds.yaml"))
    monkeypatch.setattr(sup, "start_children", lambda: None)
    stop = asyncio.Event()
    task = asyncio.ensure_future(print_alerts(sup, stop))
    await asyncio.sleep(3.5)
    waiters = [t for t in asyncio.all_tasks() if "Event.wait" in repr(t.get_coro())]
    stop.set()
    await asyncio.wait_for(task, 5)
    assert len(waiters) == 1
