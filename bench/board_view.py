"""The order board on a 1,000,000-order shop: first paint, filter changes and random jumps, offscreen.

    python bench/board_view.py [N] [--data DIR] [--background-load K]
    (N orders, default 1,000,000; DIR keeps the shop for reruns; K: measure again beside K CPU-burning processes)

The shop is built by bench/board_data.py (migrations, then sqlite3 executemany; not timed here). The real
Orders page (shopdesk.ui.pages.orders.OrdersPage) runs on the qasync loop with its DB thread, as in the app:

- first paint: page.load() until the first screen's rows are real (not placeholders) and painted;
- filter change: a status (the most common one), a product, the last 7 days, a customer-name search, a
  trade-number search, a fragment of order numbers ("000154"), a two-character name prefix, back to
  everything — each from a settled board (the previous filter's ids all in) until the new first screen is real
  and painted; 5 rounds, median and worst; the row count
  printed is the final one (the first screen shows the newest 500, the rest follow);
- jumps: 100 random rows over the whole board, each scrollTo + wait for the row + repaint.

After the first paint the bench runs `gc.collect(); gc.freeze()`, as the app does once started.

Targets: first paint < 1 s, filter change < 300 ms, worst jump < 50 ms. For the status and name-search
filters the same id query is also run with plain sqlite3 (rows iterated into an array, as a hand-written
loader would); the last line is `ratio X` = raw id-query time / our filter time (medians, whole change
until painted; higher is better).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from array import array
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import qasync  # noqa: E402
from board_data import build  # noqa: E402
from harness import add_background_load, background_load, condition_header, conditions  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

from shopdesk.app import ShopApp  # noqa: E402
from shopdesk.config import DB_FILENAME, load_config  # noqa: E402
from shopdesk.ui.models.orders import PLACEHOLDER  # noqa: E402
from shopdesk.ui.ops import Ops  # noqa: E402
from shopdesk.ui.pages.orders import OrdersPage  # noqa: E402

FRAGMENT = "000154"  # part of an order number: SD20261201000154, ... (issue 13's search that finds)
JUMPS = 100
ROUNDS = 5  # each filter change is timed this many times (median and worst printed)
TIMEOUT_S = 30

RAW_STATUS = "SELECT id FROM orders WHERE status = ? ORDER BY id DESC"
RAW_SEARCH = """
SELECT id FROM orders WHERE id IN (
    SELECT id FROM orders WHERE number = :t
    UNION ALL SELECT id FROM orders WHERE source IN ('desk', 'api', 'simulator', 'demo') AND external_id = :t
    UNION ALL SELECT order_id FROM payment WHERE trade_no = :t
    UNION ALL SELECT id FROM orders WHERE customer_id IN (
        SELECT id FROM customer WHERE name LIKE :like ESCAPE '\\' OR contact LIKE :like ESCAPE '\\'))
ORDER BY id DESC
"""


async def until(predicate, what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not predicate():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


def screen_is_real(page: OrdersPage) -> bool:
    """Every row on screen has its data (asking counts as the paint asking: a missing block is requested)."""
    table, model = page.table, page.model
    if model.rowCount() == 0:
        return True
    first = max(0, table.rowAt(0))
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    return all(model.index(r, 0).data() != PLACEHOLDER for r in range(first, last + 1))


async def settle(page: OrdersPage) -> float:
    """Wait until the first screen is real, paint it; returns the time the paint finished."""
    await until(lambda: screen_is_real(page), "the screen's rows")
    page.table.viewport().repaint()
    return time.perf_counter()


async def settled(page: OrdersPage, ops: Ops) -> None:
    """The previous filter's ids are all in and the DB thread is idle: a person looks before clicking again."""
    await until(lambda: not page.model.loading, "the rest of the ids")
    await ops.read(lambda session: None)


async def change_filter(page: OrdersPage, ops: Ops, apply, expect) -> tuple[float, int]:
    await settled(page, ops)
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    started = time.perf_counter()
    apply()
    await until(lambda: resets and expect(page.model.filter), "the new filter's rows")
    done = await settle(page)
    page.model.modelReset.disconnect()
    await settled(page, ops)
    return done - started, page.model.rowCount()


def raw_ids(db: Path, sql: str, params) -> tuple[float, int]:
    con = sqlite3.connect(db)
    try:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            ids = array("q", (row[0] for row in con.execute(sql, params)))
            best = min(best, time.perf_counter() - started)
        return best, len(ids)
    finally:
        con.close()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


