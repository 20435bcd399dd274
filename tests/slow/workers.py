"""Worker OS processes for the multi-process tests, both ends of them.

The tests' end: start a worker script, release several together and collect the JSON line each prints, or read
a worker's first lines and kill it with -9. The workers' end: announce readiness and wait to be released, and
hook the rows an export writes. The tests import this module from this folder (pytest puts it on sys.path, as
it does for serve_api.py); a worker script here runs with this folder as sys.path[0], so it imports it too.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

READY_SECONDS = 60  # for a worker to open the shop and say it is ready
WORKER_SECONDS = 300  # for a released worker to finish


# --- the tests' end ----------------------------------------------------------------------------------


def start(script: Path, *args: object, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`python SCRIPT ARGS...` with its stdout and stderr piped (text); `env` is added to this environment."""
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def stop(procs: Sequence[subprocess.Popen]) -> None:
    """Kill whatever of them is still running, and reap it."""
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()


def finish(proc: subprocess.Popen, timeout: float = WORKER_SECONDS) -> dict:
    """Wait for a worker, which must exit 0; returns the last line it printed, parsed as JSON."""
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"worker failed:\n{err}"
    return json.loads(out.strip().splitlines()[-1])


def wait_ready(procs: Sequence[subprocess.Popen], folder: Path) -> None:
    """Until every worker has created folder/ready-<its pid>; none may die meanwhile."""
    deadline = time.monotonic() + READY_SECONDS
    while not all((folder / f"ready-{p.pid}").exists() for p in procs):
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        assert time.monotonic() < deadline, "workers never got ready"
        time.sleep(0.01)


def run_together(
    script: Path, go: Path, argvs: Sequence[Sequence[object]], timeout: float = WORKER_SECONDS
) -> tuple[list[dict], float]:
    """One worker per argument list, released together by creating `go` once all are ready (their ready files
    go beside it). Returns each worker's JSON report, in order, and the seconds from the release to the end."""
    procs = [start(script, *argv) for argv in argvs]
    try:
        wait_ready(procs, go.parent)
        started = time.perf_counter()
        go.touch()
        reports = [finish(p, timeout) for p in procs]
        elapsed = time.perf_counter() - started
    finally:
        stop(procs)
    return reports, elapsed


@contextmanager
def running(script: Path, *args: object, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """A worker for the length of the block: killed on the way out if it still runs, its pipes closed."""
    proc = start(script, *args, env=env)
    try:
        yield proc
    finally:
        stop([proc])
        proc.stdout.close()
        proc.stderr.close()


def _read_lines(stream: IO[str], into: queue.Queue) -> None:
    for line in stream:
        into.put(line.strip())
    into.put(None)


def first_lines(proc: subprocess.Popen, count: int, timeout: float) -> list[str]:
    """The first `count` lines the worker prints, within `timeout` seconds; it must not end before."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while len(seen) < count:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        assert line is not None, f"the worker ended early:\n{proc.stderr.read()}"
        seen.append(line)
    return seen


def kill_9(proc: subprocess.Popen) -> None:
    """SIGKILL, as a power cut or the task manager would; the worker must die of it."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


# --- the workers' end --------------------------------------------------------------------------------


def wait_for_go(go_file: Path, ready_dir: Path, poll: float) -> None:
    """Create ready_dir/ready-<pid>, then wait for go_file, so that the workers of one test start together."""
    (ready_dir / f"ready-{os.getpid()}").touch()
    deadline = time.monotonic() + READY_SECONDS
    while not go_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to go")
        time.sleep(poll)


class Rows:
    """The file `write_keys` writes an export to, with `before(row number, real file)` called before each row."""

    def __init__(self, inner: IO[str], before: Callable[[int, IO[str]], None]):
        self.inner, self.before, self.rows = inner, before, 0

    def write(self, text: str) -> int:
        self.rows += 1
        self.before(self.rows, self.inner)
        return self.inner.write(text)


def hook_rows(secrets: Any, before: Callable[[int, IO[str]], None]) -> Callable:
    """A stand-in for secrets.write_keys (patch it in with setattr) that writes through Rows(..., before)."""
    real = secrets.write_keys

    def write_keys(session, vault, fh, spec):
        return real(session, vault, Rows(fh, before), spec)

    return write_keys
