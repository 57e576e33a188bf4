"""The change scan's short cut (index/store/scan.py): when nothing changed,
the answer comes from stat() calls alone; any edit, addition, removal,
rename or touch is still found, with the report the full scan would give."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from index.paths import index_dir_for
from index.records import BuildReport
from index.store import disk, scan
from index.store.build import update_index
from tests.conftest import SEEDS

AGE_NS = 60_000_000_000


def _age(folder: Path) -> None:
    """Move every mtime below `folder` a minute back: the folders count as
    settled (with SETTLE_NS = 0 below: their ctime cannot be set), and any
    change the test makes next gives a new mtime."""
    then = time.time_ns() - AGE_NS
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, ns=(then, then), follow_symlinks=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(scan, "SETTLE_NS", 0)
    dest = tmp_path / "articles"
    shutil.copytree(SEEDS, dest)
    (dest / "sub").mkdir()
    (dest / "sub" / "innen.txt").write_text(
        "Treffen in Genf\n\nDie Delegationen trafen sich in Genf zu Gesprächen.",
        encoding="utf-8",
    )
    (dest / "leer.txt").write_bytes(b"")  # skipped for its content: remembered
    (dest / "notiz.pdf").write_bytes(b"%PDF")  # not an article file: ignored
    _age(dest)
    return dest


def _counts(report: BuildReport) -> tuple[int, int, int, int, int, int]:
    return (
        report.read,
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        len(report.skipped),
    )


def _kept_scan(folder: Path) -> Path:
    """Build, then scan once with nothing changed (which keeps the scan)."""
    index_dir = index_dir_for(folder)
    first = update_index(folder, index_dir)
    assert first.rebuilt and first.added == 6
    again = update_index(folder, index_dir)
    assert _counts(again) == (0, 0, 0, 0, 6, 1)
    assert (index_dir / scan.SCAN_FILE).exists()
    return index_dir


def _no_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the manifest was read")

    monkeypatch.setattr(disk, "read_manifest", refuse)


def test_nothing_changed_answers_from_stats_alone(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = _kept_scan(folder)
    full = update_index(folder, index_dir)  # the kept scan answers
    meta_before = (index_dir / disk.META_FILE).stat().st_mtime_ns
    kept_before = (index_dir / scan.SCAN_FILE).stat().st_mtime_ns
    with monkeypatch.context() as m:
        _no_manifest(m)
        quick = update_index(folder, index_dir)
    assert _counts(quick) == _counts(full) == (0, 0, 0, 0, 6, 1)
    assert quick.skipped == full.skipped
    assert quick.skipped[0].code == "empty"
    # Nothing is written when nothing changed.
    assert (index_dir / disk.META_FILE).stat().st_mtime_ns == meta_before
    assert (index_dir / scan.SCAN_FILE).stat().st_mtime_ns == kept_before


def test_the_report_matches_the_full_scan(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    quick = update_index(folder, index_dir)
    scan.forget(index_dir)
    full = update_index(folder, index_dir)
    assert _counts(quick) == _counts(full)
    assert quick.skipped == full.skipped


def _edit_in_place(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nNachtrag: aktualisiert.\n", "utf-8")


def _same_size_edit(path: Path) -> None:
    data = path.read_bytes()
    with path.open("r+b") as fh:  # the same inode, the same size, other bytes
        fh.write(b"X" if data[:1] != b"X" else b"Y")


def _add(folder: Path) -> None:
    (folder / "neu.txt").write_text(
        "Gipfel in Oslo\n\nDie Außenminister trafen sich in Oslo.", encoding="utf-8"
    )


def _add_in_subfolder(folder: Path) -> None:
    (folder / "sub" / "neu.md").write_text(
        "# Gipfel in Oslo\n\nDie Außenminister trafen sich in Oslo.", encoding="utf-8"
    )


def _remove(folder: Path) -> None:
    next(folder.glob("000_*.txt")).unlink()


def _rename(folder: Path) -> None:
    source = folder / "sub" / "innen.txt"
    source.rename(folder / "sub" / "umbenannt.txt")


def _new_subfolder(folder: Path) -> None:
    (folder / "neu").mkdir()
    (folder / "neu" / "a.txt").write_text(
        "Wahl in Wien\n\nIn Wien wurde gewählt.", encoding="utf-8"
    )


def _several(folder: Path) -> None:
    """Removed and edited files interleaved in one folder (rows dropped from
    the middle of the kept lists, not only their end)."""
    for name in ("000", "002"):
        next(folder.glob(f"{name}_*.txt")).unlink()
    for name in ("001", "003"):
        _edit_in_place(next(folder.glob(f"{name}_*.txt")))


CHANGES = {
    "edited": (lambda f: _edit_in_place(next(f.glob("003_*.txt"))), (1, 0, 1, 0, 5, 1)),
    "edited-same-size": (lambda f: _same_size_edit(next(f.glob("003_*.txt"))), (1, 0, 1, 0, 5, 1)),
    "edited-in-subfolder": (lambda f: _edit_in_place(f / "sub" / "innen.txt"), (1, 0, 1, 0, 5, 1)),
    "added": (_add, (1, 1, 0, 0, 6, 1)),
    "added-in-subfolder": (_add_in_subfolder, (1, 1, 0, 0, 6, 1)),
    "new-subfolder": (_new_subfolder, (1, 1, 0, 0, 6, 1)),
    "removed": (_remove, (0, 0, 0, 1, 5, 1)),
    "renamed": (_rename, (1, 1, 0, 1, 5, 1)),
    "several-removed-and-edited": (_several, (2, 0, 2, 2, 2, 1)),
    "emptied-file-filled": (
        lambda f: (f / "leer.txt").write_text("Neu\n\nJetzt mit Text in Wien.", "utf-8"),
        (1, 0, 1, 0, 6, 0),  # the manifest knew it (as skipped): an update
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_every_change_is_found(folder: Path, change: str) -> None:
    index_dir = _kept_scan(folder)
    make, expected = CHANGES[change]
    make(folder)
    assert scan.unchanged(index_dir, folder.resolve()) is None
    assert _counts(update_index(folder, index_dir)) == expected


FULL_SCAN = {"new-subfolder"}
"""Changes the kept scan does not plan: a new subfolder is walked in full."""


def _manifest(index_dir: Path) -> dict[str, object]:
    manifest: dict[str, object] = {}
    assert disk.read_manifest(index_dir, manifest) is None
    return manifest


def _ids(index_dir: Path) -> list[str]:
    ix = disk.open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            return sorted(f["id"] for f in searcher.all_stored_fields())
    finally:
        ix.close()


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_update_planned_by_the_kept_scan_equals_a_rebuild(
    folder: Path, change: str, tmp_path: Path
) -> None:
    index_dir = _kept_scan(folder)
    make, expected = CHANGES[change]
    make(folder)
    found = scan.changes(index_dir, folder.resolve())
    assert (found is None) == (change in FULL_SCAN)
    assert _counts(update_index(folder, index_dir)) == expected
    if found is not None:
        assert (index_dir / disk.JOURNAL_FILE).exists()  # the manifest was not rewritten
    assert disk.check_index(index_dir, folder.resolve()) is None
    fresh = tmp_path / "fresh-index"
    assert update_index(folder, fresh, rebuild=True).rebuilt
    assert _manifest(index_dir) == _manifest(fresh)
    assert _ids(index_dir) == _ids(fresh)
    # The next command answers from the kept scan, as the full scan would.
    quick = update_index(folder, index_dir)
    scan.forget(index_dir)
    full = update_index(folder, index_dir)
    now_indexed = expected[4] + expected[1] + expected[2]  # unchanged + added + updated
    assert _counts(quick) == _counts(full) == (0, 0, 0, 0, now_indexed, expected[5])
    assert quick.skipped == full.skipped


def test_the_journal_is_folded_into_the_manifest(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    index_dir = _kept_scan(folder)
    monkeypatch.setattr(disk, "JOURNAL_MAX", 1)
    _add(folder)
    update_index(folder, index_dir)
    assert (index_dir / disk.JOURNAL_FILE).exists()
    _remove(folder)
    assert update_index(folder, index_dir).removed == 1
    assert not (index_dir / disk.JOURNAL_FILE).exists()
    fresh = tmp_path / "fresh-index"
    update_index(folder, fresh, rebuild=True)
    assert _manifest(index_dir) == _manifest(fresh)


def test_a_manifest_without_a_journal_is_read(folder: Path) -> None:
    """An index written before the journal existed (or just rebuilt) has the
    manifest alone."""
    index_dir = index_dir_for(folder)
    update_index(folder, index_dir)
    assert not (index_dir / disk.JOURNAL_FILE).exists()
    scan.forget(index_dir)
    _add(folder)
    assert _counts(update_index(folder, index_dir)) == (1, 1, 0, 0, 6, 1)


def test_a_renamed_suffix_keeps_its_id(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    (folder / "sub" / "innen.txt").rename(folder / "sub" / "innen.md")
    assert scan.changes(index_dir, folder.resolve()) is None  # planned by the full scan
    # The same id at another place, the same content: read again, not re-indexed.
    assert _counts(update_index(folder, index_dir)) == (1, 0, 0, 0, 6, 1)


def test_a_new_file_sharing_a_stem_is_planned_by_the_full_scan(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    (folder / "sub" / "innen.MD").write_text("# Rom\n\nDie Minister trafen sich in Rom.", "utf-8")
    assert scan.changes(index_dir, folder.resolve()) is None  # its id depends on walk order
    # "innen.MD" sorts first and takes the id "sub/innen": the old file
    # becomes "sub/innen.txt", so both are read.
    assert _counts(update_index(folder, index_dir)) == (2, 1, 1, 0, 5, 1)
    assert {"sub/innen", "sub/innen.txt"} <= set(_ids(index_dir))


def test_touched_file_is_read_again_and_counts_unchanged(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    target = next(folder.glob("002_*.txt"))
    os.utime(target, ns=(time.time_ns(), time.time_ns()))
    assert scan.unchanged(index_dir, folder.resolve()) is None
    assert _counts(update_index(folder, index_dir)) == (1, 0, 0, 0, 6, 1)


def test_a_changed_folder_mode_means_a_full_scan(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    sub = folder / "sub"
    os.chmod(sub, 0o500)
    try:
        assert scan.unchanged(index_dir, folder.resolve()) is None
    finally:
        os.chmod(sub, 0o755)


def test_an_update_keeps_the_scan_it_planned(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    _add(folder)
    assert update_index(folder, index_dir).added == 1
    # The update wrote the kept scan for the manifest it sealed: the next
    # command answers from stats, with the full scan's report.
    quick = scan.unchanged(index_dir, folder.resolve())
    assert quick is not None
    scan.forget(index_dir)
    full = update_index(folder, index_dir)
    assert _counts(full) == (0, 0, 0, 0, 7, 1)
    assert quick == (full.unchanged, list(full.skipped))


def test_a_kept_scan_of_another_manifest_is_stale(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    kept = (index_dir / scan.SCAN_FILE).read_bytes()
    _add(folder)
    assert update_index(folder, index_dir).added == 1
    (index_dir / scan.SCAN_FILE).write_bytes(kept)  # from before the update
    assert scan.unchanged(index_dir, folder.resolve()) is None
    assert scan.changes(index_dir, folder.resolve()) is None
    assert _counts(update_index(folder, index_dir)) == (0, 0, 0, 0, 7, 1)


def test_an_unsettled_folder_is_listed_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = index_dir_for(folder)
    update_index(folder, index_dir)
    monkeypatch.setattr(scan, "SETTLE_NS", 2_000_000_000)
    _add(folder)  # the folder changed just now: a change in the same tick could hide
    assert update_index(folder, index_dir).added == 1
    state = json.loads((index_dir / scan.SCAN_FILE).read_bytes().split(b"\n")[0])
    (root,) = [f for f in state["folders"] if f[0] == str(folder.resolve())]
    assert root[6] is False  # kept, marked as not settled
    # A file added within the same clock tick leaves the folder's stamp as it was.
    real = scan._folder_stamp
    monkeypatch.setattr(scan, "_folder_stamp", lambda p: root[:6] if p == root[0] else real(p))
    (folder / "zweit.txt").write_text("Wahl in Bern\n\nIn Bern wurde gewählt.", "utf-8")
    assert scan.unchanged(index_dir, folder.resolve()) is None
    assert _counts(update_index(folder, index_dir)) == (1, 1, 0, 0, 7, 1)


def test_a_symlink_in_the_tree_is_never_kept(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Treffen in Rom\n\nDie Minister trafen sich in Rom.", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    _age(folder)
    index_dir = index_dir_for(folder)
    update_index(folder, index_dir)
    assert _counts(update_index(folder, index_dir)) == (0, 0, 0, 0, 7, 1)
    assert not (index_dir / scan.SCAN_FILE).exists()


def test_a_malformed_kept_scan_means_a_full_scan(folder: Path) -> None:
    index_dir = _kept_scan(folder)
    (index_dir / scan.SCAN_FILE).write_text('{"version": 2, "files": 3}', encoding="utf-8")
    assert scan.unchanged(index_dir, folder.resolve()) is None
    assert _counts(update_index(folder, index_dir)) == (0, 0, 0, 0, 6, 1)


@pytest.mark.parametrize("cut", [1, 100, -1])
def test_a_torn_kept_scan_means_a_full_scan(folder: Path, cut: int) -> None:
    """The kept scan is replaced without waiting for the disk: after a crash
    it may be cut short. That is never taken for a scan."""
    index_dir = _kept_scan(folder)
    path = index_dir / scan.SCAN_FILE
    path.write_bytes(path.read_bytes()[:cut])
    _edit_in_place(next(folder.glob("003_*.txt")))
    assert scan.changes(index_dir, folder.resolve()) is None
    assert _counts(update_index(folder, index_dir)) == (1, 0, 1, 0, 5, 1)


def test_many_rows_dropped_at_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Past `_FEW` changed or removed files in a folder, their rows are dropped
    in one pass instead of one by one: the same plan, the same index."""
    index_dir = _kept_scan(folder)
    monkeypatch.setattr(scan, "_FEW", 0)
    _several(folder)
    found = scan.changes(index_dir, folder.resolve())
    assert found is not None
    assert (len(found.to_read), len(found.removed)) == (2, 2)
    assert _counts(update_index(folder, index_dir)) == (2, 0, 2, 2, 2, 1)
    fresh = tmp_path / "fresh-index"
    update_index(folder, fresh, rebuild=True)
    assert _manifest(index_dir) == _manifest(fresh)
    assert _ids(index_dir) == _ids(fresh)
    assert _counts(update_index(folder, index_dir)) == (0, 0, 0, 0, 4, 1)
