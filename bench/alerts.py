"""Alert delivery throughput on the embedded broker: signed webhooks and SSE fan-out.

A worker runs with one webhook subscription pointing at a receiver in this process, which checks
every Standard Webhooks signature. Phase 1: N synthetic `source_joined` alerts (distinct stories, no
coalescing: one delivery per alert, the worst case) are produced into news.alerts, timed until the
receiver has acknowledged all of them. Phase 2: 100 SSE clients (in separate processes, so parsing
does not starve the receiver) follow `GET /alerts/stream` while N `story_developing` alerts (not for
the webhook) are produced, timed until every client has seen all of them.

Final line: {"alerts","webhook_alerts_per_s","webhook_p50_ms","webhook_p99_ms","bad_signatures",
             "sse_clients","sse_alerts_per_s","sse_events_per_s","sse_p50_ms","sse_p99_ms",...}
Usage: python bench/alerts.py [--alerts 3000] [--clients 100] [--broker HOST:PORT]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import aiohttp  # noqa: E402
import orjson  # noqa: E402
from aiohttp import web  # noqa: E402
from aiokafka import AIOKafkaProducer  # noqa: E402

from streams.alert.deliver.webhook import verify  # noqa: E402
from streams.broker import EmbeddedBroker, free_port  # noqa: E402
from streams.models import Alert, AlertArticle, AlertSource, iso, parse_iso  # noqa: E402

SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()


def make_alert(i: int, now: float, kind: str = "source_joined") -> dict:
    a = Alert(alert_id=f"al-bench-{i}", kind=kind, story_id=f"st-bench-{i}",
              headline=f"Bench story {i}: Xi Jinping arrives in Moscow for talks with Putin", source="Beta News",
              sources=["Alpha News", "Beta News"],
              article=AlertArticle(f"a{i}", f"https://beta.example/{i}", "Xi lands in Moscow", iso(now)),
              created_at=iso(now), source_id="beta.example", lang="en", category="world",
              sources_seen=[AlertSource("Alpha News", "alpha.example", iso(now - 60), f"p{i}"),
                            AlertSource("Beta News", "beta.example", iso(now), f"a{i}")],
              entities=["Xi Jinping", "Moscow"], keywords=["talks", "visit"], link=f"http://127.0.0.1/stories/st-bench-{i}")
    return orjson.loads(orjson.dumps(a))


class Receiver:
    def __init__(self) -> None:
        self.ok: set[str] = set()
        self.bad = 0
        self.requests = 0
        self.latency: list[float] = []
        self.done = asyncio.Event()
        self.expected = 0

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if not verify(SECRET, dict(request.headers), body):
            self.bad += 1
            return web.Response(status=400)
        self.requests += 1
        data = orjson.loads(body)["data"]
        for a in data.get("alerts", [data]):
            if a["alert_id"] not in self.ok:
                self.ok.add(a["alert_id"])
                self.latency.append(time.time() - parse_iso(a["created_at"]))
        if len(self.ok) >= self.expected:
            self.done.set()
        return web.Response(status=204)


async def sse_client(port: int, n: int, latencies: list[float], ready: asyncio.Event, counter: list[int]) -> float:
    """Follow the stream like EventSource does: reconnect with Last-Event-ID if the server cuts us off."""
    seen = 0
    last_id = None
    first = True
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_read=120)) as s:
        while seen < n:
            headers = {"Last-Event-ID": last_id} if last_id else {}
            async with s.get(f"http://127.0.0.1:{port}/alerts/stream", headers=headers) as resp:
                if first:
                    first = False
                    counter[0] += 1
                    if counter[0] >= counter[1]:
                        ready.set()
                async for line in resp.content:
                    if line.startswith(b"id: "):
                        last_id = line[4:].decode().strip()
                    elif line.startswith(b"data: "):
                        a = orjson.loads(line[6:])
                        latencies.append(time.time() - parse_iso(a["created_at"]))
                        seen += 1
                        if seen >= n:
                            break
            counter[2] += 1
    return time.time()


async def sse_process(port: int, n: int, clients: int) -> None:
    """`--sse-client`: run `clients` SSE clients in this process; report on stdout as JSON lines."""
    lat: list[float] = []
    ready = asyncio.Event()
    counter = [0, clients, 0]
    tasks = [asyncio.ensure_future(sse_client(port, n, lat, ready, counter)) for _ in range(clients)]
    await asyncio.wait_for(ready.wait(), 60)
    print(json.dumps({"ready": True}), flush=True)
    ends = await asyncio.gather(*tasks)
    print(json.dumps({"end": max(ends), "latency": lat, "reconnects": counter[2] - clients}), flush=True)


def pct(values: list[float], q: float) -> float:
    return round(statistics.quantiles(values, n=100)[int(q) - 1] * 1000, 1) if len(values) > 1 else 0.0


async def run(args: argparse.Namespace, bootstrap: str, tmp: Path) -> dict:
    rx = Receiver()
    rx.expected = args.alerts
    app = web.Application()
    app.router.add_post("/hook", rx.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    hook_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    subs = tmp / "subs.yaml"
    subs.write_text(f'subscriptions:\n  - {{id: bench, url: "http://127.0.0.1:{hook_port}/hook", secret: "{SECRET}", '
                    f'filters: {{kinds: [source_joined]}}}}\n')
    port = free_port()
    prefix = f"b{uuid.uuid4().hex[:6]}."
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "NEWSSTREAM_TOPIC_PREFIX": prefix,
           "NEWSSTREAM_ALLOW_PRIVATE_NETWORKS": "1", "NEWSSTREAM_ALERT_COALESCE_WINDOW": "0",
           "NEWSSTREAM_PARTITIONS": "4"}
    worker = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker", "--web-port", str(port),
                               "--subscriptions", str(subs), "--data-dir", str(tmp / "w")], env=env, cwd=REPO,
                              stdout=open(tmp / "worker.log", "wb"), stderr=subprocess.STDOUT)
    try:
        async with aiohttp.ClientSession() as s:
            for _ in range(240):
                try:
                    async with s.get(f"http://127.0.0.1:{port}/subscriptions") as r:
                        if r.status == 200 and (await r.json())["subscriptions"]:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.5)
            else:
                raise SystemExit("worker did not come up; see " + str(tmp / "worker.log"))
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, acks="all")
        await producer.start()

        async def produce(first: int, kind: str) -> float:
            started = time.time()
            futs = []
            for i in range(first, first + args.alerts):
                a = make_alert(i, time.time(), kind)
                futs.append(await producer.send(prefix + "news.alerts", key=a["story_id"].encode(), value=orjson.dumps(a)))
            await asyncio.gather(*futs)
            return started

        # Phase 1: webhooks alone.
        t0 = time.time()
        await produce(0, "source_joined")
        produced = time.time() - t0
        await asyncio.wait_for(rx.done.wait(), 600)
        t_hook = time.time() - t0

        # Phase 2: SSE fan-out; these alerts are not for the webhook (its filter takes source_joined only).
        procs = []
        per = max(1, args.clients // args.sse_processes)
        for k in range(args.sse_processes):
            count = per if k < args.sse_processes - 1 else args.clients - per * (args.sse_processes - 1)
            procs.append(await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--sse-client", str(port), "--alerts", str(args.alerts), "--clients", str(count),
                stdout=asyncio.subprocess.PIPE, limit=2**26))
        for proc in procs:
            assert json.loads(await asyncio.wait_for(proc.stdout.readline(), 90))["ready"]
        await asyncio.sleep(1.0)
        t1 = await produce(args.alerts, "story_developing")
        reports = [json.loads(await asyncio.wait_for(proc.stdout.readline(), 600)) for proc in procs]
        for proc in procs:
            await proc.wait()
        t_sse = max(r["end"] for r in reports) - t1
        sse_lat = [x for r in reports for x in r["latency"]]
        reconnects = sum(r["reconnects"] for r in reports)
        await producer.stop()
    finally:
        worker.terminate()
        worker.wait(60)
        await runner.cleanup()
    return {"alerts": args.alerts, "produce_s": round(produced, 2),
            "webhook_alerts_per_s": round(args.alerts / t_hook, 1), "webhook_p50_ms": pct(rx.latency, 50),
            "webhook_p99_ms": pct(rx.latency, 99), "webhook_requests": rx.requests, "bad_signatures": rx.bad,
            "sse_clients": args.clients, "sse_alerts_per_s": round(args.alerts / t_sse, 1),
            "sse_events_per_s": round(args.alerts * args.clients / t_sse, 1),
            "sse_p50_ms": pct(sse_lat, 50), "sse_p99_ms": pct(sse_lat, 99),
            "sse_reconnects": reconnects}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--broker", help="use this Kafka instead of starting the embedded one")
    parser.add_argument("--sse-processes", type=int, default=2, help="client processes sharing the SSE clients")
    parser.add_argument("--sse-client", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sse_client:
        asyncio.run(sse_process(args.sse_client, args.alerts, args.clients))
        return
    tmp = Path(tempfile.mkdtemp(prefix="newsstream-bench-alerts-"))
    broker = None
    bootstrap = args.broker
    if not bootstrap:
        broker = EmbeddedBroker(tmp / "kafka")
        bootstrap = broker.start()
    try:
        result = asyncio.run(run(args, bootstrap, tmp))
    finally:
        if broker is not None:
            broker.stop()
    print(f"webhook: {result['webhook_alerts_per_s']} alerts/s signed and acknowledged "
          f"(p50 {result['webhook_p50_ms']} ms, p99 {result['webhook_p99_ms']} ms); "
          f"SSE: {result['sse_events_per_s']} events/s to {args.clients} clients", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
