"""In-memory indexes sort their postings in a temporary folder of their own."""

from __future__ import annotations

import tempfile
from pathlib import Path

from index.store.disk import PrivateRamStorage, ram_index


def test_each_writer_gets_its_own_temporary_folder() -> None:
    storage = PrivateRamStorage()
    first, second = storage.temp_storage("MAIN.tmp"), storage.temp_storage("MAIN.tmp")
    try:
        shared = Path(tempfile.gettempdir()) / "MAIN.tmp"
        assert Path(first.folder) != Path(second.folder)
        assert shared not in (Path(first.folder), Path(second.folder))
    finally:
        first.destroy()
        second.destroy()


def test_two_in_memory_indexes_written_at_once_keep_their_files() -> None:
    # Whoosh's RamStorage put both writers' sorting files in <tmp>/MAIN.tmp,
    # and the first to finish removed the other's.
    a, b = ram_index(), ram_index()
    wa, wb = a.writer(), b.writer()
    wa.add_document(id="a1", title="Gespräche in Genf", body="Gespräche in Genf")
    wb.add_document(id="b1", title="Gipfel in Wien", body="Gipfel in Wien")
    folder_a = Path(wa.temp_storage().folder)
    wa.commit()
    assert not folder_a.exists()  # removed with its writer
    wb.add_document(id="b2", title="Treffen in Rom", body="Treffen in Rom")
    wb.commit()
    assert a.doc_count() == 1 and b.doc_count() == 2
