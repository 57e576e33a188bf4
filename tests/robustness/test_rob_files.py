"""Hostile article files: each is indexed correctly or skipped by name with a
reason, the rest of the folder is indexed, and nothing raises.

One folder holds every kind of bad file next to good ones; the same folder is
indexed through `Library` (to inspect the records) and through the CLI in a
subprocess (exit code 0, no traceback, every skipped file named).
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from index.records import BuildReport
from tests.robustness.helpers import UMLAUT_WORDS, assert_clean_exit, good_text, run_cli

GERMAN = good_text("Kodierung")
CP1252_SENTENCE = "\nEr sprach von einem „historischen Tag“ – die Kosten lägen bei 5 € pro Kopf.\n"


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    """A real zip archive holding a German text file (stored, so the text is visible)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("artikel.txt", GERMAN)
    return buf.getvalue()


def invalid_utf8_in_middle() -> bytes:
    raw = GERMAN.encode("utf-8")
    mid = len(raw) // 2
    mid = raw.index(b" ", mid)  # keep multi-byte characters whole
    return raw[:mid] + b" \xff\xfe\xc3\x28 \x80\x81 " + raw[mid:]


def mixed_line_endings() -> bytes:
    lines = GERMAN.split("\n")
    ends = ["\r\n", "\r", "\n"]
    return "".join(line + ends[i % 3] for i, line in enumerate(lines)).encode("utf-8")


def with_nul_bytes() -> bytes:
    raw = GERMAN.encode("utf-8")
    return raw[:40] + b"\x00" + raw[40:120] + b"\x00\x00" + raw[120:]


# name -> bytes; outcome "indexed" means: must be indexed with umlauts intact.
FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty.txt": (lambda: b"", "skipped"),
    "blank.txt": (lambda: b"  \n\r\n\t \n", "skipped"),
    "image.txt": (png_bytes, "skipped"),
    "archive.md": (zip_bytes, "skipped"),
    "random-binary.txt": (lambda: os.urandom(4096), "skipped"),
    "invalid-utf8.txt": (invalid_utf8_in_middle, "indexed"),
    "utf8-bom.txt": (lambda: b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "indexed"),
    "utf16-bom.txt": (lambda: GERMAN.encode("utf-16"), "indexed"),
    "utf16le-nobom.txt": (lambda: GERMAN.encode("utf-16-le"), "indexed"),
    "utf16be-nobom.txt": (lambda: GERMAN.encode("utf-16-be"), "indexed"),
    "latin1.txt": (lambda: GERMAN.encode("latin-1"), "indexed"),
    "cp1252.txt": (lambda: (GERMAN + CP1252_SENTENCE).encode("cp1252"), "indexed"),
    "mixed-eol.txt": (mixed_line_endings, "indexed"),
    "nul-bytes.txt": (with_nul_bytes, "indexed"),
}


