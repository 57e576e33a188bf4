"""The network limits, each against the local server."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from index import __version__
from index.ingest.http import Fetcher, FetchError, Limits
from tests.ingest.conftest import FAST, LocalServer, Route


def fetch(url: str, limits: Limits = FAST, **kw: str) -> object:
    with Fetcher(limits) as fetcher:
        return fetcher.get(url, **kw)


def test_user_agent_names_diplo_reader_and_version(server: LocalServer) -> None:
    url = server.page("/a", "<p>Hallo</p>")
    fetch(url)
    agent = server.requests[-1][1]["User-Agent"]
    assert agent.startswith(f"diplo-reader/{__version__}")


def test_stalled_server_times_out(server: LocalServer) -> None:
    url = server.page("/slow", "<p>spät</p>", delay=4.0)
    start = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(url)
    assert err.value.code == "timeout"
    assert time.monotonic() - start < 3.5


def test_trickling_body_hits_the_total_deadline(server: LocalServer) -> None:
    # Every chunk arrives well within the read timeout; only the total deadline stops it.
    url = server.page("/drip", "x" * 2000, drip=0.05)
    start = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(url, Limits(connect_timeout=1, total_timeout=1.0))
    assert err.value.code == "timeout"
    assert time.monotonic() - start < 2.5


def test_trickling_headers_hit_the_total_deadline(server: LocalServer) -> None:
    """A server that sends its headers one slow line at a time, each within the
    read timeout, is still cut off at the deadline for the whole request."""

    def trickle(handler: Any) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for n in range(200):
            handler.wfile.write(f"X-Langsam-{n}: ja\r\n".encode())
            handler.wfile.flush()
            if server.stop.wait(0.2):
                return

    server.routes["/headers"] = Route(handler=trickle)
    start = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(server.url("/headers"), Limits(connect_timeout=1, total_timeout=1.0))
    assert err.value.code == "timeout"
    assert "within 1 s" in str(err.value)
    # Well short of the 40 s the headers would take (a hang guard, not a benchmark).
    assert time.monotonic() - start < 10


@pytest.mark.parametrize("status", [404, 410, 500])
def test_http_errors_are_one_line(server: LocalServer, status: int) -> None:
    server.routes["/e"] = Route(b"Fehler", status=status)
    with pytest.raises(FetchError) as err:
        fetch(server.url("/e"))
    assert err.value.code == f"http-{status}"
    assert str(err.value).startswith(f"HTTP {status}")
    assert "\n" not in str(err.value)


def _redirect(to: str) -> Route:
    return Route(status=302, headers={"Location": to})


def test_redirect_loop_stops(server: LocalServer) -> None:
    server.routes["/a"] = _redirect("/b")
    server.routes["/b"] = _redirect("/a")
    with pytest.raises(FetchError) as err:
        fetch(server.url("/a"))
    assert err.value.code == "redirects"
    assert len(server.requests) == 6  # the first request and 5 redirects


def test_five_redirects_are_followed_six_are_not(server: LocalServer) -> None:
    for i in range(6):
        server.routes[f"/r{i}"] = _redirect(f"/r{i + 1}")
    server.page("/r6", "<p>Ziel</p>")
    assert fetch(server.url("/r1")).url.endswith("/r6")  # type: ignore[attr-defined]
    with pytest.raises(FetchError):
        fetch(server.url("/r0"))


def test_huge_body_is_capped_while_reading(server: LocalServer) -> None:
    # No Content-Length: the cap must act while streaming.
    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b"a" * 65536
        try:
            for _ in range(200):  # 13 MB at most, far past the test's 200 kB cap
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass

    server.routes["/huge"] = Route(handler=endless)
    with pytest.raises(FetchError) as err:
        fetch(server.url("/huge"))
    assert err.value.code == "too-large"


def test_declared_huge_body_is_refused_before_reading(server: LocalServer) -> None:
    server.routes["/big"] = Route(b"x" * 300_000)
    with pytest.raises(FetchError) as err:
        fetch(server.url("/big"))
    assert err.value.code == "too-large"


def test_gzip_bomb_is_capped_after_decompression(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, 9)  # ~50 kB on the wire
    assert len(bomb) < FAST.max_bytes
    server.routes["/bomb"] = Route(
        bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError) as err:
        fetch(server.url("/bomb"))
    assert err.value.code == "too-large"


def test_gzip_and_deflate_bodies_are_decoded(server: LocalServer) -> None:
    text = "<p>Grüße aus Genf</p>".encode()
    server.routes["/gz"] = Route(
        gzip.compress(text), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    server.routes["/df"] = Route(
        zlib.compress(text), headers={"Content-Type": "text/html", "Content-Encoding": "deflate"}
    )
    assert fetch(server.url("/gz")).body == text  # type: ignore[attr-defined]
    assert fetch(server.url("/df")).body == text  # type: ignore[attr-defined]


def test_conditional_get_sends_etag_and_gets_304(server: LocalServer) -> None:
    def conditional(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_response(304)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("ETag", '"v1"')
        h.send_header("Last-Modified", "Tue, 05 Mar 2024 10:00:00 GMT")
        h.send_header("Content-Length", "2")
        h.end_headers()
        h.wfile.write(b"ok")

    server.routes["/c"] = Route(handler=conditional)
    first = fetch(server.url("/c"))
    assert first.etag == '"v1"' and first.last_modified  # type: ignore[attr-defined]
    again = fetch(server.url("/c"), etag='"v1"')
    assert again.not_modified  # type: ignore[attr-defined]


def test_at_most_two_requests_per_host_at_once(server: LocalServer) -> None:
    server.page("/p", "<p>langsam</p>", delay=0.3)
    with Fetcher(FAST) as fetcher:
        threads = [threading.Thread(target=fetcher.get, args=(server.url("/p"),)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(server.requests) == 6
    assert server.active[1] == 2


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "http://"])
def test_only_http_addresses(url: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch(url)
    assert err.value.code == "bad-url"


def test_connection_refused_is_one_line() -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FetchError) as err:
        fetch(f"http://127.0.0.1:{port}/")
    assert err.value.code == "connect"
