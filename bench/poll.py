"""Polling throughput of one poller process against 10,000 feeds on a local server.

The server runs in a child process on loopback, spread over many host addresses (127.0.1.x: all of
127/8 is loopback on Linux) so the per-host politeness limits apply as they would in production.
The feed mix is the steady state of a news poller:

  70%  304 Not Modified   (the poller holds the feed's ETag from an earlier poll)
  25%  200 with a 30-entry RSS feed (changed: parsed, entries selected, emitted to a counting sink)
   5%  failures: half HTTP 500, half a response slower than the read timeout

One pass over every feed (Poller.poll_all with its real fetch → parse → select path and state
store), timed from the first request to the last answer. CPU % is this process's user+sys time
over wall time (100 = one core); RSS is its peak resident memory.

Final line: {"feeds","feeds_per_min","cpu_pct","rss_mb",...}
Usage: python bench/poll.py [--feeds 10000] [--hosts 200] [--concurrency 200]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import logging
import os
import resource
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams.models import FeedRef, RawItem  # noqa: E402
from streams.poll.fetch import Fetcher  # noqa: E402
from streams.poll.hosts import HostLimiter  # noqa: E402
from streams.poll.poller import Poller  # noqa: E402
from streams.poll.schedule import Policy  # noqa: E402
from streams.poll.state import FeedState, MemoryStore  # noqa: E402


def kind(n: int) -> str:
    """Deterministic mix by feed number: exactly 70 / 25 / 2.5 / 2.5 % of every 200 feeds, and
    spread over the hosts (feed n lives on host n % hosts, so the `n // 200` term keeps one host's
    feeds from all being of one kind, e.g. all timing out)."""
    r = (n * 7919 + n // 200) % 200
    return "304" if r < 140 else "200" if r < 190 else "500" if r < 195 else "slow"


def host(n: int, hosts: int) -> str:
    return f"127.0.1.{n % hosts + 1}"


def rss_30(now: float) -> bytes:
    items = "".join(
        f"<item><title>Story number {i}: officials confirm talks continue in the capital</title>"
        f"<link>https://news.example/2025/story-{i}</link><guid>https://news.example/2025/story-{i}</guid>"
        f"<pubDate>{formatdate(now - 600 * i, usegmt=True)}</pubDate>"
        f"<description>Summary of story {i}, with a few more words so the item is realistically sized; "
        f"negotiators met for a third day.</description></item>" for i in range(30))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title>'
            f"<link>https://news.example/</link><language>en</language>{items}</channel></rss>").encode()


def _response(status: str, body: bytes = b"", headers: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nServer: bench\r\nContent-Length: {len(body)}\r\n{headers}"
            f"\r\n").encode() + body


class FeedProtocol(asyncio.Protocol):
    """A minimal HTTP/1.1 keep-alive server answering from precomputed bytes.

    The server shares this machine's two cores with the poller under test; aiohttp's server
    would spend more CPU than the poller does, so it would measure the server instead.
    """

    responses: dict[str, bytes] = {}
    slow = 3.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            n = int(lines[0].split(b" ")[1].rsplit(b"/", 1)[1])
            k = kind(n)
            if k == "304":
                conditional = any(line.lower().startswith(b"if-none-match:") and b'"v1"' in line for line in lines)
                self.transport.write(self.responses["304" if conditional else "200-v1"])
            elif k == "slow":
                asyncio.get_running_loop().call_later(self.slow, self._late)
            else:
                self.transport.write(self.responses["200-v2" if k == "200" else "500"])

    def _late(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(self.responses["500"])


def serve(port: int, hosts: int, slow: float) -> None:
    """Child process: the feed server. Prints "ready" once every address listens."""
    body = gzip.compress(rss_30(time.time()), compresslevel=6)  # news sites compress their feeds
    feed = "Content-Type: application/rss+xml\r\nContent-Encoding: gzip\r\n"
    FeedProtocol.responses = {
        "304": _response("304 Not Modified", headers='ETag: "v1"\r\n'),
        "200-v1": _response("200 OK", body, feed + 'ETag: "v1"\r\n'),
        "200-v2": _response("200 OK", body, feed + 'ETag: "v2"\r\n'),
        "500": _response("500 Internal Server Error", b"internal error", "Content-Type: text/plain\r\n"),
    }
    FeedProtocol.slow = slow

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for h in range(hosts):
            await loop.create_server(FeedProtocol, f"127.0.1.{h + 1}", port, backlog=1024)
        print("ready", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def bench(args: argparse.Namespace, port: int) -> dict[str, object]:
    feeds = [FeedRef(url=f"http://{host(n, args.hosts)}:{port}/feed/{n}", source=f"Outlet {n % 500}")
             for n in range(args.feeds)]
    store = MemoryStore()
    for n, feed in enumerate(feeds):  # the steady state: polled before, validators known
        if kind(n) == "304":
            store.put(feed.url, FeedState(url=feed.url, etag='"v1"', last_success=1.0, polls=1))
        elif kind(n) == "200":
            store.put(feed.url, FeedState(url=feed.url, etag='"v1"', last_success=1.0, polls=1))
    emitted = 0

    async def sink(items: list[RawItem]) -> None:
        nonlocal emitted
        emitted += len(items)

    fetcher = Fetcher("newsstream-bench/0.1 (+https://github.com/newsstream/newsstream)", connect_timeout=5,
                      read_timeout=args.read_timeout, total_timeout=10, allow_private=True,
                      max_connections=args.concurrency)
    poller = Poller(feeds, sink, fetcher=fetcher, store=store, policy=Policy(),
                    limiter=HostLimiter(args.host_concurrency, args.host_gap), concurrency=args.concurrency)
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    await poller.poll_all()
    wall = time.perf_counter() - t0
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    await fetcher.close()
    cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    states = [store.get(f.url) for f in feeds]
    statuses: dict[str, int] = {}
    for st in states:
        key = str(st.last_status) if st.consecutive_errors == 0 else ("timeout" if st.last_status is None else "error")
        statuses[key] = statuses.get(key, 0) + 1
    return {
        "feeds": len(feeds),
        "feeds_per_min": round(len(feeds) / wall * 60),
        "cpu_pct": round(100 * cpu / wall, 1),
        "rss_mb": round(usage1.ru_maxrss / 1024, 1),
        "wall_s": round(wall, 2),
        "outcomes": statuses,
        "emitted": emitted,
        "hosts": args.hosts,
        "concurrency": args.concurrency,
        "host_limits": [args.host_concurrency, args.host_gap],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--hosts", type=int, default=200, help="distinct loopback host addresses")
    parser.add_argument("--concurrency", type=int, default=200, help="requests in flight")
    parser.add_argument("--host-concurrency", type=int, default=2)
    parser.add_argument("--host-gap", type=float, default=0.1, help="seconds between requests to one host")
    parser.add_argument("--read-timeout", type=float, default=1.0)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.hosts, slow=args.read_timeout * 3)
        return
    from streams.broker import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--hosts", str(args.hosts),
                               "--read-timeout", str(args.read_timeout)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready", "server did not start"
        print(f"server ready on {args.hosts} loopback hosts, port {port}; polling {args.feeds} feeds", file=sys.stderr)
        server_cpu = cpu_seconds(server.pid)
        result = asyncio.run(bench(args, port))
        result["server_cpu_s"] = round(cpu_seconds(server.pid) - server_cpu, 1)
        result["loadavg_1m"] = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(10)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    os.environ.setdefault("NEWSSTREAM_ALLOW_PRIVATE_NETWORKS", "1")
    logging.getLogger("newsstream.poll").setLevel(logging.ERROR)  # 5% failures would flood stderr
    main()
