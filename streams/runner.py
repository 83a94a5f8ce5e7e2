"""`newsstream run` / `demo`: broker, worker, poller and an alert printer, stopped together.

The worker and the poller run as child processes, exactly as `docker compose` runs them, so the
same code paths are exercised; this process supervises them and prints alerts as they arrive.
Ctrl-C (or SIGTERM, SIGHUP) stops poller → worker → broker, in that order, and leaves nothing
running: a second Ctrl-C kills what is left at once, and children die with this process even if it
is killed (`die_with_parent`). A child or the embedded broker that exits ends the run with an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streams.broker import EmbeddedBroker, die_with_parent
from streams.errors import NewsstreamError
from streams.settings import Settings

STOP_TIMEOUT = 30.0


def spawn(role: list[str], settings: Settings, log_path: Path, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start `newsstream <role…>` as a child with `settings` in its environment."""
    env = {**os.environ, **settings.env(), **(extra_env or {})}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as out:
        # Its own process group (the terminal's Ctrl-C is ours to handle), and SIGTERM if we die.
        return subprocess.Popen([sys.executable, "-m", "streams.cli", *role], env=env, stdout=out,
                                stderr=subprocess.STDOUT, preexec_fn=die_with_parent)


def stop_child(proc: subprocess.Popen[bytes] | None, timeout: float = STOP_TIMEOUT,
               hurry: Callable[[], bool] = lambda: False) -> None:
    """SIGTERM, then SIGKILL after `timeout`, or as soon as `hurry()` (a second Ctrl-C)."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    for _ in range(int(timeout / 0.1)):
        if hurry():
            break
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(0.1)
            return
    proc.kill()
    proc.wait()


def format_alert(alert: dict[str, Any]) -> str:
    sources = ", ".join(alert.get("sources") or [])
    verb = {"story_developing": "made developing", "story_created": "started",
            "story_merged": f"merged {alert.get('merged_from')} into"}.get(alert.get("kind", ""), "joined")
    return (f"[{alert.get('created_at', '')}] {alert.get('kind')}: {alert.get('source')} {verb} "
            f"“{alert.get('headline')}” — now {len(alert.get('sources') or [])} sources: {sources}")


class Supervisor:
    """Owns the child processes of one `run`/`demo` invocation."""

    def __init__(self, settings: Settings, feeds: Path, extra_env: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.feeds = feeds
        self.extra_env = extra_env or {}
        self.broker: EmbeddedBroker | None = None
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.hurry = False  # a signal came while stopping: kill rather than wait

    @property
    def log_dir(self) -> Path:
        return self.settings.data_dir / "logs"

    def start_broker(self) -> None:
        if self.settings.broker:
            return
        self.broker = EmbeddedBroker(self.settings.data_dir / "kafka")
        bootstrap = self.broker.start()
        self.settings = self.settings.with_(broker=bootstrap)
        print(f"Kafka (embedded, KRaft) ready at {bootstrap} in {self.broker.start_seconds:.1f}s", flush=True)

    def start_children(self) -> None:
        self.children["worker"] = spawn(["worker"], self.settings, self.log_dir / "worker.log", self.extra_env)
        self.children["poller"] = spawn(["poll", "--feeds", str(self.feeds)], self.settings,
                                        self.log_dir / "poller.log", self.extra_env)
        base = f"http://{self.settings.web_host}:{self.settings.web_port}"
        print(f"worker and poller started (logs in {self.log_dir}); "
              f"dashboard at {base}/ , stories at {base}/stories", flush=True)

    def dead_child(self) -> str | None:
        for name, proc in self.children.items():
            if proc.poll() is not None:
                return f"{name} exited with {proc.returncode}; see {self.log_dir / (name + '.log')}"
        broker = self.broker.proc if self.broker is not None else None
        if broker is not None and broker.poll() is not None:
            return f"the embedded Kafka exited with {broker.returncode}; see {self.broker.log_path}"
        return None

    def stop(self) -> None:
        """Stop everything; a signal meanwhile (Ctrl-C again) kills what is left instead of
        interrupting the stop half-way, which left the worker running, holding its port."""
        def hurry(signum: int, frame: Any) -> None:
            self.hurry = True

        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, hurry)
        for name in ("poller", "worker"):
            stop_child(self.children.pop(name, None), hurry=lambda: self.hurry)
        if self.broker is not None:
            if self.hurry:
                self.broker.kill()
            else:
                self.broker.stop()
            self.broker = None


async def print_alerts(sup: Supervisor, stop: asyncio.Event) -> None:
    """Print alerts from now on until `stop` is set; also watch the children."""
    from streams.pipeline import topics
    from streams.pipeline.clients import consume_json, ensure_topics

    ready = asyncio.ensure_future(ensure_topics(sup.settings.broker, sup.settings.partitions, sup.settings.replication))
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait({ready, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if not ready.done():  # Ctrl-C while an unreachable broker is being waited for
        ready.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ready
        return
    ready.result()
    alerts = consume_json(sup.settings.broker, topics.ALERTS, from_beginning=False, timeout=None)
    try:
        await _follow(sup, stop, stopped, alerts)
    finally:
        stopped.cancel()
        await alerts.aclose()


async def _follow(sup: Supervisor, stop: asyncio.Event, stopped: asyncio.Future[Any], alerts: Any) -> None:
    """Print each alert as it comes, until `stop`; one `stopped` waiter for the whole run (a new
    one each second had piled up 86,000 pending tasks a day)."""
    started = False
    pending: asyncio.Task[Any] | None = None
    try:
        while not stop.is_set():
            if pending is None:
                pending = asyncio.ensure_future(alerts.__anext__())
            if not started:
                await asyncio.sleep(1.0)  # let the consumer take its position at the end first
                sup.start_children()
                started = True
            done, _ = await asyncio.wait({pending, stopped}, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
            if pending in done:
                print(format_alert(pending.result()), flush=True)
                pending = None
            problem = sup.dead_child()
            if problem:
                raise NewsstreamError(problem)
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await pending


def supervise(sup: Supervisor, before: Any = None, after: Any = None) -> int:
    """Run until Ctrl-C/SIGTERM; `before`/`after` are async hooks (e.g. the demo feed server)."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, stop.set)
        try:
            if before is not None:
                await before()
            await print_alerts(sup, stop)
        finally:
            if after is not None:
                await after()

    try:
        sup.start_broker()
        asyncio.run(main())
        print("stopping…", flush=True)
        return 0
    except NewsstreamError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        sup.stop()
