"""Benchmark harness for diplo-reader (issue 7).

`python -m bench.run --sizes 1000,10000` builds corpora from the 10kGNAD
articles, measures builds, updates, cold starts, search and
search-as-you-type for diplo-reader and for a plain-Whoosh baseline, and
prints one table per size (JSON copies go to bench/results/).

Modules:
  corpus.py     corpus files from the 10kGNAD CSV, cached under bench/corpora/
  queries.py    the German query set and the keystroke sequences
  measure.py    timing and memory helpers (percentiles, process-tree RSS)
  rusage.py     a tiny wrapper that runs one command and reports its peak RSS
  baseline.py   the plain-Whoosh baseline (build and search)
  probes.py     the search probe (runs in a fresh, measured process)
  tui_probe.py  TUI start-up to first paint with results (headless)
  report.py     tables, targets, Markdown
  run.py        the command line that ties it together
"""
