"""tools/bench_all.py reads the benches' own lines into one table: canned outputs, as the scripts print them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench_all", ROOT / "tools" / "bench_all.py")
bench_all = importlib.util.module_from_spec(spec)
sys.modules["bench_all"] = bench_all  # dataclasses look their module up
spec.loader.exec_module(bench_all)

DELIVERY = """\
payments: 1000 per side (+20 warm-up), each pay external + deliver in one transaction
service layer:     608.9 tx/s  (1.642 ms per payment)
raw sqlite3:      2534.1 tx/s  (0.395 ms per payment)
ratio 0.24
"""

INTAKE = """\
== quiet ==
storefront: 1500 orders, 1452 payments in 30 s at 50/s; 0 errors
payment answered -> row delivered on the board: p50 60 ms, p95 406 ms, max 571 ms (1452 orders; 0 not seen)
longest GUI event-loop stall: 276 ms
== background load: 1 busy process ==
storefront: 1500 orders, 1440 payments in 30 s at 50/s; 0 errors
payment answered -> row delivered on the board: p50 900 ms, p95 3800 ms, max 4100 ms (1440 orders; 0 not seen)
longest GUI event-loop stall: 410 ms
targets: p95 < 150 ms (300 ms with --background-load 1), stall < 50 ms
"""

STARTUP = """\
first start (demo shop seeded): window 4.80 s, painted 27.16 s
top imports by cumulative time (-X importtime, one launch):
    4.65 s  shopdesk.ui.main
== quiet ==
  run 1: window 2.24 s, painted 3.06 s
targets: window < 1.0 s, painted < 1.5 s (median of 5)
window 2.24 s, painted 3.06 s
"""

IMPORT = """\
keys:            1,000,000
service import:    21.10 s        47,393 keys/s
raw executemany:   12.50 s        80,000 keys/s
peak memory:          356 MB (process, after the service import; 120 MB before)
ratio 0.59
"""


def rows_by_measure(rows):
    return {row.measure: row for row in rows}


def test_a_rate_pair_gives_both_rates_and_the_ratio():
    (row,) = bench_all.rate_pair("pay+deliver tx/s", "service layer", "raw sqlite3", ">= 0.5")(DELIVERY)
    assert (row.ours, row.raw, row.ratio, row.target) == (608.9, 2534.1, 0.24, ">= 0.5")


def test_a_latency_bench_gives_one_set_of_rows_per_condition():
    rows = rows_by_measure(bench_all.parse_intake(INTAKE))
    assert rows["intake p95 ms"].ours == 406 and rows["intake p95 ms"].target == "< 150"
    assert rows["intake GUI stall ms"].ours == 276
    assert rows["intake p95 ms (load 1)"].ours == 3800 and rows["intake p95 ms (load 1)"].target == "< 300"
    assert rows["intake GUI stall ms (load 1)"].ours == 410
    assert rows["intake p95 ms"].raw is None and rows["intake p95 ms"].ratio is None


def test_startup_reads_the_medians_and_the_first_start_apart():
    rows = rows_by_measure(bench_all.parse_startup(STARTUP))
    assert rows["startup window s"].ours == 2.24 and rows["startup painted s"].ours == 3.06
    assert rows["first start with demo seed s"].ours == 27.16


def test_thousands_separators_are_read():
    rows = rows_by_measure(bench_all.parse_import(IMPORT))
    assert rows["key import keys/s"].ours == 47393 and rows["key import keys/s"].raw == 80000
    assert rows["key import peak memory MB"].ours == 356


def test_a_failed_bench_gives_empty_figures_and_the_table_shows_dashes():
    rows = bench_all.parse_intake("Traceback (most recent call last):\n  ...\nRuntimeError: boom\n")
    assert all(row.ours is None for row in rows)
    text = bench_all.table({"intake_latency": rows}, None)
    assert text.splitlines()[0].split(" | ")[0].strip() == "measure"
    assert "intake p95 ms" in text and " - " in text


def test_the_before_column_stands_beside_shopdesk():
    after = {"delivery": bench_all.rate_pair("pay+deliver tx/s", "service layer", "raw sqlite3", ">= 0.5")(DELIVERY)}
    before_out = DELIVERY.replace("608.9", "400.0").replace("ratio 0.24", "ratio 0.16")
    before = {"delivery": bench_all.rate_pair("pay+deliver tx/s", "service layer", "raw sqlite3", ">= 0.5")(before_out)}
    header, _rule, line = bench_all.table(after, before).splitlines()
    cells = [c.strip() for c in line.split(" | ")]
    assert [c.strip() for c in header.split(" | ")] == [
        "measure",
        "before",
        "before ratio",
        "ShopDesk",
        "raw",
        "ratio",
        "target",
    ]
    assert cells == ["pay+deliver tx/s", "400", "0.16", "609", "2,534", "0.24", ">= 0.5"]


def test_every_script_in_bench_is_run_or_named_as_not_a_bench():
    scripts = {path.name for path in (ROOT / "bench").glob("*.py")}
    assert scripts == {bench.script for bench in bench_all.BENCHES} | bench_all.NOT_BENCHES
