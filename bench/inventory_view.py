"""Inventory key browser on a million keys: first paint, random jumps, filter changes, against raw sqlite3.

    python bench/inventory_view.py [N] [--gc-freeze] [--background-load K]   (N keys, default 1,000,000)

With --background-load K the page is measured twice on the same shop, quiet and then beside K processes
burning CPU, each under its `== quiet ==` / `== background load: ... ==` heading.

Builds a shop in a temporary directory (removed afterwards): migrations through ShopApp, four products,
one real delivered order (its line holds the fake reserved/delivered keys), then N keys inserted with
sqlite3 executemany, statuses mixed at random. Secrets are fake ciphertext: the view never decrypts.

Then opens the real InventoryPage offscreen on a qasync loop and times, up to pixels on the viewport:
- first paint: page.load() started -> the key table's visible rows painted with real data;
- jumps: 100 scrollTo() to random rows -> that screenful painted with real data (worst and median; a jump
  that a full pass of Python's garbage collector landed in is shown with that pass's share);
- filter changes: status filter to 'delivered', then a product filter -> the new first rows painted (median
  of 5 rounds each).

For reference it times raw sqlite3 `SELECT id FROM card_key ORDER BY id` on the same file (interleaved with
the filter rounds, median), and prints last `ratio X` = raw id query / our slower filter change (higher is
better).
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from harness import add_background_load, background_load, condition_header, conditions  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

from shopdesk.app import ShopApp  # noqa: E402
from shopdesk.config import DB_FILENAME, load_config  # noqa: E402
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput  # noqa: E402
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders  # noqa: E402

PRODUCTS = (("GAME-QB-100", 0.4), ("PHONE-CM-50", 0.3), ("STEAM-200", 0.2), ("VPN-MONTH", 0.1))
STATUS_MIX = (
    ("available", 0.60),
    ("delivered", 0.30),
    ("void", 0.04),
    ("expired", 0.03),
    ("recalled", 0.02),
    ("reserved", 0.01),
)
CHUNK = 100_000
JUMPS = 100
ROUNDS = 5  # filter changes (and raw queries), medians reported
TARGETS = {"first paint": 1.0, "worst jump": 0.050, "filter change": 0.300}
FULL_GC: list[tuple[float, float]] = []  # (start, end) of the garbage collector's full passes
_full_gc_started = 0.0


def _watch_full_gc(phase: str, info: dict) -> None:
    global _full_gc_started
    if info["generation"] == 2:
        if phase == "start":
            _full_gc_started = time.perf_counter()
        else:
            FULL_GC.append((_full_gc_started, time.perf_counter()))


def ts(at: datetime) -> str:
    """How SQLAlchemy stores the UTC DateTime columns in SQLite."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build_shop(root: Path, n: int) -> Path:
    """A migrated shop with four products, one real delivered order and n keys; returns its data dir."""
    data_dir = root / "shop"
    app = ShopApp.open(load_config(data_dir))
    with app.db.write() as s:
        product_ids = [
            catalog.add_product(s, ProductInput(sku=sku, name=sku, price_fen=1000, kind="code+secret")).id
            for sku, _share in PRODUCTS
        ]
        inventory.add_keys(s, app.vault, product_ids[0], [("BENCH-0", "BENCH-ORDER-KEY-0")], actor="bench")
        customer = customers.add_customer(s, "bench")
        order = orders.create_order(s, customer.id, [(PRODUCTS[0][0], 1)], actor="bench")
        orders.pay_order(s, order.id, method="alipay", trade_no="BENCH-T-1", actor="bench")
        line_id = order.lines[0].id
    app.close()

    con = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    rng = random.Random(7)
    now = datetime.now(UTC)
    con.execute("BEGIN IMMEDIATE")
    batch_ids = []
    for pid in product_ids:
        cur = con.execute(
            "INSERT INTO key_batch (product_id, supplier, unit_cost_fen, note, imported_by, imported_at, key_count)"
            " VALUES (?, 'bench supplier', 0, '', 'bench', ?, 0)",
            (pid, ts(now - timedelta(days=30))),
        )
        batch_ids.append(cur.lastrowid)
    statuses = [s for s, _ in STATUS_MIX]
    status_weights = [w for _, w in STATUS_MIX]
    product_weights = [w for _, w in PRODUCTS]
    expiries = [None, ts(now + timedelta(days=3)), ts(now + timedelta(days=20)), ts(now + timedelta(days=365))]
    changed = [ts(now - timedelta(minutes=m)) for m in range(0, 60 * 24 * 30, 7)]
    fake_enc = os.urandom(60)
    for start in range(0, n, CHUNK):
        size = min(CHUNK, n - start)
        which = rng.choices(range(len(product_ids)), product_weights, k=size)
        status = rng.choices(statuses, status_weights, k=size)
        rows = []
        for j in range(size):
            i = start + j
            st = status[j]
            rows.append(
                (
                    product_ids[which[j]],
                    batch_ids[which[j]],
                    f"{8600000000000000 + i}",
                    fake_enc,
                    i.to_bytes(32, "big"),
                    f"{i % 10000:04d}",
                    st,
                    line_id if st in ("reserved", "delivered") else None,
                    expiries[i % 4] if st != "expired" else ts(now - timedelta(days=1)),
                    changed[i % len(changed)],
                )
            )
        con.executemany(
            "INSERT INTO card_key (product_id, batch_id, card_no, secret_enc, secret_hash, secret_tail, status,"
            " order_line_id, expires_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    con.execute("UPDATE key_batch SET key_count = (SELECT count(*) FROM card_key WHERE batch_id = key_batch.id)")
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return data_dir


def raw_id_query(con: sqlite3.Connection) -> float:
    """The plain id query with the stdlib driver, rows fetched into Python."""
    t0 = time.perf_counter()
    ids = con.execute("SELECT id FROM card_key ORDER BY id").fetchall()
    elapsed = time.perf_counter() - t0
    del ids
    return elapsed


async def painted(page, row: int | None = None) -> None:
    """Return once the visible rows (and `row`) hold real data and the viewport has been painted with them."""
    table, model = page.keys_table, page.keys_model
    viewport = table.viewport()
    arrived = asyncio.Event()
    model.dataChanged.connect(arrived.set)
    model.modelReset.connect(arrived.set)
    try:
        while True:
            arrived.clear()
            viewport.repaint()  # paints now; data() asks for the rows not cached yet
            first = max(table.rowAt(0), 0)
            last = table.rowAt(viewport.height() - 1)
            last = model.rowCount() - 1 if last < 0 else last
            rows = [*range(first, last + 1), *([] if row is None else [row])]
            if all(model.row_of(r) is not None for r in rows):
                return
            await arrived.wait()
    finally:
        model.dataChanged.disconnect(arrived.set)
        model.modelReset.disconnect(arrived.set)


async def measure(data_dir: Path, *, freeze: bool) -> dict[str, float | list[float]]:
    from shopdesk.ui.ops import Ops
    from shopdesk.ui.pages.inventory import InventoryPage

    ops = Ops()
    page = InventoryPage(ops)  # built before the shop opens, as in the app
    page.resize(1280, 900)
    page.show()
    ops.attach(await ops.call(ShopApp.open, load_config(data_dir)))
    model = page.keys_model
    out: dict[str, float | list[float]] = {}
    try:
        reset = asyncio.Event()
        model.modelReset.connect(reset.set)
        t0 = time.perf_counter()
        loading = asyncio.ensure_future(page.load())
        await reset.wait()
        await painted(page)
        out["first paint"] = time.perf_counter() - t0
        await loading
        out["whole load"] = time.perf_counter() - t0
        model.modelReset.disconnect(reset.set)
        assert model.rowCount() > 0 and model.data(model.index(0, 0)) != "…"
        if freeze:
            gc.collect()
            gc.freeze()

        rng = random.Random(11)
        jumps, in_full_gc = [], []
        for _ in range(JUMPS):
            row = rng.randrange(model.rowCount())
            passes = len(FULL_GC)
            t0 = time.perf_counter()
            page.keys_table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
            await painted(page, row)
            jumps.append(time.perf_counter() - t0)
            in_full_gc.append(sum(end - start for start, end in FULL_GC[passes:]))
        out["jumps"], out["jumps in full gc"] = jumps, in_full_gc

        async def change(combo, value) -> float:
            reset = asyncio.Event()
            model.modelReset.connect(reset.set)
            t0 = time.perf_counter()
            combo.setCurrentIndex(combo.findData(value))
            await reset.wait()
            await painted(page)
            elapsed = time.perf_counter() - t0
            model.modelReset.disconnect(reset.set)
            return elapsed

        # Interleaved with the raw query, so that load from other processes weighs on both sides alike.
        product_id = page.product_filter.itemData(1)
        status_times, product_times, raw_times = [], [], []
        raw = sqlite3.connect(data_dir / DB_FILENAME)
        for _ in range(ROUNDS):
            raw_times.append(raw_id_query(raw))
            status_times.append(await change(page.status_filter, "delivered"))
            product_times.append(await change(page.product_filter, product_id))
            await change(page.status_filter, None)
            await change(page.product_filter, None)
        raw.close()
        out["status filter"] = statistics.median(status_times)
        out["product filter"] = statistics.median(product_times)
        out["raw"] = statistics.median(raw_times)
    finally:
        page.close()
        page.deleteLater()
        ops.shutdown()
    return out


def print_figures(figures: dict) -> None:
    jumps = figures["jumps"]
    filter_s = max(figures["status filter"], figures["product filter"])

    def line(name: str, value: float, target: float | None) -> None:
        verdict = "" if target is None else ("  ok" if value < target else f"  MISSED (target < {target * 1e3:.0f} ms)")
        print(f"{name:<28}{value * 1e3:9.1f} ms{verdict}")

    line("first paint", figures["first paint"], TARGETS["first paint"])
    line("whole page load", figures["whole load"], None)
    worst = max(range(len(jumps)), key=jumps.__getitem__)
    line(f"worst of {len(jumps)} jumps", jumps[worst], TARGETS["worst jump"])
    if figures["jumps in full gc"][worst]:
        # A full pass of Python's garbage collector over the whole process (Qt wrappers, SQLAlchemy...) can
        # land in any one event; the app could gc.freeze() what it built at start-up to keep such passes short.
        line("  of which a full GC pass", figures["jumps in full gc"][worst], None)
        line(
            "worst jump without one",
            max(j for j, g in zip(jumps, figures["jumps in full gc"], strict=True) if not g),
            TARGETS["worst jump"],
        )
    line("median jump", statistics.median(jumps), None)
    line("status filter 'delivered'", figures["status filter"], TARGETS["filter change"])
    line("product filter", figures["product filter"], TARGETS["filter change"])
    line("raw sqlite3 id query", figures["raw"], None)
    print(f"ratio {figures['raw'] / filter_s:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the first load, as the app could after start-up: full GC passes stay short",
    )
    add_background_load(parser)
    args = parser.parse_args()
    import qasync

    root = Path(tempfile.mkdtemp(prefix="shopdesk-bench-inventory-"))
    try:
        t0 = time.perf_counter()
        data_dir = build_shop(root, args.n)
        print(f"keys: {args.n:,} over {len(PRODUCTS)} products (shop built in {time.perf_counter() - t0:.1f} s)")

        gc.callbacks.append(_watch_full_gc)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            for label, load in conditions(args.background_load):
                if args.background_load:
                    condition_header(label)
                with background_load(load):
                    print_figures(loop.run_until_complete(measure(data_dir, freeze=args.gc_freeze)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
