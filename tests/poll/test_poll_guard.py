"""SSRF guard: literal addresses of every non-public kind, DNS names, schemes, the opt-in flag."""

from __future__ import annotations

import asyncio
import socket

import pytest

from streams.errors import BlockedURLError, FetchError
from streams.poll.guard import GuardedResolver, check_url, is_blocked_ip, private_networks_allowed

BLOCKED_LITERALS = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "10.1.2.3",  # private
    "172.16.0.5",
    "192.168.1.1",
    "169.254.169.254",  # link-local: cloud metadata endpoint
    "0.0.0.0",  # unspecified
    "224.0.0.251",  # multicast
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "100.64.0.1",  # carrier-grade NAT: not private, but not global either
    "[::1]",
    "[::]",
    "[fe80::1]",
    "[fc00::1]",  # unique local
    "[ff02::1]",
    "[::ffff:127.0.0.1]",  # IPv4-mapped loopback
    "[::ffff:169.254.169.254]",  # IPv4-mapped metadata
    "[::ffff:a9fe:a9fe]",  # the same, in hex
    "[2002:a9fe:a9fe::1]",  # 6to4 wrapping 169.254.169.254
]


@pytest.mark.parametrize("host", BLOCKED_LITERALS)
async def test_non_public_literals_blocked(host: str) -> None:
    with pytest.raises(BlockedURLError):
        await check_url(f"http://{host}/feed.xml", allow_private=False)


@pytest.mark.parametrize("host", BLOCKED_LITERALS)
async def test_non_public_literals_allowed_with_flag(host: str) -> None:
    await check_url(f"http://{host}:8080/feed.xml", allow_private=True)


@pytest.mark.parametrize("url", ["http://93.184.216.34/rss", "https://[2606:4700:4700::1111]/feed"])
async def test_public_literals_pass(url: str) -> None:
    await check_url(url, allow_private=False)


@pytest.mark.parametrize(
    "url", ["ftp://93.184.216.34/x", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)", "/relative"]
)
@pytest.mark.parametrize("allow", [False, True])
async def test_non_http_schemes_always_blocked(url: str, allow: bool) -> None:
    with pytest.raises(BlockedURLError, match="scheme"):
        await check_url(url, allow_private=allow)


@pytest.mark.parametrize("url", ["http:///no-host", "http://[::1/", "http://example.com:99999/"])
async def test_malformed_urls_blocked(url: str) -> None:
    with pytest.raises(BlockedURLError):
        await check_url(url, allow_private=False)


async def test_localhost_name_resolves_to_loopback_and_is_blocked() -> None:
    with pytest.raises(BlockedURLError, match="localhost"):
        await check_url("http://localhost:8080/feed", allow_private=False)
    await check_url("http://localhost:8080/feed", allow_private=True)


def _fake_getaddrinfo(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> None:
    async def getaddrinfo(self: object, host: str, port: object, **kwargs: object) -> list[tuple]:
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in answers
        ]

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", getaddrinfo)


async def test_dns_name_with_public_answers_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_getaddrinfo(monkeypatch, ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
    await check_url("https://news.example.com/rss", allow_private=False)


async def test_dns_name_with_one_private_answer_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_getaddrinfo(monkeypatch, ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(BlockedURLError, match="10.0.0.7"):
        await check_url("https://sneaky.example.com/rss", allow_private=False)


async def test_unresolvable_name_is_fetch_error_not_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_getaddrinfo(monkeypatch, [])
    with pytest.raises(FetchError, match="cannot resolve") as info:
        await check_url("https://nowhere.invalid/rss", allow_private=False)
    assert not isinstance(info.value, BlockedURLError)


async def test_resolver_refuses_private_answer_at_connect_time() -> None:
    with pytest.raises(BlockedURLError):
        await GuardedResolver(allow_private=False).resolve("localhost", 80)
    assert await GuardedResolver(allow_private=True).resolve("localhost", 80)


def test_is_blocked_ip_garbage_is_blocked() -> None:
    assert is_blocked_ip("not-an-ip")
    assert not is_blocked_ip("8.8.8.8")


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("0", False), ("", False)])
def test_private_networks_allowed_reads_env(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("NEWSSTREAM_ALLOW_PRIVATE_NETWORKS", value)
    assert private_networks_allowed() is expected


def test_private_networks_not_allowed_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSSTREAM_ALLOW_PRIVATE_NETWORKS", raising=False)
    assert private_networks_allowed() is False
