"""`newsstream …`: one entry point for every process and tool of the product.

Kafka-touching commands import `streams.pipeline` lazily, after the settings are exported, so
`cluster`/`evaluate` stay usable without a broker and start fast.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import orjson

from streams.errors import InputError, NewsstreamError
from streams.settings import Settings

log = logging.getLogger("newsstream")


def _settings(args: argparse.Namespace, **more: object) -> Settings:
    overrides = {
        "broker": getattr(args, "broker", None),
        "data_dir": getattr(args, "data_dir", None),
        "web_port": getattr(args, "web_port", None),
        "feeds": getattr(args, "feeds", None),
        "subscriptions": getattr(args, "subscriptions", None),
        **more,
    }
    return Settings.load(**overrides)


def _need_broker(settings: Settings) -> str:
    if not settings.broker:
        raise NewsstreamError("no broker: pass --broker HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS "
                              "(or use `newsstream run`, which starts the embedded one)")
    return settings.broker


# -- processes ------------------------------------------------------------------------------
def cmd_broker(args: argparse.Namespace) -> int:
    from streams.broker import serve_forever

    data_dir = Path(args.data_dir) if args.data_dir else Settings.load().data_dir / "kafka"
    return serve_forever(data_dir, args.port)


def cmd_worker(args: argparse.Namespace) -> int:
    settings = _settings(args)
    _need_broker(settings)
    os.environ.update(settings.env())
    from streams.pipeline.worker import run_worker

    run_worker(settings, loglevel=args.loglevel)
    return 0


def cmd_poll(args: argparse.Namespace) -> int:
    """A poller worker: registers the feeds file in news.feeds, then polls its share of the registry."""
    settings = _settings(args)
    _need_broker(settings)
    from streams.poll import load_feeds

    feeds = load_feeds(settings.feeds) if settings.feeds.exists() or args.feeds else []
    os.environ.update(settings.env())
    from streams.pipeline.polling import run_poller

    run_poller(feeds, loglevel=args.loglevel)
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    """`feeds add|remove|list|import|export`: edit the registry; running pollers follow it."""
    settings = _settings(args)
    bootstrap = _need_broker(settings)
    from streams.pipeline import registry
    from streams.pipeline.clients import ensure_topics
    from streams.poll.feeds import feeds_from_data
    from streams.poll.opml import read_opml, write_opml

    opml = None
    if args.action == "import":  # read before connecting: a wrong path is the user's first error
        try:
            opml = Path(args.file).read_bytes()
        except OSError as exc:
            raise NewsstreamError(f"cannot read {args.file}: {exc.strerror or exc}") from exc

    async def main() -> None:
        await ensure_topics(bootstrap, settings.partitions, settings.replication, timeout=CLI_BROKER_WAIT)
        if args.action == "add":
            entry = {"url": args.url, "source": args.source, "category": args.category, "lang": args.lang}
            feeds = feeds_from_data({"feeds": [{k: v for k, v in entry.items() if v is not None}]}, "feeds add")
            await registry.publish_feeds(bootstrap, feeds)
            print(f"added {args.url}", file=sys.stderr)
        elif args.action == "remove":
            if args.url not in await registry.read_registry(bootstrap):
                raise NewsstreamError(f"{args.url} is not a registered feed (see `newsstream feeds list`)")
            await registry.remove_feeds(bootstrap, [args.url])
            print(f"removed {args.url}", file=sys.stderr)
        elif args.action == "import":
            feeds = read_opml(opml or b"")
            print(f"imported {await registry.publish_feeds(bootstrap, feeds)} feeds", file=sys.stderr)
        elif args.action == "export":
            feeds = list((await registry.read_registry(bootstrap)).values())
            sys.stdout.buffer.write(write_opml(feeds))
        else:
            _print_feeds(await registry.read_registry(bootstrap),
                         await registry.read_compacted(bootstrap, registry.state_changelog(settings)), args.json)

    asyncio.run(main())
    return 0


def _print_feeds(feeds: dict, states: dict, as_json: bool) -> None:
    from streams.models import iso
    from streams.poll.state import FeedState

    now = time.time()
    for url, feed in sorted(feeds.items(), key=lambda kv: (kv[1].source.lower(), kv[0])):
        st = FeedState.from_dict(states[url]) if states.get(url) else FeedState(url=url)
        row = {"url": url, "source": feed.source, "category": feed.category, "health": st.health,
               "next_poll": iso(st.next_poll) if st.next_poll else "now", "last_status": st.last_status,
               "errors": st.consecutive_errors, "emitted": st.emitted, "moved_to": st.url if st.url != url else None,
               "last_error": st.disabled or st.last_error, "warning": st.warning}
        if as_json:
            sys.stdout.buffer.write(orjson.dumps(row) + b"\n")
            continue
        due = "never" if st.disabled else "due" if st.next_poll <= now else f"in {int(st.next_poll - now)}s"
        extra = f"  moved to {row['moved_to']}" if row["moved_to"] else ""
        extra += f"  ({row['last_error']})" if row["last_error"] and st.health != "ok" else ""
        print(f"{st.health:9} next {due:9} {feed.source[:24]:24} {url}{extra}")


def cmd_run(args: argparse.Namespace) -> int:
    from streams.runner import Supervisor, supervise

    settings = _settings(args)
    if not settings.feeds.exists():
        raise NewsstreamError(f"feeds file {settings.feeds} not found")
    return supervise(Supervisor(settings, settings.feeds))


def cmd_demo(args: argparse.Namespace) -> int:
    """Like `run`, offline: shipped sample feeds served on loopback, released over ~60 s."""
    from streams.demo.server import DemoFeedServer, demo_feeds_yaml
    from streams.runner import Supervisor, supervise

    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="newsstream-demo-"))
    settings = _settings(args, data_dir=data_dir, poll_interval=args.poll_interval, allow_private_networks=True)
    server = DemoFeedServer(speed=args.speed)
    feeds_file = data_dir / "demo-feeds.yaml"
    data_dir.mkdir(parents=True, exist_ok=True)
    sup = Supervisor(settings, feeds_file, {"NEWSSTREAM_ALLOW_PRIVATE_NETWORKS": "1"})

    async def before() -> None:
        base = await server.start()
        feeds_file.write_text(demo_feeds_yaml(base))
        print(f"demo feeds served at {base} — new items appear over the next minute", flush=True)

    try:
        return supervise(sup, before=before, after=server.stop)
    finally:
        if not args.data_dir:  # the fresh temp dir, broker log included: nothing in it outlives the demo
            shutil.rmtree(data_dir, ignore_errors=True)


# -- tools ----------------------------------------------------------------------------------
def cmd_alerts(args: argparse.Namespace) -> int:
    settings = _settings(args)
    bootstrap = _need_broker(settings)
    from streams.pipeline import topics
    from streams.pipeline.clients import consume_json

    async def main() -> int:
        n = 0
        async for alert in consume_json(bootstrap, topics.ALERTS, from_beginning=args.from_beginning,
                                        timeout=args.timeout):
            sys.stdout.buffer.write(orjson.dumps(alert) + b"\n")
            sys.stdout.flush()
            n += 1
            if args.limit and n >= args.limit:
                break
        return n

    asyncio.run(main())
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    settings = _settings(args)
    bootstrap = _need_broker(settings)
    from tqdm import tqdm

    from streams.archive import read_archive
    from streams.pipeline import topics
    from streams.pipeline.clients import Publisher, ensure_topics

    if not Path(args.file).is_file():  # said at once, not after waiting for the broker
        raise InputError(f"cannot read {args.file}: not a file")

    async def main() -> tuple[int, int]:
        await ensure_topics(bootstrap, settings.partitions, settings.replication, timeout=CLI_BROKER_WAIT)
        sent = bad = 0
        started = time.monotonic()
        batch: list = []
        async with Publisher(bootstrap) as pub:
            for line in tqdm(read_archive(args.file), unit=" items", disable=args.quiet, mininterval=0.5):
                if line.item is None:
                    print(f"{args.file}:{line.lineno}: skipped: {line.error}", file=sys.stderr)
                    bad += 1
                    continue
                batch.append((line.item.id, line.item))
                if len(batch) >= (min(500, max(1, int(args.rate // 10))) if args.rate else 500):
                    sent += await pub.send_many(topics.RAW, batch)
                    batch = []
                    if args.rate:
                        ahead = sent / args.rate - (time.monotonic() - started)
                        if ahead > 0:
                            await asyncio.sleep(ahead)
            sent += await pub.send_many(topics.RAW, batch)
        print(f"replayed {sent} items into {topics.RAW} ({bad} skipped)", file=sys.stderr)
        return sent

    asyncio.run(main())
    return 0


def cmd_cluster(args: argparse.Namespace) -> int:
    from streams.offline import run_cluster

    return run_cluster(Path(args.file), Path(args.out), _settings(args).cluster_params)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from streams.offline import run_evaluate

    run_evaluate(Path(args.file), _settings(args).cluster_params, errors=args.errors)
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    from streams.tagfile import run_tag

    return run_tag(Path(args.file), Path(args.out))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsstream", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log at INFO")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, fn, help_: str, broker: bool = True,  # type: ignore[no-untyped-def]
            broker_default: str = "$KAFKA_BOOTSTRAP_SERVERS") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(fn=fn)
        if broker:
            p.add_argument("--broker", metavar="HOST:PORT", help=f"Kafka bootstrap (default: {broker_default})")
        return p

    p = add("broker", cmd_broker, "run the embedded Apache Kafka broker in the foreground", broker=False)
    p.add_argument("--port", type=int, help="PLAINTEXT port (default: the last one used, else a free one)")
    p.add_argument("--data-dir", help="broker data directory (default: ./data/kafka)")

    for name, fn, help_ in (("run", cmd_run, "broker + worker + pollers + web server; Ctrl-C stops all"),
                            ("demo", cmd_demo, "like run, offline, with shipped sample feeds on loopback")):
        p = add(name, fn, help_, broker_default="$KAFKA_BOOTSTRAP_SERVERS, else the embedded broker")
        if name == "run":  # the demo polls its own sample feeds
            p.add_argument("--feeds", help="feeds file (default: config/feeds.yaml)")
        p.add_argument("--data-dir", help="state directory (default: ./data; demo: a fresh temp dir, removed on exit)")
        p.add_argument("--web-port", type=int, help="web server port (default 6066)")
        p.add_argument("--subscriptions", help="alert subscriptions file, watched for changes "
                       "(default: config/subscriptions.yaml)")
        if name == "demo":
            p.add_argument("--speed", type=float, default=1.0, help="release items this many times faster")
            p.add_argument("--poll-interval", type=float, default=5.0, help="seconds between polls")

    p = add("worker", cmd_worker, "a Faust worker: every agent plus the web server")
    p.add_argument("--data-dir")
    p.add_argument("--web-port", type=int)
    p.add_argument("--subscriptions", help="alert subscriptions file (default: config/subscriptions.yaml)")
    p.add_argument("--loglevel", default="warn", choices=["crit", "error", "warn", "info", "debug"])

    p = add("poll", cmd_poll, "a poller worker: its share of the registered feeds into news.raw")
    p.add_argument("--feeds", help="feeds file registered at start (default: config/feeds.yaml)")
    p.add_argument("--data-dir")
    p.add_argument("--loglevel", default="warn", choices=["crit", "error", "warn", "info", "debug"])

    p = add("feeds", cmd_feeds, "the feed registry (news.feeds): add, remove, list, import, export")
    actions = p.add_subparsers(dest="action", required=True)

    def action(name: str, help_: str) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help_, description=help_)
        a.add_argument("--broker", metavar="HOST:PORT", default=argparse.SUPPRESS, help="Kafka bootstrap")
        return a

    a = action("add", "register a feed (or change its source/category)")
    a.add_argument("url")
    a.add_argument("--source", required=True, help="publisher display name")
    a.add_argument("--category")
    a.add_argument("--lang")
    action("remove", "stop polling a feed").add_argument("url")
    action("list", "feeds with health and next poll").add_argument("--json", action="store_true",
                                                                     help="one JSON object per feed")
    action("import", "register every feed of an OPML file").add_argument("file")
    action("export", "the registry as OPML on stdout")

    p = add("alerts", cmd_alerts, "print alerts as JSON lines")
    p.add_argument("--from-beginning", action="store_true", help="start at the oldest retained alert")
    p.add_argument("--limit", type=int, default=0, help="exit after N alerts")
    p.add_argument("--timeout", type=float, default=None, help="exit after S seconds")

    p = add("replay", cmd_replay, "publish an archive (JSON lines) into the pipeline as polled items")
    p.add_argument("file")
    p.add_argument("--rate", type=float, default=0.0, help="items per second (default: as fast as possible)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    p = add("cluster", cmd_cluster, "clean → tag → cluster an archive offline", broker=False)
    p.add_argument("file")
    p.add_argument("--out", required=True, help="write {id, story_id} JSON lines here")

    p = add("evaluate", cmd_evaluate, "cluster a labelled archive and score it (BCubed, pairwise)", broker=False)
    p.add_argument("file")
    p.add_argument("--errors", type=int, default=0, metavar="N",
                   help="also list the N gold stories split and the N found stories mixed that lose the most")

    p = add("tag", cmd_tag, "clean → tag an archive offline: what news.articles would carry, per line", broker=False)
    p.add_argument("file")
    p.add_argument("--out", required=True, help="write one tagged JSON object per usable line here")
    return parser


def _quiet_retried_errors(record: logging.LogRecord) -> bool:
    """aiokafka logs NotLeader at ERROR for a partition elected an instant ago, then retries: not an error."""
    return "NotLeaderForPartitionError" not in record.getMessage()


# How long a one-shot command (feeds, replay) waits for an unreachable broker before it gives up;
# long-running processes wait longer (a broker starting beside them in docker-compose).
CLI_BROKER_WAIT = 15.0

# Cyclic GC every 50,000 net allocations instead of 700: the stages allocate many short-lived
# objects (dicts per article) and keep large acyclic state (stories, indexes), which the default
# thresholds rescan constantly: offline clustering runs ~12% faster; a cycle waits a bit longer.
GC_THRESHOLD = (50_000, 20, 100)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    gc.set_threshold(*GC_THRESHOLD)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aiokafka.consumer.fetcher").addFilter(_quiet_retried_errors)
    try:
        return args.fn(args)
    except NewsstreamError as exc:
        print(f"newsstream {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsstream feeds list | head`: the reader left; not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
