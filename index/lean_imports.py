"""Whoosh without three imports a command never uses: 60-120 ms off every start.

Importing Whoosh loads modules that nothing here calls, and each `diplo-reader`
command pays for them at start-up (a one-file update costs about half a
second in all, so they matter):

- `whoosh.compat` imports `urllib.request` (with `http.client`, `ssl`, `email`)
  for `urlretrieve`, which Whoosh never calls;
- `whoosh.reading` imports the `cached_property` package, which imports
  `asyncio` for its async variants; Whoosh uses the plain decorator once;
- `whoosh.query.terms` imports `whoosh.lang.morph_en` (English word variations,
  a few hundred regular expressions compiled at import) for `Variations`
  queries, which are never built here.

`install()` (called by the `index` facade) adds an import hook that, while
exactly these three Whoosh modules execute, lends them a stand-in for what
they import: a `urlretrieve` and a `variations` that import the real module on
first call, and the standard library's `functools.cached_property` (the same
behaviour as the package's for a plain method). The stand-ins leave
`sys.modules` as soon as the Whoosh module is loaded, so any later import
of the real modules works as usual.

Only on a single-threaded start (the command line): with other threads about
(the TUI), one of them might import a real module while its stand-in is
lent, so then Whoosh is imported unchanged. A real module that is already
loaded is never replaced. tests/test_import_hygiene.py checks the savings and
that Whoosh still works.
"""

from __future__ import annotations

import functools
import importlib
import importlib.machinery
import sys
import threading
import types
from collections.abc import Callable, Sequence
from typing import Any


def _deferred(module: str, name: str) -> Callable[..., Any]:
    """A function that imports `module` on its first call and runs its `name`."""

    def call(*args: Any, **kwargs: Any) -> Any:
        real = getattr(importlib.import_module(module), name)
        return real(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"`{module}.{name}`, imported on first use (index/lean_imports.py)."
    return call


def _stub(module: str, **names: Any) -> types.ModuleType:
    stub = types.ModuleType(module, f"Stand-in for {module} (index/lean_imports.py).")
    stub.__dict__.update(names)
    return stub


def _stubs_for(name: str) -> dict[str, types.ModuleType]:
    """What the Whoosh module `name` is lent while it executes."""
    if name == "whoosh.compat":
        return {
            "urllib.request": _stub(
                "urllib.request", urlretrieve=_deferred("urllib.request", "urlretrieve")
            )
        }
    if name == "whoosh.reading":
        return {
            "cached_property": _stub("cached_property", cached_property=functools.cached_property)
        }
    if name == "whoosh.query.terms":
        return {
            "whoosh.lang.morph_en": _stub(
                "whoosh.lang.morph_en", variations=_deferred("whoosh.lang.morph_en", "variations")
            )
        }
    return {}


LEANED = ("whoosh.compat", "whoosh.reading", "whoosh.query.terms")
"""The Whoosh modules given stand-ins."""


class _Loader:
    """The module's own loader, run with the stand-ins in `sys.modules`.
    (Plain classes, not importlib.abc's: that module costs milliseconds.)"""

    def __init__(self, real: Any, name: str) -> None:
        self.real = real
        self.name = name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        lent = {k: v for k, v in _stubs_for(self.name).items() if k not in sys.modules}
        sys.modules.update(lent)
        try:
            self.real.exec_module(module)
        finally:
            for key, stub in lent.items():
                if sys.modules.get(key) is stub:
                    del sys.modules[key]

    def __getattr__(self, attr: str) -> Any:  # get_source, get_filename, ...
        return getattr(self.real, attr)


class _Finder:
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in LEANED or threading.active_count() > 1:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _Loader(spec.loader, fullname)  # type: ignore[assignment]
        return spec


_FINDER = _Finder()


def install() -> None:
    """Add the hook (once); a no-op when Whoosh is already imported."""
    if "whoosh.compat" in sys.modules or _FINDER in sys.meta_path:
        return
    sys.meta_path.insert(0, _FINDER)
