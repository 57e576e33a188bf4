"""Run one command and report its wall time and peak RSS as JSON.

    python -m bench.rusage REPORT.json -- CMD ARGS…

`ru_maxrss` of RUSAGE_CHILDREN is the largest RSS of any waited-for
descendant (pool workers included, since their parent waits for them). It is
a maximum over *all* children a process ever waited for, so every measured
command gets its own fresh wrapper.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    report, sep, *cmd = argv
    if sep != "--" or not cmd:
        print("usage: python -m bench.rusage REPORT.json -- CMD …", file=sys.stderr)
        return 2
    start = time.perf_counter()
    returncode = subprocess.call(cmd)
    seconds = time.perf_counter() - start
    maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(report, "w", encoding="utf-8") as fh:
        json.dump({"seconds": seconds, "maxrss_kb": maxrss_kb, "returncode": returncode}, fh)
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
