"""`diplo-reader add / feeds / fetch` end to end, against the local server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from index.files.corpus import iter_article_files, read_article
from reader.cli import main
from tests.ingest.conftest import (
    PARAGRAPHS,
    LocalServer,
    Route,
    article_html,
    rss,
    rss_item,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_batch_lines_summary_and_exit_codes(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    good = server.page("/gut", article_html())
    server.routes["/weg"] = Route(b"", status=404)
    articles = tmp_path / "news"  # created by `add`
    code, out, err = run(
        capsys, "--articles", str(articles), "add", good, server.url("/weg"), good, "nix.html"
    )
    assert code == 0
    assert out.splitlines()[0].startswith(f"added: {good}: added as 127.0.0.1/2024-03-05-")
    assert "unchanged" in out.splitlines()[1]
    assert err.splitlines() == [
        f"diplo-reader: failed: {server.url('/weg')}: HTTP 404 Not Found",
        "diplo-reader: failed: nix.html: no such file",
    ]
    assert out.splitlines()[-1] == "Summary: 1 added, 1 unchanged, 2 failed"
    code, out, err = run(capsys, "--articles", str(articles), "add", server.url("/weg"))
    assert code == 2 and out.strip() == "Summary: 1 failed"


def test_add_refuses_the_bundled_articles(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "add", "x.html")
    assert code == 2 and "--articles DIR or DIPLO_ARTICLES" in err


def test_cli_output_never_carries_escapes(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Gipfel \x1b[2J\x1b]0;x\x07 [red]rot[/red]"
    url = server.page("/esc", article_html(title, (*PARAGRAPHS, "Noch \x1b[5mein Satz.")))
    bad = server.url("/\x1b[31m")
    code, out, err = run(capsys, "--articles", str(tmp_path), "add", url, bad)
    assert code == 0
    assert "\x1b" not in out + err and "\x07" not in out + err
    (path,) = tmp_path.rglob("*.md")
    assert "\x1b" not in path.read_text("utf-8")


def test_feeds_commands(capsys: pytest.CaptureFixture[str], server: LocalServer) -> None:
    code, out, _ = run(capsys, "feeds", "list")
    assert code == 0 and "No feeds yet" in out
    code, out, _ = run(
        capsys, "feeds", "add", server.url("/f.xml"), "--name", "politik", "--filter", "Gipfel EU"
    )
    assert code == 0 and "Following politik" in out and "Gipfel EU" in out
    code, _, err = run(capsys, "feeds", "add", server.url("/f.xml"))
    assert code == 2 and err.startswith("diplo-reader: already following")
    code, out, _ = run(capsys, "feeds", "list")
    assert "politik" in out and "never fetched" in out and "filter: Gipfel EU" in out
    code, out, _ = run(capsys, "feeds", "remove", "politik")
    assert code == 0 and "No longer following politik" in out
    code, _, err = run(capsys, "feeds", "remove", "politik")
    assert code == 2 and "no feed named 'politik'" in err


def test_fetch_reports_new_articles_and_errors(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.page("/artikel/1", article_html("Erste Meldung"))
    server.routes["/artikel/2"] = Route(b"", status=500)
    items = [rss_item(n, base=server.base) for n in (1, 2)]
    server.routes["/f.xml"] = Route(rss(items), headers={"Content-Type": "application/rss+xml"})
    server.routes["/kaputt.xml"] = Route(b"<html>kein Feed</html>")
    run(capsys, "feeds", "add", server.url("/f.xml"), "--name", "gut")
    run(capsys, "feeds", "add", server.url("/kaputt.xml"), "--name", "kaputt")
    code, out, err = run(capsys, "--articles", str(tmp_path), "fetch")
    assert code == 0
    assert "gut: 1 new" in out
    assert "diplo-reader: failed: feed kaputt: not an RSS or Atom feed" in err
    assert f"failed: {server.url('/artikel/2')}: HTTP 500" in err
    assert out.splitlines()[-1].startswith("Summary: 1 new article from 1 feed; 1 feed failed")
    code, out, _ = run(capsys, "feeds", "list")
    assert "error: not an RSS or Atom feed" in out and "2 items, 1 new" in out
    code, _, err = run(capsys, "--articles", str(tmp_path), "fetch", "kaputt")
    assert code == 2
    code, _, err = run(capsys, "--articles", str(tmp_path), "fetch", "unbekannt")
    assert code == 2 and "no feed named 'unbekannt'" in err


def _slow_pages(h: BaseHTTPRequestHandler) -> None:
    n = h.path.rsplit("/", 1)[-1]
    time.sleep(0.15)
    data = article_html(f"Meldung {n}", (*PARAGRAPHS, f"Schlusssatz von Meldung {n}.")).encode()
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


@pytest.mark.slow
def test_fetch_killed_with_sigkill_leaves_no_half_article(
    tmp_path: Path, server: LocalServer
) -> None:
    server.routes["/artikel/*"] = Route(handler=_slow_pages)
    items = [rss_item(n, base=server.base) for n in range(40)]
    server.routes["/f.xml"] = Route(rss(items), headers={"Content-Type": "application/rss+xml"})
    articles = tmp_path / "news"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "reader.cli", "--articles", str(articles)]
    subprocess.run([*cmd, "feeds", "add", server.url("/f.xml"), "--name", "f"], env=env, check=True)
    proc = subprocess.Popen(
        [*cmd, "fetch"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        assert wait_until(lambda: len(list(articles.rglob("*.md"))) >= 3, timeout=60)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    written = list(articles.rglob("*.md"))
    assert 3 <= len(written) < 40
    for path in written:  # every file that exists is whole
        n = read_article(path).title.rsplit(" ", 1)[-1]
        assert path.read_text("utf-8").rstrip().endswith(f"Schlusssatz von Meldung {n}.")
    done = subprocess.run([*cmd, "fetch"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    files = list(iter_article_files(articles))
    assert len(files) == 40  # every item once: none lost, none twice


def test_full_articles_folder_is_one_line_and_nothing_lost(
    tmp_path: Path,
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    first = server.page("/eins", article_html())
    run(capsys, "--articles", str(tmp_path), "add", first)
    (existing,) = tmp_path.rglob("*.md")
    before = existing.read_bytes()
    server.page("/eins", article_html(paragraphs=(*PARAGRAPHS, "Nachtrag.")))
    second = server.page("/zwei", article_html("Zweiter Artikel", ("Ganz anders. " * 30,)))

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = run(capsys, "--articles", str(tmp_path), "add", first, second)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2 and all("no space left on the device" in line for line in lines)
    assert out.strip() == "Summary: 2 failed"
    assert existing.read_bytes() == before
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [existing.name]
