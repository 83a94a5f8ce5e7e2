"""Hostile feeds: entity bombs, external entities, trickling and huge responses, 100k entries,
invalid encodings and deeply nested HTML. Each must end in items or a named error, with memory
bounded, and never reach the file system or the network on the feed's say-so."""

from __future__ import annotations

import asyncio
import tracemalloc
from pathlib import Path

import pytest
from aiohttp import web

from streams.errors import FeedParseError, FetchError, InputError
from streams.flow import Process
from streams.models import FeedRef
from streams.poll.fetch import Fetcher
from streams.poll.parse import parse, strip_doctype

FEED = FeedRef(url="https://feeds.example/rss", source="Hostile")
HEADERS = {"content-type": "application/rss+xml"}
NOW = "2025-05-07T10:00:00Z"


def rss(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel><title>T</title>'
            f"{items}</channel></rss>").encode()


def item(title: str, n: int = 1, description: str = "d") -> str:
    return f"<item><title>{title}</title><link>https://a.example/{n}</link><description>{description}</description></item>"


def peak_kib(fn):
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1] // 1024
    finally:
        tracemalloc.stop()


def test_billion_laughs_is_not_expanded():
    decls = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
    body = rss(item("a &lol9; b"), f"<!DOCTYPE rss [{decls}]>")
    parsed, kib = peak_kib(lambda: parse(body, HEADERS, FEED, NOW))
    assert [i.title.count("lol") for i in parsed.items] == [1]  # the reference, kept as text
    assert kib < 4096, f"{kib} KiB to parse a {len(body)}-byte feed"


def test_external_entities_read_no_file_and_fetch_nothing(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    hits: list[str] = []

    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"NETWORK-MARKER")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/dtd"
        prolog = (f'<!DOCTYPE rss SYSTEM "{url}" [<!ENTITY file SYSTEM "file://{secret}">'
                  f'<!ENTITY net SYSTEM "{url}/entity">]>')
        parsed = parse(rss(item("x &file; y &net;", description="&file;"), prolog), HEADERS, FEED, NOW)
    finally:
        httpd.shutdown()
    text = " ".join(f"{i.title} {i.summary} {i.content}" for i in parsed.items)
    assert parsed.items and "MARKER" not in text
    assert hits == []


def test_doctype_is_only_stripped_from_the_prolog():
    inside = rss(item("&lt;!DOCTYPE rss [x]&gt; in a title"))
    assert strip_doctype(inside) == inside
    assert strip_doctype(b"<!DOCTYPE rss><rss/>") == b"<rss/>"
    assert strip_doctype(b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "b">\n]>\n<rss/>') == \
        b'<?xml version="1.0"?>\n\n<rss/>'


def test_100k_entries_are_capped_not_all_materialised():
    body = rss("".join(item(f"Entry {n}", n) for n in range(100_000)))
    parsed = parse(body, HEADERS, FEED, NOW, max_entries=200)
    assert len(parsed.items) == 200 and parsed.truncated == 100_000 - 200
    assert parsed.items[0].title == "Entry 0"


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><item><title>caf\xe9 \xff\xfe</title>'
    b"<link>https://a.example/1</link></item></channel></rss>",
    b'<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"><channel><item><title>t</title>'
    b"<link>https://a.example/1</link></item></channel></rss>",
    b"\xff\xfe\x00<\x00r\x00s\x00s",  # a UTF-16 BOM then garbage
    b"\x00" * 1000,
])
def test_invalid_encodings_give_items_or_a_parse_error(body: bytes):
    try:
        parsed = parse(body, HEADERS, FEED, NOW)
    except FeedParseError:
        return
    for i in parsed.items:
        i.title.encode("utf-8")  # whatever came in, what goes out is valid text


def test_deeply_nested_html_is_cleaned_without_recursion_errors():
    depth = 100_000
    html = "<div>" * depth + "Xi Jinping arrives in Moscow for talks with Putin" + "</div>" * depth
    parsed = parse(rss(item("Xi arrives", description=html.replace("<", "&lt;").replace(">", "&gt;"))),
                   HEADERS, FEED, NOW)
    try:
        article = Process()(parsed.items[0], 1746612000.0)
    except InputError:
        return
    assert "<div>" not in article.text and len(article.text) <= 200_000


async def test_endless_trickle_is_cut_by_the_total_timeout(serve, allow_private: None):
    async def trickle(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        try:
            while True:  # a byte every 50 ms: never idle long enough for the read timeout
                await resp.write(b" ")
                await asyncio.sleep(0.05)
        except (ConnectionResetError, asyncio.CancelledError):
            return resp

    app = web.Application()
    app.router.add_get("/trickle", trickle)
    base = await serve(app)
    async with Fetcher(read_timeout=1.0, total_timeout=1.5) as f:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(FetchError, match="timed out"):
            await f.fetch(f"{base}/trickle")
        assert loop.time() - started < 10  # cut near the total timeout, not left running


async def test_a_poller_among_hostile_feeds_keeps_the_good_one_flowing(serve, allow_private: None):
    """All of them in one poll pass: each hostile feed ends in an error or a few items, and the
    ordinary feed beside them is emitted."""
    import gzip

    from streams.poll.hosts import HostLimiter
    from streams.poll.poller import Poller

    bomb = gzip.compress(b" " * (50 * 1024 * 1024))  # 50 MiB of spaces in ~50 KiB
    laughs = rss(item("a &lol9; b"), "<!DOCTYPE rss [" + '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10}">' for i in range(1, 10)) + "]>")
    huge = rss("".join(item(f"Entry {n}", n) for n in range(100_000)))

    async def trickle(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        try:
            while True:
                await resp.write(b" ")
                await asyncio.sleep(0.05)
        except (ConnectionResetError, asyncio.CancelledError):
            return resp

    def fixed(body: bytes, **headers: str):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=body, headers={"Content-Type": "application/rss+xml", **headers})
        return handler

    app = web.Application()
    app.router.add_get("/good.xml", fixed(rss(item("Xi Jinping arrives in Moscow", 7))))
    app.router.add_get("/laughs.xml", fixed(laughs))
    app.router.add_get("/bomb.xml", fixed(bomb, **{"Content-Encoding": "gzip"}))
    app.router.add_get("/huge.xml", fixed(huge))
    app.router.add_get("/trickle.xml", trickle)
    base = await serve(app)
    emitted: list = []

    async def sink(items: list) -> None:
        emitted.extend(items)

    paths = ["/good.xml", "/laughs.xml", "/bomb.xml", "/huge.xml", "/trickle.xml"]
    async with Fetcher(max_bytes=20 * 1024 * 1024, read_timeout=1.0, total_timeout=2.0) as fetcher:
        poller = Poller([FeedRef(url=base + p, source=p[1:]) for p in paths], sink, fetcher=fetcher,
                        limiter=HostLimiter(concurrency=8, min_gap=0), first_poll_max=30)
        await asyncio.wait_for(poller.poll_all(), 30)
    by_feed = {p: [i for i in emitted if i.feed_url == base + p] for p in paths}
    assert [i.title for i in by_feed["/good.xml"]] == ["Xi Jinping arrives in Moscow"]
    assert [i.title.count("lol") for i in by_feed["/laughs.xml"]] == [1]
    assert len(by_feed["/huge.xml"]) == 30  # the first poll of a long backlog: the newest 30
    errors = {p: poller.store.get(base + p).errors for p in paths}
    assert errors["/bomb.xml"] == 1 and errors["/trickle.xml"] == 1 and not by_feed["/bomb.xml"]
    assert errors["/good.xml"] == 0
