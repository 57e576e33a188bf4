"""Following feeds and `fetch`, against the local server."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from index.files.corpus import read_article
from index.ingest.feeds import FetchOptions, fetch_feeds, parse_feed
from index.ingest.feedstore import FeedStore, FeedStoreError
from index.ingest.http import Limits
from tests.ingest.conftest import (
    FAST,
    PARAGRAPHS,
    LocalServer,
    Route,
    article_html,
    full_content,
    rss,
    rss_item,
)

XML = {"Content-Type": "application/rss+xml; charset=utf-8"}


def store(tmp_path: Path) -> FeedStore:
    return FeedStore(tmp_path / "config" / "feeds.toml", tmp_path / "state" / "feeds.json")


def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir(exist_ok=True)
    return path


def md_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.md"))


def fetch(tmp_path: Path, feeds: FeedStore, **kw: object) -> list:  # type: ignore[type-arg]
    return fetch_feeds(articles(tmp_path), feeds, options=FetchOptions(limits=FAST, **kw))  # type: ignore[arg-type]


def serve_feed(server: LocalServer, body: bytes, path: str = "/feed.xml") -> str:
    server.routes[path] = Route(body, headers=XML)
    return server.url(path)


# -- the feeds file ----------------------------------------------------------


def test_feeds_add_list_remove_and_hand_edits(tmp_path: Path) -> None:
    feeds = store(tmp_path)
    a = feeds.add("https://www.beispiel.de/politik.rss", words=("Außenminister", "Gipfel"))
    assert a.name == "beispiel.de"
    b = feeds.add("https://www.beispiel.de/welt.rss")
    assert b.name == "beispiel.de-2"
    with pytest.raises(FeedStoreError, match="already following"):
        feeds.add("https://www.beispiel.de/welt.rss")
    with pytest.raises(FeedStoreError, match="exists already"):
        feeds.add("https://anders.de/feed", name="beispiel.de")
    with pytest.raises(FeedStoreError, match="not an http"):
        feeds.add("file:///etc/passwd")
    text = feeds.config_path.read_text("utf-8")
    assert 'filter = ["Außenminister", "Gipfel"]' in text and text.startswith("# Feeds")
    # A person edits the file: a new feed with a filter as one string.
    feeds.config_path.write_text(
        text + '\n[[feed]]\nname = "hand"\nurl = "https://hand.de/atom"\nfilter = "Nato EU"\n'
    )
    assert [(f.name, f.filter) for f in feeds.feeds()] == [
        ("beispiel.de", ("Außenminister", "Gipfel")),
        ("beispiel.de-2", ()),
        ("hand", ("Nato", "EU")),
    ]
    feeds.remove("beispiel.de-2")
    assert [f.name for f in feeds.feeds()] == ["beispiel.de", "hand"]
    with pytest.raises(FeedStoreError, match="no feed named 'weg'"):
        feeds.remove("weg")


def test_broken_feeds_file_is_one_clear_error(tmp_path: Path) -> None:
    feeds = store(tmp_path)
    feeds.config_path.parent.mkdir(parents=True)
    feeds.config_path.write_text('[[feed]]\nurl = "https://x.de/rss\n')
    with pytest.raises(FeedStoreError, match="not valid TOML"):
        feeds.feeds()


# -- parsing -----------------------------------------------------------------

RSS10 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://127.0.0.1/"><title>RDF-Kanal</title><link>http://127.0.0.1/</link>
<description>x</description></channel>
<item rdf:about="http://127.0.0.1/artikel/1"><title>Gipfel in Brüssel</title>
<link>http://127.0.0.1/artikel/1</link><dc:date>2024-03-05T10:00:00Z</dc:date></item>
</rdf:RDF>""".encode()

RSS091 = """<?xml version="1.0"?><rss version="0.91"><channel><title>Alt</title>
<link>http://127.0.0.1/</link><description>x</description><language>de</language>
<item><title>Gipfel in Brüssel</title><link>http://127.0.0.1/artikel/1</link></item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom-Kanal</title><id>urn:x</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry><title>Gipfel in Brüssel</title><id>urn:x:1</id>
<link href="http://127.0.0.1/artikel/1"/><updated>2024-03-05T10:00:00Z</updated>
<author><name>Petra Müller</name></author><summary>Kurz.</summary></entry></feed>""".encode()


@pytest.mark.parametrize("body", [RSS10, RSS091, ATOM, rss([rss_item(1, base="http://127.0.0.1")])])
def test_rss_and_atom_versions(body: bytes) -> None:
    title, items = parse_feed(body)
    assert title
    assert len(items) == 1
    assert items[0].link == "http://127.0.0.1/artikel/1"
    assert items[0].title


def test_not_xml_is_not_a_feed() -> None:
    from index.ingest.feeds import FeedError

    for body in (b"<html><body><p>Hallo</p></body></html>", b'{"json": true}', b""):
        with pytest.raises(FeedError, match="not an RSS or Atom feed"):
            parse_feed(body)


