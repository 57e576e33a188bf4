"""Article files: front matter the reader parses back, names, atomic writes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from index.files.corpus import iter_article_files, parse_front_matter, read_article
from index.ingest.catalog import Catalog
from index.ingest.pages import Page
from index.ingest.write import WriteError, is_temp_name, render, slug

TEXT = (
    "Die Außenministerinnen und Außenminister haben sich in Genf getroffen.\n\n"
    "## Streit um Sanktionen\n\nBesonders umstritten blieb die Frage weiterer Sanktionen."
)


def page(**kw: object) -> Page:
    fields: dict[str, object] = {
        "title": "Außenminister beraten in Genf",
        "text": TEXT,
        "url": "https://www.beispiel.de/politik/genf",
        "site": "Beispiel Nachrichten",
        "authors": ("Petra Müller", "Jan Özdemir"),
        "date": "2024-03-05",
        "date_precision": "day",
        "language": "de",
    }
    fields.update(kw)
    return Page(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "title",
    [
        "Außenminister beraten in Genf",
        'Baerbock: "Wir wollen Frieden"',
        "„Keine Eile“ – Lawrow: Gespräche gehen weiter # morgen",
        "'Zitat' am Anfang",
        "- [ ] {Klammern} & *Sterne*",
        "Ende mit Doppelpunkt:",
    ],
)
def test_front_matter_round_trips_through_the_reader(tmp_path: Path, title: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(render(page(title=title)), encoding="utf-8")
    front, _ = parse_front_matter(path.read_text("utf-8"))
    assert front["title"] == title
    assert front["url"] == "https://www.beispiel.de/politik/genf"
    assert front["language"] == "de"
    article = read_article(path)
    assert article.title == title
    assert (article.meta.date, article.meta.date_precision) == ("2024-03-05", "day")
    assert article.meta.source == "Beispiel Nachrichten"
    assert article.meta.author == "Petra Müller; Jan Özdemir"
    assert article.body.startswith("Die Außenministerinnen")  # title heading not repeated


@pytest.mark.parametrize(("date", "precision"), [("2024-03", "month"), ("2024", "year")])
def test_date_precision_round_trips(tmp_path: Path, date: str, precision: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(render(page(date=date, date_precision=precision)), encoding="utf-8")
    article = read_article(path)
    assert (article.meta.date, article.meta.date_precision) == (date, precision)


def test_json_escapes_in_front_matter_cannot_smuggle_control_characters() -> None:
    front, _ = parse_front_matter('---\ntitle: "Gipfel \\u001b[2J\\nweiter"\n---\nText')
    assert front["title"] == "Gipfel weiter"


def test_slug_is_safe_ascii() -> None:
    assert slug("Außenminister: Gespräche in Genf!") == "aussenminister-gespraeche-in-genf"
    assert slug("Łódź – Čeština") == "lodz-cestina"
    assert slug("\x1b[31m/../../etc/passwd") == "31m-etc-passwd"
    long = slug("Wort " * 50)
    assert len(long) <= 70 and not long.endswith("-")


def test_one_folder_per_site_and_name_from_date_and_title(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    written = catalog.save(page())
    assert written.status == "added"
    assert written.path.relative_to(tmp_path).as_posix() == (
        "beispiel.de/2024-03-05-aussenminister-beraten-in-genf.md"
    )
    other = catalog.save(page(url="https://beispiel.de/x", text="Ein anderer Text " * 20))
    assert other.path.name == "2024-03-05-aussenminister-beraten-in-genf-2.md"
    undated = catalog.save(page(url=None, site=None, date=None, text="Noch einer " * 30))
    assert undated.path.relative_to(tmp_path).as_posix() == (
        "gespeichert/aussenminister-beraten-in-genf.md"
    )


def test_catalog_finds_articles_already_in_the_folder(tmp_path: Path) -> None:
    Catalog(tmp_path).save(page())
    fresh = Catalog(tmp_path)  # a later run
    assert fresh.save(page()).status == "unchanged"
    # Same address without "www." and with a trailing slash and fragment.
    assert fresh.save(page(url="http://beispiel.de/politik/genf/#top")).status == "unchanged"
    (tmp_path / "eigene.txt").write_text("Ein eigener Text über Genf, von Hand geschrieben.")
    hand = Page(title="x", text="Ein eigener Text über Genf, von Hand geschrieben.")
    assert Catalog(tmp_path).save(hand).status == "duplicate"


def test_write_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    written = Catalog(tmp_path).save(page())
    assert [p.name for p in written.path.parent.iterdir()] == [written.path.name]


def test_read_only_folder_is_a_clear_message_and_nothing_lost(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders")
    catalog = Catalog(tmp_path)
    first = catalog.save(page())
    before = first.path.read_bytes()
    first.path.parent.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="read-only or no permission"):
            catalog.save(page(text=TEXT + "\n\nNachtrag."))
    finally:
        first.path.parent.chmod(0o755)
    assert first.path.read_bytes() == before


def test_read_only_folder_as_root_via_eacces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permission bits, so the refusal is simulated at open()."""
    catalog = Catalog(tmp_path)
    first = catalog.save(page())
    before = first.path.read_bytes()
    real_open, real_os_open = open, os.open

    def hidden(file: object) -> bool:
        return Path(str(file)).name.startswith(".")  # every temporary file is hidden

    def refuse(file: object, *args: object, **kw: object) -> object:
        if hidden(file):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, *args, **kw)  # type: ignore[call-overload]

    def refuse_os(file: object, *args: object, **kw: object) -> int:
        if hidden(file):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_os_open(file, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr(os, "open", refuse_os)
    with pytest.raises(WriteError, match="read-only or no permission"):
        catalog.save(page(text=TEXT + "\n\nNachtrag."))  # an update
    with pytest.raises(WriteError, match="read-only or no permission"):
        catalog.save(page(url="https://beispiel.de/neu", text="Neu. " * 40))  # a new file
    monkeypatch.undo()
    assert first.path.read_bytes() == before
    assert [p.name for p in first.path.parent.iterdir()] == [first.path.name]


def test_full_disk_is_a_clear_message_and_nothing_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog(tmp_path)
    first = catalog.save(page())
    before = first.path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match="no space left"):
        catalog.save(page(text=TEXT + "\n\nNachtrag."))
    monkeypatch.undo()
    assert first.path.read_bytes() == before
    assert sorted(p.name for p in first.path.parent.iterdir()) == [first.path.name]


