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
