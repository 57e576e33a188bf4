"""The core never imports the UI: each `index` module, imported alone in a fresh
interpreter, must not load textual or reader (as harlequin checks it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "index").rglob("*.py")
    if p.name != "__main__.py" and not p.name.startswith("_evaluate")
)


@pytest.mark.parametrize("module", MODULES)
def test_core_module_does_not_load_ui(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'reader')]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"{module} loads {out.stdout.strip()}"


def test_cli_commands_do_not_load_textual() -> None:
    """`diplo-reader search` must start fast: the TUI is imported only for the TUI."""
    code = "import sys; from reader import cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_update_path_does_not_load_numpy() -> None:
    """A one-file `diplo-reader index` pays for every import: the CLI, the
    Library and the build load no numpy (the first search does)."""
    code = (
        "import sys; from reader import cli; from index.library import Library; "
        "import index.store.build; print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_update_path_skips_modules_it_never_uses() -> None:
    """What a one-file update does not need (index/__init__.py, index/lean_imports.py):
    the distribution metadata, the archive's records, what Whoosh imports
    for functions nothing here calls (urllib.request, asyncio, English word
    variations), the process pool of a large build (index/store/build.py),
    and what finds the default folders (platformdirs, importlib.resources:
    index/paths.py)."""
    code = (
        "import sys; from reader import cli; from index.library import Library; "
        "import index.store.build, whoosh.searching, whoosh.writing; "
        "print(','.join(m for m in ('importlib.metadata', 'index.archive.records', "
        "'urllib.request', 'asyncio', 'cached_property', 'whoosh.lang.morph_en', "
        "'multiprocessing', 'concurrent.futures', 'platformdirs', 'importlib.resources') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"loaded: {out.stdout.strip()}"


def test_whoosh_works_with_the_lent_modules() -> None:
    """The stand-ins left sys.modules: the real modules import as usual, and
    Whoosh's cached property and `Variations` work."""
    code = (
        "import sys, index, whoosh.reading, whoosh.query.terms as t\n"
        "from whoosh.compat import urlretrieve\n"
        "assert 'urllib.request' not in sys.modules and 'cached_property' not in sys.modules\n"
        "from whoosh.filedb.filestore import RamStorage\n"
        "from whoosh import fields\n"
        "ix = RamStorage().create_index(fields.Schema(b=fields.TEXT(stored=True)))\n"
        "with ix.writer() as w:\n"
        "    w.add_document(b='render renders')\n"
        "    w.add_document(b='other')\n"
        "with ix.writer() as w:\n"
        "    w.delete_by_term('b', 'other')\n"
        "r = ix.reader()\n"
        "print(sorted(r.deleted_docs_set) if hasattr(r, 'deleted_docs_set') else 'multi')\n"
        "with ix.searcher() as s:\n"
        "    print(len(s.search(t.Variations('b', 'rendering'))))\n"
        "import urllib.request, cached_property\n"
        "print(callable(urllib.request.urlopen), hasattr(cached_property, 'cached_property_ttl'))\n"
        "print(urlretrieve.__name__, urllib.request.urlretrieve is not urlretrieve)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[1:4] == ["1", "True True", "urlretrieve True"], out.stdout