def make_hostile_folder(root: Path) -> Path:
    """Good articles plus every hostile file above, a symlink loop, broken and
    self-referencing symlinks, a FIFO and a device."""
    folder = root / "hostile-articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"ok-{n}.txt").write_text(good_text(n), encoding="utf-8")
    for name, (make, _) in FILES.items():
        (folder / name).write_bytes(make())
    sub = folder / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_text(good_text("nested"), encoding="utf-8")
    (sub / "loop").symlink_to("..", target_is_directory=True)  # sub/loop -> folder
    (folder / "self.txt").symlink_to("self.txt")  # ELOOP when opened
    (folder / "dangling.txt").symlink_to("does-not-exist.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "zeros.txt").symlink_to("/dev/zero")  # a device that never ends
    return folder


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    return make_hostile_folder(tmp_path)


def skipped_by_name(report: BuildReport) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


def test_every_hostile_file_is_indexed_or_skipped_with_reason(hostile_folder: Path) -> None:
    library = Library(hostile_folder)
    report = library.update()
    skipped = skipped_by_name(report)
    for name, (_, outcome) in FILES.items():
        article_id = Path(name).stem
        article = library.article(article_id)
        if outcome == "indexed":
            assert article is not None, f"{name} not indexed: {skipped.get(name)}"
            for word in UMLAUT_WORDS:
                assert word in article.text, f"{name}: {word!r} damaged in {article.text[:200]!r}"
            assert "\x00" not in article.text and "\r" not in article.text
            assert "\ufffd" not in article.text
        else:
            assert article is None, f"{name} should have been skipped"
            assert skipped.get(name), f"{name} skipped without a reason: {skipped}"
    # The rest of the folder is indexed, the nested file once (not again via the loop).
    for n in range(3):
        assert library.article(f"ok-{n}") is not None
    assert library.article("sub/nested") is not None
    assert not any("loop/" in s.path for s in report.skipped if s.path.endswith(".txt"))
    assert "self.txt" in skipped and "dangling.txt" in skipped
    assert skipped["pipe.txt"] == skipped["zeros.txt"] == "not a regular file"
    assert "loop" in skipped, "the symlink loop is reported"
    expected = 3 + 1 + sum(1 for _, outcome in FILES.values() if outcome == "indexed")
    assert library.count() == expected


def test_cp1252_typography_survives(hostile_folder: Path) -> None:
    library = Library(hostile_folder)
    library.update()
    article = library.article("cp1252")
    assert article is not None
    assert CP1252_SENTENCE.strip() in article.text


def test_cli_index_names_every_skipped_file_and_exits_0(hostile_folder: Path) -> None:
    # Extraction stubbed: this is about which files are read, not their metadata.
    run = run_cli("--articles", str(hostile_folder), "index", stub_extraction=True)
    assert_clean_exit(run, 0)
    for name, (_, outcome) in FILES.items():
        if outcome == "skipped":
            assert f"{name}:" in run.out, f"{name} not reported:\n{run.out}"
    assert "self.txt:" in run.out and "loop:" in run.out and "pipe.txt:" in run.out
    # A second run over the unchanged folder reads nothing again and still says why
    # files are skipped.
    again = run_cli("--articles", str(hostile_folder), "index", stub_extraction=True)
    assert_clean_exit(again, 0)
    assert "(0 files read)" in again.out or "skipped" in again.out


def test_unreadable_file_real_permissions(articles: Path) -> None:
    """chmod 000 really blocks reading only for non-root users."""
    secret = articles / "secret.txt"
    secret.write_text(good_text("geheim"), encoding="utf-8")
    secret.chmod(0)
    try:
        try:
            secret.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running as root: chmod 000 does not prevent reading (see simulated test)")
        report = Library(articles).update()
        assert skipped_by_name(report).get("secret.txt") == "no permission to read"
    finally:
        secret.chmod(0o644)


def test_unreadable_file_simulated(articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening one file raises PermissionError: it is skipped, the rest indexed."""
    secret = articles / "secret.txt"
    secret.write_text(good_text("geheim"), encoding="utf-8")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded_open)
    library = Library(articles)
    report = library.update()
    assert skipped_by_name(report) == {"secret.txt": "no permission to read"}
    assert library.count() == 3


def test_unreadable_subfolder_simulated(articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sub = articles / "locked"
    sub.mkdir()
    (sub / "inner.txt").write_text(good_text("inner"), encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    library = Library(articles)
    report = library.update()
    assert "cannot read folder" in skipped_by_name(report)["locked"]
    assert library.count() == 3


def test_file_deleted_while_indexing(articles: Path) -> None:
    """A file that vanishes between listing and reading is skipped as vanished;
    the next update removes nothing it should keep."""
    doomed = articles / "zz-doomed.txt"  # sorted last: read after the first progress call
    doomed.write_text(good_text("weg"), encoding="utf-8")
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if done == 1 and doomed.exists():
            doomed.unlink()

    library = Library(articles)
    report = library.update(progress=progress)
    assert skipped_by_name(report) == {"zz-doomed.txt": "file disappeared while reading"}
    assert library.count() == 3
    again = library.update()
    assert again.read == 0 and again.removed == 0 and library.count() == 3


def test_file_changed_while_indexing(articles: Path) -> None:
    """One file is rewritten before it is read, another right after: the build
    indexes what it read, and the next update picks up the later content."""
    before_read = articles / "zz-changing.txt"  # sorted last
    before_read.write_text(good_text("vorher"), encoding="utf-8")
    after_read = articles / "ok-0.txt"  # sorted first

    def progress(done: int, total: int) -> None:
        if done == 1:
            before_read.write_text(good_text("nachher"), encoding="utf-8")
            after_read.write_text(good_text("geändert"), encoding="utf-8")

    library = Library(articles)
    report = library.update(progress=progress)
    assert report.added == 4 and not report.skipped
    changed = library.article("zz-changing")
    assert changed is not None and "Treffen nachher" in changed.text
    library.update()
    first = library.article("ok-0")
    assert first is not None and "Treffen geändert" in first.text
    assert library.update().read == 0, "converged: nothing left to re-read"


def test_file_truncated_to_empty_while_indexing(articles: Path) -> None:
    target = articles / "zz-truncated.txt"
    target.write_text(good_text("kurz"), encoding="utf-8")

    def progress(done: int, total: int) -> None:
        if done == 1:
            target.write_bytes(b"")

    library = Library(articles)
    report = library.update(progress=progress)
    assert skipped_by_name(report) == {"zz-truncated.txt": "empty file"}
    assert library.count() == 3


def test_file_deleted_while_indexing_in_process_pool(tmp_path: Path, stub_extraction: None) -> None:
    """Same with enough files for the process pool: the file is either read
    before it vanished (and removed on the next update) or skipped as vanished."""
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(80):
        (folder / f"a{n:03d}.txt").write_text(good_text(n), encoding="utf-8")
    doomed = folder / "a079.txt"

    def progress(done: int, total: int) -> None:
        if doomed.exists():
            doomed.unlink()

    library = Library(folder)
    report = library.update(progress=progress)
    skipped = skipped_by_name(report)
    assert set(skipped) <= {"a079.txt"}
    assert library.count() == 80 - len(skipped)
    library.update()
    assert library.count() == 79 and library.article("a079") is None


def test_large_file_is_skipped_with_clear_reason(articles: Path) -> None:
    big = articles / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    library = Library(articles)
    report = library.update()
    reason = skipped_by_name(report)["huge.txt"]
    assert reason.startswith("too large (52.4 MB; limit 8 MB)"), reason
    assert library.count() == 3


def test_one_line_of_5_mb_is_indexed(articles: Path) -> None:
    """A 5 MB file without a single line break is indexed (and searchable)."""
    sentence = "Die Außenministerin sprach in Genf über Sicherheitsgarantien für die Ukraine. "
    line = sentence * (5 * 1024 * 1024 // len(sentence.encode("utf-8")))
    (articles / "one-line.txt").write_text(line + "Schlusswort Zitronenfalter.", encoding="utf-8")
    library = Library(articles)
    report = library.update()
    assert not report.skipped
    article = library.article("one-line")
    assert article is not None and "Zitronenfalter" in article.text
    assert article.text.count("Außenministerin") > 10_000
