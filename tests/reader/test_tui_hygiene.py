"""Import boundaries and the process-pool workaround, checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_and_reader_helpers_do_not_load_textual() -> None:
    """`diplo-reader search` must stay fast: textual is imported only for the TUI."""
    done = _run("""
        import sys
        import reader.cli, reader.i18n, reader.state
        assert "textual" not in sys.modules, "textual imported"
        print("ok")
    """)
    assert done.stdout.strip() == "ok", done.stderr


def test_process_pool_starts_under_a_textual_style_stderr() -> None:
    """Textual's stderr capture has fileno() == -1, which broke the index's
    spawn pool; start_resource_tracker() must make the pool work anyway."""
    done = _run("""
        import io, multiprocessing, sys
        from concurrent.futures import ProcessPoolExecutor

        class Capture(io.StringIO):
            def fileno(self):
                return -1

        sys.stderr = Capture()
        from reader.workers import start_resource_tracker
        start_resource_tracker()
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            print(pool.submit(abs, -3).result())
    """)
    assert done.stdout.strip() == "3", done.stderr
