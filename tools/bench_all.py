"""Every benchmark in bench/, one summary table: measure, ShopDesk, raw, ratio, target.

    python tools/bench_all.py [--only NAME[,NAME...]] [--quick] [--before REF] [--show]

Runs each bench/ script as a subprocess at its default size (`--quick`: small sizes, for a look in a few minutes),
keeps its output and reads the figures from the lines the script always prints (bench/README.md), then prints
one table. `--before REF` also runs the same scripts against another commit's code: REF is checked out with
`git worktree add` into a temporary directory (removed afterwards), the scripts run with PYTHONPATH pointing at
it, and a `before` column stands beside ShopDesk's. The two sides alternate per bench (before first, then after
first, ...) so that other work on the machine weighs on both alike. A bench that fails shows `-` and its last
lines of output at the end; the table never fails the run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# SHOPDESK_STARTUP_PROBE's product side: carried into a REF that predates it, so both sides report alike.
PROBE_FILES = ("shopdesk/ui/startup_probe.py", "shopdesk/ui/main.py")

NUMBER = r"([\d,]+(?:\.\d+)?)"


@dataclass
class Row:
    measure: str
    ours: float | None
    raw: float | None = None
    ratio: float | None = None
    target: str = "-"


Parser = Callable[[str], list[Row]]


@dataclass
class Bench:
    name: str
    script: str
    args: list[str]
    quick: list[str]
    parse: Parser
    timeout: float = 1800.0
    needs: list[str] = field(default_factory=list)  # other scripts it runs (for --only's listing)


# --- reading the benches' lines ------------------------------------------------------------------------


def num(text: str) -> float:
    return float(text.replace(",", ""))


def find(pattern: str, text: str, group: int = 1) -> float | None:
    """The number the last line matching `pattern` holds (None when no line does)."""
    matches = list(re.finditer(pattern, text, re.MULTILINE))
    return num(matches[-1].group(group)) if matches else None


def sections(output: str) -> list[tuple[str, str]]:
    """(label, text) per condition: a latency bench prints `== quiet ==`, `== background load: ... ==` before each
    run's figures; output without such lines is one section, "quiet"."""
    parts = re.split(r"^== (.+) ==$", output, flags=re.MULTILINE)
    if len(parts) == 1:
        return [("quiet", output)]
    found = [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]
    if parts[0].strip():  # lines before the first heading (a shop being built) belong to the first condition
        found[0] = (found[0][0], parts[0] + found[0][1])
    return found


def suffix(label: str) -> str:
    """'' for the quiet run, ' (load K)' under background load."""
    loaded = re.match(r"background load: (\d+)", label)
    return f" (load {loaded.group(1)})" if loaded else ""


def rate_pair(measure: str, first: str, second: str, target: str) -> Parser:
    """`first: X tx/s`, `second: Y tx/s`, `ratio R` (bench/harness.report's lines)."""

    def parse(out: str) -> list[Row]:
        return [
            Row(
                measure,
                find(rf"^{re.escape(first)}:\s+{NUMBER} tx/s", out),
                find(rf"^{re.escape(second)}:\s+{NUMBER} tx/s", out),
                find(rf"^ratio {NUMBER}$", out),
                target,
            )
        ]

    return parse


def parse_import(out: str) -> list[Row]:
    return [
        Row(
            "key import keys/s",
            find(rf"^service import:\s+{NUMBER} s\s+{NUMBER} keys/s", out, 2),
            find(rf"^raw executemany:\s+{NUMBER} s\s+{NUMBER} keys/s", out, 2),
            find(rf"^ratio {NUMBER}$", out),
            ">= 0.77",
        ),
        Row("key import peak memory MB", find(rf"^peak memory:\s+{NUMBER} MB", out), target="< 400"),
    ]


def parse_login(out: str) -> list[Row]:
    return [
        Row("login s", find(rf"^login: median {NUMBER} s", out), target="0.2-0.5"),
        *rate_pair("pay+deliver with chains tx/s", "with the chains", "without the chains", ">= 0.9")(out),
    ]


