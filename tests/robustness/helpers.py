"""Helpers shared by the robustness tests: sample articles and CLI runs."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


GOOD_TEXT = (
    "Außenministerin trifft Amtskollegen in Genf\n\n"
    "Die deutsche Außenministerin hat am Montag in Genf Gespräche über die "
    "Sicherheitsgarantien für die Ukraine geführt. Die Verhandlungen seien schwierig "
    "gewesen, hieß es aus Kreisen der Delegation über das Treffen {n}.\n\n"
    "Man werde die Gespräche in Brüssel fortsetzen, sagte ein Sprecher des Auswärtigen "
    "Amtes. Über weitere Schritte wolle man später entscheiden, erklärte er.\n"
)
UMLAUT_WORDS = ("Außenministerin", "Gespräche", "Brüssel", "Auswärtigen")


def good_text(n: int | str = 0) -> str:
    """A small, valid German article; `n` makes it distinct."""
    return GOOD_TEXT.format(n=n)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, timeout: float = 120, stub_extraction: bool = False) -> Run:
    """Run `diplo-reader ARGS` in a fresh interpreter, as a user would (with
    extraction stubbed out when the test is not about article content)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    if stub_extraction:
        full_env["PYTHONPATH"] = _stub_path()
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=timeout,
        env=full_env,
        cwd=ROOT,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_clean_exit(run: Run, code: int = 0) -> None:
    """The expected exit code and no traceback on either stream."""
    assert "Traceback" not in run.err + run.out, run.err
    assert run.code == code, f"exit {run.code}\nstdout:\n{run.out}\nstderr:\n{run.err}"


STUB_SITE = Path(__file__).resolve().parent / "stub_site"
"""A sitecustomize that stubs out extraction in a child and its pool workers."""


def _stub_path() -> str:
    """PYTHONPATH that loads the stub first (and finds the checkout)."""
    return os.pathsep.join(filter(None, [str(STUB_SITE), str(ROOT), os.environ.get("PYTHONPATH")]))


def write_articles(folder: Path, count: int, tag: str = "") -> list[Path]:
    """`count` small distinct articles a000.txt … in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"a{n:03d}.txt"
        path.write_text(good_text(f"{n}{tag}"), encoding="utf-8")
        paths.append(path)
    return paths


def python_child(code: str, *args: str) -> subprocess.Popen[str]:
    """Start `python -c CODE ARGS` (extraction stubbed) with unbuffered stdout."""
    return subprocess.Popen(
        [sys.executable, "-u", "-c", code, *args],
        env={**os.environ, "PYTHONPATH": _stub_path(), "PYTHONIOENCODING": "utf-8"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )


def cli_child(*args: str) -> subprocess.Popen[str]:
    """Start the CLI (`diplo-reader ARGS`) with extraction stubbed."""
    code = "import sys\nfrom reader.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return python_child(code, *args)
