"""The one settings object: argument > environment > default.

Frozen, so every stage sees the same values for the life of a process; the CLI builds it once
and passes it down (the Faust app reads it from the environment the CLI exported, because
`faust worker` imports the app module by name).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from streams.cluster import ClusterParams
from streams.errors import ConfigError

ENV_PREFIX = "NEWSSTREAM_"


def _default_data_dir() -> Path:
    return Path(os.environ.get("NEWSSTREAM_DATA_DIR") or Path.cwd() / "data")


@dataclass(frozen=True, slots=True)
class Settings:
    """Runtime settings. Each field `x` can be set by env `NEWSSTREAM_X` (broker also by
    `KAFKA_BOOTSTRAP_SERVERS`)."""

    broker: str = ""  # host:port; empty means "start the embedded broker"
    data_dir: Path = Path("data")
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    store: str = "memory://"  # rocksdb:// in deployments
    feeds: Path = Path("config/feeds.yaml")
    partitions: int = 4
    replication: int = 1
    poll_interval: float = 300.0  # for feeds without entry dates; below poll_min_interval it lowers the floor
    batch_size: int = 500  # stream.take() batch: Faust's per-event overhead dominates
    batch_within: float = 0.05  # seconds to wait for a batch to fill
    clean_processes: int = 1  # helper processes for clean+tag (pure, stateless); 0 runs it in the worker
    # A story with no new article for this long (stream time) goes dormant: it leaves memory, stays
    # in the tables, and is revived if a close enough article comes within `revive_days`. Below the
    # join window (72 h) a story can fall asleep while an article could still have joined it.
    idle_hours: float = ClusterParams().idle_hours
    # A story idle this long (dormant and past revival, or merged away) is deleted with its articles
    # from the tables, and a tombstone on news.stories says so; 0 keeps every story forever.
    retention_days: float = 30.0
    # A worker silent this long (killed, frozen) loses its partitions to the others: the failover
    # delay after a crash. Kafka allows 6..1800 s by default; heartbeats go every session/4, <= 3 s.
    session_timeout: float = 15.0
    allow_private_networks: bool = False
    user_agent: str = "newsstream/0.1"
    contact_url: str = "https://github.com/newsstream/newsstream"  # in the User-Agent: publishers can reach us
    # -- polling (streams/poll): schedule bounds, politeness, hard limits ----------------------
    poll_min_interval: float = 120.0
    poll_max_interval: float = 24 * 3600.0
    poll_jitter: float = 0.1
    poll_entry_factor: float = 0.5  # polls per expected new entry, inverted: 0.5 = twice as often
    poll_error_base: float = 60.0  # first retry after a failure; doubles per failure
    poll_error_cap: float = 6 * 3600.0
    poll_unhealthy_after: int = 5  # consecutive failures; then retried every poll_max_interval
    poll_concurrency: int = 64  # requests in flight per poller process
    poll_host_concurrency: int = 2
    poll_host_gap: float = 1.0  # seconds between request starts to one host
    poll_connect_timeout: float = 10.0
    poll_read_timeout: float = 30.0
    poll_total_timeout: float = 60.0
    poll_max_bytes: int = 10 * 1024 * 1024  # decompressed; the download is aborted past it
    poll_max_entries: int = 200  # per fetch
    poll_max_redirects: int = 5
    poll_first_max: int = 30  # entries emitted by the first poll of a feed with a long backlog
    poll_seen_ttl: float = 30 * 24 * 3600.0  # forget entry ids the feed stopped listing this long ago
    poll_max_seen: int = 2000
    # -- alerts and subscribers (streams/alert, streams/serve) ---------------------------------
    subscriptions: Path = Path("config/subscriptions.yaml")  # watched: edits apply without restart
    api_token: str = ""  # bearer token for mutating API calls; empty: mutations are refused
    public_url: str = ""  # base of the API links in alerts; default http://web_host:web_port
    # this worker's API as the other workers reach it (they ask it for the stories it holds);
    # default http://web_host:web_port, or the host name when web_host binds every interface
    worker_url: str = ""
    alert_developing_sources: int = 3  # `story_developing` at this many distinct sources ...
    alert_developing_window: float = 6 * 3600.0  # ... first seen within this many seconds
    alert_story_created: bool = False  # also alert when a story starts
    alert_story_merged: bool = True  # alert when a story is folded into another (`merged_from`)
    alert_coalesce_window: float = 10.0  # seconds a subscription's joins of one story are batched
    webhook_timeout: float = 10.0
    webhook_max_attempts: int = 8  # then the delivery goes to news.alerts.dlq
    webhook_retry_base: float = 2.0  # first retry after this many seconds; doubles per attempt
    webhook_retry_cap: float = 600.0
    app_id: str = "newsstream"
    topic_prefix: str = ""  # namespaces topics (and the app id): several pipelines on one cluster

    @classmethod
    def load(cls, **overrides: Any) -> "Settings":
        """Build from defaults, then the environment, then non-None `overrides`."""
        values: dict[str, Any] = {"data_dir": _default_data_dir()}
        env_broker = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if env_broker:
            values["broker"] = env_broker
        for f in fields(cls):
            raw = os.environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, f.type, raw)
        types = {f.name: f.type for f in fields(cls)}
        for key, value in overrides.items():
            if key not in types:
                raise ConfigError(f"unknown setting {key!r}")
            if value is not None:
                values[key] = _coerce(key, types[key], value)
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if not 6.0 <= self.session_timeout <= 1800.0:
            raise ConfigError(f"session_timeout must be within the broker's 6..1800 s, got {self.session_timeout}")
        if self.partitions < 1:
            raise ConfigError(f"partitions must be >= 1, got {self.partitions}")
        if not 0 < self.poll_min_interval <= self.poll_max_interval:
            raise ConfigError(f"need 0 < poll_min_interval <= poll_max_interval, got "
                              f"{self.poll_min_interval} and {self.poll_max_interval}")
        if self.poll_max_bytes < 1024 or self.poll_concurrency < 1 or self.poll_host_concurrency < 1:
            raise ConfigError("poll_max_bytes must be >= 1024, poll_concurrency and poll_host_concurrency >= 1")
        if self.alert_developing_sources < 2 or self.webhook_max_attempts < 1 or self.alert_coalesce_window < 0:
            raise ConfigError("need alert_developing_sources >= 2, webhook_max_attempts >= 1, alert_coalesce_window >= 0")
        revive = ClusterParams().revive_days
        if not 1.0 <= self.idle_hours <= revive * 24:
            raise ConfigError(f"idle_hours must be within 1..{revive * 24:g} (a dormant story can be revived "
                              f"for {revive:g} days), got {self.idle_hours:g}")
        if self.retention_days < 0 or 0 < self.retention_days < revive:
            raise ConfigError(f"retention_days must be 0 (keep forever) or at least {revive:g} (a dormant story "
                              f"can be revived that long), got {self.retention_days:g}")
        if not 0 <= self.web_port <= 65535:
            raise ConfigError(f"web_port must be within 0..65535, got {self.web_port}")
        if self.broker and ":" not in self.broker.split(",")[0]:
            raise ConfigError(f"broker must be HOST:PORT, got {self.broker!r}")

    @property
    def cluster_params(self) -> ClusterParams:
        """The clusterer's parameters these settings change: the live stage and the offline
        commands build theirs here, so both decide alike."""
        return ClusterParams(idle_hours=self.idle_hours)

    @property
    def http_user_agent(self) -> str:
        """`newsstream/0.1 (+https://contact)`: what every feed request says it is."""
        return f"{self.user_agent} (+{self.contact_url})" if self.contact_url else self.user_agent

    @property
    def api_base(self) -> str:
        """Where the worker's API is reachable: the base of links in alerts."""
        host = "127.0.0.1" if self.web_host in ("0.0.0.0", "::", "") else self.web_host
        return (self.public_url or f"http://{host}:{self.web_port}").rstrip("/")

    @property
    def peer_url(self) -> str:
        """`worker_url`, or where another worker finds this one's web server (Faust's canonical URL)."""
        if self.worker_url:
            return self.worker_url.rstrip("/")
        host = socket.gethostname() if self.web_host in ("0.0.0.0", "::", "") else self.web_host
        return f"http://{host}:{self.web_port}"

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)

    def env(self) -> dict[str, str]:
        """These settings as environment variables, for child processes."""
        out = {ENV_PREFIX + f.name.upper(): _render(getattr(self, f.name)) for f in fields(self)}
        if self.broker:
            out["KAFKA_BOOTSTRAP_SERVERS"] = self.broker
        return out


def _render(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _coerce(name: str, type_name: Any, raw: Any) -> Any:
    type_name = str(type_name)
    try:
        if "bool" in type_name:
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        if "int" in type_name:
            return int(raw)
        if "float" in type_name:
            return float(raw)
        if "Path" in type_name:
            return Path(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot read {raw!r} as {type_name}") from exc
    return raw