def test_temp_names_are_skipped_by_the_corpus(tmp_path: Path) -> None:
    (tmp_path / ".a.md.123.diplo-tmp").write_text("halb")
    (tmp_path / "b.md").write_text("ganz")
    assert [f.path.name for f in iter_article_files(tmp_path)] == ["b.md"]
    assert is_temp_name(".a.md.123.diplo-tmp") and is_temp_name("c.md.part")
    assert not is_temp_name("b.md")


def test_two_writers_at_once_never_overwrite_or_double(tmp_path: Path) -> None:
    """Two diplo-readers (two catalogs, each blind to the other's new files)
    adding the same and different articles at the same moment."""
    import threading

    pages = [page(url=f"https://beispiel.de/{i}", text=f"Text {i}. " * 30) for i in range(8)]
    # Same title and date for all: every one competes for the same file name.
    start = threading.Barrier(2)
    results: list[list[str]] = [[], []]

    def writer(slot: int) -> None:
        catalog = Catalog(tmp_path)
        start.wait()
        for p in pages:
            results[slot].append(catalog.save(p).status)

    threads = [threading.Thread(target=writer, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    files = sorted(tmp_path.rglob("*.md"))
    assert len(files) == 8  # each article once, none lost
    texts = {read_article(f).text.split("\n\n", 1)[1][:7] for f in files}
    assert texts == {f"Text {i}." for i in range(8)}
    assert sorted(results[0] + results[1]).count("added") == 8


def test_catalog_cache_reads_only_changed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.ingest.catalog as catalog_module

    root = tmp_path / "articles"
    Catalog(root).save(page())
    Catalog(root).save(page(url="https://beispiel.de/2", text="Zweiter Text. " * 30))
    reads: list[Path] = []
    real = catalog_module.read_article_file

    def counting(path: Path) -> tuple[dict[str, str], str]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(catalog_module, "read_article_file", counting)
    Catalog(root)  # learns both files (the second was added after the first scan)
    reads.clear()
    warm = Catalog(root)
    assert reads == [] and len(warm.by_url) == 2
    changed = warm.by_url["beispiel.de/2"]
    changed.write_text(changed.read_text("utf-8").replace("Zweiter", "Geänderter"), "utf-8")
    again = Catalog(root)
    assert reads == [changed]
    assert again.save(page(url="https://beispiel.de/2", text="Geänderter Text. " * 30)).status == (
        "unchanged"
    )
    # A damaged cache is only a lost shortcut.
    catalog_module.cache_file(root).write_text("{kaputt")
    assert len(Catalog(root).by_url) == 2