def parse_intake(out: str) -> list[Row]:
    rows = []
    for label, text in sections(out):
        loaded = suffix(label)
        p95_target = "< 300" if loaded == " (load 1)" else ("< 150" if not loaded else "-")
        rows.append(Row(f"intake p50 ms{loaded}", find(rf"p50 {NUMBER} ms, p95", text)))
        rows.append(
            Row(f"intake p95 ms{loaded}", find(rf"p50 {NUMBER} ms, p95 {NUMBER} ms", text, 2), target=p95_target)
        )
        rows.append(
            Row(
                f"intake GUI stall ms{loaded}",
                find(rf"^longest GUI event-loop stall: {NUMBER} ms", text),
                target="-" if loaded else "< 50",
            )
        )
    return rows


def parse_startup(out: str) -> list[Row]:
    rows = [
        Row(
            "first start with demo seed s",
            find(rf"^first start \(demo shop seeded\): window {NUMBER} s, painted {NUMBER} s", out, 2),
        )
    ]
    for label, text in sections(out):
        loaded = suffix(label)
        rows.append(
            Row(
                f"startup window s{loaded}",
                find(rf"^window {NUMBER} s, painted", text),
                target="< 1.0" if not loaded else "-",
            )
        )
        rows.append(
            Row(
                f"startup painted s{loaded}",
                find(rf"^window {NUMBER} s, painted {NUMBER} s", text, 2),
                target="< 1.5" if not loaded else "-",
            )
        )
    return rows


def parse_board(out: str) -> list[Row]:
    rows = []
    for label, text in sections(out):
        loaded = suffix(label)
        medians = [num(m) for m in re.findall(rf"^filter .*? median\s+{NUMBER} ms", text, re.MULTILINE)]
        status = find(rf"^filter status completed\s+median\s+{NUMBER} ms", text)
        name = find(rf"^filter search name .*? median\s+{NUMBER} ms", text)
        raw_status = find(rf"^raw sqlite3 id query, status completed:\s+{NUMBER} ms", text)
        raw_name = find(rf"^raw sqlite3 id query, search name:\s+{NUMBER} ms", text)
        both = status + name if status is not None and name is not None else None
        raw_both = raw_status + raw_name if raw_status is not None and raw_name is not None else None
        rows += [
            Row(f"board first paint ms{loaded}", find(rf"^first paint:\s+{NUMBER} ms", text), target="< 1000"),
            Row(f"board slowest filter ms{loaded}", max(medians) if medians else None, target="< 300"),
            Row(f"board status+name filters ms{loaded}", both, raw_both, find(rf"^ratio {NUMBER}$", text)),
            Row(f"board worst jump ms{loaded}", find(rf"^jumps .*?worst\s+{NUMBER} ms", text), target="< 50"),
        ]
    return rows


def parse_inventory(out: str) -> list[Row]:
    rows = []
    for label, text in sections(out):
        loaded = suffix(label)
        filters = [
            find(rf"^status filter 'delivered'\s+{NUMBER} ms", text),
            find(rf"^product filter\s+{NUMBER} ms", text),
        ]
        slower = max(filters) if None not in filters else None
        rows += [
            Row(f"inventory first paint ms{loaded}", find(rf"^first paint\s+{NUMBER} ms", text), target="< 1000"),
            Row(
                f"inventory slower filter ms{loaded}",
                slower,
                find(rf"^raw sqlite3 id query\s+{NUMBER} ms", text),
                find(rf"^ratio {NUMBER}$", text),
                "< 300",
            ),
            Row(f"inventory worst jump ms{loaded}", find(rf"^worst of \d+ jumps\s+{NUMBER} ms", text), target="< 50"),
        ]
    return rows


def parse_flood(out: str) -> list[Row]:
    rows = []
    for label, text in sections(out):
        rows.append(
            Row(
                f"api p95 ms flooded (vs alone){suffix(label)}",
                find(rf"^flooded: p50 {NUMBER} ms, p95 {NUMBER} ms", text, 2),
                find(rf"^alone:\s+p50 {NUMBER} ms, p95 {NUMBER} ms", text, 2),
                find(rf"^ratio {NUMBER}$", text),
                ">= 0.5",
            )
        )
    return rows


def parse_backup(out: str) -> list[Row]:
    return [
        Row(
            "backup + verify s (vs raw .backup)",
            find(rf"^ShopDesk backup \+ verify:\s+{NUMBER} s", out),
            find(rf"^raw sqlite3 \.backup:\s+{NUMBER} s", out),
            find(rf"^ratio {NUMBER}$", out),
            ">= 0.3",
        )
    ]


