"""Content-Encoding decoders that stop at a byte budget: a 10 KiB gzip bomb must not become 10 GiB.

aiohttp would inflate for us, but without a cap on what one chunk expands to; here every
decoder is asked for at most the remaining budget and the download is aborted past it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from streams.errors import FetchError, ResponseTooLarge

try:  # optional: `br` is only advertised when a decoder is installed
    import brotli
except ImportError:  # pragma: no cover - brotli is a declared dependency
    brotli = None

__all__ = ["ACCEPT_ENCODING", "CappedDecoder"]

ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"


class CappedDecoder:
    """Feed raw chunks in, get decoded bytes out; raises `ResponseTooLarge` past `max_bytes`."""

    def __init__(self, encoding: str, max_bytes: int, url: str) -> None:
        self.max_bytes = max_bytes
        self.url = url
        self.size = 0
        self.parts: list[bytes] = []
        encoding = encoding.strip().lower()
        self._step: Callable[[bytes, int], bytes]
        if encoding in ("", "identity"):
            self._step = lambda data, limit: data
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(47 if encoding != "deflate" else 15)
            self._raw_deflate = encoding == "deflate"
            self._step = self._inflate
        elif encoding == "br" and brotli is not None:
            self._brotli = brotli.Decompressor()
            self._step = self._unbrotli
        else:
            raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")

    def _inflate(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._zlib.decompress(data, limit)
        except zlib.error as exc:
            if self._raw_deflate and self.size == 0:  # some servers send raw deflate, no zlib header
                self._zlib = zlib.decompressobj(-15)
                self._raw_deflate = False
                return self._inflate(data, limit)
            raise FetchError(f"{self.url}: corrupt compressed body: {exc}") from exc
        if self._zlib.unconsumed_tail:
            raise self._too_large()  # more output is pending than the whole budget allows
        if self._zlib.eof:  # past the end of a stream, zlib keeps further input in `unused_data`
            rest = self._zlib.unused_data
            if rest[:2] == b"\x1f\x8b":  # another gzip member (concatenated files, as `gzip` reads them)
                if limit - len(out) <= 0:
                    raise self._too_large()
                self._zlib = zlib.decompressobj(47)
                return out + self._inflate(rest, limit - len(out))
            if len(rest) >= 2:  # trailing garbage: ignored, and no longer kept
                self._step = lambda data, limit: b""
        return out

    def _unbrotli(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._brotli.process(data, output_buffer_limit=limit)
        except brotli.error as exc:
            raise FetchError(f"{self.url}: corrupt brotli body: {exc}") from exc
        if len(out) >= limit and not self._brotli.can_accept_more_data():
            raise self._too_large()
        return out

    def _too_large(self) -> ResponseTooLarge:
        return ResponseTooLarge(f"{self.url}: body exceeds cap of {self.max_bytes} bytes, download aborted")

    def feed(self, chunk: bytes) -> None:
        out = self._step(chunk, self.max_bytes - self.size + 1)
        self.size += len(out)
        if self.size > self.max_bytes:
            raise self._too_large()
        self.parts.append(out)

    def result(self) -> bytes:
        return b"".join(self.parts)
