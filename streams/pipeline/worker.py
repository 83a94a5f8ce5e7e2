"""Start a Faust worker running every agent and the web server in this process."""

from __future__ import annotations

import asyncio
from typing import Any

from streams.settings import Settings


def run_worker(settings: Settings, loglevel: str = "warn") -> None:
    """Blocks until SIGINT/SIGTERM. `settings` must already be exported to the environment."""
    from faust import Worker

    from streams.pipeline import agents, delivery, web  # noqa: F401  (registers agents, tables, pages)
    from streams.pipeline.app import app
    from streams.pipeline.clients import ensure_topics

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(ensure_topics(settings.broker, settings.partitions, settings.replication))
    asyncio.set_event_loop(asyncio.new_event_loop())
    quiet_worker(Worker(app, loglevel=loglevel, quiet=True)).execute_from_commandline()


def quiet_worker(worker: Any) -> Any:
    """No terminal spinner: to spin on every log record Faust sets the root logger to DEBUG, and
    building aiokafka's per-request debug records then costs ~10% of a busy worker's CPU."""
    worker.spinner = None
    return worker