def test_entity_expansion_bomb_expands_nothing() -> None:
    entities = "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' if i else f'<!ENTITY e0 "{"x" * 100}">'
        for i in range(10)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>Bombe</title><item><title>&e9;</title><link>http://127.0.0.1/1</link>"
        "</item></channel></rss>"
    ).encode()
    start = time.monotonic()
    _, items = parse_feed(bomb)
    assert time.monotonic() - start < 10  # expanded, it would never end
    assert all(len(i.title) < 1000 for i in items)


# -- fetching ----------------------------------------------------------------


def test_full_content_items_become_articles_without_page_requests(
    tmp_path: Path, server: LocalServer
) -> None:
    items = [rss_item(n, base=server.base, content=full_content(n)) for n in (1, 2)]
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, rss(items)), name="politik")
    (report,) = fetch(tmp_path, feeds)
    assert report.error is None and report.new == 2
    assert not any(path.startswith("/artikel") for path, _ in server.requests)
    files = md_files(articles(tmp_path))
    assert len(files) == 2
    article = read_article(files[0])
    assert article.title.startswith("Meldung 1")
    assert article.meta.date == "2024-03-05"
    assert article.meta.source == "Beispiel Nachrichten – Politik"
    assert "(Meldung 1)" in article.text


def test_teaser_items_fetch_the_linked_page(tmp_path: Path, server: LocalServer) -> None:
    server.page("/artikel/7", article_html("Waffenruhe vereinbart", canonical=None))
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, rss([rss_item(7, base=server.base)])), name="politik")
    (report,) = fetch(tmp_path, feeds)
    assert report.new == 1, report
    (path,) = md_files(articles(tmp_path))
    text = path.read_text("utf-8")
    assert "Maßnahmen drängten" in text and "Teaser" not in text
    assert "feed: politik" in text


def test_only_new_items_and_http_caching(tmp_path: Path, server: LocalServer) -> None:
    def conditional(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == '"v2"':
            h.send_response(304)
            h.end_headers()
            return
        body = rss(
            [rss_item(n, base=server.base, content=full_content(n)) for n in range(1, state[0])]
        )
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("ETag", f'"v{state[0] - 2}"')
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    state = [3]  # items 1..2, ETag "v1"
    server.routes["/feed"] = Route(handler=conditional)
    feeds = store(tmp_path)
    feeds.add(server.url("/feed"), name="f")
    assert fetch(tmp_path, feeds)[0].new == 2
    state[0] = 4  # item 3 is new, ETag "v2"
    assert fetch(tmp_path, feeds)[0].new == 1
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    third = fetch(tmp_path, feeds)[0]
    assert third.not_modified and third.new == 0
    assert len(md_files(articles(tmp_path))) == 3
    st = feeds.state("f")
    assert st.items == 3 and st.error is None and st.last_fetch


def test_duplicate_items_make_one_article(tmp_path: Path, server: LocalServer) -> None:
    one = rss_item(1, base=server.base, content=full_content(1))
    # The same item twice, and the same text under another id and link.
    other = one.replace("urn:beispiel:1", "urn:beispiel:99").replace("/artikel/1<", "/kopie/1<")
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, rss([one, one, other])), name="f")
    (report,) = fetch(tmp_path, feeds)
    assert sorted(o.status for o in report.outcomes) == ["added", "duplicate"]
    assert len(md_files(articles(tmp_path))) == 1


def test_word_filter_is_folded_like_search(tmp_path: Path, server: LocalServer) -> None:
    neutral = "<p>" + "Der Verein spielte am Wochenende vor vollem Haus und gewann knapp. " * 15
    titles = ("Des Aussenministers Reise nach Rom", "Fußball: Pokal", "Vor dem Gipfeltreffen")
    items = [
        rss_item(n, base=server.base, content=f"{neutral}({n})</p>", title=t)
        for n, t in enumerate(titles)
    ]
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, rss(items)), name="f", words=("AUSSENMINISTER", "gipfel"))
    (report,) = fetch(tmp_path, feeds)
    got = sorted(read_article(p).title for p in md_files(articles(tmp_path)))
    assert got == ["Des Aussenministers Reise nach Rom", "Vor dem Gipfeltreffen"]
    assert report.filtered == 1
    # The filtered item is remembered: changing nothing, a second fetch adds nothing.
    assert fetch(tmp_path, feeds)[0].new == 0


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"weg", status=404), "HTTP 404"),
        (Route(b"weg", status=410), "HTTP 410"),
        (Route(b"kaputt", status=500), "HTTP 500"),
        (Route(b"<html><body>Kein Feed</body></html>"), "not an RSS or Atom feed"),
        (Route(b"<rss>", delay=3.0), "no complete answer"),
    ],
)
def test_failing_feed_is_reported_and_remembered(
    tmp_path: Path, server: LocalServer, route: Route, reason: str
) -> None:
    server.routes["/feed"] = route
    feeds = store(tmp_path)
    feeds.add(server.url("/feed"), name="f")
    (report,) = fetch(tmp_path, feeds)
    assert report.error and reason in report.error
    assert feeds.state("f").error == report.error
    assert md_files(articles(tmp_path)) == []


