"""``python -m streams.demo``: run the demo feed server and print a matching feeds file.

The YAML goes to stdout (it is the program's output, e.g. ``> demo-feeds.yaml``); status
messages go to the log on stderr. Poll it with NEWSSTREAM_ALLOW_PRIVATE_NETWORKS=1, since
the server listens on loopback, which the SSRF guard otherwise refuses.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from streams.demo.server import DemoFeedServer, demo_feeds_yaml


async def _serve(port: int, speed: float) -> None:
    server = DemoFeedServer(port=port, speed=speed)
    base = await server.start()
    sys.stdout.write(demo_feeds_yaml(base, server.outlets))
    sys.stdout.flush()
    try:
        await asyncio.Event().wait()  # until Ctrl-C
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m streams.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--speed", type=float, default=1.0, help="timeline speed-up (default 1: one minute)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    try:
        asyncio.run(_serve(args.port, args.speed))
    except KeyboardInterrupt:
        logging.getLogger("newsstream.demo").info("stopped")


if __name__ == "__main__":
    main()