async def run(data_dir: Path, n: int) -> None:
    db = data_dir / DB_FILENAME
    con = sqlite3.connect(db)
    customers = con.execute("SELECT count(*) FROM customer").fetchone()[0]
    name = con.execute(
        "SELECT name FROM customer ORDER BY id LIMIT 1 OFFSET ?", (min(777, customers // 2),)
    ).fetchone()[0]
    payments = con.execute("SELECT count(*) FROM payment").fetchone()[0]
    trade = con.execute(  # the 123,457th payment (the middle one on a small shop)
        "SELECT trade_no FROM payment ORDER BY id LIMIT 1 OFFSET ?", (min(123456, payments // 2),)
    ).fetchone()[0]
    product = con.execute("SELECT id, sku FROM product ORDER BY id LIMIT 1 OFFSET 2").fetchone()
    con.close()

    ops = Ops()
    shop = await ops.call(ShopApp.open, load_config(data_dir))
    ops.attach(shop)
    page = OrdersPage(ops)
    page.resize(1280, 780)
    page.show()
    try:
        started = time.perf_counter()
        loading = asyncio.ensure_future(page.load())
        await until(lambda: page.model.rowCount() > 0, "the first ids")
        first_paint = await settle(page) - started
        await loading
        await settled(page, ops)
        print(f"first paint:                {ms(first_paint)}  ({page.model.rowCount():,} orders)   target < 1000 ms")
        gc.collect()  # as the app does once started (shopdesk/ui/main.py)
        gc.freeze()

        bar = page.filters
        changes = [
            (
                "status completed",
                lambda: bar.status.setCurrentIndex(bar.status.findData("completed")),
                lambda f: f.status == "completed",
            ),
            ("status all", lambda: bar.status.setCurrentIndex(0), lambda f: f.status is None),
            (
                f"product {product[1]}",
                lambda: bar.product.setCurrentIndex(bar.product.findData(product[0])),
                lambda f: f.product_id == product[0],
            ),
            ("product all", lambda: bar.product.setCurrentIndex(0), lambda f: f.product_id is None),
            (
                "last 7 days",
                lambda: bar.dates.setCurrentIndex(bar.dates.findData("7d")),
                lambda f: f.created_from is not None,
            ),
            ("any time", lambda: bar.dates.setCurrentIndex(0), lambda f: f.created_from is None),
            (f"search name {name}", lambda: _search(bar, name), lambda f: f.search == name),
            (f"search trade {trade}", lambda: _search(bar, trade), lambda f: f.search == trade),
            # any fragment of a number (FTS5 trigram on SQLite), and a name's two-character prefix
            (f"search fragment {FRAGMENT}", lambda: _search(bar, FRAGMENT), lambda f: f.search == FRAGMENT),
            (f"search prefix {name[:2]}", lambda: _search(bar, name[:2]), lambda f: f.search == name[:2]),
            ("search cleared", lambda: _search(bar, ""), lambda f: f.search == ""),
        ]
        took: dict[str, list[float]] = {label: [] for label, _, _ in changes}
        counts: dict[str, int] = {}
        for _ in range(ROUNDS):
            for label, apply, expect in changes:
                seconds, counts[label] = await change_filter(page, ops, apply, expect)
                took[label].append(seconds)
        for label, times in took.items():
            print(
                f"filter {label:<30} median {ms(statistics.median(times))}  worst {ms(max(times))}  "
                f"({counts[label]:,} orders)   target < 300 ms"
            )

        await settled(page, ops)
        rng = random.Random(3)
        total = page.model.rowCount()
        table = page.table
        jumps = []
        for _ in range(JUMPS):
            row = rng.randrange(total)
            started = time.perf_counter()
            table.scrollTo(page.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
            table.viewport().repaint()  # the paint asks for the rows it lacks
            await until(lambda r=row: page.model.index(r, 0).data() != PLACEHOLDER, "the row")
            jumps.append(await settle(page) - started)
            await asyncio.sleep(0.01)  # a person does not jump 100 times a second
        if os.environ.get("BENCH_VERBOSE"):
            print("jumps (ms):", " ".join(f"{j * 1000:.0f}" for j in jumps))
        jumps.sort()
        print(
            f"jumps ({JUMPS} random rows):    worst {ms(jumps[-1])}  median {ms(statistics.median(jumps))}  "
            f"p95 {ms(jumps[int(0.95 * JUMPS) - 1])}   target worst < 50 ms"
        )
    finally:
        page.close()
        ops.shutdown()

    raw_status, n_status = raw_ids(db, RAW_STATUS, ("completed",))
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    raw_search, n_search = raw_ids(db, RAW_SEARCH, {"t": name, "like": f"%{escaped}%"})
    print(f"raw sqlite3 id query, status completed: {ms(raw_status)}  ({n_status:,} ids)")
    print(f"raw sqlite3 id query, search name:      {ms(raw_search)}  ({n_search:,} ids)")
    ours = statistics.median(took["status completed"]) + statistics.median(took[f"search name {name}"])
    print(f"ratio {(raw_status + raw_search) / ours:.2f}")


def _search(bar, text: str) -> None:
    bar.search.setText(text)
    bar.search.returnPressed.emit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, help="keep the shop here (built on the first run, reused after)")
    add_background_load(parser)
    args = parser.parse_args()
    data_dir = args.data or Path(tempfile.mkdtemp(prefix="shopdesk-board-"))
    try:
        if not (data_dir / DB_FILENAME).exists():
            started = time.perf_counter()
            build(data_dir, args.n)
            print(f"built {args.n:,} orders in {time.perf_counter() - started:.1f} s (not timed below)")
        app = QApplication(sys.argv[:1])
        loop = qasync.QEventLoop(app, already_running=False)
        asyncio.set_event_loop(loop)
        with loop:
            for label, load in conditions(args.background_load):
                if args.background_load:
                    condition_header(label)
                with background_load(load):
                    loop.run_until_complete(run(data_dir, args.n))
    finally:
        if args.data is None:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
