"""A local HTTP server on 127.0.0.1 and made-up German pages and feeds.

Every ingest test talks to this server only: it is started on a free port
for the test and stopped after it; nothing ever reaches the internet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from index.ingest.http import Limits

FAST = Limits(connect_timeout=1.0, total_timeout=1.5, max_bytes=200_000)
"""Short limits so fault tests never wait for the real 30 s."""

PARAGRAPHS = (
    "Die Außenministerinnen und Außenminister der sieben großen Industriestaaten haben sich "
    "am Dienstag in Genf getroffen, um über die Lage im Nahen Osten und die Ukraine zu beraten.",
    "Nach Angaben der Gastgeber wurde eine gemeinsame Erklärung vorbereitet, die am Mittwoch "
    "veröffentlicht werden soll. Diplomaten sprachen von einer konstruktiven Atmosphäre.",
    "Besonders umstritten blieb die Frage weiterer Sanktionen. Während einige Staaten auf "
    "schnelle Maßnahmen drängten, mahnten andere zur Geduld und verwiesen auf Vermittlung.",
    "Die Bundesregierung begrüßte den Verlauf der Gespräche. Ein Sprecher des Auswärtigen "
    "Amtes sagte, man sei einer Einigung über die nächsten Schritte deutlich näher gekommen.",
)


def article_html(
    title: str = "Außenminister beraten in Genf",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    date: str | None = "2024-03-05",
    author: str | None = "Petra Müller",
    site: str | None = "Beispiel Nachrichten",
    canonical: str | None = None,
    lang: str = "de",
    charset: str | None = "utf-8",
    raw_title: bool = False,
) -> str:
    """A made-up news page with navigation, a cookie banner, related links and comments."""
    t = title if raw_title else escape(title)
    head = [f'<meta charset="{charset}">' if charset else "", f"<title>{t} | Beispiel</title>"]
    if site:
        head.append(f'<meta property="og:site_name" content="{escape(site)}">')
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}T10:00:00+01:00">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    body = "".join(f"<p>{p if raw_title else escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">Wir verwenden Cookies. Alle akzeptieren</div>
<article><h1>{t}</h1>{body}</article>
<aside class="related"><h3>Mehr zum Thema</h3>
<ul><li><a href="/x">Wetter am Wochenende</a></li></ul></aside>
<section id="comments"><h3>Kommentare</h3><p>Leser123: Das ist doch alles Unsinn!</p></section>
<footer>Impressum · Datenschutz</footer></body></html>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0
    """Seconds before the status line (a stalled server)."""
    drip: float = 0.0
    """Seconds between 10-byte chunks of the body (a trickling server)."""
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]
    stop: threading.Event
    active: list[int]
    """[current, highest] number of requests being served at once."""

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str | bytes, **kw: object) -> str:
        body = html.encode("utf-8") if isinstance(html, str) else html
        headers = {"Content-Type": "text/html; charset=utf-8"}
        headers.update(kw.pop("headers", {}))  # type: ignore[call-overload]
        self.routes[path] = Route(body, headers=headers, **kw)  # type: ignore[arg-type]
        return self.url(path)


def _make_handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with lock:
                server.requests.append((self.path, dict(self.headers.items())))
                server.active[0] += 1
                server.active[1] = max(server.active)
            try:
                self._serve()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with lock:
                    server.active[0] -= 1

        def _wait(self, seconds: float) -> bool:
            return not server.stop.wait(seconds)

        def _serve(self) -> None:
            path = self.path.split("?")[0]
            route = server.routes.get(path)
            if route is None:  # "/artikel/*" serves every path below /artikel/
                route = next(
                    (
                        r
                        for k, r in server.routes.items()
                        if k.endswith("*") and path.startswith(k[:-1])
                    ),
                    None,
                )
            if route is None:
                route = Route(b"nicht gefunden", status=404)
            if route.delay and not self._wait(route.delay):
                return
            if route.handler is not None:
                route.handler(self)
                return
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if not route.drip:
                self.wfile.write(route.body)
                return
            for i in range(0, len(route.body), 10):
                if not self._wait(route.drip):
                    return
                self.wfile.write(route.body[i : i + 10])
                self.wfile.flush()

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A local HTTP server on 127.0.0.1 (a free port), stopped after the test."""
    state = LocalServer("", {}, [], threading.Event(), [0, 0])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def rss_item(n: int, *, base: str, content: str | None = None, title: str | None = None) -> str:
    title = title or f"Meldung {n}: Gespräche über Waffenruhe"
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (
        f"<item><title>{escape(title)}</title><link>{base}/artikel/{n}</link>"
        f"<guid>urn:beispiel:{n}</guid><pubDate>{formatdate(1709629200 + n * 3600)}</pubDate>"
        f"<description>Kurz: Teaser zu Meldung {n}.</description>{encoded}</item>"
    )


def rss(items: list[str], title: str = "Beispiel Nachrichten – Politik") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>Politik</description>{''.join(items)}</channel></rss>"
    ).encode()


def full_content(n: int) -> str:
    return "".join(f"<p>{escape(p)} (Meldung {n})</p>" for p in PARAGRAPHS * 2)


def wait_until(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return check()
