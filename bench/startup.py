"""Launch to window: how long the real program takes to show its window and to paint its first page with data.

    python bench/startup.py [--runs 5] [--background-load K]

Starts `python -m shopdesk --data-dir DIR` offscreen, as a user does, with SHOPDESK_STARTUP_PROBE naming a file:
the program itself appends `window <t>` at its main window's first paint and `painted <t>` once the first page
has loaded and painted the shop's data, then quits (shopdesk/ui/startup_probe.py). Times count from just before
the process is launched (interpreter start and imports included).

The first launch, on an empty data dir, seeds the demo shop and is reported on its own; every timed run then
starts on its own copy of that seeded dir, so it measures an ordinary start. One more launch runs under
`python -X importtime` for the ten most expensive imports (cumulative). The last line is
`window X s, painted Y s` (medians of the runs); targets: window < 1.0 s, painted < 1.5 s. The launches may write
compiled modules (PYTHONDONTWRITEBYTECODE is dropped for them), as an installed program has them; the seeding
launch writes them, so no timed run includes compiling.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import add_background_load, background_load, condition_header, conditions

PROBE_ENV = "SHOPDESK_STARTUP_PROBE"
TIMEOUT = 180.0
TARGET_WINDOW, TARGET_PAINTED = 1.0, 1.5


def launch(data_dir: Path, probe: Path, *python_flags: str) -> tuple[float, float, str]:
    """One launch of the program; returns (seconds to window, seconds to painted, its stderr)."""
    env = {**os.environ, PROBE_ENV: str(probe), "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6"}
    # An installed program starts from its compiled modules (pip writes them; an editable install's first start
    # does): a shell that forbids writing them would time the compiler on every launch instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    probe.unlink(missing_ok=True)
    started = time.time()
    done = subprocess.run(
        [sys.executable, *python_flags, "-m", "shopdesk", "--data-dir", str(data_dir)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
    )
    moments = {}
    if probe.exists():
        for line in probe.read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition(" ")
            moments.setdefault(name, float(value))
    if done.returncode != 0 or "window" not in moments or "painted" not in moments:
        sys.exit(f"the program exited {done.returncode} without both moments ({moments}):\n{done.stderr[-3000:]}")
    return moments["window"] - started, moments["painted"] - started, done.stderr


def import_costs(stderr: str, top: int = 10) -> list[tuple[int, int, str]]:
    """The `top` largest cumulative import times from `-X importtime` output: (cumulative µs, depth, module)."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((int(cumulative), depth, name.strip()))
    return sorted(rows, reverse=True)[:top]


def timed_runs(template: Path, root: Path, runs: int) -> tuple[list[float], list[float]]:
    windows, painted = [], []
    for i in range(runs):
        data_dir = root / f"run-{i}"
        shutil.copytree(template, data_dir)
        window_s, painted_s, _ = launch(data_dir, root / "probe")
        shutil.rmtree(data_dir, ignore_errors=True)
        windows.append(window_s)
        painted.append(painted_s)
        print(f"  run {i + 1}: window {window_s:.2f} s, painted {painted_s:.2f} s", flush=True)
    return windows, painted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed launches per condition (default 5)")
    add_background_load(parser)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    root = Path(tempfile.mkdtemp(prefix="shopdesk-bench-startup-"))
    try:
        template = root / "seeded"
        window_s, painted_s, _ = launch(template, root / "probe")
        print(f"first start (demo shop seeded): window {window_s:.2f} s, painted {painted_s:.2f} s")
        (template / "shopdesk.lock").unlink(missing_ok=True)

        copy = root / "importtime"
        shutil.copytree(template, copy)
        *_, stderr = launch(copy, root / "probe", "-X", "importtime")
        print("top imports by cumulative time (-X importtime, one launch):")
        for cumulative, depth, name in import_costs(stderr):
            print(f"  {cumulative / 1e6:6.2f} s  {'  ' * depth}{name}")

        results = []
        for label, load in conditions(args.background_load):
            condition_header(label)
            with background_load(load):
                windows, painted = timed_runs(template, root, args.runs)
            results.append((label, statistics.median(windows), statistics.median(painted)))
        print(f"targets: window < {TARGET_WINDOW:.1f} s, painted < {TARGET_PAINTED:.1f} s (median of {args.runs})")
        for label, window_median, painted_median in results:
            if len(results) > 1:
                print(f"{label}:")
            print(f"window {window_median:.2f} s, painted {painted_median:.2f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
