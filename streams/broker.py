"""The embedded Apache Kafka broker: real Kafka 4.x from Maven Central, one KRaft node on loopback.

Why not a mock: Faust table recovery, compaction and consumer groups only behave as in
production against the real broker. The jars are resolved once with Maven into a cache outside
the repo (`~/.cache/newsstream/kafka/<version>`), then each start is `java -cp … kafka.Kafka`.
The data dir survives restarts; the port is reused when still free so clients can reconnect.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import IO

from streams.errors import BrokerError

log = logging.getLogger("newsstream.broker")

KAFKA_VERSION = os.environ.get("NEWSSTREAM_KAFKA_VERSION", "4.3.1")
LOG4J_VERSION = "2.25.2"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>newsstream</groupId><artifactId>kafka-embedded</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>{kafka}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>{log4j}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>{log4j}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>{log4j}</version></dependency>
  </dependencies>
</project>
"""

_LOG4J2 = """status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.started.name = kafka.server.KafkaRaftServer
logger.started.level = INFO
"""

_SERVER = """process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{ctrl_port}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{ctrl_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs={log_dir}
num.partitions=1
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.cleaner.dedupe.buffer.size=33554432
"""


def cache_dir() -> Path:
    """Where resolved jars live: outside any checkout, shared by every clone on the machine."""
    explicit = os.environ.get("NEWSSTREAM_CACHE_DIR")
    if explicit:
        return Path(explicit) / "kafka" / KAFKA_VERSION
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsstream" / "kafka" / KAFKA_VERSION


def resolve_jars(version: str = KAFKA_VERSION) -> Path:
    """Resolve Kafka and its runtime dependencies with Maven once; return the libs directory.

    A file lock makes concurrent first starts (tests, run) wait for one resolve instead of racing.
    """
    home = cache_dir()
    libs = home / "libs"
    if (home / ".complete").exists():
        return libs
    if shutil.which("mvn") is None:
        raise BrokerError("Maven (mvn) is not on PATH: it is needed once to fetch the Kafka jars")
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (home / ".complete").exists():
            return libs
        pom = home / "pom.xml"
        pom.write_text(_POM.format(kafka=version, log4j=LOG4J_VERSION))
        staging = home / "libs.partial"
        shutil.rmtree(staging, ignore_errors=True)
        cmd = [
            "mvn", "-B", "-q", "-ntp", "-f", str(pom),
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
            "-DincludeScope=runtime", f"-DoutputDirectory={staging.resolve()}",
        ]
        log.info("resolving Apache Kafka %s from Maven Central into %s", version, home)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not any(staging.glob("kafka_2.13-*.jar")):
            raise BrokerError(f"mvn could not resolve Kafka {version}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        shutil.rmtree(libs, ignore_errors=True)
        staging.rename(libs)
        (home / "log4j2.properties").write_text(_LOG4J2)
        (home / ".complete").write_text(version)
    return libs


def free_port(preferred: int | None = None) -> int:
    """`preferred` if it can be bound on loopback now, else a free ephemeral port."""
    if preferred:
        with contextlib.suppress(OSError), socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", preferred))
            return preferred
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: a child (the JVM, the clean+tag helper) gets SIGTERM if the Python process that
    started it dies (even by SIGKILL), and has its own process group (a terminal's Ctrl-C is the
    parent's to handle)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    os.setpgrp()


class EmbeddedBroker:
    """One Kafka process: `start()` returns the bootstrap address, `stop()` shuts it down cleanly."""

    def __init__(self, data_dir: Path | str, port: int | None = None, heap_mb: int = 768) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.heap_mb = heap_mb
        self.proc: subprocess.Popen[bytes] | None = None
        self.start_seconds = 0.0
        self._lock: IO[bytes] | None = None  # held while this process runs a broker on data_dir

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "broker.log"

    def _java(self, libs: Path, *args: str, heap: str) -> list[str]:
        java = shutil.which("java")
        if java is None:
            raise BrokerError("java is not on PATH: Java 17+ runs the embedded Kafka broker")
        return [java, *heap.split(), f"-Dlog4j2.configurationFile={libs.parent / 'log4j2.properties'}",
                "-Djava.awt.headless=true", "-cp", f"{libs}/*", *args]

    def start(self, timeout: float = 90.0) -> str:
        started = time.monotonic()
        libs = resolve_jars()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        try:
            return self._start(libs, started, timeout)
        except BaseException:
            self._release_lock()
            raise

    def _take_lock(self) -> None:
        """One broker per data dir: a second one on the same KRaft log disturbed the first's
        controller (its quorum state) before Kafka's own lock stopped it."""
        lock = open(self.data_dir / "broker.lock", "ab")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            lock.close()
            raise BrokerError(f"another embedded Kafka is running on {self.data_dir}") from exc
        self._lock = lock

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file drops the lock
            self._lock = None

    def _start(self, libs: Path, started: float, timeout: float) -> str:
        port_file = self.data_dir / "port"
        if self.port:
            if free_port(self.port) != self.port:
                raise BrokerError(f"port {self.port} is already in use on 127.0.0.1")
        else:
            remembered = int(port_file.read_text()) if port_file.exists() else None
            self.port = free_port(remembered)
        ctrl_port = free_port()
        log_dir = self.data_dir / "kafka-logs"
        props = self.data_dir / "server.properties"
        props.write_text(_SERVER.format(port=self.port, ctrl_port=ctrl_port, log_dir=log_dir))
        if not (log_dir / "meta.properties").exists():
            self._format(libs, props)
        out = open(self.log_path, "ab")
        cmd = self._java(libs, "kafka.Kafka", str(props),
                         heap=f"-Xms256m -Xmx{self.heap_mb}m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
                              "-XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1")
        self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        out.close()
        deadline = time.monotonic() + timeout
        while not _port_open(self.port):
            if self.proc.poll() is not None:
                raise BrokerError(f"Kafka exited with {self.proc.returncode}; see {self.log_path}")
            if time.monotonic() > deadline:
                self.stop()
                raise BrokerError(f"Kafka did not open port {self.port} within {timeout}s; see {self.log_path}")
            time.sleep(0.1)
        port_file.write_text(str(self.port))
        self.start_seconds = time.monotonic() - started
        log.info("Kafka %s ready at %s in %.1fs", KAFKA_VERSION, self.bootstrap, self.start_seconds)
        return self.bootstrap

    def _format(self, libs: Path, props: Path) -> None:
        cluster_id = ""
        while not cluster_id or cluster_id.startswith("-"):
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        cmd = self._java(libs, "kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}",
                         "-c", str(props), heap="-Xmx256m -XX:TieredStopAtLevel=1")
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BrokerError(f"formatting Kafka storage failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (clean shutdown, flushes logs), SIGKILL after `timeout`."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._release_lock()

    def kill(self) -> None:
        """SIGKILL, for fault-injection tests."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        self._release_lock()

    def __enter__(self) -> "EmbeddedBroker":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_forever(data_dir: Path, port: int | None) -> int:
    """`newsstream broker`: run in the foreground until Ctrl-C / SIGTERM."""
    broker = EmbeddedBroker(data_dir, port)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        bootstrap = broker.start()
        print(f"Kafka {KAFKA_VERSION} (KRaft) ready: {bootstrap}  (started in {broker.start_seconds:.1f}s,"
              f" data {broker.data_dir}, log {broker.log_path})", flush=True)
        assert broker.proc is not None
        broker.proc.wait()
        print(f"Kafka exited with {broker.proc.returncode}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        broker.stop()
