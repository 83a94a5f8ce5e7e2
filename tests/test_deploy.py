"""Static checks of the deployment files: docker-compose.yml, Dockerfile,
.dockerignore and config/feeds.yaml.

No Docker engine is needed. The compose file is validated with the classic
``docker-compose config`` (Debian's ``docker-compose`` 1.29 package); when that
binary is missing the compose test is skipped locally and fails under CI.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
FEEDS_FILE = ROOT / "config" / "feeds.yaml"

MISSING_COMPOSE_REASON = (
    "docker-compose is not on PATH; install Debian's docker-compose: "
    "make test does it (apt-get install -y docker-compose)"
)


# --------------------------------------------------------------------------
# docker-compose.yml
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _run_compose_config(exe: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        # Do not let the caller's compose settings pick another file/project.
        if not k.startswith("COMPOSE_")
    }
    return subprocess.run(
        [exe, "-f", str(COMPOSE_FILE), "config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _compose_config() -> dict:
    """The compose file as normalised by ``docker-compose config``.

    Called from the test bodies (not a fixture) so that a missing binary under
    CI is reported as a test failure rather than a fixture error.
    """
    exe = shutil.which("docker-compose")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING_COMPOSE_REASON + " (required because CI is set)")
        pytest.skip(MISSING_COMPOSE_REASON)
    proc = _run_compose_config(exe)
    assert proc.returncode == 0, (
        f"docker-compose config exited {proc.returncode}\n"
        f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    )
    config = yaml.safe_load(proc.stdout)
    assert isinstance(config, dict), proc.stdout
    return config


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # KEY=VALUE form
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def _command(service: dict) -> list[str]:
    cmd = service.get("command") or []
    return shlex.split(cmd) if isinstance(cmd, str) else [str(c) for c in cmd]


def test_compose_services():
    compose_config = _compose_config()
    services = compose_config.get("services") or {}
    assert {"kafka", "worker", "poller"} <= set(services)


def test_compose_kafka():
    compose_config = _compose_config()
    kafka = compose_config["services"]["kafka"]
    assert re.fullmatch(r"apache/kafka:4\.[\w.\-]+", kafka.get("image", "")), kafka.get("image")

    env = _env(kafka)
    assert env.get("KAFKA_PROCESS_ROLES", "").replace(" ", "") in {
        "broker,controller",
        "controller,broker",
    }
    assert env.get("KAFKA_NODE_ID")
    assert env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")
    assert env.get("KAFKA_CONTROLLER_LISTENER_NAMES")
    assert env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")
    assert "PLAINTEXT://kafka:9092" in env.get("KAFKA_ADVERTISED_LISTENERS", "")
    for key in (
        "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
        "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR",
    ):
        assert env.get(key) == "1", key
    assert env.get("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS") == "0"
    assert env.get("KAFKA_NUM_PARTITIONS") == "8"

    # Log dirs live on the named volume kafka-data.
    log_dirs = env.get("KAFKA_LOG_DIRS", "")
    assert log_dirs
    volumes = [str(v) for v in kafka.get("volumes") or []]
    assert any(
        v.startswith("kafka-data:") and v.split(":")[1] == log_dirs for v in volumes
    ), volumes
    assert "kafka-data" in (compose_config.get("volumes") or {})

    health = kafka.get("healthcheck") or {}
    test = health.get("test")
    assert test and not health.get("disable"), health
    test_str = " ".join(test) if isinstance(test, list) else str(test)
    assert "9092" in test_str and "kafka" in test_str, test_str
    assert kafka.get("restart") == "unless-stopped"


def _assert_waits_for_healthy_kafka(service: dict) -> None:
    depends = service.get("depends_on")
    assert isinstance(depends, dict), depends
    assert (depends.get("kafka") or {}).get("condition") == "service_healthy", depends


def test_compose_worker():
    compose_config = _compose_config()
    worker = compose_config["services"]["worker"]
    assert worker.get("build"), "worker must be built from the Dockerfile"
    assert _command(worker)[:1] == ["worker"]
    _assert_waits_for_healthy_kafka(worker)
    assert worker.get("restart")

    env = _env(worker)
    assert env.get("KAFKA_BOOTSTRAP_SERVERS") == "kafka:9092"
    assert env.get("NEWSSTREAM_STORE", "").startswith("rocksdb://")
    assert env.get("NEWSSTREAM_DATA_DIR") == "/data"

    # Must survive `docker-compose up --scale worker=3`.
    assert "container_name" not in worker
    for port in worker.get("ports") or []:
        published = port.get("published") if isinstance(port, dict) else str(port)
        # Only a published port *range* can be shared by several replicas.
        assert published is None or "-" in str(published), port
    for vol in worker.get("volumes") or []:
        spec = str(vol.get("target") if isinstance(vol, dict) else vol)
        source_and_target = spec.split(":")
        # A named/bind volume at /data would be shared by all replicas.
        assert not (len(source_and_target) > 1 and source_and_target[1] == "/data"), vol


def test_compose_poller():
    compose_config = _compose_config()
    poller = compose_config["services"]["poller"]
    cmd = _command(poller)
    assert cmd[:1] == ["poll"]
    assert "--feeds" in cmd and cmd[cmd.index("--feeds") + 1] == "/app/config/feeds.yaml"
    _assert_waits_for_healthy_kafka(poller)
    assert _env(poller).get("KAFKA_BOOTSTRAP_SERVERS") == "kafka:9092"


# --------------------------------------------------------------------------
# config/feeds.yaml
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def feeds() -> list[dict]:
    data = yaml.safe_load(FEEDS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("feeds"), list), data
    return data["feeds"]


def test_feeds_count(feeds):
    assert len(feeds) >= 35


def test_feeds_entries(feeds):
    for entry in feeds:
        assert isinstance(entry, dict), entry
        url = entry.get("url")
        assert isinstance(url, str) and url, entry
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc, url
        source = entry.get("source")
        assert isinstance(source, str) and source.strip(), entry
        category = entry.get("category")
        assert category is None or (isinstance(category, str) and category.strip()), entry


def test_feeds_unique(feeds):
    urls = [entry["url"] for entry in feeds]
    dupes = sorted({u for u in urls if urls.count(u) > 1})
    assert not dupes, dupes


# --------------------------------------------------------------------------
# Dockerfile / .dockerignore
# --------------------------------------------------------------------------


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with line continuations joined."""
    out: list[tuple[str, str]] = []
    buf = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not buf and (not line or line.startswith("#")):
            continue
        if buf and line.startswith("#"):  # comment inside a continuation
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        if buf.strip():
            word, _, rest = buf.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
        buf = ""
    return out