def parse_analytics(out: str) -> list[Row]:
    figures = re.findall(rf"^  ShopDesk\s+{NUMBER} ms .*?raw\s+{NUMBER} ms\s+ratio {NUMBER}", out, re.MULTILINE)
    rows = []
    for name, target, found in zip(
        ("analytics today ms", "analytics cancellations ms"), ("< 300", "< 1000"), figures + [None] * 2, strict=False
    ):
        rows.append(Row(name, *(num(x) for x in found), target=target) if found else Row(name, None, target=target))
    rows.append(
        Row(
            "analytics both ms",
            find(rf"^both: ShopDesk {NUMBER} ms", out),
            find(rf"^both: ShopDesk {NUMBER} ms, raw {NUMBER} ms", out, 2),
            find(rf"^ratio {NUMBER}$", out),
            ">= 0.5",
        )
    )
    return rows


def parse_ai(out: str) -> list[Row]:
    return [
        Row("ai holdout accuracy", None, None, find(rf"^ratio {NUMBER}$", out), ">= 0.85"),
        Row("ai classify p95 ms", find(rf"p95 {NUMBER} ms per message", out), target="< 5"),
    ]


def parse_pg(out: str) -> list[Row]:
    return [
        *rate_pair("pg pay+deliver tx/s (2 processes)", "service layer", "raw psycopg", "-")(out),
        Row("pg change feed p95 ms", find(rf"^change feed.*?p95 {NUMBER} ms", out)),
    ]


BENCHES = [
    Bench(
        "delivery", "delivery.py", [], ["300"], rate_pair("pay+deliver tx/s", "service layer", "raw sqlite3", ">= 0.5")
    ),
    Bench(
        "rollback",
        "rollback.py",
        [],
        ["1000"],
        rate_pair("cancel+rollback tx/s", "service layer", "raw sqlite3", ">= 0.5"),
    ),
    Bench("import_keys", "import_keys.py", [], ["100000"], parse_import),
    Bench("login", "login.py", [], ["5", "--orders", "300"], parse_login, needs=["chain.py"]),
    Bench(
        "intake_latency",
        "intake_latency.py",
        ["--background-load", "1"],
        ["--duration", "10", "--background-load", "1"],
        parse_intake,
    ),
    Bench("startup", "startup.py", [], ["--runs", "3"], parse_startup),
    Bench("board_view", "board_view.py", [], ["100000"], parse_board, needs=["board_data.py"]),
    Bench("inventory_view", "inventory_view.py", [], ["100000"], parse_inventory),
    Bench("api_flood", "api_flood.py", [], ["--requests", "100"], parse_flood),
    Bench("backup", "backup.py", [], ["100000"], parse_backup),
    Bench("analytics", "analytics.py", [], ["10000"], parse_analytics),
    Bench("pg_delivery", "pg_delivery.py", [], ["200"], parse_pg),
    Bench("ai_track", "ai_track.py", ["--rounds", "1"], ["--rounds", "5"], parse_ai),
]
# chain.py runs inside login.py (its last lines); board_data.py builds board_view's shop; harness.py is shared.
NOT_BENCHES = {"harness.py", "board_data.py", "chain.py"}


# --- running them ----------------------------------------------------------------------------------------


@dataclass
class Run:
    output: str
    seconds: float
    code: int


def run_bench(bench: Bench, code_root: Path, quick: bool) -> Run:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(code_root), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "QT_QPA_PLATFORM": "offscreen",
        "QT_API": "pyside6",
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, str(BENCH / bench.script), *(bench.quick if quick else bench.args)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            cwd=code_root,  # `python -m shopdesk` in a bench puts its working directory first on sys.path
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=bench.timeout,
        )
        return Run(done.stdout, time.monotonic() - started, done.returncode)
    except subprocess.TimeoutExpired as exc:
        out = exc.output.decode() if isinstance(exc.output, bytes) else (exc.output or "")
        return Run(out + f"\n(timed out after {bench.timeout:.0f} s)", time.monotonic() - started, -1)


