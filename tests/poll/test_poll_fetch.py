"""Fetcher against real aiohttp servers on loopback: conditional GET, redirects, caps, errors."""

from __future__ import annotations

import asyncio
import gzip

import pytest
from aiohttp import web

import streams.poll.fetch as fetch_module
from streams.errors import BlockedURLError, FetchError, ResponseTooLarge
from streams.poll.fetch import DEFAULT_USER_AGENT, Fetcher
from streams.poll.guard import check_url

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 07 May 2025 09:30:00 GMT"


def conditional_app(seen: list[dict[str, str]]) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        seen.append(dict(request.headers))
        headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
        if request.headers.get("If-None-Match") == ETAG or request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return web.Response(status=304, headers=headers)
        return web.Response(body=RSS, headers=headers, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed", feed)
    return app


async def test_conditional_get_gives_not_modified(serve, fetcher: Fetcher) -> None:
    seen: list[dict[str, str]] = []
    base = await serve(conditional_app(seen))
    first = await fetcher.fetch(f"{base}/feed")
    assert first.status == 200 and not first.not_modified
    assert first.body == RSS
    assert first.etag == ETAG and first.last_modified == LAST_MODIFIED
    assert first.headers["content-type"].startswith("application/rss+xml")  # lowercase keys
    assert first.url == f"{base}/feed"

    second = await fetcher.fetch(f"{base}/feed", etag=first.etag, last_modified=first.last_modified)
    assert second.status == 304 and second.not_modified and second.body == b""
    assert seen[1]["If-None-Match"] == ETAG and seen[1]["If-Modified-Since"] == LAST_MODIFIED
    assert seen[0]["User-Agent"] == DEFAULT_USER_AGENT
    assert "If-None-Match" not in seen[0]

    only_date = await fetcher.fetch(f"{base}/feed", last_modified=LAST_MODIFIED)
    assert only_date.not_modified


async def test_user_agent_is_configurable_and_gzip_is_decoded(serve, allow_private: None) -> None:
    seen: list[dict[str, str]] = []

    async def feed(request: web.Request) -> web.Response:
        seen.append(dict(request.headers))
        return web.Response(body=gzip.compress(RSS), headers={"Content-Encoding": "gzip"})

    app = web.Application()
    app.router.add_get("/gz", feed)
    base = await serve(app)
    async with Fetcher("custom-agent/2.0") as f:
        result = await f.fetch(f"{base}/gz")
    assert result.body == RSS
    assert seen[0]["User-Agent"] == "custom-agent/2.0"
    assert "gzip" in seen[0]["Accept-Encoding"]


def redirect_app(target: str, hops: int = 1) -> web.Application:
    async def hop(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        location = target if n >= hops else f"/r/{n + 1}"
        raise web.HTTPFound(location)

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=RSS)

    app = web.Application()
    app.router.add_get("/r/{n}", hop)
    app.router.add_get("/feed", feed)
    return app


async def test_redirects_followed_and_final_url_reported(serve, fetcher: Fetcher) -> None:
    base = await serve(redirect_app("/feed", hops=3))
    result = await fetcher.fetch(f"{base}/r/1")
    assert result.status == 200 and result.body == RSS
    assert result.url == f"{base}/feed"


async def test_too_many_redirects(serve, fetcher: Fetcher) -> None:
    base = await serve(redirect_app("/feed", hops=6))
    with pytest.raises(FetchError, match="too many redirects"):
        await fetcher.fetch(f"{base}/r/1")


async def test_redirect_to_blocked_host_refused(serve, monkeypatch: pytest.MonkeyPatch) -> None:
    """The origin is trusted (it is our loopback test server), the redirect target is not."""
    base = await serve(redirect_app("http://169.254.169.254/latest/meta-data/"))
    checked: list[str] = []

    async def origin_trusting_check(url: str, allow_private: bool) -> None:
        checked.append(url)
        await check_url(url, allow_private or url.startswith(base))

    monkeypatch.setattr(fetch_module, "check_url", origin_trusting_check)
    async with Fetcher(allow_private=False, connect_timeout=1, total_timeout=3) as f:
        with pytest.raises(BlockedURLError, match="169.254.169.254"):
            await f.fetch(f"{base}/r/1")
    assert checked == [f"{base}/r/1", "http://169.254.169.254/latest/meta-data/"]


async def test_redirect_to_file_scheme_refused_even_when_private_allowed(serve, fetcher: Fetcher) -> None:
    base = await serve(redirect_app("file:///etc/passwd"))
    with pytest.raises(BlockedURLError, match="scheme"):
        await fetcher.fetch(f"{base}/r/1")


async def test_loopback_refused_without_opt_in(serve, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSSTREAM_ALLOW_PRIVATE_NETWORKS", raising=False)
    base = await serve(conditional_app([]))
    async with Fetcher() as f:
        assert f.allow_private is False
        with pytest.raises(BlockedURLError):
            await f.fetch(f"{base}/feed")
        with pytest.raises(BlockedURLError):
            await f.fetch(base.replace("127.0.0.1", "localhost") + "/feed")


async def test_rebinding_caught_by_resolver(serve, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if the pre-check were fooled, the connector's resolver refuses a loopback answer."""
    base = await serve(conditional_app([]))

    async def fooled_check(url: str, allow_private: bool) -> None:
        return None

    monkeypatch.setattr(fetch_module, "check_url", fooled_check)
    async with Fetcher(allow_private=False) as f:
        with pytest.raises(BlockedURLError, match="connect time"):
            await f.fetch(base.replace("127.0.0.1", "localhost") + "/feed")


def big_app() -> web.Application:
    async def declared(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 300_000)

    async def streamed(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse()  # chunked, no Content-Length: only the running count can stop it
        await resp.prepare(request)
        for _ in range(10_000):
            await resp.write(b"y" * 16_384)
            await asyncio.sleep(0.001)
        return resp

    app = web.Application()
    app.router.add_get("/declared", declared)
    app.router.add_get("/streamed", streamed)
    return app


async def test_size_cap_declared_length(serve, allow_private: None) -> None:
    base = await serve(big_app())
    async with Fetcher(max_bytes=100_000) as f:
        with pytest.raises(ResponseTooLarge, match="100000"):
            await f.fetch(f"{base}/declared")
        # below the cap the same response is fine
    async with Fetcher(max_bytes=400_000) as f:
        assert len((await f.fetch(f"{base}/declared")).body) == 300_000


async def test_size_cap_aborts_streaming_download(serve, allow_private: None) -> None:
    base = await serve(big_app())
    async with Fetcher(max_bytes=100_000, total_timeout=10) as f:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(ResponseTooLarge, match="aborted"):
            await f.fetch(f"{base}/streamed")
    # 160 MiB at ~1 ms per 16 KiB chunk would take 10 s; aborting takes a few chunks
    assert loop.time() - started < 3


@pytest.mark.parametrize("status", [404, 410, 500, 503])
async def test_http_errors_raise_fetch_error_with_status(serve, fetcher: Fetcher, status: int) -> None:
    async def fail(request: web.Request) -> web.Response:
        return web.Response(status=status, text="nope")

    app = web.Application()
    app.router.add_get("/x", fail)
    base = await serve(app)
    with pytest.raises(FetchError, match=f"HTTP {status}") as info:
        await fetcher.fetch(f"{base}/x")
    assert not isinstance(info.value, (BlockedURLError, ResponseTooLarge))


async def test_missing_route_is_404_fetch_error(serve, fetcher: Fetcher) -> None:
    base = await serve(web.Application())
    with pytest.raises(FetchError, match="404"):
        await fetcher.fetch(f"{base}/nothing-here.xml")


async def test_connection_refused_is_fetch_error(serve, fetcher: Fetcher) -> None:
    base = await serve(web.Application())
    url = base.rsplit(":", 1)[0] + ":1/feed"  # port 1: nothing listens there
    with pytest.raises(FetchError, match=r"failed: cannot connect to 127\.0\.0\.1:1: ") as err:
        await fetcher.fetch(url)
    assert "ConnectionKey" not in str(err.value)  # what `feeds list` shows: words, not aiohttp's repr


async def test_unresolvable_host_and_dropped_connection_are_named(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="failed: cannot resolve host no-such-host.invalid: ") as err:
        await fetcher.fetch("http://no-such-host.invalid/feed")
    assert "ConnectionKey" not in str(err.value) and "gaierror" not in str(err.value)

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readline()  # the request line arrived: close without a response
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(FetchError, match="failed: the server closed the connection"):
            await fetcher.fetch(f"http://127.0.0.1:{port}/feed")
    finally:
        server.close()
        await server.wait_closed()


async def test_read_timeout_is_fetch_error(serve, allow_private: None) -> None:
    release = asyncio.Event()

    async def slow(request: web.Request) -> web.Response:
        await asyncio.wait_for(release.wait(), timeout=5)
        return web.Response(body=RSS)

    app = web.Application()
    app.router.add_get("/slow", slow)
    base = await serve(app)
    try:
        async with Fetcher(read_timeout=0.2, total_timeout=3) as f:
            with pytest.raises(FetchError, match="timed out"):
                await f.fetch(f"{base}/slow")
    finally:
        release.set()  # let the handler finish so server cleanup does not wait


async def test_session_is_lazy_shared_and_closable(serve, fetcher: Fetcher) -> None:
    assert fetcher._session is None
    base = await serve(conditional_app([]))
    await fetcher.fetch(f"{base}/feed")
    session = fetcher._session
    await fetcher.fetch(f"{base}/feed")
    assert fetcher._session is session
    await fetcher.close()
    await fetcher.close()  # idempotent
    assert session is not None and session.closed
    assert (await fetcher.fetch(f"{base}/feed")).status == 200  # reopens on demand


# -- encodings, statuses, permanent redirects (issue #3) -------------------------------------------
def encoded_app(body: bytes, encoding: str) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Encoding": encoding})

    app = web.Application()
    app.router.add_get("/feed", feed)
    return app


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate", "br"])
async def test_compressed_bodies_are_decoded(serve, fetcher: Fetcher, encoding: str) -> None:
    import zlib

    if encoding == "br":
        brotli = pytest.importorskip("brotli")
        body, header = brotli.compress(RSS), "br"
    elif encoding == "raw-deflate":
        c = zlib.compressobj(wbits=-15)
        body, header = c.compress(RSS) + c.flush(), "deflate"
    else:
        body, header = (gzip.compress(RSS) if encoding == "gzip" else zlib.compress(RSS)), encoding
    base = await serve(encoded_app(body, header))
    assert (await fetcher.fetch(f"{base}/feed")).body == RSS


@pytest.mark.parametrize("encoding", ["gzip", "br"])
async def test_compression_bomb_is_aborted_at_the_decoded_cap(serve, allow_private: None, encoding: str) -> None:
    plain = b"<rss>" + b" " * (50 * 1024 * 1024)
    if encoding == "br":
        brotli = pytest.importorskip("brotli")
        bomb = brotli.compress(plain, quality=1)
    else:
        bomb = gzip.compress(plain, compresslevel=9)
    assert len(bomb) < 1024 * 1024  # small on the wire
    base = await serve(encoded_app(bomb, encoding))
    async with Fetcher(max_bytes=1024 * 1024) as f:
        with pytest.raises(ResponseTooLarge, match="aborted"):
            await f.fetch(f"{base}/feed")


async def test_accept_encoding_and_user_agent_with_contact_url(serve, allow_private: None) -> None:
    from streams.settings import Settings

    seen: list[dict[str, str]] = []
    base = await serve(conditional_app(seen))
    settings = Settings.load(contact_url="https://ops.example/newsstream")
    async with Fetcher(settings.http_user_agent) as f:
        await f.fetch(f"{base}/feed")
    assert seen[0]["User-Agent"] == "newsstream/0.1 (+https://ops.example/newsstream)"
    assert {"gzip", "deflate"} <= {e.strip() for e in seen[0]["Accept-Encoding"].split(",")}


def chain_app(statuses: list[int]) -> web.Application:
    """/0 redirects with statuses[0] to /1, ... and the last hop serves the feed."""

    async def hop(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        if n < len(statuses):
            return web.Response(status=statuses[n], headers={"Location": f"/{n + 1}"})
        return web.Response(body=RSS)

    app = web.Application()
    app.router.add_get("/{n}", hop)
    return app


@pytest.mark.parametrize(("statuses", "moved"), [
    ([301], "/1"), ([308], "/1"), ([301, 308], "/2"), ([301, 302], "/1"),
    ([302], None), ([307], None), ([302, 301], None),
])
async def test_only_permanent_redirects_move_the_feed(serve, fetcher: Fetcher, statuses, moved) -> None:
    base = await serve(chain_app(statuses))
    result = await fetcher.fetch(f"{base}/0")
    assert result.body == RSS and result.url == f"{base}/{len(statuses)}"
    assert result.moved_to == (f"{base}{moved}" if moved else None)


@pytest.mark.parametrize(("status", "kind"), [(410, "FeedGone"), (429, "RateLimited"), (503, "RateLimited"),
                                              (500, "HTTPStatusError")])
async def test_status_errors_are_typed_and_carry_retry_after(serve, fetcher: Fetcher, status: int, kind: str) -> None:
    from streams import errors

    async def fail(request: web.Request) -> web.Response:
        return web.Response(status=status, headers={"Retry-After": "120"})

    app = web.Application()
    app.router.add_get("/x", fail)
    base = await serve(app)
    with pytest.raises(getattr(errors, kind)) as info:
        await fetcher.fetch(f"{base}/x")
    assert type(info.value).__name__ == kind
    assert info.value.status == status and info.value.retry_after == "120"


def test_concatenated_gzip_members_are_all_decoded_in_any_chunking() -> None:
    import gzip

    from streams.poll.decode import CappedDecoder

    body = gzip.compress(b"<rss>first half ") + gzip.compress(b"second half</rss>") + b"\x00\x00trailing"
    for size in (1, 2, 3, 7, len(body)):
        dec = CappedDecoder("gzip", 1000, "http://x.example/feed")
        for i in range(0, len(body), size):
            dec.feed(body[i:i + size])
        assert dec.result() == b"<rss>first half second half</rss>", size
    dec = CappedDecoder("gzip", 20, "http://x.example/feed")
    with pytest.raises(ResponseTooLarge):
        dec.feed(body)  # the cap counts both members
