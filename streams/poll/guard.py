"""SSRF guard: feed URLs come from config files and from redirects we do not control.

A feed server (or anyone who can edit the feeds file) could otherwise point the poller at
the cloud metadata endpoint, the local Kafka broker or an intranet admin page. Every URL is
checked before each request, and the HTTP client's resolver re-checks the addresses it
actually connects to, so a DNS answer that changes between check and connect (rebinding)
is refused as well.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from urllib.parse import urlsplit

from aiohttp.abc import ResolveResult
from aiohttp.resolver import ThreadedResolver

from streams.errors import BlockedURLError, FetchError

ALLOW_PRIVATE_ENV = "NEWSSTREAM_ALLOW_PRIVATE_NETWORKS"
ALLOWED_SCHEMES = frozenset({"http", "https"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def private_networks_allowed() -> bool:
    """True when the environment opts in to private targets (local demo, tests)."""
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in {"1", "true", "yes"}


def is_blocked_ip(address: str | IPAddress) -> bool:
    """True for any address that is not plainly public unicast.

    IPv6 forms that embed an IPv4 address (mapped, 6to4, Teredo) are judged by the embedded
    address too, so ``::ffff:169.254.169.254`` cannot sneak past.
    """
    try:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    except ValueError:
        return True  # not an address at all: refuse rather than guess
    candidates: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        candidates += [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
        if ip.teredo is not None:
            candidates += list(ip.teredo)
    return any(
        a.is_private
        or a.is_loopback
        or a.is_link_local
        or a.is_multicast
        or a.is_reserved
        or a.is_unspecified
        or not a.is_global  # e.g. 100.64.0.0/10 carrier-grade NAT
        for a in candidates
    )


def _literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


async def check_url(url: str, allow_private: bool) -> None:
    """Raise `BlockedURLError` unless `url` is http(s) and its host resolves only to public addresses.

    The scheme check applies even when private networks are allowed: ``file:`` or ``ftp:``
    are never feed URLs. A host that does not resolve raises a plain `FetchError`.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a malformed port
    except ValueError as exc:
        raise BlockedURLError(f"malformed URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedURLError(f"scheme {parts.scheme or '(none)'!r} not allowed in {url!r}")
    if not host:
        raise BlockedURLError(f"no host in URL {url!r}")
    if allow_private:
        return
    literal = _literal_ip(host)
    if literal is not None:
        if is_blocked_ip(literal):
            raise BlockedURLError(f"{url!r} points at non-public address {literal}")
        return
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host.rstrip("."), None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} of {url!r}: {exc}") from exc
    addresses = {info[4][0] for info in infos}
    blocked = sorted(a for a in addresses if is_blocked_ip(a.split("%", 1)[0]))
    if blocked or not addresses:
        raise BlockedURLError(f"{url!r}: host {host!r} resolves to non-public {', '.join(blocked) or 'nothing'}")


class GuardedResolver(ThreadedResolver):
    """aiohttp resolver that refuses non-public answers at connect time (anti DNS-rebinding)."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await super().resolve(host, port, family)
        if self.allow_private:
            return results
        blocked = [r["host"] for r in results if is_blocked_ip(r["host"].split("%", 1)[0])]
        if blocked:
            raise BlockedURLError(f"host {host!r} resolved to non-public {', '.join(blocked)} at connect time")
        return results