def test_item_page_failures_are_one_line_each(tmp_path: Path, server: LocalServer) -> None:
    server.routes["/artikel/1"] = Route(b"weg", status=404)
    server.page("/artikel/2", article_html("Zweiter Artikel", canonical=None))
    feeds = store(tmp_path)
    items = [rss_item(n, base=server.base) for n in (1, 2)]
    feeds.add(serve_feed(server, rss(items)), name="f")
    (report,) = fetch(tmp_path, feeds)
    assert report.new == 1
    (failed,) = report.failed
    assert failed.source.endswith("/artikel/1") and failed.message == "HTTP 404 Not Found"


def numbered_pages(h: BaseHTTPRequestHandler) -> None:
    """/artikel/N: a different made-up article for every N."""
    n = h.path.rsplit("/", 1)[-1]
    body = article_html(f"Meldung {n}", (*PARAGRAPHS, f"Dies ist Meldung Nummer {n}."))
    data = body.encode()
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


@pytest.mark.slow
def test_ten_thousand_items_are_capped_per_fetch(tmp_path: Path, server: LocalServer) -> None:
    server.routes["/artikel/*"] = Route(handler=numbered_pages)
    body = rss([rss_item(n, base=server.base) for n in range(10_000)])
    assert len(body) > 2_000_000
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, body), name="gross")
    limits = Limits(connect_timeout=2, total_timeout=20)
    start = time.monotonic()
    (report,) = fetch_feeds(
        articles(tmp_path), feeds, options=FetchOptions(limits=limits, max_items=20)
    )
    assert report.items == 10_000 and report.new == 20 and report.left_over == 9_980
    assert time.monotonic() - start < 60
    (second,) = fetch_feeds(
        articles(tmp_path), feeds, options=FetchOptions(limits=limits, max_items=20)
    )
    assert second.new == 20  # the next fetch goes on where the first stopped
    assert len(md_files(articles(tmp_path))) == 40
    assert sum(p.startswith("/artikel/") for p, _ in server.requests) == 40


def test_markup_and_escapes_in_feed_titles_are_safe(tmp_path: Path, server: LocalServer) -> None:
    title = "Eilmeldung \x1b[2J[bold]Gipfel[/bold] \u202egeheim"
    item = rss_item(1, base=server.base, content=full_content(1), title=title)
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, rss([item.replace("\x1b", "&#27;")])), name="f")
    (report,) = fetch(tmp_path, feeds)
    assert report.new == 1
    (path,) = md_files(articles(tmp_path))
    content = path.read_text("utf-8")
    assert "\x1b" not in content and "\u202e" not in content
    assert "[bold]Gipfel[/bold]" in read_article(path).title


def test_dates_from_the_feed_when_the_page_has_none(tmp_path: Path, server: LocalServer) -> None:
    server.page("/artikel/5", article_html("Ohne Datum", date=None, canonical=None))
    feeds = store(tmp_path)
    feeds.add(serve_feed(server, rss([rss_item(5, base=server.base)])), name="f")
    fetch(tmp_path, feeds)
    (path,) = md_files(articles(tmp_path))
    expected = time.strftime("%Y-%m-%d", time.gmtime(1709629200 + 5 * 3600))
    assert read_article(path).meta.date == expected


def test_cancel_stops_between_items_and_the_next_fetch_goes_on(
    tmp_path: Path, server: LocalServer
) -> None:
    import threading

    server.routes["/artikel/*"] = Route(handler=numbered_pages)
    body = rss([rss_item(n, base=server.base) for n in range(12)])
    server.routes["/feed.xml"] = Route(body, headers={**XML, "ETag": '"immer-gleich"'})
    feeds = store(tmp_path)
    feeds.add(server.url("/feed.xml"), name="f")
    cancel = threading.Event()

    def progress(_feed: str, done: int, _total: int) -> None:
        if done == 2:
            cancel.set()  # the reader quits while fetching

    options = FetchOptions(limits=FAST, progress=progress, cancel=cancel)
    (first,) = fetch_feeds(articles(tmp_path), feeds, options=options)
    assert first.new == 2
    assert feeds.state("f").etag is None  # else the next fetch would stop at a 304
    (second,) = fetch(tmp_path, feeds)
    assert second.new == 10
    assert len(md_files(articles(tmp_path))) == 12


def test_an_item_that_timed_out_is_retried_despite_an_unchanged_feed(
    tmp_path: Path, server: LocalServer
) -> None:
    def conditional(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_response(304)
            h.end_headers()
            return
        body = rss([rss_item(1, base=server.base)])
        h.send_response(200)
        h.send_header("ETag", '"v1"')
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    server.routes["/feed"] = Route(handler=conditional)
    server.routes["/artikel/1"] = Route(b"", status=503)
    feeds = store(tmp_path)
    feeds.add(server.url("/feed"), name="f")
    assert fetch(tmp_path, feeds)[0].new == 0
    assert feeds.state("f").etag is None
    server.page("/artikel/1", article_html())  # the server is back
    assert fetch(tmp_path, feeds)[0].new == 1
    assert feeds.state("f").etag == '"v1"'
    assert fetch(tmp_path, feeds)[0].not_modified