def _exec_form(args: str) -> list[str]:
    try:
        value = json.loads(args)
    except ValueError:
        return shlex.split(args)
    assert isinstance(value, list), args
    return value


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return _instructions(DOCKERFILE.read_text(encoding="utf-8"))


def test_dockerfile_entrypoint(dockerfile):
    entrypoints = [args for ins, args in dockerfile if ins == "ENTRYPOINT"]
    assert entrypoints, "Dockerfile has no ENTRYPOINT"
    assert _exec_form(entrypoints[-1]) == ["newsstream"]
    cmds = [args for ins, args in dockerfile if ins == "CMD"]
    assert cmds and _exec_form(cmds[-1]) == ["worker"]


def test_dockerfile_installs_rocksdb_extra(dockerfile):
    runs = [args for ins, args in dockerfile if ins == "RUN"]
    assert any(
        "pip install" in run and re.search(r"\.\[[^\]]*\brocksdb\b[^\]]*\]", run)
        for run in runs
    ), runs


def test_dockerfile_runtime(dockerfile):
    froms = [args for ins, args in dockerfile if ins == "FROM"]
    assert froms and all(f.split()[0].startswith("python:3.11-slim") for f in froms), froms
    users = [args for ins, args in dockerfile if ins == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}, users
    assert any("6066" in args.split() for ins, args in dockerfile if ins == "EXPOSE")
    health = [args for ins, args in dockerfile if ins == "HEALTHCHECK"]
    assert health and "/health" in health[-1] and "python" in health[-1], health


def test_dockerignore():
    patterns = {
        line.strip().rstrip("/").lstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    for required in (".venv", ".git", ".pytest_cache"):
        assert required in patterns, required
