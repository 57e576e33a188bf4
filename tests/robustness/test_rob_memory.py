"""Memory stays bounded while indexing very large files.

The builds run in a fresh interpreter that reads its own peak RSS (ru_maxrss)
after each, so the test process's memory does not blur the figures. They are
printed (run with -s to see them).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.files.decode import MAX_FILE_BYTES
from tests.robustness.helpers import ROOT, good_text

MB = 1024 * 1024

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from index.store.build import update_index

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

results = []
for folder in sys.argv[1:]:
    start = time.perf_counter()
    report = update_index(Path(folder), Path(folder + "-index"))
    results.append({
        "peak_mb": peak_mb(),
        "added": report.added,
        "skipped": {Path(s.path).name: s.reason for s in report.skipped},
        "seconds": time.perf_counter() - start,
    })
print(json.dumps(results))
"""


def build_in_child(*folders: Path) -> list[dict]:  # type: ignore[type-arg]
    """Index `folders` one after another in one fresh process; the process's
    peak RSS after each (peak RSS only grows, so each figure bounds all before)."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def write_text_file(path: Path, size: int) -> None:
    """A real German text file of about `size` bytes, in paragraphs."""
    para = (good_text("groß").split("\n\n")[1] + "\n\n").encode("utf-8")
    with path.open("wb") as fh:
        fh.write(b"Eine sehr lange Datei\n\n")
        written = 0
        while written < size:
            fh.write(para)
            written += len(para)


def small_folder(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    for n in range(3):
        (folder / f"ok-{n}.txt").write_text(good_text(n), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_memory_bounded_with_50_mb_file(tmp_path: Path) -> None:
    # The baseline build loads the extraction models, which dominate memory;
    # the two large files are then measured against it in the same process.
    baseline_dir = small_folder(tmp_path, "baseline")
    big_dir = small_folder(tmp_path, "big")
    write_text_file(big_dir / "fifty.txt", 50 * MB)
    limit_dir = small_folder(tmp_path, "at-limit")
    write_text_file(limit_dir / "at-limit.txt", MAX_FILE_BYTES - MB // 2)
    baseline, big, at_limit = build_in_child(baseline_dir, big_dir, limit_dir)
    print(
        f"\npeak RSS: baseline {baseline['peak_mb']:.0f} MB; "
        f"with a 50 MB file {big['peak_mb']:.0f} MB ({big['seconds']:.1f} s); "
        f"with a {MAX_FILE_BYTES / MB - 0.5:.1f} MB file (largest accepted) "
        f"{at_limit['peak_mb']:.0f} MB ({at_limit['seconds']:.1f} s)"
    )
    assert big["added"] == 3
    assert big["skipped"]["fifty.txt"].startswith("too large")
    # The 50 MB file is refused from its size alone: it costs no memory at all.
    assert big["peak_mb"] < baseline["peak_mb"] + 30
    # The largest file accepted is indexed within a generous bound.
    assert at_limit["added"] == 4
    assert at_limit["peak_mb"] < baseline["peak_mb"] + 400
