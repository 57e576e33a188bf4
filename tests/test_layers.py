"""Which part of `index` may import which: the layers, checked on the source.

From the bottom up (each may import its own part and the parts listed for it):

- base: `paths`, `records`, `messages`, `errors`, `engine` (every use of
  Whoosh internals), `lean_imports` (the import hook that keeps Whoosh's
  unused imports out) and the package's `__version__`; they import each
  other at most.
- `text/` (German analysis, compounds, month names): base.
- `extract/` (dates, people, places): base, text.
- `files/` (finding, decoding, cleaning, reading an article): base, text,
  extract (an article is read with its metadata).
- `query/` (syntax, rewriting, evaluation): base, text. It knows the index
  only through Whoosh's reader, never how it is stored.
- `store/` (schema, the index on disk, builds, the postings pool): base,
  text, extract, files. Never query or search: building knows nothing of
  searching.
- `search/` (search, snippets, suggestions): base, text, query. Never store
  or files: it works on the searcher it is given.
- top: `library`, `protocol` and the facade `index/__init__.py`: anything in
  `index`.

Nothing in `index` imports `reader` or `textual` (tests/test_import_hygiene.py
checks the same at run time, module by module).

Every import counts: top-level, inside functions, under TYPE_CHECKING. A new
module or subpackage of `index` must be given a place in ALLOWED below; the
test says so when one is missing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "index"

BASE = frozenset(
    {"paths", "records", "messages", "errors", "engine", "lean_imports", "__version__"}
)
TOP = frozenset({"library", "protocol", "__init__"})

ALLOWED: dict[str, frozenset[str]] = {
    **dict.fromkeys(BASE, BASE),
    "text": BASE,
    "extract": BASE | {"text"},
    "files": BASE | {"text", "extract"},
    "query": BASE | {"text"},
    "store": BASE | {"text", "extract", "files"},
    "search": BASE | {"text", "query"},
    # Provisional homes for the parts issues 13 and 14 add: tighten when they land.
    "ingest": BASE | {"text", "extract", "files"},
    "archive": BASE | {"text", "extract", "query", "search"},
}
"""Part -> the other parts it may import (its own is always allowed)."""

FORBIDDEN_TOP = ("reader", "textual")


def _part(path: Path) -> str:
    """`index/store/disk.py` -> "store"; `index/paths.py` -> "paths"."""
    rel = path.relative_to(INDEX).with_suffix("")
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(source: str, package: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in `source`, a module of `package`;
    relative imports resolved. `from a import b` yields "a.b" (b may be a part)."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            out.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return out


def _file_imports(path: Path) -> list[tuple[int, str]]:
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return _imports(path.read_text(encoding="utf-8"), package)


def _target(name: str) -> str | None:
    """The part of `index` that a dotted import name lands in, or None."""
    parts = name.split(".")
    if parts[0] != "index":
        return None
    if len(parts) == 1:
        return "__init__"
    if len(parts) == 2 and parts[1] not in _PARTS | ALLOWED.keys():
        return "__init__"  # a name the facade itself defines
    return parts[1]


_FILES = sorted(p for p in INDEX.rglob("*.py") if "__pycache__" not in p.parts)
_PARTS = {_part(p) for p in _FILES}


def test_every_part_of_index_has_a_layer() -> None:
    missing = sorted(_PARTS - ALLOWED.keys() - TOP)
    assert not missing, f"give these parts of index/ a layer in tests/test_layers.py: {missing}"


@pytest.mark.parametrize("path", _FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_layers(path: Path) -> None:
    part = _part(path)
    bad = []
    for line, name in _file_imports(path):
        top = name.split(".")[0]
        if top in FORBIDDEN_TOP:
            bad.append(f"line {line}: {name} (index never imports {top})")
            continue
        if part in TOP:
            continue
        target = _target(name)
        if target is None or target == part:
            continue
        if target not in ALLOWED.get(part, frozenset()):
            bad.append(f"line {line}: {name} ({part} may not import {target})")
    assert not bad, f"{path.relative_to(ROOT)}: " + "; ".join(bad)


def test_the_checker_sees_a_violation() -> None:
    """The rules bite: a search module importing the store, the facade or a
    front end is reported; the engine, query and relative imports resolve."""
    source = (
        "from index.store import disk\n"
        "from index import Library, __version__\n"
        "from index.engine import NO_VALUE\n"
        "from ..query.parse import build_query\n"
        "from . import snippets\n"
        "def f():\n    import textual.app\n"
    )
    names = [name for _, name in _imports(source, "index.search")]
    assert names == [
        "index.store.disk",
        "index.Library",
        "index.__version__",
        "index.engine.NO_VALUE",
        "index.query.parse.build_query",
        "index.search.snippets",
        "textual.app",
    ]
    targets = [_target(name) for name in names]
    assert targets == ["store", "__init__", "__version__", "engine", "query", "search", None]
    allowed = ALLOWED["search"] | {"search"}
    assert [t for t in targets if t is not None and t not in allowed] == ["store", "__init__"]


WHOOSH_PRIVATE = frozenset({"readers", "doc_offsets", "segment", "segment_id", "is_atomic"})
"""Whoosh reader internals (undocumented attributes) that index/engine.py wraps."""


def _private_uses(source: str) -> list[str]:
    """Attribute uses in `source` that reach into another object's privates
    (`x._name`, not `self._name` or dunders) or into `WHOOSH_PRIVATE`, and
    imports of underscore names from whoosh."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            if (private and owner not in ("self", "cls")) or node.attr in WHOOSH_PRIVATE:
                found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            found.extend(
                f"line {node.lineno}: {node.module}.{a.name}"
                for a in node.names
                if a.name.startswith("_")
            )
    return found


ARCHIVE_FILES = sorted((INDEX / "archive").glob("*.py"))


@pytest.mark.parametrize("path", ARCHIVE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_archive_leaves_whoosh_internals_to_the_engine(path: Path) -> None:
    """index/archive reads the index through Whoosh's public API and
    index/engine.py (issue 11: every use of Whoosh internals is there)."""
    bad = _private_uses(path.read_text(encoding="utf-8"))
    assert not bad, f"{path.relative_to(ROOT)} (move these into index/engine.py): " + "; ".join(bad)


def test_the_internals_checker_sees_a_violation() -> None:
    source = (
        "from whoosh.codec.whoosh3 import _lenfield\n"
        "def f(reader, self):\n"
        "    self._cache = reader._perdoc\n"
        "    return reader.readers, reader.segment().segment_id(), reader.stored_fields(0)\n"
    )
    assert sorted(u.split(": ")[1] for u in _private_uses(source)) == [
        "._perdoc",
        ".readers",
        ".segment",
        ".segment_id",
        "whoosh.codec.whoosh3._lenfield",
    ]
