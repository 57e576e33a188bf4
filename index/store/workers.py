"""The build's worker processes: plain child interpreters on pipes.

Each worker reads tasks from its stdin and writes each one's result to its
stdout, pickled, in order; `Pool` sends every task to the worker with the
fewest unfinished ones and hands the results back in the order they were
asked for.

Not `multiprocessing`: its spawn start method runs a resource tracker
beside the pool (one more interpreter, ~13 MB, for the semaphores of its
queues) and has every worker import the builder's main module again. Not
fork either: a forked worker would inherit the build lock and the TUI's
threads. A worker here gets no file descriptor but the standard three, so
it is the only reader of its task pipe's far end: when the builder is gone,
even killed, its stdin ends (or its next result finds no reader) and it
exits.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_BOOT = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from index.store.workers import serve; serve()"
)
"""What a worker runs: the builder's sys.path first (as multiprocessing's
spawn does), so it imports the same code."""


class WorkerFailed(RuntimeError):
    """A worker exited, or its task raised, before giving the result."""


class _Failure:
    """A task's exception, as a worker reports it."""

    def __init__(self, text: str) -> None:
        self.text = text


def _resolve(name: str) -> Callable[..., Any]:
    module, _, attr = name.partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return func


def serve() -> None:
    """A worker's main loop (see `_BOOT`): set up, then task -> result until stdin ends."""
    tasks = sys.stdin.buffer
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to stderr, not into the results
    func_name, init_name = pickle.load(tasks)
    func = _resolve(func_name)
    if init_name:
        _resolve(init_name)()
    while True:
        try:
            task = pickle.load(tasks)
        except EOFError:
            return
        try:
            result = func(task)
        except Exception as exc:
            result = _Failure(f"{type(exc).__name__}: {exc}")
        try:
            pickle.dump(result, results, protocol=pickle.HIGHEST_PROTOCOL)
            results.flush()
        except OSError:  # the builder is gone
            return


_PIPE_BYTES = 1 << 20
"""A results pipe's capacity (Linux's default is 64 KB). A chunk's result is a few
hundred KB; the builder's reader thread needs the GIL back after every read from the
pipe, and while the builder reads articles itself that takes up to a switch interval
(5 ms), so with a small pipe the worker sits blocked on its writes."""


def _widen(pipe: IO[bytes]) -> None:
    """Give `pipe` `_PIPE_BYTES` of buffer where the system allows (Linux; else a no-op)."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None:
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(pipe.fileno(), set_size, _PIPE_BYTES)


class _Worker:
    def __init__(self, func: str, init: str) -> None:
        flags: list[str] = getattr(subprocess, "_args_from_interpreter_flags", list)()
        self.proc = subprocess.Popen(
            [sys.executable, *flags, "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.tasks: IO[bytes] = self.proc.stdin
        _widen(self.proc.stdout)
        self.results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.sent = 0
        self.done = 0
        self.send(sys.path)
        self.send((func, init))
        self._reader = threading.Thread(
            target=self._read, args=(self.proc.stdout,), name="build-worker-results", daemon=True
        )
        self._reader.start()

    def send(self, message: Any) -> None:
        pickle.dump(message, self.tasks, protocol=pickle.HIGHEST_PROTOCOL)
        self.tasks.flush()

    def _read(self, stream: IO[bytes]) -> None:
        """Take every result off the pipe as it comes (the worker never
        waits for the builder), until the worker exits."""
        try:
            while True:
                result = pickle.load(stream)
                self.done += 1
                self.results.put(result)
        except Exception:  # EOF: the worker is gone (or its output is garbled)
            self.results.put(_GONE)
        finally:
            stream.close()

    def stop(self, kill: bool) -> None:
        """No more tasks: the worker exits when it has done its own (or now)."""
        with contextlib.suppress(OSError):
            self.tasks.close()
        if kill:
            self.proc.kill()

    def wait(self) -> None:
        self.proc.wait()
        self._reader.join()


_GONE = _Failure("")


class Pool:
    """`workers` processes that run `func` (a "module:name" importable in
    them) on each task, after `init` (likewise, or "")."""

    def __init__(self, workers: int, func: str, init: str = "") -> None:
        self._workers: list[_Worker] = []
        try:
            for _ in range(workers):
                self._workers.append(_Worker(func, init))
        except BaseException:
            self.close(kill=True)
            raise

    def submit(self, task: Any) -> Any:
        """Send `task` to the least busy worker; returns a handle for `result`."""
        worker = min(self._workers, key=lambda w: w.sent - w.done)
        worker.sent += 1
        try:
            worker.send(task)
        except OSError as exc:  # the worker is gone
            raise WorkerFailed(f"a build worker process exited ({exc})") from exc
        return worker

    def ready(self, handle: Any) -> bool:
        """Whether `result(handle)` would return (or raise) without waiting."""
        worker: _Worker = handle
        return not worker.results.empty()

    def result(self, handle: Any) -> Any:
        """The result of the oldest task not yet taken that went to `handle`'s worker."""
        worker: _Worker = handle
        result = worker.results.get()
        if result is _GONE:
            worker.results.put(_GONE)
            code = worker.proc.wait()
            raise WorkerFailed(f"a build worker process exited (code {code})")
        if isinstance(result, _Failure):
            raise WorkerFailed(f"a build worker failed: {result.text}")
        return result

    def close(self, kill: bool = False) -> None:
        """End the workers: after their tasks, or at once (`kill`)."""
        for worker in self._workers:
            worker.stop(kill)
        for worker in self._workers:
            worker.wait()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(kill=exc_type is not None)
