"""Fetching one web address, with every limit the network needs.

Only `add URL`, `fetch` and the TUI's fetch command get here; nothing at
start-up, search or reading does. The limits (issue 14):

- connect timeout 5 s, the whole request 30 s: httpx's read timeout bounds a
  stalled server, a deadline checked after every chunk bounds one that
  trickles its body forever, and the request runs under that same deadline in
  a thread that is given up on, for a server that trickles its headers;
- the body is capped at 10 MB *after* decompression, read in chunks and
  decompressed with a bounded output size, so neither a huge body nor a gzip
  bomb is ever held in memory;
- at most 5 redirects (a loop ends in a clear error);
- a User-Agent naming diplo-reader and its version;
- at most 2 requests at a time to one host (a semaphore per host, shared by
  every thread of the process).
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from index import __version__

USER_AGENT = f"diplo-reader/{__version__} (German diplomacy news reader)"


@dataclass(frozen=True)
class Limits:
    """The network limits; tests shrink the times so they never wait 30 s."""

    connect_timeout: float = 5.0
    total_timeout: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host: int = 2


@dataclass(frozen=True)
class Response:
    """A fetched body (decompressed, within the cap) and what we need of its headers."""

    url: str
    """The final address, after redirects."""
    status: int
    body: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """An address that could not be fetched; str() is one line saying why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_host_slots: dict[str, threading.BoundedSemaphore] = {}
_host_slots_lock = threading.Lock()


def _slot(host: str, per_host: int) -> threading.BoundedSemaphore:
    with _host_slots_lock:
        slot = _host_slots.get(host)
        if slot is None:
            slot = _host_slots[host] = threading.BoundedSemaphore(per_host)
        return slot


def check_url(url: str) -> str:
    """`url` if it is an http(s) address with a host, else FetchError."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FetchError("bad-url", "not a valid address") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError("bad-url", "not an http(s) address")
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in url):
        raise FetchError("bad-url", "spaces or control characters in the address")
    return url


@dataclass
class Fetcher:
    """One HTTP client for a batch of requests (thread-safe: httpx.Client is)."""

    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        lim = self.limits
        self._client = httpx.Client(
            timeout=httpx.Timeout(
                lim.total_timeout, connect=lim.connect_timeout, pool=lim.total_timeout
            ),
            follow_redirects=True,
            max_redirects=lim.max_redirects,
            headers={
                "User-Agent": USER_AGENT,
                # Only what we decompress ourselves, with a bounded output size.
                "Accept-Encoding": "gzip, deflate",
            },
            trust_env=False,  # no proxy or netrc from the environment
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET `url`. Raises FetchError with a one-line reason on any failure,
        including HTTP errors (4xx/5xx); 304 comes back as a Response."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).hostname or ""
        with _slot(host, self.limits.per_host):
            try:
                return self._get_within(url, headers)
            except FetchError:
                raise
            except httpx.TooManyRedirects as exc:
                raise FetchError(
                    "redirects", f"more than {self.limits.max_redirects} redirects"
                ) from exc
            except httpx.ConnectTimeout as exc:
                raise FetchError(
                    "timeout", f"no connection within {self.limits.connect_timeout:g} s"
                ) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(
                    "timeout", f"no complete answer within {self.limits.total_timeout:g} s"
                ) from exc
            except httpx.ConnectError as exc:
                raise FetchError("connect", f"cannot connect: {_reason(exc)}") from exc
            except httpx.InvalidURL as exc:
                raise FetchError("bad-url", f"not a valid address: {_reason(exc)}") from exc
            except httpx.HTTPError as exc:
                raise FetchError("http", f"network error: {_reason(exc)}") from exc

    def _get_within(self, url: str, headers: dict[str, str]) -> Response:
        """`_get` under one deadline for the whole request. The body is checked
        against it chunk by chunk; but httpx has no total timeout, and a server
        that trickles its status line and headers is bounded only per read. So
        the request runs in a daemon thread that is given up on at the deadline
        (its socket is closed when its reads time out or the process ends)."""
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["response"] = self._get(url, headers)
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=run, name="diplo-fetch", daemon=True)
        worker.start()
        # A little past the deadline: the body check inside fires first and
        # says so itself; this catches what it cannot see (headers, redirects).
        worker.join(self.limits.total_timeout + 0.5)
        if worker.is_alive():
            raise FetchError(
                "timeout", f"no complete answer within {self.limits.total_timeout:g} s"
            )
        if "error" in outcome:
            raise outcome["error"]
        return outcome["response"]  # type: ignore[no-any-return]

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        deadline = time.monotonic() + self.limits.total_timeout
        with self._client.stream("GET", url, headers=headers) as resp:
            final = str(resp.url)
            if resp.status_code == 304:
                return Response(final, 304, b"", etag=etag_of(resp))
            if resp.status_code >= 400:
                raise FetchError(
                    f"http-{resp.status_code}",
                    f"HTTP {resp.status_code} {resp.reason_phrase or ''}".rstrip(),
                )
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.limits.max_bytes:
                raise FetchError("too-large", self._too_large())
            body = self._read_capped(resp, deadline)
            content_type = resp.headers.get("content-type", "")
            return Response(
                url=final,
                status=resp.status_code,
                body=body,
                content_type=content_type.split(";")[0].strip().lower(),
                charset=resp.charset_encoding,
                etag=etag_of(resp),
                last_modified=resp.headers.get("last-modified"),
            )

    def _too_large(self) -> str:
        return f"larger than {self.limits.max_bytes / 1e6:g} MB: not read"

    def _read_capped(self, resp: httpx.Response, deadline: float) -> bytes:
        cap = self.limits.max_bytes
        decoder = _decoder(resp.headers.get("content-encoding", ""))
        out = bytearray()
        for chunk in resp.iter_raw():
            if time.monotonic() > deadline:
                raise FetchError(
                    "timeout", f"no complete answer within {self.limits.total_timeout:g} s"
                )
            for piece in decoder(chunk, cap + 1 - len(out)):
                out += piece
                if len(out) > cap:
                    raise FetchError("too-large", self._too_large())
        return bytes(out)


def etag_of(resp: httpx.Response) -> str | None:
    return resp.headers.get("etag")


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def _decoder(encoding: str):  # type: ignore[no-untyped-def]
    """A function (chunk, room) -> pieces that decompresses without ever
    producing more than `room` (+ one chunk) bytes at once."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return lambda chunk, room: (chunk,)
    if encoding in ("gzip", "x-gzip"):
        zobj = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        zobj = zlib.decompressobj()
    else:
        raise FetchError("encoding", f"unsupported content encoding {encoding!r}")

    def decode(chunk: bytes, room: int) -> Iterator[bytes]:
        data = chunk
        try:
            while data:
                piece = zobj.decompress(data, max(room, 1))
                yield piece
                room -= len(piece)
                if room <= 0:
                    return  # the caller stops at the cap
                data = zobj.unconsumed_tail
        except zlib.error as exc:
            raise FetchError("encoding", "broken compressed body") from exc

    return decode