def checkout(ref: str, into: Path) -> Path:
    """REF's tree in `into` (git worktree add, detached), with the start-up probe carried in if REF lacks it."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(into), ref], check=True)
    if not (into / PROBE_FILES[0]).exists():
        added = subprocess.run(
            ["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%H", "--", PROBE_FILES[0]],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if added:
            patch = subprocess.run(
                ["git", "-C", str(ROOT), "show", "--format=", added[-1], "--", *PROBE_FILES],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            applied = subprocess.run(["git", "-C", str(into), "apply"], input=patch, text=True, capture_output=True)
            if applied.returncode != 0:
                print(f"note: the start-up probe does not apply to {ref}: {applied.stderr.strip()}", file=sys.stderr)
    return into


def remove_checkout(path: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], capture_output=True)
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)


# --- the table -------------------------------------------------------------------------------------------


def fmt(value: float | None, ratio: bool = False) -> str:
    if value is None:
        return "-"
    if ratio:
        return f"{value:.2f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(after: dict[str, list[Row]], before: dict[str, list[Row]] | None) -> str:
    header = (
        ["measure"]
        + (["before", "before ratio"] if before is not None else [])
        + ["ShopDesk", "raw", "ratio", "target"]
    )
    lines = []
    for name, rows in after.items():
        old = {row.measure: row for row in (before or {}).get(name, [])}
        for row in rows:
            cells = [row.measure]
            if before is not None:
                was = old.get(row.measure)
                cells += [fmt(was.ours if was else None), fmt(was.ratio if was else None, ratio=True)]
            cells += [fmt(row.ours), fmt(row.raw), fmt(row.ratio, ratio=True), row.target]
            lines.append(cells)
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=False)]

    def render(cells: list[str]) -> str:
        return " | ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([render(header), rule, *(render(cells) for cells in lines)])


def chosen(only: str | None) -> list[Bench]:
    if not only:
        return BENCHES
    names = [n.strip().removesuffix(".py") for n in only.split(",") if n.strip()]
    unknown = [n for n in names if n not in {b.name for b in BENCHES}]
    if unknown:
        sys.exit(f"unknown bench {', '.join(unknown)}; known: {', '.join(b.name for b in BENCHES)}")
    return [b for b in BENCHES if b.name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", metavar="NAME[,NAME...]", help="run these benches only (e.g. delivery,startup)")
    parser.add_argument("--quick", action="store_true", help="small sizes (a few minutes) instead of the defaults")
    parser.add_argument("--before", metavar="REF", help="also run the benches on REF's code: a before column")
    parser.add_argument("--show", action="store_true", help="print every bench's own output as it finishes")
    args = parser.parse_args(argv)
    benches = chosen(args.only)
    started = time.monotonic()
    after: dict[str, list[Row]] = {}
    before: dict[str, list[Row]] | None = {} if args.before else None
    failed: list[tuple[str, Run]] = []
    spent: dict[str, list[float]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="shopdesk-bench-before-")) if args.before else None
    try:
        old_root = checkout(args.before, tmp / "tree") if tmp is not None else None
        for i, bench in enumerate(benches):
            sides = [("after", ROOT)] + ([("before", old_root)] if old_root is not None else [])
            if i % 2 == 0:
                sides.reverse()  # before first, then after first, ...
            for side, code_root in sides:
                print(f"[{time.monotonic() - started:6.0f} s] {bench.name} ({side})", flush=True, file=sys.stderr)
                run = run_bench(bench, code_root, args.quick)
                spent.setdefault(bench.name, []).append(run.seconds)
                if args.show:
                    print(f"--- {bench.name} ({side}) ---\n{run.output}", flush=True)
                rows = bench.parse(run.output)
                if run.code != 0 or all(row.ours is None for row in rows):
                    failed.append((f"{bench.name} ({side}, exit {run.code})", run))
                (after if side == "after" else before)[bench.name] = rows
    finally:
        if tmp is not None:
            remove_checkout(tmp / "tree")
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(table(after, before))
    for name, run in failed:
        tail = "\n".join(run.output.rstrip().splitlines()[-8:])
        print(f"\n{name}:\n{tail}")
    total = time.monotonic() - started
    per = ", ".join(f"{name} {statistics.fsum(times):.0f} s" for name, times in spent.items())
    print(f"\n{'quick sizes' if args.quick else 'default sizes'}; {len(benches)} benches in {total:.0f} s ({per})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
