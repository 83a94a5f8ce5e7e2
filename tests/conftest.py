"""Shared fixtures: paths to ../shared (skip when absent), and one embedded Kafka per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip: a fresh clone has no ../shared beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: these tests read the project's shared data from ../shared")
    return path


@pytest.fixture(scope="session")
def kafka(tmp_path_factory: pytest.TempPathFactory):
    """A real Apache Kafka broker (embedded, KRaft) for the whole test session."""
    from streams.broker import EmbeddedBroker

    broker = EmbeddedBroker(tmp_path_factory.mktemp("kafka"))
    try:
        broker.start()
    except Exception as exc:  # noqa: BLE001 - report why integration tests cannot run
        if os.environ.get("CI"):
            raise
        pytest.skip(f"embedded Kafka could not start here: {exc}")
    yield broker
    broker.stop()
