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


def run_cli(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> Run:
    """Run `diplo-reader ARGS` in a fresh interpreter, as a user would."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100", **(env or {})}
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
