"""End-to-end throughput and latency of the live pipeline on the embedded broker.

1. Ceilings: a raw aiokafka consume→produce pass-through of N messages over the same broker, and
   the pipeline's two Faust hops with no work in them (`bench/faust_hops.py`).
2. Throughput: N archived articles (uci-dev repeated with fresh ids) replayed into news.raw as fast as
   possible; timed until every article is in a story on news.stories.
3. Latency: a paced run (default 200 articles/s) timing raw → news.articles per article, started
   `--settle` seconds after the burst: for about a second after it the worker is still reading the
   burst's ~15,000 alerts (that consumer trails the stories), and articles sent then time that
   catch-up, not the paced rate.

Final line: {"articles","pipeline_per_s","passthrough_per_s","ratio","faust_two_hops_per_s",
"hops_ratio","worker_cpu_us_per_article","p50_ms","p99_ms",...}; `hops_ratio` is the bare hops'
rate over the pass-through's, the most `ratio` could be with no work at all. The worker's CPU per
article (its process, not the clean+tag helper) moves less with the shared box's load than the
wall-clock rate does.
Usage: python bench/pipeline.py [--articles 20000] [--latency-articles 2000] [--settle 3] [--broker HOST:PORT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import orjson  # noqa: E402
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402

from streams.archive import other_outlet, read_archive  # noqa: E402
from streams.offline import repeat_groups  # noqa: E402
from streams.broker import EmbeddedBroker, free_port  # noqa: E402
from streams.models import RawItem  # noqa: E402

EVAL = REPO.parent / "shared" / "data" / "eval" / "uci-dev.jsonl"
FALLBACK = REPO / "tests" / "fixtures" / "restart.jsonl"


def load_items(n: int) -> list[RawItem]:
    """`n` items: the dev set repeated, each repeat as if from other outlets (host and name changed),
    so repeats are new articles joining the same stories, not duplicates the cleaner drops."""
    source = EVAL if EVAL.exists() else FALLBACK
    base = [line.item for line in read_archive(source) if line.item is not None]
    items = []
    for i in range(n):
        item, copy = base[i % len(base)], i // len(base)
        fields = {f: getattr(item, f) for f in item.__slots__}
        if copy:
            fields.update(url=other_outlet(item.url, copy), source=f"{item.source} ({copy})")
        items.append(RawItem(**{**fields, "id": f"b{i}-{item.id}"}))
    return items


async def passthrough(bootstrap: str, n: int) -> float:
    src, dst = f"bench.pt.in.{uuid.uuid4().hex[:6]}", f"bench.pt.out.{uuid.uuid4().hex[:6]}"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, max_batch_size=256 * 1024)
    await producer.start()
    payload = b'{"id":"x","title":"' + b"a" * 300 + b'"}'
    for i in range(n):
        await producer.send(src, key=str(i).encode(), value=payload)
    await producer.flush()
    consumer = AIOKafkaConsumer(src, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    got = 0
    started = time.perf_counter()
    while got < n:
        batches = await consumer.getmany(timeout_ms=1000, max_records=5000)
        for msgs in batches.values():
            for msg in msgs:
                await producer.send(dst, key=msg.key, value=msg.value)
            got += len(msgs)
    await producer.flush()
    elapsed = time.perf_counter() - started
    await consumer.stop()
    await producer.stop()
    return n / elapsed


async def faust_two_hops(bootstrap: str, n: int, workdir: Path) -> float:
    """Records/s through `bench/faust_hops.py`: the pipeline's two Faust hops with no work in them,
    timed as the burst is (from the first record sent to the last one out)."""
    import subprocess

    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    tag = uuid.uuid4().hex[:6]
    topics = [f"bench.hops.{name}.{tag}" for name in ("in", "mid", "out")]
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)  # as ensure_topics does for the pipeline's
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, num_partitions=4, replication_factor=1) for name in topics])
    finally:
        await admin.close()
    env = {**os.environ, "HOPS_BROKER": bootstrap, "HOPS_APP": f"bench-hops-{tag}",
           "HOPS_TOPICS": ",".join(topics), "HOPS_DIR": str(workdir / "hops")}
    log = open(workdir / "hops.log", "ab")
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("faust_hops.py")), "worker", "-l", "warn"],
                            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, max_batch_size=256 * 1024)
    consumer = AIOKafkaConsumer(topics[2], bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    payload = b'{"id":"x","title":"' + b"a" * 300 + b'"}'

    async def through(count: int, timeout: float) -> None:
        got, deadline = 0, time.monotonic() + timeout
        while got < count:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit(f"faust_hops: {got}/{count} records out (log: {workdir / 'hops.log'})")
            got += sum(len(m) for m in (await consumer.getmany(timeout_ms=500, max_records=5000)).values())

    try:  # the hops app is stopped whatever fails from here, its clients' start included
        await producer.start()
        await consumer.start()
        await producer.send_and_wait(topics[0], key=b"warm", value=payload)  # the app is assigned and running
        await through(1, 120)
        started = time.perf_counter()
        for i in range(n):
            await producer.send(topics[0], key=str(i).encode(), value=payload)
        await producer.flush()
        await through(n, 300)
        return n / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()
        proc.terminate()
        proc.wait(60)
        log.close()


async def produce(bootstrap: str, topic: str, items: list[RawItem], rate: float | None) -> dict[str, float]:
    from streams.pipeline.records import to_record

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=2 if rate else 5, acks="all")
    await producer.start()
    sent_at: dict[str, float] = {}
    started = time.perf_counter()
    for i, item in enumerate(items):
        if rate:
            ahead = i / rate - (time.perf_counter() - started)
            if ahead > 0:
                await asyncio.sleep(ahead)
        sent_at[item.id] = time.time()
        await producer.send(topic, key=item.id.encode(), value=to_record(item).dumps())
    await producer.flush()
    await producer.stop()
    return sent_at


async def wait_articles(bootstrap: str, topic: str, ids: set[str], timeout: float) -> dict[str, float]:
    """Arrival time (broker timestamp) of each article id on `topic`."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    seen: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < len(ids) and time.monotonic() < deadline:
            for msgs in (await consumer.getmany(timeout_ms=500, max_records=5000)).values():
                for msg in msgs:
                    aid = orjson.loads(msg.value)["id"]
                    if aid in ids:
                        seen.setdefault(aid, msg.timestamp / 1000.0)
    finally:
        await consumer.stop()
    return seen


