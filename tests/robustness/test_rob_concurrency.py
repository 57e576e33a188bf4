"""Two diplo-readers on the same folder at once, as separate processes.

One writer at a time holds the build lock; readers need no lock and keep
reading the last committed index (old or new, never half-written). A second
instance that must build waits, saying so, and then finds the work done.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from index.library import Library
from index.paths import index_dir_for
from index.store import disk as store
from tests.robustness.helpers import cli_child, good_text, python_child, write_articles

N = 60
"""Below the process-pool threshold: these tests are about locking and swapping
(the SIGKILL tests in test_rob_index_faults.py cover the pool)."""

_SLOW_BUILD = """
import sys, time
from pathlib import Path
from index.library import Library
library = Library(Path(sys.argv[1]))
def progress(done, total):
    if done == 1:
        print("BUILDING", flush=True)
    time.sleep(0.05)  # a slow build: about 3 s for 60 files
report = library.update(rebuild=sys.argv[2] == "rebuild", progress=progress)
print("BUILT", report.added, report.updated, library.count(), flush=True)
"""

_READER = """
import json, sys, time
from pathlib import Path
from index.library import Library
library = Library(Path(sys.argv[1]))
from index.store import disk as store
assert library.open_existing(), store.check_index(library.index_dir, library.articles_dir)
counts, hits = set(), set()
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    counts.add(library.count())
    result = library.search("Außenministerin", limit=200)
    assert result.error is None, result.error
    hits.add(result.total)
    assert library.article("a007") is not None
    if library.count() and time.monotonic() > deadline - 0.5:
        break
    time.sleep(0.05)
def compact(values):
    return json.dumps(sorted(values), separators=(",", ":"))
print("READ", compact(counts), compact(hits), flush=True)
"""


def finish(proc: subprocess.Popen[str], timeout: float = 90) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def wait_for(proc: subprocess.Popen[str], word: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith(word), f"expected {word}, got {line!r}; stderr: {proc.communicate()[1]}"


@pytest.fixture
def folder(tmp_path: Path, stub_extraction: None) -> Path:
    articles = tmp_path / "articles"
    write_articles(articles, N)
    return articles


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["rebuild", "update"])
def test_reader_reads_while_another_process_writes(folder: Path, mode: str) -> None:
    """`rebuild`: a full rebuild swaps a new index in under the reader's feet.
    `update`: an incremental update commits into the index being read."""
    Library(folder).update()
    if mode == "update":
        for n in range(0, N, 2):
            (folder / f"a{n:03d}.txt").write_text(good_text(f"{n} neu"), encoding="utf-8")
    writer = python_child(_SLOW_BUILD, str(folder), mode)
    wait_for(writer, "BUILDING")
    reader = python_child(_READER, str(folder), "6")
    code, out, _ = finish(reader)
    assert code == 0 and out.startswith("READ")
    counts, totals = json.loads(out.split()[1]), json.loads(out.split()[2])
    assert counts == [N], f"the reader saw a half-written index: {out}"
    assert totals == [N], f"search saw duplicates or a partial index: {out}"
    code, out, _ = finish(writer)
    assert code == 0 and out.split()[-1] == str(N)
    assert store.check_index(index_dir_for(folder), folder.resolve()) is None


@pytest.mark.slow
def test_cli_waits_with_a_message_while_another_builds(folder: Path) -> None:
    writer = python_child(_SLOW_BUILD, str(folder), "build")
    wait_for(writer, "BUILDING")
    search = cli_child(
        "--articles", str(folder), "search", "Außenministerin", "--json", "--limit", "500"
    )
    code, out, err = finish(search)
    assert code == 0, err
    assert "Another diplo-reader is updating this index; waiting" in err
    assert len(json.loads(out)) == N
    assert finish(writer)[0] == 0


@pytest.mark.slow
def test_two_instances_starting_together(folder: Path) -> None:
    """Both find no index and want to build it: one builds, the other waits for
    it and then has nothing left to do; the index is whole."""
    procs = [cli_child("--articles", str(folder), "index") for _ in range(2)]
    results = [finish(p) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], results
    outs = sorted(out for _, out, _ in results)
    assert any(f"{N} added" in out for out in outs), outs
    assert store.check_index(index_dir_for(folder), folder.resolve()) is None
    search = cli_child(
        "--articles", str(folder), "search", "Außenministerin", "--json", "--limit", "500"
    )
    code, out, _ = finish(search)
    assert code == 0 and len(json.loads(out)) == N


def test_searches_follow_another_writer_without_duplicates(folder: Path) -> None:
    """Another Library (as another process would) updates half the articles:
    this one's counts and searches show each article once, in its new version.
    (Guards against whoosh-reloaded's Searcher.refresh(), which keeps the
    replaced segments and so counts updated articles twice.)"""
    reader = Library(folder)
    reader.update()
    assert reader.search("Außenministerin", limit=500).total == N
    for n in range(0, N, 2):
        (folder / f"a{n:03d}.txt").write_text(good_text(f"{n} neu"), encoding="utf-8")
    assert Library(folder).update().updated == N // 2
    result = reader.search("Außenministerin", limit=500)
    ids = [hit.id for hit in result.hits]
    assert result.total == N and len(ids) == len(set(ids)) == N
    assert reader.count() == N
    article = reader.article("a000")
    assert article is not None and "Treffen 0 neu" in article.text


def test_searches_from_threads_share_one_searcher(folder: Path) -> None:
    """The TUI searches from worker threads: Library keeps one searcher (the
    only cache) and lets one search at a time use it."""
    from concurrent.futures import ThreadPoolExecutor

    library = Library(folder)
    library.update()
    queries = ["Außenministerin", "Treffen 7", "Brüssel*", "Genf~", "a007", "NOT Genf"] * 6
    alone = {q: [h.id for h in library.search(q, limit=100).hits] for q in set(queries)}
    assert alone["Treffen 7"] == ["a007"] and len(alone["Außenministerin"]) == N
    shared = library.searcher()
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda q: library.search(q, limit=100), queries))
    assert [[h.id for h in r.hits] for r in results] == [alone[q] for q in queries]
    assert library.searcher() is shared
