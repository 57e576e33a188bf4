"""Memory stays bounded while indexing very large files.

Each measurement runs an index build in a fresh interpreter and reads that
process's own peak RSS (ru_maxrss), so the test process's memory does not
blur the figure. The figures are printed (run with -s to see them).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.decode import MAX_FILE_BYTES
from tests.robustness.helpers import ROOT, good_text

MB = 1024 * 1024

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from index.build import update_index
start = time.perf_counter()
report = update_index(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "added": report.added,
    "skipped": {Path(s.path).name: s.reason for s in report.skipped},
    "seconds": time.perf_counter() - start,
}))
"""


def start_build(articles: Path, index_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(articles), str(index_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def result_of(proc: subprocess.Popen[str]) -> dict:  # type: ignore[type-arg]
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


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
    baseline_dir = small_folder(tmp_path, "baseline")
    big_dir = small_folder(tmp_path, "big")
    write_text_file(big_dir / "fifty.txt", 50 * MB)
    limit_dir = small_folder(tmp_path, "at-limit")
    write_text_file(limit_dir / "at-limit.txt", MAX_FILE_BYTES - MB // 2)
    # Three separate processes (each measures only itself), run side by side.
    procs = [
        start_build(baseline_dir, tmp_path / "ix-base"),
        start_build(big_dir, tmp_path / "ix-big"),
        start_build(limit_dir, tmp_path / "ix-limit"),
    ]
    baseline, big, at_limit = (result_of(p) for p in procs)

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