async def wait_stories(bootstrap: str, topic: str, groups: list[set[str]], timeout: float) -> float:
    """Wall time when one id of every group (an article and its exact repeats: which of them is
    listed depends on arrival order) is in some story snapshot."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    covered: set[str] = set()
    waiting = list(groups)
    deadline = time.monotonic() + timeout
    try:
        while waiting:
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out: {len(groups) - len(waiting)}/{len(groups)} articles clustered")
            for msgs in (await consumer.getmany(timeout_ms=500, max_records=2000)).values():
                for msg in msgs:
                    covered.update(orjson.loads(msg.value)["article_ids"])  # the bench shares the box: parse fast
            waiting = [g for g in waiting if g.isdisjoint(covered)]
        return time.time()
    finally:
        await consumer.stop()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process (all its threads) so far, from /proc; None elsewhere. The box
    is shared, so wall time swings with the neighbours' load; the worker's CPU per article less so."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_worker(bootstrap: str, prefix: str, workdir: Path):
    import subprocess

    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "NEWSSTREAM_TOPIC_PREFIX": prefix,
           "NEWSSTREAM_WEB_PORT": str(free_port()), "NEWSSTREAM_DATA_DIR": str(workdir)}
    log = open(workdir / "worker.log", "ab")
    return subprocess.Popen([sys.executable, "-m", "streams.cli", "worker"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, cwd=REPO), env


async def wait_ready(bootstrap: str, prefix: str, items: list[RawItem]) -> None:
    """Warm-up: one article through the whole pipeline proves the worker is assigned and running."""
    await produce(bootstrap, prefix + "news.raw", items, None)
    await wait_stories(bootstrap, prefix + "news.stories", [{i.id} for i in items], 120)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--latency-articles", type=int, default=2000)
    ap.add_argument("--latency-rate", type=float, default=200.0)
    ap.add_argument("--settle", type=float, default=3.0, help="seconds between the burst and the paced run")
    ap.add_argument("--broker")
    args = ap.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsstream-bench-"))
    broker = None
    bootstrap = args.broker
    if not bootstrap:
        broker = EmbeddedBroker(workdir / "kafka")
        bootstrap = broker.start()
    prefix = f"bench{uuid.uuid4().hex[:6]}."
    os.environ["NEWSSTREAM_TOPIC_PREFIX"] = prefix
    worker = None
    try:
        from streams.pipeline.clients import ensure_topics

        await ensure_topics(bootstrap, partitions=4)
        ceiling = await passthrough(bootstrap, args.articles)
        print(f"pass-through ceiling: {ceiling:.0f} msg/s", file=sys.stderr)
        hops = await faust_two_hops(bootstrap, args.articles, workdir)
        print(f"two bare Faust hops: {hops:.0f} msg/s", file=sys.stderr)
        worker, _ = start_worker(bootstrap, prefix, workdir)
        items = load_items(args.articles + args.latency_articles + 1)
        await wait_ready(bootstrap, prefix, items[:1])

        burst = items[1: 1 + args.articles]
        cpu0 = cpu_seconds(worker.pid)
        t0 = time.time()
        await produce(bootstrap, prefix + "news.raw", burst, None)
        done = await wait_stories(bootstrap, prefix + "news.stories", list(repeat_groups(burst).values()), 600)
        per_s = len(burst) / (done - t0)
        cpu1 = cpu_seconds(worker.pid)
        worker_us = None if cpu0 is None or cpu1 is None else round((cpu1 - cpu0) / len(burst) * 1e6, 1)
        print(f"pipeline: {len(burst)} articles in {done - t0:.1f}s = {per_s:.0f}/s", file=sys.stderr)

        await asyncio.sleep(args.settle)
        paced = items[1 + args.articles:]
        sent = await produce(bootstrap, prefix + "news.raw", paced, args.latency_rate)
        arrived = await wait_articles(bootstrap, prefix + "news.articles", set(sent), 120)
        lat = sorted((arrived[i] - sent[i]) * 1000 for i in arrived)
        p50 = statistics.median(lat)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        print(json.dumps({"articles": len(burst), "pipeline_per_s": round(per_s, 1),
                          "passthrough_per_s": round(ceiling, 1), "ratio": round(per_s / ceiling, 4),
                          "faust_two_hops_per_s": round(hops, 1), "hops_ratio": round(hops / ceiling, 4),
                          "worker_cpu_us_per_article": worker_us,
                          "p50_ms": round(p50, 1), "p99_ms": round(p99, 1),
                          "latency_rate": args.latency_rate, "latency_articles": len(lat),
                          "settle_s": args.settle}))
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(60)
        if broker is not None:
            broker.stop()


if __name__ == "__main__":
    import signal

    # An outer `timeout` sends SIGTERM: exit through the `finally` that stops the worker and broker.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    asyncio.run(main())
