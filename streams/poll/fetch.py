"""HTTP fetching for feeds: polite (own User-Agent, conditional GET) and defensive.

Feeds are third-party input, so the fetcher caps the body size while downloading (after
decompression: see `decode`), bounds connect/read/total time, and follows redirects itself so
that every hop passes the SSRF guard (aiohttp's automatic redirects would skip it) and so that
a chain of permanent redirects (301/308) can be reported as the feed's new address. aiohttp
errors are converted here, once, into `FetchError` and its subclasses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin

import aiohttp

from streams.errors import FeedGone, FetchError, HTTPStatusError, RateLimited, ResponseTooLarge
from streams.poll.decode import ACCEPT_ENCODING, CappedDecoder
from streams.poll.guard import GuardedResolver, check_url, private_networks_allowed

__all__ = ["DEFAULT_USER_AGENT", "Fetcher", "FetchResult"]

log = logging.getLogger("newsstream.poll")

DEFAULT_USER_AGENT = "newsstream/0.1 (+https://github.com/newsstream/newsstream)"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
_CHUNK = 64 * 1024
_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
           "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")


@dataclass(slots=True)
class FetchResult:
    """One completed fetch. `body` is b"" when the server answered 304 Not Modified.

    `moved_to` is set when the request started with permanent redirects (301/308): the URL
    the last of them pointed at, which should replace the stored feed URL. A temporary
    redirect (302/303/307) anywhere earlier in the chain leaves it None.
    """

    status: int
    url: str  # final URL, after redirects
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lowercase keys
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """Shares one `aiohttp.ClientSession` across all feeds; create once, `await close()` at exit.

    `allow_private=None` reads `NEWSSTREAM_ALLOW_PRIVATE_NETWORKS` at construction time.
    """

    def __init__(
        self,
        user_agent: str = DEFAULT_USER_AGENT,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        total_timeout: float = 60.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        allow_private: bool | None = None,
        max_connections: int = 64,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = aiohttp.ClientTimeout(
            total=total_timeout, sock_connect=connect_timeout, sock_read=read_timeout
        )
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_private = private_networks_allowed() if allow_private is None else allow_private
        self.max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                resolver=GuardedResolver(self.allow_private), limit=self.max_connections,
                limit_per_host=0, ttl_dns_cache=300,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
                auto_decompress=False,  # we inflate ourselves, under the size cap
                trust_env=False,  # a proxy would hide the real target from the guard
            )
        return self._session

    async def close(self) -> None:
        """Close the shared session; safe to call twice. A later fetch opens a new one."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` (conditionally, when validators are given) and return the whole body.

        Raises `BlockedURLError` for a refused hop (the first or any redirect target),
        `ResponseTooLarge` past `max_bytes`, `FeedGone` for 410, `RateLimited` for 429/503,
        `HTTPStatusError` for other statuses >= 400, and `FetchError` for too many redirects,
        network errors and timeouts.
        """
        headers = {"Accept": _ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        session = self._get_session()
        current = url
        moved_to: str | None = None
        permanent_so_far = True
        for _hop in range(self.max_redirects + 1):
            await check_url(current, self.allow_private)
            try:
                async with session.get(current, headers=headers, allow_redirects=False) as resp:
                    if resp.status in REDIRECT_STATUSES:
                        location = resp.headers.get("Location")
                        if not location:
                            raise FetchError(f"HTTP {resp.status} without Location from {current}")
                        log.debug("redirect %s %s -> %s", resp.status, current, location)
                        current = urljoin(current, location)
                        permanent_so_far = permanent_so_far and resp.status in PERMANENT_REDIRECTS
                        if permanent_so_far:
                            moved_to = current
                        continue
                    result = await self._complete(resp, current)
                    result.moved_to = moved_to
                    return result
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise FetchError(f"fetch of {current} {failure(exc)}") from exc
        raise FetchError(f"too many redirects (> {self.max_redirects}) starting at {url}")

    async def _complete(self, resp: aiohttp.ClientResponse, url: str) -> FetchResult:
        headers = {k.lower(): v for k, v in resp.headers.items()}
        if resp.status >= 400:
            reason = f" {resp.reason}" if resp.reason else ""
            message = f"HTTP {resp.status}{reason} for {url}"
            retry = headers.get("retry-after")
            error = FeedGone if resp.status == 410 else RateLimited if resp.status in (429, 503) else HTTPStatusError
            raise error(message, resp.status, retry)
        body = b""
        if resp.status != 304:
            body = await self._read_capped(resp, url, headers.get("content-encoding", ""))
        return FetchResult(
            status=resp.status,
            url=url,
            body=body,
            headers=headers,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
        )

    async def _read_capped(self, resp: aiohttp.ClientResponse, url: str, encoding: str) -> bytes:
        """Read and decode the body, aborting as soon as the decoded size passes the cap."""
        declared = resp.content_length
        if declared is not None and declared > self.max_bytes:
            resp.close()
            raise ResponseTooLarge(f"{url}: Content-Length {declared} exceeds cap of {self.max_bytes} bytes")
        decoder = CappedDecoder(encoding, self.max_bytes, url)
        try:
            async for chunk in resp.content.iter_chunked(_CHUNK):
                decoder.feed(chunk)
        except FetchError:
            resp.close()  # drop the connection instead of draining the rest
            raise
        return decoder.result()


def failure(exc: BaseException) -> str:
    """What went wrong, in words an operator reads in `feeds list` (aiohttp's reprs nest the
    connection key and the OS error)."""
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return f"failed: cannot resolve host {exc.host}: {_os_reason(exc.os_error)}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"failed: cannot connect to {exc.host}:{exc.port}: {_os_reason(exc.os_error)}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "failed: the server closed the connection"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return f"failed: incomplete or corrupt body ({exc})"
    return f"failed: {type(exc).__name__}: {exc}" if str(exc) else f"failed: {type(exc).__name__}"


def _os_reason(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
